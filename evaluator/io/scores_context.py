"""What a scores table is checked against (:mod:`evaluator.io.scores_import`): the database's
contests, rounds, criteria, tambons, inspectors and locked sheets, read in a handful of queries
into plain lookups."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.db import models as m
from evaluator.io.contest_lookup import RoundInfo, read_contests_and_rounds
from evaluator.text import name_key as _key

# --- what the database holds -----------------------------------------------------------------


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    code: str
    max_score: float


@dataclass
class ScoreContext:
    """Plain lookups of the database's contests, rounds, criteria, tambons and inspectors."""

    contests: dict[str, int] = field(default_factory=dict)
    first_contest: int | None = None
    rounds: dict[str, list[RoundInfo]] = field(default_factory=dict)
    criteria: dict[int, dict[str, CriterionInfo]] = field(default_factory=dict)
    criteria_codes: dict[int, list[str]] = field(default_factory=dict)
    tambons: set[str] = field(default_factory=set)
    inspectors: dict[str, tuple[int, str]] = field(default_factory=dict)
    locked_sheets: set[tuple[int, int, str]] = field(default_factory=set)


def load_context(session: Session) -> ScoreContext:
    """Everything a scores table is checked against, in a handful of queries."""
    ctx = ScoreContext()
    read_contests_and_rounds(session, ctx)
    for c in session.execute(
        select(m.Criterion.id, m.Criterion.contest_id, m.Criterion.code, m.Criterion.title)
        .add_columns(m.Criterion.max_score)
        .order_by(m.Criterion.contest_id, m.Criterion.position, m.Criterion.id)
    ):
        info_c = CriterionInfo(c.id, c.code, float(c.max_score))
        by_key = ctx.criteria.setdefault(c.contest_id, {})
        by_key.setdefault(_key(c.title), info_c)
        by_key[_key(c.code)] = info_c  # a code wins over another criterion's same title
        ctx.criteria_codes.setdefault(c.contest_id, []).append(c.code)
    ctx.tambons = set(session.scalars(select(m.Tambon.code)))
    for iid, name in session.execute(select(m.Inspector.id, m.Inspector.name)):
        ctx.inspectors.setdefault(_key(name), (iid, name))
    ctx.locked_sheets = {
        (r, i, t)
        for r, i, t in session.execute(
            select(m.Sheet.round_id, m.Sheet.inspector_id, m.Sheet.tambon_code).where(
                m.Sheet.status == m.SheetStatus.LOCKED
            )
        )
    }
    return ctx
