"""The contests and rounds a people or scores table may name, read into the lookups both
importers check a row against (:mod:`evaluator.io.people_import`,
:mod:`evaluator.io.scores_import`): a contest by its code, a round by its code or its title, in
the order the contests and rounds are set up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.db import models as m
from evaluator.text import name_key


@dataclass(frozen=True)
class RoundInfo:
    id: int
    contest_id: int
    code: str
    finalised: bool


class ContestLookups(Protocol):
    contests: dict[str, int]  # name_key(code) → id
    first_contest: int | None
    rounds: dict[str, list[RoundInfo]]  # name_key(code or title) → rounds


def read_contests_and_rounds(session: Session, into: ContestLookups) -> None:
    """Fill ``into``'s contests (by code), first contest and rounds (by code and by title)."""
    for cid, code in session.execute(select(m.Contest.id, m.Contest.code).order_by(m.Contest.id)):
        into.contests[name_key(code)] = cid
        if into.first_contest is None:
            into.first_contest = cid
    for r in session.execute(
        select(
            m.Round.id, m.Round.contest_id, m.Round.code, m.Round.title, m.Round.finalised_at
        ).order_by(m.Round.contest_id, m.Round.position, m.Round.id)
    ):
        info = RoundInfo(r.id, r.contest_id, r.code, r.finalised_at is not None)
        for key in {name_key(r.code), name_key(r.title or r.code)}:
            into.rounds.setdefault(key, []).append(info)
