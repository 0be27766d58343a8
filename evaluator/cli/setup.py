"""Commands that make a database: ``init`` and ``demo``."""

from __future__ import annotations

import argparse
import time

from evaluator.db import open_database


def _cmd_init(args: argparse.Namespace) -> int:
    from evaluator.services.setup import init_database

    db = open_database(args.db)
    result = init_database(db)
    if result.before == result.after:
        print(f"ฐานข้อมูลเป็นรุ่นล่าสุดแล้ว (schema {result.after}): {db.url}")
    else:
        print(f"สร้าง/ปรับรุ่นฐานข้อมูลแล้ว {result.before or '-'} → {result.after}: {db.url}")
    if result.backup:
        print(f"สำรองไฟล์เดิมไว้ที่ {result.backup}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``init`` and ``demo [--seed N] [--if-missing]``."""
    init = sub.add_parser("init", help="create or upgrade the database")
    init.set_defaults(handler=_cmd_init)

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
