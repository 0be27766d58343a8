"""Screenshots of every main view on the demo database (``make screenshots``, under Xvfb).

    python tools/screenshots.py OUT_DIR [--db PATH] [--width W --height H] [--language en]
                                        [--only documents,audit,...]

Without --width and --height each window takes the size it takes on the screen (``make
screenshots``: a 1366×768 screen, the laptops inspectors have).

Builds the demo database when PATH does not exist yet, then opens each view as the role that
uses it, waits for its data to load, and saves ``OUT_DIR/<name>.png`` (kept under 300 KB).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, SignalInstance
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QWidget

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services import sheets as sheet_service
from evaluator.services import tambons as tambon_service
from evaluator.services.users import list_users
from ui.app import create_application
from ui.context import AppContext
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner

MAX_BYTES = 300 * 1024


def wait(msecs: int) -> None:
    """Let the event loop run for ``msecs``."""
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


def wait_for(signal: SignalInstance, check: Callable[..., bool], timeout: int = 30000) -> None:
    """Run the event loop until ``signal`` fires with arguments that pass ``check``."""
    loop = QEventLoop()
    holder = QObject()

    def fired(*args: object) -> None:
        if check(*args):
            loop.quit()

    signal.connect(fired)
    QTimer.singleShot(timeout, loop.quit)
    loop.exec()
    signal.disconnect(fired)
    del holder


def save(widget: QWidget, path: Path) -> Path:
    """Grab ``widget`` and save it as a PNG of at most 300 KB."""
    image = widget.grab().toImage()
    image.save(str(path), None, 0)  # PNG (the suffix), smallest
    if path.stat().st_size > MAX_BYTES:  # a 256-colour palette, without dithering noise
        indexed = image.convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
        )
        indexed.save(str(path), None, 0)
    print(f"{path} {path.stat().st_size // 1024} KB{_overflow(widget)}")
    return path


def _overflow(widget: QWidget) -> str:
    """Where the main window's current view is larger than the window (it scrolls)."""
    from PySide6.QtWidgets import QScrollArea

    stack = getattr(widget, "stack", None)
    page = stack.currentWidget() if stack is not None else None
    if not isinstance(page, QScrollArea):
        return ""
    h, v = page.horizontalScrollBar().maximum(), page.verticalScrollBar().maximum()
    return f" (scrolls: {h} px across, {v} px down)" if h or v else ""


def _user(db: Database, role: m.Role) -> UserInfo:
    return next(u for u in list_users(db) if u.role is role)


def field_work(db: Database, folder: Path) -> str:
    """Field work on the demo: an inspector's laptop (a copy of the database) sends two signed
    packages; the first replaces sheets the inspector corrected, the second brings conflicts
    with corrections made here meanwhile. Returns the inspector's name."""
    import sqlite3

    from evaluator.services import keys as key_service
    from evaluator.services import packages as package_service
    from evaluator.sync import keys

    users = list_users(db)
    admin = next(u for u in users if u.role is m.Role.ADMIN)
    committee = next(u for u in users if u.role is m.Role.COMMITTEE)
    inspector = next(
        u
        for u in users
        if u.role is m.Role.INSPECTOR
        and sum(s.status is m.SheetStatus.SUBMITTED for s in sheet_service.list_sheets(db, u)) >= 5
    )
    name = inspector.inspector_name or ""
    if package_service.list_imports(db):
        return name
    assert db.file_path is not None
    copy = folder / "inspector-laptop.sqlite3"
    with sqlite3.connect(db.file_path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    laptop = open_database(copy)
    passphrase = b"kho-nong-na 2564"
    key_path = folder / "inspector.key.pem"
    key_service.generate_inspector_key(laptop, inspector, name, passphrase, key_path=key_path)
    key_service.register_public_key(
        db,
        committee,
        name,
        key_service.public_key_file(laptop, name),
        file=f"{name}.pub.pem",
    )
    key = keys.read_private_key(key_path, passphrase)
    sheets = [
        s
        for s in sheet_service.list_sheets(laptop, inspector)
        if s.status is m.SheetStatus.SUBMITTED
    ][:4]

    def change(target: Database, who: UserInfo, sheet_id: int, delta: float, note: str) -> None:
        view = sheet_service.get_sheet(target, who, sheet_id)
        sheet_service.reopen(target, who, sheet_id)
        for c in view.criteria[:3]:
            value = min(c.max_score, max(0.0, (c.score or 0.0) + delta))
            if value == c.score:
                value = min(c.max_score, max(0.0, (c.score or 0.0) - delta))
            sheet_service.set_score(target, who, sheet_id, c.criterion_id, value)
        sheet_service.set_note(target, who, sheet_id, note)
        sheet_service.submit(target, who, sheet_id)

    for s in sheets[:2]:
        change(laptop, inspector, s.id, 1, "ปรับคะแนนหลังลงพื้นที่ครั้งที่สอง")
    first = folder / f"{name} รอบที่ 1.cdpkg"
    package_service.export_package(laptop, inspector, name, first, key)
    package_service.import_package(db, committee, first)
    for s in sheets[2:4]:
        change(db, admin, s.id, -1, "คณะกรรมการแก้ไขตามเอกสารประกอบ")
        change(laptop, inspector, s.id, 2, "ผู้ประเมินเพิ่มคะแนนจากภาพถ่ายแปลงผัก")
    second = folder / f"{name} รอบที่ 2.cdpkg"
    package_service.export_package(laptop, inspector, name, second, key)
    package_service.import_package(db, committee, second)
    laptop.dispose()
    return name


class Shooter:
    def __init__(self, db: Database, out: Path, size: tuple[int, int] | None) -> None:
        self.db = db
        self.out = out
        self.size = size
        self.settings = UiSettings.at(Path(tempfile.mkdtemp()) / "ui.ini")
        self.field_inspector = ""
        self.field_key = Path()

    def window(self, user: UserInfo, view: str) -> MainWindow:
        self.settings.last_view = view
        window = MainWindow(
            AppContext(db=self.db, user=user, settings=self.settings, tasks=TaskRunner())
        )
        if self.size is not None:  # else the size the window takes on this screen
            window.resize(*self.size)
        window.show()
        wait_for(window.ctx.events.data_loaded, lambda key: key == view)
        wait(300)
        return window

    def close(self, window: MainWindow) -> None:
        window.close()
        window.ctx.tasks.wait(10000)
        window.deleteLater()
        wait(50)

    def dashboard(self, name: str = "dashboard") -> None:
        window = self.window(_user(self.db, m.Role.ADMIN), "dashboard")
        save(window, self.out / f"{name}.png")
        self.close(window)

    def my_work(self) -> None:
        """An inspector's dashboard: their own tambons and sheets."""
        inspector = next(
            u
            for u in list_users(self.db)
            if u.role is m.Role.INSPECTOR
            and any(s.status is m.SheetStatus.DRAFT for s in sheet_service.list_sheets(self.db, u))
        )
        window = self.window(inspector, "dashboard")
        save(window, self.out / "my-work.png")
        self.close(window)

    def guide(self) -> None:
        """Help › User guide beside the main window."""
        window = self.window(_user(self.db, m.Role.COMMITTEE), "dashboard")
        dialog = window.open_guide()
        wait(500)
        save(dialog, self.out / "guide.png")
        dialog.close()
        self.close(window)

    def reopen_round(self) -> None:
        """The reason asked before a finalised round is reopened."""
        from ui.dialogs.reopen_round import ReopenRoundDialog

        done = next((r for r in tambon_service.list_rounds(self.db) if r.finalised), None)
        if done is None:
            return
        dialog = ReopenRoundDialog(done.title, "3f2a9c0d41b7e8aa" * 4)
        dialog.reason.setPlainText("คณะกรรมการพบคะแนนที่บันทึกผิดของตำบลหนึ่งในเขต 3")
        dialog.show()
        wait(300)
        save(dialog, self.out / "reopen-round.png")
        dialog.close()

    def tambons(self) -> None:
        window = self.window(_user(self.db, m.Role.COMMITTEE), "tambons")
        view = window.views["tambons"]
        view.search.setText("หนอง")  # type: ignore[attr-defined]
        view.apply_filters()  # type: ignore[attr-defined]
        view.table.selectRow(2)  # type: ignore[attr-defined]
        wait(600)
        save(window, self.out / "tambons.png")
        self.close(window)

    def scoring(self) -> None:
        inspector = next(
            u
            for u in list_users(self.db)
            if u.role is m.Role.INSPECTOR
            and any(s.status is m.SheetStatus.DRAFT for s in sheet_service.list_sheets(self.db, u))
        )
        draft = next(
            s
            for s in sheet_service.list_sheets(self.db, inspector)
            if s.status is m.SheetStatus.DRAFT
        )
        window = self.window(inspector, "scoring")
        window.open_sheet(draft.id)
        wait(800)
        save(window, self.out / "scoring.png")
        self.close(window)

    def rankings(self) -> None:
        window = self.window(_user(self.db, m.Role.ADMIN), "rankings")
        view = window.views["rankings"]
        view.table.selectRow(0)  # type: ignore[attr-defined]
        wait_for(view.explained, lambda code: True)  # type: ignore[attr-defined]
        wait(300)
        save(window, self.out / "rankings.png")
        self.close(window)

    def compare(self) -> None:
        committee = _user(self.db, m.Role.COMMITTEE)
        rows = tambon_service.list_tambons(self.db, committee)
        codes = [r.code for r in rows if r.submitted >= 3][:3]
        window = self.window(committee, "dashboard")
        window.compare(codes)
        wait_for(window.ctx.events.data_loaded, lambda key: key == "compare")
        wait(800)
        save(window, self.out / "compare.png")
        self.close(window)

    def setup(self) -> None:
        window = self.window(_user(self.db, m.Role.ADMIN), "setup")
        view = window.views["setup"]
        view.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
        leaders = view.leaders  # type: ignore[attr-defined]
        leaders.zone.setCurrentIndex(leaders.zone.findData(5))
        leaders.search.setText("ผู้ใหญ่บ้าน")
        leaders.apply_filters()
        wait(400)
        save(window, self.out / "setup-leaders.png")
        from ui.dialogs.leaders import LeadersDialog

        first = leaders.proxy.record(0)
        fields = ("title", "first_name", "last_name", "position", "village", "phone")
        rows = [
            {f: getattr(r, f) for f in fields}
            for r in leaders.model.records
            if r.tambon_code == first.tambon_code
        ]
        dialog = LeadersDialog(window.ctx, first.tambon_code, first.tambon, rows, window)
        dialog.show()
        wait(300)
        save(dialog, self.out / "leaders.png")
        dialog.close()
        view.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        wait(300)
        save(window, self.out / "setup-assignments.png")
        accounts = view.accounts  # type: ignore[attr-defined]
        view.tabs.setCurrentWidget(accounts)  # type: ignore[attr-defined]
        accounts.role.setCurrentIndex(accounts.role.findData(m.Role.INSPECTOR.value))
        accounts.select("inspector03")
        wait(400)
        save(window, self.out / "setup-accounts.png")
        self.close(window)

    def identity(self) -> None:
        from ui.dialogs.identity import IdentityDialog

        dialog = IdentityDialog(list_users(self.db))
        dialog.show()
        wait(300)
        save(dialog, self.out / "identity.png")
        dialog.close()

    def import_problems(self) -> None:
        from ui.dialogs.transfer import ImportDialog

        rounds = tambon_service.list_rounds(self.db)
        rows = tambon_service.list_tambons(self.db, _user(self.db, m.Role.COMMITTEE))
        folder = Path(tempfile.mkdtemp())
        bad = folder / "คะแนนเขต 3.csv"
        bad.write_text(
            "รอบ,ผู้ประเมิน,รหัสตำบล,เกณฑ์,คะแนน\n"
            f"{rounds[0].code},ผู้ตรวจ ทดสอบ,{rows[0].code},C1,8\n"
            f"{rounds[0].code},ผู้ตรวจ ทดสอบ,{rows[0].code},C2,๑๕\n"
            f"{rounds[0].code},ผู้ตรวจ ทดสอบ,999999,C1,5\n"
            f"{rounds[0].code},ผู้ตรวจ ทดสอบ,{rows[1].code},C99,3\n",
            encoding="utf-8",
        )
        ctx = AppContext(
            db=self.db,
            user=_user(self.db, m.Role.COMMITTEE),
            settings=self.settings,
            tasks=TaskRunner(),
        )
        dialog = ImportDialog(ctx, "scores")
        dialog.path.setText(str(bad))
        dialog.show()
        dialog.start()
        task = dialog.task
        if task is not None:
            wait_for(task.done, lambda: True)
        wait(300)
        save(dialog, self.out / "import-problems.png")
        dialog.close()
        ctx.tasks.wait(5000)

    # field work, conflicts, the audit log, documents ----------------------------------------
    def packages(self) -> None:
        window = self.window(_user(self.db, m.Role.COMMITTEE), "packages")
        view = window.views["packages"]
        table = view.table  # type: ignore[attr-defined]
        for row in range(table.model().rowCount()):
            record = view.proxy.record(row)  # type: ignore[attr-defined]
            if record.counts.get("conflict"):
                table.selectRow(row)
                break
        wait(300)
        save(window, self.out / "packages.png")
        view.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        wait(200)
        save(window, self.out / "keys.png")
        self.close(window)

    def conflicts(self) -> None:
        window = self.window(_user(self.db, m.Role.COMMITTEE), "conflicts")
        view = window.views["conflicts"]
        view.group.button(1).setChecked(True)  # type: ignore[attr-defined]
        view.reason.setPlainText(  # type: ignore[attr-defined]
            "ผู้ประเมินยืนยันคะแนนจากการลงพื้นที่ครั้งที่สอง มีภาพถ่ายแปลงผักประกอบ"
        )
        wait(300)
        save(window, self.out / "conflicts.png")
        self.close(window)

    def audit(self) -> None:
        window = self.window(_user(self.db, m.Role.COMMITTEE), "audit")
        view = window.views["audit"]
        source = view.source  # type: ignore[attr-defined]
        source.setCurrentIndex(max(0, source.findData("package")))
        wait_for(window.ctx.events.data_loaded, lambda key: key == "audit")
        view.table.selectRow(0)  # type: ignore[attr-defined]
        view.verify()  # type: ignore[attr-defined]
        wait_for(view.verified, lambda report: True)  # type: ignore[attr-defined]
        wait(300)
        save(window, self.out / "audit.png")
        self.close(window)

    def my_key(self) -> None:
        from ui.dialogs.keys import MyKeyDialog

        inspector = next(
            u
            for u in list_users(self.db)
            if u.role is m.Role.INSPECTOR and u.inspector_name == self.field_inspector
        )
        ctx = AppContext(db=self.db, user=inspector, settings=self.settings, tasks=TaskRunner())
        dialog = MyKeyDialog(ctx)
        dialog.key_path.setText(str(self.field_key))
        dialog.key_path.setModified(True)
        dialog.update_state()
        dialog.show()
        wait(300)
        save(dialog, self.out / "my-key.png")
        dialog.close()

    def documents(self) -> None:
        from evaluator.services import conflicts as conflict_service
        from evaluator.services import finalise as finalise_service

        admin = _user(self.db, m.Role.ADMIN)
        for c in conflict_service.list_conflicts(self.db):
            conflict_service.resolve_conflict(
                self.db, admin, c.sheet_uuid, c.sheet_uuid, "คณะกรรมการตรวจซ้ำแล้ว"
            )
        rounds = [r for r in tambon_service.list_rounds(self.db) if not r.finalised]
        if rounds:
            finalise_service.finalise_round(self.db, admin, rounds[0].code)
        self.settings.store.setValue("documents/folder", tempfile.mkdtemp())
        window = self.window(admin, "documents")
        view = window.views["documents"]
        view.choose_kind("certificates")  # type: ignore[attr-defined]
        view.generate()  # type: ignore[attr-defined]
        wait_for(view.generated, lambda result: True, timeout=120000)  # type: ignore[attr-defined]
        wait(800)
        save(window, self.out / "documents.png")
        self.close(window)

    def lessons(self) -> None:
        """The lessons learned, one chosen, as the committee reads them."""
        window = self.window(_user(self.db, m.Role.COMMITTEE), "lessons")
        view = window.views["lessons"]
        view.list.selectRow(0)  # type: ignore[attr-defined]
        wait(400)
        save(window, self.out / "lessons.png")
        self.close(window)

    def context(self, role: m.Role) -> AppContext:
        return AppContext(
            db=self.db, user=_user(self.db, role), settings=self.settings, tasks=TaskRunner()
        )

    def dialogs(self) -> None:
        """The smaller dialogs: export, sign-in password, new account, about, register a key."""
        from ui.dialogs.about import AboutDialog
        from ui.dialogs.accounts import AccountDialog
        from ui.dialogs.export import ExportDialog
        from ui.dialogs.identity import PasswordDialog
        from ui.dialogs.keys import RegisterKeyDialog

        inspector = next(u for u in list_users(self.db) if u.role is m.Role.INSPECTOR)
        admin = self.context(m.Role.ADMIN)
        shots: list[tuple[str, QDialog]] = [
            ("export-scoresheet", ExportDialog(self.context(m.Role.COMMITTEE), "scoresheet")),
            ("password", PasswordDialog(self.db, inspector)),
            ("account", AccountDialog(inspectors=[inspector.inspector_name or ""])),
            ("about", AboutDialog(str(self.db.file_path), None)),
            ("register-key", RegisterKeyDialog(self.context(m.Role.COMMITTEE))),
        ]
        for name, dialog in shots:
            dialog.show()
            wait(300)
            save(dialog, self.out / f"{name}.png")
            dialog.close()
            dialog.deleteLater()
        admin.tasks.wait(5000)

    def settings_dialog(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        ctx = AppContext(
            db=self.db,
            user=_user(self.db, m.Role.ADMIN),
            settings=self.settings,
            tasks=TaskRunner(),
        )
        dialog: QDialog = SettingsDialog(ctx)
        dialog.show()
        wait(300)
        save(dialog, self.out / "settings.png")
        dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/screenshots.py")
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--width", type=int, default=None)
    parser.add_argument("--height", type=int, default=None)
    parser.add_argument("--language", choices=("th", "en"), default="th")
    parser.add_argument(
        "--only", default="", help="comma-separated shots (method names), e.g. documents,audit"
    )
    args = parser.parse_args(argv)
    # the demo's certificate key is made on first use, encrypted with this passphrase (else the
    # documents view would ask for it in a dialog nobody answers under Xvfb)
    from reports.signing import PASSPHRASE_ENV

    os.environ.setdefault(PASSPHRASE_ENV, "screenshots-demo-key")
    app = create_application(sys.argv[:1])
    install_language(app, args.language)
    db_path = args.db or Path(tempfile.mkdtemp()) / "demo.sqlite3"
    db = open_database(db_path)
    from evaluator.services import audit_key

    # finalising and exporting sign audit checkpoints: with a throwaway key, never the user's
    os.environ[audit_key.KEY_DIR_ENV] = tempfile.mkdtemp()
    audit_key.unlock("screenshots only")
    from evaluator.services.demo import create_demo

    create_demo(db, if_missing=True)
    args.out.mkdir(parents=True, exist_ok=True)
    size = (args.width, args.height) if args.width and args.height else None
    shooter = Shooter(db, args.out, size)
    only = {name.strip().replace("-", "_") for name in args.only.split(",") if name.strip()}

    def shoot(name: str) -> bool:
        return not only or name in only

    for name in ("dashboard", "my_work", "tambons", "scoring", "rankings", "compare", "setup"):
        if shoot(name):
            getattr(shooter, name)()
    for name in ("identity", "import_problems", "settings_dialog", "lessons", "dialogs"):
        if shoot(name):
            getattr(shooter, name)()
    later = ("packages", "conflicts", "audit", "my_key", "documents", "reopen_round", "guide")
    if any(shoot(name) for name in later):
        field = Path(tempfile.mkdtemp())
        shooter.field_inspector = field_work(db, field)
        shooter.field_key = field / "inspector.key.pem"
        for name in later:
            if shoot(name):
                getattr(shooter, name)()
    if args.language == "th" and shoot("dashboard") and install_language(app, "en"):
        shooter.dashboard("dashboard-en")
        install_language(app, "th")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
