"""The score import's fast paths give what the plain way gives (issue 17 item 5): a row whose
texts are all known to be right is checked at once, and every other row field by field, with
the same sheets, problems and warnings; the logged facts of new sheets and assignments written
directly are the audit log's canonical JSON, and so is a sheet's content digest; values
converted once are stored as values converted per row; an appender given nothing takes no
lock."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.io import scores_import, scores_store, tables
from evaluator.io.tables import open_table
from evaluator.services.imports import example_of
from tests.evaluator.helpers import (
    TAMBONS,
    ContestIds,
    add_tambons,
    committee_user,
    finalise_round,
    make_contest,
    write_csv,
)

HEADER = ["round", "inspector", "tambon_code", "criterion", "score", "note", "status"]


@pytest.fixture
def contest(db: Database) -> ContestIds:
    add_tambons(db)
    committee_user(db)
    return make_contest(db)


def _mixed_rows() -> list[list[object]]:
    """Good rows repeated many times over, and among them every kind of bad row, each with
    texts that earlier good rows made known."""
    rows: list[list[object]] = []
    for i in range(6):
        for t, tambon in enumerate(TAMBONS):
            for c, crit in enumerate(("C1", "C2", "C3")):
                score: object = "" if (i + t + c) % 9 == 0 else (i + t + c) % 5
                status = "draft" if (i + t) % 4 == 0 else ""
                rows.append(["outstanding", f"ผู้ประเมิน {i}", tambon, crit, score, "", status])
    good = rows[3]
    rows += [
        [*good[:2], "999999", *good[3:]],  # a tambon that does not exist
        ["outstanding", "", *good[2:]],  # no inspector
        list(good),  # the same criterion of the same sheet again
        ["outstanding", "ผู้ประเมิน 7", TAMBONS[0], "C1", 1, "", "draft"],
        ["outstanding", "ผู้ประเมิน 7", TAMBONS[0], "C2", 1, "", "submitted"],  # disagrees
        [*good[:4], "11", *good[5:]],  # above the maximum
        [*good[:3], "C9", *good[4:]],  # an unknown criterion
        [*good[:6], "locked"],  # an unknown status
        ["final", *good[1:]],  # an unknown round
        ["Outstanding", "  ผู้ประเมิน 9 ", TAMBONS[0], "c1", "๗", "หมายเหตุ", ""],
    ]
    return rows


def _check(path: Path, ctx: scores_import.ScoreContext) -> scores_import.ScoreCheck:
    with open_table(path, scores_import.COLUMNS, example=example_of("scores")) as (table, rows):
        return scores_import.check_scores(table, rows, ctx)


def _sheets(check: scores_import.ScoreCheck) -> list[tuple[object, ...]]:
    return [
        (s.round_id, s.inspector, s.inspector_key, s.tambon_code, s.status, tuple(s.scores))
        for s in check.sheets
    ]


def test_rows_checked_at_once_give_what_rows_checked_one_field_at_a_time_give(
    db: Database, contest: ContestIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "scores.csv", HEADER, _mixed_rows())
    with db.transaction() as s:
        ctx = scores_import.load_context(s)
    fast = _check(path, ctx)
    monkeypatch.setattr(scores_import, "_MEMO_SIZE", 0)  # nothing remembered: field by field
    plain = _check(path, ctx)
    assert [str(p) for p in fast.problems] == [str(p) for p in plain.problems]
    assert fast.warnings == plain.warnings
    assert _sheets(fast) == _sheets(plain)
    assert fast.rows == plain.rows == len(_mixed_rows())
    fields = [(p.row, p.field) for p in fast.problems]
    assert fields == [
        (92, "tambon_code"),
        (93, "inspector"),
        (94, "criterion"),
        (96, "status"),
        (97, "score"),
        (98, "criterion"),
        (99, "status"),
        (100, "round"),
    ]


def _reordered(rows: list[list[object]], order: list[int]) -> list[list[object]]:
    return [[r[k] if k < len(r) else "" for k in order] for r in rows]


def _past_the_limit() -> list[list[object]]:
    """Good rows with a bad one after each: more than 500 problems, past rows made known."""
    rows: list[list[object]] = []
    for row in _mixed_rows()[:90] * 8:
        rows += [row, [*row[:4], "11", *row[5:]]]
    return rows


_ORDER = [5, 6, 3, 0, 4, 2, 1]  # the note first


@pytest.mark.parametrize(
    ("header", "rows", "problems"),
    [
        (HEADER, _mixed_rows(), 8),
        ([HEADER[k] for k in _ORDER], _reordered(_mixed_rows(), _ORDER), 8),
        (HEADER[:5], [r[:5] for r in _mixed_rows()], 7),  # no note or status column
        (HEADER, [r[:5] if i % 3 else r for i, r in enumerate(_mixed_rows())], 7),  # short rows
        (HEADER, _past_the_limit(), tables.MAX_PROBLEMS + 1),
    ],
    ids=["mixed", "note-first", "no-note", "short-rows", "past-the-limit"],
)
def test_rows_checked_on_their_raw_texts_give_what_normalised_rows_give(
    db: Database,
    contest: ContestIds,
    tmp_path: Path,
    header: list[str],
    rows: list[list[object]],
    problems: int,
) -> None:
    """A file's rows checked as they stream (raw texts known right checked at once) and the
    same rows first read whole and normalised (the plain loop) give the same outcome."""
    path = write_csv(tmp_path / "scores.csv", header, rows)
    with db.transaction() as s:
        ctx = scores_import.load_context(s)
    streamed = _check(path, ctx)
    with open_table(path, scores_import.COLUMNS, example=example_of("scores")) as (table, data):
        listed = scores_import.check_scores(table, list(data), ctx)
    assert [str(p) for p in streamed.problems] == [str(p) for p in listed.problems]
    assert streamed.warnings == listed.warnings
    assert _sheets(streamed) == _sheets(listed)
    assert streamed.rows == listed.rows
    assert streamed.sheets
    assert len(streamed.problems) == problems


def test_a_finalised_round_is_named_once_and_its_rows_never_pass(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    finalise_round(db, contest.rounds["outstanding"])
    rows = [r for r in _mixed_rows()[:30] if r[4] != ""]
    path = write_csv(tmp_path / "scores.csv", HEADER, rows)
    with db.transaction() as s:
        check = _check(path, scores_import.load_context(s))
    assert [(p.row, p.field) for p in check.problems] == [(2, "round")]


@pytest.mark.parametrize(
    "name",
    ["สมชาย ใจดี", 'ผู้ "ประเมิน"', "back\\slash", "tab\there", "ctrl\x01", "emoji 😀", "é"],
)
def test_the_facts_of_a_new_sheet_are_the_logs_canonical_json(name: str) -> None:
    facts = {"round": f"{name} round", "inspector": name, "tambon_code": "840501"}
    assert scores_store._facts(name, f"{name} round", "840501") == audit.canonical(facts)
    assert scores_store._facts(name, f"{name} round", "840501", "draft") == audit.canonical(
        {**facts, "status": "draft"}
    )


def test_an_import_logs_its_new_sheets_facts_as_before(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    from evaluator.services.imports import import_scores

    path = write_csv(
        tmp_path / "scores.csv",
        HEADER,
        [["outstanding", 'ผู้ "ประเมิน"', TAMBONS[0], "C1", 5, "", "draft"]],
    )
    import_scores(db, committee_user(db), path)
    with db.transaction() as s:
        logged = {
            e.entity: e.new
            for e in s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "create"))
        }
        uuid = s.scalars(select(m.Sheet.uuid)).one()
    facts = {"round": "outstanding", "inspector": 'ผู้ "ประเมิน"', "tambon_code": TAMBONS[0]}
    assert logged["assignment"] == audit.canonical(facts)
    assert logged["sheet"] == audit.canonical({**facts, "status": "draft"})
    assert logged["score"] == audit.canonical({"value": 5.0, "note": ""})
    with db.transaction() as s:
        assert audit.verify_chain(s) == []
        assert audit.sealed_digests(s)[uuid] == audit.sheet_digests(s, [uuid])[uuid]


def test_an_appender_given_nothing_takes_no_lock(db: Database) -> None:
    with db.transaction() as s:
        log = audit.Appender(s, "ทดสอบ", audit.Source.SYSTEM)
        log.add([])
        log.add_texts([])
        log.seal({})
        assert log.close() == 0
        assert log._head is None  # the chain's head was never locked
        assert audit.stored_head(s) is not None


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    uuid=_TEXT,
    ids=st.tuples(st.integers(0, 10**9), st.integers(0, 10**9), st.integers(1, 99)),
    texts=st.tuples(_TEXT, _TEXT, _TEXT, _TEXT),
    scores=st.lists(
        st.tuples(st.integers(0, 10**6), st.floats(allow_nan=True, allow_infinity=True), _TEXT),
        max_size=6,
    ),
)
def test_a_sheets_content_digest_written_directly_is_the_json_one(
    uuid: str,
    ids: tuple[int, int, int],
    texts: tuple[str, str, str, str],
    scores: list[tuple[int, float, str]],
) -> None:
    round_id, inspector_id, version = ids
    tambon, status, note, conflict_of = texts
    rows: list[list[object]] = [list(s) for s in scores]
    content = [
        uuid,
        round_id,
        inspector_id,
        tambon,
        status,
        version,
        note,
        conflict_of,
        sorted(rows, key=repr),
        [],
    ]
    plain = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    expected = hashlib.sha256(plain.encode("utf-8")).hexdigest()
    got = audit.content_digest(
        uuid, round_id, inspector_id, tambon, status, version, note, conflict_of, rows, []
    )
    assert got == expected


def test_values_converted_once_are_stored_as_converted_per_row(db: Database) -> None:
    from evaluator.db.bulk import bind_values, insert_tuples

    at = m.utcnow()
    with db.transaction() as s:
        log = audit.Appender(s, "ทดสอบ", audit.Source.SYSTEM)
        log.add([audit.Change("create", "thing", "k1", new={"a": 1})])
        log.close()
        stored = bind_values(s, audit.AUDIT_TABLE, {"at": at})
        row = (at, "a", "system", "x", "thing", "k2", None, None, "", audit.GENESIS, "0" * 64)
        insert_tuples(s, audit.AUDIT_TABLE, audit._COLUMNS, [row])
        insert_tuples(
            s, audit.AUDIT_TABLE, audit._COLUMNS, [(stored["at"], *row[1:])], converted=("at",)
        )
        last = s.scalars(select(m.AuditEntry.at).order_by(m.AuditEntry.id.desc()).limit(2)).all()
    assert last[0] == last[1] == at.replace(tzinfo=None)


@settings(max_examples=100, deadline=None)
@given(
    uuid=_TEXT,
    ids=st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)),
    tambon=_TEXT,
    scores=st.lists(
        st.tuples(st.integers(0, 10**6), st.floats(allow_nan=True, allow_infinity=True), _TEXT),
        max_size=6,
    ),
)
def test_a_new_sheets_digest_is_its_content_digest(
    uuid: str, ids: tuple[int, int], tambon: str, scores: list[tuple[int, float, str]]
) -> None:
    from evaluator.audit_digests import new_sheet_digest

    rows: list[list[object]] = [list(s) for s in scores]
    for status in ("draft", "submitted"):
        expected = audit.content_digest(uuid, *ids, tambon, status, 1, "", "", rows, [])
        assert new_sheet_digest(uuid, *ids, tambon, status, rows) == expected


def test_ids_reserved_are_the_ones_the_database_gives_and_never_given_again(
    any_db: Database,
) -> None:
    """db.bulk.reserve_ids: on SQLite the ids SQLite would give the rows itself, on both
    engines ids no later insert is given."""
    from evaluator.db.bulk import insert_tuples, reserve_ids

    table = m.Base.metadata.tables["inspectors"]
    with any_db.transaction() as s:
        s.add_all([m.Inspector(name=f"ก่อน {i}") for i in range(3)])
    with any_db.transaction() as s:  # what the database gives three rows by itself
        added = [m.Inspector(name=f"ลอง {i}") for i in range(3)]
        s.add_all(added)
        s.flush()
        given = [i.id for i in added]
        s.rollback()
    with any_db.transaction() as s:
        ids = reserve_ids(s, table, 3)
        assert ids == sorted(ids) and len(set(ids)) == 3
        if any_db.engine.dialect.name == "sqlite":
            assert ids == given
        columns = ("id", "name", "position", "phone", "email", "created_at")
        now = m.utcnow()
        insert_tuples(s, table, columns, [(i, f"จอง {i}", "", "", "", now) for i in ids])
        later = m.Inspector(name="หลัง")
        s.add(later)
        s.flush()
        assert later.id > max(ids)
        assert reserve_ids(s, table, 0) == []
    with any_db.transaction() as s:
        names = {i: n for i, n in s.execute(select(m.Inspector.id, m.Inspector.name))}
    assert [names[i] for i in ids] == [f"จอง {i}" for i in ids]


@pytest.mark.parametrize("count", [0, 1, 90, 363, 364, 800])
def test_rows_inserted_flat_are_the_rows_inserted_one_by_one(any_db: Database, count: int) -> None:
    """db.bulk.insert_flat (many rows per statement on SQLite) stores what insert_tuples
    stores, ids in the same order; a value still to convert (a moment) goes the plain way."""
    from evaluator.db.bulk import bind_values, insert_flat, insert_tuples

    at = m.utcnow()
    rows = [
        (at, f"ผู้ใช้ {i}", "import", "create", "score", f"k/{i}", None, f"{i}", "", "0", "1")
        for i in range(count)
    ]
    with any_db.transaction() as s:
        stored_at = bind_values(s, audit.AUDIT_TABLE, {"at": at})["at"]
        flat: list[object] = [v for row in rows for v in (stored_at, *row[1:])]
        assert insert_flat(s, audit.AUDIT_TABLE, audit._COLUMNS, flat, converted=("at",)) == count
        plain: list[object] = [v for row in rows for v in row]  # the moment unconverted
        assert insert_flat(s, audit.AUDIT_TABLE, audit._COLUMNS, plain) == count
        insert_tuples(s, audit.AUDIT_TABLE, audit._COLUMNS, rows)
        stored = s.execute(select(audit.AUDIT_TABLE).order_by(audit.AUDIT_TABLE.c.id)).all()
    assert len(stored) == 3 * count
    ids = [r[0] for r in stored]
    assert ids == sorted(ids)
    values = [tuple(r[1:]) for r in stored]
    assert values[:count] == values[count : 2 * count] == values[2 * count :]
    assert [v[5] for v in values[:count]] == [f"k/{i}" for i in range(count)]


def test_rows_inserted_flat_keep_to_sqlites_limit_of_values(db: Database) -> None:
    """An SQLite built with the old limit of 999 values a statement (before 3.32) takes the
    rows in statements of at most that many."""
    import sqlite3

    from evaluator.db.bulk import bind_values, insert_flat

    with db.transaction() as s:
        at = bind_values(s, audit.AUDIT_TABLE, {"at": m.utcnow()})["at"]
        row = (at, "ผู้ใช้", "import", "create", "score", "k", None, "1", "", "0", "1")
        driver = s.connection().connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        flat = [v for _ in range(500) for v in row]
        assert insert_flat(s, audit.AUDIT_TABLE, audit._COLUMNS, flat, converted=("at",)) == 500
        assert len(s.execute(select(audit.AUDIT_TABLE.c.id)).all()) == 500
