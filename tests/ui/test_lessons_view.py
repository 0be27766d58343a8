"""The lessons view: search as you type (in C++), filter by zone and by the committee's mark,
the committee marks a practice worth spreading (audited), an inspector sees only their own and
cannot mark."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services import lessons, sheets
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context, type_text
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.lessons import LessonsView

GARDEN = "ทุกครัวเรือนปลูกผักสวนครัวริมรั้ว"
RICE = "ตั้งธนาคารข้าวชุมชน ให้ยืมข้าวเปลือก"


def _write(db: Database, user: UserInfo, contest: Contest, tambon: int, text: str) -> int:
    sheet_id = sheets.start_sheet(db, user, "outstanding", contest.tambons[tambon])
    lessons.save_lessons(db, user, sheet_id, {"good_practices": text})
    return sheet_id


def _view(
    qtbot: QtBot, db: Database, user: UserInfo, ui_settings: UiSettings, runner: TaskRunner
) -> LessonsView:
    view = LessonsView(make_context(db, user, ui_settings, runner))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.activate()
    return view


def test_committee_searches_filters_and_marks(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = _write(db, contest.inspector_a, contest, 4, GARDEN)
    _write(db, contest.inspector_b, contest, 5, RICE)
    view = _view(qtbot, db, contest.committee, ui_settings, runner)
    ModelTester(None).check(view.proxy)
    assert view.proxy.rowCount() == 2
    view.search.setFocus()
    type_text(view.search, "ธนาคาร")
    assert view.proxy.rowCount() == 1  # filtered as typed, no pause

    assert RICE.split()[0] in view.proxy.record(0).texts.good_practices
    view.search.clear()
    assert view.proxy.rowCount() == 2
    entry = next(view.proxy.record(r) for r in range(2) if view.proxy.record(r).sheet_id == a)
    other_zone = entry.zone % 18 + 1
    view.zone.setCurrentIndex(view.zone.findData(other_zone))
    assert all(view.proxy.record(r).zone == other_zone for r in range(view.proxy.rowCount()))
    view.zone.setCurrentIndex(view.zone.findData(entry.zone))
    assert view.proxy.rowCount() >= 1
    view.zone.setCurrentIndex(0)
    assert view._select(a)
    assert GARDEN in view.detail.toPlainText()
    assert view.mark_button.isVisible() and view.mark_button.isEnabled()
    monkeypatch.setattr(
        "ui.views.lessons.QInputDialog.getText", lambda *_a, **_k: ("ทำได้ทุกตำบล", True)
    )
    view.mark()
    assert view.current() is not None and view.current().spread is not None  # type: ignore[union-attr]
    assert "ทำได้ทุกตำบล" in view.detail.toPlainText()
    view.spread_only.setChecked(True)
    assert view.proxy.rowCount() == 1
    with db.transaction() as s:
        actors = s.scalars(
            select(m.AuditEntry.actor).where(m.AuditEntry.action == "mark_spread")
        ).all()
    assert actors == [contest.committee.login]


def test_an_inspector_sees_their_own_and_cannot_mark(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    _write(db, contest.inspector_a, contest, 4, GARDEN)
    _write(db, contest.inspector_b, contest, 5, RICE)
    view = _view(qtbot, db, contest.inspector_a, ui_settings, runner)
    assert view.proxy.rowCount() == 1
    assert view.proxy.record(0).texts.good_practices == GARDEN
    assert not view.mark_button.isVisible()
