"""The entry points: ``evaluator`` (console: the command line of the core and the reports, or
the GUI when given no command) and ``evaluator-app`` (windowed: the GUI).

This is the one place that knows every layer; ``evaluator`` and ``reports`` never import it.

Opening the app is the common case and should be quick: when the arguments name no command
(only ``--db`` and ``--user``), the app starts without building the command line's parser,
whose command modules the app does not need; anything else (a command, ``--help``,
``--version``, a mistake) goes to the full parser, which says what it always said.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from evaluator import startup

if TYPE_CHECKING:
    from evaluator.cli.common import Extension


def _extensions() -> list[Extension]:
    from reports import reports_cli
    from reports.cli import register

    return [register, reports_cli.register]


def app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """``--db`` and ``--user`` when ``argv`` holds nothing else (the app opens), else None."""
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--db", default=None)
    quick.add_argument("--user", default=None)
    try:
        known, rest = quick.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None  # e.g. --db without a value: the full parser says so
    return None if rest else known


def main(argv: Sequence[str] | None = None) -> int:
    """``evaluator [--db X] [COMMAND …]``: a command, or the desktop app when none is given."""
    startup.pause()  # resumed when the main window is shown, or before a command runs
    try:
        return _main(argv)
    finally:
        startup.resume()  # whatever ended the start: a mistake, a cancelled sign-in, …


def _main(argv: Sequence[str] | None) -> int:
    from evaluator.cli.common import utf8_streams
    from evaluator.logs import setup_logging

    utf8_streams()
    args = app_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:
        from evaluator.cli.parser import GUI_DESCRIPTION, build_parser, run

        parser = build_parser(_extensions(), description=GUI_DESCRIPTION)
        args = parser.parse_args(argv)
        setup_logging()
        if getattr(args, "handler", None) is not None:
            startup.resume()
            return run(args)
    setup_logging()
    from ui.app import run_app

    return run_app(args.db, sys.argv[:1], user_name=args.user)


def gui_main() -> int:
    """``evaluator-app``: the desktop app from a launcher with no console (Windows' pythonw has
    no stdout or stderr at all; output goes nowhere instead of failing)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return main()


if __name__ == "__main__":
    raise SystemExit(main())
