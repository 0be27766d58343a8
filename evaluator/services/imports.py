"""Importing table files: geography and scores (DESIGN.md section 5); people in services.people.

Each import reads and checks the whole file first and raises
:class:`~evaluator.errors.InputError` with every problem (file, row, field) before anything is
written; the writing is one unit of work, so a failed import leaves the database as it was. An
import that changes something is logged as an :class:`~evaluator.db.models.ImportRecord`;
importing the same data again changes nothing at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.collector import paused
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.locks import lock_rounds
from evaluator.errors import InputError
from evaluator.i18n import Catalog
from evaluator.io import geography_import, scores_import, scores_store
from evaluator.io.tables import Table, open_table, read_table
from evaluator.io.templates import example_of
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: counts of the main items (tambons, scores), other counts, warnings."""

    kind: str
    file: str
    sha256: str
    rows: int
    added: int
    updated: int
    unchanged: int
    details: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    previously_imported: datetime | None = None

    @property
    def changed(self) -> bool:
        return (
            self.added > 0
            or self.updated > 0
            or any(v for k, v in self.details.items() if k.endswith(("_added", "_updated")))
        )

    def lines(self, lang: str | None = None) -> list[str]:
        """The summary, one line per fact, for the CLI and the UI: in ``lang`` (default: the
        current language, Thai on the command line)."""
        noun_key = f"noun_{self.kind}"
        noun = SUMMARY.text(noun_key if noun_key in SUMMARY.messages else "noun", lang)
        out = [
            SUMMARY.text(
                "head",
                lang,
                file=self.file,
                rows=self.rows,
                noun=noun,
                added=self.added,
                updated=self.updated,
                unchanged=self.unchanged,
            )
        ]
        extra = [
            f"{SUMMARY.text(k, lang) if k in SUMMARY.messages else k} {v}"
            for k, v in self.details.items()
            if v
        ]
        if extra:
            out.append(", ".join(extra))
        if not self.changed:
            out.append(SUMMARY.text("nothing", lang))
        if self.previously_imported is not None:
            when = self.previously_imported.strftime("%Y-%m-%d %H:%M")
            out.append(SUMMARY.text("before", lang, when=when))
        return out


SUMMARY = Catalog(
    "import_summary",
    {
        "head": (
            "นำเข้า {file}: {rows} แถว — {noun}ใหม่ {added}, ปรับปรุง {updated}, เหมือนเดิม {unchanged}",
            "Imported {file}: {rows} rows; {noun} new {added}, updated {updated},"
            " unchanged {unchanged}",
        ),
        "noun": ("รายการ", "items"),
        "noun_geography": ("ตำบล", "tambons"),
        "noun_scores": ("คะแนน", "scores"),
        "noun_inspectors": ("ผู้ประเมิน", "inspectors"),
        "noun_assignments": ("การมอบหมาย", "assignments"),
        "noun_leaders": ("ผู้นำ", "leaders"),
        "noun_users": ("ผู้ใช้", "users"),
        "districts_added": ("อำเภอใหม่", "new districts"),
        "assignments_added": ("การมอบหมายใหม่", "new assignments"),
        "districts_updated": ("อำเภอที่ปรับปรุง", "districts updated"),
        "sheets_added": ("แบบประเมินใหม่", "new sheets"),
        "sheets_updated": ("แบบประเมินที่ปรับปรุง", "sheets updated"),
        "sheets_unchanged": ("แบบประเมินที่เหมือนเดิม", "sheets unchanged"),
        "sheets_complete": ("แบบประเมินครบทุกเกณฑ์", "complete sheets"),
        "sheets_incomplete": ("แบบประเมินยังไม่ครบ", "incomplete sheets"),
        "inspectors_added": ("ผู้ประเมินใหม่", "new inspectors"),
        "audit_entries": ("บันทึกประวัติการแก้ไข", "audit log entries"),
        "tambons_replaced": ("ตำบลที่แทนที่รายชื่อผู้นำ", "tambons whose leaders were replaced"),
        "leaders_removed": ("ผู้นำที่ถูกแทนที่", "leaders replaced"),
        "nothing": ("ไม่มีอะไรเปลี่ยนแปลง — nothing changed", "Nothing changed"),
        "before": (
            "ไฟล์เดียวกันนี้เคยนำเข้าแล้วเมื่อ {when} (UTC)",
            "The same file was imported before, on {when} (UTC)",
        ),
    },
)


def file_digest(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def _check_scores_file(
    path: Path, name: str | None, ctx: scores_import.ScoreContext
) -> tuple[Table, scores_import.ScoreCheck]:
    """Read a scores table as a stream and check every row against ``ctx``."""
    with open_table(path, scores_import.COLUMNS, name=name, example=example_of("scores")) as (
        table,
        rows,
    ):
        return table, scores_import.check_scores(table, rows, ctx)


def previously_imported(session: Session, kind: str, digest: str) -> datetime | None:
    return session.scalar(
        select(m.ImportRecord.imported_at)
        .where(m.ImportRecord.kind == kind, m.ImportRecord.sha256 == digest)
        .order_by(m.ImportRecord.id)
        .limit(1)
    )


def log_import(session: Session, summary: ImportSummary, actor: str) -> None:
    session.add(
        m.ImportRecord(
            kind=summary.kind,
            filename=summary.file,
            sha256=summary.sha256,
            actor=actor,
            summary={
                "rows": summary.rows,
                "added": summary.added,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                **summary.details,
                "warnings": len(summary.warnings),
            },
        )
    )


def import_geography(
    db: Database, path: Path | str, *, actor: str = "", name: str | None = None
) -> ImportSummary:
    """Import a geography table (.xlsx or .csv): create or update districts and tambons.

    Raises InputError (nothing changed) when any row is wrong.
    """
    path = Path(path)
    table = read_table(path, geography_import.COLUMNS, name=name, example=example_of("geography"))
    digest = file_digest(path)
    with db.transaction() as s:
        check = geography_import.check_geography(table, geography_import.province_zones(s))
        if check.problems:
            raise InputError(check.problems)
        counts = geography_import.store_geography(s, check.records)
        summary = ImportSummary(
            kind="geography",
            file=table.file,
            sha256=digest,
            rows=len(table.rows),
            added=counts.tambons_added,
            updated=counts.tambons_updated,
            unchanged=counts.tambons_unchanged,
            details={
                "districts_added": counts.districts_added,
                "districts_updated": counts.districts_updated,
            },
            warnings=table.example_warnings() + check.warnings + counts.warnings,
            previously_imported=previously_imported(s, "geography", digest),
        )
        if summary.changed:
            log_import(s, summary, actor)
    return summary


def import_scores(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Import a scores table (.xlsx or .csv, long format): create or update sheets and scores,
    with an audit entry for every change. A committee member or admin enters paper sheets on the
    committee's own authority: inspectors not yet known are registered and missing assignments
    created, both listed in the summary and audited.

    Raises InputError (nothing changed) when any row is wrong, including a finalised round.
    """
    # Python's cyclic collector paused for the whole import (evaluator/collector.py): the
    # rows checked and the batches written pile up and make no cycles, and a full collection
    # in the middle would walk every object the program holds, not the import's
    with paused():
        return _import_scores(db, user, Path(path), name)


def _import_scores(db: Database, user: UserInfo, path: Path, name: str | None) -> ImportSummary:
    with db.transaction() as s:
        require(user_in(s, user.id), Action.IMPORT_SCORES)
        ctx = scores_import.load_context(s)
    digest = file_digest(path)
    # The file is read and checked as a stream before the write lock is taken (a long file
    # does not hold up other writers); under the lock the context is read again, and the file
    # checked again in the rare case the database changed in between.
    table, check = _check_scores_file(path, name, ctx)
    if check.problems:
        raise InputError(check.problems)
    with db.transaction() as s:
        lock_rounds(s)  # finalising waits for this import, or this one for it (db.locks)
        acting = user_in(s, user.id)
        require(acting, Action.IMPORT_SCORES)  # again, in the unit of work that writes
        actor = acting.name
        locked_ctx = scores_import.load_context(s)
        if locked_ctx != ctx:
            table, check = _check_scores_file(path, name, locked_ctx)
            if check.problems:
                raise InputError(check.problems)
        counts = scores_store.store_scores(
            s,
            check,
            locked_ctx,
            actor=actor,
            reason=f"นำเข้าคะแนนจากไฟล์ {table.file}",
        )
        warnings = table.example_warnings() + check.warnings
        if counts.inspectors_added:
            warnings.append(
                f"ลงทะเบียนผู้ประเมินใหม่ {len(counts.inspectors_added)} คน: "
                f"{', '.join(counts.inspectors_added)} (ตรวจการสะกดชื่อ)"
                f" — {len(counts.inspectors_added)} new inspectors registered:"
                f" {', '.join(counts.inspectors_added)} (check the spelling)"
            )
        if counts.assignments_added:
            shown = list(counts.assignments_added[:20])
            more = len(counts.assignments_added) - len(shown)
            warnings.append(
                f"มอบหมายตำบลให้ผู้ประเมินเพิ่ม {len(counts.assignments_added)} รายการ"
                " (ตามตารางคะแนนของคณะกรรมการ) — assignments created: "
                + "; ".join(shown)
                + (f"; and {more} more" if more else "")
            )
        if counts.incomplete_sheets:
            few = counts.incomplete_sheets[:10]
            more = len(counts.incomplete_sheets) - len(few)
            warnings.append(
                f"แบบประเมินยังไม่ครบทุกเกณฑ์ {len(counts.incomplete_sheets)} แบบ "
                "(ไม่นับในการจัดอันดับจนกว่าจะครบ) — incomplete sheets: "
                + "; ".join(f"{sheet} (missing {missing})" for sheet, missing in few)
                + (f"; and {more} more" if more else "")
            )
        summary = ImportSummary(
            kind="scores",
            file=table.file,
            sha256=digest,
            rows=check.rows,
            added=counts.scores_added,
            updated=counts.scores_updated,
            unchanged=counts.scores_unchanged,
            details={
                "sheets_added": counts.sheets_added,
                "sheets_updated": counts.sheets_updated,
                "sheets_unchanged": counts.sheets_unchanged,
                "sheets_complete": counts.complete_sheets,
                "sheets_incomplete": len(counts.incomplete_sheets),
                "inspectors_added": len(counts.inspectors_added),
                "assignments_added": len(counts.assignments_added),
                "audit_entries": counts.audit_entries,
            },
            warnings=warnings,
            previously_imported=previously_imported(s, "scores", digest),
        )
        if summary.changed:
            log_import(s, summary, actor)
    return summary
