"""The progress dashboard: per zone and nationally, sheets expected / drafted / submitted /
incomplete, as numbers, a stacked bar chart per zone and a national donut, and the tambons
that still lack sheets. An inspector sees their own work instead: their numbers and the
tambons assigned to them, with the state of each of their sheets (``ui.views.my_work``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.db.models import Role
from evaluator.i18n import one_language
from evaluator.services import progress as progress_service
from evaluator.services.assignment_design import DesignReport
from evaluator.services.progress import Counts, MyWork, Progress, ZoneProgress
from evaluator.services.round_list import list_rounds
from ui.context import AppContext
from ui.icons import icon
from ui.models.keyed import SortProxy, tag
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.base import View
from ui.widgets import Card, RoundCombo, fit_columns, restore_splitter, setup_table, show_error

if TYPE_CHECKING:
    from ui.views.my_work import MyWorkPanel

COLOURS = {
    "submitted": QColor("#2e8b57"),
    "incomplete": QColor("#d9822b"),
    "drafted": QColor("#e8c547"),
    "not_started": QColor("#c9ced6"),
}


_LABEL_PADDING = 12.0  # what Qt Charts keep beside a category label (logical px)
_SMALLEST_LABEL = 6.0  # points


class _LackingProxy(SortProxy):
    """The tambons lacking sheets, filtered by zone in C++ (a tag in each row's key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone: int | None = None

    def search_text(self, row: int) -> str:
        return tag("z", self.source().record(row).zone)

    def set_zone(self, zone: int | None) -> None:
        self.zone = zone
        self.refilter(tags=[] if zone is None else [tag("z", zone)])


class DashboardView(View):
    key = "dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("dashboardView")
        self.data: Progress | None = None
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        caption = QLabel(self.tr("รอบ"))
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("round")
        caption.setBuddy(self.round)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("ปรับปรุง"))
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.reload)
        self.round.round_changed.connect(lambda _c: self.reload())
        bar.addWidget(caption)
        bar.addWidget(self.round)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        layout.addLayout(bar)

        cards = QHBoxLayout()
        self.cards = {
            "expected": Card(self.tr("แบบประเมินที่ต้องมี")),
            "submitted": Card(self.tr("ส่งแล้ว (ครบทุกเกณฑ์)")),
            "drafted": Card(self.tr("ร่าง")),
            "incomplete": Card(self.tr("ส่งแล้วแต่ไม่ครบ")),
            "not_started": Card(self.tr("ยังไม่เริ่ม")),
            "tambons": Card(self.tr("ตำบลที่ครบแล้ว")),
        }
        for name, card in self.cards.items():
            card.setObjectName(f"card_{name}")
            colour = COLOURS.get(name)
            if colour is not None:
                card.setStyleSheet(
                    f"QFrame#card_{name} {{ border-left: 6px solid {colour.name()}; }}"
                )
            cards.addWidget(card)
        layout.addLayout(cards)
        # design advice: zones whose inspectors share no tambon (hidden when there are none)
        self.design_note = QLabel()
        self.design_note.setObjectName("designNote")
        self.design_note.setWordWrap(True)
        self.design_note.setStyleSheet(
            "QLabel#designNote { background: #fff4e0; border-left: 6px solid #d9822b;"
            " padding: 4px 8px; }"
        )
        self.design_note.hide()
        layout.addWidget(self.design_note)

        self.bar_chart = QChart()
        self.bar_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.bar_view = QChartView(self.bar_chart)
        self.bar_view.setObjectName("zoneChart")
        self.bar_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.bar_view.setMinimumHeight(180)  # leaves the tables room at 125 %
        self.bar_chart.plotAreaChanged.connect(self._fit_zone_labels)
        self.pie_chart = QChart()
        self.pie_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.pie_view = QChartView(self.pie_chart)
        self.pie_view.setObjectName("nationalChart")
        self.pie_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.pie_view.setMinimumWidth(300)
        for chart in (self.bar_chart, self.pie_chart):
            chart.setFont(self.font())
            chart.setTitleFont(_bold(self.font(), 1))
            chart.legend().setFont(self.font())
            chart.setMargins(QMargins(4, 4, 4, 4))
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.bar_view)
        charts.addWidget(self.pie_view)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 1)

        self.zone_model = RecordTableModel(self._zone_columns(), self)
        zone_proxy = SortProxy(self)
        zone_proxy.setSourceModel(self.zone_model)
        self.zone_table = QTableView()
        self.zone_table.setObjectName("zoneTable")
        self.zone_table.setModel(zone_proxy)
        setup_table(self.zone_table, ctx.settings, "dashboard_zones")
        self.zone_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.zone_table.selectionModel().currentRowChanged.connect(self._zone_chosen)

        self.lacking_model = RecordTableModel(self._lacking_columns(), self)
        self.lacking_proxy = _LackingProxy(self)
        self.lacking_proxy.setSourceModel(self.lacking_model)
        lacking_box = QWidget()
        lacking_layout = QVBoxLayout(lacking_box)
        lacking_layout.setContentsMargins(0, 0, 0, 0)
        self.lacking_title = QLabel(self.tr("ตำบลที่ยังขาดแบบประเมิน"))
        self.lacking_title.setObjectName("lackingTitle")
        lacking_layout.addWidget(self.lacking_title)
        self.lacking_table = QTableView()
        self.lacking_table.setObjectName("lackingTable")
        self.lacking_table.setModel(self.lacking_proxy)
        setup_table(self.lacking_table, ctx.settings, "dashboard_lacking")
        lacking_layout.addWidget(self.lacking_table)
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.zone_table)
        tables.addWidget(lacking_box)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(charts)
        self.splitter.addWidget(tables)
        self.splitter.setSizes([320, 380])
        restore_splitter(self.splitter, ctx.settings, "dashboard")
        layout.addWidget(self.splitter, 1)
        # an inspector: their own assignments and sheets, not the country's numbers
        self.own = ctx.user.role is Role.INSPECTOR
        self.my_work: MyWorkPanel | None = None
        if self.own:  # the panel's module loads for an inspector only, never at a committee's start
            from ui.views.my_work import MyWorkPanel

            self.splitter.hide()
            self.my_work = MyWorkPanel(ctx, self)
            layout.addWidget(self.my_work, 1)
            self.cards["expected"].title.setText(self.tr("ตำบลที่ได้รับมอบหมาย"))
            self.cards["tambons"].title.setText(self.tr("ส่งครบแล้ว"))

    def _zone_columns(self) -> list[Column]:
        def pct(z: ZoneProgress) -> str:
            return f"{z.counts.percent_done:.1f}%"

        return [
            Column(
                self.tr("เขต"),
                lambda z: z.name if z.zone == 0 else self.tr("เขต %1").replace("%1", str(z.zone)),
                lambda z: z.zone or 99,
            ),
            Column(
                self.tr("ตำบล"),
                lambda z: f"{z.counts.tambons:,}",
                lambda z: z.counts.tambons,
                RIGHT,
            ),
            Column(
                self.tr("ต้องมี"),
                lambda z: f"{z.counts.expected:,}",
                lambda z: z.counts.expected,
                RIGHT,
            ),
            Column(
                self.tr("ส่งแล้ว"),
                lambda z: f"{z.counts.submitted:,}",
                lambda z: z.counts.submitted,
                RIGHT,
            ),
            Column(
                self.tr("ร่าง"), lambda z: f"{z.counts.drafted:,}", lambda z: z.counts.drafted, RIGHT
            ),
            Column(
                self.tr("ไม่ครบ"),
                lambda z: f"{z.counts.incomplete:,}",
                lambda z: z.counts.incomplete,
                RIGHT,
                foreground=lambda z: COLOURS["incomplete"] if z.counts.incomplete else None,
            ),
            Column(
                self.tr("ยังไม่เริ่ม"),
                lambda z: f"{z.counts.not_started:,}",
                lambda z: z.counts.not_started,
                RIGHT,
            ),
            Column(self.tr("ความคืบหน้า"), pct, lambda z: z.counts.percent_done, RIGHT),
        ]

    def _lacking_columns(self) -> list[Column]:
        return [
            Column(self.tr("เขต"), lambda t: str(t.zone), lambda t: t.zone, CENTER),
            Column(self.tr("จังหวัด"), lambda t: t.province),
            Column(self.tr("อำเภอ"), lambda t: t.district),
            Column(self.tr("ตำบล"), lambda t: t.tambon),
            Column(
                self.tr("ส่งแล้ว/ต้องมี"),
                lambda t: f"{t.counted}/{t.expected}",
                lambda t: t.counted - t.expected,
                CENTER,
            ),
            Column(self.tr("ร่าง"), lambda t: str(t.drafted), lambda t: t.drafted, CENTER),
        ]

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, user = self.ctx.db, self.ctx.user
        if self.round.count() == 0:
            self.round.set_rounds(list_rounds(db))
        round_code = self.round.code()
        if self.own:

            def own_job(control: TaskControl) -> MyWork:
                return progress_service.my_work(db, user, round_code)

            own = self.ctx.tasks.start(own_job, "my work")
            own.finished.connect(self.show_my_work)
            own.failed.connect(lambda exc, _tb: show_error(self, self.tr("โหลดงานของท่านไม่ได้"), exc))
            return

        def job(control: TaskControl) -> tuple[Progress, DesignReport | None]:
            # the design note is advice: the numbers show without it (no round, or it failed)
            return progress_service.progress_and_design(db, user, round_code)

        # one job: its data on screen at once, the design note with the numbers
        task = self.ctx.tasks.start(job, "progress")
        task.finished.connect(lambda result: self._loaded(*result))
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("โหลดความคืบหน้าไม่ได้"), exc))

    def _loaded(self, data: Progress, design: DesignReport | None) -> None:
        self.show_design(design)
        self.show_progress(data)

    def show_design(self, report: DesignReport | None) -> None:
        """The zones where inspector leniency cannot be told from tambon quality."""
        lines = [] if report is None else [one_language(z.message) for z in report.problems]
        if report is not None and report.national_message:
            lines.append(one_language(report.national_message))
        self.design_note.setText("\n".join(lines))
        self.design_note.setVisible(bool(lines))

    def show_progress(self, data: Progress) -> None:
        self.data = data
        n = data.national
        self.cards["expected"].set(
            f"{n.expected:,}", self.tr("%1 ตำบล").replace("%1", f"{n.tambons:,}")
        )
        self.cards["submitted"].set(f"{n.submitted:,}", f"{n.percent_done:.1f}%")
        self.cards["drafted"].set(f"{n.drafted:,}")
        self.cards["incomplete"].set(f"{n.incomplete:,}", self.tr("ไม่นับในการจัดอันดับ"))
        self.cards["not_started"].set(f"{n.not_started:,}")
        self.cards["tambons"].set(
            f"{n.tambons_done:,}", self.tr("จาก %1 ตำบล").replace("%1", f"{n.tambons:,}")
        )
        zones = [z for z in data.zones if z.counts.expected or z.counts.tambons]
        national = ZoneProgress(0, self.tr("ทั้งประเทศ"), n)
        self.zone_model.set_records([*zones, national])
        fit_columns(self.zone_table)
        self.lacking_model.set_records(data.lacking)
        fit_columns(self.lacking_table)
        self._update_lacking_title()
        self._draw_bars(zones)
        self._draw_pie(n)
        self.ctx.events.data_loaded.emit(self.key)

    def show_my_work(self, work: MyWork) -> None:
        """An inspector's own numbers and tambons."""
        assert self.my_work is not None
        c = work.counts
        self.cards["expected"].set(f"{c.tambons:,}", work.round_title)
        self.cards["submitted"].set(f"{c.submitted:,}", f"{c.percent_done:.1f}%")
        self.cards["drafted"].set(f"{c.drafted:,}")
        self.cards["incomplete"].set(f"{c.incomplete:,}", self.tr("ไม่นับในการจัดอันดับ"))
        self.cards["not_started"].set(f"{c.not_started:,}")
        self.cards["tambons"].set(
            f"{c.tambons_done:,}", self.tr("จาก %1 ตำบล").replace("%1", f"{c.tambons:,}")
        )
        self.my_work.show_work(work)
        self.ctx.events.data_loaded.emit(self.key)

    def _draw_bars(self, zones: list[ZoneProgress]) -> None:
        chart = self.bar_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QStackedBarSeries()
        parts = [
            ("submitted", self.tr("ส่งแล้ว")),
            ("incomplete", self.tr("ไม่ครบ")),
            ("drafted", self.tr("ร่าง")),
            ("not_started", self.tr("ยังไม่เริ่ม")),
        ]
        for name, title in parts:
            bar_set = QBarSet(title)
            bar_set.setColor(COLOURS[name])
            bar_set.setBorderColor(COLOURS[name])
            for z in zones:
                bar_set.append(float(getattr(z.counts, name)))
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        # no axis titles (the chart's title names both): on a 1366×768 screen at 125 % the
        # chart is short, and Qt Charts then cut the zone numbers to "…" to make room for them
        labels = QFont(self.font())
        labels.setPointSizeF(labels.pointSizeF() * 0.9)
        categories = QBarCategoryAxis()
        categories.append([str(z.zone) for z in zones])
        categories.setLabelsFont(labels)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setLabelsFont(labels)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        top = max((z.counts.expected for z in zones), default=0)
        values.setRange(0, max(top, 1))
        if top > 0:
            values.applyNiceNumbers()
        chart.setTitle(self.tr("แบบประเมินรายเขตตรวจราชการ"))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._fit_zone_labels(chart.plotArea())

    def _fit_zone_labels(self, area: QRectF) -> None:
        """Zone numbers that are read, never "…": where the chart is narrow (18 zones at 150 % on a
        1366×768 screen) Qt Charts cut any label wider than its bar's room to "…", so the
        labels' font is made smaller until the widest zone number fits."""
        axis = next(
            (
                a
                for a in self.bar_chart.axes(Qt.Orientation.Horizontal)
                if isinstance(a, QBarCategoryAxis)
            ),
            None,
        )
        if axis is None or not axis.count():
            return
        font = QFont(self.font())
        full = font.pointSizeF() * 0.9
        widest = max(QFontMetricsF(font).horizontalAdvance(c) for c in axis.categories())
        room = area.width() / axis.count() - _LABEL_PADDING
        size = max(_SMALLEST_LABEL, min(full, font.pointSizeF() * room / max(widest, 1.0)))
        if abs(axis.labelsFont().pointSizeF() - size) > 0.05:
            font.setPointSizeF(size)
            axis.setLabelsFont(font)

    def _draw_pie(self, n: Counts) -> None:
        chart = self.pie_chart
        chart.removeAllSeries()
        pie = QPieSeries()
        pie.setHoleSize(0.45)
        for name, title in (
            ("submitted", self.tr("ส่งแล้ว")),
            ("incomplete", self.tr("ไม่ครบ")),
            ("drafted", self.tr("ร่าง")),
            ("not_started", self.tr("ยังไม่เริ่ม")),
        ):
            value = getattr(n, name)
            if value:  # the legend names the part (its number is on the cards and in the tip)
                part = pie.append(title, float(value))
                part.setColor(COLOURS[name])
                part.setLabelFont(self.font())
        chart.addSeries(pie)
        chart.legend().setShowToolTips(True)
        for part in pie.slices():
            part.hovered.connect(
                lambda on, p=part: self.pie_view.setToolTip(
                    f"{p.label()} {int(p.value()):,} ({100 * p.percentage():.1f}%)" if on else ""
                )
            )
        chart.setTitle(self.tr("ทั้งประเทศ %1%").replace("%1", f"{n.percent_done:.1f}"))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def _zone_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        proxy = self.zone_table.model()
        assert isinstance(proxy, SortProxy)
        zone = proxy.record(current.row()).zone if current.isValid() else 0
        self.lacking_proxy.set_zone(zone or None)
        self._update_lacking_title()

    def _update_lacking_title(self) -> None:
        zone = self.lacking_proxy.zone
        text = self.tr("ตำบลที่ยังขาดแบบประเมิน %1 ตำบล").replace(
            "%1", f"{self.lacking_proxy.rowCount():,}"
        )
        if zone:
            text += self.tr(" (เขต %1)").replace("%1", str(zone))
        self.lacking_title.setText(text)


def _bold(font: QFont, delta: int) -> QFont:
    result = QFont(font)
    result.setBold(True)
    result.setPointSize(font.pointSize() + delta)
    return result
