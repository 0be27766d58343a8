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

from evaluator.services.sheets import CriterionEntry, LevelInfo

NOTE_PAUSE_MS = 400
UNSCORED = -1.0


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_EMPTY = ("", "—", "-")


class ScoreSpinBox(QDoubleSpinBox):
    """A score from 0 to the criterion's max_score, or "not scored yet" (shown as "—").

    No keystroke is dropped without a word: typing replaces the selected value (the whole
    value is selected when the box is entered from the keyboard, and the "—" of an unscored
    criterion gives way to the first digit), Thai digits ๐–๙ are taken as 0–9, and a number
    outside 0..max_score stays in the box, is never saved nor corrected behind the user's
    back, and ``problem`` says why until it is corrected. Stepping down from 0, or deleting
    the text, leaves the criterion unscored.
    """

    problem = Signal(str)  # why the typed text is not saved; "" once it is fine again

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
        self.problem_text = ""
        self.at_focus: float | None = None  # the saved score when the box was entered
        self.lineEdit().textChanged.connect(self._check)

    def score(self) -> float | None:
        value = self.value()
        return None if value < 0 else value

    def set_score(self, value: float | None) -> None:
        self.blockSignals(True)
        self.setValue(UNSCORED if value is None else value)
        self.blockSignals(False)

    def out_of_range(self, text: str) -> float | None:
        """The number typed when it lies outside 0..max_score (None: empty, or in range)."""
        stripped = text.strip().translate(THAI_DIGITS).replace(",", ".")
        if stripped in _EMPTY:
            return None
        try:
            value = float(stripped)
        except ValueError:
            return None
        return value if value < 0 or value > self.maximum() else None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        text = text.translate(THAI_DIGITS)
        if text.strip() in _EMPTY:
            return QValidator.State.Intermediate, text, pos
        if self.out_of_range(text) is not None:
            return QValidator.State.Intermediate, text, pos  # kept in view, not saved
        state, fixed, new_pos = super().validate(text, pos)
        return state, fixed, new_pos

    def valueFromText(self, text: str) -> float:
        stripped = text.strip().translate(THAI_DIGITS)
        if stripped in _EMPTY:
            return UNSCORED
        return super().valueFromText(stripped)

    def _check(self, text: str) -> None:
        bad = self.out_of_range(text)
        message = (
            ""
            if bad is None
            else self.tr("คะแนนต้องอยู่ระหว่าง 0 ถึง %1: “%2” ยังไม่ได้บันทึก แก้ตัวเลขให้ถูก")
            .replace("%1", f"{self.maximum():g}")
            .replace("%2", text.strip())
        )
        if message != self.problem_text:
            self.problem_text = message
            self.problem.emit(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        edit = self.lineEdit()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.value() == UNSCORED or edit.selectedText() == edit.text()
        ):
            self.setValue(UNSCORED)
            return
        typed = event.text().translate(THAI_DIGITS)
        if typed and (typed.isdigit() or typed in ".,") and edit.text() == self.specialValueText():
            edit.clear()  # the "—" of an unscored criterion gives way to the first digit
        if self.problem_text and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # keep the wrong number in view (a spin box would correct it silently)
        super().keyPressEvent(event)

    def begin_typing(self) -> None:
        """The box is entered (or re-entered by Alt+number): note the saved score, select it
        so that typing replaces it."""
        if not self.problem_text:
            self.at_focus = self.score()
        self.selectAll()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            if not self.problem_text:
                self.at_focus = self.score()
        else:
            self.begin_typing()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.problem_text:
            # a spin box corrects its text on leaving (to the maximum): keep it, unsaved
            QWidget.focusOutEvent(self, event)
            return
        super().focusOutEvent(event)


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
            .replace("%2", str(number % 10) if number <= 10 else "-")
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
        self.problem = QLabel("")
        self.problem.setObjectName(f"problem_{entry.code}")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(
            "QLabel { color: #a3261b; background: #fdeceb; border: 1px solid #e8a39d;"
            " padding: 4px; }"
        )
        self.problem.hide()
        grid.addWidget(self.problem, 1, 0, 1, 2)
        row = 2
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
            for i, level in enumerate(entry.levels):
                text = f"{self.band_text(level, i == len(entry.levels) - 1)} &nbsp;" + (
                    f"<b>{_escape(level.label)}</b>"
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
        self.spin.problem.connect(self._problem)
        self.note.pause.connect(lambda: self.note_paused.emit(entry.criterion_id))
        self.show_value(entry.score, entry.note)

    def band_text(self, level: LevelInfo, last: bool) -> str:
        """A band's range as :mod:`evaluator.bands` prints it: its end belongs to the next
        band, except for the last band."""
        if last:
            return (
                self.tr("%1 ถึง %2")
                .replace("%1", f"{level.min_score:g}")
                .replace("%2", f"{level.max_score:g}")
            )
        return (
            self.tr("%1 ถึงต่ำกว่า %2")
            .replace("%1", f"{level.min_score:g}")
            .replace("%2", f"{level.max_score:g}")
        )

    def _problem(self, message: str) -> None:
        """A typed number out of range: say why, and keep the score saved before the typing
        began (a "1" typed on the way to "15" is not left saved)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        if not message:
            return
        edit = self.spin.lineEdit()
        typed, cursor = edit.text(), edit.cursorPosition()
        before = self.spin.at_focus
        if self.spin.score() != before:
            self.spin.set_score(before)  # the box's own value, silently
            edit.setText(typed)  # the wrong number stays in view
            edit.setCursorPosition(cursor)
            self.score_edited.emit(self.entry.criterion_id, before)

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
