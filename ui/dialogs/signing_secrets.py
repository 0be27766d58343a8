"""Asking for the secrets that unlock a signing key: never stored, never shown."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

ATTEMPTS = 3
PASSPHRASE_ENV = "EVALUATOR_PASSPHRASE"  # evaluator.sync.keys.PASSPHRASE_ENV (cryptography is
# loaded on first use, not when the app starts)


def _ask(parent: QWidget, prompt: str) -> str | None:
    value, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("SigningSecrets", "รหัสผ่านของกุญแจลงนาม"),
        prompt,
        QLineEdit.EchoMode.Password,
    )
    return value if ok else None


def ask_pkcs12_password(parent: QWidget) -> str | None:
    """The department's PKCS#12 password for one batch; None when cancelled."""
    return _ask(
        parent,
        QCoreApplication.translate(
            "SigningSecrets", "รหัสผ่านของกุญแจลงนามของกรม (PKCS#12) สำหรับเกียรติบัตรชุดนี้"
        ),
    )


def ask_key_passphrase(parent: QWidget, new: bool) -> str | None:
    """The passphrase of this installation's own signing key; for a key about to be made it is
    asked twice (a typo would lock the department out of its key). None when cancelled or the
    two differ."""
    if not new:
        return _ask(
            parent, QCoreApplication.translate("SigningSecrets", "รหัสผ่านของกุญแจลงนามของเครื่องนี้")
        )
    first = _ask(
        parent,
        QCoreApplication.translate(
            "SigningSecrets", "ตั้งรหัสผ่านของกุญแจลงนามของเครื่องนี้ (อย่างน้อย ๘ ตัวอักษร)"
        ),
    )
    if first is None:
        return None
    again = _ask(parent, QCoreApplication.translate("SigningSecrets", "พิมพ์รหัสผ่านอีกครั้ง"))
    return first if again == first else None


def _ask_audit(parent: QWidget, prompt: str) -> str | None:
    value, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("SigningSecrets", "รหัสผ่านของกุญแจบันทึกตรวจสอบ"),
        prompt,
        QLineEdit.EchoMode.Password,
    )
    return value if ok else None


def ask_audit_passphrase(parent: QWidget, new: bool) -> str | None:
    """The passphrase of this installation's audit key (it signs the log's checkpoints at each
    finalise and export); asked twice for a key about to be made. None when cancelled or the two
    differ."""
    if not new:
        return _ask_audit(
            parent,
            QCoreApplication.translate(
                "SigningSecrets",
                "รหัสผ่านของกุญแจบันทึกตรวจสอบของเครื่องนี้\n"
                "(ใช้ลงนามจุดตรวจสอบของบันทึกการแก้ไขเมื่อยืนยันผลและเมื่อส่งออก)",
            ),
        )
    first = _ask_audit(
        parent,
        QCoreApplication.translate(
            "SigningSecrets",
            "ตั้งรหัสผ่านของกุญแจบันทึกตรวจสอบของเครื่องนี้ (อย่างน้อย ๘ ตัวอักษร)\n"
            "ต้องใช้ทุกครั้งที่ยืนยันผลหรือส่งออก จดไว้ในที่ปลอดภัย",
        ),
    )
    if first is None:
        return None
    again = _ask_audit(parent, QCoreApplication.translate("SigningSecrets", "พิมพ์รหัสผ่านอีกครั้ง"))
    return first if again == first else None


def unlock_audit_key(parent: QWidget, *, also: str | None = None) -> bool:
    """Open the audit key before an action that signs a checkpoint (finalise, the exports), the
    way the certificate key is opened: already open in this session, else
    ``$EVALUATOR_PASSPHRASE``, else ``also`` (the inspector key's passphrase just typed for a
    package), else asked (a wrong passphrase is said and asked again, three times at most).
    False when it stays locked: the caller does nothing."""
    from evaluator.services import audit_key

    if audit_key.is_unlocked():
        return True
    try:
        if os.environ.get(PASSPHRASE_ENV):
            audit_key.unlock()
            return True
        if also and audit_key.try_unlock(also):
            return True
    except audit_key.AuditKeyError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("SigningSecrets", "รหัสผ่านของกุญแจบันทึกตรวจสอบ"),
            str(exc),
        )
        return False
    for _ in range(ATTEMPTS):
        typed = ask_audit_passphrase(parent, audit_key.state() == "none")
        if typed is None:
            return False
        try:
            audit_key.unlock(typed)
            return True
        except audit_key.AuditKeyError as exc:
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("SigningSecrets", "รหัสผ่านของกุญแจบันทึกตรวจสอบ"),
                str(exc),
            )
    return False
