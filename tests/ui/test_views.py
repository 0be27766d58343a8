"""The list views on the demo database, driven as a user would: the tambon table (1,000 rows)
filtered by typing Thai and Latin and by the combo boxes, the dashboard, the rankings with
finalising, and comparing three tambons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QCategoryAxis,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services import progress, ranking
from evaluator.services import tambons as tambon_service
from tests.ui.conftest import answer_modal, make_context, type_text, user_of
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.compare import CompareView
from ui.views.dashboard import DashboardView
from ui.views.rankings import STATUS_BACKGROUND, RankingsView
from ui.views.tambons import TambonsView

Build = Callable[[type[QWidget], UserInfo], Any]


@pytest.fixture
def build(qtbot: QtBot, demo_db: Database, ui_settings: UiSettings, runner: TaskRunner) -> Build:
    def make(cls: type[QWidget], user: UserInfo) -> Any:
        view = cls(make_context(demo_db, user, ui_settings, runner))  # type: ignore[call-arg]
        qtbot.addWidget(view)
        view.resize(1300, 850)
        with qtbot.waitExposed(view):
            view.show()
        with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
            view.activate()
        return view

    return make


def _admin(db: Database) -> UserInfo:
    user = user_of(db, m.Role.ADMIN)
    assert isinstance(user, UserInfo)
    return user


def _committee(db: Database) -> UserInfo:
    user = user_of(db, m.Role.COMMITTEE)
    assert isinstance(user, UserInfo)
    return user


def test_filter_1000_tambons_by_typing_thai_and_latin(
    qtbot: QtBot, demo_db: Database, build: Build, qtmodeltester: ModelTester
) -> None:
    view: TambonsView = build(TambonsView, _committee(demo_db))
    assert view.model.rowCount() == 1000
    qtmodeltester.check(view.model)
    rows = view.model.records
    expected_thai = sum(1 for r in rows if "หนอง" in r.tambon + r.district + r.province)
    view.search.setFocus()
    type_text(view.search, "หนอง")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == expected_thai, timeout=3000)
    assert view.count.text().startswith(f"แสดง {expected_thai:,} จาก 1,000")
    view.search.clear()
    qtbot.keyClicks(view.search, "Nong Bua")
    expected_latin = sum(
        1
        for r in rows
        if all(
            w in (r.tambon_en + r.district_en + r.province_en).lower().replace(" ", "")
            for w in ("nong", "bua")
        )
    )
    qtbot.waitUntil(lambda: view.proxy.rowCount() == expected_latin, timeout=3000)
    assert 0 < expected_latin < expected_thai
    view.search.clear()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1000, timeout=3000)
    # zone, then province, then status
    view.zone.setCurrentIndex(view.zone.findData(5))
    assert view.proxy.rowCount() == sum(1 for r in rows if r.zone == 5)
    province_index = 1
    code = view.province.itemData(province_index)
    view.province.setCurrentIndex(province_index)
    assert view.proxy.rowCount() == sum(1 for r in rows if r.province_code == code)
    assert all(r.zone == 5 for r in rows if r.province_code == code)
    view.zone.setCurrentIndex(0)
    view.province.setCurrentIndex(0)
    view.status.setCurrentIndex(view.status.findData("draft"))
    drafts = sum(1 for r in rows if r.status.value == "draft")
    assert 0 < view.proxy.rowCount() == drafts
    qtmodeltester.check(view.proxy)


def test_sorting_the_tambon_table_by_score(demo_db: Database, build: Build) -> None:
    view: TambonsView = build(TambonsView, _committee(demo_db))
    view.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    scores = [view.proxy.record(r).score for r in range(20)]
    assert scores == sorted(scores, reverse=True)


def test_the_detail_pane_shows_leaders_and_sheets(
    qtbot: QtBot, demo_db: Database, build: Build
) -> None:
    view: TambonsView = build(TambonsView, _committee(demo_db))
    code = view.proxy.record(0).code
    view.table.selectRow(0)
    detail = view.detail.detail
    assert detail is not None and detail.code == code
    assert view.detail.leaders.rowCount() == 15
    assert view.detail.sheets.rowCount() == len(detail.sheets) > 0
    assert detail.tambon in view.detail.title.text()
    opened: list[int] = []
    view.ctx.events.open_sheet.connect(opened.append)
    view.detail.sheets_view.setFocus()
    index = view.detail.sheets_view.model().index(0, 0)
    view.detail.sheets_view.setCurrentIndex(index)
    qtbot.keyClick(view.detail.sheets_view, Qt.Key.Key_Return)
    assert opened == [view.detail.sheets_view.model().record(0).id]  # type: ignore[attr-defined]


def test_an_inspector_sees_only_assigned_tambons(demo_db: Database, build: Build) -> None:
    inspector = user_of(demo_db, m.Role.INSPECTOR)
    assert isinstance(inspector, UserInfo)
    view: TambonsView = build(TambonsView, inspector)
    expected = tambon_service.list_tambons(demo_db, inspector)
    assert 0 < view.model.rowCount() == len(expected) < 1000
    assert view.start_button.isVisible()
    assert not view.compare_button.isVisible()


def test_dashboard_numbers_charts_and_lacking_tambons(
    demo_db: Database, build: Build, qtmodeltester: ModelTester
) -> None:
    view: DashboardView = build(DashboardView, _committee(demo_db))
    data = progress.progress(demo_db, _committee(demo_db))
    assert view.cards["expected"].value.text() == f"{data.national.expected:,}"
    assert view.cards["submitted"].value.text() == f"{data.national.submitted:,}"
    assert view.cards["incomplete"].value.text() == f"{data.national.incomplete:,}"
    qtmodeltester.check(view.zone_model)
    qtmodeltester.check(view.lacking_model)
    assert view.zone_model.rowCount() == 19  # 18 zones and the whole country
    series = view.bar_chart.series()
    assert len(series) == 1 and isinstance(series[0], QStackedBarSeries)
    bars = series[0].barSets()
    assert [b.label() for b in bars] == ["ส่งแล้ว", "ไม่ครบ", "ร่าง", "ยังไม่เริ่ม"]
    assert sum(bars[0].at(i) for i in range(bars[0].count())) == data.national.submitted
    pie = view.pie_chart.series()[0]
    assert isinstance(pie, QPieSeries) and pie.count() >= 2
    assert view.lacking_model.rowCount() == len(data.lacking)
    # choosing a zone narrows the list of tambons that still lack sheets
    zone_row = next(
        r
        for r in range(view.zone_table.model().rowCount())
        if view.zone_table.model().record(r).zone == 1  # type: ignore[attr-defined]
    )
    view.zone_table.selectRow(zone_row)
    assert view.lacking_proxy.rowCount() == sum(1 for t in data.lacking if t.zone == 1)


def test_the_zone_numbers_fit_a_narrow_chart(qtbot: QtBot, demo_db: Database, build: Build) -> None:
    """At 150 % on a 1366×768 screen the zone chart is narrow and Qt Charts cut a label wider
    than its bar's room to "…": the zone numbers' font shrinks until 10–18 fit, and is back to
    full size on a wide chart."""
    from ui.views import dashboard

    view: DashboardView = build(DashboardView, _committee(demo_db))
    chart = view.bar_chart
    (axis,) = [a for a in chart.axes(Qt.Orientation.Horizontal) if isinstance(a, QBarCategoryAxis)]
    assert axis.categories() == [str(z) for z in range(1, 19)]
    full = view.font().pointSizeF() * 0.9

    def widest() -> float:
        metrics = QFontMetricsF(axis.labelsFont())
        return max(metrics.horizontalAdvance(c) for c in axis.categories())

    def room() -> float:
        return chart.plotArea().width() / axis.count() - dashboard._LABEL_PADDING

    view.bar_view.setFixedWidth(460)  # the chart's width at 150 % on a 1366×768 screen
    qtbot.waitUntil(lambda: chart.plotArea().width() < 420, timeout=5000)
    qtbot.waitUntil(lambda: widest() <= room() + 0.5, timeout=5000)
    assert axis.labelsFont().pointSizeF() < full
    view.bar_view.setFixedWidth(1100)
    qtbot.waitUntil(lambda: abs(axis.labelsFont().pointSizeF() - full) < 0.06, timeout=5000)
    assert widest() <= room()


def test_rankings_show_status_colours_and_explanations(
    qtbot: QtBot, demo_db: Database, build: Build, qtmodeltester: ModelTester
) -> None:
    view: RankingsView = build(RankingsView, _committee(demo_db))
    expected = ranking.rank_round(demo_db, "outstanding")
    assert view.model.rowCount() == len(expected.entries)
    qtmodeltester.check(view.model)
    first = view.model.index(0, 0)
    assert view.model.record(0).status == "winner"
    assert view.model.data(first, Qt.ItemDataRole.BackgroundRole) == STATUS_BACKGROUND["winner"]
    ineligible = [i for i, e in enumerate(expected.entries) if e.status == "ineligible"]
    if ineligible:
        cell = view.model.index(ineligible[0], 0)
        assert view.model.data(cell, Qt.ItemDataRole.BackgroundRole) == QColor("#eeeeee")
    with qtbot.waitSignal(view.explained, timeout=20000):
        view.table.selectRow(0)
    text = view.explanation.toPlainText()
    assert view.proxy.record(0).tambon in text
    assert "อันดับ" in text
    assert "Krippendorff" in view.alpha.text()
    assert view.leniency_model.rowCount() > 0
    assert not view.finalise_button.isVisible()  # committee: no finalising (admin only)
    # one zone only
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.scope.setCurrentIndex(view.scope.findData(3))
    assert view.model.rowCount() > 0
    assert all(view.model.record(r).zone == 3 for r in range(view.model.rowCount()))


def test_an_admin_finalises_a_round(qtbot: QtBot, demo_db: Database, build: Build) -> None:
    admin = _admin(demo_db)
    view: RankingsView = build(RankingsView, admin)
    assert view.finalise_button.isVisible() and view.finalise_button.isEnabled()
    replies: list[str] = []

    def yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        replies.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.Yes).click()

    def ok(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        replies.append(dialog.text())
        dialog.accept()

    answer_modal(yes)
    with qtbot.waitSignal(view.ctx.events.data_changed, timeout=20000):
        qtbot.mouseClick(view.finalise_button, Qt.MouseButton.LeftButton)
        # the result box opens when finalising ends (it ranks and resamples for p_winner first:
        # seconds on a loaded machine), so wait for it up to 20 s, not the default 1 s
        answer_modal(ok, attempts=1000)
    assert ranking.rank_round(demo_db, "outstanding").finalised
    assert "SHA-256" in replies[-1]
    qtbot.waitUntil(lambda: view.ranking is not None and view.ranking.finalised, timeout=20000)
    assert not view.finalise_button.isEnabled()


def test_compare_three_tambons(
    qtbot: QtBot, demo_db: Database, build: Build, qtmodeltester: ModelTester
) -> None:
    committee = _committee(demo_db)
    view: CompareView = build(CompareView, committee)
    rows = tambon_service.list_tambons(demo_db, committee)
    codes = [r.code for r in rows if r.submitted >= 3][:2] + [
        r.code for r in rows if r.submitted == 2
    ][:1]
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.set_codes(codes)
    cmp = view.comparison
    assert cmp is not None and [t.code for t in cmp.tambons] == codes
    series = view.chart.series()
    assert len(series) == 3 and all(isinstance(s, QLineSeries) for s in series)
    n = len(cmp.criteria)
    # closed polygons: one point per criterion, and the two ends meet on the top line
    assert all(s.count() == n + 2 for s in series)
    assert all(s.at(0).y() == pytest.approx(s.at(n + 1).y()) for s in series)
    assert all((s.at(0).x(), s.at(n + 1).x()) == (0.0, 360.0) for s in series)
    # no criterion on the top line, where the radial labels 0 … 100 are drawn (C1 was)
    angular = next(a for a in view.chart.axes() if isinstance(a, QCategoryAxis))
    starts = [angular.endValue(label) for label in angular.categoriesLabels()]
    assert min(starts) > 0 and max(starts) < 360
    qtmodeltester.check(view.grid)
    # rows: every criterion and the total; columns: criterion, then per tambon its sheets,
    # the mean and the spread
    assert view.grid.rowCount() == n + 1
    assert view.grid.columnCount() == 1 + sum(len(t.sheets) + 2 for t in cmp.tambons)
    headers = [
        view.grid.headerData(c, Qt.Orientation.Horizontal) for c in range(view.grid.columnCount())
    ]
    assert sum("ต่างกัน" in h for h in headers) == 3
    # the spread column is highlighted where inspectors disagree by 30% of the max or more
    spread_col = 1 + len(cmp.tambons[0].sheets) + 1
    for row, crit in enumerate(cmp.criteria):
        spread = cmp.tambons[0].spread(crit.code)
        colour = view.grid.data(view.grid.index(row, spread_col), Qt.ItemDataRole.BackgroundRole)
        assert (colour == QColor("#f4a582")) == (
            spread is not None and spread / crit.max_score >= 0.3
        )
    # one column of notes and photos per tambon
    boxes = [view.columns_layout.itemAt(i).widget() for i in range(view.columns_layout.count())]
    assert [b.objectName() for b in boxes] == [f"column_{c}" for c in codes]
    # remove one by its chip: two are left
    chip = view.findChild(QWidget, f"chip_{codes[2]}")
    assert chip is not None
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert view.comparison is not None and len(view.comparison.tambons) == 2


def test_every_other_table_model_passes_the_model_tester(
    qtbot: QtBot, demo_db: Database, build: Build, qtmodeltester: ModelTester
) -> None:
    """The smaller tables: leaders and sheets of a tambon, the sheet list, leniency."""
    from ui.views.scoring import ScoringView

    committee = _committee(demo_db)
    tambons: TambonsView = build(TambonsView, committee)
    tambons.table.selectRow(0)
    qtmodeltester.check(tambons.detail.leaders)
    qtmodeltester.check(tambons.detail.sheets)
    scoring: ScoringView = build(ScoringView, committee)
    assert scoring.model.rowCount() > 2000  # the committee reads every sheet
    qtmodeltester.check(scoring.model)
    qtmodeltester.check(scoring.proxy)
    rankings: RankingsView = build(RankingsView, committee)
    qtmodeltester.check(rankings.leniency_model)
