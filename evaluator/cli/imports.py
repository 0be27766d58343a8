"""``evaluator --db X import geography|scores|contest FILE``.

The ``import`` command is extensible: other modules add kinds with
:func:`evaluator.cli.common.add_import_kind` (packages, scoresheets, …).
"""

from __future__ import annotations

import argparse
import sys

from evaluator.cli.common import acting_user, add_import_kind, open_db, path_arg
from evaluator.permissions import Action


def _table_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_arg, metavar="FILE", help=".xlsx or .csv")


def _report(lines: list[str], warnings: list[str]) -> None:
    for warning in warnings:
        print(f"คำเตือน — warning: {warning}", file=sys.stderr)
    for line in lines:
        print(line)


def _cmd_geography(args: argparse.Namespace) -> int:
    from evaluator.services.imports import import_geography

    db = open_db(args)
    try:
        user = acting_user(args, db, Action.IMPORT_GEOGRAPHY)
        summary = import_geography(db, args.file, actor=user.login)
    finally:
        db.dispose()
    _report(summary.lines(), summary.warnings)
    return 0


def _cmd_scores(args: argparse.Namespace) -> int:
    from evaluator.services.imports import import_scores

    db = open_db(args)
    try:
        user = acting_user(args, db, Action.IMPORT_SCORES)
        summary = import_scores(db, user, args.file)
    finally:
        db.dispose()
    _report(summary.lines(), summary.warnings)
    return 0


def _cmd_contest(args: argparse.Namespace) -> int:
    from evaluator.services.contest_import import import_contest

    db = open_db(args)
    try:
        user = acting_user(args, db, Action.IMPORT_CONTEST)
        result = import_contest(db, args.file, actor=user.login)
    finally:
        db.dispose()
    if result.created:
        print(
            f"สร้างการประกวด {result.code} แล้ว: เกณฑ์ {result.criteria} ข้อ รอบ {result.rounds} รอบ "
            f"— contest created"
        )
    elif not result.changed:
        print(f"การประกวด {result.code} ตรงกับไฟล์อยู่แล้ว ไม่มีการเปลี่ยนแปลง — nothing changed")
    else:
        print(f"ปรับปรุงการประกวด {result.code} แล้ว — contest updated:")
        for line in result.changes:
            print(f"  - {line}")
        if result.rubric_version_bumped:
            print(
                f"เกณฑ์เปลี่ยนหลังมีคะแนนแล้ว: รุ่นเกณฑ์เป็น {result.rubric_version} "
                f"— rubric_version is now {result.rubric_version}"
            )
    return 0


def _contest_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_arg, metavar="FILE.toml", help="contest file (TOML)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import geography``, ``import scores`` and ``import contest``."""
    add_import_kind(
        sub,
        "geography",
        "target tambons: zone, province, district, tambon, tambon_code (.xlsx or .csv)",
        _cmd_geography,
        _table_args,
    )
    add_import_kind(
        sub,
        "scores",
        "scores, one row per criterion: round, inspector, tambon_code, criterion, score, "
        "note (.xlsx or .csv)",
        _cmd_scores,
        _table_args,
    )
    add_import_kind(
        sub,
        "contest",
        "criteria and rounds from a TOML contest file (DESIGN.md section 6)",
        _cmd_contest,
        _contest_args,
    )
