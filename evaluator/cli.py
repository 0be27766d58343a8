"""The command line (DESIGN.md section 5). ``ui.launch`` adds the document commands and the GUI."""

from __future__ import annotations

import argparse
import getpass
import sys
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

from evaluator.db import Database, open_database
from evaluator.errors import EvaluatorError, InputError

Handler = Callable[[argparse.Namespace], int]
Extension = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
Configure = Callable[[argparse.ArgumentParser], None]

# The sub-parsers of each command that has kinds (``import``, ``export``), per parser object, so
# that tests may build many parsers.
_KINDS: weakref.WeakKeyDictionary[
    argparse.ArgumentParser, argparse._SubParsersAction[argparse.ArgumentParser]
] = weakref.WeakKeyDictionary()


def command_kinds(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    command: str,
    help: str,
    description: str,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sub-parsers of a command with kinds (``evaluator COMMAND KIND …``), made on first use.

    Modules add their kinds in any order, each from its own ``register(sub)``.
    """
    parser = sub.choices.get(command)
    if parser is None:
        parser = sub.add_parser(command, help=help, description=description)
    kinds = _KINDS.get(parser)
    if kinds is None:
        kinds = parser.add_subparsers(dest=f"{command}_kind", metavar="KIND", required=True)
        _KINDS[parser] = kinds
    return kinds


def add_kind(
    kinds: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    handler: Handler,
    configure: Configure | None = None,
) -> argparse.ArgumentParser:
    """Add one kind: ``configure`` adds its arguments, ``handler`` runs it.

    Abbreviated options are off, so that ``--passphrase VALUE`` is never taken for
    ``--passphrase-file``.
    """
    parser = kinds.add_parser(name, help=help, description=help, allow_abbrev=False)
    if configure is not None:
        configure(parser)
    parser.set_defaults(handler=handler)
    return parser


def default_actor() -> str:
    """Who runs a command when ``--actor`` is not given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "cli"


def open_db(args: argparse.Namespace) -> Database:
    """The database named by ``--db``, upgraded to the program's schema."""
    from evaluator.services.setup import open_ready

    return open_ready(args.db)


def _cmd_init(args: argparse.Namespace) -> int:
    from evaluator.services.setup import init_database

    db = open_database(args.db)
    result = init_database(db)
    if result.before == result.after:
        print(f"ฐานข้อมูลเป็นรุ่นล่าสุดแล้ว (schema {result.after}): {db.url}")
    else:
        print(f"สร้าง/ปรับรุ่นฐานข้อมูลแล้ว {result.before or '-'} → {result.after}: {db.url}")
    if result.backup:
        print(f"สำรองไฟล์เดิมไว้ที่ {result.backup}")
    return 0


def build_parser(extensions: Sequence[Extension] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluator",
        description="ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — change-leader award evaluator. "
        "With no command it opens the desktop application.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help="SQLite file or SQLAlchemy URL (default: the user's data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    init = sub.add_parser("init", help="create or upgrade the database")
    init.set_defaults(handler=_cmd_init)
    for register in _core_commands():
        register(sub)
    for register in extensions:
        register(sub)
    return parser


def _core_commands() -> list[Extension]:
    """Commands of the core, each module registering its own sub-commands."""
    from evaluator import contest_cli
    from evaluator.io import cli as io_cli
    from evaluator.scoring import cli as scoring_cli
    from evaluator.sync import cli as sync_cli

    return [
        io_cli.register,
        scoring_cli.register,
        contest_cli.register,
        sync_cli.register,
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


def main(argv: Sequence[str] | None = None, extensions: Sequence[Extension] = ()) -> int:
    """The command line without the GUI (``python -m evaluator``)."""
    parser = build_parser(extensions)
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 0
    return run(args)


def path_arg(text: str) -> Path:
    return Path(text).expanduser()
