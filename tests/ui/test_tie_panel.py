"""The tie panel of the rankings view: a tie at the cutoff side by side, settled with a reason
by a committee member, off the UI thread (issue 13 item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services import ranking
from tests.evaluator.ranking_fixtures import acting
from tests.evaluator.test_ties_cli import B, C, build
from tests.ui.conftest import make_context, type_text
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.rankings import RankingsView


def _view(qtbot: QtBot, db: Database, role: m.Role, settings: UiSettings, runner: TaskRunner):  # type: ignore[no-untyped-def]
    user = acting(db, f"ผู้ใช้ {role.value}", role)
    view = RankingsView(make_context(db, user, settings, runner))
    qtbot.addWidget(view)
    view.resize(1300, 850)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.activate()
    return view


def test_the_committee_settles_a_tie_in_the_rankings_view(
    qtbot: QtBot,
    db: Database,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
) -> None:
    build(db)
    view = _view(qtbot, db, m.Role.COMMITTEE, ui_settings, runner)
    panel = view.tie_panel
    assert "(1)" in view.tabs.tabText(view.tabs.indexOf(panel))  # one open tie
    assert panel.choice.count() == 1
    qtmodeltester.check(panel.model)
    shown = {panel.model.record(r).tambon_code for r in range(panel.model.rowCount())}
    assert shown == {B, C}
    assert {panel.model.record(r).score for r in range(2)} == {80.0}
    assert panel.compare_button.isEnabled()
    with qtbot.waitSignal(view.ctx.events.compare, timeout=5000) as asked:
        qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert sorted(asked.args[0]) == [B, C]
    assert not panel.resolve_button.isEnabled()  # nothing chosen, no reason yet
    row = next(r for r in range(2) if panel.proxy.record(r).tambon_code == C)
    panel.table.selectRow(row)
    type_text(panel.reason, "ลงพื้นที่ซ้ำแล้ว")
    assert panel.resolve_button.isEnabled()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    entry = ranking.rank_round(db, "outstanding").entry(C)
    assert entry.status == "winner" and entry.decision is not None
    assert entry.decision.reason == "ลงพื้นที่ซ้ำแล้ว"
    assert view.ranking is not None and view.ranking.entry(C).status == "winner"
    assert "ลงพื้นที่ซ้ำแล้ว" in panel.decision.text()
    assert "(1)" not in view.tabs.tabText(view.tabs.indexOf(panel))


def test_an_inspector_sees_no_way_to_resolve(
    qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    build(db)
    view = _view(qtbot, db, m.Role.ADMIN, ui_settings, runner)
    assert view.tie_panel.resolve_button.isVisibleTo(view.tie_panel)
    inspector_view = RankingsView(
        make_context(db, acting(db, "ผู้ประเมิน", m.Role.INSPECTOR), ui_settings, runner)
    )
    qtbot.addWidget(inspector_view)
    assert not inspector_view.tie_panel.resolve_button.isVisibleTo(inspector_view.tie_panel)


def test_each_tied_tambons_notes_show_inline_and_its_photos_behind_a_button(
    qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    """#13 leftover: the committee reads the tied tambons' notes beside the figures, without the
    compare view; a note is shown as typed (never as HTML); photos are counted, and the button
    opens them."""
    import hashlib

    from sqlalchemy import select

    from tests.reports.test_certificates import logo_png
    from ui.views.tie_notes import TambonPhotos

    build(db)
    picture = logo_png()
    with db.transaction() as s:
        sheets = {
            sh.tambon_code: sh
            for sh in s.scalars(select(m.Sheet).where(m.Sheet.tambon_code.in_([B, C])))
            if sh.round_id == s.scalar(select(m.Round.id).where(m.Round.code == "outstanding"))
        }
        sheets[B].note = "กลุ่มออมทรัพย์เข้มแข็ง <b>ไม่ใช่ตัวหนา</b>"
        sheets[B].scores[0].note = "แปลงผักรวม 12 ครัวเรือน"
        s.add(
            m.Photo(
                sheet_id=sheets[B].id,
                sha256=hashlib.sha256(picture).hexdigest(),
                filename="แปลงผัก.png",
                mime_type="image/png",
                data=picture,
            )
        )
    user = acting(db, "กรรมการผู้อ่าน", m.Role.COMMITTEE)
    view = RankingsView(make_context(db, user, ui_settings, runner))
    qtbot.addWidget(view)
    view.resize(1300, 850)
    with qtbot.waitExposed(view):
        view.show()
    notes = view.tie_panel.notes
    with qtbot.waitSignal(notes.loaded, timeout=20000):
        view.activate()
    assert set(notes.note_labels) == {B, C}
    b_text = notes.note_labels[B].text()
    assert "กลุ่มออมทรัพย์เข้มแข็ง <b>ไม่ใช่ตัวหนา</b>" in b_text
    assert notes.note_labels[B].textFormat() == Qt.TextFormat.PlainText
    assert "แปลงผักรวม 12 ครัวเรือน" in b_text
    assert notes.note_labels[C].text() == "(ไม่มีหมายเหตุ)"
    assert "1" in notes.photo_buttons[B].text() and notes.photo_buttons[B].isEnabled()
    assert "0" in notes.photo_buttons[C].text() and not notes.photo_buttons[C].isEnabled()
    qtbot.mouseClick(notes.photo_buttons[B], Qt.MouseButton.LeftButton)
    shown = [w for w in notes.findChildren(TambonPhotos) if w.isVisible()]
    assert len(shown) == 1 and shown[0].strip.count() == 1
    assert shown[0].strip.item(0).text() == "แปลงผัก.png"
    shown[0].close()
    runner.wait(10000)
