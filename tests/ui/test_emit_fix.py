"""PySide6 6.12's ``emit`` takes a reference from ``True`` at every call (after a few thousand
emits from Python the interpreter aborts, freeing ``True``): ``ui.emit_fix`` gives it back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import ui.tasks  # noqa: F401  # what loads the fix in the app
from ui import emit_fix


class _Sender(QObject):
    plain = Signal()
    number = Signal(int)
    anything = Signal(object)


def test_emits_leave_true_as_they_found_it() -> None:
    sender = _Sender()
    seen: list[object] = []
    sender.anything.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(20_000):  # more than True's references in this process: fatal unfixed
        sender.plain.emit()
        sender.number.emit(i)
        sender.anything.emit(i)
        sender.objectNameChanged.emit("x")  # a signal of Qt's own, emitted from Python
    assert abs(sys.getrefcount(True) - before) < 50  # other threads may hold a few
    assert len(seen) == 20_000 and seen[-1] == 19_999
    assert not emit_fix.emit_takes_true()  # the check itself now finds no fault
