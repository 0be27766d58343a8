"""``evaluator --db X assignments remove --round CODE --inspector NAME --tambon CODE``: an admin
takes one inspector off one tambon in a round (adding is ``import assignments``).

Refused, changing nothing, when the inspector already has a sheet for that tambon in that round
or the round is finalised; the removal is audited (:mod:`evaluator.services.assignments`).
"""

from __future__ import annotations

import argparse

from evaluator.cli.common import acting_user, open_db, user_arg
from evaluator.permissions import Action


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``assignments remove``."""
    parser = sub.add_parser(
        "assignments",
        help="การมอบหมาย: ถอนผู้ประเมินออกจากตำบล (ผู้ดูแลระบบ) — remove an assignment (admin)",
        description="เพิ่มการมอบหมายด้วย evaluator import assignments FILE; "
        "ถอนทีละรายการด้วยคำสั่งนี้ — add assignments with 'import assignments', remove one here. "
        "An inspector who already has a sheet for the tambon in that round keeps the assignment.",
    )
    actions = parser.add_subparsers(dest="assignments_command", metavar="remove", required=True)
    remove = actions.add_parser(
        "remove",
        help="ถอนการมอบหมายหนึ่งรายการ — remove one assignment",
        allow_abbrev=False,
    )
    remove.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    remove.add_argument("--inspector", required=True, metavar="NAME", help="ชื่อผู้ประเมิน")
    remove.add_argument("--tambon", required=True, metavar="CODE", help="รหัสตำบล 6 หลัก")
    remove.add_argument("--contest", default=None, metavar="CODE")
    remove.add_argument("--reason", default="", metavar="TEXT", help="เหตุผล (บันทึกในประวัติ)")
    user_arg(remove)
    remove.set_defaults(handler=_cmd_remove)


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
