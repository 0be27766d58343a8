"""Names are never cut at a line's end (#14 item 2): the Thai line breaker knows every person and
place of the database, keeps a full name on one line where it fits, and never cuts a code."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.db import open_database
from evaluator.geography import official_place_words, place_words
from evaluator.services.names import name_words, names_for_documents
from reports import thai
from reports.executive import write_executive
from reports.summary import write_summary
from reports.tambon_report import write_tambon_report
from tests.reports.broken_names import broken_names, raw_lines
from tests.reports.report_helpers import make_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory)


def test_the_shipped_place_list_is_geothai_s() -> None:
    assert place_words() == official_place_words()
    assert {"บางคนที", "นครราชสีมา", "ในเมือง"} <= place_words()


def test_a_name_is_one_word_and_a_full_name_one_piece() -> None:
    names = thai.lexicon(["ทองดี", "ศรีคำ", "หนองนกทา"], ["นายทองดี ศรีคำ"])
    assert "ศรี" in thai.break_units("ศรีคำ") or "ศรีคำ" in thai.break_units("ศรีคำ")
    with thai.using(names):
        assert thai.break_units("นายทองดี ศรีคำ ผู้ใหญ่บ้าน")[0] == "นายทองดี ศรีคำ"
        units = thai.break_units("บ้านหนองนกทา หมู่ ๓")
        assert any("หนองนกทา" in u for u in units) and "นก" not in units
        font = thai.font()
        # the whole name goes to the next line rather than be cut at its space
        assert thai.wrap("ผู้นำ นายทองดี ศรีคำ", font, 10, 75) == ["ผู้นำ", "นายทองดี ศรีคำ"]
        # too narrow for the whole name: cut between first name and surname, never inside
        assert thai.wrap("นายทองดี ศรีคำ", font, 10, 40) == ["นายทองดี", "ศรีคำ"]
    assert thai.break_units("นายทองดี ศรีคำ")[0] != "นายทองดี ศรีคำ"  # only inside `using`


def test_codes_and_numbers_are_never_cut() -> None:
    units = thai.break_units("ตัดสินด้วยเกณฑ์ C2 ต่อ 0.8125 คะแนน 82.13")
    assert "C2" in "".join(units).split() and any("C2" in u for u in units)
    assert not any(u in ("C", "2") for u in units)
    font = thai.font()
    for width in range(30, 200, 7):
        for line in thai.wrap("เกณฑ์ C2: 0.8125 ต่อ 0.7500", font, 10, width):
            assert not line.endswith("C") and not line.startswith("2:")


def test_names_of_a_person_without_the_title() -> None:
    assert name_words("นางสาวมาลี  ใจดี") == ["มาลี", "ใจดี"]
    assert name_words("นายทองดี ศรีคำ") == ["ทองดี", "ศรีคำ"]
    assert name_words("ว่าที่ร้อยตรีสมชาย เก่งงาน") == ["สมชาย", "เก่งงาน"]


def test_no_name_of_the_database_is_cut_in_any_report(demo: Path, tmp_path: Path) -> None:
    db = open_database(demo)
    try:
        found = names_for_documents(db)
        assert {"ทองดี", "ศรีคำ", "สมพงษ์", "คำภา", "บางคนที"} <= found.words
        assert {"นายทองดี ศรีคำ", "นายสมพงษ์ คำภา"} <= found.phrases
        names = thai.names_of(db)
        pdfs = {
            "summary": write_summary(db, "outstanding", tmp_path / "summary.pdf").path,
            "summary-empty": write_summary(db, "excellent", tmp_path / "summary2.pdf").path,
            "executive": write_executive(db, tmp_path / "executive.pdf").path,
            "tambon-410119": write_tambon_report(db, "410119", tmp_path / "t1.pdf").path,
            "tambon-440511": write_tambon_report(db, "440511", tmp_path / "t2.pdf").path,
        }
    finally:
        db.dispose()
    for kind, pdf in pdfs.items():
        assert broken_names(pdf, names) == [], kind
    text = {kind: "\n".join(raw_lines(pdf)) for kind, pdf in pdfs.items()}
    assert "นายทองดี ศรีคำ" in text["tambon-410119"]
    assert "นายสมพงษ์ คำภา" in text["tambon-440511"]
    assert "บางคนที" in text["executive"] and "หนองนกทา" in text["executive"]
