"""Excel scoresheets for inspectors without the app: who may be sent one (every inspector, or
those of a zone), one workbook or a batch (one per inspector) into a folder, and importing a
filled one back (same checks and merge rules as a package, :func:`import_scoresheet`).

Exporting is the committee's or the admin's (``EXPORT_SCORESHEET``); importing is theirs too
(``IMPORT_PACKAGE``). The workbook itself is :mod:`evaluator.sync.scoresheet`'s.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, or_, select

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.locks import lock_rounds
from evaluator.errors import InputError, Problem
from evaluator.i18n import in_language
from evaluator.permissions import Action, UserInfo, require
from evaluator.progress import Cancelled, Progress
from evaluator.services import audit_key, checkpoints
from evaluator.services.package_text import RESULT, ImportResult
from evaluator.services.packages import file_sha256, previous_import, sheet_outcomes
from evaluator.services.users import user_in
from evaluator.sync import scoresheet as workbook
from evaluator.sync.apply import apply
from evaluator.sync.decide import Outcome
from evaluator.sync.local import check_assignments, find_inspector, load_context
from evaluator.sync.scoresheet_read import (
    open_scoresheet,
    photo_source,
    plan_scoresheet,
    read_rows,
)


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
    with db.transaction() as s:
        require(user_in(s, user.id), Action.EXPORT_SCORESHEET)
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
    """A file name for an inspector's workbook (their name, with no path characters; Thai
    vowel and tone marks, which are not alphanumeric, kept)."""
    safe = "".join(
        ch if ch.isalnum() or ch in " -_." or unicodedata.category(ch) in ("Mn", "Mc") else "-"
        for ch in inspector
    ).strip()
    return f"scoresheet_{safe or 'inspector'}.xlsx"


@dataclass
class ScoresheetBatch:
    """What a batch export wrote, and the inspectors it left out (with the reason)."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def lines(self) -> list[str]:
        """What was written, in the current language (Thai on the command line)."""
        out = [RESULT.text("scoresheets", count=len(self.written), folder=self.folder)]
        out += [f"  {p.name}" for p in self.written]
        if self.cancelled:
            out.append(RESULT.text("scoresheets_cancelled"))
        return out

    def warnings(self) -> list[str]:
        return [f"{name}: {in_language(why)}" for name, why in self.skipped]


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
    with db.transaction() as s:
        require(user_in(s, user.id), Action.EXPORT_SCORESHEET)
    key = audit_key.signing_key()  # no passphrase: refused before any workbook is written
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
            result = workbook.export_scoresheet(
                db, name, folder / scoresheet_file_name(name), round_code=round_code
            )
        except InputError as exc:
            batch.skipped.append((name, "; ".join(p.message for p in exc.problems)))
            continue
        batch.written.append(result.path)
    report(len(batch.written) + len(batch.skipped), len(inspectors), "")
    if batch.written:
        with db.transaction() as s:
            checkpoints.checkpoint(
                s,
                user_in(s, user.id).login,
                f"ส่งออกแบบประเมิน Excel {len(batch.written)} ไฟล์ — scoresheets exported",
                key,
            )
    return batch


def export_scoresheet(
    db: Database,
    user: UserInfo,
    inspector: str,
    out: Path,
    *,
    contest_code: str | None = None,
    round_code: str | None = None,
) -> workbook.ScoresheetExport:
    """The workbook of one inspector at ``out`` (committee or admin)."""
    with db.transaction() as s:
        require(user_in(s, user.id), Action.EXPORT_SCORESHEET)
    key = audit_key.signing_key()  # no passphrase: refused before the workbook is written
    out.parent.mkdir(parents=True, exist_ok=True)
    result = workbook.export_scoresheet(
        db, inspector, out, contest_code=contest_code, round_code=round_code
    )
    with db.transaction() as s:
        checkpoints.checkpoint(
            s,
            user_in(s, user.id).login,
            f"ส่งออกแบบประเมิน Excel ของ {inspector} — scoresheet exported ({result.workbook_id})",
            key,
        )
    return result


def export_one_scoresheet(
    db: Database, user: UserInfo, inspector: str, out: Path, *, round_code: str | None = None
) -> list[str]:
    """The workbook of one inspector at ``out``; the lines saying what was written."""
    return export_scoresheet(db, user, inspector, out, round_code=round_code).lines()


# --- import ----------------------------------------------------------------------------------


def import_scoresheet(db: Database, user: UserInfo, path: Path) -> ImportResult:
    """Check a filled scoresheet cell by cell, then merge it with the same rules as a package
    (committee or admin). Every sheet must be for a tambon assigned to the workbook's inspector
    in that round here.

    Raises InputError naming every bad cell (sheet, row, column) or every unassigned tambon;
    nothing changes then.
    """
    with db.transaction() as s:
        require(user_in(s, user.id), Action.IMPORT_PACKAGE)
    path = Path(path)
    display = path.name
    wb, meta = open_scoresheet(path)
    digest = file_sha256(path)
    with db.transaction() as s:
        lock_rounds(s)  # finalising waits for this import, or this one for it (db.locks)
        actor = user_in(s, user.id).name
        insp = find_inspector(s, meta.inspector)
        contest = s.scalar(select(m.Contest).where(m.Contest.code == meta.contest))
        if contest is None:
            raise InputError(
                [
                    Problem(
                        f"ไฟล์นี้ทำสำหรับการประกวด '{meta.contest}' ซึ่งไม่มีในฐานข้อมูลนี้"
                        f" — the workbook is for contest '{meta.contest}', which is not in this"
                        " database",
                        file=display,
                    )
                ]
            )
        if contest.rubric_version != meta.rubric_version:
            raise InputError(
                [
                    Problem(
                        f"ไฟล์นี้ใช้เกณฑ์รุ่น {meta.rubric_version} แต่ฐานข้อมูลนี้ใช้เกณฑ์รุ่น "
                        f"{contest.rubric_version} — the workbook uses rubric version"
                        f" {meta.rubric_version}, this database version {contest.rubric_version}",
                        file=display,
                    )
                ]
            )
        ctx = load_context(s, contest.id, insp)
        unknown = [c for c in meta.criteria if c not in ctx.criteria]
        if unknown:
            raise InputError(
                [
                    Problem(
                        f"ไม่มีเกณฑ์ {', '.join(unknown)} — no criteria {', '.join(unknown)}",
                        file=display,
                    )
                ]
            )
        result = ImportResult(
            kind="scoresheet",
            file=display,
            inspector=insp.name,
            contest=contest.code,
            content_sha256=digest,
            counts={o.value: 0 for o in Outcome},
            sheets=[],
        )
        previous = previous_import(s, "scoresheet", digest)
        if previous is not None:
            return replace(result, previously_imported=previous)
        incoming, problems = read_rows(
            wb, meta, {c: mx for c, (_, mx) in ctx.criteria.items()}, display
        )
        for inc in incoming:
            if inc.round_code not in ctx.rounds:
                problems.append(
                    Problem(
                        f"ไม่มีรอบ '{inc.round_code}' — no round '{inc.round_code}'",
                        file=display,
                        row=inc.row,
                    )
                )
        if problems:
            raise InputError(problems)
        planned = plan_scoresheet(s, ctx, incoming, meta, display)
        problems = check_assignments(s, ctx, [p.incoming for p in planned], display)
        if problems:
            raise InputError(problems)
        outcome = apply(
            s,
            ctx,
            planned,
            photo_source(s),
            actor=actor,
            source=audit.Source.EXCEL,
            reason=f"นำเข้าแบบประเมิน Excel {display} ({meta.workbook_id[:8]})",
            origin=meta.workbook_id,
        )
        sheets = sheet_outcomes(outcome)
        record_id = None
        if outcome.changed or outcome.counts.get(Outcome.LOCKED.value):
            record = m.ImportRecord(
                kind="scoresheet",
                filename=display,
                sha256=digest,
                actor=actor,
                summary={
                    "inspector": insp.name,
                    "contest": contest.code,
                    "workbook_id": meta.workbook_id,
                    "audit_head": audit.head_of_log(s),
                    "counts": outcome.counts,
                    "sheets": [
                        e for e in outcome.sheets if e["outcome"] != Outcome.DUPLICATE.value
                    ],
                },
            )
            s.add(record)
            s.flush()
            record_id = record.id
        return replace(result, counts=outcome.counts, sheets=sheets, import_id=record_id)
