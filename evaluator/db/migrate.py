"""Creating and upgrading the schema with Alembic; backing up first, refusing newer databases.

Opening a database that is already at the program's schema (every start of the app) needs no
Alembic: the head revision is read from the migration files' ``revision`` / ``down_revision``
lines and the database's from its ``alembic_version`` table, and Alembic (with Mako and its
script machinery, a good part of the start-up time) is imported only to create or upgrade.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from evaluator.db.engine import Database
from evaluator.errors import SchemaTooNewError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def head_revision() -> str:
    """The newest schema revision this program knows: the one revision of the migration files
    that no other revises (what Alembic's ``heads`` gives; a test checks they agree)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down is not None and down.group(1):
            revised.add(down.group(1))
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(db: Database) -> str | None:
    """The database's schema revision, None for an empty database."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return str(rows[0]) if len(rows) == 1 else None


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
    head = head_revision()
    before = current_revision(db)
    if before == head:
        return UpgradeResult(before, head, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
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
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    try:
        return script.get_revision(rev) is not None
    except (RevisionError, CommandError):
        return False
