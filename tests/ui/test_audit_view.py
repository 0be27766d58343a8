"""The audit log in the app: pages loaded as the table scrolls, filters by actor, source, entity,
date range and free text, the chain verified (and a tampered entry found), Excel export."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cmp_to_key
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from evaluator.db import Database
from evaluator.services import audit_log, audit_search
from evaluator.services import sheets as sheet_service
from tests.evaluator.sheet_fixtures import Contest, build_contest
from tests.ui.conftest import make_context, type_text
from ui.models.audit import AuditSortProxy, AuditTableModel
from ui.models.records import thai_collator
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.audit import AuditView

NOTE = "แปลงผักรวมของหมู่บ้าน"


@pytest.fixture
def logged(db: Database) -> Contest:
    """A contest where two people have written 24 scores and a note: 25 entries."""
    c = build_contest(db)
    sheet_id = sheet_service.start_sheet(db, c.inspector_a, "outstanding", c.tambons[0])
    for i in range(12):
        sheet_service.set_score(db, c.inspector_a, sheet_id, c.criteria["C1"], float(i % 10))
        sheet_service.set_score(db, c.admin, sheet_id, c.criteria["C2"], float((i + 3) % 10))
    sheet_service.set_note(db, c.inspector_a, sheet_id, NOTE)
    return c


def open_view(
    qtbot: QtBot, db: Database, c: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> AuditView:
    ctx = make_context(db, c.committee, ui_settings, runner)
    view = AuditView(ctx)
    view.model.page = 10
    qtbot.addWidget(view)
    view.resize(790, 660)  # the table shows fewer rows than a page
    with qtbot.waitSignal(view.model.loaded, timeout=10000):
        view.show()
        view.activate()
    return view


def loaded(qtbot: QtBot, view: AuditView) -> None:
    """Wait until the model has read the first page for the current filter."""
    qtbot.waitUntil(lambda: not view.model.busy, timeout=10000)


def test_pages_load_as_the_table_scrolls(
    qtbot: QtBot,
    db: Database,
    logged: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
) -> None:
    total = audit_log.count_entries(db)
    assert total >= 25
    view = open_view(qtbot, db, logged, ui_settings, runner)
    loaded(qtbot, view)
    assert view.model.total == total
    assert 10 <= view.model.rowCount() < total  # a page, not the whole log
    assert "เลื่อนลงเพื่อดูเพิ่ม" in view.count.text()

    def scrolled_to_the_end() -> bool:
        view.table.scrollToBottom()  # the user keeps scrolling down
        return view.model.rowCount() == total

    qtbot.waitUntil(scrolled_to_the_end, timeout=10000)
    ids = [r.id for r in view.model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total  # newest first, once each
    assert view.count.text() == f"{total} รายการ"
    # the newest entry is shown in the detail pane, its new value laid out
    view.table.selectRow(0)
    assert view.detail_title.text().startswith(f"#{ids[0]} ")
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    loaded(qtbot, view)


def test_loaded_entries_sort_in_cpp_on_precomputed_keys(
    qtbot: QtBot, db: Database, logged: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    """Clicking a header sorts the loaded entries with Qt's own comparison of int keys (ids
    for the time, Thai dictionary ranks for the text), pages arriving later sorted in."""
    # no Python lessThan (the proxy sorts the rows once on the model's int keys)
    python_less_than = getattr(AuditSortProxy, "lessThan", QSortFilterProxyModel.lessThan)
    assert python_less_than is QSortFilterProxyModel.lessThan
    view = open_view(qtbot, db, logged, ui_settings, runner)
    loaded(qtbot, view)
    proxy, model = view.proxy, view.model
    view.table.sortByColumn(AuditTableModel.ACTOR, Qt.SortOrder.AscendingOrder)

    def shown(column: int) -> list[str]:
        return [proxy.index(r, column).data() for r in range(proxy.rowCount())]

    def scrolled_to_the_end() -> bool:
        view.table.scrollToBottom()
        return model.rowCount() == model.total

    qtbot.waitUntil(scrolled_to_the_end, timeout=10000)
    actors = shown(AuditTableModel.ACTOR)
    assert len(actors) == model.total and len(set(actors)) >= 2
    assert actors == sorted(actors, key=cmp_to_key(thai_collator().compare))
    view.table.sortByColumn(AuditTableModel.WHEN, Qt.SortOrder.AscendingOrder)
    ids = [proxy.record(r).id for r in range(proxy.rowCount())]
    assert ids == sorted(ids)
    view.table.sortByColumn(AuditTableModel.WHEN, Qt.SortOrder.DescendingOrder)
    assert [proxy.record(r).id for r in range(proxy.rowCount())] == ids[::-1]
    loaded(qtbot, view)


def test_filters_narrow_the_log(
    qtbot: QtBot, db: Database, logged: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    actors = [view.actor.itemText(i) for i in range(view.actor.count())]
    assert logged.inspector_a.name in actors and logged.admin.name in actors
    # actor
    view.actor.setCurrentIndex(view.actor.findText(logged.admin.name))
    qtbot.waitUntil(lambda: view.model.filter.actor == logged.admin.name, timeout=5000)
    loaded(qtbot, view)
    assert view.model.total == 12
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 12, timeout=10000)
    assert {r.actor for r in view.model.rows} == {logged.admin.name}
    # entity, on top of the actor
    view.entity.setCurrentIndex(view.entity.findData("sheet"))
    loaded(qtbot, view)
    assert view.model.total == 0 and "ไม่มีรายการ" in view.count.text()
    view.clear_filters()
    loaded(qtbot, view)
    assert view.model.total == audit_log.count_entries(db)
    # free text, typed
    view.text.setFocus()
    type_text(view.text, "หมู่บ้าน")
    qtbot.waitUntil(lambda: view.model.filter.text == "หมู่บ้าน", timeout=5000)
    loaded(qtbot, view)
    assert view.model.total == 1
    assert view.model.row(0).entity == "sheet"
    view.table.selectRow(0)
    assert NOTE in view.new_text.toPlainText()
    # dates: everything was written today
    view.clear_filters()
    loaded(qtbot, view)
    tomorrow = date.today() + timedelta(days=1)
    view.since.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    loaded(qtbot, view)
    assert view.model.total == 0
    yesterday = date.today() - timedelta(days=1)
    view.since.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    view.until.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    loaded(qtbot, view)
    assert view.model.total == audit_log.count_entries(db)
    # source: only the sources found in the log are offered (here everything was typed)
    sources = [view.source.itemData(i) for i in range(view.source.count())]
    assert sources == ["", "keyboard"]
    view.source.setCurrentIndex(1)
    loaded(qtbot, view)
    assert view.model.filter.source == "keyboard"
    assert view.model.total == audit_log.count_entries(db)


def test_verify_finds_a_tampered_entry(
    qtbot: QtBot, db: Database, logged: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    with qtbot.waitSignal(view.verified, timeout=10000) as first:
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert first.args is not None and first.args[0].intact
    assert view.verdict.isVisible() and view.verdict.text().startswith("✔")
    qtbot.waitUntil(view.verify_button.isEnabled, timeout=10000)  # the job's end handled too
    with db.engine.begin() as conn:  # someone edits the log behind the program's back
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET reason = 'แก้ไข' WHERE id = 3"))
    with qtbot.waitSignal(view.verified, timeout=10000) as second:
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert second.args is not None and not second.args[0].intact
    assert view.verdict.text().startswith("✘")
    assert "รายการที่ 3" in view.verdict.text()


def test_export_to_excel_follows_the_filter(
    qtbot: QtBot,
    db: Database,
    logged: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    view.actor.setCurrentIndex(view.actor.findText(logged.inspector_a.name))
    qtbot.waitUntil(lambda: view.model.filter.actor == logged.inspector_a.name, timeout=5000)
    loaded(qtbot, view)
    out = tmp_path / "audit"
    view.export(str(out))
    qtbot.waitUntil(lambda: view.exported is not None, timeout=10000)
    assert view.exported is not None
    path, n = view.exported
    expected = audit_log.count_entries(db, view.model.filter)
    assert path == out.with_suffix(".xlsx") and n == view.model.total == expected >= 13
    rows = list(load_workbook(path).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert len(rows) == 1 + n
    assert {r[2] for r in rows[1:]} == {logged.inspector_a.name}
    assert str(path) in view.notice.text()


def test_a_committee_member_only_and_not_an_inspector(
    db: Database, logged: Contest, runner: TaskRunner, qtbot: QtBot
) -> None:
    model = AuditTableModel(db, logged.inspector_a.id, runner)
    failures: list[object] = []
    model.failed.connect(failures.append)
    model.reload()
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert "ไม่มีสิทธิ์" in str(failures[0])
    assert model.rowCount() == 0


def _fresh_sort(model: AuditTableModel, column: int, order: Qt.SortOrder) -> list[int]:
    """The ids of the loaded entries as a plain full sort orders them: the shown text in Thai
    dictionary order (the id for the time), entries equal in the column newest first."""
    rows = model.rows  # the log's order, newest first
    if column < 0:
        return [r.id for r in rows]
    descending = order == Qt.SortOrder.DescendingOrder
    if column == AuditTableModel.WHEN:
        return sorted((r.id for r in rows), reverse=descending)
    by_text = cmp_to_key(thai_collator().compare)
    texts = [model.index(i, column).data() for i in range(len(rows))]
    shown = sorted(range(len(rows)), key=lambda i: by_text(texts[i]), reverse=descending)
    return [rows[i].id for i in shown]


def test_header_clicks_and_arriving_pages_give_a_fresh_sort(
    qtbot: QtBot,
    db: Database,
    logged: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
) -> None:
    """Random header clicks, pages arriving while sorted and filters changing: after every step
    the view shows exactly the loaded entries in the order a plain full sort gives (ties in the
    log's order, newest first, in both directions), and the chosen entry stays chosen when a
    page arrives and moves it."""
    c = logged
    for n, tambon in enumerate(c.tambons[1:4]):  # more actors, keys and texts to sort
        sheet_id = sheet_service.start_sheet(db, c.inspector_a, "outstanding", tambon)
        sheet_service.set_score(db, c.admin, sheet_id, c.criteria["C1"], float(n))
        sheet_service.set_note(db, c.inspector_a, sheet_id, f"{NOTE} {n}")
    view = open_view(qtbot, db, c, ui_settings, runner)
    view.model.page = 7
    view.model.reload()
    loaded(qtbot, view)
    proxy, model = view.proxy, view.model
    qtmodeltester.check(proxy)
    rng = random.Random(17)
    actors = ["", c.admin.name, c.inspector_a.name]
    for _step in range(60):
        step = rng.random()
        if step < 0.45:
            column = rng.randrange(-1, model.columnCount())
            order = rng.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
            view.table.sortByColumn(column, order)
        elif step < 0.9:
            if model.canFetchMore():
                chosen = proxy.record(rng.randrange(proxy.rowCount())).id
                view.table.selectRow(
                    [proxy.record(r).id for r in range(proxy.rowCount())].index(chosen)
                )
                model.fetchMore()
                loaded(qtbot, view)
                assert proxy.record(view.table.currentIndex().row()).id == chosen
        else:
            view.actor.setEditText(rng.choice(actors))
            view.apply_filters()
            loaded(qtbot, view)
        shown = [proxy.record(r).id for r in range(proxy.rowCount())]
        assert shown == _fresh_sort(model, proxy.sortColumn(), proxy.sortOrder())
    qtmodeltester.check(proxy)
    loaded(qtbot, view)


def test_the_view_indexes_the_log_and_shows_a_page_before_its_count(
    qtbot: QtBot, db: Database, logged: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    loaded(qtbot, view)
    assert view.indexing is not None
    qtbot.waitUntil(lambda: not runner.running, timeout=10000)
    with db.transaction() as s:  # opening the view brought the search index to the log's end
        assert audit_search.indexed_upto(s) == s.scalar(text("SELECT max(id) FROM audit_log"))
    # a full first page is shown at once, its count follows; the label waits for the count
    totals: list[int] = []
    view.model.loaded.connect(lambda _shown, total: totals.append(total))
    view.apply_filters(force=True)
    loaded(qtbot, view)
    assert totals[:2] == [-1, audit_log.count_entries(db)]  # then pages as the table fills
    assert view.count.text().startswith(f"{view.model.total:,} ")
    # entries written while the user reads change neither the count nor the pages that follow
    before = [r.id for r in audit_log.list_entries(db)]
    sheet_id = sheet_service.start_sheet(db, logged.inspector_a, "outstanding", logged.tambons[1])
    for i in range(5):
        sheet_service.set_score(db, logged.inspector_a, sheet_id, logged.criteria["C3"], float(i))
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == len(before), timeout=10000)
    assert [r.id for r in view.model.rows] == before
    assert view.model.total == len(before)


def test_an_entrys_round_is_shown_by_its_title(
    qtbot: QtBot, db: Database, logged: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    loaded(qtbot, view)
    qtbot.waitUntil(lambda: bool(view.round_titles), timeout=10000)
    view.entity.setCurrentIndex(view.entity.findData("sheet"))
    loaded(qtbot, view)
    created = [r for r in view.model.rows if r.new and '"round"' in r.new]
    assert created, [r.new for r in view.model.rows]
    view.show_entry(created[0])
    title = view.round_titles["outstanding"]
    assert f"{title} (outstanding)" in view.new_text.toPlainText()
