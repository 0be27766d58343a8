"""Settings: the language (Thai or English), the database location, and (for an admin) who
signs the certificates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
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
from evaluator.permissions import Action
from evaluator.services import signatories
from ui.context import AppContext
from ui.widgets import show_error


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("ตั้งค่า"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)

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
        layout.addStretch(1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("บันทึก"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._initial = (
            self.signatory_name.text(),
            self.signatory_position.text(),
        )

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
        settings.sync()
        if language_changed:
            from PySide6.QtCore import QCoreApplication

            from ui.app import install_language

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
