"""Python's cyclic garbage collector paused while many objects that make no cycles pile up.

The collector runs whenever allocations outnumber deallocations by a threshold, and walks the
young objects (and, now and then, every object): a job that keeps hundreds of thousands of
small containers alive walks them again and again for nothing. Reference counting frees memory
as always while the collector is paused; only cycles wait. Two such jobs, one rule:

- a **bulk job** (a score table's rows checked and stored, a round's scores read and ranked)
  runs inside :func:`paused`, which sets the collector back as it was;
- the **program's start** (SQLAlchemy, the models' mapping, Qt's bindings, the services: about
  a sixth of the time to the main window) is paused by the entry points first thing
  (:func:`pause`) and resumed once the program has started (:func:`resume`: the app when its
  main window is shown, a command before it runs). Resuming freezes the objects made so far out
  of the collector's reach (``gc.freeze``), so a later full collection never walks them again:
  no pause of that size while someone types.

In the desktop app the collector never runs by itself at all once the program has started:
:func:`collect_in_gui_thread` hands it to a timer of the GUI thread (``ui/collection.py``). A
collection started by an allocation in a background task would free whatever garbage it finds
there, Qt objects of closed windows included, and a Qt widget destroyed outside the GUI thread
crashes the process.

This module imports nothing of the program: any layer may use it (import-linter's lowest).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused_for_start = False
_gui_thread_only = False


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused for a bulk job, then set back as it was (still off inside a paused
    start, or inside another bulk job)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def pause() -> None:
    """No cyclic collection until :func:`resume` (the program's start)."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def resume() -> None:
    """Freeze what the start made and collect again; nothing when :func:`pause` did not pause
    (a test run, or a caller that turned the collector off for its own reasons). With the
    collection handed to the GUI thread, the collector stays off: that thread's timer collects."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.freeze()
        if not _gui_thread_only:
            gc.enable()


def gui_thread_collects() -> bool:
    """Whether the collection is handed to the GUI thread (:func:`collect_in_gui_thread`)."""
    return _gui_thread_only


def collect_in_gui_thread(on: bool = True) -> None:
    """From now on (``on``) no collection starts by itself, in any thread: the caller, the GUI
    thread, collects on its own timer. ``on=False`` gives the collection back."""
    global _gui_thread_only
    _gui_thread_only = on
    if on:
        gc.disable()
    elif not _paused_for_start:
        gc.enable()
