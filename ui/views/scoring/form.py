"""The scoring form of one sheet.

Every change is saved at once through the sheet services (no Save button): a score as soon as
it changes, a note when typing pauses (and whenever the note loses focus, the sheet changes or
the window closes). Every saved change is a command on a QUndoStack whose undo and redo call the
services again, so undo is saved too. Submitting checks that every criterion has a score.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.db.models import SheetStatus
from evaluator.errors import EvaluatorError, InputError
from evaluator.scoring.model import score_text
from evaluator.services import sheet_photos
from evaluator.services import sheets as svc
from evaluator.services.sheets import PhotoInfo, RemovedPhoto, Saved, SheetView
from ui.context import AppContext
from ui.icons import icon
from ui.labels import sheet_status_title
from ui.photos import PhotoStrip, open_photo
from ui.views.scoring.inputs import CriterionEditor, NoteEdit, UndoPassThrough
from ui.views.scoring.lessons import LessonsBox
from ui.views.scoring.undo import (
    AddPhotoCommand,
    RemovePhotoCommand,
    SetNoteCommand,
    SetScoreCommand,
    undo_redo_actions,
)
from ui.widgets import heading, show_error


class SheetForm(QWidget):
    """The scoring form of one sheet."""

    saved = Signal(int)  # sheet id, after any saved change
    status_changed = Signal(int)  # sheet id, after submit or reopen

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        shortcut_scope: QWidget | None = None,
    ) -> None:
        """``shortcut_scope``: where Ctrl+Enter and Alt+1…Alt+0 work (default: the form; the
        scoring view passes itself, so they work from its sheet list and search box too)."""
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("sheetForm")
        self.sheet: SheetView | None = None
        self.state: tuple[SheetStatus, int, float | None] | None = None  # status, scored, total
        self.editors: dict[int, CriterionEditor] = {}
        self.values: dict[int, float | None] = {}
        self.notes: dict[int, str] = {}
        self.undo_stack = QUndoStack(self)
        self._undo_filter = UndoPassThrough(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        self.title = heading(self.tr("ยังไม่ได้เลือกแบบประเมิน"))
        self.title.setObjectName("sheetTitle")
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        self.undo_action, self.redo_action = undo_redo_actions(self, self.undo, self.redo)
        for action in (self.undo_action, self.redo_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            top.addWidget(button)
        self.undo_stack.canUndoChanged.connect(self._update_undo)
        self.undo_stack.canRedoChanged.connect(self._update_undo)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_undo())
        layout.addLayout(top)

        info = QHBoxLayout()
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("sheetProgress")
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setStyleSheet("color: #1b7a3a;")
        info.addWidget(self.progress_label, 1)
        info.addWidget(self.saved_label)
        layout.addLayout(info)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4e0; border: 1px solid #e0b060; padding: 6px; }"
        )
        self.banner.hide()
        layout.addWidget(self.banner)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setSpacing(10)
        self.scroll_area.setWidget(self.body)
        layout.addWidget(self.scroll_area, 1)

        self.general_box = QGroupBox(self.tr("หมายเหตุของแบบประเมิน"))
        box = QVBoxLayout(self.general_box)
        self.general_note = NoteEdit(self.tr("ข้อสังเกตทั่วไปจากการลงพื้นที่"))
        self.general_note.setObjectName("generalNote")
        self.general_note.setFixedHeight(self.general_note.fontMetrics().lineSpacing() * 4 + 16)
        self.general_note.pause.connect(lambda: self.save_note(None))
        self.general_note.installEventFilter(self._undo_filter)
        box.addWidget(self.general_note)
        self.lessons_box = LessonsBox(self.call, self.undo_stack, self._undo_filter)
        self.lessons_box.saved_version.connect(self._lessons_saved)

        self.photos_box = QGroupBox(self.tr("รูปภาพหลักฐาน (ลากไฟล์รูปมาวางได้)"))
        box = QVBoxLayout(self.photos_box)
        self.photos = PhotoStrip(ctx)
        self.photos.setObjectName("photos")
        self.photos.files_dropped.connect(self.add_photo_files)
        self.photos.photo_activated.connect(self._open_photo)
        box.addWidget(self.photos)
        row = QHBoxLayout()
        self.add_photo_button = QPushButton(icon("photo-add"), self.tr("เพิ่มรูป…"))
        self.add_photo_button.setObjectName("addPhoto")
        self.add_photo_button.setToolTip(self.tr("เพิ่มรูปจากไฟล์ (Ctrl+I)"))
        self.add_photo_button.clicked.connect(self.choose_photos)
        self.add_photo_action = QAction(self.tr("เพิ่มรูป…"), self)
        self.add_photo_action.setShortcut(QKeySequence("Ctrl+I"))
        self.add_photo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_photo_action.triggered.connect(self.choose_photos)
        self.addAction(self.add_photo_action)
        self.remove_photo_button = QPushButton(icon("remove"), self.tr("ลบรูปที่เลือก"))
        self.remove_photo_button.setObjectName("removePhoto")
        self.remove_photo_button.clicked.connect(self.remove_selected_photo)
        row.addWidget(self.add_photo_button)
        row.addWidget(self.remove_photo_button)
        row.addStretch(1)
        box.addLayout(row)

        buttons = QHBoxLayout()
        self.submit_button = QPushButton(icon("submit"), self.tr("ส่งแบบประเมิน"))
        self.submit_button.setObjectName("submit")
        self.submit_button.setToolTip(self.tr("ตรวจว่าให้คะแนนครบทุกเกณฑ์แล้วส่ง (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        self.reopen_button = QPushButton(icon("reopen"), self.tr("เปิดกลับเป็นร่าง"))
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.clicked.connect(self.reopen)
        buttons.addStretch(1)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.submit_button)
        layout.addLayout(buttons)
        scope = shortcut_scope or self
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
        self._jumps: list[QShortcut] = []
        for n in range(10):  # Alt+1 … Alt+9 for C1 … C9, Alt+0 for C10
            shortcut = QShortcut(QKeySequence(f"Alt+{n}"), scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=n: self.focus_criterion((n - 1) % 10))
            self._jumps.append(shortcut)
        self._set_enabled(False)
        self._update_undo()

    # loading ---------------------------------------------------------------------------------
    @property
    def sheet_id(self) -> int:
        return self.sheet.id if self.sheet is not None else -1

    def load(self, sheet_id: int | None, keep_undo: bool = False) -> bool:
        """Show sheet ``sheet_id`` (None: nothing); pending notes of the shown sheet are saved."""
        self.flush()
        if sheet_id is None:
            self.sheet = None
            self._rebuild()
            return True
        try:
            sheet = svc.get_sheet(self.ctx.db, self.ctx.user, sheet_id)
        except EvaluatorError as exc:
            show_error(self, self.tr("เปิดแบบประเมินไม่ได้"), exc)
            return False
        if not keep_undo or self.sheet is None or self.sheet.id != sheet_id:
            self.undo_stack.clear()
        self.sheet = sheet
        self._rebuild()
        return True

    def _rebuild(self) -> None:
        kept = (self.general_box, self.lessons_box, self.photos_box)
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in kept:
                widget.deleteLater()
        self.editors.clear()
        self.values.clear()
        self.notes.clear()
        sheet = self.sheet
        if sheet is None:
            self.title.setText(self.tr("ยังไม่ได้เลือกแบบประเมิน"))
            self.subtitle.setText(self.tr("เลือกแบบประเมินจากรายการด้านซ้าย"))
            self.progress_label.setText("")
            self.saved_label.setText("")
            self.banner.hide()
            self.general_box.hide()
            self.lessons_box.hide()
            self.photos_box.hide()
            self._set_enabled(False)
            return
        self.title.setText(
            self.tr("ตำบล%1 อำเภอ%2 จังหวัด%3")
            .replace("%1", sheet.tambon)
            .replace("%2", sheet.district)
            .replace("%3", sheet.province)
        )
        self.subtitle.setText(
            self.tr("%1 · ผู้ประเมิน %2 · เขต %3 · รหัส %4")
            .replace("%1", sheet.round_title)
            .replace("%2", sheet.inspector)
            .replace("%3", str(sheet.zone))
            .replace("%4", sheet.tambon_code)
        )
        previous: QWidget | None = None
        for number, entry in enumerate(sheet.criteria, start=1):
            editor = CriterionEditor(number, entry)
            editor.score_edited.connect(self.on_score_edited)
            editor.note_paused.connect(self.save_note)
            editor.spin.installEventFilter(self._undo_filter)
            editor.spin.lineEdit().installEventFilter(self._undo_filter)
            editor.note.installEventFilter(self._undo_filter)
            self.body_layout.addWidget(editor)
            editor.setVisible(True)  # at once, not when the event loop next runs
            self.editors[entry.criterion_id] = editor
            self.values[entry.criterion_id] = entry.score
            self.notes[entry.criterion_id] = entry.note
            if previous is not None:
                QWidget.setTabOrder(previous, editor.spin)
            QWidget.setTabOrder(editor.spin, editor.note)
            previous = editor.note
        self.general_note.set_saved(sheet.note)
        self.body_layout.addWidget(self.general_box)
        self.body_layout.addWidget(self.lessons_box)
        self.body_layout.addWidget(self.photos_box)
        self.body_layout.addStretch(1)
        self.general_box.show()
        self.lessons_box.show()
        self.photos_box.show()
        self.lessons_box.load(self.ctx.db, self.ctx.user, sheet.id, sheet.editable)
        if previous is not None:
            QWidget.setTabOrder(previous, self.general_note)
        QWidget.setTabOrder(self.lessons_box.chain_tabs(self.general_note), self.photos)
        QWidget.setTabOrder(self.photos, self.add_photo_button)
        QWidget.setTabOrder(self.add_photo_button, self.remove_photo_button)
        QWidget.setTabOrder(self.remove_photo_button, self.submit_button)
        self.photos.set_photos(sheet.photos)
        self._set_enabled(True)
        self._show_state(sheet.version, sheet.status)
        self.scroll_area.verticalScrollBar().setValue(0)  # a new sheet starts at its top

    def _set_enabled(self, has_sheet: bool) -> None:
        editable = has_sheet and self.sheet is not None and self.sheet.editable
        for editor in self.editors.values():
            editor.set_editable(editable)
        self.general_note.setReadOnly(not editable)
        self.photos.accepts_drops = editable
        self.add_photo_button.setEnabled(editable)
        self.remove_photo_button.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        can_reopen = (
            has_sheet
            and self.sheet is not None
            and self.sheet.status is SheetStatus.SUBMITTED
            and not self.sheet.round_final
        )
        self.reopen_button.setVisible(bool(can_reopen))
        self.submit_button.setVisible(not can_reopen)
        self._update_undo()

    def _show_state(self, version: int, status: SheetStatus) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        scored = sum(1 for v in self.values.values() if v is not None)
        lines = [(e.weight, e.max_score, self.values[e.criterion_id]) for e in sheet.criteria]
        total = (
            svc.sheet_total([(w, mx, v) for w, mx, v in lines if v is not None])
            if scored == len(lines) and lines
            else None
        )
        self.state = (status, scored, total)
        self.progress_label.setText(
            self.tr("สถานะ: %1 · ให้คะแนนแล้ว %2/%3 เกณฑ์ · คะแนนรวม %4")
            .replace("%1", sheet_status_title(status))
            .replace("%2", str(scored))
            .replace("%3", str(len(lines)))
            .replace("%4", "–" if total is None else score_text(total))
        )
        if sheet.round_final or status is SheetStatus.LOCKED:
            self.banner.setText(self.tr("รอบนี้ยืนยันผลแล้ว แบบประเมินถูกล็อก ดูได้อย่างเดียว"))
            self.banner.show()
        elif status is SheetStatus.SUBMITTED:
            self.banner.setText(self.tr("แบบประเมินนี้ส่งแล้ว หากต้องแก้ไข กด “เปิดกลับเป็นร่าง”"))
            self.banner.show()
        elif not sheet.editable:
            self.banner.setText(self.tr("ท่านดูแบบประเมินนี้ได้ แต่แก้ไขได้เฉพาะผู้ประเมินเจ้าของแบบ"))
            self.banner.show()
        else:
            self.banner.hide()
        self.saved_label.setText(self.tr("บันทึกอัตโนมัติแล้ว · ฉบับที่ %1").replace("%1", str(version)))

    # saving ----------------------------------------------------------------------------------
    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a sheet service as the current user; on refusal tell the user and reload."""
        try:
            result = fn(self.ctx.db, self.ctx.user, *args)
        except EvaluatorError as exc:
            show_error(self, self.tr("บันทึกไม่ได้"), exc)
            if self.sheet is not None and not isinstance(exc, InputError):
                self.load(self.sheet.id)
            return None
        if isinstance(result, Saved):
            self._after_save(result)
        elif self.sheet is not None:
            self.saved.emit(self.sheet.id)
        return result

    def _after_save(self, saved: Saved) -> None:
        self._show_state(saved.version, saved.status)
        self.saved.emit(saved.sheet_id)

    def on_score_edited(self, criterion_id: int, value: float | None) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        old = self.values.get(criterion_id)
        if old == value:
            return
        entry = next(e for e in sheet.criteria if e.criterion_id == criterion_id)
        old_note = self.notes.get(criterion_id, "")
        self.values[criterion_id] = value
        if self.call(svc.set_score, sheet.id, criterion_id, value) is None:
            self.values[criterion_id] = old
            if criterion_id in self.editors:
                self.editors[criterion_id].show_value(old, None)
            return
        if value is None:
            self.notes[criterion_id] = ""
            self.editors[criterion_id].show_value(None, "", typed=True)
        else:
            self.editors[criterion_id].show_value(value, None, typed=True)
        self.undo_stack.push(SetScoreCommand(self, entry, old, value, old_note))

    def apply_score(self, criterion_id: int, value: float | None, note: str | None) -> None:
        """Undo/redo: save a score (and the note it had) and show it."""
        if self.sheet is None or criterion_id not in self.editors:
            return
        old = self.values.get(criterion_id)
        self.values[criterion_id] = value
        if self.call(svc.set_score, self.sheet.id, criterion_id, value) is None:
            self.values[criterion_id] = old
            return
        if value is None:
            self.notes[criterion_id] = ""
            self.editors[criterion_id].show_value(None, "")
        else:
            if note and note != self.notes.get(criterion_id):
                self.call(svc.set_criterion_note, self.sheet.id, criterion_id, note)
                self.notes[criterion_id] = note
                self.editors[criterion_id].show_value(value, note)
            else:
                self.editors[criterion_id].show_value(value, None)
        self.editors[criterion_id].spin.setFocus()

    def save_note(self, criterion_id: int | None) -> None:
        """Save a note whose typing paused (criterion None: the sheet's general note)."""
        sheet = self.sheet
        if sheet is None or not sheet.editable:
            return
        edit = self.general_note if criterion_id is None else self.editors[criterion_id].note
        if not edit.dirty:
            return
        old, new = edit.saved_text, edit.toPlainText()
        if criterion_id is None:
            result = self.call(svc.set_note, sheet.id, new)
        else:
            result = self.call(svc.set_criterion_note, sheet.id, criterion_id, new)
        if result is None:
            return
        edit.saved_text = new
        if criterion_id is not None:
            self.notes[criterion_id] = new
        self.undo_stack.push(SetNoteCommand(self, criterion_id, old, new))

    def apply_note(self, criterion_id: int | None, text: str) -> None:
        """Undo/redo: save a note and show it."""
        sheet = self.sheet
        if sheet is None:
            return
        if criterion_id is None:
            if self.call(svc.set_note, sheet.id, text) is None:
                return
            self.general_note.set_saved(text)
            self.general_note.setFocus()
        else:
            if self.call(svc.set_criterion_note, sheet.id, criterion_id, text) is None:
                return
            self.notes[criterion_id] = text
            self.editors[criterion_id].note.set_saved(text)
            self.editors[criterion_id].note.setFocus()

    def flush(self) -> None:
        """Save every note that is still being typed."""
        if self.sheet is None or not self.sheet.editable:
            return
        for criterion_id, editor in list(self.editors.items()):
            if editor.note.dirty:
                self.save_note(criterion_id)
        if self.general_note.dirty:
            self.save_note(None)
        self.lessons_box.flush()

    def _lessons_saved(self, version: int) -> None:
        if self.sheet is not None:
            self._show_state(version, self.state[0] if self.state else self.sheet.status)
            self.saved.emit(self.sheet.id)

    def undo(self) -> None:
        self.flush()
        if self.undo_stack.canUndo():
            self.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        if self.undo_stack.canRedo():
            self.undo_stack.redo()

    def _update_undo(self) -> None:
        # QUndoStack.clear() in its destructor still signals: ignore a stack being destroyed
        if not (shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self.undo_action)):
            return
        editable = self.sheet is not None and self.sheet.editable
        self.undo_action.setEnabled(editable and self.undo_stack.canUndo())
        self.redo_action.setEnabled(editable and self.undo_stack.canRedo())
        self.undo_action.setToolTip(self.undo_stack.undoText() or self.tr("เลิกทำ"))
        self.redo_action.setToolTip(self.undo_stack.redoText() or self.tr("ทำซ้ำ"))

    # photos ----------------------------------------------------------------------------------
    def refresh_photos(self) -> None:
        if self.sheet is None:
            return
        try:
            fresh = svc.get_sheet(self.ctx.db, self.ctx.user, self.sheet.id)
        except EvaluatorError:
            return
        self.sheet = fresh
        self.photos.set_photos(fresh.photos)
        self.photos_box.setTitle(
            self.tr("รูปภาพหลักฐาน (%1) — ลากไฟล์รูปมาวางได้").replace("%1", str(len(fresh.photos)))
        )

    def choose_photos(self) -> None:
        if self.sheet is None or not self.sheet.editable:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("เลือกรูปภาพ"),
            "",
            self.tr("รูปภาพ (*.jpg *.jpeg *.png *.gif *.webp)"),
        )
        if names:
            self.add_photo_files([Path(n) for n in names])

    def add_photo_files(self, paths: list[Path]) -> None:
        if self.sheet is None or not self.sheet.editable:
            return
        for path in paths:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                QMessageBox.warning(self, self.tr("อ่านไฟล์ไม่ได้"), f"{path}: {exc.strerror}")
                continue
            info = self.call(sheet_photos.add_photo, self.sheet.id, Path(path).name, data)
            if isinstance(info, PhotoInfo):
                self.undo_stack.push(AddPhotoCommand(self, info, data))
        self.refresh_photos()

    def remove_selected_photo(self) -> None:
        photo_id = self.photos.selected_photo()
        if photo_id is None or self.sheet is None:
            return
        removed = self.call(sheet_photos.remove_photo, photo_id)
        if isinstance(removed, RemovedPhoto):
            self.undo_stack.push(RemovePhotoCommand(self, removed))
        self.refresh_photos()

    def _open_photo(self, photo_id: int) -> None:
        try:
            open_photo(self.ctx, photo_id, self.title.text(), self)
        except EvaluatorError as exc:
            show_error(self, self.tr("เปิดรูปไม่ได้"), exc)

    # submit ----------------------------------------------------------------------------------
    def submit(self) -> bool:
        """Submit the sheet; an incomplete one is refused and its first gap gets the focus."""
        sheet = self.sheet
        if sheet is None or not sheet.editable:
            return False
        self.flush()
        try:
            svc.submit(self.ctx.db, self.ctx.user, sheet.id)
        except InputError as exc:
            missing = [p.field for p in exc.problems if p.field]
            box = QMessageBox(self)
            box.setObjectName("submitRefused")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("ยังส่งไม่ได้"))
            box.setText(
                self.tr("ยังไม่ได้ให้คะแนน %1 เกณฑ์:").replace("%1", str(len(exc.problems)))
                + "\n"
                + "\n".join(f"• {e.code} {e.title}" for e in sheet.criteria if e.code in missing)
            )
            box.exec()
            first = next((e for e in self.editors.values() if e.entry.code in missing), None)
            if first is not None:
                first.spin.setFocus()
                self.scroll_area.ensureWidgetVisible(first)
            return False
        except EvaluatorError as exc:
            show_error(self, self.tr("ส่งไม่ได้"), exc)
            return False
        self.load(sheet.id)
        self.status_changed.emit(sheet.id)
        return True

    def reopen(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        try:
            svc.reopen(self.ctx.db, self.ctx.user, sheet.id)
        except EvaluatorError as exc:
            show_error(self, self.tr("เปิดกลับเป็นร่างไม่ได้"), exc)
            return
        self.load(sheet.id)
        self.status_changed.emit(sheet.id)

    def focus_first_unscored(self) -> None:
        """Put the cursor where scoring goes on: the first criterion without a score (the
        first criterion when all have one; the form itself when the sheet is read-only)."""
        if self.sheet is None:
            return
        if not self.sheet.editable:
            self.scroll_area.setFocus()
            return
        keys = list(self.editors)
        first = next((i for i, k in enumerate(keys) if self.values.get(k) is None), 0)
        self.focus_criterion(first)

    def focus_criterion(self, index: int) -> None:
        editors = list(self.editors.values())
        if 0 <= index < len(editors):
            editors[index].spin.setFocus()
            editors[index].spin.begin_typing()
            self.scroll_area.ensureWidgetVisible(editors[index])
