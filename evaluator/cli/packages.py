"""Commands of the field work: ``export``/``import`` of packages and scoresheets, and ``keys``.

Passphrases never come from the command line itself: ``--passphrase-file FILE`` (its first
line), the environment variable ``EVALUATOR_PASSPHRASE``, or a prompt.
"""

from __future__ import annotations

import argparse
import sys

from evaluator.cli.common import (
    acting_user,
    add_export_kind,
    add_import_kind,
    open_db,
    path_arg,
    print_lines,
    unlock_audit_key,
    user_arg,
)
from evaluator.errors import InputError, Problem
from evaluator.permissions import Action, UserInfo, allowed, require
from evaluator.text import normalise


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> bytes:
    from evaluator.sync import keys

    return keys.read_passphrase(args.passphrase_file, confirm=confirm)


def _key_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key",
        type=path_arg,
        metavar="PATH",
        default=None,
        help="the private key file (default: in the user's data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        type=path_arg,
        metavar="FILE",
        default=None,
        help="read the key's passphrase from the first line of FILE "
        "(else EVALUATOR_PASSPHRASE, else a prompt)",
    )


def _require_own_or_any(user: UserInfo, inspector: str) -> None:
    """An inspector acts for themselves only; the committee and the admin for anyone."""
    own = user.inspector_name is not None and normalise(user.inspector_name) == normalise(inspector)
    require(user, Action.EXPORT_OWN_PACKAGE if own else Action.EXPORT_ANY_PACKAGE)


# --- package ---------------------------------------------------------------------------------


def _cmd_export_package(args: argparse.Namespace) -> int:
    from evaluator.services.packages import export_package
    from evaluator.sync import keys

    db = open_db(args)
    try:
        user = acting_user(args, db)  # signed in before the key's passphrase is asked
        _require_own_or_any(user, args.inspector)
        path = args.key or keys.default_key_path(args.inspector)
        passphrase = _passphrase(args)
        private = keys.read_private_key(path, passphrase)
        unlock_audit_key(also=passphrase)  # the export is signed into the log's checkpoint
        result = export_package(
            db, user, args.inspector, args.out, private, contest_code=args.contest
        )
    finally:
        db.dispose()
    print_lines(result.lines())
    return 0


def _cmd_import_package(args: argparse.Namespace) -> int:
    from evaluator.services.packages import import_package

    db = open_db(args)
    try:
        result = import_package(db, acting_user(args, db), args.file)
    finally:
        db.dispose()
    print_lines(result.lines())
    return 0


# --- scoresheet ------------------------------------------------------------------------------


def _cmd_export_scoresheet(args: argparse.Namespace) -> int:
    from evaluator.services.scoresheets import export_scoresheet

    db = open_db(args)
    try:
        user = acting_user(args, db)
        if allowed(user, Action.EXPORT_SCORESHEET):  # else export_scoresheet says why not
            unlock_audit_key()  # the export is signed into the log's checkpoint
        result = export_scoresheet(
            db,
            user,
            args.inspector,
            args.out,
            contest_code=args.contest,
            round_code=args.round,
        )
    finally:
        db.dispose()
    print_lines(result.lines())
    return 0


def _cmd_import_scoresheet(args: argparse.Namespace) -> int:
    from evaluator.services.scoresheets import import_scoresheet

    db = open_db(args)
    try:
        result = import_scoresheet(db, acting_user(args, db), args.file)
    finally:
        db.dispose()
    print_lines(result.lines())
    return 0


# --- keys ------------------------------------------------------------------------------------


def _cmd_keys_generate(args: argparse.Namespace) -> int:
    from evaluator.services.keys import generate_inspector_key

    db = open_db(args)
    try:
        user = acting_user(args, db)
        _require_own_or_any(user, args.inspector)
        passphrase = _passphrase(args, confirm=True)
        info = generate_inspector_key(
            db,
            user,
            args.inspector,
            passphrase,
            key_path=args.key,
            overwrite=args.force,
        )
    finally:
        db.dispose()
    print(f"สร้างกุญแจของ {info.inspector} แล้ว — key pair made")
    print(f"กุญแจส่วนตัว — private key: {info.key_path}")
    print(f"ลายนิ้วมือ — fingerprint: {info.fingerprint}")
    return 0


def _cmd_keys_export_public(args: argparse.Namespace) -> int:
    from evaluator.services.keys import public_key_file

    db = open_db(args)
    try:
        data = public_key_file(db, args.inspector)
    finally:
        db.dispose()
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        from evaluator.files import write_bytes

        write_bytes(args.out, data)
        print(f"เขียนกุญแจสาธารณะไว้ที่ {args.out} — public key written")
    return 0


def _cmd_keys_register(args: argparse.Namespace) -> int:
    from evaluator.services.keys import register_fingerprint, register_public_key

    if (args.file is None) == (args.fingerprint is None):
        raise InputError(
            [Problem("ระบุไฟล์กุญแจ หรือ --fingerprint อย่างใดอย่างหนึ่ง — give FILE or --fingerprint")]
        )
    db = open_db(args)
    try:
        user = acting_user(args, db)
        if args.file is not None:
            info = register_public_key(
                db,
                user,
                args.inspector,
                args.file.read_bytes(),
                replace=args.replace,
                file=str(args.file),
            )
        else:
            info = register_fingerprint(
                db, user, args.inspector, args.fingerprint, replace=args.replace
            )
    finally:
        db.dispose()
    how = "กุญแจ" if info.state == "key" else "ลายนิ้วมือ (รอรับกุญแจจากแพ็กเกจแรก)"
    print(f"ลงทะเบียน{how}ของ {info.inspector}: {info.fingerprint} — registered")
    return 0


def _cmd_keys_list(args: argparse.Namespace) -> int:
    from evaluator.services.keys import list_keys

    db = open_db(args)
    try:
        infos = list_keys(db)
    finally:
        db.dispose()
    for info in infos:
        print(f"{info.inspector}\t{info.state}\t{info.fingerprint or '-'}")
    return 0


# --- registration ----------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export package|scoresheet``, ``import package|scoresheet`` and ``keys``."""

    def export_package_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--inspector", required=True, metavar="NAME")
        p.add_argument("--out", required=True, type=path_arg, metavar="FILE")
        p.add_argument("--contest", default=None, metavar="CODE")
        _key_args(p)

    add_export_kind(
        sub,
        "package",
        "a signed package of an inspector's sheets",
        _cmd_export_package,
        export_package_args,
    )

    def import_package_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", type=path_arg, metavar="FILE")

    add_import_kind(
        sub,
        "package",
        "verify an inspector's signed package, then merge it",
        _cmd_import_package,
        import_package_args,
    )

    def export_scoresheet_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--inspector", required=True, metavar="NAME")
        p.add_argument("--out", required=True, type=path_arg, metavar="FILE.xlsx")
        p.add_argument("--contest", default=None, metavar="CODE")
        p.add_argument("--round", default=None, metavar="CODE", help="only this round")

    add_export_kind(
        sub,
        "scoresheet",
        "an Excel scoresheet for an inspector without the app",
        _cmd_export_scoresheet,
        export_scoresheet_args,
    )

    def import_scoresheet_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", type=path_arg, metavar="FILE.xlsx")

    add_import_kind(
        sub,
        "scoresheet",
        "a filled Excel scoresheet (checked, then merged like a package)",
        _cmd_import_scoresheet,
        import_scoresheet_args,
    )

    keys_parser = sub.add_parser("keys", help="inspector keys: generate, export, register")
    keys_sub = keys_parser.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    gen = keys_sub.add_parser(
        "generate", help="make this inspector's key pair on this machine", allow_abbrev=False
    )
    gen.add_argument("--inspector", required=True, metavar="NAME")
    gen.add_argument("--force", action="store_true", help="replace an existing key file")
    _key_args(gen)
    user_arg(gen)
    gen.set_defaults(handler=_cmd_keys_generate)
    exp = keys_sub.add_parser("export-public", help="write the public-key file for the committee")
    exp.add_argument("--inspector", required=True, metavar="NAME")
    exp.add_argument("--out", type=path_arg, default=None, metavar="FILE")
    exp.set_defaults(handler=_cmd_keys_export_public)
    reg = keys_sub.add_parser("register", help="register an inspector's public key (committee)")
    reg.add_argument("--inspector", required=True, metavar="NAME")
    reg.add_argument("file", type=path_arg, nargs="?", default=None, metavar="FILE")
    reg.add_argument("--fingerprint", default=None, metavar="XXXX-XXXX-XXXX-XXXX")
    reg.add_argument("--replace", action="store_true", help="replace a registered key")
    user_arg(reg)
    reg.set_defaults(handler=_cmd_keys_register)
    lst = keys_sub.add_parser("list", help="inspectors and their keys")
    lst.set_defaults(handler=_cmd_keys_list)
