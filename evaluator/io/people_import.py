"""The people tables (DESIGN.md section 5): inspectors, assignments and change leaders.

Each kind has its columns and a pure check that turns a :class:`~evaluator.io.tables.Table` into
plain records, every problem named by file, row and field, and warnings that do not refuse the
file. The database is read beforehand into a :class:`PeopleContext` of plain lookups; storing
the records is :mod:`evaluator.services.people`, in one unit of work with the audit log.

- inspectors: ``name`` (ชื่อ-สกุล), ``position`` (ตำแหน่ง), ``zone`` (เขตตรวจราชการ),
  ``home_province`` (จังหวัดภูมิลำเนา), optional ``phone`` (โทรศัพท์), ``email`` (อีเมล).
- assignments: ``round`` (รอบ), ``inspector`` (ผู้ประเมิน), ``tambon_code`` (รหัสตำบล),
  optional ``contest`` (การประกวด) when two contests share a round code.
- leaders: ``tambon_code``, ``title`` (คำนำหน้า), ``first_name`` (ชื่อ), ``last_name`` (นามสกุล),
  optional ``position`` (ตำแหน่ง/บทบาท), ``village`` (หมู่บ้าน), ``phone`` (โทรศัพท์).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import geothai

from evaluator.errors import Problem
from evaluator.geography import ZONE_COUNT, normalise_name
from evaluator.io.contest_lookup import RoundInfo
from evaluator.io.geography_import import tambon_code_of, zone_of
from evaluator.io.tables import Column, RowCheck, Table
from evaluator.text import name_key

LEADERS_PER_TAMBON = 15
_official_form: Callable[[str], str] = geothai.normalize  # type: ignore[attr-defined]

_TAMBON_CODE = Column(
    "tambon_code",
    "รหัสตำบล",
    ("code", "รหัส", "subdistrict_code", "tambon_id", "geocode"),
    numeric=True,
)
_PHONE = Column(
    "phone", "โทรศัพท์", ("เบอร์โทร", "เบอร์โทรศัพท์", "โทร", "mobile", "tel"), required=False
)

INSPECTOR_COLUMNS: tuple[Column, ...] = (
    Column("name", "ชื่อ-สกุล", ("ชื่อ-นามสกุล", "ชื่อสกุล", "full_name", "inspector", "ผู้ประเมิน")),
    Column("position", "ตำแหน่ง", ("job_title", "ตำแหน่งงาน")),
    Column("zone", "เขตตรวจราชการ", ("เขต", "เขตตรวจ", "inspection_zone"), numeric=True),
    Column(
        "home_province",
        "จังหวัดภูมิลำเนา",
        ("ภูมิลำเนา", "home", "province_of_origin", "จังหวัดบ้านเกิด"),
    ),
    _PHONE,
    Column("email", "อีเมล", ("e-mail", "อีเมล์", "mail"), required=False),
)

ASSIGNMENT_COLUMNS: tuple[Column, ...] = (
    Column("round", "รอบ", ("round_code", "รหัสรอบ", "ระดับรางวัล", "award_round")),
    Column(
        "inspector",
        "ผู้ประเมิน",
        ("inspector_name", "ชื่อผู้ประเมิน", "ผู้ตรวจ", "ผู้ตรวจราชการ", "evaluator"),
    ),
    _TAMBON_CODE,
    Column("contest", "การประกวด", ("contest_code", "รหัสการประกวด"), required=False),
)

LEADER_COLUMNS: tuple[Column, ...] = (
    _TAMBON_CODE,
    Column("title", "คำนำหน้า", ("คำนำหน้าชื่อ", "prefix", "name_title")),
    Column("first_name", "ชื่อ", ("ชื่อตัว", "given_name", "firstname")),
    Column("last_name", "นามสกุล", ("surname", "family_name", "lastname")),
    Column("position", "ตำแหน่ง/บทบาท", ("ตำแหน่ง", "บทบาท", "role"), required=False),
    Column("village", "หมู่บ้าน", ("ชื่อหมู่บ้าน", "village_name", "moo"), required=False),
    _PHONE,
)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_TEXT = re.compile(r"[0-9+\-\s().,/]*(ต่อ|ext\.?|x)?[0-9\s\-]*", re.IGNORECASE)


# --- what the database holds -----------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceInfo:
    code: str
    name_th: str
    zone: int


@dataclass(frozen=True)
class InspectorInfo:
    id: int
    name: str
    zone: int | None
    home_province: str | None


@dataclass
class PeopleContext:
    """Plain lookups of the database: provinces, tambons, inspectors, rounds, assignments."""

    provinces: dict[str, ProvinceInfo] = field(default_factory=dict)  # by code
    province_keys: dict[str, str] = field(default_factory=dict)  # name form → code
    tambons: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → (name, province)
    inspectors: dict[str, InspectorInfo] = field(default_factory=dict)  # name_key → info
    contests: dict[str, int] = field(default_factory=dict)  # name_key(code) → id
    first_contest: int | None = None
    rounds: dict[str, list[RoundInfo]] = field(default_factory=dict)  # name_key(code) → rounds

    def add_province(self, code: str, name_th: str, name_en: str, zone: int) -> None:
        self.provinces[code] = ProvinceInfo(code, name_th, zone)
        for key in (normalise_name(name_th), _official_form(name_th), _official_form(name_en)):
            if key:
                self.province_keys.setdefault(key, code)

    def province(self, text: str) -> ProvinceInfo | None:
        """The stored province a cell names (``จ.เชียงใหม่``, ``Chiang Mai``, ``เชียงใหม่``)."""
        for key in (normalise_name(text), _official_form(text)):
            code = self.province_keys.get(key) if key else None
            if code is not None:
                return self.provinces[code]
        return None


def check_phone(text: str) -> str | None:
    """A phone number as written, or None when it cannot be one. A number a spreadsheet stored
    without its leading 0 (``812345678``) gets it back."""
    if not text:
        return ""
    if not _PHONE_TEXT.fullmatch(text) or not any(ch.isdigit() for ch in text):
        return None
    if text.isdigit() and len(text) in (8, 9) and not text.startswith("0"):
        return "0" + text
    return text


# --- inspectors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectorRecord:
    """One checked inspector row; ``phone``/``email`` None: the file has no such column."""

    row: int
    name: str
    position: str
    zone: int
    home_province: str | None
    phone: str | None
    email: str | None


@dataclass
class InspectorCheck:
    records: list[InspectorRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_inspectors(table: Table, ctx: PeopleContext) -> InspectorCheck:
    """Check every row of an inspectors table; a name seen twice in the file is an error."""
    out = InspectorCheck()
    seen: dict[str, int] = {}
    check = RowCheck(table, out.problems, out.warnings)

    for n, v in check.rows():
        name = v.get("name", "")
        if not name:
            check.problem(n, "name", "ไม่ได้ระบุชื่อ-สกุล — the name is empty")
        elif len(name) > 200:
            check.problem(n, "name", "ชื่อยาวเกิน 200 ตัวอักษร — longer than 200 characters")
        elif name_key(name) in seen:
            check.problem(
                n,
                "name",
                f"ชื่อ '{name}' ซ้ำกับแถว {seen[name_key(name)]}"
                f" — name '{name}' is already in row {seen[name_key(name)]}",
            )
        else:
            seen[name_key(name)] = n
        position = v.get("position", "")
        if len(position) > 200:
            check.problem(n, "position", "ตำแหน่งยาวเกิน 200 ตัวอักษร — longer than 200 characters")
        zone_text = v.get("zone", "")
        zone = zone_of(zone_text) if zone_text else None
        if not zone_text:
            check.problem(n, "zone", "ไม่ได้ระบุเขตตรวจราชการ — the zone is empty")
        elif zone is None or not 1 <= zone <= ZONE_COUNT:
            check.problem(
                n,
                "zone",
                f"เขตตรวจราชการ '{zone_text}' ต้องเป็นเลข 1–{ZONE_COUNT} "
                f"— zone '{zone_text}' must be a number from 1 to {ZONE_COUNT}",
            )
        home_text = v.get("home_province", "")
        home: str | None = None
        if home_text:
            province = ctx.province(home_text)
            if province is not None:
                home = province.code
            elif geothai.province(_official_form(home_text)) is not None or normalise_name(
                home_text
            ) in ("กรุงเทพมหานคร", "กรุงเทพฯ", "กทม."):
                check.warn(
                    n,
                    f"จังหวัด '{home_text}' ไม่อยู่ในโครงการ จึงไม่บันทึกเป็นภูมิลำเนา — "
                    f"province '{home_text}' is not in the contest; no home province is stored",
                )
            else:
                check.problem(
                    n, "home_province", f"ไม่รู้จักจังหวัด '{home_text}' — unknown province '{home_text}'"
                )
        elif name:
            check.warn(
                n,
                f"ไม่ได้ระบุจังหวัดภูมิลำเนาของ {name} จึงตรวจผลประโยชน์ทับซ้อนไม่ได้ — "
                f"no home province for {name}: conflicts of interest cannot be checked",
            )
        phone: str | None = None
        if table.has("phone"):
            phone = check_phone(v.get("phone", ""))
            if phone is None or len(phone) > 50:
                check.problem(
                    n,
                    "phone",
                    f"'{v.get('phone')}' ไม่ใช่หมายเลขโทรศัพท์"
                    f" — '{v.get('phone')}' is not a phone number",
                )
        email: str | None = None
        if table.has("email"):
            email = v.get("email", "")
            if email and (not _EMAIL.fullmatch(email) or len(email) > 200):
                check.problem(
                    n, "email", f"'{email}' ไม่ใช่อีเมล — '{email}' is not an e-mail address"
                )
        if check.row_ok() and zone is not None:
            out.records.append(InspectorRecord(n, name, position, zone, home, phone, email))
    return out


# --- assignments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentRecord:
    row: int
    round_id: int
    round_code: str
    inspector_id: int
    inspector: str
    tambon_code: str


@dataclass
class AssignmentCheck:
    records: list[AssignmentRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _round(
    table: Table, ctx: PeopleContext, n: int, values: dict[str, str], problems: list[Problem]
) -> RoundInfo | None:
    contest_text = values.get("contest", "")
    contest_id: int | None = None
    if contest_text:
        contest_id = ctx.contests.get(name_key(contest_text))
        if contest_id is None:
            problems.append(
                table.problem(
                    n, "contest", f"ไม่มีการประกวด '{contest_text}' — no contest '{contest_text}'"
                )
            )
            return None
    text = values.get("round", "")
    if not text:
        problems.append(table.problem(n, "round", "ไม่ได้ระบุรอบ — the round is empty"))
        return None
    candidates = ctx.rounds.get(name_key(text), [])
    if contest_id is not None:
        candidates = [c for c in candidates if c.contest_id == contest_id]
    if not candidates:
        problems.append(table.problem(n, "round", f"ไม่มีรอบ '{text}' — no round '{text}'"))
        return None
    return next((c for c in candidates if c.contest_id == ctx.first_contest), candidates[0])


def check_assignments(table: Table, ctx: PeopleContext) -> AssignmentCheck:
    """Check every row of an assignments table; warn of an inspector outside the tambon's zone
    or from its province (conflict of interest)."""
    out = AssignmentCheck()
    seen: dict[tuple[int, int, str], int] = {}
    check = RowCheck(table, out.problems, out.warnings)

    if ctx.first_contest is None:
        out.problems.append(
            Problem(
                "ยังไม่มีการประกวดในฐานข้อมูล นำเข้าเกณฑ์และรอบก่อน (evaluator import contest) "
                "— no contest in the database yet",
                table.file,
            )
        )
        return out
    for n, v in check.rows():
        rnd = _round(table, ctx, n, v, out.problems)
        if rnd is not None and rnd.finalised:
            check.problem(
                n,
                "round",
                f"รอบ {rnd.code} ปิดผลแล้ว เปลี่ยนการมอบหมายไม่ได้"
                f" — round {rnd.code} is finalised: its assignments cannot change",
            )
        inspector_text = v.get("inspector", "")
        inspector = ctx.inspectors.get(name_key(inspector_text)) if inspector_text else None
        if not inspector_text:
            check.problem(n, "inspector", "ไม่ได้ระบุชื่อผู้ประเมิน — the inspector is empty")
        elif inspector is None:
            check.problem(
                n,
                "inspector",
                f"ไม่มีผู้ประเมินชื่อ '{inspector_text}' นำเข้ารายชื่อผู้ประเมินก่อน "
                f"(evaluator import inspectors) — unknown inspector '{inspector_text}':"
                " import the inspectors first (evaluator import inspectors)",
            )
        code_text = v.get("tambon_code", "")
        code = tambon_code_of(code_text)
        tambon = ctx.tambons.get(code) if code else None
        if code is None:
            check.problem(
                n,
                "tambon_code",
                f"รหัสตำบล '{code_text}' ต้องเป็นตัวเลข 6 หลัก"
                f" — tambon code '{code_text}' must be 6 digits"
                if code_text
                else "ไม่มีรหัสตำบล — the tambon code is empty",
            )
        elif tambon is None:
            check.problem(
                n,
                "tambon_code",
                f"ตำบล {code} ไม่อยู่ในรายชื่อตำบลเป้าหมาย นำเข้าข้อมูลพื้นที่ก่อน "
                f"(evaluator import geography) — tambon {code} is not a target tambon: import"
                " the geography first (evaluator import geography)",
            )
        if not check.row_ok() or rnd is None or inspector is None or code is None:
            continue
        assert tambon is not None
        key = (rnd.id, inspector.id, code)
        if key in seen:
            check.warn(n, f"ซ้ำกับแถว {seen[key]} (นับครั้งเดียว) — same as row {seen[key]}")
            continue
        seen[key] = n
        tambon_name, province_code = tambon
        province = ctx.provinces.get(province_code)
        if province is not None and inspector.zone is not None and inspector.zone != province.zone:
            check.warn(
                n,
                f"{inspector.name} อยู่เขตตรวจราชการที่ {inspector.zone} แต่ตำบล{tambon_name} "
                f"({code}) อยู่เขตที่ {province.zone} — the inspector is outside the tambon's zone:"
                f" {inspector.name} is in zone {inspector.zone}, tambon {tambon_name} ({code}) in"
                f" zone {province.zone}",
            )
        if inspector.home_province == province_code and province is not None:
            check.warn(
                n,
                f"{inspector.name} มีภูมิลำเนาในจังหวัด{province.name_th} เดียวกับตำบล{tambon_name} "
                f"({code}) — conflict of interest: {inspector.name} comes from the province of"
                f" tambon {tambon_name} ({code}), {province.name_th}",
            )
        out.records.append(
            AssignmentRecord(n, rnd.id, rnd.code, inspector.id, inspector.name, code)
        )
    return out


# --- leaders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaderRecord:
    row: int
    tambon_code: str
    title: str
    first_name: str
    last_name: str
    position: str
    village: str
    phone: str

    @property
    def values(self) -> tuple[str, str, str, str, str, str]:
        return (
            self.title,
            self.first_name,
            self.last_name,
            self.position,
            self.village,
            self.phone,
        )


@dataclass
class LeaderCheck:
    by_tambon: dict[str, list[LeaderRecord]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_LEADER_LIMITS = (("title", 30), ("first_name", 100), ("last_name", 100), ("position", 200))


def check_leaders(table: Table, ctx: PeopleContext) -> LeaderCheck:
    """Check every row of a leaders table, grouped by tambon in file order; the same name twice
    in one tambon is an error, more than 15 leaders a warning."""
    out = LeaderCheck()
    names: dict[tuple[str, str], int] = {}
    check = RowCheck(table, out.problems, out.warnings)

    for n, v in check.rows():
        code_text = v.get("tambon_code", "")
        code = tambon_code_of(code_text)
        if code is None:
            check.problem(
                n,
                "tambon_code",
                f"รหัสตำบล '{code_text}' ต้องเป็นตัวเลข 6 หลัก"
                f" — tambon code '{code_text}' must be 6 digits"
                if code_text
                else "ไม่มีรหัสตำบล — the tambon code is empty",
            )
        elif code not in ctx.tambons:
            check.problem(
                n,
                "tambon_code",
                f"ตำบล {code} ไม่อยู่ในรายชื่อตำบลเป้าหมาย — tambon {code} is not a target tambon",
            )
        for name, limit in _LEADER_LIMITS:
            if len(v.get(name, "")) > limit:
                check.problem(n, name, f"ยาวเกิน {limit} ตัวอักษร — longer than {limit} characters")
        first, last = v.get("first_name", ""), v.get("last_name", "")
        if not first:
            check.problem(n, "first_name", "ไม่ได้ระบุชื่อ — the first name is empty")
        if not last:
            check.problem(n, "last_name", "ไม่ได้ระบุนามสกุล — the last name is empty")
        village = v.get("village", "")
        if len(village) > 100:
            check.problem(n, "village", "ยาวเกิน 100 ตัวอักษร — longer than 100 characters")
        phone = check_phone(v.get("phone", ""))
        if phone is None or len(phone) > 50:
            check.problem(
                n,
                "phone",
                f"'{v.get('phone')}' ไม่ใช่หมายเลขโทรศัพท์ — '{v.get('phone')}' is not a phone number",
            )
        if code is not None and first and last:
            key = (code, name_key(f"{first} {last}"))
            if key in names:
                check.problem(
                    n,
                    "first_name",
                    f"{first} {last} ซ้ำกับแถว {names[key]} ในตำบลเดียวกัน ({code}) "
                    f"— {first} {last} is already in row {names[key]} of the same tambon ({code})",
                )
            else:
                names[key] = n
        if not check.row_ok() or code is None or phone is None:
            continue
        out.by_tambon.setdefault(code, []).append(
            LeaderRecord(
                n, code, v.get("title", ""), first, last, v.get("position", ""), village, phone
            )
        )
    for code, records in out.by_tambon.items():
        if len(records) > LEADERS_PER_TAMBON:
            name = ctx.tambons[code][0]
            rows = f"{records[0].row}–{records[-1].row}"
            many = (
                f"ตำบล{name} ({code}) มีผู้นำ {len(records)} คน มากกว่า {LEADERS_PER_TAMBON} คน"
                f" (แถว {rows}) — tambon {name} ({code}) has {len(records)} leaders, more than"
                f" {LEADERS_PER_TAMBON} (rows {rows})"
            )
            out.warnings.append(str(Problem(many, table.file)))
    return out
