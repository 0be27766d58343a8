"""Finalising races an import in another process, on SQLite and PostgreSQL (issue 11 item 3).

Whatever the order, the stored result must be exactly what the locked sheets give, the hash in
the finalise audit entry must be the stored one, and the import either went in before (its
sheets locked and counted) or was refused cleanly after.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import sqlite3
import time
import traceback
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError
from evaluator.scoring import result as rr
from evaluator.services import audit_log
from evaluator.services import finalise as fin
from evaluator.services.imports import import_scores
from tests.evaluator.helpers import write_csv
from tests.evaluator.ranking_fixtures import ContestBuilder, acting

HEADER = ["round", "inspector", "tambon_code", "criterion", "score", "note"]
TAMBONS = [f"8401{i:02d}" for i in range(1, 41)] + [f"5001{i:02d}" for i in range(1, 41)]


def _build(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("r1", title="รอบทดสอบ", prize_baht=100_000, winners_per_zone=1, tie_break=["C1"])
    for code in TAMBONS:
        b.tambon(code)
    for i, code in enumerate(TAMBONS[::4]):  # a few sheets typed before; xxxx01 best, alone
        b.sheet("r1", "ผู้ประเมินเดิม", code, [10, 10] if code.endswith("01") else [5 + i % 5, 6])


def _scores_file(folder: Path, run: int) -> Path:
    """Two new inspectors score every tambon: many rows, so the import takes a while."""
    rows: list[list[object]] = []
    for k, inspector in enumerate((f"ผู้ประเมิน {run}ก", f"ผู้ประเมิน {run}ข")):
        for i, code in enumerate(TAMBONS):
            best = code.endswith("01")  # no tie at the cutoff, whatever the order
            rows.append(["r1", inspector, code, "C1", 10 if best else (i * 7 + run + k) % 10, ""])
            rows.append(["r1", inspector, code, "C2", 10 if best else (i * 3 + k) % 10, ""])
    return write_csv(folder / f"scores{run}.csv", HEADER, rows)


def _outcome(work: Any) -> str:
    try:
        work()
    except EvaluatorError as exc:
        return f"refused: {exc}"
    except Exception:
        return "crashed: " + traceback.format_exc()
    return "ok"


def _import_child(url: str, path: str, user_id: int, start: Any, delay: float, out: Any) -> None:
    from evaluator.services.users import get_user

    db = open_database(url)
    try:
        importer = get_user(db, user_id)  # a committee member: the score table's authority
        start.wait(30)
        time.sleep(delay)
        out.put(("import", _outcome(lambda: import_scores(db, importer, Path(path)))))
    finally:
        db.dispose()


def _finalise_child(url: str, user_id: int, start: Any, delay: float, out: Any) -> None:
    from evaluator.services.users import get_user

    db = open_database(url)
    try:
        admin = get_user(db, user_id)
        start.wait(30)
        time.sleep(delay)
        out.put(("finalise", _outcome(lambda: fin.finalise_round(db, admin, "r1"))))
    finally:
        db.dispose()


def _race(
    db: Database, path: Path, admin_id: int, import_delay: float, final_delay: float
) -> dict[str, str]:
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(2)
    out = ctx.Queue()
    procs = [
        ctx.Process(
            target=_import_child,
            args=(
                db.url,
                str(path),
                acting(db, "ผู้นำเข้า", m.Role.COMMITTEE).id,
                start,
                import_delay,
                out,
            ),
        ),
        ctx.Process(target=_finalise_child, args=(db.url, admin_id, start, final_delay, out)),
    ]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=180) for _ in procs)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    return results


def _locked_sheets(db: Database) -> tuple[int, int]:
    """Locked sheets, and submitted sheets left unlocked, of the round."""
    with db.transaction() as s:
        counts = dict(
            s.execute(
                select(m.Sheet.status, func.count())
                .join(m.Round)
                .where(m.Round.code == "r1")
                .group_by(m.Sheet.status)
            ).all()
        )
    return counts.get(m.SheetStatus.LOCKED, 0), counts.get(m.SheetStatus.SUBMITTED, 0)


@pytest.mark.parametrize("delays", [(0.0, 0.0), (0.0, 0.4), (0.0, 1.0), (0.5, 0.0)])
def test_finalise_racing_a_score_import(
    any_db: Database, tmp_path: Path, delays: tuple[float, float]
) -> None:
    db = any_db
    _build(db)
    admin = acting(db, "ผู้ดูแล", m.Role.ADMIN)
    _, before = _locked_sheets(db)
    results = _race(db, _scores_file(tmp_path, 1), admin.id, *delays)
    assert results["finalise"] == "ok", results
    assert results["import"] == "ok" or "finalised" in results["import"], results
    locked, unlocked = _locked_sheets(db)
    assert unlocked == 0  # nothing submitted slipped in beside the lock
    imported = 2 * len(TAMBONS)
    assert locked == before + (imported if results["import"] == "ok" else 0)
    check = fin.verify_result(db, "r1")
    assert check.ok, check.problems
    # An independent count: the stored result counts exactly the locked sheets.
    with db.transaction() as s:
        rnd = s.scalars(select(m.Round).where(m.Round.code == "r1")).one()
        assert rnd.result_json is not None
        stored = rr.ranking_from_result(json.loads(rnd.result_json), None)
    assert sum(e.sheets for e in stored.entries) == locked
    report = audit_log.verify(db)
    assert report.intact, report.lines()


def test_a_forged_result_with_its_hash_recomputed_is_caught(any_db: Database) -> None:
    db = any_db
    _build(db)
    fin.finalise_round(db, acting(db, "ผู้ดูแล", m.Role.ADMIN), "r1")
    assert fin.verify_result(db, "r1").ok and audit_log.verify(db).intact
    with db.transaction() as s:  # a hand edit: the first winner loses, its hash made to fit
        rnd = s.scalars(select(m.Round).where(m.Round.code == "r1")).one()
        assert rnd.result_json is not None
        data = json.loads(rnd.result_json)
        data["ranking"][0]["status"] = "eligible"
        rnd.result_json = rr.canonical_json(data)
        rnd.result_hash = rr.sha256(rnd.result_json)
    check = fin.verify_result(db, "r1")
    assert check.intact  # the text matches its (new) hash ...
    assert not check.matches_log  # ... but not the hash the finalisation logged
    assert not check.matches_sheets  # and the locked sheets give another result
    assert not check.ok
    report = audit_log.verify(db)
    assert not report.intact
    lines = "\n".join(report.lines())
    assert "ผลของรอบ T2564/r1" in lines and "finalisation logged" in lines
    assert data["ranking"][0]["tambon_code"] in lines


def test_a_busy_database_gives_a_clear_message(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(db)
    admin = acting(db, "ผู้ดูแล", m.Role.ADMIN)
    event.listen(db.engine, "connect", _short_busy_timeout)  # after the program's own pragmas
    db.engine.dispose()
    monkeypatch.setattr(fin, "RETRIES", 2)
    assert db.file_path is not None
    holder = sqlite3.connect(db.file_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(EvaluatorError, match="the database is busy") as caught:
            fin.finalise_round(db, admin, "r1")
        assert "ฐานข้อมูลกำลังถูกใช้งาน" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert fin.finalise_round(db, admin, "r1").locked_sheets == len(TAMBONS[::4])


def _short_busy_timeout(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.execute("PRAGMA busy_timeout=100")


def test_explain_says_honestly_where_a_final_result_comes_from(db: Database) -> None:
    from evaluator.services.ranking import explain_tambon

    _build(db)
    fin.finalise_round(db, acting(db, "ผู้ดูแล", m.Role.ADMIN), "r1")
    first = explain_tambon(db, "r1", TAMBONS[0]).lines[0]
    assert "ชุดเดียวกัน" in first and "ตรงกับผลที่บันทึกไว้ทุกตำบล" in first
    with db.transaction() as s:
        rnd = s.scalars(select(m.Round).where(m.Round.code == "r1")).one()
        assert rnd.result_json is not None
        data = json.loads(rnd.result_json)
        data["ranking"][0]["score_exact"] = 99.0
        rnd.result_json = rr.canonical_json(data)
        rnd.result_hash = rr.sha256(rnd.result_json)
    first = explain_tambon(db, "r1", TAMBONS[0]).lines[0]
    assert "ชุดเดียวกัน" not in first and "ไม่ตรงกับผลที่บันทึกไว้" in first
