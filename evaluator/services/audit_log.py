"""Reading, checking and exporting the audit log (who, when, from where, old, new, why).

:func:`verify` checks three things:

* the hash chain (:func:`evaluator.audit.verify_chain`): an entry edited, inserted or deleted by
  hand breaks it;
* the logged sheets: where the last entry about a sheet holds its whole content (entries written
  by package and scoresheet imports and by conflict resolutions), the sheet's notes, scores and
  photos must still be exactly that content. A score changed in the database by hand, or the
  last entries about a sheet deleted, shows up here even though the chain itself is intact.
  Sheets whose last entry is of another kind (a single score typed in) are not compared.
* every finalised round's stored result (:func:`evaluator.services.finalise.check_results`):
  it must hash to its stored hash, that hash must be the one its finalisation logged, and
  ranking the round's locked sheets again must decide every tambon as stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.files import replace_file, temporary_beside
from evaluator.i18n import Catalog, in_language
from evaluator.permissions import Action, UserInfo, require
from evaluator.services import audit_key, audit_search, checkpoints
from evaluator.services.finalise import check_results
from evaluator.services.users import user_in
from evaluator.spreadsheet import THAI_FONT, THAI_FONT_SIZE, row_of_text
from evaluator.sync.local import read_sheets
from evaluator.sync.wire import UUID_RE, SheetData

SOURCE_TITLES = {
    "keyboard": "แป้นพิมพ์",
    "package": "แพ็กเกจ",
    "excel": "Excel",
    "import": "นำเข้าไฟล์",
    "demo": "ข้อมูลตัวอย่าง",
    "system": "ระบบ",
}
# entries that hold a sheet's whole content after the change (with "row": the sheet changed)
_CONTENT_ACTIONS = (
    "sync.insert",
    "sync.replace",
    "sync.conflict",
    "conflict.resolve",
    "conflict.supersede",
)
# entries that change no content
_NO_CHANGE = ("sync.receive", "sync.refused")
# sources whose score entries come with an entry holding the sheet's whole content
_WHOLE_SOURCES = ("package", "excel")


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as plain data."""

    id: int
    at: datetime
    actor: str
    source: str
    action: str
    entity: str
    entity_key: str
    old: str | None
    new: str | None
    reason: str
    hash: str


@dataclass(frozen=True)
class AuditFilter:
    """What to show of the log; every field narrows it, None means any."""

    actor: str | None = None
    source: str | None = None
    entity: str | None = None
    key: str | None = None  # entity key contains (e.g. a sheet's uuid)
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None  # anywhere in old, new or reason
    upto: int | None = None  # entries up to this id: the log as a first page saw it

    @classmethod
    def parse(
        cls,
        *,
        actor: str | None = None,
        source: str | None = None,
        entity: str | None = None,
        key: str | None = None,
        action: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
    ) -> AuditFilter:
        """A filter from text values (dates in ISO form), as the CLI gets them."""

        def when(value: str | None, name: str) -> datetime | None:
            if value is None:
                return None
            try:
                at = datetime.fromisoformat(value)
            except ValueError:
                raise InputError(
                    [Problem(f"วันเวลา '{value}' ไม่ถูกต้อง (ใช้ YYYY-MM-DD) — not a date", field=name)]
                ) from None
            return at if at.tzinfo else at.replace(tzinfo=UTC)

        return cls(
            actor, source, entity, key, action, when(since, "since"), when(until, "until"), text
        )

    def apply(self, query: _Query) -> _Query:
        """``query`` (a select over the audit log) narrowed to the entries that pass."""
        e = m.AuditEntry
        if self.actor:
            query = query.where(e.actor == self.actor)
        if self.source:
            query = query.where(e.source == self.source)
        if self.entity:
            query = query.where(e.entity == self.entity)
        else:
            # the seals (one content digest per changed sheet) are the log's own bookkeeping:
            # shown only when asked for (entity "digest"); `verify` reads them all
            query = query.where(e.entity != audit.SEAL_ENTITY)
        if self.key:
            query = query.where(e.entity_key.contains(self.key, autoescape=True))
        if self.action:
            query = query.where(e.action == self.action)
        if self.since:
            query = query.where(e.at >= self.since)
        if self.until:
            query = query.where(e.at <= self.until)
        if self.upto is not None:
            query = query.where(e.id <= self.upto)
        if self.text:
            query = query.where(
                or_(
                    e.old.contains(self.text, autoescape=True),
                    e.new.contains(self.text, autoescape=True),
                    e.reason.contains(self.text, autoescape=True),
                )
            )
        return query


def _columns() -> tuple[Any, ...]:
    """The columns of an :class:`AuditRow`, in its order (plain rows: no ORM objects made)."""
    e = m.AuditEntry
    return (
        e.id,
        e.at,
        e.actor,
        e.source,
        e.action,
        e.entity,
        e.entity_key,
        e.old,
        e.new,
        e.reason,
        e.hash,
    )


def _parts(s: Session, filt: AuditFilter, *columns: Any) -> list[Select[*tuple[Any, ...]]]:
    """Selects of ``columns`` over the entries that pass ``filt``, each newest first, every
    entry of one newer than every entry of the next: the whole log in one, or, where the search
    index can narrow a text (:mod:`evaluator.services.audit_search`), the entries written after
    the index's last one, then those the index lists. The same entries either way."""
    plain = filt.apply(select(*columns).select_from(m.AuditEntry))
    indexed = audit_search.indexed_upto(s) if filt.text else None
    needle = audit_search.match_query(filt.text) if filt.text and indexed is not None else None
    if indexed is None or needle is None:
        return [plain.order_by(m.AuditEntry.id.desc())]
    later = plain.where(m.AuditEntry.id > indexed).order_by(m.AuditEntry.id.desc())
    return [later, audit_search.listed(filt.apply(select(*columns)), needle)]


def _page(s: Session, filt: AuditFilter | None, limit: int | None, offset: int) -> list[AuditRow]:
    rows: list[AuditRow] = []
    skip = offset  # entries still to pass over
    for part in _parts(s, filt or AuditFilter(), *_columns()):
        query = part.offset(skip) if skip else part
        if limit is not None:
            query = query.limit(limit - len(rows))
        found = [AuditRow(*row) for row in s.execute(query)]
        if skip:  # passed over in this part: all of it when it had nothing left to give
            skip = 0 if found else skip - _counted(s, part)
        rows += found
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _counted(s: Session, part: Select[*tuple[Any, ...]]) -> int:
    return int(s.scalar(select(func.count()).select_from(part.order_by(None).subquery())) or 0)


def _count(s: Session, filt: AuditFilter | None) -> int:
    parts = _parts(s, filt or AuditFilter(), func.count())
    return sum(int(s.scalar(part.order_by(None)) or 0) for part in parts)


def list_entries(
    db: Database, filt: AuditFilter | None = None, *, limit: int | None = None, offset: int = 0
) -> list[AuditRow]:
    """The entries that pass ``filt``, newest first."""
    with db.transaction() as s:
        return _page(s, filt, limit, offset)


def count_entries(db: Database, filt: AuditFilter | None = None) -> int:
    with db.transaction() as s:
        return _count(s, filt)


@dataclass(frozen=True)
class FirstPage:
    """The newest entries that pass a filter, and what reads the rest of the same log."""

    rows: list[AuditRow]
    total: int | None  # how many pass; None when the page is full (count_entries(filter))
    filter: AuditFilter  # the filter pinned to the log as the page saw it (``upto``)


def first_page(db: Database, filt: AuditFilter | None, size: int) -> FirstPage:
    """The first ``size`` entries that pass ``filt``, newest first, with the filter pinned to
    the log as they were read (its newest entry's id as ``upto``; the log is append-only), so
    the count and the later pages read through that filter describe the very same entries,
    whatever is written meanwhile. When the page has room left it holds every entry that
    passes and they are counted; a full page leaves the count (a pass over the whole log) to
    :func:`count_entries`, which the caller can run while it shows the page."""
    filt = filt or AuditFilter()
    with db.transaction() as s:
        if filt.upto is None:
            newest = s.scalar(select(func.max(m.AuditEntry.id)))
            filt = replace(filt, upto=int(newest or 0))
        rows = _page(s, filt, size, 0)
    return FirstPage(rows, None if len(rows) >= size else len(rows), filt)


# --- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """One thing wrong: an entry of the log, or a sheet that is not what the log says."""

    kind: str  # "chain" | "sheet" | "result"
    where: str  # entry id, sheet uuid, or contest/round
    problem: str

    def __str__(self) -> str:
        """Where and what, in the current language (the Thai keeps the problem's English)."""
        return f"{FINDING.text(self.kind, where=self.where)}: {in_language(self.problem)}"


FINDING = Catalog(
    "audit_findings",
    {
        "chain": ("รายการที่ {where}", "Entry {where}"),
        "result": ("ผลของรอบ {where}", "Result of round {where}"),
        "sheet": ("แบบประเมิน {where}", "Sheet {where}"),
    },
)


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    sheets_checked: int
    breaks: list[Break]
    checkpoints: int = 0
    checkpoint_keys: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks

    def lines(self) -> list[str]:
        return [str(b) for b in self.breaks]


def _chain_text(problem: str) -> str:
    """A chain problem (English, from :mod:`evaluator.audit`) with its Thai words first."""
    if "changed" in problem:
        return f"ถูกแก้ไขหลังบันทึก — {problem}"
    if "follow" in problem:
        return f"ไม่ต่อเนื่องกับรายการก่อนหน้า มีรายการถูกลบหรือแทรก — {problem}"
    if "cut" in problem:
        return f"บันทึกช่วงท้ายถูกตัด — {problem}"
    if "missing" in problem:
        return f"มีรายการหายไป (ถูกลบ) — {problem}"
    return problem


def _sheet_uuid(key: str) -> str | None:
    head = key.split("/", 1)[0]
    return head if UUID_RE.match(head) else None


def _logged_contents(session: Session) -> tuple[dict[str, dict[str, object] | None], int]:
    """For every sheet uuid the log mentions: the whole content its last change logged, or None
    when the last change was logged without the whole content (a score typed in, say)."""
    last: dict[str, dict[str, object] | None] = {}
    count = 0
    for action, source, entity, key, new in session.execute(
        select(
            m.AuditEntry.action,
            m.AuditEntry.source,
            m.AuditEntry.entity,
            m.AuditEntry.entity_key,
            m.AuditEntry.new,
        ).order_by(m.AuditEntry.id)
    ):
        count += 1
        if entity not in ("sheet", "score", "photo") or action in _NO_CHANGE:
            continue
        if entity == "score" and source in _WHOLE_SOURCES:
            continue  # always followed by the entry with the sheet's whole content
        data: dict[str, object] | None = None
        if action in _CONTENT_ACTIONS:
            try:
                parsed = json.loads(new or "null")
            except ValueError:
                parsed = None
            if isinstance(parsed, dict):
                data = parsed
        row = data.get("row") if data is not None else None
        uuid = row if isinstance(row, str) else _sheet_uuid(key)
        if uuid is None:
            continue
        last[uuid] = data if data is not None and isinstance(data.get("scores"), dict) else None
    return last, count


def _same_content(current: SheetData, logged: dict[str, object]) -> str | None:
    """What differs between a sheet and the content logged for it (status aside), or None."""
    scores = logged.get("scores")
    if not isinstance(scores, dict):
        return None
    now = {s.criterion: (s.value, s.note) for s in current.scores}
    was: dict[str, tuple[float, str]] = {}
    for code, v in scores.items():
        if isinstance(v, dict):
            was[str(code)] = (float(v.get("value", 0.0)), str(v.get("note", "")))
    for code in sorted(set(now) | set(was)):
        if now.get(code) != was.get(code):
            a = "-" if code not in was else f"{was[code][0]:g}"
            b = "-" if code not in now else f"{now[code][0]:g}"
            return (
                f"คะแนนเกณฑ์ {code} เป็น {b} แต่บันทึกล่าสุดระบุ {a} (ถูกแก้ไขนอกโปรแกรม หรือบันทึกถูกลบ)"
                f" — score {code} is {b}, the log says {a}"
            )
    if current.note != logged.get("note"):
        return "หมายเหตุไม่ตรงกับบันทึกล่าสุด — the note differs from the log"
    photos = logged.get("photos")
    if isinstance(photos, list):
        was_photos = sorted(str(p.get("sha256")) for p in photos if isinstance(p, dict))
        if was_photos != sorted(p.sha256 for p in current.photos):
            return "รูปภาพไม่ตรงกับบันทึกล่าสุด — the photos differ from the log"
    return None


def _anchor_breaks(session: Session) -> list[Break]:
    """Every import remembers the log's last entry when it ended; that entry must still be
    there, unchanged, or entries were cut from the end of the log."""
    out: list[Break] = []
    for record in session.scalars(select(m.ImportRecord).order_by(m.ImportRecord.id)):
        head = (record.summary or {}).get("audit_head")
        if not isinstance(head, dict):
            continue
        entry = session.get(m.AuditEntry, head.get("id"))
        if entry is None or entry.hash != head.get("hash"):
            out.append(
                Break(
                    "chain",
                    str(head.get("id")),
                    f"รายการที่การนำเข้า {record.filename} ({record.imported_at:%Y-%m-%d %H:%M}) "
                    "บันทึกไว้หายไปหรือถูกแก้ไข (บันทึกช่วงท้ายถูกลบ)"
                    " — an entry an import remembered is gone or changed: the log was cut",
                )
            )
    return out


def _seal_breaks(session: Session, reported: set[str]) -> tuple[list[Break], int]:
    """Every sheet's content, recomputed from its rows, against the digest last sealed for it in
    the log, whatever its origin; and every sealed sheet that is gone."""
    sealed = audit.sealed_digests(session)
    current = audit.all_sheet_digests(session)
    out: list[Break] = []
    for uuid, digest in current.items():
        if uuid in reported:
            continue
        if uuid not in sealed:
            out.append(
                Break(
                    "sheet",
                    uuid,
                    "ไม่มีในบันทึก (เพิ่มเข้าฐานข้อมูลนอกโปรแกรม)"
                    " — the log never sealed this sheet: added behind the program's back",
                )
            )
        elif sealed[uuid] != digest:
            out.append(
                Break(
                    "sheet",
                    uuid,
                    "เนื้อหาไม่ตรงกับที่บันทึกผนึกไว้ล่าสุด (แก้ไขนอกโปรแกรม)"
                    " — its content is not what the log last sealed: changed behind the"
                    " program's back",
                )
            )
    for uuid, logged in sealed.items():
        if logged is not None and uuid not in current and uuid not in reported:
            out.append(
                Break(
                    "sheet",
                    uuid,
                    "แบบประเมินหายไปจากฐานข้อมูล — the sealed sheet is gone (deleted behind the"
                    " program's back)",
                )
            )
    return out, len(current)


def verify(db: Database, trusted: set[str] | None = None) -> VerifyReport:
    """Check the chain, its head and its signed checkpoints, every sheet against the digest last
    sealed for it, and the logged contents of imported sheets (see the module docstring).

    ``trusted``: fingerprints of other installations' audit keys whose checkpoints count (this
    installation's own key always does)."""
    with db.transaction() as s:
        breaks = [
            Break("chain", str(b.entry_id), _chain_text(b.problem)) for b in audit.verify_chain(s)
        ]
        signed = checkpoints.verify(s, trusted)
        breaks.extend(Break("chain", str(entry), problem) for entry, problem in signed.problems)
        logged, count = _logged_contents(s)
        wanted = {k: v for k, v in logged.items() if v is not None}
        rows: list[m.Sheet] = []
        keys = sorted(wanted)
        for i in range(0, len(keys), 500):
            rows.extend(s.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(keys[i : i + 500]))))
        current = read_sheets(s, rows)
        for row in rows:
            logged_content = wanted[row.uuid]
            assert logged_content is not None
            problem = _same_content(current[row.id], logged_content)
            if problem is not None:
                breaks.append(Break("sheet", row.uuid, problem))
        breaks.extend(_anchor_breaks(s))
        found = {r.uuid for r in rows}
        for uuid in keys:
            if uuid not in found:
                breaks.append(
                    Break("sheet", uuid, "แบบประเมินหายไปจากฐานข้อมูล — the logged sheet is gone")
                )
        sealed, checked = _seal_breaks(s, {b.where for b in breaks if b.kind == "sheet"})
        breaks.extend(sealed)
        # every finalised result, recomputed from its locked sheets (services.finalise)
        breaks.extend(
            Break("result", f"{c.contest_code}/{c.round_code}", problem)
            for c in check_results(s)
            for problem in c.problems
        )
        return VerifyReport(count, checked, breaks, signed.checkpoints, sorted(signed.keys))


# --- Excel -----------------------------------------------------------------------------------

_HEADERS = [
    ("ลำดับ (id)", 8),
    ("เวลา UTC (at)", 20),
    ("ผู้ทำ (actor)", 20),
    ("ที่มา (source)", 12),
    ("การกระทำ (action)", 18),
    ("สิ่งที่เปลี่ยน (entity)", 12),
    ("รหัส (key)", 42),
    ("ค่าเดิม (old)", 50),
    ("ค่าใหม่ (new)", 50),
    ("เหตุผล (reason)", 40),
    ("แฮช (hash)", 20),
]
_CELL_MAX = 32_000  # Excel holds at most 32,767 characters in a cell


def _cell(text: str | None) -> str:
    if text is None:
        return ""
    return text if len(text) <= _CELL_MAX else text[:_CELL_MAX] + "…"


def _print_setup(ws: Any) -> None:
    """The log prints like every other workbook (evaluator/spreadsheet.page_setup, which needs
    the whole sheet; this one is written row by row): A4 landscape, fitted to the page's width,
    the header row on every page, page numbers in the footer."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = "9"  # A4 (openpyxl's Worksheet.PAPERSIZE_A4)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.font = THAI_FONT


def export_xlsx(db: Database, user: UserInfo, out: Path, filt: AuditFilter | None = None) -> int:
    """Write the entries that pass ``filt`` (oldest first) to an Excel file; returns how many.
    ``Action.VIEW_AUDIT_LOG`` (committee, admin). The export ends with a checkpoint signed in the
    acting user's name: without the audit key's passphrase nothing is written
    (:class:`~evaluator.services.audit_key.AuditKeyLocked`)."""
    with db.transaction() as s:
        require(user_in(s, user.id), Action.VIEW_AUDIT_LOG)
    key = audit_key.signing_key()
    from openpyxl import Workbook  # here: the app's start needs no openpyxl (nor its numpy)
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("audit")
    for i, (_, width) in enumerate(_HEADERS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    _print_setup(ws)
    bold = Font(name=THAI_FONT, size=THAI_FONT_SIZE, bold=True)

    header = []
    for title, _ in _HEADERS:
        c = WriteOnlyCell(ws, value=title)
        c.font = bold
        header.append(c)
    ws.append(header)
    n = 0
    with db.transaction() as s:
        query = (filt or AuditFilter()).apply(select(m.AuditEntry)).order_by(m.AuditEntry.id)
        for e in s.scalars(query.execution_options(yield_per=1000)):
            ws.append(
                row_of_text(
                    ws,
                    [
                        e.id,
                        e.at.replace(tzinfo=None),
                        e.actor,
                        SOURCE_TITLES.get(e.source, e.source),
                        e.action,
                        e.entity,
                        e.entity_key,
                        _cell(e.old),
                        _cell(e.new),
                        _cell(e.reason),
                        e.hash,
                    ],
                )
            )
            n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(out)
    try:
        wb.save(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    replace_file(tmp, out)  # retried while Excel holds the old file open, then said clearly
    with db.transaction() as s:
        checkpoints.checkpoint(
            s, user_in(s, user.id).login, f"ส่งออกบันทึก {n} รายการ — audit log exported", key
        )
    return n
