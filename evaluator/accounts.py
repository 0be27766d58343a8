"""Logins and passwords: the rules, Argon2id hashing, one-time passwords, lock-out timing.

Pure functions, no database: :mod:`evaluator.services.users` stores and checks accounts with them.

- A login is normalised before it is stored or looked up (:func:`normalise_login`): Unicode NFC,
  zero-width characters removed, spaces collapsed, lower case; ``Admin`` and ``admin `` are one
  login.
- A password is hashed with Argon2id (argon2-cffi's RFC 9106 low-memory profile: 64 MiB, 3
  passes); only the hash is stored. :func:`check_password_rules` says what a new password
  must be.
- After :data:`FREE_FAILURES` failed sign-ins in a row, each further failure locks the account
  for a growing time (:func:`lockout_seconds`).
"""

from __future__ import annotations

import secrets
import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import Type, hash_secret

from evaluator.errors import Problem
from evaluator.text import normalise

LOGIN_MAX = 64
PASSWORD_MIN = 8
PASSWORD_MAX = 1024
# Failed sign-ins in a row allowed before the account is locked for a while.
FREE_FAILURES = 5
LOCKOUT_FIRST_SECONDS = 30
LOCKOUT_MAX_SECONDS = 15 * 60

_hasher = PasswordHasher()  # Argon2id, RFC 9106 low-memory parameters


def set_hash_parameters(
    time_cost: int | None = None, memory_cost: int | None = None, parallelism: int | None = None
) -> None:
    """Hash new passwords with other Argon2id parameters (no argument: back to the defaults).

    The test suite uses cheap ones so that its hundreds of sign-ins stay fast; a hash keeps its
    own parameters, so existing hashes still verify, and are rehashed with the current
    parameters at the next sign-in (:func:`needs_rehash`).
    """
    global _hasher
    default = PasswordHasher()
    _hasher = PasswordHasher(
        time_cost=time_cost or default.time_cost,
        memory_cost=memory_cost or default.memory_cost,
        parallelism=parallelism or default.parallelism,
    )
    _dummy_hash.cache_clear()


@cache
def _dummy_hash() -> str:
    """The hash checked when the login is unknown or has no password, so that a wrong login
    takes as long as a wrong password and the time taken does not tell which logins exist."""
    return _hasher.hash(secrets.token_hex(16))


_COMMON = frozenset(
    {
        "password",
        "password1",
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "11111111",
        "00000000",
        "qwertyui",
        "qwerty123",
        "abcd1234",
        "admin123",
        "administrator",
        "iloveyou",
        "passw0rd",
        "changeme",
        "letmein1",
    }
)
# Letters and digits that cannot be mistaken for one another when read aloud or printed.
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def normalise_login(text: str) -> str:
    """The stored form of a login: NFC, zero-width characters gone, spaces collapsed, lower
    case."""
    return unicodedata.normalize("NFC", normalise(text).casefold())


def check_login(login: str) -> list[Problem]:
    """What is wrong with a new login (already normalised)."""
    problems: list[Problem] = []
    if not login:
        problems.append(Problem("ต้องระบุชื่อเข้าใช้ — a login is required", field="login"))
    elif len(login) > LOGIN_MAX:
        problems.append(
            Problem(
                f"ชื่อเข้าใช้ยาวเกิน {LOGIN_MAX} ตัวอักษร — a login has at most {LOGIN_MAX} characters",
                field="login",
            )
        )
    elif any(unicodedata.category(ch).startswith("C") for ch in login):
        problems.append(
            Problem("ชื่อเข้าใช้มีอักขระควบคุม — the login has control characters", field="login")
        )
    return problems


def check_password_rules(password: str, login: str = "") -> list[Problem]:
    """What is wrong with a new password: at least :data:`PASSWORD_MIN` characters, not the
    login, not one character repeated, not a well-known password."""
    problems: list[Problem] = []
    field = "password"
    if len(password) < PASSWORD_MIN:
        problems.append(
            Problem(
                f"รหัสผ่านต้องยาวอย่างน้อย {PASSWORD_MIN} ตัวอักษร — a password needs at least "
                f"{PASSWORD_MIN} characters",
                field=field,
            )
        )
    elif len(password) > PASSWORD_MAX:
        problems.append(
            Problem(
                f"รหัสผ่านยาวเกิน {PASSWORD_MAX} ตัวอักษร — at most {PASSWORD_MAX} characters",
                field=field,
            )
        )
    elif login and normalise_login(password) == login:
        problems.append(
            Problem("รหัสผ่านต้องไม่เหมือนชื่อเข้าใช้ — the password may not be the login", field=field)
        )
    elif len(set(password)) == 1 or password.casefold() in _COMMON:
        problems.append(
            Problem("รหัสผ่านนี้เดาง่ายเกินไป — this password is too easy to guess", field=field)
        )
    return problems


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The Argon2id hash of ``password`` (salted; the parameters are in the hash).

    ``salt`` only for the demo, whose public password is hashed the same way for a given seed
    so that one seed always gives the same database; everything else gets a random salt.
    """
    if salt is None:
        return _hasher.hash(password)
    return hash_secret(
        password.encode("utf-8"),
        salt,
        time_cost=_hasher.time_cost,
        memory_cost=_hasher.memory_cost,
        parallelism=_hasher.parallelism,
        hash_len=_hasher.hash_len,
        type=Type.ID,
    ).decode("ascii")


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``. With no hash (no password set yet) the
    dummy hash is checked, so the answer (False) takes as long as a real check."""
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether a hash was made with weaker parameters than today's (rehash at next sign-in)."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def one_time_password() -> str:
    """A random password to hand over once (about 70 bits): ``xxxx-xxxx-xxxx-xxxx``."""
    chars = "".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def lockout_seconds(failures: int) -> int:
    """How long an account stays locked after ``failures`` failed sign-ins in a row: nothing up
    to :data:`FREE_FAILURES`, then 30 s, doubling with each further failure, at most 15 min."""
    if failures < FREE_FAILURES:
        return 0
    return int(min(LOCKOUT_MAX_SECONDS, LOCKOUT_FIRST_SECONDS * 2 ** (failures - FREE_FAILURES)))
