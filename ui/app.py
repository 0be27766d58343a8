"""The QApplication: fonts, translations, the database, who the user is, and the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# The core before Qt: once PySide6 is loaded, every module imported after it has its source
# read (shiboken's check for ``from __feature__ import``), about 50 ms of CPU at start for
# SQLAlchemy's modules (bench/README.md, the start's fourth pass). SQLAlchemy's ORM and the
# mapped classes are not among them: the start reads its first window's data with Core, and
# they are built when the GUI is idle (:func:`load_models_when_idle`).
from evaluator import startup
from evaluator.db import models
from evaluator.db.engine import default_db_path
from evaluator.db.failures import check_target, sqlite_path
from evaluator.errors import EvaluatorError
from evaluator.logs import setup_logging
from evaluator.permissions import UserInfo
from evaluator.services.setup import open_ready

# isort: split
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ui.collection import GuiThreadCollector
from ui.context import AppContext
from ui.dialogs.crash import install_crash_handler, last_dialog, report
from ui.fonts import app_font, load_sarabun
from ui.i18n import application_title, install_language
from ui.icons import icon
from ui.settings import UiSettings
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from evaluator.db import Database
    from ui.main_window import MainWindow

ORGANISATION = "CDD"
APPLICATION = "cdd-evaluator"


def create_application(argv: Sequence[str]) -> QApplication:
    """The one QApplication, with Sarabun as its font and the app's names and icon."""
    existing = QApplication.instance()
    if existing is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(application_title())
    app.setWindowIcon(icon("app"))
    app.setFont(app_font(load_sarabun()))
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)  # no collection in a background task's thread
    return app


_log = logging.getLogger("evaluator.ui")
# With this variable set, the app quits as soon as its first window (the sign-in, or the main
# window) is on screen (the bundle's smoke test starts the GUI offscreen this way); exit code 3
# when no window came in 60 s.
EXIT_WHEN_SHOWN = "EVALUATOR_EXIT_WHEN_SHOWN"


def _exit_when_shown(app: QApplication, started: float, timeout: float = 60.0) -> None:
    timer = QTimer(app)

    def check() -> None:
        shown = [w for w in app.topLevelWidgets() if w.isWindow() and w.isVisible()]
        if shown:  # the main window, or the sign-in that comes before it
            timer.stop()
            elapsed = time.monotonic() - started
            kind = "main window" if isinstance(shown[0], QMainWindow) else "window"
            print(f"{kind} shown after {elapsed:.1f} s: {shown[0].windowTitle()}", flush=True)
            shown[0].close()  # as a user would: the window saves its state, the app then quits
            app.exit(0)  # and a sign-in dialog's own loop ends too
        elif time.monotonic() - started > timeout:
            timer.stop()
            visible = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
            print(f"no window after {timeout:.0f} s; visible: {visible}", file=sys.stderr)
            app.exit(3)

    timer.timeout.connect(check)
    timer.start(10)


def database_target(cli_db: str | Path | None, settings: UiSettings) -> str | Path | None:
    """``--db`` when given, else the database chosen in the settings, else the default."""
    if cli_db:
        return cli_db
    return settings.database or None


def _refuse_missing(target: str | Path) -> None:
    """Like the command line: a database file (or its folder) that does not exist is never made
    silently, whether typed with --db, chosen in the settings or the default (a mistyped path, a
    moved file). A folder given for the file fails when opened (the crash dialog says why)."""
    path = sqlite_path(target)
    if path is not None and not path.is_dir():
        check_target(path, create=False)


def _missing_file(target: str | Path | None) -> Path | None:
    """The SQLite file the app was pointed at, when it does not exist yet."""
    path = sqlite_path(target if target is not None else default_db_path())
    return path if path is not None and not path.exists() and not path.is_dir() else None


def _first_run(
    missing: Path, made_folder_ok: bool, settings: UiSettings
) -> tuple[Path, str | None] | None:
    """Ask what to do about a database file that is not there (ui/dialogs/first_run.py)."""
    from ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(missing, make_folder=made_folder_ok)
    if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.choice is None:
        _log.info("no database at %s; the user left without making one", missing)
        return None
    if dialog.choice.remember:
        settings.database = str(dialog.choice.path)
    _log.info("first start: opening %s", dialog.choice.path)
    return dialog.choice.path, dialog.choice.login


# How long after the first window is up (the sign-in, or the main window's first view with
# its data) the mapped classes are built, in the GUI thread (bench/README.md, the start's sixth
# pass): the user is reading; a service that needs them sooner builds them itself.
IDLE_LOAD_MS = 300


def load_models_when_idle(delay_ms: int = IDLE_LOAD_MS) -> None:
    """Build SQLAlchemy's ORM and the mapped classes (:func:`evaluator.db.models.load`, about
    130-170 ms of CPU) ``delay_ms`` after now, unless they are built already."""
    if not models.loaded():
        QTimer.singleShot(delay_ms, models.load)


def show_main_window(db: Database, user: UserInfo, settings: UiSettings) -> MainWindow:
    """The main window of ``user`` on ``db``, shown with its first view. This ends the start:
    the garbage collector, paused by the entry point (evaluator/startup.py), resumes; the
    mapped classes are built once the first view's data is on screen."""
    from ui.main_window import MainWindow

    window = MainWindow(AppContext(db=db, user=user, settings=settings, tasks=TaskRunner()))
    window.ctx.events.data_loaded.connect(lambda _key: load_models_when_idle())
    window.show()
    startup.resume()
    return window


def run_app(
    db_target: str | Path | None,
    argv: Sequence[str],
    *,
    user_name: str | None = None,
    settings: UiSettings | None = None,
) -> int:
    """Open the main window on an existing database and run the event loop; when the database
    file does not exist, the user chooses: a new database, the demo, another file, or quit
    (nothing is created without asking)."""
    from ui.dialogs.identity import choose_user

    started = time.monotonic()
    setup_logging()
    app = create_application(argv)
    install_crash_handler()
    if os.environ.get(EXIT_WHEN_SHOWN):
        _exit_when_shown(app, started)
    settings = settings or UiSettings()
    install_language(app, settings.language)
    target = database_target(db_target, settings)
    missing = _missing_file(target)
    if missing is not None:  # asked, never made silently: a new database, the demo, or a file
        chosen = _first_run(missing, target is None, settings)
        if chosen is None:
            return 0
        target, user_name = chosen[0], user_name or chosen[1]
    try:
        _refuse_missing(target if target is not None else default_db_path())
        db = open_ready(target)
    except EvaluatorError as exc:
        _log.error("cannot open the database %s: %s", target, exc)
        QMessageBox.critical(None, QCoreApplication.translate("App", "เปิดฐานข้อมูลไม่ได้"), str(exc))
        return 1
    except Exception:  # anything else: the crash dialog says why, the window never just vanishes
        report(*sys.exc_info(), where=f"เปิดฐานข้อมูล {target} — opening the database")  # type: ignore[misc]
        dialog = last_dialog()
        if dialog is not None:
            dialog.exec()
        return 1
    windows: list[MainWindow] = []

    def start(preselect: str | None, parent: MainWindow | None = None) -> bool:
        user = choose_user(db, settings, preselect, parent)
        if user is None:
            return False
        show(user)
        return True

    def show(user: UserInfo) -> MainWindow:
        window = show_main_window(db, user, settings)
        window.switch_user.connect(lambda: switch(window))
        window.rebuild.connect(lambda: rebuild(window))
        windows.append(window)
        return window

    def rebuild(old: MainWindow) -> None:
        show(old.ctx.user)
        old.close()
        windows.remove(old)
        old.deleteLater()

    def switch(old: MainWindow) -> None:
        if start(None, old):
            from evaluator.services import audit_key

            audit_key.forget()  # the audit key opened by the last user is asked again
            old.close()
            windows.remove(old)
            old.deleteLater()

    load_models_when_idle()  # while the sign-in waits for the user (it needs them after)
    if not start(user_name):
        db.dispose()
        return 0
    code = app.exec()
    db.dispose()
    return code
