"""``evaluator --db X assignments add|remove --round CODE --inspector NAME --tambon CODE``: an
admin gives one tambon to one inspector in a round, or takes it off them (many at once:
``import assignments``).

Adding is checked like a row of an assignments file (warnings for an inspector outside the
tambon's zone or from its province); removing is refused, changing nothing, when the inspector
already has a sheet for that tambon in that round or the round is finalised. Both are audited
(:mod:`evaluator.services.assignments`).
"""

from __future__ import annotations

import argparse
import sys

from evaluator.cli.common import acting_user, open_db, user_arg
from evaluator.permissions import Action


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``assignments remove``."""
    parser = sub.add_parser(
        "assignments",
        help="การมอบหมายทีละรายการ (ผู้ดูแลระบบ) — add or remove one assignment (admin)",
        description="เพิ่มหรือถอนการมอบหมายทีละรายการ (ทีละมากด้วย evaluator import assignments FILE) "
        "— add or remove one assignment (many at once: 'import assignments'). "
        "An inspector who already has a sheet for the tambon in that round keeps the assignment.",
    )
    actions = parser.add_subparsers(dest="assignments_command", metavar="add|remove", required=True)
    add = actions.add_parser(
        "add",
        help="มอบหมายตำบลหนึ่งให้ผู้ประเมินหนึ่งคน — add one assignment",
        allow_abbrev=False,
    )
    _one_assignment(add)
    add.set_defaults(handler=_cmd_add)
    remove = actions.add_parser(
        "remove",
        help="ถอนการมอบหมายหนึ่งรายการ — remove one assignment",
        allow_abbrev=False,
    )
    _one_assignment(remove)
    remove.add_argument("--reason", default="", metavar="TEXT", help="เหตุผล (บันทึกในประวัติ)")
    remove.set_defaults(handler=_cmd_remove)


def _one_assignment(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    parser.add_argument("--inspector", required=True, metavar="NAME", help="ชื่อผู้ประเมิน")
    parser.add_argument("--tambon", required=True, metavar="CODE", help="รหัสตำบล 6 หลัก")
    parser.add_argument("--contest", default=None, metavar="CODE")
    user_arg(parser)


def _cmd_add(args: argparse.Namespace) -> int:
    from evaluator.services.assignments import add_assignment

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.SET_UP_PEOPLE)
        done = add_assignment(
            db, admin, args.round_code, args.inspector, args.tambon, contest=args.contest
        )
    finally:
        db.dispose()
    for warning in done.warnings:
        print(f"คำเตือน — warning: {warning}", file=sys.stderr)
    if done.added:
        print(f"มอบหมายแล้ว — assignment added: {args.inspector}, {args.tambon}, {args.round_code}")
    else:
        print("มีการมอบหมายนี้อยู่แล้ว — the assignment was already there")
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from evaluator.services.assignments import remove_assignment

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.SET_UP_PEOPLE)
        done = remove_assignment(
            db,
            admin,
            args.round_code,
            args.inspector,
            args.tambon,
            contest=args.contest,
            reason=args.reason,
        )
    finally:
        db.dispose()
    print(
        f"ถอน {done.inspector} ออกจากตำบล{done.tambon} ({done.tambon_code}) ในรอบ "
        f"{done.round_code} แล้ว — assignment removed"
    )
    return 0
