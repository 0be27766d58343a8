"""Importing score tables (long format): sheets, scores, inspectors, statuses, the audit log, and
all-or-nothing refusals with messages naming file, row and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError
from evaluator.services.imports import import_scores
from tests.accounts import make_user, sign_in
from tests.evaluator.helpers import (
    ContestIds,
    add_tambons,
    committee_user,
    dump,
    finalise_round,
    make_contest,
    run_cli,
    write_csv,
    write_xlsx,
)

THAI = ["รอบ", "ผู้ประเมิน", "รหัสตำบล", "เกณฑ์", "คะแนน", "หมายเหตุ"]
ENGLISH = ["round", "inspector", "tambon_code", "criterion", "score", "note"]
A, B = "นางสาวพิมพ์ใจ ใจดี", "นายสมชาย รักชาติ"

Rows = list[list[object]]


def _sheet(round_code: str, inspector: str, tambon: str, scores: tuple[object, ...]) -> Rows:
    return [
        [round_code, inspector, tambon, code, value, f"บันทึก {code}"]
        for code, value in zip(("C1", "C2", "C3"), scores, strict=False)
    ]


GOOD: Rows = [
    *_sheet("outstanding", A, "840503", (8, 7.5, 4)),
    *_sheet("outstanding", B, "840503", (9, 9, 5)),
    *_sheet("outstanding", A, "500101", (6, 5, 3)),
]


@pytest.fixture
def contest(db: Database, monkeypatch: pytest.MonkeyPatch) -> ContestIds:
    add_tambons(db)
    committee_user(db)  # the committee member who imports, also from the command line
    monkeypatch.setenv("EVALUATOR_USER", "คณะกรรมการ")
    return make_contest(db)


def _scores(db: Database) -> dict[tuple[str, str, str, str], tuple[float, str]]:
    with db.transaction() as s:
        rows = s.execute(
            select(
                m.Round.code,
                m.Inspector.name,
                m.Sheet.tambon_code,
                m.Criterion.code,
                m.Score.value,
                m.Score.note,
            )
            .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
            .join(m.Round, m.Sheet.round_id == m.Round.id)
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .join(m.Criterion, m.Score.criterion_id == m.Criterion.id)
        ).all()
    return {(r[0], r[1], r[2], r[3]): (r[4], r[5]) for r in rows}


def _sheets(db: Database) -> list[m.Sheet]:
    with db.transaction() as s:
        return list(s.scalars(select(m.Sheet).order_by(m.Sheet.id)))


def _refused(db: Database, path: Path) -> InputError:
    user = committee_user(db)
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_scores(db, user, path)
    assert dump(db) == before, "a refused import must leave the database as it was"
    return info.value


def _where(error: InputError) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.field) for p in error.problems]


# --- good files ------------------------------------------------------------------------------


def test_xlsx_with_thai_headers_creates_submitted_sheets(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    summary = import_scores(
        db, committee_user(db, "ทดสอบ"), write_xlsx(tmp_path / "scores.xlsx", THAI, GOOD)
    )
    assert (summary.added, summary.updated, summary.unchanged) == (9, 0, 0)
    assert summary.details["sheets_added"] == 3
    assert summary.details["sheets_complete"] == 3
    assert summary.details["inspectors_added"] == 2
    scores = _scores(db)
    assert len(scores) == 9
    assert scores[("outstanding", A, "840503", "C2")] == (7.5, "บันทึก C2")
    assert scores[("outstanding", B, "840503", "C3")] == (5.0, "บันทึก C3")
    for sheet in _sheets(db):
        assert sheet.status is m.SheetStatus.SUBMITTED
        assert sheet.submitted_at is not None
        assert sheet.version == 1
    with db.transaction() as s:
        assert set(s.scalars(select(m.Inspector.name))) == {A, B}
        record = s.scalars(select(m.ImportRecord)).one()
        assert (record.kind, record.filename, record.actor) == ("scores", "scores.xlsx", "ทดสอบ")
        assert record.summary["added"] == 9
        entries = list(s.scalars(select(m.AuditEntry)))
        assert {e.source for e in entries} == {"import"}
        assert sum(e.entity == "score" and e.action == "create" for e in entries) == 9
        assert sum(e.entity == "sheet" for e in entries) == 3
        assert all(e.actor == "ทดสอบ" for e in entries)
        assert audit.verify_chain(s) == []
        assignments = {
            (row.inspector_id, row.tambon_code)
            for row in s.execute(select(m.Assignment.inspector_id, m.Assignment.tambon_code))
        }
        sheets = {(sh.inspector_id, sh.tambon_code) for sh in s.scalars(select(m.Sheet))}
        assert assignments == sheets  # each handed-in sheet is now an assignment too
    assert any(A in w and B in w for w in summary.warnings)  # new inspectors are pointed out


def test_cp874_csv_english_headers_shuffled_extra_columns_thai_digits(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    header = ["Score", "Criterion", "ชื่อตำบล", "Tambon Code", "Inspector", "Round"]
    rows = [
        ["๘", "C1", "เกาะเต่า", "๘๔๐๕๐๓", A, "outstanding"],
        ["๗.๕", "c2", "เกาะเต่า", "840503", "  นางสาวพิมพ์ใจ   ใจดี ", "OUTSTANDING"],
        ["๔", "ประชาสัมพันธ์", "เกาะเต่า", "840503", A, "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"],
    ]
    path = write_csv(tmp_path / "scores.csv", header, rows, encoding="cp874")
    summary = import_scores(db, committee_user(db), path)
    assert summary.added == 3 and summary.details["sheets_added"] == 1
    scores = _scores(db)
    assert scores == {
        ("outstanding", A, "840503", "C1"): (8.0, ""),
        ("outstanding", A, "840503", "C2"): (7.5, ""),
        ("outstanding", A, "840503", "C3"): (4.0, ""),
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_csv(db: Database, contest: ContestIds, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "scores.csv", ENGLISH, GOOD, encoding=encoding)
    assert import_scores(db, committee_user(db), path).added == 9


def test_reimporting_identical_data_changes_nothing(any_db: Database, tmp_path: Path) -> None:
    add_tambons(any_db)
    make_contest(any_db)
    import_scores(any_db, committee_user(any_db), write_xlsx(tmp_path / "a.xlsx", THAI, GOOD))
    before = dump(any_db)
    # the same data in another form: a CSV with shuffled rows
    again = import_scores(
        any_db, committee_user(any_db), write_csv(tmp_path / "b.csv", THAI, list(reversed(GOOD)))
    )
    assert dump(any_db) == before
    assert (again.added, again.updated, again.unchanged) == (0, 0, 9)
    assert not again.changed


def test_a_changed_score_updates_the_sheet_and_is_audited(any_db: Database, tmp_path: Path) -> None:
    add_tambons(any_db)
    make_contest(any_db)
    import_scores(any_db, committee_user(any_db), write_xlsx(tmp_path / "a.xlsx", THAI, GOOD))
    before = {s.uuid: s for s in _sheets(any_db)}
    changed = [list(r) for r in GOOD]
    changed[1][4] = 6  # A / 840503 / C2: 7.5 -> 6
    changed[1][5] = "แก้ไขหลังตรวจซ้ำ"
    summary = import_scores(
        any_db, committee_user(any_db, "กก."), write_xlsx(tmp_path / "b.xlsx", THAI, changed)
    )
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 8)
    assert summary.details["sheets_updated"] == 1
    assert _scores(any_db)[("outstanding", A, "840503", "C2")] == (6.0, "แก้ไขหลังตรวจซ้ำ")
    after = {s.uuid: s for s in _sheets(any_db)}
    touched = [u for u in after if after[u].version != before[u].version]
    assert len(touched) == 1
    sheet = after[touched[0]]
    assert sheet.version == 2
    assert sheet.updated_at > before[sheet.uuid].updated_at
    assert all(after[u].updated_at == before[u].updated_at for u in after if u not in touched)
    with any_db.transaction() as s:
        update = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "update")).one()
        assert update.entity == "score"
        assert update.entity_key == f"{sheet.uuid}/C2"
        assert update.actor == "กก."
        assert update.old == '{"note":"บันทึก C2","value":7.5}'
        assert update.new == '{"note":"แก้ไขหลังตรวจซ้ำ","value":6.0}'
        assert audit.verify_chain(s) == []
        assert s.scalar(select(func.count()).select_from(m.ImportRecord)) == 2


def test_without_a_note_column_notes_are_kept(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    import_scores(db, committee_user(db), write_xlsx(tmp_path / "a.xlsx", THAI, GOOD))
    before = dump(db)
    no_notes = [r[:5] for r in GOOD]
    summary = import_scores(
        db, committee_user(db), write_xlsx(tmp_path / "b.xlsx", THAI[:5], no_notes)
    )
    assert summary.unchanged == 9
    assert dump(db) == before


def test_an_incomplete_sheet_is_kept_and_reported(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    rows = _sheet("excellent", B, "500102", (7, 8))  # no C3
    summary = import_scores(db, committee_user(db), write_csv(tmp_path / "s.csv", THAI, rows))
    assert summary.details["sheets_incomplete"] == 1
    assert summary.details["sheets_complete"] == 0
    assert any("C3" in w and "500102" in w for w in summary.warnings)
    assert len(_scores(db)) == 2
    # completing it later in another file makes it complete
    later = import_scores(
        db,
        committee_user(db),
        write_csv(tmp_path / "t.csv", THAI, [["excellent", B, "500102", "C3", 5, ""]]),
    )
    assert later.added == 1 and later.details["sheets_complete"] == 1
    assert [s.version for s in _sheets(db)] == [2]


def test_status_column_draft(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    header = [*THAI, "สถานะ"]
    rows = [[*r, "ร่าง"] for r in _sheet("outstanding", A, "840501", (1, 2, 3))]
    import_scores(db, committee_user(db), write_csv(tmp_path / "s.csv", header, rows))
    (sheet,) = _sheets(db)
    assert sheet.status is m.SheetStatus.DRAFT
    assert sheet.submitted_at is None
    # the same scores handed in as submitted: only the status changes
    rows = [[*r[:6], "submitted"] for r in rows]
    summary = import_scores(db, committee_user(db), write_csv(tmp_path / "t.csv", header, rows))
    assert summary.unchanged == 3 and summary.details["sheets_updated"] == 1
    (sheet,) = _sheets(db)
    assert sheet.status is m.SheetStatus.SUBMITTED
    assert sheet.submitted_at is not None and sheet.version == 2


def test_a_blank_score_is_skipped_with_a_warning(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    rows = _sheet("outstanding", A, "840503", (8, "", 4))
    summary = import_scores(db, committee_user(db), write_xlsx(tmp_path / "s.xlsx", THAI, rows))
    assert summary.added == 2
    assert any("แถว 3" in w for w in summary.warnings)
    assert summary.details["sheets_incomplete"] == 1


def test_a_known_inspector_is_matched_despite_spacing(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    with db.transaction() as s:
        s.add(m.Inspector(name=A, zone_number=5))
    rows = _sheet("outstanding", "นางสาวพิมพ์ใจ  ใจดี", "840503", (8, 7, 4))
    summary = import_scores(db, committee_user(db), write_csv(tmp_path / "s.csv", THAI, rows))
    assert summary.details["inspectors_added"] == 0
    with db.transaction() as s:
        assert list(s.scalars(select(m.Inspector.name))) == [A]


def test_a_large_file_imports_in_one_go(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    # 1,000 sheets of 3 criteria = 3,000 rows over the five tambons and 200 inspectors
    rows: Rows = []
    for i in range(200):
        for tambon in ("840501", "840502", "840503", "500101", "500102"):
            rows += _sheet("outstanding", f"ผู้ประเมิน {i:03d}", tambon, (i % 11, 10 - i % 11, 2.5))
    summary = import_scores(
        db, committee_user(db), write_xlsx(tmp_path / "big.xlsx", ENGLISH, rows)
    )
    assert summary.rows == 3000
    assert summary.added == 3000 and summary.details["sheets_added"] == 1000
    assert summary.details["inspectors_added"] == 200
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(m.Score)) == 3000
        assert s.scalar(select(func.sum(m.Score.value))) == pytest.approx(1000 * 10 + 1000 * 2.5)
        assert audit.verify_chain(s) == []
    before = dump(db)
    assert (
        import_scores(
            db, committee_user(db), write_xlsx(tmp_path / "big.xlsx", ENGLISH, rows)
        ).unchanged
        == 3000
    )
    assert dump(db) == before


def test_two_contests_sharing_a_round_code(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    other = make_contest(db, code="CL2565", criteria=[("C1", "อื่น", 20.0, 100.0)])
    rows = [["outstanding", A, "840503", "C1", 15, ""]]
    # without a contest column the first contest is meant: 15 is above its C1 maximum of 10
    error = _refused(db, write_csv(tmp_path / "a.csv", ENGLISH[:5], [r[:5] for r in rows]))
    assert _where(error) == [(2, "score")]
    header = ["contest", *ENGLISH]
    import_scores(
        db, committee_user(db), write_csv(tmp_path / "b.csv", header, [["cl2565", *rows[0]]])
    )
    (sheet,) = _sheets(db)
    assert sheet.round_id == other.rounds["outstanding"]
    unknown = _refused(db, write_csv(tmp_path / "c.csv", header, [["CL9999", *rows[0]]]))
    assert _where(unknown) == [(2, "contest")]


# --- refused files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ((0, "final"), "รอบ", "ไม่มีรอบ 'final'"),
        ((0, ""), "รอบ", "ไม่ได้ระบุรอบ"),
        ((1, " "), "ผู้ประเมิน", "ไม่ได้ระบุชื่อผู้ประเมิน"),
        ((3, "C9"), "เกณฑ์", "ไม่มีเกณฑ์ 'C9'"),
        ((2, "860101"), "รหัสตำบล", "ยังไม่อยู่ในฐานข้อมูล"),
        ((2, "999999"), "รหัสตำบล", "ไม่มีรหัสตำบล 999999"),
        ((2, "8405O3"), "รหัสตำบล", "6 หลัก"),
        ((4, "เจ็ด"), "คะแนน", "ไม่ใช่ตัวเลข"),
        ((4, "-1"), "คะแนน", "ติดลบ"),
        ((4, "10.5"), "คะแนน", "เกินคะแนนเต็ม 10"),
        ((4, "๑๑"), "คะแนน", "เกินคะแนนเต็ม 10"),
    ],
)
def test_a_bad_row_is_refused_naming_row_and_field(
    db: Database,
    contest: ContestIds,
    tmp_path: Path,
    change: tuple[int, str],
    field: str,
    words: str,
) -> None:
    rows = [list(r) for r in GOOD]
    rows[4][change[0]] = change[1]  # row 6 of the file: B / 840503 / C2
    error = _refused(db, write_csv(tmp_path / "scores.csv", THAI, rows))
    assert _where(error) == [(6, field)], error
    assert words in error.problems[0].message
    assert str(error.problems[0]).startswith(f"scores.csv, แถว 6, ช่อง '{field}': ")


def test_above_max_score_uses_each_criterions_maximum(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    rows = _sheet("outstanding", A, "840503", (10, 10, 5.5))  # C3 is out of 5
    error = _refused(db, write_xlsx(tmp_path / "s.xlsx", ENGLISH, rows))
    assert _where(error) == [(4, "score")]
    assert "C3" in error.problems[0].message


def test_duplicate_rows_are_refused(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    rows = [*GOOD, ["Outstanding", A + " ", "840503", "c1", 8, ""]]
    error = _refused(db, write_xlsx(tmp_path / "s.xlsx", THAI, rows))
    assert _where(error) == [(11, "เกณฑ์")]
    assert "แถว 2" in error.problems[0].message


def test_a_finalised_round_is_refused(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    import_scores(db, committee_user(db), write_xlsx(tmp_path / "a.xlsx", THAI, GOOD))
    finalise_round(db, contest.rounds["outstanding"])
    changed = [list(r) for r in GOOD]
    changed[0][4] = 1
    error = _refused(db, write_xlsx(tmp_path / "b.xlsx", THAI, changed))
    assert _where(error) == [(2, "รอบ")]
    assert "ล็อก" in error.problems[0].message


def test_a_locked_sheet_is_refused(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    import_scores(db, committee_user(db), write_xlsx(tmp_path / "a.xlsx", THAI, GOOD[:3]))
    with db.transaction() as s:
        s.scalars(select(m.Sheet)).one().status = m.SheetStatus.LOCKED
    error = _refused(db, write_xlsx(tmp_path / "b.xlsx", THAI, GOOD))
    assert [p.row for p in error.problems] == [2, 3, 4]


def test_bad_status_values_are_refused(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    header = [*THAI, "status"]
    rows = [[*r, s] for r, s in zip(GOOD[:3], ("draft", "submitted", "locked"), strict=True)]
    error = _refused(db, write_csv(tmp_path / "s.csv", header, rows))
    assert _where(error) == [(3, "status"), (4, "status")]


def test_every_problem_is_reported_at_once(
    db: Database, contest: ContestIds, tmp_path: Path
) -> None:
    rows = [list(r) for r in GOOD]
    rows[0][4] = 11
    rows[3][3] = "C4"
    rows[5][0] = "final"
    rows[8][2] = "999999"
    rows[8][4] = "x"
    error = _refused(db, write_xlsx(tmp_path / "s.xlsx", ENGLISH, rows))
    assert _where(error) == [
        (2, "score"),
        (5, "criterion"),
        (7, "round"),
        (10, "tambon_code"),
        (10, "score"),
    ]


def test_many_problems_are_capped(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    rows = [["outstanding", A, "840503", f"X{i}", 1, ""] for i in range(800)]
    error = _refused(db, write_csv(tmp_path / "s.csv", THAI, rows))
    assert 500 <= len(error.problems) <= 501
    assert "หยุดตรวจ" in error.problems[-1].message


def test_missing_columns_are_refused(db: Database, contest: ContestIds, tmp_path: Path) -> None:
    header = ["รอบ", "รหัสตำบล", "คะแนน"]
    error = _refused(db, write_csv(tmp_path / "s.csv", header, [["outstanding", "840503", "5"]]))
    assert _where(error) == [(1, "ผู้ประเมิน (inspector)"), (1, "เกณฑ์ (criterion)")]


def test_no_contest_yet_is_refused(db: Database, tmp_path: Path) -> None:
    add_tambons(db)
    error = _refused(db, write_csv(tmp_path / "s.csv", THAI, GOOD))
    assert "import contest" in error.problems[0].message


def test_refused_on_postgresql_too(any_db: Database, tmp_path: Path) -> None:
    add_tambons(any_db)
    make_contest(any_db)
    import_scores(any_db, committee_user(any_db), write_xlsx(tmp_path / "a.xlsx", THAI, GOOD[:3]))
    rows = [list(r) for r in GOOD]
    rows[-1][4] = 99  # everything else would be new or changed, but one row is wrong
    rows[0][4] = 1
    error = _refused(any_db, write_xlsx(tmp_path / "b.xlsx", THAI, rows))
    assert _where(error) == [(10, "คะแนน")]


# --- through the command line ----------------------------------------------------------------


def test_cli_import_scores(
    db: Database,
    contest: ContestIds,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "คณะกรรมการเขต 5", m.Role.COMMITTEE)
    sign_in(monkeypatch, "คณะกรรมการเขต 5")
    path = write_xlsx(tmp_path / "scores.xlsx", THAI, GOOD)
    result = run_cli(db, capsys, "import", "scores", str(path))
    assert result.code == 0, result.err
    assert "คะแนนใหม่ 9" in result.out
    assert "ผู้ประเมินใหม่" in result.err  # warnings go to stderr
    with db.transaction() as s:
        assert set(s.scalars(select(m.AuditEntry.actor))) == {"คณะกรรมการเขต 5"}
    again = run_cli(db, capsys, "import", "scores", str(path))
    assert again.code == 0
    assert "เหมือนเดิม 9" in again.out


def test_cli_refuses_a_bad_file_with_exit_2(
    db: Database,
    contest: ContestIds,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "กรรมการ", m.Role.COMMITTEE)
    sign_in(monkeypatch, "กรรมการ")
    rows = [list(r) for r in GOOD]
    rows[2][4] = 6  # C3 is out of 5
    rows[7][3] = "C7"
    path = write_csv(tmp_path / "scores.csv", THAI, rows, encoding="cp874")
    before = dump(db)
    result = run_cli(db, capsys, "import", "scores", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert any(line.startswith("scores.csv, แถว 4, ช่อง 'คะแนน': ") for line in lines)
    assert any(line.startswith("scores.csv, แถว 9, ช่อง 'เกณฑ์': ") for line in lines)
    assert result.out == ""
    assert dump(db) == before


def test_cli_refuses_a_broken_file(
    db: Database,
    contest: ContestIds,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "กรรมการ", m.Role.COMMITTEE)
    sign_in(monkeypatch, "กรรมการ")
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"not a workbook at all")
    before = dump(db)
    result = run_cli(db, capsys, "import", "scores", str(path))
    assert result.code == 2
    assert "scores.xlsx" in result.err
    assert dump(db) == before
