"""The tables of the whole domain (DESIGN.md section 3), defined once, as SQLAlchemy Core
``Table`` objects: every column with its type, default, key, index and constraint.

The ORM's classes (:mod:`evaluator.db.mapped`) are mapped onto these tables and add only their
relationships; the program reaches both through :mod:`evaluator.db.models`. What must be quick
(the app's start: the schema and zone check, the sign-in's list of users, the first view's
figures) reads these tables with Core statements, which need neither the ORM nor the mapped
classes. Every table is created by the Alembic migrations in ``evaluator/db/migrations``; a
change here needs a new migration (``make migration``), and ``tests/evaluator/test_schema.py``
checks that the two agree.
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
    Column,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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


metadata = MetaData(naming_convention=NAMING)


class SheetStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    LOCKED = "locked"


class Role(enum.StrEnum):
    INSPECTOR = "inspector"
    COMMITTEE = "committee"
    ADMIN = "admin"


def _login_from_name(context: Any) -> str:
    """A user stored without a login gets their name as one (normalised like every login)."""
    return name_key(str(context.get_current_parameters()["name"]))[:64]


# --- geography -------------------------------------------------------------------------------

zones = Table(
    "zones",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("name", String(100), nullable=False),
)


provinces = Table(
    "provinces",
    metadata,
    Column("code", String(2), primary_key=True),
    Column("name_th", String(100), nullable=False, unique=True),
    Column("name_en", String(100), nullable=False, default=""),
    Column("zone_number", ForeignKey("zones.number"), nullable=False, index=True),
)


districts = Table(
    "districts",
    metadata,
    Column("code", String(4), primary_key=True),
    Column("name_th", String(100), nullable=False),
    Column("name_en", String(100), nullable=False, default=""),
    Column("province_code", ForeignKey("provinces.code"), nullable=False, index=True),
)


tambons = Table(
    "tambons",
    metadata,
    Column("code", String(6), primary_key=True),
    Column("name_th", String(100), nullable=False),
    Column("name_en", String(100), nullable=False, default=""),
    Column("district_code", ForeignKey("districts.code"), nullable=False, index=True),
    Column("focus_village", String(100)),
)


villages = Table(
    "villages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tambon_code", ForeignKey("tambons.code"), nullable=False, index=True),
    Column("moo", Integer, nullable=False),
    Column("name_th", String(100), nullable=False),
    Column("is_focus", Boolean, nullable=False, default=False),
    UniqueConstraint("tambon_code", "moo"),
)


leaders = Table(
    "leaders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tambon_code", ForeignKey("tambons.code"), nullable=False, index=True),
    Column("title", String(30), nullable=False, default=""),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("position", String(200), nullable=False, default=""),
    Column("village", String(100), nullable=False, default=""),
    Column("phone", String(50), nullable=False, default=""),
)


# --- people ----------------------------------------------------------------------------------

inspectors = Table(
    "inspectors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("zone_number", ForeignKey("zones.number")),
    Column("home_province_code", ForeignKey("provinces.code")),
    Column("position", String(200), nullable=False, default=""),
    Column("phone", String(50), nullable=False, default=""),
    Column("email", String(200), nullable=False, default=""),
    Column("public_key", LargeBinary),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False, unique=True, default=_login_from_name),
    Column("name", String(200), nullable=False),
    Column(
        "role", Enum(Role, native_enum=False, length=20, values_callable=_values), nullable=False
    ),
    Column("inspector_id", ForeignKey("inspectors.id")),
    Column("password_hash", String(255)),
    Column("must_change_password", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
)


# --- contest ---------------------------------------------------------------------------------

contests = Table(
    "contests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(50), nullable=False, unique=True),
    Column("title", String(300), nullable=False),
    Column("rubric_version", Integer, nullable=False, default=1),
    Column("settings", JSON, nullable=False, default=dict),
)


criteria = Table(
    "criteria",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contest_id", ForeignKey("contests.id"), nullable=False, index=True),
    Column("code", String(20), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("title", String(300), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("max_score", Float, nullable=False),
    Column("weight", Float, nullable=False),
    UniqueConstraint("contest_id", "code"),
    CheckConstraint("max_score > 0", name="max_score_positive"),
    CheckConstraint("weight >= 0", name="weight_not_negative"),
)


criterion_levels = Table(
    "criterion_levels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("criterion_id", ForeignKey("criteria.id"), nullable=False, index=True),
    Column("min_score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("label", String(100), nullable=False),
    Column("description", Text, nullable=False, default=""),
)


rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contest_id", ForeignKey("contests.id"), nullable=False, index=True),
    Column("code", String(50), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("title", String(300), nullable=False, default=""),
    Column("prize_baht", Integer, nullable=False, default=0),
    Column("winners_per_zone", Integer),
    Column("winners", Integer),
    Column("min_sheets", Integer, nullable=False, default=1),
    Column("min_score", Float, nullable=False, default=0.0),
    Column("aggregation", String(20), nullable=False, default="mean"),
    Column("tie_break", JSON, nullable=False, default=list),
    Column("eligible_from", String(50)),
    Column("finalised_at", DateTime(timezone=True)),
    Column("finalised_by", String(200)),
    Column("result_json", Text),
    Column("result_hash", String(64)),
    UniqueConstraint("contest_id", "code"),
)


tie_decisions = Table(
    "tie_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False, index=True),
    Column("zone", Integer, nullable=False, default=0),
    Column("tambons", JSON, nullable=False, default=list),
    Column("winners", JSON, nullable=False, default=list),
    Column("reason", Text, nullable=False, default=""),
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False, default=utcnow),
)


signatories = Table(
    "signatories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("position", String(300), nullable=False),
    Column("signature_png", LargeBinary),
    Column("active", Boolean, nullable=False, default=True),
)


# --- evaluation ------------------------------------------------------------------------------

assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("rounds.id"), nullable=False, index=True),
    Column("inspector_id", ForeignKey("inspectors.id"), nullable=False, index=True),
    Column("tambon_code", ForeignKey("tambons.code"), nullable=False, index=True),
    UniqueConstraint("round_id", "inspector_id", "tambon_code"),
)


sheets = Table(
    "sheets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), nullable=False, unique=True, default=new_uuid),
    Column("round_id", ForeignKey("rounds.id"), nullable=False, index=True),
    Column("inspector_id", ForeignKey("inspectors.id"), nullable=False, index=True),
    Column("tambon_code", ForeignKey("tambons.code"), nullable=False, index=True),
    Column(
        "status",
        Enum(SheetStatus, native_enum=False, length=20, values_callable=_values),
        nullable=False,
        default=SheetStatus.DRAFT,
    ),
    Column("version", Integer, nullable=False, default=1),
    Column("base_version", Integer, nullable=False, default=0),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("submitted_at", DateTime(timezone=True)),
    Column("conflict_of", String(36), index=True),
    CheckConstraint("version >= 1", name="version_positive"),
)


scores = Table(
    "scores",
    metadata,
    Column("id", Integer, primary_key=True),
    # looked up through the unique (sheet_id, criterion_id) index: no index of its own
    Column("sheet_id", ForeignKey("sheets.id", ondelete="CASCADE"), nullable=False),
    Column("criterion_id", ForeignKey("criteria.id"), nullable=False, index=True),
    Column("value", Float, nullable=False),
    Column("note", Text, nullable=False, default=""),
    UniqueConstraint("sheet_id", "criterion_id"),
    CheckConstraint("value >= 0", name="value_not_negative"),
)


photos = Table(
    "photos",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sheet_id", ForeignKey("sheets.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("criterion_id", ForeignKey("criteria.id")),
    Column("sha256", String(64), nullable=False, index=True),
    Column("filename", String(300), nullable=False),
    Column("mime_type", String(100), nullable=False, default="image/jpeg"),
    Column("caption", Text, nullable=False, default=""),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
)


lessons = Table(
    "lessons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "sheet_id",
        ForeignKey("sheets.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
        index=True,
    ),
    Column("good_practices", Text, nullable=False, default=""),
    Column("success_factors", Text, nullable=False, default=""),
    Column("obstacles", Text, nullable=False, default=""),
    Column("transferable", Text, nullable=False, default=""),
    Column("village_results", Text, nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("spread_by", String(200)),
    Column("spread_at", DateTime(timezone=True)),
    Column("spread_note", Text, nullable=False, default=""),
)


# --- integrity -------------------------------------------------------------------------------

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False),
    Column("source", String(30), nullable=False),
    Column("action", String(50), nullable=False),
    Column("entity", String(50), nullable=False),
    Column("entity_key", String(100), nullable=False, index=True),
    Column("old", Text),
    Column("new", Text),
    Column("reason", Text, nullable=False, default=""),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),  # no index: nothing looks an entry up by it
)

# the log's search index on SQLite (evaluator/services/audit_search.py): a cache beside the
# schema, made and filled at run time, never by a migration (FTS5 keeps its own shadow tables)
AUDIT_SEARCH_TABLE = "audit_text"


def is_derived(name: str) -> bool:
    """Whether a table found in a database is a cache beside the schema, not part of it."""
    return name == AUDIT_SEARCH_TABLE or name.startswith(f"{AUDIT_SEARCH_TABLE}_")


def in_migrations(_object: object, name: str | None, kind: str, *_args: object) -> bool:
    """Alembic's ``include_object``: comparing a database with the schema (autogenerate) leaves
    the caches beside it alone."""
    return not (kind == "table" and name is not None and is_derived(name))


audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("entries", Integer, nullable=False),
    Column("last_id", Integer),
    Column("hash", String(64), nullable=False),
)


imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("filename", String(500), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("imported_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False, default=""),
    Column("summary", JSON, nullable=False, default=dict),
)


certificate_register = Table(
    "certificate_register",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(20), nullable=False, unique=True),
    Column("contest_code", String(50), nullable=False),
    Column("round_code", String(50), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("tambon_code", String(10), nullable=False, index=True),
    Column("leader_number", Integer),
    Column("recipient", String(300), nullable=False),
    Column("award", String(300), nullable=False),
    Column("zone", Integer),
    Column("prize_baht", Integer, nullable=False, default=0),
    Column("issued_on", String(10), nullable=False),  # ISO date given on the certificate
    Column("result_hash", String(64)),
    Column("draft", Boolean, nullable=False, default=False),
    Column("seal", Text, nullable=False),  # the QR code's fragment: facts and signature
    Column("signer_sha256", String(64), nullable=False, default=""),
    Column("issued_at", DateTime(timezone=True), nullable=False, default=utcnow),
    Column("issued_by", String(200), nullable=False, default=""),
)
