"""The round summary and the executive summary read as their readers would (#14 item 3): equal
printed scores at the cutoff said and explained, no English codes in Thai prose, the criterion
page, informative charts, and a diagonal draft mark on every page of an unfinalised report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.db import open_database
from evaluator.services.report_data import round_report
from reports.criteria import round_gaps
from reports.executive import write_executive
from reports.pdf.page import WATERMARK
from reports.summary import write_summary
from reports.summary_ties import printed_ties
from tests.reports.pdftools import pdftotext
from tests.reports.report_helpers import make_demo, page_count, page_text


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    demo = make_demo(tmp_path_factory)
    out = tmp_path_factory.mktemp("wording")
    db = open_database(demo)
    try:
        rep = round_report(db, "outstanding")
        pairs = printed_ties(rep)
        gaps = round_gaps(db, rep)
        files = {
            "summary": write_summary(db, "outstanding", out / "summary.pdf").path,
            "executive": write_executive(db, out / "executive.pdf").path,
        }
    finally:
        db.dispose()
    written_pairs = [(z, w.tambon, o.tambon) for z, w, o in pairs]
    (out / "pairs.txt").write_text(repr(written_pairs), encoding="utf-8")
    assert gaps and all(g.winner_count and g.other_count for g in gaps)
    assert all(g.winners is not None and g.others is not None for g in gaps)
    # the winners are the better tambons on every criterion in the demo
    assert all((g.difference or 0) > 0 for g in gaps)
    files["pairs"] = out / "pairs.txt"
    return files


def test_equal_printed_scores_at_the_cutoff_are_said(written: dict[str, Path]) -> None:
    pairs = eval(written["pairs"].read_text(encoding="utf-8"))
    assert pairs, "the demo has winners and non-winners with equal printed scores"
    text = pdftotext(written["summary"])
    assert "คะแนนที่พิมพ์ (ทศนิยม ๒ ตำแหน่ง) เท่ากันที่ลำดับตัดรางวัล" in text
    assert "ไม่มีตำบลที่คะแนนเท่ากันที่ขอบโควตารางวัล ผล" not in text.replace("\n", "")
    assert "แต่คะแนนที่พิมพ์ (ทศนิยม ๒ ตำแหน่ง) ของบางคู่เท่ากัน" in text.replace("\n", "")
    for _zone, winner, other in pairs:
        assert winner in text and other in text


def test_no_english_codes_in_thai_prose(written: dict[str, Path]) -> None:
    for kind in ("summary", "executive"):
        text = pdftotext(written[kind])
        assert "1e-9" not in text and "e-0" not in text, kind
        assert not re.search(r"รอบ ?(outstanding|excellent)", text), kind
        assert "outstanding" not in text and "excellent" not in text, kind


def test_the_criterion_page(written: dict[str, Path]) -> None:
    text = pdftotext(written["summary"])
    assert "เกณฑ์ที่แยกผู้ได้รับรางวัลออกจากตำบลอื่น" in text
    assert "ตารางเรียงจากเกณฑ์ที่ผลต่างมากที่สุด" in text
    executive = pdftotext(written["executive"])
    assert "การกระจายของคะแนนตำบลที่มีสิทธิ์ แยกตามเขตตรวจราชการ" in executive
    assert "ตำบลที่ได้รับรางวัลเทียบกับตำบลอื่นที่มีสิทธิ์" in executive
    assert "จำนวนตำบลที่ได้รับรางวัล แยกตามเขตตรวจราชการ" not in executive  # all 5s


def test_a_draft_is_marked_across_every_page(written: dict[str, Path]) -> None:
    for kind in ("summary", "executive"):
        pdf = written[kind]
        pages = page_count(pdf)
        assert all(WATERMARK in page_text(pdf, n) for n in range(1, pages + 1)), kind
