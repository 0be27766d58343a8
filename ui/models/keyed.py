"""A filtering, sorting proxy whose hot path runs in C++ (the lists of 15,000 rows keep up with
the typist).

The rows' search texts live in a ``QStringListModel`` (C++ storage, filled in one call), already
in the sort order, under a plain ``QSortFilterProxyModel`` that only filters them with a regular
expression: no Python ``filterAcceptsRow``, ``lessThan`` or ``data()`` is called per row on a
keystroke, and nothing is compared on a keystroke or when the filter is cleared (the rows that
pass keep the order they are stored in). Each stored text is

    <tags, such as \\x1ez5\\x1e for zone 5> <the search text>

and the filter ``^(?=.*word1)(?=.*word2)…`` matches every word anywhere in it. A keystroke that
narrows the filter (a letter added to a word, a word or a tag added) filters only the rows the
last filter let through, in one more plain proxy stacked on it; a keystroke taking a letter back
goes back down that stack, filtering nothing; any other change filters every key again. A sort
orders the rows once in Python on the column's precomputed collation ranks (Thai dictionary
order, numbers as numbers; ``RecordTableModel.sort_values``) and stores the texts again in that
order.

This model is a thin ``QAbstractProxyModel`` over those proxies: it maps its rows back to the
source's records, and its data is asked for the visible cells only, answered from each shown
row's roles, computed once for the whole row (``RecordTableModel.row_roles``) and kept until
the next filter or sort: a view painting a cell asks for its index, its flags and seven roles,
each a look-up or two. :class:`SortProxy` is the same proxy for the lists that only sort, in
the order Qt's own sort gives them.
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

from ui.models.records import KEPT_ROWS, RECORD_ROLE, SORT_ROLE, AnyIndex, RecordTableModel

# the roles RecordTableModel answers, as plain ints (a view asks for seven per cell it paints)
_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        SORT_ROLE,
        RECORD_ROLE,
    )
)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_NO_INDEX = QModelIndex()
_MOST_LEVELS = 16  # narrowing proxies stacked at most; then every key is filtered again

_Filter = tuple[list[str], list[str]]  # words, tags


def tag(name: str, value: object) -> str:
    """A filterable tag of a row (zone, status…): matched whole, never by a typed word."""
    return f"\x1e{name}{value}\x1e"


def dense_ranks(values: Sequence[Any]) -> list[int]:
    """Each value's rank among the distinct values (equal values, equal ranks)."""
    order = {v: i for i, v in enumerate(sorted(set(values)))}
    return [order[v] for v in values]


def _narrows(words: Sequence[str], tags: Sequence[str], than: _Filter) -> bool:
    """Whether the rows with every one of ``words`` and ``tags`` are among the rows of the
    filter ``than`` (each of its words inside one of ``words``, each of its tags in ``tags``)."""
    old_words, old_tags = than
    return all(t in tags for t in old_tags) and all(
        any(old in word for word in words) for old in old_words
    )


def _pattern(words: Sequence[str], tags: Sequence[str]) -> QRegularExpression:
    parts = [QRegularExpression.escape(t) for t in tags]
    parts += [QRegularExpression.escape(w) for w in words]
    if len(parts) > 1:  # every part, in any order
        return QRegularExpression("^" + "".join(f"(?=.*{p})" for p in parts))
    return QRegularExpression(parts[0] if parts else "")  # a plain search for one word


class KeyedProxy(QAbstractProxyModel):
    """Filters and sorts a :class:`RecordTableModel` in C++ on precomputed keys.

    Subclasses give each row's search text and tags (:meth:`search_text`); :meth:`set_filter`
    filters, :meth:`sort` sorts on the source's ``SORT_ROLE`` ranks.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._keys = QStringListModel(self)
        self._inner = QSortFilterProxyModel(self)
        self._inner.setSourceModel(self._keys)
        self._inner.setFilterRole(Qt.ItemDataRole.DisplayRole)
        self._inner.setDynamicSortFilter(False)  # it never sorts: the keys are stored in order
        self._texts: list[str] = []
        self._ranks: dict[int, list[int]] = {}
        self._sort_column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._stored: list[int] = []  # position in the key list → source row
        self._position: list[int] = []  # source row → position in the key list
        self._words: list[str] = []
        self._tags: list[str] = []
        # the base filter (``_inner``, over every key) and the narrowing proxies stacked on it,
        # each with the filter it applies; the last one's rows are this model's rows
        self._levels: list[tuple[QSortFilterProxyModel, _Filter]] = [(self._inner, ([], []))]
        self._rows: dict[int, int] = {}  # proxy row → source row, asked since the last change
        self._shown: dict[int, tuple[dict[int, Any], ...]] = {}  # proxy row → its cells' roles
        self._columns = 0
        self._direct = False  # the source is a RecordTableModel answering from its row_roles
        self.modelReset.connect(self._forget)
        self.layoutChanged.connect(self._forget)

    def _forget(self) -> None:
        self._rows.clear()
        self._shown.clear()

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
        self._columns = model.columnCount() if model is not None else 0
        # a RecordTableModel that does not override data() or cell() answers from row_roles
        self._direct = isinstance(model, RecordTableModel) and (
            type(model).data is RecordTableModel.data and type(model).cell is RecordTableModel.cell
        )
        self._texts = [self.search_text(r) for r in range(rows)]
        self._ranks = {}
        self._stored = []  # new rows: sorted from the source's order
        self._write_keys()  # the inner proxy filters the new keys with the words it has

    def _column_ranks(self, column: int) -> list[int]:
        ranks = self._ranks.get(column)
        if ranks is None:
            ranks = self._ranks[column] = dense_ranks(self.source().sort_values(column))
        return ranks

    def _write_keys(self) -> None:
        """Store the search texts in the sort order (descending: the ascending order reversed,
        equal values included, as a sort on rank and row number gives)."""
        n = len(self._texts)
        stored = self._sorted_rows(n)
        position = [0] * n
        for p, row in enumerate(stored):
            position[row] = p
        self._stored, self._position = stored, position
        self._inner.setSourceModel(None)  # type: ignore[arg-type]  # Qt takes no model
        self._keys.setStringList([self._texts[row] for row in stored])
        self._filter_every_key()

    def _sorted_rows(self, n: int) -> list[int]:
        """The ``n`` source rows in the sort order (a subclass may keep ties otherwise); the
        source's order when no column is sorted."""
        if self._sort_column < 0 or not n:
            return list(range(n))
        stored = sorted(range(n), key=self._column_ranks(self._sort_column).__getitem__)
        if self._order == Qt.SortOrder.DescendingOrder:
            stored.reverse()  # sorted is stable: equal ranks by row, and reversed here
        return stored

    def _filter_every_key(self) -> None:
        """Filter every key with the words and tags (the narrowing proxies dropped)."""
        del self._levels[1:]
        # set on no rows, then every row filtered at once: Qt's own update of a changed filter
        # moves its row lists piece by piece (several times slower, and ten times when a
        # cleared filter brings back every row)
        self._inner.setSourceModel(None)  # type: ignore[arg-type]  # Qt takes no model
        self._inner.setFilterRegularExpression(_pattern(self._words, self._tags))
        self._inner.setSourceModel(self._keys)
        self._levels[0] = (self._inner, (list(self._words), list(self._tags)))

    def _apply_filter(self) -> None:
        """Filter as few keys as the change allows: back down the stack of narrowing proxies
        to the last one whose rows hold every row the new filter lets through; that one's rows
        if its filter is the new one, else its rows filtered by one more proxy on top."""
        words, tags = self._words, self._tags
        while len(self._levels) > 1 and not _narrows(words, tags, self._levels[-1][1]):
            self._levels.pop()
        top, (top_words, top_tags) = self._levels[-1]
        if (top_words, top_tags) == (words, tags):
            return  # a letter taken back: that proxy's rows, as they were
        if (
            2 * top.rowCount() > self._keys.rowCount()  # a key read through a proxy costs more
            or len(self._levels) > _MOST_LEVELS
            or not _narrows(words, tags, (top_words, top_tags))
        ):
            self._filter_every_key()  # too many rows to narrow, or a wider filter
            return
        level = QSortFilterProxyModel()
        level.setDynamicSortFilter(False)
        level.setFilterRegularExpression(_pattern(words, tags))
        level.setSourceModel(top)
        self._levels.append((level, (list(words), list(tags))))

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
        column = max(column, -1)
        if (column, order) == (self._sort_column, self._order):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._source_row(i.row()) for i in old]
        self._sort_column, self._order = column, order
        self._write_keys()
        self._forget()
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
        top = self._levels[-1][0]
        if not 0 <= row < top.rowCount():
            return -1
        index = top.index(row, 0)
        for level, _filter in reversed(self._levels):
            index = level.mapToSource(index)
        source = self._rows[row] = self._stored[index.row()]
        return source

    def _proxy_row(self, source_row: int) -> int:
        if not 0 <= source_row < len(self._position):
            return -1
        index = self._keys.index(self._position[source_row], 0)
        for level, _filter in self._levels:
            index = level.mapFromSource(index)
        return index.row()

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

    # the model (asked per visible cell as the view paints: kept to a few look-ups) -----------
    def index(self, row: int, column: int, parent: AnyIndex = _NO_INDEX) -> QModelIndex:
        rows = self._levels[-1][0].rowCount()
        if 0 <= column < self._columns and 0 <= row < rows and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def parent(self, child: AnyIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else self._levels[-1][0].rowCount()

    def columnCount(self, parent: AnyIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else self._columns

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        cells = self._shown.get(index.row())
        if cells is None:
            if not index.isValid():
                return None
            row = self._source_row(index.row())
            if row < 0:
                return None
            if not self._direct:  # a source with its own data(): asked for the known roles
                if role not in _ROLES:
                    return None
                model = self.sourceModel()
                return model.data(model.index(row, index.column()), role)
            if len(self._shown) >= KEPT_ROWS:
                self._shown.clear()
            cells = self._shown[index.row()] = self.source().row_roles(row)
        column = index.column()
        return cells[column].get(role) if 0 <= column < len(cells) else None

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
        return _READ_ONLY if index.isValid() else _NO_FLAGS

    def hasChildren(self, parent: AnyIndex = _NO_INDEX) -> bool:
        return not parent.isValid() and self._levels[-1][0].rowCount() > 0


class SortProxy(KeyedProxy):
    """A list's proxy that sorts as Qt's ``QSortFilterProxyModel`` sorts (the header's clicks),
    on the source's precomputed ranks (``SORT_ROLE``: numbers as numbers, Thai in dictionary
    order), without a Python ``lessThan`` per comparison: a stable sort of the rows in the order
    they are shown, so rows equal in the new column keep their order from the last sort (in
    descending order too), and a source's new rows are sorted from the source's order. It shows
    every row unless a subclass gives search texts and filters (:meth:`KeyedProxy.set_filter`).
    """

    def search_text(self, row: int) -> str:
        return ""

    def _sorted_rows(self, n: int) -> list[int]:
        descending = self._order == Qt.SortOrder.DescendingOrder
        if not n:
            return []
        if self._sort_column < 0:  # no column: the source's order (reversed, descending)
            return list(range(n - 1, -1, -1) if descending else range(n))
        shown = self._stored if len(self._stored) == n else range(n)
        return sorted(
            shown,
            key=self._column_ranks(self._sort_column).__getitem__,
            reverse=descending,  # stable, as Qt's
        )

    def refilter(self, words: Sequence[str] = (), tags: Sequence[str] = ()) -> None:
        """Show the rows with every word and tag, sorted again from the source's order (what
        Qt's ``invalidate`` does after a filter changed)."""
        self.beginResetModel()
        self._words, self._tags = [w for w in words if w], list(tags)
        self._stored = []
        self._write_keys()  # every key filtered
        self.endResetModel()
