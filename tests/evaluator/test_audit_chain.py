"""The audit chain under attack (issue 11 item 4): concurrent writers in separate processes never
fork it; a sheet of any origin edited behind the program's back with sqlite3 is found; a cut
tail and a rebuilt chain are found by the signed checkpoints; and what the log cannot prove."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from evaluator import audit
from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.services import audit_log, checkpoints
from evaluator.services import scoresheets as scoresheet_service
from evaluator.services.imports import import_scores
from evaluator.services.setup import init_database
from tests.evaluator import sync_fixtures as f
from tests.evaluator.helpers import write_csv

WRITERS = 3
PER_WRITER = 40


def _writer(url: str, name: str, start: object) -> None:
    """One process appending entries, one transaction each, as fast as it can."""
    db = open_database(url)
    assert hasattr(start, "wait")
    start.wait()
    for i in range(PER_WRITER):
        with db.transaction() as s:
            audit.record(
                s, name, audit.Source.SYSTEM, [audit.Change("probe", "test", f"{name}/{i}")]
            )
    db.dispose()


def test_three_writers_in_separate_processes_never_fork_the_chain(any_db: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(WRITERS)
    procs = [
        ctx.Process(target=_writer, args=(any_db.url, f"writer{n}", start)) for n in range(WRITERS)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=180)
        assert p.exitcode == 0
    with any_db.transaction() as s:
        assert audit.verify_chain(s) == []
        probes = s.scalars(select(m.AuditEntry.entity_key).where(m.AuditEntry.action == "probe"))
        assert len(set(probes)) == WRITERS * PER_WRITER
        head = audit.stored_head(s)
        count = s.query(m.AuditEntry).count()
        assert head is not None and head.entries == count
    assert audit_log.verify(any_db).intact


# --- hand edits to sheets of every origin ----------------------------------------------------


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    yield p
    p.close()


def _sql(db: Database, statement: str, *params: object) -> None:
    """An edit made behind the program's back, with the sqlite3 module (no triggers dropped)."""
    assert db.file_path is not None
    db.dispose()
    with sqlite3.connect(db.file_path) as con:
        con.execute(statement, params)


def _sheet_id(db: Database, uuid: str) -> int:
    with db.transaction() as s:
        found = s.scalar(select(m.Sheet.id).where(m.Sheet.uuid == uuid))
        assert found is not None
        return found


def _caught(db: Database, uuid: str) -> None:
    report = audit_log.verify(db)
    assert not report.intact
    assert any(b.where == uuid for b in report.breaks), report.lines()


def _origins(pair: f.FieldPair) -> dict[str, tuple[Database, str]]:
    """One sheet of each origin: keyboard, package, Excel scoresheet, CSV score table."""
    ins = f.user(pair.inspector_db, "มาลี")
    keyboard = f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package())
    committee = f.user(pair.committee_db, "กรรมการ")
    with pair.committee_db.transaction() as s:
        package = s.scalar(select(m.Sheet.uuid).where(m.Sheet.tambon_code == "840501"))
    out = pair.tmp / "sheet.xlsx"
    scoresheet_service.export_scoresheet(pair.committee_db, committee, f.INSPECTOR, out)
    from openpyxl import load_workbook

    from evaluator.sync import scoresheet as xs

    wb = load_workbook(out)
    ws = wb[xs.DATA_SHEET]
    row = next(r for r in range(xs.FIRST_ROW, ws.max_row + 1) if ws[f"F{r}"].value == "840503")
    ws[f"G{row}"], ws[f"I{row}"], ws[f"K{row}"] = 6, 6, 3
    wb.save(pair.tmp / "filled.xlsx")
    scoresheet_service.import_scoresheet(pair.committee_db, committee, pair.tmp / "filled.xlsx")
    with pair.committee_db.transaction() as s:
        excel = s.scalar(select(m.Sheet.uuid).where(m.Sheet.tambon_code == "840503"))
    rows = [["outstanding", f.OTHER_INSPECTOR, "500101", c, 4, ""] for c, *_ in f.CRITERIA]
    csv = write_csv(
        pair.tmp / "s.csv", ["รอบ", "ผู้ประเมิน", "รหัสตำบล", "เกณฑ์", "คะแนน", "หมายเหตุ"], rows
    )
    import_scores(pair.committee_db, committee, csv)
    with pair.committee_db.transaction() as s:
        table = s.scalar(select(m.Sheet.uuid).where(m.Sheet.tambon_code == "500101"))
    assert package and excel and table
    return {
        "keyboard": (pair.inspector_db, keyboard),
        "package": (pair.committee_db, package),
        "excel": (pair.committee_db, excel),
        "csv": (pair.committee_db, table),
    }


@pytest.mark.parametrize("origin", ["keyboard", "package", "excel", "csv"])
@pytest.mark.parametrize("edit", ["score", "note", "status", "delete_score"])
def test_a_hand_edit_to_a_sheet_of_any_origin_is_found(
    pair: f.FieldPair, origin: str, edit: str
) -> None:
    db, uuid = _origins(pair)[origin]
    assert audit_log.verify(db).intact
    sheet = _sheet_id(db, uuid)
    if edit == "score":
        _sql(db, "UPDATE scores SET value = value + 1 WHERE sheet_id = ? AND value < 5", sheet)
    elif edit == "note":
        _sql(db, "UPDATE sheets SET note = 'แก้นอกโปรแกรม' WHERE id = ?", sheet)
    elif edit == "status":
        _sql(
            db,
            "UPDATE sheets SET status = CASE status WHEN 'draft' THEN 'submitted' ELSE 'draft'"
            " END WHERE id = ?",
            sheet,
        )
    else:
        _sql(
            db,
            "DELETE FROM scores WHERE id = (SELECT MIN(id) FROM scores WHERE sheet_id = ?)",
            sheet,
        )
    _caught(db, uuid)


def test_a_sheet_inserted_or_deleted_behind_the_programs_back_is_found(
    pair: f.FieldPair,
) -> None:
    db, uuid = _origins(pair)["package"]
    sheet = _sheet_id(db, uuid)
    _sql(
        db,
        "INSERT INTO sheets (uuid, round_id, inspector_id, tambon_code, status, version,"
        " base_version, note, created_at, updated_at) SELECT"
        " '99999999-9999-4999-8999-999999999999', round_id, inspector_id, '840502', status,"
        " 1, 0, '', created_at, updated_at FROM sheets WHERE id = ?",
        sheet,
    )
    _caught(db, "99999999-9999-4999-8999-999999999999")
    _sql(db, "DELETE FROM scores WHERE sheet_id = ?", sheet)
    _sql(db, "DELETE FROM sheets WHERE id = ?", sheet)
    _caught(db, uuid)


def test_a_hand_edit_to_a_demo_sheet_is_found(tmp_path: Path) -> None:
    from evaluator.services.demo import create_demo

    db = open_database(tmp_path / "demo.sqlite3")
    create_demo(db)
    report = audit_log.verify(db)
    assert report.intact and report.sheets_checked > 1000
    with db.transaction() as s:
        uuid, sheet = s.execute(select(m.Sheet.uuid, m.Sheet.id).limit(1)).one()
    _sql(db, "UPDATE scores SET value = 0 WHERE sheet_id = ?", sheet)
    _caught(db, uuid)


# --- cut tails and rebuilt chains ------------------------------------------------------------


@pytest.fixture
def keys_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "audit-key"
    monkeypatch.setenv(checkpoints.KEY_DIR_ENV, str(folder))
    return folder


def _entries(db: Database, n: int, name: str = "admin") -> None:
    for i in range(n):
        with db.transaction() as s:
            audit.record(s, name, audit.Source.KEYBOARD, [audit.Change("probe", "test", str(i))])


def _checkpoint(db: Database, reason: str = "export") -> None:
    with db.transaction() as s:
        checkpoints.checkpoint(s, "admin", reason)


def _fresh(tmp_path: Path) -> Database:
    db = open_database(tmp_path / "chain.sqlite3")
    init_database(db)
    return db


def _cut(db: Database, keep: int) -> None:
    """Drop the append-only triggers, delete the entries after #keep, and make the head row say
    so: what an attacker with the file would do."""
    assert db.file_path is not None
    db.dispose()
    with sqlite3.connect(db.file_path) as con:
        con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        con.execute("DELETE FROM audit_log WHERE id > ?", (keep,))
        last_id, last_hash = con.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        count = con.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        con.execute(
            "UPDATE audit_head SET entries = ?, last_id = ?, hash = ?", (count, last_id, last_hash)
        )


def test_a_cut_tail_that_reaches_behind_the_last_checkpoint_is_found(
    tmp_path: Path, keys_here: Path
) -> None:
    db = _fresh(tmp_path)
    _entries(db, 5)
    _checkpoint(db)
    _entries(db, 5)
    assert audit_log.verify(db).intact
    _cut(db, keep=3)  # the head row rewritten to match: the chain alone looks whole
    with db.transaction() as s:
        assert audit.verify_chain(s) == []
    report = audit_log.verify(db)
    assert not report.intact
    assert any("cut or rebuilt" in line for line in report.lines()), report.lines()


def test_a_cut_tail_is_found_by_the_head_row_unless_it_is_rewritten(
    tmp_path: Path, keys_here: Path
) -> None:
    """Entries cut after the last checkpoint: the head row finds it; an attacker who also
    rewrites the head row is not found (docs/architecture.md says so)."""
    db = _fresh(tmp_path)
    _entries(db, 3)
    _checkpoint(db)
    _entries(db, 4)
    with db.transaction() as s:
        last = s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1))
    assert last is not None
    assert db.file_path is not None
    db.dispose()
    with sqlite3.connect(db.file_path) as con:
        con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        con.execute("DELETE FROM audit_log WHERE id > ?", (last - 2,))
    report = audit_log.verify(db)
    assert not report.intact and any("cut" in line for line in report.lines())
    _cut(db, keep=last - 2)
    assert audit_log.verify(db).intact  # the limit of any log: the documented blind spot


def test_a_rebuilt_chain_is_found(tmp_path: Path, keys_here: Path) -> None:
    """An entry before a checkpoint is edited and every hash after it recomputed: the chain is
    whole again, the checkpoint is not."""
    db = _fresh(tmp_path)
    _entries(db, 4, name="ผู้ตรวจ")
    _checkpoint(db, "finalise")
    _entries(db, 2)
    assert db.file_path is not None
    db.dispose()
    with sqlite3.connect(db.file_path) as con:
        con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        rows = con.execute(
            "SELECT id, at, actor, source, action, entity, entity_key, old, new, reason"
            " FROM audit_log ORDER BY id"
        ).fetchall()
        prev = audit.GENESIS
        from datetime import datetime

        for i, (id_, at, actor, source, action, entity, key, old, new, reason) in enumerate(rows):
            if i == 1:
                actor = "คนอื่น"  # the forged change
            digest = audit.entry_hash(
                prev,
                datetime.fromisoformat(at),
                actor,
                source,
                action,
                entity,
                key,
                old,
                new,
                reason,
            )
            con.execute(
                "UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (actor, prev, digest, id_),
            )
            prev = digest
        con.execute("UPDATE audit_head SET hash = ?", (prev,))
    with open_database(db.file_path).transaction() as s:
        assert audit.verify_chain(s) == []  # the chain alone cannot tell
    report = audit_log.verify(open_database(db.file_path))
    assert not report.intact
    assert any("rebuilt" in line for line in report.lines()), report.lines()


def test_a_checkpoint_signed_with_another_key_is_not_trusted(
    tmp_path: Path, keys_here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _fresh(tmp_path)
    _entries(db, 2)
    monkeypatch.setenv(checkpoints.KEY_DIR_ENV, str(tmp_path / "someone-else"))
    _checkpoint(db)
    monkeypatch.setenv(checkpoints.KEY_DIR_ENV, str(keys_here))
    _checkpoint(db)  # this installation's own key now exists
    report = audit_log.verify(db)
    assert not report.intact and any("trusted" in line for line in report.lines())
    with db.transaction() as s:
        entry = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == checkpoints.ACTION)
        ).first()
        assert entry is not None
        other = json.loads(entry.new or "{}")["key"]
    assert audit_log.verify(db, trusted={other}).intact


def test_every_export_and_finalise_leaves_a_signed_checkpoint(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    report = audit_log.verify(pair.inspector_db)
    assert report.intact and report.checkpoints == 1
    assert report.checkpoint_keys == [checkpoints.installation_fingerprint()]
    committee = f.user(pair.committee_db, "กรรมการ")
    scoresheet_service.export_scoresheet(
        pair.committee_db, committee, f.INSPECTOR, pair.tmp / "s.xlsx"
    )
    audit_log.export_xlsx(pair.committee_db, committee, pair.tmp / "audit.xlsx")
    f.import_package(pair.committee_db, pair.package())
    from evaluator.services.finalise import finalise_round

    finalise_round(pair.committee_db, f.user(pair.committee_db, "admin"), "outstanding")
    report = audit_log.verify(pair.committee_db)
    assert report.intact and report.checkpoints == 3, report.lines()
