"""An inspector's own work on the dashboard: the tambons assigned to them in the round and the
state of their sheet in each (``services.progress.my_work``); Enter, a double-click or *Score
this tambon* opens the sheet (starting it when there is none yet)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError
from evaluator.scoring.model import score_text
from evaluator.services.progress import INCOMPLETE, NOT_STARTED, AssignedTambon, MyWork
from ui.context import AppContext
from ui.i18n import date_text
from ui.icons import icon
from ui.labels import sheet_status_title
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from ui.widgets import fit_columns, setup_table, show_error

STATE_COLOURS = {
    "submitted": QColor("#2e8b57"),
    INCOMPLETE: QColor("#b8621b"),
    "draft": QColor("#8a6d00"),
    NOT_STARTED: QColor("#5f6b7a"),
}


class MyWorkPanel(QWidget):
    """The acting inspector's tambons in the round, with their sheet's state."""

    opened = Signal(int)  # the sheet id opened (or started)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("myWork")
        self.work: MyWork | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("ตำบลที่ท่านได้รับมอบหมาย"))
        self.title.setObjectName("myWorkTitle")
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        self.open_button = QPushButton(icon("scoring"), self.tr("ให้คะแนนตำบลนี้"))
        self.open_button.setObjectName("scoreThis")
        self.open_button.setToolTip(self.tr("เปิดแบบประเมินของท่านสำหรับตำบลที่เลือก (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        top.addWidget(self.open_button)
        layout.addLayout(top)
        self.model = RecordTableModel(self._columns(), self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("myWorkTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, ctx.settings, "dashboard_my_work")
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.activated.connect(self._activated)  # Enter or double-click
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            self.tr("ยังไม่มีตำบลที่มอบหมายให้ท่านในรอบนี้ ติดต่อผู้ดูแลระบบของกรมเพื่อรับการมอบหมาย")
        )
        self.empty.setObjectName("myWorkEmpty")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout.addWidget(self.empty)

    def state_title(self, t: AssignedTambon) -> str:
        if t.state == NOT_STARTED:
            return self.tr("ยังไม่เริ่ม")
        if t.state == INCOMPLETE:
            return self.tr("ส่งแล้วแต่ไม่ครบ")
        return sheet_status_title(t.state)

    def _columns(self) -> list[Column]:
        def colour(t: AssignedTambon) -> QColor | None:
            return STATE_COLOURS.get(t.state)

        return [
            Column(self.tr("ตำบล"), lambda t: t.tambon),
            Column(self.tr("อำเภอ"), lambda t: t.district),
            Column(self.tr("จังหวัด"), lambda t: t.province),
            Column(self.tr("เขต"), lambda t: str(t.zone), lambda t: t.zone, CENTER),
            Column(self.tr("สถานะแบบประเมิน"), self.state_title, foreground=colour),
            Column(
                self.tr("ให้คะแนนแล้ว"),
                lambda t: f"{t.scored}/{t.criteria}",
                lambda t: t.scored,
                CENTER,
            ),
            Column(
                self.tr("คะแนนรวม"),
                lambda t: "–" if t.total is None else score_text(t.total),
                lambda t: -1.0 if t.total is None else t.total,
                RIGHT,
            ),
            Column(
                self.tr("แก้ไขล่าสุด"),
                lambda t: date_text(t.updated_at, seconds=True) if t.updated_at else "–",
                lambda t: t.updated_at.timestamp() if t.updated_at else 0.0,
            ),
        ]

    def show_work(self, work: MyWork) -> None:
        self.work = work
        self.model.set_records(work.tambons)
        fit_columns(self.table)
        c = work.counts
        self.title.setText(
            self.tr("ตำบลที่ท่าน (%1) ได้รับมอบหมายใน%2: %3 ตำบล ส่งครบแล้ว %4")
            .replace("%1", work.inspector)
            .replace("%2", work.round_title)
            .replace("%3", f"{c.tambons:,}")
            .replace("%4", f"{c.submitted:,}")
        )
        self.empty.setVisible(not work.tambons)
        self.table.setVisible(bool(work.tambons))
        self.open_button.setEnabled(bool(work.tambons))
        if work.tambons and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def current(self) -> AssignedTambon | None:
        index = self.table.currentIndex()
        return self.proxy.record(index.row()) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_tambon(self.proxy.record(index.row()))

    def open_current(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.open_tambon(chosen)

    def open_tambon(self, t: AssignedTambon) -> None:
        """Open the inspector's sheet of ``t`` (starting it first when there is none)."""
        sheet_id = t.sheet_id
        if sheet_id is None:
            work = self.work
            if work is None or work.round_code is None:
                return
            from evaluator.services.sheets import start_sheet  # the sheet's services, when used

            try:
                sheet_id = start_sheet(self.ctx.db, self.ctx.user, work.round_code, t.code)
            except EvaluatorError as exc:
                show_error(self, self.tr("เปิดแบบประเมินไม่ได้"), exc)
                return
        self.opened.emit(sheet_id)
        self.ctx.events.open_sheet.emit(sheet_id)
