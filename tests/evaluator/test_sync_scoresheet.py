"""Excel scoresheets for inspectors without the app: exported with the rubric, validation,
protection and hidden identifiers; imported back through the same checks and merge rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from evaluator.cli import parser as cli
from evaluator.db import models as m
from evaluator.errors import InputError
from evaluator.services import scoresheets as scoresheet_service
from evaluator.services.packages import ImportResult
from evaluator.sync import scoresheet as xs
from evaluator.text import spacing_count
from tests.accounts import sign_in
from tests.evaluator import sync_fixtures as f

COMMITTEE = "กรรมการ"
# columns of the data sheet for the three criteria of the fixture contest
C1, C1_NOTE, C2, C3 = "G", "H", "I", "K"
NOTE, STATUS, KEY = "M", "N", "O"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    yield p
    p.close()


def _export(pair: f.FieldPair, name: str = "sheet.xlsx") -> Path:
    out = pair.tmp / name
    scoresheet_service.export_scoresheet(
        pair.committee_db, f.user(pair.committee_db, COMMITTEE), f.INSPECTOR, out
    )
    return out


def _row_of(ws: Worksheet, tambon: str, round_title: str = "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น") -> int:
    for row in range(xs.FIRST_ROW, ws.max_row + 1):
        if ws[f"F{row}"].value == tambon and ws[f"B{row}"].value == round_title:
            return row
    raise AssertionError(tambon)


def _fill(path: Path, out: Path, cells: dict[tuple[str, str], object]) -> Path:
    """Fill cells given as (tambon, column) and save as ``out``."""
    wb = load_workbook(path)
    ws = wb[xs.DATA_SHEET]
    for (tambon, column), value in cells.items():
        ws[f"{column}{_row_of(ws, tambon)}"] = value
    wb.save(out)
    return out


def _import(pair: f.FieldPair, path: Path) -> ImportResult:
    return scoresheet_service.import_scoresheet(
        pair.committee_db, f.user(pair.committee_db, COMMITTEE), path
    )


def test_the_workbook_holds_the_rubric_validation_protection_and_hidden_ids(
    pair: f.FieldPair,
) -> None:
    admin = f.user(pair.committee_db, "admin")
    del admin
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package(), actor=COMMITTEE)
    wb = load_workbook(_export(pair))
    assert wb.sheetnames == [xs.README_SHEET, xs.DATA_SHEET, xs.RUBRIC_SHEET, xs.META_SHEET]
    assert wb[xs.META_SHEET].sheet_state == "veryHidden"
    assert wb.security is not None and wb.security.lockStructure
    ws = wb[xs.DATA_SHEET]
    assert ws.protection.sheet
    assert ws.column_dimensions[KEY].hidden and ws.column_dimensions["P"].hidden
    # five tambons in the first round and two in the second are assigned
    assert ws.max_row - xs.FIRST_ROW + 1 == 7
    row = _row_of(ws, "840501")
    assert (ws[f"{C1}{row}"].value, ws[f"{C2}{row}"].value, ws[f"{C3}{row}"].value) == (8, 7, 4)
    assert ws[f"{STATUS}{row}"].value == xs.STATUS_SUBMITTED
    assert ws[f"P{row}"].value == f.sheet_uuid(pair.committee_db, "840501")
    assert not ws[f"{C1}{row}"].protection.locked and ws[f"F{row}"].protection.locked
    ranges = {
        (dv.type, dv.formula1, dv.formula2, str(dv.sqref).split(":")[0][0])
        for dv in ws.data_validations.dataValidation
    }
    assert ("decimal", "0", "10", "G") in ranges and ("decimal", "0", "5", "K") in ranges
    assert any(dv.type == "list" for dv in ws.data_validations.dataValidation)
    rubric = wb[xs.RUBRIC_SHEET]
    levels = [rubric.cell(row=r, column=5).value for r in range(2, 5)]
    assert all("ดีมาก" in str(v) for v in levels)
    # the band texts follow evaluator.bands: the end of a band belongs to the next one
    first = str(levels[0]).splitlines()
    assert first[0].startswith("0 ถึงต่ำกว่า 5 เริ่มต้น") and first[1].startswith("5 ถึง 10 ดีมาก")
    # the header row is tall enough for its longest head: no clipped first line in print
    heads = [c for c in ws[xs.HEADER_ROW] if c.value]
    longest = max(
        sum(
            -(-spacing_count(part) // int(ws.column_dimensions[c.column_letter].width or 8))
            for part in str(c.value).split("\n")
        )
        for c in heads
    )
    assert ws.row_dimensions[xs.HEADER_ROW].height >= 15 * longest


def test_a_filled_workbook_becomes_sheets(pair: f.FieldPair) -> None:
    path = _export(pair)
    filled = _fill(
        path,
        pair.tmp / "filled.xlsx",
        {
            ("840501", C1): 8,
            ("840501", C1_NOTE): "ผู้นำปลูกผักก่อน",
            ("840501", C2): "๗.๕",  # Thai digits typed as text
            ("840501", C3): 4,
            ("840501", NOTE): "ลงพื้นที่ 12 พ.ค.",
            ("840501", STATUS): xs.STATUS_SUBMITTED,
            ("840502", C1): 3,
        },
    )
    result = _import(pair, filled)
    assert result.counts["insert"] == 2 and result.kind == "scoresheet"
    done = f.sheet_uuid(pair.committee_db, "840501")
    assert f.scores_of(pair.committee_db, done) == {"C1": 8, "C2": 7.5, "C3": 4}
    with pair.committee_db.transaction() as s:
        sheet = s.scalar(select(m.Sheet).where(m.Sheet.uuid == done))
        assert sheet is not None
        assert sheet.status is m.SheetStatus.SUBMITTED and sheet.note == "ลงพื้นที่ 12 พ.ค."
        draft = s.scalar(select(m.Sheet).where(m.Sheet.tambon_code == "840502"))
        assert draft is not None and draft.status is m.SheetStatus.DRAFT
        entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.source == "excel")).all()
        assert entries and {e.actor for e in entries} == {COMMITTEE}


def test_the_same_workbook_twice_changes_nothing(pair: f.FieldPair) -> None:
    path = _export(pair)
    filled = _fill(path, pair.tmp / "filled.xlsx", {("840501", C1): 8})
    _import(pair, filled)
    before = f.dump(pair.committee_db)
    again = _import(pair, filled)
    assert again.previously_imported is not None
    assert f.dump(pair.committee_db) == before
    # saved again by Excel (other bytes, same content): still nothing
    resaved = _fill(filled, pair.tmp / "resaved.xlsx", {})
    assert not _import(pair, resaved).changed
    assert f.dump(pair.committee_db) == before


def test_a_row_changed_in_the_workbook_replaces_an_unchanged_sheet(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4}, photo=f.PNG)
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package(), actor=COMMITTEE)
    uuid = f.sheet_uuid(pair.committee_db, "840501")
    path = _export(pair)
    result = _import(pair, _fill(path, pair.tmp / "f.xlsx", {("840501", C2): 9}))
    assert result.counts["replace"] == 1 and result.counts["insert"] == 0
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 8, "C2": 9, "C3": 4}
    with pair.committee_db.transaction() as s:
        photos = s.scalars(select(m.Photo).join(m.Sheet).where(m.Sheet.uuid == uuid)).all()
        assert [bytes(p.data) for p in photos] == [f.PNG]  # the sheet keeps its photo


def test_a_row_changed_in_the_workbook_and_here_is_a_conflict(pair: f.FieldPair) -> None:
    path = _export(pair)
    _import(
        pair,
        _fill(path, pair.tmp / "a.xlsx", {("840501", C1): 8, ("840501", C2): 7, ("840501", C3): 4}),
    )
    second = _export(pair, "second.xlsx")
    admin = f.user(pair.committee_db, "admin")
    uuid = f.sheet_uuid(pair.committee_db, "840501")
    f.score(pair.committee_db, admin, "840501", {"C1": 2})
    result = _import(pair, _fill(second, pair.tmp / "b.xlsx", {("840501", C3): 1}))
    assert result.counts["conflict"] == 1
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 2, "C2": 7, "C3": 4}
    [conflict] = f.list_conflicts(pair.committee_db)
    assert conflict.copies[0].scores == {"C1": 8, "C2": 7, "C3": 1}


def test_each_bad_cell_is_reported_by_sheet_row_and_column(pair: f.FieldPair) -> None:
    path = _export(pair)
    wb = load_workbook(path)
    ws = wb[xs.DATA_SHEET]
    r1, r2 = _row_of(ws, "840501"), _row_of(ws, "840502")
    bad = _fill(
        path,
        pair.tmp / "bad.xlsx",
        {
            ("840501", C1): 11,
            ("840501", C2): "เจ็ด",
            ("840502", STATUS): "เสร็จ",
            ("840503", C1): 5,
            ("840503", STATUS): xs.STATUS_SUBMITTED,
        },
    )
    before = f.dump(pair.committee_db)
    with pytest.raises(InputError) as err:
        _import(pair, bad)
    problems = {(p.row, p.field) for p in err.value.problems}
    r3 = _row_of(ws, "840503")
    assert (r1, f"{C1} (C1)") in problems
    assert (r1, f"{C2} (C2)") in problems
    assert (r2, f"{STATUS} (สถานะ)") in problems
    assert (r3, f"{STATUS} (สถานะ)") in problems
    assert all(p.file and xs.DATA_SHEET in p.file for p in err.value.problems)
    assert "0 ถึง 10" in str(err.value)
    assert f.dump(pair.committee_db) == before


def test_a_finalised_round_is_not_changed_by_a_late_workbook(pair: f.FieldPair) -> None:
    path = _export(pair)
    f.finalise(pair.committee_db, "outstanding")
    result = _import(pair, _fill(path, pair.tmp / "late.xlsx", {("840501", C1): 8}))
    assert result.counts["locked"] == 1 and not result.changed
    with pair.committee_db.transaction() as s:
        assert s.scalar(select(m.Sheet).where(m.Sheet.tambon_code == "840501")) is None


def test_a_workbook_for_another_rubric_version_is_refused(pair: f.FieldPair) -> None:
    path = _export(pair)
    with pair.committee_db.transaction() as s:
        contest = s.scalar(select(m.Contest))
        assert contest is not None
        contest.rubric_version = 2
    before = f.dump(pair.committee_db)
    with pytest.raises(InputError, match="รุ่น 1"):
        _import(pair, _fill(path, pair.tmp / "old.xlsx", {("840501", C1): 8}))
    assert f.dump(pair.committee_db) == before


def test_a_changed_hidden_id_or_a_foreign_file_is_refused(pair: f.FieldPair) -> None:
    path = _export(pair)
    wb = load_workbook(path)
    ws = wb[xs.DATA_SHEET]
    ws[f"{KEY}{_row_of(ws, '840501')}"] = "R999"
    ws[f"{C1}{_row_of(ws, '840501')}"] = 5
    wb.save(pair.tmp / "tampered.xlsx")
    before = f.dump(pair.committee_db)
    with pytest.raises(InputError, match="hidden key"):
        _import(pair, pair.tmp / "tampered.xlsx")
    plain = pair.tmp / "plain.xlsx"
    from openpyxl import Workbook

    Workbook().save(plain)
    with pytest.raises(InputError, match="not a scoresheet"):
        _import(pair, plain)
    garbage = pair.tmp / "garbage.xlsx"
    garbage.write_bytes(b"not excel")
    with pytest.raises(InputError, match="not an Excel"):
        _import(pair, garbage)
    assert f.dump(pair.committee_db) == before


def test_scoresheets_from_the_command_line(
    pair: f.FieldPair, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(monkeypatch, "กรรมการ")
    out = pair.tmp / "cli.xlsx"
    code = cli.main(
        [
            "--db",
            pair.committee_db.url,
            "export",
            "scoresheet",
            "--inspector",
            f.INSPECTOR,
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    filled = _fill(out, pair.tmp / "cli-filled.xlsx", {("840501", C1): 4, ("840501", C2): 200})
    code = cli.main(["--db", pair.committee_db.url, "import", "scoresheet", str(filled)])
    err = capsys.readouterr().err
    assert code == 2 and "200" in err and "I (C2)" in err
    filled = _fill(out, pair.tmp / "cli-good.xlsx", {("840501", C1): 4})
    code = cli.main(["--db", pair.committee_db.url, "import", "scoresheet", str(filled)])
    assert code == 0 and "insert" in capsys.readouterr().out


def test_a_workbook_file_name_keeps_thai_vowel_and_tone_marks() -> None:
    from evaluator.services.scoresheets import scoresheet_file_name

    assert scoresheet_file_name("นางกนกวรรณ บุญแก้ว") == "scoresheet_นางกนกวรรณ บุญแก้ว.xlsx"
    assert scoresheet_file_name("ผู้ตรวจ/../ก:ข") == "scoresheet_ผู้ตรวจ-..-ก-ข.xlsx"
