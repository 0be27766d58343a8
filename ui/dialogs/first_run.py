"""When the app starts on a database file that does not exist (the first start after installing,
or a path that is wrong): say so, and let the user choose what happens. Nothing is created
unless asked: a new contest database with its first admin (``services.setup.create_database``,
what ``init --admin`` does), the demo in its own file for practice, or an existing file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import open_database
from evaluator.db.engine import demo_db_path
from evaluator.errors import EvaluatorError, InputError


@dataclass(frozen=True)
class Choice:
    """The database to open and, when known, the login to offer at sign-in."""

    path: Path
    login: str | None = None
    remember: bool = False  # an existing file the user chose: kept in the settings


def run_busy(parent: QWidget | None, text: str, work: Callable[[], object]) -> None:
    """Run ``work`` off the UI thread behind a busy indicator; its exception is raised here."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.show()
    failed: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # raised again on the UI thread below
            failed.append(exc)

    thread = threading.Thread(target=target, name="first-run", daemon=True)
    thread.start()
    while thread.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        thread.join(0.05)
    progress.close()
    if failed:
        raise failed[0]


def build_demo(path: Path) -> None:
    """The demo in its own file (never the user's real database); kept when already there."""
    from evaluator.services.demo import create_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        create_demo(db, if_missing=True)
    finally:
        db.dispose()


class FirstRunDialog(QDialog):
    """No database at ``path``: make a new one, open the demo, choose a file, or quit."""

    def __init__(self, path: Path, *, make_folder: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.path = path
        self.make_folder = make_folder
        self.choice: Choice | None = None
        self.setWindowTitle(self.tr("ยังไม่มีฐานข้อมูล"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "ยังไม่มีฐานข้อมูลที่ %1\n"
                "ถ้าเพิ่งติดตั้งโปรแกรม ให้สร้างฐานข้อมูลใหม่ของการประกวด หรือเปิดข้อมูลตัวอย่างเพื่อฝึกใช้งาน"
                " ถ้าฐานข้อมูลอยู่ที่อื่น ให้เลือกไฟล์ โปรแกรมยังไม่ได้สร้างไฟล์ใด"
            ).replace("%1", str(path))
        )
        intro.setObjectName("firstRunIntro")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        layout.addWidget(self._new_box())
        self.problems = QLabel()
        self.problems.setObjectName("firstRunProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox()
        self.demo = buttons.addButton(
            self.tr("เปิดข้อมูลตัวอย่าง (ฝึกใช้งาน)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.demo.setObjectName("firstRunDemo")
        self.demo.clicked.connect(self._open_demo)
        self.existing = buttons.addButton(
            self.tr("เลือกไฟล์ฐานข้อมูลที่มีอยู่…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.existing.setObjectName("firstRunChoose")
        self.existing.clicked.connect(self._choose_file)
        quit_button = buttons.addButton(self.tr("ออก"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("firstRunQuit")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)
        self._update()

    def _new_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("สร้างฐานข้อมูลใหม่ของการประกวด พร้อมบัญชีผู้ดูแลระบบ"))
        form = QFormLayout(box)
        self.login = QLineEdit("admin")
        self.login.setObjectName("firstRunLogin")
        self.name = QLineEdit()
        self.name.setObjectName("firstRunName")
        self.name.setPlaceholderText(self.tr("เช่น นางสาวสมใจ ใจดี"))
        self.password = QLineEdit()
        self.password.setObjectName("firstRunPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("firstRunAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("ชื่อเข้าใช้ของผู้ดูแลระบบ"), self.login)
        form.addRow(self.tr("ชื่อ-นามสกุล"), self.name)
        form.addRow(self.tr("รหัสผ่าน"), self.password)
        form.addRow(self.tr("พิมพ์รหัสผ่านอีกครั้ง"), self.again)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)
        form.addRow(self.folder_note)
        self.make_new = QPushButton(self.tr("สร้างฐานข้อมูลใหม่"))
        self.make_new.setObjectName("firstRunCreate")
        self.make_new.setDefault(True)
        self.make_new.clicked.connect(self._create)
        form.addRow(self.make_new)
        for edit in (self.login, self.name, self.password, self.again):
            edit.textChanged.connect(self._update)
        return box

    def _folder_missing(self) -> bool:
        return not self.path.parent.is_dir() and not self.make_folder

    def _update(self) -> None:
        filled = all(e.text().strip() for e in (self.login, self.name, self.password, self.again))
        missing = self._folder_missing()
        self.folder_note.setText(
            self.tr("ไม่มีโฟลเดอร์ %1 ตรวจสอบที่อยู่ของฐานข้อมูล หรือเลือกไฟล์").replace(
                "%1", str(self.path.parent)
            )
            if missing
            else ""
        )
        self.folder_note.setVisible(missing)
        self.make_new.setEnabled(filled and not missing)

    def _create(self) -> None:
        from evaluator.services.setup import create_database

        if self.password.text() != self.again.text():
            self.problems.setText(self.tr("รหัสผ่านสองครั้งไม่ตรงกัน"))
            self.again.setFocus()
            return
        try:
            user = create_database(
                self.path,
                self.login.text(),
                self.name.text(),
                self.password.text(),
                make_folder=self.make_folder,
            )
        except InputError as exc:
            self.problems.setText("\n".join(p.message for p in exc.problems))
            return
        self.choice = Choice(self.path, user.login)
        self.accept()

    def _open_demo(self) -> None:
        path = demo_db_path()
        try:
            run_busy(self, self.tr("กำลังสร้างข้อมูลตัวอย่าง…"), lambda: build_demo(path))
        except EvaluatorError as exc:
            self.problems.setText(str(exc))
            return
        self.choice = Choice(path, "admin")
        self.accept()

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("เลือกไฟล์ฐานข้อมูล"),
            str(self.path.parent if self.path.parent.is_dir() else Path.home()),
            self.tr("ฐานข้อมูล (*.sqlite3 *.sqlite *.db);;ทุกไฟล์ (*)"),
        )
        if name:
            self.choice = Choice(Path(name), None, remember=True)
            self.accept()
