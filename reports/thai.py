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

Lines break at Thai word boundaries found by PyThaiNLP's ``newmm`` segmenter, not only at spaces
(:mod:`reports.thai_lines`, whose functions are re-exported here).
The segmenter's dictionary is extended with the names a document prints (:class:`Lexicon`:
every place of the country and every person of the database, see
:func:`evaluator.services.lexicon.names_for_documents`), so that a name is never cut inside
(not "ศรี | คำ", "หนองนก | ทา"); a full name (title, first name and surname) is kept on one
line whenever it fits on one, and codes and numbers (``C2``, ``82.13``) are never cut.
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

from reports.font_subsets import SubsetFont
from reports.thai_lines import (
    Lexicon,
    break_units,
    lexicon,
    names_of,
    using,
    widest_word,
    wrap,
)

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


_FEATURES = {"kern": True, "liga": True}


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
            self.ttf = SubsetFont(name, str(path))
            pdfmetrics.registerFont(self.ttf)
        blob = hb.Blob(path.read_bytes())
        self._hb_face: Any = hb.Face(blob)
        self._hb_font: Any = hb.Font(self._hb_face)
        self._scale = 1000.0 / float(self._hb_face.upem)
        self._lock = threading.Lock()
        self._private: dict[int, int] = {}
        self._codes: dict[int, int] = {}
        self.shape = functools.lru_cache(maxsize=50_000)(self._shape)
        # drawn lines: (text, size, subsets and codes) -> operators before and after the position
        self.runs: dict[tuple[str, float, tuple[tuple[str, bytes], ...]], tuple[str, str]] = {}
        # the same for documents numbered alike (reports.font_subsets.SharedSubsets): (text,
        # size, the font's name in the document, generation) -> (before, after, highest code)
        self.shared_runs: dict[tuple[str, float, str, int], tuple[str, str, int]] = {}

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
        hb.shape(self._hb_font, buf, _FEATURES)
        known = self._codes  # glyph -> its code, as _code_for gives it (never changes)
        gids = tuple([int(info.codepoint) for info in buf.glyph_infos])
        codes = tuple([known.get(gid) or self._remember_code(gid) for gid in gids])
        widths_of = self.ttf.face.charWidths
        widths = tuple([float(widths_of.get(code, 0.0)) for code in codes])
        xs: list[float] = []
        ys: list[float] = []
        pen = 0.0
        scale = self._scale
        for pos in buf.glyph_positions:
            xs.append(pen + pos.x_offset * scale)
            ys.append(pos.y_offset * scale)
            pen += pos.x_advance * scale
        return ShapedText(text, gids, codes, tuple(xs), tuple(ys), widths, pen)

    def _remember_code(self, gid: int) -> int:
        code = self._code_for(gid)
        self._codes[gid] = code
        return code

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
    state = ttf.state.get(doc)
    shared = getattr(state, "shared", None)
    if shared is not None:
        # a document numbered by reports.font_subsets.SharedSubsets: every code below the
        # number it started with means the same glyph in every document of its generation,
        # so a line made of those codes draws the same way in all of them (no splitString)
        if state.internalName is None:
            ttf.getSubsetInternalName(0, doc)  # the font used: as splitString's caller does
        found = thai_font.shared_runs.get((shaped.text, size, state.internalName, shared[0]))
        if found is not None and found[2] < shared[1]:
            return f"{found[0]}{_fmt(x)} {_fmt(y)}{found[1]}"
    parts = tuple(
        (ttf.getSubsetInternalName(subset, doc), data)
        for subset, data in ttf.splitString("".join(map(chr, shaped.codes)), doc)
    )
    # the glyph run (everything after the position) depends only on the text, the size and
    # the codes and subsets the document gives its glyphs: a batch whose documents number the
    # glyphs alike (reports.font_subsets.SharedSubsets) writes each distinct line once
    key = (shaped.text, size, parts)
    found_run = thai_font.runs.get(key)
    if found_run is None:
        found_run = (
            f"q BT /Span <</ActualText <{_utf16_hex(shaped.text)}>>> BDC\n1 0 0 1 ",
            " Tm\n" + _glyph_run(shaped, size, parts),
        )
        if len(thai_font.runs) >= 20_000:
            thai_font.runs.clear()
        thai_font.runs[key] = found_run
    opening, run = found_run
    if shared is not None:
        top = max((int(name.rsplit("+", 1)[1]) << 8) + max(data) for name, data in parts)
        if top < shared[1]:  # only codes the document started with: the same in the others
            if len(thai_font.shared_runs) >= 20_000:
                thai_font.shared_runs.clear()
            key_shared = (shaped.text, size, state.internalName, shared[0])
            thai_font.shared_runs[key_shared] = (opening, run, top)
    return f"{opening}{_fmt(x)} {_fmt(y)}{run}"


def _glyph_run(shaped: ShapedText, size: float, parts: tuple[tuple[str, bytes], ...]) -> str:
    """The operators that draw a shaped line from its start: font, TJ arrays with HarfBuzz's
    advances, rises for the marks HarfBuzz moves up or down; then the span and text closed."""
    ops: list[str] = []
    glyph = 0
    pen = 0.0  # where the PDF's text position is, in 1/1000 of the font size
    rise = 0.0
    for font_name, data in parts:
        ops.append(f"{font_name} {_fmt(size)} Tf")
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


__all__ = [
    "FONT_DIR",
    "PUA_END",
    "PUA_START",
    "SARABUN",
    "Align",
    "Lexicon",
    "ShapedText",
    "ThaiFont",
    "break_units",
    "draw_lines",
    "draw_paragraph",
    "draw_text",
    "font",
    "lexicon",
    "names_of",
    "using",
    "widest_word",
    "wrap",
]
