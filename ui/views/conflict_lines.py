"""The conflict view's content without widgets: each open conflict with its round, and the
versions side by side as lines (criteria, total, the sheet's note, the lessons learned)."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.permissions import Action, require
from evaluator.scoring.model import score_text
from evaluator.services import conflicts as conflict_service
from evaluator.services.conflicts import Conflict, ConflictVersion
from evaluator.services.lookups import round_criteria
from evaluator.services.sheets import sheet_total
from evaluator.services.tambons import CriterionHead, list_rounds
from evaluator.services.users import get_user


@dataclass(frozen=True)
class ConflictRow:
    """A conflict with what the list and the detail need beside it."""

    conflict: Conflict
    round_title: str
    finalised: bool
    criteria: list[CriterionHead]

    @property
    def versions(self) -> list[ConflictVersion]:
        return [self.conflict.current, *self.conflict.copies]


@dataclass(frozen=True)
class Line:
    """One row of the side-by-side table: a criterion, or a fact about the versions."""

    label: str
    maximum: str
    values: list[str]
    notes: list[str]
    differs: bool
    prose: bool = False  # a text (a lesson) rather than a number: read from the left, wrapped


def load_conflicts(db: object, user_id: int) -> list[ConflictRow]:
    """Every open conflict with its round's title, state and criteria (a background job)."""
    from evaluator.db import Database

    assert isinstance(db, Database)
    require(get_user(db, user_id), Action.RESOLVE_CONFLICT)
    rounds = {r.code: r for r in list_rounds(db)}
    criteria: dict[str, list[CriterionHead]] = {}
    out = []
    for c in conflict_service.list_conflicts(db):
        if c.round not in criteria:
            criteria[c.round] = round_criteria(db, c.round)
        ref = rounds.get(c.round)
        out.append(
            ConflictRow(
                c,
                ref.title if ref else c.round,
                bool(ref and ref.finalised),
                criteria[c.round],
            )
        )
    return out


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def compare_lines(
    row: ConflictRow,
    note_title: str,
    total_title: str,
    lesson_titles: dict[str, str] | None = None,
) -> list[Line]:
    """The versions of a conflict side by side, criterion by criterion, then the total, the
    sheet's note and the lessons learned."""
    versions = row.versions
    lines = []
    for c in row.criteria:
        values = [v.scores.get(c.code) for v in versions]
        notes = [v.score_notes.get(c.code, "") for v in versions]
        lines.append(
            Line(
                f"{c.code} {c.title}",
                _fmt(c.max_score),
                [_fmt(v) for v in values],
                notes,
                len(set(values)) > 1 or len(set(notes)) > 1,
            )
        )
    totals: list[float | None] = []
    for v in versions:
        if row.criteria and all(c.code in v.scores for c in row.criteria):
            totals.append(
                sheet_total([(c.weight, c.max_score, v.scores[c.code]) for c in row.criteria])
            )
        else:
            totals.append(None)
    lines.append(
        Line(
            total_title,
            "100",
            ["–" if t is None else score_text(t) for t in totals],
            ["" for _ in versions],
            len({None if t is None else round(t, 6) for t in totals}) > 1,
        )
    )
    sheet_notes = [v.note for v in versions]
    lines.append(
        Line(
            note_title,
            "",
            [n.replace("\n", " ") or "–" for n in sheet_notes],
            sheet_notes,
            len(set(sheet_notes)) > 1,
        )
    )
    lines.extend(lesson_lines(row, lesson_titles or {}))
    return lines


LESSON_SHOWN = 90
"""How much of a lesson a cell shows; the whole text is its tooltip."""


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= LESSON_SHOWN else flat[: LESSON_SHOWN - 1].rstrip() + "…"


def lesson_lines(row: ConflictRow, titles: dict[str, str]) -> list[Line]:
    """A line per lesson field that some version has text in (``titles``: key → the title to
    show), highlighted where the versions' texts differ."""
    versions = row.versions
    differ = set(row.conflict.lessons_differ())
    out = []
    for key in row.conflict.lesson_keys():
        texts = [v.lessons.get(key, "") for v in versions]
        out.append(
            Line(
                titles.get(key, key),
                "",
                [_short(t) or "–" for t in texts],
                texts,
                key in differ,
                prose=True,
            )
        )
    return out
