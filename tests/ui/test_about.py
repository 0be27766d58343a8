"""About shows the version, the database and its schema, the log, the licence and every
component's licence with the geothai (CC-BY-4.0) and Sarabun (OFL) attributions; the status
bar's database label has the path and the versions in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from evaluator import __version__, about
from evaluator.db import Database
from evaluator.db.migrate import head_revision
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.dialogs.about import AboutDialog
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner


def _window(qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings) -> MainWindow:
    window = MainWindow(make_context(db, contest.admin, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    return window


def test_status_bar_tooltip_has_the_database_and_the_versions(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = _window(qtbot, db, contest, ui_settings)
    tip = window.db_label.toolTip()
    assert str(db.file_path) in tip
    assert f"schema: {head_revision()}" in tip
    assert f"evaluator {__version__}" in tip
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_about_from_the_help_menu(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = _window(qtbot, db, contest, ui_settings)
    seen: list[AboutDialog] = []

    def look() -> None:
        dialog = window.findChild(AboutDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(50, look)
    window.about()
    assert seen
    dialog = seen[0]
    facts = dialog.facts.text()
    assert f"version: {__version__}" in facts
    assert str(db.file_path) in facts and f"schema: {head_revision()}" in facts
    notice = dialog.notice.toPlainText()
    assert "MIT License" in notice
    assert "GeoThai/data" in notice and "CC-BY-4.0" in notice
    assert "Sarabun" in notice and "Open Font License" in notice
    for part in about.COMPONENTS:
        assert part.distribution in notice
    window.close()
    assert window.ctx.tasks.wait(5000)
