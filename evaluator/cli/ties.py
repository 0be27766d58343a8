"""Commands of the committee's tie decisions: ``ties list`` and ``ties resolve``.

    evaluator --db X ties list --round CODE [--json]
    evaluator --db X ties resolve --round CODE --zone N --winners CODE[,CODE...] --reason TEXT

They reach the database through :mod:`evaluator.services.ties` (imported when a command runs).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from evaluator.cli.common import acting_user, open_db, user_arg
from evaluator.scoring.model import round2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``ties list`` and ``ties resolve`` to the ``evaluator`` command line."""
    ties = sub.add_parser(
        "ties", help="คะแนนเท่ากันที่ลำดับตัดรางวัลและการตัดสินของคณะกรรมการ — ties at the cutoff"
    )
    ties_sub = ties.add_subparsers(dest="ties_command", metavar="list|resolve", required=True)
    listing = ties_sub.add_parser("list", help="คะแนนเท่ากันของรอบหนึ่ง — the ties of a round")
    listing.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    listing.add_argument("--json", action="store_true", help="JSON on stdout")
    listing.add_argument("--contest", default=None, metavar="CODE")
    listing.set_defaults(handler=_cmd_list)
    resolve = ties_sub.add_parser(
        "resolve",
        help="บันทึกการตัดสินของคณะกรรมการ (คณะกรรมการหรือผู้ดูแลระบบ) — record the decision",
    )
    resolve.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    resolve.add_argument(
        "--zone", type=int, default=None, metavar="N", help="เขตตรวจราชการ (0: รางวัลระดับประเทศ)"
    )
    resolve.add_argument(
        "--winners", required=True, metavar="CODE[,CODE...]", help="รหัสตำบลที่ได้รับรางวัล"
    )
    resolve.add_argument("--reason", required=True, metavar="TEXT", help="เหตุผล (บันทึกในประวัติ)")
    user_arg(resolve)
    resolve.add_argument("--contest", default=None, metavar="CODE")
    resolve.set_defaults(handler=_cmd_resolve)


def _decision_json(d: Any) -> dict[str, Any] | None:
    from evaluator.scoring.result import decision_json

    return None if d is None else decision_json(d)


def _tie_json(t: Any) -> dict[str, Any]:
    return {
        "zone": t.zone,
        "rank": t.rank,
        "places": t.places,
        "open": t.open,
        "tambons": [
            {
                "tambon_code": x.tambon_code,
                "tambon": x.tambon,
                "district": x.district,
                "province": x.province,
                "score": None if x.score is None else round2(x.score),
                "score_exact": x.score,
                "sheets": x.sheets,
                "tie_break": dict(x.tie_break),
                "chosen": x.chosen,
            }
            for x in t.tambons
        ],
        "decision": _decision_json(t.decision),
    }


def _tie_lines(t: Any) -> list[str]:
    lines = [t.describe()]
    for x in t.tambons:
        breaks = ", ".join(f"{code} {value:.4f}" for code, value in x.tie_break)
        mark = " ✓ ได้รับรางวัล" if x.chosen else ""
        score = "-" if x.score is None else f"{round2(x.score):.2f}"
        lines.append(
            f"  {x.tambon_code} ตำบล{x.tambon} อำเภอ{x.district} จังหวัด{x.province}:"
            f" คะแนน {score} ({x.sheets} แบบ)" + (f"; เกณฑ์ตัดสิน {breaks}" if breaks else "") + mark
        )
    d = t.decision
    if d is None:
        lines.append("  รอคณะกรรมการตัดสิน — open: ties resolve")
    else:
        lines.append(
            f"  ตัดสินแล้วโดย {d.decided_by} เมื่อ {d.decided_at}: {', '.join(sorted(d.winners))}"
            f" ได้รับรางวัล เหตุผล: {d.reason}"
        )
    return lines


def _cmd_list(args: argparse.Namespace) -> int:
    from evaluator.services.ties import list_ties

    db = open_db(args)
    try:
        found = list_ties(db, args.round_code, contest=args.contest)
    finally:
        db.dispose()
    if args.json:
        data = {
            "round": found.round_code,
            "finalised": found.finalised,
            "open": len(found.open()),
            "ties": [_tie_json(t) for t in found.ties],
            "stale": [_stale_json(found, d) for d in found.stale],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not found.ties:
        print(f"รอบ {found.round_code}: ไม่มีคะแนนเท่ากันที่ลำดับตัดรางวัล — no tie at the cutoff")
    for t in found.ties:
        for line in _tie_lines(t):
            print(line)
    for line in _stale_lines(found):
        print(line)
    return 0


def _stale_json(found: Any, d: Any) -> dict[str, Any]:
    later = found.superseded_by(d)
    return {
        **(_decision_json(d) or {}),
        "applies": False,
        "superseded_by": _decision_json(later),
    }


def _stale_lines(found: Any) -> list[str]:
    """Decisions that no longer apply, apart from the current ties and each marked so (the
    ranking ignores them: the tie they settled is not the same group any more)."""
    if not found.stale:
        return []
    lines = [
        "",
        f"การตัดสินเดิมที่ใช้ไม่ได้แล้ว {len(found.stale)} รายการ (ไม่ใช้ในการจัดอันดับ)"
        " — earlier decisions that no longer apply (not used in the ranking):",
    ]
    for d in found.stale:
        where = f"เขต {d.zone}" if d.zone is not None else "ทั้งประเทศ"
        lines.append(
            f"  [ใช้ไม่ได้แล้ว — stale] {where}: กลุ่ม {', '.join(sorted(d.tambons))},"
            f" ให้ {', '.join(sorted(d.winners))} ได้รับรางวัล โดย {d.decided_by} เมื่อ {d.decided_at}"
            f" เหตุผล: {d.reason}"
        )
        later = found.superseded_by(d)
        if later is not None:
            lines.append(
                f"    แทนที่ด้วยการตัดสินของ {later.decided_by} เมื่อ {later.decided_at}"
                " — superseded by the decision above"
            )
        else:
            lines.append(
                "    คะแนนเปลี่ยนจนกลุ่มคะแนนเท่ากันไม่ใช่กลุ่มเดิม — this decision no longer"
                " applies: the tie is not the same group any more"
            )
    return lines


def _cmd_resolve(args: argparse.Namespace) -> int:
    from evaluator.services.ties import resolve_tie

    db = open_db(args)
    try:
        user = acting_user(args, db)
        winners = [w for w in args.winners.split(",") if w.strip()]
        zone = args.zone or None
        tie = resolve_tie(
            db, user, args.round_code, zone, winners, args.reason, contest=args.contest
        )
    finally:
        db.dispose()
    print("บันทึกการตัดสินของคณะกรรมการแล้ว — the committee's decision is recorded")
    for line in _tie_lines(tie):
        print(line)
    return 0
