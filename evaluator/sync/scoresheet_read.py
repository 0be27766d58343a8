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
from evaluator.lesson_fields import (
    LESSON_FIELDS,
    LESSON_KEYS,
    MAX_LESSON_TEXT,
    NO_LESSONS,
    Lessons,
)
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
    DataColumns,
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
    lessons: list[str] = field(default_factory=list)  # none in a workbook from before lessons
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
        lessons=[k for k in str(head.get("lessons") or "").split(",") if k],
    )
    if any(k not in LESSON_KEYS for k in meta.lessons):
        raise bad
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
    lessons: Lessons | None = None  # None: the workbook has no lesson columns


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _check_headers(ws: Worksheet, meta: Meta, cols: DataColumns, where: str) -> list[Problem]:
    """A problem for each criterion column whose header no longer names its criterion."""
    problems: list[Problem] = []
    for k, code in enumerate(meta.criteria):
        head = _text(ws.cell(row=HEADER_ROW, column=cols.first_crit + 2 * k).value)
        if not head.startswith(code):
            problems.append(
                Problem(
                    f"หัวคอลัมน์ควรเป็นเกณฑ์ {code}"
                    f" — the columns were moved: this head should be {code}",
                    file=where,
                    row=HEADER_ROW,
                    field=get_column_letter(cols.first_crit + 2 * k),
                )
            )
    titles = {f.key: f.title for f in LESSON_FIELDS}
    for j, key in enumerate(meta.lessons):
        head = _text(ws.cell(row=HEADER_ROW, column=cols.first_lesson + j).value)
        if head != titles[key]:
            problems.append(
                Problem(
                    f"หัวคอลัมน์ควรเป็น '{titles[key]}'"
                    f" — the lesson columns were moved: this head should be '{titles[key]}'",
                    file=where,
                    row=HEADER_ROW,
                    field=get_column_letter(cols.first_lesson + j),
                )
            )
    return problems


def _cell_number(raw: object) -> float | None:
    """A score cell as a number (Thai digits and commas as the importers read them), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    try:
        return parse_number(str(raw))
    except ValueError:
        return None


def _status_of(text: str) -> str | None:
    """The sheet status a status cell names (blank is a draft), or None when it names none."""
    if text in ("", STATUS_DRAFT) or text.lower() in ("ร่าง", "draft"):
        return m.SheetStatus.DRAFT.value
    if text == STATUS_SUBMITTED or text.lower() in ("ส่งแล้ว", "submitted"):
        return m.SheetStatus.SUBMITTED.value
    return None


class _RowReader:
    """Reads the data rows of a scoresheet, appending a problem per bad cell to ``problems``."""

    def __init__(self, ws: Worksheet, meta: Meta, maxima: dict[str, float], where: str) -> None:
        self.ws = ws
        self.meta = meta
        self.maxima = maxima
        self.where = where
        self.cols = DataColumns.for_criteria(len(meta.criteria))
        self.problems: list[Problem] = []
        self.seen: set[str] = set()

    def problem(self, message: str, row: int, field: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.where, row=row, field=field))

    def cell(self, row: int, column: int) -> object:
        return self.ws.cell(row=row, column=column).value

    def read(self, row: int) -> Incoming | None:
        """The row as an :class:`Incoming`; None for a blank row or one with problems."""
        key = self.identity(row)
        if key is None:
            return None
        uuid, rnd, tambon, version, base = self.meta.rows[key]
        before_row = len(self.problems)
        scores = self.scores(row)
        status_field = f"{get_column_letter(self.cols.status)} (สถานะ)"
        status_text = _text(self.cell(row, self.cols.status))
        status = _status_of(status_text)
        if status is None:
            self.problem(
                f"สถานะ '{status_text}' ไม่ถูกต้อง เลือก ร่าง หรือ ส่งแล้ว"
                f" — unknown status '{status_text}': choose ร่าง (draft) or ส่งแล้ว (submitted)",
                row,
                status_field,
            )
            return None
        lessons = self.lessons(row)
        if len(self.problems) > before_row:
            return None
        if status == m.SheetStatus.SUBMITTED.value and len(scores) < len(self.meta.criteria):
            missing = [c for c in self.meta.criteria if c not in {s.criterion for s in scores}]
            self.problem(
                f"ส่งแล้วต้องให้คะแนนครบทุกเกณฑ์ ยังขาด {', '.join(missing)}"
                f" — a submitted sheet needs every score; missing {', '.join(missing)}",
                row,
                status_field,
            )
            return None
        return Incoming(
            key=key,
            row=row,
            uuid=uuid,
            round_code=rnd,
            tambon_code=tambon,
            version=version,
            base_hash=base,
            status=status,
            note=_text(self.cell(row, self.cols.note)),
            scores=tuple(scores),
            lessons=lessons,
        )

    def lessons(self, row: int) -> Lessons | None:
        """The row's lessons (None when the workbook has no lesson columns), cleaned as typed
        text is; a cell longer than a lesson may be is reported."""
        if not self.meta.lessons:
            return None
        texts: dict[str, str] = {}
        for j, key in enumerate(self.meta.lessons):
            col = self.cols.first_lesson + j
            text = _text(self.cell(row, col))
            if len(text) > MAX_LESSON_TEXT:
                self.problem(
                    f"ยาวเกิน {MAX_LESSON_TEXT:,} ตัวอักษร — longer than {MAX_LESSON_TEXT:,}"
                    " characters",
                    row,
                    get_column_letter(col),
                )
                text = ""
            texts[key] = text
        return Lessons.cleaned(texts)

    def identity(self, row: int) -> str | None:
        """The row's hidden key when it is one of the exported rows, unchanged; else None."""
        key = _text(self.cell(row, self.cols.key))
        if not key:
            inputs = [self.cell(row, c) for c in range(self.cols.first_crit, self.cols.status)]
            if any(_text(v) for v in inputs):
                self.problem(
                    "แถวนี้ไม่ได้มาจากไฟล์ที่ส่งออก (ไม่มีรหัสแถว) — a row not in the exported file", row
                )
            return None
        if key not in self.meta.rows or key in self.seen:
            self.problem("รหัสแถวไม่ถูกต้อง — the row's hidden key was changed", row)
            return None
        self.seen.add(key)
        tambon = self.meta.rows[key][2]
        if _text(self.cell(row, len(FIXED))) != tambon:
            self.problem(
                f"รหัสตำบลควรเป็น {tambon} — the tambon code was changed: it should be {tambon}",
                row,
                get_column_letter(len(FIXED)),
            )
            return None
        return key

    def scores(self, row: int) -> list[ScoreData]:
        scores: list[ScoreData] = []
        for k, code in enumerate(self.meta.criteria):
            score = self.score(row, self.cols.first_crit + 2 * k, code)
            if score is not None:
                scores.append(score)
        return scores

    def score(self, row: int, col: int, code: str) -> ScoreData | None:
        """The score and note of one criterion; None when blank or bad (a bad one is reported)."""
        raw = self.cell(row, col)
        note = _text(self.cell(row, col + 1))
        field = f"{get_column_letter(col)} ({code})"
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if note:
                self.problem(
                    f"มีหมายเหตุของเกณฑ์ {code} แต่ไม่มีคะแนน — {code} has a note but no score",
                    row,
                    f"{get_column_letter(col + 1)} ({code})",
                )
            return None
        value = _cell_number(raw)
        if value is None or value != value:
            self.problem(
                f"คะแนนเกณฑ์ {code} ต้องเป็นตัวเลข ได้ '{raw}' — the score of {code} must be a number,"
                f" not '{raw}'",
                row,
                field,
            )
            return None
        top = self.maxima[code]
        if not 0 <= value <= top:
            self.problem(
                f"คะแนนเกณฑ์ {code} ต้องอยู่ระหว่าง 0 ถึง {top:g} ได้ {value:g}"
                f" — the score must be from 0 to {top:g}",
                row,
                field,
            )
            return None
        return ScoreData(code, value, note)


def read_rows(
    wb: Workbook, meta: Meta, maxima: dict[str, float], display: str
) -> tuple[list[Incoming], list[Problem]]:
    """Every data row checked cell by cell: the good rows and the problems of the bad ones."""
    ws: Worksheet = wb[DATA_SHEET]
    where = f"{display}: {DATA_SHEET}"
    problems = _check_headers(ws, meta, DataColumns.for_criteria(len(meta.criteria)), where)
    if problems:
        return [], problems
    reader = _RowReader(ws, meta, maxima, where)
    out = [inc for row in range(FIRST_ROW, ws.max_row + 1) if (inc := reader.read(row))]
    return out, reader.problems


def open_scoresheet(path: Path) -> tuple[Workbook, Meta]:
    """The workbook and its hidden description; InputError when it is not a scoresheet of ours."""
    display = path.name
    _guard_zip(path, display)
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            [Problem(f"เปิดไฟล์ Excel ไม่ได้ ({exc}) — cannot read the workbook ({exc})", file=display)]
        ) from None
    return wb, _read_meta(wb, display)


def photo_source(session: Session) -> PhotoSource:
    def load(digest: str) -> bytes:
        data = session.scalar(select(m.Photo.data).where(m.Photo.sha256 == digest).limit(1))
        if data is None:
            raise NotFoundError(f"ไม่พบรูปภาพ {digest[:16]} — a photo is missing")
        return bytes(data)

    return load


def _find_targets(
    session: Session, ctx: LocalContext, incoming: Sequence[Incoming], display: str
) -> dict[str, m.Sheet | None]:
    """The sheet each row updates here (None: a new sheet), by the row's hidden sheet id or else
    by round and tambon; InputError when a hidden id names another inspector's or place's sheet.
    """
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
        round_id = ctx.rounds[inc.round_code].id
        row = by_uuid.get(inc.uuid) if inc.uuid else None
        if row is not None and (
            row.inspector_id != ctx.inspector_id
            or row.round_id != round_id
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
        # no hidden id, or the sheet was deleted here after the export: by round and tambon
        targets[inc.key] = row if row is not None else twins.get((round_id, inc.tambon_code))
    if problems:
        raise InputError(problems)
    return targets


def _edited(
    inc: Incoming, ctx: LocalContext, row: m.Sheet | None, before: SheetData | None
) -> SheetData:
    """The sheet as the workbook row leaves it: the local sheet (or a new one) with its content."""
    base = before or SheetData(
        uuid=m.new_uuid(),
        round=inc.round_code,
        tambon_code=inc.tambon_code,
        inspector=ctx.inspector,
        status=m.SheetStatus.DRAFT.value,
        version=0,
        base_version=0,
    )
    return replace(
        base,
        lessons=base.lessons if inc.lessons is None else inc.lessons,
        status=inc.status,
        note=inc.note,
        scores=tuple(sorted(inc.scores, key=lambda sc: sc.criterion)),
        version=(row.version + 1) if row is not None else 1,
        base_version=row.version if row is not None else 0,
        updated_at=m.utcnow().isoformat(),
        submitted_at=(
            (base.submitted_at or m.utcnow().isoformat())
            if inc.status == m.SheetStatus.SUBMITTED.value
            else None
        ),
    )


@dataclass(frozen=True)
class _Known:
    """What the receiving database knows of the targets: content, workbook hashes, copies."""

    local: dict[int, SheetData]
    received: dict[str, dict[int, frozenset[str]]]
    copies: dict[str, frozenset[str]]


def _plan_row(
    inc: Incoming, ctx: LocalContext, row: m.Sheet | None, known: _Known
) -> PlannedSheet | None:
    """The decision for one workbook row; None for an empty row of a tambon not scored yet."""
    before = known.local[row.id] if row is not None else None
    if row is None and not inc.scores and not inc.note and (inc.lessons or NO_LESSONS).empty:
        return None
    rnd = ctx.rounds[inc.round_code]
    sheet = _edited(inc, ctx, row, before)
    mine = visible_hash(sheet)
    target = None
    seen: frozenset[str] = frozenset()
    copies: frozenset[str] = frozenset()
    if row is not None:
        if before is not None:
            target = Target(
                row.uuid,
                row.version,
                row.base_version,
                visible_hash(before),
                row.status is m.SheetStatus.LOCKED,
            )
        seen = frozenset(h for hs in known.received.get(row.uuid, {}).values() for h in hs)
        copies = known.copies.get(row.uuid, frozenset())
    # the workbook's base content only counts for the very sheet it was exported from
    same_sheet = bool(inc.uuid) and row is not None and row.uuid == inc.uuid
    decision = decide_scoresheet(
        mine,
        inc.base_hash if same_sheet and inc.base_hash else None,
        target,
        seen,
        copies,
        rnd.final,
    )
    return PlannedSheet(
        incoming=sheet,
        decision=decision,
        round_id=rnd.id,
        target_id=row.id if row is not None else None,
        target_uuid=row.uuid if row is not None else None,
        target_before=before,
        new_version=sheet.version,
        extra={"excel_hash": mine, "row_in_workbook": inc.row},
    )


def plan_scoresheet(
    session: Session,
    ctx: LocalContext,
    incoming: Sequence[Incoming],
    meta: Meta,
    display: str,
) -> list[PlannedSheet]:
    """Every read row decided against the receiving database (nothing is written here)."""
    targets = _find_targets(session, ctx, incoming, display)
    rows = [r for r in targets.values() if r is not None]
    uuids = [r.uuid for r in rows]
    known = _Known(
        local=read_sheets(session, rows),
        received=received_versions(
            session,
            uuids,
            source=audit.Source.EXCEL.value,
            origin=meta.workbook_id,
            field="excel_hash",
        ),
        copies=_copies(session, uuids),
    )
    planned = [_plan_row(inc, ctx, targets[inc.key], known) for inc in incoming]
    return [p for p in planned if p is not None]


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
