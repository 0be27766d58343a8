"""The inputs of the scoring form: the score box, the self-saving note, and one criterion's
editor (title, description, level descriptions, score and note)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from evaluator.services.sheets import CriterionEntry

NOTE_PAUSE_MS = 400
UNSCORED = -1.0


class ScoreSpinBox(QDoubleSpinBox):
    """A score from 0 to the criterion's max_score, or "not scored yet" (shown as "—").

    Nothing outside 0..max_score can be typed or stepped to; stepping down from 0, or deleting
    the text, leaves the criterion unscored.
    """

    def __init__(self, max_score: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(1 if max_score < 100 else 0)
        self.setRange(UNSCORED, max_score)
        self.setSingleStep(1.0)
        self.setSpecialValueText("—")
        self.setValue(UNSCORED)
        self.setKeyboardTracking(True)
        self.setAccelerated(False)
        self.setCorrectionMode(QDoubleSpinBox.CorrectionMode.CorrectToNearestValue)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(96)

    def score(self) -> float | None:
        value = self.value()
        return None if value < 0 else value

    def set_score(self, value: float | None) -> None:
        self.blockSignals(True)
        self.setValue(UNSCORED if value is None else value)
        self.blockSignals(False)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip()
        if stripped in ("", "—", "-"):
            return QValidator.State.Intermediate, text, pos
        try:
            value = float(stripped.replace(",", "."))
        except ValueError:
            return super().validate(text, pos)
        if value < 0 or value > self.maximum():
            return QValidator.State.Invalid, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> float:
        stripped = text.strip()
        if stripped in ("", "—", "-"):
            return UNSCORED
        return super().valueFromText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.value() == UNSCORED or self.lineEdit().selectedText() == self.lineEdit().text()
        ):
            self.setValue(UNSCORED)
            return
        super().keyPressEvent(event)


class UndoPassThrough(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the form's undo stack while a text field has focus (a text
    field would otherwise take them for its own undo)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()
            return True
        return False


class NoteEdit(QPlainTextEdit):
    """A note that saves itself when typing pauses and when it loses focus."""

    pause = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NOTE_PAUSE_MS)
        self.timer.timeout.connect(self.pause)
        self.textChanged.connect(self.timer.start)
        self.saved_text = ""

    def set_saved(self, text: str) -> None:
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self.saved_text = text
        self.timer.stop()

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self.saved_text

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.dirty:
            self.timer.stop()
            self.pause.emit()


# --- one criterion ---------------------------------------------------------------------------


class CriterionEditor(QFrame):
    """One criterion: title, description and level descriptions in view, the score, the note."""

    score_edited = Signal(int, object)  # criterion id, float | None
    note_paused = Signal(int)

    def __init__(self, number: int, entry: CriterionEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName(f"criterion_{entry.code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "criterion")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        title = QLabel(f"<b>{entry.code}</b> &nbsp;{_escape(entry.title)}")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(title, 0, 0)
        self.spin = ScoreSpinBox(entry.max_score)
        self.spin.setObjectName(f"score_{entry.code}")
        self.spin.setAccessibleName(entry.title)
        self.spin.setToolTip(
            self.tr("คะแนน 0 ถึง %1 (Alt+%2) · ลบเพื่อยกเลิกคะแนน")
            .replace("%1", f"{entry.max_score:g}")
            .replace("%2", str(number) if number <= 9 else "-")
        )
        title.setBuddy(self.spin)
        out_of = QLabel(
            self.tr("/ %1 คะแนน · น้ำหนัก %2")
            .replace("%1", f"{entry.max_score:g}")
            .replace("%2", f"{entry.weight:g}")
        )
        score_row = QHBoxLayout()
        score_row.addWidget(self.spin)
        score_row.addWidget(out_of)
        grid.addLayout(score_row, 0, 1, Qt.AlignmentFlag.AlignRight)
        row = 1
        if entry.description:
            description = QLabel(entry.description)
            description.setWordWrap(True)
            description.setObjectName("criterionDescription")
            grid.addWidget(description, row, 0, 1, 2)
            row += 1
        self.level_labels: list[QLabel] = []
        if entry.levels:
            levels = QVBoxLayout()
            levels.setSpacing(2)
            for level in entry.levels:
                text = (
                    f"{level.min_score:g}–{level.max_score:g} &nbsp;<b>{_escape(level.label)}</b>"
                )
                if level.description:
                    text += f" — {_escape(level.description)}"
                label = QLabel(text)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setWordWrap(True)
                label.setProperty("role", "level")
                label.setContentsMargins(6, 2, 6, 2)
                levels.addWidget(label)
                self.level_labels.append(label)
            grid.addLayout(levels, row, 0, 1, 2)
            row += 1
        self.note = NoteEdit(self.tr("หมายเหตุของเกณฑ์นี้"))
        self.note.setToolTip(self.tr("หมายเหตุเป็นของคะแนน: ให้คะแนนก่อนจึงเขียนได้"))
        self.note.setObjectName(f"note_{entry.code}")
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 16)
        grid.addWidget(self.note, row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.spin.valueChanged.connect(
            lambda _v: self.score_edited.emit(entry.criterion_id, self.spin.score())
        )
        self.note.pause.connect(lambda: self.note_paused.emit(entry.criterion_id))
        self.show_value(entry.score, entry.note)

    def show_value(
        self, value: float | None, note: str | None = None, *, typed: bool = False
    ) -> None:
        """Show a saved score (``typed``: the user is typing it; leave the text alone)."""
        if not typed:
            self.spin.set_score(value)
        if note is not None:
            self.note.set_saved(note)
        self.note.setEnabled(value is not None and self.spin.isEnabled())
        level = self.entry.level_of(value) if value is not None else None
        for lv, label in zip(self.entry.levels, self.level_labels, strict=True):
            current = level is not None and lv == level
            label.setProperty("current", current)
            label.setStyleSheet(
                "QLabel { background: #e3f1e6; border-left: 4px solid #1b7a3a; }"
                if current
                else "QLabel { border-left: 4px solid transparent; }"
            )

    def set_editable(self, editable: bool) -> None:
        self.spin.setEnabled(editable)
        self.spin.setReadOnly(not editable)
        self.note.setReadOnly(not editable)
        self.note.setEnabled(editable and self.spin.score() is not None)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
