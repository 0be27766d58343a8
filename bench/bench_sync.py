"""Benchmark: the committee imports the packages of all 18 zones (the demo's ~2,500 sheets).

    .venv/bin/python bench/bench_sync.py [--keep DIR]

Builds the demo database once (``evaluator.services.demo.create_demo``) as the inspectors' side,
and a copy without any sheet as the committee's side. Every inspector gets an Ed25519 key; the
committee registers them all. Then, timed:

1. export: one signed package per inspector (``export_package``), grouped by zone;
2. import: the committee imports every package of the 18 zones (verify + merge, one unit of work
   per package): all sheets inserted;
3. import again: the same files a second time (nothing changes);
4. import fresh packages of the same unchanged sheets (new package ids: every sheet is checked
   and found already received);
5. ``audit verify`` on the committee's database.

It checks the result too: as many sheets arrived as the inspectors have, and nothing changed on
the second and third passes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from sqlalchemy import delete, func, select  # noqa: E402

from evaluator.db import Database, open_database  # noqa: E402
from evaluator.db import models as m  # noqa: E402
from evaluator.permissions import UserInfo  # noqa: E402
from evaluator.services import audit_log  # noqa: E402
from evaluator.services import keys as key_service  # noqa: E402
from evaluator.services import packages as package_service  # noqa: E402
from evaluator.services.demo import create_demo  # noqa: E402
from evaluator.services.users import list_users  # noqa: E402
from evaluator.sync import keys  # noqa: E402


def _admin(db: Database) -> UserInfo:
    return next(u for u in list_users(db) if u.role is m.Role.ADMIN)


def _prepare(work: Path) -> tuple[Database, Database]:
    field = work / "field.sqlite3"
    committee = work / "committee.sqlite3"
    cached = Path(tempfile.gettempdir()) / "cdd-bench-sync-demo.sqlite3"
    if not cached.exists():
        t = time.perf_counter()
        db = open_database(cached)
        create_demo(db)
        db.dispose()
        print(f"demo built in {time.perf_counter() - t:.1f} s (cached at {cached})")
    for target in (field, committee):
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        shutil.copyfile(cached, target)
    committee_db = open_database(committee)
    with committee_db.transaction() as s:  # the committee has everything but the sheets
        s.execute(delete(m.Photo))
        s.execute(delete(m.Score))
        s.execute(delete(m.Sheet))
    return open_database(field), committee_db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    work.mkdir(parents=True, exist_ok=True)
    from evaluator.services import audit_key

    # every export signs an audit checkpoint: with the bench's own key, never the user's
    os.environ[audit_key.KEY_DIR_ENV] = str(work / "audit-key")
    audit_key.unlock("bench only, not a secret")
    field, committee = _prepare(work)

    with field.transaction() as s:
        inspectors = [
            (i.name, i.zone_number or 0)
            for i in s.scalars(
                select(m.Inspector).order_by(m.Inspector.zone_number, m.Inspector.id)
            )
        ]
        have = dict(
            s.execute(
                select(m.Inspector.name, func.count(m.Sheet.id))
                .join(m.Sheet, m.Sheet.inspector_id == m.Inspector.id)
                .group_by(m.Inspector.name)
            ).all()
        )
        total_sheets = s.scalar(select(func.count()).select_from(m.Sheet)) or 0
    private: dict[str, Ed25519PrivateKey] = {}
    for name, _ in inspectors:
        key = Ed25519PrivateKey.generate()
        private[name] = key
        data = keys.public_key_file(keys.public_raw(key), name)
        key_service.register_public_key(field, _admin(field), name, data)
        key_service.register_public_key(committee, _admin(committee), name, data)
    senders = [(n, z) for n, z in inspectors if have.get(n)]
    zones = sorted({z for _, z in senders})
    print(
        f"{total_sheets:,} sheets of {len(senders)} inspectors in {len(zones)} zones "
        f"({len(inspectors)} inspectors in all)"
    )

    # 1. export
    packages: dict[int, list[Path]] = defaultdict(list)
    t0 = time.perf_counter()
    for name, zone in senders:
        out = work / "packages" / f"zone{zone:02d}" / f"{len(packages[zone]):02d}.cddpkg"
        package_service.export_package(field, _admin(field), name, out, private[name])
        packages[zone].append(out)
    export_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for ps in packages.values() for p in ps)
    print(f"export: {len(senders)} packages, {size / 1e6:.2f} MB, {export_s:.2f} s")

    # 2. import all zones
    per_package: list[float] = []
    per_zone: dict[int, float] = {}
    inserted = 0
    t0 = time.perf_counter()
    for zone in zones:
        tz = time.perf_counter()
        for path in packages[zone]:
            tp = time.perf_counter()
            result = package_service.import_package(committee, _admin(committee), path)
            per_package.append(time.perf_counter() - tp)
            inserted += result.counts["insert"]
        per_zone[zone] = time.perf_counter() - tz
    import_s = time.perf_counter() - t0
    assert inserted == total_sheets, (inserted, total_sheets)
    print(
        f"import: {len(per_package)} packages of {len(zones)} zones, {inserted:,} sheets in "
        f"{import_s:.2f} s ({import_s / inserted * 1000:.2f} ms per sheet); per package median "
        f"{statistics.median(per_package) * 1000:.0f} ms, max {max(per_package) * 1000:.0f} ms; "
        f"per zone median {statistics.median(per_zone.values()):.2f} s, "
        f"max {max(per_zone.values()):.2f} s"
    )

    # 3. the same files again
    t0 = time.perf_counter()
    for zone in zones:
        for path in packages[zone]:
            again = package_service.import_package(committee, _admin(committee), path)
            assert again.previously_imported is not None and not again.changed
    print(f"import the same files again: {time.perf_counter() - t0:.2f} s, nothing changed")

    # 4. fresh packages of the same unchanged sheets
    fresh: list[Path] = []
    for name, zone in senders:
        out = work / "fresh" / f"zone{zone:02d}-{len(fresh):03d}.cddpkg"
        package_service.export_package(field, _admin(field), name, out, private[name])
        fresh.append(out)
    t0 = time.perf_counter()
    for path in fresh:
        result = package_service.import_package(committee, _admin(committee), path)
        assert not result.changed and result.counts["duplicate"] > 0
    print(
        f"import fresh packages of unchanged sheets: {time.perf_counter() - t0:.2f} s, "
        "nothing changed"
    )

    # 5. audit verify
    t0 = time.perf_counter()
    report = audit_log.verify(committee)
    assert report.intact, report.lines()[:5]
    print(
        f"audit verify: {report.entries:,} entries, {report.sheets_checked:,} sheets compared, "
        f"{time.perf_counter() - t0:.2f} s, intact"
    )
    field.dispose()
    committee.dispose()
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
