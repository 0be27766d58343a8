"""One form for every name and text a user types or a file brings (DESIGN.md section 5).

Two names that look the same on screen must be the same name: ``น้ำ`` typed with the composed sara
am (U+0E33) or as nikhahit + sara aa (U+0E4D U+0E32), with a zero-width space pasted from a web
page, with a non-breaking or a double space, all come out of :func:`normalise` as one string.
Importers, services and name matching call it before they compare or store.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that show nothing and mean nothing in a name: zero-width space, non-joiner, joiner,
# word joiner, byte-order mark (also the zero-width no-break space), soft hyphen.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = str.maketrans("", "", ZERO_WIDTH)
# Sara am written as nikhahit + sara aa, with a tone mark before or between them.
_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _compose_sara_am(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2) + "\u0e33"


def normalise(text: str, *, multiline: bool = False) -> str:
    """The text in Unicode NFC, sara am composed, zero-width characters removed, spaces trimmed
    and collapsed to one.

    With ``multiline`` (notes, descriptions) line breaks are kept: each line is trimmed and
    collapsed, and more than one empty line in a row becomes one.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))
    text = _SARA_AM.sub(_compose_sara_am, text)
    if not multiline:
        return " ".join(text.split())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    joined = "\n".join(_SPACES.sub(" ", line).strip() for line in lines)
    return _BLANK_LINES.sub("\n\n", joined).strip()


def name_key(text: str) -> str:
    """The form two names are compared in: normalised and case-folded (``Somchai``, ``SOMCHAI``)."""
    return normalise(text).casefold()


def spacing_count(text: str) -> int:
    """How many characters of a line take room on it: Thai vowels and tone marks set above or
    below a letter (Unicode categories Mn and Me, e.g. ``่ ้ ิ ี ุ ั ์``) take none, so an
    engraver does not count them; ``ำ``, ``า``, ``ะ`` and spaces do."""
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
