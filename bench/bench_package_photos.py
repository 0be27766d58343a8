"""Benchmark: the committee imports one inspector's package of about 120 MB of photos, time and
peak resident memory, beside a bare baseline measured in the same run.

    .venv/bin/python bench/bench_package_photos.py [--mb 120] [--photo-mb 2.5] [--runs 2]

Builds the demo (``bench_sync``'s cached copy) as the inspectors' side and a committee copy
without sheets, gives the inspector with the most sheets photos (random bytes behind a JPEG
header, as incompressible as real photos) spread over their sheets until they make ``--mb``,
and exports that inspector's signed package. Each run then copies the committee's database and,
in a fresh process each, alternates:

- **ours**: ``import_package`` (the whole file hashed, the zip's structure, manifest and
  signature checked, every member's SHA-256 checked, every reference checked, sheets, scores and
  photos merged with their audit entries and seals, one unit of work);
- **bare**: the same zip opened with ``zipfile``, every member read and its SHA-256 computed,
  and every photo written as a blob into a plain SQLite table (WAL, ``synchronous=FULL``) in one
  transaction: the least any import of the file must do.

Printed: wall time (median) and the process's own CPU time, the ratio, each process's peak
resident memory (``VmHWM``) and what the work added to it, and the load average (the build
machine's 2 cores are shared).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _prepare(work: Path, total_mb: float, photo_mb: float) -> tuple[Path, Path, int, int]:
    """The committee's database, the package file, how many sheets and photos it holds."""
    import bench_sync
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy import func, select

    from evaluator import audit
    from evaluator.db import models as m
    from evaluator.services import audit_key
    from evaluator.services import keys as key_service
    from evaluator.services import packages as package_service
    from evaluator.sync import keys

    os.environ[audit_key.KEY_DIR_ENV] = str(work / "audit-key")
    audit_key.unlock("bench only, not a secret")
    field, committee = bench_sync._prepare(work)
    with field.transaction() as s:
        name, _ = s.execute(
            select(m.Inspector.name, func.count(m.Sheet.id))
            .join(m.Sheet, m.Sheet.inspector_id == m.Inspector.id)
            .group_by(m.Inspector.name)
            .order_by(func.count(m.Sheet.id).desc())
            .limit(1)
        ).one()
        sheets = list(
            s.scalars(
                select(m.Sheet)
                .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
                .where(m.Inspector.name == name)
                .order_by(m.Sheet.id)
            )
        )
        size = int(photo_mb * 2**20)
        count = max(1, round(total_mb / photo_mb))
        for n in range(count):
            data = b"\xff\xd8\xff\xe0" + os.urandom(size - 4)
            sheet = sheets[n % len(sheets)]
            s.add(
                m.Photo(
                    sheet_id=sheet.id,
                    sha256=hashlib.sha256(data).hexdigest(),
                    filename=f"รูปที่ {n + 1}.jpg",
                    mime_type="image/jpeg",
                    caption=f"หลักฐาน {n + 1}",
                    data=data,
                )
            )
            s.flush()
        audit.record(s, "bench", audit.Source.SYSTEM, [], sheets=[x.uuid for x in sheets])
    admin_f = bench_sync._admin(field)
    admin_c = bench_sync._admin(committee)
    private = Ed25519PrivateKey.generate()
    data = keys.public_key_file(keys.public_raw(private), name)
    key_service.register_public_key(field, admin_f, name, data)
    key_service.register_public_key(committee, admin_c, name, data)
    out = work / "photos.cddpkg"
    t = time.perf_counter()
    package_service.export_package(field, admin_f, name, out, private)
    print(
        f"package: {len(sheets)} sheets, {count} photos of {photo_mb:g} MB, "
        f"{out.stat().st_size / 1e6:.1f} MB; exported in {time.perf_counter() - t:.1f} s"
    )
    field.dispose()
    committee.dispose()
    return work / "committee.sqlite3", out, len(sheets), count


# --- the two children ------------------------------------------------------------------------


def _ours(db_path: Path, package: Path) -> dict[str, float]:
    import bench_sync

    from evaluator.db import open_database
    from evaluator.services import packages as package_service

    db = open_database(db_path)
    admin = bench_sync._admin(db)
    before = _rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    result = package_service.import_package(db, admin, package)
    seconds = time.perf_counter() - start
    assert result.counts["insert"] > 0, result.counts
    cpu = time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "before": before, "peak": _peak_mb()}


def _bare(db_path: Path, package: Path) -> dict[str, float]:
    conn = sqlite3.connect(db_path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE bare_photos (sha256 TEXT, data BLOB)")
    before = _rss_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    with zipfile.ZipFile(package) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            digest = hashlib.sha256(data).hexdigest()
            if info.filename.startswith("photos/"):
                conn.execute("INSERT INTO bare_photos VALUES (?, ?)", (digest, data))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    conn.close()
    return {"seconds": seconds, "cpu": cpu, "before": before, "peak": _peak_mb()}


def _child(kind: str, db_path: Path, package: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(db_path), str(package)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=120.0, help="photos in the package, MB")
    parser.add_argument("--photo-mb", type=float, default=2.5, help="size of one photo, MB")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db_path, package = args.child
        run = _ours if kind == "ours" else _bare
        print(json.dumps(run(Path(db_path), Path(package))))
        return
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        work = Path(tmp)
        committee, package, _, _ = _prepare(work, args.mb, args.photo_mb)
        results: dict[str, list[dict[str, float]]] = {"ours": [], "bare": []}
        load_before = _load()
        for index in range(args.runs):
            for kind in ("ours", "bare"):
                target = work / f"run-{kind}-{index}.sqlite3"
                shutil.copy(committee, target)
                results[kind].append(_child(kind, target, package))
                for extra in ("", "-wal", "-shm"):
                    Path(str(target) + extra).unlink(missing_ok=True)
        ours = statistics.median(r["seconds"] for r in results["ours"])
        bare = statistics.median(r["seconds"] for r in results["bare"])
        print(f"import (load {load_before} → {_load()}, {args.runs} runs each):")
        for kind, seconds in (("ours", ours), ("bare", bare)):
            peak = max(r["peak"] for r in results[kind])
            added = max(r["peak"] - r["before"] for r in results[kind])
            cpu = statistics.median(r["cpu"] for r in results[kind])
            print(
                f"  {kind}: {seconds:.2f} s (CPU {cpu:.2f} s), peak RSS {peak:.0f} MB "
                f"(+{added:.0f} MB)"
            )
        print(f"  ratio ours/bare: ×{ours / bare:.1f}")


if __name__ == "__main__":
    main()
