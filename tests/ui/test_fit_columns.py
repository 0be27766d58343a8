"""Columns sized to their contents by ``ui.widgets.fit_columns`` get the widths Qt's own
``resizeColumnsToContents`` gives over the same rows (measuring each cell's text, then only the
widest by the delegate), in a shown table and in one not yet shown, sorted or not; the last
column, which stretches, is as wide as its contents or fills the room left (Qt's own leaves
it at its contents until the table is next resized)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from ui.models.keyed import SortProxy
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from ui.widgets import FIT_ROWS, fit_columns, setup_table


@dataclass(frozen=True)
class Place:
    zone: int
    province: str
    tambon: str
    score: float | None


PLACES = [
    Place(1, "ชัยนาท", "ในเมือง", 71.25),
    Place(12, "พระนครศรีอยุธยา", "บ้านใหม่", None),
    Place(3, "กรุงเทพมหานคร", "คลองเตยเหนือ", 9.5),
    Place(18, "แม่ฮ่องสอน", "ปางหมู", 100.0),
    Place(7, "Chai Nat", "Nai Mueang (a Latin name that is rather long)", 55.5),
]


def _table(rows: list[Place]) -> QTableView:
    model = RecordTableModel(
        [
            Column("เขต", lambda p: str(p.zone), lambda p: p.zone, CENTER),
            Column("จังหวัด", lambda p: p.province),
            Column("ตำบล", lambda p: p.tambon),
            Column("คะแนน", lambda p: "–" if p.score is None else f"{p.score:.2f}", None, RIGHT),
        ]
    )
    model.set_records(rows)
    proxy = SortProxy()
    proxy.setSourceModel(model)
    model.setParent(proxy)
    view = QTableView()
    view.setModel(proxy)
    proxy.setParent(view)
    setup_table(view)
    view.resize(900, 400)
    return view


def _qt_widths(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    return [header.sectionSize(c) for c in range(header.count())]


def _fitted(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    for c in range(header.count()):
        header.resizeSection(c, 30)  # nothing left from an earlier fit
    fit_columns(view)
    return [header.sectionSize(c) for c in range(header.count())]


@pytest.mark.parametrize("shown", [True, False])
@pytest.mark.parametrize("sort_column", [-1, 2])
@pytest.mark.parametrize("width", [300, 900])
def test_fit_columns_gives_qts_own_widths(
    qtbot: QtBot, shown: bool, sort_column: int, width: int
) -> None:
    view = _table(PLACES * 30)  # more rows than are visible
    view.resize(width, 400)
    qtbot.addWidget(view)
    if shown:
        view.show()
        qtbot.waitExposed(view)
    if sort_column >= 0:
        view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    fitted = _fitted(view)
    qt = _qt_widths(view)
    assert fitted[:-1] == qt[:-1]
    assert fitted[2] > fitted[1] > fitted[0]  # the long Latin name, the long province
    room = view.viewport().width() - sum(fitted[:-1])
    assert fitted[-1] == max(qt[-1], room)  # its contents, or the room left


def test_fit_columns_keeps_given_widths_and_a_title_wider_than_the_cells(qtbot: QtBot) -> None:
    view = _table([Place(1, "น่าน", "ผา", 1.0)])
    qtbot.addWidget(view)
    fit_columns(view, {1: 222})
    header = view.horizontalHeader()
    assert header.sectionSize(1) == 222
    assert header.sectionSize(3) >= header.sectionSizeHint(3)  # "คะแนน" wider than "1.00"


def test_fit_columns_of_an_empty_table_sizes_the_titles(qtbot: QtBot) -> None:
    view = _table([])
    qtbot.addWidget(view)
    assert _fitted(view)[:-1] == _qt_widths(view)[:-1]
