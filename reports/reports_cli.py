"""Command-line commands of the reports and the Excel exports.

``evaluator report summary|executive|tambon …`` writes a PDF; ``evaluator export
rankings|scores|budget …`` writes a workbook (kinds of the ``export`` command that
:mod:`evaluator.cli.common` keeps, added with its ``add_export_kind``).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from evaluator.cli.common import add_export_kind, open_db, path_arg
from evaluator.errors import InputError, Problem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report`` and the ``export`` kinds of the reports to the command line."""
    report = sub.add_parser(
        "report",
        help="รายงาน PDF: สรุปผลรอบ ผู้บริหาร รายตำบล — PDF reports",
        description="รายงาน PDF (A4) — PDF reports: a round's summary, the executive summary, "
        "a tambon's score report.",
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    summary = kinds.add_parser(
        "summary",
        help="รายงานสรุปผลการประเมินของรอบ — a round's summary for the committee",
        description="Per zone and national ranking tables, winners, ties for the committee, "
        "budget, agreement between inspectors and charts per zone.",
    )
    summary.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    _common(summary)
    summary.set_defaults(handler=_cmd_summary)

    executive = kinds.add_parser(
        "executive",
        help="รายงานสรุปสำหรับผู้บริหาร — the executive summary",
        description="The programme's figures, each round's winners, charts by zone, the prize "
        "money, agreement between inspectors and what is left to do.",
    )
    _common(executive)
    executive.set_defaults(handler=_cmd_executive)

    tambon = kinds.add_parser(
        "tambon",
        help="รายงานผลการประเมินรายตำบล — one tambon's score report",
        description="A tambon's ranking and its explanation, every sheet's scores and notes, "
        "the photos, and its change leaders; every round it has sheets in, or --round.",
    )
    tambon.add_argument("--code", required=True, metavar="TAMBON_CODE", help="รหัสตำบล 6 หลัก")
    tambon.add_argument("--round", dest="round_code", metavar="CODE", default=None)
    _common(tambon)
    tambon.set_defaults(handler=_cmd_tambon)

    def rankings_args(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--round", required=True, dest="round_code", metavar="CODE")
        _common(parser, suffix=".xlsx")

    def scores_args(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--round", dest="round_code", metavar="CODE", default=None)
        _common(parser, suffix=".xlsx")

    def budget_args(parser: argparse.ArgumentParser) -> None:
        _common(parser, suffix=".xlsx")

    add_export_kind(
        sub,
        "rankings",
        "ผลการจัดอันดับเป็น Excel: ทั้งประเทศและรายเขต — a round's ranking as .xlsx",
        _cmd_export_rankings,
        rankings_args,
    )
    add_export_kind(
        sub,
        "scores",
        "คะแนนดิบเป็น Excel หนึ่งแถวต่อคะแนน นำเข้ากลับได้ — raw scores as .xlsx (importable)",
        _cmd_export_scores,
        scores_args,
    )
    add_export_kind(
        sub,
        "budget",
        "งบประมาณเงินรางวัลเป็น Excel: รายรอบ รายเขต รายตำบล — the prize money as .xlsx",
        _cmd_export_budget,
        budget_args,
    )
    register_export_lessons_book(sub)


def _common(parser: argparse.ArgumentParser, suffix: str = ".pdf") -> None:
    parser.add_argument("--out", required=True, type=path_arg, metavar=f"FILE{suffix}")
    parser.add_argument("--contest", metavar="CODE", default=None, help="when there are several")
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        dest="issued_on",
        default=None,
        help="the date printed (default: today in Thailand)",
    )
    parser.set_defaults(out_suffix=suffix)


def _check_out(args: argparse.Namespace) -> Path:
    out = Path(args.out)
    if out.is_dir():
        raise InputError(
            [
                Problem(
                    f"--out ต้องเป็นชื่อไฟล์ {args.out_suffix} ไม่ใช่โฟลเดอร์ — a file, not a folder",
                    str(out),
                )
            ]
        )
    if out.suffix.lower() != args.out_suffix:
        raise InputError(
            [
                Problem(
                    f"ชื่อไฟล์ต้องลงท้ายด้วย {args.out_suffix} — the file name must end in "
                    f"{args.out_suffix}",
                    str(out),
                    field="--out",
                )
            ]
        )
    return out


def _done(what: str, path: Path, detail: str, started: float, draft: bool = False) -> int:
    print(f"{what}: {path} ({detail}, {time.perf_counter() - started:.1f} วินาที)")
    if draft:
        print(
            "คำเตือน: ผลยังไม่ยืนยัน รายงานจึงพิมพ์เป็นฉบับร่าง — warning: not finalised, "
            "the report is marked as a draft",
            file=sys.stderr,
        )
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from reports.summary import write_summary

    out = _check_out(args)
    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_summary(
            db, args.round_code, out, contest=args.contest, issued_on=args.issued_on
        )
    finally:
        db.dispose()
    return _done(
        "รายงานสรุปผลการประเมิน — summary",
        out,
        f"{written.pages} หน้า",
        started,
        written.draft,
    )


def _cmd_executive(args: argparse.Namespace) -> int:
    from reports.executive import write_executive

    out = _check_out(args)
    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_executive(db, out, contest=args.contest, issued_on=args.issued_on)
    finally:
        db.dispose()
    return _done(
        "รายงานสรุปสำหรับผู้บริหาร — executive summary",
        out,
        f"{written.pages} หน้า",
        started,
        written.draft,
    )


def _cmd_tambon(args: argparse.Namespace) -> int:
    from evaluator.io.geography_import import tambon_code_of
    from reports.tambon_report import write_tambon_report

    out = _check_out(args)
    code = tambon_code_of(args.code)
    if code is None:
        raise InputError(
            [
                Problem(
                    f"รหัสตำบล '{args.code}' ต้องเป็นตัวเลข 6 หลัก — a tambon code has 6 digits",
                    field="--code",
                )
            ]
        )
    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_tambon_report(
            db,
            code,
            out,
            round_code=args.round_code,
            contest=args.contest,
            issued_on=args.issued_on,
        )
    finally:
        db.dispose()
    return _done(
        "รายงานผลการประเมินรายตำบล — tambon report",
        out,
        f"{written.pages} หน้า",
        started,
        written.draft,
    )


def _cmd_export_rankings(args: argparse.Namespace) -> int:
    from reports.excel import write_rankings

    out = _check_out(args)
    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_rankings(
            db, args.round_code, out, contest=args.contest, issued_on=args.issued_on
        )
    finally:
        db.dispose()
    return _done(
        "ผลการจัดอันดับ — rankings",
        out,
        f"{written.rows:,} ตำบล, {len(written.sheets)} แผ่นงาน",
        started,
    )


def _cmd_export_scores(args: argparse.Namespace) -> int:
    from reports.excel import write_scores

    out = _check_out(args)
    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_scores(
            db, out, round_code=args.round_code, contest=args.contest, issued_on=args.issued_on
        )
    finally:
        db.dispose()
    return _done("คะแนนดิบ — raw scores", out, f"{written.rows:,} แถว", started)


def _cmd_export_budget(args: argparse.Namespace) -> int:
    from reports.excel import write_budget

    out = _check_out(args)
    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_budget(db, out, contest=args.contest, issued_on=args.issued_on)
    finally:
        db.dispose()
    return _done("งบประมาณเงินรางวัล — budget", out, f"{len(written.sheets)} แผ่นงาน", started)


def register_export_lessons_book(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``evaluator export lessons-book --out FILE.pdf``."""

    add_export_kind(
        sub,
        "lessons-book",
        "หนังสือแนวปฏิบัติที่ดี (PDF): บทเรียนของตำบลที่ได้รับรางวัลและที่คณะกรรมการคัดเลือก"
        " — the good-practice book",
        _cmd_lessons_book,
        _common,
    )


def _cmd_lessons_book(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.is_dir() or out.suffix.lower() != ".pdf":
        raise InputError(
            [
                Problem(
                    "--out ต้องเป็นชื่อไฟล์ที่ลงท้ายด้วย .pdf — a file name ending in .pdf",
                    str(out),
                    field="--out",
                )
            ]
        )
    from reports.lessons_book import write_lessons_book

    started = time.perf_counter()
    db = open_db(args)
    try:
        written = write_lessons_book(db, out, contest=args.contest, issued_on=args.issued_on)
    finally:
        db.dispose()
    print(
        f"หนังสือแนวปฏิบัติที่ดี — good-practice book: {out}"
        f" ({written.pages} หน้า, {time.perf_counter() - started:.1f} วินาที)"
    )
    return 0
