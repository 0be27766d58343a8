"""Who is using the program: pick a user (inspector, committee member, admin), then give their
password; or create the first admin of an empty database.

Signing in goes through :func:`evaluator.services.users.authenticate` (Argon2id, failures counted
and audited, lock-out after repeated failures); this dialog adds a short, growing pause after
each failure. A one-time password set by an admin must be changed at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, QTimer
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
from evaluator.errors import AuthError, EvaluatorError
from evaluator.permissions import UserInfo
from evaluator.services import users
from ui.geometry import fit_to_screen
from ui.labels import role_title
from ui.models.keyed import SortProxy
from ui.models.records import Column, RecordTableModel
from ui.settings import UiSettings


class _AnyColumn(SortProxy):
    """The people whose name, role or inspector holds the typed text, in any case (as Qt's
    fixed-string filter over every column did), filtered in C++ on each row's texts."""

    def search_text(self, row: int) -> str:
        model = self.source()
        cells = (str(model.cell(row, c) or "") for c in range(model.columnCount()))
        return "\x1f".join(cells).lower()  # a separator no one types: a match in one column


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
        self.proxy = _AnyColumn(self)
        self.proxy.setSourceModel(self.model)
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
        self.proxy.set_filter([text.strip().lower()])  # in any column, in any case
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


class PasswordDialog(QDialog):
    """The password of the chosen user; a wrong one is said in the dialog, which then waits a
    moment longer after each failure before it takes another try."""

    def __init__(self, db: Database, person: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.person = person
        self.user: UserInfo | None = None
        self.failures = 0
        self.setWindowTitle(self.tr("ใส่รหัสผ่าน"))
        self.setObjectName("password")
        layout = QVBoxLayout(self)
        who = QLabel(
            self.tr("รหัสผ่านของ %1 (ชื่อเข้าใช้ %2)")
            .replace("%1", person.name)
            .replace("%2", person.login)
        )
        who.setWordWrap(True)
        layout.addWidget(who)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        if users.is_demo_database(db):
            hint = QLabel(self.tr("ฐานข้อมูลตัวอย่าง: ทุกบัญชีใช้รหัสผ่าน demo (ผู้ดูแลระบบคือ admin)"))
            hint.setObjectName("demo_hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("เข้าใช้งาน"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ย้อนกลับ"))
        self.buttons.accepted.connect(self.try_password)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def try_password(self) -> None:
        """Sign in with what was typed; accept on success, else say why and pause."""
        if not self.password.isEnabled():
            return
        try:
            self.user = users.authenticate(self.db, self.person.login, self.password.text())
        except AuthError as exc:
            self.failures += 1
            self.message.setText(str(exc))
            self.password.clear()
            self._pause(min(2 ** (self.failures - 1), 30))
            return
        self.accept()

    def _pause(self, seconds: int) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.password.setEnabled(False)
        ok.setEnabled(False)

        def resume() -> None:
            self.password.setEnabled(True)
            ok.setEnabled(True)
            self.password.setFocus()

        # the dialog as the timer's context: a dialog closed and deleted during the pause takes
        # its pending resume with it, instead of the timer reaching deleted widgets
        QTimer.singleShot(seconds * 1000, self, resume)


class NewPasswordDialog(QDialog):
    """A new password, typed twice (after a one-time password, or to change one's own)."""

    def __init__(self, db: Database, user: UserInfo, old: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.user, self.old = db, user, old
        self.setWindowTitle(self.tr("ตั้งรหัสผ่านใหม่"))
        self.setObjectName("new_password")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("รหัสผ่านนี้ใช้ได้ครั้งเดียว ตั้งรหัสผ่านใหม่ของท่าน (อย่างน้อย 8 ตัวอักษร)"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("รหัสผ่านใหม่"), self.first)
        form.addRow(self.tr("พิมพ์อีกครั้ง"), self.again)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("บันทึก"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        if self.first.text() != self.again.text():
            self.message.setText(self.tr("รหัสผ่านสองช่องไม่ตรงกัน"))
            return
        try:
            users.change_own_password(self.db, self.user.login, self.old, self.first.text())
        except EvaluatorError as exc:
            self.message.setText(str(exc))
            return
        self.accept()


class FirstAdminDialog(QDialog):
    """An empty database has no users: the first one is its admin, with a password."""

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
        self.login = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("ชื่อ-นามสกุล"), self.name)
        form.addRow(self.tr("ชื่อเข้าใช้"), self.login)
        form.addRow(self.tr("รหัสผ่าน (อย่างน้อย 8 ตัวอักษร)"), self.password)
        form.addRow(self.tr("พิมพ์รหัสผ่านอีกครั้ง"), self.again)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("สร้างและเข้าใช้งาน"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("ยกเลิก"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def sign_in(db: Database, person: UserInfo, parent: QWidget | None = None) -> UserInfo | None:
    """The password of ``person``, then (after a one-time password) a new one; None when the
    user goes back."""
    dialog = PasswordDialog(db, person, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    if users.password_change_due(db, dialog.user.id):
        change = NewPasswordDialog(db, dialog.user, dialog.password.text(), parent)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
    return dialog.user


def _first_admin(db: Database, settings: UiSettings, parent: QWidget | None) -> UserInfo | None:
    first = FirstAdminDialog(parent)
    while first.exec() == QDialog.DialogCode.Accepted:
        try:
            if first.password.text() != first.again.text():
                raise EvaluatorError(
                    QCoreApplication.translate("FirstAdminDialog", "รหัสผ่านสองช่องไม่ตรงกัน")
                )
            user = users.create_user(
                db,
                None,
                first.name.text(),
                m.Role.ADMIN,
                login=first.login.text(),
                password=first.password.text(),
            )
        except EvaluatorError as exc:
            QMessageBox.warning(first, first.windowTitle(), str(exc))
            continue
        settings.set_last_user(db.url, user.id)
        return user
    return None


def choose_user(
    db: Database,
    settings: UiSettings,
    preselect_name: str | None = None,
    parent: QWidget | None = None,
) -> UserInfo | None:
    """Ask who is using the program (remembering the last choice per database), then their
    password. ``preselect_name`` (``--user``): that login or name, straight to the password."""
    people = users.list_users(db)
    if not people:
        return _first_admin(db, settings, parent)
    if preselect_name:
        key = preselect_name.strip()
        match = [u for u in people if u.login == key.casefold() or u.name == key]
        if len(match) == 1:
            user = sign_in(db, match[0], parent)
            if user is not None:
                settings.set_last_user(db.url, user.id)
                return user
    last = settings.last_user(db.url)
    while True:
        dialog = IdentityDialog(people, last, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selected()
        if chosen is None:
            return None
        last = chosen.id
        user = sign_in(db, chosen, parent)
        if user is not None:
            settings.set_last_user(db.url, user.id)
            return user
