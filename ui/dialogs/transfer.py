"""Import dialogs and the frame they share with the export dialog (:mod:`ui.dialogs.export`):
choose a file, run the importer off the UI thread with progress and cancel, and list every
problem row by row (file, row, field, message) when the input is refused.

An import is all or nothing (the services write it in one unit of work): a refused or cancelled
import changes nothing. Package imports report progress and stop at once when cancelled; the
table and contest importers check their whole file before writing, so a cancel takes effect
before the writing starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import Database
from evaluator.errors import EvaluatorError, InputError, Problem
from evaluator.i18n import language, one_language
from evaluator.permissions import UserInfo, require
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.dialogs.kinds import EXPORT_KINDS, IMPORT_KINDS
from ui.geometry import fit_to_screen
from ui.icons import icon
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, Column, RecordTableModel
from ui.tasks import Task, TaskControl
from ui.widgets import fit_columns, setup_table

# the file types each kind reads or writes; "all files" is added, translated, by file_filter()
FILE_FILTERS: dict[str, object] = {
    "package": QT_TRANSLATE_NOOP("Transfer", "แพ็กเกจ (*.cdpkg *.zip)"),
    "scoresheet": "Excel (*.xlsx)",
    "scores": "Excel/CSV (*.xlsx *.csv)",
    "geography": "Excel/CSV (*.xlsx *.csv)",
    "contest": "TOML (*.toml)",
    "inspectors": "Excel/CSV (*.xlsx *.csv)",
    "assignments": "Excel/CSV (*.xlsx *.csv)",
    "leaders": "Excel/CSV (*.xlsx *.csv)",
    "users": "Excel/CSV (*.xlsx *.csv)",
}


def file_filter(kind: str) -> str:
    """The file dialog's filter of ``kind``, in the user's language, with "all files" last."""
    every = QCoreApplication.translate("Transfer", "ทุกไฟล์ (*)")
    own = FILE_FILTERS.get(kind)
    return every if own is None else QCoreApplication.translate("Transfer", str(own)) + ";;" + every


@dataclass(frozen=True)
class Outcome:
    """What an import or export did, as lines for the user."""

    lines: list[str]
    warnings: list[str] = field(default_factory=list)


def run_import(
    ctx_db: object, user_id: int, kind: str, path: Path, control: TaskControl
) -> Outcome:
    """The import job: check the user's right, then call the importer service of ``kind``."""
    assert isinstance(ctx_db, Database)
    db = ctx_db
    user = get_user(db, user_id)
    action = {k: a for k, _t2, a in IMPORT_KINDS()}[kind]
    require(user, action)
    control.progress(0, 0, QCoreApplication.translate("Transfer", "กำลังอ่านและตรวจไฟล์…"))
    control.check()
    if kind == "package":
        from evaluator.services.packages import import_package

        result = import_package(
            db, user, path, progress=control.progress, cancelled=lambda: control.cancelled
        )
        return Outcome(result.lines(language()), [one_language(w) for w in result.warnings])
    if kind == "scoresheet":
        from evaluator.services.scoresheets import import_scoresheet

        result = import_scoresheet(db, user, path)
        return Outcome(result.lines(language()), [one_language(w) for w in result.warnings])
    if kind in ("scores", "geography"):
        from evaluator.services import imports

        if kind == "scores":
            summary = imports.import_scores(db, user, path)
        else:
            summary = imports.import_geography(db, path, actor=user.login)
        return Outcome(summary.lines(), [one_language(w) for w in summary.warnings])
    if kind in ("inspectors", "assignments", "leaders"):
        from evaluator.services import people

        service = {
            "inspectors": people.import_inspectors,
            "assignments": people.import_assignments,
            "leaders": people.import_leaders,
        }[kind]
        summary = service(db, user, path)
        return Outcome(summary.lines(), [one_language(w) for w in summary.warnings])
    if kind == "users":
        return _import_users(db, user, path)
    if kind == "contest":
        from evaluator.services.contest_import import import_contest

        contest = import_contest(db, path, actor=user.login)
        lines = [
            QCoreApplication.translate("Transfer", "การประกวด %1 — %2")
            .replace("%1", contest.code)
            .replace("%2", contest.title),
            QCoreApplication.translate("Transfer", "เกณฑ์ %1 ข้อ · รอบ %2 รอบ")
            .replace("%1", str(contest.criteria))
            .replace("%2", str(contest.rounds)),
            *contest.change_lines(),
        ]
        return Outcome(lines)
    raise ValueError(kind)


def _import_users(db: Database, user: UserInfo, path: Path) -> Outcome:
    """The accounts of a users file, each with its one-time password: shown this once, in the
    dialog, as ``evaluator import users`` prints them."""
    from evaluator.services.people import import_users

    result = import_users(db, user, path)
    lines = [
        QCoreApplication.translate("Transfer", "เพิ่มบัญชีผู้ใช้ %1 บัญชี").replace(
            "%1", str(len(result.accounts))
        ),
        QCoreApplication.translate("Transfer", "ชื่อเข้าระบบ · ชื่อ-สกุล · บทบาท · รหัสผ่านครั้งเดียว"),
    ]
    for account in result.accounts:
        u = account.user
        lines.append(f"{u.login} · {u.name} · {u.role_title} · {account.one_time_password}")
    lines.append(
        QCoreApplication.translate(
            "Transfer",
            "รหัสผ่านเหล่านี้แสดงครั้งเดียว คัดลอกแล้วส่งให้เจ้าของบัญชีทางช่องทางที่ปลอดภัย "
            "ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก",
        )
    )
    return Outcome(lines, list(result.warnings))


class ProblemsModel(RecordTableModel):
    """Every problem of a refused input, one per row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ProblemsModel", "แถว"),
                    lambda p: "" if p.row is None else str(p.row),
                    lambda p: p.row,
                    CENTER,
                ),
                Column(QCoreApplication.translate("ProblemsModel", "ช่อง"), lambda p: p.field or ""),
                Column(
                    QCoreApplication.translate("ProblemsModel", "ปัญหา"),
                    lambda p: one_language(p.message),
                    tooltip=lambda p: p.message,
                ),
                Column(
                    QCoreApplication.translate("ProblemsModel", "ไฟล์: แผ่นงาน"),
                    lambda p: p.file or "",
                ),
            ],
            parent,
        )


class TransferDialog(QDialog):
    """Shared frame: a form, a progress bar with Cancel, a result text and a problems table."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.setWindowTitle(title)
        fit_to_screen(self, QSize(820, 560))
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.stage = QLabel("")
        self.stage.setObjectName("stage")
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stage)
        self.layout_.addLayout(progress_row)
        self.output = QPlainTextEdit()
        self.output.setObjectName("output")
        self.output.setReadOnly(True)
        self.output.setMaximumHeight(160)
        self.output.hide()
        self.layout_.addWidget(self.output)
        self.problems = ProblemsModel(self)
        problems_proxy = SortProxy(self)
        problems_proxy.setSourceModel(self.problems)
        self.problems_view = QTableView()
        self.problems_view.setObjectName("problems")
        self.problems_view.setModel(problems_proxy)
        setup_table(self.problems_view)
        self.problems_view.hide()
        self.layout_.addWidget(self.problems_view, 1)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            QCoreApplication.translate("TransferDialog", "เริ่ม"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.start_button.setObjectName("start")
        self.cancel_button = self.buttons.addButton(
            QCoreApplication.translate("TransferDialog", "ยกเลิก"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.cancel_button.setObjectName("cancel")
        self.close_button = self.buttons.addButton(
            QCoreApplication.translate("TransferDialog", "ปิด"),
            QDialogButtonBox.ButtonRole.DestructiveRole,
        )
        self.close_button.setObjectName("close")
        self.close_button.hide()
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        self.layout_.addWidget(self.buttons)

    # running ---------------------------------------------------------------------------------
    def start(self) -> None:
        raise NotImplementedError

    def run(self, job: Callable[[TaskControl], Outcome], name: str) -> Task:
        self.problems.set_records([])
        self.problems_view.hide()
        self.output.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stage.setText(QCoreApplication.translate("TransferDialog", "กำลังทำงาน…"))
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.set_inputs_enabled(False)
        task = self.ctx.tasks.start(job, name)
        task.progress.connect(self._progress)
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        task.done.connect(self._done)
        self.task = task
        return task

    def set_inputs_enabled(self, enabled: bool) -> None:
        for i in range(self.form.rowCount()):
            item = self.form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item is None:
                continue
            widget, layout = item.widget(), item.layout()
            if widget is not None:
                widget.setEnabled(enabled)
            elif layout is not None:
                for j in range(layout.count()):
                    inner = layout.itemAt(j)
                    w = inner.widget() if inner is not None else None
                    if w is not None:
                        w.setEnabled(enabled)

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        if text:
            self.stage.setText(text)

    def _finished(self, outcome: Outcome) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.stage.setText(QCoreApplication.translate("TransferDialog", "เสร็จแล้ว"))
        text = "\n".join(outcome.lines)
        if outcome.warnings:
            text += (
                "\n\n"
                + QCoreApplication.translate("TransferDialog", "ข้อควรระวัง:")
                + "\n"
                + "\n".join(outcome.warnings)
            )
        self.output.setPlainText(text)
        self.output.show()
        self.ctx.events.data_changed.emit()

    def _failed(self, exc: BaseException, _trace: str) -> None:
        self.progress.hide()
        if isinstance(exc, InputError) and exc.problems and not any(p.file for p in exc.problems):
            # a typed field (a passphrase, a reason), not a file: say it as it is
            self.stage.setText("\n".join(one_language(p.message) for p in exc.problems))
        elif isinstance(exc, InputError):
            self.stage.setText(
                QCoreApplication.translate(
                    "TransferDialog", "ไฟล์มีปัญหา %1 ข้อ ไม่มีการเปลี่ยนแปลงใด ๆ"
                ).replace("%1", str(len(exc.problems)))
            )
            self.problems.set_records(exc.problems or [Problem(str(exc))])
            fit_columns(self.problems_view, {2: 420})
            self.problems_view.show()
        elif isinstance(exc, EvaluatorError):
            self.stage.setText(
                QCoreApplication.translate("TransferDialog", "ไม่สำเร็จ ไม่มีการเปลี่ยนแปลงใด ๆ")
            )
            self.output.setPlainText(str(exc))
            self.output.show()
        else:
            self.stage.setText(QCoreApplication.translate("TransferDialog", "เกิดข้อผิดพลาด"))
            self.output.setPlainText(f"{type(exc).__name__}: {exc}")
            self.output.show()

    def _cancelled(self) -> None:
        self.progress.hide()
        self.stage.setText(
            QCoreApplication.translate("TransferDialog", "ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ")
        )

    def _done(self) -> None:
        self.task = None
        self.start_button.setEnabled(True)
        self.set_inputs_enabled(True)
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setFocus()

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.stage.setText(QCoreApplication.translate("TransferDialog", "กำลังยกเลิก…"))
            self.task.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            return
        super().reject()


class ImportDialog(TransferDialog):
    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        titles = {k: t for k, t, _a in IMPORT_KINDS()}
        super().__init__(
            ctx,
            QCoreApplication.translate("Transfer", "นำเข้า") + " — " + titles[kind].rstrip("…"),
            parent,
        )
        self.setObjectName(f"import_{kind}")
        self.kind = kind
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText(QCoreApplication.translate("ImportDialog", "เลือกไฟล์ที่จะนำเข้า"))
        browse = QPushButton(icon("import"), QCoreApplication.translate("ImportDialog", "เลือกไฟล์…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(QCoreApplication.translate("ImportDialog", "ไฟล์"), row)
        note = QLabel(
            QCoreApplication.translate(
                "ImportDialog",
                "ระบบตรวจทั้งไฟล์ก่อนบันทึก หากมีข้อผิดพลาดแม้แถวเดียวจะไม่บันทึกอะไรเลย และแสดงปัญหาทุกแถวด้านล่าง",
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), "", file_filter(self.kind))
        if name:
            self.path.setText(name)

    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.stage.setText(QCoreApplication.translate("ImportDialog", "ยังไม่ได้เลือกไฟล์"))
            return
        path = Path(text)
        db, user_id, kind = self.ctx.db, self.ctx.user.id, self.kind
        self.run(lambda control: run_import(db, user_id, kind, path, control), f"import {kind}")


__all__ = ["EXPORT_KINDS", "IMPORT_KINDS", "ImportDialog", "Outcome", "TransferDialog"]
