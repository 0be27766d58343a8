"""The summary report of a round, read back with poppler: the Thai strings drawn come back
exactly, tables run over pages with their header on each, the ranking is the service's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from evaluator.db import Database, open_database
from evaluator.services.finalise import finalise_round
from evaluator.services.ranking import rank_round
from evaluator.services.report_data import round_report
from reports.summary import write_summary
from reports.thai_format import thai_digits
from tests.evaluator.ranking_fixtures import ContestBuilder, acting
from tests.reports.pdftools import assert_fonts_embedded, pdftotext, text_lines
from tests.reports.report_helpers import (
    has_colour,
    ink_share,
    make_demo,
    no_private_use,
    page_count,
    page_lines,
    page_sizes,
    rendered_page,
    run,
)

pytestmark = pytest.mark.slow

CONTEST = "โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ ๒๕๖๔"
ISSUED = date(2021, 6, 25)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def summary_pdf(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("summary") / "summary.pdf"
    db = open_database(demo)
    try:
        written = write_summary(db, "outstanding", out, issued_on=ISSUED)
    finally:
        db.dispose()
    assert written.path == out and written.draft
    assert written.pages == page_count(out)
    return out


def test_the_demo_summary_has_every_zone_and_winner(demo: Path, summary_pdf: Path) -> None:
    db = open_database(demo)
    try:
        ranking = rank_round(db, "outstanding")
    finally:
        db.dispose()
    lines = text_lines(summary_pdf)
    text = pdftotext(summary_pdf)
    assert no_private_use(text)
    for expected in (
        "รายงานสรุปผลการประเมิน",
        "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
        CONTEST,
        "๑. ภาพรวมรายเขตตรวจราชการ",
        "๒. ตำบลที่ได้รับรางวัล",
        "๓. คะแนนเท่ากันรอคณะกรรมการตัดสิน",
        "๔. งบประมาณเงินรางวัล",
        "๕. ความสอดคล้องระหว่างผู้ประเมิน",
        "๖. ผลการจัดอันดับรายเขตตรวจราชการ",
        "๗. ตารางคะแนนทั้งประเทศ (ตำบลที่มีสิทธิ์)",
        "จำนวนตำบลที่ได้รับรางวัล แยกตามเขตตรวจราชการ",
    ):
        assert expected in lines, expected
    for zone in range(1, 19):
        assert f"เขตตรวจราชการที่ {thai_digits(zone)}" in lines  # zone heading
    winners = ranking.winners()
    assert len(winners) == 90
    for w in winners:
        assert w.tambon in text and w.province in text and w.tambon_code in text
    # the demo has no ties at the cutoff, and the report says so
    assert not ranking.ties()
    assert any(line.startswith("ไม่มีตำบลที่คะแนนเท่ากันที่ขอบโควตารางวัล") for line in lines)
    assert "9,000,000" in text  # the round's prize money


def test_pages_headers_footers_and_orientation(summary_pdf: Path) -> None:
    total = page_count(summary_pdf)
    assert 30 <= total <= 150
    sizes = page_sizes(summary_pdf)
    assert len(sizes) == total
    portrait = [s for s in sizes if s[0] < s[1]]
    landscape = [s for s in sizes if s[0] > s[1]]
    assert portrait and landscape
    assert sizes[0] == pytest.approx((595.28, 841.89), abs=0.5)
    # landscape pages come last: the national table
    first_landscape = next(i for i, s in enumerate(sizes) if s[0] > s[1])
    assert all(s[0] > s[1] for s in sizes[first_landscape:])
    for page in (1, total // 2, total):
        lines = page_lines(summary_pdf, page)
        assert f"หน้า {thai_digits(page)} / {thai_digits(total)}" in lines
        assert any(CONTEST in line for line in lines)
        assert any("ข้อมูล ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔" in line for line in lines)
        assert any("ฉบับร่าง ผลยังไม่ยืนยัน" in line for line in lines)


def test_tables_repeat_their_header_on_every_page(summary_pdf: Path) -> None:
    total = page_count(summary_pdf)
    start = next(
        p
        for p in range(1, total + 1)
        if "๖. ผลการจัดอันดับรายเขตตรวจราชการ" in page_lines(summary_pdf, p)
    )
    sizes = page_sizes(summary_pdf)
    for page in range(start, total + 1):
        lines = page_lines(summary_pdf, page)
        assert "รหัสตำบล" in lines, page  # a header cell on every page of the tables
        if sizes[page - 1][0] > sizes[page - 1][1]:
            assert "อันดับในเขต" in lines, page
        else:
            assert "สถานะ" in lines, page


def test_page_one_renders(summary_pdf: Path, tmp_path: Path) -> None:
    image = rendered_page(summary_pdf, tmp_path)
    assert image.width < image.height
    assert 0.03 < ink_share(image) < 0.6
    assert has_colour(image, (0x2E, 0x8B, 0x57))  # the winners' chart, in the app's green


def test_ties_are_listed_for_the_committee(db: Database, tmp_path: Path) -> None:
    c = ContestBuilder(db, code="T2564", title="การประกวดทดสอบ 2564")
    c.round("r1", title="รอบทดสอบ", prize_baht=50000, winners_per_zone=1, tie_break=["C1"])
    c.tambon("180101", "หนองมะโมง")
    c.tambon("180102", "วังตะเคียน")
    c.tambon("840101", "ตลาด")
    c.tambon("840102", "มะขามเตี้ย")
    c.sheet("r1", "นายหนึ่ง", "180101", [8, 8])
    c.sheet("r1", "นางสอง", "180101", [8, 8])
    c.sheet("r1", "นายหนึ่ง", "180102", [8, 8])
    c.sheet("r1", "นางสอง", "180102", [8, 8])
    c.sheet("r1", "นายสาม", "840101", [9, 7])
    c.sheet("r1", "นายสาม", "840102", [5, 5])
    out = tmp_path / "ties.pdf"
    written = write_summary(db, "r1", out, issued_on=ISSUED)
    report = round_report(db, "r1")
    assert [(g.zone, g.rank, g.places, len(g.entries)) for g in report.ties] == [(1, 1, 1, 2)]
    lines = text_lines(out)
    assert "เขตตรวจราชการที่ ๑: อันดับ ๑ ร่วมกัน ๒ ตำบล เหลือรางวัล ๑ รางวัล" in lines
    tie_page = next(
        p
        for p in range(1, written.pages + 1)
        if "๓. คะแนนเท่ากันรอคณะกรรมการตัดสิน" in page_lines(out, p)
    )
    tie_lines = page_lines(out, tie_page)
    assert "หนองมะโมง" in tie_lines and "วังตะเคียน" in tie_lines
    assert "0.8000" in tie_lines  # the tie-break criterion's mean, shown to the committee
    assert "ตลาด" in lines and "มะขามเตี้ย" in lines
    assert "50,000" in pdftotext(out)


def test_a_finalised_round_carries_its_hash_and_no_draft_mark(db: Database, tmp_path: Path) -> None:
    c = ContestBuilder(db, code="T2564", title="การประกวดทดสอบ 2564")
    c.round("r1", title="รอบทดสอบ", prize_baht=50000, winners_per_zone=1)
    c.tambon("180101", "หนองมะโมง")
    c.sheet("r1", "นายหนึ่ง", "180101", [8, 6])
    result = finalise_round(db, acting(db, "ผู้ดูแลระบบ", "admin"), "r1")
    out = tmp_path / "final.pdf"
    written = write_summary(db, "r1", out, issued_on=ISSUED)
    assert not written.draft
    text = pdftotext(out)
    assert "ฉบับร่าง" not in text
    assert result.result_hash in text.replace("\n", "")
    assert "ยืนยันผลแล้ว" in text


def test_a_round_without_sheets_says_so(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "excellent.pdf"
    assert run(demo, "report", "summary", "--round", "excellent", "--out", str(out)) == 0
    lines = text_lines(out)
    assert "ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ" in lines
    assert any(line.startswith("รอบนี้ยังไม่มีแบบประเมินของตำบลใดเลย") for line in lines)
    assert page_count(out) <= 3


def test_command_refuses_a_wrong_file_name_and_an_unknown_round(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(demo, "report", "summary", "--round", "outstanding", "--out", str(tmp_path / "x.xlsx"))
        == 2
    )
    assert ".pdf" in capsys.readouterr().err
    assert run(demo, "report", "summary", "--round", "nope", "--out", str(tmp_path / "x.pdf")) == 1
    assert "nope" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_every_font_is_embedded(summary_pdf: Path) -> None:
    assert_fonts_embedded(summary_pdf)  # the charts no longer bring a bare Helvetica


def test_decided_ties_and_places_set_by_a_tie_break_criterion_are_shown(
    db: Database, tmp_path: Path
) -> None:
    from evaluator.db import models as m
    from evaluator.services.ties import resolve_tie

    c = ContestBuilder(db, code="T2564", title="การประกวดทดสอบ 2564")
    c.round("r1", title="รอบทดสอบ", prize_baht=50000, winners_per_zone=1, tie_break=["C1"])
    for code, name in (("180101", "หนองมะโมง"), ("180102", "วังตะเคียน"),
                       ("840101", "ตลาด"), ("840102", "มะขามเตี้ย")):  # fmt: skip
        c.tambon(code, name)
    c.sheet("r1", "นายหนึ่ง", "180101", [8, 8])  # zone 1: a tie the committee settles
    c.sheet("r1", "นายหนึ่ง", "180102", [8, 8])
    c.sheet("r1", "นายสาม", "840101", [9, 6.5])  # zone 5: both 80, C1 decides: 0.9 to 0.8
    c.sheet("r1", "นายสาม", "840102", [8, 8])
    committee = acting(db, "ประธานกรรมการ", m.Role.COMMITTEE)
    resolve_tie(db, committee, "r1", 1, ["180102"], "ผลงานยั่งยืนกว่าเมื่อลงพื้นที่ซ้ำ")
    report = round_report(db, "r1")
    assert report.ties == () and len(report.decided) == 1
    (place,) = report.tie_breaks
    assert (place.ahead.tambon_code, place.behind.tambon_code, place.criterion) == (
        "840101",
        "840102",
        "C1",
    )
    assert place.at_cutoff and (place.ahead_value, place.behind_value) == (0.9, 0.8)
    out = tmp_path / "decided.pdf"
    write_summary(db, "r1", out, issued_on=ISSUED)
    text = pdftotext(out).replace("\n", " ")
    assert "ผลงานยั่งยืนกว่าเมื่อลงพื้นที่ซ้ำ" in text and "ประธานกรรมการ" in text
    assert "เกณฑ์ C1: 0.9000 ต่อ 0.8000" in text and "คะแนนรวมเท่ากัน" in text
    assert "ที่ลำดับตัดรางวัล" in text
    # the committee's table: each tambon of the group with its code, score, sheets and verdict
    rows = [" ".join(line.split()) for line in pdftotext(out, layout=True).splitlines()]
    assert "หนองมะโมง 180101 80.00 1 ไม่ได้รับรางวัล" in rows
    assert "วังตะเคียน 180102 80.00 1 ได้รับรางวัล" in rows
    # the winners' table and the national listing (zone, rank, place, code, score, sheets...)
    assert "1 1 วังตะเคียน ทดสอบ1801 ชัยนาท 180102 80.00 1 50,000" in rows
    assert "2 1 1 วังตะเคียน ทดสอบ1801 ชัยนาท 180102 80.00 1 0.800 0.00 ได้รับรางวัล" in rows
