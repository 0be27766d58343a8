"""The one shape of progress reporting, shared by services, reports and the UI's background helper.

A long job takes ``progress: Progress`` and calls ``progress(done, total, text)``: ``done`` of
``total`` steps (``total`` 0 when not known yet) with one line of text in Thai for the user. It
takes ``cancelled: Cancelled`` and stops, changing nothing more, once ``cancelled()`` is true.
``ui.tasks.TaskControl.progress`` has this shape, so a job hands it on as it is.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
"""``progress(done, total, text)``."""

Cancelled = Callable[[], bool]
"""``cancelled()``: True once the user asked to stop."""


def no_progress(done: int, total: int, text: str = "") -> None:
    """A :data:`Progress` that reports nowhere."""


def never_cancelled() -> bool:
    """A :data:`Cancelled` that never asks to stop."""
    return False
