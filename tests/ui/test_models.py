"""Every table model passes qtmodeltester; proxies sort on raw values (numbers as numbers, Thai in
dictionary order) and the tambon proxy filters by zone, province, status and Thai/Latin text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cmp_to_key

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from evaluator.db import Database
from evaluator.services import tambons
from evaluator.services.tambons import TambonRow, TambonStatus
from tests.evaluator.sheet_fixtures import Contest
from ui.models.keyed import SortProxy
from ui.models.records import SORT_ROLE, Column, RecordTableModel, thai_collator
from ui.models.tambons import TambonFilterProxy, TambonTableModel, normalise


def _row(code: str, **kw: object) -> TambonRow:
    base: dict[str, object] = dict(
        code=code,
        zone=1,
        province_code="18",
        province="ชัยนาท",
        province_en="Chai Nat",
        district="เมืองชัยนาท",
        district_en="Mueang Chai Nat",
        tambon="ในเมือง",
        tambon_en="Nai Mueang",
        status=TambonStatus.NONE,
        sheets=0,
        submitted=0,
        score=None,
    )
    base.update(kw)
    return TambonRow(**base)  # type: ignore[arg-type]


ROWS = [
    _row("180101", score=70.5, status=TambonStatus.SUBMITTED, sheets=2, submitted=2),
    _row(
        "140209",
        zone=1,
        province_code="14",
        province="พระนครศรีอยุธยา",
        province_en="Phra Nakhon Si Ayutthaya",
        district="ท่าเรือ",
        district_en="Tha Ruea",
        tambon="หนองขนาก",
        tambon_en="Nong Khanak",
        score=9.25,
        status=TambonStatus.DRAFT,
        sheets=1,
    ),
    _row(
        "840501",
        zone=5,
        province_code="84",
        province="สุราษฎร์ธานี",
        province_en="Surat Thani",
        district="เกาะพะงัน",
        district_en="Ko Pha-ngan",
        tambon="เกาะพะงัน",
        tambon_en="Ko Pha-ngan",
    ),
    _row(
        "400101",
        zone=12,
        province_code="40",
        province="ขอนแก่น",
        province_en="Khon Kaen",
        district="เมืองขอนแก่น",
        district_en="Mueang Khon Kaen",
        tambon="ในเมือง",
        tambon_en="Nai Mueang",
        score=100.0,
        status=TambonStatus.LOCKED,
        sheets=3,
        submitted=3,
    ),
]


def test_tambon_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = TambonTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TambonTableModel.SCORE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_filters(text="nong")
    qtmodeltester.check(proxy)


def test_scores_sort_as_numbers_not_text() -> None:
    model = TambonTableModel()
    model.set_rows(ROWS)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TambonTableModel.SCORE, Qt.SortOrder.DescendingOrder)
    shown = [proxy.index(r, TambonTableModel.SCORE).data() for r in range(proxy.rowCount())]
    # "9.25" would sort above "70.50" and "100.00" as text
    assert shown == ["100.00", "70.50", "9.25", "–"]
    assert model.index(0, TambonTableModel.SCORE).data(SORT_ROLE) == 70.5


def test_thai_names_sort_in_dictionary_order() -> None:
    model = TambonTableModel()
    model.set_rows(ROWS)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TambonTableModel.PROVINCE)
    shown = [proxy.index(r, TambonTableModel.PROVINCE).data() for r in range(proxy.rowCount())]
    # code-point order would put สุราษฎร์ธานี before ขอนแก่น? no: it would put every leading-vowel
    # word last; Thai order puts ข < ช < พ < ส
    assert shown == ["ขอนแก่น", "ชัยนาท", "พระนครศรีอยุธยา", "สุราษฎร์ธานี"]


def test_filter_by_thai_latin_code_zone_province_and_status() -> None:
    model = TambonTableModel()
    model.set_rows(ROWS)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)

    def codes() -> list[str]:
        return sorted(proxy.index(r, TambonTableModel.CODE).data() for r in range(proxy.rowCount()))

    proxy.set_filters(text="หนอง")
    assert codes() == ["140209"]
    proxy.set_filters(text="pha ngan")  # spaces and hyphens do not matter
    assert codes() == ["840501"]
    proxy.set_filters(text="MUEANG")
    assert codes() == ["180101", "400101"]
    proxy.set_filters(text="ในเมือง ขอนแก่น")  # every word must match
    assert codes() == ["400101"]
    proxy.set_filters(text="๘๔๐๕")  # Thai digits
    assert codes() == ["840501"]
    proxy.set_filters(zone=1)
    assert codes() == ["140209", "180101"]
    proxy.set_filters(zone=1, province="14")
    assert codes() == ["140209"]
    proxy.set_filters(status=TambonStatus.LOCKED)
    assert codes() == ["400101"]
    proxy.set_filters()
    assert len(codes()) == 4


def test_normalise() -> None:
    assert normalise("Ko Pha-ngan") == "kophangan"
    assert normalise("๑๒๓") == "123"


@dataclass(frozen=True)
class _Item:
    name: str
    value: float | None


def test_record_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RecordTableModel(
        [Column("ชื่อ", lambda r: r.name), Column("ค่า", lambda r: str(r.value), lambda r: r.value)]
    )
    model.set_records([_Item("ไก่", 2.0), _Item("กา", None), _Item("ขนม", 10.0)])
    qtmodeltester.check(model)
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1)
    qtmodeltester.check(proxy)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["กา", "ไก่", "ขนม"]
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["กา", "ไก่", "ขนม"]
    model.reset([Column("x", lambda r: r.name)], [])
    qtmodeltester.check(model)


def test_tambon_model_with_service_rows_passes_the_model_tester(
    qtmodeltester: ModelTester, db: Database, contest: Contest
) -> None:
    rows = tambons.list_tambons(db, contest.committee, "outstanding")
    model = TambonTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(contest.tambons)


def _names(proxy: TambonFilterProxy, column: int = TambonTableModel.TAMBON) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_keyed_proxy_keeps_its_order_through_filtering_and_reverses_on_descending(
    qtmodeltester: ModelTester,
) -> None:
    """The keys are stored in the sort order and only filtered: a filter typed and cleared
    leaves the order as it was; descending is ascending reversed, equal names included."""
    model = TambonTableModel()
    rows = [replace(r, code=f"{i}{r.code}") for i in range(3) for r in ROWS]  # equal names
    model.set_rows(rows)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TambonTableModel.PROVINCE)
    ascending = _names(proxy, TambonTableModel.CODE)
    provinces = _names(proxy, TambonTableModel.PROVINCE)
    assert provinces == sorted(provinces, key=cmp_to_key(thai_collator().compare))
    proxy.set_filters(text="ใน")
    assert _names(proxy, TambonTableModel.CODE) == [
        c for c in ascending if model.record(model.row_of(c)).tambon == "ในเมือง"
    ]
    qtmodeltester.check(proxy)
    proxy.set_filters()
    assert _names(proxy, TambonTableModel.CODE) == ascending
    proxy.sort(TambonTableModel.PROVINCE, Qt.SortOrder.DescendingOrder)
    assert _names(proxy, TambonTableModel.CODE) == ascending[::-1]
    assert (proxy.sortColumn(), proxy.sortOrder()) == (
        TambonTableModel.PROVINCE,
        Qt.SortOrder.DescendingOrder,
    )
    proxy.sort(-1)  # back to the service's order
    assert _names(proxy, TambonTableModel.CODE) == [r.code for r in rows]
    qtmodeltester.check(proxy)


def test_keyed_proxy_keeps_the_selected_record_through_a_sort() -> None:
    model = TambonTableModel()
    model.set_rows(ROWS)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(zone=1)
    chosen = QPersistentModelIndex(proxy.index(1, TambonTableModel.TAMBON))
    code = proxy.record(chosen.row()).code
    for column in (TambonTableModel.SCORE, TambonTableModel.PROVINCE, TambonTableModel.CODE):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(column, order)
            assert chosen.isValid() and proxy.record(chosen.row()).code == code
            assert proxy.mapFromSource(proxy.mapToSource(chosen)).row() == chosen.row()
    assert proxy.mapFromSource(model.index(model.row_of("840501"), 0)).isValid() is False


def test_the_visible_cells_come_from_the_records_without_python_sorting() -> None:
    """The proxy answers a cell from the source's records (every role a column has) and
    refuses the roles no column has; it never overrides Qt's lessThan or filterAcceptsRow."""
    model = TambonTableModel()
    model.set_rows(ROWS)
    proxy = TambonFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TambonTableModel.CODE)
    for r in range(proxy.rowCount()):
        for c in range(proxy.columnCount()):
            source = proxy.mapToSource(proxy.index(r, c))
            for role in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.TextAlignmentRole,
                Qt.ItemDataRole.ForegroundRole,
                SORT_ROLE,
            ):
                assert proxy.index(r, c).data(role) == source.data(role)
            assert proxy.index(r, c).data(Qt.ItemDataRole.FontRole) is None
    assert not hasattr(TambonFilterProxy, "lessThan")
    assert not hasattr(TambonFilterProxy, "filterAcceptsRow")
