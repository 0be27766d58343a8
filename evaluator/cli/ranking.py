"""Commands of ranking: rank, explain, agreement, budget, finalise, reopen.

They reach the database through the services (imported when a command runs).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from evaluator.cli.common import acting_user, open_db, unlock_audit_key, user_arg
from evaluator.scoring.labels import STATUS_LABELS
from evaluator.scoring.model import round2
from evaluator.scoring.ranking import FLAG_TITLES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ranking commands to the ``evaluator`` command line."""
    rank = sub.add_parser("rank", help="จัดอันดับตำบลของรอบหนึ่ง — rank a round")
    rank.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    rank.add_argument("--zone", type=int, default=None, metavar="N", help="เขตตรวจราชการเดียว")
    rank.add_argument("--json", action="store_true", help="JSON on stdout (DESIGN.md section 6)")
    rank.add_argument(
        "--all", action="store_true", help="แสดงตำบลที่ไม่มีแบบประเมินเลยด้วย — show every tambon"
    )
    rank.add_argument("--contest", default=None, metavar="CODE")
    rank.set_defaults(handler=_cmd_rank)

    explain = sub.add_parser("explain", help="อธิบายอันดับของตำบล — why a tambon is where it is")
    explain.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    explain.add_argument("--tambon", required=True, metavar="CODE")
    explain.add_argument("--json", action="store_true")
    explain.add_argument("--contest", default=None, metavar="CODE")
    explain.set_defaults(handler=_cmd_explain)

    agree = sub.add_parser(
        "agreement", help="ความสอดคล้องระหว่างผู้ประเมิน — agreement between inspectors"
    )
    agree.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    agree.add_argument("--json", action="store_true")
    agree.add_argument("--top", type=int, default=20, metavar="N", help="rows of each list shown")
    agree.add_argument("--contest", default=None, metavar="CODE")
    agree.set_defaults(handler=_cmd_agreement)

    budget = sub.add_parser("budget", help="งบประมาณเงินรางวัล — prize money")
    budget.add_argument("--json", action="store_true")
    budget.add_argument("--contest", default=None, metavar="CODE")
    budget.set_defaults(handler=_cmd_budget)

    finalise = sub.add_parser(
        "finalise", help="ยืนยันผลและล็อกรอบ — finalise a round", aliases=["finalize"]
    )
    finalise.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    finalise.add_argument("--contest", default=None, metavar="CODE")
    user_arg(finalise)
    finalise.set_defaults(handler=_cmd_finalise)

    reopen = sub.add_parser("reopen", help="เปิดรอบที่ยืนยันผลแล้ว (ผู้ดูแลระบบ) — reopen a round")
    reopen.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    reopen.add_argument("--reason", required=True, metavar="TEXT", help="เหตุผล (บันทึกในประวัติ)")
    reopen.add_argument("--contest", default=None, metavar="CODE")
    user_arg(reopen)
    reopen.set_defaults(handler=_cmd_reopen)


# --- output helpers --------------------------------------------------------------------------


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Thai vowel and tone marks above or below a
    consonant take none."""
    return sum(
        0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1
        for ch in text
    )


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """A plain text table; columns in ``right`` are right-aligned."""
    widths = [width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], width(cell))

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _score(value: float | None) -> str:
    return "-" if value is None else f"{round2(value):.2f}"


def _baht(value: int) -> str:
    return f"{value:,}"


# --- commands --------------------------------------------------------------------------------


def _cmd_rank(args: argparse.Namespace) -> int:
    from evaluator.services.ranking import rank_round, ranking_json

    db = open_db(args)
    try:
        ranking = rank_round(db, args.round_code, args.zone, contest=args.contest)
    finally:
        db.dispose()
    if args.json:
        _print_json(ranking_json(ranking))
        return 0
    for line in _ranking_text(ranking, show_all=args.all):
        print(line)
    return 0


def _ranking_head(ranking: Any) -> list[str]:
    kind = "ต่อเขต" if ranking.quota_kind == "zone" else "ทั้งประเทศ"
    lines = [
        f"{ranking.contest_title} ({ranking.contest_code})",
        f"รอบ {ranking.round_title or ranking.round_code} ({ranking.round_code})"
        f" รางวัลละ {_baht(ranking.prize_baht)} บาท; โควตา {ranking.quota} รางวัล{kind};"
        f" วิธีรวมคะแนน {ranking.aggregation}; ส่วนได้ส่วนเสีย: {ranking.conflict_of_interest}",
    ]
    if ranking.finalised:
        lines.append(
            f"ยืนยันผลแล้ว โดย {ranking.finalised_by} เมื่อ {ranking.finalised_at};"
            f" SHA-256 {ranking.result_hash}"
        )
    lines.extend(f"คำเตือน: {w}" for w in ranking.warnings)
    return lines


def _entry_row(e: Any, national: bool) -> list[str]:
    note = e.reason
    if e.flags and not note:
        note = ", ".join(FLAG_TITLES.get(f, f) for f in e.flags)
    if e.decision is not None and e.status == "winner":
        note = f"คณะกรรมการตัดสิน ({e.decision.decided_by}): {e.decision.reason}"
    row = [
        "-" if e.rank is None else (f"{e.rank}=" if e.shared > 1 else str(e.rank)),
        e.tambon_code,
        e.tambon,
        e.district,
        e.province,
        _score(e.score),
        str(e.sheets),
        STATUS_LABELS[e.status].title,
        note,
    ]
    if national:
        row.insert(1, str(e.zone))
    return row


def _group_lines(
    title: str, entries: list[Any], headers: list[str], national: bool, show_all: bool
) -> list[str]:
    shown = [
        e for e in entries if show_all or e.status != "ineligible" or e.sheets or e.excluded_sheets
    ]
    hidden = len(entries) - len(shown)
    rows = [_entry_row(e, national) for e in shown]
    winners = sum(1 for e in entries if e.status == "winner")
    ties = sum(1 for e in entries if e.status == "tie")
    lines = [
        "",
        f"{title}: ได้รับรางวัล {winners} ตำบล" + (f", คะแนนเท่ากัน {ties} ตำบล" if ties else ""),
    ]
    if rows:
        lines.extend(table(headers, rows, {0, 1, 6, 7} if national else {0, 5, 6}))
    if hidden:
        lines.append(f"(ไม่มีแบบประเมินเลยอีก {hidden} ตำบล ใช้ --all เพื่อแสดง)")
    return lines


def _ranking_text(ranking: Any, *, show_all: bool) -> list[str]:
    lines = _ranking_head(ranking)
    cutoffs = {c.zone: c.text for c in ranking.cutoffs}
    headers = ["อันดับ", "รหัส", "ตำบล", "อำเภอ", "จังหวัด", "คะแนน", "แบบ", "สถานะ", "หมายเหตุ"]
    national = ranking.quota_kind != "zone"
    if not national:
        zones = sorted({e.zone for e in ranking.entries})
        groups = [
            (f"เขตตรวจราชการที่ {z}", [e for e in ranking.entries if e.zone == z]) for z in zones
        ]
    else:
        headers.insert(1, "เขต")
        groups = [("ทั้งประเทศ", list(ranking.entries))]
    for title, entries in groups:
        lines.extend(_group_lines(title, entries, headers, national, show_all))
        zone = entries[0].zone if not national and entries else 0
        if zone in cutoffs:
            lines.append(cutoffs[zone])
    return lines


def _cmd_explain(args: argparse.Namespace) -> int:
    from evaluator.services.ranking import explain_tambon

    db = open_db(args)
    try:
        explanation = explain_tambon(db, args.round_code, args.tambon, contest=args.contest)
    finally:
        db.dispose()
    if args.json:
        _print_json(asdict(explanation))
    else:
        print("\n".join(explanation.lines))
    return 0


def _cmd_agreement(args: argparse.Namespace) -> int:
    from evaluator.services.ranking import round_agreement

    db = open_db(args)
    try:
        result = round_agreement(db, args.round_code, contest=args.contest)
    finally:
        db.dispose()
    a = result.agreement
    if args.json:
        data = asdict(a)
        data["round"] = result.round_code
        for spread in data["spreads"]:
            spread["tambon"] = result.tambon_names.get(spread["tambon_code"], "")
            spread["zone"] = result.tambon_zones.get(spread["tambon_code"])
        data["aggregations"] = asdict(result.aggregations) if result.aggregations else None
        _print_json(data)
        return 0
    print(f"รอบ {result.round_title or result.round_code} ({result.round_code})")
    print(a.alpha_text)
    flagged = a.flagged
    print(f"\nตำบลที่ผู้ประเมินให้คะแนนต่างกันตั้งแต่ {a.spread_threshold:g} คะแนน: {len(flagged)} ตำบล")
    rows = [
        [
            s.tambon_code,
            result.tambon_names.get(s.tambon_code, ""),
            str(s.sheets),
            ", ".join(_score(t) for t in s.totals),
            _score(s.spread),
            _score(s.std),
        ]
        for s in flagged[: args.top]
    ]
    if rows:
        for line in table(["รหัส", "ตำบล", "แบบ", "คะแนนรวม", "ต่างกัน", "SD"], rows, {2, 4, 5}):
            print(line)
    print("\nความเข้มงวดของผู้ประเมิน (คะแนนของตน − ค่าเฉลี่ยของผู้อื่นในตำบลเดียวกัน):")
    shown = [x for x in a.leniency if x.leniency is not None]
    rows = [
        [x.inspector, str(x.sheets), str(x.shared_tambons), f"{x.leniency:+.2f}"]
        for x in shown[: args.top]
    ]
    if len(shown) > args.top:
        rows.extend(
            [x.inspector, str(x.sheets), str(x.shared_tambons), f"{x.leniency:+.2f}"]
            for x in shown[-args.top :]
            if x not in shown[: args.top]
        )
    for line in table(["ผู้ประเมิน", "แบบ", "ตำบลร่วม", "ต่างจากผู้อื่น"], rows, {1, 2, 3}):
        print(line)
    if result.aggregations is not None:
        for line in aggregation_lines(result.aggregations):
            print(line)
    return 0


def aggregation_lines(comparison: Any) -> list[str]:
    """How many winners each aggregation would change against the round's own, as text."""
    lines = [
        "",
        f"ถ้าใช้วิธีรวมคะแนนอื่น ผู้ได้รับรางวัลจะเปลี่ยนกี่ตำบล (เทียบกับ {comparison.aggregation}"
        " ที่รอบนี้ใช้) — winners that change with another aggregation:",
    ]
    rows = [
        [
            f"{row.aggregation}{' *' if row.own else ''}",
            row.title,
            str(row.winners),
            str(row.changed),
            ", ".join(f"เขต {z}: {n}" for z, n in row.changed_by_zone),
        ]
        for row in comparison.rows
    ]
    lines.extend(table(["วิธี", "ชื่อ", "ได้รางวัล", "เปลี่ยน", "เขตที่เปลี่ยน"], rows, {2, 3}))
    return lines


def _budget_json(report: Any) -> dict[str, Any]:
    data = asdict(report.budget)
    data["contest"] = report.contest_code
    data["finalised"] = report.finalised
    from evaluator.scoring.result import decision_json

    data["decisions"] = {
        code: [decision_json(d) for d in decided] for code, decided in report.decisions.items()
    }
    return data


def _cmd_budget(args: argparse.Namespace) -> int:
    from evaluator.services.ranking import contest_budget

    db = open_db(args)
    try:
        report = contest_budget(db, contest=args.contest)
    finally:
        db.dispose()
    b = report.budget
    if args.json:
        _print_json(_budget_json(report))
        return 0
    rule = "ได้ทั้งสองรางวัล" if b.double_award == "both" else "ได้เฉพาะรางวัลสูงสุด"
    print(f"{report.contest_title} ({report.contest_code}): ตำบลที่ได้รางวัลหลายระดับ{rule}")
    for r in b.rounds:
        state = "ยืนยันผลแล้ว" if report.finalised.get(r.code) else "ยังไม่ยืนยันผล"
        print(
            f"\nรอบ {r.title or r.code} ({r.code}, {state}): {r.winners} รางวัล ×"
            f" {_baht(r.prize_baht)} = {_baht(r.amount)} บาท"
            + (
                f"; รอตัดสินคะแนนเท่ากัน {r.tie_places} รางวัล {_baht(r.pending)} บาท"
                if r.tie_places
                else ""
            )
        )
        rows = [
            [
                str(z.zone),
                str(z.winners),
                _baht(z.amount),
                str(z.tie_places) if z.tie_places else "",
            ]
            for z in r.zones
            if z.winners or z.tie_places
        ]
        for line in table(["เขต", "รางวัล", "บาท", "รอตัดสิน"], rows, {0, 1, 2, 3}):
            print(line)
        for d in report.decisions.get(r.code, ()):
            where = f"เขต {d.zone}" if d.zone is not None else "ทั้งประเทศ"
            print(
                f"  คะแนนเท่ากัน{where} ({', '.join(sorted(d.tambons))}) คณะกรรมการตัดสินแล้ว"
                f" โดย {d.decided_by}: {', '.join(sorted(d.winners))} ได้รับรางวัล — {d.reason}"
            )
    print("\nรวมทั้งการประกวด ต่อเขต:")
    rows = [
        [str(z.zone), str(z.winners), _baht(z.amount), _baht(z.pending) if z.pending else ""]
        for z in b.zones
    ]
    for line in table(["เขต", "ตำบล", "บาท", "รอตัดสิน (บาท)"], rows, {0, 1, 2, 3}):
        print(line)
    print(
        f"\nรวมทั้งสิ้น {_baht(b.total)} บาท"
        + (f" (อาจเพิ่มอีกไม่เกิน {_baht(b.pending)} บาท เมื่อตัดสินคะแนนเท่ากัน)" if b.pending else "")
    )
    if b.double_winners:
        print(f"ตำบลที่ได้รางวัลมากกว่าหนึ่งระดับ: {len(b.double_winners)} ตำบล")
    return 0


def _cmd_finalise(args: argparse.Namespace) -> int:
    from evaluator.permissions import Action, allowed
    from evaluator.services.finalise import finalise_round

    db = open_db(args)
    try:
        user = acting_user(args, db)  # finalise_round checks the stored role
        if allowed(user, Action.FINALISE_ROUND):  # else finalise_round says why not
            unlock_audit_key()  # the finalise is signed into the log's checkpoint
        result = finalise_round(db, user, args.round_code, contest=args.contest)
    finally:
        db.dispose()
    print(
        f"ยืนยันผลรอบ {result.round_code} แล้ว โดย {result.finalised_by}:"
        f" ล็อกแบบประเมิน {result.locked_sheets} แบบ, ได้รับรางวัล {result.winners} ตำบล"
        + (f", คะแนนเท่ากันรอตัดสิน {result.ties} ตำบล" if result.ties else "")
    )
    print(f"SHA-256 {result.result_hash}")
    return 0


def _cmd_reopen(args: argparse.Namespace) -> int:
    from evaluator.services.finalise import reopen_round

    db = open_db(args)
    try:
        user = acting_user(args, db)  # reopen_round checks the stored role
        result = reopen_round(db, user, args.round_code, args.reason, contest=args.contest)
    finally:
        db.dispose()
    print(
        f"เปิดรอบ {result.round_code} อีกครั้งแล้ว โดย {result.reopened_by}"
        f" (ปลดล็อกแบบประเมิน {result.unlocked_sheets} แบบ; ผลเดิม SHA-256 {result.previous_hash})"
    )
    return 0
