"""The set-up view on the demo database, driven as an admin would: 15,000 leaders filtered as
one types and by zone and province, the inspectors and the assignments with conflicts flagged,
an import refused row by row then accepted, and no set-up for a committee member."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import PermissionDenied
from evaluator.permissions import Action, UserInfo, allowed
from evaluator.services import people_lists
from tests.evaluator.helpers import dump, write_csv
from tests.ui.conftest import make_context, type_text, user_of
from ui.dialogs.transfer import ImportDialog
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.setup import SetupView


def _user(db: Database, role: m.Role) -> UserInfo:
    user = user_of(db, role)
    assert isinstance(user, UserInfo)
    return user


def test_setup_lists_filter_and_flag(
    qtbot: QtBot,
    demo_db: Database,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
    tmp_path: Path,
) -> None:
    admin = _user(demo_db, m.Role.ADMIN)
    view = SetupView(make_context(demo_db, admin, ui_settings, runner))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.activate()

    # leaders: all 15,000, filtered as one types, then by zone and province
    leaders = view.leaders
    assert leaders.model.rowCount() == 15000
    qtmodeltester.check(leaders.model)
    view.tabs.setCurrentWidget(leaders)
    rows = leaders.model.records
    name = rows[1234].first_name
    expected = sum(
        1 for r in rows if name in f"{r.full_name}{r.position}{r.village}{r.tambon}{r.district}"
    )
    leaders.search.setFocus()
    type_text(leaders.search, name)
    qtbot.waitUntil(lambda: leaders.proxy.rowCount() == expected, timeout=3000)
    assert leaders.count.text() == f"{expected:,} จาก 15,000 รายการ"
    leaders.search.clear()
    qtbot.waitUntil(lambda: leaders.proxy.rowCount() == 15000, timeout=3000)
    leaders.zone.setCurrentIndex(leaders.zone.findData(7))
    assert leaders.proxy.rowCount() == sum(1 for r in rows if r.zone == 7) > 0
    leaders.province.setCurrentIndex(1)
    code = leaders.province.currentData()
    assert leaders.proxy.rowCount() == sum(1 for r in rows if r.province_code == code) > 0
    qtmodeltester.check(leaders.proxy)
    leaders.zone.setCurrentIndex(0)

    # inspectors and assignments, conflicts of interest flagged as the database says
    with demo_db.transaction() as s:
        inspectors = s.scalar(select(func.count(m.Inspector.id)))
    assert view.inspectors.model.rowCount() == inspectors
    assignments = view.assignments.model.records
    assert len(assignments) == 1000
    flagged = {(r.tambon_code, n) for r in assignments for n in r.conflicts}
    with demo_db.transaction() as s:
        truth = {
            (tambon, inspector)
            for tambon, inspector in s.execute(
                select(m.Assignment.tambon_code, m.Inspector.name)
                .join(m.Inspector, m.Assignment.inspector_id == m.Inspector.id)
                .join(m.Tambon, m.Assignment.tambon_code == m.Tambon.code)
                .join(m.District, m.Tambon.district_code == m.District.code)
                .where(m.Inspector.home_province_code == m.District.province_code)
                .where(m.Assignment.round_id == select(func.min(m.Round.id)).scalar_subquery())
            )
        }
    assert flagged == truth and flagged
    qtmodeltester.check(view.assignments.proxy)

    # an import through the dialog: refused row by row (nothing changed), then accepted
    tambon = rows[0].tambon_code
    header = ["รหัสตำบล", "คำนำหน้า", "ชื่อ", "นามสกุล"]
    bad = write_csv(
        tmp_path / "bad.csv", header, [[tambon, "นาย", "ก", "ข"], [tambon, "นาย", "ก", "ข"]]
    )
    before = dump(demo_db)
    dialog = ImportDialog(view.ctx, "leaders", view)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.record(0).row == 3
    assert dump(demo_db) == before
    good = write_csv(tmp_path / "good.csv", header, [[tambon, "นาง", "ใหม่", "คนเดียว"]])
    dialog.path.setText(str(good))
    with qtbot.waitSignal(view.ctx.events.data_changed, timeout=20000):
        dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert "ผู้นำใหม่ 1" in dialog.output.toPlainText()
    dialog.close()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.reload()
    assert view.leaders.model.rowCount() == 15000 - 15 + 1


def test_no_setup_for_a_committee_member(demo_db: Database) -> None:
    committee = _user(demo_db, m.Role.COMMITTEE)
    assert not allowed(committee, Action.SET_UP_PEOPLE)
    with pytest.raises(PermissionDenied):
        people_lists.list_inspectors(demo_db, committee)
    with pytest.raises(PermissionDenied):
        people_lists.list_assignments(demo_db, committee, None)
    assert len(people_lists.list_leaders(demo_db, committee)) == 15000  # leaders: readable


def test_editing_the_leaders_of_a_tambon(
    qtbot: QtBot,
    db: Database,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
    tmp_path: Path,
) -> None:
    from evaluator.services.people import import_leaders
    from evaluator.services.users import create_user
    from tests.evaluator.helpers import add_tambons
    from ui.dialogs.leaders import LeadersDialog

    add_tambons(db)
    admin = create_user(db, None, "admin", m.Role.ADMIN)
    header = ["รหัสตำบล", "คำนำหน้า", "ชื่อ", "นามสกุล"]
    rows = [["840503", "นาย", f"คน{i}", "เกาะเต่า"] for i in range(1, 4)]
    import_leaders(db, admin, write_csv(tmp_path / "l.csv", header, rows))
    ctx = make_context(db, admin, ui_settings, runner)
    view = SetupView(ctx)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(ctx.events.data_loaded, timeout=20000):
        view.activate()
    assert view.leaders.model.rowCount() == 3
    existing = [
        {"title": r.title, "first_name": r.first_name, "last_name": r.last_name}
        for r in view.leaders.model.records
    ]
    dialog = LeadersDialog(ctx, "840503", "เกาะเต่า", existing, view)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    # a duplicate name: refused, nothing changed, the row named
    model.setData(model.index(2, 1), "คน1")
    before = dump(db)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert "แถว 3" in dialog.problems.toPlainText()
    assert dump(db) == before
    # fixed, one more row, moved to the top, saved
    model.setData(model.index(2, 1), "คนสาม")
    dialog.add_row()
    row = model.rowCount() - 1
    for column, value in enumerate(("นาง", "ใหม่", "มาใหม่", "อสม.", "บ้านแม่หาด", "0812345678")):
        model.setData(model.index(row, column), value)
    dialog.table.setCurrentIndex(model.index(row, 0))
    for _ in range(row):
        dialog.move_row(-1)
    with qtbot.waitSignal(ctx.events.data_changed, timeout=20000):
        dialog.save()
    with db.transaction() as s:
        names = [
            f"{leader.first_name} {leader.phone}"
            for leader in s.scalars(select(m.Leader).order_by(m.Leader.id))
        ]
    assert names == ["ใหม่ 0812345678", "คน1 ", "คน2 ", "คนสาม "]
    with qtbot.waitSignal(ctx.events.data_loaded, timeout=20000):
        view.mark_stale()  # what the main window does on data_changed
    assert view.leaders.model.rowCount() == 4
