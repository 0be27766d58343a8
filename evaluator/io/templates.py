"""Blank workbooks a department fills in and imports (DESIGN.md section 5): one per table kind.

Each template has a data sheet (``ข้อมูล``) with the Thai header names the importer reads, one
example row in grey, data validation (roles, zones 1–18, the contest's provinces, the stored
rounds and criteria) and a sheet of instructions in Thai (``คำแนะนำ``). Every cell is written
as text, so a value starting with ``=``, ``+``, ``-`` or ``@`` never becomes a formula, and the
data columns are formatted as text, so phone numbers keep their leading 0.

The example row carries a mark in its last column (``ตัวอย่าง (example)``); the importers skip
a row that is still exactly the example (with a warning), so a filled-in template imports
whether the example row was overwritten, deleted or left in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evaluator import files
from evaluator.geography import ZONE_COUNT, default_zone_table
from evaluator.io import geography_import, people_import, scores_import, users_import
from evaluator.io.tables import EXAMPLE_HEADER, Column

if TYPE_CHECKING:  # openpyxl is imported when a template is written, not with the services
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

KINDS = ("inspectors", "assignments", "leaders", "users", "geography", "scores")
EXAMPLE_MARK = "แถวตัวอย่าง ลบหรือเขียนทับได้ — example row"
DATA_SHEET = "ข้อมูล"
INSTRUCTIONS_SHEET = "คำแนะนำ"
LISTS_SHEET = "lists"
TEXT_ROWS = 2000  # rows formatted as text and validated below the header
ROLE_NAMES_TH = ("ผู้ประเมิน", "คณะกรรมการ", "ผู้ดูแลระบบ")


@dataclass(frozen=True)
class Template:
    """One kind: its columns, the example row by field, what each column means (Thai)."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    example: Mapping[str, str]
    notes: Mapping[str, str]
    command: str


TEMPLATES: dict[str, Template] = {
    "inspectors": Template(
        "inspectors",
        "รายชื่อผู้ประเมิน",
        people_import.INSPECTOR_COLUMNS,
        {
            "name": "นายตัวอย่าง ใจดี",
            "position": "ผู้ตรวจราชการกรม",
            "zone": "5",
            "home_province": "ชุมพร",
            "phone": "0812345678",
            "email": "tuayang.j@cdd.go.th",
        },
        {
            "name": "คำนำหน้า ชื่อ และนามสกุล ชื่อที่มีอยู่แล้วจะถูกปรับปรุงข้อมูล",
            "position": "ตำแหน่งของผู้ประเมิน",
            "zone": f"เขตตรวจราชการที่ดูแล เลข 1–{ZONE_COUNT}",
            "home_province": "จังหวัดภูมิลำเนา ใช้ตรวจผลประโยชน์ทับซ้อน",
            "phone": "ไม่บังคับ",
            "email": "ไม่บังคับ",
        },
        "evaluator --db X import inspectors FILE",
    ),
    "assignments": Template(
        "assignments",
        "การมอบหมายตำบลให้ผู้ประเมิน",
        people_import.ASSIGNMENT_COLUMNS,
        {"round": "outstanding", "inspector": "นายตัวอย่าง ใจดี", "tambon_code": "840503"},
        {
            "round": "รหัสรอบการประกวด (ดูรายการในช่อง)",
            "inspector": "ชื่อผู้ประเมินตามรายชื่อผู้ประเมินที่นำเข้าแล้ว",
            "tambon_code": "รหัสตำบล 6 หลักของตำบลเป้าหมาย",
            "contest": "ไม่บังคับ ใช้เมื่อมีการประกวดหลายรายการที่รหัสรอบซ้ำกัน",
        },
        "evaluator --db X import assignments FILE",
    ),
    "leaders": Template(
        "leaders",
        "รายชื่อผู้นำการเปลี่ยนแปลง",
        people_import.LEADER_COLUMNS,
        {
            "tambon_code": "840503",
            "title": "นาง",
            "first_name": "ตัวอย่าง",
            "last_name": "รักถิ่น",
            "position": "ผู้ใหญ่บ้าน หมู่ที่ 1",
            "village": "บ้านแม่หาด",
            "phone": "0891234567",
        },
        {
            "tambon_code": "รหัสตำบล 6 หลัก ตำบลที่อยู่ในไฟล์จะถูกแทนที่รายชื่อผู้นำทั้งหมด",
            "title": "คำนำหน้าชื่อ เช่น นาย นาง นางสาว",
            "first_name": "ชื่อ (ชื่อซ้ำในตำบลเดียวกันไม่ได้)",
            "last_name": "นามสกุล",
            "position": "ไม่บังคับ",
            "village": "ไม่บังคับ",
            "phone": "ไม่บังคับ",
        },
        "evaluator --db X import leaders FILE",
    ),
    "users": Template(
        "users",
        "บัญชีผู้ใช้",
        users_import.USER_COLUMNS,
        {
            "login": "tuayang.j",
            "name": "นายตัวอย่าง ใจดี",
            "role": "ผู้ประเมิน",
            "inspector": "นายตัวอย่าง ใจดี",
        },
        {
            "login": "ชื่อเข้าระบบ ภาษาอังกฤษ ตัวเลข จุด ขีด",
            "name": "ชื่อที่แสดง",
            "role": "ผู้ประเมิน คณะกรรมการ หรือ ผู้ดูแลระบบ",
            "inspector": "สำหรับบทบาทผู้ประเมิน: ชื่อตามรายชื่อผู้ประเมิน",
        },
        "evaluator --db X import users FILE",
    ),
    "geography": Template(
        "geography",
        "ตำบลเป้าหมาย",
        geography_import.COLUMNS,
        {
            "zone": "5",
            "province": "สุราษฎร์ธานี",
            "district": "เกาะพะงัน",
            "tambon": "เกาะเต่า",
            "tambon_code": "840503",
        },
        {
            "zone": "ไม่บังคับ ถ้าใส่ต้องตรงกับเขตของจังหวัด",
            "province": "ชื่อจังหวัด",
            "district": "ชื่ออำเภอ",
            "tambon": "ชื่อตำบล",
            "tambon_code": "รหัสตำบล 6 หลักของกรมการปกครอง",
        },
        "evaluator --db X import geography FILE",
    ),
    "scores": Template(
        "scores",
        "คะแนน (หนึ่งแถวต่อหนึ่งเกณฑ์)",
        scores_import.COLUMNS,
        {
            "round": "outstanding",
            "inspector": "นายตัวอย่าง ใจดี",
            "tambon_code": "840503",
            "criterion": "C1",
            "score": "8",
            "note": "",
        },
        {
            "round": "รหัสรอบการประกวด",
            "inspector": "ชื่อผู้ประเมิน",
            "tambon_code": "รหัสตำบล 6 หลัก",
            "criterion": "รหัสเกณฑ์",
            "score": "คะแนน ไม่เกินคะแนนเต็มของเกณฑ์",
            "note": "ไม่บังคับ",
            "status": "ไม่บังคับ: ร่าง หรือ ส่งแล้ว",
            "contest": "ไม่บังคับ",
        },
        "evaluator --db X import scores FILE",
    ),
}


def example_of(kind: str) -> Mapping[str, str]:
    """The example row of a kind's template, by field (what the importers skip)."""
    return TEMPLATES[kind].example


def text_cell(ws: Worksheet, row: int, column: int, value: str) -> Cell:
    """Write ``value`` as a text cell: never a formula, whatever it starts with."""
    from evaluator.spreadsheet import put

    return put(ws, row, column, value)  # the one helper every writer uses


def _lists_sheet(wb: Workbook, lists: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """A hidden sheet of the validation lists; the range formula of each by name."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items(), start=1):
        text_cell(ws, 1, col, name)
        for row, value in enumerate(values, start=2):
            text_cell(ws, row, col, value)
        letter = get_column_letter(col)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def _validate(ws: Worksheet, column: int, validation: DataValidation) -> None:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{TEXT_ROWS + 1}")
    ws.add_data_validation(validation)


def _validation(
    name: str, ranges: Mapping[str, str], *, rounds: bool, criteria: bool
) -> DataValidation | None:
    """The data validation of a column, if it has one."""
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {"home_province": "province", "province": "province", "role": "role"}
    if name in lists:
        return DataValidation(
            type="list",
            formula1=ranges[lists[name]],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="ค่าไม่ถูกต้อง",
            error="เลือกจากรายการ — choose from the list",
        )
    if (name == "round" and rounds) or (name == "criterion" and criteria):
        # a code not stored yet may still be typed: a drop-down hint, not a refusal
        return DataValidation(type="list", formula1=ranges[name], allow_blank=True)
    if name == "zone":
        return DataValidation(
            type="whole",
            operator="between",
            formula1="1",
            formula2=str(ZONE_COUNT),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="เขตตรวจราชการ",
            error=f"เลข 1–{ZONE_COUNT}",
        )
    return None


def write_template(
    kind: str,
    path: Path | str,
    *,
    rounds: Sequence[str] = (),
    criteria: Sequence[str] = (),
) -> Path:
    """Write the template of ``kind`` to ``path`` (.xlsx); ``rounds`` and ``criteria`` (codes
    stored in the database) become drop-down lists where the kind has such a column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    template = TEMPLATES[kind]
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET
    provinces = sorted(default_zone_table().zone_of)
    ranges = _lists_sheet(
        wb,
        {
            "province": provinces,
            "role": ROLE_NAMES_TH,
            "round": list(rounds),
            "criterion": list(criteria),
        },
    )
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    grey = Font(italic=True, color="808080")
    columns = [*template.columns, Column("example", EXAMPLE_HEADER, required=False)]
    for col, column in enumerate(columns, start=1):
        cell = text_cell(ws, 1, col, column.thai if column.field != "example" else EXAMPLE_HEADER)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        example = template.example.get(column.field, "")
        ws.column_dimensions[get_column_letter(col)].width = max(16, len(column.thai) + 8)
        if column.field == "zone":  # a number, checked by Excel as a whole number 1–18
            ws.cell(row=2, column=col, value=int(example)).font = grey
        else:
            mark = EXAMPLE_MARK if column.field == "example" else example
            text_cell(ws, 2, col, mark).font = grey
            # the column's own format (no empty cells made): what is typed stays text
            ws.column_dimensions[get_column_letter(col)].number_format = "@"
        validation = _validation(column.field, ranges, rounds=bool(rounds), criteria=bool(criteria))
        if validation is not None:
            _validate(ws, col, validation)
    ws.freeze_panes = "A2"
    _instructions(wb, template, columns[:-1])
    wb.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = files.temporary_beside(path)
    from evaluator.spreadsheet import finish

    finish(wb)  # A4, fitted to the width, the header on every page, every font named
    try:
        wb.save(tmp)
        files.replace_file(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _instructions(wb: Workbook, template: Template, columns: Sequence[Column]) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(INSTRUCTIONS_SHEET, 1)
    lines = [
        f"แบบฟอร์ม{template.title} — {template.kind} template",
        "",
        f"1. กรอกข้อมูลในแผ่นงาน '{DATA_SHEET}' ตั้งแต่แถวที่ 2 หนึ่งรายการต่อหนึ่งแถว",
        "2. แถวสีเทาเป็นตัวอย่าง เขียนทับหรือลบได้ ถ้าไม่แก้ไข โปรแกรมจะข้ามแถวนั้นให้",
        "3. ห้ามแก้ชื่อหัวคอลัมน์ (ใช้ชื่อภาษาไทยหรือภาษาอังกฤษได้ สลับลำดับคอลัมน์ได้ คอลัมน์อื่นจะถูกข้าม)",
        "4. บันทึกเป็น .xlsx หรือ .csv (UTF-8 หรือ TIS-620) ตัวเลขไทย ๐–๙ ใช้ได้",
        "5. ชื่อที่ต่างกันเพียงการเว้นวรรค สระอำที่พิมพ์แยก หรืออักขระที่มองไม่เห็น ถือเป็นชื่อเดียวกัน",
        "6. ถ้ามีแถวใดผิด โปรแกรมจะไม่นำเข้าทั้งไฟล์ และบอกแถวและช่องที่ต้องแก้ ข้อมูลเดิมไม่เปลี่ยน",
        f"7. นำเข้าในโปรแกรม (เมนูตั้งค่า) หรือคำสั่ง: {template.command}",
        "",
        "คอลัมน์ — columns:",
    ]
    for line_no, text in enumerate(lines, start=1):
        text_cell(ws, line_no, 1, text)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = len(lines) + 1
    for col, title in enumerate(("หัวคอลัมน์", "ชื่ออังกฤษ", "จำเป็น", "คำอธิบาย"), start=1):
        text_cell(ws, row, col, title).font = Font(bold=True)
    for column in columns:
        row += 1
        text_cell(ws, row, 1, column.thai)
        text_cell(ws, row, 2, column.field)
        text_cell(ws, row, 3, "จำเป็น" if column.required else "ไม่บังคับ")
        text_cell(ws, row, 4, template.notes.get(column.field, ""))
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 70
    for line in ws.iter_rows(min_row=1, max_row=row):
        for cell in line:
            cell.alignment = Alignment(wrap_text=False, vertical="top")
