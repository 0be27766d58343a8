"""The export dialog: an inspector's sheets as a signed package (the inspector's key made on
first use), or Excel scoresheets for inspectors without the app. It runs in the frame of
:class:`ui.dialogs.transfer.TransferDialog` (progress, cancel, problems table).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from evaluator.permissions import Action
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.dialogs.signing_secrets import unlock_audit_key
from ui.dialogs.transfer import EXPORT_KINDS, Outcome, TransferDialog, file_filter
from ui.icons import icon
from ui.tasks import TaskControl


class ExportDialog(TransferDialog):
    """Export of ``kind``: an inspector's sheets as a signed package (making their key on first
    use), or Excel scoresheets for inspectors without the app (one inspector's workbook, or one
    for every inspector of a zone into a folder)."""

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        titles = {k: t for k, t, _a in EXPORT_KINDS()}
        super().__init__(ctx, titles[kind].rstrip("…"), parent)
        self.setObjectName(f"export_{kind}")
        self.kind = kind
        self.inspector = QComboBox()
        self.inspector.setObjectName("inspector")
        self.out = QLineEdit()
        self.out.setObjectName("out")
        self._auto_out = ""
        if kind == "scoresheet":
            self._build_scoresheet()
        else:
            self._build_package()

    def _build_package(self) -> None:
        from evaluator.sync import keys

        ctx = self.ctx
        if ctx.can(Action.EXPORT_ANY_PACKAGE):
            from evaluator.services.keys import list_keys

            for info in list_keys(ctx.db):
                self.inspector.addItem(info.inspector, info.inspector)
        elif ctx.user.inspector_name:
            self.inspector.addItem(ctx.user.inspector_name, ctx.user.inspector_name)
        self.form.addRow(QCoreApplication.translate("ExportDialog", "ผู้ประเมิน"), self.inspector)
        browse = QPushButton(icon("export"), QCoreApplication.translate("ExportDialog", "บันทึกเป็น…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.form.addRow(QCoreApplication.translate("ExportDialog", "ไฟล์แพ็กเกจ"), row)
        self.key = QLineEdit()
        self.key.setObjectName("key")
        self.form.addRow(QCoreApplication.translate("ExportDialog", "ไฟล์กุญแจส่วนตัว"), self.key)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(
            QCoreApplication.translate("ExportDialog", "รหัสผ่านของกุญแจ"), self.passphrase
        )
        self.again = QLineEdit()
        self.again.setObjectName("again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(
            QCoreApplication.translate("ExportDialog", "ยืนยันรหัสผ่านของกุญแจใหม่"), self.again
        )
        self.key_note = QLabel("")
        self.key_note.setWordWrap(True)
        self.form.addRow(self.key_note)
        self._keys = keys
        self.inspector.currentIndexChanged.connect(lambda _i: self._inspector_changed())
        self._inspector_changed()

    # scoresheets -----------------------------------------------------------------------------
    def _build_scoresheet(self) -> None:
        from evaluator.services.scoresheets import scoresheet_inspectors, scoresheet_zones

        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.addItem(
            QCoreApplication.translate("ExportDialog", "ผู้ประเมินคนเดียว (ไฟล์ .xlsx)"), "one"
        )
        self.scope.addItem(
            QCoreApplication.translate("ExportDialog", "ผู้ประเมินทุกคนของเขตตรวจราชการ (โฟลเดอร์)"),
            "zone",
        )
        self.form.addRow(QCoreApplication.translate("ExportDialog", "ส่งออกให้"), self.scope)
        for info in scoresheet_inspectors(self.ctx.db, self.ctx.user):
            self.inspector.addItem(info.name, info.name)
        self.form.addRow(QCoreApplication.translate("ExportDialog", "ผู้ประเมิน"), self.inspector)
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        for number in scoresheet_zones(self.ctx.db):
            self.zone.addItem(
                QCoreApplication.translate("ExportDialog", "เขต %1").replace("%1", str(number)),
                number,
            )
        self.form.addRow(QCoreApplication.translate("ExportDialog", "เขตตรวจราชการ"), self.zone)
        browse = QPushButton(icon("export"), QCoreApplication.translate("ExportDialog", "เลือก…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.out_label = QLabel("")
        self.form.addRow(self.out_label, row)
        note = QLabel(
            QCoreApplication.translate(
                "ExportDialog",
                "ไฟล์ Excel หนึ่งไฟล์ต่อผู้ประเมิน: ตำบลที่ได้รับมอบหมายในรอบที่ยังเปิดอยู่ เกณฑ์และคำอธิบายระดับคะแนน"
                " ช่องกรอกมีการตรวจค่า โครงสร้างถูกล็อก เมื่อกรอกแล้วนำเข้าด้วย แฟ้ม › นำเข้า ›"
                " แบบประเมิน Excel ที่ผู้ประเมินกรอกแล้ว",
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.scope.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.inspector.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.zone.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self._scope_changed()

    def one_inspector(self) -> bool:
        return self.kind == "scoresheet" and self.scope.currentData() == "one"

    def _scope_changed(self) -> None:
        one = self.one_inspector()
        self.form.setRowVisible(self.inspector, one)
        self.form.setRowVisible(self.zone, not one)
        self.out_label.setText(
            QCoreApplication.translate("ExportDialog", "ไฟล์")
            if one
            else QCoreApplication.translate("ExportDialog", "โฟลเดอร์")
        )
        from evaluator.services.scoresheets import scoresheet_file_name

        if self.out.text() not in ("", self._auto_out):
            return  # chosen by the user: kept
        base = Path.home()
        if one and self.inspector.currentData():
            self._auto_out = str(base / scoresheet_file_name(str(self.inspector.currentData())))
        elif not one and self.zone.currentData() is not None:
            self._auto_out = str(base / f"scoresheets_zone{self.zone.currentData()}")
        self.out.setText(self._auto_out)

    def _start_scoresheet(self) -> None:
        if not unlock_audit_key(self):  # the export is signed into the log's checkpoint
            return
        out = self.out.text().strip()
        db, user_id = self.ctx.db, self.ctx.user.id
        if self.one_inspector():
            inspector = self.inspector.currentData()
            if not inspector or not out:
                self.stage.setText(
                    QCoreApplication.translate("ExportDialog", "เลือกผู้ประเมินและไฟล์ให้ครบ")
                )
                return

            def one(control: TaskControl) -> Outcome:
                from evaluator.services.scoresheets import export_one_scoresheet

                control.check()
                return Outcome(
                    export_one_scoresheet(db, get_user(db, user_id), str(inspector), Path(out))
                )

            self.run(one, "export scoresheet")
            return
        zone = self.zone.currentData()
        if zone is None or not out:
            self.stage.setText(QCoreApplication.translate("ExportDialog", "เลือกเขตและโฟลเดอร์ให้ครบ"))
            return

        def zone_job(control: TaskControl) -> Outcome:
            from evaluator.services.scoresheets import export_scoresheets, scoresheet_inspectors

            user = get_user(db, user_id)
            names = [i.name for i in scoresheet_inspectors(db, user, int(zone))]
            batch = export_scoresheets(
                db,
                user,
                names,
                Path(out),
                progress=control.progress,
                cancelled=lambda: control.cancelled,
            )
            return Outcome(batch.lines(), batch.warnings())

        self.run(zone_job, "export scoresheets")

    def _inspector_changed(self) -> None:
        name = self.inspector.currentData()
        if not name:
            return
        path = self._keys.default_key_path(str(name))
        self.key.setText(str(path))
        self.form.setRowVisible(self.again, not path.exists())  # a new key: type it twice
        if path.exists():
            self.key_note.setText(QCoreApplication.translate("ExportDialog", "ใช้กุญแจที่มีอยู่ในเครื่องนี้"))
        else:
            self.key_note.setText(
                QCoreApplication.translate(
                    "ExportDialog", "ยังไม่มีกุญแจของผู้ประเมินนี้ ระบบจะสร้างกุญแจใหม่ด้วยรหัสผ่านที่กรอก"
                )
            )
        if not self.out.text():
            self.out.setText(str(Path.home() / f"{name}.cdpkg"))

    def browse(self) -> None:
        if self.kind == "scoresheet" and not self.one_inspector():
            name = QFileDialog.getExistingDirectory(self, self.windowTitle(), self.out.text())
        else:
            name, _ = QFileDialog.getSaveFileName(
                self, self.windowTitle(), self.out.text(), file_filter(self.kind)
            )
        if name:
            self.out.setText(name)

    def start(self) -> None:
        if self.kind == "scoresheet":
            self._start_scoresheet()
            return
        inspector = self.inspector.currentData()
        out = self.out.text().strip()
        passphrase = self.passphrase.text().encode("utf-8")
        if not inspector or not out or not passphrase:
            self.stage.setText(
                QCoreApplication.translate("ExportDialog", "กรอกผู้ประเมิน ไฟล์ และรหัสผ่านให้ครบ")
            )
            return
        db, user_id = self.ctx.db, self.ctx.user.id
        key_path = Path(self.key.text().strip())
        keys = self._keys
        if not key_path.exists() and len(passphrase) < keys.MIN_PASSPHRASE:
            self.stage.setText(  # said at the field, not as "a file with 1 problem"
                QCoreApplication.translate(
                    "ExportDialog",
                    "รหัสผ่านของกุญแจใหม่สั้นเกินไป: ต้องยาวอย่างน้อย %1 ตัวอักษร"
                    " แก้ในช่อง “รหัสผ่านของกุญแจ” แล้วพิมพ์ซ้ำในช่องยืนยัน",
                ).replace("%1", str(keys.MIN_PASSPHRASE))
            )
            self.passphrase.setFocus()
            self.passphrase.selectAll()
            return
        if not key_path.exists() and self.again.text().encode("utf-8") != passphrase:
            self.stage.setText(
                QCoreApplication.translate(
                    "ExportDialog", "รหัสผ่านสองครั้งไม่ตรงกัน (กุญแจใหม่ต้องพิมพ์รหัสผ่านสองครั้ง)"
                )
            )
            return
        if not unlock_audit_key(self, also=passphrase.decode("utf-8")):
            return  # the export is signed into the log's checkpoint

        def job(control: TaskControl) -> Outcome:
            from evaluator.services.keys import generate_inspector_key
            from evaluator.services.packages import export_package

            user = get_user(db, user_id)
            lines: list[str] = []
            if not key_path.exists():
                info = generate_inspector_key(
                    db, user, str(inspector), passphrase, key_path=key_path
                )
                lines.append(
                    QCoreApplication.translate("Transfer", "สร้างกุญแจใหม่ %1").replace(
                        "%1", str(info.fingerprint)
                    )
                )
            control.check()
            private = keys.read_private_key(key_path, passphrase)
            result = export_package(db, user, str(inspector), Path(out), private)
            return Outcome(lines + result.lines())

        self.run(job, "export package")
