"""Settings: the certificates' verification page address and emblem (admins), through the same
services as ``evaluator export verifier --url`` and ``evaluator certificates --emblem``
(:mod:`evaluator.services.certificate_register`: checked, audited, kept with the contest)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from evaluator.errors import EvaluatorError, InputError, Problem
from evaluator.permissions import Action
from evaluator.services import certificate_register as register
from ui.context import AppContext
from ui.widgets import show_error


class CertificatePageBox(QGroupBox):
    """The verification page's address (the QR codes point there) and the emblem printed at the
    top of every certificate; saved with the dialog."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(self.tr("เกียรติบัตร: หน้าตรวจสอบและตรา"))
        self.setObjectName("certificatePageBox")
        form = QFormLayout(self)
        self.initial_url = register.verify_page_url(ctx.db) or ""
        self.url = QLineEdit(self.initial_url)
        self.url.setObjectName("verifyUrl")
        self.url.setPlaceholderText("https://…/index.html")
        form.addRow(self.tr("ที่อยู่หน้าตรวจสอบ"), self.url)
        hint = QLabel(
            self.tr(
                "ที่อยู่ที่จะเผยแพร่หน้าตรวจสอบ (ส่งออกด้วย evaluator export verifier)"
                " คิวอาร์โค้ดบนเกียรติบัตรที่ออกหลังจากนี้จะชี้มาที่นี่ ว่างไว้หากยังไม่มี"
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

        self.emblem_data: bytes | None = register.emblem(ctx.db)
        self.emblem_changed = False
        self.emblem_preview = QLabel()
        self.emblem_preview.setObjectName("emblemPreview")
        self.emblem_preview.setMinimumHeight(70)
        self.emblem_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_emblem = QPushButton(self.tr("เลือกไฟล์ตรา (PNG/JPEG)…"))
        self.choose_emblem.setObjectName("chooseEmblem")
        self.choose_emblem.clicked.connect(self._browse_emblem)
        self.remove_emblem = QPushButton(self.tr("ไม่ใช้ตรา"))
        self.remove_emblem.setObjectName("removeEmblem")
        self.remove_emblem.clicked.connect(self.clear_emblem)
        row = QHBoxLayout()
        row.addWidget(self.emblem_preview, 1)
        row.addWidget(self.choose_emblem)
        row.addWidget(self.remove_emblem)
        form.addRow(self.tr("ตราบนเกียรติบัตร"), row)
        self._show_emblem()

        self.can_edit = ctx.can(Action.MANAGE_SIGNING_KEY)
        for widget in (self.url, self.choose_emblem, self.remove_emblem):
            widget.setEnabled(self.can_edit)
        self.remove_emblem.setEnabled(self.can_edit and self.emblem_data is not None)
        if not self.can_edit:
            form.addRow(QLabel(self.tr("เฉพาะผู้ดูแลระบบแก้ไขได้")))

    def _show_emblem(self) -> None:
        pixmap = QPixmap()
        if self.emblem_data is not None and pixmap.loadFromData(self.emblem_data):
            self.emblem_preview.setPixmap(
                pixmap.scaledToHeight(64, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.emblem_preview.setPixmap(QPixmap())
            self.emblem_preview.setText(self.tr("(ไม่มีตรา)"))

    def _browse_emblem(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("เลือกไฟล์ตรา"), "", self.tr("รูปภาพ (*.png *.jpg *.jpeg)")
        )
        if name:
            self.load_emblem(Path(name))

    def load_emblem(self, path: Path) -> bool:
        """Take ``path`` as the new emblem once it opens as the certificates will open it (kept
        when the dialog is saved); a file that does not open is said and not taken."""
        from reports.certificates import prepare_image

        try:
            data = path.read_bytes()
            prepare_image(data)
        except Exception as exc:  # PIL raises many kinds for a file that is not an image
            show_error(
                self,
                self.tr("ใช้ไฟล์ตรานี้ไม่ได้"),
                InputError(
                    [Problem(f"อ่านรูปตราไม่ได้ — not a PNG/JPEG image: {exc}", file=str(path))]
                ),
            )
            return False
        self.emblem_data = data
        self.emblem_changed = True
        self.remove_emblem.setEnabled(self.can_edit)
        self._show_emblem()
        return True

    def clear_emblem(self) -> None:
        self.emblem_data = None
        self.emblem_changed = True
        self.remove_emblem.setEnabled(False)
        self._show_emblem()

    def save(self) -> bool:
        """Store what changed (admins; each change checked and audited by the service); False,
        with the reason shown, when the service refuses."""
        if not self.can_edit:
            return True
        try:
            if self.url.text().strip() != self.initial_url:
                kept = register.set_verify_page_url(self.ctx.db, self.ctx.user, self.url.text())
                self.initial_url = kept or ""
                self.url.setText(self.initial_url)
            if self.emblem_changed:
                register.set_emblem(self.ctx.db, self.ctx.user, self.emblem_data)
                self.emblem_changed = False
        except EvaluatorError as exc:
            show_error(self, self.tr("บันทึกการตั้งค่าเกียรติบัตรไม่ได้"), exc)
            return False
        return True
