"""The scoring view: the list of sheets the user may see, and the form of the chosen one."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.db.models import SheetStatus
from evaluator.services import sheets as svc
from ui.context import AppContext
from ui.labels import sheet_status_title
from ui.models.keyed import KeyedProxy, tag
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.base import View
from ui.views.scoring.form import SheetForm
from ui.widgets import fit_columns, restore_splitter, setup_table, show_error


class ScoringView(View):
    """The sheets the user may see (an inspector: their own) and the form of the chosen one."""

    key = "scoring"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("scoringView")
        self.round_titles: dict[str, str] = {}  # a round's title, not its code, in the list
        layout = QHBoxLayout(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("sheetSearch")
        self.search.setPlaceholderText(self.tr("ค้นหาตำบลหรือผู้ประเมิน"))
        self.search.setClearButtonEnabled(True)
        self.drafts_only = QCheckBox(self.tr("เฉพาะร่าง"))
        self.drafts_only.setObjectName("draftsOnly")
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.drafts_only)
        left_layout.addLayout(row)
        self.model = RecordTableModel(
            [
                Column(self.tr("ตำบล"), lambda s: s.tambon),
                Column(self.tr("ผู้ประเมิน"), lambda s: s.inspector),
                Column(self.tr("รอบ"), lambda s: self.round_titles.get(s.round_code, s.round_code)),
                Column(self.tr("สถานะ"), lambda s: sheet_status_title(s.status)),
                Column(
                    self.tr("ครบ"),
                    lambda s: f"{s.scored}/{s.criteria}",
                    lambda s: s.scored,
                    CENTER,
                ),
                Column(
                    self.tr("รวม"),
                    lambda s: "–" if s.total is None else f"{s.total:.1f}",
                    lambda s: s.total,
                    RIGHT,
                ),
            ],
            self,
        )
        self.proxy = _SheetFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QTableView()
        self.list.setObjectName("sheetList")
        self.list.setModel(self.proxy)
        setup_table(self.list, ctx.settings, "sheets")
        self.list.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.activated.connect(self._activated)  # Enter or double-click: score it
        left_layout.addWidget(self.list, 1)
        self.count = QLabel("")
        left_layout.addWidget(self.count)
        self.form = SheetForm(ctx, shortcut_scope=self)
        self.form.status_changed.connect(lambda _i: self.reload())
        self.form.saved.connect(ctx.events.sheet_saved)
        self.form.saved.connect(self._saved)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([430, 820])
        restore_splitter(self.splitter, ctx.settings, "scoring")
        layout.addWidget(self.splitter)
        self.search.textChanged.connect(lambda _t: self._filter())  # filtered as typed
        self.drafts_only.toggled.connect(lambda _b: self._filter())
        self._pending_open: int | None = None

    def reload(self) -> None:
        self._stale = False
        db, user = self.ctx.db, self.ctx.user

        def job(control: TaskControl) -> list[svc.SheetSummary]:
            from evaluator.services.tambons import list_rounds

            titles = {r.code: r.title for r in list_rounds(db)}
            rows = svc.list_sheets(db, user)
            self.round_titles = titles  # read by the model once the rows are set
            return rows

        task = self.ctx.tasks.start(job, "sheets")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("โหลดแบบประเมินไม่ได้"), exc))

    def _loaded(self, rows: list[svc.SheetSummary]) -> None:
        current = self.form.sheet_id
        self.model.set_records(rows)
        self._filter()
        fit_columns(self.list)
        target = self._pending_open or (current if current > 0 else None)
        self._pending_open = None
        if target is not None:
            self._select(target)
        self.ctx.events.data_loaded.emit(self.key)

    def _filter(self) -> None:
        self.proxy.set_filter_text(self.search.text(), self.drafts_only.isChecked())
        self.count.setText(
            self.tr("%1 จาก %2 แบบ")
            .replace("%1", f"{self.proxy.rowCount():,}")
            .replace("%2", f"{self.model.rowCount():,}")
        )

    def _select(self, sheet_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.record(row).id == sheet_id:
                self.list.selectRow(row)
                return True
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        sheet_id = self.proxy.record(current.row()).id
        if sheet_id != self.form.sheet_id:
            self.form.load(sheet_id)

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        sheet_id = self.proxy.record(index.row()).id
        if sheet_id != self.form.sheet_id:
            self.form.load(sheet_id)
        self.form.focus_first_unscored()

    def _saved(self, sheet_id: int) -> None:
        """Keep the sheet's line in the list in step with the form (scored, total, status)."""
        state = self.form.state
        if state is None or sheet_id != self.form.sheet_id:
            return
        status, scored, total = state
        for row, record in enumerate(self.model.records):
            if record.id == sheet_id:
                if (record.status, record.scored, record.total) != state:
                    fresh = replace(record, status=status, scored=scored, total=total)
                    self.model.update_record(row, fresh)
                    self._select(sheet_id)  # the list was filtered and sorted again
                return

    def open_sheet(self, sheet_id: int) -> None:
        """Show sheet ``sheet_id`` in the form, the cursor in its first unscored criterion (and
        select it in the list once loaded)."""
        self.form.load(sheet_id)
        self.form.focus_first_unscored()
        if self._stale or not self._select(sheet_id):
            self._pending_open = sheet_id
            self.reload()

    def flush(self) -> None:
        self.form.flush()


class _SheetFilter(KeyedProxy):
    """The sheet list's filter (tambon, inspector, code or round; drafts only), run in C++."""

    def search_text(self, row: int) -> str:
        s = self.source().record(row)
        drafts = tag("d", "") if s.status is SheetStatus.DRAFT else ""
        return drafts + f"{s.tambon} {s.inspector} {s.tambon_code} {s.round_code}".lower()

    def set_filter_text(self, text: str, drafts_only: bool) -> None:
        self.set_filter([w.lower() for w in text.split()], [tag("d", "")] if drafts_only else [])
