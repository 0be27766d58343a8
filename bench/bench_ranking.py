"""Benchmark: ranking the demo contest (1,000 tambons, about 2,500 sheets) through the service.

    .venv/bin/python bench/bench_ranking.py [--db PATH] [--repeat N] [--synthetic]
        [--before CHECKOUT]

Builds the demo database once (``evaluator.services.demo.create_demo``; with ``--synthetic``, or
when the demo is not available, a synthetic contest of 1,000 tambons × 2.5 sheets written through
the models) in the temporary folder and reuses it on later runs. Prints, for each round: the
first ranking on a freshly opened database (cold), the median and best of ``--repeat`` warm
rankings, and how that splits into reading the database and the pure ranking (the service's
ranking includes the 1,000 resamples behind p_winner). Then, beside a bare baseline (one SQL
statement averaging the complete sheets' totals per tambon, ordered within each zone), the
service's ranking as a ratio of it, and per aggregation the pure ranking and the resampling for
p_winner separately. Design target: well under a second, the database read included.

With ``--before CHECKOUT`` (another clone at an earlier commit), the read + rank of that code and
of this one are also measured in turn, each in a child process beside the bare SQL, three times
each in the same minutes, so that a change is compared with the code before it at the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# a child measuring an earlier checkout (--code PATH) imports that checkout's evaluator instead
_CODE = sys.argv[sys.argv.index("--code") + 1] if "--code" in sys.argv[:-1] else str(ROOT)
sys.path.insert(0, str(Path(_CODE).resolve()))

from dataclasses import replace  # noqa: E402

from sqlalchemy import func, insert, select, text  # noqa: E402

from evaluator.db import Database, open_database  # noqa: E402
from evaluator.db import models as m  # noqa: E402
from evaluator.scoring import model as sc  # noqa: E402
from evaluator.scoring import ranking as sr  # noqa: E402
from evaluator.scoring import robustness as rb  # noqa: E402
from evaluator.services import ranking as rk  # noqa: E402
from evaluator.services.round_context import context_for_round  # noqa: E402
from evaluator.services.setup import init_database  # noqa: E402


def _synthetic(db: Database, tambons: int = 1000, sheets_per_tambon: float = 2.5) -> None:
    """A contest like the demo's, written in bulk through the models."""
    init_database(db)
    rng = random.Random(2564)
    criteria = [
        (f"C{i}", 10.0, w) for i, w in enumerate((15, 10, 10, 10, 10, 10, 10, 10, 5, 10), 1)
    ]
    with db.transaction() as s:
        contest = m.Contest(code="BENCH", title="ชุดข้อมูลทดสอบความเร็ว", settings={})
        s.add(contest)
        s.flush()
        s.execute(
            insert(m.Criterion),
            [
                {"contest_id": contest.id, "code": c, "position": i, "title": c,
                 "max_score": mx, "weight": w}
                for i, (c, mx, w) in enumerate(criteria)
            ],
        )  # fmt: skip
        out = m.Round(contest_id=contest.id, code="outstanding", position=0,
                      prize_baht=100_000, winners_per_zone=5, tie_break=["C1", "C2"])  # fmt: skip
        exc = m.Round(contest_id=contest.id, code="excellent", position=1, prize_baht=1_000_000,
                      winners_per_zone=1, eligible_from="outstanding")  # fmt: skip
        s.add_all([out, exc])
        s.flush()
        crit_ids = dict(s.execute(select(m.Criterion.code, m.Criterion.id)).all())
        provinces = list(s.execute(select(m.Province.code)).scalars())
        codes = []
        for i in range(tambons):
            province = provinces[i % len(provinces)]
            district = f"{province}{(i // len(provinces)) % 100:02d}"
            codes.append((f"{district}{i % 100:02d}", district, province))
        s.execute(
            insert(m.District),
            [{"code": d, "name_th": f"อำเภอ{d}", "province_code": p}
             for d, p in sorted({(d, p) for _, d, p in codes})],
        )  # fmt: skip
        s.execute(
            insert(m.Tambon),
            [{"code": c, "name_th": f"ตำบล{c}", "district_code": d} for c, d, _ in codes],
        )
        s.execute(
            insert(m.Inspector),
            [{"name": f"ผู้ประเมิน {k:03d}", "home_province_code": rng.choice(provinces)}
             for k in range(120)],
        )  # fmt: skip
        inspector_ids = list(s.execute(select(m.Inspector.id)).scalars())
        total = int(tambons * sheets_per_tambon)
        sheet_rows = []
        for n in range(total):
            code = codes[n % tambons][0]
            sheet_rows.append(
                {"uuid": f"bench-{n:06d}", "round_id": out.id,
                 "inspector_id": rng.choice(inspector_ids), "tambon_code": code,
                 "status": "draft" if rng.random() < 0.03 else "submitted", "version": 1}
            )  # fmt: skip
        s.execute(insert(m.Sheet), sheet_rows)
        ids = dict(s.execute(select(m.Sheet.uuid, m.Sheet.id)).all())
        score_rows = [
            {"sheet_id": ids[row["uuid"]], "criterion_id": crit_ids[c],
             "value": float(rng.randint(3, 10))}
            for row in sheet_rows
            for c, _, _ in criteria
            if rng.random() > 0.003
        ]  # fmt: skip
        s.execute(insert(m.Score), score_rows)


def _prepare(path: Path, synthetic: bool) -> str:
    db = open_database(path)
    try:
        init_database(db)
        with db.transaction() as s:
            has_sheets = bool(s.scalar(select(func.count()).select_from(m.Sheet)))
        if has_sheets:
            return "reused"
        if not synthetic:
            try:
                from evaluator.services.demo import create_demo
            except ImportError:
                synthetic = True
            else:
                started = time.perf_counter()
                create_demo(db)
                return f"demo built in {time.perf_counter() - started:.1f} s"
        started = time.perf_counter()
        _synthetic(db)
        return f"synthetic data built in {time.perf_counter() - started:.1f} s"
    finally:
        db.dispose()


def _split(db: Database, round_code: str) -> tuple[float, float, float, float]:
    """Seconds spent reading the round's inputs, and ranking them (pure): wall, then the
    process's CPU time of each (what a busy machine cannot inflate by making us wait for a
    core; SQLite runs in this process, so its work is counted too)."""
    started, cpu = time.perf_counter(), time.process_time()
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, None)
        rules = ctx.rules(rnd)
        inputs = (ctx.criteria, ctx.tambons, ctx.sheets(rnd))
        prerequisite = ctx.prerequisite(rnd, ())
    read, read_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    sr.rank_round(rules, *inputs, prerequisite)
    return read, time.perf_counter() - started, read_cpu, time.process_time() - cpu


BARE_SQL = text(
    """
    SELECT p.zone_number, t.tambon_code, AVG(t.total) AS score, COUNT(*) AS sheets
    FROM (
        SELECT s.id, s.tambon_code, SUM(c.weight * sc.value / c.max_score) AS total,
               COUNT(*) AS scored
        FROM sheets s
        JOIN rounds r ON r.id = s.round_id
        JOIN scores sc ON sc.sheet_id = s.id
        JOIN criteria c ON c.id = sc.criterion_id
        WHERE r.code = :code AND s.status IN ('submitted', 'locked') AND s.conflict_of IS NULL
        GROUP BY s.id, s.tambon_code
        HAVING COUNT(*) = (SELECT COUNT(*) FROM criteria c2 WHERE c2.contest_id = r.contest_id)
    ) t
    JOIN tambons tb ON tb.code = t.tambon_code
    JOIN districts d ON d.code = tb.district_code
    JOIN provinces p ON p.code = d.province_code
    GROUP BY p.zone_number, t.tambon_code
    ORDER BY p.zone_number, score DESC
    """
)


def _bare_sql(db: Database, round_code: str) -> tuple[float, int, float]:
    """The bare baseline: one SQL statement that averages complete sheets' totals per tambon
    and orders each zone (no eligibility, ties, conflicts of interest or explanations); wall
    seconds, rows, CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    with db.transaction() as s:
        rows = s.execute(BARE_SQL, {"code": round_code}).all()
    return time.perf_counter() - started, len(rows), time.process_time() - cpu


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _resampling(
    db: Database, round_code: str, repeat: int
) -> list[tuple[str, float, float, float]]:
    """Per aggregation: the pure ranking and the 1,000 resamples for p_winner (median wall
    seconds of each), and the CPU seconds of both together (what a busy machine cannot inflate
    by making the process wait for a core)."""
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, None)
        rules = ctx.rules(rnd)
        criteria, tambons, sheets = ctx.criteria, ctx.tambons, ctx.sheets(rnd)
        prerequisite = ctx.prerequisite(rnd, ())
    out = []
    for aggregation in sc.Aggregation:
        r = replace(rules, aggregation=aggregation)
        ranks, draws, cpu = [], [], []
        for _ in range(repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            result = sr.rank_round(r, criteria, tambons, sheets, prerequisite)
            ranks.append(time.perf_counter() - started)
            started = time.perf_counter()
            rb.robustness(result, criteria, sheets)
            draws.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        out.append(
            (
                str(aggregation),
                statistics.median(ranks),
                statistics.median(draws),
                statistics.median(cpu),
            )
        )
    return out


def _turns(db: Database, code: str, repeat: int) -> dict[str, float]:
    """``repeat`` read + rank of round ``code``, each right after a bare SQL run: medians."""
    for _ in range(3):  # warm: the statements compiled, the pages in the cache
        _bare_sql(db, code)
        _split(db, code)
    bare, splits = [], []
    for _ in range(repeat):
        bare.append(_bare_sql(db, code))
        splits.append(_split(db, code))
    return {
        "cpu": statistics.median(x[2] + x[3] for x in splits),
        "read_cpu": statistics.median(x[2] for x in splits),
        "rank_cpu": statistics.median(x[3] for x in splits),
        "bare_cpu": statistics.median(b[2] for b in bare),
        "wall": statistics.median(x[0] + x[1] for x in splits),
        "bare_wall": statistics.median(b[0] for b in bare),
    }


def _child_turns(path: Path, code: str, repeat: int, checkout: str) -> dict[str, float]:
    """:func:`_turns` in a fresh process running ``checkout``'s code (or this one's)."""
    command = [sys.executable, __file__, "--db", str(path), "--repeat", str(repeat)]
    command += ["--turns", code, "--code", checkout or str(ROOT)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _before_and_after(path: Path, code: str, repeat: int, checkout: str) -> None:
    """The earlier checkout's read + rank and this code's, in turn, three times each."""
    load = _load()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "ours": []}
    for _ in range(3):
        runs["before"].append(_child_turns(path, code, repeat, checkout))
        runs["ours"].append(_child_turns(path, code, repeat, ""))
    print(f"read + rank ({code!r}) beside the bare SQL, in turn with {checkout} (CPU, medians):")
    for kind, results in runs.items():
        ratios = " ".join(f"×{r['cpu'] / r['bare_cpu']:.2f}" for r in results)
        print(
            f"  {kind:<6} read {statistics.median(r['read_cpu'] for r in results) * 1000:.1f}"
            f" + rank {statistics.median(r['rank_cpu'] for r in results) * 1000:.1f} ms"
            f" vs bare {statistics.median(r['bare_cpu'] for r in results) * 1000:.1f} ms:"
            f" {ratios}"
        )
    ours = statistics.median(r["cpu"] for r in runs["ours"])
    before = statistics.median(r["cpu"] for r in runs["before"])
    print(f"  ours/before CPU ×{ours / before:.2f} (load {load} → {_load()})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument(
        "--before", default="", help="a checkout of earlier code, run in turn with this one"
    )
    parser.add_argument("--turns", default="", help=argparse.SUPPRESS)
    parser.add_argument("--code", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.turns:  # a child: its code's read + rank beside the bare SQL, as JSON
        db = open_database(args.db)
        print(json.dumps(_turns(db, args.turns, args.repeat)))
        db.dispose()
        return 0
    name = "bench-synthetic.sqlite3" if args.synthetic else "bench-demo.sqlite3"
    path = args.db or Path(tempfile.gettempdir()) / "cdd-evaluator-bench" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    how = _prepare(path, args.synthetic)
    print(f"database: {path} ({how})")

    db = open_database(path)
    with db.transaction() as s:
        tambons = s.scalar(select(func.count()).select_from(m.Tambon))
        sheets = s.scalar(select(func.count()).select_from(m.Sheet))
        scores = s.scalar(select(func.count()).select_from(m.Score))
    db.dispose()
    print(f"{tambons} tambons, {sheets} sheets, {scores} scores")
    print(f"python {sys.version.split()[0]}; {args.repeat} warm runs each")

    db = open_database(path)
    rounds = [r.code for r in rk.list_rounds(db)]
    db.dispose()
    worst = 0.0
    for code in rounds:
        db = open_database(path)  # cold: new engine, new connection, nothing cached
        started = time.perf_counter()
        ranking = rk.rank_round(db, code)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            rk.rank_round(db, code)
            warm.append(time.perf_counter() - started)
        splits = [_split(db, code) for _ in range(max(3, args.repeat // 4))]
        db.dispose()
        read = statistics.median(x[0] for x in splits)
        pure = statistics.median(x[1] for x in splits)
        read_cpu = statistics.median(x[2] for x in splits)
        pure_cpu = statistics.median(x[3] for x in splits)
        counted = sum(e.sheets for e in ranking.entries)
        worst = max(worst, cold, statistics.median(warm))
        print(
            f"rank_round({code!r}): {len(ranking.entries)} tambons, {counted} counted sheets,"
            f" {len(ranking.winners())} winners | cold {cold * 1000:.0f} ms,"
            f" warm median {statistics.median(warm) * 1000:.0f} ms"
            f" (best {min(warm) * 1000:.0f} ms) | read {read * 1000:.0f} ms"
            f" + rank {pure * 1000:.0f} ms (CPU {read_cpu * 1000:.0f} + {pure_cpu * 1000:.0f} ms)"
        )
    db = open_database(path)
    code = rounds[0]
    bare, splits = [], []
    for _ in range(args.repeat):  # in turn, so that both see the same load
        bare.append(_bare_sql(db, code))
        splits.append(_split(db, code))
    bare_median = statistics.median(b[0] for b in bare)
    bare_cpu = statistics.median(b[2] for b in bare)
    ours = statistics.median(x[0] + x[1] for x in splits)
    ours_cpu = statistics.median(x[2] + x[3] for x in splits)
    print(
        f"read + rank ({code!r}, the service's ranking without the resampling for p_winner),"
        f" medians of {args.repeat} each run right after the bare SQL:"
        f" wall {ours * 1000:.1f} ms vs bare SQL {bare_median * 1000:.1f} ms:"
        f" ×{ours / bare_median:.2f}; CPU {ours_cpu * 1000:.1f} ms vs {bare_cpu * 1000:.1f} ms:"
        f" ×{ours_cpu / bare_cpu:.2f} (target ×3; load {_load()})"
    )
    service = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        rk.rank_round(db, code)
        service.append(time.perf_counter() - started)
    print(
        f"bare SQL baseline ({code!r}, {bare[0][1]} tambons): median {bare_median * 1000:.1f} ms;"
        f" the service's whole ranking (rank_round: with the resampling for p_winner, margins"
        f" and standard errors) is {statistics.median(service) / bare_median:.1f} × that"
    )
    print(
        f"resampling for p_winner ({rb.DRAWS} draws, {code!r}), medians of {args.repeat // 4 + 1}:"
    )
    for aggregation, rank_s, draw_s, cpu_s in _resampling(db, code, args.repeat // 4 + 1):
        print(
            f"  {aggregation:<12} ranking {rank_s * 1000:5.0f} ms + resampling"
            f" {draw_s * 1000:5.0f} ms = {(rank_s + draw_s) * 1000:5.0f} ms"
            f" ({(rank_s + draw_s) / bare_median:.0f} × bare SQL); CPU {cpu_s * 1000:.0f} ms"
        )
    db.dispose()
    if args.before:
        _before_and_after(path, code, args.repeat, args.before)
    verdict = "well under a second" if worst < 0.5 else "TOO SLOW (target: well under 1 s)"
    print(f"slowest: {worst * 1000:.0f} ms — {verdict}")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
