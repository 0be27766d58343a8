"""Every table model passes qtmodeltester; proxies sort on raw values (numbers as numbers, Thai in
dictionary order) and the tambon proxy filters by zone, province, status and Thai/Latin text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from evaluator.db import Database
from evaluator.services import tambons
from evaluator.services.tambons import TambonRow, TambonStatus
from tests.evaluator.sheet_fixtures import Contest
from ui.models.records import SORT_ROLE, Column, RecordTableModel, SortProxy
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
