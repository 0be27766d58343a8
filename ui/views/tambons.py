"""The tambons view: the 1,000 target tambons filtered by zone, province, status and typed text
(Thai or Latin), and a detail pane with the tambon's leaders, sheets and photos."""

from __future__ import annotations

import functools

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError
from evaluator.permissions import Action
from evaluator.scoring.model import score_text
from evaluator.services import sheets as sheet_service
from evaluator.services import tambons as tambon_service
from evaluator.services.tambons import TambonDetail, TambonRow, TambonStatus
from ui.context import AppContext
from ui.icons import icon
from ui.labels import sheet_status_title, tambon_status_title
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel, thai_collator
from ui.models.tambons import TambonFilterProxy, TambonTableModel
from ui.photos import PhotoStrip, open_photo
from ui.tasks import TaskControl
from ui.views.base import View
from ui.widgets import (
    RoundCombo,
    fit_columns,
    heading,
    restore_splitter,
    setup_table,
    show_error,
)


class TambonDetailPane(QScrollArea):
    """Everything about one tambon: places, leaders, sheets, photos."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setObjectName("tambonDetail")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = heading(self.tr("เลือกตำบลจากตารางเพื่อดูรายละเอียด"))
        self.title.setObjectName("detailTitle")
        self.places = QLabel("")
        self.places.setWordWrap(True)
        self.places.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.places)

        self.leaders_box = QGroupBox(self.tr("ผู้นำการเปลี่ยนแปลง"))
        box = QVBoxLayout(self.leaders_box)
        self.leaders = RecordTableModel(
            [
                Column(self.tr("ที่"), lambda r: str(r[0]), lambda r: r[0], CENTER),
                Column(self.tr("ชื่อ-นามสกุล"), lambda r: r[1].name),
                Column(self.tr("ตำแหน่ง"), lambda r: r[1].position),
            ],
            self,
        )
        self.leaders_view = QTableView()
        self.leaders_view.setObjectName("leaders")
        leaders_proxy = SortProxy(self)
        leaders_proxy.setSourceModel(self.leaders)
        self.leaders_view.setModel(leaders_proxy)
        setup_table(self.leaders_view)
        self.leaders_view.setMinimumHeight(220)
        box.addWidget(self.leaders_view)
        layout.addWidget(self.leaders_box)

        self.sheets_box = QGroupBox(self.tr("แบบประเมิน"))
        box = QVBoxLayout(self.sheets_box)
        self.sheets = RecordTableModel(
            [
                Column(self.tr("รอบ"), lambda s: s.round_code),
                Column(self.tr("ผู้ประเมิน"), lambda s: s.inspector),
                Column(self.tr("สถานะ"), lambda s: sheet_status_title(s.status)),
                Column(
                    self.tr("ให้คะแนน"),
                    lambda s: f"{s.scored}/{s.criteria}",
                    lambda s: s.scored,
                    CENTER,
                ),
                Column(
                    self.tr("คะแนนรวม"),
                    lambda s: "–" if s.total is None else score_text(s.total),
                    lambda s: s.total,
                    RIGHT,
                ),
            ],
            self,
        )
        self.sheets_view = QTableView()
        self.sheets_view.setObjectName("tambonSheets")
        sheets_proxy = SortProxy(self)
        sheets_proxy.setSourceModel(self.sheets)
        self.sheets_view.setModel(sheets_proxy)
        setup_table(self.sheets_view)
        self.sheets_view.setMinimumHeight(130)
        self.sheets_view.setToolTip(self.tr("ดับเบิลคลิกหรือกด Enter เพื่อเปิดแบบประเมิน"))
        self.sheets_view.activated.connect(self._open_sheet)
        box.addWidget(self.sheets_view)
        layout.addWidget(self.sheets_box)

        self.photos_box = QGroupBox(self.tr("รูปภาพ"))
        box = QVBoxLayout(self.photos_box)
        self.photos = PhotoStrip(ctx)
        self.photos.photo_activated.connect(
            lambda pid: open_photo(self.ctx, pid, self.title.text(), self)
        )
        box.addWidget(self.photos)
        layout.addWidget(self.photos_box)
        layout.addStretch(1)
        self.setWidget(body)
        self.detail: TambonDetail | None = None

    def show_tambon(self, detail: TambonDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.title.setText(self.tr("เลือกตำบลจากตารางเพื่อดูรายละเอียด"))
            self.places.setText("")
            self.leaders.set_records([])
            self.sheets.set_records([])
            self.photos.set_photos([])
            return
        latin = f" ({detail.tambon_en})" if detail.tambon_en else ""
        self.title.setText(self.tr("ตำบล%1").replace("%1", detail.tambon + latin))
        lines = [
            self.tr("อำเภอ%1 จังหวัด%2")
            .replace("%1", detail.district)
            .replace("%2", detail.province),
            self.tr("เขตตรวจราชการที่ %1 · รหัสตำบล %2")
            .replace("%1", str(detail.zone))
            .replace("%2", detail.code),
        ]
        focus = detail.focus_village or next((v.name for v in detail.villages if v.is_focus), "")
        if focus:
            lines.append(self.tr("หมู่บ้านเป้าหมาย: %1").replace("%1", focus))
        if detail.villages:
            lines.append(self.tr("จำนวนหมู่บ้าน %1 หมู่บ้าน").replace("%1", str(len(detail.villages))))
        self.places.setText("\n".join(lines))
        self.leaders_box.setTitle(
            self.tr("ผู้นำการเปลี่ยนแปลง (%1 คน)").replace("%1", str(len(detail.leaders)))
        )
        self.leaders.set_records(list(enumerate(detail.leaders, start=1)))
        fit_columns(self.leaders_view)
        self.sheets.set_records(detail.sheets)
        fit_columns(self.sheets_view)
        self.photos_box.setTitle(self.tr("รูปภาพ (%1)").replace("%1", str(len(detail.photos))))
        self.photos.set_photos(detail.photos)

    def _open_sheet(self, index: QModelIndex) -> None:
        proxy = self.sheets_view.model()
        assert isinstance(proxy, SortProxy)
        self.ctx.events.open_sheet.emit(proxy.record(index.row()).id)


class TambonsView(View):
    """The tambon table with its filters, and the detail pane of the current tambon."""

    key = "tambons"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("tambonsView")
        self.loaded_round: str | None = None
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("round")
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.status = QComboBox()
        self.status.setObjectName("status")
        for combo, letters in ((self.zone, 6), (self.province, 12), (self.status, 10)):
            # sized to a few letters, not to the longest choice: the bar fits 1366×768 at 125 %
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(letters)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("ค้นหาตำบล อำเภอ จังหวัด หรือรหัส (ไทย/อังกฤษ) — Ctrl+F"))
        self.count = QLabel("")
        self.count.setObjectName("count")
        for label, widget in (
            (self.tr("รอบ"), self.round),
            (self.tr("เขต"), self.zone),
            (self.tr("จังหวัด"), self.province),
            (self.tr("สถานะ"), self.status),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)

        self.model = TambonTableModel(self)
        self.proxy = TambonFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("tambonTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, ctx.settings, "tambons")
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.detail = TambonDetailPane(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        restore_splitter(self.splitter, ctx.settings, "tambons")
        layout.addWidget(self.splitter, 1)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(icon("scoring"), self.tr("ประเมินตำบลนี้"), self)
        self.start_button.setObjectName("startSheet")
        self.start_button.setToolTip(self.tr("เปิดแบบประเมินของท่านสำหรับตำบลที่เลือก"))
        self.start_button.clicked.connect(self.start_sheet)
        self.start_button.setVisible(
            ctx.can(Action.EDIT_OWN_SHEET) and ctx.user.inspector_id is not None
        )
        self.compare_button = QPushButton(icon("compare"), self.tr("เปรียบเทียบตำบลที่เลือก"), self)
        self.compare_button.setObjectName("compareSelected")
        self.compare_button.setToolTip(self.tr("เลือก 2–4 ตำบล (Ctrl+คลิก) แล้วกดปุ่มนี้"))
        self.compare_button.clicked.connect(self.compare_selected)
        self.compare_button.setVisible(ctx.can(Action.COMPARE))
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout.addLayout(buttons)

        self.status.addItem(self.tr("ทุกสถานะ"), None)
        for st in TambonStatus:
            self.status.addItem(tambon_status_title(st), st.value)
        self.zone.addItem(self.tr("ทุกเขต"), None)
        self.province.addItem(self.tr("ทุกจังหวัด"), None)

        self.search.textChanged.connect(lambda _t: self.apply_filters())  # filtered as typed
        self.search.returnPressed.connect(self.apply_filters)
        self.zone.currentIndexChanged.connect(self._zone_changed)
        self.province.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.round.round_changed.connect(lambda _c: self.reload())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)  # Enter or double-click
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_buttons()

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the rounds and the tambon rows in the background."""
        self._stale = False
        db, user = self.ctx.db, self.ctx.user
        if self.round.count() == 0:
            self.round.set_rounds(tambon_service.list_rounds(db))
        round_code = self.round.code()
        self.count.setText(self.tr("กำลังโหลด…"))

        def job(control: TaskControl) -> list[TambonRow]:
            return tambon_service.list_tambons(db, user, round_code)

        task = self.ctx.tasks.start(job, "tambons")
        task.finished.connect(lambda rows: self._loaded(round_code, rows))
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("โหลดรายชื่อตำบลไม่ได้"), exc))

    def _loaded(self, round_code: str | None, rows: list[TambonRow]) -> None:
        current = self.current_code()
        self.loaded_round = round_code
        self.model.set_rows(rows)
        self._fill_zone_choices(rows)
        self.apply_filters()
        fit_columns(self.table)
        if current:
            self.select_code(current)
        self._refresh_detail()
        self.ctx.events.data_loaded.emit(self.key)

    def _refresh_detail(self) -> None:
        """Read the shown tambon's detail again after a reload: its sheets (scored, total,
        state) changed meanwhile, e.g. 8/10 became 10/10 in the scoring view."""
        shown = self.detail.detail
        if shown is None:
            return
        try:
            self.detail.show_tambon(
                tambon_service.tambon_detail(self.ctx.db, self.ctx.user, shown.code)
            )
        except EvaluatorError:
            self.detail.show_tambon(None)

    def _fill_zone_choices(self, rows: list[TambonRow]) -> None:
        zone = self.zone.currentData()
        self.zone.blockSignals(True)
        self.zone.clear()
        self.zone.addItem(self.tr("ทุกเขต"), None)
        for z in sorted({r.zone for r in rows}):
            self.zone.addItem(self.tr("เขต %1").replace("%1", str(z)), z)
        index = self.zone.findData(zone)
        self.zone.setCurrentIndex(max(0, index))
        self.zone.blockSignals(False)
        self._fill_provinces()

    def _fill_provinces(self) -> None:
        zone = self.zone.currentData()
        chosen = self.province.currentData()
        names = {
            r.province_code: r.province
            for r in self.model.records
            if zone is None or r.zone == zone
        }
        ordered = sorted(names.items(), key=functools.cmp_to_key(_cmp_names))
        self.province.blockSignals(True)
        self.province.clear()
        self.province.addItem(self.tr("ทุกจังหวัด"), None)
        for code, name in ordered:
            self.province.addItem(name, code)
        index = self.province.findData(chosen)
        self.province.setCurrentIndex(max(0, index))
        self.province.blockSignals(False)

    # filtering -------------------------------------------------------------------------------
    def _zone_changed(self, _index: int) -> None:
        self._fill_provinces()
        self.apply_filters()

    def apply_filters(self) -> None:
        status = self.status.currentData()
        chosen, current = self.selected_codes(), self.current_code()
        self.proxy.set_filters(
            zone=self.zone.currentData(),
            province=self.province.currentData(),
            status=TambonStatus(status) if status else None,
            text=self.search.text(),
        )
        self._reselect(chosen, current)
        self._update_count()

    def _reselect(self, codes: list[str], current: str | None) -> None:
        """Keep the chosen tambons chosen when they are still shown after filtering."""
        selection = QItemSelection()
        current_index = QModelIndex()
        for code in codes:
            row = self.model.row_of(code)
            index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
            if index is not None and index.isValid():
                selection.select(index, index)
                if code == current:
                    current_index = index
        flags = QItemSelectionModel.SelectionFlag
        model = self.table.selectionModel()
        if current_index.isValid():
            model.setCurrentIndex(current_index, flags.NoUpdate)
        model.select(selection, flags.ClearAndSelect | flags.Rows)

    def _update_count(self) -> None:
        self.count.setText(
            self.tr("แสดง %1 จาก %2 ตำบล")
            .replace("%1", f"{self.proxy.rowCount():,}")
            .replace("%2", f"{self.model.rowCount():,}")
        )

    # selection -------------------------------------------------------------------------------
    def current_code(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        record = self.proxy.record(index.row())
        return str(record.code)

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.record(r).code for r in rows]

    def select_code(self, code: str) -> bool:
        source_row = self.model.row_of(code)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
        code = self.current_code()
        codes = self.selected_codes()
        if code not in codes:
            code = codes[0] if codes else None
        if code is None:
            self.detail.show_tambon(None)
            return
        if self.detail.detail is not None and self.detail.detail.code == code:
            return
        try:
            self.detail.show_tambon(tambon_service.tambon_detail(self.ctx.db, self.ctx.user, code))
        except EvaluatorError as exc:
            show_error(self, self.tr("เปิดรายละเอียดตำบลไม่ได้"), exc)

    def _update_buttons(self) -> None:
        n = len(self.selected_codes())
        self.start_button.setEnabled(n == 1)
        self.compare_button.setEnabled(2 <= n <= 4)

    # actions ---------------------------------------------------------------------------------
    def _activated(self, _index: QModelIndex) -> None:
        """Enter on a tambon: an inspector scores it; anyone else goes to its sheets (where
        Enter opens one)."""
        if not self.start_button.isHidden():
            self.start_sheet()
            return
        sheets = self.detail.sheets_view
        if sheets.model().rowCount() > 0:
            sheets.setFocus()
            sheets.selectRow(max(0, sheets.currentIndex().row()))

    def start_sheet(self) -> None:
        code = self.current_code()
        round_code = self.round.code()
        if code is None or round_code is None:
            return
        try:
            sheet_id = sheet_service.start_sheet(self.ctx.db, self.ctx.user, round_code, code)
        except EvaluatorError as exc:
            show_error(self, self.tr("เปิดแบบประเมินไม่ได้"), exc)
            return
        self.ctx.events.open_sheet.emit(sheet_id)

    def compare_selected(self) -> None:
        codes = self.selected_codes()
        if 2 <= len(codes) <= 4:
            self.ctx.events.compare.emit(codes)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


def _cmp_names(a: tuple[str, str], b: tuple[str, str]) -> int:
    return thai_collator().compare(a[1], b[1])
