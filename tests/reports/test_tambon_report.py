"""A tambon's score report: its ranking, every sheet with its scores and notes, the photos."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import select

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.services.ranking import rank_round
from evaluator.services.tambon_data import tambon_report
from reports.tambon_report import write_tambon_report
from reports.thai_format import thai_digits
from tests.reports.pdftools import assert_fonts_embedded, image_count, pdftotext, text_lines
from tests.reports.report_helpers import (
    copy_of,
    ink_share,
    make_demo,
    no_private_use,
    page_count,
    page_lines,
    rendered_page,
    run,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def winner(demo: Path) -> str:
    """The first winner of the demo's first round."""
    db = open_database(demo)
    try:
        return rank_round(db, "outstanding").winners()[0].tambon_code
    finally:
        db.dispose()


def _image(width: int, height: int, colour: tuple[int, int, int], fmt: str) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).rectangle(
        [width // 4, height // 4, width // 2, height // 2], fill="white"
    )
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def _add_photos(db: Database, tambon: str) -> list[tuple[str, bytes]]:
    """Three photos on the tambon's sheets (JPEG, PNG, WebP) and one broken file."""
    photos = [
        ("แปลงผักของครัวเรือนต้นแบบ", _image(1600, 1200, (40, 120, 60), "JPEG"), "image/jpeg"),
        ("ตลาดผักชุมชน", _image(500, 900, (160, 80, 40), "PNG"), "image/png"),
        ("ป้ายกองทุนเมล็ดพันธุ์ผัก", _image(800, 500, (30, 60, 160), "WEBP"), "image/webp"),
        ("ไฟล์เสีย", b"\xff\xd8\xff not really a jpeg", "image/jpeg"),
    ]
    with db.transaction() as s:
        sheets = list(
            s.scalars(select(m.Sheet).where(m.Sheet.tambon_code == tambon).order_by(m.Sheet.id))
        )
        c3 = s.scalar(select(m.Criterion.id).where(m.Criterion.code == "C3"))
        for i, (caption, data, mime) in enumerate(photos):
            s.add(
                m.Photo(
                    sheet_id=sheets[i % len(sheets)].id,
                    criterion_id=c3 if i == 0 else None,
                    sha256=hashlib.sha256(data).hexdigest(),
                    filename=f"photo{i}",
                    mime_type=mime,
                    caption=caption,
                    data=data,
                )
            )
    return [(caption, data) for caption, data, _ in photos]


def test_report_of_a_winner_with_every_sheet_note_and_photo(
    demo: Path, winner: str, tmp_path: Path
) -> None:
    db = copy_of(demo, tmp_path)
    try:
        photos = _add_photos(db, winner)
        data = tambon_report(db, winner)
        out = tmp_path / "tambon.pdf"
        written = write_tambon_report(db, winner, out)
    finally:
        db.dispose()
    assert [r.round_code for r in data.rounds] == ["outstanding"]  # the rounds it has sheets in
    (rnd,) = data.rounds
    assert rnd.entry.status == "winner" and rnd.entry.rank == 1
    assert len(rnd.photos) == 4
    assert written.pages == page_count(out)

    text = pdftotext(out)
    lines = text_lines(out)
    assert no_private_use(text)
    assert "รายงานผลการประเมินรายตำบล" in lines
    assert f"ตำบล{data.tambon} อำเภอ{data.district} จังหวัด{data.province}" in lines
    assert winner in lines
    assert thai_digits(data.zone_name) in lines
    assert "รอบตำบลผู้นำการเปลี่ยนแปลงดีเด่น" in lines
    assert "ได้รับรางวัล" in lines
    for c in data.criteria:
        assert f"{c.code} {c.title}" in text.replace("\n", "") or f"{c.code} {c.title}" in lines
    for sheet in rnd.sheets:
        assert sheet.inspector in text
        assert sheet.uuid in text
        if sheet.note:
            assert f"บันทึกของผู้ประเมิน: {sheet.note}" in text.replace("\n", "")
        for score in sheet.scores:
            if score.note:
                assert score.note in text.replace("\n", "")
    for caption, _ in photos:
        assert caption in text
    assert "เปิดรูปภาพนี้ไม่ได้" in lines  # the broken file, shown as such
    assert image_count(out) == 3  # the three readable photos
    for leader in data.leaders:
        assert leader.name in lines


def test_report_of_a_tambon_without_sheets_in_a_round(
    demo: Path, winner: str, tmp_path: Path
) -> None:
    out = tmp_path / "excellent.pdf"
    assert (
        run(demo, "report", "tambon", "--code", winner, "--round", "excellent", "--out", str(out))
        == 0
    )
    lines = text_lines(out)
    assert "รอบตำบลผู้นำการเปลี่ยนแปลงดีเลิศ" in lines
    assert "ยังไม่มีแบบประเมินของตำบลนี้ในรอบนี้" in lines
    assert "ไม่มีสิทธิ์" in lines


def test_page_numbers_and_render(demo: Path, winner: str, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    assert (
        run(demo, "report", "tambon", "--code", winner, "--out", str(out), "--date", "2021-06-25")
        == 0
    )
    total = page_count(out)
    assert 1 <= total <= 8
    for page in range(1, total + 1):
        lines = page_lines(out, page)
        assert f"หน้า {thai_digits(page)} / {thai_digits(total)}" in lines
        assert any("ข้อมูล ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔" in line for line in lines)
    image = rendered_page(out, tmp_path)
    assert 0.03 < ink_share(image) < 0.6


def test_unknown_or_malformed_tambon_code(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(demo, "report", "tambon", "--code", "999999", "--out", str(tmp_path / "a.pdf")) == 1
    assert "999999" in capsys.readouterr().err
    assert run(demo, "report", "tambon", "--code", "12ab", "--out", str(tmp_path / "b.pdf")) == 2
    assert "6 หลัก" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_every_font_is_embedded(demo: Path, winner: str, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    assert run(demo, "report", "tambon", "--code", winner, "--out", str(out)) == 0
    assert_fonts_embedded(out)
