"""Thai text in PDF: shaped by HarfBuzz, broken at word boundaries, and extractable as drawn.

Why not reportlab's own shaping: it places the marks right but maps the glyphs HarfBuzz picks
for stacked marks (e.g. ``uni0E48.small``) to private-use code points, so ``pdftotext`` gives
back "เพือ" for "เพื่อ"; without shaping the text extracts right but the marks collide.

Here each line is shaped with uharfbuzz and every glyph is placed at the position HarfBuzz gives
(x and y offsets of the marks included), through the embedded subset of the TrueType font that
reportlab writes. The line is wrapped in a marked-content sequence
``/Span <</ActualText <FEFF…>>> BDC … EMC`` that carries the true text as UTF-16BE, so text
extraction (pdftotext, copy and paste, search) gives back exactly the string that was drawn,
whatever glyphs the font chose. The sequence opens and closes inside the line's text object
(``BT … BDC … EMC ET``): poppler takes the text direction from the text state at ``EMC``, and
outside the text object it would see no font and read the lines as rotated columns.

Lines break at Thai word boundaries found by PyThaiNLP's ``newmm`` segmenter, not only at spaces.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import fontpkg_sarabun
import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

Align = Literal["left", "centre", "right"]

FONT_DIR = Path(fontpkg_sarabun.ROOT) / "files"
SARABUN = {
    "regular": ("Sarabun", "Sarabun-Regular.ttf"),
    "medium": ("Sarabun-Medium", "Sarabun-Medium.ttf"),
    "semibold": ("Sarabun-SemiBold", "Sarabun-SemiBold.ttf"),
    "bold": ("Sarabun-Bold", "Sarabun-Bold.ttf"),
}
PUA_START = 0xE000
PUA_END = 0xF8FF

# Characters that must not begin a line (they belong to the word before them) and characters
# that must not end one (they belong to the word after them).
_NO_LINE_START = set("ๆฯ)]}»”’,.:;!?%…") | {"ฯลฯ"}
_NO_LINE_END = set("([{«“‘")


def _fmt(value: float) -> str:
    """A number for a content stream: short, no exponent, no negative zero."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class ShapedText:
    """A line of text shaped by HarfBuzz, in units of 1/1000 of the font size.

    ``codes`` are the character codes reportlab's subset knows each glyph by (the glyph's own
    Unicode code point, or a private-use one for glyphs without one), ``gids`` the glyphs'
    indices in the font; ``xs``/``ys`` are where
    each glyph goes relative to the start of the line; ``widths`` are the advances the embedded
    font's /Widths give each code, which the drawing compensates for.
    """

    text: str
    gids: tuple[int, ...]
    codes: tuple[int, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    widths: tuple[float, ...]
    advance: float

    def width(self, size: float) -> float:
        """The width of the line at a font size, in points."""
        return self.advance * size / 1000.0


class ThaiFont:
    """A TrueType font registered with reportlab and shaped with HarfBuzz."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        try:
            existing = pdfmetrics.getFont(name)
        except KeyError:
            existing = None
        if isinstance(existing, TTFont):
            self.ttf: Any = existing
        else:
            self.ttf = TTFont(name, str(path))
            pdfmetrics.registerFont(self.ttf)
        blob = hb.Blob(path.read_bytes())
        self._hb_face: Any = hb.Face(blob)
        self._hb_font: Any = hb.Font(self._hb_face)
        self._scale = 1000.0 / float(self._hb_face.upem)
        self._lock = threading.Lock()
        self._private: dict[int, int] = {}
        self.shape = functools.lru_cache(maxsize=50_000)(self._shape)

    def __repr__(self) -> str:
        return f"ThaiFont({self.name!r})"

    def _code_for(self, gid: int) -> int:
        """The character code of a glyph in reportlab's subsets (private-use if it has none)."""
        face = self.ttf.face
        chars = face.glyphToChar.get(gid)
        if chars:
            return int(chars[0])
        with self._lock:
            if gid in self._private:
                return self._private[gid]
            code = max([PUA_START - 1, *self._private.values()]) + 1
            while code in face.charToGlyph:
                code += 1
            if code > PUA_END:
                raise ValueError(f"{self.name}: too many glyphs without a code point")
            face.charToGlyph[code] = gid
            face.glyphToChar.setdefault(gid, []).append(code)
            face.charWidths[code] = self._hb_font.get_glyph_h_advance(gid) * self._scale
            self._private[gid] = code
            return code

    def _shape(self, text: str) -> ShapedText:
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self._hb_font, buf, {"kern": True, "liga": True})
        widths_of = self.ttf.face.charWidths
        gids: list[int] = []
        codes: list[int] = []
        xs: list[float] = []
        ys: list[float] = []
        widths: list[float] = []
        pen = 0.0
        scale = self._scale
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            gid = int(info.codepoint)
            code = self._code_for(gid)
            gids.append(gid)
            codes.append(code)
            xs.append(pen + pos.x_offset * scale)
            ys.append(pos.y_offset * scale)
            widths.append(float(widths_of.get(code, 0.0)))
            pen += pos.x_advance * scale
        return ShapedText(text, tuple(gids), tuple(codes), tuple(xs), tuple(ys), tuple(widths), pen)

    def glyph_box(self, gid: int) -> tuple[float, float, float, float]:
        """A glyph's ink box (x0, y0, x1, y1) in 1/1000 of the font size, from its origin."""
        ext = self._hb_font.get_glyph_extents(gid)
        if ext is None:
            return (0.0, 0.0, 0.0, 0.0)
        s = self._scale
        x0, y1 = ext.x_bearing * s, ext.y_bearing * s
        return (x0, y1 + ext.height * s, x0 + ext.width * s, y1)

    def glyph_name(self, gid: int) -> str:
        return str(self._hb_font.glyph_to_string(gid))

    def width(self, text: str, size: float) -> float:
        """The shaped width of a line of text at a font size, in points."""
        return self.shape(text).width(size)


@functools.cache
def font(weight: str = "regular") -> ThaiFont:
    """Sarabun (package ``fontpkg-sarabun``) in a weight: regular, medium, semibold, bold."""
    name, filename = SARABUN[weight]
    return ThaiFont(name, FONT_DIR / filename)


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def draw_text(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    thai_font: ThaiFont,
    size: float,
    align: Align = "left",
) -> float:
    """Draw one line of shaped text with its baseline at ``y`` and return its width.

    ``x`` is the left end, the centre or the right end of the line as ``align`` says. The fill
    colour is the canvas's current one. Text extraction gives back exactly ``text``.
    """
    if not text:
        return 0.0
    shaped = thai_font.shape(text)
    width = shaped.width(size)
    if align == "centre":
        x -= width / 2.0
    elif align == "right":
        x -= width
    canvas.addLiteral(_line_operators(canvas, x, y, shaped, thai_font, size))
    return width


def _line_operators(
    canvas: Any, x: float, y: float, shaped: ShapedText, thai_font: ThaiFont, size: float
) -> str:
    doc = canvas._doc
    ttf = thai_font.ttf
    ops = [f"q BT /Span <</ActualText <{_utf16_hex(shaped.text)}>>> BDC"]
    ops.append(f"1 0 0 1 {_fmt(x)} {_fmt(y)} Tm")
    glyph = 0
    pen = 0.0  # where the PDF's text position is, in 1/1000 of the font size
    rise = 0.0
    for subset, data in ttf.splitString("".join(map(chr, shaped.codes)), doc):
        ops.append(f"{ttf.getSubsetInternalName(subset, doc)} {_fmt(size)} Tf")
        items: list[str] = []
        for byte in data:
            target_x = shaped.xs[glyph]
            target_rise = shaped.ys[glyph]
            if target_rise != rise:
                if items:
                    ops.append(f"[{''.join(items)}] TJ")
                    items = []
                rise = target_rise
                ops.append(f"{_fmt(rise * size / 1000.0)} Ts")
            shift = pen - target_x
            if abs(shift) > 0.0005:
                items.append(_fmt(shift))
            items.append(f"<{byte:02X}>")
            pen = target_x + shaped.widths[glyph]
            glyph += 1
        if items:
            ops.append(f"[{''.join(items)}] TJ")
    ops.append("EMC ET Q")
    return "\n".join(ops)


# --- line breaking ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=20_000)
def _words(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    tokens: list[str] = word_tokenize(text, engine="newmm", keep_whitespace=True)
    return tuple(tokens)


def break_units(text: str) -> list[str]:
    """The pieces a line may break between: Thai words (newmm), spaces, and punctuation glued
    to its word (nothing starts a line with ``ๆ`` or ``)`` or ends one with ``(``)."""
    units: list[str] = []
    glue_next = False
    tokens = [t for t in _words(text) if t]
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token.isspace() and units and _keeps_next(units[-1], token, following):
            units[-1] += token  # a space that must not break: the next unit joins this one
            glue_next = True
            continue
        joins = glue_next or token in _NO_LINE_START
        if units and (units[-1].isspace() if token.isspace() else joins):
            units[-1] += token
        else:
            units.append(token)
        glue_next = token in _NO_LINE_END
    return units


def _keeps_next(before: str, space: str, after: str) -> bool:
    """Whether a single space binds its neighbours: a number stays with the word before it
    (``ที่ ๑๓``, ``พ.ศ. ๒๕๖๔``, ``เงินรางวัล ๑๐๐,๐๐๐``), and so does the word after an
    abbreviation (``พ.ศ. ๒๕๖๔``, ``จ. ขอนแก่น``)."""
    if space != " " or not after or after.isspace() or before.isspace():
        return False
    if after[0].isdigit():
        return True
    return before.endswith(".") and len(before) <= 6


def _clusters(word: str) -> list[str]:
    """A word cut into Thai character clusters, the smallest pieces a line may break between."""
    from pythainlp.tokenize import subword_tokenize

    pieces: list[str] = subword_tokenize(word, engine="tcc")
    return [p for p in pieces if p] or [word]


def wrap(
    text: str, thai_font: ThaiFont, size: float, width: float, *, prefer_spaces: bool = False
) -> list[str]:
    """Lines of at most ``width`` points, broken at word boundaries (and at ``\\n``).

    A single word longer than the width is cut between character clusters. With
    ``prefer_spaces``, a paragraph whose space-separated phrases each fit is broken only at
    spaces (Thai writes a space between phrases: ``ตำบล… อำเภอ… จังหวัด…``).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        phrases = _phrases(paragraph)
        if prefer_spaces and all(thai_font.width(p, size) <= width for p in phrases):
            lines.extend(_wrap_phrases(phrases, thai_font, size, width))
        else:
            lines.extend(_wrap_paragraph(paragraph, thai_font, size, width))
    return lines


def _phrases(paragraph: str) -> list[str]:
    """Space-separated phrases, with the spaces that must not break kept inside a phrase."""
    phrases: list[str] = []
    for part in paragraph.split():
        if phrases and (
            part[0] in _NO_LINE_START or _keeps_next(phrases[-1].rsplit(" ", 1)[-1], " ", part)
        ):
            phrases[-1] += " " + part
        else:
            phrases.append(part)
    return phrases


def _wrap_phrases(phrases: list[str], thai_font: ThaiFont, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for phrase in phrases:
        candidate = f"{current} {phrase}" if current else phrase
        if current and thai_font.width(candidate, size) > width:
            lines.append(current)
            current = phrase
        else:
            current = candidate
    return [*lines, current] if current or not lines else lines


def _wrap_paragraph(text: str, thai_font: ThaiFont, size: float, width: float) -> list[str]:
    if not text.strip():
        return [""]
    lines: list[str] = []
    current = ""
    for unit in break_units(text.strip()):
        if unit.isspace():
            if current:
                current += unit
            continue
        candidate = current + unit
        if thai_font.width(candidate.rstrip(), size) <= width:
            current = candidate
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = ""
        if thai_font.width(unit, size) <= width:
            current = unit
            continue
        for piece in _clusters(unit):
            if current and thai_font.width(current + piece, size) > width:
                lines.append(current)
                current = ""
            current += piece
    if current.strip():
        lines.append(current.rstrip())
    return lines


def draw_lines(
    canvas: Any,
    lines: Sequence[str],
    x: float,
    y: float,
    thai_font: ThaiFont,
    size: float,
    leading: float,
    align: Align = "left",
) -> float:
    """Draw lines, the first with its baseline at ``y``; return the baseline after the last."""
    for line in lines:
        draw_text(canvas, x, y, line, thai_font, size, align)
        y -= leading
    return y


def draw_paragraph(
    canvas: Any,
    text: str,
    x: float,
    y: float,
    width: float,
    thai_font: ThaiFont,
    size: float,
    leading: float | None = None,
    align: Align = "left",
) -> float:
    """Wrap ``text`` to ``width`` and draw it from the baseline ``y`` down.

    ``x`` is the left edge of the column (its centre when centred, its right edge when right
    aligned). Returns the baseline below the last line.
    """
    leading = leading if leading is not None else size * 1.35
    lines = wrap(text, thai_font, size, width)
    return draw_lines(canvas, lines, x, y, thai_font, size, leading, align)
