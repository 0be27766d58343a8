"""Excel scoresheets for inspectors without the app, as the desktop offers them: who may be sent
one (every inspector, or those of a zone), and a batch of workbooks, one per inspector, into a
folder. Each workbook is :func:`evaluator.sync.scoresheet.export_scoresheet`'s; importing one
back is :func:`evaluator.sync.scoresheet.import_scoresheet` (same checks, same merge rules).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.permissions import Action, UserInfo, require

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ScoresheetInspector:
    """An inspector who may be sent a scoresheet: their zones and how many assignments."""

    name: str
    zones: tuple[int, ...]
    assignments: int


def scoresheet_inspectors(
    db: Database, user: UserInfo, zone: int | None = None
) -> list[ScoresheetInspector]:
    """Every inspector (by name), or those of ``zone``: their own zone, or a zone where they
    have an assigned tambon."""
    require(user, Action.EXPORT_SCORESHEET)
    with db.transaction() as s:
        rows = s.execute(
            select(m.Inspector.name, m.Inspector.zone_number, m.Province.zone_number)
            .outerjoin(m.Assignment, m.Assignment.inspector_id == m.Inspector.id)
            .outerjoin(m.Tambon, m.Tambon.code == m.Assignment.tambon_code)
            .outerjoin(m.District, m.District.code == m.Tambon.district_code)
            .outerjoin(m.Province, m.Province.code == m.District.province_code)
        ).all()
        counts = {
            name: int(n)
            for name, n in s.execute(
                select(m.Inspector.name, func.count(m.Assignment.id))
                .outerjoin(m.Assignment, m.Assignment.inspector_id == m.Inspector.id)
                .group_by(m.Inspector.name)
            )
        }
    zones: dict[str, set[int]] = {}
    for name, own, assigned in rows:
        found = zones.setdefault(name, set())
        found.update(z for z in (own, assigned) if z is not None)
    out = [
        ScoresheetInspector(name, tuple(sorted(found)), int(counts.get(name, 0)))
        for name, found in zones.items()
        if zone is None or zone in found
    ]
    return sorted(out, key=lambda i: i.name)


def scoresheet_zones(db: Database) -> list[int]:
    """The zones that have an inspector (their own zone, or an assigned tambon there)."""
    with db.transaction() as s:
        found = s.scalars(
            select(m.Zone.number)
            .where(
                or_(
                    m.Zone.number.in_(select(m.Inspector.zone_number)),
                    m.Zone.number.in_(
                        select(m.Province.zone_number)
                        .join(m.District, m.District.province_code == m.Province.code)
                        .join(m.Tambon, m.Tambon.district_code == m.District.code)
                        .join(m.Assignment, m.Assignment.tambon_code == m.Tambon.code)
                    ),
                )
            )
            .order_by(m.Zone.number)
        ).all()
    return list(found)


def scoresheet_file_name(inspector: str) -> str:
    """A file name for an inspector's workbook (their name, with no path characters)."""
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "-" for ch in inspector).strip()
    return f"scoresheet_{safe or 'inspector'}.xlsx"


@dataclass
class ScoresheetBatch:
    """What a batch export wrote, and the inspectors it left out (with the reason)."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def lines(self) -> list[str]:
        out = [f"ส่งออกแบบประเมิน Excel {len(self.written)} ไฟล์ที่ {self.folder}"]
        out += [f"  {p.name}" for p in self.written]
        if self.cancelled:
            out.append("ยกเลิกแล้ว: ไฟล์ที่เขียนเสร็จอยู่ครบตามรายการข้างบน")
        return out

    def warnings(self) -> list[str]:
        return [f"{name}: {why}" for name, why in self.skipped]


def export_scoresheets(
    db: Database,
    user: UserInfo,
    inspectors: Sequence[str],
    folder: Path,
    *,
    round_code: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ScoresheetBatch:
    """One workbook per inspector into ``folder`` (``scoresheet_<name>.xlsx``); an inspector with
    nothing to score in an open round is listed as skipped, not an error."""
    from evaluator.sync.scoresheet import export_scoresheet

    require(user, Action.EXPORT_SCORESHEET)
    if not inspectors:
        raise InputError([Problem("ไม่มีผู้ประเมินที่จะส่งออก — no inspector chosen")])
    folder.mkdir(parents=True, exist_ok=True)
    batch = ScoresheetBatch(folder)
    report = progress or (lambda _d, _t, _x: None)
    stop = cancelled or (lambda: False)
    for done, name in enumerate(inspectors):
        if stop():
            batch.cancelled = True
            break
        report(done, len(inspectors), name)
        try:
            result = export_scoresheet(
                db, name, folder / scoresheet_file_name(name), round_code=round_code
            )
        except InputError as exc:
            batch.skipped.append((name, "; ".join(p.message for p in exc.problems)))
            continue
        batch.written.append(result.path)
    report(len(batch.written) + len(batch.skipped), len(inspectors), "")
    return batch


def export_one_scoresheet(
    db: Database, user: UserInfo, inspector: str, out: Path, *, round_code: str | None = None
) -> list[str]:
    """The workbook of one inspector at ``out``; the lines saying what was written."""
    from evaluator.sync.scoresheet import export_scoresheet

    require(user, Action.EXPORT_SCORESHEET)
    out.parent.mkdir(parents=True, exist_ok=True)
    return export_scoresheet(db, inspector, out, round_code=round_code).lines()
