"""Reopen a finalised round (admin, ``services.finalise.reopen_round``): what it undoes, the
reason (required, kept in the audit log), and a last confirmation before anything changes."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.geometry import fit_to_screen


class ReopenRoundDialog(QDialog):
    """Ask why a finalised round is reopened, then confirm; ``reason`` once accepted."""

    def __init__(self, round_title: str, result_hash: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reopenRound")
        self.round_title = round_title
        self.setWindowTitle(self.tr("เปิดรอบที่ยืนยันผลแล้วอีกครั้ง"))
        layout = QVBoxLayout(self)
        what = QLabel(
            self.tr(
                "การเปิดรอบ “%1” อีกครั้งจะ:\n"
                "• ปลดล็อกแบบประเมินของรอบนี้ (กลับเป็น “ส่งแล้ว” แก้ไขได้เมื่อเปิดกลับเป็นร่าง)\n"
                "• ยกเลิกผลที่ยืนยันไว้ (SHA-256 %2…) ผลเดิมยังอยู่ในบันทึกการเปลี่ยนแปลง\n"
                "• ทำให้เกียรติบัตรที่ออกจากผลนี้แสดงว่าถูกเพิกถอนเมื่อตรวจสอบ"
                " จนกว่าจะยืนยันผลใหม่และออกเกียรติบัตรใหม่"
            )
            .replace("%1", round_title)
            .replace("%2", result_hash[:16])
        )
        what.setObjectName("reopenWhat")
        what.setWordWrap(True)
        layout.addWidget(what)
        caption = QLabel(self.tr("เหตุผลที่เปิดรอบอีกครั้ง (จำเป็น บันทึกไว้ในบันทึกการเปลี่ยนแปลง)"))
        layout.addWidget(caption)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reopenReason")
        self.reason.setPlaceholderText(self.tr("เช่น คณะกรรมการพบคะแนนที่บันทึกผิดของตำบล…"))
        self.reason.setTabChangesFocus(True)
        caption.setBuddy(self.reason)
        layout.addWidget(self.reason, 1)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(
            self.tr("เปิดรอบอีกครั้ง…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("reopenOk")
        cancel = self.buttons.addButton(self.tr("ยกเลิก"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("reopenCancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        fit_to_screen(self, QSize(560, 360))

    @property
    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.text))

    def accept(self) -> None:
        if not self.text or not self.confirm():
            return
        super().accept()

    def confirm(self) -> bool:
        """The last question before the round is reopened."""
        box = QMessageBox(self)
        box.setObjectName("confirmReopen")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("ยืนยันการเปิดรอบอีกครั้ง"))
        box.setText(
            self.tr("เปิดรอบ “%1” อีกครั้งหรือไม่? ผลที่ยืนยันไว้จะถูกยกเลิก").replace("%1", self.round_title)
        )
        box.setInformativeText(self.tr("เหตุผล: %1").replace("%1", self.text))
        yes = box.addButton(self.tr("เปิดรอบอีกครั้ง"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("apply")
        no = box.addButton(self.tr("ยกเลิก"), QMessageBox.ButtonRole.RejectRole)
        no.setObjectName("cancel")
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes
