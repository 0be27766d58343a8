"""The main window shows and allows only what the user's role may do, and remembers its
geometry and last view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.permissions import UserInfo
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import answer_modal, make_context
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner

Make = Callable[[UserInfo], MainWindow]
REVIEW = {"packages", "conflicts", "documents", "lessons", "audit"}


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
    # no packages, conflicts, documents or audit log; only their own key
    assert set(window.key_actions) == {"mine"}
    assert "ผู้ประเมิน" in window.user_label.text()
    _close(window)


def test_a_committee_member_ranks_and_compares_but_does_not_finalise(
    make_window: Make, contest: Contest
) -> None:
    window = make_window(contest.committee)
    assert set(window.views) == {"dashboard", "tambons", "scoring", "rankings", "compare"} | REVIEW
    assert set(window.import_actions) == {"package", "scoresheet", "scores"}
    assert set(window.export_actions) == {"scoresheet"}  # Excel scoresheets for inspectors
    assert set(window.key_actions) == {"register"}
    rankings = window.views["rankings"]
    assert not rankings.finalise_button.isVisibleTo(rankings)  # type: ignore[attr-defined]
    tambons = window.views["tambons"]
    assert not tambons.start_button.isVisibleTo(tambons)  # type: ignore[attr-defined]
    _close(window)


def test_an_admin_may_do_everything(make_window: Make, contest: Contest) -> None:
    window = make_window(contest.admin)
    assert (
        set(window.views)
        == {
            "dashboard",
            "tambons",
            "scoring",
            "rankings",
            "compare",
            "setup",  # set-up: inspectors, assignments, leaders, accounts
        }
        | REVIEW
    )
    assert set(window.key_actions) == {"mine", "register"}
    assert set(window.import_actions) == {
        "package",
        "scoresheet",
        "scores",
        "geography",
        "contest",
        "inspectors",
        "assignments",
        "leaders",
        "users",
    }
    assert set(window.export_actions) == {"package", "scoresheet"}
    from ui.views.base import View

    # every view shares the one load-when-shown protocol (activate / mark_stale / reload)
    assert all(isinstance(v, View) and v.key == k for k, v in window.views.items())
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
    settings = window.findChild(QAction, "settings")
    assert QKeySequence("Ctrl+,") in settings.shortcuts()
    opened: list[str] = []

    def close_it(dialog: QWidget) -> None:
        opened.append(dialog.objectName() or type(dialog).__name__)
        dialog.close()

    answer_modal(close_it)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == ["settingsDialog"]
    _close(window)


def test_geometry_and_last_view_are_remembered(
    qtbot: QtBot, make_window: Make, contest: Contest
) -> None:
    first = make_window(contest.committee)
    with qtbot.waitExposed(first):
        first.show()
    # the offscreen screen is 800 x 800: stay inside it (the window's own minimum width aside)
    # (and wide enough for the navigation in either of its forms)
    first.setGeometry(QRect(10, 20, max(first.minimumSizeHint().width(), 600), 640))
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


def test_compare_selected_tambons_from_the_tambon_table(
    qtbot: QtBot, make_window: Make, contest: Contest
) -> None:
    """Choosing 2–4 rows and pressing Compare opens the comparison, rounds and all."""
    from PySide6.QtCore import QItemSelectionModel, Qt

    window = make_window(contest.committee)
    with qtbot.waitExposed(window):
        window.show()
    tambons = window.views["tambons"]
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "tambons"
    ):
        window.show_view("tambons")
    table = tambons.table  # type: ignore[attr-defined]
    selection = table.selectionModel()
    for code in contest.tambons[:3]:
        row = tambons.proxy.mapFromSource(  # type: ignore[attr-defined]
            tambons.model.index(tambons.model.row_of(code), 0)  # type: ignore[attr-defined]
        )
        selection.select(
            row,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert tambons.compare_button.isEnabled()  # type: ignore[attr-defined]
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "compare"
    ):
        qtbot.mouseClick(tambons.compare_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    compare = window.views["compare"]
    assert window.current_view_key() == "compare"
    assert compare.comparison is not None  # type: ignore[attr-defined]
    assert sorted(t.code for t in compare.comparison.tambons) == sorted(contest.tambons[:3])  # type: ignore[attr-defined]
    _close(window)


def test_an_empty_database_opens_every_view(
    qtbot: QtBot, db: Database, ui_settings: UiSettings
) -> None:
    """A fresh database (no tambons, no contest): every view opens and says so, no errors."""
    from evaluator.db import models as m
    from evaluator.services.users import create_user

    admin = create_user(db, None, "ผู้ดูแลระบบ", m.Role.ADMIN)
    window = MainWindow(make_context(db, admin, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    for key in window.views:
        window.show_view(key)
        qtbot.wait(50)
    assert window.ctx.tasks.wait(10000)
    qtbot.wait(50)
    tambons = window.views["tambons"]
    assert tambons.model.rowCount() == 0  # type: ignore[attr-defined]
    dashboard = window.views["dashboard"]
    assert dashboard.cards["expected"].value.text() == "0"  # type: ignore[attr-defined]
    _close(window)


def test_the_window_fits_its_screen_and_keeps_its_geometry_on_every_change(
    qtbot: QtBot, make_window: Make, contest: Contest, ui_settings: UiSettings
) -> None:
    """First start: no bigger than the screen's available area. A move or resize is saved
    within a moment (a crash keeps it); a geometry saved on a bigger screen comes back whole."""
    from ui.geometry import available_area

    window = make_window(contest.admin)
    area = available_area(window)
    assert window.width() <= area.width() and window.height() <= area.height()
    with qtbot.waitExposed(window):
        window.show()
    assert ui_settings.geometry is None
    window.resize(area.width() // 2, area.height() // 2)
    qtbot.waitUntil(lambda: ui_settings.geometry is not None, timeout=3000)
    _close(window)

    # a geometry saved on a 2560×1440 monitor, restored on this screen
    big = make_window(contest.admin)
    big.setGeometry(QRect(1800, 900, 2400, 1300))
    ui_settings.geometry = big.saveGeometry()
    big.close()
    again = make_window(contest.admin)
    frame = again.frameGeometry()
    assert area.contains(frame.topLeft()) and area.contains(frame.bottomRight()), (frame, area)
    _close(again)


def test_every_view_scrolls_rather_than_overflowing_a_small_window(
    qtbot: QtBot, make_window: Make, contest: Contest
) -> None:
    """A small window (a 1366×768 screen at 150 %): each view sits in a scroll area, so the
    window's minimum stays small and every part of a view can be scrolled to."""
    window = make_window(contest.admin)
    with qtbot.waitExposed(window):
        window.show()
    hint = window.minimumSizeHint()
    assert hint.width() <= 900 and hint.height() <= 500, hint
    window.resize(700, 420)
    for key, view in window.views.items():
        window.show_view(key)
        qtbot.wait(20)
        page = window.pages[key]
        assert isinstance(page, QScrollArea) and page.widget() is view

        def reachable(view: QWidget = view, page: QScrollArea = page) -> bool:
            hidden_w = view.minimumSizeHint().width() - page.viewport().width()
            hidden_h = view.minimumSizeHint().height() - page.viewport().height()
            return (
                page.horizontalScrollBar().maximum() >= hidden_w
                and page.verticalScrollBar().maximum() >= hidden_h
            )

        qtbot.waitUntil(reachable, timeout=3000)
    _close(window)


def test_views_are_built_when_first_shown_and_never_take_the_focus_away(
    qtbot: QtBot, make_window: Make, contest: Contest
) -> None:
    """The window opens with its first view only (the others, and the libraries they need,
    come when first shown); building one never pops up a window of its own."""
    from PySide6.QtWidgets import QApplication

    window = make_window(contest.admin)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    first = window.current_view_key()
    assert first in window.views.built()
    assert len(window.views.built()) < len(window.views)
    for key in window.views:
        window.show_view(key)
        qtbot.wait(30)
        assert QApplication.activeWindow() is window, key
    assert set(window.views.built()) == set(window.views)
    _close(window)


def test_every_view_stays_in_the_navigation_on_a_short_screen(
    qtbot: QtBot, make_window: Make, contest: Contest
) -> None:
    """A 1366×768 screen at 125 % holds about seven views with titles under the icons: the
    navigation turns compact (titles beside small icons) rather than hide views behind its
    overflow button, and turns back when there is room."""
    from PySide6.QtWidgets import QToolButton

    window = make_window(contest.admin)
    with qtbot.waitExposed(window):
        window.show()
    nav = window.nav
    assert len(nav.actions()) == 11  # with the lessons view

    def all_shown() -> bool:
        return all(nav.widgetForAction(a).isVisible() for a in nav.actions())

    window.resize(900, 420)
    qtbot.waitUntil(lambda: nav.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    qtbot.waitUntil(all_shown)
    assert all(
        isinstance(nav.widgetForAction(a), QToolButton) and nav.widgetForAction(a).text()
        for a in nav.actions()
    )  # still titled
    window.resize(900, 790)
    qtbot.waitUntil(lambda: nav.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    qtbot.waitUntil(all_shown)
    _close(window)
