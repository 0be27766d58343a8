"""The ORM's mapped classes, one for each table of :mod:`evaluator.db.schema` (where the tables
are defined, once), with their relationships.

Use them through :mod:`evaluator.db.models`, which builds them the first time one is asked for:
SQLAlchemy's ORM and the mapping of these classes are about a fifth of the app's start, and the
start reads its first window's data with the tables alone (docs/architecture.md, Storage).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from evaluator.db import schema
from evaluator.db.schema import Role, SheetStatus


class Base(DeclarativeBase):
    metadata = schema.metadata


# --- geography -------------------------------------------------------------------------------


class Zone(Base):
    """An inspection zone (เขตตรวจราชการ), 1 to 18."""

    __table__ = schema.zones

    number: Mapped[int]
    name: Mapped[str]

    provinces: Mapped[list[Province]] = relationship(back_populates="zone")


class Province(Base):
    """A province (จังหวัด), keyed by its 2-digit DOPA code."""

    __table__ = schema.provinces

    code: Mapped[str]
    name_th: Mapped[str]
    name_en: Mapped[str]
    zone_number: Mapped[int]

    zone: Mapped[Zone] = relationship(back_populates="provinces")
    districts: Mapped[list[District]] = relationship(back_populates="province")


class District(Base):
    """A district (อำเภอ), keyed by its 4-digit DOPA code."""

    __table__ = schema.districts

    code: Mapped[str]
    name_th: Mapped[str]
    name_en: Mapped[str]
    province_code: Mapped[str]

    province: Mapped[Province] = relationship(back_populates="districts")
    tambons: Mapped[list[Tambon]] = relationship(back_populates="district")


class Tambon(Base):
    """A target tambon (ตำบลเป้าหมาย), keyed by its 6-digit DOPA code."""

    __table__ = schema.tambons

    code: Mapped[str]
    name_th: Mapped[str]
    name_en: Mapped[str]
    district_code: Mapped[str]
    focus_village: Mapped[str | None]

    district: Mapped[District] = relationship(back_populates="tambons")
    villages: Mapped[list[Village]] = relationship(back_populates="tambon")
    leaders: Mapped[list[Leader]] = relationship(back_populates="tambon")


class Village(Base):
    """A village (หมู่บ้าน) of a tambon; one of them is the focus village."""

    __table__ = schema.villages

    id: Mapped[int]
    tambon_code: Mapped[str]
    moo: Mapped[int]
    name_th: Mapped[str]
    is_focus: Mapped[bool]

    tambon: Mapped[Tambon] = relationship(back_populates="villages")


class Leader(Base):
    """A change leader (ผู้นำการเปลี่ยนแปลง), one of the 15 of a tambon."""

    __table__ = schema.leaders

    id: Mapped[int]
    tambon_code: Mapped[str]
    title: Mapped[str]
    first_name: Mapped[str]
    last_name: Mapped[str]
    position: Mapped[str]
    village: Mapped[str]
    phone: Mapped[str]

    tambon: Mapped[Tambon] = relationship(back_populates="leaders")

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"


# --- people ----------------------------------------------------------------------------------


class Inspector(Base):
    """An inspector (ผู้ประเมิน); the home province is used to flag conflicts of interest."""

    __table__ = schema.inspectors

    id: Mapped[int]
    name: Mapped[str]
    zone_number: Mapped[int | None]
    home_province_code: Mapped[str | None]
    position: Mapped[str]
    phone: Mapped[str]
    email: Mapped[str]
    public_key: Mapped[bytes | None]
    created_at: Mapped[datetime]


class User(Base):
    """Somebody who uses this copy of the program, with the role that limits what they may do.

    ``login`` (unique, normalised: :func:`evaluator.accounts.normalise_login`) is what they type
    and what the audit log names; ``name`` is their display name in Thai. ``password_hash`` is an
    Argon2id hash (never the password); None means no password is set yet, and nobody can sign
    in as that user until an admin sets one. ``failed_logins`` counts failed sign-ins in a row;
    after several, ``locked_until`` refuses even the right password until that time.
    """

    __table__ = schema.users

    id: Mapped[int]
    login: Mapped[str]
    name: Mapped[str]
    role: Mapped[Role]
    inspector_id: Mapped[int | None]
    password_hash: Mapped[str | None]
    must_change_password: Mapped[bool]
    disabled: Mapped[bool]
    failed_logins: Mapped[int]
    locked_until: Mapped[datetime | None]


# --- contest ---------------------------------------------------------------------------------


class Contest(Base):
    """A contest: its rubric (criteria) and its award rounds."""

    __table__ = schema.contests

    id: Mapped[int]
    code: Mapped[str]
    title: Mapped[str]
    rubric_version: Mapped[int]
    settings: Mapped[dict[str, object]]

    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="contest", order_by="Criterion.position"
    )
    rounds: Mapped[list[Round]] = relationship(back_populates="contest", order_by="Round.position")


class Criterion(Base):
    """A rubric line (เกณฑ์): a score from 0 to max_score, weighted; weights sum to 100."""

    __table__ = schema.criteria

    id: Mapped[int]
    contest_id: Mapped[int]
    code: Mapped[str]
    position: Mapped[int]
    title: Mapped[str]
    description: Mapped[str]
    max_score: Mapped[float]
    weight: Mapped[float]

    contest: Mapped[Contest] = relationship(back_populates="criteria")
    levels: Mapped[list[CriterionLevel]] = relationship(
        back_populates="criterion", order_by="CriterionLevel.min_score", cascade="all"
    )


class CriterionLevel(Base):
    """The description of one score band of a criterion (e.g. 0-3: เริ่มต้น)."""

    __table__ = schema.criterion_levels

    id: Mapped[int]
    criterion_id: Mapped[int]
    min_score: Mapped[float]
    max_score: Mapped[float]
    label: Mapped[str]
    description: Mapped[str]

    criterion: Mapped[Criterion] = relationship(back_populates="levels")


class Round(Base):
    """An award round (รอบ / ระดับรางวัล) with its quota and ranking rules."""

    __table__ = schema.rounds

    id: Mapped[int]
    contest_id: Mapped[int]
    code: Mapped[str]
    position: Mapped[int]
    title: Mapped[str]
    prize_baht: Mapped[int]
    winners_per_zone: Mapped[int | None]
    winners: Mapped[int | None]
    min_sheets: Mapped[int]
    min_score: Mapped[float]
    aggregation: Mapped[str]
    tie_break: Mapped[list[str]]
    eligible_from: Mapped[str | None]
    finalised_at: Mapped[datetime | None]
    finalised_by: Mapped[str | None]
    result_json: Mapped[str | None]
    result_hash: Mapped[str | None]

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

    __table__ = schema.tie_decisions

    id: Mapped[int]
    round_id: Mapped[int]
    zone: Mapped[int]
    tambons: Mapped[list[str]]
    winners: Mapped[list[str]]
    reason: Mapped[str]
    decided_by: Mapped[str]
    decided_at: Mapped[datetime]


class Signatory(Base):
    """Who signs the certificates (ผู้ลงนาม), with a scanned signature image."""

    __table__ = schema.signatories

    id: Mapped[int]
    name: Mapped[str]
    position: Mapped[str]
    signature_png: Mapped[bytes | None]
    active: Mapped[bool]


# --- evaluation ------------------------------------------------------------------------------


class Assignment(Base):
    """An inspector is to score a tambon in a round."""

    __table__ = schema.assignments

    id: Mapped[int]
    round_id: Mapped[int]
    inspector_id: Mapped[int]
    tambon_code: Mapped[str]


class Sheet(Base):
    """One inspector's scores for one tambon in one round (แบบประเมิน).

    ``version`` grows with every saved change; ``base_version`` is the version an edit started
    from, which lets a merge tell a newer edit from a conflicting one.
    """

    __table__ = schema.sheets

    id: Mapped[int]
    uuid: Mapped[str]
    round_id: Mapped[int]
    inspector_id: Mapped[int]
    tambon_code: Mapped[str]
    status: Mapped[SheetStatus]
    version: Mapped[int]
    base_version: Mapped[int]
    note: Mapped[str]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    conflict_of: Mapped[str | None]

    inspector: Mapped[Inspector] = relationship()
    tambon: Mapped[Tambon] = relationship()
    round: Mapped[Round] = relationship()
    scores: Mapped[list[Score]] = relationship(back_populates="sheet", cascade="all, delete-orphan")
    photos: Mapped[list[Photo]] = relationship(back_populates="sheet", cascade="all, delete-orphan")


class Score(Base):
    """The score of one criterion on one sheet, with the inspector's note."""

    __table__ = schema.scores

    id: Mapped[int]
    sheet_id: Mapped[int]
    criterion_id: Mapped[int]
    value: Mapped[float]
    note: Mapped[str]

    sheet: Mapped[Sheet] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()


class Photo(Base):
    """Photo evidence attached to a sheet (optionally to one criterion), kept by content hash."""

    __table__ = schema.photos

    id: Mapped[int]
    sheet_id: Mapped[int]
    criterion_id: Mapped[int | None]
    sha256: Mapped[str]
    filename: Mapped[str]
    mime_type: Mapped[str]
    caption: Mapped[str]
    data: Mapped[bytes]
    created_at: Mapped[datetime]

    sheet: Mapped[Sheet] = relationship(back_populates="photos")


class Lesson(Base):
    """The lessons learned (ถอดบทเรียน) an inspector wrote on a sheet about its tambon: good
    practices, success factors, obstacles and how they were overcome, what another tambon can
    copy, and the focus village's results (``evaluator/lesson_fields.py`` names them).

    ``spread_by``/``spread_at``/``spread_note``: the committee's mark that the practice is worth
    spreading (None while unmarked). The row belongs to its sheet: it travels in packages and
    scoresheets with it, and the sheet's audit seal covers it.
    """

    __table__ = schema.lessons

    id: Mapped[int]
    sheet_id: Mapped[int]
    good_practices: Mapped[str]
    success_factors: Mapped[str]
    obstacles: Mapped[str]
    transferable: Mapped[str]
    village_results: Mapped[str]
    updated_at: Mapped[datetime]
    spread_by: Mapped[str | None]
    spread_at: Mapped[datetime | None]
    spread_note: Mapped[str]


# --- integrity -------------------------------------------------------------------------------


class AuditEntry(Base):
    """One append-only, hash-chained record of a change: who, when, from where, old, new, why."""

    __table__ = schema.audit_log

    id: Mapped[int]
    at: Mapped[datetime]
    actor: Mapped[str]
    source: Mapped[str]
    action: Mapped[str]
    entity: Mapped[str]
    entity_key: Mapped[str]
    old: Mapped[str | None]
    new: Mapped[str | None]
    reason: Mapped[str]
    prev_hash: Mapped[str]
    hash: Mapped[str]


class AuditHead(Base):
    """The head of the audit chain, one row (id 1): how many entries, the last one's id and hash.

    Every append updates it first, in the same transaction, which serialises appends on both
    engines (SQLite's write lock, PostgreSQL's row lock): the chain cannot fork.
    """

    __table__ = schema.audit_head

    id: Mapped[int]
    entries: Mapped[int]
    last_id: Mapped[int | None]
    hash: Mapped[str]


class ImportRecord(Base):
    """A file that was imported (package, scores, geography), by content hash, and what it did."""

    __table__ = schema.imports

    id: Mapped[int]
    kind: Mapped[str]
    filename: Mapped[str]
    sha256: Mapped[str]
    imported_at: Mapped[datetime]
    actor: Mapped[str]
    summary: Mapped[dict[str, object]]


class CertificateRecord(Base):
    """A certificate that was issued (the register the verification page carries): looked up by
    the short code printed on it, which is derived from the signature of its sealed facts."""

    __table__ = schema.certificate_register

    id: Mapped[int]
    code: Mapped[str]
    contest_code: Mapped[str]
    round_code: Mapped[str]
    kind: Mapped[str]
    tambon_code: Mapped[str]
    leader_number: Mapped[int | None]
    recipient: Mapped[str]
    award: Mapped[str]
    zone: Mapped[int | None]
    prize_baht: Mapped[int]
    issued_on: Mapped[str]
    result_hash: Mapped[str | None]
    draft: Mapped[bool]
    seal: Mapped[str]
    signer_sha256: Mapped[str]
    issued_at: Mapped[datetime]
    issued_by: Mapped[str]
