"""A filtering, sorting proxy whose hot path runs in C++ (the lists of 15,000 rows keep up with
the typist).

The rows' keys live in a ``QStringListModel`` (C++ storage, filled in one call), under a plain
``QSortFilterProxyModel`` that filters them with a regular expression and sorts them as plain
strings: no Python ``filterAcceptsRow``, ``lessThan`` or ``data()`` is called per row on a
keystroke or a sort. Each key is

    <rank of the row in the sort column: 2 private-use characters><row: 2 more> \\x1f
    <tags, such as \\x1ez5\\x1e for zone 5> <the search text>

so comparing two keys compares the precomputed collation ranks (Thai dictionary order, numbers
as numbers), and the filter ``^(?=.*word1)(?=.*word2)…`` matches every word anywhere in the
search text (private-use characters are never typed, so a word cannot match the rank). This
model is a thin ``QAbstractProxyModel`` over that proxy: it maps its rows back to the source's
records, and its data is asked for the visible cells only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
)

from ui.models.records import RECORD_ROLE, SORT_ROLE, AnyIndex, RecordTableModel, read_only_flags

# the roles RecordTableModel answers; a view asks for a dozen per cell
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        SORT_ROLE,
        RECORD_ROLE,
    }
)
_BASE = 0xE000  # Unicode private-use area: never typed, compares by code point
_DIGIT = 4096
SEPARATOR = "\x1f"


def _code(n: int) -> str:
    return chr(_BASE + n // _DIGIT) + chr(_BASE + n % _DIGIT)


def tag(name: str, value: object) -> str:
    """A filterable tag of a row (zone, status…): matched whole, never by a typed word."""
    return f"\x1e{name}{value}\x1e"


def dense_ranks(values: Sequence[Any]) -> list[int]:
    """Each value's rank among the distinct values (equal values, equal ranks)."""
    order = {v: i for i, v in enumerate(sorted(set(values)))}
    return [order[v] for v in values]


class KeyedProxy(QAbstractProxyModel):
    """Filters and sorts a :class:`RecordTableModel` in C++ on precomputed keys.

    Subclasses give each row's search text and tags (:meth:`search_text`); :meth:`set_words`
    and :meth:`set_tags` filter, :meth:`sort` sorts on the source's ``SORT_ROLE`` ranks.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keys = QStringListModel(self)
        self._inner = QSortFilterProxyModel(self)
        self._inner.setSourceModel(self._keys)
        self._inner.setFilterRole(Qt.ItemDataRole.DisplayRole)
        self._inner.setSortRole(Qt.ItemDataRole.DisplayRole)
        self._inner.setSortCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)
        self._inner.setSortLocaleAware(False)
        self._inner.setDynamicSortFilter(False)
        self._texts: list[str] = []
        self._ranks: dict[int, list[int]] = {}
        self._sort_column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._words: list[str] = []
        self._tags: list[str] = []
        self._rows: dict[int, int] = {}  # proxy row → source row, asked since the last change
        self.modelReset.connect(self._rows.clear)
        self.layoutChanged.connect(self._rows.clear)

    # the keys --------------------------------------------------------------------------------
    def search_text(self, row: int) -> str:
        """The text the words are looked for in, with the row's tags (override)."""
        return ""

    def source(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._rebuild)
            old.dataChanged.disconnect(self._source_changed)
        self.beginResetModel()
        super().setSourceModel(model)
        model.modelReset.connect(self._rebuild)
        model.dataChanged.connect(self._source_changed)
        self._fill()
        self.endResetModel()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._fill()
        self.endResetModel()

    def _source_changed(self, *_args: object) -> None:
        self._rebuild()  # a record replaced: its rank and text may have changed

    def _fill(self) -> None:
        model = self.sourceModel()
        rows = model.rowCount() if model is not None else 0
        self._texts = [self.search_text(r) for r in range(rows)]
        self._ranks = {}
        self._write_keys()
        self._apply_filter()
        if self._sort_column >= 0:
            self._inner.sort(0, self._order)

    def _column_ranks(self, column: int) -> list[int]:
        ranks = self._ranks.get(column)
        if ranks is None:
            ranks = self._ranks[column] = dense_ranks(self.source().sort_values(column))
        return ranks

    def _write_keys(self) -> None:
        n = len(self._texts)
        if self._sort_column >= 0 and n:
            ranks = self._column_ranks(self._sort_column)
            keys = [
                _code(ranks[i]) + _code(i) + SEPARATOR + text for i, text in enumerate(self._texts)
            ]
        else:
            keys = [_code(0) + _code(i) + SEPARATOR + text for i, text in enumerate(self._texts)]
        self._keys.setStringList(keys)

    def _apply_filter(self) -> None:
        parts = [QRegularExpression.escape(t) for t in self._tags]
        parts += [QRegularExpression.escape(w) for w in self._words]
        if len(parts) > 1:  # every part, in any order
            pattern = "^" + "".join(f"(?=.*{p})" for p in parts)
        else:
            pattern = parts[0] if parts else ""  # a plain search for one word
        self._inner.setFilterRegularExpression(QRegularExpression(pattern))

    # filtering and sorting (each a reset of this model; the work runs in C++) -----------------
    def set_filter(self, words: Sequence[str], tags: Sequence[str] = ()) -> None:
        """Show the rows whose search text holds every word, and that carry every tag."""
        words, tags = [w for w in words if w], list(tags)
        if (words, tags) == (self._words, self._tags):
            return
        self._words, self._tags = words, tags
        self.beginResetModel()
        self._apply_filter()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._source_row(i.row()) for i in old]
        if column != self._sort_column:
            self._sort_column = column
            self._write_keys()
            self._apply_filter()
        self._order = order
        self._inner.sort(0 if column >= 0 else -1, order)
        new = [
            self.index(self._proxy_row(r), i.column()) if r >= 0 else QModelIndex()
            for r, i in zip(old_rows, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._order

    # mapping -------------------------------------------------------------------------------
    def _source_row(self, row: int) -> int:
        known = self._rows.get(row)
        if known is not None:
            return known
        if not 0 <= row < self._inner.rowCount():
            return -1
        source = self._rows[row] = self._inner.mapToSource(self._inner.index(row, 0)).row()
        return source

    def _proxy_row(self, source_row: int) -> int:
        if not 0 <= source_row < self._keys.rowCount():
            return -1
        return self._inner.mapFromSource(self._keys.index(source_row, 0)).row()

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid():
            return QModelIndex()
        row = self._source_row(proxy_index.row())
        return model.index(row, proxy_index.column()) if row >= 0 else QModelIndex()

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    def record(self, proxy_row: int) -> Any:
        return self.source().record(self._source_row(proxy_row))

    # the model ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (
            0 <= row < self.rowCount() and 0 <= column < self.columnCount()
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._inner.rowCount()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.sourceModel()
        if role not in _ROLES or model is None or not index.isValid():
            return None
        row = self._source_row(index.row())
        return model.data(model.index(row, index.column()), role) if row >= 0 else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        model = self.sourceModel()
        if model is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        return model.headerData(section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return read_only_flags(index)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.rowCount() > 0
