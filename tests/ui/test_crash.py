"""An unexpected error is logged and shown in a Thai/English dialog with the log's path and a
button that copies the details; errors in other threads too; a database that cannot be opened
gives a dialog, not a vanishing window."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from evaluator import logs
from ui.dialogs import crash


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The program's log in a temporary folder and its crash handler, both undone afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_reporter", None)
    root = logging.getLogger()
    earlier = [h for h in root.handlers if isinstance(h, logs._Handler)]
    for handler in earlier:
        root.removeHandler(handler)
    path = logs.setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / logs.LOG_FILE
    crash.install_crash_handler()
    yield path
    for handler in [h for h in root.handlers if isinstance(h, logs._Handler)]:
        root.removeHandler(handler)
        handler.close()
    for handler in earlier:
        root.addHandler(handler)
    dialog = crash.last_dialog()
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()


def _boom() -> None:
    raise ValueError("คะแนนเกิน — a provoked error")


def test_an_error_in_a_slot_is_logged_and_shown(qtbot: QtBot, log_file: Path) -> None:
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: crash.last_dialog() is not None, timeout=5000)
    dialog = crash.last_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == crash.TITLE
    message = dialog.message.text()
    assert "ValueError: คะแนนเกิน — a provoked error" in message
    assert str(log_file) in message
    assert "เกิดข้อผิดพลาด" in message and "An unexpected error happened" in message
    assert "Traceback" in dialog.text.toPlainText() and "_boom" in dialog.text.toPlainText()

    logged = log_file.read_text(encoding="utf-8")
    assert "CRITICAL" in logged and "ValueError: คะแนนเกิน" in logged and "_boom" in logged

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"log: {log_file}\n")
    assert "ValueError: คะแนนเกิน — a provoked error" in copied


def test_a_second_error_while_the_dialog_is_up_is_logged_not_stacked(
    qtbot: QtBot, log_file: Path
) -> None:
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: crash.last_dialog() is not None, timeout=5000)
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: log_file.read_text(encoding="utf-8").count("CRITICAL") == 2)
    assert crash._reporter is not None and len(crash._reporter.shown) == 1


def test_an_error_in_another_thread_reaches_the_dialog(qtbot: QtBot, log_file: Path) -> None:
    worker = threading.Thread(target=_boom, name="importer")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: crash.last_dialog() is not None, timeout=5000)
    dialog = crash.last_dialog()
    assert dialog is not None
    assert "thread importer" in dialog.message.text()
    assert "unhandled exception in thread importer" in log_file.read_text(encoding="utf-8")


def test_setting_up_the_log_twice_adds_no_second_handler(log_file: Path) -> None:
    assert logs.setup_logging() == log_file
    assert sum(isinstance(h, logs._Handler) for h in logging.getLogger().handlers) == 1


def test_the_log_rotates(tmp_path: Path, log_file: Path) -> None:
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logs._Handler))
    assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUPS
    handler.maxBytes = 2000
    for n in range(200):
        logging.getLogger("evaluator.test").warning("line %d %s", n, "x" * 40)
    assert (log_file.parent / f"{logs.LOG_FILE}.1").exists()
    assert len(list(log_file.parent.iterdir())) == logs.BACKUPS + 1


def test_a_database_that_cannot_be_opened_gives_a_dialog(
    qtbot: QtBot, log_file: Path, tmp_path: Path
) -> None:
    from ui.app import run_app
    from ui.settings import UiSettings

    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    seen: list[str] = []

    def close_it() -> None:
        dialog = crash.last_dialog()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, close_it)
            return
        seen.append(dialog.message.text())
        dialog.reject()

    QTimer.singleShot(50, close_it)
    settings = UiSettings.at(tmp_path / "settings.ini")
    assert run_app(folder, ["evaluator"], settings=settings) == 1
    assert seen and str(folder) in seen[0] and "opening the database" in seen[0]
    assert str(log_file) in seen[0]
    assert "unable to open database file" in log_file.read_text(encoding="utf-8")
