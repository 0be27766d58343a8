"""The QApplication: fonts, translations, the database, who the user is, and the main window."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from evaluator.errors import EvaluatorError
from evaluator.permissions import UserInfo
from evaluator.services.setup import open_ready
from ui.context import AppContext
from ui.fonts import app_font, load_sarabun
from ui.i18n import install_language
from ui.icons import icon
from ui.settings import UiSettings
from ui.tasks import TaskRunner

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
    app.setApplicationDisplayName("ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง")
    app.setWindowIcon(icon("app"))
    app.setFont(app_font(load_sarabun()))
    return app


def database_target(cli_db: str | Path | None, settings: UiSettings) -> str | Path | None:
    """``--db`` when given, else the database chosen in the settings, else the default."""
    if cli_db:
        return cli_db
    return settings.database or None


def run_app(
    db_target: str | Path | None,
    argv: Sequence[str],
    *,
    user_name: str | None = None,
    settings: UiSettings | None = None,
) -> int:
    """Open the main window on a database (created when missing) and run the event loop."""
    from ui.dialogs.identity import choose_user
    from ui.main_window import MainWindow

    app = create_application(argv)
    settings = settings or UiSettings()
    install_language(app, settings.language)
    try:
        db = open_ready(database_target(db_target, settings))
    except EvaluatorError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "เปิดฐานข้อมูลไม่ได้"), str(exc))
        return 1
    windows: list[MainWindow] = []

    def start(preselect: str | None, parent: MainWindow | None = None) -> bool:
        user = choose_user(db, settings, preselect, parent)
        if user is None:
            return False
        show(user)
        return True

    def show(user: UserInfo) -> MainWindow:
        window = MainWindow(AppContext(db=db, user=user, settings=settings, tasks=TaskRunner()))
        window.switch_user.connect(lambda: switch(window))
        window.rebuild.connect(lambda: rebuild(window))
        windows.append(window)
        window.show()
        return window

    def rebuild(old: MainWindow) -> None:
        show(old.ctx.user)
        old.close()
        windows.remove(old)
        old.deleteLater()

    def switch(old: MainWindow) -> None:
        if start(None, old):
            old.close()
            windows.remove(old)
            old.deleteLater()

    if not start(user_name):
        db.dispose()
        return 0
    code = app.exec()
    db.dispose()
    return code
