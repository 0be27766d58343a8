"""Asking for the secrets that unlock a signing key: never stored, never shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("SigningSecrets", text)


def _ask(parent: QWidget, prompt: str) -> str | None:
    value, ok = QInputDialog.getText(
        parent, _tr("รหัสผ่านของกุญแจลงนาม"), prompt, QLineEdit.EchoMode.Password
    )
    return value if ok else None


def ask_pkcs12_password(parent: QWidget) -> str | None:
    """The department's PKCS#12 password for one batch; None when cancelled."""
    return _ask(parent, _tr("รหัสผ่านของกุญแจลงนามของกรม (PKCS#12) สำหรับเกียรติบัตรชุดนี้"))


def ask_key_passphrase(parent: QWidget, new: bool) -> str | None:
    """The passphrase of this installation's own signing key; for a key about to be made it is
    asked twice (a typo would lock the department out of its key). None when cancelled or the
    two differ."""
    if not new:
        return _ask(parent, _tr("รหัสผ่านของกุญแจลงนามของเครื่องนี้"))
    first = _ask(parent, _tr("ตั้งรหัสผ่านของกุญแจลงนามของเครื่องนี้ (อย่างน้อย ๘ ตัวอักษร)"))
    if first is None:
        return None
    again = _ask(parent, _tr("พิมพ์รหัสผ่านอีกครั้ง"))
    return first if again == first else None
