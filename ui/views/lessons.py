"""The lessons view (ถอดบทเรียน): every lesson the user may see, searched as they type (in C++,
on a :class:`~ui.models.keyed.KeyedProxy`), filtered by zone and by the committee's mark; the
chosen lesson in full, its sheet a click away, and for the committee the worth-spreading mark.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError
from evaluator.lesson_fields import LESSON_FIELDS
from evaluator.permissions import Action
from evaluator.services import lessons as svc
from ui.context import AppContext
from ui.models.keyed import KeyedProxy, tag
from ui.models.records import CENTER, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.base import View
from ui.widgets import fit_columns, restore_splitter, setup_table, show_error

MARK = "★"


class LessonsView(View):
    """Search the lessons learned and mark the practices worth spreading."""

    key = "lessons"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("lessonsView")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("lessonSearch")
        self.search.setPlaceholderText(self.tr("ค้นหาคำในบทเรียน ตำบล อำเภอ จังหวัด หรือผู้ประเมิน"))
        self.search.setClearButtonEnabled(True)
        self.zone = QComboBox()
        self.zone.setObjectName("lessonZone")
        self.zone.addItem(self.tr("ทุกเขต"), 0)
        for n in range(1, 19):
            self.zone.addItem(self.tr("เขต %1").replace("%1", str(n)), n)
        self.spread_only = QCheckBox(self.tr("เฉพาะที่ควรขยายผล"))
        self.spread_only.setObjectName("spreadOnly")
        self.count = QLabel("")
        bar.addWidget(self.search, 1)
        bar.addWidget(self.zone)
        bar.addWidget(self.spread_only)
        bar.addWidget(self.count)
        layout.addLayout(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = RecordTableModel(
            [
                Column(self.tr("ตำบล"), lambda e: e.tambon),
                Column(self.tr("จังหวัด"), lambda e: e.province),
                Column(self.tr("เขต"), lambda e: str(e.zone), lambda e: e.zone, CENTER),
                Column(self.tr("ผู้ประเมิน"), lambda e: e.inspector),
                Column(
                    self.tr("ขยายผล"),
                    lambda e: MARK if e.spread else "",
                    lambda e: e.spread is None,
                    CENTER,
                ),
                Column(
                    self.tr("แนวปฏิบัติที่ดี"),
                    lambda e: " ".join(e.texts.good_practices.split())[:80],
                    tooltip=lambda e: e.texts.good_practices,
                ),
            ],
            self,
        )
        self.proxy = _LessonFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QTableView()
        self.list.setObjectName("lessonList")
        self.list.setModel(self.proxy)
        setup_table(self.list, ctx.settings, "lessons")
        self.list.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.activated.connect(lambda _i: self.open_sheet())
        self.splitter.addWidget(self.list)

        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser()
        self.detail.setObjectName("lessonDetail")
        self.detail.setOpenLinks(False)
        box.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("เปิดแบบประเมิน"))
        self.open_button.setObjectName("openLessonSheet")
        self.open_button.clicked.connect(self.open_sheet)
        self.mark_button = QPushButton(self.tr("ควรขยายผล…"))
        self.mark_button.setObjectName("markSpread")
        self.mark_button.setToolTip(self.tr("ทำเครื่องหมายว่าแนวปฏิบัตินี้ควรขยายผล (คณะกรรมการ)"))
        self.mark_button.clicked.connect(self.mark)
        self.unmark_button = QPushButton(self.tr("ยกเลิกเครื่องหมาย…"))
        self.unmark_button.setObjectName("unmarkSpread")
        self.unmark_button.clicked.connect(self.unmark)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unmark_button)
        buttons.addWidget(self.mark_button)
        box.addLayout(buttons)
        can_mark = ctx.can(
            Action.MARK_LESSON
        )  # once parented: a parentless shown button is a window
        self.mark_button.setVisible(can_mark)
        self.unmark_button.setVisible(can_mark)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        restore_splitter(self.splitter, ctx.settings, "lessons")
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(lambda _t: self._filter())  # filtered as typed
        self.zone.currentIndexChanged.connect(lambda _i: self._filter())
        self.spread_only.toggled.connect(lambda _b: self._filter())
        ctx.events.sheet_saved.connect(lambda _i: self.mark_stale())
        self._show(None)

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, user = self.ctx.db, self.ctx.user

        def job(control: TaskControl) -> list[svc.LessonEntry]:
            return svc.list_lessons(db, user)

        task = self.ctx.tasks.start(job, "lessons")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("โหลดบทเรียนไม่ได้"), exc))

    def _loaded(self, rows: list[svc.LessonEntry]) -> None:
        current = self.current()
        self.model.set_records(rows)
        self._filter()
        fit_columns(self.list)
        if current is not None:
            self._select(current.sheet_id)
        self.ctx.events.data_loaded.emit(self.key)

    def _filter(self) -> None:
        zone = int(self.zone.currentData() or 0)
        self.proxy.set_filter_text(self.search.text(), zone, self.spread_only.isChecked())
        self.count.setText(
            self.tr("%1 จาก %2 รายการ")
            .replace("%1", f"{self.proxy.rowCount():,}")
            .replace("%2", f"{self.model.rowCount():,}")
        )
        if self.current() is None:
            self._show(None)

    def _select(self, sheet_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.record(row).sheet_id == sheet_id:
                self.list.selectRow(row)
                return True
        return False

    def current(self) -> svc.LessonEntry | None:
        index = self.list.currentIndex()
        if not index.isValid() or index.row() >= self.proxy.rowCount():
            return None
        entry: svc.LessonEntry = self.proxy.record(index.row())
        return entry

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.proxy.record(current.row()) if current.isValid() else None)

    # the chosen lesson -----------------------------------------------------------------------
    def _show(self, entry: svc.LessonEntry | None) -> None:
        self.open_button.setEnabled(entry is not None)
        self.mark_button.setEnabled(entry is not None)
        self.unmark_button.setEnabled(entry is not None and entry.spread is not None)
        if entry is None:
            self.detail.setHtml(f"<p>{html.escape(self.tr('เลือกบทเรียนจากรายการ'))}</p>")
            return
        parts = [
            f"<h3>{html.escape(entry.place_in())}</h3>",
            "<p>"
            + html.escape(
                self.tr("เขต %1 · %2 · ผู้ประเมิน %3")
                .replace("%1", str(entry.zone))
                .replace("%2", entry.round_title)
                .replace("%3", entry.inspector)
            )
            + "</p>",
        ]
        if entry.spread is not None:
            note = f": {entry.spread.note}" if entry.spread.note else ""
            parts.append(
                f"<p style='color:#8a5a00'><b>{MARK} "
                + html.escape(self.tr("ควรขยายผล (โดย %1)").replace("%1", entry.spread.by) + note)
                + "</b></p>"
            )
        for field in LESSON_FIELDS:
            text = getattr(entry.texts, field.key)
            if text.strip():
                body = "<br>".join(html.escape(line) for line in text.splitlines())
                parts.append(f"<h4>{html.escape(field.label())}</h4><p>{body}</p>")
        self.detail.setHtml("".join(parts))

    def open_sheet(self) -> None:
        entry = self.current()
        if entry is not None:
            self.ctx.events.open_sheet.emit(entry.sheet_id)

    def mark(self) -> None:
        entry = self.current()
        if entry is None:
            return
        note, ok = QInputDialog.getText(
            self,
            self.tr("ควรขยายผล"),
            self.tr("เหตุผลหรือข้อเสนอของคณะกรรมการ (เว้นว่างได้):"),
            text=entry.spread.note if entry.spread else "",
        )
        if ok:
            self._apply(svc.mark_spread, entry.sheet_id, note)

    def unmark(self) -> None:
        entry = self.current()
        if entry is None or entry.spread is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("ยกเลิกเครื่องหมาย"), self.tr("เหตุผลที่ยกเลิก:"))
        if ok:
            self._apply(svc.unmark_spread, entry.sheet_id, reason)

    def _apply(self, fn: object, sheet_id: int, text: str) -> None:
        try:
            fresh = fn(self.ctx.db, self.ctx.user, sheet_id, text)  # type: ignore[operator]
        except EvaluatorError as exc:
            show_error(self, self.tr("บันทึกไม่ได้"), exc)
            return
        for row, record in enumerate(self.model.records):
            if record.sheet_id == sheet_id:
                self.model.update_record(row, fresh)
                break
        self._select(sheet_id)
        self._show(self.current())


class _LessonFilter(KeyedProxy):
    """The lessons' filter (every word in the lessons or their place; zone; marked), in C++."""

    def search_text(self, row: int) -> str:
        e: svc.LessonEntry = self.source().record(row)
        tags = tag("z", e.zone) + (tag("s", "") if e.spread else "")
        words = " ".join(
            [e.texts.joined(), e.tambon, e.district, e.province, e.inspector, e.tambon_code]
        )
        return tags + " ".join(words.split()).lower()

    def set_filter_text(self, text: str, zone: int, spread_only: bool) -> None:
        tags = ([tag("z", zone)] if zone else []) + ([tag("s", "")] if spread_only else [])
        self.set_filter([w.lower() for w in text.split()], tags)
