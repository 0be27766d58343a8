"""``evaluator --db X import inspectors|assignments|leaders|users FILE`` and
``evaluator --db X export template KIND --out FILE.xlsx`` (DESIGN.md section 5).

The imports run as the acting user (an admin); a refused file prints every bad row and changes
nothing; warnings go to stderr and do not refuse the file.
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
)


def _people_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_arg, metavar="FILE", help=".xlsx or .csv")


def _run_import(args: argparse.Namespace, kind: str) -> int:
    from evaluator.services import people

    service = {
        "inspectors": people.import_inspectors,
        "assignments": people.import_assignments,
        "leaders": people.import_leaders,
    }[kind]
    db = open_db(args)
    try:
        summary = service(db, acting_user(args, db), args.file)
    finally:
        db.dispose()
    for warning in summary.warnings:
        print(f"คำเตือน — warning: {warning}", file=sys.stderr)
    for line in summary.lines():
        print(line)
    return 0


def _cmd_inspectors(args: argparse.Namespace) -> int:
    return _run_import(args, "inspectors")


def _cmd_assignments(args: argparse.Namespace) -> int:
    return _run_import(args, "assignments")


def _cmd_leaders(args: argparse.Namespace) -> int:
    return _run_import(args, "leaders")


def _cmd_users(args: argparse.Namespace) -> int:
    from evaluator.services.people import import_users

    db = open_db(args)
    try:
        result = import_users(db, acting_user(args, db), args.file)
    finally:
        db.dispose()
    for warning in result.warnings:
        print(f"คำเตือน — warning: {warning}", file=sys.stderr)
    print(f"เพิ่มผู้ใช้ {len(result.accounts)} คน — {len(result.accounts)} accounts added")
    print("ชื่อเข้าระบบ\tชื่อ-สกุล\tบทบาท\tรหัสผ่านครั้งเดียว — login, name, role, one-time password")
    for account in result.accounts:
        u = account.user
        print(f"{u.login}\t{u.display_name}\t{u.role.value}\t{account.one_time_password}")
    print(
        "รหัสผ่านเหล่านี้แสดงครั้งเดียว ส่งให้เจ้าของบัญชีทางช่องทางที่ปลอดภัย ผู้ใช้ต้องเปลี่ยนรหัสผ่าน"
        "เมื่อเข้าระบบครั้งแรก — these passwords are shown only once; each user must change theirs "
        "at first sign-in"
    )
    return 0


def _template_args(parser: argparse.ArgumentParser) -> None:
    from evaluator.io.templates import KINDS

    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=" | ".join(KINDS))
    parser.add_argument("--out", type=path_arg, required=True, metavar="FILE.xlsx")


def _cmd_template(args: argparse.Namespace) -> int:
    from evaluator.services.people import write_template

    out = args.out if args.out.suffix.lower() == ".xlsx" else args.out.with_suffix(".xlsx")
    db = open_db(args)
    try:
        write_template(db, args.kind, out)
    finally:
        db.dispose()
    print(f"เขียนแบบฟอร์ม {args.kind} แล้ว: {out} — template written")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import inspectors|assignments|leaders|users`` and ``export template``."""
    add_import_kind(
        sub,
        "inspectors",
        "inspectors: name, position, zone, home_province, phone, email (.xlsx or .csv)",
        _cmd_inspectors,
        _people_args,
    )
    add_import_kind(
        sub,
        "assignments",
        "who scores which tambon: round, inspector, tambon_code (.xlsx or .csv)",
        _cmd_assignments,
        _people_args,
    )
    add_import_kind(
        sub,
        "leaders",
        "change leaders: tambon_code, title, first_name, last_name, position, village, phone; "
        "replaces the leaders of the tambons in the file (.xlsx or .csv)",
        _cmd_leaders,
        _people_args,
    )
    add_import_kind(
        sub,
        "users",
        "accounts: login, name, role (inspector|committee|admin or ผู้ประเมิน|คณะกรรมการ|"
        "ผู้ดูแลระบบ), inspector; prints each one-time password once (admin, .xlsx or .csv)",
        _cmd_users,
        _people_args,
    )
    add_export_kind(
        sub,
        "template",
        "a blank workbook to fill in: Thai headers, an example row, drop-down lists, "
        "instructions (inspectors|assignments|leaders|users|geography|scores)",
        _cmd_template,
        _template_args,
    )
