"""The lessons section of the scoring form: reached with Tab, saved as typing pauses (before any
close or flush, as if the program were killed), undone through the form's stack, read-only to
whoever may not edit the sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from evaluator.db import Database, open_database
from evaluator.lesson_fields import Lessons
from evaluator.permissions import UserInfo
from evaluator.services import lessons, sheets
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context, type_text
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.scoring import SheetForm

MakeForm = Callable[[UserInfo], SheetForm]


@pytest.fixture
def make_form(qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner) -> MakeForm:
    def make(user: UserInfo) -> SheetForm:
        form = SheetForm(make_context(db, user, ui_settings, runner))
        qtbot.addWidget(form)
        form.resize(900, 900)
        with qtbot.waitActive(form):
            form.show()
            form.activateWindow()
        return form

    return make


def _stored(db_path: str | Path, sheet_id: int, user: UserInfo) -> Lessons:
    """Read the lessons through a brand-new connection, as a restarted program would."""
    fresh = open_database(db_path)
    try:
        return lessons.get_lessons(fresh, user, sheet_id)
    finally:
        fresh.dispose()


def test_lessons_are_reached_by_tab_and_saved_when_typing_pauses(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[4])
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    version = sheets.get_sheet(db, contest.inspector_a, sheet_id).version
    form.general_note.setFocus()
    qtbot.keyClick(form.general_note, Qt.Key.Key_Tab)
    first = form.lessons_box.edits["good_practices"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=3000)
    type_text(first, "ปลูกผักสวนครัวทุกหลังคาเรือน")
    qtbot.waitUntil(lambda: not first.dirty, timeout=3000)
    # Tab goes on through the five fields, then to the photos
    for key in ("success_factors", "obstacles", "transferable", "village_results"):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is form.lessons_box.edits[key]
    type_text(form.lessons_box.edits["village_results"], "ลดรายจ่ายค่าอาหาร 800 บาทต่อเดือน")
    qtbot.waitUntil(lambda: not form.lessons_box.edits["village_results"].dirty, timeout=3000)
    # stored before anything is closed or flushed: as if the program were killed now
    stored = _stored(db.url.removeprefix("sqlite:///"), sheet_id, contest.inspector_a)
    assert stored.good_practices == "ปลูกผักสวนครัวทุกหลังคาเรือน"
    assert stored.village_results == "ลดรายจ่ายค่าอาหาร 800 บาทต่อเดือน"
    assert form.saved_label.text().endswith(str(version + 2))
    # undo takes the last field back, saved too
    form.undo()
    assert lessons.get_lessons(db, contest.inspector_a, sheet_id).village_results == ""
    form.redo()
    assert lessons.get_lessons(db, contest.inspector_a, sheet_id).village_results.startswith("ลด")
    # a restarted program shows them
    again = make_form(contest.inspector_a)
    again.load(sheet_id)
    assert again.lessons_box.edits["good_practices"].toPlainText() == stored.good_practices


def test_lessons_are_read_only_to_the_committee_and_after_submitting(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[4])
    lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": "น้ำไม่พอ ขุดสระร่วมกัน"})
    form = make_form(contest.committee)
    form.load(sheet_id)
    edit = form.lessons_box.edits["obstacles"]
    assert edit.toPlainText() == "น้ำไม่พอ ขุดสระร่วมกัน"
    assert edit.isReadOnly()
    own = make_form(contest.inspector_a)
    own.load(sheet_id)
    assert not own.lessons_box.edits["obstacles"].isReadOnly()
    for code, value in {"C1": 8.0, "C2": 7.0, "C3": 4.0, "C4": 3.0}.items():
        sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria[code], value)
    sheets.submit(db, contest.inspector_a, sheet_id)
    own.load(sheet_id)
    assert own.lessons_box.edits["obstacles"].isReadOnly()
