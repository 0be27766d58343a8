"""Dialogs: who are you (by role), import with every problem listed row by row, cancel, and
settings (English through the compiled Qt translation, the signatory, the database location)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

import resources
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services import sheets, signatories
from evaluator.services.users import list_users
from tests.accounts import TEST_PASSWORD, give_passwords
from tests.evaluator.sheet_fixtures import Contest
from tests.evaluator.test_sheets import PNG
from tests.ui.conftest import make_context, type_text
from ui.dialogs.identity import IdentityDialog, choose_user
from ui.dialogs.settings import SettingsDialog
from ui.dialogs.transfer import ImportDialog, Outcome, TransferDialog
from ui.i18n import install_language, translation_file
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskControl, TaskRunner


def test_who_are_you_by_typing_and_enter(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    people = list_users(db)
    dialog = IdentityDialog(people)
    qtbot.addWidget(dialog)
    assert dialog.proxy.rowCount() == 5
    assert dialog.proxy.index(0, 1).data() == "ผู้ดูแลระบบ"  # admins first
    type_text(dialog.search, "ผู้ตรวจ ข")
    assert dialog.proxy.rowCount() == 1
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    chosen = dialog.selected()
    assert chosen is not None and chosen.id == contest.inspector_b.id


def test_choose_user_remembers_the_last_one(
    db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    from tests.ui.conftest import answer_modal
    from ui.dialogs.identity import PasswordDialog

    give_passwords(db)

    def password(dialog: object) -> None:
        assert isinstance(dialog, PasswordDialog)
        dialog.password.setText(TEST_PASSWORD)
        dialog.try_password()

    answer_modal(password)
    user = choose_user(db, ui_settings, "กรรมการ สมหญิง")
    assert user is not None and user.role is m.Role.COMMITTEE
    assert ui_settings.last_user(db.url) == user.id


def test_the_password_is_asked_after_who_are_you(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    """A wrong password is said in the dialog, which pauses before the next try and never lets
    the user in; the right one does."""
    from ui.dialogs.identity import PasswordDialog

    give_passwords(db)
    person = next(u for u in list_users(db) if u.role is m.Role.ADMIN)
    dialog = PasswordDialog(db, person)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "demo_hint") is None  # not a demo database
    dialog.password.setText("not the password")
    dialog.try_password()
    assert dialog.user is None and dialog.result() != QDialog.DialogCode.Accepted
    assert "wrong login or password" in dialog.message.text()
    assert not dialog.password.isEnabled()  # a pause after each failure
    qtbot.waitUntil(dialog.password.isEnabled, timeout=3000)
    dialog.password.setText(TEST_PASSWORD)
    dialog.try_password()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None and dialog.user.id == person.id


def test_a_password_dialog_closed_during_its_pause_leaves_nothing_behind(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    """A dialog closed and deleted while it pauses after a wrong password takes its pending
    resume with it: nothing later reaches its deleted widgets (it once raised 'Internal C++
    object already deleted' in whatever ran next)."""
    from ui.dialogs.identity import PasswordDialog

    give_passwords(db)
    person = next(u for u in list_users(db) if u.role is m.Role.ADMIN)
    dialog = PasswordDialog(db, person)
    dialog.password.setText("not the password")
    dialog.try_password()
    assert not dialog.password.isEnabled()
    with qtbot.waitSignal(dialog.destroyed, timeout=3000):
        dialog.deleteLater()
    qtbot.wait(1300)  # past the one-second pause; pytest-qt fails on an exception in the loop


def test_a_demo_database_says_its_password(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    from evaluator import audit
    from ui.dialogs.identity import PasswordDialog

    with db.transaction() as s:  # what `evaluator demo` writes when it fills a database
        audit.record(s, "demo", audit.Source.DEMO, [audit.Change("create", "demo", "CL/seed=1")])
    person = next(u for u in list_users(db) if u.role is m.Role.ADMIN)
    dialog = PasswordDialog(db, person)
    qtbot.addWidget(dialog)
    hint = dialog.findChild(QLabel, "demo_hint")
    assert hint is not None and "demo" in hint.text() and "admin" in hint.text()


def test_a_one_time_password_must_be_changed(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    from evaluator.services import users
    from tests.ui.conftest import answer_modal
    from ui.dialogs.identity import NewPasswordDialog, PasswordDialog

    give_passwords(db)
    admin = users.authenticate(db, "ผู้ดูแลระบบ", TEST_PASSWORD)
    one_time = users.set_password(db, admin, "กรรมการ สมหญิง")
    assert one_time is not None

    def password(dialog: object) -> None:
        assert isinstance(dialog, PasswordDialog)
        dialog.password.setText(one_time)
        dialog.try_password()
        answer_modal(new_password)

    def new_password(dialog: object) -> None:
        assert isinstance(dialog, NewPasswordDialog)
        dialog.first.setText("รหัสใหม่ของสมหญิง")
        dialog.again.setText("รหัสใหม่ของสมหญิง")
        dialog.save()

    answer_modal(password)
    user = choose_user(db, ui_settings, "กรรมการ สมหญิง")
    assert user is not None and user.role is m.Role.COMMITTEE
    assert users.authenticate(db, "กรรมการ สมหญิง", "รหัสใหม่ของสมหญิง").id == user.id
    assert not users.password_change_due(db, user.id)


def test_an_empty_database_asks_for_its_first_admin(
    qtbot: QtBot, db: Database, ui_settings: UiSettings
) -> None:
    from tests.ui.conftest import answer_modal
    from ui.dialogs.identity import FirstAdminDialog

    def fill(dialog: object) -> None:
        assert isinstance(dialog, FirstAdminDialog)
        dialog.name.setText("นางสาวผู้ดูแล ระบบ")
        dialog.login.setText("Somsri")
        dialog.password.setText("รหัสผ่านผู้ดูแล")
        dialog.again.setText("รหัสผ่านผู้ดูแล")
        dialog.accept()

    answer_modal(fill)
    user = choose_user(db, ui_settings)
    assert user is not None and user.role is m.Role.ADMIN and user.login == "somsri"
    assert [u.name for u in list_users(db)] == ["นางสาวผู้ดูแล ระบบ"]
    from evaluator.services.users import authenticate

    assert authenticate(db, "somsri", "รหัสผ่านผู้ดูแล").id == user.id


def _scores_csv(path: Path, contest: Contest, rows: list[str]) -> Path:
    path.write_text(
        "round,inspector,tambon_code,criterion,score\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return path


def test_an_import_lists_every_problem_row_by_row_and_changes_nothing(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    t = contest.tambons[5]
    path = _scores_csv(
        tmp_path / "คะแนน.csv",
        contest,
        [
            f"outstanding,ผู้ตรวจ ก,{t},C1,8",
            f"outstanding,ผู้ตรวจ ก,{t},C2,15",
            "outstanding,ผู้ตรวจ ก,999999,C1,5",
        ],
    )
    ctx = make_context(db, contest.committee, ui_settings, runner)
    dialog = ImportDialog(ctx, "scores")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.start_button.clicked):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert dialog.problems_view.isVisible()
    rows = {p.row for p in dialog.problems.records}
    assert rows == {3, 4}
    assert "ไม่มีการเปลี่ยนแปลง" in dialog.stage.text()
    assert sheets.list_sheets(db, contest.committee, tambon_code=t) == []


def test_a_good_import_reports_and_refreshes(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    t = contest.tambons[5]
    path = _scores_csv(
        tmp_path / "scores.csv",
        contest,
        [
            f"outstanding,ผู้ตรวจ ก,{t},{c},{v}"
            for c, v in (("C1", 8), ("C2", 7), ("C3", 4), ("C4", 3))
        ],
    )
    ctx = make_context(db, contest.committee, ui_settings, runner)
    dialog = ImportDialog(ctx, "scores")
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(ctx.events.data_changed, timeout=10000):
        dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert dialog.output.isVisible() or dialog.output.toPlainText()
    assert "scores.csv" in dialog.output.toPlainText()
    found = sheets.list_sheets(db, contest.committee, tambon_code=t)
    assert len(found) == 1 and found[0].scored == 4


def test_a_committee_member_cannot_import_geography(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    """Hidden in the menu, and refused by the import job too."""
    ctx = make_context(db, contest.committee, ui_settings, runner)
    dialog = ImportDialog(ctx, "geography")
    qtbot.addWidget(dialog)
    path = tmp_path / "geo.csv"
    path.write_text("province,district,tambon,tambon_code\n", encoding="utf-8")
    dialog.path.setText(str(path))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert "ไม่มีสิทธิ์" in dialog.output.toPlainText()


def test_cancel_stops_a_running_transfer(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    ctx = make_context(db, contest.committee, ui_settings, runner)
    dialog = TransferDialog(ctx, "test")
    qtbot.addWidget(dialog)
    dialog.show()
    started = threading.Event()
    steps: list[int] = []

    def job(control: TaskControl) -> Outcome:
        started.set()
        for i in range(100):
            control.progress(i, 100, "working")
            steps.append(i)
            if control.cancelled:
                break
            threading.Event().wait(0.02)
        control.check()
        return Outcome(["done"])

    task = dialog.run(job, "slow")
    assert started.wait(5)
    assert not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 100, timeout=5000)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=5000)
    assert len(steps) < 100
    assert "ยกเลิกแล้ว" in dialog.stage.text()
    assert dialog.close_button.isVisible()


@pytest.fixture
def english_qm() -> Path:
    """The compiled English translation, built from the committed .ts as ``make`` does."""
    ts = resources.path("i18n/evaluator_en.ts")
    qm = translation_file("en")
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        lrelease = shutil.which("pyside6-lrelease") or str(
            Path(sys.executable).with_name("pyside6-lrelease")
        )
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def test_english_through_qt_translations(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    english_qm: Path,
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    ctx = make_context(db, contest.admin, ui_settings, TaskRunner())
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    try:
        dialog.save()
        assert ui_settings.language == "en"
        assert dialog.language_changed
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert window.windowTitle().startswith("Change-leader award evaluator")
        assert window.view_actions["rankings"].text() == "Rankings"
        tambons = window.views["tambons"]
        assert tambons.search.placeholderText().startswith("Search tambon")  # type: ignore[attr-defined]
        header = tambons.model.headerData(3, Qt.Orientation.Horizontal)  # type: ignore[attr-defined]
        assert header == "Tambon"
        window.close()
        window.ctx.tasks.wait(5000)
    finally:
        install_language(app, "th")
    again = MainWindow(make_context(db, contest.admin, ui_settings, TaskRunner()))
    qtbot.addWidget(again)
    assert again.view_actions["rankings"].text() == "จัดอันดับ"
    again.close()
    again.ctx.tasks.wait(5000)


def test_settings_store_the_signatory_and_the_database(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    ctx = make_context(db, contest.admin, ui_settings, runner)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.signatory_name, "นายสมชาย ใจดี")
    type_text(dialog.signatory_position, "อธิบดีกรมการพัฒนาชุมชน")
    signature = tmp_path / "sig.png"
    signature.write_bytes(PNG)
    dialog.load_signature(signature)
    dialog.database.setText(str(tmp_path / "other.sqlite3"))
    dialog.save()
    active = [s for s in signatories.list_signatories(db) if s.active]
    assert [(s.name, s.position, s.has_signature) for s in active] == [
        ("นายสมชาย ใจดี", "อธิบดีกรมการพัฒนาชุมชน", True)
    ]
    assert ui_settings.database == str(tmp_path / "other.sqlite3")
    # a committee member sees the signatory but cannot change it
    viewer = SettingsDialog(make_context(db, contest.committee, ui_settings, runner))
    qtbot.addWidget(viewer)
    assert viewer.signatory_name.text() == "นายสมชาย ใจดี"
    assert not viewer.signatory_name.isEnabled()


def test_models_of_the_dialogs_pass_the_model_tester(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: object,
) -> None:
    from evaluator.errors import Problem
    from ui.dialogs.transfer import ProblemsModel

    dialog = IdentityDialog(list_users(db))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    qtmodeltester.check(dialog.proxy)  # type: ignore[attr-defined]
    problems = ProblemsModel()
    problems.set_records([Problem("ผิด", "a.csv", 3, "คะแนน"), Problem("ไม่มีแถว")])
    qtmodeltester.check(problems)  # type: ignore[attr-defined]


def test_an_inspector_exports_their_signed_package(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first export makes the inspector's key (passphrase-protected) and signs the sheets."""
    from evaluator.sync import keys
    from ui.dialogs.export import ExportDialog

    monkeypatch.setattr(keys, "default_key_path", lambda name: tmp_path / "keys" / f"{name}.pem")
    ctx = make_context(db, contest.inspector_a, ui_settings, runner)
    dialog = ExportDialog(ctx, "package")
    qtbot.addWidget(dialog)
    assert [dialog.inspector.itemData(i) for i in range(dialog.inspector.count())] == ["ผู้ตรวจ ก"]
    assert "สร้างกุญแจใหม่" in dialog.key_note.text()
    out = tmp_path / "ผู้ตรวจ ก.cdpkg"
    dialog.out.setText(str(out))
    # a short passphrase is said at its field, not as "a file with 1 problem"
    type_text(dialog.passphrase, "1234")
    type_text(dialog.again, "1234")
    dialog.start()
    assert dialog.task is None
    assert "รหัสผ่านของกุญแจ" in dialog.stage.text() and "8" in dialog.stage.text()
    assert "ไฟล์มีปัญหา" not in dialog.stage.text() and not dialog.problems_view.isVisible()
    assert "passphrase" not in dialog.stage.text()
    assert not (tmp_path / "keys" / "ผู้ตรวจ ก.pem").exists()
    dialog.passphrase.clear()
    dialog.again.clear()
    type_text(dialog.passphrase, "รหัสลับ-2564")
    assert dialog.again.isVisibleTo(dialog)  # a new key: the passphrase is typed twice
    type_text(dialog.again, "รหัสลับ-2565")
    dialog.start()
    assert dialog.task is None and "ไม่ตรงกัน" in dialog.stage.text()
    assert not (tmp_path / "keys" / "ผู้ตรวจ ก.pem").exists()
    dialog.again.clear()
    type_text(dialog.again, "รหัสลับ-2564")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    text = dialog.output.toPlainText()
    assert out.exists(), text
    assert (tmp_path / "keys" / "ผู้ตรวจ ก.pem").exists()
    assert "สร้างกุญแจใหม่" in text
