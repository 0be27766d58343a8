"""Excel exports read back with openpyxl: headers, frozen panes, filters, number formats,
widths; the ranking is the service's; raw scores go back through the scores importer into a
fresh database unchanged; the budget's formula totals add up to the service's figures."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.db import open_database
from evaluator.io.scores_import import COLUMNS as SCORE_IMPORT_COLUMNS
from evaluator.scoring.model import round2
from evaluator.services.contest_import import import_default_contest
from evaluator.services.documents import places
from evaluator.services.imports import import_geography, import_scores
from evaluator.services.ranking import contest_budget, rank_round
from evaluator.services.report_data import ScoreLine, score_lines
from evaluator.services.setup import init_database
from reports.excel import display_width, write_budget, write_rankings
from reports.excel_sheets import LINE_HEIGHT, text_lines
from tests.evaluator.helpers import committee_user
from tests.reports.report_helpers import make_demo, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory)


def _header(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[1]]


def _column(ws: Worksheet, header: str) -> int:
    return _header(ws).index(header) + 1


def _check_layout(ws: Worksheet) -> None:
    """Bold header, panes frozen below it, a filter over the data, widths fitted: a head fits
    on one line, or wraps over at most three in a row as tall as they are (the long heads of
    the rankings, which on one line made the sheet print at a third of its size)."""
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    assert all(c.font.bold for c in ws[1])
    heads = 1
    for cell in ws[1]:
        width = ws.column_dimensions[cell.column_letter].width
        need = display_width(str(cell.value))
        assert width is not None and width >= min(need / 3, 40)
        assert cell.alignment.wrap_text
        heads = max(heads, text_lines(str(cell.value), width))
    if heads > 1:
        assert (ws.row_dimensions[1].height or 0) >= heads * LINE_HEIGHT


def test_rankings_workbook(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "rankings.xlsx"
    assert run(demo, "export", "rankings", "--round", "outstanding", "--out", str(out)) == 0
    db = open_database(demo)
    try:
        ranking = rank_round(db, "outstanding")
    finally:
        db.dispose()
    wb = load_workbook(out)
    assert wb.sheetnames == ["ทั้งประเทศ", *(f"เขต {z}" for z in range(1, 19)), "ข้อมูลรอบ"]
    national = wb["ทั้งประเทศ"]
    _check_layout(national)
    assert _header(national)[:9] == [
        "อันดับ",
        "เขตตรวจราชการ",
        "จังหวัด",
        "อำเภอ",
        "ตำบล",
        "รหัสตำบล",
        "คะแนน",
        "แบบประเมินที่นับได้",
        "สถานะ",
    ]
    assert national.auto_filter.ref.endswith(str(len(ranking.entries) + 1))
    score_col = _column(national, "คะแนน")
    code_col = _column(national, "รหัสตำบล")
    prize_col = _column(national, "เงินรางวัล (บาท)")
    status_col = _column(national, "status")
    rows = list(national.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(ranking.entries) == 1000
    for row, e in zip(rows, ranking.entries, strict=True):
        assert row[0] == e.rank
        assert row[code_col - 1] == e.tambon_code  # text, as written
        assert row[score_col - 1] == (None if e.score is None else round2(e.score))
        assert row[status_col - 1] == e.status
        assert row[prize_col - 1] == (100_000 if e.status == "winner" else None)
    first = national.cell(row=2, column=score_col)
    assert first.number_format == "0.00"
    assert national.cell(row=2, column=prize_col).number_format == "#,##0"
    assert national.cell(row=2, column=code_col).number_format == "@"
    assert national.cell(row=2, column=1).fill.fgColor.rgb.endswith("CDECCF")  # a winner, green

    for zone in range(1, 19):
        ws = wb[f"เขต {zone}"]
        _check_layout(ws)
        codes = [r[code_col - 1] for r in ws.iter_rows(min_row=2, values_only=True)]
        assert codes == [e.tambon_code for e in ranking.entries if e.zone == zone]
        statuses = [r[status_col - 1] for r in ws.iter_rows(min_row=2, values_only=True)]
        assert statuses.count("winner") == 5
    facts = {r[0]: r[1] for r in wb["ข้อมูลรอบ"].iter_rows(min_row=2, values_only=True)}
    assert facts["รางวัลละ (บาท)"] == 100_000
    assert facts["ผลการจัดอันดับ"] == "ยังไม่ยืนยัน (ฉบับร่าง)"


def test_raw_scores_round_trip_through_the_importer(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    assert run(demo, "export", "scores", "--out", str(out)) == 0
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["คะแนน", "แบบประเมิน", "เกณฑ์", "ข้อมูล"]
    wb.close()
    wb = load_workbook(out)
    ws = wb["คะแนน"]
    _check_layout(ws)
    header = _header(ws)
    assert header[:8] == [c.thai for c in SCORE_IMPORT_COLUMNS]  # the importer's own names
    assert "รหัสแบบประเมิน" in header
    assert ws.cell(row=2, column=5).number_format == "0.00"

    source = open_database(demo)
    try:
        before = score_lines(source)
        where = places(source, {x.tambon_code for x in before})
    finally:
        source.dispose()
    assert ws.max_row - 1 == len(before)

    # a fresh database with the same contest and places, then the exported file
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        init_database(fresh)
        import_default_contest(fresh, actor="test")
        geography = tmp_path / "geography.csv"
        with geography.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["รหัสตำบล", "ตำบล", "อำเภอ", "จังหวัด"])
            for p in where.values():
                writer.writerow([p.tambon_code, p.tambon, p.district, p.province])
        import_geography(fresh, geography, actor="test")
        summary = import_scores(fresh, committee_user(fresh, "test"), out)
        assert summary.added == len(before)
        after = score_lines(fresh)
    finally:
        fresh.dispose()

    def key(x: ScoreLine) -> tuple[object, ...]:
        status = "draft" if x.status == "draft" else "submitted"  # locked goes out as submitted
        return (x.round_code, x.inspector, x.tambon_code, x.criterion, x.score, x.note, status)

    assert sorted(map(key, after)) == sorted(map(key, before))


def test_scores_of_one_round_and_an_unknown_round(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "excellent.xlsx"
    assert run(demo, "export", "scores", "--round", "excellent", "--out", str(out)) == 0
    ws = load_workbook(out)["คะแนน"]
    assert ws.max_row == 1  # the header only: no sheet yet in that round
    assert run(demo, "export", "scores", "--round", "nope", "--out", str(tmp_path / "n.xlsx")) == 1
    assert "nope" in capsys.readouterr().err
    assert not (tmp_path / "n.xlsx").exists()


_SUM = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


def _evaluate(ws: Worksheet, formula: str) -> float:
    """The value of a ``=SUM(X2:X19)`` formula from the cells it names."""
    match = _SUM.match(formula)
    assert match, formula
    col, top, col2, bottom = match.groups()
    assert col == col2
    return sum(float(ws[f"{col}{r}"].value or 0) for r in range(int(top), int(bottom) + 1))


def _totals(ws: Worksheet, label: str, label_column: int = 1) -> tuple[int, int]:
    rows = [
        r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=label_column).value == label
    ]
    assert len(rows) == 1, label
    return rows[0], rows[0] + 1


def test_budget_totals_are_formulas_that_add_up_to_the_service(demo: Path, tmp_path: Path) -> None:
    db = open_database(demo)
    try:
        written = write_budget(db, tmp_path / "budget.xlsx")
        budget = contest_budget(db).budget
    finally:
        db.dispose()
    wb = load_workbook(written.path)
    assert wb.sheetnames == ["สรุปตามรอบ", "ตามเขต", "รายตำบล", "ข้อมูล"]

    rounds = wb["สรุปตามรอบ"]
    _check_layout(rounds)
    assert rounds.auto_filter.ref == "A1:I3"  # the data only, never the totals
    formula_row, check_row = _totals(rounds, "รวม")
    amount_col = _column(rounds, "เงินรางวัล (บาท)")
    winners_col = _column(rounds, "จำนวนรางวัล")
    formula = rounds.cell(row=formula_row, column=amount_col)
    assert formula.value == f"=SUM(F2:F{1 + len(budget.rounds)})"
    assert formula.number_format == "#,##0"
    assert _evaluate(rounds, formula.value) == rounds.cell(row=check_row, column=amount_col).value
    assert rounds.cell(row=check_row, column=amount_col).value == sum(
        r.amount for r in budget.rounds
    )
    assert _evaluate(rounds, rounds.cell(row=formula_row, column=winners_col).value) == 90
    assert "ตรวจสอบ" in rounds.cell(row=check_row, column=1).value

    zones = wb["ตามเขต"]
    _check_layout(zones)
    formula_row, check_row = _totals(zones, "รวม", label_column=2)
    total_col = _column(zones, "เงินรางวัลรวม (บาท)")
    assert zones.max_column == total_col + 1
    total_formula = zones.cell(row=formula_row, column=total_col).value
    assert _evaluate(zones, total_formula) == budget.total == 9_000_000
    assert zones.cell(row=check_row, column=total_col).value == budget.total
    per_zone = [zones.cell(row=r, column=total_col).value for r in range(2, 20)]
    assert per_zone == [z.amount for z in budget.zones]

    tambons = wb["รายตำบล"]
    _check_layout(tambons)
    formula_row, check_row = _totals(tambons, "รวม", label_column=2)
    assert formula_row - 2 == len(budget.awards) + 1
    assert _evaluate(tambons, tambons.cell(row=formula_row, column=7).value) == budget.total
    assert tambons.cell(row=check_row, column=7).value == budget.total
    codes = [tambons.cell(row=r, column=1).value for r in range(2, 2 + len(budget.awards))]
    assert sorted(codes) == sorted(a.tambon_code for a in budget.awards)
    assert all(isinstance(c, str) and len(c) == 6 for c in codes)
    assert tambons.cell(row=2, column=7).number_format == "#,##0"


def test_sheet_names_and_widths_fit_thai(demo: Path, tmp_path: Path) -> None:
    db = open_database(demo)
    try:
        written = write_rankings(db, "outstanding", tmp_path / "r.xlsx")
    finally:
        db.dispose()
    ws = load_workbook(written.path)["เขต 1"]
    province_col = _column(ws, "จังหวัด")
    letter = ws.cell(row=1, column=province_col).column_letter
    longest = max(
        display_width(str(v))
        for (v,) in ws.iter_rows(
            min_row=2, min_col=province_col, max_col=province_col, values_only=True
        )
    )
    assert longest == display_width("พระนครศรีอยุธยา")  # zone 1's longest province
    assert ws.column_dimensions[letter].width >= longest
    assert display_width("ที่นี่") == 2  # marks above and below take no width
