"""Fixtures for the UI tests: a real contest on a fresh database per test, an application
context with its own settings file, and a check that no test leaves background work running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from evaluator.db import Database
from evaluator.db import models as m
from tests.evaluator.sheet_fixtures import FULL, Contest, add_sheet, build_contest
from ui.context import AppContext
from ui.settings import UiSettings
from ui.tasks import TaskRunner


@pytest.fixture(scope="session", autouse=True)
def _sarabun(qapp: QApplication) -> None:
    from ui.fonts import app_font, load_sarabun

    qapp.setFont(app_font(load_sarabun()))


@pytest.fixture(autouse=True)
def _no_threads_left(qapp: QApplication) -> Iterator[None]:
    """Fail any test that leaves thread-pool work alive (napari's rule)."""
    yield
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(5000), "background work still running after the test"
    assert pool.activeThreadCount() == 0
    for runner in TaskRunner.instances():
        if shiboken6.isValid(runner) and shiboken6.isValid(runner.pool):
            assert runner.pool.waitForDone(10000), "a task runner still has work"
            assert runner.pool.activeThreadCount() == 0


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings.at(tmp_path / "ui.ini")


@pytest.fixture
def contest(db: Database) -> Contest:
    """Twelve real tambons, six assigned to three inspectors, sheets in every state."""
    c = build_contest(db, tambon_count=12, assigned=6)
    t = c.tambons
    c.sheets["a0"] = add_sheet(
        db, c, "ผู้ตรวจ ก", t[0], FULL, m.SheetStatus.SUBMITTED, notes={"C1": "ผู้นำปลูกผักก่อน"}
    )
    c.sheets["b0"] = add_sheet(
        db, c, "ผู้ตรวจ ข", t[0], {"C1": 10, "C2": 9, "C3": 5, "C4": 4}, m.SheetStatus.SUBMITTED
    )
    c.sheets["c0"] = add_sheet(
        db, c, "ผู้ตรวจ ค", t[0], {"C1": 4, "C2": 6, "C3": 3, "C4": 2}, m.SheetStatus.SUBMITTED
    )
    c.sheets["a1"] = add_sheet(
        db, c, "ผู้ตรวจ ก", t[1], {"C1": 6, "C2": 6, "C3": 3, "C4": 3}, m.SheetStatus.SUBMITTED
    )
    c.sheets["b1"] = add_sheet(
        db, c, "ผู้ตรวจ ข", t[1], {"C1": 7, "C2": 5, "C3": 4, "C4": 2}, m.SheetStatus.SUBMITTED
    )
    c.sheets["a2"] = add_sheet(
        db, c, "ผู้ตรวจ ก", t[2], {"C1": 9, "C2": 8, "C3": 5, "C4": 5}, m.SheetStatus.SUBMITTED
    )
    c.sheets["a3"] = add_sheet(db, c, "ผู้ตรวจ ก", t[3], {"C1": 2}, m.SheetStatus.DRAFT)
    return c


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    assert tasks.shutdown(10000), "a background task did not finish"
    assert tasks.pool.activeThreadCount() == 0
    tasks.deleteLater()


def make_context(
    db: Database, user: object, settings: UiSettings, runner: TaskRunner
) -> AppContext:
    from evaluator.permissions import UserInfo

    assert isinstance(user, UserInfo)
    return AppContext(db=db, user=user, settings=settings, tasks=runner)


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Database]:
    """The full demo data set (1,000 tambons, 15,000 leaders, 2,456 sheets) on a fresh file."""
    from evaluator.db import open_database
    from evaluator.services.demo import create_demo

    database = open_database(tmp_path / "demo.sqlite3")
    create_demo(database)
    yield database
    database.dispose()


def user_of(db: Database, role: m.Role, index: int = 0) -> object:
    """A stored user of ``role`` (the ``index``-th by name)."""
    from evaluator.services.users import list_users

    return [u for u in list_users(db) if u.role is role][index]


def answer_modal(action: object, attempts: int = 50) -> None:
    """Deal with the next modal dialog (message box) once it is open: ``action(dialog)``."""
    from PySide6.QtCore import QTimer

    def poll(left: int = attempts) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            action(widget)  # type: ignore[operator]
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns whenever a top-level window gets size hints (every window
    with a layout does); that says nothing about the program, so it alone is ignored."""
    marker = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(marker)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` (Thai included, which QTest.keyClicks cannot) key by key into ``widget``."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        key = Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture(scope="session", autouse=True)
def _gui_thread_collection(qapp: QApplication) -> Iterator[None]:
    """As in the app (ui/app.py): cyclic collection only in the GUI thread, never started by a
    background task's allocations (a collection there once freed a closed window's widgets
    outside the GUI thread: a crash)."""
    from ui.collection import GuiThreadCollector

    made = GuiThreadCollector(qapp)
    yield
    made.stop()
