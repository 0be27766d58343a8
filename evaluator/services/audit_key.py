"""The installation's audit key at rest: the Ed25519 key that signs the audit chain's checkpoints.

It lives outside every database, in the user's data folder ($EVALUATOR_AUDIT_KEY_DIR in tests
and scripts), as PKCS#8 **encrypted with a passphrase** (``BestAvailableEncryption``), like every
private key this program keeps (DESIGN.md section 7); nothing relies on file permissions for its
secrecy. Its public half is kept beside it (``audit-key.pub``), so that ``audit verify`` knows this
installation's key without the passphrase.

It is unlocked the way the certificate key is: with the passphrase given by the caller (the app
asks in a dialog, a terminal asks), else ``$EVALUATOR_PASSPHRASE``. The key made on first use takes
the passphrase given then; an old key found unencrypted is encrypted with the passphrase given at
its next unlock. Once unlocked the key stays in this process's memory (the app asks once per
signed-in user; a CLI command is one process) and is never written in the clear.

A finalise or an export that must sign a checkpoint and has no passphrase is refused before it
writes anything (:class:`AuditKeyLocked`, naming ``$EVALUATOR_PASSPHRASE``): there is no unsigned
checkpoint.
"""

from __future__ import annotations

import base64
import contextlib
import os
import threading
from pathlib import Path

import platformdirs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from evaluator.db.engine import APP_NAME
from evaluator.errors import EvaluatorError
from evaluator.files import exclusive, write_bytes
from evaluator.sync.keys import MIN_PASSPHRASE, PASSPHRASE_ENV, fingerprint

KEY_DIR_ENV = "EVALUATOR_AUDIT_KEY_DIR"
KEY_FILE = "audit-key.pem"
PUBLIC_FILE = "audit-key.pub"
LOCK_FILE = ".making-audit-key.lock"

_unlocked: dict[Path, Ed25519PrivateKey] = {}
_guard = threading.Lock()


class AuditKeyLocked(EvaluatorError):
    """The audit key is needed and no passphrase was given: nothing was done."""


class AuditKeyError(EvaluatorError):
    """The audit key cannot be opened (wrong passphrase, damaged file): nothing was changed."""


def key_folder() -> Path:
    """Where this installation's audit key and journal live ($EVALUATOR_AUDIT_KEY_DIR, else the
    user's data folder): outside every database."""
    given = os.environ.get(KEY_DIR_ENV)
    if given:
        return Path(given).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "audit-key"


def key_path() -> Path:
    return key_folder() / KEY_FILE


def state() -> str:
    """``encrypted`` (PKCS#8 with a passphrase), ``plain`` (an old unencrypted key, encrypted at
    its next unlock) or ``none`` (made, with the passphrase given then, at the first signature)."""
    try:
        head = key_path().read_bytes()[:64]
    except OSError:
        return "none"
    return "encrypted" if b"ENCRYPTED" in head else "plain"


def is_unlocked() -> bool:
    """The key is already open in this process (no passphrase needed for the next signature)."""
    with _guard:
        return key_path() in _unlocked


def forget() -> None:
    """Drop every unlocked key from this process's memory (the app does it when the user
    changes; the next signature asks again)."""
    with _guard:
        _unlocked.clear()


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_raw() -> bytes | None:
    """This installation's public audit key, read without the passphrase: from the public file,
    else (an old plain key) from the key itself; None before the key exists."""
    folder = key_folder()
    try:
        text = (folder / PUBLIC_FILE).read_text(encoding="ascii").strip()
        raw = base64.b64decode(text, validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
        return raw
    except (OSError, ValueError):
        pass
    if state() == "plain":
        with contextlib.suppress(OSError, ValueError, TypeError):
            key = serialization.load_pem_private_key(key_path().read_bytes(), password=None)
            if isinstance(key, Ed25519PrivateKey):
                return _raw(key.public_key())
    return None


def installation_fingerprint() -> str | None:
    raw = public_raw()
    return None if raw is None else fingerprint(raw)


def _need_passphrase(why: str) -> AuditKeyLocked:
    return AuditKeyLocked(
        f"ต้องใช้รหัสผ่านของกุญแจบันทึกตรวจสอบ (audit key) เพื่อ{why} ให้ตั้งค่าตัวแปร"
        f" ${PASSPHRASE_ENV} หรือพิมพ์เมื่อโปรแกรมถาม ยังไม่ได้ทำสิ่งใด — the audit key signs a"
        f" checkpoint of the log here and is kept encrypted: give its passphrase in"
        f" ${PASSPHRASE_ENV} (or type it when asked); nothing was done"
    )


def _check_new(passphrase: str) -> bytes:
    secret = passphrase.encode("utf-8")
    if len(secret) < MIN_PASSPHRASE:
        raise AuditKeyError(
            f"รหัสผ่านของกุญแจบันทึกตรวจสอบต้องยาวอย่างน้อย {MIN_PASSPHRASE} ตัวอักษร — the audit"
            f" key's passphrase must have at least {MIN_PASSPHRASE} characters; nothing was done"
        )
    return secret


def _encrypted_pem(key: Ed25519PrivateKey, secret: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )


def _write_public(key: Ed25519PrivateKey) -> None:
    text = base64.b64encode(_raw(key.public_key())).decode("ascii") + "\n"
    write_bytes(key_folder() / PUBLIC_FILE, text.encode("ascii"))


def _write_private(path: Path, pem: bytes) -> None:
    """The encrypted key, written whole; mode 0600 as well where the system has modes (an extra,
    not the protection: the file is encrypted)."""
    write_bytes(path, pem)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _making() -> contextlib.AbstractContextManager[None]:
    """One process at a time makes or re-encrypts the key (two at once would pair one's key
    with the other's public file)."""
    return exclusive(
        key_folder() / LOCK_FILE,
        lambda lock: AuditKeyError(
            f"รอกุญแจบันทึกตรวจสอบนานเกินไป ลบไฟล์ {lock} หากไม่มีโปรแกรมอื่นทำงานอยู่ —"
            f" timed out waiting for another process making the audit key ({lock})"
        ),
    )


def _open_encrypted(path: Path, secret: bytes) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=secret)
    except (ValueError, TypeError):
        raise AuditKeyError(
            f"เปิดกุญแจบันทึกตรวจสอบ {path} ไม่ได้ รหัสผ่านไม่ถูกต้องหรือไฟล์เสียหาย ยังไม่ได้ทำสิ่งใด"
            f" — cannot open the audit key {path}: wrong passphrase or damaged file;"
            " nothing was done"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(f"{path}: ไม่ใช่กุญแจ Ed25519 — not an Ed25519 key")
    return key


def _unlock_file(passphrase: str) -> Ed25519PrivateKey:
    path = key_path()
    if state() == "encrypted":
        key = _open_encrypted(path, passphrase.encode("utf-8"))
        known = public_raw()
        if known is not None and known != _raw(key.public_key()):
            raise AuditKeyError(
                f"กุญแจสาธารณะใน {key_folder() / PUBLIC_FILE} ไม่ตรงกับกุญแจบันทึกตรวจสอบ"
                " (มีผู้แก้ไขไฟล์) — the public audit key beside the key is not its public half:"
                " the file was replaced"
            )
        if known is None:
            with _making():
                _write_public(key)
        return key
    secret = _check_new(passphrase)
    with _making():
        if state() == "none":  # made here, with the passphrase given now
            key = Ed25519PrivateKey.generate()
            _write_private(path, _encrypted_pem(key, secret))
            _write_public(key)
            return key
        if state() == "encrypted":  # another process made or encrypted it meanwhile
            return _open_encrypted(path, secret)
        # an old key kept in the clear: encrypted now, never left as plain PEM
        try:
            old = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as exc:
            raise AuditKeyError(f"{path}: อ่านกุญแจไม่ได้ — cannot read the key ({exc})") from None
        if not isinstance(old, Ed25519PrivateKey):
            raise AuditKeyError(f"{path}: ไม่ใช่กุญแจ Ed25519 — not an Ed25519 key")
        _write_public(old)
        _write_private(path, _encrypted_pem(old, secret))
        return old


def unlock(passphrase: str | None = None) -> Ed25519PrivateKey:
    """Open the audit key with ``passphrase`` (else ``$EVALUATOR_PASSPHRASE``) and keep it open in
    this process; make it on first use, encrypt an old plain key. Raises :class:`AuditKeyLocked`
    with no passphrase, :class:`AuditKeyError` for a wrong one (nothing changed either way)."""
    if passphrase is None:
        with _guard:
            known = _unlocked.get(key_path())
        if known is not None:
            return known
        passphrase = os.environ.get(PASSPHRASE_ENV) or None
    if not passphrase:
        raise _need_passphrase(
            "สร้างกุญแจนี้" if state() == "none" else "เข้ารหัสกุญแจเดิม" if state() == "plain" else "ลงนาม"
        )
    key = _unlock_file(passphrase)
    with _guard:
        _unlocked[key_path()] = key
    return key


def try_unlock(passphrase: str) -> bool:
    """:func:`unlock` with a passphrase that may well be another key's (the inspector's, typed
    for a package): False when it does not open this one, nothing changed."""
    try:
        unlock(passphrase)
    except AuditKeyError:
        return False
    return True


def signing_key() -> Ed25519PrivateKey:
    """The key that signs the next checkpoint: already open here, else opened with
    ``$EVALUATOR_PASSPHRASE``; :class:`AuditKeyLocked` otherwise. Services call it before they
    write anything."""
    return unlock(None)
