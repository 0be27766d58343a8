"""The QApplication: fonts, translations, the database and the main window."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from evaluator.errors import EvaluatorError
from evaluator.services.setup import open_ready
from ui.fonts import app_font, load_sarabun
from ui.main_window import MainWindow

ORGANISATION = "CDD"
APPLICATION = "cdd-evaluator"


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง")
    app.setFont(app_font(load_sarabun()))
    return app


def run_app(db_target: str | Path | None, argv: Sequence[str]) -> int:
    """Open the main window on a database (created when missing) and run the event loop."""
    app = create_application(argv)
    try:
        db = open_ready(db_target)
    except EvaluatorError as exc:
        QMessageBox.critical(None, "เปิดฐานข้อมูลไม่ได้", str(exc))
        return 1
    window = MainWindow(db)
    window.show()
    return app.exec()
