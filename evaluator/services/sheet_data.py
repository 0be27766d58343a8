"""The plain data of a scoring sheet and the steps every sheet service shares.

:mod:`evaluator.services.sheets` reads and changes sheets and
:mod:`evaluator.services.sheet_photos` their photos; both return the dataclasses below and check
a change with :func:`editable_sheet` (the user's right to the sheet, a round still open, a draft)
and record it with :func:`bump` (the sheet's new version).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from evaluator import audit
from evaluator.bands import band_index
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, NotFoundError, Problem
from evaluator.permissions import UserInfo, require_sheet_edit
from evaluator.services.rounds import ensure_round_open
from evaluator.services.sheet_status import COUNTED as COUNTED
from evaluator.services.sheet_status import sheet_total as sheet_total
from evaluator.services.users import user_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

STATUS_TITLES = {
    m.SheetStatus.DRAFT: "ร่าง",
    m.SheetStatus.SUBMITTED: "ส่งแล้ว",
    m.SheetStatus.LOCKED: "ปิดผลแล้ว",
}


# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelInfo:
    """One described score band of a criterion."""

    min_score: float
    max_score: float
    label: str
    description: str


@dataclass(frozen=True)
class CriterionEntry:
    """A criterion of the sheet's rubric with this sheet's score and note."""

    criterion_id: int
    code: str
    title: str
    description: str
    max_score: float
    weight: float
    levels: tuple[LevelInfo, ...]
    score: float | None
    note: str

    def level_of(self, value: float) -> LevelInfo | None:
        """The band that ``value`` falls in, if the rubric describes one (:mod:`evaluator.bands`:
        6–8 holds 6 up to but not 8; the last band holds max_score)."""
        i = band_index([(lv.min_score, lv.max_score) for lv in self.levels], value)
        return None if i is None else self.levels[i]


@dataclass(frozen=True)
class PhotoInfo:
    """A photo of a sheet, without its bytes (see :func:`.sheet_photos.photo_data`)."""

    id: int
    sheet_id: int
    criterion_id: int | None
    filename: str
    mime_type: str
    caption: str
    sha256: str
    size: int


@dataclass(frozen=True)
class SheetView:
    """Everything the scoring form shows of one sheet."""

    id: int
    uuid: str
    round_id: int
    round_code: str
    round_title: str
    round_final: bool
    contest_title: str
    tambon_code: str
    tambon: str
    district: str
    province: str
    zone: int
    inspector_id: int
    inspector: str
    status: m.SheetStatus
    version: int
    note: str
    updated_at: datetime
    submitted_at: datetime | None
    criteria: tuple[CriterionEntry, ...]
    photos: tuple[PhotoInfo, ...]
    editable: bool

    @property
    def missing(self) -> list[CriterionEntry]:
        """The criteria that have no score yet."""
        return [c for c in self.criteria if c.score is None]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def total(self) -> float | None:
        """Σ weight × score / max_score over the criteria (0–100); None while incomplete."""
        if not self.criteria or self.missing:
            return None
        return sheet_total([(c.weight, c.max_score, c.score or 0.0) for c in self.criteria])


@dataclass(frozen=True)
class SheetSummary:
    """One line of a list of sheets."""

    id: int
    round_code: str
    tambon_code: str
    tambon: str
    inspector_id: int
    inspector: str
    status: m.SheetStatus
    scored: int
    criteria: int
    total: float | None
    updated_at: datetime


@dataclass(frozen=True)
class Saved:
    """What a change left behind: the sheet's new version and status."""

    sheet_id: int
    version: int
    status: m.SheetStatus
    updated_at: datetime


@dataclass(frozen=True)
class RemovedPhoto:
    """A removed photo with its bytes, so that the removal can be undone."""

    info: PhotoInfo
    data: bytes


# --- shared by the sheet services -----------------------------------------------------------


def load_sheet(session: Session, sheet_id: int) -> m.Sheet:
    """The sheet by id; NotFoundError naming it when there is none."""
    sheet = session.get(m.Sheet, sheet_id)
    if sheet is None:
        raise NotFoundError(f"ไม่พบแบบประเมินหมายเลข {sheet_id} — no sheet {sheet_id}")
    return sheet


def ensure_open(session: Session, round_id: int, actor: str, attempted: str = "") -> None:
    """Refuse (and log the refusal of) any change to a finalised round."""
    ensure_round_open(session, round_id, actor, audit.Source.KEYBOARD, attempted=attempted)


def editable_sheet(session: Session, user: UserInfo, sheet_id: int) -> tuple[UserInfo, m.Sheet]:
    """The sheet, after checking the user may change it and that it can still change."""
    actor = user_in(session, user.id)
    sheet = load_sheet(session, sheet_id)
    require_sheet_edit(actor, sheet.inspector_id)
    ensure_open(session, sheet.round_id, actor.login, sheet.uuid)
    if sheet.status is m.SheetStatus.LOCKED:
        raise LockedError("แบบประเมินนี้ปิดผลแล้ว — this sheet is locked")
    if sheet.status is not m.SheetStatus.DRAFT:
        raise InputError(
            [
                Problem(
                    "แบบประเมินส่งแล้ว ต้องเปิดกลับเป็นร่างก่อนแก้ไข"
                    " — the sheet is submitted; reopen it as a draft to edit it"
                )
            ]
        )
    return actor, sheet


def bump(sheet: m.Sheet) -> Saved:
    """Count a change of the sheet: a new version and ``updated_at``."""
    sheet.version += 1
    sheet.updated_at = m.utcnow()
    return Saved(sheet.id, sheet.version, sheet.status, sheet.updated_at)


def sheet_criterion(session: Session, sheet: m.Sheet, criterion_id: int) -> m.Criterion:
    """A criterion of the sheet's rubric; NotFoundError for any other criterion."""
    criterion = session.get(m.Criterion, criterion_id)
    rnd = session.get(m.Round, sheet.round_id)
    if criterion is None or rnd is None or criterion.contest_id != rnd.contest_id:
        raise NotFoundError(
            f"เกณฑ์ {criterion_id} ไม่อยู่ในแบบประเมินนี้ — no such criterion on this sheet"
        )
    return criterion


def photo_info(photo: m.Photo, size: int) -> PhotoInfo:
    return PhotoInfo(
        id=photo.id,
        sheet_id=photo.sheet_id,
        criterion_id=photo.criterion_id,
        filename=photo.filename,
        mime_type=photo.mime_type,
        caption=photo.caption,
        sha256=photo.sha256,
        size=size,
    )


def photos_of(session: Session, sheet_ids: list[int]) -> dict[int, list[PhotoInfo]]:
    """The photos of some sheets (without their bytes), by sheet id."""
    from sqlalchemy.orm import defer  # the ORM comes after the first window (models.load)

    result: dict[int, list[PhotoInfo]] = {sid: [] for sid in sheet_ids}
    if not sheet_ids:
        return result
    rows = session.execute(
        select(m.Photo, func.length(m.Photo.data))
        .options(defer(m.Photo.data))
        .where(m.Photo.sheet_id.in_(sheet_ids))
        .order_by(m.Photo.id)
    ).all()
    for photo, size in rows:
        result[photo.sheet_id].append(photo_info(photo, int(size or 0)))
    return result


def criteria_of(session: Session, contest_id: int) -> list[m.Criterion]:
    """The rubric of a contest in its order."""
    return list(
        session.scalars(
            select(m.Criterion)
            .where(m.Criterion.contest_id == contest_id)
            .order_by(m.Criterion.position, m.Criterion.id)
        )
    )
