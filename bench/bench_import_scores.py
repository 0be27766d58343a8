"""Benchmark: importing score tables of 30,000 and 200,000 rows, time and resident memory,
each beside a bare baseline measured in the same run.

    .venv/bin/python bench/bench_import_scores.py [--rows 30000 200000] [--runs 2] [--xlsx]
        [--before CHECKOUT]

For each size a database is built once (real tambons from geothai, 10 inspectors × 3 criteria
per tambon, the test contest) and a long-format CSV file written (``--xlsx``: a workbook too).
Each run copies the database and imports the file in a fresh process, alternating with:

- **ours**: ``import_scores`` (the service: read and check every row as a stream, register
  inspectors, make sheets, assignments and scores, an audit entry per change, a seal per sheet,
  one transaction);
- **bare**: the same file read with ``csv.reader`` (``--xlsx``: openpyxl read-only) and its
  rows written with one ``sqlite3`` ``executemany`` into a table of the same six columns, in one
  transaction, with the app's PRAGMAs (WAL, ``synchronous=FULL``);
- with ``--before CHECKOUT`` (another clone at an earlier commit), **before**: that code's
  ``import_scores`` in turn with the two others, so a change is compared in the same minutes.

Printed per size and kind: wall time (median of the runs), µs per row, the process's own CPU
time (what a busy machine inflates least), the ratio to the bare run, peak resident memory of
the process (``VmHWM``) and how much the import added to the resident memory the process had
before it. The load average is printed beside the figures: the
build machine has 2 cores shared with other work, so read the ratios.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.evaluator.helpers

HEADER = ["round", "inspector", "tambon_code", "criterion", "score", "note"]
INSPECTORS = 10  # per tambon
CRITERIA = (("C1", 10.0), ("C2", 10.0), ("C3", 5.0))


def _rss_mb() -> float:
    """The resident memory now, from /proc (ru_maxrss is the peak)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    """The peak resident memory of this process image: VmHWM (ru_maxrss would carry the
    forking parent's peak across exec on Linux)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tambons(count: int) -> list[str]:
    import geothai

    codes = sorted(
        sub.code
        for province in geothai.provinces()
        if province.code != "10"  # Bangkok has no tambons in the contest
        for district in geothai.districts(province.code)
        for sub in geothai.subdistricts(district.code)
    )
    if count > len(codes):
        raise SystemExit(f"only {len(codes)} tambons: use fewer rows")
    return codes[:count]


def _write_rows(path: Path, tambons: list[str]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for t, code in enumerate(tambons):
            for i in range(INSPECTORS):
                for c, (crit, top) in enumerate(CRITERIA):
                    score = (t * 7 + i * 3 + c) % int(top * 2 + 1) / 2
                    writer.writerow(["outstanding", f"ผู้ประเมิน {i:02d}", code, crit, score, ""])
                    n += 1
    return n


def _to_xlsx(csv_path: Path, xlsx_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("คะแนน")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(xlsx_path)


def _prepare(folder: Path, rows: int) -> tuple[Path, Path]:
    from evaluator.db import open_database
    from evaluator.services.setup import init_database
    from tests.evaluator.helpers import add_tambons, committee_user, make_contest

    tambons = _tambons(rows // (INSPECTORS * len(CRITERIA)))
    db_path = folder / f"base-{rows}.sqlite3"
    db = open_database(db_path)
    init_database(db)
    add_tambons(db, tambons)
    make_contest(db)
    committee_user(db)
    db.dispose()
    csv_path = folder / f"scores-{rows}.csv"
    _write_rows(csv_path, tambons)
    return db_path, csv_path


# --- the two children ------------------------------------------------------------------------


def _ours(db_path: Path, path: Path) -> dict[str, float]:
    from evaluator.db import open_database
    from evaluator.services.imports import import_scores
    from tests.evaluator.helpers import committee_user

    db = open_database(db_path)
    user = committee_user(db)
    before = _rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    summary = import_scores(db, user, path)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    assert summary.added == summary.rows, (summary.added, summary.rows)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rows": summary.rows,
        "before": before,
        "peak": _peak_mb(),
    }


def _bare_rows(path: Path):  # type: ignore[no-untyped-def]
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        next(rows)
        for values in rows:
            yield ["" if v is None else str(v) for v in values]
        book.close()
        return
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        yield from reader


def _bare(db_path: Path, path: Path) -> dict[str, float]:
    conn = sqlite3.connect(db_path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute(
        "CREATE TABLE bare_scores (round TEXT, inspector TEXT, tambon_code TEXT,"
        " criterion TEXT, score REAL, note TEXT)"
    )
    before = _rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    cursor = conn.executemany(
        "INSERT INTO bare_scores VALUES (?, ?, ?, ?, ?, ?)",
        ((r, i, t, c, float(s), n) for r, i, t, c, s, n in _bare_rows(path)),
    )
    count = cursor.rowcount
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    conn.close()
    return {"seconds": seconds, "cpu": cpu, "rows": count, "before": before, "peak": _peak_mb()}


def _child(kind: str, db_path: Path, path: Path, code: str = "") -> dict[str, float]:
    extra = ["--code", code] if code else []
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(db_path), str(path), *extra],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[30_000, 200_000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--xlsx", action="store_true", help="also a workbook of each size")
    parser.add_argument(
        "--before", default="", help="a checkout of earlier code, run in turn with the others"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--code", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db_path, path = args.child
        if args.code:  # the earlier code's evaluator (and test helpers) instead of this one's
            sys.path.insert(0, str(Path(args.code).resolve()))
        run = _ours if kind == "ours" else _bare
        print(json.dumps(run(Path(db_path), Path(path))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rows in args.rows:
            db_path, csv_path = _prepare(folder, rows)
            files = [csv_path]
            if args.xlsx:
                files.append(csv_path.with_suffix(".xlsx"))
                _to_xlsx(csv_path, files[-1])
            for path in files:
                kinds = ("ours", "bare", "before") if args.before else ("ours", "bare")
                results: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
                load_before = _load()
                for index in range(args.runs):
                    for kind in kinds:
                        target = folder / f"run-{kind}-{index}.sqlite3"
                        shutil.copy(db_path, target)
                        code = args.before if kind == "before" else ""
                        child = "ours" if kind == "before" else kind
                        results[kind].append(_child(child, target, path, code))
                        target.unlink()
                        for extra in ("-wal", "-shm"):
                            Path(str(target) + extra).unlink(missing_ok=True)
                print(
                    f"{path.suffix[1:]} {rows:,} rows (load {load_before} → {_load()}, "
                    f"{args.runs} runs each):"
                )
                _report(results, rows)


def _report(results: dict[str, list[dict[str, float]]], rows: int) -> None:
    wall = {kind: statistics.median(r["seconds"] for r in runs) for kind, runs in results.items()}
    cpu = {kind: statistics.median(r["cpu"] for r in runs) for kind, runs in results.items()}
    for kind, runs in results.items():
        peak = max(r["peak"] for r in runs)
        added = max(r["peak"] - r["before"] for r in runs)
        print(
            f"  {kind}: {wall[kind]:.2f} s ({wall[kind] / rows * 1e6:.0f} µs/row; "
            f"CPU {cpu[kind]:.2f} s, {cpu[kind] / rows * 1e6:.0f} µs/row), "
            f"peak RSS {peak:.0f} MB (+{added:.0f} MB during the import)"
        )
    ratio, cpu_ratio = wall["ours"] / wall["bare"], cpu["ours"] / cpu["bare"]
    print(f"  ratio ours/bare: ×{ratio:.1f} (CPU ×{cpu_ratio:.1f})")
    if "before" in results:
        print(
            f"  ratio before/bare: ×{wall['before'] / wall['bare']:.1f} "
            f"(CPU ×{cpu['before'] / cpu['bare']:.1f}); ours/before CPU "
            f"×{cpu['ours'] / cpu['before']:.2f}"
        )


if __name__ == "__main__":
    main()
