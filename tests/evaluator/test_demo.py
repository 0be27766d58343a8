"""The demo data set: 1,000 real tambons by the department's rule, people, assignments, scores;
the same seed gives the same database."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import geothai
import pytest
from sqlalchemy import func, select

from evaluator import audit
from evaluator.cli import parser as cli
from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.demo import DEFAULT_SEED, choose_target_tambons
from evaluator.errors import EvaluatorError
from evaluator.geography import BANGKOK_CODE
from evaluator.services.contest import load_contest_spec
from evaluator.services.demo import DemoResult, create_demo

pytestmark = pytest.mark.slow

SEED = 7
THAI = re.compile(r"^[\u0E00-\u0E7F .()-]+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoResult]]:
    """One full demo, built once for the whole module."""
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    result = create_demo(db, seed=SEED)
    yield db, result
    db.dispose()


@pytest.fixture(scope="module")
def demo_db(built: tuple[Database, DemoResult]) -> Database:
    return built[0]


def _official_districts() -> dict[str, int]:
    """Every district outside Bangkok, with its number of tambons."""
    return {
        d.code: len(geothai.subdistricts(d.code))
        for p in geothai.provinces()
        if p.code != BANGKOK_CODE
        for d in geothai.districts(p.code)
    }


def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table; for the audit log and its head, all but when it was written (and
    the hashes that cover that time)."""
    out = {}
    with db.engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in ("at", "hash", "prev_hash")]
            if table.name not in ("audit_log", "audit_head"):
                columns = list(table.columns)
            rows = conn.execute(
                table.select().with_only_columns(*columns).order_by(*table.primary_key)
            )
            out[table.name] = [tuple(r) for r in rows]
    return out


def test_counts_are_reported(built: tuple[Database, DemoResult]) -> None:
    counts = built[1].counts
    assert counts is not None
    assert (counts.zones, counts.provinces, counts.districts, counts.tambons) == (18, 76, 878, 1000)
    assert counts.leaders == 15_000
    assert counts.sheets == counts.assignments
    assert counts.drafts > 0 and counts.incomplete > 0 and counts.conflicts > 0


def test_exactly_1000_real_tambons_in_18_zones(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        rows = s.execute(
            select(m.Tambon.code, m.Tambon.name_th, m.Tambon.district_code, m.Province.zone_number)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
        ).all()
        district_names = dict(s.execute(select(m.District.code, m.District.name_th)).all())
    assert len(rows) == 1000
    assert {zone for *_, zone in rows} == set(range(1, 19))
    for code, name, district, _zone in rows:
        official = geothai.subdistrict(code)
        assert official is not None, code
        assert (official.name_th, official.district_code) == (name, district)
        assert not code.startswith(BANGKOK_CODE)
    for code, name in district_names.items():
        official_district = geothai.district(code)
        assert official_district is not None and official_district.name_th == name


def test_the_departments_rule_picks_the_tambons(demo_db: Database) -> None:
    official = _official_districts()
    with demo_db.transaction() as s:
        per_district = Counter(s.scalars(select(m.Tambon.district_code)))
    assert set(per_district) == set(official), "every district outside Bangkok, and no other"
    big = {d for d, n in official.items() if n >= 14}
    assert len(big) == 119
    twice = {d for d, n in per_district.items() if n == 2}
    assert max(per_district.values()) == 2
    assert big <= twice and len(twice) == 122
    # the last three come from the next-largest districts, by size then code
    rest = sorted((d for d in official if d not in big), key=lambda d: (-official[d], d))
    assert twice - big == set(rest[:3])


def test_choice_follows_the_seed() -> None:
    same = [t.code for t in choose_target_tambons(SEED)]
    assert same == [t.code for t in choose_target_tambons(SEED)]
    assert same != [t.code for t in choose_target_tambons(SEED + 1)]
    assert len(same) == len(set(same)) == 1000


def test_villages_and_focus_village(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        focus = s.execute(
            select(m.Village.tambon_code, m.Village.moo, m.Village.name_th).where(
                m.Village.is_focus
            )
        ).all()
        tambons = dict(s.execute(select(m.Tambon.code, m.Tambon.focus_village)).all())
        per_tambon = Counter(s.scalars(select(m.Village.tambon_code)))
    assert len(focus) == 1000 and {t for t, *_ in focus} == set(tambons)
    for code, moo, name in focus:
        assert tambons[code] == f"หมู่ที่ {moo} {name}"
        assert name.startswith("บ้าน")
    assert all(6 <= n <= 16 for n in per_tambon.values())


def test_15_leaders_per_tambon_with_thai_names(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        leaders = s.execute(
            select(
                m.Leader.tambon_code,
                m.Leader.title,
                m.Leader.first_name,
                m.Leader.last_name,
                m.Leader.position,
            )
        ).all()
    per_tambon = Counter(code for code, *_ in leaders)
    assert len(per_tambon) == 1000 and set(per_tambon.values()) == {15}
    assert {title for _, title, *_ in leaders} == {"นาย", "นาง", "นางสาว"}
    for _, _, first, last, position in leaders:
        assert THAI.match(first) and THAI.match(last) and position
    positions = Counter(p.split(" หมู่ที่")[0] for *_, p in leaders)
    assert positions["กำนัน"] == 1000
    assert positions["ประธานคณะกรรมการพัฒนาสตรีตำบล (กพสต.)"] == 1000
    assert len(positions) >= 12


def test_3_to_5_inspectors_per_zone_from_their_zone(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        inspectors = s.execute(
            select(
                m.Inspector.name,
                m.Inspector.zone_number,
                m.Province.zone_number,
                m.Inspector.position,
            ).join(m.Province, m.Inspector.home_province_code == m.Province.code)
        ).all()
        users = s.execute(select(m.User.role, m.User.inspector_id)).all()
        signatories = s.execute(
            select(m.Signatory.position, m.Signatory.active, m.Signatory.signature_png)
        ).all()
    per_zone = Counter(zone for _, zone, _, _ in inspectors)
    assert set(per_zone) == set(range(1, 19))
    assert all(3 <= n <= 5 for n in per_zone.values())
    assert all(zone == home_zone for _, zone, home_zone, _ in inspectors)
    assert all(name.startswith(("นาย", "นาง")) and position for name, _, _, position in inspectors)
    roles = Counter(role for role, _ in users)
    assert roles == {m.Role.ADMIN: 1, m.Role.COMMITTEE: 1, m.Role.INSPECTOR: len(inspectors)}
    assert all(inspector is not None for role, inspector in users if role is m.Role.INSPECTOR)
    active = [position for position, is_active, _ in signatories if is_active]
    assert active == ["อธิบดีกรมการพัฒนาชุมชน"]
    assert all(png is not None and png.startswith(b"\x89PNG") for *_, png in signatories)


def test_2_or_3_sheets_per_tambon_by_assigned_inspectors_of_its_zone(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        outstanding = s.scalars(select(m.Round).where(m.Round.code == "outstanding")).one()
        sheets = s.execute(
            select(
                m.Sheet.tambon_code,
                m.Sheet.inspector_id,
                m.Sheet.round_id,
                m.Inspector.zone_number,
                m.Province.zone_number,
            )
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .join(m.Tambon, m.Sheet.tambon_code == m.Tambon.code)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
        ).all()
        assignments = set(
            s.execute(
                select(m.Assignment.tambon_code, m.Assignment.inspector_id, m.Assignment.round_id)
            ).all()
        )
    per_tambon: dict[str, list[int]] = defaultdict(list)
    for tambon, inspector, round_id, inspector_zone, tambon_zone in sheets:
        per_tambon[tambon].append(inspector)
        assert inspector_zone == tambon_zone
        assert round_id == outstanding.id
        assert (tambon, inspector, round_id) in assignments
    assert len(per_tambon) == 1000
    assert {len(v) for v in per_tambon.values()} == {2, 3}
    assert all(len(set(v)) == len(v) for v in per_tambon.values()), "one sheet per inspector"
    assert len(assignments) == len(sheets)


def test_scores_are_plausible_with_some_drafts_incomplete_sheets_and_conflicts(
    demo_db: Database,
) -> None:
    with demo_db.transaction() as s:
        spec = load_contest_spec(s, "CL2564")
        assert spec is not None
        criteria = {c.id: c for c in s.scalars(select(m.Criterion))}
        scores = s.execute(
            select(m.Score.sheet_id, m.Score.criterion_id, m.Score.value, m.Score.note)
        ).all()
        status = Counter(s.scalars(select(m.Sheet.status)))
        conflicts = s.scalar(
            select(func.count(m.Sheet.id))
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .join(m.Tambon, m.Sheet.tambon_code == m.Tambon.code)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .where(m.District.province_code == m.Inspector.home_province_code)
        )
        sheets = s.scalar(select(func.count(m.Sheet.id)))
    assert sheets is not None and 2000 <= sheets <= 3000
    assert set(status) == {m.SheetStatus.SUBMITTED, m.SheetStatus.DRAFT}
    assert 0 < status[m.SheetStatus.DRAFT] < 0.1 * sheets
    assert conflicts is not None and 0 < conflicts < 0.05 * sheets, "a few conflicts of interest"
    per_sheet = Counter(sheet for sheet, *_ in scores)
    incomplete = [sheet for sheet, n in per_sheet.items() if n < len(spec.criteria)]
    assert 0 < len(incomplete) < 0.1 * sheets
    assert len(per_sheet) == sheets
    notes = 0
    shares = []
    for _, criterion_id, value, note in scores:
        criterion = criteria[criterion_id]
        assert 0 <= value <= criterion.max_score
        assert value * 2 == int(value * 2), "whole or half points"
        shares.append(value / criterion.max_score)
        notes += bool(note)
    assert 0.05 < notes / len(scores) < 0.3
    assert 0.5 < sum(shares) / len(shares) < 0.8
    assert min(shares) < 0.3 and max(shares) == 1.0


def test_the_demo_is_set_up_through_audited_services_then_sealed(demo_db: Database) -> None:
    """The demo's people are set up as a department's are, through the import services, one
    audit entry per change (source demo); then one entry for the demo, and every demo sheet
    sealed (its content digest), so that a demo sheet edited behind the program's back is found
    like any other."""
    with demo_db.transaction() as s:
        entries = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)).all()
        assert audit.verify_chain(s) == []
        sheets = set(s.scalars(select(m.Sheet.uuid)))
        counts = {
            "inspector": s.scalar(select(func.count(m.Inspector.id))),
            "user": s.scalar(select(func.count(m.User.id))),
            "leaders": s.scalar(select(func.count(func.distinct(m.Leader.tambon_code)))),
            "assignment": s.scalar(select(func.count(m.Assignment.id))),
        }
    changes = [e for e in entries if e.entity != audit.SEAL_ENTITY]
    assert {e.source for e in entries} == {"demo"}
    set_up = Counter((e.entity, e.action) for e in changes[:-1])
    assert set_up == {(entity, "create"): n for entity, n in counts.items()}
    assert {e.actor for e in changes[:-1]} == {"admin"}
    assert (changes[-1].entity, changes[-1].actor) == ("demo", "demo")
    assert f"seed={SEED}" in changes[-1].entity_key
    seals = [e for e in entries if e.entity == audit.SEAL_ENTITY]
    assert {e.entity_key for e in seals} == sheets and {e.source for e in seals} == {"demo"}


# sha256 over every row of these tables (sqlite3's values, in rowid order; the users without
# their password hash, whose cost the suite lowers) of the seed-7 demo, as the demo wrote them
# before it went through the set-up services: the services must not change one value, id or
# timestamp of them (the ranking tests and the smoke test rely on the demo). Changed on purpose
# once since: the leaders go through the leaders file's check, which refuses one name twice in a
# tambon, so the ten leaders of seed 7 whose name repeated in their tambon took the next surname
# of their list (every other value, id and timestamp as before).
PINNED_TABLES = (
    "districts",
    "tambons",
    "villages",
    "leaders",
    "inspectors",
    "users",
    "signatories",
    "assignments",
    "sheets",
    "scores",
)
PINNED_SEED_7 = "772367e740c4a933ceb476d0b1583161c4a92a221d687b1eb81bc1fdc7137377"


def test_the_demo_data_stays_as_pinned(demo_db: Database) -> None:
    assert demo_db.file_path is not None
    digest = hashlib.sha256()
    with closing(sqlite3.connect(demo_db.file_path)) as conn:
        for table in PINNED_TABLES:
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
            names = [c[0] for c in rows.description]
            for row in rows:
                digest.update(
                    repr(
                        [v for n, v in zip(names, row, strict=True) if n != "password_hash"]
                    ).encode()
                )
    assert digest.hexdigest() == PINNED_SEED_7


def test_the_demo_leaders_pass_the_leaders_file_check(demo_db: Database) -> None:
    """The demo's leaders went through the check a department's leaders file goes through: read
    back as such a file, they pass it (no name twice in a tambon)."""
    from evaluator.demo import _table
    from evaluator.io.people_import import LEADER_COLUMNS, check_leaders
    from evaluator.services.setup_context import load_context

    fields = ("tambon_code", "title", "first_name", "last_name", "position")
    with demo_db.transaction() as s:
        rows = [
            dict(zip(fields, (r[0], r[1], r[2], r[3], r[4]), strict=True))
            for r in s.execute(
                select(
                    m.Leader.tambon_code,
                    m.Leader.title,
                    m.Leader.first_name,
                    m.Leader.last_name,
                    m.Leader.position,
                ).order_by(m.Leader.id)
            )
        ]
        check = check_leaders(_table(LEADER_COLUMNS, rows), load_context(s))
    assert len(rows) == 15_000 and check.problems == [] and check.warnings == []
    assert sum(len(v) for v in check.by_tambon.values()) == 15_000


def test_demo_accounts_sign_in_with_the_demo_password(demo_db: Database) -> None:
    from evaluator.services.users import authenticate, list_users

    admin = authenticate(demo_db, "admin", "demo")
    assert admin.role is m.Role.ADMIN and admin.name  # a Thai display name
    assert authenticate(demo_db, "committee", "demo").role is m.Role.COMMITTEE
    people = list_users(demo_db)
    inspector = next(u for u in people if u.role is m.Role.INSPECTOR)
    assert authenticate(demo_db, inspector.login, "demo").inspector_name == inspector.name
    assert len({u.login for u in people}) == len(people)


def test_a_database_with_data_is_refused_or_left_alone(demo_db: Database) -> None:
    before = _dump(demo_db)
    with pytest.raises(EvaluatorError):
        create_demo(demo_db, seed=SEED)
    assert create_demo(demo_db, seed=SEED, if_missing=True).counts is None
    target = demo_db.file_path
    assert target is not None
    assert cli.main(["--db", str(target), "demo", "--if-missing"]) == 0
    assert _dump(demo_db) == before


def test_same_seed_same_database(demo_db: Database, tmp_path: Path) -> None:
    other = open_database(tmp_path / "again.sqlite3")
    try:
        create_demo(other, seed=SEED)
        assert _dump(other) == _dump(demo_db)
    finally:
        other.dispose()


def test_cli_demo_builds_the_default_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cli.sqlite3"
    assert cli.main(["--db", str(target), "demo"]) == 0
    out = capsys.readouterr().out
    assert f"seed {DEFAULT_SEED}" in out and "1,000" in out
    assert "'demo'" in out and "'admin'" in out  # it says how to sign in
    assert cli.main(["--db", str(target), "demo"]) == 1
    assert "มีตำบล" in capsys.readouterr().err
