"""What every command module shares: the command-kind registry, argument helpers, ``open_db``.

A command module (here, or in another layer such as :mod:`reports`) adds its commands from its
own ``register(sub)``; commands with kinds (``evaluator import KIND …``, ``evaluator export
KIND …``) are extended in any order through :func:`add_import_kind` / :func:`add_export_kind`
(or :func:`command_kinds` + :func:`add_kind` for a new command with kinds)::

    from evaluator.cli.common import add_import_kind, path_arg

    def register(sub):
        add_import_kind(
            sub,
            "contest",
            "criteria and rounds from a TOML file",
            _cmd_import_contest,  # (args: argparse.Namespace) -> int
            lambda p: p.add_argument("file", type=path_arg, metavar="FILE.toml"),
        )

The handler gets the parsed arguments (``args.db`` included) and returns the exit code. It
raises :class:`~evaluator.errors.InputError` for bad input: :func:`evaluator.cli.parser.run`
prints each problem on its own line ("file, แถว N, ช่อง 'field': message") and exits 2.

This module imports nothing of the command modules, so any of them (and ``reports``) may import
it without a cycle.
"""

from __future__ import annotations

import argparse
import getpass
import os
import weakref
from collections.abc import Callable
from pathlib import Path

from evaluator.db import Database
from evaluator.permissions import UserInfo

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


def import_kinds(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sub-parsers of the ``import`` command, creating the command on first use."""
    return command_kinds(
        sub,
        "import",
        "import a file (geography, scores, contest, …)",
        "นำเข้าไฟล์ — import a file into the database; a failing import changes nothing.",
    )


def add_import_kind(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    handler: Handler,
    configure: Configure | None = None,
) -> argparse.ArgumentParser:
    """Add ``evaluator import NAME …``: ``configure`` adds its arguments, ``handler`` runs it."""
    return add_kind(import_kinds(sub), name, help, handler, configure)


def export_kinds(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sub-parsers of the ``export`` command, creating the command on first use."""
    return command_kinds(
        sub,
        "export",
        "export a file (package, scoresheet, …)",
        "ส่งออกไฟล์ — export a file from the database.",
    )


def add_export_kind(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    handler: Handler,
    configure: Configure | None = None,
) -> argparse.ArgumentParser:
    """Add ``evaluator export NAME …``: ``configure`` adds its arguments, ``handler`` runs it."""
    return add_kind(export_kinds(sub), name, help, handler, configure)


def path_arg(text: str) -> Path:
    """An argument that names a file or folder (``~`` expanded)."""
    return Path(text).expanduser()


def default_actor() -> str:
    """Who runs a command when ``--actor`` is not given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "cli"


def acting_user(args: argparse.Namespace, db: Database) -> UserInfo:
    """Who runs a changing command, as stored: ``--actor`` (or $EVALUATOR_USER, else the OS
    login) must name a user of this database; the service then checks what their role may do.

    Until accounts with passwords land, the name alone identifies the user.
    """
    from evaluator.services.users import find_user

    name = getattr(args, "actor", None) or os.environ.get("EVALUATOR_USER") or default_actor()
    return find_user(db, name)


def open_db(args: argparse.Namespace) -> Database:
    """The database named by ``--db``, upgraded to the program's schema."""
    from evaluator.services.setup import open_ready

    return open_ready(args.db)


def print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line)
