"""Commands of the field work: ``export``/``import`` of packages and scoresheets, ``keys``,
``audit``, ``conflicts`` and ``imports``.

The ``export`` command is extensible like ``import`` (see :mod:`evaluator.io.cli`): another
module adds a kind from its own ``register(sub)``::

    from evaluator.sync.cli import add_export_kind

    def register(sub):
        add_export_kind(sub, "ranking", "the ranking as Excel", _cmd, _configure)

Passphrases never come from the command line itself: ``--passphrase-file FILE`` (its first
line), the environment variable ``EVALUATOR_PASSPHRASE``, or a prompt.
"""

from __future__ import annotations

import argparse
import re
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
from evaluator.errors import InputError, Problem


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


def _print(lines: list[str]) -> None:
    for line in lines:
        print(line)


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


# --- package ---------------------------------------------------------------------------------


def _cmd_export_package(args: argparse.Namespace) -> int:
    from evaluator.services.sync import export_package
    from evaluator.sync import keys

    path = args.key or keys.default_key_path(args.inspector)
    private = keys.read_private_key(path, _passphrase(args))
    db = open_db(args)
    try:
        result = export_package(db, args.inspector, args.out, private, contest_code=args.contest)
    finally:
        db.dispose()
    _print(result.lines())
    return 0


def _cmd_import_package(args: argparse.Namespace) -> int:
    from evaluator.services.sync import import_package

    db = open_db(args)
    try:
        result = import_package(db, args.file, actor=args.actor or default_actor())
    finally:
        db.dispose()
    _print(result.lines())
    return 0


# --- scoresheet ------------------------------------------------------------------------------


def _cmd_export_scoresheet(args: argparse.Namespace) -> int:
    from evaluator.sync.scoresheet import export_scoresheet

    db = open_db(args)
    try:
        result = export_scoresheet(
            db, args.inspector, args.out, contest_code=args.contest, round_code=args.round
        )
    finally:
        db.dispose()
    _print(result.lines())
    return 0


def _cmd_import_scoresheet(args: argparse.Namespace) -> int:
    from evaluator.sync.scoresheet import import_scoresheet

    db = open_db(args)
    try:
        result = import_scoresheet(db, args.file, actor=args.actor or default_actor())
    finally:
        db.dispose()
    _print(result.lines())
    return 0


# --- keys ------------------------------------------------------------------------------------


def _cmd_keys_generate(args: argparse.Namespace) -> int:
    from evaluator.services.sync import generate_inspector_key

    passphrase = _passphrase(args, confirm=True)
    db = open_db(args)
    try:
        info = generate_inspector_key(
            db, args.inspector, passphrase, key_path=args.key, overwrite=args.force
        )
    finally:
        db.dispose()
    print(f"สร้างกุญแจของ {info.inspector} แล้ว — key pair made")
    print(f"กุญแจส่วนตัว — private key: {info.key_path}")
    print(f"ลายนิ้วมือ — fingerprint: {info.fingerprint}")
    return 0


def _cmd_keys_export_public(args: argparse.Namespace) -> int:
    from evaluator.services.sync import public_key_file

    db = open_db(args)
    try:
        data = public_key_file(db, args.inspector)
    finally:
        db.dispose()
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        args.out.write_bytes(data)
        print(f"เขียนกุญแจสาธารณะไว้ที่ {args.out} — public key written")
    return 0


def _cmd_keys_register(args: argparse.Namespace) -> int:
    from evaluator.services.sync import register_fingerprint, register_public_key

    actor = args.actor or default_actor()
    if (args.file is None) == (args.fingerprint is None):
        raise InputError(
            [Problem("ระบุไฟล์กุญแจ หรือ --fingerprint อย่างใดอย่างหนึ่ง — give FILE or --fingerprint")]
        )
    db = open_db(args)
    try:
        if args.file is not None:
            info = register_public_key(
                db,
                args.inspector,
                args.file.read_bytes(),
                actor=actor,
                replace=args.replace,
                file=str(args.file),
            )
        else:
            info = register_fingerprint(
                db, args.inspector, args.fingerprint, actor=actor, replace=args.replace
            )
    finally:
        db.dispose()
    how = "กุญแจ" if info.state == "key" else "ลายนิ้วมือ (รอรับกุญแจจากแพ็กเกจแรก)"
    print(f"ลงทะเบียน{how}ของ {info.inspector}: {info.fingerprint} — registered")
    return 0


def _cmd_keys_list(args: argparse.Namespace) -> int:
    from evaluator.services.sync import list_keys

    db = open_db(args)
    try:
        infos = list_keys(db)
    finally:
        db.dispose()
    for info in infos:
        print(f"{info.inspector}\t{info.state}\t{info.fingerprint or '-'}")
    return 0


# --- audit -----------------------------------------------------------------------------------


def _filter_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--actor", default=None, help="only entries by this person")
    parser.add_argument("--source", default=None, help="keyboard, package, excel, import, …")
    parser.add_argument("--entity", default=None, help="sheet, score, inspector, …")
    parser.add_argument("--key", default=None, help="entity key contains this text (e.g. a uuid)")
    parser.add_argument("--action", default=None, help="only this action")
    parser.add_argument("--since", default=None, help="from this date-time (ISO)")
    parser.add_argument("--until", default=None, help="until this date-time (ISO)")


def _filter(args: argparse.Namespace) -> object:
    from evaluator.services.audit_log import AuditFilter

    return AuditFilter.parse(
        actor=args.actor,
        source=args.source,
        entity=args.entity,
        key=args.key,
        action=args.action,
        since=args.since,
        until=args.until,
    )


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from evaluator.services.audit_log import verify

    db = open_db(args)
    try:
        report = verify(db)
    finally:
        db.dispose()
    if report.intact:
        print(f"บันทึกประวัติการแก้ไขครบถ้วน {report.entries} รายการ — the audit log is intact")
        return 0
    print("พบความผิดปกติในบันทึกประวัติการแก้ไข — the audit log is broken:", file=sys.stderr)
    for line in report.lines():
        print(f"  {line}", file=sys.stderr)
    return 1


def _cmd_audit_export(args: argparse.Namespace) -> int:
    from evaluator.services.audit_log import AuditFilter, export_xlsx

    filt = _filter(args)
    assert isinstance(filt, AuditFilter)
    db = open_db(args)
    try:
        n = export_xlsx(db, args.out, filt)
    finally:
        db.dispose()
    print(f"ส่งออกบันทึก {n} รายการไปที่ {args.out} — exported")
    return 0


def _cmd_audit_list(args: argparse.Namespace) -> int:
    from evaluator.services.audit_log import AuditFilter, list_entries

    filt = _filter(args)
    assert isinstance(filt, AuditFilter)
    db = open_db(args)
    try:
        rows = list_entries(db, filt, limit=args.limit)
    finally:
        db.dispose()
    for r in rows:
        print(
            f"{r.id}\t{r.at:%Y-%m-%d %H:%M:%S}\t{r.actor}\t{r.source}\t{r.action}\t"
            f"{r.entity}\t{r.entity_key}\t{r.old or ''}\t{r.new or ''}\t{r.reason}"
        )
    return 0


# --- conflicts and imports -------------------------------------------------------------------


def _cmd_conflicts_list(args: argparse.Namespace) -> int:
    from evaluator.services.sync import list_conflicts

    db = open_db(args)
    try:
        found = list_conflicts(db)
    finally:
        db.dispose()
    if not found:
        print("ไม่มีข้อขัดแย้ง — no conflicts")
    for c in found:
        print(f"{c.sheet_uuid}\tรอบ {c.round}\tตำบล {c.tambon_code} {c.tambon}\t{c.inspector}")
        for v in [c.current, *c.copies]:
            label = "ปัจจุบัน — current" if v.is_current else "ฉบับที่รับมา — copy"
            scores = ", ".join(f"{k}={val:g}" for k, val in sorted(v.scores.items(), key=_natural))
            print(f"  {v.row_uuid}\t{label}\tv{v.version}\t{v.status}\t{scores}")
    return 0


def _natural(item: tuple[str, float]) -> list[object]:
    """C2 before C10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", item[0])]


def _cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from evaluator.services.sync import resolve_conflict

    db = open_db(args)
    try:
        res = resolve_conflict(
            db, args.sheet, args.keep, args.reason, actor=args.actor or default_actor()
        )
    finally:
        db.dispose()
    print(
        f"แบบประเมิน {res.sheet_uuid} ใช้เนื้อหาของ {res.kept_row} (รุ่น {res.version}); "
        f"ฉบับอื่นเก็บไว้เป็นฉบับที่ไม่ใช้: {', '.join(res.superseded)} — resolved"
    )
    return 0


def _cmd_imports_list(args: argparse.Namespace) -> int:
    from evaluator.services.sync import list_imports

    db = open_db(args)
    try:
        infos = list_imports(db)
    finally:
        db.dispose()
    for i in infos:
        counts = ", ".join(f"{k} {v}" for k, v in i.counts.items() if v)
        print(
            f"{i.id}\t{i.imported_at:%Y-%m-%d %H:%M}\t{i.kind}\t{i.filename}\t{i.inspector}\t"
            f"{i.actor}\t{counts}"
        )
    return 0


# --- registration ----------------------------------------------------------------------------


def _actor_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--actor",
        metavar="NAME",
        default=None,
        help="who does this, for the import list and the audit log (default: the OS user)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export package|scoresheet``, ``import package|scoresheet``, ``keys``, ``audit``,
    ``conflicts`` and ``imports``."""
    from evaluator.io.cli import add_import_kind

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
        _actor_arg(p)

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
        _actor_arg(p)

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
    _actor_arg(reg)
    reg.set_defaults(handler=_cmd_keys_register)
    lst = keys_sub.add_parser("list", help="inspectors and their keys")
    lst.set_defaults(handler=_cmd_keys_list)

    audit_parser = sub.add_parser("audit", help="the audit log: verify, list, export")
    audit_sub = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    ver = audit_sub.add_parser("verify", help="check the hash chain and the logged sheets")
    ver.set_defaults(handler=_cmd_audit_verify)
    aex = audit_sub.add_parser("export", help="the log (filtered) as an Excel file")
    aex.add_argument("--out", required=True, type=path_arg, metavar="FILE.xlsx")
    _filter_args(aex)
    aex.set_defaults(handler=_cmd_audit_export)
    ali = audit_sub.add_parser("list", help="the log (filtered), tab-separated")
    _filter_args(ali)
    ali.add_argument("--limit", type=int, default=None)
    ali.set_defaults(handler=_cmd_audit_list)

    con = sub.add_parser("conflicts", help="sheets in conflict: list, resolve")
    con_sub = con.add_subparsers(dest="conflicts_command", metavar="ACTION", required=True)
    cl = con_sub.add_parser("list", help="every sheet with open conflict copies")
    cl.set_defaults(handler=_cmd_conflicts_list)
    cr = con_sub.add_parser("resolve", help="keep one content of a sheet in conflict")
    cr.add_argument("sheet", metavar="SHEET_UUID")
    cr.add_argument("--keep", required=True, metavar="ROW_UUID", help="the content to keep")
    cr.add_argument("--reason", required=True, help="why (written to the audit log)")
    _actor_arg(cr)
    cr.set_defaults(handler=_cmd_conflicts_resolve)

    imp = sub.add_parser("imports", help="imported packages and scoresheets, newest first")
    imp.set_defaults(handler=_cmd_imports_list)
