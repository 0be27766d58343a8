"""The names printed documents must never cut at a line's end: every person and every place of
the database, for the Thai line breaker (reports/thai.py, :class:`reports.thai.Lexicon`).

Read-only; one unit of work per call. A person's name gives its words (first name and surname,
the title left out: ``นายทองดี ศรีคำ`` → ``ทองดี``, ``ศรีคำ``) and the whole name as a phrase
kept on one line where it fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m

TITLES = (
    "ว่าที่ร้อยตรีหญิง",
    "ว่าที่ร้อยตรี",
    "ว่าที่ ร.ต.หญิง",
    "ว่าที่ ร.ต.",
    "นางสาว",
    "นาง",
    "นาย",
    "น.ส.",
    "ดร.",
    "ผศ.",
    "รศ.",
    "ศ.",
)
"""Titles written before a name, longest first (the words of a name leave them out)."""


@dataclass(frozen=True)
class DocumentNames:
    words: frozenset[str]  # single words: first names, surnames, places
    phrases: frozenset[str]  # names of several words, as written (title included)


def name_words(name: str) -> list[str]:
    """The words of a person's name without its title (``นางสาวมาลี ใจดี`` → มาลี, ใจดี)."""
    text = " ".join(name.split())
    for title in TITLES:
        if text.startswith(title) and len(text) > len(title):
            text = text[len(title) :].lstrip()
            break
    return [w for w in text.split(" ") if len(w) > 1]


def _collect(names: Iterable[str], words: set[str], phrases: set[str]) -> None:
    for name in names:
        parts = name_words(name)
        words.update(parts)
        if len(name.split()) > 1:
            phrases.add(" ".join(name.split()))


def names_for_documents(db: Database) -> DocumentNames:
    """Every leader's, inspector's and user's name and every place name of the database."""
    words: set[str] = set()
    phrases: set[str] = set()
    with db.transaction() as s:
        leaders = s.execute(select(m.Leader.title, m.Leader.first_name, m.Leader.last_name))
        _collect((f"{t or ''}{f} {la}" for t, f, la in leaders), words, phrases)
        _collect(s.scalars(select(m.Inspector.name)), words, phrases)
        _collect(s.scalars(select(m.User.name)), words, phrases)
        _collect(s.scalars(select(m.Signatory.name)), words, phrases)
        for table in (m.Province, m.District, m.Tambon):
            words.update(s.scalars(select(table.name_th)))
        for village in s.scalars(select(m.Village.name_th)):
            words.update(w for w in village.split() if len(w) > 1)
            if len(village.split()) > 1:
                phrases.add(" ".join(village.split()))
        focus = s.scalars(select(m.Tambon.focus_village).where(m.Tambon.focus_village.is_not(None)))
        words.update(w for v in focus if v for w in v.split() if len(w) > 1)
    return DocumentNames(frozenset(w for w in words if " " not in w), frozenset(phrases))
