"""The first start (ui/dialogs/first_run.py): no database file yet, and the user makes a new
one with its admin, opens the demo, or leaves; nothing is made without asking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from evaluator.db import open_database
from evaluator.services.users import authenticate
from tests.accounts import TEST_PASSWORD
from ui.dialogs import first_run
from ui.dialogs.first_run import FirstRunDialog


def _fill(dialog: FirstRunDialog, qtbot: QtBot, again: str = TEST_PASSWORD) -> None:
    dialog.login.clear()
    qtbot.keyClicks(dialog.login, "somjai")
    dialog.name.setText("นางสาวสมใจ ใจดี")  # QTest types ASCII only
    dialog.password.setText(TEST_PASSWORD)
    dialog.again.setText(again)


def test_a_new_database_with_its_admin(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "data" / "evaluator.sqlite3"  # the default folder, not made yet
    dialog = FirstRunDialog(path, make_folder=True)
    qtbot.addWidget(dialog)
    assert not dialog.make_new.isEnabled()
    _fill(dialog, qtbot)
    assert dialog.make_new.isEnabled()
    qtbot.mouseClick(dialog.make_new, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.choice == first_run.Choice(path, "somjai")
    db = open_database(path)
    try:
        assert authenticate(db, "somjai", TEST_PASSWORD).name == "นางสาวสมใจ ใจดี"
    finally:
        db.dispose()


def test_problems_are_shown_and_nothing_is_made(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "evaluator.sqlite3"
    dialog = FirstRunDialog(path, make_folder=False)
    qtbot.addWidget(dialog)
    _fill(dialog, qtbot, again=TEST_PASSWORD + "x")
    qtbot.mouseClick(dialog.make_new, Qt.MouseButton.LeftButton)
    assert dialog.problems.text() and dialog.choice is None
    dialog.password.setText("short")
    dialog.again.setText("short")
    qtbot.mouseClick(dialog.make_new, Qt.MouseButton.LeftButton)
    assert "password" in dialog.problems.text().lower() or "รหัสผ่าน" in dialog.problems.text()
    assert dialog.choice is None and list(tmp_path.iterdir()) == []


def test_the_demo_is_built_in_its_own_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "data" / "demo.sqlite3"
    monkeypatch.setattr(first_run, "demo_db_path", lambda: demo)
    path = tmp_path / "evaluator.sqlite3"
    dialog = FirstRunDialog(path, make_folder=True)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.demo, Qt.MouseButton.LeftButton)
    assert dialog.choice == first_run.Choice(demo, "admin")
    assert not path.exists()  # the user's real database is not the demo
    db = open_database(demo)
    try:
        assert authenticate(db, "admin", "demo").login == "admin"
    finally:
        db.dispose()
