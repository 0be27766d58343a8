"""The inspector's dashboard: their own tambons and sheet states, never the country's numbers;
Enter opens (or starts) their sheet of the chosen tambon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.services import sheets
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.dashboard import DashboardView


def _window(qtbot: QtBot, db: Database, user: object, settings: UiSettings) -> MainWindow:
    settings.last_view = "dashboard"
    window = MainWindow(make_context(db, user, settings, TaskRunner()))
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "dashboard"
    ):
        window.show()
    return window


def test_an_inspector_sees_their_own_tambons_and_opens_one_with_enter(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    qtmodeltester: ModelTester,
) -> None:
    window = _window(qtbot, db, contest.inspector_a, ui_settings)
    view = window.views["dashboard"]
    assert isinstance(view, DashboardView) and view.my_work is not None
    assert view.my_work.isVisibleTo(view) and not view.splitter.isVisibleTo(view)
    panel = view.my_work
    qtmodeltester.check(panel.model)
    rows = [panel.model.record(r) for r in range(panel.model.rowCount())]
    assert {r.code for r in rows} == set(contest.tambons[:6])  # the six assigned, nothing else
    states = {r.code: panel.state_title(r) for r in rows}
    t = contest.tambons
    assert states[t[0]] == "ส่งแล้ว" and states[t[3]] == "ร่าง" and states[t[5]] == "ยังไม่เริ่ม"
    # the cards count their own sheets: 3 submitted, 1 draft, 2 not started of 6
    assert view.cards["expected"].value.text() == "6"
    assert view.cards["submitted"].value.text() == "3"
    assert view.cards["drafted"].value.text() == "1"
    assert view.cards["not_started"].value.text() == "2"
    assert "ผู้ตรวจ ก" in panel.title.text()
    # a tambon not started: Enter starts the sheet and opens it in the scoring view
    row = next(i for i in range(panel.proxy.rowCount()) if panel.proxy.record(i).code == t[5])
    panel.table.setFocus()
    panel.table.selectRow(row)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_view_key() == "scoring", timeout=5000)
    scoring = window.views["scoring"]
    opened = scoring.form.sheet  # type: ignore[attr-defined]
    assert opened is not None and opened.tambon_code == t[5]
    assert opened.inspector == "ผู้ตรวจ ก"
    mine = sheets.list_sheets(db, contest.inspector_a, "outstanding", t[5])
    assert [s.id for s in mine] == [opened.id]
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_a_committee_member_still_sees_the_country(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = _window(qtbot, db, contest.committee, ui_settings)
    view = window.views["dashboard"]
    assert isinstance(view, DashboardView)
    assert view.my_work is None and view.splitter.isVisibleTo(view)
    assert view.cards["expected"].value.text() == "18"  # 6 tambons × 3 inspectors
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_the_tambon_detail_follows_a_sheet_scored_meanwhile(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    """The tambon's sheet list showed 8/10 after the sheet reached 10/10: it is read again."""
    settings = ui_settings
    settings.last_view = "tambons"
    window = MainWindow(make_context(db, contest.inspector_a, settings, TaskRunner()))
    qtbot.addWidget(window)
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "tambons"
    ):
        window.show()
    tambons = window.views["tambons"]
    code = contest.tambons[3]  # ก's draft: C1 only
    assert tambons.select_code(code)  # type: ignore[attr-defined]
    detail = tambons.detail  # type: ignore[attr-defined]
    [mine] = detail.sheets.records
    assert (mine.scored, mine.criteria) == (1, 4)
    sheet = sheets.get_sheet(db, contest.inspector_a, mine.id)
    for c in sheet.criteria[1:]:  # scored in the scoring view
        sheets.set_score(db, contest.inspector_a, mine.id, c.criterion_id, 3)
    window.ctx.events.sheet_saved.emit(mine.id)
    window.show_view("scoring")
    with qtbot.waitSignal(
        window.ctx.events.data_loaded, timeout=10000, check_params_cb=lambda k: k == "tambons"
    ):
        window.show_view("tambons")
    [fresh] = detail.sheets.records
    assert (fresh.scored, fresh.criteria) == (4, 4)
    window.close()
    assert window.ctx.tasks.wait(5000)
