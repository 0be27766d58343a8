"""Creating and upgrading the schema with Alembic; backing up first, refusing newer databases."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError

from evaluator.db.engine import Database
from evaluator.errors import SchemaTooNewError

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The database's schema revision, None for an empty database."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite database (WAL included) to a timestamped file beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}")
        n += 1
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(db: Database) -> UpgradeResult:
    """Create or upgrade the schema to the program's head revision.

    A database already holding data is backed up first (SQLite); a database whose revision this
    program does not know (written by a newer version) is refused untouched.
    """
    script = ScriptDirectory.from_config(_config())
    head = head_revision()
    before = current_revision(db)
    if before == head:
        return UpgradeResult(before, head, None)
    if before is not None and not _safe_revision_lookup(script, before):
        raise SchemaTooNewError(
            f"ฐานข้อมูลนี้สร้างด้วยโปรแกรมรุ่นใหม่กว่า (schema {before}); "
            "โปรดใช้โปรแกรมรุ่นล่าสุด — the database is newer than this program"
        )
    backup: Path | None = None
    path = db.file_path
    if before is not None and path is not None and path.exists():
        backup = backup_sqlite(path, f"before-{head}")
    cfg = _config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup)


def _safe_revision_lookup(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except (RevisionError, CommandError):
        return False
