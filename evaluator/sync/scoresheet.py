"""Excel scoresheets for inspectors who work without the app.

:func:`export_scoresheet` writes one workbook per inspector:

``คำชี้แจง`` (instructions)
    who, which contest and rubric version, how to fill it in.
``แบบประเมิน`` (the scores)
    one row per tambon assigned to the inspector in each open round:
    where it is, then for every criterion a score cell (data validation: a number from 0 to the
    criterion's maximum) and a note cell, then the sheet's note and its status (a list: draft or
    submitted). Only these cells are unlocked; the sheet is protected, and so is the workbook's
    structure. Two hidden columns hold each row's key and sheet uuid; after them come the five
    fields of the lessons learned (ถอดบทเรียน, ``evaluator/lesson_fields.py``), named in
    ``_meta`` (``lessons``): a workbook exported before lessons existed has none, and its import
    leaves a sheet's lessons as they are.
``เกณฑ์และระดับคะแนน`` (the rubric)
    every criterion with its maximum, weight and level descriptions.
``_meta`` (very hidden)
    the workbook's id, inspector, contest, rubric version, criteria in column order, and for every
    row its key, sheet uuid, round, tambon, version and the hash of the content it was exported
    with, so that an import can make a three-way merge.

:mod:`evaluator.sync.scoresheet_read` reads it back (every cell checked first, each bad one
reported by sheet, row and column) and plans the merge: a row unchanged in the workbook changes
nothing, a row changed in the workbook replaces the sheet when the sheet has not changed here
since the export, otherwise both are kept as a conflict
(:func:`evaluator.sync.decide.decide_scoresheet`). Photos are not in the workbook; a sheet keeps
its photos. The same workbook imported twice changes nothing the second time. The service that
users call is :mod:`evaluator.services.scoresheets` (it checks who may export or import).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.bands import band_range_text
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.files import replace_file, temporary_beside
from evaluator.i18n import Catalog
from evaluator.lesson_fields import LESSON_FIELDS
from evaluator.spreadsheet import finish, header_rows, thai_datetime
from evaluator.sync.local import contest_for, contest_info, find_inspector, read_sheets
from evaluator.sync.package import ContestInfo
from evaluator.sync.wire import SheetData, canonical_json
from evaluator.text import spacing_count

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


def visible_content(sheet: SheetData) -> dict[str, object]:
    """What a scoresheet can show and change of a sheet: status, notes, scores and lessons."""
    content = sheet.content()
    return {k: v for k, v in content.items() if k != "photos"}


def visible_hash(sheet: SheetData) -> str:
    return hashlib.sha256(canonical_json(visible_content(sheet))).hexdigest()


# --- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoresheetExport:
    path: Path
    inspector: str
    contest: str
    rows: int
    workbook_id: str

    def lines(self) -> list[str]:
        """What was written, in the current language (Thai on the command line)."""
        return [
            TEXT.text("exported", inspector=self.inspector, rows=self.rows, path=self.path),
            TEXT.text("fill"),
        ]


TEXT = Catalog(
    "scoresheet",
    {
        "exported": (
            "ส่งออกแบบประเมิน Excel ของ {inspector}: {rows} แถว → {path}",
            "Exported the Excel scoresheet of {inspector}: {rows} rows → {path}",
        ),
        "fill": (
            "กรอกเฉพาะช่องสีเหลือง แล้วส่งไฟล์กลับเพื่อนำเข้าด้วย import scoresheet",
            "Only the yellow cells are filled in; the file comes back through Import ›"
            " Excel scoresheet (import scoresheet)",
        ),
    },
)


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
    sheet: SheetData | None


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
        data = read_sheets(session, sheets)
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
        # only assigned tambons: a sheet for any other would be refused on import
        for code in sorted(assigned, key=lambda c: (places[c], c)):
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
                f"{band_range_text(lv.min_score, lv.max_score, i == len(c.levels) - 1)}"
                f" {lv.label}: {lv.description}".strip()
                for i, lv in enumerate(c.levels)
            ),
        )
        for c in session.scalars(
            select(m.Criterion)
            .where(m.Criterion.contest_id == contest.id)
            .order_by(m.Criterion.position, m.Criterion.id)
        )
    ]


def _head(cell: Cell | MergedCell, value: object) -> None:
    cell.value = value  # type: ignore[assignment]
    cell.font = Font(bold=True)
    cell.fill = _HEAD_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    cell.border = _BOX


@dataclass(frozen=True)
class DataColumns:
    """Where things sit in the data sheet, from the number of criteria: the fixed columns, a
    score and a note column per criterion, the sheet's note, the status, the hidden row key and
    sheet uuid, then one column per lesson field. The writer and the reader both use it."""

    first_crit: int
    note: int
    status: int
    key: int
    uuid: int
    first_lesson: int

    @classmethod
    def for_criteria(cls, count: int) -> DataColumns:
        first_crit = len(FIXED) + 1
        note = first_crit + 2 * count
        return cls(first_crit, note, note + 1, note + 2, note + 3, note + 4)


def _input(cell: Cell | MergedCell) -> Cell | MergedCell:
    """A cell the inspector fills: unlocked, yellow, boxed."""
    cell.protection = Protection(locked=False)
    cell.fill = _INPUT_FILL
    cell.border = _BOX
    return cell


def _protect(ws: Worksheet, password: str) -> None:
    ws.protection.sheet = True
    ws.protection.password = password


def _write_readme(wb: Workbook, inspector: str, info: ContestInfo, password: str) -> None:
    """The first sheet: what the workbook is and how to fill it, in Thai."""
    readme = wb.active
    assert readme is not None
    readme.title = README_SHEET
    lines = [
        f"แบบประเมินตำบลผู้นำการเปลี่ยนแปลง — {info.title}",
        f"ผู้ประเมิน: {inspector}",
        f"การประกวด: {info.code}  เกณฑ์รุ่น {info.rubric_version}",
        f"ส่งออกเมื่อ: {thai_datetime(m.utcnow())}",
        "",
        "วิธีกรอก",
        f"1. กรอกคะแนนในช่องสีเหลืองของแผ่นงาน '{DATA_SHEET}' ตามช่วงที่กำหนดของแต่ละเกณฑ์",
        f"2. ดูคำอธิบายระดับคะแนนของแต่ละเกณฑ์ในแผ่นงาน '{RUBRIC_SHEET}'",
        "3. เขียนหมายเหตุได้ทั้งรายเกณฑ์และของทั้งแบบประเมิน",
        f"4. เมื่อให้คะแนนครบทุกเกณฑ์แล้ว เลือกสถานะ '{STATUS_SUBMITTED}'",
        "5. เขียนถอดบทเรียนของแต่ละตำบลในคอลัมน์ท้ายตาราง (แนวปฏิบัติที่ดี ปัจจัยแห่งความสำเร็จ"
        " ปัญหาอุปสรรคและวิธีแก้ไข สิ่งที่ตำบลอื่นนำไปใช้ได้ ผลที่เกิดกับหมู่บ้านเป้าหมาย)"
        " ขึ้นบรรทัดใหม่ในช่องด้วย Alt+Enter",
        "6. อย่าแก้ไขโครงสร้างของไฟล์ (แผ่นงาน แถว คอลัมน์) แล้วส่งไฟล์กลับให้คณะกรรมการ",
    ]
    for i, line in enumerate(lines, start=1):
        readme.cell(row=i, column=1, value=line)
    readme["A1"].font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 100
    header_rows(readme, 0)
    _protect(readme, password)


def _data_headers(
    ws: Worksheet, cols: DataColumns, title: str, criteria: Sequence[_Criterion]
) -> None:
    """The data sheet's title, header row and column widths (the hidden columns hidden)."""
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    for i, head in enumerate(FIXED, start=1):
        _head(ws.cell(row=HEADER_ROW, column=i), head)
    for k, c in enumerate(criteria):
        col = cols.first_crit + 2 * k
        _head(ws.cell(row=HEADER_ROW, column=col), f"{c.code} {c.title}\nคะแนน 0–{c.max_score:g}")
        _head(ws.cell(row=HEADER_ROW, column=col + 1), f"{c.code}\nหมายเหตุ")
        if c.levels:
            ws.cell(row=HEADER_ROW, column=col).comment = Comment(c.levels[:2000], "evaluator")
        ws.column_dimensions[get_column_letter(col)].width = 14
        ws.column_dimensions[get_column_letter(col + 1)].width = 24
    _head(ws.cell(row=HEADER_ROW, column=cols.note), "หมายเหตุของแบบประเมิน")
    _head(ws.cell(row=HEADER_ROW, column=cols.status), "สถานะ")
    _head(ws.cell(row=HEADER_ROW, column=cols.key), "_key")
    _head(ws.cell(row=HEADER_ROW, column=cols.uuid), "_uuid")
    for j, lesson_field in enumerate(LESSON_FIELDS):
        _head(ws.cell(row=HEADER_ROW, column=cols.first_lesson + j), lesson_field.title)
        ws.cell(row=HEADER_ROW, column=cols.first_lesson + j).comment = Comment(
            lesson_field.prompt, "evaluator"
        )
        ws.column_dimensions[get_column_letter(cols.first_lesson + j)].width = 40
    for col, width in zip(range(1, len(FIXED) + 1), (7, 26, 16, 16, 16, 10), strict=True):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(cols.note)].width = 30
    ws.column_dimensions[get_column_letter(cols.status)].width = 18
    ws.column_dimensions[get_column_letter(cols.key)].hidden = True
    ws.column_dimensions[get_column_letter(cols.uuid)].hidden = True


def _data_row(
    ws: Worksheet, cols: DataColumns, index: int, r: _Row, criteria: Sequence[_Criterion]
) -> None:
    """One tambon's row: its place, then what is stored of its sheet in the input cells."""
    row = FIRST_ROW + index
    place: tuple[int | str, ...] = (
        index + 1,
        r.round_title,
        r.province,
        r.district,
        r.tambon,
        r.tambon_code,
    )
    for col, value in enumerate(place, start=1):
        ws.cell(row=row, column=col, value=value).border = _BOX
    sheet = r.sheet
    scores = {sc.criterion: sc for sc in sheet.scores} if sheet is not None else {}
    for k, c in enumerate(criteria):
        col = cols.first_crit + 2 * k
        sc = scores.get(c.code)
        _input(ws.cell(row=row, column=col, value=None if sc is None else sc.value))
        _input(ws.cell(row=row, column=col + 1, value="" if sc is None else sc.note))
    submitted = sheet is not None and sheet.status != m.SheetStatus.DRAFT.value
    _input(ws.cell(row=row, column=cols.note, value=sheet.note if sheet is not None else ""))
    _input(
        ws.cell(row=row, column=cols.status, value=STATUS_SUBMITTED if submitted else STATUS_DRAFT)
    )
    ws.cell(row=row, column=cols.key, value=r.key)
    ws.cell(row=row, column=cols.uuid, value=r.uuid)
    texts = sheet.lessons.as_dict() if sheet is not None else {}
    for j, lesson_field in enumerate(LESSON_FIELDS):
        cell = ws.cell(row=row, column=cols.first_lesson + j, value=texts.get(lesson_field.key, ""))
        _input(cell).alignment = Alignment(wrap_text=True, vertical="top")


def _data_validations(
    ws: Worksheet, cols: DataColumns, criteria: Sequence[_Criterion], last: int
) -> None:
    """Each score column takes a number from 0 to the criterion's maximum; the status column
    takes draft or submitted."""
    for k, c in enumerate(criteria):
        letter = get_column_letter(cols.first_crit + 2 * k)
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
    status_letter = get_column_letter(cols.status)
    status_dv.add(f"{status_letter}{FIRST_ROW}:{status_letter}{last}")
    ws.add_data_validation(status_dv)


def _write_data(
    wb: Workbook,
    inspector: str,
    info: ContestInfo,
    criteria: Sequence[_Criterion],
    rows: Sequence[_Row],
    password: str,
) -> None:
    """The data sheet: one row per tambon, the input cells unlocked and checked."""
    ws = wb.create_sheet(DATA_SHEET)
    cols = DataColumns.for_criteria(len(criteria))
    _data_headers(ws, cols, f"แบบประเมินของ {inspector} — {info.code}", criteria)
    for i, r in enumerate(rows):
        _data_row(ws, cols, i, r, criteria)
    _data_validations(ws, cols, criteria, FIRST_ROW + len(rows) - 1)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=cols.first_crit)
    header_rows(ws, HEADER_ROW)  # the title and the column heads on every printed page
    ws.row_dimensions[HEADER_ROW].height = _header_height(ws)
    _protect(ws, password)
    ws.protection.formatColumns = False  # let the inspector widen columns


def _header_height(ws: Worksheet) -> float:
    """A header row tall enough for its longest wrapped head (no clipped first line): each
    line of a head takes its spacing characters (marks above and below take no room) over
    about its column's width in characters, at 16 points a line, never less than 45."""
    lines = 1
    for cell in ws[HEADER_ROW]:
        width = ws.column_dimensions[get_column_letter(cell.column or 1)].width or 8.43
        parts = str(cell.value or "").split("\n")
        lines = max(lines, sum(-(-spacing_count(p) // max(1, int(width))) for p in parts))
    return max(45.0, 16.0 * lines)


def _write_rubric(wb: Workbook, criteria: Sequence[_Criterion], password: str) -> None:
    """The rubric sheet: each criterion with its maximum, weight and level descriptions."""
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
    _protect(rubric, password)


def _write_meta(
    wb: Workbook,
    header: Sequence[tuple[str, object]],
    rows: Sequence[_Row],
    password: str,
) -> None:
    """The very hidden description the reader checks the workbook against: the header, then
    each row's key, sheet uuid, round, tambon, version and base hash."""
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
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
    _protect(meta, password)


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
    _write_readme(wb, inspector, info, password)
    _write_data(wb, inspector, info, criteria, rows, password)
    _write_rubric(wb, criteria, password)
    header: list[tuple[str, object]] = [
        ("format", FORMAT),
        ("format_version", FORMAT_VERSION),
        ("workbook_id", workbook_id),
        ("inspector", inspector),
        ("contest", info.code),
        ("rubric_version", info.rubric_version),
        ("criteria", ",".join(c.code for c in criteria)),
        ("lessons", ",".join(f.key for f in LESSON_FIELDS)),
        ("exported_at", m.utcnow().isoformat()),
        ("rows", len(rows)),
    ]
    _write_meta(wb, header, rows, password)
    wb.security = WorkbookProtection(workbookPassword=password, lockStructure=True)
    wb.active = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(out)
    # a name, note or title starting with "=" stays text, never a formula; A4, fitted, titled
    finish(wb)
    try:
        wb.save(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    replace_file(tmp, out)  # retried while Excel holds the old file open, then said clearly
    return ScoresheetExport(out, inspector, info.code, len(rows), workbook_id)
