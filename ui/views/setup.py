"""The set-up view (admin): the contest's people from the department's files.

Four tabs, each a list on its own model with a proxy that filters by zone and province and by
text as the user types: inspectors (zone, home province, contact, key, assignments), the
assignments of a round per tambon (counts, conflicts of interest and inspectors from another
zone flagged; one assignment removed by hand), all change leaders (15,000 in a full contest),
and the accounts (:mod:`ui.views.setup_accounts`). Each tab imports its file through the import
dialog (row-by-row problems, nothing changed on a refusal) and writes the blank template.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from evaluator.services import people_lists
from evaluator.services import tambons as tambon_service
from ui.context import AppContext
from ui.flow_layout import FlowLayout
from ui.geometry import fit_to_screen
from ui.icons import icon
from ui.models.people import PeopleFilter
from ui.models.records import CENTER, Column, RecordTableModel
from ui.tasks import TaskControl
from ui.views.base import View
from ui.views.setup_accounts import AccountsTab
from ui.widgets import RoundCombo, fit_columns, setup_table, show_error

WARN = QColor("#b00020")


class SetupTab(QWidget):
    """One list of the set-up view: filters, the table, a count, import and template buttons."""

    def __init__(
        self,
        view: SetupView,
        name: str,
        kind: str,
        columns: list[Column],
        search: Callable[[Any], Sequence[str]],
        placeholder: str,
    ) -> None:
        super().__init__()
        self.view = view
        self.kind = kind
        self.setObjectName(f"{name}Tab")
        layout = QVBoxLayout(self)
        self.bar = QHBoxLayout()
        self.zone = QComboBox()
        self.zone.setObjectName(f"{name}Zone")
        self.province = QComboBox()
        self.province.setObjectName(f"{name}Province")
        self.province.setMinimumContentsLength(12)
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(placeholder)
        self.count = QLabel("")
        self.count.setObjectName(f"{name}Count")
        for caption, widget in ((self.tr("เขต"), self.zone), (self.tr("จังหวัด"), self.province)):
            label = QLabel(caption)
            label.setBuddy(widget)
            self.bar.addWidget(label)
            self.bar.addWidget(widget)
        self.bar.addWidget(self.search, 1)
        self.bar.addWidget(self.count)
        layout.addLayout(self.bar)
        self.model = RecordTableModel(columns, self)
        self.proxy = PeopleFilter(search, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.proxy)
        setup_table(self.table, view.ctx.settings, f"setup_{name}")
        layout.addWidget(self.table, 1)
        buttons = self.buttons = FlowLayout()  # wraps: long English texts, 125 %, 150 %
        self.import_button = QPushButton(icon("import"), self.tr("นำเข้าจากไฟล์…"))
        self.import_button.setObjectName(f"{name}Import")
        self.import_button.clicked.connect(self.open_import)
        self.template_button = QPushButton(icon("export"), self.tr("ดาวน์โหลดแบบฟอร์ม…"))
        self.template_button.setObjectName(f"{name}Template")
        self.template_button.clicked.connect(self.save_template)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.template_button)
        layout.addLayout(buttons)
        self.zone.addItem(self.tr("ทุกเขต"), None)
        self.province.addItem(self.tr("ทุกจังหวัด"), None)
        self.search.textChanged.connect(lambda _t: self.apply_filters())  # filtered as typed
        self.zone.currentIndexChanged.connect(self._zone_changed)
        self.province.currentIndexChanged.connect(lambda _i: self.apply_filters())

    def set_records(self, records: Sequence[Any]) -> None:
        self.model.set_records(records)  # the proxy rebuilds its keys on the model's reset
        self._fill_choices()
        self.apply_filters()
        fit_columns(self.table)

    def _fill_choices(self) -> None:
        zone = self.zone.currentData()
        self.zone.blockSignals(True)
        self.zone.clear()
        self.zone.addItem(self.tr("ทุกเขต"), None)
        zones = {getattr(r, "zone", None) for r in self.model.records}
        for z in sorted(z for z in zones if z is not None):
            self.zone.addItem(self.tr("เขต %1").replace("%1", str(z)), z)
        self.zone.setCurrentIndex(max(0, self.zone.findData(zone)))
        self.zone.blockSignals(False)
        self._fill_provinces()

    def _fill_provinces(self) -> None:
        zone, chosen = self.zone.currentData(), self.province.currentData()
        names = {
            r.province_code: r.province
            for r in self.model.records
            if getattr(r, "province_code", None) and (zone is None or r.zone == zone)
        }
        self.province.blockSignals(True)
        self.province.clear()
        self.province.addItem(self.tr("ทุกจังหวัด"), None)
        for code, name in sorted(names.items(), key=lambda item: item[1]):
            self.province.addItem(name, code)
        self.province.setCurrentIndex(max(0, self.province.findData(chosen)))
        self.province.blockSignals(False)

    def _zone_changed(self, _index: int) -> None:
        self._fill_provinces()
        self.apply_filters()

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            self.zone.currentData(), self.province.currentData(), self.search.text()
        )
        self.count.setText(
            self.tr("%1 จาก %2 รายการ")
            .replace("%1", f"{self.proxy.rowCount():,}")
            .replace("%2", f"{self.model.rowCount():,}")
        )

    def open_import(self) -> None:
        from ui.dialogs.transfer import ImportDialog

        ImportDialog(self.view.ctx, self.kind, self).exec()  # data_changed reloads the view

    def save_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("บันทึกแบบฟอร์ม"), f"{self.kind}.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.view.write_template(self.kind, Path(name))


def _joined(names: Sequence[str]) -> str:
    return ", ".join(names)


class SetupView(View):
    """Inspectors, assignments and change leaders: lists, imports and templates."""

    key = "setup"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("setupView")
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("setupTabs")
        layout.addWidget(self.tabs)
        self.inspectors = SetupTab(
            self,
            "inspectors",
            "inspectors",
            [
                Column(self.tr("ชื่อ-สกุล"), lambda r: r.name),
                Column(self.tr("ตำแหน่ง"), lambda r: r.position),
                Column(
                    self.tr("เขต"),
                    lambda r: "" if r.zone is None else str(r.zone),
                    lambda r: r.zone,
                    CENTER,
                ),
                Column(
                    self.tr("ภูมิลำเนา"),
                    lambda r: r.province or "–",
                    foreground=lambda r: None if r.province else WARN,
                    tooltip=lambda r: (
                        "" if r.province else self.tr("ไม่มีจังหวัดภูมิลำเนา ตรวจผลประโยชน์ทับซ้อนไม่ได้")
                    ),
                ),
                Column(self.tr("โทรศัพท์"), lambda r: r.phone),
                Column(self.tr("อีเมล"), lambda r: r.email),
                Column(
                    self.tr("กุญแจ"),
                    lambda r: self.tr("มี") if r.has_key else self.tr("ยังไม่มี"),
                    lambda r: r.has_key,
                    CENTER,
                ),
                Column(
                    self.tr("ตำบลที่มอบหมาย"),
                    lambda r: str(r.assignments),
                    lambda r: r.assignments,
                    CENTER,
                ),
                Column(self.tr("บัญชีผู้ใช้"), lambda r: r.logins),
            ],
            lambda r: (r.name, r.position, r.province, r.phone, r.email, r.logins),
            self.tr("ค้นหาชื่อ ตำแหน่ง จังหวัด โทรศัพท์ อีเมล"),
        )
        self.assignments = SetupTab(
            self,
            "assignments",
            "assignments",
            [
                Column(self.tr("รหัส"), lambda r: r.tambon_code),
                Column(self.tr("ตำบล"), lambda r: r.tambon),
                Column(self.tr("อำเภอ"), lambda r: r.district),
                Column(self.tr("จังหวัด"), lambda r: r.province),
                Column(self.tr("เขต"), lambda r: str(r.zone), lambda r: r.zone, CENTER),
                Column(
                    self.tr("ผู้ประเมิน"),
                    lambda r: str(len(r.inspectors)),
                    lambda r: len(r.inspectors),
                    CENTER,
                    foreground=lambda r: WARN if not r.inspectors else None,
                ),
                Column(
                    self.tr("ผลประโยชน์ทับซ้อน"),
                    lambda r: _joined(r.conflicts),
                    lambda r: len(r.conflicts),
                    foreground=lambda r: WARN if r.conflicts else None,
                    tooltip=lambda r: (
                        self.tr("ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล") if r.conflicts else ""
                    ),
                ),
                Column(
                    self.tr("ต่างเขต"),
                    lambda r: _joined(r.outside_zone),
                    lambda r: len(r.outside_zone),
                    foreground=lambda r: WARN if r.outside_zone else None,
                ),
                Column(self.tr("รายชื่อผู้ประเมิน"), lambda r: _joined(r.inspectors)),
            ],
            lambda r: (r.tambon_code, r.tambon, r.district, r.province, *r.inspectors),
            self.tr("ค้นหาตำบล อำเภอ จังหวัด รหัส หรือชื่อผู้ประเมิน"),
        )
        self.round = RoundCombo(ctx.settings)
        self.round.setObjectName("assignmentsRound")
        self.round.round_changed.connect(lambda _c: self.reload())
        self.assignments.bar.insertWidget(0, QLabel(self.tr("รอบ")))
        self.assignments.bar.insertWidget(1, self.round)
        self.leaders = SetupTab(
            self,
            "leaders",
            "leaders",
            [
                Column(
                    self.tr("ชื่อ-นามสกุล"),
                    lambda r: r.full_name,
                    lambda r: f"{r.first_name} {r.last_name}",
                ),
                Column(self.tr("ตำแหน่ง/บทบาท"), lambda r: r.position),
                Column(self.tr("หมู่บ้าน"), lambda r: r.village),
                Column(self.tr("โทรศัพท์"), lambda r: r.phone),
                Column(self.tr("ตำบล"), lambda r: r.tambon),
                Column(self.tr("รหัสตำบล"), lambda r: r.tambon_code),
                Column(self.tr("อำเภอ"), lambda r: r.district),
                Column(self.tr("จังหวัด"), lambda r: r.province),
                Column(self.tr("เขต"), lambda r: str(r.zone), lambda r: r.zone, CENTER),
            ],
            lambda r: (
                r.full_name,
                r.position,
                r.village,
                r.tambon,
                r.tambon_code,
                r.district,
                r.province,
            ),
            self.tr("พิมพ์เพื่อค้นหาผู้นำ: ชื่อ ตำแหน่ง หมู่บ้าน ตำบล อำเภอ จังหวัด"),
        )
        self.edit_leaders_button = QPushButton(icon("scoring"), self.tr("แก้ไขผู้นำของตำบลนี้…"))
        self.edit_leaders_button.setObjectName("leadersEdit")
        self.edit_leaders_button.setToolTip(self.tr("เลือกผู้นำคนใดก็ได้ของตำบลในตาราง แล้วกดปุ่มนี้"))
        self.edit_leaders_button.clicked.connect(self.edit_leaders)
        self.leaders.buttons.insertWidget(0, self.edit_leaders_button)
        self.leader_certificates_button = QPushButton(
            icon("export"), self.tr("พิมพ์เกียรติบัตรผู้นำที่เลือก…")
        )
        self.leader_certificates_button.setObjectName("leadersCertificates")
        self.leader_certificates_button.setToolTip(
            self.tr("เลือกแถว (Ctrl/Shift เพื่อเลือกหลายแถว) หรือกรองรายการ แล้วกดปุ่มนี้")
        )
        self.leader_certificates_button.clicked.connect(self.print_leader_certificates)
        self.leaders.buttons.insertWidget(1, self.leader_certificates_button)
        self.remove_assignment_button = QPushButton(
            icon("scoring"), self.tr("ถอนผู้ประเมินออกจากตำบลนี้…")
        )
        self.remove_assignment_button.setObjectName("assignmentsRemove")
        self.remove_assignment_button.setToolTip(
            self.tr("เลือกตำบลในตาราง แล้วเลือกผู้ประเมินที่จะถอนออกในรอบนี้")
        )
        self.remove_assignment_button.clicked.connect(self.remove_assignment)
        self.add_assignment_button = QPushButton(icon("user"), self.tr("เพิ่มผู้ประเมินให้ตำบลนี้…"))
        self.add_assignment_button.setObjectName("assignmentsAdd")
        self.add_assignment_button.clicked.connect(self.add_assignment)
        self.assignments.buttons.insertWidget(0, self.add_assignment_button)
        self.assignments.buttons.insertWidget(1, self.remove_assignment_button)
        self.grid_button = QPushButton(icon("tambons"), self.tr("ตารางรายเขต…"))
        self.grid_button.setObjectName("assignmentsGrid")
        self.grid_button.setToolTip(self.tr("ตำบล × ผู้ประเมินของเขต ติ๊กเพื่อมอบหมายหรือถอน"))
        self.grid_button.clicked.connect(self.open_grid)
        self.assignments.buttons.insertWidget(2, self.grid_button)
        self.accounts = AccountsTab(self)
        self.tabs.addTab(self.inspectors, icon("user"), self.tr("ผู้ประเมิน"))
        self.tabs.addTab(self.assignments, icon("tambons"), self.tr("การมอบหมาย"))
        self.tabs.addTab(self.leaders, icon("tambons"), self.tr("ผู้นำการเปลี่ยนแปลง"))
        self.tabs.addTab(self.accounts, icon("user"), self.tr("บัญชีผู้ใช้"))

    def reload(self) -> None:
        """Load the three lists in the background."""
        self._stale = False
        db, user = self.ctx.db, self.ctx.user
        if self.round.count() == 0:
            self.round.set_rounds(tambon_service.list_rounds(db))
        round_code = self.round.code()

        def job(control: TaskControl) -> tuple[list[Any], list[Any], list[Any]]:
            return (
                people_lists.list_inspectors(db, user),
                people_lists.list_assignments(db, user, round_code),
                people_lists.list_leaders(db, user),
            )

        for tab in (self.inspectors, self.assignments, self.leaders):
            tab.count.setText(self.tr("กำลังโหลด…"))
        self.accounts.reload()
        task = self.ctx.tasks.start(job, "setup")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("โหลดข้อมูลไม่ได้"), exc))

    def _loaded(self, lists: tuple[list[Any], list[Any], list[Any]]) -> None:
        inspectors, assignments, leaders = lists
        self.inspectors.set_records(inspectors)
        self.assignments.set_records(assignments)
        self.leaders.set_records(leaders)
        self.ctx.events.data_loaded.emit(self.key)

    def edit_leaders(self) -> None:
        """Open the editor of the leaders of the current row's tambon."""
        from ui.dialogs.leaders import LeadersDialog

        index = self.leaders.table.currentIndex()
        if not index.isValid():
            self.leaders.count.setText(self.tr("เลือกผู้นำของตำบลที่จะแก้ไขก่อน"))
            return
        current = self.leaders.proxy.record(index.row())
        rows = [
            {
                "title": r.title,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "position": r.position,
                "village": r.village,
                "phone": r.phone,
            }
            for r in self.leaders.model.records
            if r.tambon_code == current.tambon_code
        ]
        dialog = LeadersDialog(self.ctx, current.tambon_code, current.tambon, rows, self)
        dialog.exec()  # a saved change emits data_changed: the lists reload

    def chosen_leaders(self) -> list[int]:
        """The ids of the leaders selected in the list, or of every leader the filters show
        when none is selected."""
        tab = self.leaders
        selection = tab.table.selectionModel()
        rows = sorted({i.row() for i in selection.selectedRows()}) if selection else []
        if not rows:
            rows = list(range(tab.proxy.rowCount()))
        return [tab.proxy.record(r).id for r in rows]

    def print_leader_certificates(self) -> None:
        """Open the certificates dialog for the chosen leaders (not modal)."""
        from ui.dialogs.leader_certificates import LeaderCertificatesDialog

        ids = self.chosen_leaders()
        if not ids:
            self.leaders.count.setText(self.tr("ไม่มีผู้นำในรายการ"))
            return
        self.certificates_dialog = LeaderCertificatesDialog(self.ctx, ids, self)
        self.certificates_dialog.open()

    def add_assignment(self) -> None:
        """Give the current row's tambon one more inspector in the round shown (admin), checked
        like a row of an assignments file; warnings (another zone, the tambon's province) are
        shown, the assignment kept."""
        from evaluator.services.assignments import AddedAssignment, add_assignment

        tab = self.assignments
        index = tab.table.currentIndex()
        round_code = self.round.code()
        if not index.isValid() or round_code is None:
            tab.count.setText(self.tr("เลือกตำบลที่จะเพิ่มผู้ประเมินก่อน"))
            return
        row = tab.proxy.record(index.row())
        people = [r for r in self.inspectors.model.records if r.name not in row.inspectors]
        people.sort(key=lambda r: (r.zone != row.zone, r.name))  # the tambon's zone first
        name = self.choose_inspector(row.tambon, [r.name for r in people], adding=True)
        if name is None:
            return
        db, user, code = self.ctx.db, self.ctx.user, row.tambon_code

        def added(result: AddedAssignment) -> None:
            if result.warnings:
                QMessageBox.information(
                    self, self.tr("เพิ่มการมอบหมายแล้ว — ข้อควรระวัง"), "\n".join(result.warnings)
                )
            self.ctx.events.data_changed.emit()

        task = self.ctx.tasks.start(
            lambda control: add_assignment(db, user, round_code, name, code), "assignment"
        )
        task.finished.connect(added)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("เพิ่มการมอบหมายไม่ได้"), exc))

    def choose_inspector(
        self, tambon: str, names: Sequence[str], *, adding: bool = False
    ) -> str | None:
        """Which inspector to give the tambon (``adding``) or to take off it (tests answer the
        question)."""
        question = (
            self.tr("มอบหมายตำบล%1 ให้ผู้ประเมินคนใดในรอบนี้?")
            if adding
            else self.tr("ถอนผู้ประเมินคนใดออกจากตำบล%1 ในรอบนี้?")
        )
        name, ok = QInputDialog.getItem(
            self,
            self.tr("เพิ่มการมอบหมาย") if adding else self.tr("ถอนการมอบหมาย"),
            question.replace("%1", tambon),
            list(names),
            0,
            False,
        )
        return name if ok and name else None

    def remove_assignment(self) -> None:
        """Take one inspector off the current row's tambon in the round shown (admin; refused
        while the inspector has a sheet there), through services.assignments."""
        from evaluator.services.assignments import remove_assignment

        tab = self.assignments
        index = tab.table.currentIndex()
        round_code = self.round.code()
        if not index.isValid() or round_code is None:
            tab.count.setText(self.tr("เลือกตำบลที่จะถอนการมอบหมายก่อน"))
            return
        row = tab.proxy.record(index.row())
        if not row.inspectors:
            tab.count.setText(self.tr("ตำบลนี้ยังไม่มีผู้ประเมินในรอบนี้"))
            return
        name = self.choose_inspector(row.tambon, row.inspectors)
        if name is None:
            return
        db, user, code = self.ctx.db, self.ctx.user, row.tambon_code
        task = self.ctx.tasks.start(
            lambda control: remove_assignment(db, user, round_code, name, code), "assignment"
        )
        task.finished.connect(lambda _r: self.ctx.events.data_changed.emit())
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("ถอนการมอบหมายไม่ได้"), exc))

    def open_grid(self) -> None:
        """The zone grid of the round shown (the zone filtered, else the current row's, else 1)."""
        from ui.dialogs.assignment_grid import AssignmentGridDialog

        round_code = self.round.code()
        if round_code is None:
            return
        tab = self.assignments
        index = tab.table.currentIndex()
        zone = tab.zone.currentData() or (
            tab.proxy.record(index.row()).zone if index.isValid() else 1
        )
        db, user = self.ctx.db, self.ctx.user

        def load() -> tuple[list[Any], list[Any]]:
            return (
                people_lists.list_assignments(db, user, round_code),
                people_lists.list_inspectors(db, user),
            )

        self.grid_dialog = AssignmentGridDialog(self.ctx, round_code, int(zone), load, self)
        fit_to_screen(self.grid_dialog, QSize(1200, 640))
        self.grid_dialog.open()

    def _template_written(self, path: Path) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            text = self.tr("บันทึกแบบฟอร์มแล้ว: %1").replace("%1", str(path))
            window.statusBar().showMessage(text, 8000)

    def write_template(self, kind: str, path: Path) -> None:
        from evaluator.services.people import write_template

        db = self.ctx.db
        task = self.ctx.tasks.start(lambda control: write_template(db, kind, path), "template")
        task.finished.connect(self._template_written)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("บันทึกแบบฟอร์มไม่ได้"), exc))
