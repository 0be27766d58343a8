"""The ``evaluator`` entry point: the command line of the core and the reports, or the GUI.

This is the one place that knows every layer; ``evaluator`` and ``reports`` never import it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from evaluator.cli.common import Extension
from evaluator.cli.parser import GUI_DESCRIPTION, build_parser, run
from evaluator.logs import setup_logging


def _extensions() -> list[Extension]:
    from reports import reports_cli
    from reports.cli import register

    return [register, reports_cli.register]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_extensions(), description=GUI_DESCRIPTION)
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=None,
        help="open the desktop app as this user (skips the 'who are you' question)",
    )
    args = parser.parse_args(argv)
    setup_logging()
    if getattr(args, "handler", None) is not None:
        return run(args)
    from ui.app import run_app

    return run_app(args.db, sys.argv[:1], user_name=args.user)


if __name__ == "__main__":
    raise SystemExit(main())
