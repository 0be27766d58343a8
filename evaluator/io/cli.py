"""The ``import`` command and its kinds: ``evaluator --db X import KIND FILE``.

This module provides ``import geography FILE`` and ``import scores FILE [--actor NAME]``.
Another module adds a kind from its own ``register(sub)`` (listed in ``_core_commands()`` of
``evaluator/cli.py``, or passed as an extension), in any order relative to this one::

    from evaluator.io.cli import add_import_kind

    def register(sub):
        add_import_kind(
            sub,
            "contest",
            "criteria and rounds from a TOML file",
            _cmd_import_contest,  # (args: argparse.Namespace) -> int
            lambda p: p.add_argument("file", type=path_arg, metavar="FILE.toml"),
        )

:func:`add_import_kind` creates the ``import`` command on first use and adds the kind under it;
the handler gets the parsed arguments (``args.db`` included) and returns the exit code.
Handlers raise :class:`~evaluator.errors.InputError` for bad input: ``evaluator.cli.run`` prints
each problem on its own line ("file, แถว N, ช่อง 'field': message") and exits 2.
"""

from __future__ import annotations

import argparse
import sys

from evaluator.cli import (
    Configure,
    Handler,
    add_kind,
    command_kinds,
    default_actor,
    open_db,
    path_arg,
)


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


def _table_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_arg, metavar="FILE", help=".xlsx or .csv")
    parser.add_argument(
        "--actor",
        metavar="NAME",
        default=None,
        help="who is importing, for the import log and the audit log (default: the OS user)",
    )


def _report(lines: list[str], warnings: list[str]) -> None:
    for warning in warnings:
        print(f"คำเตือน — warning: {warning}", file=sys.stderr)
    for line in lines:
        print(line)


def _cmd_geography(args: argparse.Namespace) -> int:
    from evaluator.services.imports import import_geography

    db = open_db(args)
    try:
        summary = import_geography(db, args.file, actor=args.actor or default_actor())
    finally:
        db.dispose()
    _report(summary.lines(), summary.warnings)
    return 0


def _cmd_scores(args: argparse.Namespace) -> int:
    from evaluator.services.imports import import_scores

    db = open_db(args)
    try:
        summary = import_scores(db, args.file, actor=args.actor or default_actor())
    finally:
        db.dispose()
    _report(summary.lines(), summary.warnings)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import geography`` and ``import scores``."""
    add_import_kind(
        sub,
        "geography",
        "target tambons: zone, province, district, tambon, tambon_code (.xlsx or .csv)",
        _cmd_geography,
        _table_args,
    )
    add_import_kind(
        sub,
        "scores",
        "scores, one row per criterion: round, inspector, tambon_code, criterion, score, "
        "note (.xlsx or .csv)",
        _cmd_scores,
        _table_args,
    )
