"""Building the demo data set in an empty database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from evaluator import demo
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError
from evaluator.services.contest_import import default_contest_spec
from evaluator.services.setup import init_database


@dataclass(frozen=True)
class DemoResult:
    """The database, and what the demo wrote (None when it left a non-empty database alone)."""

    url: str
    counts: demo.DemoCounts | None


def has_data(db: Database) -> bool:
    """Whether the database already holds tambons, inspectors or sheets."""
    with db.transaction() as s:
        return any(
            s.scalar(select(func.count()).select_from(table))
            for table in (m.Tambon, m.Inspector, m.Sheet)
        )


def create_demo(
    db: Database, seed: int = demo.DEFAULT_SEED, if_missing: bool = False
) -> DemoResult:
    """Create (or upgrade) the schema, then write the whole demo in one unit of work.

    A database that already has tambons, inspectors or sheets is refused, or, with
    ``if_missing``, left as it is.
    """
    init_database(db)
    if has_data(db):
        if if_missing:
            return DemoResult(db.url, None)
        raise EvaluatorError(
            "ฐานข้อมูลนี้มีตำบล ผู้ประเมิน หรือแบบประเมินอยู่แล้ว จึงไม่สร้างข้อมูลตัวอย่างทับ "
            "(ใช้ฐานข้อมูลใหม่ หรือ --if-missing) — the database already has data"
        )
    spec = default_contest_spec()
    with db.transaction() as s:
        counts = demo.populate(s, spec, seed)
    return DemoResult(db.url, counts)
