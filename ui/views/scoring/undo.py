"""The undo commands of the scoring form. Each change is saved before its command is pushed;
undo and redo save again through the form (which calls the sheet services)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QWidget

from evaluator.services import sheet_photos
from evaluator.services.sheets import CriterionEntry, PhotoInfo, RemovedPhoto
from ui.icons import icon

MERGE_SECONDS = 2.0


def undo_redo_actions(
    form: QWidget, undo: Callable[[], None], redo: Callable[[], None]
) -> tuple[QAction, QAction]:
    """The form's undo (Ctrl+Z) and redo (Ctrl+Shift+Z, Ctrl+Y) actions, added to it and working
    in it and its children."""
    undo_action = QAction(icon("undo"), QCoreApplication.translate("SheetForm", "เลิกทำ"), form)
    undo_action.setObjectName("undo")
    undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    redo_action = QAction(icon("redo"), QCoreApplication.translate("SheetForm", "ทำซ้ำ"), form)
    redo_action.setObjectName("redo")
    redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
    for action, slot in ((undo_action, undo), (redo_action, redo)):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        form.addAction(action)
    return undo_action, redo_action


class Form(Protocol):
    """What the commands need of the form (ui.views.scoring.form.SheetForm)."""

    @property
    def sheet_id(self) -> int: ...

    def call(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def apply_score(self, criterion_id: int, value: float | None, note: str | None) -> None: ...

    def apply_note(self, criterion_id: int | None, text: str) -> None: ...

    def refresh_photos(self) -> None: ...


class _Command(QUndoCommand):
    """A change already saved when pushed: the first redo() (by push) does nothing."""

    def __init__(self, form: Form, text: str) -> None:
        super().__init__(text)
        self.form = form
        self.sheet_id = form.sheet_id
        self._pushed = False
        self.closed = False
        self.at = time.monotonic()

    merge_window = MERGE_SECONDS

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.closed = True
        self.apply_redo()

    def undo(self) -> None:
        self.closed = True  # once undone or redone, later edits start a step of their own
        self.apply_undo()

    def can_merge(self, other: QUndoCommand) -> bool:
        return (
            not self.closed
            and isinstance(other, type(self))
            and other.sheet_id == self.sheet_id
            and other.at - self.at < self.merge_window
        )

    def apply_redo(self) -> None:
        raise NotImplementedError

    def apply_undo(self) -> None:
        raise NotImplementedError


class SetScoreCommand(_Command):
    def __init__(
        self,
        form: Form,
        entry: CriterionEntry,
        old: float | None,
        new: float | None,
        note: str,
    ) -> None:
        super().__init__(
            form, QCoreApplication.translate("SheetForm", "ให้คะแนน %1").replace("%1", entry.code)
        )
        self.criterion_id = entry.criterion_id
        self.old, self.new, self.old_note = old, new, note

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # a cleared score keeps its own step (its note comes back on undo)
        if not (
            self.can_merge(other)
            and isinstance(other, SetScoreCommand)
            and other.criterion_id == self.criterion_id
            and self.new is not None
        ):
            return False
        self.new = other.new
        self.at = other.at
        self.setObsolete(self.new == self.old)
        return True

    def apply_redo(self) -> None:
        self.form.apply_score(self.criterion_id, self.new, None)

    def apply_undo(self) -> None:
        self.form.apply_score(self.criterion_id, self.old, self.old_note)


class SetNoteCommand(_Command):
    merge_window = 10 * MERGE_SECONDS

    def __init__(self, form: Form, criterion_id: int | None, old: str, new: str) -> None:
        super().__init__(form, QCoreApplication.translate("SheetForm", "แก้หมายเหตุ"))
        self.criterion_id = criterion_id
        self.old, self.new = old, new

    def id(self) -> int:
        return 2

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            self.can_merge(other)
            and isinstance(other, SetNoteCommand)
            and other.criterion_id == self.criterion_id
        ):
            return False
        self.new = other.new
        self.at = other.at
        self.setObsolete(self.new == self.old)
        return True

    def apply_redo(self) -> None:
        self.form.apply_note(self.criterion_id, self.new)

    def apply_undo(self) -> None:
        self.form.apply_note(self.criterion_id, self.old)


class AddPhotoCommand(_Command):
    def __init__(self, form: Form, info: PhotoInfo, data: bytes) -> None:
        super().__init__(
            form, QCoreApplication.translate("SheetForm", "เพิ่มรูป %1").replace("%1", info.filename)
        )
        self.info, self.data = info, data

    def apply_redo(self) -> None:
        info = self.form.call(
            sheet_photos.add_photo,
            self.form.sheet_id,
            self.info.filename,
            self.data,
            self.info.criterion_id,
            self.info.caption,
        )
        if isinstance(info, PhotoInfo):
            self.info = info
        self.form.refresh_photos()

    def apply_undo(self) -> None:
        self.form.call(sheet_photos.remove_photo, self.info.id)
        self.form.refresh_photos()


class RemovePhotoCommand(_Command):
    def __init__(self, form: Form, removed: RemovedPhoto) -> None:
        super().__init__(
            form,
            QCoreApplication.translate("SheetForm", "ลบรูป %1").replace("%1", removed.info.filename),
        )
        self.removed = removed

    def apply_redo(self) -> None:
        removed = self.form.call(sheet_photos.remove_photo, self.removed.info.id)
        if isinstance(removed, RemovedPhoto):
            self.removed = removed
        self.form.refresh_photos()

    def apply_undo(self) -> None:
        info = self.form.call(
            sheet_photos.add_photo,
            self.form.sheet_id,
            self.removed.info.filename,
            self.removed.data,
            self.removed.info.criterion_id,
            self.removed.info.caption,
        )
        if isinstance(info, PhotoInfo):
            self.removed = RemovedPhoto(info, self.removed.data)
        self.form.refresh_photos()
