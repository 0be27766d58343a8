"""Who is using the program: pick a user (inspector, committee member, admin), or create the
first admin of an empty database."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError
from evaluator.permissions import UserInfo
from evaluator.services import users
from ui.geometry import fit_to_screen
from ui.labels import role_title
from ui.models.records import Column, RecordTableModel, SortProxy
from ui.settings import UiSettings


class IdentityDialog(QDialog):
    """A list of the database's users to choose from, with a search box."""

    def __init__(
        self,
        people: list[UserInfo],
        preselect: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ท่านคือใคร"))
        self.setObjectName("identity")
        fit_to_screen(self, QSize(560, 520))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("เลือกชื่อของท่าน ระบบจะแสดงและอนุญาตเฉพาะงานที่บทบาทของท่านทำได้"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("พิมพ์ชื่อเพื่อค้นหา"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = RecordTableModel(
            [
                Column(self.tr("ชื่อ"), lambda u: u.name),
                Column(self.tr("บทบาท"), lambda u: role_title(u.role), lambda u: u.role.value),
                Column(self.tr("ผู้ประเมิน"), lambda u: u.inspector_name or ""),
            ],
            self,
        )
        self.model.set_records(people)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setObjectName("users")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.doubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("เข้าใช้งาน"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._enter)
        row = next((i for i, u in enumerate(people) if u.id == preselect), 0)
        if people:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        elif self.proxy.rowCount():
            self.table.selectRow(max(0, self.table.currentIndex().row()))

    def _enter(self) -> None:
        if self.selected() is not None:
            self.accept()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        index: QModelIndex = rows[0] if rows else self.table.currentIndex()
        if not index.isValid():
            return None
        record = self.proxy.record(index.row())
        assert isinstance(record, UserInfo)
        return record


class FirstAdminDialog(QDialog):
    """An empty database has no users: the first one is its admin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("สร้างผู้ดูแลระบบคนแรก"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("ฐานข้อมูลนี้ยังไม่มีผู้ใช้ ผู้ใช้คนแรกจะเป็นผู้ดูแลระบบ ซึ่งเพิ่มผู้ประเมินและคณะกรรมการได้ภายหลัง")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        form.addRow(self.tr("ชื่อ-นามสกุล"), self.name)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("สร้างและเข้าใช้งาน"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def choose_user(
    db: Database,
    settings: UiSettings,
    preselect_name: str | None = None,
    parent: QWidget | None = None,
) -> UserInfo | None:
    """Ask who is using the program (remembering the last choice per database)."""
    people = users.list_users(db)
    if preselect_name:
        match = [u for u in people if u.name == preselect_name]
        if match:
            settings.set_last_user(db.url, match[0].id)
            return match[0]
    if not people:
        first = FirstAdminDialog(parent)
        while first.exec() == QDialog.DialogCode.Accepted:
            try:
                user = users.create_user(db, None, first.name.text(), m.Role.ADMIN)
            except EvaluatorError as exc:
                QMessageBox.warning(first, first.windowTitle(), str(exc))
                continue
            settings.set_last_user(db.url, user.id)
            return user
        return None
    dialog = IdentityDialog(people, settings.last_user(db.url), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selected()
    if chosen is not None:
        settings.set_last_user(db.url, chosen.id)
    return chosen
