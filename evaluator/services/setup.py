"""Creating, upgrading and opening the database."""

from __future__ import annotations

from pathlib import Path

from evaluator import accounts
from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.db.migrate import UpgradeResult, upgrade
from evaluator.errors import InputError, Problem
from evaluator.geography import default_zone_table, ensure_zones_and_provinces, zones_stored
from evaluator.permissions import UserInfo
from evaluator.services import users
from evaluator.text import normalise


def init_database(db: Database) -> UpgradeResult:
    """Create or upgrade the schema and store the zone table and the 76 provinces (checked with
    Core first: at every start they are there already, and nothing needs the mapped classes)."""
    result = upgrade(db)
    with db.connection() as connection:
        if zones_stored(connection, default_zone_table()):
            return result
    with db.transaction() as session:
        ensure_zones_and_provinces(session)
    return result


def open_ready(target: str | Path | None) -> Database:
    """Open a database and bring it to the program's schema (creating it when empty)."""
    db = open_database(target)
    init_database(db)
    return db


def create_database(
    path: Path, login: str, name: str, password: str, *, make_folder: bool = False
) -> UserInfo:
    """A new, empty contest database at ``path`` with its first admin: what ``init --admin``
    does, for the app's first start. The login, name and password are checked before any file
    is made; a file that already exists is refused (it is opened, never overwritten); the
    folder is made only with ``make_folder`` (the user's own data folder, never a mistyped
    one). Anything that fails after the file was made removes it again."""
    login = accounts.normalise_login(login)
    problems: list[Problem] = []
    if not normalise(name):
        problems.append(Problem("ต้องระบุชื่อผู้ดูแลระบบ — the admin's name is required", field="name"))
    problems += accounts.check_login(login)
    problems += accounts.check_password_rules(password, login)
    if path.exists():
        problems.append(Problem(f"มีไฟล์ {path} อยู่แล้ว — {path} already exists", field="path"))
    elif not path.parent.is_dir() and not make_folder:
        problems.append(
            Problem(f"ไม่มีโฟลเดอร์ {path.parent} — no folder {path.parent}", field="path")
        )
    if problems:
        raise InputError(problems)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        init_database(db)
        return users.create_user(db, None, name, m.Role.ADMIN, login=login, password=password)
    except BaseException:
        db.dispose()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        db.dispose()
