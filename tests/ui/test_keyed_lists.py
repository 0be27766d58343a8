"""The keyed proxies (ui.models.keyed) as the lists use them: a filter narrowed key by key, taken
back and changed gives exactly the rows a fresh filter gives, in the same order; each visible
cell is answered from its row's roles computed once."""

from __future__ import annotations

import random
from dataclasses import dataclass

from PySide6.QtCore import QAbstractProxyModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ui.models.keyed import KeyedProxy, SortProxy, tag
from ui.models.records import (
    KEPT_ROWS,
    RECORD_ROLE,
    SORT_ROLE,
    AnyIndex,
    Column,
    RecordTableModel,
)
from ui.widgets import setup_table


@dataclass(frozen=True)
class _Person:
    name: str
    zone: int


NAMES = ["สมชาย", "สมหญิง", "สมศรี", "สมปอง", "สุดา", "มานี", "ชูใจ", "ปิติ", "วีระ", "สมใจ"]
PEOPLE = [_Person(f"{n} {i}", 1 + i % 3) for i in range(40) for n in NAMES][:400]


class _Filter(KeyedProxy):
    def search_text(self, row: int) -> str:
        record = self.source().record(row)
        return tag("z", record.zone) + record.name


def _proxy(people: list[_Person] = PEOPLE) -> tuple[RecordTableModel, _Filter]:
    model = RecordTableModel(
        [Column("ชื่อ", lambda p: p.name), Column("เขต", lambda p: str(p.zone), lambda p: p.zone)]
    )
    model.set_records(people)
    proxy = _Filter()
    proxy.setSourceModel(model)
    proxy.sort(0)
    return model, proxy


def _shown(proxy: KeyedProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _fresh(words: list[str], tags: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    _model, proxy = _proxy()
    proxy.set_filter(words, tags)
    return _shown(proxy)


def test_a_narrowed_filter_shows_what_a_fresh_filter_shows(qtmodeltester: ModelTester) -> None:
    """Typing letter by letter (each keystroke filters the last one's rows), taking letters
    back (no filtering at all), adding a word and a zone, then clearing: every step shows the
    rows, in the order, a proxy given that filter at once shows."""
    _model, proxy = _proxy()
    everyone = _shown(proxy)
    steps: list[tuple[list[str], list[str]]] = [
        (["ส"], []),
        (["สม"], []),
        (["สมช"], []),
        (["สมชา"], []),
        (["สมช"], []),  # a letter taken back
        (["สม"], []),
        (["สม", "1"], []),  # a second word
        (["สม", "1"], [tag("z", 2)]),  # and a zone
        (["สม"], [tag("z", 2)]),
        (["มา"], []),  # a different word: every key filtered again
        (["มาน"], []),
        ([], []),
    ]
    for words, tags in steps:
        proxy.set_filter(words, tags)
        assert _shown(proxy) == _fresh(words, tags), (words, tags)
        qtmodeltester.check(proxy)
    assert _shown(proxy) == everyone


def test_narrowed_rows_map_both_ways_and_keep_a_selection_through_a_sort() -> None:
    model, proxy = _proxy()
    for text in ("ส", "สม", "สมศ"):
        proxy.set_filter([text])
    shown = _shown(proxy)
    assert shown and all("สมศ" in name for name in shown)
    for r in range(proxy.rowCount()):
        source = proxy.mapToSource(proxy.index(r, 1))
        assert source.column() == 1
        assert model.record(source.row()).name == shown[r] == proxy.record(r).name
        assert proxy.mapFromSource(source).row() == r
    proxy.sort(0, Qt.SortOrder.DescendingOrder)  # sorting keeps the filter
    assert _shown(proxy) == shown[::-1]
    hidden = next(i for i, p in enumerate(PEOPLE) if "สมศ" not in p.name)
    assert not proxy.mapFromSource(model.index(hidden, 0)).isValid()


def test_a_cell_answers_each_role_from_its_rows_roles() -> None:
    calls: list[str] = []

    def name(p: _Person) -> str:
        calls.append(p.name)
        return p.name

    model = RecordTableModel(
        [Column("ชื่อ", name, tooltip=lambda p: f"เขต {p.zone}"), Column("เขต", lambda p: "")]
    )
    model.set_records(PEOPLE[:5])
    proxy = _Filter()
    proxy.setSourceModel(model)
    calls.clear()  # the search texts and sort values asked once each at the load
    index = proxy.index(2, 0)
    for _ in range(3):
        for role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.DecorationRole,
        ):
            index.data(role)
    assert calls == [PEOPLE[2].name]  # the row computed once, for every role and repaint
    assert index.data() == PEOPLE[2].name
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"เขต {PEOPLE[2].zone}"
    assert index.data(Qt.ItemDataRole.FontRole) is None
    assert index.data(RECORD_ROLE) is PEOPLE[2]
    assert proxy.index(2, 1).data(Qt.ItemDataRole.ToolTipRole) is None  # no tooltip column
    assert proxy.index(2, 1).data(SORT_ROLE) == model.index(2, 1).data(SORT_ROLE)
    model.update_record(2, _Person("แก้ไข", 3))  # a record replaced: its cells again
    assert proxy.index(proxy.mapFromSource(model.index(2, 0)).row(), 0).data() == "แก้ไข"


class _QtSort(QSortFilterProxyModel):
    """The proxy the lists had before: Qt's sort, with a Python lessThan on the raw values."""

    def __init__(self) -> None:
        super().__init__()
        self.setDynamicSortFilter(True)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, RecordTableModel)
        values = source.sort_values(left.column())
        return bool(values[left.row()] < values[right.row()])


@dataclass(frozen=True)
class _Entry:
    name: str
    score: float | None
    zone: int


def _entries(rng: random.Random, n: int) -> list[_Entry]:
    names = ["ก้อย", "กา", "ไก่", "ขนม", "เขียว", "ข้าว", "Anan", "anan", "ฉัตร", "๑๒ ตำบล", "12"]
    scores = [None, 0.0, 9.5, 10.0, 70.25, 100.0]
    return [_Entry(rng.choice(names), rng.choice(scores), rng.randint(1, 3)) for _ in range(n)]


def _order(proxy: QAbstractProxyModel) -> list[int]:
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


def test_sort_proxy_orders_rows_as_qts_sort_did(qtmodeltester: ModelTester) -> None:
    """Random clicks on the headers (ascending, descending, unsorted) and new rows: the rows in
    the order Qt's QSortFilterProxyModel gave them with the old Python lessThan, ties
    included (equal rows keep their order from the last sort, new rows the source's)."""
    rng = random.Random(17)
    columns = [
        Column("ชื่อ", lambda e: e.name),
        Column("คะแนน", lambda e: "–" if e.score is None else f"{e.score:.2f}", lambda e: e.score),
        Column("เขต", lambda e: str(e.zone), lambda e: e.zone),
    ]
    model = RecordTableModel(columns)
    model.set_records(_entries(rng, 60))
    ours, qt = SortProxy(), _QtSort()
    ours.setSourceModel(model)
    qt.setSourceModel(model)
    for step in range(80):
        if step % 20 == 19:
            model.set_records(_entries(rng, rng.randint(0, 60)))
        else:
            column = rng.choice([-1, 0, 1, 2, 2])
            order = rng.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
            ours.sort(column, order)
            qt.sort(column, order)
        assert _order(ours) == _order(qt), step
    qtmodeltester.check(ours)
    assert not hasattr(SortProxy, "lessThan")
    assert not hasattr(SortProxy, "filterAcceptsRow")


def test_the_cells_kept_are_bounded_when_every_row_is_read() -> None:
    """Reading every row of a long list (a user scrolling through it) keeps the roles of a few
    screens of rows, not of every row, and every cell still reads right."""
    people = [_Person(f"คน {i:05d}", 1 + i % 3) for i in range(2 * KEPT_ROWS + 100)]
    model, proxy = _proxy(people)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [p.name for p in people]
    assert len(model._roles) <= KEPT_ROWS and len(proxy._shown) <= KEPT_ROWS


class _CountingFilter(_Filter):
    asked = 0

    def data(self, index: AnyIndex, role: int = 0) -> object:
        _CountingFilter.asked += 1
        return super().data(index, role)


def test_a_keystroke_paints_the_table_once(qtbot: QtBot) -> None:
    """A table set up by ``setup_table`` lays out a filter's new rows at once: Qt's own layout,
    on the event loop's next turn, painted every visible cell a second time."""
    model = RecordTableModel([Column("ชื่อ", lambda p: p.name)])
    model.set_records(PEOPLE)
    proxy = _CountingFilter()
    proxy.setSourceModel(model)
    table = QTableView()
    table.setModel(proxy)
    setup_table(table)
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    qtbot.waitExposed(table)
    for word in ("ส", "สม", "มา", ""):
        QApplication.processEvents()
        _CountingFilter.asked = 0
        proxy.set_filter([word] if word else [])
        QApplication.processEvents()  # the rows painted
        assert _CountingFilter.asked > 0
        _CountingFilter.asked = 0
        QApplication.processEvents()
        QApplication.processEvents()
        assert _CountingFilter.asked == 0  # nothing painted again
