"""The audit log as a table that loads itself a page at a time, and its sorting proxy.

The log can hold tens of thousands of entries, so the model never holds them all: it knows how
many entries pass the filter and loads pages of them, newest first, through the audit service's
filtered listing as the view scrolls (``canFetchMore``/``fetchMore``). Pages are read on the
background helper; a page that arrives after the filter changed is dropped.

A header click sorts the loaded entries on precomputed ``int`` keys (the id for the time, the
rank of the shown text in Thai dictionary order for the rest) in one stable sort with no Python
call per comparison (:class:`AuditSortProxy`); entries equal in the column keep the log's order,
newest first, in either direction, so the order is fully determined and a page that arrives
while the user scrolls lands exactly where a fresh sort of every loaded entry puts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QCollatorSortKey,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from evaluator.db import Database
from evaluator.permissions import Action, require
from evaluator.services import audit_log
from evaluator.services.audit_log import AuditFilter, AuditRow
from evaluator.services.users import get_user
from ui.i18n import date_text
from ui.labels import action_title, change_text, entity_title, source_title
from ui.models.records import (
    RECORD_ROLE,
    SORT_ROLE,
    AnyIndex,
    read_only_flags,
    thai_collator,
)
from ui.tasks import TaskControl, TaskRunner

PAGE = 500
_KEPT_TIMES = 20_000  # entries whose time text the model keeps (a time zone lookup each)

# the roles as plain ints: compared once per role a view asks for, per visible cell
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_SORT = int(SORT_ROLE)
_RECORD = int(RECORD_ROLE)
_NO_INDEX = QModelIndex()
_READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


def local_time(at: datetime) -> str:
    """A stored UTC time as the local wall-clock time, with seconds, in the user's calendar
    (:func:`ui.i18n.date_text`: Buddhist era in Thai)."""
    return date_text(at, seconds=True)


def pretty(text: str | None, rounds: Mapping[str, str] | None = None) -> str:
    """An entry's old or new value laid out for reading (:func:`ui.labels.change_text`; a round
    by its title from ``rounds``, title by code)."""
    return change_text(text, rounds)


@dataclass(frozen=True)
class Page:
    generation: int
    rows: list[AuditRow]
    total: int | None  # how many entries pass (a first page with room left); None: not known
    offset: int
    filter: AuditFilter | None = None  # a first page's: the filter pinned to the log it read


@dataclass(frozen=True)
class Count:
    generation: int
    total: int


ACTION_COLOURS = {
    "refused": QColor("#a3261b"),
    "sync.refused": QColor("#a3261b"),
    "sync.conflict": QColor("#9a5b00"),
    "conflict.resolve": QColor("#1f5f8b"),
}


class _Ranks:
    """One column's sort keys over the loaded rows, kept as pages arrive: each row's shown text,
    the distinct texts in Thai dictionary order (ordered on the collator's sort keys, which
    Python compares in C++: no Python call per comparison) and each row's rank among them."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.keys: list[int] = []
        self._sort_keys: dict[str, QCollatorSortKey] = {}
        self._distinct: list[str] = []
        self._rank: dict[str, int] = {}

    def extend(self, texts: list[str]) -> None:
        self.texts.extend(texts)
        new = [t for t in set(texts) if t not in self._rank]
        if not new:
            self.keys.extend(map(self._rank.__getitem__, texts))
            return
        sort_key = thai_collator().sortKey
        for text in new:
            self._sort_keys[text] = sort_key(text)
        # the known texts are one sorted run: merging the new ones in costs little
        self._distinct = sorted([*self._distinct, *new], key=self._sort_keys.__getitem__)
        self._rank = dict(zip(self._distinct, range(len(self._distinct)), strict=True))
        self.keys = list(map(self._rank.__getitem__, self.texts))


class AuditTableModel(QAbstractTableModel):
    """Rows of the audit log that pass a filter, newest first, loaded a page at a time."""

    WHEN, ACTOR, SOURCE, ACTION, ENTITY, KEY, REASON = range(7)
    loaded = Signal(int, int)  # rows loaded, total (-1: the first page shown, still counting)
    failed = Signal(object)

    def __init__(
        self, db: Database, user_id: int, tasks: TaskRunner, parent: Any = None, page: int = PAGE
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user_id = user_id
        self.tasks = tasks
        self.page = page
        self.filter = AuditFilter()  # as the user set it
        self._pinned = self.filter  # the same, pinned to the log the first page read
        self.total = 0
        self._rows: list[AuditRow] = []
        self._ids: list[int] = []  # each loaded row's id: the time column's sort key
        self._offset = 0  # entries of the filtered log consumed so far
        self._generation = 0
        self._fetching = False
        self._ranks: dict[int, _Ranks] = {}  # column → its keys, once a sort asked for them
        self._named: dict[tuple[int, str], str] = {}  # (column, code) → its title
        self._times: dict[int, str] = {}  # entry id → its local time shown (entries never change)
        self._titles = [
            self.tr("เวลา"),
            self.tr("ผู้ทำ"),
            self.tr("ที่มา"),
            self.tr("การกระทำ"),
            self.tr("สิ่งที่เปลี่ยน"),
            self.tr("รหัส"),
            self.tr("เหตุผล"),
        ]

    # loading ---------------------------------------------------------------------------------
    def set_filter(self, filt: AuditFilter) -> None:
        """Show the entries that pass ``filt``: load the first page, which replaces every row
        when it arrives (the rows shown stay until then: one reset, no empty list painted).
        A full first page is shown at once and counted meanwhile: the count, a pass over the
        whole filtered log, runs on the other helper thread while the view paints the rows,
        and ``loaded`` reports the total when it comes (``-1`` before)."""
        self._generation += 1
        self.filter = self._pinned = filt
        self._fetching = False
        self._load(first=True)

    def reload(self) -> None:
        self.set_filter(self.filter)

    def _load(self, first: bool) -> None:
        self._fetching = True
        db, user_id, filt = self.db, self.user_id, self._pinned
        generation, offset, size = self._generation, self._offset, self.page

        def job(control: TaskControl) -> Page:
            require(get_user(db, user_id), Action.VIEW_AUDIT_LOG)
            if first:
                found = audit_log.first_page(db, filt, size)
                return Page(generation, found.rows, found.total, 0, found.filter)
            control.check()
            rows = audit_log.list_entries(db, filt, limit=size, offset=offset)
            return Page(generation, rows, None, offset)

        task = self.tasks.start(job, "audit page")
        task.finished.connect(self._arrived)
        task.failed.connect(lambda exc, _tb: self._failed(exc, generation))

    def _count(self) -> None:
        db, user_id, filt, generation = self.db, self.user_id, self._pinned, self._generation

        def job(control: TaskControl) -> Count:
            require(get_user(db, user_id), Action.VIEW_AUDIT_LOG)
            return Count(generation, audit_log.count_entries(db, filt))

        task = self.tasks.start(job, "audit count")
        task.finished.connect(self._counted)
        task.failed.connect(lambda exc, _tb: self._failed(exc, generation))

    def _counted(self, count: Count) -> None:
        if count.generation != self._generation:
            return  # the filter changed while this count ran
        self._fetching = False
        self.total = count.total
        self.loaded.emit(len(self._rows), self.total)

    def _failed(self, exc: BaseException, generation: int) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(exc)

    def _arrived(self, page: Page) -> None:
        if page.generation != self._generation:
            return  # the filter changed while this page was read
        if page.filter is not None:  # the first page: every row replaced, in one reset
            self._pinned = page.filter  # later pages and the count read the log it read
            counting = page.total is None
            if counting:
                self._count()  # on the other thread, while the rows are painted
            self._fetching = counting
            self.beginResetModel()
            self._rows = list(page.rows)
            self._ids = [r.id for r in page.rows]
            self._ranks = {}
            self.total = len(page.rows) if page.total is None else page.total
            self._offset = len(page.rows)
            self.endResetModel()
            self.loaded.emit(len(self._rows), -1 if counting else self.total)
            return
        self._fetching = False
        self._offset = page.offset + len(page.rows)
        # pages read through the pinned filter follow on exactly; a log rebuilt under us
        # (a backup restored) could still shift them: skip any entry already here
        last = self._rows[-1].id if self._rows else None
        fresh = [r for r in page.rows if last is None or r.id < last]
        if not page.rows:
            self.total = len(self._rows)  # the log shrank under us (or was empty): stop here
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._ids.extend(r.id for r in fresh)
            for column, ranks in self._ranks.items():  # the keys a sort uses, kept up to date
                ranks.extend(self._texts(fresh, column))
            self.endInsertRows()
        self.loaded.emit(len(self._rows), self.total)

    @property
    def busy(self) -> bool:
        return self._fetching

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return not self._fetching and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(first=False)

    def row(self, row: int) -> AuditRow:
        return self._rows[row]

    @property
    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    # Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._titles):
                return self._titles[section]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def _named_as(self, column: int, code: str) -> str:
        """The title of a source, action or entity code (each looked up once per model)."""
        name = self._named.get((column, code))
        if name is None:
            title = {self.SOURCE: source_title, self.ACTION: action_title}.get(column, entity_title)
            name = self._named[(column, code)] = title(code)
        return name

    def _display(self, r: AuditRow, column: int) -> str:
        if column == self.WHEN:
            shown = self._times.get(r.id)
            if shown is None:
                if len(self._times) >= _KEPT_TIMES:
                    self._times.clear()
                shown = self._times[r.id] = local_time(r.at)
            return shown
        if column == self.ACTOR:
            return r.actor
        if column == self.SOURCE:
            return self._named_as(column, r.source)
        if column == self.ACTION:
            return self._named_as(column, r.action)
        if column == self.ENTITY:
            return self._named_as(column, r.entity)
        if column == self.KEY:
            return r.entity_key
        return r.reason.replace("\n", " ")

    def _texts(self, rows: list[AuditRow], column: int) -> list[str]:
        """The shown texts of ``column`` for ``rows`` (what :meth:`_display` gives, a column
        at a time: a click on the header of 25,000 entries reads them all)."""
        if column == self.ACTOR:
            return [r.actor for r in rows]
        if column == self.KEY:
            return [r.entity_key for r in rows]
        if column == self.REASON:
            return [r.reason.replace("\n", " ") for r in rows]
        field = {self.SOURCE: "source", self.ACTION: "action", self.ENTITY: "entity"}.get(column)
        if field is None:
            return [self._display(r, column) for r in rows]
        codes = list(map(attrgetter(field), rows))
        names = {code: self._named_as(column, code) for code in set(codes)}
        return list(map(names.__getitem__, codes))

    def sort_keys(self, column: int) -> list[int]:
        """Each loaded row's sort key in ``column``, an int compared in C++: the id for the time
        (ids follow time, and break ties of the same second), else the rank of the shown text
        in Thai dictionary order among the loaded rows (computed for a column the first time a
        sort asks for it, then kept up to date as pages arrive)."""
        if column == self.WHEN:
            return self._ids
        ranks = self._ranks.get(column)
        if ranks is None:
            ranks = self._ranks[column] = _Ranks()
            ranks.extend(self._texts(self._rows, column))
        return ranks.keys

    def cell(self, row: int, column: int, role: int = _DISPLAY) -> Any:
        """What :meth:`data` gives for a cell, without a ``QModelIndex`` (the proxy asks here)."""
        r = self._rows[row]
        if role == _DISPLAY:
            return self._display(r, column)
        if role == _TOOLTIP:
            return (self._display(r, column) or None) if column in (self.REASON, self.KEY) else None
        if role == _FOREGROUND:
            return ACTION_COLOURS.get(r.action) if column == self.ACTION else None
        if role == _SORT:
            return self.sort_keys(column)[row]
        if role == _RECORD:
            return r
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._titles)):
            return None
        return self.cell(row, column, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return read_only_flags(index)


class AuditSortProxy(QAbstractProxyModel):
    """The loaded entries in the order of the header's column, sorted on the model's
    precomputed int keys (:meth:`AuditTableModel.sort_keys`) in one stable sort: no Python
    ``lessThan``, no Python call per comparison. Entries equal in the column keep the log's
    order (newest first) in both directions, so every order is fully determined; a page that
    arrives is placed where a fresh sort of every loaded entry puts it (appended, then moved
    into place by one layout change that keeps the selection)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._rows: list[int] = []  # proxy row → source row
        self._position: list[int] | None = None  # source row → proxy row, made when asked

    def source(self) -> AuditTableModel:
        model = self.sourceModel()
        assert isinstance(model, AuditTableModel)
        return model

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._reset)
            old.rowsInserted.disconnect(self._inserted)
        self.beginResetModel()
        super().setSourceModel(model)
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(self._inserted)
        self._rows, self._position = self._sorted(), None
        self.endResetModel()

    def _sorted(self) -> list[int]:
        """Every source row in the sort order."""
        model = self.sourceModel()
        n = model.rowCount() if model is not None else 0
        if self._column < 0 or not n:
            return list(range(n))  # the log's order
        keys = self.source().sort_keys(self._column)
        descending = self._order == Qt.SortOrder.DescendingOrder
        return sorted(range(n), key=keys.__getitem__, reverse=descending)  # stable either way

    def _reset(self) -> None:
        self.beginResetModel()
        self._rows, self._position = self._sorted(), None
        self.endResetModel()

    def _inserted(self, parent: AnyIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        if first != len(self._rows):  # only a page appended is expected: start again
            self._reset()
            return
        self.beginInsertRows(QModelIndex(), first, last)
        self._rows.extend(range(first, last + 1))
        self._position = None
        self.endInsertRows()
        if self._column >= 0:
            self._relayout()  # the new rows moved to where a fresh sort puts them

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        sources = [self._rows[i.row()] if 0 <= i.row() < len(self._rows) else -1 for i in old]
        self._rows, self._position = self._sorted(), None
        new = [
            self.index(self._proxy_row(s), i.column()) if s >= 0 else QModelIndex()
            for s, i in zip(sources, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        column = max(column, -1)
        if (column, order) == (self._column, self._order) and len(self._rows) == (
            self.source().rowCount()
        ):
            return
        self._column, self._order = column, order
        self._relayout()

    def sortColumn(self) -> int:
        return self._column

    def sortOrder(self) -> Qt.SortOrder:
        return self._order

    def record(self, proxy_row: int) -> AuditRow:
        return self.source().row(self._rows[proxy_row])

    # mapping -------------------------------------------------------------------------------
    def _proxy_row(self, source_row: int) -> int:
        if self._position is None:
            position = [0] * len(self._rows)
            for p, s in enumerate(self._rows):
                position[s] = p
            self._position = position
        return self._position[source_row] if 0 <= source_row < len(self._position) else -1

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    # the model (asked per visible cell as the view paints: a look-up and the model's cell) -
    def index(self, row: int, column: int, parent: AnyIndex = _NO_INDEX) -> QModelIndex:
        if 0 <= row < len(self._rows) and 0 <= column < 7 and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def parent(self, child: AnyIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else 7

    def hasChildren(self, parent: AnyIndex = _NO_INDEX) -> bool:
        return not parent.isValid() and bool(self._rows)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return None
        return self.source().cell(self._rows[row], index.column(), role)

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
