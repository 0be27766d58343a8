"""Check that a change to the score import leaves what it writes byte for byte as it was.

    .venv/bin/python bench/compare_import_scores.py --before CHECKOUT [--rows 30000]

Builds, with the code of CHECKOUT (another clone at an earlier commit), a database (real
tambons, the test contest) and a series of score files: the bench's long file of ``--rows`` rows
(new sheets), an update of it (a seventh of the scores changed, notes added) and a note-less
file; and small mixed files (notes with quotes, line breaks and emoji, statuses in Thai and
English, blank scores, inspectors' names with stray spaces and zero-width characters, a
workbook, a semicolon file with a BOM, the note column first, bad rows, more than 500
problems). Then imports the series in turn into a copy of that database with the code of
CHECKOUT and with this code, each in its own process with the clock and the new sheets'
uuids fixed, and compares everything: every table's rows (ids included), the audit log entry
by entry (hashes included), the seals, the problems of the refused files and the summaries.
Prints ``identical`` or the first differences (exit code 1).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAD = ["round", "inspector", "tambon_code", "criterion", "score", "note", "status"]
NOTES = ["", "", "", "ดีมาก", 'ผู้ "ประเมิน" \\ ทดสอบ', "บรรทัดแรก\nบรรทัดสอง", "é 😀", "  เว้น   วรรค "]
NAMES = ["ผู้ประเมิน 01", "ผู้ประเมิน\u200b 02", "  ผู้ประเมิน  03 ", "Inspector Four", 'ชื่อ "อัญ"']
MIXED = ["new.csv", "update.csv", "nonote.csv", "book.xlsx", "bad.csv", "many.csv"]
MIXED += ["notefirst.csv", "semi.csv", "update.csv"]
LONG = ["long.csv", "long-update.csv", "long-nonote.csv"]


def _mixed_files(folder: Path, codes: list[str]) -> None:
    from tests.evaluator import helpers as h

    rnd = random.Random(17)
    rows: list[list[object]] = []
    for t, code in enumerate(codes):
        for name in NAMES:
            status = rnd.choice(["", "", "draft", "submitted", "ร่าง"])
            for k, crit in enumerate(("C1", "C2", "C3")):
                if rnd.random() < 0.05:
                    continue  # an incomplete sheet
                top = 10 if k < 2 else 5
                score = str(rnd.randint(0, top))
                if rnd.random() < 0.1:
                    score = rnd.choice(["", "1", "2.5", "๔", "0", "3.0", "5", "๐.๕"])
                round_code = rnd.choice(["outstanding", "Outstanding", "excellent"])
                rows.append(
                    [
                        round_code if t % 7 == 0 else "outstanding",
                        name,
                        code,
                        crit if k else rnd.choice(["C1", "c1", "ผู้นำทำก่อน"]),
                        score,
                        rnd.choice(NOTES),
                        status if k == 0 else "",
                    ]
                )
    h.write_csv(folder / "new.csv", HEAD, rows)
    update = []
    for row in rows:
        if rnd.random() < 0.5:
            row = list(row)
            if rnd.random() < 0.4:
                row[4] = str(rnd.randint(0, 5))
            if rnd.random() < 0.3:
                row[5] = rnd.choice(NOTES)
            if row[6]:
                row[6] = rnd.choice(["submitted", "draft", ""])
            update.append(row)
    update += [
        ["outstanding", "ผู้ประเมิน ใหม่", c, k, "3", "", ""]
        for c in codes[:20]
        for k in ("C1", "C2", "C3")
    ]
    h.write_csv(folder / "update.csv", HEAD, update)
    nonote = [[*r[:4], str(rnd.randint(0, 5)), r[6]] for r in rows if rnd.random() < 0.4]
    h.write_csv(folder / "nonote.csv", [*HEAD[:5], "status"], nonote)
    book = [
        [
            r[0],
            r[1],
            int(str(r[2])),
            r[3],
            float(str(r[4])) if str(r[4])[:1].isdigit() else r[4],
            r[5],
            "",
        ]
        for r in rows[:300]
    ]
    book += [
        ["excellent", "Inspector Xlsx", int(c), k, 2, "จาก excel", "draft"]
        for c in codes[:10]
        for k in ("C1", "C2", "C3")
    ]
    h.write_xlsx(folder / "book.xlsx", HEAD, book)
    bad = [list(r) for r in rows[:200]]
    bad[5][2], bad[9][1], bad[12][4], bad[15][3] = "999999", "", "11", "C9"
    bad[20][6], bad[25][0], bad[30][4], bad[31][4] = "locked", "final", "abc", "-1"
    h.write_csv(folder / "bad.csv", HEAD, [*bad, list(bad[40])])
    many: list[list[object]] = []
    for i, row in enumerate((rows * 2)[:1400]):
        many += [list(row), [*row[:4], "11", *row[5:]]] if i % 2 else [list(row)]
    h.write_csv(folder / "many.csv", HEAD, many)
    order = [5, 6, 3, 0, 4, 2, 1]
    first = [[r[k] for k in order] for r in rows[:400]]
    first.append(["ใหม่", "", "C2", "outstanding", "2", codes[0], NAMES[0]])
    h.write_csv(folder / "notefirst.csv", [HEAD[k] for k in order], first)
    semi = [r[:6] for r in rows[:120]]
    h.write_csv(folder / "semi.csv", HEAD[:6], semi, delimiter=";", encoding="utf-8-sig")


def _long_files(folder: Path, rows: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_import_scores as bench

    db_path, csv_path = bench._prepare(folder, rows)
    shutil.move(db_path, folder / "long.sqlite3")
    shutil.move(csv_path, folder / "long.csv")
    with (folder / "long.csv").open(encoding="utf-8", newline="") as handle:
        head, *body = list(csv.reader(handle))
    rnd = random.Random(5)
    update = []
    for i, row in enumerate(body):
        row = list(row)
        if i % 7 == 0:
            row[4] = str(rnd.randint(0, 5))
        if i % 11 == 0:
            row[5] = f"หมายเหตุ {i % 13}"
        update.append(row)
    for name, header, data in (
        ("long-update.csv", head, update),
        (
            "long-nonote.csv",
            head[:5],
            [[*r[:4], str((int(float(r[4])) + 1) % 5)] for r in update[::3]],
        ),
    ):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(data)


def _prepare(folder: Path, rows: int) -> None:
    """The databases and files (run with the earlier code)."""
    import geothai

    from evaluator.db import open_database
    from evaluator.services.setup import init_database
    from tests.evaluator import helpers as h

    codes = sorted(
        sub.code
        for province in geothai.provinces()
        if province.code != "10"
        for district in geothai.districts(province.code)
        for sub in geothai.subdistricts(district.code)
    )[:60]
    db = open_database(folder / "mixed.sqlite3")
    init_database(db)
    h.add_tambons(db, codes)
    h.make_contest(db)
    h.committee_user(db)
    db.dispose()
    _mixed_files(folder, codes)
    _long_files(folder, rows)


def _run(folder: Path, base: str, files: list[str]) -> dict[str, object]:
    """Import the files in turn into a copy of ``base`` and read back everything."""
    from evaluator import audit
    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.errors import InputError
    from evaluator.services.imports import import_scores
    from tests.evaluator import helpers as h

    target = folder / f"run-{os.getpid()}.sqlite3"
    shutil.copy(folder / base, target)
    made = [0]

    def new_uuid() -> str:
        made[0] += 1
        return f"0190a000-0000-7000-8000-{made[0]:012x}"

    moment = [datetime(2026, 12, 7, 8, 0, 0, 123456, tzinfo=UTC)]
    m.new_uuid = new_uuid  # type: ignore[assignment]
    m.utcnow = lambda: moment[0]  # type: ignore[assignment]
    db = open_database(target)
    user = h.committee_user(db)
    out: dict[str, object] = {"summaries": [], "refused": []}
    for name in files:
        moment[0] += timedelta(seconds=1, microseconds=1001)
        try:
            s = import_scores(db, user, folder / name)
        except InputError as refused:
            out["refused"].append([name, [str(p) for p in refused.problems]])  # type: ignore[attr-defined]
        else:
            done = [name, s.lines("en"), s.lines("th"), s.warnings, s.details]
            out["summaries"].append(done)  # type: ignore[attr-defined]
    for table, rows in h.dump(db).items():
        out[table] = [
            [v if isinstance(v, int | float | str | None) else str(v) for v in r] for r in rows
        ]
    for row in out["imports"]:  # type: ignore[attr-defined]
        row[4] = "(time)"  # when the import was logged: the database's clock
    for row in out["inspectors"]:  # type: ignore[attr-defined]
        row[-1] = "(time)"
    with db.transaction() as session:
        out["verify"] = [str(b) for b in audit.verify_chain(session)]
        out["digests"] = audit.all_sheet_digests(session)
        out["sealed"] = audit.sealed_digests(session)
    db.dispose()
    for extra in ("", "-wal", "-shm"):
        Path(f"{target}{extra}").unlink(missing_ok=True)
    return out


def _child(code: str, *args: str) -> None:
    subprocess.run([sys.executable, __file__, "--child", code, *args], check=True)


def _differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    out = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            first = next(
                (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)),
            )
            out.append(f"{key}: {len(a)} vs {len(b)} rows, first difference at {first}")
        else:
            out.append(f"{key}: differs")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=False, help="a checkout of the earlier code")
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        code, what, folder, *rest = args.child
        sys.path.insert(0, code)
        if what == "prepare":
            _prepare(Path(folder), int(rest[0]))
            return
        base, out, *files = rest
        text = json.dumps(_run(Path(folder), base, files), ensure_ascii=False, sort_keys=True)
        Path(out).write_text(re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)", "(time)", text))
        return
    if not args.before:
        parser.error("--before CHECKOUT is needed")
    before_code = str(Path(args.before).resolve())
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        _child(before_code, "prepare", tmp, str(args.rows))
        for base, files in (("mixed.sqlite3", MIXED), ("long.sqlite3", LONG)):
            results = []
            for code in (before_code, str(ROOT)):
                out = str(Path(tmp) / f"out-{len(results)}.json")
                _child(code, "run", tmp, base, out, *files)
                results.append(json.loads(Path(out).read_text()))
            found = _differences(*results)
            entries = len(results[0]["audit_log"])
            verdict = "; ".join(found) or "identical"
            print(f"{base}: {len(files)} files, {entries} audit entries: {verdict}")
            problems += found
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
