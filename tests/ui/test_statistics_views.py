"""The statistics in the app: the dashboard's design advice, the rankings' margin and p_winner."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services.assignment_design import assignment_design
from tests.ui.conftest import make_context, user_of
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.dashboard import DashboardView


def test_the_dashboard_warns_of_zones_that_cannot_be_compared(
    qtbot: QtBot, demo_db: Database, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    user = user_of(demo_db, m.Role.COMMITTEE)
    assert isinstance(user, UserInfo)
    view = DashboardView(make_context(demo_db, user, ui_settings, runner))
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.activate()
    assert runner.wait(20000)
    qtbot.waitUntil(lambda: not runner.running, timeout=20000)
    # the demo's inspectors overlap in every zone: nothing to say
    assert not view.design_note.isVisible()

    # a report where zone 1's inspectors fall into two groups
    report = assignment_design(demo_db)
    assert report.problems == ()
    split = replace(
        report,
        zones=tuple(
            replace(z, separable=False, message="เขต 1: แยกไม่ได้ — zone 1: cannot")
            if z.zone == 1
            else z
            for z in report.zones
        ),
    )
    view.show_design(split)
    assert view.design_note.isVisible()
    assert view.design_note.text() == "เขต 1: แยกไม่ได้"
    view.show_design(report)
    assert not view.design_note.isVisible()


def test_rankings_show_how_sure_each_place_is(
    qtbot: QtBot, demo_db: Database, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    from evaluator.scoring.figures import in_band
    from ui.views.rankings import BAND_BACKGROUND, RankingsView

    user = user_of(demo_db, m.Role.COMMITTEE)
    assert isinstance(user, UserInfo)
    view = RankingsView(make_context(demo_db, user, ui_settings, runner))
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.activate()
    titles = [c.title for c in view.model.columns]
    margin_col, sure_col = titles.index("ส่วนต่าง"), titles.index("ความมั่นใจ")
    ranking = view.ranking
    assert ranking is not None and ranking.resamples == 1000
    band = 0
    for row, e in enumerate(view.model.records):
        sure = view.model.index(row, sure_col)
        if e.rank is None:
            assert sure.data() == "–"
            continue
        assert sure.data() == f"{e.p_winner:.0%}"
        assert view.model.index(row, margin_col).data() == f"{e.margin:+.2f}"
        if in_band(e.p_winner):
            band += 1
            assert sure.data(Qt.ItemDataRole.BackgroundRole) == BAND_BACKGROUND
    assert band > 0
    assert f"1,000 ครั้ง): {band} ตำบล" in view.summary.text()
