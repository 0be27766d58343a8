"""The lessons learned (ถอดบทเรียน) section of the scoring form: five multi-line fields that save
themselves like the notes (when typing pauses, on leaving a field, when the sheet changes or the
window closes) through :func:`evaluator.services.lessons.save_lessons`; undo and redo save again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from evaluator.db import Database
from evaluator.errors import EvaluatorError
from evaluator.lesson_fields import LESSON_FIELDS, Lessons
from evaluator.permissions import UserInfo
from evaluator.services import lessons as lessons_svc
from ui.views.scoring.inputs import NoteEdit


class LessonsBox(QGroupBox):
    """The five lesson fields of one sheet."""

    saved_version = Signal(int)  # the sheet's version after a lesson was saved

    def __init__(
        self, call: Callable[..., Any], undo_stack: QUndoStack, undo_filter: QObject
    ) -> None:
        """``call``: runs a service as the form's user, telling them about a refusal (returns
        None then); ``undo_stack`` and ``undo_filter``: the form's (Ctrl+Z in a field undoes
        the form's last saved change, as in the notes)."""
        super().__init__(self.tr("ถอดบทเรียน (บทเรียนที่ได้จากตำบลนี้)"))
        self.setObjectName("lessonsBox")
        self._call = call
        self._undo_stack = undo_stack
        self.sheet_id: int | None = None
        self.editable = False
        self.edits: dict[str, NoteEdit] = {}
        box = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "เขียนสิ่งที่ได้เรียนรู้จากตำบลนี้ ตำบลอื่นจะนำไปใช้ได้ คณะกรรมการคัดเลือกแนวปฏิบัติที่ควรขยายผล"
                "ไปลงในรายงานสรุปสำหรับผู้บริหารและหนังสือแนวปฏิบัติที่ดี"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        box.addWidget(hint)
        for field in LESSON_FIELDS:
            label = QLabel(field.label())
            edit = NoteEdit(field.question())
            edit.setObjectName(f"lesson_{field.key}")
            edit.setAccessibleName(field.label())
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 16)
            edit.pause.connect(lambda key=field.key: self.save(key))
            edit.installEventFilter(undo_filter)
            label.setBuddy(edit)
            box.addWidget(label)
            box.addWidget(edit)
            self.edits[field.key] = edit

    def load(self, db: Database, user: UserInfo, sheet_id: int | None, editable: bool) -> None:
        """Show a sheet's lessons (None: nothing); read-only unless ``editable``."""
        self.sheet_id = sheet_id
        self.editable = editable and sheet_id is not None
        texts = Lessons()
        if sheet_id is not None:
            try:
                texts = lessons_svc.get_lessons(db, user, sheet_id)
            except EvaluatorError:
                texts = Lessons()
        for key, edit in self.edits.items():
            edit.set_saved(getattr(texts, key))
            edit.setReadOnly(not self.editable)

    def chain_tabs(self, previous: QWidget) -> QWidget:
        """Put the fields in the tab order after ``previous``; returns the last one."""
        for edit in self.edits.values():
            QWidget.setTabOrder(previous, edit)
            previous = edit
        return previous

    def save(self, key: str) -> None:
        """Save a field whose typing paused (or that lost the focus)."""
        edit = self.edits[key]
        if self.sheet_id is None or not self.editable or not edit.dirty:
            return
        old, new = edit.saved_text, edit.toPlainText()
        result = self._call(lessons_svc.save_lessons, self.sheet_id, {key: new})
        if result is None:
            return
        edit.saved_text = new
        self.saved_version.emit(result.version)
        self._undo_stack.push(SetLessonCommand(self, self.sheet_id, key, old, new))

    def apply(self, sheet_id: int, key: str, text: str) -> None:
        """Undo/redo: save a field and show it."""
        if sheet_id != self.sheet_id:
            return
        result = self._call(lessons_svc.save_lessons, sheet_id, {key: text})
        if result is None:
            return
        self.edits[key].set_saved(text)
        self.edits[key].setFocus()
        self.saved_version.emit(result.version)

    def flush(self) -> None:
        """Save every field still being typed."""
        for key, edit in self.edits.items():
            if edit.dirty:
                self.save(key)


class SetLessonCommand(QUndoCommand):
    """A lesson field's change, already saved when pushed."""

    def __init__(self, box: LessonsBox, sheet_id: int, key: str, old: str, new: str) -> None:
        title = next(f.label() for f in LESSON_FIELDS if f.key == key)
        super().__init__(QCoreApplication.translate("LessonsBox", "แก้ %1").replace("%1", title))
        self.box = box
        self.sheet_id = sheet_id
        self.key = key
        self.old = old
        self.new = new
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.box.apply(self.sheet_id, self.key, self.new)

    def undo(self) -> None:
        self.box.apply(self.sheet_id, self.key, self.old)
