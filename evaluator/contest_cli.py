"""Commands for setting up a contest: ``import contest FILE.toml`` and ``demo``."""

from __future__ import annotations

import argparse
import time

from evaluator.cli import open_db, path_arg
from evaluator.io.cli import add_import_kind


def _cmd_import_contest(args: argparse.Namespace) -> int:
    from evaluator.services.contest_import import import_contest

    db = open_db(args)
    try:
        result = import_contest(db, args.file, actor=args.actor)
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


def _cmd_demo(args: argparse.Namespace) -> int:
    from evaluator.db import open_database
    from evaluator.demo import DEFAULT_SEED
    from evaluator.services.demo import create_demo

    started = time.perf_counter()
    db = open_database(args.db)
    try:
        seed = DEFAULT_SEED if args.seed is None else args.seed
        result = create_demo(db, seed=seed, if_missing=args.if_missing)
    finally:
        db.dispose()
    seconds = time.perf_counter() - started
    if result.counts is None:
        print(f"ฐานข้อมูลมีข้อมูลอยู่แล้ว ไม่ได้สร้างข้อมูลตัวอย่าง — already has data: {result.url}")
        return 0
    c = result.counts
    print(
        f"สร้างข้อมูลตัวอย่างแล้ว (seed {c.seed}) — demo created: {result.url}\n"
        f"  {c.zones} เขตตรวจราชการ, {c.provinces} จังหวัด, {c.districts:,} อำเภอ, "
        f"{c.tambons:,} ตำบลเป้าหมาย, {c.villages:,} หมู่บ้าน\n"
        f"  ผู้นำการเปลี่ยนแปลง {c.leaders:,} คน, ผู้ประเมิน {c.inspectors} คน, "
        f"ผู้ใช้ {c.users} คน, ผู้ลงนาม {c.signatories} คน\n"
        f"  มอบหมาย {c.assignments:,} รายการ, แบบประเมิน {c.sheets:,} แบบ "
        f"(ฉบับร่าง {c.drafts}, ไม่ครบทุกเกณฑ์ {c.incomplete}, "
        f"ผู้ประเมินจากจังหวัดเดียวกัน {c.conflicts}), คะแนน {c.scores:,} รายการ\n"
        f"  ใช้เวลา {seconds:.1f} วินาที"
    )
    return 0


def _contest_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_arg, metavar="FILE.toml", help="contest file (TOML)")
    parser.add_argument(
        "--actor",
        metavar="NAME",
        default=None,
        help="who is importing, for the audit log (default: the OS user)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import contest FILE.toml`` and ``demo [--seed N] [--if-missing]``."""
    add_import_kind(
        sub,
        "contest",
        "criteria and rounds from a TOML contest file (DESIGN.md section 6)",
        _cmd_import_contest,
        _contest_args,
    )
    parser = sub.add_parser(
        "demo",
        help="a full demo data set (18 zones, 1,000 tambons, inspectors, scores)",
        description="สร้างข้อมูลตัวอย่าง: 1,000 ตำบลจริงใน 18 เขตตรวจราชการ ผู้นำ ผู้ประเมิน และคะแนน "
        "— build the demo data set in an empty database.",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default 2564, the fiscal year)"
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when the database already has data (tambons, inspectors or sheets)",
    )
    parser.set_defaults(handler=_cmd_demo)
