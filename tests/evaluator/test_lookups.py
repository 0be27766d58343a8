"""The choices the desktop's audit filters and conflict view offer, read from a real database."""

from __future__ import annotations

import pytest

from evaluator.db import Database
from evaluator.errors import NotFoundError
from evaluator.services import sheets
from evaluator.services.lookups import audit_choices, round_criteria
from tests.evaluator.sheet_fixtures import build_contest


def test_audit_choices_are_what_the_log_holds(db: Database) -> None:
    assert audit_choices(db).actors == []
    c = build_contest(db)
    who = c.inspector_a
    sheet_id = sheets.start_sheet(db, who, "outstanding", c.tambons[0])
    sheets.set_score(db, who, sheet_id, c.criteria["C1"], 7)
    sheets.set_score(db, c.admin, sheet_id, c.criteria["C2"], 5)
    choices = audit_choices(db)
    assert choices.actors == sorted([who.name, c.admin.name])
    assert choices.sources == ["keyboard"]
    assert "score" in choices.entities


def test_round_criteria_in_rubric_order(db: Database) -> None:
    build_contest(db)
    heads = round_criteria(db, "outstanding")
    assert [h.code for h in heads] == ["C1", "C2", "C3", "C4"]
    assert heads[0].title == "ผู้นำทำก่อน" and heads[0].max_score == 10
    assert sum(h.weight for h in heads) == 100
    with pytest.raises(NotFoundError):
        round_criteria(db, "nonesuch")
