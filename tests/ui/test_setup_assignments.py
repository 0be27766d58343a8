"""Editing assignments by hand in the set-up view's assignments tab (admin): the chosen inspector
is taken off the tambon in the round shown (one who already has a sheet there is refused with
the reason, nothing changed), then given it again."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services.people import import_assignments, import_inspectors
from tests.accounts import make_user
from tests.evaluator.helpers import add_tambons, dump, make_contest, write_csv
from tests.ui.conftest import answer_modal, make_context
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.setup import SetupTab, SetupView

SOMCHAI = "นายสมชาย น้ำใจดี"
PIMJAI = "นางสาวพิมพ์ใจ ใจงาม"


def _row_of(tab: SetupTab, code: str) -> int:
    return next(r for r in range(tab.proxy.rowCount()) if tab.proxy.record(r).tambon_code == code)


def test_remove_an_assignment_from_the_assignments_tab(
    qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner, tmp_path: Path
) -> None:
    add_tambons(db)
    ids = make_contest(db)
    admin = make_user(db, "admin", m.Role.ADMIN)
    people = [[SOMCHAI, "ผู้ตรวจ", "5", "เชียงใหม่"], [PIMJAI, "นักวิชาการ", "5", "ลำปาง"]]
    header = ["ชื่อ-สกุล", "ตำแหน่ง", "เขตตรวจราชการ", "จังหวัดภูมิลำเนา"]
    import_inspectors(db, admin, write_csv(tmp_path / "i.csv", header, people))
    rows = [["outstanding", SOMCHAI, "840501"], ["outstanding", PIMJAI, "840501"]]
    path = write_csv(tmp_path / "a.csv", ["รอบ", "ผู้ประเมิน", "รหัสตำบล"], rows)
    import_assignments(db, admin, path)
    with db.transaction() as s:  # Pimjai has started her sheet
        pimjai = s.query(m.Inspector).filter_by(name=PIMJAI).one()
        s.add(
            m.Sheet(
                round_id=ids.rounds["outstanding"], inspector_id=pimjai.id, tambon_code="840501"
            )
        )

    view = SetupView(make_context(db, admin, ui_settings, runner))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.activate()
    tab = view.assignments
    view.tabs.setCurrentWidget(tab)
    row = next(
        r for r in range(tab.proxy.rowCount()) if tab.proxy.record(r).tambon_code == "840501"
    )
    tab.table.setCurrentIndex(tab.proxy.index(row, 0))
    assert set(tab.proxy.record(row).inspectors) == {SOMCHAI, PIMJAI}

    asked: list[Sequence[str]] = []

    def choose(who: str) -> None:
        def pick(_tambon: str, names: Sequence[str], *, adding: bool = False) -> str:
            asked.append(names)
            return who

        view.choose_inspector = pick  # type: ignore[method-assign]

    # Pimjai has a sheet there: refused with the reason, nothing changed
    choose(PIMJAI)
    before = dump(db)
    seen: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    answer_modal(close)
    view.remove_assignment()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert "มีแบบประเมินของตำบล" in seen[0] and "ถอนการมอบหมายไม่ได้" in seen[0]
    assert dump(db) == before

    # Somchai is taken off the tambon: the list shows it after the reload
    choose(SOMCHAI)
    with qtbot.waitSignal(view.ctx.events.data_changed, timeout=20000):
        view.remove_assignment()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.reload()
    row = next(
        r for r in range(tab.proxy.rowCount()) if tab.proxy.record(r).tambon_code == "840501"
    )
    assert tab.proxy.record(row).inspectors == (PIMJAI,)
    assert set(asked[0]) == {SOMCHAI, PIMJAI}

    # Somchai given the tambon again, by hand: offered only the inspectors not on it yet
    choose(SOMCHAI)
    tab.table.setCurrentIndex(tab.proxy.index(_row_of(tab, "840501"), 0))
    with qtbot.waitSignal(view.ctx.events.data_changed, timeout=20000):
        view.add_assignment()
    assert list(asked[-1]) == [SOMCHAI]
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.reload()
    assert set(tab.proxy.record(_row_of(tab, "840501")).inspectors) == {SOMCHAI, PIMJAI}
