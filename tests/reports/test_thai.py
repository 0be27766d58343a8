"""Thai in PDF: shaped (marks stacked as the font intends), broken at word boundaries, and
extracted by pdftotext exactly as drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from reports import thai
from tests.reports.pdftools import pdftotext, render_png, text_lines

HARD = [
    "ที่นี่",
    "เพื่อ",
    "ผู้นำการเปลี่ยนแปลงดีเด่น",
    "กรมการพัฒนาชุมชน",
    "น้ำ",
    "ปั้น",
    "กั๊ก",
    "ญี่ปุ่น",
    "ฐู",
    "ฎีกา",
    "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า",
    "ให้ไว้ ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔",
]

PARAGRAPH = (
    "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า ตำบลบ้านใหม่ อำเภอเมืองนครราชสีมา "
    "จังหวัดนครราชสีมา ได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเด่น เขตตรวจราชการที่ ๑๓ "
    "ตามโครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลงเพื่อความมั่นคงทางอาหาร"
    "ตามหลักปรัชญาของเศรษฐกิจพอเพียง ปีงบประมาณ พ.ศ. ๒๕๖๔ ทุกครัวเรือนปลูกผักต่างๆ "
    "(กองทุนเมล็ดพันธุ์ผัก) และตลาดผักชุมชน"
)


def _draw(path: Path, lines: list[str], weight: str = "regular", size: float = 20) -> None:
    c = Canvas(str(path))
    y = 800.0
    for line in lines:
        thai.draw_text(c, 40, y, line, thai.font(weight), size)
        y -= size * 1.6
    c.save()


@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_pdftotext_gives_back_exactly_the_drawn_strings(tmp_path: Path, weight: str) -> None:
    pdf = tmp_path / "hard.pdf"
    _draw(pdf, HARD, weight)
    assert text_lines(pdf) == HARD


def test_raw_and_layout_extraction_both_keep_tone_marks(tmp_path: Path) -> None:
    pdf = tmp_path / "marks.pdf"
    _draw(pdf, ["เพื่อ ที่นี่ ญี่ปุ่น"])
    assert "เพื่อ ที่นี่ ญี่ปุ่น" in pdftotext(pdf)
    assert "เพื่อ ที่นี่ ญี่ปุ่น" in pdftotext(pdf, layout=True)


def test_stacked_marks_use_the_fonts_raised_forms_and_do_not_collide() -> None:
    f = thai.font()
    for text in ["ที่นี่", "เพื่อ", "ปั้น", "กั๊ก", "ญี่ปุ่น"]:
        shaped = f.shape(text)
        names = [f.glyph_name(g) for g in shaped.gids]
        # a tone mark over an upper vowel takes the font's raised ".small" form
        assert any(n.endswith(".small") for n in names), (text, names)
        boxes = [
            (x + b[0], y + b[1], x + b[2], y + b[3])
            for g, x, y in zip(shaped.gids, shaped.xs, shaped.ys, strict=True)
            for b in [f.glyph_box(g)]
        ]
        uppers = [
            box
            for box, name in zip(boxes, names, strict=True)
            if name.startswith(("uni0E31", "uni0E34", "uni0E35", "uni0E36", "uni0E37"))
        ]
        tones = [
            box
            for box, name in zip(boxes, names, strict=True)
            if name.startswith(("uni0E48", "uni0E49", "uni0E4A", "uni0E4B"))
        ]
        for tone in tones:
            for vowel in uppers:
                overlap_x = min(tone[2], vowel[2]) - max(tone[0], vowel[0])
                if overlap_x > 0:  # the same stack: the tone sits above the vowel
                    assert tone[1] >= vowel[3] - 1, (text, tone, vowel)


def test_no_dotted_circles_or_missing_glyphs() -> None:
    f = thai.font()
    dotted = f.ttf.face.charToGlyph.get(0x25CC)
    for text in [*HARD, PARAGRAPH]:
        shaped = f.shape(text)
        assert 0 not in shaped.gids, text
        assert dotted is None or dotted not in shaped.gids, text


def test_private_use_codes_only_for_glyphs_without_a_code_point() -> None:
    f = thai.font()
    shaped = f.shape("เพื่อ")
    for gid, code in zip(shaped.gids, shaped.codes, strict=True):
        if thai.PUA_START <= code <= thai.PUA_END:
            assert not any(
                c < thai.PUA_START or c > thai.PUA_END for c in f.ttf.face.glyphToChar[gid]
            )
        else:
            assert f.ttf.face.charToGlyph[code] == gid


def test_shaping_differs_from_naive_glyph_mapping() -> None:
    """What reportlab draws unshaped (one glyph per character, no offsets) is not what the
    font intends for stacked marks; the shaped run must differ exactly there."""
    f = thai.font()
    shaped = f.shape("ที่นี่")
    naive = [f.ttf.face.charToGlyph[ord(ch)] for ch in "ที่นี่"]
    assert list(shaped.gids) != naive
    assert len(shaped.gids) == len(naive)


def test_centre_and_right_alignment_measure_the_shaped_width(tmp_path: Path) -> None:
    f = thai.font()
    c = Canvas(str(tmp_path / "a.pdf"))
    width = thai.draw_text(c, 300, 500, "ผู้นำการเปลี่ยนแปลง", f, 20, "centre")
    assert width == pytest.approx(f.shape("ผู้นำการเปลี่ยนแปลง").advance * 20 / 1000)
    assert thai.draw_text(c, 300, 500, "", f, 20) == 0.0


def test_word_units_keep_numbers_abbreviations_and_repeat_marks_together() -> None:
    units = thai.break_units("เขตตรวจราชการที่ ๑๓ ปีงบประมาณ พ.ศ. ๒๕๖๔ ผักต่างๆ (ทดสอบ) อื่น ๆ")
    assert "ที่ ๑๓" in units
    assert "พ.ศ. ๒๕๖๔" in units
    assert "(ทดสอบ)" in units
    assert not any(u.startswith("ๆ") for u in units)
    assert "".join(units) == "เขตตรวจราชการที่ ๑๓ ปีงบประมาณ พ.ศ. ๒๕๖๔ ผักต่างๆ (ทดสอบ) อื่น ๆ"


@pytest.mark.parametrize("width", [180.0, 260.0, 420.0])
def test_wrap_breaks_only_at_word_boundaries_and_fits(width: float) -> None:
    f = thai.font()
    lines = thai.wrap(PARAGRAPH, f, 16, width)
    assert len(lines) > 1
    for line in lines:
        assert f.width(line, 16) <= width + 1e-6, line
        assert line == line.strip()
    # nothing lost: the lines are the paragraph, with the spaces at line ends dropped
    assert "".join(lines).replace(" ", "") == PARAGRAPH.replace(" ", "")
    # every line starts where a word starts
    starts = set()
    pos = 0
    for unit in thai.break_units(PARAGRAPH):
        starts.add(pos)
        pos += len(unit)
    pos = 0
    for line in lines:
        found = PARAGRAPH.index(line, pos)
        assert found in starts or PARAGRAPH[found - 1] == " ", line
        pos = found + len(line)


def test_wrap_cuts_a_word_longer_than_the_line_between_clusters() -> None:
    f = thai.font()
    word = "ผู้นำการเปลี่ยนแปลงดีเด่น"
    lines = thai.wrap(word, f, 20, 60)
    assert "".join(lines) == word
    assert all(f.width(line, 20) <= 60 for line in lines)
    # no line begins with a combining mark or a following vowel
    assert all(line[0] not in "ัิีึืุู่้๊๋็์ำะาๆ" for line in lines)


def test_wrap_keeps_explicit_line_breaks() -> None:
    f = thai.font()
    assert thai.wrap("บรรทัดแรก\nบรรทัดที่สอง", f, 12, 500) == ["บรรทัดแรก", "บรรทัดที่สอง"]


def test_paragraph_extracts_line_by_line(tmp_path: Path) -> None:
    pdf = tmp_path / "para.pdf"
    c = Canvas(str(pdf))
    f = thai.font()
    expected = thai.wrap(PARAGRAPH, f, 16, 300)
    thai.draw_paragraph(c, PARAGRAPH, 300, 780, 300, f, 16, align="centre")
    c.save()
    assert text_lines(pdf) == expected


def test_rendered_page_shows_ink_where_the_text_is(tmp_path: Path) -> None:
    pdf = tmp_path / "ink.pdf"
    _draw(pdf, ["ที่นี่ เพื่อ ผู้นำ"], size=40)
    png = render_png(pdf, tmp_path / "ink", dpi=72)
    with Image.open(png) as img:
        gray = img.convert("L")
        text_box = gray.crop((40, 842 - 820, 400, 842 - 780))
        blank = gray.crop((40, 842 - 300, 400, 842 - 200))
        assert text_box.getextrema()[0] < 80  # dark ink in the line
        assert blank.getextrema()[0] > 250  # nothing elsewhere


def test_prefer_spaces_breaks_between_phrases_and_keeps_numbers() -> None:
    f = thai.font()
    text = "รองอธิบดีกรมการพัฒนาชุมชน ปฏิบัติราชการแทน อธิบดีกรมการพัฒนาชุมชน"
    width = f.width("รองอธิบดีกรมการพัฒนาชุมชน ปฏิบัติราชการแทน", 19) + 30
    assert thai.wrap(text, f, 19, width, prefer_spaces=True) == [
        "รองอธิบดีกรมการพัฒนาชุมชน ปฏิบัติราชการแทน",
        "อธิบดีกรมการพัฒนาชุมชน",
    ]
    award = "ได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเด่น เขตตรวจราชการที่ ๑๓"
    narrow = f.width("เขตตรวจราชการที่ ๑๓", 20) + 5
    lines = thai.wrap(award, f, 20, narrow, prefer_spaces=True)
    assert lines[-1] == "เขตตรวจราชการที่ ๑๓"
    # a phrase wider than the line: back to breaking between words
    assert len(thai.wrap(award, f, 20, 100, prefer_spaces=True)) > 2


@pytest.mark.parametrize("layout", [False, True])
def test_extraction_keeps_reading_order_and_direction(tmp_path: Path, layout: bool) -> None:
    """The marked content closes inside the text object, so poppler sees horizontal text in
    the line's own font and orders the lines top to bottom (not as rotated columns)."""
    pdf = tmp_path / "order.pdf"
    c = Canvas(str(pdf))
    f = thai.font()
    thai.draw_text(c, 300, 700, "บรรทัดแรก ที่นี่", f, 18, "centre")
    thai.draw_text(c, 300, 670, "บรรทัดที่สอง เพื่อ", f, 18, "centre")
    thai.draw_text(c, 300, 640, "บรรทัดที่สาม ผู้นำ", f, 18, "centre")
    c.save()
    lines = [line.strip() for line in pdftotext(pdf, layout=layout).splitlines() if line.strip()]
    assert lines == ["บรรทัดแรก ที่นี่", "บรรทัดที่สอง เพื่อ", "บรรทัดที่สาม ผู้นำ"]
