"""The one helper for long work off the UI thread (imports, merges, PDFs, loading big lists).

A job is a plain function ``job(control) -> result`` that calls services and returns plain data.
It runs on a QThreadPool; it reports progress with ``control.progress(done, total, text)`` (the
one :data:`evaluator.progress.Progress` shape, so a job hands ``control.progress`` to a service
or a report as it is) and stops early when ``control.cancelled`` (``control.check()`` raises
:class:`Cancelled`). Progress,
the result, an error or the cancellation come back to the UI thread by queued signals of the
:class:`Task` handle, so no worker ever touches a widget.
"""

from __future__ import annotations

import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

import ui.emit_fix  # noqa: F401  # PySide6 6.12's emit takes a reference from True: given back


class Cancelled(Exception):
    """Raised inside a job by :meth:`TaskControl.check` once the user cancelled it."""


class TaskControl:
    """What a job sees of its task: report progress, ask whether it was cancelled."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Report ``done`` of ``total`` steps (total 0: unknown), with a line of text."""
        self._signals.progress.emit(int(done), int(total), text)

    def __call__(self, done: int, total: int = 0, text: str = "") -> bool:
        """Progress callback form: report, and return False once cancelled."""
        self.progress(done, total, text)
        return not self.cancelled


class _Signals(QObject):
    progress = Signal(int, int, str)
    result = Signal(object)
    error = Signal(object, str)
    cancelled = Signal()
    done = Signal()


Job = Callable[[TaskControl], Any]


class _Runnable(QRunnable):
    def __init__(self, job: Job, control: TaskControl, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._control = control
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._job(self._control)
        except Cancelled:
            self._signals.cancelled.emit()
        except Exception as exc:  # every failure goes back to the UI, none is lost
            self._signals.error.emit(exc, traceback.format_exc())
        else:
            if self._control.cancelled:
                self._signals.cancelled.emit()
            else:
                self._signals.result.emit(result)
        finally:
            self._signals.done.emit()


class Task(QObject):
    """The UI-thread handle of one running job."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # the job's result
    failed = Signal(object, str)  # the exception and its traceback text
    cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, name: str, runner: TaskRunner) -> None:
        super().__init__(runner)
        self.name = name
        self._signals = _Signals()
        self.control = TaskControl(self._signals)
        self.running = True
        self._signals.progress.connect(self.progress)
        self._signals.result.connect(self.finished)
        self._signals.error.connect(self.failed)
        self._signals.cancelled.connect(self.cancelled)
        self._signals.done.connect(self._on_done)

    def cancel(self) -> None:
        """Ask the job to stop; it stops at its next check."""
        self.control.cancel()

    def _on_done(self) -> None:
        self.running = False
        self.done.emit()
        runner = self.parent()
        if isinstance(runner, TaskRunner):
            runner._forget(self)


class TaskRunner(QObject):
    """Starts jobs on its own thread pool and keeps their handles until they end."""

    _all: ClassVar[weakref.WeakSet[TaskRunner]] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tasks: list[Task] = []
        TaskRunner._all.add(self)

    @classmethod
    def instances(cls) -> list[TaskRunner]:
        """Every runner still alive (tests check that none has work left)."""
        return list(cls._all)

    def start(self, job: Job, name: str = "") -> Task:
        """Run ``job`` in the background; connect to the returned handle's signals."""
        task = Task(name, self)
        self._tasks.append(task)
        self.pool.start(_Runnable(job, task.control, task._signals))
        return task

    @property
    def running(self) -> list[Task]:
        return [t for t in self._tasks if t.running]

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has returned (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 10000) -> bool:
        """Cancel every job and wait for the threads to finish."""
        self.cancel_all()
        return self.pool.waitForDone(msecs)

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
            task.deleteLater()
