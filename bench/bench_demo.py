"""Benchmark: build the full demo data set (1,000 tambons, 15,000 leaders, ~2,500 sheets,
~25,000 scores) in a fresh SQLite file, as ``evaluator demo`` does, and report the time and the
file size, beside a bare baseline measured in the same run.

    .venv/bin/python bench/bench_demo.py [--runs 3]

- **ours**: ``create_demo`` (schema by the migrations, geography, contest, users, inspectors,
  assignments, leaders, sheets and scores, their audit entries and seals);
- **bare**: the very rows ``create_demo`` stored (every table, the audit log included, read
  back first and not timed) written into an empty file of the same schema with one ``sqlite3``
  ``executemany`` per table in one transaction (WAL, ``synchronous=FULL``): what SQLite alone
  takes to store that data.

The load average is printed beside the figures (the build machine's 2 cores are shared).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from evaluator.db import open_database
from evaluator.services.demo import create_demo


def _bare(source: Path, target: Path) -> float:
    """Write every row of ``source`` into a new file of the same tables and indexes."""
    src = sqlite3.connect(source)
    schema = [
        sql
        for (sql,) in src.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL"
            " ORDER BY type DESC, name"
        )
    ]
    tables = [
        name
        for (name,) in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    data = {t: src.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    src.close()
    dst = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL"):
        dst.execute(f"PRAGMA {pragma}")
    for sql in schema:
        dst.execute(sql)
    start = time.perf_counter()
    dst.execute("BEGIN IMMEDIATE")
    for table, rows in data.items():
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            dst.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
    dst.execute("COMMIT")
    seconds = time.perf_counter() - start
    dst.close()
    return seconds


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ours: list[float] = []
    bare: list[float] = []
    load_before = _load()
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "demo.sqlite3"
            start = time.perf_counter()
            db = open_database(path)
            result = create_demo(db)
            db.dispose()
            ours.append(time.perf_counter() - start)
            counts = result.counts
            assert counts is not None and counts.tambons == 1000
            size = sum(p.stat().st_size for p in Path(tmp).iterdir())
            bare.append(_bare(path, Path(tmp) / "bare.sqlite3"))
    print(
        f"demo: {counts.tambons} tambons, {counts.leaders} leaders, {counts.sheets} sheets, "
        f"{counts.scores} scores; SQLite file {size / 1e6:.1f} MB "
        f"(load {load_before} → {_load()}, {args.runs} runs)"
    )
    o, b = statistics.median(ours), statistics.median(bare)
    print(f"  ours: {o:.2f} s median (schema included; runs {', '.join(f'{x:.2f}' for x in ours)})")
    print(f"  bare: {b:.2f} s median (the same rows, one executemany per table)")
    print(f"  ratio ours/bare: ×{o / b:.1f}")


if __name__ == "__main__":
    main()
