"""The cells of a table file (.xlsx or .csv), read as a stream (:mod:`evaluator.io.tables`).

Rows come one at a time, so a file of 200,000 rows never sits in memory whole: a workbook is
read with openpyxl's read-only mode (and stays open until the caller's ``ExitStack`` closes),
a CSV file is decoded as it is read, after one pass over its bytes to tell its encoding. A
fault found on the way (a damaged workbook, a malformed CSV line) raises
:class:`~evaluator.errors.InputError` from the iteration, naming the file (and the line).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import date, datetime, time
from pathlib import Path
from typing import IO

from evaluator.errors import InputError, Problem
from evaluator.text import ZERO_WIDTH

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
SUPPORTED = ".xlsx, .csv"

Cells = Iterator[tuple[int, list[str]]]
"""A sheet's rows: the spreadsheet row number and the cells' texts."""
Sheet = tuple[str | None, Cells]
"""A sheet's name (None for a CSV file) and its rows."""

# Characters a spreadsheet or a copy from a web page leaves in cells and that mean nothing.
INVISIBLE = str.maketrans("", "", ZERO_WIDTH)
_INVISIBLE = re.compile(f"[{ZERO_WIDTH}]")
_CHUNK = 1 << 20


def open_sheets(path: Path, display: str, stack: ExitStack) -> list[Sheet]:
    """The sheets of a .xlsx file (one for a .csv file), their rows read lazily; the file stays
    open until ``stack`` closes. Raises InputError for a missing, unsupported or unreadable file.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError([Problem("ไม่พบไฟล์ — file not found", display)])
    if suffix in XLSX_SUFFIXES:
        return _xlsx_sheets(path, display, stack)
    if suffix in CSV_SUFFIXES:
        return [(None, _csv_rows(path, display, stack))]
    if suffix == ".xls":
        raise InputError(
            [
                Problem(
                    "ไฟล์ Excel รุ่นเก่า (.xls) ใช้ไม่ได้ กรุณาบันทึกเป็น .xlsx หรือ .csv "
                    "— old .xls files are not supported, save as .xlsx or .csv",
                    display,
                )
            ]
        )
    raise InputError(
        [
            Problem(
                f"ไม่รองรับไฟล์ชนิด '{path.suffix or '(ไม่มีนามสกุล)'}' ใช้ได้เฉพาะ {SUPPORTED} "
                f"— unsupported file type '{path.suffix or '(none)'}', use {SUPPORTED}",
                display,
            )
        ]
    )


# --- xlsx ------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).translate(INVISIBLE)


def _damaged(display: str, exc: Exception) -> InputError:
    return InputError(
        [
            Problem(
                f"อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสีย — damaged workbook ({type(exc).__name__})",
                display,
            )
        ]
    )


def _xlsx_sheets(path: Path, display: str, stack: ExitStack) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key) for a damaged file
        raise InputError(
            [
                Problem(
                    "เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ .xlsx "
                    f"— cannot read the workbook ({type(exc).__name__})",
                    display,
                )
            ]
        ) from exc
    stack.callback(workbook.close)
    try:
        worksheets = list(workbook.worksheets)
    except Exception as exc:
        raise _damaged(display, exc) from exc

    def rows(worksheet: object) -> Cells:
        try:
            reset = getattr(worksheet, "reset_dimensions", None)
            if reset is not None:
                reset()  # trust the cells, not the size some writers record wrongly
            values = worksheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
            for number, cells in enumerate(values, start=1):
                yield number, [_cell_text(v) for v in cells]
        except InputError:
            raise
        except Exception as exc:
            raise _damaged(display, exc) from exc

    return [(sheet.title, rows(sheet)) for sheet in worksheets]


# --- csv -------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_TEXT = (
    "อ่านไฟล์ CSV ไม่ได้ ไม่ใช่ข้อความ UTF-8 หรือ TIS-620 (cp874) — "
    "the file is neither UTF-8 nor TIS-620/cp874 text"
)


def _candidates(start: bytes) -> list[str]:
    if start.startswith(b"\xef\xbb\xbf"):
        return ["utf-8-sig"]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ["utf-16"]
    return ["utf-8", "cp874"]


def decode_text(data: bytes, display: str) -> tuple[str, str]:
    """The text of a file's bytes and the encoding it was in: UTF-8 (BOM or not), UTF-16 with
    BOM, else TIS-620/cp874. Raises InputError when it is none of them."""
    for encoding in _candidates(data[:4]):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            continue  # a binary file can decode as cp874; real text has no control bytes
        return text, encoding
    raise InputError([Problem(_NOT_TEXT, display)])


def _is_text(path: Path, encoding: str) -> tuple[bool, bool]:
    """Whether the whole file decodes in this encoding without control characters, and
    whether it holds any invisible character (:data:`ZERO_WIDTH`); read a megabyte at a
    time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    invisible = False
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                text = decoder.decode(chunk)
                if _CONTROL.search(text):
                    return False, invisible
                invisible = invisible or _has_invisible(text)
            text = decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False, invisible
    return not _CONTROL.search(text), invisible or _has_invisible(text)


def _has_invisible(text: str) -> bool:
    return any(ch in text for ch in ZERO_WIDTH)  # a fast search each, no regular expression


def _text_encoding(path: Path, display: str) -> tuple[str, bool]:
    """:func:`file_encoding`, and whether the text holds any invisible character."""
    with path.open("rb") as handle:
        start = handle.read(4)
    for encoding in _candidates(start):
        text, invisible = _is_text(path, encoding)
        if text:
            return encoding, invisible
    raise InputError([Problem(_NOT_TEXT, display)])


def file_encoding(path: Path, display: str) -> str:
    """The encoding :func:`decode_text` would find for the file, without holding it whole."""
    return _text_encoding(path, display)[0]


def _delimiter(handle: IO[str]) -> str:
    first = next((line for line in handle if line.strip()), "")
    handle.seek(0)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _csv_rows(path: Path, display: str, stack: ExitStack) -> Cells:
    encoding, invisible = _text_encoding(path, display)
    handle = stack.enter_context(path.open(encoding=encoding, newline=""))
    delimiter = _delimiter(handle)
    # the invisible characters taken out of each line before it is split (they are neither
    # delimiters nor quotes): one pass per line instead of one per cell, none in a file that
    # has none (found while its encoding was checked)
    lines: Iterable[str] = (_INVISIBLE.sub("", line) for line in handle) if invisible else handle
    reader = csv.reader(lines, delimiter=delimiter, strict=True)

    def rows() -> Cells:
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as exc:
            raise InputError(
                [
                    Problem(
                        f"รูปแบบ CSV เสีย — malformed CSV ({exc})",
                        display,
                        reader.line_num or None,
                    )
                ]
            ) from exc

    return rows()
