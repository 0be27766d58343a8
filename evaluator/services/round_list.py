"""The rounds as choices in a list: all the first view needs of them, read with SQLAlchemy Core
(it comes before the ORM's mapped classes are built; docs/architecture.md). Still found in
:mod:`evaluator.services.rounds`, where it lived."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db.schema import rounds


@dataclass(frozen=True)
class RoundRef:
    """A round as a choice in a list."""

    id: int
    code: str
    title: str
    contest_id: int
    finalised: bool


def list_rounds(db: Database) -> list[RoundRef]:
    """Every round of every contest, in contest and round order."""
    query = select(
        rounds.c.id, rounds.c.code, rounds.c.title, rounds.c.contest_id, rounds.c.finalised_at
    ).order_by(rounds.c.contest_id, rounds.c.position)
    with db.connection() as connection:
        return [
            RoundRef(r.id, r.code, r.title or r.code, r.contest_id, r.finalised_at is not None)
            for r in connection.execute(query)
        ]
