"""The tie panel of the rankings view: ties at the cutoff side by side, each tied tambon's sheet
notes inline with its photos behind a button (:mod:`ui.views.tie_notes`), and the committee's
decision recorded with its reason (``evaluator.services.ties``, run off the UI thread)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.permissions import Action
from evaluator.scoring.model import score_text
from evaluator.services import ties as tie_service
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.i18n import date_text
from ui.icons import icon
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.tie_notes import TieNotes
from ui.widgets import fit_columns, setup_table, show_error


class TiePanel(QWidget):
    """Ties at the cutoff of the round on screen; the committee picks the winners of one."""

    resolved = Signal()  # a decision was recorded: the ranking must be read again

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("tiePanel")
        self.found: tie_service.TieList | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel("")
        self.heading.setObjectName("tieHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.choice = QComboBox()
        self.choice.setObjectName("tieChoice")
        self.choice.currentIndexChanged.connect(lambda _i: self._show())
        layout.addWidget(self.choice)
        self.model = RecordTableModel(
            [
                Column(self.tr("ตำบล"), lambda t: t.tambon),
                Column(self.tr("อำเภอ"), lambda t: t.district),
                Column(self.tr("จังหวัด"), lambda t: t.province),
                Column(self.tr("รหัส"), lambda t: t.tambon_code, align=CENTER),
                Column(
                    self.tr("คะแนน"),
                    lambda t: "–" if t.score is None else score_text(t.score),
                    lambda t: t.score,
                    RIGHT,
                ),
                Column(self.tr("แบบ"), lambda t: str(t.sheets), lambda t: t.sheets, CENTER),
                Column(
                    self.tr("เกณฑ์ตัดสิน"),
                    lambda t: ", ".join(f"{c} {v:.4f}" for c, v in t.tie_break) or "–",
                ),
                Column(self.tr("คำตัดสิน"), lambda t: self.tr("ได้รับรางวัล") if t.chosen else ""),
            ],
            self,
        )
        proxy = SortProxy(self)
        proxy.setSourceModel(self.model)
        self.proxy = proxy
        self.table = QTableView()
        self.table.setObjectName("tieTable")
        self.table.setModel(proxy)
        setup_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._state())
        layout.addWidget(self.table, 1)
        self.notes = TieNotes(ctx)  # each tied tambon's notes, and its photos behind a button
        layout.addWidget(self.notes, 1)
        if not ctx.can(Action.COMPARE):  # hide only: showing it here would make it a window
            self.notes.hide()
        buttons = QHBoxLayout()
        self.compare_button = QPushButton(icon("compare"), self.tr("เปรียบเทียบแบบประเมิน"))
        self.compare_button.setObjectName("tieCompare")
        self.compare_button.setToolTip(self.tr("คะแนน หมายเหตุ และภาพถ่ายของตำบลที่เท่ากัน เทียบกัน"))
        self.compare_button.clicked.connect(self.compare)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.reason = QLineEdit()
        self.reason.setObjectName("tieReason")
        self.reason.setPlaceholderText(self.tr("เหตุผลของคณะกรรมการ (บันทึกในประวัติ)"))
        self.reason.textChanged.connect(lambda _t: self._state())
        layout.addWidget(self.reason)
        self.resolve_button = QPushButton(icon("lock"), self.tr("บันทึกคำตัดสิน"), self)
        self.resolve_button.setObjectName("tieResolve")
        self.resolve_button.clicked.connect(self.resolve)
        if not ctx.can(Action.RESOLVE_TIE):  # hide only: showing a child here would create
            self.reason.hide()  # a native window for the panel and take the focus away
            self.resolve_button.hide()
        layout.addWidget(self.resolve_button)
        self.decision = QLabel("")
        self.decision.setObjectName("tieDecision")
        self.decision.setWordWrap(True)
        layout.addWidget(self.decision)
        self.set_ties(None)

    # showing -------------------------------------------------------------------------------
    def set_ties(self, found: tie_service.TieList | None) -> None:
        """Show the ties of the round just ranked (None: nothing to show)."""
        self.found = found
        self.choice.blockSignals(True)
        self.choice.clear()
        for t in found.ties if found else []:
            where = self.tr("เขต %1").replace("%1", str(t.zone)) if t.zone else self.tr("ทั้งประเทศ")
            state = self.tr("รอตัดสิน") if t.open else self.tr("ตัดสินแล้ว")
            self.choice.addItem(
                self.tr("%1 · อันดับ %2 · %3 ตำบล เหลือ %4 รางวัล · %5")
                .replace("%1", where)
                .replace("%2", str(t.rank))
                .replace("%3", str(len(t.tambons)))
                .replace("%4", str(t.places))
                .replace("%5", state)
            )
        self.choice.blockSignals(False)
        if found is None:
            self.heading.setText("")
        elif not found.ties:
            self.heading.setText(self.tr("ไม่มีคะแนนเท่ากันที่ลำดับตัดรางวัลในรอบนี้"))
        else:
            self.heading.setText(
                self.tr("คะแนนเท่ากันที่ลำดับตัดรางวัล %1 กลุ่ม รอคณะกรรมการตัดสิน %2 กลุ่ม")
                .replace("%1", str(len(found.ties)))
                .replace("%2", str(len(found.open())))
            )
        if found is not None and found.stale:
            stale = self.tr(
                "คำตัดสินเดิม %1 รายการใช้ไม่ได้แล้ว เพราะคะแนนเปลี่ยนจนกลุ่มคะแนนเท่ากันไม่ใช่กลุ่มเดิม"
            ).replace("%1", str(len(found.stale)))
            self.heading.setText(f"{self.heading.text()}\n{stale}")
        self._show()

    def current(self) -> tie_service.TieInfo | None:
        i = self.choice.currentIndex()
        if self.found is None or not 0 <= i < len(self.found.ties):
            return None
        return self.found.ties[i]

    def _show(self) -> None:
        tie = self.current()
        self.model.set_records(list(tie.tambons) if tie else [])
        if self.ctx.can(Action.COMPARE):
            self.notes.load(
                self.found.round_code if tie and self.found else None,
                [t.tambon_code for t in tie.tambons] if tie else [],
            )
        fit_columns(self.table)
        self.table.clearSelection()
        d = tie.decision if tie else None
        self.decision.setText(
            ""
            if d is None
            else self.tr("ตัดสินแล้วโดย %1 เมื่อ %2: %3 ได้รับรางวัล\nเหตุผล: %4")
            .replace("%1", d.decided_by)
            .replace("%2", date_text(d.decided_at))
            .replace("%3", ", ".join(sorted(d.winners)))
            .replace("%4", d.reason)
        )
        self._state()

    def chosen(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.record(r).tambon_code for r in rows]

    def _state(self) -> None:
        tie = self.current()
        final = self.found is not None and self.found.finalised
        ready = (
            tie is not None
            and not final
            and len(self.chosen()) == tie.places
            and bool(self.reason.text().strip())
        )
        self.resolve_button.setEnabled(ready)
        self.compare_button.setEnabled(tie is not None and 2 <= len(tie.tambons) <= 4)
        if tie is not None and not final:
            self.resolve_button.setToolTip(
                self.tr("เลือก %1 ตำบลในตาราง แล้วใส่เหตุผล").replace("%1", str(tie.places))
            )

    # acting ------------------------------------------------------------------------------
    def compare(self) -> None:
        tie = self.current()
        if tie is not None:
            self.ctx.events.compare.emit([t.tambon_code for t in tie.tambons][:4])

    def resolve(self) -> None:
        tie, found = self.current(), self.found
        if tie is None or found is None:
            return
        db, user_id = self.ctx.db, self.ctx.user.id
        round_code, zone, winners = found.round_code, tie.zone, self.chosen()
        reason = self.reason.text()
        self.resolve_button.setEnabled(False)

        def job(control: TaskControl) -> tie_service.TieInfo:
            user = get_user(db, user_id)
            return tie_service.resolve_tie(db, user, round_code, zone, winners, reason)

        task = self.ctx.tasks.start(job, "resolve tie")
        task.finished.connect(self._resolved)
        task.failed.connect(lambda exc, _tb: self._failed(exc))

    def _failed(self, exc: BaseException) -> None:
        show_error(self, self.tr("บันทึกคำตัดสินไม่ได้"), exc)
        self._state()

    def _resolved(self, _tie: tie_service.TieInfo) -> None:
        self.reason.clear()
        self.ctx.events.data_changed.emit()
        self.resolved.emit()
