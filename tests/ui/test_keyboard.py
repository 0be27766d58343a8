"""Scoring with the keyboard only (issue 15): from the tambon table to a submitted sheet with key
events alone, and score boxes that never drop a keystroke without saying so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services import sheets
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context, type_text
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.scoring import ScoringView

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _focus_name() -> str:
    """The object name of the focused widget (a score box's line edit counts as the box)."""
    widget = _focus()
    if not widget.objectName() and widget.parentWidget() is not None:
        widget = widget.parentWidget()  # type: ignore[assignment]
    return widget.objectName()


def _keys(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _window(qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings) -> MainWindow:
    window = MainWindow(make_context(db, contest.inspector_a, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_score_and_submit_a_sheet_with_key_events_only(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = _window(qtbot, db, contest, ui_settings)
    code = contest.tambons[4]
    # Ctrl+F: the tambon search; type the code; Tab to the table, Down to the row, Enter
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "tambons"
    ):
        _key(qtbot, Qt.Key.Key_F, CTRL)
    assert _focus_name() == "search"
    _keys(qtbot, code)
    tambons = window.views["tambons"]
    assert tambons.proxy.rowCount() == 1  # type: ignore[attr-defined]  # filtered as typed
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focus_name() == "tambonTable"
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    # the sheet is open with the cursor in its first unscored criterion
    assert window.current_view_key() == "scoring"
    scoring = window.views["scoring"]
    assert isinstance(scoring, ScoringView)
    form = scoring.form
    assert form.sheet is not None and form.sheet.tambon_code == code
    assert _focus_name() == "score_C1"
    _keys(qtbot, "8")
    _key(qtbot, Qt.Key.Key_Tab)  # to C1's note
    assert _focus_name() == "note_C1"
    type_text(_focus(), "ผู้นำปลูกผักก่อน")
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focus_name() == "score_C2"
    _keys(qtbot, "7")
    # Alt+4 jumps to C4; a Thai digit is a digit
    _key(qtbot, Qt.Key.Key_4, ALT)
    assert _focus_name() == "score_C4"
    type_text(_focus(), "๓")
    # back in the sheet list, Alt+3 jumps into the form and types nothing into the list
    scoring.search.setFocus()
    _key(qtbot, Qt.Key.Key_3, ALT)
    assert scoring.search.text() == ""
    assert _focus_name() == "score_C3"
    _keys(qtbot, "4.5")
    stored = sheets.get_sheet(db, contest.inspector_a, form.sheet.id)
    assert [c.score for c in stored.criteria] == [8.0, 7.0, 4.5, 3.0]
    assert stored.criteria[0].note == "ผู้นำปลูกผักก่อน"
    # the list follows the form: 4/4, with the total
    sheet_id = form.sheet.id
    qtbot.waitUntil(lambda: any(r.id == sheet_id for r in scoring.model.records), timeout=5000)
    _key(qtbot, Qt.Key.Key_3, ALT)  # a last change, after the list has loaded
    _keys(qtbot, "4")
    _key(qtbot, Qt.Key.Key_3, ALT)
    _keys(qtbot, "4.5")
    row = next(r for r in scoring.model.records if r.id == sheet_id)
    assert (row.scored, row.total) == (4, 32 + 21 + 18 + 6)
    current = scoring.list.currentIndex()
    assert current.isValid() and scoring.proxy.record(current.row()).id == sheet_id
    # Ctrl+Enter from the sheet list submits the open sheet
    scoring.list.setFocus()
    _key(qtbot, Qt.Key.Key_Return, CTRL)
    assert (
        sheets.get_sheet(db, contest.inspector_a, form.sheet.id).status is m.SheetStatus.SUBMITTED
    )
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_enter_in_the_sheet_list_opens_the_sheet_at_its_first_gap(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    sheet_id = sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[4])
    sheets.set_score(db, contest.inspector_a, sheet_id, _criterion(db, contest, sheet_id, 0), 6)
    window = _window(qtbot, db, contest, ui_settings)
    scoring = window.views["scoring"]
    assert isinstance(scoring, ScoringView)
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "scoring"
    ):
        window.show_view("scoring")
    row = next(r for r in range(scoring.proxy.rowCount()) if scoring.proxy.record(r).id == sheet_id)
    scoring.list.setFocus()
    scoring.list.setCurrentIndex(scoring.proxy.index(row, 0))
    assert _focus_name() == "sheetList"  # choosing a row with the arrows leaves the focus there
    _key(qtbot, Qt.Key.Key_Return)
    assert scoring.form.sheet_id == sheet_id
    assert _focus_name() == "score_C2"  # C1 has a score: the first gap is C2
    window.close()
    assert window.ctx.tasks.wait(5000)


def _criterion(db: Database, contest: Contest, sheet_id: int, index: int) -> int:
    return sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[index].criterion_id


def test_a_score_box_never_drops_a_keystroke_silently(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    sheet_id = sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[4])
    window = _window(qtbot, db, contest, ui_settings)
    window.ctx.events.open_sheet.emit(sheet_id)
    scoring = window.views["scoring"]
    assert isinstance(scoring, ScoringView)
    form = scoring.form
    c1 = next(iter(form.editors.values()))

    def stored(index: int = 0) -> float | None:
        return sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[index].score

    # the unscored "—" gives way to the first digit
    assert _focus_name() == "score_C1" and c1.spin.text() == "—"
    _keys(qtbot, "7")
    assert stored() == 7.0
    # entering the box again selects the value: typing replaces it
    _key(qtbot, Qt.Key.Key_2, ALT)
    _key(qtbot, Qt.Key.Key_1, ALT)
    _keys(qtbot, "9")
    assert c1.spin.text() == "9.0" or c1.spin.text().startswith("9")
    assert stored() == 9.0
    # out of range: it stays in view with the reason, is not saved (not even the "1" typed on
    # the way), survives Enter and leaving the box, and goes once corrected
    _key(qtbot, Qt.Key.Key_1, ALT)
    _keys(qtbot, "15")
    assert c1.spin.lineEdit().text() == "15"
    assert c1.problem.isVisible() and "15" in c1.problem.text() and "10" in c1.problem.text()
    assert stored() == 9.0
    _key(qtbot, Qt.Key.Key_Return)
    _key(qtbot, Qt.Key.Key_Tab)
    assert c1.spin.lineEdit().text() == "15" and c1.problem.isVisible()
    assert stored() == 9.0
    _key(qtbot, Qt.Key.Key_1, ALT)
    type_text(_focus(), "๑๐")  # Thai digits, replacing the selected "15"
    assert not c1.problem.isVisible()
    assert stored() == 10.0
    window.close()
    assert window.ctx.tasks.wait(5000)
