"""Score tables read as a stream and written in batches: the same result as one go, the audit
chain intact across batches, a file checked before the write lock and checked again when the
database changed meanwhile, encodings told from the whole file, faults found mid-file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError
from evaluator.io import scores_import, scores_store
from evaluator.io.tables import Column, open_table, read_table
from evaluator.services import imports
from evaluator.services.imports import import_scores
from tests.evaluator.helpers import (
    TAMBONS,
    ContestIds,
    add_tambons,
    committee_user,
    dump,
    make_contest,
    write_csv,
)

HEADER = ["round", "inspector", "tambon_code", "criterion", "score", "note", "status"]


def _rows(inspectors: int = 12) -> list[list[object]]:
    """Each sheet's rows spread over the file: criterion by criterion, not sheet by sheet."""
    rows: list[list[object]] = []
    for code, top in (("C1", 10), ("C2", 10), ("C3", 5)):
        for i in range(inspectors):
            for t, tambon in enumerate(TAMBONS):
                status = "draft" if (i + t) % 4 == 0 else ""
                rows.append(
                    ["outstanding", f"ผู้ประเมิน {i:02d}", tambon, code, (i + t) % top, "", status]
                )
    return rows


@pytest.fixture
def contest(db: Database) -> ContestIds:
    add_tambons(db)
    committee_user(db)
    return make_contest(db)


def _content(db: Database) -> list[tuple[object, ...]]:
    """The sheets and scores as the user sees them (ids and uuids aside)."""
    with db.transaction() as s:
        return sorted(
            tuple(row)
            for row in s.execute(
                select(
                    m.Inspector.name,
                    m.Sheet.tambon_code,
                    m.Sheet.status,
                    m.Sheet.version,
                    m.Score.criterion_id,
                    m.Score.value,
                )
                .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
                .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            ).all()
        )


def test_small_batches_give_the_same_sheets_and_an_intact_chain(
    db: Database, contest: ContestIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "scores.csv", HEADER, _rows())
    monkeypatch.setattr(scores_store, "BATCH", 7)
    monkeypatch.setattr(audit.Appender, "BATCH", 5)
    summary = import_scores(db, committee_user(db), path)
    assert summary.rows == 180 and summary.added == 180
    assert summary.details["sheets_added"] == 60 and summary.details["sheets_complete"] == 60
    with db.transaction() as s:
        assert audit.verify_chain(s) == []
        head = audit.stored_head(s)
        assert head is not None
        assert head.entries == s.scalar(select(func.count()).select_from(m.AuditEntry))
        assert head.last_id == s.scalar(select(func.max(m.AuditEntry.id)))
        # every sheet sealed once, with the digest of what is stored
        sealed = audit.sealed_digests(s)
        assert len(sealed) == 60
        assert sealed == audit.all_sheet_digests(s)
        drafts = s.scalar(select(func.count()).where(m.Sheet.status == m.SheetStatus.DRAFT))
    assert drafts == sum(1 for i in range(12) for t in range(len(TAMBONS)) if (i + t) % 4 == 0)
    by_batches = _content(db)

    other = tmp_path / "one-go"
    other.mkdir()
    from evaluator.db import open_database
    from evaluator.services.setup import init_database

    db2 = open_database(other / "db.sqlite3")
    init_database(db2)
    add_tambons(db2)
    make_contest(db2)
    monkeypatch.setattr(scores_store, "BATCH", 100_000)
    monkeypatch.setattr(audit.Appender, "BATCH", 100_000)
    import_scores(db2, committee_user(db2), path)
    assert _content(db2) == by_batches
    db2.dispose()

    again = import_scores(db, committee_user(db), path)
    assert again.unchanged == 180 and not again.changed


def test_a_round_finalised_while_the_file_is_checked_is_refused(
    db: Database, contest: ContestIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "scores.csv", HEADER, _rows(2))
    check = imports._check_scores_file
    calls: list[int] = []

    def finalise_meanwhile(*args: object, **kwargs: object) -> object:
        result = check(*args, **kwargs)  # type: ignore[arg-type]
        if not calls:
            with db.transaction() as s:
                s.execute(update(m.Round).values(finalised_at=m.utcnow()))
        calls.append(1)
        return result

    monkeypatch.setattr(imports, "_check_scores_file", finalise_meanwhile)
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_scores(db, committee_user(db), path)
    assert len(calls) == 2, "the file is checked again under the lock"
    assert "finalised" in str(info.value.problems[0])
    after = dump(db)
    assert after["sheets"] == before["sheets"] == []
    assert after["scores"] == [] and after["audit_log"] == before["audit_log"]


def test_a_context_unchanged_is_checked_once(
    db: Database, contest: ContestIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "scores.csv", HEADER, _rows(2))
    calls: list[int] = []
    check = scores_import.check_scores

    def counted(*args: object) -> scores_import.ScoreCheck:
        calls.append(1)
        return check(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(scores_import, "check_scores", counted)
    assert import_scores(db, committee_user(db), path).added == 30
    assert len(calls) == 1


def test_a_malformed_line_far_down_refuses_the_whole_file(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "scores.csv", HEADER, _rows())
    with path.open("ab") as handle:
        handle.write(b'outstanding,"x\r\n')  # an unclosed quote at the very end
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_scores(db, committee_user(db), path)
    assert "malformed CSV" in str(info.value.problems[0])
    assert dump(db) == before


COLUMNS = (Column("name", "ชื่อ"), Column("note", "หมายเหตุ", required=False))


def test_cp874_found_past_the_first_megabyte(tmp_path: Path) -> None:
    # ASCII for over a megabyte, then Thai in TIS-620: not UTF-8, told from the whole file
    lines = ["name,note"] + [f"row{i},{'x' * 60}" for i in range(20_000)] + ["สมชาย,ท้าย"]
    path = tmp_path / "t.csv"
    path.write_bytes("\r\n".join(lines).encode("cp874"))
    assert path.stat().st_size > 1 << 20
    table = read_table(path, COLUMNS)
    assert table.rows[-1].values == {"name": "สมชาย", "note": "ท้าย"}


def test_open_table_reads_rows_as_they_are_used(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["ชื่อ", "หมายเหตุ"], [[f"n{i}", ""] for i in range(5)])
    with open_table(path, COLUMNS) as (table, rows):
        assert table.rows == [] and table.has("name") and table.has("note")
        first = next(rows)
        assert first.number == 2 and first.values["name"] == "n0"
        assert [r.values["name"] for r in rows] == ["n1", "n2", "n3", "n4"]


def test_seals_written_without_reading_back_are_the_stored_digests(
    any_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New sheets are sealed from what the import wrote, updated ones read back as stored (with
    their notes, photos and lessons); on both engines every seal is the stored digest, and a
    score changed by hand afterwards is found by ``audit verify``."""
    from evaluator.services import audit_log

    add_tambons(any_db)
    committee_user(any_db)
    make_contest(any_db)
    monkeypatch.setattr(scores_store, "BATCH", 4)
    first = write_csv(tmp_path / "first.csv", HEADER, _rows(2))
    import_scores(any_db, committee_user(any_db), first)
    with any_db.transaction() as s:
        kept = s.scalars(select(m.Sheet).order_by(m.Sheet.id).limit(1)).one()
        kept.note = "บันทึกของผู้ประเมิน"
        s.add(m.Lesson(sheet_id=kept.id, good_practices="ปลูกผักริมรั้ว"))
        s.flush()
        audit.record(s, "ทดสอบ", audit.Source.KEYBOARD, [], sheets=[kept.uuid])
    rows = [[*r[:4], (int(r[4]) + 1) % 5, "ปรับ", r[6]] for r in _rows(2)]
    rows += [["outstanding", "ผู้ประเมินใหม่", TAMBONS[0], c, 1, "", ""] for c in ("C1", "C2")]
    path = write_csv(tmp_path / "second.csv", HEADER, rows)
    second = import_scores(any_db, committee_user(any_db), path)
    assert second.updated and second.added == 2
    with any_db.transaction() as s:
        assert audit.sealed_digests(s) == audit.all_sheet_digests(s)
        sheet_id = s.scalar(select(m.Sheet.id).order_by(m.Sheet.id.desc()).limit(1))
    assert audit_log.verify(any_db).intact
    with any_db.transaction() as s:
        s.execute(
            update(m.Score).where(m.Score.sheet_id == sheet_id).values(value=m.Score.value + 1)
        )
    report = audit_log.verify(any_db)
    assert not report.intact
    assert [b.kind for b in report.breaks] == ["sheet"]


def test_new_uuids_are_version_7_unique_and_in_order_across_threads() -> None:
    import threading
    import uuid

    made: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        out.extend(m.new_uuid() for _ in range(5_000))

    threads = [threading.Thread(target=make, args=(out,)) for out in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [u for out in made for u in out]
    assert len(set(every)) == len(every) == 20_000
    for out in made:
        assert out == sorted(out)  # each thread's uuids in the order made
    parsed = uuid.UUID(every[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == every[0]
