"""Starting without the cyclic garbage collector: the entry points call :func:`pause` first
thing and :func:`resume` once the program has started (the app when its main window is shown, a
command before it runs); the rule and its reasons are in :mod:`evaluator.collector`."""

from __future__ import annotations

from evaluator.collector import pause, resume

__all__ = ["pause", "resume"]
