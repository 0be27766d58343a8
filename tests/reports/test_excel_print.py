"""Excel outputs print well (#14 item 6): A4, landscape where wide, fitted to the page's width,
header rows repeated on every page, every font named, no fixed row height, Thai dates; checked
in the files and, where LibreOffice is installed (scripts/system-deps.sh --test installs it),
by converting each workbook to PDF as a clerk's LibreOffice Calc prints it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import fontpkg_sarabun
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from evaluator.db import models as m
from evaluator.db import open_database
from evaluator.io.templates import write_template
from evaluator.spreadsheet import THAI_FONT, thai_datetime
from evaluator.sync.scoresheet import DATA_SHEET, export_scoresheet
from reports.excel import write_budget, write_rankings
from reports.excel_sheets import LINE_HEIGHT, text_lines
from tests.reports.pdftools import pdfinfo, pdftotext
from tests.reports.report_helpers import make_demo
from tests.reports.test_plaques import _batch

BOUNDS = {  # pages of the demo's workbooks as LibreOffice prints them (at most)
    "budget": 10,  # 2 rounds, 18 zones, 90 winning tambons, facts: 4 sheets of a page or two
    "rankings": 60,  # 1,000 tambons on the country's sheet and again over 18 zone sheets
    "plaques": 6,
    "scoresheet": 8,
    "template": 4,
}
HEADERS = {  # a header cell each printed page must show
    "budget": ("รหัสรอบ", "เขตตรวจราชการ", "รหัสตำบล", "รายการ"),
    "rankings": ("รหัสตำบล", "รายการ"),
    "plaques": ("แผ่นที่", "ฉบับร่าง"),
    "scoresheet": ("แบบประเมินตำบลผู้นำการเปลี่ยนแปลง", "รหัสตำบล", "เกณฑ์"),
    "template": ("รหัส", "คำอธิบาย", "ชื่อ"),
}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    demo = make_demo(tmp_path_factory)
    out = tmp_path_factory.mktemp("workbooks")
    db = open_database(demo)
    try:
        with db.transaction() as s:
            name = s.scalars(select(m.Inspector.name).order_by(m.Inspector.id)).first()
        assert name
        files = {
            "budget": write_budget(db, out / "budget.xlsx").path,
            "rankings": write_rankings(db, "outstanding", out / "rankings.xlsx").path,
            "scoresheet": export_scoresheet(db, name, out / "scoresheet.xlsx").path,
        }
    finally:
        db.dispose()
    from reports.plaques import write_plaques

    files["plaques"] = write_plaques(_batch(draft=True), out)[1]
    files["template"] = write_template("inspectors", out / "template.xlsx")
    return files


def test_every_sheet_is_set_up_for_a4(workbooks: dict[str, Path]) -> None:
    for kind, path in workbooks.items():
        wb = load_workbook(path)
        for ws in wb.worksheets:
            where = f"{kind}/{ws.title}"
            assert int(ws.page_setup.paperSize or 0) == 9, where  # A4
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, where
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert ws.page_setup.orientation in ("portrait", "landscape"), where
            if kind != "scoresheet":  # its header row: 45 points, three lines of wrapped heads
                _rows_hold_their_lines(ws, where)
        fonts = {c.font.name for ws in wb.worksheets for row in ws.iter_rows() for c in row}
        assert fonts == {THAI_FONT}, (kind, fonts)
    wide = load_workbook(workbooks["rankings"]).worksheets[0]
    assert wide.page_setup.orientation == "landscape"
    for kind in ("rankings", "budget"):
        for ws in load_workbook(workbooks[kind]).worksheets:
            assert ws.print_title_rows == "$1:$1", (kind, ws.title)
    plaques = load_workbook(workbooks["plaques"])
    assert plaques["โล่"].print_title_rows == plaques["บรรทัด"].print_title_rows == "$1:$1"
    assert plaques["หมายเหตุ"].print_title_rows is None  # one line: nothing to repeat
    sheet = load_workbook(workbooks["scoresheet"])[DATA_SHEET]
    assert sheet.print_title_rows == "$1:$2"  # the title and the column heads


def _rows_hold_their_lines(ws: Worksheet, where: str) -> None:
    """No fixed row height that clips: a row has a height of its own only when a wrapped cell
    of it takes more than one line, and then room for every line of its longest cell."""
    for r, dim in ws.row_dimensions.items():
        cells = [c for c in ws[r] if c.alignment.wrap_text and c.value not in (None, "")]
        need = max(
            (
                text_lines(str(c.value), ws.column_dimensions[c.column_letter].width or 8.43)
                for c in cells
            ),
            default=1,
        )
        if dim.customHeight:
            assert need > 1, (where, r)
            assert (dim.height or 0) >= LINE_HEIGHT * need, (where, r, dim.height, need)
        else:
            assert need == 1, (where, r, need)


def test_the_rankings_heads_wrap_instead_of_widening_the_sheet(workbooks: dict[str, Path]) -> None:
    ws = load_workbook(workbooks["rankings"]).worksheets[0]
    heads = {c.value: c.column_letter for c in ws[1]}
    width = {h: ws.column_dimensions[col].width or 0 for h, col in heads.items()}
    assert width["จำนวนตำบลที่อันดับร่วม"] <= 12 and width["แบบประเมินที่นับได้"] <= 12
    assert ws.row_dimensions[1].height and ws.row_dimensions[1].height >= 3 * LINE_HEIGHT
    printed = [h for h, col in heads.items() if not ws.column_dimensions[col].hidden]
    assert "status" not in printed  # the code column repeats สถานะ: kept for filters, not printed
    assert sum(width[h] for h in printed) < 240  # was 412 with the heads on one line


def test_the_scoresheet_says_a_thai_date() -> None:
    from datetime import UTC, datetime

    assert thai_datetime(datetime(2026, 12, 1, 16, 35, tzinfo=UTC)) == (
        "1 ธันวาคม พ.ศ. 2569 เวลา 23:35 น."
    )
    assert thai_datetime(datetime(2026, 12, 31, 18, 0)) == "1 มกราคม พ.ศ. 2570 เวลา 01:00 น."


def test_the_scoresheet_readme_date(workbooks: dict[str, Path]) -> None:
    readme = load_workbook(workbooks["scoresheet"]).worksheets[0]
    lines = [str(c.value) for (c,) in readme.iter_rows(max_col=1) if c.value]
    exported = next(line for line in lines if line.startswith("ส่งออกเมื่อ"))
    assert "พ.ศ. 25" in exported and exported.endswith(" น.") and "UTC" not in exported


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (scripts/system-deps.sh --test installs"
    " libreoffice-calc-nogui): the printed pages are not checked",
)
def test_libreoffice_prints_each_workbook_sanely(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    assert SOFFICE is not None
    home = tmp_path / "home"  # LibreOffice's profile, and the Sarabun fonts it finds there
    fonts = home / ".fonts"
    fonts.mkdir(parents=True)
    for ttf in (Path(fontpkg_sarabun.ROOT) / "files").glob("Sarabun-*.ttf"):
        shutil.copy(ttf, fonts / ttf.name)
    out = tmp_path / "pdf"
    kinds = [k for k in BOUNDS if k in workbooks]
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out)]
        + [str(workbooks[k]) for k in kinds],
        check=True,
        capture_output=True,
        env=env,
        timeout=600,
    )
    for kind in kinds:
        pdf = out / (workbooks[kind].stem + ".pdf")
        pages = int(pdfinfo(pdf)["Pages"])
        assert 1 <= pages <= BOUNDS[kind], (kind, pages)
        text = pdftotext(pdf)
        for number, page in enumerate(text.split("\f")[:pages], start=1):
            assert any(h in page for h in HEADERS[kind]), (kind, number, page[:200])
            assert re.search(r"\b\d+ ?/ ?\d+\b", page), (kind, number)  # the footer: page n / N
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert "Sarabun" in fonts, (kind, fonts)
    # printed at a legible scale: a word of the rankings' head as tall as 7 points of the page
    # (4.3 when long heads on one line shrank the sheet to fit the width)
    boxes = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(out / "rankings.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">รหัสตำบล<', boxes)
    assert found is not None
    assert float(found.group(2)) - float(found.group(1)) >= 7.0
