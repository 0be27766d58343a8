"""Inspector keys: an Ed25519 key pair made on the inspector's machine.

The private key stays on that machine in a PEM (PKCS#8) file encrypted with a passphrase
(``BestAvailableEncryption``), in the user's data folder unless a path is given. The committee
registers the inspector's public key, either from the exported public-key file or from its short
fingerprint read aloud over the phone; in the second case the key itself arrives inside the
inspector's first package and is accepted only when its fingerprint matches.

A fingerprint is the first 16 hex digits of the SHA-256 of the raw 32-byte public key, upper case,
grouped 4-4-4-4 (``3F2A-9C01-77BE-0D41``): 64 bits, enough that nobody can make another key with
the same fingerprint by trial.

``Inspector.public_key`` holds either the raw 32-byte public key, or, while only the fingerprint
is known, the ASCII bytes ``fingerprint:XXXX-XXXX-XXXX-XXXX`` (see :func:`key_state`).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from evaluator.db.engine import APP_NAME
from evaluator.errors import EvaluatorError, InputError, Problem

PASSPHRASE_ENV = "EVALUATOR_PASSPHRASE"
MIN_PASSPHRASE = 8
PUBLIC_KEY_BYTES = 32
FINGERPRINT_DIGITS = 16
PENDING_PREFIX = b"fingerprint:"

_PEM_PUBLIC = re.compile(
    rb"-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+?-----END PUBLIC KEY-----", re.DOTALL
)


class KeyFileError(EvaluatorError):
    """A key that cannot be used: wrong passphrase, damaged file, missing file."""


# --- fingerprints ----------------------------------------------------------------------------


def fingerprint(public_raw: bytes) -> str:
    """The short, readable fingerprint of a raw Ed25519 public key: ``XXXX-XXXX-XXXX-XXXX``."""
    digits = hashlib.sha256(public_raw).hexdigest()[:FINGERPRINT_DIGITS].upper()
    return "-".join(digits[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, with spaces or dashes) in its canonical form."""
    digits = re.sub(r"[\s\-:]", "", text).upper()
    if not re.fullmatch(rf"[0-9A-F]{{{FINGERPRINT_DIGITS}}}", digits):
        raise InputError(
            [
                Problem(
                    f"ลายนิ้วมือกุญแจต้องเป็นเลขฐานสิบหก {FINGERPRINT_DIGITS} หลัก เช่น "
                    f"3F2A-9C01-77BE-0D41 — a fingerprint is {FINGERPRINT_DIGITS} hex digits",
                    field="fingerprint",
                )
            ]
        )
    return "-".join(digits[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


@dataclass(frozen=True)
class KeyState:
    """What the database holds for an inspector's key."""

    state: str  # "none" | "key" | "fingerprint"
    fingerprint: str | None
    public_raw: bytes | None


def key_state(stored: bytes | None) -> KeyState:
    """Read ``Inspector.public_key``: nothing, a full key, or a fingerprint awaiting its key."""
    if not stored:
        return KeyState("none", None, None)
    stored = bytes(stored)
    if stored.startswith(PENDING_PREFIX):
        return KeyState("fingerprint", stored[len(PENDING_PREFIX) :].decode("ascii"), None)
    if len(stored) == PUBLIC_KEY_BYTES:
        return KeyState("key", fingerprint(stored), stored)
    return KeyState("none", None, None)


def pending_marker(fp: str) -> bytes:
    """What ``Inspector.public_key`` holds while only the fingerprint ``fp`` is registered."""
    return PENDING_PREFIX + normalise_fingerprint(fp).encode("ascii")


# --- key pairs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyPair:
    """A new key pair: the encrypted private key file's bytes and the raw public key."""

    private_pem: bytes
    public_raw: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_raw)


def check_passphrase(passphrase: bytes) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            [
                Problem(
                    f"รหัสผ่านของกุญแจต้องยาวอย่างน้อย {MIN_PASSPHRASE} ตัวอักษร"
                    f" — the passphrase must have at least {MIN_PASSPHRASE} characters",
                    field="passphrase",
                )
            ]
        )


def generate(passphrase: bytes) -> KeyPair:
    """A fresh Ed25519 key pair, the private key encrypted with ``passphrase``."""
    check_passphrase(passphrase)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    return KeyPair(pem, public_raw(key))


def public_raw(key: Ed25519PrivateKey) -> bytes:
    """The raw 32 bytes of a private key's public key."""
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_private_key(pem: bytes, passphrase: bytes, file: str = "") -> Ed25519PrivateKey:
    """The private key of an encrypted PEM file; a clear error for a wrong passphrase."""
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(
            f"เปิดกุญแจส่วนตัวไม่ได้ รหัสผ่านไม่ถูกต้องหรือไฟล์เสียหาย {file}"
            f" — cannot open the private key: wrong passphrase or damaged file ({exc})"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"ไฟล์ {file} ไม่ใช่กุญแจ Ed25519 — not an Ed25519 private key")
    return key


def read_private_key(path: Path, passphrase: bytes) -> Ed25519PrivateKey:
    """Read and decrypt a private key file."""
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(
            f"ไม่พบไฟล์กุญแจส่วนตัว {path} สร้างกุญแจได้ที่ เมนู แฟ้ม › กุญแจของผู้ประเมิน…"
            f" — no private key file at {path}: make one in File › Inspector key…"
            " (`keys generate` from a script)"
        ) from None
    return load_private_key(pem, passphrase, str(path))


def public_key_file(public: bytes, inspector: str) -> bytes:
    """The public-key file an inspector hands to the committee: comments, then a PEM block."""
    pem = Ed25519PublicKey.from_public_bytes(public).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = (
        f"# กุญแจสาธารณะของผู้ประเมิน — inspector public key\n"
        f"# inspector: {inspector}\n"
        f"# fingerprint: {fingerprint(public)}\n"
    )
    return head.encode("utf-8") + pem


def read_public_key(data: bytes, file: str = "") -> bytes:
    """The raw public key of a public-key file (PEM, comments around it allowed)."""
    match = _PEM_PUBLIC.search(data)
    problem = Problem(
        "ไม่ใช่ไฟล์กุญแจสาธารณะ Ed25519 (PEM) — not an Ed25519 public key file", file=file or None
    )
    if match is None:
        raise InputError([problem])
    try:
        key = serialization.load_pem_public_key(match.group(0))
    except ValueError:
        raise InputError([problem]) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InputError([problem])
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign(key: Ed25519PrivateKey, message: bytes) -> bytes:
    return key.sign(message)


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the signature of ``message`` by ``public``."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- files and passphrases -------------------------------------------------------------------


def keys_dir() -> Path:
    """The folder of private keys in the user's data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "keys"


def default_key_path(inspector: str) -> Path:
    """Where the private key of ``inspector`` lives when no ``--key`` is given."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", inspector.strip()).strip(". ") or "inspector"
    return keys_dir() / f"{safe}.key.pem"


def write_private_key(path: Path, pem: bytes, *, overwrite: bool = False) -> None:
    """Write a private key file readable by its owner only; never replace one by accident."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        raise KeyFileError(
            f"มีไฟล์กุญแจอยู่แล้วที่ {path} การสร้างใหม่จะทำให้กุญแจเดิมใช้ไม่ได้ (ใช้ --force ถ้าตั้งใจ)"
            f" — a key already exists at {path}; use --force to replace it"
        )
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def read_passphrase(
    passphrase_file: Path | None,
    *,
    confirm: bool = False,
    env: Mapping[str, str] | None = None,
) -> bytes:
    """The passphrase from a file (its first line), else ``EVALUATOR_PASSPHRASE``, else a prompt.

    It is never taken from the command line itself, where other users could read it.
    """
    environ = os.environ if env is None else env
    if passphrase_file is not None:
        lines = passphrase_file.read_bytes().splitlines()
        return lines[0] if lines else b""
    if environ.get(PASSPHRASE_ENV):
        return environ[PASSPHRASE_ENV].encode("utf-8")
    if not sys.stdin.isatty():
        raise KeyFileError(
            "ต้องใส่รหัสผ่านของกุญแจ: ใช้ --passphrase-file หรือตัวแปร EVALUATOR_PASSPHRASE"
            " — a passphrase is needed: use --passphrase-file or EVALUATOR_PASSPHRASE"
        )
    typed = getpass.getpass("รหัสผ่านของกุญแจ — key passphrase: ")
    if confirm:
        again = getpass.getpass("ยืนยันรหัสผ่าน — repeat the passphrase: ")
        if again != typed:
            raise KeyFileError("รหัสผ่านสองครั้งไม่ตรงกัน — the passphrases differ")
    return typed.encode("utf-8")
