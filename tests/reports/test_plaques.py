"""Plaque texts for the engraver: the same exact lines in the PDF proof and in the .xlsx sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluator.db import Database
from reports.plaques import PlaqueRound, build_plaques, write_plaques
from tests.accounts import sign_in
from tests.reports.pdftools import assert_fonts_embedded, pdfinfo, run_cli, text_lines
from tests.reports.test_certificates import WINNERS
from tests.reports.test_certificates_cli import _contest, _finalise

EXPECTED_FIRST = [
    "โล่เกียรติคุณ",
    "กรมการพัฒนาชุมชน มอบให้ไว้เพื่อแสดงว่า",
    "ผู้นำการเปลี่ยนแปลงตำบลในเมือง",
    "อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา",
    "ได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเลิศ",
    "เขตตรวจราชการที่ ๑๓",
    "โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ ๒๕๖๔",
    "ให้ไว้ ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔",
    "(นายสมศักดิ์ ตั้งใจดี)",
    "อธิบดีกรมการพัฒนาชุมชน",
]


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run as the admin that ``_contest`` makes (as a script: $EVALUATOR_USER and
    $EVALUATOR_PASSWORD)."""
    sign_in(monkeypatch, "ผู้ดูแลระบบ")


def _batch(draft: bool = False) -> PlaqueRound:
    plaques = build_plaques(
        WINNERS,
        award="ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ",
        contest_title="โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ 2564",
        per_zone=True,
        issued_on=date(2021, 6, 25),
        signatory_name="นายสมศักดิ์ ตั้งใจดี",
        signatory_position="อธิบดีกรมการพัฒนาชุมชน",
    )
    return PlaqueRound("CL2564", "excellent", "ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ", draft, [], plaques)


def test_plaque_lines_follow_the_wording() -> None:
    batch = _batch()
    assert [line.text for line in batch.plaques[0].lines] == EXPECTED_FIRST
    assert batch.plaques[1].lines[2].text == "ผู้นำการเปลี่ยนแปลงตำบลในเมือง"
    assert batch.plaques[1].lines[5].text == "เขตตรวจราชการที่ ๑๒"
    assert [p.number for p in batch.plaques] == [1, 2]


def test_pdf_and_xlsx_carry_exactly_the_same_lines(tmp_path: Path) -> None:
    batch = _batch()
    pdf, xlsx = write_plaques(batch, tmp_path)
    assert pdf.name == "plaques_excellent.pdf" and xlsx.name == "plaques_excellent.xlsx"
    assert pdfinfo(pdf)["Pages"] == "2"
    lines = text_lines(pdf)
    for expected in EXPECTED_FIRST:
        assert lines.count(expected) >= 2, expected  # on the plaque and in the numbered list
    wb = load_workbook(xlsx)
    sheet = wb["โล่"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("แผ่นที่", "เขตตรวจราชการ", "จังหวัด", "อำเภอ", "ตำบล", "รหัสตำบล")
    assert rows[1][:6] == (1, 13, "นครราชสีมา", "เมืองนครราชสีมา", "ในเมือง", "300101")
    assert list(rows[1][6:]) == EXPECTED_FIRST
    per_line = list(wb["บรรทัด"].iter_rows(values_only=True))[1:]
    assert [r[3] for r in per_line if r[0] == 1] == EXPECTED_FIRST
    assert all(r[5] == len(r[3]) for r in per_line)
    assert "หมายเหตุ" not in wb.sheetnames


def test_draft_plaques_are_marked(tmp_path: Path) -> None:
    pdf, xlsx = write_plaques(_batch(draft=True), tmp_path)
    assert "ฉบับร่าง ผลยังไม่รับรอง" in text_lines(pdf)
    assert load_workbook(xlsx).sheetnames[0] == "หมายเหตุ"


def test_plaques_command_for_a_finalised_round(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db)
    _finalise(db)
    assert db.file_path is not None
    out = tmp_path / "plaques"
    argv = ["--db", str(db.file_path), "plaques", "--round", "outstanding", "--out", str(out)]
    assert run_cli(argv) == 0, capsys.readouterr().err
    wb = load_workbook(out / "plaques_outstanding.xlsx")
    rows = list(wb["โล่"].iter_rows(values_only=True))[1:]
    assert [r[5] for r in rows] == ["300101", "300102"]
    assert rows[0][8] == "ผู้นำการเปลี่ยนแปลงตำบลในเมือง"
    assert rows[0][10] == "ได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเด่น"  # national: no zone line
    assert "(นายสมศักดิ์ ตั้งใจดี)" in text_lines(out / "plaques_outstanding.pdf")


def test_every_font_is_embedded(tmp_path: Path) -> None:
    pdf, _ = write_plaques(_batch(), tmp_path)
    assert_fonts_embedded(pdf)


def test_widths_count_spacing_characters_and_millimetres(tmp_path: Path) -> None:
    """A line full of stacked vowels and tone marks: the engraver's count leaves the marks out
    and its width is that of its spacing letters alone, measured on the embedded font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports import thai
    from reports.plaques import MM_PER_POINT, PlaqueLine, measure, spacing_count

    stacked = "กี่ปี่ที่นี่ผู้ชื่นชู้ป้ำ"  # every letter carries a vowel and a tone mark
    assert len(stacked) == 25
    assert spacing_count(stacked) == 10  # ก ป ท น ผ ช น ช ป ำ
    assert spacing_count("เขตตรวจราชการที่ ๑๓") == 17
    m = measure(PlaqueLine(stacked, "normal"))
    assert (m.spacing, m.characters, m.weight, m.size) == (10, 25, "regular", 15)
    bare = thai.font().width("กปทนผชนชปำ", 15) * MM_PER_POINT
    assert abs(m.width_mm - bare) <= 0.1  # the marks add no width
    assert abs(m.width_mm - stringWidth(stacked, "Sarabun", 15) * MM_PER_POINT) <= 0.1
    assert 20 < m.width_mm < 60

    long = PlaqueLine("ก" * 40, "name")
    fitted = measure(long)
    assert fitted.size < 24 and fitted.width_mm <= 360 * MM_PER_POINT + 0.05

    batch = _batch()
    pdf, xlsx = write_plaques(batch, tmp_path)
    per_line = list(load_workbook(xlsx)["บรรทัด"].iter_rows(values_only=True))
    assert per_line[0][6:] == (
        "ช่องอักขระ (ไม่นับสระบน สระล่าง วรรณยุกต์)",
        "ขนาดตัวอักษร (พอยต์)",
        "ความกว้าง (มม.)",
    )
    first = batch.plaques[0].lines
    for row, line in zip(per_line[1:], first, strict=False):
        expected = measure(line)
        assert row[6:] == (expected.spacing, expected.size, expected.width_mm)
    # "ผู้นำการเปลี่ยนแปลงตำบลในเมือง": 30 characters, 25 of them spacing (ู ้ ี ่ ื take none)
    assert per_line[3][5:7] == (30, 25)
    text = text_lines(pdf)
    assert "ช่องอักขระ" in " ".join(text) and "กว้าง (มม.)" in " ".join(text)
