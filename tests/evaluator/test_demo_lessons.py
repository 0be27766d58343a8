"""The demo's lessons learned: on most submitted sheets, in Thai, varied across the programme's
practices, a few marked worth spreading by the demo's committee, and sealed with their sheets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.demo import DEMO_COMMITTEE_LOGIN
from evaluator.services import audit_log, lessons
from evaluator.services.demo import create_demo
from evaluator.services.users import user_in

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    create_demo(db, seed=11)
    yield db
    db.dispose()


def test_demo_lessons_are_plausible_varied_and_sealed(demo: Database) -> None:
    with demo.transaction() as s:
        committee_id = s.scalar(select(m.User.id).where(m.User.login == DEMO_COMMITTEE_LOGIN))
        assert committee_id is not None
        committee = user_in(s, committee_id)
        submitted = s.scalar(
            select(m.Sheet.id).where(m.Sheet.status == m.SheetStatus.SUBMITTED).limit(1)
        )
        assert submitted is not None
        counts = {
            status: len(
                s.scalars(
                    select(m.Lesson.id)
                    .join(m.Sheet, m.Lesson.sheet_id == m.Sheet.id)
                    .where(m.Sheet.status == status)
                ).all()
            )
            for status in (m.SheetStatus.SUBMITTED, m.SheetStatus.DRAFT)
        }
        all_submitted = len(
            s.scalars(select(m.Sheet.id).where(m.Sheet.status == m.SheetStatus.SUBMITTED)).all()
        )
    assert counts[m.SheetStatus.SUBMITTED] > 0.7 * all_submitted
    entries = lessons.list_lessons(demo, committee)
    assert all(e.texts.good_practices and e.texts.success_factors for e in entries)
    assert all("{" not in e.texts.joined() for e in entries)  # every placeholder filled
    texts = {e.texts.good_practices for e in entries}
    assert len(texts) > 100  # not one text copied everywhere
    themes = {t.theme.key: t.count for t in lessons.themes(entries)}
    assert len(themes) >= 8
    assert {"gardens", "rice_bank", "seed_bank", "fish", "compost", "market"} <= set(themes)
    marked = lessons.list_lessons(demo, committee, spread_only=True)
    assert 50 < len(marked) < 200
    assert {e.spread.by for e in marked if e.spread} == {DEMO_COMMITTEE_LOGIN}
    assert len({e.tambon_code for e in marked}) == len(marked)  # one practice per tambon
    report = audit_log.verify(demo)
    assert report.intact, report.lines()
