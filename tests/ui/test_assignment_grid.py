"""The zone grid of assignments (ui/dialogs/assignment_grid.py): tambons × inspectors of one
zone, ticked where assigned, counts in the headers, conflicts of interest tinted; ticking and
unticking go through services.assignments (a refusal shown and nothing changed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services import people_lists
from evaluator.services.people import import_assignments, import_inspectors
from tests.accounts import make_user
from tests.evaluator.helpers import add_tambons, dump, make_contest, write_csv
from tests.ui.conftest import answer_modal, make_context
from ui.dialogs.assignment_grid import CONFLICT, FIXED, AssignmentGridDialog
from ui.settings import UiSettings
from ui.tasks import TaskRunner

SOMCHAI = "นายสมชาย น้ำใจดี"
PIMJAI = "นางสาวพิมพ์ใจ ใจงาม"


def _assigned(db: Database) -> set[tuple[str, str]]:
    with db.transaction() as s:
        rows = s.execute(
            select(m.Inspector.name, m.Assignment.tambon_code).join(
                m.Inspector, m.Assignment.inspector_id == m.Inspector.id
            )
        )
        return {(name, code) for name, code in rows}


def test_tick_and_untick_in_the_zone_grid(
    qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner, tmp_path: Path
) -> None:
    add_tambons(db)
    ids = make_contest(db)
    admin = make_user(db, "admin", m.Role.ADMIN)
    people = [[SOMCHAI, "ผู้ตรวจ", "5", "เชียงใหม่"], [PIMJAI, "นักวิชาการ", "5", "ลำปาง"]]
    header = ["ชื่อ-สกุล", "ตำแหน่ง", "เขตตรวจราชการ", "จังหวัดภูมิลำเนา"]
    import_inspectors(db, admin, write_csv(tmp_path / "i.csv", header, people))
    rows = [["outstanding", SOMCHAI, "840501"], ["outstanding", PIMJAI, "840501"]]
    import_assignments(
        db, admin, write_csv(tmp_path / "a.csv", ["รอบ", "ผู้ประเมิน", "รหัสตำบล"], rows)
    )
    with db.transaction() as s:  # Pimjai has started her sheet
        pimjai = s.query(m.Inspector).filter_by(name=PIMJAI).one()
        s.add(
            m.Sheet(
                round_id=ids.rounds["outstanding"], inspector_id=pimjai.id, tambon_code="840501"
            )
        )

    ctx = make_context(db, admin, ui_settings, runner)

    def load():  # type: ignore[no-untyped-def]
        return (
            people_lists.list_assignments(db, admin, "outstanding"),
            people_lists.list_inspectors(db, admin),
        )

    tambons = load()[0]
    zone = next(t.zone for t in tambons if t.tambon_code == "840501")
    dialog = AssignmentGridDialog(ctx, "outstanding", zone, load)
    qtbot.addWidget(dialog)
    model = dialog.model
    names = [p.name for p in model.people]
    assert names[:2] == sorted([SOMCHAI, PIMJAI])
    codes = [r.tambon_code for r in model.rows]
    assert "840501" in codes and all(r.zone == zone for r in model.rows)

    def cell(code: str, name: str):  # type: ignore[no-untyped-def]
        return model.index(codes.index(code), FIXED + names.index(name))

    checked = Qt.ItemDataRole.CheckStateRole
    assert model.data(cell("840501", SOMCHAI), checked) == Qt.CheckState.Checked
    assert "1 ตำบล" in model.headerData(FIXED + names.index(SOMCHAI), Qt.Orientation.Horizontal)
    assert model.headerData(codes.index("840501"), Qt.Orientation.Vertical) == "2"
    other = next(c for c in codes if c != "840501")
    assert model.data(cell(other, SOMCHAI), checked) == Qt.CheckState.Unchecked

    seen: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    # ticking a free cell assigns (the warning, another zone's inspector, is answered)
    answer_modal(close)
    model.setData(cell(other, SOMCHAI), Qt.CheckState.Checked.value, checked)
    assert (SOMCHAI, other) in _assigned(db)
    codes = [r.tambon_code for r in model.rows]
    assert model.data(cell(other, SOMCHAI), checked) == Qt.CheckState.Checked
    assert "2 ตำบล" in model.headerData(FIXED + names.index(SOMCHAI), Qt.Orientation.Horizontal)

    # unticking Pimjai, who has a sheet there: asked, then refused with the reason, nothing changed
    dialog.confirm_removal = lambda _t, _n: True  # type: ignore[method-assign]
    before = dump(db)
    qtbot.wait(1200)  # the first answer_modal's polling is over
    seen.clear()
    answer_modal(close)
    model.setData(cell("840501", PIMJAI), Qt.CheckState.Unchecked.value, checked)
    assert seen and "มีแบบประเมินของตำบล" in seen[0]
    assert dump(db) == before
    assert model.data(cell("840501", PIMJAI), checked) == Qt.CheckState.Checked

    # a removal the user does not confirm changes nothing; a confirmed one takes it off
    dialog.confirm_removal = lambda _t, _n: False  # type: ignore[method-assign]
    model.setData(cell(other, SOMCHAI), Qt.CheckState.Unchecked.value, checked)
    assert (SOMCHAI, other) in _assigned(db)
    dialog.confirm_removal = lambda _t, _n: True  # type: ignore[method-assign]
    model.setData(cell(other, SOMCHAI), Qt.CheckState.Unchecked.value, checked)
    assert (SOMCHAI, other) not in _assigned(db)
    assert model.data(cell(other, SOMCHAI), checked) == Qt.CheckState.Unchecked


def test_a_conflict_of_interest_is_tinted(
    qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner, tmp_path: Path
) -> None:
    add_tambons(db)
    make_contest(db)
    admin = make_user(db, "admin", m.Role.ADMIN)
    tambons = people_lists.list_assignments(db, admin, "outstanding")
    target = next(t for t in tambons if t.tambon_code == "840501")
    header = ["ชื่อ-สกุล", "ตำแหน่ง", "เขตตรวจราชการ", "จังหวัดภูมิลำเนา"]
    people = [[SOMCHAI, "ผู้ตรวจ", str(target.zone), target.province]]
    import_inspectors(db, admin, write_csv(tmp_path / "i.csv", header, people))
    ctx = make_context(db, admin, ui_settings, runner)
    dialog = AssignmentGridDialog(
        ctx,
        "outstanding",
        target.zone,
        lambda: (
            people_lists.list_assignments(db, admin, "outstanding"),
            people_lists.list_inspectors(db, admin),
        ),
    )
    qtbot.addWidget(dialog)
    row = [r.tambon_code for r in dialog.model.rows].index("840501")
    index = dialog.model.index(row, FIXED)
    assert dialog.model.data(index, Qt.ItemDataRole.BackgroundRole) == CONFLICT
    assert "ผลประโยชน์ทับซ้อน" in dialog.model.data(index, Qt.ItemDataRole.ToolTipRole)
