"""Read-only facts of one tambon for its report (DESIGN.md section 7): its places and leaders
and, per round, its place in the ranking, the explanation, every inspector's sheet with scores
and notes, and the photos.

Rankings and explanations come from :mod:`evaluator.services.ranking` (never recomputed here);
the rubric from :mod:`evaluator.services.report_data`. Plain dataclasses out, never ORM objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.geography import zone_name
from evaluator.services import ranking as rs
from evaluator.services.report_data import CriterionHead, criteria_heads


@dataclass(frozen=True)
class SheetScore:
    criterion: str
    value: float | None
    note: str


@dataclass(frozen=True)
class PhotoRecord:
    id: int
    sheet_uuid: str
    inspector: str
    criterion: str | None
    filename: str
    mime_type: str
    caption: str
    data: bytes


@dataclass(frozen=True)
class SheetRecord:
    """One inspector's sheet of the tambon, with what the ranking made of it."""

    uuid: str
    inspector: str
    inspector_position: str
    status: str
    total: float | None
    counted: bool
    reason: str
    conflict_of_interest: bool
    note: str
    scores: tuple[SheetScore, ...]
    updated_at: datetime | None
    submitted_at: datetime | None
    conflict_of: str | None


@dataclass(frozen=True)
class TambonRound:
    """The tambon in one round: its place in the ranking, the explanation, its sheets."""

    round_code: str
    round_title: str
    finalised: bool
    result_hash: str | None
    entry: rs.RankedTambon
    explanation: rs.TambonExplanation
    sheets: tuple[SheetRecord, ...]
    photos: tuple[PhotoRecord, ...]


@dataclass(frozen=True)
class LeaderLine:
    name: str
    position: str


@dataclass(frozen=True)
class TambonReport:
    contest_code: str
    contest_title: str
    tambon_code: str
    tambon: str
    district: str
    province: str
    zone: int
    zone_name: str
    focus_village: str | None
    leaders: tuple[LeaderLine, ...]
    criteria: tuple[CriterionHead, ...]
    rounds: tuple[TambonRound, ...]


def tambon_report(
    db: Database, tambon_code: str, *, round_code: str | None = None, contest: str | None = None
) -> TambonReport:
    """A tambon's places and leaders and, for the named round (or every round in which it has a
    sheet; the first round when it has none), its ranking, explanation, sheets, notes, photos."""
    with db.transaction() as s:
        tambon = s.get(m.Tambon, tambon_code)
        if tambon is None:
            raise NotFoundError(f"ไม่พบตำบลรหัส {tambon_code} — no tambon {tambon_code}")
        district = tambon.district
        province = district.province
        zone = s.get(m.Zone, province.zone_number)
        leaders = tuple(
            LeaderLine(ld.full_name, ld.position)
            for ld in s.scalars(
                select(m.Leader).where(m.Leader.tambon_code == tambon_code).order_by(m.Leader.id)
            )
        )
        contest_query = select(m.Contest).order_by(m.Contest.id)
        if contest is not None:
            contest_query = contest_query.where(m.Contest.code == contest)
        elif round_code is not None:
            contest_query = contest_query.join(m.Round).where(m.Round.code == round_code)
        the_contest = s.scalars(contest_query).first()
        if the_contest is None:
            raise NotFoundError(
                f"ไม่พบรอบ '{round_code}' — no round '{round_code}'"
                if round_code
                else "ยังไม่มีการประกวดในฐานข้อมูล — no contest"
            )
        rounds = list(
            s.scalars(
                select(m.Round)
                .where(m.Round.contest_id == the_contest.id)
                .order_by(m.Round.position, m.Round.id)
            )
        )
        if round_code is not None:
            chosen = [r for r in rounds if r.code == round_code]
            if not chosen:
                raise NotFoundError(f"ไม่พบรอบ '{round_code}' — no round '{round_code}'")
        else:
            with_sheets = set(
                s.scalars(
                    select(m.Sheet.round_id).where(m.Sheet.tambon_code == tambon_code).distinct()
                )
            )
            chosen = [r for r in rounds if r.id in with_sheets] or rounds[:1]
        picked = [(r.code, r.title or r.code, r.id) for r in chosen]
        place = (
            tambon.name_th,
            district.name_th,
            province.name_th,
            province.zone_number,
            zone.name if zone else zone_name(province.zone_number),
            tambon.focus_village,
        )
        contest_code, contest_title = the_contest.code, the_contest.title
    criteria = criteria_heads(db, contest_code)
    order = [c.code for c in criteria]
    reports = tuple(
        _tambon_round(db, contest_code, order, (code, title, round_id), tambon_code)
        for code, title, round_id in picked
    )
    return TambonReport(
        contest_code=contest_code,
        contest_title=contest_title,
        tambon_code=tambon_code,
        tambon=place[0],
        district=place[1],
        province=place[2],
        zone=place[3],
        zone_name=place[4],
        focus_village=place[5],
        leaders=leaders,
        criteria=criteria,
        rounds=reports,
    )


def _tambon_round(
    db: Database,
    contest_code: str,
    order: list[str],
    the_round: tuple[str, str, int],
    tambon_code: str,
) -> TambonRound:
    """The tambon in one round (code, title, id); ``order``: the criteria codes in rubric order."""
    round_code, title, round_id = the_round
    ranking = rs.rank_round(db, round_code, contest=contest_code)
    entry = ranking.entry(tambon_code)
    explanation = rs.explain_tambon(db, round_code, tambon_code, contest=contest_code)
    verdicts = {d.sheet: d for d in explanation.sheet_details}
    with db.transaction() as s:
        codes: dict[int, str] = {
            cid: code for cid, code in s.execute(select(m.Criterion.id, m.Criterion.code))
        }
        rows = s.execute(
            select(m.Sheet, m.Inspector.name, m.Inspector.position)
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .where(m.Sheet.round_id == round_id, m.Sheet.tambon_code == tambon_code)
            .order_by(m.Sheet.conflict_of.is_not(None), m.Inspector.name, m.Sheet.id)
        ).all()
        sheet_ids = [sheet.id for sheet, _, _ in rows]
        scores: dict[int, dict[str, m.Score]] = defaultdict(dict)
        if sheet_ids:
            for score in s.scalars(select(m.Score).where(m.Score.sheet_id.in_(sheet_ids))):
                scores[score.sheet_id][codes.get(score.criterion_id, "?")] = score
        sheets = []
        uuid_of = {}
        inspector_of = {}
        for sheet, inspector, position in rows:
            uuid_of[sheet.id] = sheet.uuid
            inspector_of[sheet.id] = inspector
            verdict = verdicts.get(sheet.uuid)
            own = scores.get(sheet.id, {})
            sheets.append(
                SheetRecord(
                    uuid=sheet.uuid,
                    inspector=inspector,
                    inspector_position=position or "",
                    status=str(sheet.status),
                    total=verdict.total if verdict else None,
                    counted=verdict.counted if verdict else False,
                    reason=verdict.reason if verdict else "",
                    conflict_of_interest=verdict.conflict_of_interest if verdict else False,
                    note=sheet.note or "",
                    scores=tuple(
                        SheetScore(
                            code,
                            own[code].value if code in own else None,
                            own[code].note if code in own else "",
                        )
                        for code in order
                    ),
                    updated_at=sheet.updated_at,
                    submitted_at=sheet.submitted_at,
                    conflict_of=sheet.conflict_of,
                )
            )
        photos = []
        if sheet_ids:
            for p in s.scalars(
                select(m.Photo).where(m.Photo.sheet_id.in_(sheet_ids)).order_by(m.Photo.id)
            ):
                photos.append(
                    PhotoRecord(
                        id=p.id,
                        sheet_uuid=uuid_of[p.sheet_id],
                        inspector=inspector_of[p.sheet_id],
                        criterion=codes.get(p.criterion_id) if p.criterion_id else None,
                        filename=p.filename,
                        mime_type=p.mime_type,
                        caption=p.caption or "",
                        data=bytes(p.data),
                    )
                )
    return TambonRound(
        round_code=round_code,
        round_title=title,
        finalised=ranking.finalised,
        result_hash=ranking.result_hash,
        entry=entry,
        explanation=explanation,
        sheets=tuple(sheets),
        photos=tuple(photos),
    )
