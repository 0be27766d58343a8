"""The executive summary of the demo, read back with poppler."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from evaluator.db import open_database
from evaluator.services.ranking import contest_budget, rank_round
from evaluator.services.report_data import executive_report
from reports.executive import write_executive
from reports.thai_format import baht_text, thai_digits
from tests.reports.pdftools import assert_fonts_embedded, pdftotext, text_lines
from tests.reports.report_helpers import (
    has_colour,
    ink_share,
    make_demo,
    no_private_use,
    page_count,
    page_lines,
    rendered_page,
    run,
)

pytestmark = pytest.mark.slow

CONTEST = "โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ ๒๕๖๔"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def executive_pdf(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("executive") / "executive.pdf"
    assert run(demo, "report", "executive", "--out", str(out), "--date", "2021-06-30") == 0
    return out


def test_programme_figures_come_from_the_database(demo: Path) -> None:
    db = open_database(demo)
    try:
        rep = executive_report(db)
    finally:
        db.dispose()
    f = rep.figures
    assert (f.tambons, f.leaders, f.provinces, f.districts, f.zones) == (1000, 15000, 76, 878, 18)
    assert f.focus_villages == 1000 and f.inspectors > 18
    assert f.sheets_submitted <= f.sheets
    assert [r.ranking.round_code for r in rep.rounds] == ["outstanding", "excellent"]
    assert rep.budget.budget.total == 90 * 100_000


def test_the_executive_summary_reads_back(demo: Path, executive_pdf: Path) -> None:
    db = open_database(demo)
    try:
        winners = rank_round(db, "outstanding").winners()
        budget = contest_budget(db).budget
    finally:
        db.dispose()
    text = pdftotext(executive_pdf)
    lines = text_lines(executive_pdf)
    assert no_private_use(text)
    for expected in (
        "รายงานสรุปสำหรับผู้บริหาร",
        CONTEST,
        "๑. ภาพรวมโครงการ",
        "๒. ผลการคัดเลือก",
        "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
        "ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ",
        "๓. ผลรายเขตตรวจราชการ",
        "๔. งบประมาณเงินรางวัล",
        "๕. ความสอดคล้องระหว่างผู้ประเมิน",
        "๖. ข้อสังเกตและสิ่งที่ต้องดำเนินการต่อ",
        "การกระจายของคะแนนตำบลที่มีสิทธิ์ แยกตามเขตตรวจราชการ (รอบตำบลผู้นำการเปลี่ยนแปลงดีเด่น)",
        "คะแนนเฉลี่ยของตำบล แยกตามเขตตรวจราชการ (คะแนนเต็ม 100)",
        "1,000",
        "15,000",
        "9,000,000",
    ):
        assert expected in lines, expected
    flat = text.replace("\n", "")
    assert baht_text(budget.total) in flat  # เก้าล้านบาทถ้วน
    packed = "".join(text.split())  # a line may break at the space before "(province)"
    for w in winners:  # every winner, listed by zone
        assert f"{w.tambon}({w.province})" in packed
    assert "• รอบตำบลผู้นำการเปลี่ยนแปลงดีเลิศ ยังไม่มีแบบประเมิน" in lines


def test_a_few_pages_with_numbers_and_date(executive_pdf: Path, tmp_path: Path) -> None:
    total = page_count(executive_pdf)
    assert 2 <= total <= 10
    for page in range(1, total + 1):
        lines = page_lines(executive_pdf, page)
        assert f"หน้า {thai_digits(page)} / {thai_digits(total)}" in lines
        assert any("ข้อมูล ณ วันที่ ๓๐ มิถุนายน พ.ศ. ๒๕๖๔" in line for line in lines)
    image = rendered_page(executive_pdf, tmp_path)
    assert 0.03 < ink_share(image) < 0.6
    # the charts of section 3, in the app's winner green
    chart_page = next(
        p for p in range(1, total + 1) if "๓. ผลรายเขตตรวจราชการ" in page_lines(executive_pdf, p)
    )
    assert has_colour(rendered_page(executive_pdf, tmp_path, chart_page), (0x2E, 0x8B, 0x57))


def test_writing_straight_from_the_service(demo: Path, tmp_path: Path) -> None:
    db = open_database(demo)
    try:
        written = write_executive(db, tmp_path / "sub" / "exec.pdf", issued_on=date(2021, 7, 1))
    finally:
        db.dispose()
    assert written.path.is_file() and written.draft
    assert written.pages == page_count(written.path)
    assert not list((tmp_path / "sub").glob(".*.tmp"))  # written through a temporary file


def test_every_font_is_embedded(executive_pdf: Path) -> None:
    assert_fonts_embedded(executive_pdf)
