"""Excel scoresheets for inspectors who work without the app.

:func:`export_scoresheet` writes one workbook per inspector:

``คำชี้แจง`` (instructions)
    who, which contest and rubric version, how to fill it in.
``แบบประเมิน`` (the scores)
    one row per tambon assigned to the inspector (or already scored by them) in each open round:
    where it is, then for every criterion a score cell (data validation: a number from 0 to the
    criterion's maximum) and a note cell, then the sheet's note and its status (a list: draft or
    submitted). Only these cells are unlocked; the sheet is protected, and so is the workbook's
    structure. Two hidden columns hold each row's key and sheet uuid.
``เกณฑ์และระดับคะแนน`` (the rubric)
    every criterion with its maximum, weight and level descriptions.
``_meta`` (very hidden)
    the workbook's id, inspector, contest, rubric version, criteria in column order, and for every
    row its key, sheet uuid, round, tambon, version and the hash of the content it was exported
    with, so that an import can make a three-way merge.

:func:`import_scoresheet` reads it back: every cell is checked first, each bad one reported by
sheet, row and column; then the rows go through the same merge rules as a package
(:func:`evaluator.sync.merge.decide_scoresheet`): a row unchanged in the workbook changes nothing,
a row changed in the workbook replaces the sheet when the sheet has not changed here since the
export, otherwise both are kept as a conflict. Photos are not in the workbook; a sheet keeps its
photos. The same workbook imported twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid as uuidlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.locks import lock_rounds
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.io.tables import parse_number
from evaluator.services.audit_log import head_of_log
from evaluator.services.sync import (
    ImportResult,
    SheetOutcome,
    contest_for,
    contest_info,
    file_sha256,
    find_inspector,
    previous_import,
)
from evaluator.sync import merge

FORMAT = "cdd-evaluator-scoresheet"
FORMAT_VERSION = 1
DATA_SHEET = "แบบประเมิน"
RUBRIC_SHEET = "เกณฑ์และระดับคะแนน"
README_SHEET = "คำชี้แจง"
META_SHEET = "_meta"
HEADER_ROW = 2
FIRST_ROW = 3
FIXED = ("ลำดับ", "รอบ", "จังหวัด", "อำเภอ", "ตำบล", "รหัสตำบล")
STATUS_DRAFT = "ร่าง (draft)"
STATUS_SUBMITTED = "ส่งแล้ว (submitted)"
MAX_FILE_BYTES = 50 << 20
MAX_UNZIPPED_BYTES = 500 << 20

_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def visible_content(sheet: merge.SheetData) -> dict[str, object]:
    """What a scoresheet can show and change of a sheet: status, notes and scores."""
    content = sheet.content()
    return {k: v for k, v in content.items() if k != "photos"}


def visible_hash(sheet: merge.SheetData) -> str:
    return hashlib.sha256(merge.canonical_json(visible_content(sheet))).hexdigest()


# --- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoresheetExport:
    path: Path
    inspector: str
    contest: str
    rows: int
    workbook_id: str

    def lines(self) -> list[str]:
        return [
            f"ส่งออกแบบประเมิน Excel ของ {self.inspector}: {self.rows} แถว → {self.path}",
            "กรอกเฉพาะช่องสีเหลือง แล้วส่งไฟล์กลับเพื่อนำเข้าด้วย import scoresheet",
        ]


@dataclass(frozen=True)
class _Row:
    key: str
    uuid: str  # "" for a tambon without a sheet yet
    round_code: str
    round_title: str
    province: str
    district: str
    tambon: str
    tambon_code: str
    version: int
    base_hash: str
    sheet: merge.SheetData | None


def _rows(
    session: Session, inspector: m.Inspector, contest: m.Contest, round_code: str | None
) -> list[_Row]:
    rounds = [
        r
        for r in session.scalars(
            select(m.Round).where(m.Round.contest_id == contest.id).order_by(m.Round.position)
        )
        if r.finalised_at is None and (round_code is None or r.code == round_code)
    ]
    if round_code is not None and not rounds:
        raise NotFoundError(f"ไม่พบรอบ '{round_code}' ที่ยังเปิดอยู่ — no open round '{round_code}'")
    places = {
        code: (p, d, t)
        for code, t, d, p in session.execute(
            select(m.Tambon.code, m.Tambon.name_th, m.District.name_th, m.Province.name_th)
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
        )
    }
    out: list[_Row] = []
    for rnd in rounds:
        sheets = list(
            session.scalars(
                select(m.Sheet)
                .where(
                    m.Sheet.round_id == rnd.id,
                    m.Sheet.inspector_id == inspector.id,
                    m.Sheet.conflict_of.is_(None),
                )
                .order_by(m.Sheet.id)
            )
        )
        data = merge.read_sheets(session, sheets)
        by_tambon: dict[str, m.Sheet] = {}
        for sh in sheets:
            by_tambon.setdefault(sh.tambon_code, sh)
        assigned = set(
            session.scalars(
                select(m.Assignment.tambon_code).where(
                    m.Assignment.round_id == rnd.id, m.Assignment.inspector_id == inspector.id
                )
            )
        )
        for code in sorted(assigned | set(by_tambon), key=lambda c: (places[c], c)):
            found = by_tambon.get(code)
            sd = data[found.id] if found is not None else None
            province, district, tambon = places[code]
            out.append(
                _Row(
                    key=f"R{len(out) + 1}",
                    uuid=found.uuid if found is not None else "",
                    round_code=rnd.code,
                    round_title=rnd.title or rnd.code,
                    province=province,
                    district=district,
                    tambon=tambon,
                    tambon_code=code,
                    version=found.version if found is not None else 0,
                    base_hash=visible_hash(sd) if sd is not None else "",
                    sheet=sd,
                )
            )
    return out


@dataclass(frozen=True)
class _Criterion:
    code: str
    title: str
    description: str
    max_score: float
    weight: float
    levels: str


def _criteria(session: Session, contest: m.Contest) -> list[_Criterion]:
    return [
        _Criterion(
            c.code,
            c.title,
            c.description or "",
            c.max_score,
            c.weight,
            "\n".join(
                f"{lv.min_score:g}–{lv.max_score:g} {lv.label}: {lv.description}".strip()
                for lv in c.levels
            ),
        )
        for c in session.scalars(
            select(m.Criterion)
            .where(m.Criterion.contest_id == contest.id)
            .order_by(m.Criterion.position, m.Criterion.id)
        )
    ]


def _head(cell: Cell, value: object) -> None:
    cell.value = value  # type: ignore[assignment]
    cell.font = Font(bold=True)
    cell.fill = _HEAD_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    cell.border = _BOX


def export_scoresheet(
    db: Database,
    inspector: str,
    out: Path,
    *,
    contest_code: str | None = None,
    round_code: str | None = None,
) -> ScoresheetExport:
    """Write the Excel scoresheet of ``inspector`` (see the module docstring)."""
    with db.transaction() as s:
        insp = find_inspector(s, inspector)
        contest = contest_for(s, insp.id, contest_code)
        criteria = _criteria(s, contest)
        rows = _rows(s, insp, contest, round_code)
        info = contest_info(s, contest)
    if not rows:
        raise InputError(
            [
                Problem(
                    f"'{inspector}' ไม่มีตำบลที่ได้รับมอบหมายในรอบที่ยังเปิดอยู่"
                    " — no assigned tambons in an open round"
                )
            ]
        )
    workbook_id = str(uuidlib.uuid4())
    password = secrets.token_urlsafe(12)
    wb = Workbook()
    readme = wb.active
    assert readme is not None
    readme.title = README_SHEET
    lines = [
        f"แบบประเมินตำบลผู้นำการเปลี่ยนแปลง — {info.title}",
        f"ผู้ประเมิน: {inspector}",
        f"การประกวด: {info.code}  เกณฑ์รุ่น {info.rubric_version}",
        f"ส่งออกเมื่อ: {m.utcnow():%Y-%m-%d %H:%M} (UTC)",
        "",
        "วิธีกรอก",
        f"1. กรอกคะแนนในช่องสีเหลืองของแผ่นงาน '{DATA_SHEET}' ตามช่วงที่กำหนดของแต่ละเกณฑ์",
        f"2. ดูคำอธิบายระดับคะแนนของแต่ละเกณฑ์ในแผ่นงาน '{RUBRIC_SHEET}'",
        "3. เขียนหมายเหตุได้ทั้งรายเกณฑ์และของทั้งแบบประเมิน",
        f"4. เมื่อให้คะแนนครบทุกเกณฑ์แล้ว เลือกสถานะ '{STATUS_SUBMITTED}'",
        "5. อย่าแก้ไขโครงสร้างของไฟล์ (แผ่นงาน แถว คอลัมน์) แล้วส่งไฟล์กลับให้คณะกรรมการ",
    ]
    for i, line in enumerate(lines, start=1):
        readme.cell(row=i, column=1, value=line)
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 100
    readme.protection.sheet = True
    readme.protection.password = password

    ws = wb.create_sheet(DATA_SHEET)
    ncrit = len(criteria)
    first_crit = len(FIXED) + 1
    note_col = first_crit + 2 * ncrit
    status_col = note_col + 1
    key_col = status_col + 1
    uuid_col = key_col + 1
    ws.cell(row=1, column=1, value=f"แบบประเมินของ {inspector} — {info.code}").font = Font(
        bold=True, size=13
    )
    for i, title in enumerate(FIXED, start=1):
        _head(ws.cell(row=HEADER_ROW, column=i), title)
    for k, c in enumerate(criteria):
        col = first_crit + 2 * k
        _head(ws.cell(row=HEADER_ROW, column=col), f"{c.code} {c.title}\nคะแนน 0–{c.max_score:g}")
        _head(ws.cell(row=HEADER_ROW, column=col + 1), f"{c.code}\nหมายเหตุ")
        levels = c.levels
        if levels:
            ws.cell(row=HEADER_ROW, column=col).comment = Comment(levels[:2000], "evaluator")
        ws.column_dimensions[get_column_letter(col)].width = 14
        ws.column_dimensions[get_column_letter(col + 1)].width = 24
    _head(ws.cell(row=HEADER_ROW, column=note_col), "หมายเหตุของแบบประเมิน")
    _head(ws.cell(row=HEADER_ROW, column=status_col), "สถานะ")
    _head(ws.cell(row=HEADER_ROW, column=key_col), "_key")
    _head(ws.cell(row=HEADER_ROW, column=uuid_col), "_uuid")
    for col, width in zip(range(1, len(FIXED) + 1), (7, 26, 16, 16, 16, 10), strict=True):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(note_col)].width = 30
    ws.column_dimensions[get_column_letter(status_col)].width = 18
    ws.column_dimensions[get_column_letter(key_col)].hidden = True
    ws.column_dimensions[get_column_letter(uuid_col)].hidden = True
    last = FIRST_ROW + len(rows) - 1
    unlocked = Protection(locked=False)
    for i, r in enumerate(rows):
        row = FIRST_ROW + i
        values: list[object] = [
            i + 1,
            r.round_title,
            r.province,
            r.district,
            r.tambon,
            r.tambon_code,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = _BOX
        scores = {sc.criterion: sc for sc in r.sheet.scores} if r.sheet is not None else {}
        for k, c in enumerate(criteria):
            col = first_crit + 2 * k
            sc = scores.get(c.code)
            for j, value in enumerate(
                (None if sc is None else sc.value, "" if sc is None else sc.note)
            ):
                cell = ws.cell(row=row, column=col + j, value=value)
                cell.protection = unlocked
                cell.fill = _INPUT_FILL
                cell.border = _BOX
        for col, value in (
            (note_col, r.sheet.note if r.sheet is not None else ""),
            (
                status_col,
                STATUS_SUBMITTED
                if r.sheet is not None and r.sheet.status != m.SheetStatus.DRAFT.value
                else STATUS_DRAFT,
            ),
        ):
            cell = ws.cell(row=row, column=col, value=value)
            cell.protection = unlocked
            cell.fill = _INPUT_FILL
            cell.border = _BOX
        ws.cell(row=row, column=key_col, value=r.key)
        ws.cell(row=row, column=uuid_col, value=r.uuid)
    for k, c in enumerate(criteria):
        letter = get_column_letter(first_crit + 2 * k)
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=f"{c.max_score:g}",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle="คะแนนไม่ถูกต้อง",
            error=f"คะแนนเกณฑ์ {c.code} ต้องเป็นตัวเลขตั้งแต่ 0 ถึง {c.max_score:g}",
            promptTitle=f"{c.code}"[:32],
            prompt=f"{c.title}: 0–{c.max_score:g}"[:250],
        )
        dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        ws.add_data_validation(dv)
    status_dv = DataValidation(
        type="list",
        formula1=f'"{STATUS_DRAFT},{STATUS_SUBMITTED}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="สถานะไม่ถูกต้อง",
        error="เลือกจากรายการ: ร่าง หรือ ส่งแล้ว",
    )
    status_letter = get_column_letter(status_col)
    status_dv.add(f"{status_letter}{FIRST_ROW}:{status_letter}{last}")
    ws.add_data_validation(status_dv)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=first_crit)
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.protection.sheet = True
    ws.protection.password = password
    ws.protection.formatColumns = False  # let the inspector widen columns

    rubric = wb.create_sheet(RUBRIC_SHEET)
    for col, (title, width) in enumerate(
        (("เกณฑ์", 8), ("ชื่อเกณฑ์", 30), ("คะแนนเต็ม", 10), ("น้ำหนัก", 10), ("ระดับคะแนน", 80)),
        start=1,
    ):
        _head(rubric.cell(row=1, column=col), title)
        rubric.column_dimensions[get_column_letter(col)].width = width
    for i, c in enumerate(criteria, start=2):
        for col, value in enumerate(
            (c.code, f"{c.title}\n{c.description}".strip(), c.max_score, c.weight, c.levels),
            start=1,
        ):
            cell = rubric.cell(row=i, column=col, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _BOX
    rubric.protection.sheet = True
    rubric.protection.password = password

    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    header = [
        ("format", FORMAT),
        ("format_version", FORMAT_VERSION),
        ("workbook_id", workbook_id),
        ("inspector", inspector),
        ("contest", info.code),
        ("rubric_version", info.rubric_version),
        ("criteria", ",".join(c.code for c in criteria)),
        ("exported_at", m.utcnow().isoformat()),
        ("rows", len(rows)),
    ]
    for i, (name, value) in enumerate(header, start=1):
        meta.cell(row=i, column=1, value=name)
        meta.cell(row=i, column=2, value=value)
    start = len(header) + 2
    for col, title in enumerate(
        ("key", "uuid", "round", "tambon_code", "version", "base_hash"), start=1
    ):
        meta.cell(row=start, column=col, value=title)
    for i, r in enumerate(rows, start=start + 1):
        for col, value in enumerate(
            (r.key, r.uuid, r.round_code, r.tambon_code, r.version, r.base_hash), start=1
        ):
            meta.cell(row=i, column=col, value=value)
    meta.protection.sheet = True
    meta.protection.password = password
    wb.security = WorkbookProtection(workbookPassword=password, lockStructure=True)
    wb.active = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    wb.save(tmp)
    tmp.replace(out)
    return ScoresheetExport(out, inspector, info.code, len(rows), workbook_id)


# --- import ----------------------------------------------------------------------------------


@dataclass
class _Meta:
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


def _read_meta(wb: Workbook, display: str) -> _Meta:
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
    meta = _Meta(
        workbook_id=str(head.get("workbook_id", "")),
        inspector=str(head.get("inspector", "")),
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
class _Incoming:
    key: str
    row: int
    uuid: str
    round_code: str
    tambon_code: str
    version: int
    base_hash: str
    status: str
    note: str
    scores: tuple[merge.ScoreData, ...]


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _read_rows(
    wb: Workbook, meta: _Meta, maxima: dict[str, float], display: str
) -> tuple[list[_Incoming], list[Problem]]:
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
    out: list[_Incoming] = []
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
        scores: list[merge.ScoreData] = []
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
            scores.append(merge.ScoreData(code, value, note))
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
            _Incoming(
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


def import_scoresheet(db: Database, path: Path, *, actor: str) -> ImportResult:
    """Check a filled scoresheet cell by cell, then merge it (see the module docstring).

    Raises InputError naming every bad cell (sheet, row, column); nothing changes then.
    """
    path = Path(path)
    display = path.name
    _guard_zip(path, display)
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            [Problem(f"เปิดไฟล์ Excel ไม่ได้ ({exc}) — cannot read the workbook", file=display)]
        ) from None
    meta = _read_meta(wb, display)
    digest = file_sha256(path)
    with db.transaction() as s:
        lock_rounds(s)  # finalising waits for this import, or this one for it (db.locks)
        insp = find_inspector(s, meta.inspector)
        contest = s.scalar(select(m.Contest).where(m.Contest.code == meta.contest))
        if contest is None:
            raise InputError(
                [
                    Problem(
                        f"ไฟล์นี้ทำสำหรับการประกวด '{meta.contest}' ซึ่งไม่มีในฐานข้อมูลนี้"
                        " — the workbook is for another contest",
                        file=display,
                    )
                ]
            )
        if contest.rubric_version != meta.rubric_version:
            raise InputError(
                [
                    Problem(
                        f"ไฟล์นี้ใช้เกณฑ์รุ่น {meta.rubric_version} แต่ฐานข้อมูลนี้ใช้เกณฑ์รุ่น "
                        f"{contest.rubric_version} — another rubric version",
                        file=display,
                    )
                ]
            )
        ctx = merge.load_context(s, contest.id, insp)
        unknown = [c for c in meta.criteria if c not in ctx.criteria]
        if unknown:
            raise InputError(
                [Problem(f"ไม่มีเกณฑ์ {', '.join(unknown)} — unknown criteria", file=display)]
            )
        result = ImportResult(
            kind="scoresheet",
            file=display,
            inspector=insp.name,
            contest=contest.code,
            content_sha256=digest,
            counts={o.value: 0 for o in merge.Outcome},
            sheets=[],
        )
        previous = previous_import(s, "scoresheet", digest)
        if previous is not None:
            return replace(result, previously_imported=previous)
        incoming, problems = _read_rows(
            wb, meta, {c: mx for c, (_, mx) in ctx.criteria.items()}, display
        )
        for inc in incoming:
            if inc.round_code not in ctx.rounds:
                problems.append(
                    Problem(f"ไม่มีรอบ '{inc.round_code}' — no such round", file=display, row=inc.row)
                )
        if problems:
            raise InputError(problems)
        planned = _plan(s, ctx, incoming, meta, display)
        outcome = merge.apply(
            s,
            ctx,
            planned,
            _photo_source(s),
            actor=actor,
            source=audit.Source.EXCEL,
            reason=f"นำเข้าแบบประเมิน Excel {display} ({meta.workbook_id[:8]})",
            origin=meta.workbook_id,
        )
        sheets = [
            SheetOutcome(
                uuid=str(e["uuid"]),
                round=str(e["round"]),
                tambon_code=str(e["tambon_code"]),
                version=int(str(e["version"])),
                outcome=str(e["outcome"]),
                title=merge.Outcome(str(e["outcome"])).label,
                reason=str(e["reason"]),
                row=None if e.get("row") is None else str(e["row"]),
                conflict_of=None if e.get("conflict_of") is None else str(e["conflict_of"]),
            )
            for e in outcome.sheets
        ]
        record_id = None
        if outcome.changed or outcome.counts.get(merge.Outcome.LOCKED.value):
            record = m.ImportRecord(
                kind="scoresheet",
                filename=display,
                sha256=digest,
                actor=actor,
                summary={
                    "inspector": insp.name,
                    "contest": contest.code,
                    "workbook_id": meta.workbook_id,
                    "audit_head": head_of_log(s),
                    "counts": outcome.counts,
                    "sheets": [
                        e for e in outcome.sheets if e["outcome"] != merge.Outcome.DUPLICATE.value
                    ],
                },
            )
            s.add(record)
            s.flush()
            record_id = record.id
        return replace(result, counts=outcome.counts, sheets=sheets, import_id=record_id)


def _photo_source(session: Session) -> merge.PhotoSource:
    def load(digest: str) -> bytes:
        data = session.scalar(select(m.Photo.data).where(m.Photo.sha256 == digest).limit(1))
        if data is None:
            raise NotFoundError(f"ไม่พบรูปภาพ {digest[:16]} — a photo is missing")
        return bytes(data)

    return load


def _plan(
    session: Session,
    ctx: merge.LocalContext,
    incoming: Sequence[_Incoming],
    meta: _Meta,
    display: str,
) -> list[merge.PlannedSheet]:
    uuids = [i.uuid for i in incoming if i.uuid]
    by_uuid = (
        {r.uuid: r for r in session.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(uuids)))}
        if uuids
        else {}
    )
    twins = merge.sheets_by_place(session, ctx.inspector_id, [r.id for r in ctx.rounds.values()])
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
    local = merge.read_sheets(session, rows)
    copies = _copies(session, [r.uuid for r in rows])
    received = merge.received_versions(
        session,
        [r.uuid for r in rows],
        source=audit.Source.EXCEL.value,
        origin=meta.workbook_id,
        field="excel_hash",
    )
    planned: list[merge.PlannedSheet] = []
    for inc in incoming:
        rnd = ctx.rounds[inc.round_code]
        target_row = targets[inc.key]
        before = local[target_row.id] if target_row is not None else None
        if target_row is None and not inc.scores and not inc.note:
            continue  # an empty row for a tambon not scored yet
        base = before or merge.SheetData(
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
            target = merge.Target(
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
        decision = merge.decide_scoresheet(
            mine,
            inc.base_hash if same_sheet and inc.base_hash else None,
            target,
            seen,
            copies.get(target_row.uuid, frozenset()) if target_row is not None else frozenset(),
            rnd.final,
        )
        planned.append(
            merge.PlannedSheet(
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
    data = merge.read_sheets(session, rows)
    out: dict[str, set[str]] = {}
    for r in rows:
        assert r.conflict_of is not None
        out.setdefault(r.conflict_of, set()).add(visible_hash(data[r.id]))
    return {k: frozenset(v) for k, v in out.items()}
