"""Certificates and reports: choose a round and a kind of document, make them in a batch with a
progress bar and Cancel (a certificate batch stops after the document in hand), see the files
written, preview the first page of a PDF (QtPdf), and open the output folder. The files list
and the preview pane are :mod:`ui.views.document_files`.

The batch runs ``reports.jobs.make_documents`` on the background helper: the same plain job a
script could run, which checks the user's right itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCompleter,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.services import tambons as tambon_service
from evaluator.services.certificate_register import verify_page_url
from evaluator.services.users import get_user
from reports.jobs import (
    CERTIFICATE_KINDS,
    DocumentKind,
    DocumentRequest,
    DocumentResult,
    document_kinds,
    kind_of,
)
from reports.signing import (
    PASSPHRASE_ENV,
    installed_pkcs12,
    installed_pkcs12_info,
    key_protection,
    signing_folder,
)
from ui.context import AppContext
from ui.dialogs.signing_secrets import ask_key_passphrase, ask_pkcs12_password
from ui.geometry import scrolling
from ui.icons import icon
from ui.labels import document_kind_title
from ui.models.keyed import SortProxy
from ui.tasks import Task, TaskControl
from ui.views.base import View
from ui.views.document_files import OutputFilesModel, PdfPreview, default_folder, list_outputs
from ui.widgets import RoundCombo, fit_columns, restore_splitter, setup_table

KIND_ROLE = Qt.ItemDataRole.UserRole


class DocumentsView(View):
    key = "documents"
    generated = Signal(object)  # the DocumentResult of a finished (or cancelled) batch
    previewed = Signal(str)  # the path of the PDF on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("documentsView")
        self.task: Task | None = None
        self.result: DocumentResult | None = None
        self._holder: DocumentResult | None = None
        layout = QHBoxLayout(self)

        # what to make ---------------------------------------------------------------------
        left = QWidget()
        form_box = QVBoxLayout(left)
        form_box.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("round")
        form.addRow(self.tr("รอบ"), self.round)
        self.round_state = QLabel("")
        self.round_state.setObjectName("roundState")
        self.round_state.setWordWrap(True)
        form.addRow(self.round_state)
        form_box.addLayout(form)
        kinds_box = QGroupBox(self.tr("เอกสาร"))
        kinds_layout = QVBoxLayout(kinds_box)
        self.kinds = QListWidget()
        self.kinds.setObjectName("kinds")
        self.kinds.setMinimumWidth(260)
        # four kinds at least, however small the screen (the pane scrolls below)
        self.kinds.setMinimumHeight(self.kinds.fontMetrics().height() * 4 + 40)
        for kind in document_kinds():
            item = QListWidgetItem(document_kind_title(kind.key, kind.title))
            item.setData(KIND_ROLE, kind.key)
            item.setIcon(icon("documents"))
            why = self.why_not(kind)
            if why:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(why)
                item.setText(f"{item.text()} — {why}")
            self.kinds.addItem(item)
        kinds_layout.addWidget(self.kinds)
        form_box.addWidget(kinds_box, 1)
        out_form = QFormLayout()
        self.tambon = QLineEdit()
        self.tambon.setObjectName("tambonCode")
        self.tambon.setPlaceholderText(self.tr("พิมพ์ชื่อหรือรหัสตำบล"))
        self.tambon.setClearButtonEnabled(True)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.tambon.setCompleter(self.completer)
        self._tambons_loaded = False
        self.tambon_label = QLabel(self.tr("ตำบล"))
        out_form.addRow(self.tambon_label, self.tambon)
        self.folder = QLineEdit()
        self.folder.setObjectName("folder")
        stored = ctx.settings.store.value("documents/folder", "")
        self.folder.setText(str(stored) if stored else str(default_folder()))
        browse = QPushButton(icon("folder"), self.tr("เลือก…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        out_form.addRow(self.tr("บันทึกที่"), row)
        self.target = QLabel("")
        self.target.setObjectName("target")
        self.target.setWordWrap(True)
        self.target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        out_form.addRow(self.target)
        self.signing_key = QLabel("")
        self.signing_key.setObjectName("signingKey")
        self.signing_key.setWordWrap(True)
        out_form.addRow(self.signing_key)
        form_box.addLayout(out_form)
        buttons = QHBoxLayout()
        self.generate_button = QPushButton(icon("documents"), self.tr("สร้างเอกสาร"))
        self.generate_button.setObjectName("generate")
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton(self.tr("ยกเลิก"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button = QPushButton(icon("folder"), self.tr("เปิดโฟลเดอร์"))
        self.open_button.setObjectName("openFolder")
        self.open_button.clicked.connect(self.open_folder)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        form_box.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v / %m")
        self.progress.hide()
        form_box.addWidget(self.progress)
        self.stage = QLabel("")
        self.stage.setObjectName("stage")
        self.stage.setWordWrap(True)
        form_box.addWidget(self.stage)
        self.messages = QLabel("")
        self.messages.setObjectName("messages")
        self.messages.setWordWrap(True)
        self.messages.setStyleSheet("QLabel#messages { color: #7a4b00; }")
        form_box.addWidget(self.messages)

        # what was made ----------------------------------------------------------------------
        self.files = OutputFilesModel(self)
        self.files_proxy = SortProxy(self)
        self.files_proxy.setSourceModel(self.files)
        self.files_view = QTableView()
        self.files_view.setObjectName("files")
        self.files_view.setModel(self.files_proxy)
        setup_table(self.files_view, ctx.settings, "documents")
        self.files_view.selectionModel().currentRowChanged.connect(lambda *_: self._file_chosen())
        self.files_view.activated.connect(lambda _i: self.open_file())
        files_box = QWidget()
        files_layout = QVBoxLayout(files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        self.files_label = QLabel(self.tr("ไฟล์ในโฟลเดอร์"))
        self.files_label.setObjectName("filesLabel")
        files_layout.addWidget(self.files_label)
        files_layout.addWidget(self.files_view, 1)

        # preview ----------------------------------------------------------------------------
        preview_box = PdfPreview(self)
        self.pdf, self.preview, self.preview_label = (
            preview_box.pdf,
            preview_box.view,
            preview_box.label,
        )
        self.preview_box = preview_box

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        # the choices pane scrolls when its wrapped notes (the signing key's, the target
        # folder's) are taller than the screen leaves, e.g. 1366×768 at 150 %, instead of
        # squeezing them over each other
        left_area = scrolling(left)
        left_area.setObjectName("documentsForm")
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        left_area.setMinimumWidth(left.minimumSizeHint().width() + bar + 2)
        self.splitter.addWidget(left_area)
        self.splitter.addWidget(files_box)
        self.splitter.addWidget(preview_box)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([400, 420, 620])
        restore_splitter(self.splitter, ctx.settings, "documents")
        layout.addWidget(self.splitter)

        self.round.round_changed.connect(lambda _c: self._round_changed())
        self.kinds.currentItemChanged.connect(lambda *_: self._kind_changed())
        self.folder.editingFinished.connect(self._folder_changed)
        first = next(
            (
                i
                for i in range(self.kinds.count())
                if self.kinds.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
            ),
            -1,
        )
        if first >= 0:
            self.kinds.setCurrentRow(first)
        self._kind_changed()

    # kinds ------------------------------------------------------------------------------------
    def why_not(self, kind: DocumentKind) -> str:
        """Why this kind cannot be made here ('' when it can)."""
        if not self.ctx.can(kind.action):
            return self.tr("ไม่มีสิทธิ์")
        if not kind.available:
            return self.tr("ยังไม่มีในรุ่นนี้")
        return ""

    def kind(self) -> DocumentKind | None:
        item = self.kinds.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return kind_of(str(item.data(KIND_ROLE)))

    def choose_kind(self, key: str) -> None:
        for i in range(self.kinds.count()):
            if self.kinds.item(i).data(KIND_ROLE) == key:
                self.kinds.setCurrentRow(i)
                return
        raise KeyError(key)

    def _kind_changed(self) -> None:
        kind = self.kind()
        per_tambon = bool(kind and kind.per_tambon)
        self.tambon.setVisible(per_tambon)
        self.tambon_label.setVisible(per_tambon)
        if per_tambon and not self._tambons_loaded:
            self._load_tambons()
        self._show_signing_key(kind)
        self._update_buttons()

    def _load_tambons(self) -> None:
        """Fill the tambon completion ("name district province (code)") in the background."""
        self._tambons_loaded = True
        db, user_id = self.ctx.db, self.ctx.user.id

        def job(control: TaskControl) -> list[str]:
            rows = tambon_service.list_tambons(db, get_user(db, user_id))
            return [f"{r.tambon} {r.district} {r.province} ({r.code})" for r in rows]

        task = self.ctx.tasks.start(job, "tambon names")
        task.finished.connect(lambda names: self.completer.model().setStringList(names))  # type: ignore[attr-defined]

    def tambon_code(self) -> str | None:
        """The six-digit code typed or chosen in the tambon box."""
        found = re.findall(r"\d{6}", self.tambon.text())
        return found[-1] if found else None

    # loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        self.rounds = tambon_service.list_rounds(self.ctx.db)
        self.round.set_rounds(self.rounds)
        self._round_changed()
        self.ctx.events.data_loaded.emit(self.key)

    def _round_changed(self) -> None:
        code = self.round.code()
        ref = next((r for r in getattr(self, "rounds", []) if r.code == code), None)
        if ref is None:
            self.round_state.setText(self.tr("ยังไม่มีรอบการประกวด"))
        elif ref.finalised:
            self.round_state.setText(self.tr("ยืนยันผลแล้ว: เอกสารเป็นฉบับจริง"))
            self.round_state.setStyleSheet("QLabel#roundState { color: #1b7a3a; }")
        else:
            self.round_state.setText(self.tr("ยังไม่ยืนยันผล: เกียรติบัตรและโล่จะเป็นฉบับร่าง"))
            self.round_state.setStyleSheet("QLabel#roundState { color: #a3261b; }")
        self.refresh_files()
        self._update_buttons()

    def _folder_changed(self) -> None:
        self.ctx.settings.store.setValue("documents/folder", self.folder.text().strip())
        self.refresh_files()

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("เลือกโฟลเดอร์"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self._folder_changed()

    def out_dir(self) -> Path | None:
        code = self.round.code()
        base = self.folder.text().strip()
        if not code or not base:
            return None
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in code)
        return Path(base).expanduser() / safe

    def refresh_files(self) -> None:
        out = self.out_dir()
        self.target.setText(self.tr("ไฟล์ของรอบนี้อยู่ใน %1").replace("%1", str(out)) if out else "")
        files = list_outputs(out) if out else []
        self.files.set_records(files)
        fit_columns(self.files_view)
        self.files_label.setText(self.tr("ไฟล์ในโฟลเดอร์ (%1)").replace("%1", f"{len(files):,}"))
        self.open_button.setEnabled(out is not None and out.is_dir())

    def _update_buttons(self) -> None:
        running = self.task is not None
        self.generate_button.setEnabled(
            not running and self.kind() is not None and self.round.code() is not None
        )
        self.cancel_button.setEnabled(running)
        self.kinds.setEnabled(not running)
        self.round.setEnabled(not running)

    # generating -------------------------------------------------------------------------------
    def generate(self) -> None:
        kind = self.kind()
        out = self.out_dir()
        code = self.round.code()
        if kind is None or out is None or code is None or self.task is not None:
            return
        tambon = self.tambon_code()
        if kind.per_tambon and not tambon:
            self.stage.setText(self.tr("พิมพ์ชื่อหรือรหัสตำบลแล้วเลือกจากรายการก่อน"))
            return
        password: str | None = None
        if kind.key in CERTIFICATE_KINDS and self.department_key() is not None:
            password = self.ask_pkcs12_password()
            if password is None:
                self.stage.setText(self.tr("ยกเลิก: ไม่ได้ใส่รหัสผ่านของกุญแจลงนาม"))
                return
        passphrase: str | None = None
        if kind.key in CERTIFICATE_KINDS and password is None and self.needs_key_passphrase():
            passphrase = self.ask_key_passphrase()
            if passphrase is None:
                self.stage.setText(self.tr("ยกเลิก: ไม่ได้ใส่รหัสผ่านของกุญแจลงนาม"))
                return
        request = DocumentRequest(
            kind.key,
            code,
            out,
            tambon_code=tambon,
            pkcs12_password=password,
            key_passphrase=passphrase,
        )
        db, user_id = self.ctx.db, self.ctx.user.id
        holder = DocumentResult(kind.key, out)
        self._holder = holder
        self.messages.setText("")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stage.setText(self.tr("กำลังเริ่ม…"))

        def job(control: TaskControl) -> DocumentResult:
            from reports.jobs import make_documents

            user = get_user(db, user_id)
            return make_documents(
                db, user, request, control.progress, lambda: control.cancelled, result=holder
            )

        task = self.ctx.tasks.start(job, f"documents {kind.key}")
        task.progress.connect(self._progress)
        task.finished.connect(self._finished)
        task.cancelled.connect(self._cancelled)
        task.failed.connect(lambda exc, _tb: self._failed(exc))
        task.done.connect(self._done)
        self.task = task
        self._update_buttons()

    def department_key(self) -> Path | None:
        """The department's PKCS#12 installed in the settings (None: the self-signed key signs)."""
        return installed_pkcs12(signing_folder(self.ctx.db))

    def needs_key_passphrase(self) -> bool:
        """The self-signed key signs and no passphrase was given in $EVALUATOR_PASSPHRASE."""
        return self.department_key() is None and not os.environ.get(PASSPHRASE_ENV)

    def ask_key_passphrase(self) -> str | None:
        """The self-signed key's passphrase (asked twice for a new key); None when cancelled."""
        return ask_key_passphrase(self, key_protection(signing_folder(self.ctx.db)) == "none")

    def ask_pkcs12_password(self) -> str | None:
        """Ask for the installed PKCS#12's password (never stored); None when cancelled."""
        return ask_pkcs12_password(self)

    def _show_signing_key(self, kind: DocumentKind | None) -> None:
        signs = kind is not None and kind.key in CERTIFICATE_KINDS
        self.signing_key.setVisible(signs)
        if not signs:
            return
        folder = signing_folder(self.ctx.db)
        if installed_pkcs12(folder) is not None:
            info = installed_pkcs12_info(folder)
            self.signing_key.setText(
                self.tr("ลงนามด้วยกุญแจของกรม %1 (จะถามรหัสผ่าน)").replace(
                    "%1", info.subject if info else ""
                )
            )
        else:
            self.signing_key.setText(
                self.tr(
                    "ลงนามด้วยกุญแจที่เครื่องนี้สร้างเอง (self-signed) ไม่ใช่กุญแจของกรม: "
                    "มีเพียงเครื่องนี้ที่เชื่อถือลายมือชื่อนี้ ผู้อื่นที่ตรวจสอบจะเห็นว่า "
                    '"ลงนามด้วยกุญแจที่ไม่น่าเชื่อถือ" จนกว่าจะติดตั้งกุญแจของกรมในหน้าตั้งค่า'
                )
            )
        if verify_page_url(self.ctx.db) is None:
            self.signing_key.setText(
                self.signing_key.text()
                + "\n"
                + self.tr(
                    "ยังไม่ได้ตั้งที่อยู่หน้าตรวจสอบเกียรติบัตร: คิวอาร์โค้ดจะชี้ไปที่ไฟล์ index.html "
                    "ในเครื่องเท่านั้น ตั้งได้ที่ แฟ้ม › ตั้งค่า… › เกียรติบัตร: หน้าตรวจสอบและตรา"
                )
            )

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.stage.setText(self.tr("กำลังหยุดหลังเอกสารฉบับปัจจุบัน…"))
            self.task.cancel()

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.stage.setText(
                self.tr("สร้างแล้ว %1 จาก %2 ไฟล์")
                .replace("%1", f"{done:,}")
                .replace("%2", f"{total:,}")
            )
        else:
            self.progress.setRange(0, 0)
            self.stage.setText(self.tr("กำลังเตรียมข้อมูล…"))

    def _finished(self, result: DocumentResult) -> None:
        self._show_result(result, cancelled=False)

    def _cancelled(self) -> None:
        result = self._holder or DocumentResult("", Path())
        self._show_result(result, cancelled=True)

    def _show_result(self, result: DocumentResult, cancelled: bool) -> None:
        self.result = result
        n = len(result.files)
        if cancelled:
            self.stage.setText(
                self.tr("หยุดแล้ว: สร้างเสร็จ %1 จาก %2 ไฟล์ ไม่มีไฟล์ที่เขียนค้างครึ่งทาง")
                .replace("%1", f"{n:,}")
                .replace("%2", f"{result.planned:,}")
            )
        else:
            self.stage.setText(
                self.tr("เสร็จแล้ว: %1 ไฟล์").replace("%1", f"{n:,}")
                + (self.tr(" (ฉบับร่าง)") if result.draft else "")
            )
            self.progress.setRange(0, max(1, result.planned))
            self.progress.setValue(max(1, result.planned) if n else 0)
        self.messages.setText("\n".join(result.warnings))
        self.refresh_files()
        first = result.first_pdf
        if first is not None:
            self.select_file(first)
        self.generated.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.stage.setText(self.tr("สร้างเอกสารไม่สำเร็จ"))
        self.messages.setText(str(exc))
        self.refresh_files()

    def _done(self) -> None:
        self.task = None
        self._update_buttons()

    # files and preview ------------------------------------------------------------------------
    def select_file(self, path: Path) -> None:
        for row in range(self.files_proxy.rowCount()):
            if self.files_proxy.record(row).path == path:
                self.files_view.selectRow(row)
                return

    def _file_chosen(self) -> None:
        index = self.files_view.currentIndex()
        if not index.isValid():
            return
        f = self.files_proxy.record(index.row())
        if f.is_pdf:
            self.show_pdf(f.path)
        else:
            self.pdf.close()
            self.preview_label.setText(
                self.tr("%1: ไม่มีตัวอย่างสำหรับไฟล์ชนิดนี้ (ดับเบิลคลิกเพื่อเปิด)").replace("%1", f.path.name)
            )

    def show_pdf(self, path: Path) -> bool:
        """Show the first page of ``path``; False when it cannot be read."""
        if not self.preview_box.show_pdf(path):
            return False
        self.previewed.emit(str(path))
        return True

    def folder_url(self) -> QUrl | None:
        out = self.out_dir()
        return QUrl.fromLocalFile(str(out)) if out is not None else None

    def open_folder(self) -> bool:
        url = self.folder_url()
        if url is None:
            return False
        return QDesktopServices.openUrl(url)

    def open_file(self) -> bool:
        index = self.files_view.currentIndex()
        if not index.isValid():
            return False
        return QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.files_proxy.record(index.row()).path))
        )
