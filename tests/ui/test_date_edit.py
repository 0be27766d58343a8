"""The date box in the user's calendar (ui/date_edit.py): พ.ศ. shown and read in Thai, the
Gregorian year in English, typed text kept and explained when it is not a date, arrow keys and
the month calendar; the audit log filtered by a Buddhist-era date typed key by key."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.services import audit_log
from tests.ui.conftest import type_text
from tests.ui.test_audit_view import loaded, logged, open_view
from ui.date_edit import DateEdit, parse_date
from ui.settings import UiSettings
from ui.tasks import TaskRunner

__all__ = ["logged"]  # the fixture, shared with the audit view's tests

# the offscreen platform's, not the program's: a tooltip or popup raised, the keyboard grabbed
OFFSCREEN = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the keyboard",
)


@pytest.mark.parametrize(
    "typed",
    [
        "7/12/2569",
        "07-12-2569",
        "7.12.2569",
        "๗/๑๒/๒๕๖๙",
        "7 ธ.ค. 2569",
        "7 ธค 2569",
        "7 ธันวาคม พ.ศ. 2569",
        "๗ ธ.ค. ๒๕๖๙",
        "7/12/69",  # two digits: this century of the Buddhist era
        "7/12/2026",  # a Gregorian year is still understood
        "7 Dec 2026",
        "2026-12-07",
        "7/12/ค.ศ. 2026",
    ],
)
def test_thai_mode_reads_buddhist_era_dates(typed: str) -> None:
    assert parse_date(typed) == date(2026, 12, 7)


def test_english_mode_reads_gregorian_dates(english: None) -> None:
    assert parse_date("7/12/2026") == date(2026, 12, 7)
    assert parse_date("7 December 2026") == date(2026, 12, 7)
    assert parse_date("7/12/26") == date(2026, 12, 7)
    assert parse_date("7/12/2569") == date(2026, 12, 7)  # a พ.ศ. year cannot be a Gregorian one


@pytest.mark.parametrize("typed", ["31/2/2569", "7/13/2569", "7 ธค", "12/2569", "พรุ่งนี้"])
def test_what_is_not_a_date_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_date(typed)
    assert parse_date("  ") is None


def test_the_box_shows_buddhist_era_in_thai_and_round_trips(qtbot: QtBot) -> None:
    box = DateEdit("ไม่กำหนด")
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.dateChanged) as changed:
        box.setDate(QDate(2026, 12, 7))
    assert changed.args == [date(2026, 12, 7)]
    assert box.text() == "7 ธ.ค. 2569"
    assert parse_date(box.text()) == box.value() == date(2026, 12, 7)
    box.commit()  # what is shown reads back as the same date, no change signalled
    assert box.value() == date(2026, 12, 7) and box.problem() == ""
    box.clear()  # the clear button: no date
    assert box.value() is None and box.text() == ""


def test_the_box_shows_gregorian_in_english(qtbot: QtBot, english: None) -> None:
    box = DateEdit("Any")
    qtbot.addWidget(box)
    box.setDate(date(2026, 12, 7))
    assert box.text() == "7 Dec 2026"
    assert parse_date(box.text()) == date(2026, 12, 7)


@OFFSCREEN
def test_typed_keys_and_unreadable_text(qtbot: QtBot) -> None:
    box = DateEdit("ไม่กำหนด")
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    type_text(box, "๗/๑๒/๒๕๖๙")
    with qtbot.waitSignal(box.dateChanged):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == date(2026, 12, 7) and box.text() == "7 ธ.ค. 2569"
    # arrows step a day, Page Up a month (to the last day of a shorter month)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.value() == date(2026, 12, 8)
    box.setDate(date(2027, 1, 31))
    qtbot.keyClick(box, Qt.Key.Key_PageUp)
    assert box.value() == date(2027, 2, 28) and box.text() == "28 ก.พ. 2570"
    # a wrong date stays on screen, marked, with the reason; the last good date is kept
    box.selectAll()
    type_text(box, "31/2/2570")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.text() == "31/2/2570"
    assert box.value() == date(2027, 2, 28)
    assert "31/2/2570" in box.problem() and "7 ธ.ค. 2569" in box.problem()  # and an example
    assert box.toolTip() == box.problem()
    assert box.property("invalid") is True
    qtbot.keyClick(box, Qt.Key.Key_Backspace)  # being corrected: the mark goes
    assert box.problem() == ""
    type_text(box, "1")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == date(2027, 2, 28) and "31/2/257" in box.problem()


@OFFSCREEN
def test_out_of_range_is_explained(qtbot: QtBot) -> None:
    box = DateEdit("", minimum=date(2020, 1, 1), maximum=date(2030, 12, 31))
    qtbot.addWidget(box)
    box.setText("1/1/2500")
    box.commit()
    assert box.value() is None
    assert "1 ม.ค. 2563" in box.problem() and "31 ธ.ค. 2573" in box.problem()


@OFFSCREEN
def test_the_calendar_shows_and_picks_in_buddhist_era(qtbot: QtBot) -> None:
    box = DateEdit("ไม่กำหนด")
    qtbot.addWidget(box)
    box.show()
    box.setDate(date(2026, 12, 7))
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = box.popup
    assert popup is not None and popup.isVisible()
    assert popup.year.value() == 2569 and popup.month.currentText() == "ธันวาคม"
    # the year box in พ.ศ. moves the page; the next-month arrow crosses into 2570
    popup.year.setValue(2568)
    assert popup.page() == (2025, 12)
    popup.next.click()
    assert popup.page() == (2026, 1) and popup.year.value() == 2569
    # keyboard: the calendar has the focus; a day to the right and Enter choose it
    popup.calendar.setSelectedDate(QDate(2026, 1, 14))
    days = popup.calendar.focusProxy()  # the calendar's table of days
    assert days is not None
    qtbot.keyClick(days, Qt.Key.Key_Right)
    with qtbot.waitSignal(box.dateChanged) as changed:
        qtbot.keyClick(days, Qt.Key.Key_Return)
    assert changed.args == [date(2026, 1, 15)]
    assert not popup.isVisible() and box.text() == "15 ม.ค. 2569"


@OFFSCREEN
def test_the_calendar_in_english(qtbot: QtBot, english: None) -> None:
    box = DateEdit("Any")
    qtbot.addWidget(box)
    box.show()
    box.setDate(date(2026, 12, 7))
    box.open_calendar()
    assert box.popup is not None
    assert box.popup.year.value() == 2026 and box.popup.month.currentText() == "December"
    qtbot.keyClick(box.popup, Qt.Key.Key_Escape)
    assert not box.popup.isVisible() and box.value() == date(2026, 12, 7)


def test_typing_a_buddhist_era_date_filters_the_audit_log(
    qtbot: QtBot, db: Database, logged: object, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)  # type: ignore[arg-type]
    loaded(qtbot, view)
    total = audit_log.count_entries(db)
    tomorrow = date.today() + timedelta(days=1)
    yesterday = date.today() - timedelta(days=1)

    def typed(box: DateEdit, day: date) -> None:
        box.setFocus()
        box.selectAll()
        type_text(box, f"{day.day}/{day.month}/{day.year + 543}")
        qtbot.keyClick(box, Qt.Key.Key_Return)

    typed(view.since, tomorrow)  # everything was written today
    qtbot.waitUntil(lambda: view.model.filter.since is not None, timeout=5000)
    loaded(qtbot, view)
    assert view.model.total == 0
    assert view.since.text().endswith(str(tomorrow.year + 543))
    typed(view.since, yesterday)
    typed(view.until, tomorrow)
    qtbot.waitUntil(lambda: view.model.filter.until is not None, timeout=5000)
    loaded(qtbot, view)
    assert view.model.total == total
    since = view.model.filter.since
    assert since is not None and since.astimezone().date() == yesterday
    typed(view.until, yesterday)  # until the end of yesterday: nothing
    loaded(qtbot, view)
    qtbot.waitUntil(lambda: view.model.total == 0, timeout=5000)
    view.clear_filters()
    loaded(qtbot, view)
    assert view.since.text() == "" and view.until.value() is None
    assert view.model.total == total
