"""The audit log: every change, who made it, when, from where, old and new values and why.

Filters (actor, source, entity, date range, free text) narrow the log through the audit
service's filtered listing; the table loads a page at a time as it scrolls. *Verify* checks the
hash chain and the logged sheets; *Export to Excel* writes the filtered entries.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.i18n import in_language
from evaluator.permissions import Action, require
from evaluator.services import audit_log, audit_search
from evaluator.services.audit_log import AuditFilter, AuditRow, VerifyReport
from evaluator.services.lookups import AuditChoices, audit_choices
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.date_edit import DateEdit
from ui.dialogs.signing_secrets import unlock_audit_key
from ui.geometry import scrolling
from ui.icons import icon
from ui.labels import action_title, entity_title, source_title
from ui.models.audit import AuditSortProxy, AuditTableModel, local_time, pretty
from ui.tasks import Task, TaskControl
from ui.views.base import View
from ui.widgets import Debouncer, heading, restore_splitter, setup_table, show_error

TYPING_PAUSE_MS = 300
ANY = ""
_log = logging.getLogger("evaluator.ui")


class AuditView(View):
    key = "audit"
    verified = Signal(object)  # the VerifyReport on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("auditView")
        self.report: VerifyReport | None = None
        self.exported: tuple[Path, int] | None = None
        self.indexing: Task | None = None  # the search index brought up to date (reload)
        self.round_titles: dict[str, str] = {}  # code → title, for the values shown
        layout = QVBoxLayout(self)

        filters = QGridLayout()
        self.actor = QComboBox()
        self.actor.setObjectName("actor")
        self.actor.setEditable(True)
        self.actor.setMinimumContentsLength(18)
        actor_edit = self.actor.lineEdit()
        if actor_edit is not None:
            actor_edit.setPlaceholderText(self.tr("ทุกคน"))
        self.source = QComboBox()
        self.source.setObjectName("source")
        self.entity = QComboBox()
        self.entity.setObjectName("entity")
        self.since = DateEdit(self.tr("ไม่กำหนด"))
        self.since.setObjectName("since")
        self.until = DateEdit(self.tr("ไม่กำหนด"))
        self.until.setObjectName("until")
        self.text = QLineEdit()
        self.text.setObjectName("text")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr("ค้นหาในค่าเดิม ค่าใหม่ หรือเหตุผล"))
        self.key_text = QLineEdit()
        self.key_text.setObjectName("keyText")
        self.key_text.setClearButtonEnabled(True)
        self.key_text.setPlaceholderText(self.tr("เช่น รหัสแบบประเมิน"))
        cells = [
            (self.tr("ผู้ทำ"), self.actor),
            (self.tr("ที่มา"), self.source),
            (self.tr("สิ่งที่เปลี่ยน"), self.entity),
            (self.tr("ตั้งแต่"), self.since),
            (self.tr("ถึง"), self.until),
            (self.tr("รหัส"), self.key_text),
        ]
        for i, (label, widget) in enumerate(cells):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption, i // 3, (i % 3) * 2)
            filters.addWidget(widget, i // 3, (i % 3) * 2 + 1)
        search_caption = QLabel(self.tr("ค้นหา"))
        search_caption.setBuddy(self.text)
        filters.addWidget(search_caption, 2, 0)
        filters.addWidget(self.text, 2, 1, 1, 3)
        self.clear_button = QPushButton(self.tr("ล้างตัวกรอง"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.clear_button, 2, 5)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        layout.addLayout(filters)

        bar = QHBoxLayout()
        self.count = QLabel("")
        self.count.setObjectName("auditCount")
        bar.addWidget(self.count, 1)
        self.verify_button = QPushButton(icon("lock"), self.tr("ตรวจความถูกต้องของบันทึก"))
        self.verify_button.setObjectName("verify")
        self.verify_button.setToolTip(
            self.tr("ตรวจห่วงโซ่แฮชของบันทึก และตรวจว่าแบบประเมินยังตรงกับที่บันทึกไว้")
        )
        self.verify_button.clicked.connect(self.verify)
        bar.addWidget(self.verify_button)
        self.export_button = QPushButton(icon("export"), self.tr("ส่งออก Excel…"))
        self.export_button.setObjectName("exportExcel")
        self.export_button.setToolTip(self.tr("ส่งออกรายการตามตัวกรองปัจจุบันเป็นไฟล์ Excel"))
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.verdict = QLabel("")
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.hide()
        layout.addWidget(self.verdict)

        self.model = AuditTableModel(ctx.db, ctx.user.id, ctx.tasks, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda exc: show_error(self, self.tr("อ่านบันทึกไม่ได้"), exc))
        self.proxy = AuditSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, ctx.settings, "audit")
        for column, width in ((0, 150), (1, 150), (2, 90), (3, 130), (4, 130), (5, 220)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current())

        detail = QWidget()
        form = QVBoxLayout(detail)
        form.setContentsMargins(0, 0, 0, 0)
        self.detail_title = heading(self.tr("เลือกรายการเพื่อดูรายละเอียด"), 2)
        self.detail_title.setObjectName("auditDetailTitle")
        form.addWidget(self.detail_title)
        facts = QFormLayout()
        self.detail_reason = QLabel("")
        self.detail_reason.setWordWrap(True)
        self.detail_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_hash = QLabel("")
        self.detail_hash.setObjectName("auditHash")
        self.detail_hash.setWordWrap(True)
        self.detail_hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.addRow(self.tr("เหตุผล"), self.detail_reason)
        facts.addRow(self.tr("แฮช"), self.detail_hash)
        form.addLayout(facts)
        values = QHBoxLayout()
        self.old_text = QPlainTextEdit()
        self.old_text.setObjectName("oldValue")
        self.new_text = QPlainTextEdit()
        self.new_text.setObjectName("newValue")
        for title, text_box in (
            (self.tr("ค่าเดิม"), self.old_text),
            (self.tr("ค่าใหม่"), self.new_text),
        ):
            text_box.setReadOnly(True)
            text_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            value_column = QVBoxLayout()
            value_column.addWidget(QLabel(title))
            value_column.addWidget(text_box, 1)
            values.addLayout(value_column, 1)
        form.addLayout(values, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scrolling(detail))  # its own minimum never lengthens the view
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([480, 260])
        restore_splitter(self.splitter, ctx.settings, "audit")
        layout.addWidget(self.splitter, 1)

        self._typing = Debouncer(TYPING_PAUSE_MS, self)
        self._typing.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(lambda _t: self._typing.start())
        self.key_text.textChanged.connect(lambda _t: self._typing.start())
        self.actor.currentTextChanged.connect(lambda _t: self._typing.start())
        for combo in (self.source, self.entity):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for date_box in (self.since, self.until):
            date_box.dateChanged.connect(lambda _d: self.apply_filters())
        self._filling = False

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Fill the filters' choices from the log, then load the entries."""
        self._stale = False
        db, user_id = self.ctx.db, self.ctx.user.id

        def job(control: TaskControl) -> AuditChoices:
            require(get_user(db, user_id), Action.VIEW_AUDIT_LOG)
            return audit_choices(db)

        task = self.ctx.tasks.start(job, "audit choices")
        task.finished.connect(self._choices)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("อ่านบันทึกไม่ได้"), exc))
        self._index_log()

    def _index_log(self) -> None:
        """Bring the log's search index up to its end, in the background (entries written
        since the last time: usually a few, one short write; the search's results are the
        same before it ends, only slower on what is not indexed yet)."""
        db, user = self.ctx.db, self.ctx.user

        def job(control: TaskControl) -> int:
            return audit_search.catch_up(db, user, cancelled=lambda: control.cancelled)

        self.indexing = self.ctx.tasks.start(job, "audit search index")
        self.indexing.failed.connect(
            lambda exc, _tb: _log.warning("audit search index not updated: %s", exc)
        )

    def _choices(self, choices: AuditChoices) -> None:
        self.round_titles = choices.round_titles
        self._filling = True
        actor = self.actor.currentText()
        source = self.source.currentData()
        entity = self.entity.currentData()
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItem(self.tr("ทุกคน"), ANY)
        for name in choices.actors:
            self.actor.addItem(name, name)
        self.actor.setCurrentIndex(max(0, self.actor.findText(actor)) if actor else 0)
        self.actor.blockSignals(False)
        for combo, values, current, title in (
            (self.source, choices.sources, source, source_title),
            (self.entity, choices.entities, entity, entity_title),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("ทั้งหมด"), ANY)
            for value in values:
                combo.addItem(title(value), value)
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self._filling = False
        self.apply_filters(force=True)

    # filtering -------------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        actor_text = self.actor.currentText().strip()
        actor = None if not actor_text or actor_text == self.actor.itemText(0) else actor_text
        since = self.since.value()
        until = self.until.value()
        start = datetime.combine(since, time.min).astimezone(UTC) if since is not None else None
        end = datetime.combine(until, time.max).astimezone(UTC) if until is not None else None
        return AuditFilter(
            actor=actor,
            source=self.source.currentData() or None,
            entity=self.entity.currentData() or None,
            key=self.key_text.text().strip() or None,
            since=start,
            until=end,
            text=self.text.text().strip() or None,
        )

    def apply_filters(self, force: bool = False) -> None:
        if self._filling:
            return
        self._typing.stop()
        filt = self.current_filter()
        if not force and filt == self.model.filter and self.model.rowCount() > 0:
            return
        self.count.setText(self.tr("กำลังอ่านบันทึก…"))
        self.model.set_filter(filt)

    def clear_filters(self) -> None:
        self._filling = True
        self.actor.setCurrentIndex(0)
        self.actor.setEditText("")
        self.source.setCurrentIndex(0)
        self.entity.setCurrentIndex(0)
        self.since.clear_date()
        self.until.clear_date()
        self.text.clear()
        self.key_text.clear()
        self._filling = False
        self.apply_filters(force=True)

    def _loaded(self, shown: int, total: int) -> None:
        if not self.table.currentIndex().isValid() and shown:
            self.table.selectRow(0)
        if total < 0:
            return  # the first page is shown; its count follows (the label says reading)
        if total == 0:
            self.count.setText(self.tr("ไม่มีรายการที่ตรงกับตัวกรอง"))
        elif shown < total:
            self.count.setText(
                self.tr("%1 รายการ (แสดงแล้ว %2 เลื่อนลงเพื่อดูเพิ่ม)")
                .replace("%1", f"{total:,}")
                .replace("%2", f"{shown:,}")
            )
        else:
            self.count.setText(self.tr("%1 รายการ").replace("%1", f"{total:,}"))
        bar = self.table.verticalScrollBar()
        if self.table.isVisible() and bar.value() >= bar.maximum() and self.model.canFetchMore():
            self.model.fetchMore()  # the rows so far do not fill the table: read on
        self.ctx.events.data_loaded.emit(self.key)

    def _current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.show_entry(self.proxy.record(index.row()))

    def show_entry(self, r: AuditRow) -> None:
        self.detail_title.setText(
            f"#{r.id} · {local_time(r.at)} · {r.actor} · {action_title(r.action)}"
            f" · {entity_title(r.entity)} {r.entity_key}"
        )
        self.detail_reason.setText(in_language(r.reason) if r.reason else "–")
        self.detail_hash.setText(r.hash)
        self.old_text.setPlainText(pretty(r.old, self.round_titles))
        self.new_text.setPlainText(pretty(r.new, self.round_titles))

    # verify and export -----------------------------------------------------------------------
    def verify(self) -> None:
        db, user_id = self.ctx.db, self.ctx.user.id
        self.verify_button.setEnabled(False)
        self.verdict.setText(self.tr("กำลังตรวจบันทึก…"))
        self.verdict.setStyleSheet("")
        self.verdict.show()

        def job(control: TaskControl) -> VerifyReport:
            require(get_user(db, user_id), Action.VIEW_AUDIT_LOG)
            return audit_log.verify(db)

        task = self.ctx.tasks.start(job, "audit verify")
        task.finished.connect(self._verified)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("ตรวจบันทึกไม่ได้"), exc))
        task.done.connect(lambda: self.verify_button.setEnabled(True))

    def _verified(self, report: VerifyReport) -> None:
        self.report = report
        if report.intact:
            text = self.tr("✔ บันทึกครบถ้วน ไม่ถูกแก้ไข: ตรวจ %1 รายการ และแบบประเมิน %2 แบบ ตรงกับบันทึก")
            colour = QColor("#1b7a3a")
        else:
            text = self.tr("✘ พบความผิดปกติ %3 จุด (ตรวจ %1 รายการ แบบประเมิน %2 แบบ):")
            colour = QColor("#a3261b")
        text = (
            text.replace("%1", f"{report.entries:,}")
            .replace("%2", f"{report.sheets_checked:,}")
            .replace("%3", str(len(report.breaks)))
        )
        lines = report.lines()
        if lines:
            text += "\n" + "\n".join(lines[:20]) + ("\n…" if len(lines) > 20 else "")
        self.verdict.setText(text)
        palette = self.verdict.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.verdict.setPalette(palette)
        self.verdict.setStyleSheet(
            f"QLabel#verdict {{ color: {colour.name()}; border: 1px solid {colour.name()};"
            " border-radius: 4px; padding: 6px; }"
        )
        self.verified.emit(report)

    def export(self, path: str | None = None) -> None:
        if path is None:
            default = str(Path.home() / "audit-log.xlsx")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("ส่งออกบันทึกเป็น Excel"), default, "Excel (*.xlsx)"
            )
            if not path:
                return
        out = Path(path)
        if out.suffix.lower() != ".xlsx":
            out = out.with_suffix(".xlsx")
        if not unlock_audit_key(self):  # the export is signed into the log's checkpoint
            return
        db, user_id, filt = self.ctx.db, self.ctx.user.id, self.model.filter
        self.export_button.setEnabled(False)

        def job(control: TaskControl) -> int:
            return audit_log.export_xlsx(db, get_user(db, user_id), out, filt)

        task = self.ctx.tasks.start(job, "audit export")
        task.finished.connect(lambda n: self._exported(out, int(n)))
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("ส่งออกไม่ได้"), exc))
        task.done.connect(lambda: self.export_button.setEnabled(True))
        self.export_task = task

    def _exported(self, out: Path, n: int) -> None:
        self.exported = (out, n)
        self.notice.setText(
            self.tr("ส่งออก %1 รายการไปที่ %2").replace("%1", f"{n:,}").replace("%2", str(out))
        )
        self.notice.show()
