"""Commands that look back: ``audit verify|list|export``, ``conflicts list|resolve`` and
``imports`` (the packages and scoresheets imported)."""

from __future__ import annotations

import argparse
import re
import sys

from evaluator.cli.common import acting_user, open_db, path_arg, unlock_audit_key, user_arg
from evaluator.permissions import Action, allowed

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
        report = verify(db, set(args.trust or ()))
    finally:
        db.dispose()
    if report.intact:
        print(f"บันทึกประวัติการแก้ไขครบถ้วน {report.entries} รายการ — the audit log is intact")
        print(
            f"แบบประเมิน {report.sheets_checked} ฉบับตรงกับที่บันทึกผนึกไว้; จุดตรวจสอบที่ลงนาม"
            f" {report.checkpoints} จุด (กุญแจ {', '.join(report.checkpoint_keys) or '-'})"
            f" — {report.sheets_checked} sheets match their seals;"
            f" {report.checkpoints} signed checkpoints"
        )
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
        user = acting_user(args, db)  # the export's checkpoint is logged in the user's name
        if allowed(user, Action.VIEW_AUDIT_LOG):  # else export_xlsx says why not
            unlock_audit_key()  # the export is signed into the log's checkpoint
        n = export_xlsx(db, user, args.out, filt)
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
    from evaluator.services.conflicts import list_conflicts

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
        differ = c.lessons_differ()
        if differ:
            print(f"  บทเรียนต่างกัน — lessons differ: {', '.join(differ)}")
    return 0


def _natural(item: tuple[str, float]) -> list[object]:
    """C2 before C10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", item[0])]


def _cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from evaluator.services.conflicts import resolve_conflict

    db = open_db(args)
    try:
        user = acting_user(args, db, Action.RESOLVE_CONFLICT)
        res = resolve_conflict(db, user, args.sheet, args.keep, args.reason)
    finally:
        db.dispose()
    print(
        f"แบบประเมิน {res.sheet_uuid} ใช้เนื้อหาของ {res.kept_row} (รุ่น {res.version}); "
        f"ฉบับอื่นเก็บไว้เป็นฉบับที่ไม่ใช้: {', '.join(res.superseded)} — resolved"
    )
    return 0


def _cmd_imports_list(args: argparse.Namespace) -> int:
    from evaluator.services.packages import list_imports

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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``audit``, ``conflicts`` and ``imports``."""
    audit_parser = sub.add_parser("audit", help="the audit log: verify, list, export")
    audit_sub = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    ver = audit_sub.add_parser(
        "verify", help="check the hash chain, its signed checkpoints and every sheet's seal"
    )
    ver.add_argument(
        "--trust",
        action="append",
        metavar="FINGERPRINT",
        help="also accept checkpoints signed by this audit key (another installation's)",
    )
    ver.set_defaults(handler=_cmd_audit_verify)
    aex = audit_sub.add_parser("export", help="the log (filtered) as an Excel file")
    aex.add_argument("--out", required=True, type=path_arg, metavar="FILE.xlsx")
    _filter_args(aex)
    user_arg(aex)
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
    user_arg(cr)
    cr.set_defaults(handler=_cmd_conflicts_resolve)

    imp = sub.add_parser("imports", help="imported packages and scoresheets, newest first")
    imp.set_defaults(handler=_cmd_imports_list)
