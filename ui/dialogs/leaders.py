"""Editing the change leaders of one tambon by hand: a table of rows to type into, rows added,
removed and moved, saved in one go (checked like a file: every problem named by row and field,
nothing changed on a refusal, the change audited)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError, InputError
from evaluator.services.leaders import LEADER_FIELDS, edit_leaders
from ui.context import AppContext
from ui.geometry import fit_to_screen
from ui.tasks import TaskControl
from ui.widgets import fit_columns, setup_table

AnyIndex = QModelIndex | QPersistentModelIndex


class LeaderEditModel(QAbstractTableModel):
    """Rows of leader fields (strings), editable in place."""

    def __init__(self, rows: Sequence[dict[str, str]], titles: Sequence[str], parent: Any) -> None:
        super().__init__(parent)
        self.rows = [dict(r) for r in rows]
        self.titles = list(titles)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LEADER_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.titles[section] if 0 <= section < len(self.titles) else None
        return section + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return None
        return self.rows[index.row()].get(LEADER_FIELDS[index.column()], "")

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][LEADER_FIELDS[index.column()]] = str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def add_row(self) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append({})
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def move_row(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self.rows) and 0 <= target < len(self.rows)):
            return row
        self.beginResetModel()
        self.rows[row], self.rows[target] = self.rows[target], self.rows[row]
        self.endResetModel()
        return target


class LeadersDialog(QDialog):
    """The leaders of one tambon, editable; Save replaces them (admin)."""

    def __init__(
        self,
        ctx: AppContext,
        tambon_code: str,
        tambon: str,
        leaders: Sequence[dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tambon_code = tambon_code
        self.setObjectName("leadersDialog")
        self.setWindowTitle(
            self.tr("ผู้นำการเปลี่ยนแปลง ตำบล%1 (%2)").replace("%1", tambon).replace("%2", tambon_code)
        )
        fit_to_screen(self, QSize(900, 560))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "แก้ไขในตาราง เพิ่มหรือลบแถว ลำดับแถวคือลำดับเลขที่เกียรติบัตร "
                "กดบันทึกเพื่อแทนที่รายชื่อเดิมทั้งหมด (แถวว่างจะถูกข้าม)"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        titles = [
            self.tr("คำนำหน้า"),
            self.tr("ชื่อ"),
            self.tr("นามสกุล"),
            self.tr("ตำแหน่ง/บทบาท"),
            self.tr("หมู่บ้าน"),
            self.tr("โทรศัพท์"),
        ]
        self.model = LeaderEditModel(leaders, titles, self)
        self.table = QTableView()
        self.table.setObjectName("leaderRows")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        # every column as wide as its longest entry or title (a position is the longest), so
        # none is cut while empty ones take the room
        fit_columns(self.table)
        layout.addWidget(self.table, 1)
        row_buttons = QHBoxLayout()
        for name, text, slot in (
            ("addRow", self.tr("เพิ่มแถว"), self.add_row),
            ("removeRow", self.tr("ลบแถว"), self.remove_row),
            ("moveUp", self.tr("เลื่อนขึ้น"), lambda: self.move_row(-1)),
            ("moveDown", self.tr("เลื่อนลง"), lambda: self.move_row(1)),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        layout.addLayout(row_buttons)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("บันทึก"))
        self.save_button.setObjectName("save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.running = False

    def add_row(self) -> None:
        row = self.model.add_row()
        self.table.setCurrentIndex(self.model.index(row, 1))

    def remove_row(self) -> None:
        self.model.remove_row(self.table.currentIndex().row())

    def move_row(self, delta: int) -> None:
        current = self.table.currentIndex()
        row = self.model.move_row(current.row(), delta)
        self.table.setCurrentIndex(self.model.index(row, max(0, current.column())))

    def save(self) -> None:
        """Replace the tambon's leaders with the rows (in the background)."""
        if self.running:
            return
        self.table.setCurrentIndex(QModelIndex())  # commit an open editor
        db, user, code, rows = self.ctx.db, self.ctx.user, self.tambon_code, list(self.model.rows)
        self.running = True
        self.save_button.setEnabled(False)

        def job(control: TaskControl) -> object:
            return edit_leaders(db, user, code, rows)

        task = self.ctx.tasks.start(job, "edit leaders")
        task.finished.connect(self._saved)
        task.failed.connect(self._failed)

    def _saved(self, _result: object) -> None:
        self.running = False
        self.ctx.events.data_changed.emit()
        self.accept()

    def _failed(self, exc: BaseException, _trace: str) -> None:
        self.running = False
        self.save_button.setEnabled(True)
        if isinstance(exc, InputError):
            text = "\n".join(
                f"{self.tr('แถว')} {p.row}: {p.field or ''} — {p.message}" for p in exc.problems
            )
        elif isinstance(exc, EvaluatorError):
            text = str(exc)
        else:
            text = f"{type(exc).__name__}: {exc}"
        self.problems.setPlainText(self.tr("ไม่ได้บันทึก ไม่มีการเปลี่ยนแปลงใด ๆ") + "\n" + text)
        self.problems.show()
