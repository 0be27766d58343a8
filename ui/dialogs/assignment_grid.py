"""The assignments of one zone as a grid (issue 10 item 3): the zone's tambons down, its
inspectors across (and any inspector of another zone assigned there), a tick where the inspector
scores the tambon in the round. The headers count each inspector's tambons and each tambon's
inspectors; a conflict of interest (the inspector's home province is the tambon's) is tinted and
explained. Ticking adds an assignment and unticking removes one (after a question), each through
``services.assignments`` (admin, audited, checked like a row of an assignments file); the grid
is then read again from the database, so it never shows what was refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.services.people_lists import InspectorRow, TambonAssignments
from ui.context import AppContext
from ui.widgets import show_error

Index = QModelIndex | QPersistentModelIndex
CONFLICT = QColor("#fde2e1")
FIXED = 2  # the tambon's code and name, before one column per inspector


@dataclass(frozen=True)
class Person:
    name: str
    home_province: str | None
    zone: int | None


def zone_people(
    tambons: Sequence[TambonAssignments], inspectors: Sequence[InspectorRow], zone: int
) -> tuple[list[TambonAssignments], list[Person]]:
    """The zone's tambons, and its inspectors followed by those of other zones assigned there."""
    rows = [t for t in tambons if t.zone == zone]
    assigned = {name for t in rows for name in t.inspectors}
    people = [
        Person(i.name, i.province_code, i.zone)
        for i in inspectors
        if i.zone == zone or i.name in assigned
    ]
    people.sort(key=lambda p: (p.zone != zone, p.name))
    return rows, people


class AssignmentGridModel(QAbstractTableModel):
    """Tambons × inspectors; a checkable cell per pair. Checking asks (``toggled``), it does
    not change the model: the dialog reads the grid again once the service has answered."""

    toggled = Signal(str, str, bool)  # tambon code, inspector name, assigned wanted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TambonAssignments] = []
        self.people: list[Person] = []
        self.counts: dict[str, int] = {}

    def set_grid(self, rows: list[TambonAssignments], people: list[Person]) -> None:
        self.beginResetModel()
        self.rows, self.people = rows, people
        self.counts = {p.name: sum(p.name in t.inspectors for t in rows) for p in people}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + len(self.people)

    def _conflict(self, row: TambonAssignments, person: Person) -> bool:
        return person.home_province is not None and person.home_province == row.province_code

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column < FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.tambon_code if column == 0 else f"{row.tambon} ({row.province})"
            return None
        person = self.people[column - FIXED]
        if role == Qt.ItemDataRole.CheckStateRole:
            assigned = person.name in row.inspectors
            return Qt.CheckState.Checked if assigned else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and self._conflict(row, person):
            return CONFLICT
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.tr("%1 — ตำบล%2").replace("%1", person.name).replace("%2", row.tambon)
            if self._conflict(row, person):
                text += "\n" + self.tr("ผลประโยชน์ทับซ้อน: ภูมิลำเนาของผู้ประเมินอยู่ในจังหวัดเดียวกับตำบล")
            return text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.column() < FIXED:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() < FIXED:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        row, person = self.rows[index.row()], self.people[index.column() - FIXED]
        self.toggled.emit(row.tambon_code, person.name, wanted)
        return False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(len(self.rows[section].inspectors)) if section < len(self.rows) else None
        if section == 0:
            return self.tr("รหัส")
        if section == 1:
            return self.tr("ตำบล (จังหวัด)")
        person = self.people[section - FIXED]
        return (
            self.tr("%1\n%2 ตำบล")
            .replace("%1", person.name)
            .replace("%2", str(self.counts.get(person.name, 0)))
        )


class AssignmentGridDialog(QDialog):
    """One zone's assignments in the round shown, as a grid to tick (admin)."""

    def __init__(
        self,
        ctx: AppContext,
        round_code: str,
        zone: int,
        load: Callable[[], tuple[list[TambonAssignments], list[InspectorRow]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignmentGrid")
        self.ctx, self.round_code, self.load = ctx, round_code, load
        self.setWindowTitle(self.tr("ตารางการมอบหมายรายเขต — รอบ %1").replace("%1", round_code))
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("เขตตรวจราชการ")))
        self.zone = QComboBox()
        self.zone.setObjectName("gridZone")
        for number in range(1, 19):
            self.zone.addItem(str(number), number)
        self.zone.setCurrentIndex(max(0, min(17, zone - 1)))
        bar.addWidget(self.zone)
        legend = QLabel(
            self.tr(
                "ติ๊กเพื่อมอบหมาย เอาติ๊กออกเพื่อถอน (ถามก่อน) ตัวเลขหน้าแถวคือจำนวนผู้ประเมินของตำบล"
                " ช่องสีชมพู: ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล"
            )
        )
        legend.setWordWrap(True)
        bar.addWidget(legend, 1)
        layout.addLayout(bar)
        self.model = AssignmentGridModel(self)
        self.model.toggled.connect(self.change)
        self.table = QTableView()
        self.table.setObjectName("gridTable")
        self.table.setModel(self.model)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.zone.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        tambons, inspectors = self.load()
        self.model.set_grid(*zone_people(tambons, inspectors, int(self.zone.currentData())))
        self.table.resizeColumnsToContents()  # whole names in the headers
        self.table.resizeRowsToContents()

    def confirm_removal(self, tambon: str, name: str) -> bool:
        """Asked before an assignment is taken off (tests answer it)."""
        answer = QMessageBox.question(
            self,
            self.tr("ถอนการมอบหมาย"),
            self.tr("ถอน %1 ออกจากตำบล%2 ในรอบนี้หรือไม่?").replace("%1", name).replace("%2", tambon),
        )
        return answer == QMessageBox.StandardButton.Yes

    def change(self, code: str, name: str, wanted: bool) -> None:
        from evaluator.services.assignments import add_assignment, remove_assignment

        db, user = self.ctx.db, self.ctx.user
        tambon = next((t.tambon for t in self.model.rows if t.tambon_code == code), code)
        try:
            if wanted:
                result = add_assignment(db, user, self.round_code, name, code)
                if result.warnings:
                    QMessageBox.information(
                        self, self.tr("มอบหมายแล้ว — ข้อควรระวัง"), "\n".join(result.warnings)
                    )
            elif self.confirm_removal(tambon, name):
                remove_assignment(db, user, self.round_code, name, code)
            else:
                return
        except Exception as exc:  # the service's refusal, shown; the grid is read again
            show_error(self, self.tr("เปลี่ยนการมอบหมายไม่ได้"), exc)
        self.refresh()
        self.ctx.events.data_changed.emit()
