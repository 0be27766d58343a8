"""A date box in the user's calendar: the Buddhist-era year (พ.ศ.) in Thai, the Gregorian year
in English, as every other date the app shows (:func:`evaluator.i18n.when`).

Qt has no Buddhist calendar (QDateEdit and QCalendarWidget show a Thai locale's Gregorian year),
so :class:`DateEdit` is a line edit that shows "7 ธ.ค. 2569" ("7 Dec 2026" in English), reads
what a person types (:func:`parse_date`: "7/12/2569", "๗ ธ.ค. ๒๕๖๙", "7 ธันวาคม 2569",
"2026-12-07"…), steps with the arrow keys and opens a month calendar (:class:`CalendarPopup`)
whose header shows the same year. Empty means "no date" (a filter's "any"). Text it cannot read
stays as typed, marked, with the reason in a tooltip, until corrected: nothing typed is dropped
silently.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from evaluator import i18n
from ui.icons import icon

# a year from here up is a Buddhist-era year (2400 BE is 1857 CE, long before any round)
_BUDDHIST_FROM = 2400
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ENGLISH_FULL = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for n in range(12):
        for name in (
            i18n.THAI_MONTHS[n],
            i18n.THAI_MONTHS_FULL[n],
            i18n.ENGLISH_MONTHS[n],
            _ENGLISH_FULL[n],
        ):
            names[_name_key(name)] = n + 1
    return names


def _name_key(text: str) -> str:
    """A month's name as compared: lower case, without dots or spaces ("ธ.ค." → "ธค")."""
    return re.sub(r"[.\s]", "", text).lower()


_MONTHS = _month_names()
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PARTS = re.compile(r"\d+|[^\d\s/,\-]+")


def year_of(written: int) -> int:
    """The Gregorian year of a year as written: from 2400 up a Buddhist-era year (2569 → 2026),
    two digits a year of this century in the user's era (69 → 2569 BE in Thai, 2069 in
    English), else Gregorian."""
    if written < 100:
        if i18n.language() == "th":
            return 2500 + written - i18n.BUDDHIST_ERA_OFFSET
        return 2000 + written
    if written >= _BUDDHIST_FROM:
        return written - i18n.BUDDHIST_ERA_OFFSET
    return written


def parse_date(text: str) -> date | None:
    """The date a person typed, None for an empty box; ValueError when it is not one.

    Day, month and year in that order, separated by spaces, "/", "-" or ".", the month as a
    number or a Thai or English name (short or full, with or without dots), Thai or Arabic
    digits, the year Buddhist-era or Gregorian (:func:`year_of`), "พ.ศ."/"ค.ศ." allowed before
    it; or ISO (2026-12-07)."""
    cleaned = text.translate(_THAI_DIGITS).strip()
    if not cleaned:
        return None
    explicit: str | None = None
    for mark, era in (("พ.ศ.", "be"), ("พศ", "be"), ("ค.ศ.", "ce"), ("คศ", "ce")):
        if mark in cleaned:
            cleaned, explicit = cleaned.replace(mark, " "), era
    iso = _ISO.match(cleaned)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        parts = _PARTS.findall(cleaned)
        # a month name may be written with inner dots ("ธ.ค."): glue the pieces back
        words = [p for p in parts if not p.isdigit() and p.strip(".")]
        numbers = [p for p in parts if p.isdigit()]
        if words:
            key = _name_key("".join(words))
            if key not in _MONTHS or len(numbers) != 2:
                raise ValueError(text)
            day, month, year = int(numbers[0]), _MONTHS[key], int(numbers[1])
        elif len(numbers) == 3:
            day, month, year = (int(n) for n in numbers)
        else:
            raise ValueError(text)
    if explicit == "be":
        year -= i18n.BUDDHIST_ERA_OFFSET
    elif explicit is None:
        year = year_of(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(text) from None


def date_text(value: date) -> str:
    """A date as the box shows it: "7 ธ.ค. 2569" in Thai, "7 Dec 2026" in English."""
    return i18n.when(value, time=False)


def display_year(year: int) -> int:
    """A Gregorian year as the user reads it: Buddhist era in Thai."""
    return year + i18n.BUDDHIST_ERA_OFFSET if i18n.language() == "th" else year


def _as_date(value: date | QDate | None) -> date | None:
    if isinstance(value, QDate):
        return date(value.year(), value.month(), value.day()) if value.isValid() else None
    return value


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class _DateValidator(QValidator):
    """Never refuses a keystroke: text that is not (yet) a date is Intermediate, so it stays
    on screen and :class:`DateEdit` says what is wrong when the user leaves the box."""

    def validate(self, text: str, pos: int) -> object:
        try:
            parse_date(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class DateEdit(QLineEdit):
    """A date, or none, in the user's calendar (see the module's text).

    ``value()`` is the chosen :class:`datetime.date` or None; ``dateChanged`` carries it.
    Enter or leaving the box takes what was typed; Up/Down step a day, Page Up/Page Down a
    month; Alt+Down or F4 (or the calendar button) open the month calendar."""

    dateChanged = Signal(object)  # date | None

    def __init__(
        self,
        empty_text: str = "",
        parent: QWidget | None = None,
        *,
        minimum: date = date(1950, 1, 1),
        maximum: date = date(2200, 12, 31),
    ) -> None:
        super().__init__(parent)
        self._value: date | None = None
        self._minimum, self._maximum = minimum, maximum
        self._problem = ""
        self.setPlaceholderText(empty_text)
        self.setClearButtonEnabled(True)
        self.setValidator(_DateValidator(self))
        sample = date_text(date(2000, 9, 28))  # the widest day and month
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(sample + "  ") + 56)
        self.calendar_action = self.addAction(
            icon("calendar"), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip(self.tr("เลือกจากปฏิทิน (Alt+ลง)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.popup: CalendarPopup | None = None
        self.editingFinished.connect(self.commit)
        self.textChanged.connect(self._text_changed)

    # value ------------------------------------------------------------------------------------
    def value(self) -> date | None:
        """The date chosen, None for none."""
        return self._value

    def setDate(self, value: date | QDate | None) -> None:
        """Show ``value`` (None: empty) and emit ``dateChanged`` when it differs."""
        chosen = _as_date(value)
        if chosen is not None:
            chosen = min(max(chosen, self._minimum), self._maximum)
        self._set_problem("")
        self.blockSignals(True)
        self.setText(date_text(chosen) if chosen is not None else "")
        self.blockSignals(False)
        if chosen != self._value:
            self._value = chosen
            self.dateChanged.emit(chosen)

    def clear_date(self) -> None:
        self.setDate(None)

    def problem(self) -> str:
        """Why the text on screen is not a date ('' when it is one or empty)."""
        return self._problem

    def commit(self) -> None:
        """Take the typed text: show it the app's way, or say why it is not a date."""
        try:
            typed = parse_date(self.text())
        except ValueError:
            self._set_problem(
                self.tr(
                    "อ่านวันที่ '%1' ไม่ได้: พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 7/12/2569 หรือ 7 ธ.ค. 2569"
                ).replace("%1", self.text())
            )
            return
        if typed is not None and not self._minimum <= typed <= self._maximum:
            self._set_problem(
                self.tr("วันที่ต้องอยู่ระหว่าง %1 ถึง %2")
                .replace("%1", date_text(self._minimum))
                .replace("%2", date_text(self._maximum))
            )
            return
        self.setDate(typed)

    def _text_changed(self, text: str) -> None:
        if not text.strip():  # the clear button, or everything deleted: no date
            self.setDate(None)
        elif self._problem:
            self._set_problem("")  # being corrected

    def _set_problem(self, problem: str) -> None:
        self._problem = problem
        self.setProperty("invalid", bool(problem))
        self.setStyleSheet("QLineEdit { border: 2px solid #c62828; }" if problem else "")
        self.setToolTip(problem)
        if problem and self.isVisible():  # at once, where the box is
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)

    # keys -------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        steps = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_PageUp: (0, 1),
            Qt.Key.Key_PageDown: (0, -1),
        }
        if key in steps and not mods & Qt.KeyboardModifier.AltModifier:
            self.step(*steps[Qt.Key(key)])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()  # and let the dialog or form see Enter too
        super().keyPressEvent(event)

    def step(self, days: int, months: int = 0) -> None:
        """Move the date by ``days`` or ``months`` (from what is typed, else today)."""
        try:
            start = parse_date(self.text()) or date.today()
        except ValueError:
            start = self._value or date.today()
        if months:
            index = start.year * 12 + start.month - 1 + months
            year, month = divmod(index, 12)
            start = start.replace(
                year=year, month=month + 1, day=min(start.day, monthrange(year, month + 1)[1])
            )
        self.setDate(start + timedelta(days=days))
        self.selectAll()

    # calendar ---------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = CalendarPopup(self._minimum, self._maximum, self)
            self.popup.chosen.connect(self._picked)
        try:
            start = parse_date(self.text()) or self._value
        except ValueError:
            start = self._value
        self.popup.show_at(self, start or date.today())

    def _picked(self, value: date) -> None:
        self.setDate(value)
        self.setFocus()


class CalendarPopup(QFrame):
    """A month calendar whose header shows the year in the user's era (พ.ศ. in Thai); arrows
    move the day, Page Up/Down the month, Enter chooses, Esc closes."""

    chosen = Signal(object)  # date

    def __init__(self, minimum: date, maximum: date, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("calendarPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        header = QHBoxLayout()
        self.previous = QToolButton()
        self.previous.setObjectName("previousMonth")
        self.previous.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous.setToolTip(self.tr("เดือนก่อน"))
        self.month = QComboBox()
        self.month.setObjectName("month")
        names = i18n.THAI_MONTHS_FULL if i18n.language() == "th" else _ENGLISH_FULL
        for n, name in enumerate(names):
            self.month.addItem(name.capitalize(), n + 1)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(display_year(minimum.year), display_year(maximum.year))
        self.year.setAccessibleName(self.tr("ปี"))
        self.next = QToolButton()
        self.next.setObjectName("nextMonth")
        self.next.setArrowType(Qt.ArrowType.RightArrow)
        self.next.setToolTip(self.tr("เดือนถัดไป"))
        header.addWidget(self.previous)
        header.addWidget(self.month, 1)
        header.addWidget(self.year)
        header.addWidget(self.next)
        layout.addLayout(header)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("calendar")
        self.calendar.setNavigationBarVisible(False)
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setDateRange(_qdate(minimum), _qdate(maximum))
        layout.addWidget(self.calendar)
        self.previous.clicked.connect(lambda: self.calendar.showPreviousMonth())
        self.next.clicked.connect(lambda: self.calendar.showNextMonth())
        self.month.currentIndexChanged.connect(lambda _i: self._page_chosen())
        self.year.valueChanged.connect(lambda _v: self._page_chosen())
        self.calendar.currentPageChanged.connect(lambda y, m: self._show_page(y, m))
        self.calendar.activated.connect(self._activated)
        self.calendar.clicked.connect(self._activated)

    def show_at(self, anchor: QWidget, value: date) -> None:
        self.calendar.setSelectedDate(_qdate(value))
        self._show_page(value.year, value.month)
        self.adjustSize()
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen().availableGeometry()
        x = min(below.x(), screen.right() - self.width())
        y = (
            below.y()
            if below.y() + self.height() <= screen.bottom()
            else (anchor.mapToGlobal(QPoint(0, 0)).y() - self.height())
        )
        self.move(max(screen.left(), x), max(screen.top(), y))
        self.show()
        self.calendar.setFocus()

    def page(self) -> tuple[int, int]:
        """The month on show: (Gregorian year, month)."""
        return self.calendar.yearShown(), self.calendar.monthShown()

    def _show_page(self, year: int, month: int) -> None:
        for box in (self.month, self.year):
            box.blockSignals(True)
        self.month.setCurrentIndex(month - 1)
        self.year.setValue(display_year(year))
        for box in (self.month, self.year):
            box.blockSignals(False)

    def _page_chosen(self) -> None:
        year = self.year.value()
        if i18n.language() == "th":
            year -= i18n.BUDDHIST_ERA_OFFSET
        self.calendar.setCurrentPage(year, self.month.currentIndex() + 1)

    def _activated(self, value: QDate) -> None:
        self.hide()
        self.chosen.emit(date(value.year(), value.month(), value.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)
