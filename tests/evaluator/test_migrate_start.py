"""Opening a database at the program's schema without Alembic (the app's start), and upgrading
an old database whose sheets are sealed by a migration before later tables exist."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from evaluator import audit
from evaluator.db import Database, open_database
from evaluator.db.migrate import _config, current_revision, head_revision, upgrade

ROOT = Path(__file__).resolve().parents[2]


def test_the_head_read_from_the_files_is_alembics() -> None:
    heads = ScriptDirectory.from_config(_config()).get_heads()
    assert heads == [head_revision()]


def test_current_revision_of_an_empty_and_a_ready_database(db: Database, tmp_path: Path) -> None:
    assert current_revision(db) == head_revision()
    empty = open_database(tmp_path / "empty.sqlite3")
    assert current_revision(empty) is None
    empty.dispose()


def test_opening_a_ready_database_imports_no_heavy_library(db: Database) -> None:
    assert db.file_path is not None
    script = (
        "import sys\n"
        "from evaluator.services.setup import open_ready\n"
        f"db = open_ready({str(db.file_path)!r})\n"
        "heavy = sorted(m for m in ('alembic', 'mako', 'numpy', 'reportlab', 'pyhanko',"
        " 'openpyxl', 'pythainlp', 'geothai', 'cryptography') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_database_from_before_the_audit_chain_with_sheets_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = open_database(path)
    cfg = _config()
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004_ties")
    old.dispose()
    with closing(sqlite3.connect(path)) as raw, raw:  # foreign keys off: only the sheet matters
        raw.execute(
            "INSERT INTO sheets (uuid, round_id, inspector_id, tambon_code, status, version,"
            " base_version, note, created_at, updated_at) VALUES"
            " ('0f0e0d0c-0b0a-4908-8706-050403020100', 1, 1, '840501', 'submitted', 1, 0, '',"
            " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"
        )
    db = open_database(path)
    result = upgrade(db)
    assert (result.before, result.after) == ("0004_ties", head_revision())
    assert result.backup is not None and result.backup.exists()
    with db.transaction() as s:
        assert audit.verify_chain(s) == []
        assert list(audit.sealed_digests(s)) == ["0f0e0d0c-0b0a-4908-8706-050403020100"]
    db.dispose()
