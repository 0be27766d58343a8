"""Benchmark the desktop app: cold start to the main window on screen with its first view's data
(a fresh Python process each time, imports included), filtering the tambon list as the user
types (the 1,000 demo tambons and 15,000 rows), and the autosave of one score.

Run: ``.venv/bin/python bench/bench_ui.py [--runs N] [--db PATH]``. Uses the offscreen Qt
platform unless ``QT_QPA_PLATFORM`` is set; the demo database is built once and kept in the
temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

# the code measured: this checkout, or another one named by BENCH_CODE (the code before a change,
# measured by this same bench in turn with it)
sys.path.insert(0, os.environ.get("BENCH_CODE") or str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD = r"""
import sys, time
t0 = time.perf_counter()
from evaluator import startup
startup.pause()  # first thing, as the entry point does (ui/launch.py)
from ui.app import create_application, show_main_window  # first, as ui/launch.py imports it
from PySide6.QtCore import QTimer
from ui.i18n import install_language
from ui.settings import UiSettings
from evaluator.db import models
models_loaded = getattr(models, "loaded", lambda: True)  # before the sixth pass: built at import
from evaluator.services.setup import open_ready
from evaluator.services.users import list_users
t_import = time.perf_counter()
app = create_application(sys.argv[:1])
install_language(app, "th")
db = open_ready(sys.argv[1])  # the schema and the zone table checked, as at every start
# the sign-in's list (ui/dialogs/identity.choose_user), the user picked instead of signing in
user = next(u for u in list_users(db) if u.role.value == sys.argv[2])
settings = UiSettings.at(sys.argv[3])
settings.last_view = sys.argv[4]
window = show_main_window(db, user, settings)  # what the app does after the sign-in
marks = {}
def loaded(key):
    marks.setdefault("loaded", time.perf_counter())
window.ctx.events.data_loaded.connect(loaded)
def poll():
    handle = window.windowHandle()
    if "shown" not in marks and handle is not None and handle.isExposed():
        marks["shown"] = time.perf_counter()
        marks["cpu"] = time.process_time()  # the process's own CPU (every thread) to here
    if "shown" in marks and "loaded" in marks and "ready_cpu" not in marks:
        # ready: the window on screen with its first view's data (the figure compared)
        marks["ready_cpu"] = time.process_time()
        print("READY", flush=True)
    if "ready_cpu" in marks and models_loaded():
        # then, in the GUI's idle time, the mapped classes built (ui.app.load_models_when_idle)
        marks["models_cpu"] = time.process_time()
        app.quit()
        return
    QTimer.singleShot(1, poll)
poll()
QTimer.singleShot(30000, app.quit)
app.exec()
print("TIMES", t_import - t0, marks.get("shown", 0) - t0, marks.get("loaded", 0) - t0,
      marks.get("cpu", 0), marks.get("ready_cpu", 0), marks.get("models_cpu", 0), flush=True)
window.close()
db.dispose()
"""


BARE = r"""
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 1000
    def columnCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 8
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return f"ตำบล {index.row()} {index.column()}"
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
view.setModel(Model())
window.setCentralWidget(view)
window.resize(1320, 728)
window.show()
def poll():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        print("READY", flush=True)
        shown, cpu = time.perf_counter() - t0, time.process_time()
        print("TIMES", 0, shown, shown, cpu, cpu, cpu, flush=True)
        app.quit()
        return
    QTimer.singleShot(1, poll)
poll()
app.exec()
"""


ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("evaluator", "ui", "reports", "resources")


def bytecode(cached: bool) -> str:
    """The program's own modules with their bytecode cache, as installed (pip and the bundle
    compile every module; a source tree writes its cache on first start), or without: every
    start compiles them (PYTHONDONTWRITEBYTECODE with no __pycache__, as on the build
    machine). The libraries in .venv keep theirs either way."""
    import compileall
    import shutil

    for package in PACKAGES:
        for cache in (ROOT / package).rglob("__pycache__"):
            shutil.rmtree(cache)
        if cached:
            compileall.compile_dir(ROOT / package, quiet=1)
    return "cached, as installed" if cached else "none: compiled at every start"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # the cache stays as chosen


def _run(script: str, *args: str) -> tuple[float, list[float]]:
    """One fresh process: its wall time from start to "READY" (the window on screen with its
    first view's data), and its TIMES line."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(),
    )
    assert proc.stdout is not None
    wall, times = 0.0, [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    for line in proc.stdout:
        if line.startswith("READY"):
            wall = time.perf_counter() - start
        if line.startswith("TIMES"):
            times = [float(x) for x in line.split()[1:]]
    proc.wait()
    return wall, times


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def demo_db(path: Path | None) -> Path:
    from evaluator.db import open_database
    from evaluator.services.demo import create_demo

    target = path or Path(tempfile.gettempdir()) / "cdd-evaluator-bench" / "bench-demo.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(target)
    create_demo(db, if_missing=True)
    db.dispose()
    return target


def cold_start(db: Path, role: str, view: str, runs: int) -> None:
    """Process start → main window on screen with its first view's data (the window exposed
    and the view's data shown, whichever comes last), each run of the app right after a run of
    the bare window (a bare PySide6 window with a 1,000-row table, a fresh process too), so
    that both see the same load; the ratio is of the medians."""
    print(f"cold start to the main window ({role}, first view '{view}'), {runs} runs each:")
    bare, walls, shown, loaded, imports, bare_cpu, cpu, cpu_shown, idle = ([] for _ in range(9))
    load = _load()
    for _ in range(runs):
        wall, (*_times, t_cpu, _) = _run(BARE)
        bare.append(wall)
        bare_cpu.append(t_cpu)
        with tempfile.TemporaryDirectory() as tmp:
            wall, (t_import, t_shown, t_loaded, t_cpu_shown, t_cpu, t_models) = _run(
                CHILD, str(db), role, str(Path(tmp) / "ui.ini"), view
            )
        walls.append(wall)
        imports.append(t_import)
        shown.append(t_shown)
        loaded.append(t_loaded)
        cpu.append(t_cpu)
        cpu_shown.append(t_cpu_shown)
        idle.append(t_models - t_cpu)
    ratio = statistics.median(walls) / statistics.median(bare)
    print(
        f"  bare window: median {statistics.median(bare):.2f} s (min {min(bare):.2f}, max "
        f"{max(bare):.2f}); the app with its first view's data: median "
        f"{statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}): "
        f"×{ratio:.1f} the bare window (load {load} → {_load()})"
    )
    print(
        f"  inside the app's process: imports {statistics.median(imports):.2f} s, window shown "
        f"at {statistics.median(shown):.2f} s, first view's data on screen at "
        f"{statistics.median(loaded):.2f} s"
    )
    # CPU time hardly depends on what else the machine runs: the ratio to read on a busy one
    cpu_ratio = statistics.median(cpu) / statistics.median(bare_cpu)
    print(
        f"  CPU of the process (every thread) up to the window with its data: the app "
        f"{1000 * statistics.median(cpu):.0f} ms (at the window shown "
        f"{1000 * statistics.median(cpu_shown):.0f} ms), the bare window "
        f"{1000 * statistics.median(bare_cpu):.0f} ms: ×{cpu_ratio:.1f}; after it, the mapped "
        f"classes built when the GUI is idle: {1000 * statistics.median(idle):.0f} ms of CPU"
    )


def program_start(db: Path, runs: int) -> None:
    """The ``evaluator`` program itself (ui/launch.py, as a launcher starts it) to its first
    window, the sign-in, beside the bare window: EVALUATOR_EXIT_WHEN_SHOWN makes it quit there."""
    program = Path(sys.executable).with_name("evaluator")
    print(f"the evaluator program to its first window (the sign-in), {runs} runs each:")
    bare, walls = [], []
    load = _load()
    for _ in range(runs):
        bare.append(_run(BARE)[0])
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(program), "--db", str(db)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**_env(), "EVALUATOR_EXIT_WHEN_SHOWN": "1"},
        )
        assert proc.stdout is not None
        wall = 0.0
        for line in proc.stdout:
            if "window shown" in line and not wall:
                wall = time.perf_counter() - start
        assert proc.wait() == 0 and wall, "the program showed no window"
        walls.append(wall)
    ratio = statistics.median(walls) / statistics.median(bare)
    print(
        f"  bare window: median {statistics.median(bare):.2f} s; the program to its sign-in "
        f"window: median {statistics.median(walls):.2f} s (min {min(walls):.2f}, "
        f"max {max(walls):.2f}): ×{ratio:.1f} the bare window (load {load} → {_load()})"
    )


def filtering(db_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel, QTableView

    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.services.tambons import list_tambons
    from evaluator.services.users import list_users
    from ui.models.tambons import TambonFilterProxy, TambonTableModel

    app = _application()
    assert isinstance(app, QApplication)
    db = open_database(db_path)
    committee = next(u for u in list_users(db) if u.role is m.Role.COMMITTEE)
    start = time.perf_counter()
    rows = list_tambons(db, committee)
    print(f"list_tambons (1,000 rows, one query): {1000 * (time.perf_counter() - start):.0f} ms")
    big = [replace(r, code=f"{i:02d}{r.code}") for i in range(15) for r in rows]
    typing = ["ห", "หน", "หนอ", "หนอง", "หนองบ", "หนองบั", "หนองบัว"]
    latin = ["n", "no", "non", "nong", "nong b", "nong bu", "nong bua"]
    print("filtering as the user types (each keystroke: filter + the view's update):")
    print(
        "| rows | sorted by | Thai keystrokes: median / max (CPU median) | Latin: median / max"
        " (CPU) | clear (CPU) |"
    )
    print("|---|---|---|---|---|")
    for data in (rows, big):
        for sort_column in (-1, TambonTableModel.TAMBON):
            model = TambonTableModel()
            start = time.perf_counter()
            model.set_rows(data)
            load_ms = 1000 * (time.perf_counter() - start)
            proxy = TambonFilterProxy()
            proxy.setSourceModel(model)
            window, view, label = _list_window(proxy)
            assert isinstance(view, QTableView) and isinstance(label, QLabel)
            if sort_column >= 0:
                view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
            app.processEvents()

            def apply(
                text: str,
                proxy: TambonFilterProxy = proxy,
                label: QLabel = label,
                total: int = len(data),
            ) -> None:
                proxy.set_filters(text=text)
                label.setText(f"{proxy.rowCount():,} จาก {total:,} ตำบล")

            cpu: list[float] = []
            keystroke = _typed(app, apply, proxy.rowCount, cpu)
            thai = [keystroke(t) for t in typing]
            lat = [keystroke(t) for t in latin]
            clear = keystroke("")
            order = "(service order)" if sort_column < 0 else "tambon name"
            print(
                f"| {len(data):,} | {order} | {_keys(thai, cpu[: len(typing)])}"
                f" | {_keys(lat, cpu[len(typing) : -1])} | {clear:.1f} ms ({cpu[-1]:.1f}) |"
                + (f" (model filled in {load_ms:.0f} ms)" if sort_column < 0 else "")
            )
            window.close()  # type: ignore[attr-defined]
        baseline(app, data, typing, latin)
    db.dispose()


def sort_clicks(db_path: Path, rows: int = 15_000) -> None:
    """A click on a column's header of a list on ``keyed.SortProxy`` (the proxy of the smaller
    lists: rankings, my work, documents, ties…), over the tambon table (8 columns), four
    columns each ascending then descending, the view updated; beside, in the same run, the
    same clicks on the proxy those lists had before (Qt's sort with a Python ``lessThan`` on
    the same precomputed values) and on a bare C++ proxy sorting the tambon names locale-aware
    over a ``QStringListModel``."""
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtWidgets import QTableView

    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.services.tambons import list_tambons
    from evaluator.services.users import list_users
    from ui.models.keyed import SortProxy
    from ui.models.records import RecordTableModel
    from ui.models.tambons import TambonTableModel

    class LessThanProxy(QSortFilterProxyModel):  # the proxy of those lists before
        def __init__(self) -> None:
            super().__init__()
            self.setDynamicSortFilter(True)

        def lessThan(self, left: object, right: object) -> bool:
            values = model.sort_values(left.column())  # type: ignore[attr-defined]
            return bool(values[left.row()] < values[right.row()])  # type: ignore[attr-defined]

    app = _application()
    db = open_database(db_path)
    committee = next(u for u in list_users(db) if u.role is m.Role.COMMITTEE)
    base = list_tambons(db, committee)
    db.dispose()
    data = [replace(r, code=f"{i:02d}{r.code}") for i in range(rows // len(base)) for r in base]
    model: RecordTableModel = TambonTableModel()
    model.set_records(data)
    T = TambonTableModel
    clicks = [
        (column, order)
        for column in (T.TAMBON, T.PROVINCE, T.SCORE, T.CODE)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    ]
    print(f"a header click, {len(data):,} tambon rows, 8 columns (load {_load()}):")
    print("| proxy | click: median / max (CPU median) |")
    print("|---|---|")
    names = QStringListModel([r.tambon for r in data])
    bare = QSortFilterProxyModel()
    bare.setSourceModel(names)
    bare.setSortLocaleAware(True)
    proxies: list[tuple[str, object, list[tuple[int, Qt.SortOrder]]]] = [
        ("keyed.SortProxy (ours)", SortProxy(), clicks),
        ("Qt's sort, Python lessThan (before)", LessThanProxy(), clicks),
        (
            "bare C++, one column of names, locale-aware",
            bare,
            [(0, order) for _column, order in clicks],
        ),
    ]
    for title, proxy, steps in proxies:
        if proxy is not bare:
            proxy.setSourceModel(model)  # type: ignore[attr-defined]
        window, view, _label = _list_window(proxy)
        assert isinstance(view, QTableView)
        app.processEvents()  # type: ignore[attr-defined]
        wall, cpu = [], []
        for column, order in steps:
            t, c = time.perf_counter(), time.process_time()
            view.sortByColumn(column, order)
            settle(app)
            cpu.append(1000 * (time.process_time() - c))
            wall.append(1000 * (time.perf_counter() - t))
        window.close()  # type: ignore[attr-defined]
        print(f"| {title} | {_keys(wall, cpu)} |")


def _application() -> object:
    """The QApplication with the app's font (Sarabun, as ``ui.app.create_application`` sets
    it): the lists paint Thai in the font the user sees, not in a fallback font."""
    from PySide6.QtWidgets import QApplication

    from ui.fonts import app_font, load_sarabun

    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        app.setFont(app_font(load_sarabun()))  # type: ignore[attr-defined]
    return app


def settle(app: object) -> None:
    """The events a change posted, and the ones those post: Qt lays out a view's new rows on
    the event loop's next turn and may paint it again then, work that one ``processEvents``
    leaves to the next keystroke's figure."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    app.processEvents()
    app.processEvents()


def _keys(wall: list[float], cpu: list[float]) -> str:
    """Keystrokes' wall median / max and, in brackets, their CPU median (ms)."""
    return f"{statistics.median(wall):.1f} / {max(wall):.1f} ms ({statistics.median(cpu):.1f})"


def baseline(app: object, data: list, typing: list[str], latin: list[str]) -> None:  # type: ignore[type-arg]
    """The bare C++ baseline in the same run: a QStringListModel of the same tambon names under
    a plain QSortFilterProxyModel, sorted locale-aware, filtered with a fixed string."""
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtWidgets import QApplication, QLabel, QTableView

    assert isinstance(app, QApplication)
    names = QStringListModel([f"{r.tambon} {r.district} {r.province} {r.tambon_en}" for r in data])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(names)
    proxy.setSortLocaleAware(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    window, view, label = _list_window(proxy)
    assert isinstance(view, QTableView) and isinstance(label, QLabel)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    app.processEvents()

    def apply(text: str) -> None:
        proxy.setFilterFixedString(text)
        label.setText(f"{proxy.rowCount():,} จาก {len(data):,} ตำบล")

    cpu: list[float] = []
    keystroke = _typed(app, apply, proxy.rowCount, cpu)
    thai = [keystroke(t) for t in typing]
    lat = [keystroke(t) for t in latin]
    clear = keystroke("")
    print(
        f"| {len(data):,} | bare C++ baseline, sorted | {_keys(thai, cpu[: len(typing)])}"
        f" | {_keys(lat, cpu[len(typing) : -1])} | {clear:.1f} ms ({cpu[-1]:.1f}) |"
    )
    window.close()  # type: ignore[attr-defined]


def _typed(
    app: object, apply: Callable[[str], object], count: Callable[[], int], cpu: list[float]
) -> Callable[[str], float]:
    """A keystroke: the filter applied and the view updated, in ms of wall time; its CPU time
    (Qt filters and paints in this process and thread) is appended to ``cpu``: other work on a
    busy machine makes us wait for a core, which inflates the wall time but not this."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)

    def keystroke(text: str) -> float:
        t, c = time.perf_counter(), time.process_time()
        apply(text)
        count()
        settle(app)
        cpu.append(1000 * (time.process_time() - c))
        return 1000 * (time.perf_counter() - t)

    return keystroke


def _list_window(model: object) -> tuple[object, object, object]:
    """A window as the views build their lists: a count label above a table set up by
    ``ui.widgets.setup_table`` (whole-row selection, no row numbers, sortable headers)."""
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

    from ui.widgets import setup_table

    assert isinstance(model, QAbstractItemModel)
    window = QWidget()
    layout = QVBoxLayout(window)
    label = QLabel("")
    view = QTableView()
    view.setModel(model)
    setup_table(view)
    layout.addWidget(label)
    layout.addWidget(view, 1)
    window.resize(1200, 800)
    window.show()
    return window, view, label


def _bare_keystrokes(
    source: object, rows: int, typing: list[str], search_column: int = 0
) -> tuple[list[float], float, list[float]]:
    """The bare C++ baseline over ``source``: a plain QSortFilterProxyModel sorted locale-aware
    on the first column, filtered with a fixed string on ``search_column`` (hidden when it is
    not the first), in the same kind of window, with the same count label."""
    from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QLabel, QTableView

    app = QApplication.instance()
    assert isinstance(source, QAbstractItemModel)
    bare = QSortFilterProxyModel()
    bare.setSourceModel(source)
    bare.setSortLocaleAware(True)
    bare.setFilterKeyColumn(search_column)
    bare.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    window, view, label = _list_window(bare)
    assert isinstance(view, QTableView) and isinstance(label, QLabel)
    if search_column:
        view.setColumnHidden(search_column, True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    app.processEvents()  # type: ignore[union-attr]

    def bare_filter(text: str) -> None:
        bare.setFilterFixedString(text)
        label.setText(f"{bare.rowCount():,} จาก {rows:,} รายการ")

    cpu: list[float] = []
    key = _typed(app, bare_filter, bare.rowCount, cpu)
    keys = [key(t) for t in typing]
    clear = key("")
    window.close()  # type: ignore[attr-defined]
    return keys, clear, cpu


def keyed_list(
    title: str,
    cells: list[list[str]],
    make: Callable[[], tuple[object, object]],
    filter_text: Callable[[object, str], object],
    typing: list[str],
    rounds: int = 3,
) -> None:
    """A list sorted on its first column, filtered key by key and then cleared, as the view
    builds it (the model, its KeyedProxy, a table set up like the app's, the count label
    updated on each keystroke), each round right after two bare C++ baselines: a
    QStringListModel of each row's texts in one column (the issue's baseline), and the same
    cells as ours in as many columns with the texts in one more, hidden, searched (a
    QStandardItemModel: Qt's C++ painting of the same table, so what is left between it and
    ours is Python), each under a plain
    QSortFilterProxyModel, sorted locale-aware, filtered with a fixed string."""
    from PySide6.QtCore import QStringListModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel, QTableView

    app = _application()
    assert isinstance(app, QApplication)
    texts = [" ".join(row) for row in cells]
    columns = len(cells[0])
    table = QStandardItemModel(0, columns + 1)  # the cells, then the search text (hidden)
    for row, text in zip(cells, texts, strict=True):
        table.appendRow([QStandardItem(cell) for cell in (*row, text)])
    print(
        f"{title}: {len(texts):,} rows sorted on the first column, typing {typing[-1]!r} key by"
        f" key, then clearing (load {_load()}):"
    )
    print(
        "| round | ours: keystroke median / max (CPU median) | clear (CPU) | bare C++, one"
        " column: median / max (CPU) | clear (CPU) | bare C++, the same columns: median / max"
        " (CPU) | clear (CPU) |"
    )
    print("|---|---|---|---|---|---|---|")

    def summary(keys: list[float], clear: float, cpu: list[float]) -> str:
        return (
            f"{statistics.median(keys):.1f} / {max(keys):.1f} ms"
            f" ({statistics.median(cpu[:-1]):.1f}) | {clear:.1f} ms ({cpu[-1]:.1f})"
        )

    for n in range(rounds):
        bare = _bare_keystrokes(QStringListModel(texts), len(texts), typing)
        same = _bare_keystrokes(table, len(texts), typing, columns)

        _model, proxy = make()  # the model kept alive beside its proxy
        window, view, label = _list_window(proxy)
        assert isinstance(view, QTableView) and isinstance(label, QLabel)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        app.processEvents()

        def apply(text: str, proxy: object = proxy, label: QLabel = label) -> None:
            filter_text(proxy, text)
            label.setText(f"{proxy.rowCount():,} จาก {len(texts):,} รายการ")  # type: ignore[attr-defined]

        cpu: list[float] = []
        key = _typed(app, apply, proxy.rowCount, cpu)  # type: ignore[attr-defined]
        ours = [key(t) for t in typing]
        shown = proxy.rowCount()  # type: ignore[attr-defined]
        clear = key("")
        window.close()  # type: ignore[attr-defined]
        print(
            f"| {n + 1} ({shown} rows left) | {summary(ours, clear, cpu)} | {summary(*bare)}"
            f" | {summary(*same)} |"
        )


def leaders(db_path: Path, rounds: int = 3) -> None:
    """The set-up view's 15,000 change leaders sorted by name (ui.models.people.PeopleFilter,
    as the view builds it)."""
    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.services.people_lists import list_leaders
    from evaluator.services.users import list_users
    from ui.models.people import PeopleFilter
    from ui.models.records import Column, RecordTableModel

    db = open_database(db_path)
    admin = next(u for u in list_users(db) if u.role is m.Role.ADMIN)
    rows = list_leaders(db, admin)
    db.dispose()
    columns = [
        Column("name", lambda r: r.full_name, lambda r: f"{r.first_name} {r.last_name}"),
        Column("position", lambda r: r.position),
        Column("village", lambda r: r.village),
        Column("tambon", lambda r: r.tambon),
        Column("district", lambda r: r.district),
        Column("province", lambda r: r.province),
        Column("zone", lambda r: str(r.zone), lambda r: r.zone),
    ]
    cells = [[c.display(r) for c in columns] for r in rows]
    name = rows[len(rows) // 2].first_name

    def make() -> tuple[object, object]:
        model = RecordTableModel(columns)
        model.set_records(rows)
        proxy = PeopleFilter(
            lambda r: (
                r.full_name,
                r.position,
                r.village,
                r.tambon,
                r.tambon_code,
                r.district,
                r.province,
            )
        )
        proxy.setSourceModel(model)
        return model, proxy

    def apply(proxy: object, text: str) -> None:
        assert isinstance(proxy, PeopleFilter)
        proxy.set_filters(None, None, text)

    typing = [name[: i + 1] for i in range(min(len(name), 6))]
    keyed_list("leaders list", cells, make, apply, typing, rounds)


def sheet_list(db_path: Path, rounds: int = 3) -> None:
    """The scoring view's sheet list (its columns and ``_SheetFilter``), the committee's 2,456
    demo sheets six times over (14,736 rows), sorted by tambon, typing a tambon's name."""
    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.services.sheets import list_sheets
    from evaluator.services.users import list_users
    from ui.labels import sheet_status_title
    from ui.models.records import CENTER, RIGHT, Column, RecordTableModel
    from ui.views.scoring.list import _SheetFilter

    db = open_database(db_path)
    committee = next(u for u in list_users(db) if u.role is m.Role.COMMITTEE)
    sheets = list_sheets(db, committee)
    db.dispose()
    rows = [replace(s, tambon_code=f"{i}{s.tambon_code}") for i in range(6) for s in sheets]
    columns = [
        Column("tambon", lambda s: s.tambon),
        Column("inspector", lambda s: s.inspector),
        Column("round", lambda s: s.round_code),
        Column("status", lambda s: sheet_status_title(s.status)),
        Column("scored", lambda s: f"{s.scored}/{s.criteria}", lambda s: s.scored, CENTER),
        Column(
            "total",
            lambda s: "–" if s.total is None else f"{s.total:.1f}",
            lambda s: s.total,
            RIGHT,
        ),
    ]
    cells = [[c.display(s) for c in columns] for s in rows]

    def make() -> tuple[object, object]:
        model = RecordTableModel(columns)
        model.set_records(rows)
        proxy = _SheetFilter()
        proxy.setSourceModel(model)
        return model, proxy

    def apply(proxy: object, text: str) -> None:
        assert isinstance(proxy, _SheetFilter)
        proxy.set_filter_text(text, False)

    name = rows[len(rows) // 2].tambon
    typing = [name[: i + 1] for i in range(min(len(name), 6))]
    keyed_list("sheet list", cells, make, apply, typing, rounds)


def autosave(db_path: Path) -> None:
    import shutil

    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.services import sheets
    from evaluator.services.users import list_users

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        shutil.copy(db_path, copy)
        db = open_database(copy)
        inspector = next(
            u
            for u in list_users(db)
            if u.role is m.Role.INSPECTOR
            and any(s.status is m.SheetStatus.DRAFT for s in sheets.list_sheets(db, u))
        )
        draft = next(
            s for s in sheets.list_sheets(db, inspector) if s.status is m.SheetStatus.DRAFT
        )
        view = sheets.get_sheet(db, inspector, draft.id)
        c = view.criteria[0]
        times = []
        for i in range(60):
            t = time.perf_counter()
            sheets.set_score(db, inspector, draft.id, c.criterion_id, float(i % int(c.max_score)))
            times.append(1000 * (time.perf_counter() - t))
        db.dispose()
    print(
        f"autosave of one score (transaction, version bump, audit entry; SQLite WAL, "
        f"synchronous=FULL): median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms over {len(times)} changes"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument(
        "--only",
        choices=("start", "lists", "sorting", "leaders", "audit", "autosave"),
        default=None,
    )
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="another checkout (the code before a change): the audit list measured in turn with it",
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="start without the program's bytecode cache (every start compiles its modules)",
    )
    args = parser.parse_args()
    db = demo_db(args.db)
    if args.only in (None, "start"):
        print(f"the program's bytecode: {bytecode(not args.no_bytecode)}")
        cold_start(db, "committee", "dashboard", args.runs)
        cold_start(db, "inspector", "tambons", args.runs)
        program_start(db, args.runs)
    if args.only in (None, "lists"):
        filtering(db)
    if args.only in (None, "lists"):
        sheet_list(db)
    if args.only in (None, "lists", "sorting"):
        sort_clicks(db, 1_000)
        sort_clicks(db, 15_000)
    if args.only in (None, "leaders"):
        leaders(db)
    if args.only in (None, "audit"):
        from bench_ui_audit import audit

        audit(db, args.before)
    if args.only in (None, "autosave"):
        autosave(db)


if __name__ == "__main__":
    main()
