"""Starting without the cyclic garbage collector.

Loading the program (SQLAlchemy, the models' mapping, Qt's bindings, the services) makes a few
hundred thousand objects, none of them garbage, and the collector would walk them again and
again while they are made: about a sixth of the time from process start to the main window
(bench/README.md). The entry points pause it first thing (:func:`pause`) and resume it once the
program has started (:func:`resume`: the app when its main window is shown, a command before it
runs). Resuming freezes the objects made so far out of the collector's reach (``gc.freeze``),
so a later full collection never walks them again: no pause of that size while someone types.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No cyclic collection until :func:`resume` (reference counting frees as always)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what start-up made and collect again; nothing when :func:`pause` did not pause
    (a test run, or a caller that turned the collector off for its own reasons)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
