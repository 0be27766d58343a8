"""The demo data set (``evaluator demo``): a whole contest as the department ran it in 2564.

1,000 real target tambons chosen by the department's rule (DESIGN.md section 1) from the official
geography (geothai), 15 change leaders each, 3–5 inspectors per zone with their assignments, and
plausible scores for the first round. Everything follows from the seed: the same seed gives the
same rows, ids, uuids and timestamps (only the audit entry carries the time it was written).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import geothai
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from evaluator import audit, demo_lessons
from evaluator import demo_names as names
from evaluator.accounts import hash_password
from evaluator.contest.spec import ContestSpec
from evaluator.db import models as m
from evaluator.demo_scores import ROUND_START, Scorer, Sheets, assign, make_sheets
from evaluator.demo_signature import signature_png
from evaluator.errors import InputError
from evaluator.geography import BANGKOK_CODE
from evaluator.io.people_import import (
    ASSIGNMENT_COLUMNS,
    INSPECTOR_COLUMNS,
    LEADER_COLUMNS,
    check_leaders,
)
from evaluator.io.tables import Column, Row, Table
from evaluator.permissions import UserInfo
from evaluator.services.contest import apply_contest
from evaluator.services.leaders import store_leaders
from evaluator.services.people import store_assignments, store_inspectors
from evaluator.services.setup_context import load_context
from evaluator.services.users import (
    UserSpec,
    add_users_sharing_hash,
    store_first_admin,
    user_in,
)
from evaluator.text import name_key, normalise

DEFAULT_SEED = 2564
DEMO_PASSWORD = "demo"  # every demo account's password (DESIGN.md section 5)
DEMO_ADMIN_LOGIN = "admin"
DEMO_COMMITTEE_LOGIN = "committee"
TARGET_TAMBONS = 1000
BIG_DISTRICT = 14  # tambons; such a district gets a second target tambon
LEADERS_PER_TAMBON = 15

MUSLIM_SHARE = {"94": 0.8, "95": 0.75, "96": 0.85, "91": 0.6}  # ปัตตานี ยะลา นราธิวาส สตูล


@dataclass(frozen=True)
class DemoCounts:
    """How many rows of each kind the demo wrote."""

    seed: int
    zones: int
    provinces: int
    districts: int
    tambons: int
    villages: int
    leaders: int
    inspectors: int
    users: int
    signatories: int
    assignments: int
    sheets: int
    scores: int
    drafts: int
    incomplete: int
    conflicts: int

    def as_dict(self) -> dict[str, int]:
        return {k: int(v) for k, v in self.__dict__.items()}


# --- which tambons -------------------------------------------------------------------------


def _rng(seed: int, part: str) -> random.Random:
    """An independent, reproducible random stream for one part of the demo."""
    return random.Random(f"{seed}/{part}")


def choose_target_tambons(seed: int) -> list[geothai.types.Subdistrict]:
    """The 1,000 target tambons, in code order, by the department's rule.

    One tambon in each district outside Bangkok, one more in each district of 14 or more tambons,
    and the rest up to 1,000 from the next-largest districts (by tambon count, then code).
    """
    rng = _rng(seed, "tambons")
    districts: list[tuple[str, list[geothai.types.Subdistrict]]] = []
    for province in sorted(geothai.provinces(), key=lambda p: p.code):
        if province.code == BANGKOK_CODE:
            continue
        for district in sorted(geothai.districts(province.code), key=lambda d: d.code):
            subs = sorted(geothai.subdistricts(district.code), key=lambda s: s.code)
            if subs:
                districts.append((district.code, subs))
    chosen: dict[str, list[geothai.types.Subdistrict]] = {}
    for code, subs in districts:
        chosen[code] = [rng.choice(subs)]
    by_size = sorted(districts, key=lambda d: (-len(d[1]), d[0]))
    big = [d for d in by_size if len(d[1]) >= BIG_DISTRICT]
    short = TARGET_TAMBONS - len(districts) - len(big)
    next_largest = [d for d in by_size if 2 <= len(d[1]) < BIG_DISTRICT][: max(short, 0)]
    for code, subs in big + next_largest:
        chosen[code].append(rng.choice([s for s in subs if s not in chosen[code]]))
    return sorted((s for group in chosen.values() for s in group), key=lambda s: s.code)


# --- people ---------------------------------------------------------------------------------


class _People:
    """Makes Thai names; full names it hands out with ``unique=True`` are never repeated."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(
        self, *, woman: bool, province: str | None = None, young: bool = False, unique: bool = False
    ) -> tuple[str, str, str]:
        """(title, first name, last name)."""
        rng = self.rng
        for _ in range(1000):
            muslim = province in MUSLIM_SHARE and rng.random() < MUSLIM_SHARE[province]
            if muslim:
                first = rng.choice(names.MUSLIM_FEMALE_NAMES if woman else names.MUSLIM_MALE_NAMES)
                last = rng.choice(names.MUSLIM_SURNAMES)
            else:
                first = rng.choice(names.FEMALE_NAMES if woman else names.MALE_NAMES)
                last = rng.choice(names.SURNAMES)
            if woman:
                title = "นางสาว" if rng.random() < (0.6 if young else 0.25) else "นาง"
            else:
                title = "นาย"
            full = f"{title}{first} {last}"
            if not unique or full not in self.used:
                self.used.add(full)
                return title, first, last
        raise RuntimeError("ran out of demo names")

    def full_name(self, **kwargs: Any) -> str:
        title, first, last = self.person(unique=True, **kwargs)
        return f"{title}{first} {last}"


def _leaders(
    rng: random.Random, people: _People, tambon: str, province: str, moos: Sequence[int]
) -> list[dict[str, Any]]:
    roles = list(names.LEADER_CORE) + rng.sample(
        names.LEADER_OTHER, LEADERS_PER_TAMBON - len(names.LEADER_CORE)
    )
    rows = []
    seen: set[str] = set()
    for position, woman_share in roles:
        young = position == "ผู้นำคนรุ่นใหม่"
        woman = rng.random() < woman_share
        title, first, last = people.person(woman=woman, province=province, young=young)
        last = _surname_new_here(first, last, seen)
        seen.add(name_key(f"{first} {last}"))
        if position in ("ผู้ใหญ่บ้าน", "ผู้ช่วยผู้ใหญ่บ้าน", "อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.)"):
            position = f"{position} หมู่ที่ {rng.choice(moos)}"
        rows.append(
            {
                "tambon_code": tambon,
                "title": title,
                "first_name": first,
                "last_name": last,
                "position": position,
            }
        )
    return rows


def _surname_new_here(first: str, last: str, seen: set[str]) -> str:
    """``last``, or when ``first last`` already leads in this tambon (``seen``: their name keys)
    the next surname of the same list that does not: a department's file may not name one
    leader twice in a tambon, and the leaders' file check refuses it. The seed's other draws
    are not touched (no random number is used), so only such a leader changes."""
    if name_key(f"{first} {last}") not in seen:
        return last
    pool = names.MUSLIM_SURNAMES if last in names.MUSLIM_SURNAMES else names.SURNAMES
    start = pool.index(last)
    for step in range(1, len(pool)):
        other = pool[(start + step) % len(pool)]
        if name_key(f"{first} {other}") not in seen:
            return other
    raise RuntimeError("ran out of demo surnames")


def _villages(rng: random.Random, tambon_code: str, tambon_name: str, zone: int) -> list[str]:
    heads = names.VILLAGE_HEADS[names.ZONE_REGION.get(zone, "central")]
    count = rng.randint(6, 16)
    first = tambon_name if tambon_name.startswith("บ้าน") else f"บ้าน{tambon_name}"
    out = [first]
    while len(out) < count:
        name = f"บ้าน{rng.choice(heads)}{rng.choice(names.VILLAGE_TAILS)}"
        if name not in out:
            out.append(name)
    return out


# --- the whole demo -------------------------------------------------------------------------
#
# The demo is set up the way a department sets up its real contest: the inspectors, the
# accounts and the assignments go through the same checked services as the imports of their
# files (evaluator.services.people, .users), the change leaders through the leaders import's
# check and store (evaluator.io.people_import, evaluator.services.leaders), each change audited
# (source "demo").
# Only what a department gets elsewhere is written directly: the official geography of the
# target tambons, the signatories, and the first round's sheets and scores.

DEMO_FILE = "ข้อมูลตัวอย่าง (demo)"  # how the set-up tables name themselves in messages
SIGNATORIES = (
    ("อธิบดีกรมการพัฒนาชุมชน", True),
    ("รองอธิบดีกรมการพัฒนาชุมชน ปฏิบัติราชการแทนอธิบดีกรมการพัฒนาชุมชน", False),
    ("ผู้อำนวยการสถาบันการพัฒนาชุมชน", False),
)


@dataclass(frozen=True)
class _Places:
    """The provinces of the contest and the target tambons the seed picks among them."""

    zone_of: dict[str, int]
    province_name: dict[str, str]
    targets: list[geothai.types.Subdistrict]

    @property
    def per_zone(self) -> Counter[int]:
        return Counter(self.zone_of[t.province_code] for t in self.targets)


@dataclass(frozen=True)
class _Geography:
    districts: int
    tambons: int
    villages: int
    moos_of: dict[str, list[int]]


@dataclass(frozen=True)
class _StaffMember:
    name: str
    zone: int
    home: str
    position: str
    leniency: float
    noise: float
    halves: bool


@dataclass(frozen=True)
class _Staff:
    """The people the seed makes for the department: inspectors, the admin and the committee
    member's names, and the signatories."""

    inspectors: list[_StaffMember]
    admin_name: str
    committee_name: str
    signatories: list[dict[str, Any]]


def _table(columns: Sequence[Column], rows: Sequence[dict[str, str]]) -> Table:
    """The demo's rows as a set-up table, as :func:`evaluator.io.tables.read_table` gives a
    department's file (cells normalised, rows numbered from 2 below the header)."""
    given = {k for r in rows for k in r}
    clean: dict[str, str] = {}  # names, titles and positions repeat: each normalised once

    def cell(v: str) -> str:
        out = clean.get(v)
        if out is None:
            out = clean[v] = normalise(v)
        return out

    return Table(
        file=DEMO_FILE,
        headers={c.field: c.label for c in columns if c.field in given},
        rows=[Row(n, {k: cell(v) for k, v in r.items()}) for n, r in enumerate(rows, start=2)],
        columns={c.field: c for c in columns},
    )


def _places(session: Session, seed: int) -> _Places:
    zone_of = dict(session.execute(select(m.Province.code, m.Province.zone_number)).all())
    province_name = dict(session.execute(select(m.Province.code, m.Province.name_th)).all())
    targets = [t for t in choose_target_tambons(seed) if t.province_code in zone_of]
    return _Places(zone_of, province_name, targets)


def _write_geography(session: Session, places: _Places, seed: int) -> _Geography:
    """Every district of a target tambon, the tambons and their villages (geothai's official
    names, as ``import geography`` stores them)."""
    district_codes = sorted({t.district_code for t in places.targets})
    districts = [geothai.district(code) for code in district_codes]
    session.execute(
        insert(m.District),
        [
            {
                "code": d.code,
                "name_th": d.name_th,
                "name_en": d.name_en,
                "province_code": d.province_code,
            }
            for d in districts
            if d is not None
        ],
    )
    rng = _rng(seed, "villages")
    tambon_rows: list[dict[str, Any]] = []
    village_rows: list[dict[str, Any]] = []
    moos_of: dict[str, list[int]] = {}
    for t in places.targets:
        villages = _villages(rng, t.code, t.name_th, places.zone_of[t.province_code])
        focus = rng.randrange(len(villages))
        moos_of[t.code] = list(range(1, len(villages) + 1))
        tambon_rows.append(
            {
                "code": t.code,
                "name_th": t.name_th,
                "name_en": t.name_en,
                "district_code": t.district_code,
                "focus_village": f"หมู่ที่ {focus + 1} {villages[focus]}",
            }
        )
        village_rows.extend(
            {"tambon_code": t.code, "moo": i + 1, "name_th": name, "is_focus": i == focus}
            for i, name in enumerate(villages)
        )
    session.execute(insert(m.Tambon), tambon_rows)
    session.execute(insert(m.Village), village_rows)
    return _Geography(len(district_codes), len(tambon_rows), len(village_rows), moos_of)


def _make_leaders(
    places: _Places, moos_of: dict[str, list[int]], seed: int
) -> list[dict[str, str]]:
    """The 15 change leaders of each target tambon, by tambon in code order, as the rows of a
    leaders file."""
    rng = _rng(seed, "leaders")
    people = _People(rng)
    return [
        leader
        for t in places.targets
        for leader in _leaders(rng, people, t.code, t.province_code, moos_of[t.code])
    ]


def _make_staff(places: _Places, seed: int) -> _Staff:
    """3–5 inspectors per zone (by its number of target tambons) with their scoring habits, the
    admin's and the committee member's names, the signatories with their signatures."""
    rng = _rng(seed, "staff")
    people = _People(rng)
    per_zone = places.per_zone
    inspectors: list[_StaffMember] = []
    for zone in sorted(per_zone):
        provinces = sorted(code for code, z in places.zone_of.items() if z == zone)
        count = 3 if per_zone[zone] < 40 else 4 if per_zone[zone] < 70 else 5
        homes = rng.sample(provinces, k=len(provinces))
        for k in range(count):
            home = homes[k % len(homes)]
            template = names.INSPECTOR_POSITIONS[0 if k == 0 else 1 + (k - 1) % 4]
            position = template.format(province=places.province_name[home])
            if k == 0:
                position = f"{position} เขตตรวจราชการที่ {zone}"
            name = people.full_name(woman=rng.random() < 0.45)
            lean, noise = rng.gauss(0.0, 0.05), rng.uniform(0.035, 0.08)
            halves = rng.random() < 0.35
            inspectors.append(_StaffMember(name, zone, home, position, lean, noise, halves))
    admin_name = people.full_name(woman=True)
    committee_name = people.full_name(woman=False)
    signatories = [
        {
            "name": people.full_name(woman=rng.random() < 0.3),
            "position": position,
            "signature_png": signature_png(rng),
            "active": active,
        }
        for position, active in SIGNATORIES
    ]
    return _Staff(inspectors, admin_name, committee_name, signatories)


def _set_up_people(session: Session, places: _Places, staff: _Staff, seed: int) -> UserInfo:
    """The first admin, then as that admin: the inspectors (the inspectors import's check and
    store), the committee member's and the inspectors' accounts (the users import's), all with
    the password :data:`DEMO_PASSWORD`. Returns the admin."""
    # One hash for every demo account, its salt from the seed: the password is public anyway,
    # 70 Argon2id hashes would take seconds, and one seed must always give the same database.
    password_hash = hash_password(
        DEMO_PASSWORD, salt=hashlib.sha256(f"demo accounts {seed}".encode()).digest()[:16]
    )
    first = store_first_admin(
        session, DEMO_ADMIN_LOGIN, staff.admin_name, password_hash, audit.Source.DEMO
    )
    admin = user_in(session, first.id)
    table = _table(
        INSPECTOR_COLUMNS,
        [
            {
                "name": i.name,
                "position": i.position,
                "zone": str(i.zone),
                "home_province": places.province_name[i.home],
            }
            for i in staff.inspectors
        ],
    )
    store_inspectors(session, admin, table, source=audit.Source.DEMO)
    # registered two weeks before the round opened, like the rest of the story
    session.execute(update(m.Inspector).values(created_at=ROUND_START - timedelta(days=14)))
    accounts = [UserSpec(DEMO_COMMITTEE_LOGIN, staff.committee_name, m.Role.COMMITTEE)] + [
        UserSpec(f"inspector{n:02d}", i.name, m.Role.INSPECTOR, i.name)
        for n, i in enumerate(staff.inspectors, start=1)
    ]
    add_users_sharing_hash(session, admin, accounts, password_hash, audit.Source.DEMO)
    return admin


def _store_leaders(session: Session, admin: UserInfo, rows: list[dict[str, str]]) -> int:
    """The leaders through the leaders import's file check and store, audited per tambon."""
    check = check_leaders(_table(LEADER_COLUMNS, rows), load_context(session))
    if check.problems:  # the seed made what a department's file may not hold: a bug here
        raise InputError(check.problems)
    done = store_leaders(session, check.by_tambon, f"ผู้นำการเปลี่ยนแปลงของ{DEMO_FILE}")
    audit.record(session, admin.login, audit.Source.DEMO, done.changes)
    return done.added


def _assign_inspectors(
    session: Session,
    admin: UserInfo,
    places: _Places,
    staff: _Staff,
    round_code: str,
    rng: random.Random,
) -> list[tuple[str, list[Scorer]]]:
    """2–3 inspectors of its zone for each tambon (:func:`_assign`), stored through the
    assignments import's check and store."""
    inspector_id = dict(session.execute(select(m.Inspector.name, m.Inspector.id)).all())
    by_zone: dict[int, list[Scorer]] = defaultdict(list)
    for i in staff.inspectors:
        by_zone[i.zone].append(
            Scorer(inspector_id[i.name], i.zone, i.home, i.leniency, i.noise, i.halves)
        )
    zone_of = places.zone_of
    plan = assign(
        rng, [(t.code, t.province_code, zone_of[t.province_code]) for t in places.targets], by_zone
    )
    name_of = {v: k for k, v in inspector_id.items()}
    rows = [
        {"round": round_code, "inspector": name_of[i.id], "tambon_code": code}
        for code, picked in plan
        for i in picked
    ]
    store_assignments(session, admin, _table(ASSIGNMENT_COLUMNS, rows), source=audit.Source.DEMO)
    return plan


def _write_sheets(session: Session, sheets: Sheets, round_id: int) -> int:
    """Store the sheets and their scores; returns the number of scores."""
    session.execute(insert(m.Sheet), sheets.rows)
    sheet_id = dict(
        session.execute(select(m.Sheet.uuid, m.Sheet.id).where(m.Sheet.round_id == round_id)).all()
    )
    score_rows = [
        {"sheet_id": sheet_id[sheet_uuid], **score}
        for sheet_uuid, scores in sheets.scores
        for score in scores
    ]
    session.execute(insert(m.Score), score_rows)
    return len(score_rows)


def _first_round(session: Session, contest_id: int) -> tuple[m.Round, list[tuple[int, str, float]]]:
    """The contest's first round and its criteria (id, code, maximum) in order."""
    round_row = session.scalar(
        select(m.Round).where(m.Round.contest_id == contest_id).order_by(m.Round.position).limit(1)
    )
    assert round_row is not None
    criteria = [
        (cid, code, max_score)
        for cid, code, max_score in session.execute(
            select(m.Criterion.id, m.Criterion.code, m.Criterion.max_score)
            .where(m.Criterion.contest_id == contest_id)
            .order_by(m.Criterion.position)
        )
    ]
    return round_row, criteria


def populate(session: Session, spec: ContestSpec, seed: int = DEFAULT_SEED) -> DemoCounts:
    """Write the demo into an initialised database that holds no tambons yet, in the caller's
    transaction: the set-up through the department's services (each change audited), the sheets
    of the first round, and one audit entry for the lot that seals every demo sheet."""
    contest = apply_contest(session, spec)
    places = _places(session, seed)
    geography = _write_geography(session, places, seed)
    leaders = _make_leaders(places, geography.moos_of, seed)
    staff = _make_staff(places, seed)
    admin = _set_up_people(session, places, staff, seed)
    added_leaders = _store_leaders(session, admin, leaders)
    session.execute(insert(m.Signatory), staff.signatories)
    round_row, criteria = _first_round(session, contest.contest_id)
    score_rng = _rng(seed, "scores")
    plan = _assign_inspectors(session, admin, places, staff, round_row.code, score_rng)
    province_of = {t.code: t.province_code for t in places.targets}
    sheets = make_sheets(score_rng, plan, criteria, round_row.id, province_of)
    scores = _write_sheets(session, sheets, round_row.id)
    demo_lessons.add_lessons(session, seed, round_row.id, DEMO_COMMITTEE_LOGIN)  # before the seals
    # (the demo's lessons learned, when there are any, are written here, after the sheets)
    counts = DemoCounts(
        seed=seed,
        zones=len(places.per_zone),
        provinces=len({t.province_code for t in places.targets}),
        districts=geography.districts,
        tambons=geography.tambons,
        villages=geography.villages,
        leaders=added_leaders,
        inspectors=len(staff.inspectors),
        users=2 + len(staff.inspectors),
        signatories=len(staff.signatories),
        assignments=sum(len(p) for _, p in plan),
        sheets=len(sheets.rows),
        scores=scores,
        drafts=sheets.drafts,
        incomplete=sheets.incomplete,
        conflicts=sheets.conflicts,
    )
    audit.record(
        session,
        "demo",
        audit.Source.DEMO,
        [
            audit.Change(
                action="create",
                entity="demo",
                entity_key=f"{spec.code}/seed={seed}",
                new=counts.as_dict(),
                reason=f"สร้างข้อมูลตัวอย่างจาก seed {seed} — demo data set",
            )
        ],
        sheets=[str(r["uuid"]) for r in sheets.rows],  # every demo sheet sealed
    )
    return counts
