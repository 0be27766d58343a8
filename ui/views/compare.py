"""Compare 2–4 tambons side by side: a radar chart of the criteria, a table of criterion ×
inspector with the spread between inspectors highlighted, and the notes and photos in columns."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QPolarChart, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError
from evaluator.scoring.model import score_text
from evaluator.services import tambons as tambon_service
from evaluator.services.tambons import (
    ComparedSheet,
    ComparedTambon,
    Comparison,
    CriterionHead,
    TambonRow,
)
from ui.context import AppContext
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
from ui.photos import PhotoStrip, open_photo
from ui.tasks import TaskControl
from ui.views.base import View
from ui.widgets import RoundCombo, fit_columns, heading, restore_splitter, setup_table, show_error

SERIES_COLOURS = [QColor("#1f77b4"), QColor("#d62728"), QColor("#2ca02c"), QColor("#9467bd")]
SPREAD_WARN = 0.3  # a spread of 30% of the criterion's max score is highlighted
SPREAD_MILD = 0.15


@dataclass(frozen=True)
class GridRow:
    """One line of the criterion × inspector table (``criterion`` None: the totals line)."""

    criterion: CriterionHead | None


def spread_colour(spread: float | None, max_score: float) -> QColor | None:
    """Orange to red as inspectors disagree more on a criterion."""
    if spread is None or max_score <= 0:
        return None
    share = spread / max_score
    if share >= SPREAD_WARN:
        return QColor("#f4a582")
    if share >= SPREAD_MILD:
        return QColor("#fddbc7")
    return None


def crossing(before: float, after: float, half_step: float) -> float:
    """The radius at which the straight line from a point ``half_step`` degrees before the top
    (radius ``before``) to one ``half_step`` degrees after it (radius ``after``) crosses the top."""
    if before + after <= 0:
        return 0.0
    return math.cos(math.radians(half_step)) * 2 * before * after / (before + after)


class CompareView(View):
    key = "compare"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("compareView")
        self.codes: list[str] = []
        self.names: dict[str, str] = {}
        self.comparison: Comparison | None = None
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        caption = QLabel(self.tr("รอบ"))
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("round")
        caption.setBuddy(self.round)
        bar.addWidget(caption)
        bar.addWidget(self.round)
        self.picker = QLineEdit()
        self.picker.setObjectName("picker")
        self.picker.setPlaceholderText(self.tr("พิมพ์ชื่อหรือรหัสตำบลเพื่อเพิ่ม (2–4 ตำบล)"))
        self.picker.returnPressed.connect(self._add_typed)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated.connect(self._add_completion)
        self.picker.setCompleter(self.completer)
        bar.addWidget(self.picker, 1)
        add = QPushButton(self.tr("เพิ่ม"))
        add.clicked.connect(self._add_typed)
        bar.addWidget(add)
        layout.addLayout(bar)
        self.chips = QHBoxLayout()
        self.chips_label = QLabel(
            self.tr("ยังไม่ได้เลือกตำบล — เลือก 2–4 ตำบลจากมุมมองตำบลหรือจัดอันดับ หรือพิมพ์ด้านบน")
        )
        self.chips.addWidget(self.chips_label)
        self.chips.addStretch(1)
        layout.addLayout(self.chips)

        self.chart = QPolarChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setFont(self.font())
        self.chart.legend().setFont(self.font())
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("radar")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumSize(360, 320)

        self.grid = RecordTableModel([], self)
        grid_proxy = SortProxy(self)
        grid_proxy.setSourceModel(self.grid)
        self.grid_view = QTableView()
        self.grid_view.setObjectName("compareGrid")
        self.grid_view.setModel(grid_proxy)
        setup_table(self.grid_view)
        self.grid_view.setSortingEnabled(False)
        self.grid_view.setWordWrap(True)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.chart_view)
        top.addWidget(self.grid_view)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)

        self.columns_area = QScrollArea()
        self.columns_area.setObjectName("notesColumns")
        self.columns_area.setWidgetResizable(True)
        self.columns_body = QWidget()
        self.columns_layout = QHBoxLayout(self.columns_body)
        self.columns_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.columns_area.setWidget(self.columns_body)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.columns_area)
        self.splitter.setSizes([430, 330])
        restore_splitter(self.splitter, ctx.settings, "compare")
        layout.addWidget(self.splitter, 1)
        self.round.round_changed.connect(lambda _c: self.reload())

    # choosing --------------------------------------------------------------------------------
    def activate(self) -> None:
        if self.round.count() == 0:
            self.round.set_rounds(tambon_service.list_rounds(self.ctx.db))
        if not self.names:
            self._load_names()
        super().activate()

    def _load_names(self) -> None:
        db, user = self.ctx.db, self.ctx.user

        def job(control: TaskControl) -> list[TambonRow]:
            return tambon_service.list_tambons(db, user)

        task = self.ctx.tasks.start(job, "tambon names")
        task.finished.connect(self._names_loaded)

    def _names_loaded(self, rows: list[TambonRow]) -> None:
        self.names = {
            r.code: f"{r.tambon} · {r.district} · {r.province} ({r.code}) {r.tambon_en}"
            for r in rows
        }
        self.completer.model().setStringList(list(self.names.values()))  # type: ignore[attr-defined]
        self._show_chips()

    def _add_completion(self, text: str) -> None:
        code = text.split("(")[-1].split(")")[0] if "(" in text else ""
        if code in self.names:
            self.add_code(code)
        self.picker.clear()

    def _add_typed(self) -> None:
        text = self.picker.text().strip()
        if not text:
            return
        if text in self.names:
            self.add_code(text)
        else:
            matches = [c for c, name in self.names.items() if text.lower() in name.lower()]
            if len(matches) == 1:
                self.add_code(matches[0])
            elif matches:
                self._add_completion(self.completer.currentCompletion() or "")
        self.picker.clear()

    def add_code(self, code: str) -> None:
        if code in self.codes or len(self.codes) >= 4:
            return
        self.set_codes([*self.codes, code])

    def remove_code(self, code: str) -> None:
        self.set_codes([c for c in self.codes if c != code])

    def set_codes(self, codes: list[str]) -> None:
        """Compare these tambons (at most four)."""
        self.codes = list(dict.fromkeys(codes))[:4]
        self._show_chips()
        self.reload()

    def _show_chips(self) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.chips_label:
                widget.deleteLater()
        if not self.codes:
            self.chips.addWidget(self.chips_label)
            self.chips_label.show()
        else:
            self.chips_label.hide()
        for i, code in enumerate(self.codes):
            name = self.names.get(code, code).split(" · ")[0]
            chip = QToolButton()
            chip.setObjectName(f"chip_{code}")
            chip.setText(f"{name}  ✕")
            chip.setToolTip(self.tr("เอาออกจากการเปรียบเทียบ"))
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)].name()
            chip.setStyleSheet(
                f"QToolButton {{ border: 2px solid {colour}; border-radius: 10px;"
                " padding: 2px 8px; }"
            )
            chip.clicked.connect(lambda _c=False, c=code: self.remove_code(c))
            self.chips.addWidget(chip)
        self.chips.addStretch(1)

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        if self.round.count() == 0:
            self.round.set_rounds(tambon_service.list_rounds(self.ctx.db))
        round_code = self.round.code()
        if len(self.codes) < 2 or round_code is None:
            self._show(None)
            return
        db, user, codes = self.ctx.db, self.ctx.user, list(self.codes)

        def job(control: TaskControl) -> Comparison:
            return tambon_service.compare_tambons(db, user, round_code, codes)

        task = self.ctx.tasks.start(job, "compare")
        task.finished.connect(self._show)
        task.failed.connect(lambda exc, _tb: self._failed(exc))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, EvaluatorError):
            show_error(self, self.tr("เปรียบเทียบไม่ได้"), exc)
        else:
            raise exc

    def _show(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        if comparison is not None:
            for t in comparison.tambons:
                self.names.setdefault(
                    t.code, f"{t.tambon} · {t.district} · {t.province} ({t.code})"
                )
            self._show_chips()
        self._draw_radar(comparison)
        self._fill_grid(comparison)
        self._fill_columns(comparison)
        self.ctx.events.data_loaded.emit(self.key)

    def _draw_radar(self, comparison: Comparison | None) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if comparison is None or not comparison.criteria:
            chart.setTitle(self.tr("เลือกตำบล 2–4 ตำบลเพื่อเปรียบเทียบ"))
            return
        chart.setTitle(self.tr("คะแนนเฉลี่ยรายเกณฑ์ (% ของคะแนนเต็ม)"))
        n = len(comparison.criteria)
        step = 360.0 / n
        # the criteria sit half a step off the top, so that the radial labels (0 … 100, drawn
        # along the top line) never run into a criterion's spoke and label (C1 used to)
        first = step / 2
        angular = QCategoryAxis()
        angular.setRange(0, 360)
        angular.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        angular.setLabelsFont(self.font())
        for i, c in enumerate(comparison.criteria):
            angular.append(c.code, first + i * step)
        radial = QValueAxis()
        radial.setRange(0, 100)
        radial.setTickCount(6)
        radial.setLabelFormat("%d")
        radial.setLabelsFont(self.font())
        chart.addAxis(angular, QPolarChart.PolarOrientation.PolarOrientationAngular)
        chart.addAxis(radial, QPolarChart.PolarOrientation.PolarOrientationRadial)
        for i, t in enumerate(comparison.tambons):
            series = QLineSeries()
            series.setName(t.tambon)
            pen = QPen(SERIES_COLOURS[i % len(SERIES_COLOURS)])
            pen.setWidthF(2.5)
            series.setPen(pen)
            points = []
            for j, c in enumerate(comparison.criteria):
                mean = t.mean(c.code)
                points.append(
                    QPointF(first + j * step, 0.0 if mean is None else 100.0 * mean / c.max_score)
                )
            if points:  # closed across the top: where the last-to-first line meets it
                top = crossing(points[-1].y(), points[0].y(), first)
                points = [QPointF(0.0, top), *points, QPointF(360.0, top)]
            series.append(points)
            chart.addSeries(series)
            series.attachAxis(angular)
            series.attachAxis(radial)

    def _fill_grid(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.grid.reset([], [])
            return

        def title(row: GridRow) -> str:
            if row.criterion is None:
                return self.tr("คะแนนรวม")
            return f"{row.criterion.code} {row.criterion.title}"

        columns = [
            Column(
                self.tr("เกณฑ์"),
                title,
                tooltip=lambda r: (
                    ""
                    if r.criterion is None
                    else self.tr("เต็ม %1 · น้ำหนัก %2")
                    .replace("%1", f"{r.criterion.max_score:g}")
                    .replace("%2", f"{r.criterion.weight:g}")
                ),
            )
        ]
        for t in comparison.tambons:
            for sheet in t.sheets:
                columns.append(self._sheet_column(t, sheet))
            columns.append(self._mean_column(t))
            columns.append(self._spread_column(t))
        rows = [GridRow(c) for c in comparison.criteria] + [GridRow(None)]
        self.grid.reset(columns, rows)
        fit_columns(self.grid_view, {0: 220})

    def _sheet_column(self, t: ComparedTambon, sheet: ComparedSheet) -> Column:
        def value(r: GridRow) -> float | None:
            if r.criterion is None:
                return sheet.total
            return sheet.scores.get(r.criterion.code)

        def background(r: GridRow) -> QColor | None:
            if r.criterion is None:
                return None
            spread = t.spread(r.criterion.code)
            v = value(r)
            if spread is None or v is None or spread / r.criterion.max_score < SPREAD_WARN:
                return None
            values = [x for s in t.sheets if (x := s.scores.get(r.criterion.code)) is not None]
            if v == max(values):
                return QColor("#d1e5f0")
            if v == min(values):
                return QColor("#fddbc7")
            return None

        def note(r: GridRow) -> str:
            if r.criterion is None:
                return sheet.note
            return sheet.notes.get(r.criterion.code, "")

        return Column(
            f"{t.tambon}\n{sheet.inspector}",
            lambda r: "–" if value(r) is None else f"{value(r):g}",
            value,
            CENTER,
            tooltip=note,
            background=background,
            header_tooltip=f"{t.tambon} — {sheet.inspector}",
        )

    def _mean_column(self, t: ComparedTambon) -> Column:
        def value(r: GridRow) -> float | None:
            return t.mean_total if r.criterion is None else t.mean(r.criterion.code)

        return Column(
            f"{t.tambon}\n" + self.tr("เฉลี่ย"),
            lambda r: "–" if (v := value(r)) is None else score_text(v),
            value,
            RIGHT,
        )

    def _spread_column(self, t: ComparedTambon) -> Column:
        def value(r: GridRow) -> float | None:
            if r.criterion is None:
                totals = [s.total for s in t.sheets if s.total is not None]
                return max(totals) - min(totals) if len(totals) >= 2 else None
            return t.spread(r.criterion.code)

        def background(r: GridRow) -> QColor | None:
            if r.criterion is None:
                return spread_colour(value(r), 100.0)
            return spread_colour(value(r), r.criterion.max_score)

        return Column(
            f"{t.tambon}\n" + self.tr("ต่างกัน"),
            lambda r: "–" if value(r) is None else f"{value(r):g}",
            value,
            RIGHT,
            background=background,
            header_tooltip=self.tr("คะแนนสูงสุด − ต่ำสุดระหว่างผู้ประเมิน"),
        )

    def _fill_columns(self, comparison: Comparison | None) -> None:
        while self.columns_layout.count():
            item = self.columns_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if comparison is None:
            return
        titles = {c.code: c.title for c in comparison.criteria}
        for i, t in enumerate(comparison.tambons):
            box = QGroupBox()
            box.setObjectName(f"column_{t.code}")
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)].name()
            box.setStyleSheet(f"QGroupBox#column_{t.code} {{ border-top: 4px solid {colour}; }}")
            column = QVBoxLayout(box)
            column.addWidget(heading(t.tambon, 2))
            place = QLabel(
                self.tr("อ.%1 จ.%2 · เขต %3")
                .replace("%1", t.district)
                .replace("%2", t.province)
                .replace("%3", str(t.zone))
            )
            column.addWidget(place)
            if not t.sheets:
                column.addWidget(QLabel(self.tr("ยังไม่มีแบบประเมินที่ส่งแล้ว")))
            for sheet in t.sheets:
                total = "–" if sheet.total is None else score_text(sheet.total)
                who = QLabel(f"<b>{sheet.inspector}</b> · {self.tr('รวม')} {total}")
                column.addWidget(who)
                lines = []
                if sheet.note:
                    lines.append(sheet.note)
                lines += [
                    f"{code} {titles.get(code, '')}: {text}"
                    for code, text in sheet.notes.items()
                    if text
                ]
                notes = QLabel("\n".join(lines) if lines else self.tr("(ไม่มีหมายเหตุ)"))
                notes.setWordWrap(True)
                notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                column.addWidget(notes)
                if sheet.photos:
                    strip = PhotoStrip(self.ctx)
                    strip.set_photos(sheet.photos)
                    strip.photo_activated.connect(
                        lambda pid, name=t.tambon: open_photo(self.ctx, pid, name, self)
                    )
                    column.addWidget(strip)
            column.addStretch(1)
            box.setMinimumWidth(280)
            self.columns_layout.addWidget(box, 1)
