"""The audit list of the desktop app (``bench_ui.py --only audit``): what the user waits for after
the typing pause (the text filter's query and the list refilled and painted) and a click on a
column's header with the whole log loaded, on the demo's log and on a larger log made by a real
import of scores, each beside a bare baseline measured in the same process.

Each measurement runs in a fresh process (``python bench/bench_ui_audit.py CODE DB``) with the
code of the checkout ``CODE`` first on ``sys.path``: with ``--before CHECKOUT`` the code before
a change runs in turn with ours, in the same minutes. The child prints one JSON line.

- **ours**: the app's ``AuditView`` in a 1366-pixel-wide window; a keystroke is the filter's
  ``apply_filters`` (what the typing pause's end calls) to the first page shown: the count and
  the page read by the background helper, the rows handed to the model and the table painted;
  a header click is ``sortByColumn`` with the view painted, over every entry of the log loaded
  (the first click on a column included, which computes its keys);
- **bare**: the same two SQL statements (the count and the first page of 500, newest first)
  through ``sqlite3`` into a C++ ``QStringListModel`` (each row's texts joined) under a plain
  ``QSortFilterProxyModel``, in the same kind of window; its header click sorts the whole log's
  entity keys locale-aware in C++.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# what a committee member types to find entries (key by key, each prefix a query after the pause)
DEMO_WORD = "สมศักดิ์"
BIG_WORD = "ผู้ประเมิน 07"

_WHERE = (
    "entity != 'digest' AND (old LIKE '%' || ? || '%' ESCAPE '/'"
    " OR new LIKE '%' || ? || '%' ESCAPE '/' OR reason LIKE '%' || ? || '%' ESCAPE '/')"
)
_QUALIFIED = (
    "audit_log.entity != 'digest' AND (audit_log.old LIKE '%' || ? || '%' ESCAPE '/'"
    " OR audit_log.new LIKE '%' || ? || '%' ESCAPE '/'"
    " OR audit_log.reason LIKE '%' || ? || '%' ESCAPE '/')"
)
_PAGE = (
    "SELECT id, at, actor, source, action, entity, entity_key, old, new, reason, hash"
    " FROM audit_log WHERE {where} ORDER BY id DESC LIMIT 500"
)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# --- the child: one code's figures beside the bare ones ----------------------------------------


def _escape(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _child(db_path: Path, word: str) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtWidgets import QApplication, QLabel, QTableView, QVBoxLayout, QWidget

    from evaluator.db import models as m
    from evaluator.db import open_database
    from evaluator.services.users import list_users
    from ui.context import AppContext
    from ui.fonts import app_font, load_sarabun
    from ui.models.audit import AuditTableModel
    from ui.settings import UiSettings
    from ui.tasks import TaskRunner
    from ui.views.audit import AuditView

    app = QApplication([])
    app.setFont(app_font(load_sarabun()))
    folder = tempfile.mkdtemp(prefix="bench-audit-")
    db_path = Path(shutil.copy(db_path, folder))  # each run from the same file (no index yet)
    db = open_database(db_path)
    user = next(u for u in list_users(db) if u.role is m.Role.COMMITTEE)
    ctx = AppContext(db, user, UiSettings.at(Path(folder) / "ui.ini"), TaskRunner())
    view = AuditView(ctx)
    view.resize(1366, 720)
    model = view.model

    def settle() -> None:  # the view painted, and what that left to the next turn done
        app.processEvents()
        app.processEvents()

    def wait_loaded(start: Callable[[], object]) -> None:  # the rows and their count shown
        loop = QEventLoop()
        model.loaded.connect(loop.quit)
        start()
        while model.busy:
            loop.exec()
        model.loaded.disconnect(loop.quit)
        settle()

    # opening: the first page shown, then every background job of the view done (the code
    # that has one: the search index brought up to the log's end)
    opened = time.perf_counter()
    wait_loaded(lambda: (view.show(), view.activate()))
    while model.busy:
        wait_loaded(lambda: None)
    while not ctx.tasks.pool.waitForDone(10):
        app.processEvents()
    opening = 1000 * (time.perf_counter() - opened)

    def timed(action: Callable[[], object]) -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        action()
        return 1000 * (time.perf_counter() - t), 1000 * (time.process_time() - c)

    typing = [word[: i + 1] for i in range(len(word))] + [""]

    def keystroke(text: str) -> tuple[float, float]:
        view.text.blockSignals(True)  # the typing pause is over: apply_filters runs now
        view.text.setText(text)
        view.text.blockSignals(False)
        figures = timed(lambda: wait_loaded(view.apply_filters))
        shown.append(model.total)
        return figures

    shown: list[int] = []
    ours = [keystroke(t) for t in typing]

    # the bare baseline: the same SQL through sqlite3 into a C++ model, painted the same way
    connection = sqlite3.connect(db_path)
    window = QWidget()
    layout = QVBoxLayout(window)
    label = QLabel("")
    table = QTableView()
    strings = QStringListModel()
    bare = QSortFilterProxyModel()
    bare.setSourceModel(strings)
    table.setModel(bare)
    layout.addWidget(label)
    layout.addWidget(table, 1)
    window.resize(1366, 720)
    window.show()
    app.processEvents()

    def bare_keystroke(text: str) -> tuple[float, float]:
        def run() -> None:
            where = _WHERE if text else "entity != 'digest'"
            args = (_escape(text),) * 3 if text else ()
            count = connection.execute(
                f"SELECT count(*) FROM audit_log WHERE {where}", args
            ).fetchone()[0]
            rows = connection.execute(_PAGE.format(where=where), args).fetchall()
            strings.setStringList(["\t".join(str(v) for v in row[1:8]) for row in rows])
            label.setText(f"{count:,} รายการ")
            settle()

        return timed(run)

    bare_keys = [bare_keystroke(t) for t in typing]

    # the same with the search index the code under test built, where it built one: the
    # statements it runs (the entries after the index's last one, then those it lists, each
    # checked by LIKE), count then page, through sqlite3 (a text under 3 characters: plain)
    indexed = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_text'").fetchone()

    def indexed_keystroke(text: str) -> tuple[float, float]:
        if len(text) < 3:
            return bare_keystroke(text)

        def run() -> None:
            upto = connection.execute(
                "SELECT rowid FROM audit_text ORDER BY rowid DESC LIMIT 1"
            ).fetchone()[0]
            match = match_query(text)  # the index's query, as the code under test writes it
            args = (_escape(text),) * 3
            joined = (
                "audit_text JOIN audit_log ON audit_log.id = audit_text.rowid"
                f" WHERE audit_text MATCH ? AND {_QUALIFIED}"
            )
            later = f"audit_log WHERE id > ? AND {_WHERE}"
            count = (
                connection.execute(f"SELECT count(*) FROM {later}", (upto, *args)).fetchone()[0]
                + connection.execute(f"SELECT count(*) FROM {joined}", (match, *args)).fetchone()[0]
            )
            rows = connection.execute(
                f"SELECT * FROM {later} ORDER BY id DESC LIMIT 500", (upto, *args)
            ).fetchall()
            rows += connection.execute(
                f"SELECT audit_log.* FROM {joined} ORDER BY audit_text.rowid DESC LIMIT ?",
                (match, *args, 500 - len(rows)),
            ).fetchall()
            strings.setStringList(["\t".join(str(v) for v in row[1:8]) for row in rows])
            label.setText(f"{count:,} รายการ")
            settle()

        return timed(run)

    if indexed:  # only code that has the index (audit_search) built one
        from evaluator.services.audit_search import match_query
    bare_index_keys = [indexed_keystroke(t) for t in typing] if indexed else []
    window.close()

    # a header click with the whole log loaded (the text filter cleared above)
    pages = []  # each page read while scrolling: read, handed to the model, painted
    while model.canFetchMore():
        pages.append(timed(lambda: wait_loaded(model.fetchMore)))
    loaded_rows = model.rowCount()
    clicks = []
    for column in range(AuditTableModel.WHEN, AuditTableModel.REASON + 1):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            clicks.append(
                timed(lambda c=column, o=order: (view.table.sortByColumn(c, o), settle()))
            )
    keys = [
        str(r[0])
        for r in connection.execute(
            "SELECT entity_key FROM audit_log WHERE entity != 'digest' ORDER BY id DESC"
        )
    ]
    names = QStringListModel(keys)
    bare_sort = QSortFilterProxyModel()
    bare_sort.setSourceModel(names)
    bare_sort.setSortLocaleAware(True)
    table.setModel(bare_sort)
    window.show()
    app.processEvents()
    bare_clicks = [
        timed(lambda o=order: (table.sortByColumn(0, o), settle()))
        for _ in range(7)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    ]
    window.close()
    view.close()
    ctx.tasks.pool.waitForDone()
    connection.close()
    db.dispose()
    return {
        "typing": typing,
        "shown": shown,
        "keys": ours,
        "bare_keys": bare_keys,
        "bare_index_keys": bare_index_keys,
        "rows": loaded_rows,
        "clicks": clicks,
        "bare_clicks": bare_clicks,
        "opening": opening,
        "pages": pages,
    }


# --- the parent: the logs built once, the children run in turn ----------------------------------


def big_log(folder: Path, rows: int) -> Path:
    """A database whose audit log comes from a real import of ``rows`` score rows (the
    inspectors registered, sheets, assignments and scores made, each change logged), kept."""
    target = folder / f"audit-import-{rows}.sqlite3"
    if target.exists():
        return target
    sys.path.insert(0, str(HERE))
    from bench_import_scores import _prepare

    from evaluator.db import open_database
    from evaluator.services.imports import import_scores
    from tests.evaluator.helpers import committee_user

    base, table = _prepare(folder, rows)
    db = open_database(base)
    import_scores(db, committee_user(db), table)
    db.dispose()
    base.rename(target)
    return target


def _entries(db_path: Path) -> int:
    with sqlite3.connect(db_path) as connection:
        return int(
            connection.execute(
                "SELECT count(*) FROM audit_log WHERE entity != 'digest'"
            ).fetchone()[0]
        )


def _ms(pairs: list[list[float]]) -> str:
    wall = [p[0] for p in pairs]
    cpu = [p[1] for p in pairs]
    return f"{statistics.median(wall):.1f} / {max(wall):.1f} ms ({statistics.median(cpu):.1f})"


def audit(demo: Path, before: Path | None, rounds: int = 3, rows: int = 15_000) -> None:
    folder = demo.parent
    logs = [
        ("demo", demo, DEMO_WORD),
        (f"{rows:,} score rows imported", big_log(folder, rows), BIG_WORD),
    ]
    codes = [("ours", ROOT)] + ([("before", before)] if before is not None else [])
    for title, db_path, word in logs:
        print(
            f"\naudit list, the {title} log ({_entries(db_path):,} entries shown), typing"
            f" {word!r} key by key (each a query after the pause), then clearing:"
        )
        print(
            "| round | code (load) | keystroke: median / max (CPU median) | clear (CPU) | bare:"
            " keystroke | clear | header click, whole log: median / max (CPU median) | first"
            " click per column, max | bare C++ click, locale-aware | rows | opening, jobs"
            " done | bare with its index: keystroke | a page while scrolling (GUI CPU) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for n in range(rounds):
            for name, code in codes:
                load = _load()
                out = subprocess.run(
                    [
                        sys.executable,
                        str(HERE / "bench_ui_audit.py"),
                        str(code),
                        str(db_path),
                        word,
                    ],
                    capture_output=True,
                    text=True,
                    env={
                        **os.environ,
                        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                    },
                    check=False,
                )
                if out.returncode:
                    print(f"| {n + 1} | {name} | failed: {out.stderr.strip().splitlines()[-1:]} |")
                    continue
                r = json.loads(out.stdout.strip().splitlines()[-1])
                keys, bare = r["keys"], r["bare_keys"]
                first = [r["clicks"][i][0] for i in range(0, len(r["clicks"]), 2)]
                print(
                    f"| {n + 1} | {name} ({load}) | {_ms(keys[:-1])} | {keys[-1][0]:.1f} ms"
                    f" ({keys[-1][1]:.1f}) | {_ms(bare[:-1])} | {bare[-1][0]:.1f} ms"
                    f" ({bare[-1][1]:.1f}) | {_ms(r['clicks'])} | {max(first):.1f} ms"
                    f" | {_ms(r['bare_clicks'])} | {r['rows']:,} | {r['opening']:.0f} ms"
                    f" | {_ms(r['bare_index_keys'][:-1]) if r['bare_index_keys'] else '–'}"
                    f" | {_ms(r['pages']) if r['pages'] else '–'} |",
                    flush=True,
                )


if __name__ == "__main__":
    code_root, db_arg, typed = sys.argv[1], sys.argv[2], sys.argv[3]
    sys.path.insert(0, code_root)  # that checkout's evaluator and ui, before any import of them
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(_child(Path(db_arg), typed)), flush=True)
    # PySide6 6.12 without ui.emit_fix (the code before it) can abort while freeing at exit
    os._exit(0)
