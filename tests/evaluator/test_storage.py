"""The storage layer on SQLite and PostgreSQL: schema, constraints, transactions, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.db.migrate import current_revision, head_revision, upgrade
from evaluator.errors import SchemaTooNewError
from evaluator.services.setup import init_database


def _add_tambon(db: Database, code: str = "840503") -> None:
    with db.transaction() as s:
        s.add(m.District(code=code[:4], name_th="เกาะพะงัน", province_code=code[:2]))
        s.add(m.Tambon(code=code, name_th="เกาะเต่า", district_code=code[:4]))


def test_init_stores_18_zones_and_76_provinces(any_db: Database) -> None:
    with any_db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(m.Zone)) == 18
        assert s.scalar(select(func.count()).select_from(m.Province)) == 76
        surat = s.get(m.Province, "84")
        assert surat is not None
        assert surat.name_th == "สุราษฎร์ธานี"
        assert surat.zone_number == 5
    assert current_revision(any_db) == head_revision()


def test_init_twice_changes_nothing(any_db: Database) -> None:
    result = init_database(any_db)
    assert result.before == result.after == head_revision()
    assert result.backup is None


def test_failed_unit_of_work_leaves_nothing(any_db: Database) -> None:
    with pytest.raises(RuntimeError), any_db.transaction() as s:
        s.add(m.Inspector(name="ผู้ตรวจ ก"))
        s.flush()
        raise RuntimeError("crash in the middle")
    with any_db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(m.Inspector)) == 0


def test_foreign_keys_are_enforced(any_db: Database) -> None:
    with pytest.raises(IntegrityError), any_db.transaction() as s:
        s.add(m.Tambon(code="999999", name_th="ไม่มี", district_code="9999"))


def test_score_cannot_be_negative(any_db: Database) -> None:
    _add_tambon(any_db)
    with any_db.transaction() as s:
        contest = m.Contest(code="T", title="t")
        s.add(contest)
        s.flush()
        crit = m.Criterion(contest_id=contest.id, code="C1", title="c", max_score=10, weight=100)
        rnd = m.Round(contest_id=contest.id, code="r")
        insp = m.Inspector(name="ก")
        s.add_all([crit, rnd, insp])
        s.flush()
        sheet = m.Sheet(round_id=rnd.id, inspector_id=insp.id, tambon_code="840503")
        s.add(sheet)
        s.flush()
        ids = (sheet.id, crit.id)
    with pytest.raises(IntegrityError), any_db.transaction() as s:
        s.add(m.Score(sheet_id=ids[0], criterion_id=ids[1], value=-1))


def test_sheet_round_trip_keeps_uuid_status_and_thai(any_db: Database) -> None:
    _add_tambon(any_db)
    with any_db.transaction() as s:
        contest = m.Contest(code="T", title="โครงการ")
        s.add(contest)
        s.flush()
        rnd = m.Round(contest_id=contest.id, code="outstanding", tie_break=["C1", "C2"])
        insp = m.Inspector(name="นางสาวพิมพ์ใจ ใจดี")
        s.add_all([rnd, insp])
        s.flush()
        sheet = m.Sheet(
            round_id=rnd.id, inspector_id=insp.id, tambon_code="840503", note="ผู้นำทำก่อน ดีมาก"
        )
        s.add(sheet)
        s.flush()
        uuid = sheet.uuid
    with any_db.transaction() as s:
        got = s.scalars(select(m.Sheet).where(m.Sheet.uuid == uuid)).one()
        assert got.status is m.SheetStatus.DRAFT
        assert got.note == "ผู้นำทำก่อน ดีมาก"
        assert got.round.tie_break == ["C1", "C2"]
        assert got.inspector.name == "นางสาวพิมพ์ใจ ใจดี"
        raw = s.execute(text("SELECT status FROM sheets")).scalar_one()
        assert raw == "draft"


def test_audit_log_refuses_update_and_delete(any_db: Database) -> None:
    with any_db.transaction() as s:
        s.add(
            m.AuditEntry(
                actor="a",
                source="test",
                action="x",
                entity="sheet",
                entity_key="1",
                prev_hash="0" * 64,
                hash="1" * 64,
            )
        )
    with pytest.raises(DBAPIError), any_db.transaction() as s:
        s.execute(text("UPDATE audit_log SET actor = 'b'"))
    with pytest.raises(DBAPIError), any_db.transaction() as s:
        s.execute(text("DELETE FROM audit_log"))


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_newer_than_the_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path)
    upgrade(db)
    with db.transaction() as s:
        s.add(m.Inspector(name="เก็บไว้"))
    assert upgrade(db).backup is None  # already at head: nothing to do, no backup

    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffffffff'")
    with pytest.raises(SchemaTooNewError):
        upgrade(db)
    db.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("ffffffff",)]
    assert conn.execute("SELECT name FROM inspectors").fetchall() == [("เก็บไว้",)]
    conn.close()
    assert not list(tmp_path.glob("old.before-*"))


def test_backup_copies_the_data(tmp_path: Path) -> None:
    from evaluator.db.migrate import backup_sqlite

    path = tmp_path / "data.sqlite3"
    db = open_database(path)
    init_database(db)
    with db.transaction() as s:
        s.add(m.Inspector(name="สำรอง"))
    copy = backup_sqlite(path, "manual")
    db.dispose()
    names = sqlite3.connect(copy).execute("SELECT name FROM inspectors").fetchall()
    assert names == [("สำรอง",)]
