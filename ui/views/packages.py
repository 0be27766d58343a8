"""Packages: the imported packages and Excel scoresheets, newest first, and what each changed
(added, replaced, conflicts, refused for a finalised round), with a detail pane listing every
sheet; and the inspectors' keys, where the committee registers a key by file or fingerprint."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from evaluator.db import Database
from evaluator.permissions import Action, require
from evaluator.services import keys as key_service
from evaluator.services import packages as package_service
from evaluator.services.documents import PlaceInfo, places
from evaluator.services.keys import KeyInfo
from evaluator.services.package_text import SheetOutcome
from evaluator.services.packages import ImportInfo
from evaluator.services.tambons import list_rounds
from evaluator.services.users import get_user
from ui.context import AppContext
from ui.icons import icon
from ui.labels import key_state_title, outcome_title
from ui.models.audit import local_time
from ui.models.keyed import SortProxy
from ui.models.records import CENTER, Column, RecordTableModel
from ui.views.base import View, detail_pane, record_table
from ui.widgets import fit_columns, restore_splitter, setup_table, show_error

# outcomes of a merge, grouped as the list shows them
ADDED = ("insert",)
REPLACED = ("replace",)
CONFLICTS = ("conflict",)
REFUSED = ("locked",)
UNCHANGED = ("receive", "duplicate", "stale")

OUTCOME_COLOURS = {
    "insert": QColor("#1b7a3a"),
    "replace": QColor("#1f5f8b"),
    "conflict": QColor("#9a5b00"),
    "locked": QColor("#a3261b"),
}


def count(info: ImportInfo, outcomes: tuple[str, ...]) -> int:
    return sum(info.counts.get(o, 0) for o in outcomes)


@dataclass(frozen=True)
class SheetLine:
    """One sheet of an import, with its tambon's names."""

    outcome: SheetOutcome
    place: PlaceInfo | None


@dataclass(frozen=True)
class Loaded:
    imports: list[ImportInfo]
    places: dict[str, PlaceInfo]
    keys: list[KeyInfo] | None
    round_titles: dict[str, str] = field(default_factory=dict)


def load(db: Database, user_id: int, with_keys: bool) -> Loaded:
    """The imports (and the keys, for those who register them): a background job."""
    require(get_user(db, user_id), Action.IMPORT_PACKAGE)
    imports = package_service.list_imports(db)
    codes = {s.tambon_code for i in imports for s in i.sheets}
    keys = key_service.list_keys(db) if with_keys else None
    titles = {r.code: r.title for r in list_rounds(db)}
    return Loaded(imports, places(db, codes), keys, titles)


class PackagesView(View):
    key = "packages"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("packagesView")
        self.places: dict[str, PlaceInfo] = {}
        self.round_titles: dict[str, str] = {}  # a round's title, not its code, in the lists
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.summary = QLabel("")
        self.summary.setObjectName("importsSummary")
        bar.addWidget(self.summary, 1)
        self.import_button = QPushButton(icon("import"), self.tr("นำเข้าแพ็กเกจ…"))
        self.import_button.setObjectName("importPackage")
        self.import_button.clicked.connect(lambda: self.open_import("package"))
        bar.addWidget(self.import_button)
        self.scoresheet_button = QPushButton(icon("import"), self.tr("นำเข้าแบบประเมิน Excel…"))
        self.scoresheet_button.setObjectName("importScoresheet")
        self.scoresheet_button.clicked.connect(lambda: self.open_import("scoresheet"))
        bar.addWidget(self.scoresheet_button)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("โหลดใหม่"))
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("packageTabs")
        layout.addWidget(self.tabs, 1)

        # imports -----------------------------------------------------------------------------
        self.model, self.proxy, self.table = record_table(
            self, self._columns(), "importsTable", "imports", self._current
        )
        detail, box, self.detail_title, self.detail_facts = detail_pane(
            self.tr("เลือกรายการนำเข้าเพื่อดูว่าเปลี่ยนอะไร"), "import"
        )
        self.sheets = RecordTableModel(self._sheet_columns(), self)
        sheets_proxy = SortProxy(self)
        sheets_proxy.setSourceModel(self.sheets)
        self.sheets_view = QTableView()
        self.sheets_view.setObjectName("importSheets")
        self.sheets_view.setModel(sheets_proxy)
        setup_table(self.sheets_view)
        box.addWidget(self.sheets_view, 1)
        self.conflicts_button = QPushButton(icon("conflict"), self.tr("ไปที่ข้อขัดแย้ง"))
        self.conflicts_button.setObjectName("goConflicts")
        self.conflicts_button.hide()
        self.conflicts_button.clicked.connect(lambda: self.ctx.events.show_view.emit("conflicts"))
        box.addWidget(self.conflicts_button, 0, Qt.AlignmentFlag.AlignRight)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setSizes([360, 380])
        restore_splitter(self.splitter, ctx.settings, "imports")
        self.tabs.addTab(self.splitter, icon("packages"), self.tr("แพ็กเกจที่นำเข้า"))

        # keys --------------------------------------------------------------------------------
        keys_page = QWidget()
        keys_box = QVBoxLayout(keys_page)
        note = QLabel(
            self.tr(
                "ระบบรับแพ็กเกจเฉพาะที่ลงนามด้วยกุญแจของผู้ประเมินที่ลงทะเบียนไว้"
                " ลงทะเบียนจากไฟล์กุญแจสาธารณะที่ผู้ประเมินส่งมา หรือจากลายนิ้วมือที่ผู้ประเมินอ่านให้ฟังทางโทรศัพท์"
            )
        )
        note.setWordWrap(True)
        keys_box.addWidget(note)
        self.keys = RecordTableModel(
            [
                Column(self.tr("ผู้ประเมิน"), lambda k: k.inspector),
                Column(
                    self.tr("สถานะกุญแจ"),
                    lambda k: key_state_title(k.state),
                    foreground=lambda k: QColor("#a3261b") if k.state == "none" else None,
                ),
                Column(self.tr("ลายนิ้วมือ"), lambda k: k.fingerprint or "–", align=CENTER),
            ],
            self,
        )
        keys_proxy = SortProxy(self)
        keys_proxy.setSourceModel(self.keys)
        self.keys_view = QTableView()
        self.keys_view.setObjectName("keysTable")
        self.keys_view.setModel(keys_proxy)
        setup_table(self.keys_view)
        self.keys_view.activated.connect(lambda _i: self.register_key())
        keys_box.addWidget(self.keys_view, 1)
        keys_bar = QHBoxLayout()
        keys_bar.addStretch(1)
        self.register_button = QPushButton(icon("key"), self.tr("ลงทะเบียนกุญแจ…"))
        self.register_button.setObjectName("registerKey")
        self.register_button.clicked.connect(self.register_key)
        keys_bar.addWidget(self.register_button)
        keys_box.addLayout(keys_bar)
        self.tabs.addTab(keys_page, icon("key"), self.tr("กุญแจผู้ประเมิน"))

    def _columns(self) -> list[Column]:
        def number(title: str, outcomes: tuple[str, ...], colour: QColor | None = None) -> Column:
            return Column(
                title,
                lambda i: str(count(i, outcomes)) if count(i, outcomes) else "–",
                lambda i: count(i, outcomes),
                CENTER,
                foreground=lambda i: colour if count(i, outcomes) else None,
            )

        return [
            Column(
                self.tr("เมื่อ"),
                lambda i: local_time(i.imported_at),
                lambda i: i.id,
            ),
            Column(
                self.tr("ชนิด"),
                lambda i: self.tr("แพ็กเกจ") if i.kind == "package" else self.tr("Excel"),
            ),
            Column(self.tr("ไฟล์"), lambda i: i.filename, tooltip=lambda i: i.content_sha256),
            Column(self.tr("ผู้ประเมิน"), lambda i: i.inspector),
            Column(self.tr("ผู้นำเข้า"), lambda i: i.actor),
            number(self.tr("เพิ่มใหม่"), ADDED, OUTCOME_COLOURS["insert"]),
            number(self.tr("แทนฉบับเดิม"), REPLACED, OUTCOME_COLOURS["replace"]),
            number(self.tr("ขัดแย้ง"), CONFLICTS, OUTCOME_COLOURS["conflict"]),
            number(self.tr("ไม่รับ"), REFUSED, OUTCOME_COLOURS["locked"]),
            number(self.tr("ไม่เปลี่ยน"), UNCHANGED),
        ]

    def _round_title(self, code: str) -> str:
        return self.round_titles.get(code, code)

    def _sheet_columns(self) -> list[Column]:
        def place(line: SheetLine) -> str:
            p = line.place
            return p.tambon if p else ""

        return [
            Column(
                self.tr("ผล"),
                lambda ln: outcome_title(ln.outcome.outcome),
                foreground=lambda ln: OUTCOME_COLOURS.get(ln.outcome.outcome),
            ),
            Column(
                self.tr("รอบ"), lambda ln: self.round_titles.get(ln.outcome.round, ln.outcome.round)
            ),
            Column(self.tr("ตำบล"), place),
            Column(
                self.tr("อำเภอ / จังหวัด"),
                lambda ln: f"{ln.place.district} / {ln.place.province}" if ln.place else "",
            ),
            Column(self.tr("รหัส"), lambda ln: ln.outcome.tambon_code, align=CENTER),
            Column(
                self.tr("รุ่น"),
                lambda ln: str(ln.outcome.version),
                lambda ln: ln.outcome.version,
                CENTER,
            ),
            Column(
                self.tr("รายละเอียด"),
                lambda ln: ln.outcome.reason,
                tooltip=lambda ln: ln.outcome.reason,
            ),
        ]

    # loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        db, user_id = self.ctx.db, self.ctx.user.id
        self.summary.setText(self.tr("กำลังอ่านรายการนำเข้า…"))
        task = self.ctx.tasks.start(lambda control: load(db, user_id, True), "imports")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc, _tb: show_error(self, self.tr("อ่านรายการนำเข้าไม่ได้"), exc))

    def _loaded(self, loaded: Loaded) -> None:
        self.places = loaded.places
        self.round_titles = loaded.round_titles
        self.model.set_records(loaded.imports)
        fit_columns(self.table)
        n = len(loaded.imports)
        conflicts = sum(count(i, CONFLICTS) for i in loaded.imports)
        self.summary.setText(
            self.tr("นำเข้าแล้ว %1 ไฟล์ · เกิดข้อขัดแย้ง %2 ครั้ง")
            .replace("%1", str(n))
            .replace("%2", str(conflicts))
            if n
            else self.tr("ยังไม่มีการนำเข้าแพ็กเกจหรือแบบประเมิน Excel")
        )
        if loaded.keys is not None:
            self.keys.set_records(loaded.keys)
            fit_columns(self.keys_view)
        if n:
            self.table.selectRow(0)
            self._current()
        else:
            self.show_import(None)
        self.ctx.events.data_loaded.emit(self.key)

    def _current(self) -> None:
        index = self.table.currentIndex()
        self.show_import(self.proxy.record(index.row()) if index.isValid() else None)

    def show_import(self, info: ImportInfo | None) -> None:
        if info is None:
            self.detail_title.setText(self.tr("เลือกรายการนำเข้าเพื่อดูว่าเปลี่ยนอะไร"))
            self.detail_facts.setText("")
            self.sheets.set_records([])
            self.conflicts_button.hide()
            return
        self.detail_title.setText(f"{info.filename} · {info.inspector}")
        parts = [
            f"{outcome_title(o)} {info.counts[o]}"
            for o in ("insert", "replace", "conflict", "locked", "receive", "duplicate", "stale")
            if info.counts.get(o)
        ]
        self.detail_facts.setText(
            self.tr("นำเข้าเมื่อ %1 โดย %2")
            .replace("%1", local_time(info.imported_at))
            .replace("%2", info.actor)
            + "\n"
            + (" · ".join(parts) or self.tr("ไม่มีแบบประเมินใดเปลี่ยนแปลง"))
            + "\nSHA-256 "
            + info.content_sha256
        )
        self.sheets.set_records([SheetLine(s, self.places.get(s.tambon_code)) for s in info.sheets])
        fit_columns(self.sheets_view, {6: 360})
        self.conflicts_button.setVisible(
            count(info, CONFLICTS) > 0 and self.ctx.can(Action.RESOLVE_CONFLICT)
        )

    # actions ---------------------------------------------------------------------------------
    def open_import(self, kind: str) -> None:
        from ui.dialogs.transfer import ImportDialog

        dialog = ImportDialog(self.ctx, kind, self)
        dialog.exec()

    def register_key(self) -> None:
        from ui.dialogs.keys import RegisterKeyDialog

        index = self.keys_view.currentIndex()
        proxy = self.keys_view.model()
        assert isinstance(proxy, SortProxy)
        chosen = proxy.record(index.row()).inspector if index.isValid() else None
        dialog = RegisterKeyDialog(self.ctx, chosen, self)
        dialog.exec()
        if dialog.registered is not None:
            self.reload()
