"""The storage model of the whole domain (DESIGN.md section 3), as SQLAlchemy 2 typed classes.

Every table is created by the Alembic migrations in ``evaluator/db/migrations``; a change here
needs a new migration (``make migration``).
"""

from __future__ import annotations

import enum
import secrets
import threading
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from evaluator.text import name_key

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _values(enum_type: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_type]


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


_UUID_LOCK = threading.Lock()
_uuid_clock = [0, 0]  # the last UUID's millisecond and counter


def new_uuid() -> str:
    """A fresh UUID as text: version 7 (RFC 9562), the Unix time in milliseconds, then a 74-bit
    counter seeded at random each millisecond and counted up within it (74 random bits for the
    first of each millisecond).

    Later UUIDs sort after earlier ones, so the indexes keyed by a sheet's uuid (its own, and
    the audit log's entity keys ``uuid/…``) grow at one end when thousands of sheets are made at
    once instead of taking inserts all over (a score table of 200,000 rows makes 67,000
    sheets and 400,000 log entries)."""
    with _UUID_LOCK:
        ms = time.time_ns() // 1_000_000
        last_ms, counter = _uuid_clock
        if ms > last_ms:
            counter = secrets.randbits(73)  # half the counter's room left to count up
        else:
            ms, counter = last_ms, counter + 1
        _uuid_clock[:] = [ms, counter]
    value = (
        (ms & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76
        | (counter >> 62) << 64
        | 0b10 << 62
        | counter & 0x3FFF_FFFF_FFFF_FFFF
    )
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SheetStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    LOCKED = "locked"


class Role(enum.StrEnum):
    INSPECTOR = "inspector"
    COMMITTEE = "committee"
    ADMIN = "admin"


# --- geography -------------------------------------------------------------------------------


class Zone(Base):
    """An inspection zone (เขตตรวจราชการ), 1 to 18."""

    __tablename__ = "zones"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(100))

    provinces: Mapped[list[Province]] = relationship(back_populates="zone")


class Province(Base):
    """A province (จังหวัด), keyed by its 2-digit DOPA code."""

    __tablename__ = "provinces"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str] = mapped_column(String(100), default="")
    zone_number: Mapped[int] = mapped_column(ForeignKey("zones.number"), index=True)

    zone: Mapped[Zone] = relationship(back_populates="provinces")
    districts: Mapped[list[District]] = relationship(back_populates="province")


class District(Base):
    """A district (อำเภอ), keyed by its 4-digit DOPA code."""

    __tablename__ = "districts"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)

    province: Mapped[Province] = relationship(back_populates="districts")
    tambons: Mapped[list[Tambon]] = relationship(back_populates="district")


class Tambon(Base):
    """A target tambon (ตำบลเป้าหมาย), keyed by its 6-digit DOPA code."""

    __tablename__ = "tambons"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), index=True)
    focus_village: Mapped[str | None] = mapped_column(String(100), default=None)

    district: Mapped[District] = relationship(back_populates="tambons")
    villages: Mapped[list[Village]] = relationship(back_populates="tambon")
    leaders: Mapped[list[Leader]] = relationship(back_populates="tambon")


class Village(Base):
    """A village (หมู่บ้าน) of a tambon; one of them is the focus village."""

    __tablename__ = "villages"
    __table_args__ = (UniqueConstraint("tambon_code", "moo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tambon_code: Mapped[str] = mapped_column(ForeignKey("tambons.code"), index=True)
    moo: Mapped[int] = mapped_column(Integer)
    name_th: Mapped[str] = mapped_column(String(100))
    is_focus: Mapped[bool] = mapped_column(Boolean, default=False)

    tambon: Mapped[Tambon] = relationship(back_populates="villages")


class Leader(Base):
    """A change leader (ผู้นำการเปลี่ยนแปลง), one of the 15 of a tambon."""

    __tablename__ = "leaders"

    id: Mapped[int] = mapped_column(primary_key=True)
    tambon_code: Mapped[str] = mapped_column(ForeignKey("tambons.code"), index=True)
    title: Mapped[str] = mapped_column(String(30), default="")
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    position: Mapped[str] = mapped_column(String(200), default="")
    village: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")

    tambon: Mapped[Tambon] = relationship(back_populates="leaders")

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"


# --- people ----------------------------------------------------------------------------------


class Inspector(Base):
    """An inspector (ผู้ประเมิน); the home province is used to flag conflicts of interest."""

    __tablename__ = "inspectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    zone_number: Mapped[int | None] = mapped_column(ForeignKey("zones.number"), default=None)
    home_province_code: Mapped[str | None] = mapped_column(
        ForeignKey("provinces.code"), default=None
    )
    position: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _login_from_name(context: Any) -> str:
    """A user stored without a login gets their name as one (normalised like every login)."""
    return name_key(str(context.get_current_parameters()["name"]))[:64]


class User(Base):
    """Somebody who uses this copy of the program, with the role that limits what they may do.

    ``login`` (unique, normalised: :func:`evaluator.accounts.normalise_login`) is what they type
    and what the audit log names; ``name`` is their display name in Thai. ``password_hash`` is an
    Argon2id hash (never the password); None means no password is set yet, and nobody can sign
    in as that user until an admin sets one. ``failed_logins`` counts failed sign-ins in a row;
    after several, ``locked_until`` refuses even the right password until that time.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True, default=_login_from_name)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=_values)
    )
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("inspectors.id"), default=None)
    password_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


# --- contest ---------------------------------------------------------------------------------


class Contest(Base):
    """A contest: its rubric (criteria) and its award rounds."""

    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    rubric_version: Mapped[int] = mapped_column(Integer, default=1)
    settings: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)

    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="contest", order_by="Criterion.position"
    )
    rounds: Mapped[list[Round]] = relationship(back_populates="contest", order_by="Round.position")


class Criterion(Base):
    """A rubric line (เกณฑ์): a score from 0 to max_score, weighted; weights sum to 100."""

    __tablename__ = "criteria"
    __table_args__ = (
        UniqueConstraint("contest_id", "code"),
        CheckConstraint("max_score > 0", name="max_score_positive"),
        CheckConstraint("weight >= 0", name="weight_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    max_score: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float)

    contest: Mapped[Contest] = relationship(back_populates="criteria")
    levels: Mapped[list[CriterionLevel]] = relationship(
        back_populates="criterion", order_by="CriterionLevel.min_score", cascade="all"
    )


class CriterionLevel(Base):
    """The description of one score band of a criterion (e.g. 0-3: เริ่มต้น)."""

    __tablename__ = "criterion_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"), index=True)
    min_score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")

    criterion: Mapped[Criterion] = relationship(back_populates="levels")


class Round(Base):
    """An award round (รอบ / ระดับรางวัล) with its quota and ranking rules."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("contest_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    code: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300), default="")
    prize_baht: Mapped[int] = mapped_column(Integer, default=0)
    winners_per_zone: Mapped[int | None] = mapped_column(Integer, default=None)
    winners: Mapped[int | None] = mapped_column(Integer, default=None)
    min_sheets: Mapped[int] = mapped_column(Integer, default=1)
    min_score: Mapped[float] = mapped_column(Float, default=0.0)
    aggregation: Mapped[str] = mapped_column(String(20), default="mean")
    tie_break: Mapped[list[str]] = mapped_column(JSON, default=list)
    eligible_from: Mapped[str | None] = mapped_column(String(50), default=None)
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    finalised_by: Mapped[str | None] = mapped_column(String(200), default=None)
    result_json: Mapped[str | None] = mapped_column(Text, default=None)
    result_hash: Mapped[str | None] = mapped_column(String(64), default=None)

    contest: Mapped[Contest] = relationship(back_populates="rounds")
    tie_decisions: Mapped[list[TieDecision]] = relationship(
        order_by="(TieDecision.decided_at, TieDecision.id)", viewonly=True
    )

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class TieDecision(Base):
    """The committee's decision on a tie at a round's cutoff: which of the tied tambons win.

    ``zone`` is the zone of a per-zone quota, 0 for a national one; ``tambons`` the whole tied
    group as it was when decided (the decision applies only while the tie is exactly that
    group); ``winners`` the chosen ones. A later decision on the same group replaces it.
    """

    __tablename__ = "tie_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    zone: Mapped[int] = mapped_column(Integer, default=0)
    tambons: Mapped[list[str]] = mapped_column(JSON, default=list)
    winners: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Signatory(Base):
    """Who signs the certificates (ผู้ลงนาม), with a scanned signature image."""

    __tablename__ = "signatories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300))
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --- evaluation ------------------------------------------------------------------------------


class Assignment(Base):
    """An inspector is to score a tambon in a round."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("round_id", "inspector_id", "tambon_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    inspector_id: Mapped[int] = mapped_column(ForeignKey("inspectors.id"), index=True)
    tambon_code: Mapped[str] = mapped_column(ForeignKey("tambons.code"), index=True)


class Sheet(Base):
    """One inspector's scores for one tambon in one round (แบบประเมิน).

    ``version`` grows with every saved change; ``base_version`` is the version an edit started
    from, which lets a merge tell a newer edit from a conflicting one.
    """

    __tablename__ = "sheets"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    inspector_id: Mapped[int] = mapped_column(ForeignKey("inspectors.id"), index=True)
    tambon_code: Mapped[str] = mapped_column(ForeignKey("tambons.code"), index=True)
    status: Mapped[SheetStatus] = mapped_column(
        Enum(SheetStatus, native_enum=False, length=20, values_callable=_values),
        default=SheetStatus.DRAFT,
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    conflict_of: Mapped[str | None] = mapped_column(String(36), default=None, index=True)

    inspector: Mapped[Inspector] = relationship()
    tambon: Mapped[Tambon] = relationship()
    round: Mapped[Round] = relationship()
    scores: Mapped[list[Score]] = relationship(back_populates="sheet", cascade="all, delete-orphan")
    photos: Mapped[list[Photo]] = relationship(back_populates="sheet", cascade="all, delete-orphan")


class Score(Base):
    """The score of one criterion on one sheet, with the inspector's note."""

    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("sheet_id", "criterion_id"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # looked up through the unique (sheet_id, criterion_id) index: no index of its own
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"), index=True)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    sheet: Mapped[Sheet] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()


class Photo(Base):
    """Photo evidence attached to a sheet (optionally to one criterion), kept by content hash."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("criteria.id"), default=None)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100), default="image/jpeg")
    caption: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sheet: Mapped[Sheet] = relationship(back_populates="photos")


class Lesson(Base):
    """The lessons learned (ถอดบทเรียน) an inspector wrote on a sheet about its tambon: good
    practices, success factors, obstacles and how they were overcome, what another tambon can
    copy, and the focus village's results (``evaluator/lesson_fields.py`` names them).

    ``spread_by``/``spread_at``/``spread_note``: the committee's mark that the practice is worth
    spreading (None while unmarked). The row belongs to its sheet: it travels in packages and
    scoresheets with it, and the sheet's audit seal covers it.
    """

    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("sheets.id", ondelete="CASCADE"), unique=True, index=True
    )
    good_practices: Mapped[str] = mapped_column(Text, default="")
    success_factors: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    transferable: Mapped[str] = mapped_column(Text, default="")
    village_results: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    spread_by: Mapped[str | None] = mapped_column(String(200), default=None)
    spread_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    spread_note: Mapped[str] = mapped_column(Text, default="")


# --- integrity -------------------------------------------------------------------------------


class AuditEntry(Base):
    """One append-only, hash-chained record of a change: who, when, from where, old, new, why."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_key: Mapped[str] = mapped_column(String(100), index=True)
    old: Mapped[str | None] = mapped_column(Text, default=None)
    new: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))  # no index: nothing looks an entry up by it


class AuditHead(Base):
    """The head of the audit chain, one row (id 1): how many entries, the last one's id and hash.

    Every append updates it first, in the same transaction, which serialises appends on both
    engines (SQLite's write lock, PostgreSQL's row lock): the chain cannot fork.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    entries: Mapped[int] = mapped_column(Integer)
    last_id: Mapped[int | None] = mapped_column(Integer, default=None)
    hash: Mapped[str] = mapped_column(String(64))


class ImportRecord(Base):
    """A file that was imported (package, scores, geography), by content hash, and what it did."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class CertificateRecord(Base):
    """A certificate that was issued (the register the verification page carries): looked up by
    the short code printed on it, which is derived from the signature of its sealed facts."""

    __tablename__ = "certificate_register"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    contest_code: Mapped[str] = mapped_column(String(50))
    round_code: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(10))
    tambon_code: Mapped[str] = mapped_column(String(10), index=True)
    leader_number: Mapped[int | None] = mapped_column(Integer, default=None)
    recipient: Mapped[str] = mapped_column(String(300))
    award: Mapped[str] = mapped_column(String(300))
    zone: Mapped[int | None] = mapped_column(Integer, default=None)
    prize_baht: Mapped[int] = mapped_column(Integer, default=0)
    issued_on: Mapped[str] = mapped_column(String(10))  # ISO date given on the certificate
    result_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    seal: Mapped[str] = mapped_column(Text)  # the QR code's fragment: facts and signature
    signer_sha256: Mapped[str] = mapped_column(String(64), default="")
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(200), default="")
