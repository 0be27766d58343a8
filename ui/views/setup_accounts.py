"""The accounts tab of the set-up view (admin): every account with its state, filtered in C++
as one types and by role; add an account, disable or enable one, reset a password (a one-time
password shown once), change a role, import a users file (every bad row shown, nothing changed),
and the blank users template.

Every action goes through the same services as ``evaluator users …`` and ``import users``
(:mod:`evaluator.services.users`, :mod:`evaluator.services.account_admin`,
:func:`evaluator.services.people.import_users`), in the background; they check the admin's
stored role and audit each change. A refusal is shown under the table and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import models as m
from evaluator.errors import InputError
from evaluator.services.users import Account
from evaluator.text import name_key
from ui.dialogs.accounts import AccountDialog, AccountValues, OneTimePasswordDialog
from ui.flow_layout import FlowLayout
from ui.i18n import date_text
from ui.icons import icon
from ui.labels import role_title
from ui.models.keyed import KeyedProxy, tag
from ui.models.records import CENTER, Column, RecordTableModel
from ui.models.tambons import normalise as search_form
from ui.tasks import TaskControl
from ui.widgets import fit_columns, setup_table

if TYPE_CHECKING:
    from ui.views.setup import SetupView

WARN = QColor("#b00020")
GREY = QColor("#777777")


def locked(account: Account) -> bool:
    """Whether the account is locked out now (too many failed sign-ins)."""
    return account.locked_until is not None and account.locked_until > m.utcnow()


class AccountFilter(KeyedProxy):
    """Accounts filtered by role and by words typed (login, name, inspector), in C++."""

    def search_text(self, row: int) -> str:
        a: Account = self.source().record(row)
        words = (a.user.login, a.user.name, a.user.inspector_name or "", role_title(a.user.role))
        return tag("r", a.user.role.value) + "|".join(search_form(name_key(w)) for w in words)

    def set_filters(self, role: str | None, text: str) -> None:
        words = [search_form(name_key(w)) for w in text.split()]
        self.set_filter(words, [tag("r", role)] if role else [])


def _when(at: datetime | None) -> str:
    return "" if at is None else date_text(at)


class AccountsTab(QWidget):
    """Every account: the list, its filters, and the admin's actions on the chosen one."""

    loaded = Signal()
    changed = Signal()  # an action went through (the list is reloaded)

    def __init__(self, view: SetupView) -> None:
        super().__init__()
        self.view = view
        self.setObjectName("accountsTab")
        self.dialog: AccountDialog | None = None
        self.password_dialog: OneTimePasswordDialog | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.role = QComboBox()
        self.role.setObjectName("accountsRole")
        self.role.addItem(self.tr("ทุกบทบาท"), None)
        for role in (m.Role.ADMIN, m.Role.COMMITTEE, m.Role.INSPECTOR):
            self.role.addItem(role_title(role), role.value)
        self.search = QLineEdit()
        self.search.setObjectName("accountsSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("ค้นหาชื่อเข้าระบบ ชื่อ-สกุล หรือผู้ประเมิน"))
        self.count = QLabel("")
        self.count.setObjectName("accountsCount")
        label = QLabel(self.tr("บทบาท"))
        label.setBuddy(self.role)
        for widget in (label, self.role):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.model = RecordTableModel(self._columns(), self)
        self.proxy = AccountFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("accountsTable")
        self.table.setModel(self.proxy)
        setup_table(self.table, view.ctx.settings, "setup_accounts")
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setObjectName("accountsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = FlowLayout()  # wraps: long English texts, 125 %, 150 %
        self.buttons: dict[str, QPushButton] = {}
        for name, text, symbol, slot in (
            ("add", self.tr("เพิ่มบัญชี…"), "user", self.add_account),
            ("disable", self.tr("ระงับ/เปิดใช้บัญชี"), "user", self.toggle_disabled),
            ("password", self.tr("ตั้งรหัสผ่านใหม่"), "user", self.reset_password),
            ("role", self.tr("เปลี่ยนบทบาท…"), "user", self.change_role),
            ("import", self.tr("นำเข้าจากไฟล์…"), "import", self.open_import),
            ("template", self.tr("ดาวน์โหลดแบบฟอร์ม…"), "export", self.save_template),
        ):
            button = QPushButton(icon(symbol), text)
            button.setObjectName(f"accounts_{name}")
            button.clicked.connect(slot)
            self.buttons[name] = button
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.search.textChanged.connect(lambda _t: self.apply_filters())  # filtered as typed
        self.role.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def _columns(self) -> list[Column]:
        yes = self.tr("ใช่")
        return [
            Column(self.tr("ชื่อเข้าระบบ"), lambda a: a.user.login),
            Column(self.tr("ชื่อ-สกุล"), lambda a: a.user.name),
            Column(self.tr("บทบาท"), lambda a: role_title(a.user.role)),
            Column(self.tr("ผู้ประเมิน"), lambda a: a.user.inspector_name or ""),
            Column(
                self.tr("ระงับ"),
                lambda a: yes if a.disabled else "",
                lambda a: a.disabled,
                CENTER,
                foreground=lambda a: GREY if a.disabled else None,
            ),
            Column(
                self.tr("ล็อกชั่วคราว"),
                lambda a: self._locked_text(a),
                lambda a: locked(a),
                foreground=lambda a: WARN if locked(a) else None,
                tooltip=lambda a: (
                    self.tr("ใส่รหัสผ่านผิด %1 ครั้ง ตั้งรหัสผ่านใหม่เพื่อปลดล็อก").replace(
                        "%1", str(a.failed_logins)
                    )
                    if locked(a)
                    else ""
                ),
            ),
            Column(
                self.tr("ต้องเปลี่ยนรหัสผ่าน"),
                lambda a: yes if a.must_change_password else "",
                lambda a: a.must_change_password,
                CENTER,
            ),
            Column(
                self.tr("รหัสผ่าน"),
                lambda a: "" if a.has_password else self.tr("ยังไม่มี"),
                lambda a: a.has_password,
                CENTER,
                foreground=lambda a: None if a.has_password else WARN,
            ),
        ]

    def _locked_text(self, account: Account) -> str:
        if not locked(account):
            return ""
        return self.tr("ถึง %1").replace("%1", _when(account.locked_until))

    # the list --------------------------------------------------------------------------------
    def reload(self) -> None:
        from evaluator.services.users import list_accounts

        db, user = self.view.ctx.db, self.view.ctx.user
        self.count.setText(self.tr("กำลังโหลด…"))
        task = self.view.ctx.tasks.start(lambda control: list_accounts(db, user), "accounts")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: self._say(self.tr("โหลดบัญชีไม่ได้"), exc))

    def _loaded(self, accounts: list[Account]) -> None:
        chosen = self.current()
        self.model.set_records(accounts)
        self.apply_filters()
        fit_columns(self.table)
        if chosen is not None:
            self.select(chosen.user.login)
        self._update_buttons()
        self.loaded.emit()

    def apply_filters(self) -> None:
        self.proxy.set_filters(self.role.currentData(), self.search.text())
        self.count.setText(
            self.tr("%1 จาก %2 บัญชี")
            .replace("%1", f"{self.proxy.rowCount():,}")
            .replace("%2", f"{self.model.rowCount():,}")
        )

    def current(self) -> Account | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        account: Account = self.proxy.record(index.row())
        return account

    def select(self, login: str) -> bool:
        """Make the account ``login`` the current row (when the filters show it)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.record(row).user.login == login:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        account = self.current()
        mine = account is not None and account.user.id == self.view.ctx.user.id
        for name in ("disable", "password", "role"):
            self.buttons[name].setEnabled(account is not None)
        self.buttons["role"].setEnabled(account is not None and not mine)
        self.buttons["disable"].setEnabled(account is not None and not mine)
        if account is not None:
            self.buttons["disable"].setText(
                self.tr("เปิดใช้บัญชี") if account.disabled else self.tr("ระงับบัญชี")
            )

    # the actions -----------------------------------------------------------------------------
    def _run(self, job: Callable[[TaskControl], Any], done: Callable[[Any], None]) -> None:
        """Run a service call in the background; on success ``done(result)``, reload, say
        ``changed``; a refusal is shown under the table."""
        self.message.setText(self.tr("กำลังบันทึก…"))

        def finished(result: Any) -> None:
            done(result)
            self.changed.emit()
            self.reload()

        task = self.view.ctx.tasks.start(job, "account")
        task.finished.connect(finished)
        task.failed.connect(lambda exc, _tb: self._say(self.tr("ไม่สำเร็จ ไม่มีการเปลี่ยนแปลงใด ๆ"), exc))

    def _say(self, title: str, exc: BaseException) -> None:
        if isinstance(exc, InputError):
            text = "\n".join(str(p) for p in exc.problems[:12])
        else:
            text = str(exc)
        self.message.setText(f"{title}: {text}")
        self.message.setStyleSheet("color: #b00020")

    def _tell(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _inspector_names(self) -> list[str]:
        return sorted({r.name for r in self.view.inspectors.model.records})

    def add_account(self) -> None:
        self.dialog = AccountDialog(self, inspectors=self._inspector_names())
        self.dialog.accepted.connect(lambda: self._add(self.dialog))
        self.dialog.open()

    def _add(self, dialog: AccountDialog | None) -> None:
        from evaluator.services.users import NewAccount, add_user

        if dialog is None:
            return
        v = dialog.values()
        db, user = self.view.ctx.db, self.view.ctx.user

        def done(new: NewAccount) -> None:
            text = self.tr("เพิ่มบัญชี %1 (%2) แล้ว").replace("%1", new.user.login)
            self._tell(text.replace("%2", new.user.name))
            if new.one_time_password:
                self.show_password(new.user.login, new.one_time_password)

        self._run(
            lambda control: add_user(db, user, v.login, v.name, v.role, v.inspector or None),
            done,
        )

    def confirm(self, text: str) -> bool:
        """Ask before a change (tests answer the box)."""
        answer = QMessageBox.question(self, self.tr("ยืนยัน"), text)
        return answer == QMessageBox.StandardButton.Yes

    def toggle_disabled(self) -> None:
        from evaluator.services.account_admin import set_disabled

        account = self.current()
        if account is None:
            return
        disable = not account.disabled
        login = account.user.login
        text = (
            self.tr("ระงับบัญชี %1? ผู้ใช้จะเข้าระบบไม่ได้จนกว่าจะเปิดใช้อีกครั้ง")
            if disable
            else self.tr("เปิดใช้บัญชี %1 อีกครั้ง?")
        ).replace("%1", login)
        if not self.confirm(text):
            return
        db, user = self.view.ctx.db, self.view.ctx.user
        self._run(
            lambda control: set_disabled(db, user, login, disabled=disable),
            lambda _u: self._tell(
                (self.tr("ระงับบัญชี %1 แล้ว") if disable else self.tr("เปิดใช้บัญชี %1 แล้ว")).replace(
                    "%1", login
                )
            ),
        )

    def reset_password(self) -> None:
        from evaluator.services.users import set_password

        account = self.current()
        if account is None:
            return
        login = account.user.login
        if not self.confirm(
            self.tr(
                "ตั้งรหัสผ่านใหม่ให้ %1? รหัสผ่านเดิมจะใช้ไม่ได้ (และปลดล็อกบัญชี) ระบบจะแสดงรหัสผ่านครั้งเดียวให้ส่งต่อ"
            ).replace("%1", login)
        ):
            return
        db, user = self.view.ctx.db, self.view.ctx.user

        def done(one_time: str | None) -> None:
            self._tell(self.tr("ตั้งรหัสผ่านใหม่ให้ %1 แล้ว").replace("%1", login))
            if one_time:
                self.show_password(login, one_time)

        self._run(lambda control: set_password(db, user, login), done)

    def change_role(self) -> None:
        account = self.current()
        if account is None:
            return
        u = account.user
        current = AccountValues(u.login, u.name, u.role, u.inspector_name or "")
        self.dialog = AccountDialog(self, current=current, inspectors=self._inspector_names())
        self.dialog.accepted.connect(lambda: self._set_role(self.dialog))
        self.dialog.open()

    def _set_role(self, dialog: AccountDialog | None) -> None:
        from evaluator.services.account_admin import set_role

        if dialog is None:
            return
        v = dialog.values()
        db, user = self.view.ctx.db, self.view.ctx.user
        self._run(
            lambda control: set_role(db, user, v.login, v.role, v.inspector or None),
            lambda u: self._tell(
                self.tr("%1 เป็น%2แล้ว").replace("%1", u.login).replace("%2", role_title(u.role))
            ),
        )

    def show_password(self, login: str, password: str) -> None:
        """Show a one-time password once, in its own window (not modal: the list stays usable)."""
        self.password_dialog = OneTimePasswordDialog(login, password, self)
        self.password_dialog.open()

    def open_import(self) -> None:
        from ui.dialogs.transfer import ImportDialog

        dialog = ImportDialog(self.view.ctx, "users", self)
        dialog.finished.connect(lambda _r: self.reload())
        dialog.exec()

    def save_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("บันทึกแบบฟอร์ม"), "users.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.view.write_template("users", Path(name))
