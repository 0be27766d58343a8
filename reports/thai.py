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
The segmenter's dictionary is extended with the names a document prints (:class:`Lexicon`:
every place of the country and every person of the database, see
:func:`evaluator.services.lexicon.names_for_documents`), so that a name is never cut inside
(not "ศรี | คำ", "หนองนก | ทา"); a full name (title, first name and surname) is kept on one
line whenever it fits on one, and codes and numbers (``C2``, ``82.13``) are never cut.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import fontpkg_sarabun
import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.font_subsets import SubsetFont
from reports.thai_words import SegmenterDictionary

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


# --- line breaking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Words the segmenter must know besides its own dictionary, and phrases kept whole.

    ``words`` are single words (a first name, a surname, a place's name: ``ศรีคำ``,
    ``บางคนที``); ``phrases`` are names of several words (``นายทองดี ศรีคำ``), kept on one line
    when they fit on one. Build one per document or batch (:func:`lexicon`): the tokenizer for
    it is built once and shared by every document with the same words.
    """

    words: frozenset[str] = frozenset()
    phrases: frozenset[str] = frozenset()
    key: int = field(default=0, compare=False)
    # the phrases by their first space-separated part, to find them in a text quickly
    starts: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __hash__(self) -> int:
        return self.key

    def phrases_in(self, text: str) -> list[str]:
        """The known phrases that occur in ``text``."""
        found = {p for part in set(text.split()) for p in self.starts.get(part, ()) if p in text}
        return sorted(found, key=len, reverse=True)


def lexicon(words: Iterable[str], phrases: Iterable[str] = ()) -> Lexicon:
    """A :class:`Lexicon` of the given names (blank, one-letter and non-Thai words left out:
    numbers and codes have rules of their own)."""
    ws = frozenset(
        w
        for w in (x.strip() for x in words)
        if len(w) > 1 and " " not in w and any("ก" <= ch <= "ฮ" for ch in w)  # a Thai name
    )
    ps = frozenset(" ".join(p.split()) for p in phrases if len(p.split()) > 1)
    starts: dict[str, list[str]] = {}
    for phrase in ps:
        starts.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
    return Lexicon(ws, ps, hash((ws, ps)), {k: tuple(v) for k, v in starts.items()})


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("thai_lexicon", default=None)


@contextlib.contextmanager
def using(names: Lexicon | None) -> Iterator[None]:
    """Wrap text with ``names`` known to the segmenter inside the ``with`` block (this thread
    or task only)."""
    token = _ACTIVE.set(names)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


_DICTIONARY = SegmenterDictionary()


# a run of Latin letters, digits (Arabic or Thai) and the signs inside numbers and codes
_CODE = re.compile(r"^[0-9A-Za-z๐-๙.,:/%+\-]+$")


def _tokens(text: str, names: Lexicon | None) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    trie = _DICTIONARY.trie(names)
    tokens: list[str] = word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=True)
    return _join_codes([t for t in tokens if t])


def _join_codes(tokens: list[str]) -> list[str]:
    """Neighbouring pieces of one code or number joined again (``C`` ``2`` → ``C2``)."""
    out: list[str] = []
    for token in tokens:
        if out and _CODE.match(token) and _CODE.match(out[-1]):
            out[-1] += token
        else:
            out.append(token)
    return out


@functools.lru_cache(maxsize=20_000)
def _words_with(text: str, names: Lexicon | None, join: bool = True) -> tuple[str, ...]:
    tokens = _tokens(text, names)
    if join and names is not None and names.phrases and " " in text:
        tokens = _join_phrases(tokens, text, names)
    return tuple(tokens)


def _join_phrases(tokens: list[str], text: str, names: Lexicon) -> list[str]:
    """The tokens of each known phrase of ``text`` joined into one: a token that starts inside
    a phrase joins the one before it."""
    spans = [
        (m.start(), m.end())
        for phrase in names.phrases_in(text)
        for m in re.finditer(re.escape(phrase), text)
    ]
    if not spans:
        return tokens
    out: list[str] = []
    pos = 0
    for token in tokens:
        if out and any(start < pos < end for start, end in spans):
            out[-1] += token
        else:
            out.append(token)
        pos += len(token)
    return out


def break_units(text: str, *, whole_names: bool = True) -> list[str]:
    """The pieces a line may break between: Thai words (newmm, with the active
    :class:`Lexicon`'s names), spaces, and punctuation glued to its word (nothing starts a line
    with ``ๆ`` or ``)`` or ends one with ``(``); with ``whole_names`` a known name of several
    words is one piece."""
    units: list[str] = []
    glue_next = False
    tokens = [t for t in _words_with(text, _ACTIVE.get(), whole_names) if t]
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


def widest_word(text: str, thai_font: ThaiFont, size: float) -> float:
    """The width of the widest piece of ``text`` a line cannot break inside (a word, a name,
    a code), in points."""
    return max(
        (
            thai_font.width(u.strip(), size)
            for u in break_units(text, whole_names=False)
            if u.strip()
        ),
        default=0.0,
    )


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

    The lines of the last texts wrapped are kept (a batch of certificates wraps the same
    wording a thousand times), by everything they depend on: the text, font, size, width,
    ``prefer_spaces`` and the active :class:`Lexicon` (as the words of :func:`_words_with`).
    """
    return list(_wrapped(text, thai_font, size, width, prefer_spaces, _ACTIVE.get()))


@functools.lru_cache(maxsize=20_000)
def _wrapped(
    text: str,
    thai_font: ThaiFont,
    size: float,
    width: float,
    prefer_spaces: bool,
    names: Lexicon | None,  # part of the key: the active lexicon changes the words
) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        phrases = _phrases(paragraph)
        if prefer_spaces and all(thai_font.width(p, size) <= width for p in phrases):
            lines.extend(_wrap_phrases(phrases, thai_font, size, width))
        else:
            lines.extend(_wrap_paragraph(paragraph, thai_font, size, width))
    return tuple(lines)


def _phrases(paragraph: str) -> list[str]:
    """Space-separated phrases, with the spaces that must not break kept inside a phrase."""
    phrases: list[str] = []
    names = _ACTIVE.get()
    inside = (
        [
            (m.start(), m.end())
            for p in names.phrases_in(paragraph)
            for m in re.finditer(re.escape(p), paragraph)
        ]
        if names is not None and names.phrases
        else []
    )
    pos = 0
    for part in paragraph.split():
        pos = paragraph.index(part, pos)
        in_name = any(start < pos < end for start, end in inside)
        pos += len(part)
        if phrases and (
            in_name
            or part[0] in _NO_LINE_START
            or _keeps_next(phrases[-1].rsplit(" ", 1)[-1], " ", part)
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


def _wrap_paragraph(
    text: str, thai_font: ThaiFont, size: float, width: float, *, whole: bool = True
) -> list[str]:
    if not text.strip():
        return [""]
    lines: list[str] = []
    current = ""
    for unit in break_units(text.strip(), whole_names=whole):
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
        if " " in unit.strip():  # a name, or a number bound to its word, that fits on no line
            inner = (
                _wrap_paragraph(unit, thai_font, size, width, whole=False)
                if whole
                else _wrap_phrases(unit.split(), thai_font, size, width)
            )
            lines.extend(inner[:-1])
            current = inner[-1] if inner else ""
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


def names_of(db: Any) -> Lexicon:
    """The lexicon of a database: every person's and place's name in it
    (:func:`evaluator.services.names.names_for_documents`)."""
    from evaluator.services.names import names_for_documents

    found = names_for_documents(db)
    return lexicon(found.words, found.phrases)
