"""Templates (DESIGN.md section 5): Thai headers, an example row, drop-down lists, Thai
instructions, text cells that never become formulas; filled back in, they import."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.io import templates
from evaluator.permissions import UserInfo
from evaluator.services.imports import import_geography
from evaluator.services.people import (
    import_assignments,
    import_inspectors,
    import_leaders,
    write_template,
)
from evaluator.services.users import create_user
from tests.accounts import TEST_PASSWORD
from tests.evaluator.helpers import add_tambons, make_contest, run_cli


@pytest.fixture
def admin(db: Database, monkeypatch: pytest.MonkeyPatch) -> UserInfo:
    """The admin, signed in for the commands (as a script: $EVALUATOR_PASSWORD)."""
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)
    return create_user(db, None, "admin", m.Role.ADMIN, password=TEST_PASSWORD)


@pytest.mark.parametrize("kind", templates.KINDS)
def test_every_template_has_thai_headers_an_example_and_instructions(
    db: Database, tmp_path: Path, kind: str
) -> None:
    make_contest(db)
    path = write_template(db, kind, tmp_path / f"{kind}.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [templates.DATA_SHEET, templates.INSTRUCTIONS_SHEET, "lists"]
    assert wb["lists"].sheet_state == "hidden"
    ws = wb[templates.DATA_SHEET]
    template = templates.TEMPLATES[kind]
    header = [c.value for c in ws[1]]
    assert header == [c.thai for c in template.columns] + ["ตัวอย่าง (example)"]
    example = [c.value for c in ws[2]]
    assert example[-1] == templates.EXAMPLE_MARK
    for column, value in zip(template.columns, example, strict=False):
        assert str(value or "") == template.example.get(column.field, "")
    instructions = "\n".join(
        str(c.value) for row in wb[templates.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value
    )
    assert "แถวที่ 2" in instructions and template.command in instructions
    for column in template.columns:
        assert column.thai in instructions
    validations = {str(v.sqref).split(":")[0][:-1]: v for v in ws.data_validations.dataValidation}
    fields = {c.field: i for i, c in enumerate(template.columns)}
    letter = "ABCDEFGHIJ"
    if "zone" in fields:
        zone = validations[letter[fields["zone"]]]
        assert (zone.type, zone.formula1, zone.formula2) == ("whole", "1", "18")
    for name in ("home_province", "province", "role"):
        if name in fields:
            choice = validations[letter[fields[name]]]
            assert choice.type == "list" and choice.showErrorMessage
            column = choice.formula1.split("$")[1]
            values = [c.value for c in wb["lists"][column][1:] if c.value]
            if name == "role":
                assert values == ["ผู้ประเมิน", "คณะกรรมการ", "ผู้ดูแลระบบ"]
            else:
                assert len(values) == 76 and "เชียงใหม่" in values
                assert "กรุงเทพมหานคร" not in values
    if "round" in fields:
        assert validations[letter[fields["round"]]].type == "list"


def test_text_cells_are_never_formulas(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i, text in enumerate(("=1+1", "+66812345678", "-5", "@SUM(A1)"), start=1):
        templates.text_cell(ws, i, 1, text)
    wb.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx")
    sheet = back.active
    assert sheet is not None
    cells = [sheet.cell(row=i, column=1) for i in range(1, 5)]
    assert [c.value for c in cells] == ["=1+1", "+66812345678", "-5", "@SUM(A1)"]
    assert {c.data_type for c in cells} == {"s"}


def _fill(path: Path, rows: list[list[object]], *, overwrite_example: bool = False) -> Path:
    wb = load_workbook(path)
    ws = wb[templates.DATA_SHEET]
    start = 2 if overwrite_example else ws.max_row + 1
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    if overwrite_example:
        ws.cell(row=2, column=ws.max_column, value=None)
    wb.save(path)
    return path


def test_filled_in_templates_import(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    add_tambons(db)
    make_contest(db)
    # left in place, the example row is skipped with a warning
    inspectors = _fill(
        write_template(db, "inspectors", tmp_path / "i.xlsx"),
        [
            ["นายสมหมาย ตรวจดี", "ผู้ตรวจราชการกรม", 5, "ชุมพร", "0811111111", ""],
            ["นางสาวสมใจ ใจเย็น", "ผู้ตรวจราชการกรม", "15", "ลำพูน", "", "somjai@cdd.go.th"],
        ],
    )
    summary = import_inspectors(db, admin, inspectors)
    assert summary.added == 2
    assert any("แถว 2" in w and "ตัวอย่าง" in w for w in summary.warnings)
    # overwritten, the example row is data like any other
    assignments = _fill(
        write_template(db, "assignments", tmp_path / "a.xlsx"),
        [
            ["outstanding", "นายสมหมาย ตรวจดี", "840503"],
            ["outstanding", "นางสาวสมใจ ใจเย็น", "500101"],
        ],
        overwrite_example=True,
    )
    summary = import_assignments(db, admin, assignments)
    assert summary.added == 2 and not any("ตัวอย่าง" in w for w in summary.warnings)
    leaders = _fill(
        write_template(db, "leaders", tmp_path / "l.xlsx"),
        [["840503", "นาย", f"ผู้นำ{i}", "เกาะเต่า", "", "", ""] for i in range(1, 16)],
    )
    assert import_leaders(db, admin, leaders).added == 15
    geography = _fill(
        write_template(db, "geography", tmp_path / "g.xlsx"),
        [["", "เชียงใหม่", "เมืองเชียงใหม่", "หายยา", "500103"]],
    )
    summary = import_geography(db, geography, actor="admin")
    assert summary.added == 1 and summary.rows == 1  # the example tambon was skipped
    with db.transaction() as s:
        assert s.scalar(select(func.count(m.Inspector.id))) == 2
        assert s.scalar(select(func.count(m.Assignment.id))) == 2
        assert s.scalar(select(func.count(m.Leader.id))) == 15


def test_template_and_import_through_the_cli(
    db: Database, admin: UserInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "inspectors.xlsx"
    result = run_cli(db, capsys, "export", "template", "inspectors", "--out", str(out))
    assert result.code == 0 and out.is_file()
    _fill(out, [["นายสมหมาย ตรวจดี", "ผู้ตรวจราชการกรม", "5", "ชุมพร", "", ""]])
    result = run_cli(db, capsys, "import", "inspectors", str(out), "--user", "admin")
    assert result.code == 0, result.err
    assert "ผู้ประเมินใหม่ 1" in result.out and "ตัวอย่าง" in result.err
    bad = _fill(
        run_template(db, capsys, tmp_path / "bad.xlsx"), [["นายผิด เขต", "ผู้ตรวจ", "99", "ชุมพร"]]
    )
    result = run_cli(db, capsys, "import", "inspectors", str(bad), "--user", "admin")
    assert result.code == 2
    assert "bad.xlsx [ข้อมูล], แถว 3, ช่อง 'เขตตรวจราชการ'" in result.err
    with pytest.raises(SystemExit):
        run_cli(db, capsys, "export", "template", "nonsense", "--out", str(out))


def run_template(db: Database, capsys: pytest.CaptureFixture[str], path: Path) -> Path:
    assert run_cli(db, capsys, "export", "template", "inspectors", "--out", str(path)).code == 0
    return path
