"""The ``evaluator`` command line (DESIGN.md section 5): the parser and the error reporting.

The core's command groups register themselves here (:func:`_core_commands`); other layers pass
their ``register(sub)`` functions as ``extensions`` (``ui.launch`` adds the documents of
:mod:`reports` and the desktop app), so the core never imports them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from evaluator import __version__
from evaluator.cli.assignments import register as register_assignments
from evaluator.cli.audit import register as register_audit
from evaluator.cli.common import Extension, Handler, utf8_streams
from evaluator.cli.imports import register as register_imports
from evaluator.cli.lessons import register as register_lessons
from evaluator.cli.packages import register as register_packages
from evaluator.cli.people import register as register_people
from evaluator.cli.ranking import register as register_ranking
from evaluator.cli.setup import register as register_setup
from evaluator.cli.statistics import register as register_statistics
from evaluator.cli.ties import register as register_ties
from evaluator.db.failures import describe
from evaluator.errors import EvaluatorError, InputError

_CORE_DESCRIPTION = (
    "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — change-leader award evaluator "
    "(command line of the core: without a command it prints this help; "
    "the `evaluator` program opens the desktop app instead)."
)
GUI_DESCRIPTION = (
    "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — change-leader award evaluator. "
    "Without a command it opens the desktop application."
)


def build_parser(
    extensions: Sequence[Extension] = (), description: str = _CORE_DESCRIPTION
) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="evaluator", description=description)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help="SQLite file or SQLAlchemy URL (default: the user's data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        default=None,
        help="who runs a command that changes data (else $EVALUATOR_USER); the password comes "
        "from $EVALUATOR_PASSWORD or is asked at the terminal",
    )
    parser.add_argument("--version", action="version", version=f"evaluator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _core_commands():
        register(sub)
    for register in extensions:
        register(sub)
    return parser


def _core_commands() -> list[Extension]:
    """Commands of the core, each module registering its own sub-commands."""
    return [
        register_setup,
        register_imports,
        register_people,
        register_assignments,
        register_ranking,
        register_packages,
        register_audit,
        register_statistics,
        register_ties,
        register_lessons,
    ]


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; report errors on stderr and return the exit code."""
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        raise SystemExit("no command")
    try:
        return handler(args)
    except InputError as exc:
        print(
            f"ข้อมูลไม่ถูกต้อง ไม่มีการเปลี่ยนแปลงใด ๆ — input refused, nothing changed:\n{exc}",
            file=sys.stderr,
        )
        return 2
    except EvaluatorError as exc:
        print(f"ผิดพลาด — error: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"ไม่พบไฟล์ — file not found: {exc.filename or exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:  # a server down, a lock, a deadlock…
        print(describe(exc), file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:
        if exc.name not in ("psycopg", "psycopg2"):
            raise
        print(describe(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # a folder given for a file, no permission, a full disk…
        where = f": {exc.filename}" if exc.filename else ""
        print(f"อ่านหรือเขียนไฟล์ไม่ได้ — {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ยกเลิกแล้ว — cancelled", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None, extensions: Sequence[Extension] = ()) -> int:
    """The command line without the GUI (``python -m evaluator``): no command prints the help."""
    utf8_streams()
    parser = build_parser(extensions)
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 0
    return run(args)
