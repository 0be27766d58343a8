"""Inspector keys: the inspector makes their key pair (with a passphrase) and reads its fingerprint
aloud; the committee registers an inspector's public key from its file or from that fingerprint.

Packages are accepted only when signed by the key registered for their inspector (see
``evaluator/sync/keys.py``); these dialogs call the same services as ``evaluator keys``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError
from evaluator.permissions import Action, UserInfo, require
from evaluator.services import keys as key_service
from evaluator.services.keys import KeyInfo
from evaluator.services.users import get_user
from evaluator.sync import keys
from ui.context import AppContext
from ui.geometry import fit_to_screen
from ui.icons import icon
from ui.labels import key_state_title
from ui.tasks import Job, Task, TaskControl

_SPOKEN: dict[str, object] = {
    "0": QT_TRANSLATE_NOOP("Spoken", "ศูนย์"),
    "1": QT_TRANSLATE_NOOP("Spoken", "หนึ่ง"),
    "2": QT_TRANSLATE_NOOP("Spoken", "สอง"),
    "3": QT_TRANSLATE_NOOP("Spoken", "สาม"),
    "4": QT_TRANSLATE_NOOP("Spoken", "สี่"),
    "5": QT_TRANSLATE_NOOP("Spoken", "ห้า"),
    "6": QT_TRANSLATE_NOOP("Spoken", "หก"),
    "7": QT_TRANSLATE_NOOP("Spoken", "เจ็ด"),
    "8": QT_TRANSLATE_NOOP("Spoken", "แปด"),
    "9": QT_TRANSLATE_NOOP("Spoken", "เก้า"),
    "A": QT_TRANSLATE_NOOP("Spoken", "เอ"),
    "B": QT_TRANSLATE_NOOP("Spoken", "บี"),
    "C": QT_TRANSLATE_NOOP("Spoken", "ซี"),
    "D": QT_TRANSLATE_NOOP("Spoken", "ดี"),
    "E": QT_TRANSLATE_NOOP("Spoken", "อี"),
    "F": QT_TRANSLATE_NOOP("Spoken", "เอฟ"),
}


def spoken(fingerprint: str) -> str:
    """A fingerprint as it is read aloud over the phone, group by group, in the user's language."""
    words = {ch: QCoreApplication.translate("Spoken", str(word)) for ch, word in _SPOKEN.items()}
    return " / ".join(" ".join(words[ch] for ch in group) for group in fingerprint.split("-"))


def fingerprint_label() -> QLabel:
    """A large, monospaced, selectable fingerprint."""
    label = QLabel("–")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(QFont().pointSize() + 10)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMinimumHeight(56)
    return label


def may_manage_key(user: UserInfo, inspector: str) -> None:
    """Raise unless ``user`` may make the key of ``inspector`` (their own, or an admin)."""
    if user.inspector_name == inspector:
        require(user, Action.EXPORT_OWN_PACKAGE)
    else:
        require(user, Action.EXPORT_ANY_PACKAGE)


class _KeyDialog(QDialog):
    """Shared frame: a form, a status line, buttons; one background task at a time."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.setWindowTitle(title)
        fit_to_screen(self, QSize(640, 480))
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(QCoreApplication.translate("KeyDialog", "ปิด"))

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.status)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def run(self, job: Job, name: str, done: Callable[[Any], None]) -> Task:
        task = self.ctx.tasks.start(job, name)
        task.finished.connect(done)
        task.failed.connect(lambda exc, _tb: self.failed(exc))
        task.done.connect(self._done)
        self.task = task
        self._enable_buttons(False)
        return task

    def _enable_buttons(self, enabled: bool) -> None:
        for w in self.findChildren(QPushButton):
            w.setEnabled(enabled)

    def _done(self) -> None:
        self.task = None
        self._enable_buttons(True)
        self.update_state()

    def update_state(self) -> None:
        """Enable what may be pressed now."""

    def failed(self, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, EvaluatorError) else f"{type(exc).__name__}: {exc}"
        self.status.setText(text)
        self.status.setStyleSheet("QLabel#status { color: #a3261b; }")

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("QLabel#status { color: #1b7a3a; }")

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            return  # a key is being written: wait for it
        super().reject()


class MyKeyDialog(_KeyDialog):
    """The inspector's own key: make it, see its fingerprint, save the public-key file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, QCoreApplication.translate("MyKeyDialog", "กุญแจของผู้ประเมิน"), parent)
        self.setObjectName("myKeyDialog")
        self.infos: dict[str, KeyInfo] = {}
        self.inspector = QComboBox()
        self.inspector.setObjectName("inspector")
        if ctx.can(Action.EXPORT_ANY_PACKAGE):
            for info in key_service.list_keys(ctx.db):
                self.infos[info.inspector] = info
                self.inspector.addItem(info.inspector, info.inspector)
            if ctx.user.inspector_name:
                self.inspector.setCurrentIndex(
                    max(0, self.inspector.findData(ctx.user.inspector_name))
                )
        elif ctx.user.inspector_name:
            name = ctx.user.inspector_name
            self.infos = {
                i.inspector: i for i in key_service.list_keys(ctx.db) if i.inspector == name
            }
            self.inspector.addItem(name, name)
        self.form.addRow(self.tr("ผู้ประเมิน"), self.inspector)
        intro = QLabel(
            self.tr(
                "กุญแจใช้ลงนามแพ็กเกจแบบประเมินที่ส่งให้คณะกรรมการ กุญแจส่วนตัวเก็บไว้ในเครื่องนี้"
                " เข้ารหัสด้วยรหัสผ่าน (อย่างน้อย 8 ตัวอักษร) คณะกรรมการลงทะเบียนด้วยไฟล์กุญแจสาธารณะ"
                " หรือด้วยลายนิ้วมือที่อ่านให้ฟัง"
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.fingerprint = fingerprint_label()
        self.fingerprint.setObjectName("fingerprint")
        self.form.addRow(self.tr("ลายนิ้วมือ"), self.fingerprint)
        self.reading = QLabel("")
        self.reading.setObjectName("reading")
        self.reading.setWordWrap(True)
        self.form.addRow(self.tr("อ่านว่า"), self.reading)
        self.key_path = QLineEdit()
        self.key_path.setObjectName("keyPath")
        self.form.addRow(self.tr("ไฟล์กุญแจส่วนตัว"), self.key_path)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("รหัสผ่าน"), self.passphrase)
        self.again = QLineEdit()
        self.again.setObjectName("again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("ยืนยันรหัสผ่าน"), self.again)
        self.replace = QCheckBox(self.tr("สร้างกุญแจใหม่แทนกุญแจเดิม (ต้องแจ้งคณะกรรมการให้ลงทะเบียนใหม่)"))
        self.replace.setObjectName("replace")
        self.form.addRow(self.replace)
        row = QHBoxLayout()
        self.create_button = QPushButton(icon("key"), self.tr("สร้างกุญแจ"))
        self.create_button.setObjectName("createKey")
        self.create_button.clicked.connect(self.create_key)
        self.save_button = QPushButton(icon("export"), self.tr("บันทึกไฟล์กุญแจสาธารณะ…"))
        self.save_button.setObjectName("savePublic")
        self.save_button.clicked.connect(lambda: self.save_public())
        row.addWidget(self.create_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        self.layout_.addLayout(row)
        self.finish_layout()
        self.inspector.currentIndexChanged.connect(lambda _i: self.update_state())
        for box in (self.passphrase, self.again):
            box.textChanged.connect(lambda _t: self.update_state())
        self.replace.toggled.connect(lambda _c: self.update_state())
        self.update_state()

    def name(self) -> str:
        data = self.inspector.currentData()
        return str(data) if data else ""

    def update_state(self) -> None:
        name = self.name()
        info = self.infos.get(name)
        path = keys.default_key_path(name) if name else None
        if path is not None and not self.key_path.isModified():
            self.key_path.setText(str(path))
        local = Path(self.key_path.text()).exists() if self.key_path.text() else False
        fp = info.fingerprint if info else None
        self.fingerprint.setText(fp or "–")
        self.reading.setText(spoken(fp) if fp else "")
        self.replace.setVisible(local)
        if not name:
            self.status.setText(self.tr("ผู้ใช้นี้ไม่ได้เป็นผู้ประเมิน จึงไม่มีกุญแจ"))
        elif info is None or info.state == "none":
            self.status.setText(self.tr("ยังไม่มีกุญแจ ตั้งรหัสผ่านแล้วกด “สร้างกุญแจ”"))
        elif not local:
            self.status.setText(self.tr("ฐานข้อมูลนี้มีกุญแจของผู้ประเมินนี้ แต่ไม่พบไฟล์กุญแจส่วนตัวในเครื่องนี้"))
        else:
            self.status.setText(self.tr("มีกุญแจแล้ว อ่านลายนิ้วมือให้คณะกรรมการฟัง หรือส่งไฟล์กุญแจสาธารณะ"))
        self.status.setStyleSheet("")
        typed = self.passphrase.text()
        making = bool(name) and (not local or self.replace.isChecked())
        if making and typed:  # say why "make the key" is not available yet, at the fields
            short = len(typed.encode("utf-8")) < keys.MIN_PASSPHRASE
            if short:
                self.status.setText(
                    self.tr("รหัสผ่านยังสั้นเกินไป: ต้องยาวอย่างน้อย %1 ตัวอักษร").replace(
                        "%1", str(keys.MIN_PASSPHRASE)
                    )
                )
            elif self.again.text() and typed != self.again.text():
                self.status.setText(self.tr("รหัสผ่านกับช่องยืนยันรหัสผ่านยังไม่ตรงกัน"))
            elif not self.again.text():
                self.status.setText(self.tr("พิมพ์รหัสผ่านเดิมอีกครั้งในช่องยืนยันรหัสผ่าน"))
        self.create_button.setEnabled(
            bool(name)
            and self.task is None
            and len(typed.encode("utf-8")) >= keys.MIN_PASSPHRASE
            and typed == self.again.text()
            and (not local or self.replace.isChecked())
        )
        self.save_button.setEnabled(self.task is None and info is not None and info.state == "key")

    def create_key(self) -> None:
        name = self.name()
        if not name:
            return
        if self.passphrase.text() != self.again.text():
            self.failed(EvaluatorError(self.tr("รหัสผ่านสองครั้งไม่ตรงกัน")))
            return
        db, user_id = self.ctx.db, self.ctx.user.id
        passphrase = self.passphrase.text().encode("utf-8")
        path = Path(self.key_path.text().strip())
        overwrite = self.replace.isChecked()

        def job(control: TaskControl) -> KeyInfo:
            user = get_user(db, user_id)
            may_manage_key(user, name)
            return key_service.generate_inspector_key(
                db, user, name, passphrase, key_path=path, overwrite=overwrite
            )

        self.run(job, "generate key", self._created)

    def _created(self, info: KeyInfo) -> None:
        self.infos[info.inspector] = info
        self.passphrase.clear()
        self.again.clear()
        self.replace.setChecked(False)
        self.update_state()
        self.say(
            self.tr("สร้างกุญแจแล้ว ลายนิ้วมือ %1 เก็บกุญแจส่วนตัวไว้ที่ %2")
            .replace("%1", info.fingerprint or "")
            .replace("%2", str(info.key_path))
        )

    def save_public(self, path: str | None = None) -> Path | None:
        name = self.name()
        if not name:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("บันทึกไฟล์กุญแจสาธารณะ"),
                str(Path.home() / f"{name}.pub.pem"),
                self.tr("กุญแจสาธารณะ (*.pem);;ทุกไฟล์ (*)"),
            )
            if not path:
                return None
        out = Path(path)
        try:
            out.write_bytes(key_service.public_key_file(self.ctx.db, name))
        except (OSError, EvaluatorError) as exc:
            self.failed(exc)
            return None
        self.say(self.tr("บันทึกไฟล์กุญแจสาธารณะที่ %1 แล้ว").replace("%1", str(out)))
        return out


class RegisterKeyDialog(_KeyDialog):
    """The committee registers an inspector's public key: from its file, or its fingerprint."""

    def __init__(
        self, ctx: AppContext, inspector: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx, QCoreApplication.translate("RegisterKeyDialog", "ลงทะเบียนกุญแจผู้ประเมิน"), parent
        )
        self.setObjectName("registerKeyDialog")
        self.registered: KeyInfo | None = None
        self.infos = {i.inspector: i for i in key_service.list_keys(ctx.db)}
        self.inspector = QComboBox()
        self.inspector.setObjectName("inspector")
        self.inspector.setEditable(True)
        self.inspector.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for name in self.infos:
            self.inspector.addItem(name, name)
        if inspector:
            self.inspector.setCurrentIndex(max(0, self.inspector.findData(inspector)))
        self.form.addRow(self.tr("ผู้ประเมิน"), self.inspector)
        self.current = QLabel("")
        self.current.setObjectName("currentKey")
        self.current.setWordWrap(True)
        self.form.addRow(self.tr("ขณะนี้"), self.current)
        self.by_file = QRadioButton(self.tr("จากไฟล์กุญแจสาธารณะที่ผู้ประเมินส่งมา"))
        self.by_file.setObjectName("byFile")
        self.by_fingerprint = QRadioButton(self.tr("จากลายนิ้วมือที่ผู้ประเมินอ่านให้ฟัง"))
        self.by_fingerprint.setObjectName("byFingerprint")
        self.how = QButtonGroup(self)
        self.how.addButton(self.by_file)
        self.how.addButton(self.by_fingerprint)
        self.by_file.setChecked(True)
        self.form.addRow(self.by_file)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        browse = QPushButton(icon("import"), self.tr("เลือกไฟล์…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("ไฟล์"), row)
        self.form.addRow(self.by_fingerprint)
        self.typed = QLineEdit()
        self.typed.setObjectName("typedFingerprint")
        self.typed.setInputMask(">HHHH-HHHH-HHHH-HHHH;_")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(QFont().pointSize() + 4)
        self.typed.setFont(font)
        self.form.addRow(self.tr("ลายนิ้วมือ"), self.typed)
        note = QLabel(
            self.tr("ลงทะเบียนด้วยลายนิ้วมือ: ระบบรับกุญแจจากแพ็กเกจแรกของผู้ประเมินเมื่อลายนิ้วมือตรงกันเท่านั้น")
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.replace = QCheckBox(self.tr("แทนกุญแจที่ลงทะเบียนไว้เดิม"))
        self.replace.setObjectName("replace")
        self.form.addRow(self.replace)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.register_button = QPushButton(icon("key"), self.tr("ลงทะเบียน"))
        self.register_button.setObjectName("register")
        self.register_button.clicked.connect(self.register)
        buttons.addWidget(self.register_button)
        self.layout_.addLayout(buttons)
        self.finish_layout()
        self.inspector.currentIndexChanged.connect(lambda _i: self.update_state())
        self.how.buttonToggled.connect(lambda *_: self.update_state())
        self.path.textChanged.connect(lambda _t: self.update_state())
        self.typed.textChanged.connect(lambda _t: self.update_state())
        self.update_state()

    def name(self) -> str:
        return self.inspector.currentText().strip()

    def update_state(self) -> None:
        info = self.infos.get(self.name())

        if info is None:
            self.current.setText(self.tr("ไม่พบผู้ประเมินชื่อนี้"))
        else:
            self.current.setText(
                key_state_title(info.state) + (f" · {info.fingerprint}" if info.fingerprint else "")
            )
        by_file = self.by_file.isChecked()
        self.path.setEnabled(by_file)
        self.typed.setEnabled(not by_file)
        ready = (
            info is not None
            and self.task is None
            and (bool(self.path.text().strip()) if by_file else self.typed.hasAcceptableInput())
        )
        self.register_button.setEnabled(ready)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.windowTitle(),
            "",
            self.tr("กุญแจสาธารณะ (*.pem *.pub *.txt);;ทุกไฟล์ (*)"),
        )
        if name:
            self.path.setText(name)

    def register(self) -> None:
        name = self.name()
        db, user_id = self.ctx.db, self.ctx.user.id
        replace = self.replace.isChecked()
        if self.by_file.isChecked():
            path = Path(self.path.text().strip())

            def job(control: TaskControl) -> KeyInfo:
                user = get_user(db, user_id)
                require(user, Action.IMPORT_PACKAGE)
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise EvaluatorError(f"อ่านไฟล์ {path} ไม่ได้ — cannot read: {exc}") from exc
                return key_service.register_public_key(
                    db, user, name, data, replace=replace, file=path.name
                )

        else:
            typed = self.typed.text()

            def job(control: TaskControl) -> KeyInfo:
                user = get_user(db, user_id)
                require(user, Action.IMPORT_PACKAGE)
                return key_service.register_fingerprint(db, user, name, typed, replace=replace)

        self.run(job, "register key", self._registered)

    def _registered(self, info: KeyInfo) -> None:
        self.registered = info
        self.infos[info.inspector] = info
        self.update_state()
        self.say(
            self.tr("ลงทะเบียนกุญแจของ %1 แล้ว ลายนิ้วมือ %2")
            .replace("%1", info.inspector)
            .replace("%2", info.fingerprint or "")
        )
