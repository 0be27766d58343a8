"""Database failures as one line a user can act on (Thai — English), never a traceback.

:func:`check_target` refuses a ``--db`` that cannot be what the user meant (a folder, a path in a
folder that does not exist, a missing file for a command that only reads or changes an existing
database); :func:`describe` turns the errors of SQLAlchemy and the drivers (a server that is down,
"database is locked", a PostgreSQL deadlock, a file that is not a database) into one line.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from evaluator.errors import EvaluatorError

# PostgreSQL: deadlock, lock not available, serialization failure, statement/lock timeout
_PG_CONTENTION = {"40P01", "55P03", "40001", "57014"}


class DatabaseUnavailable(EvaluatorError):
    """The database cannot be opened or used right now; the message says why."""


def sqlite_path(target: str | Path) -> Path | None:
    """The file of an SQLite target (a path or an ``sqlite:///`` URL); None for a server URL or
    an in-memory database."""
    text = str(target)
    if "://" not in text:
        return Path(text).expanduser()
    try:
        url = make_url(text)
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).expanduser()


def check_target(target: str | Path, *, create: bool) -> None:
    """Refuse a ``--db`` that is a folder, or (unless ``create``: ``init`` and ``demo``) one whose
    folder or file does not exist, so that a mistyped path never becomes a new empty database."""
    path = sqlite_path(target)
    if path is None:
        return
    if path.is_dir():
        raise DatabaseUnavailable(
            f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล — {path} is a folder, not a database file"
        )
    if create:
        return
    if not path.parent.is_dir():
        raise DatabaseUnavailable(
            f"ไม่มีโฟลเดอร์ {path.parent} — the folder of --db does not exist: {path.parent}"
        )
    if not path.exists():
        raise DatabaseUnavailable(
            f"ไม่พบฐานข้อมูล {path} ยังไม่ได้สร้างสิ่งใด (สร้างฐานข้อมูลใหม่ด้วย evaluator --db {path}"
            f" init --admin LOGIN หรือฐานข้อมูลตัวอย่างด้วย evaluator --db {path} demo) — no"
            f" database at {path}, nothing was created; make a new one with `evaluator --db {path}"
            f" init --admin LOGIN`, or the demo with `evaluator --db {path} demo`"
        )


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def describe(exc: BaseException) -> str:
    """One line (Thai — English) for a failure of the database or its driver."""
    if isinstance(exc, DatabaseUnavailable):
        return str(exc)
    if isinstance(exc, ModuleNotFoundError):
        return (
            f"ไม่มีโปรแกรมเชื่อมต่อฐานข้อมูล ({exc.name}) — the database driver {exc.name} is not "
            "installed (PostgreSQL: pip install 'cdd-evaluator[postgres]')"
        )
    if isinstance(exc, ArgumentError):
        return f"ที่อยู่ฐานข้อมูลไม่ถูกต้อง — not a valid database path or URL: {_first_line(exc)}"
    orig = getattr(exc, "orig", None)
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    text = _first_line(exc)
    low = text.lower()
    if state in _PG_CONTENTION or "deadlock" in low:
        return (
            "มีผู้ใช้อื่นแก้ไขข้อมูลเดียวกันพร้อมกัน ไม่มีการเปลี่ยนแปลงใด ๆ ลองใหม่อีกครั้ง — another "
            "user was changing the same data at the same moment; nothing changed, try again"
        )
    if "database is locked" in low or "database is busy" in low:
        return (
            "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น ไม่มีการเปลี่ยนแปลงใด ๆ ลองใหม่อีกครั้ง — the "
            "database is busy (locked by another program); nothing changed, try again"
        )
    if "file is not a database" in low or "file is encrypted" in low:
        return "ไฟล์นี้ไม่ใช่ฐานข้อมูลของโปรแกรม — the file is not a database"
    if "unable to open database file" in low or "readonly database" in low:
        return f"เปิดหรือเขียนไฟล์ฐานข้อมูลไม่ได้ — cannot open or write the database file ({text})"
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return f"การเชื่อมต่อฐานข้อมูลขาด — the connection to the database was lost ({text})"
    if any(
        marker in low
        for marker in (
            "connection refused",
            "could not connect",
            "connection failed",
            "is the server running",
            "timeout expired",
            "could not translate host name",
            "name or service not known",
            "password authentication failed",
            "connection to server",
            "server closed the connection",
        )
    ):
        return f"เชื่อมต่อฐานข้อมูลไม่ได้ — cannot connect to the database: {text}"
    if isinstance(exc, SQLAlchemyError):
        return f"ฐานข้อมูลผิดพลาด — database error: {text}"
    return f"ผิดพลาด — error: {text}"
