"""The scoring form, driven as a user would: keyboard, clicks, drag and drop. Every change is
saved at once (no Save button), survives a restart, can be undone, and submitting refuses an
incomplete sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services import sheets
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import answer_modal, make_context, type_text
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.scoring import ScoringView, SheetForm

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


def _draft(db: Database, contest: Contest, tambon: int = 4) -> int:
    return sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[tambon])


def _stored(db_path: str | Path, sheet_id: int, user: UserInfo) -> sheets.SheetView:
    """Read the sheet through a brand-new connection, as a restarted program would."""
    fresh = open_database(db_path)
    try:
        return sheets.get_sheet(fresh, user, sheet_id)
    finally:
        fresh.dispose()


def _type_score(qtbot: QtBot, form: SheetForm, index: int, text: str) -> None:
    form.focus_criterion(index)
    editor = list(form.editors.values())[index]
    qtbot.keyClicks(editor.spin, text)


def test_score_a_sheet_end_to_end_from_the_keyboard(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = MainWindow(make_context(db, contest.inspector_a, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    tambons = window.views["tambons"]
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "tambons"
    ):
        window.show_view("tambons")
    code = contest.tambons[4]
    assert tambons.select_code(code)  # type: ignore[attr-defined]
    qtbot.mouseClick(tambons.start_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.current_view_key() == "scoring"
    scoring = window.views["scoring"]
    assert isinstance(scoring, ScoringView)
    form = scoring.form
    assert form.sheet is not None and form.sheet.tambon_code == code
    # C1: type the score, Tab to its note, type, Tab on to C2, and so on
    form.focus_criterion(0)
    for text, note in (("8", "ผู้นำปลูกผักก่อนทุกคน"), ("7", ""), ("4.5", ""), ("3", "")):
        spin = QApplication.focusWidget()
        assert spin is not None
        qtbot.keyClicks(spin, text)
        qtbot.keyClick(spin, Qt.Key.Key_Tab)
        note_edit = QApplication.focusWidget()
        assert note_edit is not None and note_edit.objectName().startswith("note_"), (
            spin.objectName(),
            note_edit.objectName(),
        )
        if note:
            type_text(note_edit, note)
        qtbot.keyClick(note_edit, Qt.Key.Key_Tab)
    general = QApplication.focusWidget()
    assert general is form.general_note
    type_text(general, "ลงพื้นที่ 3 มิถุนายน")
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = sheets.get_sheet(db, contest.inspector_a, form.sheet.id)
    assert view.status is m.SheetStatus.SUBMITTED
    assert [c.score for c in view.criteria] == [8.0, 7.0, 4.5, 3.0]
    assert view.criteria[0].note == "ผู้นำปลูกผักก่อนทุกคน"
    assert view.note == "ลงพื้นที่ 3 มิถุนายน"
    assert view.total == pytest.approx(32 + 21 + 18 + 6)
    assert not form.submit_button.isVisible() and form.reopen_button.isVisible()
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_every_change_is_saved_at_once_and_survives_a_restart(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    _type_score(qtbot, form, 0, "9")
    _type_score(qtbot, form, 2, "2.5")
    # saved before anything is closed or flushed: as if the program were killed now
    stored = _stored(db.url.removeprefix("sqlite:///"), sheet_id, contest.inspector_a)
    assert [c.score for c in stored.criteria] == [9.0, None, 2.5, None]
    # a note is saved as soon as typing pauses
    note = next(iter(form.editors.values())).note
    note.setFocus()
    type_text(note, "หมายเหตุทดสอบ")
    qtbot.waitUntil(lambda: not note.dirty, timeout=3000)
    stored = _stored(db.url.removeprefix("sqlite:///"), sheet_id, contest.inspector_a)
    assert stored.criteria[0].note == "หมายเหตุทดสอบ"
    assert form.saved_label.text().endswith(str(stored.version))
    # a new form (a restarted program) shows it all
    again = make_form(contest.inspector_a)
    again.load(sheet_id)
    first = next(iter(again.editors.values()))
    assert first.spin.score() == 9.0
    assert first.note.toPlainText() == "หมายเหตุทดสอบ"


def test_undo_and_redo_are_saved_too(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    c1 = contest.criteria["C1"]

    def score() -> float | None:
        return sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[0].score

    _type_score(qtbot, form, 0, "6")
    _type_score(qtbot, form, 1, "5")
    assert score() == 6.0
    spin = form.editors[c1].spin
    spin.setFocus()
    # Ctrl+Z reaches the form's undo stack even though a text field has the focus
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[1].score is None
    form.undo()
    assert score() is None
    assert form.editors[c1].spin.score() is None
    form.redo()
    assert score() == 6.0
    assert form.editors[c1].spin.score() == 6.0
    # typing "10" is one undo step, back to what was there before
    _type_score(qtbot, form, 0, "10")
    assert score() == 10.0
    form.undo()
    assert score() == 6.0


def test_undo_of_a_note_and_of_clearing_a_score_with_its_note(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    c2 = contest.criteria["C2"]
    _type_score(qtbot, form, 1, "4")
    note = form.editors[c2].note
    note.setFocus()
    type_text(note, "ดี")
    form.flush()
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[1].note == "ดี"
    form.undo()
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[1].note == ""
    form.redo()
    # clearing the score takes its note away; undo brings both back
    spin = form.editors[c2].spin
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Delete)
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert (view.criteria[1].score, view.criteria[1].note) == (None, "")
    assert not form.editors[c2].note.isEnabled()
    form.undo()
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert (view.criteria[1].score, view.criteria[1].note) == (4.0, "ดี")
    assert form.editors[c2].note.toPlainText() == "ดี"


def test_the_score_cannot_leave_0_to_max(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    c3 = contest.criteria["C3"]  # max 5
    spin = form.editors[c3].spin
    _type_score(qtbot, form, 2, "7")  # 7 > 5: refused as it is typed
    assert spin.score() is None
    _type_score(qtbot, form, 2, "5")
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.score() == 5.0
    _type_score(qtbot, form, 2, "0")
    qtbot.keyClick(spin, Qt.Key.Key_Down)  # below 0 is "not scored", never negative
    assert spin.score() is None
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[2].score is None
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[2].score == 0.0


def test_submit_refuses_an_incomplete_sheet(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    _type_score(qtbot, form, 0, "8")
    _type_score(qtbot, form, 2, "3")
    messages: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.text())
        dialog.accept()

    answer_modal(read_and_close)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert len(messages) == 1
    assert "C2" in messages[0] and "C4" in messages[0] and "C1" not in messages[0]
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).status is m.SheetStatus.DRAFT
    # the first criterion without a score has the focus (once the message box is gone)
    assert form.focusWidget() is form.editors[contest.criteria["C2"]].spin


def _png(path: Path, colour: str) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def test_photos_by_drag_and_drop_with_undo_and_full_size(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm, tmp_path: Path
) -> None:
    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    files = [_png(tmp_path / "แปลงผัก.png", "green"), _png(tmp_path / "ตลาด.png", "red")]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    form.photos.dropEvent(drop)
    assert drop.isAccepted()
    stored = sheets.get_sheet(db, contest.inspector_a, sheet_id).photos
    assert sorted(p.filename for p in stored) == ["ตลาด.png", "แปลงผัก.png"]
    assert form.photos.count() == 2
    # thumbnails arrive from the background
    qtbot.waitUntil(
        lambda: all(not form.photos.item(i).icon().pixmap(16, 16).isNull() for i in range(2)),
        timeout=5000,
    )
    form.undo()
    assert len(sheets.get_sheet(db, contest.inspector_a, sheet_id).photos) == 1
    form.redo()
    assert len(sheets.get_sheet(db, contest.inspector_a, sheet_id).photos) == 2
    # remove one, undo the removal
    form.photos.setCurrentRow(0)
    qtbot.mouseClick(form.remove_photo_button, Qt.MouseButton.LeftButton)
    assert len(sheets.get_sheet(db, contest.inspector_a, sheet_id).photos) == 1
    form.undo()
    assert len(sheets.get_sheet(db, contest.inspector_a, sheet_id).photos) == 2
    # Enter on a thumbnail opens it full size
    form.photos.setFocus()
    form.photos.setCurrentRow(0)
    qtbot.keyClick(form.photos, Qt.Key.Key_Return)
    viewers = [w for w in QApplication.topLevelWidgets() if w.objectName() == "photoViewer"]
    assert viewers and viewers[0].isVisible()
    assert viewers[0].pixmap.width() == 64  # type: ignore[attr-defined]
    viewers[0].close()


def test_add_photo_from_file(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    make_form: MakeForm,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    sheet_id = _draft(db, contest)
    form = make_form(contest.inspector_a)
    form.load(sheet_id)
    path = _png(tmp_path / "a.png", "blue")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(path)], ""))
    )
    qtbot.keyClick(form, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert [p.filename for p in sheets.get_sheet(db, contest.inspector_a, sheet_id).photos] == [
        "a.png"
    ]


def test_a_committee_member_reads_but_cannot_edit(
    db: Database, contest: Contest, make_form: MakeForm
) -> None:
    form = make_form(contest.committee)
    assert form.load(contest.sheets["a3"])  # inspector A's draft
    assert form.sheet is not None and not form.sheet.editable
    assert all(not e.spin.isEnabled() for e in form.editors.values())
    assert not form.submit_button.isEnabled()
    assert form.banner.isVisible()


def test_an_inspector_cannot_open_someone_elses_sheet(
    db: Database, contest: Contest, make_form: MakeForm
) -> None:
    form = make_form(contest.inspector_b)
    messages: list[str] = []

    def close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.text())
        dialog.accept()

    answer_modal(close)
    assert not form.load(contest.sheets["a3"])
    assert form.sheet is None
    assert messages and "ของตนเอง" in messages[0]


def test_a_submitted_sheet_reopens_as_a_draft(
    qtbot: QtBot, db: Database, contest: Contest, make_form: MakeForm
) -> None:
    form = make_form(contest.inspector_a)
    form.load(contest.sheets["a2"])
    assert form.reopen_button.isVisible() and not form.submit_button.isVisible()
    qtbot.mouseClick(form.reopen_button, Qt.MouseButton.LeftButton)
    assert form.sheet is not None and form.sheet.editable
    assert sheets.get_sheet(db, contest.inspector_a, contest.sheets["a2"]).status is (
        m.SheetStatus.DRAFT
    )
    assert form.submit()
    assert sheets.get_sheet(db, contest.inspector_a, contest.sheets["a2"]).status is (
        m.SheetStatus.SUBMITTED
    )


def test_the_sheet_list_filters_and_opens(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    view = ScoringView(make_context(db, contest.inspector_a, ui_settings, runner))
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=5000):
        view.activate()
    assert view.proxy.rowCount() == 4  # inspector A's own sheets only
    view.drafts_only.setChecked(True)
    assert view.proxy.rowCount() == 1
    view.list.selectRow(0)
    assert view.form.sheet is not None and view.form.sheet.id == contest.sheets["a3"]


def test_a_score_on_a_band_edge_lights_one_band_only(qtbot: QtBot) -> None:
    from evaluator.services.sheets import CriterionEntry, LevelInfo
    from ui.views.scoring.inputs import CriterionEditor

    bands = [(0.0, 6.0, "พอใช้"), (6.0, 8.0, "ดี"), (8.0, 10.0, "ดีมาก")]
    entry = CriterionEntry(
        7, "C1", "ผู้นำทำก่อน", "", 10, 10,
        tuple(LevelInfo(lo, hi, label, "") for lo, hi, label in bands), None, "",
    )  # fmt: skip
    editor = CriterionEditor(1, entry)
    qtbot.addWidget(editor)
    texts = [label.text() for label in editor.level_labels]
    assert texts[0].startswith("0 ถึงต่ำกว่า 6") and texts[1].startswith("6 ถึงต่ำกว่า 8")
    assert texts[2].startswith("8 ถึง 10")

    def lit() -> list[int]:
        return [i for i, label in enumerate(editor.level_labels) if label.property("current")]

    for value, band in ((8.0, 2), (6.0, 1), (7.9, 1), (0.0, 0), (10.0, 2)):
        editor.show_value(value, None)
        assert lit() == [band], value
    editor.show_value(None, None)
    assert lit() == []


def test_a_newly_opened_sheet_starts_at_its_top(
    qtbot: QtBot, make_form: MakeForm, db: Database, contest: Contest
) -> None:
    form = make_form(contest.committee)  # read-only sheets: nothing takes the cursor down
    form.resize(900, 500)
    form.load(contest.sheets["a0"])
    bar = form.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # read down to the photos
    assert bar.value() > 0
    form.load(contest.sheets["b0"])
    qtbot.wait(50)  # the old editors go, the layout settles
    assert bar.value() == 0
    assert form.sheet is not None and form.sheet.id == contest.sheets["b0"]


def test_the_sheet_list_names_the_round_by_its_title(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    """The list's round column shows the round's title, not its code ('outstanding')."""
    from evaluator.services.tambons import list_rounds

    titles = {r.code: r.title for r in list_rounds(db)}
    view = ScoringView(make_context(db, contest.committee, ui_settings, runner))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.reload()
    column = next(
        c
        for c in range(view.model.columnCount())
        if view.model.headerData(c, Qt.Orientation.Horizontal) == "รอบ"
    )
    shown = {view.model.index(r, column).data() for r in range(view.model.rowCount())}
    assert shown and shown <= set(titles.values()) and "outstanding" not in shown
