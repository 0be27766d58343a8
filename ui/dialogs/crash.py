"""The crash dialog: an unexpected error is logged and shown, never a window that just vanishes.

:func:`install_crash_handler` replaces ``sys.excepthook`` and ``threading.excepthook``. An error
in the GUI thread (a slot, a timer, the start-up) or in a background thread is written to the
log with its traceback, then a Thai/English dialog says where the log is and offers the details
to copy (for an e-mail to the support desk). Errors in other threads reach the dialog through a
queued signal, so no widget is touched outside the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QSize, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.logs import crash_report, current_log_file
from ui.geometry import fit_to_screen

TITLE = "โปรแกรมขัดข้อง — Something went wrong"


def _message(summary: str, log_file: Path | None) -> str:
    where_th = f"บันทึกรายละเอียดไว้ในไฟล์ {log_file}" if log_file else "บันทึกลงไฟล์ไม่ได้"
    where_en = f"The details are in {log_file}" if log_file else "No log file could be written"
    return (
        f"{summary}\n\n"
        "เกิดข้อผิดพลาดที่โปรแกรมไม่ได้คาดไว้ งานที่บันทึกแล้วยังอยู่ครบ "
        f"{where_th} กรุณาคัดลอกรายละเอียดส่งให้ผู้ดูแลระบบ\n\n"
        "An unexpected error happened; work already saved is safe. "
        f"{where_en}; please copy the details and send them to your administrator."
    )


class CrashDialog(QDialog):
    """The error, where the log is, the details, and a button that copies them."""

    def __init__(
        self, summary: str, details: str, log_file: Path | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(TITLE)
        self.details = details
        self.log_file = log_file
        layout = QVBoxLayout(self)
        self.message = QLabel(_message(summary, log_file))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMinimumHeight(180)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("ปิด — Close")
        self.copy_button = QPushButton("คัดลอกรายละเอียด — Copy details")
        self.copy_button.setObjectName("copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        if log_file is not None:
            self.folder_button = QPushButton("เปิดโฟลเดอร์บันทึก — Open the log folder")
            buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(720, 420))

    def copy_details(self) -> None:
        text = self.details
        if self.log_file is not None:
            text = f"log: {self.log_file}\n{text}"
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText("คัดลอกแล้ว — Copied")

    def open_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


class _Reporter(QObject):
    """Carries a crash from any thread to the GUI thread, where the dialog is shown."""

    crashed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[CrashDialog] = []
        self.crashed.connect(self.show_dialog, Qt.ConnectionType.QueuedConnection)

    @Slot(str, str)
    def show_dialog(self, summary: str, details: str) -> None:
        open_dialog = self.shown[-1] if self.shown else None
        if open_dialog is not None and open_dialog.isVisible():  # logged, not stacked
            return
        dialog = CrashDialog(summary, details, current_log_file(), QApplication.activeWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.shown.append(dialog)
        dialog.show()


_reporter: _Reporter | None = None


def _in_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def report(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, where: str = ""
) -> None:
    """Log an unhandled error and show it (now in the GUI thread, queued from another)."""
    details = crash_report(kind, value, tb, where)
    print(details, file=sys.stderr)
    summary = "".join(traceback.format_exception_only(kind, value)).strip()
    if where:
        summary = f"{where}: {summary}"
    if _reporter is None or QApplication.instance() is None:
        return
    if _in_gui_thread():
        _reporter.show_dialog(summary, details)
    else:
        _reporter.crashed.emit(summary, details)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    report(kind, value, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "?"
    report(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")


def install_crash_handler() -> None:
    """Route every unhandled exception to the log and the crash dialog (call once, after the
    QApplication exists)."""
    global _reporter
    if _reporter is None:
        _reporter = _Reporter()
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def last_dialog() -> CrashDialog | None:
    """The most recent crash dialog (for tests and for the app's own checks)."""
    return _reporter.shown[-1] if _reporter is not None and _reporter.shown else None
