"""Reading a filled Excel scoresheet back (see :mod:`evaluator.sync.scoresheet` for its layout):
:func:`open_scoresheet` refuses anything that is not one of ours, :func:`read_rows` checks every
cell, :func:`plan_scoresheet` decides every row against the receiving database.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.io.tables import parse_number
from evaluator.sync.apply import PhotoSource, PlannedSheet
from evaluator.sync.decide import Target, decide_scoresheet
from evaluator.sync.local import LocalContext, read_sheets, received_versions, sheets_by_place
from evaluator.sync.scoresheet import (
    DATA_SHEET,
    FIRST_ROW,
    FIXED,
    FORMAT,
    FORMAT_VERSION,
    HEADER_ROW,
    MAX_FILE_BYTES,
    MAX_UNZIPPED_BYTES,
    META_SHEET,
    STATUS_DRAFT,
    STATUS_SUBMITTED,
    visible_hash,
)
from evaluator.sync.wire import ScoreData, SheetData
from evaluator.text import normalise


@dataclass
class Meta:
    workbook_id: str
    inspector: str
    contest: str
    rubric_version: int
    criteria: list[str]
    rows: dict[str, tuple[str, str, str, int, str]] = field(default_factory=dict)


def _guard_zip(path: Path, display: str) -> None:
    """Refuse a file that is not an xlsx, or one that would inflate far beyond its size."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError([Problem("ไฟล์ใหญ่เกินไป — the file is too large", file=display)])
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError):
        raise InputError(
            [Problem("ไม่ใช่ไฟล์ Excel (.xlsx) — not an Excel workbook", file=display)]
        ) from None
    if total > MAX_UNZIPPED_BYTES or total > 200 * max(size, 1):
        raise InputError([Problem("ไฟล์ Excel บีบอัดมากผิดปกติ — suspicious compression", file=display)])


def _read_meta(wb: Workbook, display: str) -> Meta:
    bad = InputError(
        [
            Problem(
                "ไม่ใช่แบบประเมิน Excel ที่ส่งออกจากโปรแกรมนี้ หรือโครงสร้างถูกแก้ไข"
                " — not a scoresheet exported by this program, or its structure was changed",
                file=display,
            )
        ]
    )
    if META_SHEET not in wb.sheetnames or DATA_SHEET not in wb.sheetnames:
        raise bad
    ws = wb[META_SHEET]
    head: dict[str, object] = {}
    row = 1
    while row < 50:
        key = ws.cell(row=row, column=1).value
        if key is None:
            break
        head[str(key)] = ws.cell(row=row, column=2).value
        row += 1
    if head.get("format") != FORMAT or head.get("format_version") != FORMAT_VERSION:
        raise bad
    meta = Meta(
        workbook_id=str(head.get("workbook_id", "")),
        inspector=normalise(str(head.get("inspector", ""))),
        contest=str(head.get("contest", "")),
        rubric_version=int(str(head.get("rubric_version", 0))),
        criteria=[c for c in str(head.get("criteria", "")).split(",") if c],
    )
    count = int(str(head.get("rows", 0)))
    for i in range(row + 2, row + 2 + count):
        vals = [ws.cell(row=i, column=c).value for c in range(1, 7)]
        key, uuid, rnd, tambon, version, base = vals
        meta.rows[str(key)] = (
            str(uuid or ""),
            str(rnd),
            str(tambon),
            int(str(version or 0)),
            str(base or ""),
        )
    return meta


@dataclass(frozen=True)
class Incoming:
    key: str
    row: int
    uuid: str
    round_code: str
    tambon_code: str
    version: int
    base_hash: str
    status: str
    note: str
    scores: tuple[ScoreData, ...]


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def read_rows(
    wb: Workbook, meta: Meta, maxima: dict[str, float], display: str
) -> tuple[list[Incoming], list[Problem]]:
    ws: Worksheet = wb[DATA_SHEET]
    problems: list[Problem] = []
    where = f"{display}: {DATA_SHEET}"
    ncrit = len(meta.criteria)
    first_crit = len(FIXED) + 1
    note_col = first_crit + 2 * ncrit
    status_col = note_col + 1
    key_col = status_col + 1
    expected = [f"{code}" for code in meta.criteria]
    for k, code in enumerate(expected):
        head = _text(ws.cell(row=HEADER_ROW, column=first_crit + 2 * k).value)
        if not head.startswith(code):
            problems.append(
                Problem(
                    f"หัวคอลัมน์ควรเป็นเกณฑ์ {code} — the columns were moved",
                    file=where,
                    row=HEADER_ROW,
                    field=get_column_letter(first_crit + 2 * k),
                )
            )
    if problems:
        return [], problems
    out: list[Incoming] = []
    seen: set[str] = set()
    for row in range(FIRST_ROW, ws.max_row + 1):
        key = _text(ws.cell(row=row, column=key_col).value)
        inputs = [ws.cell(row=row, column=c).value for c in range(first_crit, status_col)]
        if not key:
            if any(_text(v) for v in inputs):
                problems.append(
                    Problem(
                        "แถวนี้ไม่ได้มาจากไฟล์ที่ส่งออก (ไม่มีรหัสแถว) — a row not in the exported file",
                        file=where,
                        row=row,
                    )
                )
            continue
        if key not in meta.rows or key in seen:
            problems.append(
                Problem("รหัสแถวไม่ถูกต้อง — the row's hidden key was changed", file=where, row=row)
            )
            continue
        seen.add(key)
        uuid, rnd, tambon, version, base = meta.rows[key]
        if _text(ws.cell(row=row, column=len(FIXED)).value) != tambon:
            problems.append(
                Problem(
                    f"รหัสตำบลควรเป็น {tambon} — the tambon code was changed",
                    file=where,
                    row=row,
                    field=get_column_letter(len(FIXED)),
                )
            )
            continue
        scores: list[ScoreData] = []
        before_row = len(problems)
        for k, code in enumerate(meta.criteria):
            col = first_crit + 2 * k
            raw = ws.cell(row=row, column=col).value
            note = _text(ws.cell(row=row, column=col + 1).value)
            letter = get_column_letter(col)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if note:
                    problems.append(
                        Problem(
                            f"มีหมายเหตุของเกณฑ์ {code} แต่ไม่มีคะแนน — a note without a score",
                            file=where,
                            row=row,
                            field=f"{get_column_letter(col + 1)} ({code})",
                        )
                    )
                continue
            value: float | None
            if isinstance(raw, bool):
                value = None
            elif isinstance(raw, int | float):
                value = float(raw)
            else:
                try:
                    value = parse_number(str(raw))
                except ValueError:
                    value = None
            if value is None or value != value:
                problems.append(
                    Problem(
                        f"คะแนนเกณฑ์ {code} ต้องเป็นตัวเลข ได้ '{raw}' — not a number",
                        file=where,
                        row=row,
                        field=f"{letter} ({code})",
                    )
                )
                continue
            top = maxima[code]
            if not 0 <= value <= top:
                problems.append(
                    Problem(
                        f"คะแนนเกณฑ์ {code} ต้องอยู่ระหว่าง 0 ถึง {top:g} ได้ {value:g}"
                        f" — the score must be from 0 to {top:g}",
                        file=where,
                        row=row,
                        field=f"{letter} ({code})",
                    )
                )
                continue
            scores.append(ScoreData(code, value, note))
        status_text = _text(ws.cell(row=row, column=status_col).value)
        status_letter = get_column_letter(status_col)
        if status_text in ("", STATUS_DRAFT) or status_text.lower() in ("ร่าง", "draft"):
            status = m.SheetStatus.DRAFT.value
        elif status_text == STATUS_SUBMITTED or status_text.lower() in ("ส่งแล้ว", "submitted"):
            status = m.SheetStatus.SUBMITTED.value
        else:
            problems.append(
                Problem(
                    f"สถานะ '{status_text}' ไม่ถูกต้อง เลือก ร่าง หรือ ส่งแล้ว — unknown status",
                    file=where,
                    row=row,
                    field=f"{status_letter} (สถานะ)",
                )
            )
            continue
        if len(problems) > before_row:
            continue
        if status == m.SheetStatus.SUBMITTED.value and len(scores) < len(meta.criteria):
            missing = [c for c in meta.criteria if c not in {s.criterion for s in scores}]
            problems.append(
                Problem(
                    f"ส่งแล้วต้องให้คะแนนครบทุกเกณฑ์ ยังขาด {', '.join(missing)}"
                    " — a submitted sheet needs every score",
                    file=where,
                    row=row,
                    field=f"{status_letter} (สถานะ)",
                )
            )
            continue
        out.append(
            Incoming(
                key=key,
                row=row,
                uuid=uuid,
                round_code=rnd,
                tambon_code=tambon,
                version=version,
                base_hash=base,
                status=status,
                note=_text(ws.cell(row=row, column=note_col).value),
                scores=tuple(scores),
            )
        )
    return out, problems


def open_scoresheet(path: Path) -> tuple[Workbook, Meta]:
    """The workbook and its hidden description; InputError when it is not a scoresheet of ours."""
    display = path.name
    _guard_zip(path, display)
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            [Problem(f"เปิดไฟล์ Excel ไม่ได้ ({exc}) — cannot read the workbook", file=display)]
        ) from None
    return wb, _read_meta(wb, display)


def photo_source(session: Session) -> PhotoSource:
    def load(digest: str) -> bytes:
        data = session.scalar(select(m.Photo.data).where(m.Photo.sha256 == digest).limit(1))
        if data is None:
            raise NotFoundError(f"ไม่พบรูปภาพ {digest[:16]} — a photo is missing")
        return bytes(data)

    return load


def plan_scoresheet(
    session: Session,
    ctx: LocalContext,
    incoming: Sequence[Incoming],
    meta: Meta,
    display: str,
) -> list[PlannedSheet]:
    uuids = [i.uuid for i in incoming if i.uuid]
    by_uuid = (
        {r.uuid: r for r in session.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(uuids)))}
        if uuids
        else {}
    )
    twins = sheets_by_place(session, ctx.inspector_id, [r.id for r in ctx.rounds.values()])
    problems: list[Problem] = []
    targets: dict[str, m.Sheet | None] = {}
    for inc in incoming:
        rnd = ctx.rounds[inc.round_code]
        row: m.Sheet | None
        if inc.uuid:
            row = by_uuid.get(inc.uuid)
            if row is None:
                # the sheet was deleted here after the export: treat the row as new
                row = twins.get((rnd.id, inc.tambon_code))
            elif (
                row.inspector_id != ctx.inspector_id
                or row.round_id != rnd.id
                or row.tambon_code != inc.tambon_code
                or row.conflict_of is not None
            ):
                problems.append(
                    Problem(
                        "แถวนี้อ้างถึงแบบประเมินอื่น — the row's hidden sheet id was changed",
                        file=display,
                        row=inc.row,
                    )
                )
                continue
        else:
            row = twins.get((rnd.id, inc.tambon_code))
        targets[inc.key] = row
    if problems:
        raise InputError(problems)
    rows = [r for r in targets.values() if r is not None]
    local = read_sheets(session, rows)
    copies = _copies(session, [r.uuid for r in rows])
    received = received_versions(
        session,
        [r.uuid for r in rows],
        source=audit.Source.EXCEL.value,
        origin=meta.workbook_id,
        field="excel_hash",
    )
    planned: list[PlannedSheet] = []
    for inc in incoming:
        rnd = ctx.rounds[inc.round_code]
        target_row = targets[inc.key]
        before = local[target_row.id] if target_row is not None else None
        if target_row is None and not inc.scores and not inc.note:
            continue  # an empty row for a tambon not scored yet
        base = before or SheetData(
            uuid=m.new_uuid(),
            round=inc.round_code,
            tambon_code=inc.tambon_code,
            inspector=ctx.inspector,
            status=m.SheetStatus.DRAFT.value,
            version=0,
            base_version=0,
        )
        sheet = replace(
            base,
            status=inc.status,
            note=inc.note,
            scores=tuple(sorted(inc.scores, key=lambda sc: sc.criterion)),
            version=(target_row.version + 1) if target_row is not None else 1,
            base_version=target_row.version if target_row is not None else 0,
            updated_at=m.utcnow().isoformat(),
            submitted_at=(
                (base.submitted_at or m.utcnow().isoformat())
                if inc.status == m.SheetStatus.SUBMITTED.value
                else None
            ),
        )
        mine = visible_hash(sheet)
        target = None
        if target_row is not None and before is not None:
            target = Target(
                target_row.uuid,
                target_row.version,
                target_row.base_version,
                visible_hash(before),
                target_row.status is m.SheetStatus.LOCKED,
            )
        seen = (
            frozenset(h for hs in received.get(target_row.uuid, {}).values() for h in hs)
            if target_row
            else frozenset()
        )
        # the workbook's base content only counts for the very sheet it was exported from
        same_sheet = bool(inc.uuid) and target_row is not None and target_row.uuid == inc.uuid
        decision = decide_scoresheet(
            mine,
            inc.base_hash if same_sheet and inc.base_hash else None,
            target,
            seen,
            copies.get(target_row.uuid, frozenset()) if target_row is not None else frozenset(),
            rnd.final,
        )
        planned.append(
            PlannedSheet(
                incoming=sheet,
                decision=decision,
                round_id=rnd.id,
                target_id=target_row.id if target_row is not None else None,
                target_uuid=target_row.uuid if target_row is not None else None,
                target_before=before,
                new_version=sheet.version,
                extra={"excel_hash": mine, "row_in_workbook": inc.row},
            )
        )
    return planned


def _copies(session: Session, uuids: Sequence[str]) -> dict[str, frozenset[str]]:
    rows = (
        list(
            session.scalars(
                select(m.Sheet).where(
                    m.Sheet.conflict_of.in_(list(uuids)), m.Sheet.status != m.SheetStatus.LOCKED
                )
            )
        )
        if uuids
        else []
    )
    data = read_sheets(session, rows)
    out: dict[str, set[str]] = {}
    for r in rows:
        assert r.conflict_of is not None
        out.setdefault(r.conflict_of, set()).add(visible_hash(data[r.id]))
    return {k: frozenset(v) for k, v in out.items()}
