"""A table model over a list of plain records (dataclasses from the services).

Each column says how to show a record and which raw value to sort on; the raw values are served
in ``SORT_ROLE`` (Qt.UserRole) and ranked once per column (``sort_values``: Thai text by its rank
in Thai dictionary order from QCollator, numbers as numbers), so that the lists' proxies
(``ui.models.keyed``) sort on them, never by display strings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

SORT_ROLE = Qt.ItemDataRole.UserRole
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
NONE_SORTS_AS = -1.0e18
KEPT_ROWS = 2048  # rows whose cells' roles a model keeps (a few screens' worth, a few MB)

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

AnyIndex = QModelIndex | QPersistentModelIndex

# the roles as plain ints: compared once per role a view asks for, per visible cell
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_SORT = int(SORT_ROLE)
_RECORD = int(RECORD_ROLE)
_READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


@functools.cache
def thai_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
    collator.setNumericMode(True)
    return collator


def collation_ranks(values: Sequence[str]) -> dict[str, int]:
    """Each distinct string's position in Thai dictionary order (Latin text sorts too)."""
    ordered = sorted(set(values), key=functools.cmp_to_key(thai_collator().compare))
    return {text: i for i, text in enumerate(ordered)}


@dataclass(frozen=True)
class Column:
    """How one column shows a record."""

    title: str
    display: Callable[[Any], str]
    sort: Callable[[Any], object] | None = None
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[Any], str] | None = None
    foreground: Callable[[Any], QColor | None] | None = None
    background: Callable[[Any], QColor | None] | None = None
    header_tooltip: str = ""


class RecordTableModel(QAbstractTableModel):
    """Rows are records; columns are :class:`Column` definitions."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._sort: list[list[object]] = [[] for _ in self.columns]  # per column, per row
        self._roles: dict[int, tuple[dict[int, Any], ...]] = {}  # row → each cell's roles

    # data ---------------------------------------------------------------------------------
    def set_records(self, rows: Sequence[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self._sort = [self._sort_values(col) for col in self.columns]
        self._roles.clear()
        self.endResetModel()

    def reset(self, columns: Sequence[Column], rows: Sequence[Any]) -> None:
        """Replace the columns and the rows at once."""
        self.beginResetModel()
        self.columns = list(columns)
        self._rows = list(rows)
        self._sort = [self._sort_values(col) for col in self.columns]
        self._roles.clear()
        self.endResetModel()

    def set_titles(self, titles: Sequence[str]) -> None:
        """Re-title the columns (after a language change)."""
        for i, title in enumerate(titles):
            col = self.columns[i]
            self.columns[i] = Column(
                title,
                col.display,
                col.sort,
                col.align,
                col.tooltip,
                col.foreground,
                col.background,
                col.header_tooltip,
            )
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def _sort_values(self, col: Column) -> list[object]:
        getter = col.sort or col.display
        raw = [getter(r) for r in self._rows]
        if any(isinstance(v, str) for v in raw):
            ranks = collation_ranks([str(v) for v in raw if v is not None])
            return [ranks[str(v)] if v is not None else -1 for v in raw]
        return [NONE_SORTS_AS if v is None else (int(v) if isinstance(v, bool) else v) for v in raw]

    def record(self, row: int) -> Any:
        return self._rows[row]

    def update_record(self, row: int, record: Any) -> None:
        """Replace one row (its cells and sort values change; a proxy re-sorts it)."""
        self._rows[row] = record
        for c, col in enumerate(self.columns):
            getter = col.sort or col.display
            value = getter(record)
            if value is None or isinstance(value, str):
                self._sort[c] = self._sort_values(col)  # string ranks depend on every row
            else:
                self._sort[c][row] = int(value) if isinstance(value, bool) else value
        self._roles.clear()  # the row's cells, and a column's ranks that other rows' hold
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def sort_values(self, column: int) -> list[object]:
        """The raw values a column sorts on, one per row (what ``SORT_ROLE`` gives)."""
        return self._sort[column]

    @property
    def records(self) -> list[Any]:
        return list(self._rows)

    # Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].header_tooltip:
                return self.columns[section].header_tooltip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int = _DISPLAY) -> Any:
        """What :meth:`data` gives for a cell, without a ``QModelIndex`` (a proxy asks here)."""
        if not 0 <= column < len(self.columns):
            return None
        roles = self.row_roles(row)
        return roles[column].get(role) if roles else None

    def row_roles(self, row: int) -> tuple[dict[int, Any], ...]:
        """Each cell of a row as the roles it answers (display, alignment, tooltip, colours,
        sort value, record), computed once for the whole row when a view first asks for one of
        its cells and kept until the rows change (at most ``KEPT_ROWS`` rows: a user scrolling
        through 15,000 rows does not keep them all): a view repainting it, or a filter showing
        it again, reads them from here; ``()`` for a row that does not exist."""
        roles = self._roles.get(row)
        if roles is None:
            if not 0 <= row < len(self._rows):
                return ()
            if len(self._roles) >= KEPT_ROWS:
                self._roles.clear()
            roles = self._roles[row] = self._compute_roles(row)
        return roles

    def _compute_roles(self, row: int) -> tuple[dict[int, Any], ...]:
        record = self._rows[row]
        cells = []
        for c, col in enumerate(self.columns):
            roles: dict[int, Any] = {
                _DISPLAY: col.display(record),
                _ALIGNMENT: int(col.align),
                _SORT: self._sort[c][row],
                _RECORD: record,
            }
            if col.tooltip is not None and (tip := col.tooltip(record)):
                roles[_TOOLTIP] = tip
            if col.foreground is not None and (colour := col.foreground(record)) is not None:
                roles[_FOREGROUND] = colour
            if col.background is not None and (colour := col.background(record)) is not None:
                roles[_BACKGROUND] = colour
            cells.append(roles)
        return tuple(cells)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return read_only_flags(index)


def read_only_flags(index: AnyIndex) -> Qt.ItemFlag:
    """The flags of a cell of a read-only table: enabled and selectable, never a parent."""
    return _READ_ONLY if index.isValid() else _NO_FLAGS
