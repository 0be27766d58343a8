"""Reading table files: .xlsx and .csv, Thai or English headers in any order, encodings, Thai
digits, empty rows, and clear errors for a missing column or a broken or unsupported file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from evaluator.errors import InputError
from evaluator.io.tables import (
    Column,
    decode_text,
    parse_int,
    parse_number,
    read_table,
    thai_digits_to_arabic,
)
from tests.evaluator.helpers import write_csv, write_xlsx

COLUMNS = (
    Column("tambon_code", "รหัสตำบล", ("code",), numeric=True),
    Column("tambon", "ตำบล", ("subdistrict",)),
    Column("score", "คะแนน", (), numeric=True),
    Column("note", "หมายเหตุ", (), required=False),
)
THAI = ["รหัสตำบล", "ตำบล", "คะแนน", "หมายเหตุ"]
ENGLISH = ["tambon_code", "tambon", "score", "note"]
ROWS = [
    ["840503", "เกาะเต่า", "7.5", "ผู้นำทำก่อน"],
    ["840502", "บ้านใต้", "10", ""],
]
EXPECTED = [
    (2, {"tambon_code": "840503", "tambon": "เกาะเต่า", "score": "7.5", "note": "ผู้นำทำก่อน"}),
    (3, {"tambon_code": "840502", "tambon": "บ้านใต้", "score": "10", "note": ""}),
]


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    return [(r.number, r.values) for r in read_table(path, COLUMNS).rows]


def _refused(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_table(path, COLUMNS)
    return info.value


# --- numbers ---------------------------------------------------------------------------------


def test_thai_digits_become_arabic() -> None:
    assert thai_digits_to_arabic("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert thai_digits_to_arabic("หมู่ ๓") == "หมู่ 3"


@pytest.mark.parametrize(
    ("text", "value"),
    [("7", 7.0), ("๗.๕", 7.5), (" 8 ", 8.0), ("0", 0.0), (".5", 0.5), ("1,000", 1000.0)],
)
def test_parse_number_accepts_arabic_and_thai_digits(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "7 คะแนน", "nan", "inf", "1,2", "7..5", "๗-"])
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_parse_int() -> None:
    assert parse_int("๑๘") == 18
    assert parse_int("5.0") == 5
    with pytest.raises(ValueError):
        parse_int("5.5")


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [THAI, ENGLISH])
def test_thai_or_english_headers_in_xlsx_and_csv(tmp_path: Path, header: list[str]) -> None:
    assert _rows(write_xlsx(tmp_path / "t.xlsx", header, ROWS)) == EXPECTED
    assert _rows(write_csv(tmp_path / "t.csv", header, ROWS)) == EXPECTED


def test_headers_ignore_case_spaces_and_underscores(tmp_path: Path) -> None:
    header = [" Tambon Code ", "TAMBON", "Score", "N o t e"]
    assert _rows(write_csv(tmp_path / "t.csv", header, ROWS)) == EXPECTED


def test_bilingual_headers_and_aliases(tmp_path: Path) -> None:
    header = ["รหัสตำบล (tambon_code)", "Subdistrict", "คะแนน / score", "หมายเหตุ"]
    table = read_table(write_csv(tmp_path / "t.csv", header, ROWS), COLUMNS)
    assert [(r.number, r.values) for r in table.rows] == EXPECTED
    assert table.label("tambon_code") == "รหัสตำบล (tambon_code)"
    assert table.label("tambon") == "Subdistrict"


def test_any_column_order_and_extra_columns_ignored(tmp_path: Path) -> None:
    header = ["ลำดับ", "หมายเหตุ", "คะแนน", "อำเภอ", "ตำบล", "รหัสตำบล"]
    rows = [
        ["1", "ผู้นำทำก่อน", "7.5", "เกาะพะงัน", "เกาะเต่า", "840503"],
        ["2", "", "10", "เกาะพะงัน", "บ้านใต้", "840502"],
    ]
    assert _rows(write_xlsx(tmp_path / "t.xlsx", header, rows)) == EXPECTED
    assert _rows(write_csv(tmp_path / "t.csv", header, rows)) == EXPECTED


def test_optional_column_may_be_absent(tmp_path: Path) -> None:
    table = read_table(
        write_csv(tmp_path / "t.csv", THAI[:3], [r[:3] for r in ROWS]),
        COLUMNS,
    )
    assert not table.has("note")
    assert table.rows[0].values == {"tambon_code": "840503", "tambon": "เกาะเต่า", "score": "7.5"}


def test_missing_required_columns_are_named(tmp_path: Path) -> None:
    error = _refused(write_csv(tmp_path / "scores.csv", ["รหัสตำบล", "หมายเหตุ"], [["840503", ""]]))
    fields = {p.field for p in error.problems}
    assert fields == {"ตำบล (tambon)", "คะแนน (score)"}
    assert all(p.file == "scores.csv" and p.row == 1 for p in error.problems)
    assert "scores.csv, แถว 1, ช่อง 'คะแนน (score)'" in str(error)


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    error = _refused(write_csv(tmp_path / "t.csv", [*THAI, "score"], [[*ROWS[0], "8"]]))
    assert error.problems[0].row == 1
    assert error.problems[0].field == "score"
    assert "ซ้ำ" in error.problems[0].message


# --- encodings and cells ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620", "utf-16"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "t.csv", THAI, ROWS, encoding=encoding)
    assert _rows(path) == EXPECTED


def test_cp874_bytes_really_are_not_utf8(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "t.csv", THAI, ROWS, encoding="cp874").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_text(data, "t.csv")[1] == "cp874"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "t.csv", THAI, ROWS, delimiter=delimiter)
    assert _rows(path) == EXPECTED


def test_a_file_that_is_neither_utf8_nor_cp874_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes("รหัสตำบล,ตำบล,คะแนน\n".encode() + b"\xdb\xdc\xfc\xfd,\x00\x01,1\n")
    error = _refused(path)
    assert error.problems[0].file == "garbage.csv"
    assert "UTF-8" in error.problems[0].message and "TIS-620" in error.problems[0].message


def test_thai_digits_in_number_cells_only(tmp_path: Path) -> None:
    rows = [["๘๔๐๕๐๓", "เกาะเต่า", "๗.๕", "หมู่ ๓"]]
    for path in (
        write_csv(tmp_path / "t.csv", THAI, rows, encoding="cp874"),
        write_xlsx(tmp_path / "t.xlsx", THAI, rows),
    ):
        assert _rows(path) == [
            (2, {"tambon_code": "840503", "tambon": "เกาะเต่า", "score": "7.5", "note": "หมู่ ๓"})
        ]


def test_empty_rows_skipped_and_row_numbers_kept(tmp_path: Path) -> None:
    rows = [ROWS[0], ["", "", "", ""], [], ROWS[1]]
    expected = [EXPECTED[0], (5, EXPECTED[1][1])]
    assert _rows(write_csv(tmp_path / "t.csv", THAI, rows)) == expected
    assert _rows(write_xlsx(tmp_path / "t.xlsx", THAI, rows)) == expected


def test_xlsx_numbers_and_leading_empty_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [[840503, "เกาะเต่า", 7.5, None], [840502.0, "บ้านใต้", 10, None]]
    table = read_table(write_xlsx(tmp_path / "t.xlsx", THAI, rows, before=[[], []]), COLUMNS)
    assert table.header_row == 3
    assert [(r.number, r.values["tambon_code"], r.values["score"]) for r in table.rows] == [
        (4, "840503", "7.5"),
        (5, "840502", "10"),
    ]


def test_xlsx_table_on_a_later_sheet_is_found(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "คำอธิบาย"
    cover.append(["กรอกคะแนนในแผ่นงานถัดไป"])
    data = workbook.create_sheet("คะแนน")
    for row in [THAI, *ROWS]:
        data.append(row)
    workbook.save(path)
    assert _rows(path) == EXPECTED


# --- broken and unsupported files ------------------------------------------------------------


def test_broken_xlsx_is_reported_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    error = _refused(path)
    assert error.problems[0].file == "broken.xlsx"
    assert "Excel" in error.problems[0].message


def test_truncated_xlsx_is_reported(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", THAI, ROWS).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert _refused(path).problems[0].file == "cut.xlsx"


def test_xlsx_with_a_damaged_sheet_is_reported(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", THAI, ROWS)
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert _refused(path).problems[0].file == "damaged.xlsx"


def test_malformed_csv_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('รหัสตำบล,ตำบล,คะแนน\n840503,"เกาะเต่า,7\n', encoding="utf-8")
    assert _refused(path).problems[0].file == "bad.csv"


@pytest.mark.parametrize(
    ("name", "words"),
    [("old.xls", ".xls"), ("sheet.ods", "ไม่รองรับ"), ("noext", "ไม่รองรับ")],
)
def test_unsupported_file_types(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    error = _refused(path)
    assert error.problems[0].file == name
    assert words in error.problems[0].message


def test_missing_and_empty_files(tmp_path: Path) -> None:
    assert "ไม่พบไฟล์" in _refused(tmp_path / "nothing.csv").problems[0].message
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "ว่าง" in _refused(empty).problems[0].message
    blank = write_xlsx(tmp_path / "blank.xlsx", [], [])
    assert _refused(blank).problems[0].file == "blank.xlsx"
