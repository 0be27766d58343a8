"""The keyed proxies (ui.models.keyed) as the lists use them: a filter narrowed key by key, taken
back and changed gives exactly the rows a fresh filter gives, in the same order; each visible
cell is answered from its row's roles computed once."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from ui.models.keyed import KeyedProxy, tag
from ui.models.records import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel


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
