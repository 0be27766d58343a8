"""The audit log as a table that loads itself a page at a time.

The log can hold tens of thousands of entries, so the model never holds them all: it knows how
many entries pass the filter and loads pages of them, newest first, through the audit service's
filtered listing as the view scrolls (``canFetchMore``/``fetchMore``). Pages are read on the
background helper; a page that arrives after the filter changed is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
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
    collation_ranks,
    read_only_flags,
)
from ui.tasks import TaskControl, TaskRunner

PAGE = 500


def local_time(at: datetime) -> str:
    """A stored UTC time as the local wall-clock time, with seconds, in the user's calendar
    (:func:`ui.i18n.date_text`: Buddhist era in Thai)."""
    return date_text(at, seconds=True)


def pretty(text: str | None) -> str:
    """An entry's old or new value laid out for reading (:func:`ui.labels.change_text`)."""
    return change_text(text)


@dataclass(frozen=True)
class Page:
    generation: int
    rows: list[AuditRow]
    total: int | None  # the count of the whole filtered log (first page only)
    offset: int


ACTION_COLOURS = {
    "refused": QColor("#a3261b"),
    "sync.refused": QColor("#a3261b"),
    "sync.conflict": QColor("#9a5b00"),
    "conflict.resolve": QColor("#1f5f8b"),
}


class AuditTableModel(QAbstractTableModel):
    """Rows of the audit log that pass a filter, newest first, loaded a page at a time."""

    WHEN, ACTOR, SOURCE, ACTION, ENTITY, KEY, REASON = range(7)
    loaded = Signal(int, int)  # rows loaded, total
    failed = Signal(object)

    def __init__(
        self, db: Database, user_id: int, tasks: TaskRunner, parent: Any = None, page: int = PAGE
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user_id = user_id
        self.tasks = tasks
        self.page = page
        self.filter = AuditFilter()
        self.total = 0
        self._rows: list[AuditRow] = []
        self._offset = 0  # entries of the filtered log consumed so far
        self._generation = 0
        self._fetching = False
        self._keys: dict[int, list[int]] = {}  # column → each loaded row's sort key
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
        """Show the entries that pass ``filt``: forget every row and load the first page."""
        self._generation += 1
        self.filter = filt
        self.beginResetModel()
        self._rows = []
        self._keys = {}
        self._offset = 0
        self.total = 0
        self.endResetModel()
        self._fetching = False
        self._load(first=True)

    def reload(self) -> None:
        self.set_filter(self.filter)

    def _load(self, first: bool) -> None:
        self._fetching = True
        db, user_id, filt = self.db, self.user_id, self.filter
        generation, offset, size = self._generation, self._offset, self.page

        def job(control: TaskControl) -> Page:
            require(get_user(db, user_id), Action.VIEW_AUDIT_LOG)
            total = audit_log.count_entries(db, filt) if first else None
            control.check()
            rows = audit_log.list_entries(db, filt, limit=size, offset=offset)
            return Page(generation, rows, total, offset)

        task = self.tasks.start(job, "audit page")
        task.finished.connect(self._arrived)
        task.failed.connect(lambda exc, _tb: self._failed(exc, generation))

    def _failed(self, exc: BaseException, generation: int) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(exc)

    def _arrived(self, page: Page) -> None:
        if page.generation != self._generation:
            return  # the filter changed while this page was read
        self._fetching = False
        if page.total is not None:
            self.total = page.total
        self._offset = page.offset + len(page.rows)
        # entries written while the user reads shift the pages: skip the ones already here
        last = self._rows[-1].id if self._rows else None
        fresh = [r for r in page.rows if last is None or r.id < last]
        if not page.rows:
            self.total = len(self._rows)  # the log shrank under us (or was empty): stop here
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._keys = {}  # ranks among the loaded rows (the old rows keep their order)
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

    def _display(self, r: AuditRow, column: int) -> str:
        if column == self.WHEN:
            return local_time(r.at)
        if column == self.ACTOR:
            return r.actor
        if column == self.SOURCE:
            return source_title(r.source)
        if column == self.ACTION:
            return action_title(r.action)
        if column == self.ENTITY:
            return entity_title(r.entity)
        if column == self.KEY:
            return r.entity_key
        return r.reason.replace("\n", " ")

    def sort_keys(self, column: int) -> list[int]:
        """Each loaded row's sort key in ``column``, an int the proxy compares in C++: the id
        for the time (ids follow time, and break ties of the same second), else the rank of the
        shown text in Thai dictionary order among the loaded rows."""
        keys = self._keys.get(column)
        if keys is None:
            if column == self.WHEN:
                keys = [r.id for r in self._rows]
            else:
                texts = [self._display(r, column) for r in self._rows]
                ranks = collation_ranks(texts)
                keys = [ranks[t] for t in texts]
            self._keys[column] = keys
        return keys

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._titles)):
            return None
        r = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, column)
        if role == SORT_ROLE:
            return self.sort_keys(column)[row]
        if role == RECORD_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REASON, self.KEY):
            return self._display(r, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTION:
            return ACTION_COLOURS.get(r.action)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return read_only_flags(index)


class AuditSortProxy(QSortFilterProxyModel):
    """Sorts the loaded entries in C++ on the model's precomputed int keys (``SORT_ROLE``: ids
    for time, dictionary ranks for the rest); no Python ``lessThan``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def record(self, proxy_row: int) -> AuditRow:
        source = self.sourceModel()
        assert isinstance(source, AuditTableModel)
        return source.row(self.mapToSource(self.index(proxy_row, 0)).row())
