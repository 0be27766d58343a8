"""Creating, upgrading and opening the database."""

from __future__ import annotations

from pathlib import Path

from evaluator.db import Database, open_database
from evaluator.db.migrate import UpgradeResult, upgrade
from evaluator.geography import ensure_zones_and_provinces


def init_database(db: Database) -> UpgradeResult:
    """Create or upgrade the schema and store the zone table and the 76 provinces."""
    result = upgrade(db)
    with db.transaction() as session:
        ensure_zones_and_provinces(session)
    return result


def open_ready(target: str | Path | None) -> Database:
    """Open a database and bring it to the program's schema (creating it when empty)."""
    db = open_database(target)
    init_database(db)
    return db
