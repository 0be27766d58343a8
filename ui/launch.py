"""The entry points: ``evaluator`` (console: the command line of the core and the reports, or
the GUI when given no command) and ``evaluator-app`` (windowed: the GUI).

This is the one place that knows every layer; ``evaluator`` and ``reports`` never import it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from evaluator.cli.common import Extension, utf8_streams
from evaluator.cli.parser import GUI_DESCRIPTION, build_parser, run
from evaluator.logs import setup_logging


def _extensions() -> list[Extension]:
    from reports import reports_cli
    from reports.cli import register

    return [register, reports_cli.register]


def main(argv: Sequence[str] | None = None) -> int:
    """``evaluator [--db X] [COMMAND …]``: a command, or the desktop app when none is given."""
    utf8_streams()
    parser = build_parser(_extensions(), description=GUI_DESCRIPTION)
    args = parser.parse_args(argv)
    setup_logging()
    if getattr(args, "handler", None) is not None:
        return run(args)
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
