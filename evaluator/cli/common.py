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
import contextlib
import getpass
import os
import sys
import weakref
from collections.abc import Callable
from pathlib import Path

from evaluator.db import Database
from evaluator.errors import AuthError
from evaluator.permissions import Action, UserInfo

USER_ENV = "EVALUATOR_USER"
PASSWORD_ENV = "EVALUATOR_PASSWORD"

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
    user_arg(parser)
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


def db_target(args: argparse.Namespace, *, create: bool = False) -> str | Path:
    """``--db`` (else the default database in the user's data folder), checked: a folder, or a
    path whose folder or file does not exist, is refused unless ``create`` (``init``, ``demo``)."""
    from evaluator.db.engine import default_db_path
    from evaluator.db.failures import check_target

    target: str | Path = args.db if args.db is not None else default_db_path()
    check_target(target, create=create)
    return target


def open_db(args: argparse.Namespace) -> Database:
    """The existing database named by ``--db``, upgraded to the program's schema."""
    from evaluator.services.setup import open_ready

    return open_ready(db_target(args))


def print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line)


def user_arg(parser: argparse.ArgumentParser) -> None:
    """``--user LOGIN`` on a sub-command too (``evaluator finalise --round R --user admin``);
    the top-level ``evaluator --user LOGIN …`` and ``$EVALUATOR_USER`` work everywhere."""
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        default=argparse.SUPPRESS,
        help=f"who does this (else ${USER_ENV}); the password comes from ${PASSWORD_ENV} "
        "or is asked at the terminal",
    )


def ask_secret(prompt: str, env: str) -> str:
    """A secret asked at the terminal; with no terminal, an error naming ``env``."""
    if not sys.stdin.isatty():
        raise AuthError(
            f"ไม่มีหน้าจอให้ถามรหัสผ่าน ให้ตั้งค่าตัวแปร {env} — no terminal to ask for the "
            f"password: set {env}"
        )
    return getpass.getpass(prompt)


def unlock_audit_key(*, also: bytes | None = None) -> None:
    """Open this installation's audit key before a command that signs a checkpoint of the log
    (finalise, the exports): ``$EVALUATOR_PASSPHRASE``; else ``also`` (the inspector key's
    passphrase just given: an inspector's laptop may use one passphrase for both); else asked at
    the terminal (twice for a key about to be made). With no terminal the command ends with an
    error naming ``$EVALUATOR_PASSPHRASE``; a wrong passphrase ends it too. Either way before
    anything is written."""
    from evaluator.errors import InputError, Problem
    from evaluator.services import audit_key
    from evaluator.sync.keys import PASSPHRASE_ENV

    if audit_key.is_unlocked():
        return
    if os.environ.get(PASSPHRASE_ENV):
        audit_key.unlock()
        return
    if also is not None and audit_key.try_unlock(also.decode("utf-8", "replace")):
        return
    if not sys.stdin.isatty():
        audit_key.unlock()  # AuditKeyLocked, naming the variable
        return
    if audit_key.state() != "none":
        audit_key.unlock(getpass.getpass("รหัสผ่านของกุญแจบันทึกตรวจสอบ — audit key passphrase: "))
        return
    first = getpass.getpass("ตั้งรหัสผ่านของกุญแจบันทึกตรวจสอบ — new audit key passphrase: ")
    if getpass.getpass("พิมพ์อีกครั้ง — again: ") != first:
        raise InputError([Problem("รหัสผ่านสองครั้งไม่ตรงกัน — the passphrases differ")])
    audit_key.unlock(first)


def acting_user(args: argparse.Namespace, db: Database, action: Action | None = None) -> UserInfo:
    """Who runs this command, signed in: ``--user LOGIN`` or ``$EVALUATOR_USER``, with the
    password from ``$EVALUATOR_PASSWORD`` or asked at the terminal. With ``action`` the user's
    stored role must allow it. Raises :class:`~evaluator.errors.AuthError` (or
    :class:`~evaluator.errors.PermissionDenied`): the command ends with a clear message."""
    from evaluator.permissions import require
    from evaluator.services.users import authenticate

    login = getattr(args, "user", None) or os.environ.get(USER_ENV, "")
    if not login.strip():
        raise AuthError(
            f"คำสั่งนี้ต้องเข้าสู่ระบบ: ระบุ --user ชื่อเข้าใช้ หรือตั้งค่า {USER_ENV} — this command "
            f"changes data: give --user LOGIN or set {USER_ENV}"
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = ask_secret(f"รหัสผ่านของ {login} — password for {login}: ", PASSWORD_ENV)
    user = authenticate(db, login, password)
    if action is not None:
        require(user, action)
    return user


def utf8_streams() -> None:
    """Write UTF-8 to stdout and stderr whatever the console or pipe (a Windows pipe is cp1252
    by default, which cannot hold Thai); a character a stream cannot take never ends a command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is None or encoding == "utf8":
            continue
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change: leave it
            reconfigure(encoding="utf-8", errors="replace")
