"""The main window: a navigation bar of the views the user's role allows, menus, status bar.

It starts at a size that fits its screen, remembers its geometry (saved on every change) and the
last view shown (QSettings); each view scrolls when the window is smaller than the view's
minimum (a small screen at a large scaling).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from importlib import import_module

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from evaluator import __version__
from evaluator.db.migrate import current_revision
from evaluator.permissions import Action
from ui.context import AppContext
from ui.geometry import GeometryKeeper, restore_or_fit, scrolling
from ui.icons import icon
from ui.labels import role_title
from ui.views.base import View

PREFERRED_SIZE = QSize(1320, 860)  # shrunk to the screen's available area
NAV_ICON = QSize(28, 28)  # the navigation's icons, titles under them
NAV_ICON_COMPACT = QSize(20, 20)  # titles beside them, when the first does not fit the height


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    """``keys`` without repeats or empty sequences, in order."""
    out: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in out:
            out.append(key)
    return out


def _lazy(module: str, name: str) -> Callable[[], type[View]]:
    """A view class imported when first needed."""

    def load() -> type[View]:
        cls = getattr(import_module(module), name)
        assert isinstance(cls, type) and issubclass(cls, View)
        return cls

    return load


class LazyViews(Mapping[str, QWidget]):
    """The views by key, each built on first use (``views[key]``, ``views.get(key)``)."""

    def __init__(self) -> None:
        self._makers: dict[str, Callable[[], QWidget]] = {}
        self._built: dict[str, QWidget] = {}

    def add(self, key: str, make: Callable[[], QWidget]) -> None:
        self._makers[key] = make

    def built(self) -> dict[str, QWidget]:
        """The views built so far."""
        return dict(self._built)

    def __getitem__(self, key: str) -> QWidget:
        view = self._built.get(key)
        if view is None:
            view = self._built[key] = self._makers[key]()
        return view

    def __contains__(self, key: object) -> bool:
        return key in self._makers  # whether the role has the view; building it waits

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


class MainWindow(QMainWindow):
    """The application window for one user on one database."""

    switch_user = Signal()
    rebuild = Signal()  # the language changed: build the window again

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — กรมการพัฒนาชุมชน"))
        self.setWindowIcon(icon("app"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.views = LazyViews()
        self.pages: dict[str, QWidget] = {}  # each view in its scroll area
        self.view_actions: dict[str, QAction] = {}
        self.undo_places: list[QAction] = []  # see _build_menus
        self.nav = QToolBar(self.tr("มุมมอง"))
        self.nav.setObjectName("navigation")
        self.nav.setMovable(False)
        self.nav.setIconSize(NAV_ICON)
        self.nav.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.nav)
        self.nav_group = QActionGroup(self)
        self.nav_group.setExclusive(True)
        self._build_views()
        self._build_menus()
        self._build_status()
        ctx.events.open_sheet.connect(self.open_sheet)
        ctx.events.compare.connect(self.compare)
        ctx.events.show_view.connect(self.show_view)
        ctx.events.data_changed.connect(self._data_changed)
        ctx.events.sheet_saved.connect(self._sheet_saved)
        restore_or_fit(self, ctx.settings.geometry, PREFERRED_SIZE)
        state = ctx.settings.window_state
        if state is not None:
            self.restoreState(state)
        self.geometry_keeper = GeometryKeeper(self, self.save_geometry)
        self._nav_item_height = max(
            (self.nav.widgetForAction(a).sizeHint().height() for a in self.nav.actions()),
            default=0,
        )
        self.fit_navigation()
        last = ctx.settings.last_view
        first = self.show_view(last if last in self.views else next(iter(self.views)))
        # the first view's data starts loading now, in the background, while the window is
        # shown and painted (its own activation, queued by show_view, then finds it loading)
        activate = getattr(first, "activate", None)
        if activate is not None:
            activate()

    # building --------------------------------------------------------------------------------
    def _build_views(self) -> None:
        """The navigation of every view the role allows; a view is built (and its module,
        with the libraries it needs, imported) when first shown, so the window opens at once."""
        AuditView = _lazy("ui.views.audit", "AuditView")
        CompareView = _lazy("ui.views.compare", "CompareView")
        ConflictsView = _lazy("ui.views.conflicts", "ConflictsView")
        DashboardView = _lazy("ui.views.dashboard", "DashboardView")
        DocumentsView = _lazy("ui.views.documents", "DocumentsView")
        LessonsView = _lazy("ui.views.lessons", "LessonsView")
        PackagesView = _lazy("ui.views.packages", "PackagesView")
        RankingsView = _lazy("ui.views.rankings", "RankingsView")
        ScoringView = _lazy("ui.views.scoring", "ScoringView")
        SetupView = _lazy("ui.views.setup", "SetupView")
        TambonsView = _lazy("ui.views.tambons", "TambonsView")

        can = self.ctx.can
        specs: list[tuple[str, str, str, bool, Callable[[], type[View]]]] = [
            (
                "dashboard",
                self.tr("ความคืบหน้า"),
                "dashboard",
                can(Action.VIEW_PROGRESS),
                DashboardView,
            ),
            ("tambons", self.tr("ตำบล"), "tambons", can(Action.VIEW_TAMBONS), TambonsView),
            (
                "scoring",
                self.tr("แบบประเมิน"),
                "scoring",
                can(Action.EDIT_OWN_SHEET) or can(Action.VIEW_ALL_SHEETS),
                ScoringView,
            ),
            ("rankings", self.tr("จัดอันดับ"), "rankings", can(Action.VIEW_RANKINGS), RankingsView),
            ("compare", self.tr("เปรียบเทียบ"), "compare", can(Action.COMPARE), CompareView),
            (
                "packages",
                self.tr("แพ็กเกจ"),
                "packages",
                can(Action.IMPORT_PACKAGE),
                PackagesView,
            ),
            (
                "conflicts",
                self.tr("ข้อขัดแย้ง"),
                "conflict",
                can(Action.RESOLVE_CONFLICT),
                ConflictsView,
            ),
            (
                "documents",
                self.tr("เอกสาร"),
                "documents",
                can(Action.PRINT_CERTIFICATES) or can(Action.EXPORT_REPORTS),
                DocumentsView,
            ),
            (
                "lessons",
                self.tr("บทเรียน"),
                "lessons",
                can(Action.VIEW_ALL_SHEETS),  # an inspector writes theirs on the form
                LessonsView,
            ),
            ("audit", self.tr("บันทึก"), "audit", can(Action.VIEW_AUDIT_LOG), AuditView),
            ("setup", self.tr("ตั้งค่า"), "settings", can(Action.SET_UP_PEOPLE), SetupView),
        ]
        for number, (key, title, icon_name, allowed, cls) in enumerate(
            (s for s in specs if s[3]), start=1
        ):
            self.pages[key] = scrolling(None)
            self.stack.addWidget(self.pages[key])
            self.views.add(key, partial(self._make_view, key, cls))
            action = QAction(icon(icon_name), title, self)
            action.setObjectName(f"view_{key}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setToolTip(f"{title} (Ctrl+{number})")
            action.triggered.connect(lambda _checked=False, k=key: self.show_view(k))
            self.nav_group.addAction(action)
            self.nav.addAction(action)
            self.view_actions[key] = action
            del allowed

    def _make_view(self, key: str, load: Callable[[], type[View]]) -> View:
        page = self.pages[key]
        assert isinstance(page, QScrollArea)
        view = load()(self.ctx, page)  # a parent from the start: never a window of its own
        page.setWidget(view)
        form = getattr(view, "form", None) if key == "scoring" else None
        if form is not None and self.undo_places:
            self.edit_menu.insertActions(self.undo_places[0], [form.undo_action, form.redo_action])
            for place in self.undo_places:
                self.edit_menu.removeAction(place)
                place.deleteLater()
            self.undo_places.clear()
        return view

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("แฟ้ม"))
        self.import_menu = QMenu(self.tr("นำเข้า"), self)
        self.import_menu.setIcon(icon("import"))
        from ui.dialogs.kinds import EXPORT_KINDS, IMPORT_KINDS

        self.import_actions: dict[str, QAction] = {}
        for kind, title, permission in IMPORT_KINDS():
            if self.ctx.can(permission):
                act = self.import_menu.addAction(title)
                act.setObjectName(f"import_{kind}")
                act.triggered.connect(lambda _c=False, k=kind: self.open_import(k))
                self.import_actions[kind] = act
        if self.import_actions:
            file_menu.addMenu(self.import_menu)
        self.export_actions: dict[str, QAction] = {}
        for kind, title, actions in EXPORT_KINDS():
            if any(self.ctx.can(a) for a in actions):
                act = file_menu.addAction(icon("export"), title)
                act.setObjectName(f"export_{kind}")
                act.triggered.connect(lambda _c=False, k=kind: self.open_export(k))
                self.export_actions[kind] = act
        self.key_actions: dict[str, QAction] = {}
        if self.ctx.can(Action.EXPORT_OWN_PACKAGE) or self.ctx.can(Action.EXPORT_ANY_PACKAGE):
            mine = file_menu.addAction(icon("key"), self.tr("กุญแจของผู้ประเมิน…"))
            mine.setObjectName("myKey")
            mine.triggered.connect(self.open_my_key)
            self.key_actions["mine"] = mine
        if self.ctx.can(Action.IMPORT_PACKAGE):
            register = file_menu.addAction(icon("key"), self.tr("ลงทะเบียนกุญแจผู้ประเมิน…"))
            register.setObjectName("registerKey")
            register.triggered.connect(self.open_register_key)
            self.key_actions["register"] = register
        file_menu.addSeparator()
        switch = file_menu.addAction(icon("user"), self.tr("เปลี่ยนผู้ใช้…"))
        switch.setObjectName("switchUser")
        switch.triggered.connect(self.switch_user)
        settings = file_menu.addAction(icon("settings"), self.tr("ตั้งค่า…"))
        settings.setObjectName("settings")
        # Ctrl+, everywhere (the platform's own Preferences key has none on Windows and Linux)
        settings.setShortcuts(
            _unique(
                [
                    QKeySequence("Ctrl+,"),
                    *QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences),
                ]
            )
        )
        settings.triggered.connect(self.open_settings)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("ออก"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        self.edit_menu = bar.addMenu(self.tr("แก้ไข"))
        # the scoring form's undo and redo, which take these places when the form is built
        # (nothing to undo before: the form is not built until its view is first shown)
        if "scoring" in self.views:
            for name, title, key in (
                (
                    "undo",
                    QCoreApplication.translate("SheetForm", "เลิกทำ"),
                    QKeySequence.StandardKey.Undo,
                ),
                (
                    "redo",
                    QCoreApplication.translate("SheetForm", "ทำซ้ำ"),
                    QKeySequence.StandardKey.Redo,
                ),
            ):
                place = self.edit_menu.addAction(icon(name), title)
                place.setShortcut(QKeySequence(key))
                place.setEnabled(False)
                self.undo_places.append(place)
        find = self.edit_menu.addAction(self.tr("ค้นหาตำบล"))
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.find_tambon)

        view_menu = bar.addMenu(self.tr("มุมมอง"))
        for view_action in self.view_actions.values():
            view_menu.addAction(view_action)
        help_menu = bar.addMenu(self.tr("ช่วยเหลือ"))
        guide = help_menu.addAction(icon("help"), self.tr("คู่มือการใช้งาน"))
        guide.setObjectName("userGuide")
        guide.setShortcuts(
            _unique(
                [
                    QKeySequence("F1"),
                    *QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents),
                ]
            )
        )
        guide.triggered.connect(self.open_guide)
        self.guide_dialog: QWidget | None = None
        help_menu.addSeparator()
        about = help_menu.addAction(self.tr("เกี่ยวกับโปรแกรม"))
        about.triggered.connect(self.about)

    def _build_status(self) -> None:
        user = self.ctx.user
        who = f"{user.name} · {role_title(user.role)}"
        if user.inspector_name and user.inspector_name != user.name:
            who += f" ({user.inspector_name})"
        self.user_label = QLabel(who)
        self.user_label.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        path = self.ctx.db.file_path
        self.db_label = QLabel(str(path) if path else self.ctx.db.engine.url.render_as_string())
        self.db_label.setObjectName("dbLabel")
        self.schema = current_revision(self.ctx.db)
        self.db_label.setToolTip(
            f"ฐานข้อมูล — database: {self.db_label.text()}\n"
            f"รุ่นโครงสร้างฐานข้อมูล — schema: {self.schema or '-'}\n"
            f"โปรแกรม — program: evaluator {__version__}"
        )
        self.statusBar().addWidget(self.db_label, 1)

    # navigation ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_navigation()

    def fit_navigation(self) -> None:
        """Titles under the icons when every view fits the height; else smaller icons with the
        titles beside them, so that no view hides behind the toolbar's overflow button (a
        1366×768 screen at 125 % holds about seven views the first way)."""
        item = getattr(self, "_nav_item_height", 0)  # 0 while the window is being built
        central = self.centralWidget()
        room = central.height() if central is not None else self.height()
        needed = item * len(self.nav.actions()) + 12
        compact = needed > room
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if compact
            else Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        )
        if self.nav.toolButtonStyle() != style:
            self.nav.setToolButtonStyle(style)
            self.nav.setIconSize(NAV_ICON_COMPACT if compact else NAV_ICON)

    def show_view(self, key: str) -> QWidget | None:
        view = self.views.get(key)
        if view is None:
            return None
        current = self.views.built().get(self.current_view_key())  # never built: nothing to flush
        if current is not None and current is not view and hasattr(current, "flush"):
            current.flush()
        self.stack.setCurrentWidget(self.pages[key])
        self.view_actions[key].setChecked(True)
        self.ctx.settings.last_view = key
        activate = getattr(view, "activate", None)
        if activate is not None:
            QTimer.singleShot(0, activate)
        return view

    def current_view_key(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, page in self.pages.items() if page is current), "")

    def open_sheet(self, sheet_id: int) -> None:
        from ui.views.scoring import ScoringView

        view = self.show_view("scoring")
        if isinstance(view, ScoringView):
            view.open_sheet(sheet_id)

    def compare(self, codes: list[str]) -> None:
        from ui.views.compare import CompareView

        view = self.views.get("compare")
        if isinstance(view, CompareView):
            view.set_codes(codes)
            self.show_view("compare")

    def find_tambon(self) -> None:
        from ui.views.tambons import TambonsView

        view = self.show_view("tambons")
        if isinstance(view, TambonsView):
            view.focus_search()

    def _data_changed(self) -> None:
        for view in self.views.built().values():  # the others load when first shown
            mark = getattr(view, "mark_stale", None)
            if mark is not None:
                mark()

    def _sheet_saved(self, _sheet_id: int) -> None:
        for key, view in self.views.built().items():
            if key != "scoring" and hasattr(view, "mark_stale"):
                view._stale = True  # type: ignore[attr-defined]

    # dialogs ---------------------------------------------------------------------------------
    def open_import(self, kind: str) -> None:
        from ui.dialogs.transfer import ImportDialog

        dialog = ImportDialog(self.ctx, kind, self)
        dialog.exec()

    def open_export(self, kind: str) -> None:
        from ui.dialogs.export import ExportDialog

        dialog = ExportDialog(self.ctx, kind, self)
        dialog.exec()

    def open_my_key(self) -> None:
        from ui.dialogs.keys import MyKeyDialog

        MyKeyDialog(self.ctx, self).exec()

    def open_register_key(self) -> None:
        from ui.dialogs.keys import RegisterKeyDialog

        dialog = RegisterKeyDialog(self.ctx, None, self)
        dialog.exec()
        if dialog.registered is not None:
            self.ctx.events.data_changed.emit()

    def open_settings(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        if dialog.exec() and dialog.language_changed:
            self.rebuild.emit()

    def open_guide(self) -> QWidget:
        """The user guide beside the window (one, brought to the front when open already)."""
        from ui.dialogs.guide import GuideDialog

        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self)
        self.guide_dialog.show()
        self.guide_dialog.raise_()
        self.guide_dialog.activateWindow()
        return self.guide_dialog

    def about(self) -> None:
        from ui.dialogs.about import AboutDialog

        AboutDialog(self.db_label.text(), self.schema, self).exec()

    # closing ---------------------------------------------------------------------------------
    def save_geometry(self) -> None:
        """Keep the window's geometry and toolbar state (on every change, debounced)."""
        self.ctx.settings.geometry = self.saveGeometry()
        self.ctx.settings.window_state = self.saveState()
        self.ctx.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for view in self.views.built().values():
            flush = getattr(view, "flush", None)
            if flush is not None:
                flush()
        self.geometry_keeper.timer.stop()
        self.save_geometry()
        self.ctx.settings.last_view = self.current_view_key()
        self.ctx.settings.sync()
        self.ctx.tasks.shutdown()
        super().closeEvent(event)
