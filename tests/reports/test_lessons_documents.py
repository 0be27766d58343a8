"""Lessons in the documents: the executive summary's chapter (themes counted across tambons,
the marked practices quoted with their tambon) and the good-practice book (the marked tambons
with their lessons and photos, fonts embedded), read back with poppler."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from evaluator.db import Database
from evaluator.services import lessons, sheet_photos, sheets
from evaluator.services.lessons_report import book_tambons, lessons_report
from reports.executive import write_executive
from reports.lessons_book import write_lessons_book
from tests.evaluator.sheet_fixtures import FULL, Contest, build_contest
from tests.reports.pdftools import assert_fonts_embedded, image_count, pdftotext
from tests.reports.report_helpers import run

GARDEN = "ทุกครัวเรือนปลูกผักสวนครัวริมรั้ว ผู้นำทำก่อนเป็นตัวอย่าง"
RICE = "ตั้งธนาคารข้าวชุมชน ให้ยืมข้าวเปลือกช่วงขาดแคลน"


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def contest(db: Database) -> Contest:
    return build_contest(db)


def _sheet(db: Database, contest: Contest, tambon: int, texts: dict[str, str]) -> int:
    sheet_id = sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[tambon])
    for code, value in FULL.items():
        sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria[code], value)
    lessons.save_lessons(db, contest.inspector_a, sheet_id, texts)
    sheets.submit(db, contest.inspector_a, sheet_id)
    return sheet_id


def _place(db: Database, contest: Contest, sheet_id: int) -> str:
    view = sheets.get_sheet(db, contest.committee, sheet_id)
    return view.tambon


def test_the_executive_summary_has_a_chapter_of_lessons(
    db: Database, contest: Contest, tmp_path: Path
) -> None:
    marked = _sheet(db, contest, 0, {"good_practices": GARDEN, "transferable": "เริ่มจากผักที่กิน"})
    _sheet(db, contest, 1, {"good_practices": RICE + " และปลูกผักสวนครัว"})
    _sheet(db, contest, 2, {"obstacles": "น้ำไม่พอ ขุดสระน้ำร่วมกัน"})
    lessons.mark_spread(db, contest.committee, marked, "ขยายผลทั้งจังหวัด")
    out = tmp_path / "executive.pdf"
    write_executive(db, out)
    text = " ".join(pdftotext(out).split())
    assert "ถอดบทเรียน" in text
    assert "ผู้ประเมินบันทึกบทเรียนของตำบลเป้าหมายแล้ว ๓ ตำบล" in text
    # the themes, counted across tambons: gardens in two tambons, the rice bank in one
    rep = lessons_report(db)
    counts = {t.theme.key: t.count for t in rep.themes}
    assert counts["gardens"] == 2 and counts["rice_bank"] == 1 and counts["water"] == 1
    assert "ผักสวนครัวและรั้วกินได้ 2 100%" in text or "ผักสวนครัวและรั้วกินได้ 2 67%" in text
    assert "วิธีนับ" in text
    # the marked practice quoted with its tambon
    assert f"ตำบล{_place(db, contest, marked)}" in text
    assert f"“{GARDEN}”" in text
    assert "ขยายผลทั้งจังหวัด" in text
    assert_fonts_embedded(out)


def test_the_good_practice_book_holds_the_marked_tambons_with_photos(
    db: Database, contest: Contest, tmp_path: Path
) -> None:
    marked = _sheet(db, contest, 0, {"good_practices": GARDEN, "village_results": "ลดรายจ่าย"})
    other = _sheet(db, contest, 1, {"good_practices": RICE})
    # photos go on the sheet while it is a draft
    sheets.reopen(db, contest.inspector_a, marked)
    sheet_photos.add_photo(
        db, contest.inspector_a, marked, "แปลงผัก.jpg", _jpeg((40, 140, 60)), None, "แปลงผักรวม"
    )
    sheet_photos.add_photo(
        db, contest.inspector_a, marked, "ยุ้งฉาง.jpg", _jpeg((150, 110, 40)), None, ""
    )
    sheets.submit(db, contest.inspector_a, marked)
    lessons.mark_spread(db, contest.committee, marked)
    tambons = book_tambons(db, lessons_report(db))
    assert [t.tambon_code for t in tambons] == [contest.tambons[0]]  # not the unmarked one
    assert tambons[0].marked and len(tambons[0].photos) == 2
    out = tmp_path / "book.pdf"
    written = write_lessons_book(db, out)
    assert written.pages >= 3
    text = " ".join(pdftotext(out).split())
    assert "หนังสือแนวปฏิบัติที่ดี" in text
    assert f"ตำบล{_place(db, contest, marked)}" in text
    assert GARDEN in text and "ลดรายจ่าย" in text and "แปลงผักรวม" in text
    assert f"ตำบล{_place(db, contest, other)}" not in text
    assert image_count(out) == 2
    assert_fonts_embedded(out)


def test_export_lessons_book_from_the_command_line(
    db: Database, contest: Contest, tmp_path: Path
) -> None:
    marked = _sheet(db, contest, 0, {"good_practices": GARDEN})
    lessons.mark_spread(db, contest.committee, marked)
    assert db.file_path is not None
    out = tmp_path / "book.pdf"
    assert run(db.file_path, "export", "lessons-book", "--out", str(out)) == 0
    assert GARDEN in " ".join(pdftotext(out).split())
    assert run(db.file_path, "export", "lessons-book", "--out", str(tmp_path / "book.txt")) == 2


def test_the_documents_job_makes_the_book_for_the_committee_only(
    db: Database, contest: Contest, tmp_path: Path
) -> None:
    from evaluator.errors import PermissionDenied
    from reports.jobs import LESSONS_BOOK, DocumentRequest, kind_of, make_documents

    marked = _sheet(db, contest, 0, {"good_practices": GARDEN})
    lessons.mark_spread(db, contest.committee, marked)
    assert kind_of(LESSONS_BOOK).available
    request = DocumentRequest(LESSONS_BOOK, "outstanding", tmp_path / "docs")
    result = make_documents(db, contest.committee, request)
    assert [f.name for f in result.files] == ["lessons_book.pdf"]
    assert GARDEN in " ".join(pdftotext(result.files[0]).split())
    with pytest.raises(PermissionDenied):
        make_documents(db, contest.inspector_a, request)
