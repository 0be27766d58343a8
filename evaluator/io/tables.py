"""Reading table files (.xlsx or .csv) into rows of canonical fields (DESIGN.md section 5).

A table's first non-empty row is its header. Header names are matched against each column's
Thai and English aliases, ignoring case, spaces, ``_``, ``-`` and ``.``, so ``รหัสตำบล``,
``tambon_code`` and ``Tambon Code`` are the same column; a bilingual header such as
``คะแนน (score)`` is matched by either part. Columns may come in any order and extra columns are
ignored. A .csv may be UTF-8 (with or without BOM), UTF-16 with BOM, or TIS-620/cp874; its
delimiter may be a comma, a semicolon or a tab. Every cell is normalised
(:func:`evaluator.text.normalise`: NFC, sara am composed, zero-width characters removed, spaces
trimmed and collapsed; line breaks kept only in multi-line columns such as notes), so a name that
only differs by such forms is the same name. Thai digits (๐–๙) are turned into Arabic ones in
the cells of number columns. Empty rows are skipped. Row numbers are the spreadsheet's own
(the header is row 1 in a usual file), so a message can point at the cell to fix.

Anything wrong with the file as a whole (unreadable, unsupported, a missing column) raises
:class:`~evaluator.errors.InputError` naming the file, the row and the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from evaluator.errors import InputError, Problem
from evaluator.io.table_files import (
    CSV_SUFFIXES,
    SUPPORTED,
    XLSX_SUFFIXES,
    Sheet,
    decode_text,
    open_sheets,
)
from evaluator.text import ZERO_WIDTH, normalise

__all__ = ["CSV_SUFFIXES", "SUPPORTED", "XLSX_SUFFIXES", "decode_text"]

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Characters a spreadsheet or a copy from a web page leaves in cells and that mean nothing.
_INVISIBLE = str.maketrans("", "", ZERO_WIDTH)
_HEADER_NOISE = re.compile(r"[\s_\-.:*]+")
_HEADER_PARTS = re.compile(r"[()\[\]/|]|—|–|\s-\s")
# The column a template marks its example row in (evaluator.io.templates).
EXAMPLE_HEADER = "ตัวอย่าง (example)"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def thai_digits_to_arabic(text: str) -> str:
    """The text with every Thai digit (๐–๙) replaced by its Arabic digit."""
    return text.translate(_THAI_DIGITS)


def parse_number(text: str) -> float:
    """A number written with Arabic or Thai digits (``"7.5"``, ``"๗.๕"``, ``"1,000"``).

    Raises ValueError for anything else, including an empty text, NaN and infinity.
    """
    cleaned = "".join(thai_digits_to_arabic(text.translate(_INVISIBLE)).split())
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"not a number: {text!r}")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def parse_int(text: str) -> int:
    """A whole number written with Arabic or Thai digits (``"5"``, ``"๕"``, ``"5.0"``)."""
    value = parse_number(text)
    if not value.is_integer():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


def header_key(text: str) -> str:
    """The form of a header name that aliases are compared in."""
    return _HEADER_NOISE.sub("", normalise(text).casefold())


_EXAMPLE_KEYS = {header_key(EXAMPLE_HEADER)}


@dataclass(frozen=True)
class Column:
    """A column a table may have: its canonical field, its Thai name and other accepted names."""

    field: str
    thai: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    numeric: bool = False
    multiline: bool = False  # keeps line breaks (notes)

    @property
    def label(self) -> str:
        """How a message names the column when the file has none: ``คะแนน (score)``."""
        return f"{self.thai} ({self.field})"

    def header_keys(self) -> set[str]:
        return {header_key(name) for name in (self.field, self.thai, *self.aliases)}


class Row(NamedTuple):
    """One data row: its spreadsheet row number and its cells by canonical field."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    """The rows of a table file, with the header text the file used for each field."""

    file: str
    headers: dict[str, str]
    rows: list[Row]
    header_row: int = 1
    columns: dict[str, Column] = field(default_factory=dict)
    example_row: int | None = None  # the template's example row, left as it was and skipped

    def example_warnings(self) -> list[str]:
        """A warning naming the skipped example row, if there was one."""
        if self.example_row is None:
            return []
        skipped = "ข้ามแถวตัวอย่างของแบบฟอร์ม — the template's example row was skipped"
        return [str(Problem(skipped, self.file, self.example_row))]

    def has(self, name: str) -> bool:
        """Whether the file has this (optional) column."""
        return name in self.headers

    def label(self, name: str) -> str:
        """The column's name as the file wrote it, for messages."""
        if name in self.headers:
            return self.headers[name]
        column = self.columns.get(name)
        return column.label if column else name

    def problem(self, row: int | None, name: str | None, message: str) -> Problem:
        """A problem at a row and field of this file."""
        return Problem(message, self.file, row, self.label(name) if name else None)


class TableStream(NamedTuple):
    """A table file being read: its header (``table``, whose ``rows`` list stays empty) and its
    data rows, read one at a time as ``rows`` is iterated (:func:`open_table`)."""

    table: Table
    rows: RowStream


@contextmanager
def open_table(
    path: Path | str,
    columns: Sequence[Column],
    *,
    name: str | None = None,
    example: Mapping[str, str] | None = None,
) -> Iterator[TableStream]:
    """Open a .xlsx or .csv file and read its header now and its rows as they are used, so a
    file of any length is checked and stored in bounded memory; the file is closed on leaving.

    The header's problems (a missing column...) raise InputError here; a damaged row further
    down raises it from the iteration. The arguments are those of :func:`read_table`.
    """
    path = Path(path)
    display = name or path.name
    with ExitStack() as stack:
        yield _pick_table(open_sheets(path, display, stack), columns, display, example)


def read_table(
    path: Path | str,
    columns: Sequence[Column],
    *,
    name: str | None = None,
    example: Mapping[str, str] | None = None,
) -> Table:
    """Read a .xlsx or .csv file into rows of the given columns' canonical fields.

    ``name`` is how messages name the file (default: the file's name). ``example``: the values
    of a template's example row (:mod:`evaluator.io.templates`); the first data row is skipped
    when it still holds exactly these and the example mark (column ``ตัวอย่าง (example)``).
    """
    with open_table(path, columns, name=name, example=example) as (header, rows):
        return Table(
            file=header.file,
            headers=header.headers,
            rows=list(rows),
            header_row=header.header_row,
            columns=header.columns,
            example_row=header.example_row,
        )


# --- checking rows ---------------------------------------------------------------------------

MAX_PROBLEMS = 500


class RowCheck:
    """The row loop of every table importer, written once.

    It names each problem by file, row and field (:meth:`Table.problem`), stops after
    :data:`MAX_PROBLEMS` problems with a last problem saying so, reports a table without data
    rows, tells whether the row being checked is still clean, and writes warnings naming the
    file and the row. Use it as::

        check = RowCheck(table)
        for n, values in check.rows():
            if not values.get("name"):
                check.problem(n, "name", "ไม่ได้ระบุชื่อ — the name is empty")
            if check.row_ok():
                records.append(...)
        return Result(records, check.problems, check.warnings)

    ``problems`` and ``warnings`` may be lists the caller already holds; they are appended to.
    """

    def __init__(
        self,
        table: Table,
        problems: list[Problem] | None = None,
        warnings: list[str] | None = None,
        *,
        limit: int = MAX_PROBLEMS,
    ) -> None:
        self.table = table
        self.problems: list[Problem] = [] if problems is None else problems
        self.warnings: list[str] = [] if warnings is None else warnings
        self.limit = limit
        self._row_start = len(self.problems)
        self._empty = True

    def rows(self, source: Iterable[Row] | None = None) -> Iterator[Row]:
        """The data rows in file order (the table's, or ``source``: the rows of a
        :class:`TableStream`), until the problems reach the limit."""
        for row in self.table.rows if source is None else source:
            if not self.start():
                return
            yield row
        self.finish()

    def start(self) -> bool:
        """A data row begins (for a caller that runs its own loop, as :meth:`rows` does):
        False, with a last problem saying so, once the problems have reached the limit."""
        self._empty = False
        if len(self.problems) >= self.limit:
            self.problems.append(
                Problem(
                    f"พบปัญหามากกว่า {self.limit} ข้อ หยุดตรวจ"
                    f" — more than {self.limit} problems: checking stopped",
                    self.table.file,
                )
            )
            return False
        self._row_start = len(self.problems)
        return True

    def finish(self) -> None:
        """The rows are over (not stopped by :meth:`start`): a table without any is a problem."""
        if self._empty:
            self.problems.append(
                Problem("ไม่มีแถวข้อมูลใต้หัวตาราง — the table has no data rows", self.table.file)
            )

    def problem(self, row: int, name: str, message: str) -> None:
        """A problem at a row and field (the column as the file names it)."""
        self.problems.append(self.table.problem(row, name, message))

    def warn(self, row: int, message: str) -> None:
        """A warning naming the file and the row; it does not refuse the file."""
        self.warnings.append(str(Problem(message, self.table.file, row)))

    def row_ok(self) -> bool:
        """Whether the row being checked has added no problem so far."""
        return len(self.problems) == self._row_start


# --- header matching -------------------------------------------------------------------------


@dataclass
class _Header:
    row: int
    positions: dict[str, int]
    texts: dict[str, str]
    problems: list[Problem]

    def missing(self, columns: Sequence[Column]) -> list[Column]:
        return [c for c in columns if c.required and c.field not in self.positions]


def _match_header(
    cells: Sequence[str], row: int, columns: Sequence[Column], display: str
) -> _Header:
    by_key: dict[str, str] = {}
    for column in columns:
        for key in column.header_keys():
            by_key[key] = column.field
    header = _Header(row, {}, {}, [])
    for index, text in enumerate(cells):
        if not text:
            continue
        name = by_key.get(header_key(text))
        if name is None:
            parts = {by_key.get(header_key(p)) for p in _HEADER_PARTS.split(text) if p.strip()}
            parts.discard(None)
            if len(parts) == 1:
                name = parts.pop()
        if name is None:
            continue
        if name in header.positions:
            header.problems.append(
                Problem(
                    f"มีคอลัมน์นี้ซ้ำ ('{header.texts[name]}' และ '{text}')"
                    f" — the column appears twice ('{header.texts[name]}' and '{text}')",
                    display,
                    row,
                    text,
                )
            )
            continue
        header.positions[name] = index
        header.texts[name] = text
    return header


def _pick_table(
    sheets: list[Sheet],
    columns: Sequence[Column],
    display: str,
    example: Mapping[str, str] | None = None,
) -> TableStream:
    """The first sheet whose header has every required column (or the first sheet's problems)."""
    first_failure: list[Problem] | None = None
    for sheet_name, rows in sheets:
        where = f"{display} [{sheet_name}]" if sheet_name and len(sheets) > 1 else display
        header_cells: tuple[int, list[str]] | None = next(
            ((n, cells) for n, cells in rows if any(cells)), None
        )
        if header_cells is None:
            failure = [Problem("ไฟล์ว่าง ไม่พบแถวหัวตาราง — the file is empty", where)]
        else:
            header_row, cells = header_cells
            header = _match_header([c.strip() for c in cells], header_row, columns, where)
            failure = header.problems + [
                Problem(
                    f"ไม่พบคอลัมน์ '{c.thai}' ({c.field}) ที่จำเป็น"
                    f" — the required column '{c.field}' ({c.thai}) is missing",
                    where,
                    header_row,
                    c.label,
                )
                for c in header.missing(columns)
            ]
            if not failure:
                marker = next(
                    (i for i, c in enumerate(cells) if header_key(c) in _EXAMPLE_KEYS), None
                )
                return _stream(where, header, rows, columns, example, marker)
        if first_failure is None:
            first_failure = failure
    raise InputError(first_failure or [Problem("ไฟล์ไม่มีแผ่นงาน — no worksheet", display)])


def _stream(
    display: str,
    header: _Header,
    rows: Iterator[tuple[int, list[str]]],
    columns: Sequence[Column],
    example: Mapping[str, str] | None = None,
    marker: int | None = None,
) -> TableStream:
    """The table's header and its rows; the first data row is read now, to tell whether it is
    the template's untouched example row (skipped, and named in a warning)."""
    data = RowStream(header.positions, rows, columns)
    first = next(data, None)
    example_row: int | None = None
    if (
        first is not None
        and example is not None
        and marker is not None
        and data.first_cells is not None
        and marker < len(data.first_cells)
        and data.first_cells[marker].strip()
        and all(first.values.get(k, "") == normalise(v) for k, v in example.items())
    ):
        example_row = first.number
    table = Table(
        file=display,
        headers=dict(header.texts),
        rows=[],
        header_row=header.row,
        columns={c.field: c for c in columns},
        example_row=example_row,
    )
    if first is not None and example_row is None:
        data.ahead.append(first)
    return TableStream(table, data)


_CACHE_SIZE = 20_000


class RowStream(Iterator[Row]):
    """A table's data rows as they are read: each non-empty row with its cells normalised
    (:class:`Row`, by iterating). A score file repeats the same texts (round, criterion,
    inspector, code, score) row after row: each column remembers the clean form of the texts it
    has seen (a bounded memo), so normalising costs a look-up.

    A bulk importer may instead take the rows' raw cells (:attr:`cells`, after the rows read
    ahead in :attr:`ahead`) and normalise only those it has not seen before (:meth:`row`),
    with each field's place in the cells from :attr:`positions`."""

    def __init__(
        self,
        positions: Mapping[str, int],
        cells: Iterator[tuple[int, list[str]]],
        columns: Sequence[Column],
    ) -> None:
        self.positions = dict(positions)
        self.cells = cells
        self.ahead: list[Row] = []
        self.first_cells: list[str] | None = None  # the first data row's cells, as read
        self._places = list(self.positions.items())
        self._numeric = {c.field for c in columns if c.numeric}
        self._multiline = {c.field for c in columns if c.multiline}
        self._memo: dict[str, dict[str, str]] = {name: {} for name in self.positions}

    def __next__(self) -> Row:
        if self.ahead:
            return self.ahead.pop(0)
        for number, cells in self.cells:
            row = self.row(number, cells)
            if row is not None:
                return row
        raise StopIteration

    def row(self, number: int, cells: list[str]) -> Row | None:
        """The row's cells normalised, by field; None for an empty row."""
        values: dict[str, str] = {}
        width = len(cells)
        for name, index in self._places:
            cell = cells[index] if index < width else ""
            text = self._memo[name].get(cell)
            values[name] = self.clean(name, cell) if text is None else text
        if not any(values.values()):
            return None
        if self.first_cells is None:
            self.first_cells = cells
        return Row(number, values)

    def clean(self, name: str, cell: str) -> str:
        """A cell of the field ``name`` normalised (its digits Arabic in a number column),
        remembered (:attr:`memo`)."""
        seen = self._memo[name]
        text = seen.get(cell)
        if text is None:
            text = normalise(cell, multiline=name in self._multiline)
            if name in self._numeric:
                text = thai_digits_to_arabic(text)
            if len(seen) >= _CACHE_SIZE:
                seen.clear()
            seen[cell] = text
        return text

    def memo(self, name: str) -> dict[str, str]:
        """The clean texts of the field ``name`` seen so far, by their raw text (bounded: look
        a text up, and call :meth:`clean` when it is not there)."""
        return self._memo[name]
