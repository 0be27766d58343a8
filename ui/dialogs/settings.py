"""Settings: the language (Thai or English), the database location, and (for an admin) who
signs the certificates, their verification page address and emblem
(:mod:`ui.dialogs.settings_certificates`), and with which key: the department's PKCS#12
(.p12/.pfx), checked with its password and copied into the signing folder beside the database
(the password is never stored), or the self-signed key made on first use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import default_db_path
from evaluator.errors import EvaluatorError
from evaluator.i18n import one_language
from evaluator.permissions import Action
from evaluator.services import signatories
from reports import signing
from ui.context import AppContext
from ui.dialogs.settings_certificates import CertificatePageBox
from ui.geometry import fitting_size, scrolling
from ui.i18n import date_text
from ui.widgets import show_error


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("ตั้งค่า"))
        outer = QVBoxLayout(self)
        self.body = body = QWidget()  # scrolls on a small screen; the buttons stay in view
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)

        general = QGroupBox(self.tr("ทั่วไป"))
        form = QFormLayout(general)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("ไทย", "th")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.settings.language)))
        form.addRow(self.tr("ภาษา"), self.language)
        self.database = QLineEdit(ctx.settings.database)
        self.database.setObjectName("database")
        self.database.setPlaceholderText(str(default_db_path()))
        browse = QPushButton(self.tr("เลือก…"))
        browse.clicked.connect(self._browse_db)
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        form.addRow(self.tr("ฐานข้อมูล"), row)
        hint = QLabel(
            self.tr(
                "ไฟล์ SQLite หรือ URL ของ PostgreSQL ว่างไว้เพื่อใช้ค่าเริ่มต้น"
                " มีผลเมื่อเปิดโปรแกรมครั้งถัดไป (ตัวเลือก --db ในบรรทัดคำสั่งมาก่อนเสมอ)"
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        layout.addWidget(general)

        self.signatory_box = QGroupBox(self.tr("ผู้ลงนามในเกียรติบัตร"))
        self.signatory_box.setObjectName("signatoryBox")
        form = QFormLayout(self.signatory_box)
        current = next((s for s in signatories.list_signatories(ctx.db) if s.active), None)
        self.signatory_name = QLineEdit(current.name if current else "")
        self.signatory_name.setObjectName("signatoryName")
        self.signatory_position = QLineEdit(current.position if current else "")
        self.signatory_position.setObjectName("signatoryPosition")
        self.signatory_position.setPlaceholderText(self.tr("เช่น อธิบดีกรมการพัฒนาชุมชน"))
        form.addRow(self.tr("ชื่อ-นามสกุล"), self.signatory_name)
        form.addRow(self.tr("ตำแหน่ง"), self.signatory_position)
        self.signature_png: bytes | None = None
        self.signature_preview = QLabel(self.tr("(ไม่มีลายมือชื่อ)"))
        self.signature_preview.setObjectName("signaturePreview")
        self.signature_preview.setMinimumHeight(70)
        self.signature_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if current is not None and current.has_signature:
            data = signatories.signature_image(ctx.db, current.id)
            if data:
                self._preview(data)
        choose = QPushButton(self.tr("เลือกไฟล์ลายมือชื่อ (PNG)…"))
        choose.clicked.connect(self._choose_signature)
        row = QHBoxLayout()
        row.addWidget(self.signature_preview, 1)
        row.addWidget(choose)
        form.addRow(self.tr("ลายมือชื่อ"), row)
        can_edit = ctx.can(Action.MANAGE_SIGNATORIES)
        for widget in (self.signatory_name, self.signatory_position, choose):
            widget.setEnabled(can_edit)
        if not can_edit:
            form.addRow(QLabel(self.tr("เฉพาะผู้ดูแลระบบแก้ไขผู้ลงนามได้")))
        layout.addWidget(self.signatory_box)
        self._build_signing_key(layout)
        self.certificate_page = CertificatePageBox(ctx)
        layout.addWidget(self.certificate_page)
        layout.addStretch(1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("บันทึก"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(scrolling(body), 1)
        outer.addWidget(buttons)
        self._initial = (
            self.signatory_name.text(),
            self.signatory_position.text(),
        )
        self._grow()

    def _grow(self) -> None:
        """Grow (never shrink) to show every line, now and once the key's new details are laid
        out (a bound method as the slot: Qt drops it with the dialog)."""
        self._grow_now()
        QTimer.singleShot(0, self._grow_now)

    def _grow_now(self) -> None:
        content = self.body.sizeHint() + QSize(48, 96)  # margins, scroll bar, the buttons
        wanted = self.size().expandedTo(content).expandedTo(QSize(720, 560))
        self.resize(fitting_size(self, wanted))

    # the department's signing key -----------------------------------------------------------
    def _build_signing_key(self, layout: QVBoxLayout) -> None:
        self.signing_folder = signing.signing_folder(self.ctx.db)
        self.key_box = QGroupBox(self.tr("กุญแจลงนามเกียรติบัตร (PAdES)"))
        self.key_box.setObjectName("signingKeyBox")
        form = QFormLayout(self.key_box)
        self.key_state = QLabel("")
        self.key_state.setObjectName("signingKeyState")
        # wraps (the dialog's scroll area gives it the height it needs at its width): a long
        # English line would else widen the dialog past a 1366×768 screen at 150 %
        self.key_state.setWordWrap(True)
        self.key_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove_key_button = QPushButton(self.tr("เลิกใช้กุญแจของกรม"))
        self.remove_key_button.setObjectName("removePkcs12")
        self.remove_key_button.clicked.connect(self.remove_pkcs12)
        row = QHBoxLayout()
        row.addWidget(self.key_state, 1)
        row.addWidget(self.remove_key_button)
        form.addRow(self.tr("ใช้อยู่"), row)
        self.p12_path = QLineEdit()
        self.p12_path.setObjectName("pkcs12Path")
        self.p12_path.setPlaceholderText(self.tr("ไฟล์ .p12 / .pfx ของกรม"))
        self.p12_path.textChanged.connect(self._p12_edited)
        browse = QPushButton(self.tr("เลือก…"))
        browse.setObjectName("browsePkcs12")
        browse.clicked.connect(self._browse_p12)
        row = QHBoxLayout()
        row.addWidget(self.p12_path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("นำเข้า PKCS#12"), row)
        self.p12_password = QLineEdit()
        self.p12_password.setObjectName("pkcs12Password")
        self.p12_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.p12_password.textChanged.connect(self._p12_edited)
        self.check_key_button = QPushButton(self.tr("ตรวจ"))
        self.check_key_button.setObjectName("checkPkcs12")
        self.check_key_button.clicked.connect(self.check_pkcs12)
        self.install_key_button = QPushButton(self.tr("ติดตั้ง"))
        self.install_key_button.setObjectName("installPkcs12")
        self.install_key_button.clicked.connect(self.install_pkcs12)
        row = QHBoxLayout()
        row.addWidget(self.p12_password, 1)
        row.addWidget(self.check_key_button)
        row.addWidget(self.install_key_button)
        form.addRow(self.tr("รหัสผ่าน"), row)
        self.p12_info = QLabel("")
        self.p12_info.setObjectName("pkcs12Info")  # short lines, unwrapped: none cut off
        self.p12_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.p12_info)
        hint = QLabel(
            self.tr(
                "เก็บสำเนาไฟล์ไว้ข้างฐานข้อมูล (อ่านได้เฉพาะเจ้าของ) ไม่เก็บรหัสผ่าน"
                " จะถามรหัสผ่านทุกครั้งที่ออกเกียรติบัตร"
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.can_manage_key = self.ctx.can(Action.MANAGE_SIGNING_KEY)
        if not self.can_manage_key:
            form.addRow(QLabel(self.tr("เฉพาะผู้ดูแลระบบนำเข้าหรือลบกุญแจลงนามได้")))
        for widget in (self.p12_path, browse, self.p12_password, self.check_key_button):
            widget.setEnabled(self.can_manage_key)
        layout.addWidget(self.key_box)
        self.show_key_state()
        self._p12_edited()

    def key_protection_text(self, installed: bool) -> str:
        """What protects the signing key on disk, truthfully (Windows ignores file modes)."""
        if installed:
            return self.tr("ป้องกันด้วยรหัสผ่านของไฟล์ PKCS#12 (ถามทุกครั้งที่ออกเกียรติบัตร ไม่เก็บไว้)")
        state = signing.key_protection(self.signing_folder)
        if state == "encrypted":
            return self.tr("ป้องกันด้วยรหัสผ่าน: กุญแจเข้ารหัสไว้ (PKCS#8) ระบบไม่เก็บรหัสผ่าน")
        if state == "plain":
            return self.tr("ยังไม่เข้ารหัส: จะเข้ารหัสด้วยรหัสผ่านเมื่อออกเกียรติบัตรครั้งต่อไป")
        return self.tr("จะเข้ารหัสด้วยรหัสผ่านที่ตั้งเมื่อออกเกียรติบัตรครั้งแรก")

    def show_key_state(self) -> None:
        """Show which key signs the certificates: the department's or the self-signed one (two
        lines; every detail, the full fingerprint included, in the tooltip)."""
        installed = signing.installed_pkcs12(self.signing_folder) is not None
        if installed:
            title = self.tr("กุญแจของกรม (PKCS#12)")
            info = signing.installed_pkcs12_info(self.signing_folder)
        else:
            title = self.tr("กุญแจที่ระบบสร้างเอง (self-signed)")
            info = signing.self_signed_info(self.signing_folder)
        if info is None:
            text = title + ("" if installed else self.tr(" — จะสร้างเมื่อออกเกียรติบัตรครั้งแรก"))
            tooltip = ""
        else:
            text = f"{title}: {info.subject}\n" + self.tr(
                "ผู้ออก %1 · ใช้ได้ถึง %2 · SHA-256 %3…"
            ).replace("%1", info.issuer).replace(
                "%2", date_text(info.not_after, time=False)
            ).replace("%3", info.sha256[:16])
            tooltip = self._describe(info)
        protection = self.key_protection_text(installed)
        text += "\n" + protection
        tooltip = (tooltip + "\n" if tooltip else "") + protection
        self.key_state.setText(text)
        self.key_state.setToolTip(tooltip)
        self.remove_key_button.setEnabled(self.can_manage_key and installed)

    def _describe(self, info: signing.SignerInfo) -> str:
        since = date_text(info.not_before, time=False) if info.not_before else "?"
        return "\n".join(
            [
                self.tr("ผู้ถือ: %1").replace("%1", info.subject),
                self.tr("ผู้ออก: %1").replace("%1", info.issuer),
                self.tr("ใช้ได้: %1 ถึง %2")
                .replace("%1", since)
                .replace("%2", date_text(info.not_after, time=False)),
                self.tr("SHA-256: %1").replace("%1", info.sha256),
            ]
        )

    def _browse_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("เลือกไฟล์กุญแจของกรม"),
            "",
            self.tr("PKCS#12 (*.p12 *.pfx);;ทุกไฟล์ (*)"),
        )
        if name:
            self.p12_path.setText(name)

    def _p12_edited(self, _text: str = "") -> None:
        self.checked_p12: signing.SignerInfo | None = None
        self.install_key_button.setEnabled(False)

    def check_pkcs12(self) -> signing.SignerInfo | None:
        """Open the chosen file with the typed password and show who it signs as."""
        self._p12_edited()
        text = self.p12_path.text().strip()
        if not text:
            self.p12_info.setText(self.tr("ยังไม่ได้เลือกไฟล์"))
            return None
        try:
            info = signing.inspect_pkcs12(Path(text), self.p12_password.text() or None)
        except signing.SigningError as exc:
            self.p12_info.setText(
                self.tr("ใช้ไฟล์นี้ไม่ได้: รหัสผ่านผิดหรือไฟล์เสีย")
                + "\n"
                + one_language(str(exc))  # all of it in the tooltip
            )
            self.p12_info.setToolTip(str(exc))
            self.p12_info.setStyleSheet("QLabel#pkcs12Info { color: #a3261b; }")
            self._grow()
            return None
        self.p12_info.setText(self._describe(info))
        self.p12_info.setToolTip("")
        self.p12_info.setStyleSheet("")
        self.checked_p12 = info
        self.install_key_button.setEnabled(self.can_manage_key)
        self._grow()
        return info

    def install_pkcs12(self) -> bool:
        """Copy the checked file into the signing folder (its password is not kept)."""
        if not self.can_manage_key or self.checked_p12 is None:
            return False
        try:
            info = signing.install_pkcs12(
                Path(self.p12_path.text().strip()),
                self.p12_password.text() or None,
                self.signing_folder,
                user=self.ctx.user,
            )
        except (EvaluatorError, OSError) as exc:
            show_error(self, self.tr("ติดตั้งกุญแจไม่ได้"), exc)
            return False
        self.p12_password.clear()
        self.p12_path.clear()
        self.p12_info.setText(
            self.tr("ติดตั้งแล้ว: เกียรติบัตรจะลงนามด้วยกุญแจนี้ (%1)").replace("%1", info.subject)
        )
        self.show_key_state()
        return True

    def remove_pkcs12(self) -> bool:
        """Stop using the department's key (after asking): the self-signed key signs again."""
        if not self.can_manage_key:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("เลิกใช้กุญแจของกรม"),
            self.tr("ลบสำเนาไฟล์กุญแจของกรมออกจากเครื่องนี้ แล้วกลับไปลงนามด้วยกุญแจที่ระบบสร้างเอง?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            signing.remove_pkcs12(self.signing_folder, user=self.ctx.user)
        except (EvaluatorError, OSError) as exc:
            show_error(self, self.tr("ลบกุญแจไม่ได้"), exc)
            return False
        self.p12_info.setText(self.tr("ลบกุญแจของกรมแล้ว"))
        self.show_key_state()
        return True

    def _browse_db(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("เลือกไฟล์ฐานข้อมูล"),
            self.database.text() or str(default_db_path()),
            self.tr("ฐานข้อมูล SQLite (*.sqlite3 *.db);;ทุกไฟล์ (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.database.setText(name)

    def _choose_signature(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("เลือกไฟล์ลายมือชื่อ"), "", "PNG (*.png)")
        if name:
            self.load_signature(Path(name))

    def load_signature(self, path: Path) -> None:
        data = path.read_bytes()
        self.signature_png = data
        self._preview(data)

    def _preview(self, data: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(data):
            self.signature_preview.setPixmap(
                pixmap.scaledToHeight(64, Qt.TransformationMode.SmoothTransformation)
            )

    def save(self) -> None:
        """Store the preferences (QSettings) and, when changed, the signatory (database)."""
        settings = self.ctx.settings
        language = str(self.language.currentData())
        language_changed = language != settings.language
        settings.language = language
        settings.database = self.database.text().strip()
        signatory = (self.signatory_name.text(), self.signatory_position.text())
        if self.ctx.can(Action.MANAGE_SIGNATORIES) and (
            signatory != self._initial or self.signature_png is not None
        ):
            try:
                signatories.set_signatory(
                    self.ctx.db, self.ctx.user, signatory[0], signatory[1], self.signature_png
                )
            except EvaluatorError as exc:
                show_error(self, self.tr("บันทึกผู้ลงนามไม่ได้"), exc)
                return
        if not self.certificate_page.save():  # the page address and emblem (admins)
            return
        settings.sync()
        if language_changed:
            from PySide6.QtCore import QCoreApplication

            from ui.i18n import install_language

            app = QCoreApplication.instance()
            if app is not None and not install_language(app, language):
                QMessageBox.warning(
                    self,
                    self.tr("ยังไม่มีไฟล์แปลภาษา"),
                    self.tr("ยังไม่ได้สร้างไฟล์แปลภาษา (.qm) ให้รัน make translations"),
                )
        self.language_changed = language_changed
        self.accept()

    language_changed = False
