"""Benchmark: build the full demo data set (1,000 tambons, 15,000 leaders, ~2,500 sheets,
~25,000 scores) in a fresh SQLite file, as ``evaluator demo`` does, and report the time and the
file size. Run: ``.venv/bin/python bench/bench_demo.py``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from evaluator.db import open_database
from evaluator.services.demo import create_demo


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.sqlite3"
        start = time.perf_counter()
        db = open_database(path)
        result = create_demo(db)
        db.dispose()
        seconds = time.perf_counter() - start
        counts = result.counts
        assert counts is not None and counts.tambons == 1000
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        print(
            f"demo: {counts.tambons} tambons, {counts.leaders} leaders, {counts.sheets} sheets, "
            f"{counts.scores} scores in {seconds:.2f} s (schema included); "
            f"SQLite file {size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
