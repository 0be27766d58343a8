"""The accounts tab of the set-up view, driven as an admin would: the list filtered in C++ by
typing and by role, an account added (its one-time password shown once signs in and must be
changed), disabled, given a new password, given another role, a taken login refused with nothing
changed, a users file imported with its bad rows shown; every change audited as the admin."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import AuthError
from evaluator.services import users
from tests.accounts import make_user
from tests.evaluator.helpers import dump, write_csv
from tests.ui.conftest import answer_modal, make_context, type_text
from ui.dialogs.transfer import ImportDialog
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.setup import SetupView
from ui.views.setup_accounts import AccountsTab

SOMCHAI = "นายสมชาย น้ำใจดี"


def _yes(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    button = box.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    button.click()


def _logins(tab: AccountsTab) -> list[str]:
    return sorted(tab.proxy.record(r).user.login for r in range(tab.proxy.rowCount()))


def _act(qtbot: QtBot, tab: AccountsTab, action: object, confirm: bool = False) -> None:
    """Run one of the tab's actions and wait until the list is loaded again."""
    if confirm:
        answer_modal(_yes)
    with (
        qtbot.waitSignal(tab.loaded, timeout=30000),
        qtbot.waitSignal(tab.changed, timeout=30000),
    ):
        action()  # type: ignore[operator]


@pytest.fixture
def view(qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner) -> SetupView:
    admin = make_user(db, "admin", m.Role.ADMIN, name="ผู้ดูแล")
    make_user(db, "chair", m.Role.COMMITTEE, name="นางประธาน กรรมการ")
    make_user(db, "somchai", m.Role.INSPECTOR, name=SOMCHAI, inspector=SOMCHAI)
    setup = SetupView(make_context(db, admin, ui_settings, runner))
    qtbot.addWidget(setup)
    setup.resize(1366, 768)
    with qtbot.waitExposed(setup):
        setup.show()
    with qtbot.waitSignal(setup.accounts.loaded, timeout=30000):
        setup.activate()
    setup.tabs.setCurrentWidget(setup.accounts)
    return setup


def test_accounts_listed_and_filtered(
    qtbot: QtBot, view: SetupView, qtmodeltester: ModelTester
) -> None:
    tab = view.accounts
    assert _logins(tab) == ["admin", "chair", "somchai"]
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    tab.search.setFocus()
    type_text(tab.search, "สมชาย")
    assert _logins(tab) == ["somchai"]  # filtered as typed, no pause
    assert tab.count.text() == "1 จาก 3 บัญชี"
    assert tab.proxy.data(tab.proxy.index(0, 3)) == SOMCHAI  # the linked inspector
    tab.search.clear()
    assert tab.proxy.rowCount() == 3
    tab.role.setCurrentIndex(tab.role.findData(m.Role.COMMITTEE.value))
    assert _logins(tab) == ["chair"]
    tab.role.setCurrentIndex(0)
    assert tab.select("admin")
    # an admin cannot disable themselves or change their own role from here
    assert not tab.buttons["disable"].isEnabled() and not tab.buttons["role"].isEnabled()
    assert tab.select("chair") and tab.buttons["disable"].isEnabled()


def test_add_disable_reset_and_change_role(qtbot: QtBot, view: SetupView, db: Database) -> None:
    tab = view.accounts

    # a new account: its one-time password is shown once, signs in, and must be changed
    tab.add_account()
    dialog = tab.dialog
    assert dialog is not None
    dialog.login.setText("Kanokwan.B")
    dialog.name.setText("นางกนกวรรณ บุญมา")
    dialog.role.setCurrentIndex(dialog.role.findData(m.Role.COMMITTEE.value))
    _act(qtbot, tab, dialog.accept)
    assert tab.password_dialog is not None
    one_time = tab.password_dialog.password.text()
    assert users.authenticate(db, "kanokwan.b", one_time).role is m.Role.COMMITTEE
    assert users.password_change_due(db, users.find_user(db, "kanokwan.b").id)
    assert tab.select("kanokwan.b")
    row = tab.table.currentIndex().row()
    assert tab.proxy.data(tab.proxy.index(row, 6)) == "ใช่"  # must change the password
    tab.password_dialog.close()

    # a login already taken: refused, shown, nothing changed
    before = dump(db)
    tab.add_account()
    dialog = tab.dialog
    assert dialog is not None
    dialog.login.setText("CHAIR")
    dialog.name.setText("อีกคน")
    dialog.accept()
    qtbot.waitUntil(lambda: "login is taken" in tab.message.text(), timeout=10000)
    assert dump(db) == before

    # disabled: cannot sign in; enabled again
    assert tab.select("chair")
    _act(qtbot, tab, tab.toggle_disabled, confirm=True)
    with pytest.raises(AuthError):
        users.authenticate(db, "chair", "รหัสทดสอบ-2564")
    assert tab.select("chair")
    assert tab.proxy.data(tab.proxy.index(tab.table.currentIndex().row(), 4)) == "ใช่"
    assert tab.buttons["disable"].text() == "เปิดใช้บัญชี"
    _act(qtbot, tab, tab.toggle_disabled, confirm=True)
    assert users.authenticate(db, "chair", "รหัสทดสอบ-2564").login == "chair"

    # a new password for somchai: the old one stops working, the one-time one signs in
    assert tab.select("somchai")
    _act(qtbot, tab, tab.reset_password, confirm=True)
    assert tab.password_dialog is not None
    fresh = tab.password_dialog.password.text()
    with pytest.raises(AuthError):
        users.authenticate(db, "somchai", "รหัสทดสอบ-2564")
    assert users.authenticate(db, "somchai", fresh).inspector_name == SOMCHAI
    tab.password_dialog.close()

    # chair becomes an inspector linked to somchai's inspector
    assert tab.select("chair")
    tab.change_role()
    dialog = tab.dialog
    assert dialog is not None and dialog.login.isReadOnly()
    dialog.role.setCurrentIndex(dialog.role.findData(m.Role.INSPECTOR.value))
    dialog.inspector.setCurrentText(SOMCHAI)
    _act(qtbot, tab, dialog.accept)
    chair = users.find_user(db, "chair")
    assert chair.role is m.Role.INSPECTOR and chair.inspector_name == SOMCHAI
    assert "เป็นผู้ประเมินแล้ว" in tab.message.text()

    with db.transaction() as s:
        entries = s.execute(
            select(m.AuditEntry.actor, m.AuditEntry.action, m.AuditEntry.entity_key).where(
                m.AuditEntry.entity == "user", m.AuditEntry.actor == "admin"
            )
        ).all()
    assert {(a, e) for _actor, a, e in entries} >= {
        ("create", "kanokwan.b"),
        ("update", "chair"),
        ("set_password", "somchai"),
    }


def test_import_users_from_the_accounts_tab(
    qtbot: QtBot, view: SetupView, db: Database, tmp_path: Path
) -> None:
    tab = view.accounts
    header = ["ชื่อเข้าระบบ", "ชื่อ-สกุล", "บทบาท", "ผู้ประเมิน"]
    bad = write_csv(
        tmp_path / "bad.csv",
        header,
        [["malee", "นางมาลี ใจดี", "คณะกรรมการ", ""], ["chair", "ซ้ำ", "นายก", ""]],
    )
    before = dump(db)
    dialog = ImportDialog(view.ctx, "users", tab)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    problems = [dialog.problems.record(r) for r in range(dialog.problems.rowCount())]
    assert {p.row for p in problems} == {3}  # the taken login and the unknown role, row 3
    assert dump(db) == before
    good = write_csv(tmp_path / "good.csv", header, [["malee", "นางมาลี ใจดี", "คณะกรรมการ", ""]])
    dialog.path.setText(str(good))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    line = next(x for x in dialog.output.toPlainText().splitlines() if x.startswith("malee · "))
    one_time = line.rsplit(" · ", 1)[1]
    assert users.authenticate(db, "malee", one_time).role is m.Role.COMMITTEE
    dialog.close()
    with qtbot.waitSignal(tab.loaded, timeout=30000):
        tab.reload()
    assert "malee" in _logins(tab)
