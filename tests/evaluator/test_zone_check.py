"""The zone table checked at every open: quick when it is stored already, and still applied
when the table, or the database, says otherwise."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.geography import (
    ZoneTable,
    default_zone_table,
    ensure_zones_and_provinces,
    zones_stored,
)
from evaluator.services.setup import open_ready


def _zone_of(db: Database, name: str) -> int:
    with db.transaction() as s:
        return s.scalars(select(m.Province.zone_number).where(m.Province.name_th == name)).one()


def test_a_database_with_the_zone_table_stored_needs_nothing(db: Database) -> None:
    with db.transaction() as s:
        assert zones_stored(s, default_zone_table())
        before = [(p.code, p.name_th, p.zone_number) for p in s.scalars(select(m.Province))]
    with db.transaction() as s:
        ensure_zones_and_provinces(s)
    with db.transaction() as s:
        after = [(p.code, p.name_th, p.zone_number) for p in s.scalars(select(m.Province))]
    assert after == before and len(after) == len(default_zone_table().zone_of)


def test_a_table_that_moves_a_province_is_applied(db: Database) -> None:
    table = default_zone_table()
    moved = ZoneTable({**table.zone_of, "จังหวัดชัยนาท": 2})  # with its prefix, as typed
    del moved.zone_of["ชัยนาท"]
    with db.transaction() as s:
        assert not zones_stored(s, moved)
        ensure_zones_and_provinces(s, moved)
    assert _zone_of(db, "ชัยนาท") == 2
    with db.transaction() as s:
        assert zones_stored(s, moved) and not zones_stored(s, table)


def test_a_zone_changed_by_hand_is_put_back_at_the_next_open(db: Database) -> None:
    assert db.file_path is not None
    db.dispose()
    with closing(sqlite3.connect(db.file_path)) as raw, raw:
        raw.execute("UPDATE provinces SET zone_number = 9 WHERE name_th = 'ชัยนาท'")
    again = open_ready(db.file_path)
    try:
        assert _zone_of(again, "ชัยนาท") == 1
    finally:
        again.dispose()


def test_a_missing_zone_or_province_is_stored_again(db: Database) -> None:
    assert db.file_path is not None
    db.dispose()
    with closing(sqlite3.connect(db.file_path)) as raw, raw:
        raw.execute("DELETE FROM provinces WHERE name_th = 'ชัยนาท'")
    again = open_ready(db.file_path)
    try:
        assert _zone_of(again, "ชัยนาท") == 1
    finally:
        again.dispose()


def test_an_unknown_province_in_the_table_is_still_refused(db: Database) -> None:
    bad = ZoneTable({**default_zone_table().zone_of, "เมืองลับแล": 3})
    with db.transaction() as s, pytest.raises(ValueError, match="เมืองลับแล"):
        ensure_zones_and_provinces(s, bad)
