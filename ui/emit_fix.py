"""A work-around for PySide6 6.12's ``SignalInstance.emit``, which returns ``True`` without
taking a reference to it: every ``.emit()`` made from Python takes one reference from ``True``
for good. ``True`` holds a few thousand references in the app (about 8,300 once the views'
modules are loaded), so after that many emits from Python — pages loaded, tasks finished,
progress reported — the interpreter frees ``True`` and aborts ("Fatal Python error:
bool_dealloc: deallocating True or False"); a script emitting 1,000 times aborts at once.

At import this module checks whether ``emit`` has the fault (a few emits of a throw-away
signal) and, only then, wraps it to give back the reference each emit took. A PySide6 without
the fault is left untouched. Imported by :mod:`ui.tasks`, which every window's context loads.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16


class _Probe(QObject):
    pinged = Signal()


def emit_takes_true(tries: int = 3) -> bool:
    """Whether ``SignalInstance.emit`` takes a reference from ``True`` at each call. Another
    thread may take or give references to ``True`` while the probe runs, so the probe is run
    ``tries`` times and half the deficit in any one of them counts as the fault: wrapping an
    emit that has no fault only keeps a few extra references to ``True`` (harmless); missing
    the fault aborts the app later."""
    probe = _Probe()
    for _ in range(tries):
        before = sys.getrefcount(True)
        for _ in range(_PROBES):
            probe.pinged.emit()
        if before - sys.getrefcount(True) >= _PROBES // 2:
            return True
    return False


def _install() -> bool:
    if getattr(SignalInstance.emit, "gives_back_true", False):
        return True  # already wrapped
    if not emit_takes_true():
        return False
    emit = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit_giving_back(self: SignalInstance, *args: Any) -> Any:
        result = emit(self, *args)
        if result is True:
            incref(True)  # the reference emit returned without taking it
        return result

    emit_giving_back.gives_back_true = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit_giving_back  # type: ignore[method-assign]
    return True


INSTALLED = _install()
