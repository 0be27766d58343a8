"""Conflicts: two different edits of one sheet, both kept; the committee chooses one, with a reason.

The list shows every sheet with open conflict copies (round, tambon, inspector). The detail puts
the versions side by side, criterion by criterion, with the scores and notes that differ
highlighted; the user chooses a version, writes the mandatory reason, and the choice goes to
``resolve_conflict`` (written to the audit log). A finalised round's conflicts cannot be resolved:
the view says so, and the service refuses too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import LockedError
from evaluator.i18n import language
from evaluator.lesson_fields import LESSON_FIELDS
from evaluator.services import conflicts as conflict_service
from evaluator.services.conflicts import ConflictVersion, Resolution
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.icons import icon
from ui.labels import conflict_version_title, source_title
from ui.models.audit import local_time
from ui.models.records import CENTER, LEFT, RIGHT, AnyIndex, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.base import View, detail_pane, record_table
from ui.views.conflict_lines import ConflictRow, Line, compare_lines, load_conflicts
from ui.widgets import OptionRow, fit_columns, restore_splitter, setup_table, show_error

DIFFERS = QColor("#ffe3a3")
DIFFERS_TEXT = QColor("#7a4b00")
LOCKED_TEXT = QColor("#a3261b")


class LinesModel(RecordTableModel):
    """The side-by-side lines: numbers to the right, a lesson's text from the left."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() >= 2:
            line = self.records[index.row()] if index.row() < len(self.records) else None
            if isinstance(line, Line) and line.prose:
                return int(LEFT)
        return super().data(index, role)


def _value_of(i: int) -> Callable[[Line], str]:
    return lambda line: line.values[i]


def _note_of(i: int) -> Callable[[Line], str]:
    return lambda line: line.notes[i]


class ConflictsView(View):
    key = "conflicts"
    resolved = Signal(object)  # the Resolution

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("conflictsView")
        self.rows: list[ConflictRow] = []
        self.current: ConflictRow | None = None
        # what was typed and chosen for each conflict, kept while another one is looked at
        self.drafts: dict[str, tuple[int, str]] = {}
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.summary = QLabel("")
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("โหลดใหม่"))
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.model, self.proxy, self.table = record_table(
            self, self._columns(), "conflictTable", "conflicts", self._current
        )
        detail, box, self.title, self.facts = detail_pane(
            self.tr("เลือกข้อขัดแย้งจากรายการ"), "conflict"
        )
        self.lines = LinesModel([], self)
        self.lines_view = QTableView()
        self.lines_view.setObjectName("versions")
        self.lines_view.setModel(self.lines)
        setup_table(self.lines_view)
        self.lines_view.setSortingEnabled(False)
        self.lines_view.setWordWrap(True)
        box.addWidget(self.lines_view, 1)

        self.choice_box = QGroupBox(self.tr("ตัดสินข้อขัดแย้ง"))
        choice = QVBoxLayout(self.choice_box)
        self.locked = QLabel("")
        self.locked.setObjectName("lockedNotice")
        self.locked.setWordWrap(True)
        self.locked.setStyleSheet(f"QLabel {{ color: {LOCKED_TEXT.name()}; font-weight: bold; }}")
        self.locked.hide()
        choice.addWidget(self.locked)
        # the versions side by side when they fit, one under the other when not (a long name,
        # 1366×768 at 150 %): their width never widens the view past the screen
        self.options = OptionRow()
        choice.addWidget(self.options)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idToggled.connect(lambda *_: self._update_button())
        # the reason and the button side by side, the outcome below only when there is one: the
        # detail fits a 1366×768 screen at 125 % without scrolling
        row = QHBoxLayout()
        reason_label = QLabel(self.tr("เหตุผล\n(จำเป็น)"))
        row.addWidget(reason_label, 0, Qt.AlignmentFlag.AlignTop)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            self.tr(
                "เหตุผลในการเลือก บันทึกไว้ในบันทึกการเปลี่ยนแปลง เช่น ผู้ประเมินยืนยันคะแนนจากการลงพื้นที่ครั้งที่สอง"
            )
        )
        self.reason.setAccessibleName(self.tr("เหตุผลในการเลือก"))
        self.reason.setMaximumHeight(self.reason.fontMetrics().lineSpacing() * 2 + 18)
        self.reason.setTabChangesFocus(True)
        reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self._update_button)
        row.addWidget(self.reason, 1)
        self.resolve_button = QPushButton(icon("submit"), self.tr("ใช้ฉบับที่เลือก…"))
        self.resolve_button.setObjectName("resolve")
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self.resolve)
        row.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignBottom)
        choice.addLayout(row)
        self.outcome = QLabel("")
        self.outcome.setObjectName("resolveOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        choice.addWidget(self.outcome)
        box.addWidget(self.choice_box)
        self.choice_box.setEnabled(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([340, 900])  # the decision needs the room, not the list
        restore_splitter(self.splitter, ctx.settings, "conflicts")
        layout.addWidget(self.splitter, 1)

    def _columns(self) -> list[Column]:
        def locked(r: ConflictRow) -> QColor | None:
            return LOCKED_TEXT if r.finalised else None

        return [
            Column(self.tr("ตำบล"), lambda r: r.conflict.tambon or r.conflict.tambon_code),
            Column(self.tr("รหัส"), lambda r: r.conflict.tambon_code, align=CENTER),
            Column(self.tr("ผู้ประเมิน"), lambda r: r.conflict.inspector),
            Column(
                self.tr("ฉบับ"),
                lambda r: str(len(r.versions)),
                lambda r: len(r.versions),
                CENTER,
            ),
            Column(
                self.tr("รอบ"),
                lambda r: r.round_title + (self.tr(" (ยืนยันผลแล้ว)") if r.finalised else ""),
                foreground=locked,
                tooltip=lambda r: r.round_title,  # the whole title where the column cuts it
            ),
        ]

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, user_id = self.ctx.db, self.ctx.user.id
        self.summary.setText(self.tr("กำลังอ่านข้อขัดแย้ง…"))
        task = self.ctx.tasks.start(lambda control: load_conflicts(db, user_id), "conflicts")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("อ่านข้อขัดแย้งไม่ได้"), exc))

    def _loaded(self, rows: list[ConflictRow]) -> None:
        keep = self.current.conflict.sheet_uuid if self.current else None
        self.rows = rows
        self.model.set_records(rows)
        fit_columns(self.table)
        if rows:
            self.summary.setText(
                self.tr(
                    "แบบประเมิน %1 แบบมีมากกว่าหนึ่งฉบับ: ระบบเก็บไว้ทุกฉบับ คณะกรรมการเลือกฉบับที่ใช้ พร้อมเหตุผล"
                ).replace("%1", str(len(rows)))
            )
        else:
            self.summary.setText(self.tr("ไม่มีข้อขัดแย้ง แบบประเมินทุกแบบมีฉบับเดียว"))
        row = next(
            (i for i, r in enumerate(rows) if r.conflict.sheet_uuid == keep),
            0 if rows else -1,
        )
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
            if self.current is not rows[row]:  # the selection did not move: show it anew
                self._current()
        else:
            self.show_conflict(None)
        self.ctx.events.data_loaded.emit(self.key)

    def _current(self) -> None:
        index = self.table.currentIndex()
        self.show_conflict(self.proxy.record(index.row()) if index.isValid() else None)

    # the detail ------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))

    def _keep_draft(self) -> None:
        """Remember the reason typed and the version chosen for the conflict shown."""
        row = self.current
        if row is None:
            return
        reason = self.reason.toPlainText()
        chosen = self.group.checkedId()
        if reason.strip() or chosen >= 0:
            self.drafts[row.conflict.sheet_uuid] = (chosen, reason)
        else:
            self.drafts.pop(row.conflict.sheet_uuid, None)

    def lesson_titles(self) -> dict[str, str]:
        """Each lesson field's title in the interface's language."""
        english = language() == "en"
        return {f.key: f.title_en if english else f.title for f in LESSON_FIELDS}

    def who_made(self, v: ConflictVersion) -> str:
        """Who made a version and when, in words."""
        made = (
            self.tr("%1 แก้ไขล่าสุด %2")
            .replace("%1", v.made_by or "–")
            .replace("%2", local_time(v.made_at) if v.made_at else "–")
        )
        if v.imported_by:
            made += (
                self.tr(" · นำเข้า (%1) โดย %2 %3")
                .replace("%1", source_title(v.source))
                .replace("%2", v.imported_by)
                .replace("%3", local_time(v.imported_at) if v.imported_at else "–")
            )
        elif v.source:
            made += self.tr(" (ทาง%1)").replace("%1", source_title(v.source))
        return made

    def show_conflict(self, row: ConflictRow | None) -> None:
        self._keep_draft()
        self.current = row
        for button in self.group.buttons():
            self.group.removeButton(button)
            self.options.remove(button)
            button.setParent(None)
            button.deleteLater()
        self.reason.clear()
        self._say("")
        if row is None:
            self.title.setText(self.tr("เลือกข้อขัดแย้งจากรายการ"))
            self.facts.setText("")
            self.lines.reset([], [])
            self.choice_box.setEnabled(False)
            self.locked.hide()
            return
        c = row.conflict
        self.title.setText(
            self.tr("ตำบล%1 · แบบประเมินของ %2")
            .replace("%1", c.tambon or c.tambon_code)
            .replace("%2", c.inspector)
        )
        self.title.setToolTip(
            self.tr("รหัสตำบล %1 · รหัสแบบประเมิน %2")
            .replace("%1", c.tambon_code)
            .replace("%2", c.sheet_uuid)
        )
        facts = [self.tr("รอบ: %1").replace("%1", row.round_title)]
        for i, v in enumerate(row.versions):
            facts.append(
                self.tr("%1: %2 · รูป %3")
                .replace("%1", conflict_version_title(i, row.versions[i].version))
                .replace("%2", self.who_made(v))
                .replace("%3", str(v.photos))
            )
        differ = c.lessons_differ()
        if differ:
            titles = self.lesson_titles()
            facts.append(
                self.tr("บทเรียนที่ต่างกัน: %1 (ชี้ที่ช่องเพื่ออ่านทั้งหมด)").replace(
                    "%1", ", ".join(titles[k] for k in differ)
                )
            )
        self.facts.setText("\n".join(facts))
        lines = compare_lines(
            row,
            self.tr("หมายเหตุของแบบประเมิน"),
            self.tr("คะแนนรวม"),
            {k: self.tr("บทเรียน: %1").replace("%1", t) for k, t in self.lesson_titles().items()},
        )

        def bg(line: Line) -> QColor | None:
            return DIFFERS if line.differs else None

        def fg(line: Line) -> QColor | None:
            return DIFFERS_TEXT if line.differs else None

        columns = [
            Column(self.tr("เกณฑ์"), lambda ln: ln.label, tooltip=lambda ln: ln.label),
            Column(self.tr("เต็ม"), lambda ln: ln.maximum, align=CENTER),
        ]
        columns.extend(
            Column(
                conflict_version_title(i, row.versions[i].version)
                + "\n"
                + (row.versions[i].made_by or "–"),
                _value_of(i),
                align=RIGHT,
                tooltip=_note_of(i),
                background=bg,
                foreground=fg,
            )
            for i in range(len(row.versions))
        )
        self.lines.reset(columns, lines)
        # the versions (who made each, in the header) take what they need; the criterion's
        # title takes the rest and wraps, so no version's header is cut on a narrow screen.
        # With lessons, the versions share the width instead and their texts wrap, so every
        # version stays in sight side by side.
        header = self.lines_view.horizontalHeader()
        header.setStretchLastSection(False)
        prose = any(line.prose for line in lines)
        if prose:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, self.lines_view.fontMetrics().horizontalAdvance("M") * 14)
        else:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(2, len(columns)):
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch
                if prose
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.lines_view.resizeRowsToContents()
        for i in range(len(row.versions)):
            v = row.versions[i]
            button = QRadioButton(
                self.tr("%1 · %2")  # the version, who made it (short: side by side at 125 %)
                .replace("%1", conflict_version_title(i, v.version))
                .replace("%2", v.made_by or "–")
            )
            button.setToolTip(self.who_made(v))
            button.setObjectName(f"keep{i}")
            self.group.addButton(button, i)
            self.options.add(button)
        self.choice_box.setEnabled(True)
        if row.finalised:
            self.locked.setText(
                self.tr(
                    "รอบ “%1” ยืนยันผลแล้ว แบบประเมินถูกล็อก จึงตัดสินข้อขัดแย้งนี้ไม่ได้"
                    " — ผู้ดูแลระบบต้องเปิดรอบอีกครั้งก่อน"
                ).replace("%1", row.round_title)
            )
            self.locked.show()
            for button in self.group.buttons():
                button.setEnabled(False)
            self.reason.setEnabled(False)
        else:
            self.locked.hide()
            self.reason.setEnabled(True)
            chosen, reason = self.drafts.get(c.sheet_uuid, (-1, ""))
            if reason:
                self.reason.setPlainText(reason)
            if chosen >= 0 and self.group.button(chosen) is not None:
                self.group.button(chosen).setChecked(True)
        self._update_button()

    def _update_button(self) -> None:
        row = self.current
        self.resolve_button.setEnabled(
            row is not None
            and not row.finalised
            and self.group.checkedId() >= 0
            and bool(self.reason.toPlainText().strip())
        )

    def resolve(self) -> None:
        row = self.current
        index = self.group.checkedId()
        reason = self.reason.toPlainText().strip()
        if row is None or index < 0:
            return
        if not reason:
            self._say(self.tr("ต้องระบุเหตุผลในการเลือก"))
            return
        if not self.confirm(row, index, reason):
            return
        keep = row.versions[index].row_uuid
        db, user_id, uuid = self.ctx.db, self.ctx.user.id, row.conflict.sheet_uuid
        self.resolve_button.setEnabled(False)
        self._say(self.tr("กำลังบันทึก…"))

        def job(control: TaskControl) -> Resolution:
            user = get_user(db, user_id)
            return conflict_service.resolve_conflict(db, user, uuid, keep, reason)

        task = self.ctx.tasks.start(job, "resolve conflict")
        task.finished.connect(self._resolved)
        task.failed.connect(lambda exc, _tb: self._refused(exc))

    def confirm(self, row: ConflictRow, index: int, reason: str) -> bool:
        """Ask before applying: which version, whose, for which tambon, and what happens to
        the others."""
        chosen = row.versions[index]
        others = len(row.versions) - 1
        box = QMessageBox(self)
        box.setObjectName("confirmResolve")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("ยืนยันการตัดสินข้อขัดแย้ง"))
        box.setText(
            self.tr("ใช้%1 ของ %2 เป็นแบบประเมินของตำบล%3 (ผู้ประเมิน %4)?")
            .replace("%1", conflict_version_title(index, chosen.version))
            .replace("%2", chosen.made_by or "–")
            .replace("%3", row.conflict.tambon or row.conflict.tambon_code)
            .replace("%4", row.conflict.inspector)
        )
        box.setInformativeText(
            self.tr("%1\n\nอีก %2 ฉบับจะไม่ถูกใช้ แต่ยังเก็บไว้และดูได้ในบันทึกการเปลี่ยนแปลง\nเหตุผล: %3")
            .replace("%1", self.who_made(chosen))
            .replace("%2", str(others))
            .replace("%3", reason)
        )
        apply = box.addButton(self.tr("ใช้ฉบับนี้"), QMessageBox.ButtonRole.AcceptRole)
        apply.setObjectName("apply")
        cancel = box.addButton(self.tr("ยกเลิก"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is apply

    def _resolved(self, resolution: Resolution) -> None:
        self.drafts.pop(resolution.sheet_uuid, None)
        if self.current is not None and self.current.conflict.sheet_uuid == resolution.sheet_uuid:
            self.reason.clear()  # applied: not a draft to bring back
            self.current = None
        self._say(self.tr("บันทึกการตัดสินแล้ว (รุ่น %1)").replace("%1", str(resolution.version)))
        self.resolved.emit(resolution)
        self.ctx.events.data_changed.emit()
        self.reload()

    def _refused(self, exc: BaseException) -> None:
        self._update_button()
        if isinstance(exc, LockedError):
            self.locked.setText(self.tr("ตัดสินไม่ได้: รอบนี้ยืนยันผลแล้ว แบบประเมินถูกล็อก") + "\n" + str(exc))
            self.locked.show()
            self._say("")
            for button in self.group.buttons():
                button.setEnabled(False)
            self.reason.setEnabled(False)
            self.resolve_button.setEnabled(False)
            return
        self._say(str(exc))
        show_error(self, self.tr("ตัดสินข้อขัดแย้งไม่ได้"), exc)
