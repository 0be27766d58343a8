"""Benchmark: import a 3,000-row score file (1,000 sheets × 3 criteria), as .xlsx and .csv,
then re-import it unchanged. Run: ``.venv/bin/python bench/bench_import_scores.py``."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.evaluator.helpers

from evaluator.db import open_database
from evaluator.services.imports import import_scores
from evaluator.services.setup import init_database
from tests.evaluator.helpers import (
    add_tambons,
    committee_user,
    make_contest,
    write_csv,
    write_xlsx,
)

HEADER = ["round", "inspector", "tambon_code", "criterion", "score", "note"]
TAMBONS = ("840501", "840502", "840503", "500101", "500102")


def _rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(200):
        for tambon in TAMBONS:
            for code, value in (("C1", i % 11), ("C2", 10 - i % 11), ("C3", 2.5)):
                rows.append(["outstanding", f"ผู้ประเมิน {i:03d}", tambon, code, value, "หมายเหตุ"])
    return rows


def main() -> None:
    rows = _rows()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind, write in (("xlsx", write_xlsx), ("csv", write_csv)):
            db = open_database(folder / f"{kind}.sqlite3")
            init_database(db)
            add_tambons(db, TAMBONS)
            make_contest(db)
            path = write(folder / f"scores.{kind}", HEADER, rows)
            start = time.perf_counter()
            first = import_scores(db, committee_user(db), path)
            mid = time.perf_counter()
            second = import_scores(db, committee_user(db), path)
            end = time.perf_counter()
            assert first.added == 3000 and second.unchanged == 3000
            print(
                f"{kind}: {len(rows)} rows: first import {mid - start:.2f} s, "
                f"unchanged re-import {end - mid:.2f} s"
            )
            db.dispose()


if __name__ == "__main__":
    main()
