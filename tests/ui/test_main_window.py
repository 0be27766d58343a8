"""The main window shows and allows only what the user's role may do, and remembers its
geometry and last view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.permissions import UserInfo
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner

Make = Callable[[UserInfo], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings) -> Make:
    def make(user: UserInfo) -> MainWindow:
        window = MainWindow(make_context(db, user, ui_settings, TaskRunner()))
        qtbot.addWidget(window)
        return window

    return make


def _close(window: MainWindow) -> None:
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_an_inspector_sees_only_their_work(make_window: Make, contest: Contest) -> None:
    window = make_window(contest.inspector_a)
    assert set(window.views) == {"dashboard", "tambons", "scoring"}
    assert window.import_actions == {}
    assert set(window.export_actions) == {"package"}
    assert "ผู้ประเมิน" in window.user_label.text()
    _close(window)


def test_a_committee_member_ranks_and_compares_but_does_not_finalise(
    make_window: Make, contest: Contest
) -> None:
    window = make_window(contest.committee)
    assert set(window.views) == {"dashboard", "tambons", "scoring", "rankings", "compare"}
    assert set(window.import_actions) == {"package", "scoresheet", "scores"}
    rankings = window.views["rankings"]
    assert not rankings.finalise_button.isVisibleTo(rankings)  # type: ignore[attr-defined]
    tambons = window.views["tambons"]
    assert not tambons.start_button.isVisibleTo(tambons)  # type: ignore[attr-defined]
    _close(window)


def test_an_admin_may_do_everything(make_window: Make, contest: Contest) -> None:
    window = make_window(contest.admin)
    assert set(window.views) == {"dashboard", "tambons", "scoring", "rankings", "compare"}
    assert set(window.import_actions) == {"package", "scoresheet", "scores", "geography", "contest"}
    rankings = window.views["rankings"]
    assert rankings.finalise_button.isVisibleTo(rankings)  # type: ignore[attr-defined]
    _close(window)


def test_navigation_by_keyboard(qtbot: QtBot, make_window: Make, contest: Contest) -> None:
    window = make_window(contest.committee)
    with qtbot.waitExposed(window):
        window.show()
    window.view_actions["rankings"].trigger()
    assert window.current_view_key() == "rankings"
    assert window.view_actions["tambons"].shortcut().toString() == "Ctrl+2"
    _close(window)


def test_geometry_and_last_view_are_remembered(
    qtbot: QtBot, make_window: Make, contest: Contest
) -> None:
    first = make_window(contest.committee)
    with qtbot.waitExposed(first):
        first.show()
    # the offscreen screen is 800 x 800: stay inside it (the window's own minimum width aside)
    first.setGeometry(QRect(10, 20, first.minimumSizeHint().width(), 640))
    size = (first.width(), first.height())
    first.show_view("rankings")
    qtbot.waitUntil(lambda: first.views["rankings"].ranking is not None, timeout=10000)  # type: ignore[attr-defined]
    _close(first)
    second = make_window(contest.committee)
    with qtbot.waitExposed(second):
        second.show()
    assert second.current_view_key() == "rankings"
    assert (second.width(), second.height()) == size
    _close(second)
