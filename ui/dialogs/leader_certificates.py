"""Certificates for the change leaders chosen in the set-up view's leaders list.

The dialog says how many leaders were chosen, asks for the round and the folder, and makes the
certificates in the background through the documents job (``reports.jobs.make_documents``, kind
``certificates_leaders`` with the leaders' ids), which calls the same service as
``evaluator certificates --kind leaders`` (:func:`reports.certificates.certificates_for_leaders`):
exactly the chosen leaders whose tambon won the round, signed like every certificate; the others
are named in the result.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.services import tambons as tambon_service
from evaluator.services.users import get_user
from reports.jobs import CERTIFICATES_LEADERS, DocumentRequest, DocumentResult
from reports.signing import PASSPHRASE_ENV, installed_pkcs12, key_protection, signing_folder
from ui.context import AppContext
from ui.dialogs.signing_secrets import ask_key_passphrase, ask_pkcs12_password
from ui.geometry import fit_to_screen
from ui.tasks import Task, TaskControl
from ui.widgets import RoundCombo


class LeaderCertificatesDialog(QDialog):
    """Print the certificates of the chosen leaders (ids) for a round, into a folder."""

    generated = Signal(object)  # the DocumentResult

    def __init__(
        self,
        ctx: AppContext,
        leader_ids: Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.leader_ids = tuple(leader_ids)
        self.task: Task | None = None
        self.setObjectName("leaderCertificatesDialog")
        self.setWindowTitle(self.tr("เกียรติบัตรผู้นำการเปลี่ยนแปลงที่เลือก"))
        layout = QVBoxLayout(self)
        chosen = QLabel(
            self.tr(
                "ผู้นำที่เลือก %1 คน จะได้เกียรติบัตรเฉพาะผู้ที่ตำบลได้รับรางวัลในรอบที่เลือก "
                "ผู้นำของตำบลอื่นจะแสดงรายชื่อไว้ในผลลัพธ์"
            ).replace("%1", f"{len(self.leader_ids):,}")
        )
        chosen.setObjectName("chosenCount")
        chosen.setWordWrap(True)
        layout.addWidget(chosen)
        form = QFormLayout()
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("certificateRound")
        self.round.set_rounds(tambon_service.list_rounds(ctx.db))
        form.addRow(self.tr("รอบ"), self.round)
        self.folder = QLineEdit()
        self.folder.setObjectName("certificateFolder")
        browse = QPushButton(self.tr("เลือกโฟลเดอร์…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("บันทึกที่"), row)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.output = QPlainTextEdit()
        self.output.setObjectName("certificateOutput")
        self.output.setReadOnly(True)
        self.output.hide()
        layout.addWidget(self.output, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(
            self.tr("พิมพ์เกียรติบัตร"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("printCertificates")
        self.print_button.clicked.connect(self.generate)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(620, 420))

    def browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("โฟลเดอร์เกียรติบัตร"))
        if name:
            self.folder.setText(name)

    def _say(self, text: str) -> None:
        self.output.setPlainText(text)
        self.output.show()

    def _secrets(self) -> tuple[bool, str | None, str | None]:
        """(go on, PKCS#12 password, self-signed key passphrase), asked as the documents view
        asks them."""
        folder = signing_folder(self.ctx.db)
        if installed_pkcs12(folder) is not None:
            password = ask_pkcs12_password(self)
            return password is not None, password, None
        if os.environ.get(PASSPHRASE_ENV):
            return True, None, None
        passphrase = ask_key_passphrase(self, key_protection(folder) == "none")
        return passphrase is not None, None, passphrase

    def generate(self) -> None:
        code = self.round.code()
        folder = self.folder.text().strip()
        if self.task is not None or code is None:
            return
        if not folder:
            self._say(self.tr("เลือกโฟลเดอร์ที่จะบันทึกก่อน"))
            return
        go, password, passphrase = self._secrets()
        if not go:
            self._say(self.tr("ยกเลิก: ไม่ได้ใส่รหัสผ่านของกุญแจลงนาม"))
            return
        request = DocumentRequest(
            CERTIFICATES_LEADERS,
            code,
            Path(folder),
            leader_ids=self.leader_ids,
            pkcs12_password=password,
            key_passphrase=passphrase,
        )
        db, user_id = self.ctx.db, self.ctx.user.id

        def job(control: TaskControl) -> DocumentResult:
            from reports.jobs import make_documents

            return make_documents(
                db, get_user(db, user_id), request, control.progress, lambda: control.cancelled
            )

        self.progress.setRange(0, 0)
        self.progress.show()
        self.print_button.setEnabled(False)
        task = self.ctx.tasks.start(job, "leader certificates")
        task.progress.connect(self._progress)
        task.finished.connect(self._finished)
        task.failed.connect(lambda exc, _tb: self._failed(exc))
        task.done.connect(self._done)
        self.task = task

    def _progress(self, done: int, total: int, _text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finished(self, result: DocumentResult) -> None:
        lines = [
            self.tr("พิมพ์เกียรติบัตร %1 ฉบับที่ %2")
            .replace("%1", f"{len(result.files):,}")
            .replace("%2", str(result.out_dir))
        ]
        lines += [f.name for f in result.files if f.suffix.lower() == ".pdf"]
        if result.warnings:
            lines += ["", self.tr("ข้อควรระวัง:"), *result.warnings]
        self._say("\n".join(lines))
        self.generated.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._say(self.tr("พิมพ์ไม่สำเร็จ: %1").replace("%1", str(exc)))

    def _done(self) -> None:
        self.task = None
        self.progress.hide()
        self.print_button.setEnabled(True)

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            return
        super().reject()
