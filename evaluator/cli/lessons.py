"""Commands of the lessons learned (ถอดบทเรียน, docs/lessons.md):

    evaluator --db X lessons list [--round CODE] [--zone N] [--province NAME] [--text WORDS]
                                  [--spread] [--json]
    evaluator --db X lessons mark --sheet UUID [--note TEXT]
    evaluator --db X lessons unmark --sheet UUID --reason TEXT

Every one runs as a signed-in user (an inspector lists their own lessons; marking is the
committee's and the admin's), through :mod:`evaluator.services.lessons`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from evaluator.cli.common import acting_user, open_db, user_arg


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lessons list|mark|unmark`` to the ``evaluator`` command line."""
    lessons = sub.add_parser("lessons", help="ถอดบทเรียน — lessons learned")
    lessons_sub = lessons.add_subparsers(
        dest="lessons_command", metavar="list|mark|unmark", required=True
    )
    listing = lessons_sub.add_parser("list", help="ค้นหาบทเรียน — list and search the lessons")
    listing.add_argument("--round", dest="round_code", default=None, metavar="CODE")
    listing.add_argument("--zone", type=int, default=None, metavar="N")
    listing.add_argument("--province", default=None, metavar="NAME", help="ชื่อหรือรหัสจังหวัด")
    listing.add_argument("--text", default=None, metavar="WORDS", help="ทุกคำต้องพบ")
    listing.add_argument("--spread", action="store_true", help="เฉพาะที่ควรขยายผล")
    listing.add_argument("--json", action="store_true", help="JSON on stdout")
    user_arg(listing)
    listing.set_defaults(handler=_cmd_list)
    mark = lessons_sub.add_parser(
        "mark", help="ทำเครื่องหมายควรขยายผล (คณะกรรมการ) — mark worth spreading"
    )
    mark.add_argument("--sheet", required=True, metavar="UUID")
    mark.add_argument("--note", default="", metavar="TEXT")
    user_arg(mark)
    mark.set_defaults(handler=_cmd_mark)
    unmark = lessons_sub.add_parser("unmark", help="ยกเลิกเครื่องหมาย — take the mark away")
    unmark.add_argument("--sheet", required=True, metavar="UUID")
    unmark.add_argument("--reason", required=True, metavar="TEXT")
    user_arg(unmark)
    unmark.set_defaults(handler=_cmd_unmark)


def _entry_json(e: Any) -> dict[str, Any]:
    return {
        "sheet": e.sheet_uuid,
        "round": e.round_code,
        "tambon_code": e.tambon_code,
        "tambon": e.tambon,
        "district": e.district,
        "province": e.province,
        "zone": e.zone,
        "inspector": e.inspector,
        "lessons": e.texts.as_dict(),
        "spread": None
        if e.spread is None
        else {"by": e.spread.by, "at": e.spread.at.isoformat(), "note": e.spread.note},
    }


def _cmd_list(args: argparse.Namespace) -> int:
    from evaluator.services import lessons

    db = open_db(args)
    try:
        user = acting_user(args, db)
        found = lessons.list_lessons(
            db,
            user,
            round_code=args.round_code,
            zone=args.zone,
            province=args.province,
            text=args.text,
            spread_only=args.spread,
        )
        counted = lessons.themes(found)
    finally:
        db.dispose()
    if args.json:
        data = {
            "lessons": [_entry_json(e) for e in found],
            "themes": [
                {"theme": t.theme.key, "title": t.theme.title, "tambons": list(t.tambons)}
                for t in counted
            ],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for e in found:
        star = " ★ ควรขยายผล" if e.spread else ""
        print(f"{e.sheet_uuid}  {e.place} (เขต {e.zone}) · {e.inspector}{star}")
        print(f"    {' '.join(e.texts.good_practices.split())[:100]}")
    print(f"{len(found)} รายการ — {len(found)} lessons")
    return 0


def _cmd_mark(args: argparse.Namespace) -> int:
    from evaluator.services import lessons

    db = open_db(args)
    try:
        user = acting_user(args, db)
        entry = lessons.mark_spread(db, user, lessons.sheet_id_of(db, args.sheet), args.note)
    finally:
        db.dispose()
    print(f"ควรขยายผล: {entry.place} — marked worth spreading")
    return 0


def _cmd_unmark(args: argparse.Namespace) -> int:
    from evaluator.services import lessons

    db = open_db(args)
    try:
        user = acting_user(args, db)
        entry = lessons.unmark_spread(db, user, lessons.sheet_id_of(db, args.sheet), args.reason)
    finally:
        db.dispose()
    print(f"ยกเลิกเครื่องหมาย: {entry.place} — mark taken away")
    return 0
