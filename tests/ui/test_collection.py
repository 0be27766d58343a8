"""Cyclic garbage collection in the GUI thread only (ui/collection.py): a background thread's
allocations never start a collection (a collection there would destroy closed windows' Qt
objects outside the GUI thread: a crash), the GUI thread's timer collects what is due, and the
start's resume keeps it so (tests/evaluator/test_collector.py). The UI tests run with one such
collector for the whole session, as the app does (tests/ui/conftest.py)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.collection import GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def starts() -> Iterator[list[int]]:
    """The thread of every collection that starts meanwhile."""
    seen: list[int] = []

    def callback(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.get_ident())

    gc.callbacks.append(callback)
    try:
        yield seen
    finally:
        gc.callbacks.remove(callback)


def test_only_the_gui_thread_collects(qtbot: QtBot, starts: list[int]) -> None:
    owner = QObject()
    made = GuiThreadCollector(owner, interval_ms=10)
    try:
        assert not gc.isenabled()

        def churn() -> None:  # a background task's allocations: far past every threshold
            for _ in range(50_000):
                _Cycle()

        worker = threading.Thread(target=churn)
        worker.start()
        worker.join()
        assert worker.ident not in starts
        qtbot.waitUntil(lambda: threading.get_ident() in starts, timeout=3000)
        assert set(starts) == {threading.get_ident()}
    finally:
        made.stop()
    assert not gc.isenabled()  # the session's collector still collects


def test_check_collects_a_cycle_that_is_due() -> None:
    owner = QObject()
    made = GuiThreadCollector(owner, interval_ms=60_000)  # checked by hand here
    try:
        probe = _Cycle()
        gone = threading.Event()
        weakref.finalize(probe, gone.set)
        del probe
        for _ in range(gc.get_threshold()[0] + 10):
            _Cycle()  # the young generation now due
        assert not gone.is_set()  # nothing collected it by itself
        made.check()
        assert gone.is_set()
    finally:
        made.stop()
