"""The audit log's search index (evaluator.services.audit_search): whatever the index holds (all
of the log, a part, nothing, or no index at all), a text search finds exactly the entries a
plain scan finds, counts them the same and pages through them the same; the index is brought up
by whoever may read the log, in chunks, by two processes at once, and never by the writes that
log; a first page pins the log it read, so its count and later pages ignore what comes after."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from evaluator import audit
from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.errors import PermissionDenied
from evaluator.services import audit_log, audit_search
from evaluator.services.audit_log import AuditFilter
from evaluator.services.setup import init_database
from tests.evaluator.helpers import committee_user

# Thai with its stacked marks, Latin in both cases, the LIKE pattern's own characters (% _ and
# the escape /), the FTS query's quote, spaces and newlines
ALPHABET = "ผู้ประเมินสมศักดิ์ตำบลน้ำAaBbZz09%_/\"' \n."
_plain_text = st.text(alphabet=ALPHABET, max_size=24)


def write(db: Database, entries: list[tuple[str | None, str | None, str]]) -> None:
    """Append entries (old, new, reason) to the log as the app does (one transaction)."""
    with db.transaction() as s:
        audit.record(
            s,
            "ผู้ทดสอบ",
            audit.Source.SYSTEM,
            [
                audit.Change("test", "note", f"k{i}", old, new, reason)
                for i, (old, new, reason) in enumerate(entries)
            ],
        )


def drop_index(db: Database) -> None:
    with db.transaction() as s:
        s.execute(text(f"DROP TABLE IF EXISTS {audit_search.TABLE}"))


def found(db: Database, needle: str) -> tuple[list[int], int, list[list[int]]]:
    """The ids a search lists, its count, and pages of 3 at offsets across the whole result."""
    filt = AuditFilter(text=needle)
    ids = [r.id for r in audit_log.list_entries(db, filt)]
    pages = [
        [r.id for r in audit_log.list_entries(db, filt, limit=3, offset=o)]
        for o in (0, 1, 2, 4, 7, len(ids) - 1, len(ids) + 2)
        if o >= 0
    ]
    return ids, audit_log.count_entries(db, filt), pages


def plain(db: Database, needle: str) -> list[int]:
    """What the search must find, worked out in Python: the entries (seals aside) holding
    ``needle`` in old, new or reason, ASCII letters in any case (SQLite's LIKE), newest first."""

    def fold(value: str) -> str:
        return "".join(c.lower() if c.isascii() else c for c in value)

    with db.transaction() as s:
        rows = s.execute(
            text("SELECT id, old, new, reason FROM audit_log WHERE entity != 'digest'")
        ).all()

    def holds(value: str | None) -> bool:
        return value is not None and fold(needle) in fold(value)

    return sorted((i for i, *values in rows if any(holds(v) for v in values)), reverse=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database, copied for each example (made once: a migration per example is slow)."""
    path = tmp_path_factory.mktemp("template") / "log.sqlite3"
    database = open_database(path)
    init_database(database)
    committee_user(database)
    database.dispose()
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(
        st.tuples(st.none() | _plain_text, st.none() | _plain_text, _plain_text),
        min_size=1,
        max_size=40,
    ),
    needles=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=6), min_size=1, max_size=6),
    split=st.integers(min_value=0, max_value=40),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_a_search_finds_what_a_plain_scan_finds_whatever_the_index_holds(
    tmp_path_factory: pytest.TempPathFactory,
    template: Path,
    entries: list[tuple[str | None, str | None, str]],
    needles: list[str],
    split: int,
    chunk: int,
) -> None:
    database = open_database(shutil.copy(template, tmp_path_factory.mktemp("search")))
    user = committee_user(database)
    try:
        write(database, entries[:split])
        rng = random.Random(split)
        # the needles: the generated ones, and pieces of the entries with their case changed
        texts = [v for e in entries for v in e if v]
        for value in rng.sample(texts, min(4, len(texts))):
            start = rng.randrange(len(value))
            piece = value[start : start + rng.randint(1, 7)]
            needles.append("".join(c.upper() if rng.random() < 0.5 else c for c in piece))
        needles = [n for n in needles if n]
        expected = {n: found(database, n) for n in needles}  # no index: the plain scan
        for n in needles:
            assert expected[n][0] == plain(database, n), n
            assert expected[n][1] == len(expected[n][0])
        # the index of the first entries, in chunks; then more entries written after it
        assert audit_search.catch_up(database, user, chunk=chunk) >= len(entries[:split])
        write(database, entries[split:])
        expected = {n: found(database, n) for n in needles} if split < len(entries) else expected
        drop_index(database)
        assert {n: found(database, n) for n in needles} == expected  # the plain scan again
        audit_search.catch_up(database, user, chunk=chunk)
        write(database, entries[split:])  # behind again
        audit_search.catch_up(database, user)
        with database.transaction() as s:
            assert audit_search.indexed_upto(s) == s.scalar(text("SELECT max(id) FROM audit_log"))
        for n in needles:
            ids, count, _pages = found(database, n)
            assert ids == plain(database, n), n
            assert count == len(ids)
    finally:
        database.dispose()


def test_the_index_is_a_search_aid_never_the_writers_work(db: Database) -> None:
    write(db, [(None, "แปลงผักรวม", "นำเข้า")] * 5)
    with db.transaction() as s:
        assert audit_search.indexed_upto(s) is None  # writing the log makes no index
    assert audit_search.catch_up(db, committee_user(db)) > 0
    with db.transaction() as s:
        upto = audit_search.indexed_upto(s)
    write(db, [(None, "แปลงผักรวม", "ภายหลัง")])
    with db.transaction() as s:
        assert audit_search.indexed_upto(s) == upto  # nor does a later write move it
    ids = [r.id for r in audit_log.list_entries(db, AuditFilter(text="แปลงผัก"))]
    assert len(ids) == 6 and ids[0] > (upto or 0)  # the entry after the index found first
    assert audit_search.catch_up(db, committee_user(db)) >= 1
    assert audit_search.catch_up(db, committee_user(db)) == 0  # nothing new: nothing to do


def test_only_who_may_read_the_log_builds_its_index(db: Database) -> None:
    write(db, [(None, "x", "y")])
    inspector = committee_user(db, "ผู้ตรวจ", role=m.Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        audit_search.catch_up(db, inspector)
    with db.transaction() as s:
        assert audit_search.indexed_upto(s) is None


def test_an_index_dropped_or_emptied_by_hand_is_built_again(db: Database) -> None:
    write(db, [(None, f"ตำบล {i:03}", "") for i in range(30)])
    user = committee_user(db)
    audit_search.catch_up(db, user)
    path = db.file_path
    assert path is not None
    with sqlite3.connect(path) as con:  # a hand edit: the index dropped
        con.execute(f"DROP TABLE {audit_search.TABLE}")
    assert [r.entity_key for r in audit_log.list_entries(db, AuditFilter(text="ตำบล 007"))] == [
        "k7"
    ]
    assert audit_search.catch_up(db, user) >= 30
    assert len(audit_log.list_entries(db, AuditFilter(text="ตำบล 00"))) == 10


def test_without_the_trigram_tokenizer_the_search_scans(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(db, [(None, "ข้าวหอมมะลิ", "")])
    monkeypatch.setattr(
        audit_search, "_CREATE", audit_search._CREATE.replace("trigram", "no_such_tokenizer")
    )
    assert audit_search.catch_up(db, committee_user(db)) == 0
    with db.transaction() as s:
        assert audit_search.indexed_upto(s) is None
    assert len(audit_log.list_entries(db, AuditFilter(text="หอมมะลิ"))) == 1


def test_on_postgresql_the_search_scans(any_db: Database) -> None:
    write(any_db, [(None, "ข้าวหอมมะลิ", "Jasmine")])
    user = committee_user(any_db)
    indexed = audit_search.catch_up(any_db, user)
    assert (indexed > 0) == any_db.is_sqlite
    assert len(audit_log.list_entries(any_db, AuditFilter(text="หอมมะลิ"))) == 1
    assert audit_log.count_entries(any_db, AuditFilter(text="Jasmine")) == 1


def test_a_first_page_pins_the_log_it_read(db: Database) -> None:
    write(db, [(None, f"แปลงที่ {i}", "") for i in range(12)])
    audit_search.catch_up(db, committee_user(db))
    page = audit_log.first_page(db, AuditFilter(text="แปลงที่"), 5)
    assert page.total is None  # full: counted apart
    assert [r.entity_key for r in page.rows] == [f"k{i}" for i in range(11, 6, -1)]
    write(db, [(None, f"แปลงที่ {i}", "") for i in range(12, 20)])  # written meanwhile
    assert audit_log.count_entries(db, page.filter) == 12
    rest = audit_log.list_entries(db, page.filter, limit=5, offset=5)
    assert [r.entity_key for r in rest] == [f"k{i}" for i in range(6, 1, -1)]
    assert audit_log.count_entries(db, AuditFilter(text="แปลงที่")) == 20
    few = audit_log.first_page(db, AuditFilter(text="แปลงที่ 1"), 50)
    assert few.total == len(few.rows) == 3 + 8  # 1, 10 and 11, then 12 to 19: all counted
    assert few.filter.upto is not None


def _catch_up(path: str) -> int:
    database = open_database(path)
    try:
        return audit_search.catch_up(database, committee_user(database), chunk=500)
    finally:
        database.dispose()


def test_two_processes_catching_up_at_once_index_each_entry_once(db: Database) -> None:
    for _ in range(6):
        write(db, [(f"เดิม {i}", f"ใหม่ {i}", "สองโปรแกรม") for i in range(1000)])
    committee_user(db)  # the account both use, made before
    path = str(db.file_path)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        done = pool.map(_catch_up, [path, path])
    with db.transaction() as s:
        entries = s.scalar(text("SELECT count(*) FROM audit_log"))
        indexed = s.scalar(text(f"SELECT count(*) FROM {audit_search.TABLE}"))
    assert sum(done) == entries == indexed  # each entry indexed by one of them, once
    assert audit_log.count_entries(db, AuditFilter(text="ใหม่ 99")) == 6 * 11
