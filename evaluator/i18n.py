"""The language of the texts the core writes for people: Thai, or English for the app's
English mode. No Qt here: the app sets the language when the user picks one
(``ui.i18n.install_language``); the command line keeps Thai, its language since the start.

Two kinds of text:

- catalogued messages, keyed by a message id: a :class:`Catalog` maps each id to its Thai and
  English, with ``{name}`` placeholders; ``catalog.text(key, **values)`` is the current
  language's, ``catalog.both(...)`` gives the pair. Texts that are kept or printed in a
  document (explanations, agreement sentences) are made in an explicit language, never the
  current one, so the app's English mode cannot leak into a Thai document.
- the older bilingual messages "ไทย — English" (errors and import problems): :func:`in_language`
  keeps the English part in English mode and the whole text otherwise.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import ClassVar

LANGUAGES = ("th", "en")

_current = "th"
_THAI = re.compile("[\u0e00-\u0e7f]")
_SEPARATOR = " — "


def set_language(language: str) -> None:
    """Make ``language`` ("th" or "en") the language of later texts in this process."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
    _current = language


def language() -> str:
    """The current language: "th" (the default) or "en"."""
    return _current


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Catalog:
    """Messages keyed by id, each in Thai and English with the same placeholders."""

    catalogs: ClassVar[list[Catalog]] = []  # every catalog made, for the test of them all

    def __init__(self, name: str, messages: Mapping[str, tuple[str, str]]) -> None:
        for key, (th, en) in messages.items():
            if placeholders(th) != placeholders(en):
                raise ValueError(f"{name}.{key}: Thai and English have different placeholders")
        self.name = name
        self.messages = dict(messages)
        Catalog.catalogs.append(self)

    def text(self, key: str, lang: str | None = None, /, **values: object) -> str:
        """Message ``key`` in ``lang`` (default: the current language), filled with ``values``."""
        th, en = self.messages[key]
        chosen = en if (lang or _current) == "en" else th
        return chosen.format(**values) if values else chosen

    def both(self, key: str, /, **values: object) -> tuple[str, str]:
        """Message ``key`` in Thai and in English."""
        return self.text(key, "th", **values), self.text(key, "en", **values)


def english_part(text: str) -> str | None:
    """The English of a bilingual "ไทย — English" line, None when it is not one."""
    pair = _split(text)
    return None if pair is None else pair[1]


def _split(text: str) -> tuple[str, str] | None:
    """A bilingual "ไทย — English" line as (Thai, English), None when it is not one.

    The English is what follows the first separator after which no Thai is left; when the
    English names a place or a person in Thai ("… — tambon บ้านนา not found"), it is what
    follows the separator, Thai before it, after which the Thai letters are fewest, as long
    as Latin letters outnumber them there."""
    start = 0
    best: tuple[float, str, str] | None = None
    while (at := text.find(_SEPARATOR, start)) >= 0:
        before, after = text[:at], text[at + len(_SEPARATOR) :]
        start = at + 1
        if not _THAI.search(before) or not after.strip():
            continue
        thai = len(_THAI.findall(after))
        if not thai:
            return before.rstrip(), after.strip()
        latin = len(_LATIN.findall(after))
        share = thai / (thai + latin)
        if latin > thai and (best is None or share < best[0]):
            best = share, before.rstrip(), after.strip()
    return None if best is None else (best[1], best[2])


_LATIN = re.compile("[A-Za-z]")


def one_language(text: str, lang: str | None = None) -> str:
    """A message in one language only, for a screen that speaks one: each bilingual
    "ไทย — English" line becomes its Thai or its English part."""
    english = (lang or _current) == "en"
    lines = []
    for line in text.split("\n"):
        pair = _split(line)
        lines.append(line if pair is None else pair[1 if english else 0])
    return "\n".join(lines)


def in_language(text: str, lang: str | None = None) -> str:
    """A message for the current language (or ``lang``): in English mode each bilingual
    "ไทย — English" line becomes its English; in Thai mode the text is unchanged."""
    if (lang or _current) != "en":
        return text
    return "\n".join(english_part(line) or line for line in text.split("\n"))


def reason_in(thai: str, english: str, lang: str | None = None) -> str:
    """A text the core keeps in both languages (a ranking's reasons): the current language's,
    the Thai where no English was kept."""
    return english if (lang or _current) == "en" and english else thai


# --- dates and times ------------------------------------------------------------------------
BUDDHIST_ERA_OFFSET = 543
THAI_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
THAI_MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
ENGLISH_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def local_time(value: datetime | date | str) -> datetime | date:
    """A stored moment (ISO 8601 text or datetime; without a zone it is UTC, as stored) in the
    computer's local time; a plain date stays a date."""
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        if len(text) == 10:
            return date.fromisoformat(text)
        value = datetime.fromisoformat(text)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone()
    return value


def when(
    value: datetime | date | str | None,
    lang: str | None = None,
    *,
    seconds: bool = False,
    time: bool = True,
    full_month: bool = False,
) -> str:
    """A date or moment as people read it, in local time: "6 ธ.ค. 2569 14:05" (Buddhist era)
    in Thai, "6 Dec 2026 14:05" in English; "–" for none, the text as it is when unreadable."""
    if value is None or value == "":
        return "–"
    try:
        moment = local_time(value)
    except ValueError:
        return str(value)
    english = (lang or _current) == "en"
    if english:
        day = f"{moment.day} {ENGLISH_MONTHS[moment.month - 1]} {moment.year}"
    else:
        months = THAI_MONTHS_FULL if full_month else THAI_MONTHS
        day = f"{moment.day} {months[moment.month - 1]} {moment.year + BUDDHIST_ERA_OFFSET}"
    if not time or not isinstance(moment, datetime):
        return day
    clock = moment.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{day} {clock}"
