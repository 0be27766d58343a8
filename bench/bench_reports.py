"""Benchmark: the reports and Excel exports of the demo (1,000 tambons, ~2,450 sheets,
~24,400 scores): the round summary, the executive summary, a tambon's report, the rankings,
raw scores and budget workbooks — each timed from the database to the written file.

Run: ``.venv/bin/python bench/bench_reports.py`` (``--repeat N`` for the best of N).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluator.db import open_database
from evaluator.services.demo import create_demo
from evaluator.services.ranking import rank_round
from reports.excel import write_budget, write_rankings, write_scores
from reports.executive import write_executive
from reports.summary import write_summary
from reports.tambon_report import write_tambon_report


def _best(repeat: int, job: Callable[[], str]) -> tuple[float, str]:
    times = []
    detail = ""
    for _ in range(repeat):
        started = time.perf_counter()
        detail = job()
        times.append(time.perf_counter() - started)
    return min(times), detail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        db = open_database(out / "demo.sqlite3")
        started = time.perf_counter()
        create_demo(db)
        print(f"demo built in {time.perf_counter() - started:.1f} s")
        winner = rank_round(db, "outstanding").winners()[0].tambon_code
        jobs: list[tuple[str, Callable[[], str]]] = [
            (
                "summary PDF (outstanding)",
                lambda: f"{write_summary(db, 'outstanding', out / 's.pdf').pages} pages",
            ),
            (
                "summary PDF (excellent, no sheets)",
                lambda: f"{write_summary(db, 'excellent', out / 'e.pdf').pages} pages",
            ),
            ("executive PDF", lambda: f"{write_executive(db, out / 'x.pdf').pages} pages"),
            (
                f"tambon PDF ({winner})",
                lambda: f"{write_tambon_report(db, winner, out / 't.pdf').pages} pages",
            ),
            (
                "rankings .xlsx",
                lambda: f"{write_rankings(db, 'outstanding', out / 'r.xlsx').rows} rows",
            ),
            ("raw scores .xlsx", lambda: f"{write_scores(db, out / 'c.xlsx').rows} rows"),
            ("budget .xlsx", lambda: f"{len(write_budget(db, out / 'b.xlsx').sheets)} sheets"),
        ]
        print(f"{'document':<38} {'seconds':>8}  size")
        for name, job in jobs:
            seconds, detail = _best(args.repeat, job)
            print(f"{name:<38} {seconds:8.2f}  {detail}")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
