"""Thai lines broken at word boundaries for :mod:`reports.thai` (which re-exports what is
public here): PyThaiNLP's ``newmm`` segmenter with the names a document prints
(:class:`Lexicon`), full names kept whole where they fit, codes and numbers never cut, a number
kept with the word before it; and :func:`wrap`, which keeps the lines of the texts it wrapped
last."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reports.thai_words import SegmenterDictionary

if TYPE_CHECKING:
    from reports.thai import ThaiFont

# Characters that must not begin a line (they belong to the word before them) and characters
# that must not end one (they belong to the word after them).
_NO_LINE_START = set("ๆฯ)]}»”’,.:;!?%…") | {"ฯลฯ"}
_NO_LINE_END = set("([{«“‘")


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


def names_of(db: Any) -> Lexicon:
    """The lexicon of a database: every person's and place's name in it
    (:func:`evaluator.services.names.names_for_documents`)."""
    from evaluator.services.names import names_for_documents

    found = names_for_documents(db)
    return lexicon(found.words, found.phrases)
