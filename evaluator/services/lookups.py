"""Read-only lists that the desktop's filters and review screens offer as choices.

Who has written to the audit log, from which sources and about what (the audit view's filters),
and the criteria of a round (the conflict view's rows). Plain values out; one unit of work each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.services.round_list import list_rounds
from evaluator.services.sheet_data import criteria_of
from evaluator.services.tambons import CriterionHead


@dataclass(frozen=True)
class AuditChoices:
    """The distinct actors, sources and entities found in the audit log, sorted; and the
    rounds' titles by code, for the round codes the log's values hold."""

    actors: list[str]
    sources: list[str]
    entities: list[str]
    round_titles: dict[str, str] = field(default_factory=dict)


def audit_choices(db: Database) -> AuditChoices:
    """What the audit log's filters can choose from (only values that occur in the log)."""
    e = m.AuditEntry
    with db.transaction() as s:
        actors = sorted(a for a in s.scalars(select(e.actor).distinct()) if a)
        sources = sorted(a for a in s.scalars(select(e.source).distinct()) if a)
        entities = sorted(a for a in s.scalars(select(e.entity).distinct()) if a)
    # the newest contest's title of each code (a code may recur in a later contest)
    titles = {r.code: r.title for r in list_rounds(db) if r.title != r.code}
    return AuditChoices(actors, sources, entities, titles)


def round_criteria(db: Database, round_code: str) -> list[CriterionHead]:
    """The criteria of the round's contest (the newest contest that has the round), in order."""
    with db.transaction() as s:
        contest_id = s.scalar(
            select(m.Round.contest_id)
            .where(m.Round.code == round_code)
            .order_by(m.Round.contest_id.desc())
            .limit(1)
        )
        if contest_id is None:
            raise NotFoundError(f"ไม่พบรอบ '{round_code}' — no such round")
        return [
            CriterionHead(c.id, c.code, c.title, c.max_score, c.weight)
            for c in criteria_of(s, contest_id)
        ]
