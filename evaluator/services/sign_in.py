"""Why a sign-in is refused, and what a refusal costs: the messages a person reads (in Thai and
English, naming the login and the wait), the growing lock-out after
:data:`~evaluator.accounts.FREE_FAILURES` wrong passwords in a row, and the audit entry of every
failure. :func:`evaluator.services.users.authenticate` decides with these; nothing here opens a
transaction of its own.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from evaluator import accounts, audit
from evaluator.db import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

WRONG = "ชื่อเข้าใช้หรือรหัสผ่านไม่ถูกต้อง — wrong login or password"


def _aware(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def refuse_unknown(s: Session, key: str, password: str) -> str:
    """The refusal of a login no account has, after the time a wrong password takes (a wrong
    login and a wrong password cannot be told apart); audited."""
    accounts.verify_password(None, password)
    audit.record(
        s,
        key[: accounts.LOGIN_MAX] or "-",
        audit.Source.SYSTEM,
        [audit.Change("login_failed", "user", key[:100] or "-", reason="unknown login")],
    )
    return WRONG


def refusal_for(user: m.User, password: str, now: datetime) -> tuple[str | None, str]:
    """(the message, the audit reason) refusing ``user`` with ``password`` now, or (None, "")
    when they may sign in."""
    locked_until = _aware(user.locked_until)
    if locked_until is not None and locked_until > now:
        wait = int((locked_until - now).total_seconds()) + 1
        return (
            f"บัญชี {user.login} ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง ลองใหม่ใน {wait} วินาที"
            f" — {user.login}: too many failed sign-ins; try again in {wait} s"
        ), "locked"
    if not accounts.verify_password(user.password_hash, password):
        if user.password_hash is not None:
            return WRONG, "wrong password"
        return (
            f"บัญชี {user.login} ยังไม่มีรหัสผ่าน ให้ผู้ดูแลระบบตั้งให้ก่อน"
            f" — {user.login} has no password yet; an admin must set one"
        ), "no password"
    if user.disabled:
        return f"บัญชี {user.login} ถูกระงับการใช้งาน — the account {user.login} is disabled", "disabled"
    return None, ""


def record_failure(s: Session, user: m.User, why: str, now: datetime) -> None:
    """Count a wrong password (locking the account for a growing time once the free failures are
    spent) and write the failure to the audit log."""
    if why in ("wrong password", "no password"):
        user.failed_logins += 1
        seconds = accounts.lockout_seconds(user.failed_logins)
        if seconds:
            user.locked_until = now + timedelta(seconds=seconds)
            why += f"; locked for {seconds} s"
    audit.record(
        s,
        user.login,
        audit.Source.SYSTEM,
        [
            audit.Change(
                "login_failed",
                "user",
                user.login,
                new={"failed_logins": user.failed_logins},
                reason=why,
            )
        ],
    )
