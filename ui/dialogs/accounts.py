"""The admin's account dialogs: a new account or another role (:class:`AccountDialog`), and the
one-time password shown once (:class:`OneTimePasswordDialog`).

They only gather and show values; the set-up view's accounts tab calls the services
(:mod:`evaluator.services.users`, :mod:`evaluator.services.account_admin`) with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.db.models import Role
from ui.labels import role_title


@dataclass(frozen=True)
class AccountValues:
    """What the admin typed: ``inspector`` is the inspector's name (role inspector)."""

    login: str
    name: str
    role: Role
    inspector: str


class AccountDialog(QDialog):
    """A new account (login, display name, role, inspector), or with ``current`` another role
    for an existing one (its login and name shown, not editable)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        current: AccountValues | None = None,
        inspectors: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        new = current is None
        self.setWindowTitle(self.tr("เพิ่มบัญชีผู้ใช้") if new else self.tr("เปลี่ยนบทบาท"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.login = QLineEdit(current.login if current else "")
        self.login.setObjectName("accountLogin")
        self.login.setPlaceholderText(self.tr("เช่น kanokwan.b"))
        self.login.setReadOnly(not new)
        self.name = QLineEdit(current.name if current else "")
        self.name.setObjectName("accountName")
        self.name.setPlaceholderText(self.tr("ชื่อ-สกุล ภาษาไทย"))
        self.name.setReadOnly(not new)
        self.role = QComboBox()
        self.role.setObjectName("accountRole")
        for role in (Role.COMMITTEE, Role.INSPECTOR, Role.ADMIN):
            self.role.addItem(role_title(role), role.value)
        if current is not None:
            self.role.setCurrentIndex(self.role.findData(current.role.value))
        self.inspector = QComboBox()
        self.inspector.setObjectName("accountInspector")
        self.inspector.setEditable(True)
        self.inspector.addItems(inspectors or [])
        self.inspector.setCurrentText(current.inspector if current else "")
        line = self.inspector.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("ชื่อผู้ประเมินที่บัญชีนี้ใช้ให้คะแนน"))
        form.addRow(self.tr("ชื่อเข้าระบบ"), self.login)
        form.addRow(self.tr("ชื่อ-สกุล"), self.name)
        form.addRow(self.tr("บทบาท"), self.role)
        self.inspector_label = QLabel(self.tr("ผู้ประเมิน"))
        form.addRow(self.inspector_label, self.inspector)
        layout.addLayout(form)
        if new:
            note = QLabel(
                self.tr(
                    "ระบบจะสร้างรหัสผ่านครั้งเดียวและแสดงให้เห็นเพียงครั้งเดียว "
                    "ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก"
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("เพิ่มบัญชี") if new else self.tr("บันทึก"))
        ok.setObjectName("accountOk")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(lambda _i: self._role_changed())
        self._role_changed()

    def _role_changed(self) -> None:
        inspector = self.role.currentData() == Role.INSPECTOR.value
        self.inspector.setEnabled(inspector)
        self.inspector_label.setEnabled(inspector)

    def values(self) -> AccountValues:
        role = Role(self.role.currentData())
        inspector = self.inspector.currentText().strip() if role is Role.INSPECTOR else ""
        return AccountValues(self.login.text().strip(), self.name.text().strip(), role, inspector)


class OneTimePasswordDialog(QDialog):
    """A one-time password, shown this once, to hand to the account's owner."""

    def __init__(self, login: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oneTimePasswordDialog")
        self.setWindowTitle(self.tr("รหัสผ่านครั้งเดียว"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "รหัสผ่านครั้งเดียวของ %1 แสดงเพียงครั้งนี้ ระบบไม่เก็บไว้และจะไม่แสดงอีก "
                "ส่งให้เจ้าของบัญชีทางช่องทางที่ปลอดภัย ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก"
            ).replace("%1", login)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.password = QLineEdit(password)
        self.password.setObjectName("oneTimePassword")
        self.password.setReadOnly(True)
        font = self.password.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.password.setFont(font)
        copy = QPushButton(self.tr("คัดลอก"))
        copy.setObjectName("copyPassword")
        copy.clicked.connect(self.copy)
        row.addWidget(self.password, 1)
        row.addWidget(copy)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.password.text())
