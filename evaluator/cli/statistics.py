"""Commands of the round statistics: ``design`` (can leniency be told from quality?).

They reach the database through the services (imported when a command runs).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from evaluator.cli.common import open_db


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the statistics commands to the ``evaluator`` command line."""
    design = sub.add_parser(
        "design",
        help="ตรวจการมอบหมายผู้ประเมิน — can inspector leniency be told from tambon quality?",
        description=(
            "ตรวจว่าผู้ประเมินในแต่ละเขตประเมินตำบลร่วมกันพอที่จะแยกความเข้มงวดของผู้ประเมิน"
            "ออกจากคุณภาพของตำบลได้หรือไม่ — checks, zone by zone, that the inspectors' assignments"
            " (or, without assignments, their sheets) link every inspector to every other through"
            " shared tambons. Exit code 1 when some zone cannot be adjusted."
        ),
    )
    design.add_argument("--round", dest="round_code", default=None, metavar="CODE")
    design.add_argument("--contest", default=None, metavar="CODE")
    design.add_argument("--json", action="store_true")
    design.set_defaults(handler=_cmd_design)


def _cmd_design(args: argparse.Namespace) -> int:
    from evaluator.services.assignment_design import assignment_design

    db = open_db(args)
    try:
        report = assignment_design(db, args.round_code, contest=args.contest)
    finally:
        db.dispose()
    if args.json:
        data = asdict(report)
        data["problems"] = [z.zone for z in report.problems]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 1 if report.problems or report.national_message else 0
    source = "การมอบหมาย" if report.source == "assignments" else "แบบประเมิน (ไม่มีการมอบหมาย)"
    print(f"รอบ {report.round_title} ({report.round_code}) — ตรวจจาก{source}")
    for z in report.zones:
        verdict = "เทียบกันได้" if z.separable else f"แยกเป็น {len(z.parts)} กลุ่ม"
        print(f"  เขต {z.zone:>2}: ผู้ประเมิน {z.inspectors} คน ตำบล {z.tambons} ตำบล — {verdict}")
        if not z.separable:
            for n, part in enumerate(z.parts, 1):
                names = ", ".join(part.inspectors)
                print(f"      กลุ่ม {n}: {names} ({len(part.tambons)} ตำบล)")
    for z in report.problems:
        print(z.message)
    if report.national_message:
        print(report.national_message)
    if not report.problems and not report.national_message:
        print("ทุกเขตแยกความเข้มงวดของผู้ประเมินออกจากคุณภาพของตำบลได้ — every zone is linked")
    return 1 if report.problems or report.national_message else 0
