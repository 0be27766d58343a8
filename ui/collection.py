"""Python's cyclic garbage collection in the GUI thread only (see :mod:`evaluator.collector`).

Once the collector is handed over, nothing collects by itself; this timer, in the GUI thread,
collects each generation whose count has passed its threshold, as the collector would have, a
few times a second. Reference counting frees almost everything at once as before: only cycles
wait for the next tick. A background task's allocations can then never start a collection that
destroys a closed window's Qt objects outside the GUI thread (a crash: seen in a test run, the
dashboard's job collecting while the main thread closed a window)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from evaluator import collector

INTERVAL_MS = 250
_active: list[GuiThreadCollector] = []


class GuiThreadCollector(QObject):
    """Collects in the thread it lives in (the GUI thread): make it with the application as
    parent; :meth:`stop` gives the collection back when no other is running."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        collector.collect_in_gui_thread()
        _active.append(self)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the generations that are due, youngest first, as the collector's own rule."""
        young, middle, old = gc.get_count()
        if young <= self.thresholds[0]:
            return
        gc.collect(0)
        if middle > self.thresholds[1]:
            gc.collect(1)
            if old > self.thresholds[2]:
                gc.collect(2)

    def stop(self) -> None:
        self.timer.stop()
        if self in _active:
            _active.remove(self)
        if not _active:
            collector.collect_in_gui_thread(False)
