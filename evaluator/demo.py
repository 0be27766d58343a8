"""The demo data set (``evaluator demo``): a whole contest as the department ran it in 2564.

1,000 real target tambons chosen by the department's rule (DESIGN.md section 1) from the official
geography (geothai), 15 change leaders each, 3–5 inspectors per zone with their assignments, and
plausible scores for the first round. Everything follows from the seed: the same seed gives the
same rows, ids, uuids and timestamps (only the audit entry carries the time it was written).
"""

from __future__ import annotations

import hashlib
import math
import random
import struct
import uuid
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import geothai
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator import demo_names as names
from evaluator.accounts import hash_password
from evaluator.contest.spec import ContestSpec
from evaluator.db import models as m
from evaluator.geography import BANGKOK_CODE
from evaluator.services.contest import apply_contest

DEFAULT_SEED = 2564
DEMO_PASSWORD = "demo"  # every demo account's password (DESIGN.md section 5)
DEMO_ADMIN_LOGIN = "admin"
DEMO_COMMITTEE_LOGIN = "committee"
TARGET_TAMBONS = 1000
BIG_DISTRICT = 14  # tambons; such a district gets a second target tambon
LEADERS_PER_TAMBON = 15
BANGKOK_TIME = timezone(timedelta(hours=7))
ROUND_START = datetime(2021, 5, 3, 8, 30, tzinfo=BANGKOK_TIME)  # May 2564

DRAFT_SHARE = 0.03
INCOMPLETE_SHARE = 0.015
CONFLICT_SHARE = 0.02
NOTE_SHARE = 0.15
SHEET_NOTE_SHARE = 0.35
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
    for position, woman_share in roles:
        young = position == "ผู้นำคนรุ่นใหม่"
        woman = rng.random() < woman_share
        title, first, last = people.person(woman=woman, province=province, young=young)
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


# --- a signature image ----------------------------------------------------------------------


def _png(width: int, height: int, alpha: bytearray, rgb: tuple[int, int, int]) -> bytes:
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend((*rgb, alpha[y * width + x]))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


def signature_png(rng: random.Random, width: int = 360, height: int = 120) -> bytes:
    """A made-up handwritten-looking signature: a flourish, a cursive run and a tail, slanted,
    in dark blue ink on a transparent background."""
    alpha = bytearray(width * height)
    mid = height * 0.55
    strokes = (  # (length, loops, amplitude): flourish, cursive run, tail
        (rng.uniform(50, 70), rng.uniform(1.2, 1.8), rng.uniform(30, 40)),
        (rng.uniform(130, 170), rng.uniform(4.5, 7.0), rng.uniform(9, 15)),
        (rng.uniform(60, 90), rng.uniform(0.8, 1.3), rng.uniform(14, 22)),
    )
    x0 = 24.0
    for length, loops, amp in strokes:
        phase = rng.uniform(0, math.pi)
        steps = int(length * 8)
        for i in range(steps):
            t = i / steps
            turn = t * loops * 2 * math.pi
            wobble = 1 + 0.25 * math.sin(t * 7 + phase)
            y = mid - amp * wobble * math.sin(turn + phase) * (1 - 0.35 * t)
            x = x0 + t * length + 0.45 * (mid - y) + 7 * math.cos(turn + phase)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    px, py = int(x) + dx, int(y) + dy
                    if 0 <= px < width and 0 <= py < height:
                        cover = 255 if dx == 0 or dy == 0 else 140
                        alpha[py * width + px] = max(alpha[py * width + px], cover)
        x0 += length * 0.9
    return _png(width, height, alpha, (20, 40, 120))


# --- scores ---------------------------------------------------------------------------------


def _round_score(value: float, max_score: float, halves: bool) -> float:
    step = 0.5 if halves else 1.0
    rounded = math.floor(value / step + 0.5) * step
    return min(max(rounded, 0.0), max_score)


@dataclass
class _Inspector:
    id: int
    zone: int
    home: str
    leniency: float
    noise: float
    halves: bool
    load: int = 0


def _assign(
    rng: random.Random,
    tambons: Sequence[tuple[str, str, int]],
    by_zone: dict[int, list[_Inspector]],
) -> list[tuple[str, list[_Inspector]]]:
    """2–3 inspectors of the tambon's zone for each tambon, the least loaded first; an inspector
    from the tambon's own province only now and then (a few conflicts of interest)."""
    out = []
    for code, province, zone in tambons:
        staff = by_zone[zone]
        want = 3 if rng.random() < 0.5 else 2
        free = [i for i in staff if i.home != province]
        own = [i for i in staff if i.home == province]
        picked: list[_Inspector] = []
        if own and (rng.random() < CONFLICT_SHARE or len(free) < 2):
            picked.append(rng.choice(own))
        order = sorted(free, key=lambda i: (i.load, rng.random()))
        want = min(want, len(picked) + len(order))
        picked += order[: want - len(picked)]
        for inspector in picked:
            inspector.load += 1
        out.append((code, picked))
    return out


# --- the whole demo -------------------------------------------------------------------------


def populate(session: Session, spec: ContestSpec, seed: int = DEFAULT_SEED) -> DemoCounts:
    """Write the demo into an initialised database that holds no tambons yet, in the caller's
    transaction, with one audit entry for the lot."""
    contest = apply_contest(session, spec)
    zone_of = dict(session.execute(select(m.Province.code, m.Province.zone_number)).all())
    province_name = dict(session.execute(select(m.Province.code, m.Province.name_th)).all())
    targets = [t for t in choose_target_tambons(seed) if t.province_code in zone_of]

    # geography: every district of a target tambon, the tambons, their villages
    district_codes = sorted({t.district_code for t in targets})
    session.execute(
        insert(m.District),
        [
            {
                "code": d.code,
                "name_th": d.name_th,
                "name_en": d.name_en,
                "province_code": d.province_code,
            }
            for d in (geothai.district(code) for code in district_codes)
            if d is not None
        ],
    )
    village_rng = _rng(seed, "villages")
    tambon_rows: list[dict[str, Any]] = []
    village_rows: list[dict[str, Any]] = []
    moos_of: dict[str, list[int]] = {}
    for t in targets:
        villages = _villages(village_rng, t.code, t.name_th, zone_of[t.province_code])
        focus = village_rng.randrange(len(villages))
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

    # change leaders
    leader_rng = _rng(seed, "leaders")
    leader_people = _People(leader_rng)
    leader_rows = [
        row
        for t in targets
        for row in _leaders(leader_rng, leader_people, t.code, t.province_code, moos_of[t.code])
    ]
    session.execute(insert(m.Leader), leader_rows)

    # inspectors, their users, the signatories
    staff_rng = _rng(seed, "staff")
    staff_people = _People(staff_rng)
    per_zone = Counter(zone_of[t.province_code] for t in targets)
    inspector_rows: list[dict[str, Any]] = []
    inspector_meta: list[tuple[int, str, float, float, bool]] = []
    created = ROUND_START - timedelta(days=14)
    for zone in sorted(per_zone):
        provinces = sorted(code for code, z in zone_of.items() if z == zone)
        count = 3 if per_zone[zone] < 40 else 4 if per_zone[zone] < 70 else 5
        homes = staff_rng.sample(provinces, k=len(provinces))
        for k in range(count):
            home = homes[k % len(homes)]
            template = names.INSPECTOR_POSITIONS[0 if k == 0 else 1 + (k - 1) % 4]
            position = template.format(province=province_name[home])
            if k == 0:
                position = f"{position} เขตตรวจราชการที่ {zone}"
            inspector_rows.append(
                {
                    "name": staff_people.full_name(woman=staff_rng.random() < 0.45),
                    "zone_number": zone,
                    "home_province_code": home,
                    "position": position,
                    "created_at": created,
                }
            )
            inspector_meta.append(
                (
                    zone,
                    home,
                    staff_rng.gauss(0.0, 0.05),
                    staff_rng.uniform(0.035, 0.08),
                    staff_rng.random() < 0.35,
                )
            )
    session.execute(insert(m.Inspector), inspector_rows)
    inspector_id = dict(session.execute(select(m.Inspector.name, m.Inspector.id)).all())
    # Every demo account signs in with the password DEMO_PASSWORD (one hash shared by all, its
    # salt from the seed: the password is public anyway, 70 Argon2id hashes would take seconds,
    # and one seed must always give the same database).
    password_hash = hash_password(
        DEMO_PASSWORD, salt=hashlib.sha256(f"demo accounts {seed}".encode()).digest()[:16]
    )
    users = [
        {
            "login": DEMO_ADMIN_LOGIN,
            "name": staff_people.full_name(woman=True),
            "role": m.Role.ADMIN,
            "inspector_id": None,
            "password_hash": password_hash,
        },
        {
            "login": DEMO_COMMITTEE_LOGIN,
            "name": staff_people.full_name(woman=False),
            "role": m.Role.COMMITTEE,
            "inspector_id": None,
            "password_hash": password_hash,
        },
    ] + [
        {
            "login": f"inspector{n:02d}",
            "name": row["name"],
            "role": m.Role.INSPECTOR,
            "inspector_id": inspector_id[row["name"]],
            "password_hash": password_hash,
        }
        for n, row in enumerate(inspector_rows, start=1)
    ]
    session.execute(insert(m.User), users)
    signatories = [
        ("อธิบดีกรมการพัฒนาชุมชน", True),
        ("รองอธิบดีกรมการพัฒนาชุมชน ปฏิบัติราชการแทนอธิบดีกรมการพัฒนาชุมชน", False),
        ("ผู้อำนวยการสถาบันการพัฒนาชุมชน", False),
    ]
    session.execute(
        insert(m.Signatory),
        [
            {
                "name": staff_people.full_name(woman=staff_rng.random() < 0.3),
                "position": position,
                "signature_png": signature_png(staff_rng),
                "active": active,
            }
            for position, active in signatories
        ],
    )

    # assignments and sheets for the first round
    inspectors = [
        _Inspector(inspector_id[row["name"]], zone, home, lean, noise, halves)
        for row, (zone, home, lean, noise, halves) in zip(
            inspector_rows, inspector_meta, strict=True
        )
    ]
    by_zone: dict[int, list[_Inspector]] = defaultdict(list)
    for inspector in inspectors:
        by_zone[inspector.zone].append(inspector)
    round_row = session.scalar(
        select(m.Round)
        .where(m.Round.contest_id == contest.contest_id)
        .order_by(m.Round.position)
        .limit(1)
    )
    assert round_row is not None
    round_id = round_row.id
    criteria = list(
        session.execute(
            select(m.Criterion.id, m.Criterion.code, m.Criterion.max_score)
            .where(m.Criterion.contest_id == contest.contest_id)
            .order_by(m.Criterion.position)
        )
    )
    score_rng = _rng(seed, "scores")
    plan = _assign(
        score_rng,
        [(t.code, t.province_code, zone_of[t.province_code]) for t in targets],
        by_zone,
    )
    session.execute(
        insert(m.Assignment),
        [
            {"round_id": round_id, "inspector_id": i.id, "tambon_code": code}
            for code, picked in plan
            for i in picked
        ],
    )
    difficulty = {code: score_rng.gauss(0.0, 0.05) for _, code, _ in criteria}
    sheet_rows: list[dict[str, Any]] = []
    pending_scores: list[tuple[str, list[dict[str, Any]]]] = []
    drafts = incomplete = conflicts = 0
    province_of = {t.code: t.province_code for t in targets}
    for code, picked in plan:
        quality = min(max(score_rng.gauss(0.66, 0.13), 0.25), 0.97)
        strength = {c: score_rng.gauss(0.0, 0.08) for _, c, _ in criteria}
        for inspector in picked:
            sheet_uuid = str(uuid.UUID(int=score_rng.getrandbits(128), version=4))
            draft = score_rng.random() < DRAFT_SHARE
            missing: set[str] = set()
            if draft and score_rng.random() < 0.5:
                missing = {c for _, c, _ in criteria[-score_rng.randint(1, 4) :]}
            elif not draft and score_rng.random() < INCOMPLETE_SHARE:
                missing = {score_rng.choice(criteria)[1]}
            drafts += draft
            incomplete += bool(missing)
            conflicts += inspector.home == province_of[code]
            scores = []
            for criterion_id, ccode, max_score in criteria:
                share = quality + strength[ccode] + difficulty[ccode] + inspector.leniency
                share += score_rng.gauss(0.0, inspector.noise)
                share = min(max(share, 0.0), 1.0)
                if ccode in missing:
                    continue
                value = _round_score(share * max_score, max_score, inspector.halves)
                note = ""
                if score_rng.random() < NOTE_SHARE:
                    strong, weak = names.CRITERION_NOTES.get(ccode, names.GENERIC_NOTES)
                    pool = strong if value / max_score >= 0.6 else weak
                    note = score_rng.choice(pool)
                scores.append({"criterion_id": criterion_id, "value": value, "note": note})
            started = ROUND_START + timedelta(
                days=score_rng.randrange(0, 21), minutes=score_rng.randrange(0, 8 * 60)
            )
            saved = started + timedelta(
                days=score_rng.randrange(0, 3), minutes=score_rng.randrange(20, 120)
            )
            sheet_note = (
                score_rng.choice(names.SHEET_NOTES) if score_rng.random() < SHEET_NOTE_SHARE else ""
            )
            sheet_rows.append(
                {
                    "uuid": sheet_uuid,
                    "round_id": round_id,
                    "inspector_id": inspector.id,
                    "tambon_code": code,
                    "status": m.SheetStatus.DRAFT if draft else m.SheetStatus.SUBMITTED,
                    "version": 1,
                    "base_version": 0,
                    "note": sheet_note,
                    "created_at": started.astimezone(UTC),
                    "updated_at": saved.astimezone(UTC),
                    "submitted_at": None if draft else saved.astimezone(UTC),
                }
            )
            pending_scores.append((sheet_uuid, scores))
    session.execute(insert(m.Sheet), sheet_rows)
    sheet_id = dict(
        session.execute(select(m.Sheet.uuid, m.Sheet.id).where(m.Sheet.round_id == round_id)).all()
    )
    score_rows = [
        {"sheet_id": sheet_id[sheet_uuid], **score}
        for sheet_uuid, scores in pending_scores
        for score in scores
    ]
    session.execute(insert(m.Score), score_rows)

    counts = DemoCounts(
        seed=seed,
        zones=len(per_zone),
        provinces=len({t.province_code for t in targets}),
        districts=len(district_codes),
        tambons=len(tambon_rows),
        villages=len(village_rows),
        leaders=len(leader_rows),
        inspectors=len(inspector_rows),
        users=len(users),
        signatories=len(signatories),
        assignments=sum(len(p) for _, p in plan),
        sheets=len(sheet_rows),
        scores=len(score_rows),
        drafts=drafts,
        incomplete=incomplete,
        conflicts=conflicts,
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
        sheets=[str(r["uuid"]) for r in sheet_rows],  # every demo sheet sealed
    )
    return counts
