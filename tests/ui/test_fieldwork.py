"""Field work in the app: a conflict made through two databases and resolved from the view with
a reason (logged), refused in a finalised round; the list of imported packages and what each
changed; the inspector's key and fingerprint, and the committee registering it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import models as m
from evaluator.services import lessons
from tests.evaluator import sync_fixtures as f
from tests.ui.conftest import answer_modal, make_context, type_text
from ui.context import AppContext
from ui.dialogs.keys import MyKeyDialog, RegisterKeyDialog, spoken
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.conflicts import DIFFERS, ConflictsView
from ui.views.packages import PackagesView

REASON = "ผู้ประเมินยืนยันคะแนนจากการลงพื้นที่ครั้งที่สอง"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    yield p
    p.close()


def make_conflict(pair: f.FieldPair) -> tuple[str, str]:
    """The committee corrects C1 while the inspector changes C2 of the same sheet; the second
    package brings a conflict. Returns the sheet's uuid and the conflict copy's."""
    ins = f.user(pair.inspector_db, "มาลี")
    admin = f.user(pair.committee_db, "admin")
    uuid = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3}, note="ครั้งแรก")
    first = pair.package("p1.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, first, pair.key)
    f.import_package(pair.committee_db, first, actor="กรรมการ")
    f.score(pair.committee_db, admin, "840502", {"C1": 1})
    f.score(pair.inspector_db, ins, "840502", {"C2": 9}, note="ลงพื้นที่ซ้ำ")
    second = pair.package("p2.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, second, pair.key)
    result = f.import_package(pair.committee_db, second, actor="กรรมการ")
    [copy] = result.conflicts
    assert copy.row is not None
    return uuid, copy.row


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click a widget once it is laid out on screen (widgets added while shown need a moment),
    near its left edge: a radio button answers only on its circle and its text."""
    qtbot.waitUntil(lambda: widget.isVisible() and widget.width() > 1, timeout=5000)
    qtbot.wait(20)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def committee_ctx(
    pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner, name: str = "กรรมการ"
) -> AppContext:
    return make_context(pair.committee_db, f.user(pair.committee_db, name), ui_settings, runner)


def open_conflicts(qtbot: QtBot, ctx: AppContext) -> ConflictsView:
    view = ConflictsView(ctx)
    qtbot.addWidget(view)
    view.resize(790, 700)  # the offscreen screen is 800 x 800: clicks stay inside it
    with qtbot.waitSignal(ctx.events.data_loaded, timeout=10000):
        view.show()
        view.activate()
    return view


def test_a_conflict_is_resolved_from_the_view_with_a_reason(
    qtbot: QtBot,
    pair: f.FieldPair,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
) -> None:
    uuid, copy = make_conflict(pair)
    ctx = committee_ctx(pair, ui_settings, runner)
    view = open_conflicts(qtbot, ctx)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.lines)
    assert view.model.rowCount() == 1
    assert view.current is not None and view.current.conflict.sheet_uuid == uuid
    # both versions side by side: C1 and C2 differ and are highlighted, C3 does not
    lines = {ln.label.split()[0]: ln for ln in view.lines.records}
    assert lines["C1"].values == ["1", "5"] and lines["C1"].differs
    assert lines["C2"].values == ["6", "9"] and lines["C2"].differs
    assert lines["C3"].values == ["3", "3"] and not lines["C3"].differs
    row_c1 = view.lines.records.index(lines["C1"])
    row_c3 = view.lines.records.index(lines["C3"])
    assert view.lines.index(row_c1, 2).data(Qt.ItemDataRole.BackgroundRole) == DIFFERS
    assert view.lines.index(row_c3, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    notes = next(ln for ln in view.lines.records if ln.notes and "ลงพื้นที่ซ้ำ" in ln.notes)
    assert notes.differs
    # nothing can be chosen without a version and a reason
    assert not view.resolve_button.isEnabled()
    keep_copy = view.findChild(type(view.group.button(1)), "keep1")
    assert keep_copy is not None
    click(qtbot, keep_copy)
    assert not view.resolve_button.isEnabled()
    view.reason.setFocus()
    type_text(view.reason, "   ")
    assert not view.resolve_button.isEnabled()  # blank is no reason
    view.reason.clear()
    type_text(view.reason, REASON)
    assert (view.reason.toPlainText(), view.group.checkedId()) == (REASON, 1)
    assert view.resolve_button.isEnabled()
    asked: list[str] = []
    answer_modal(lambda box: (asked.append(box.text()), press(box, "apply")))
    with qtbot.waitSignal(view.resolved, timeout=10000) as resolved:
        qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    assert asked and f.INSPECTOR in asked[0]  # the confirmation named whose version
    assert resolved.args is not None and resolved.args[0].superseded == [copy]
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10000)
    assert "ไม่มีข้อขัดแย้ง" in view.summary.text()
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 5, "C2": 9, "C3": 3}
    assert f.list_conflicts(pair.committee_db) == []
    with pair.committee_db.transaction() as s:
        [entry] = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == "conflict.resolve")
        ).all()
        assert entry.reason == REASON and entry.actor == "กรรมการ"
        assert json.loads(entry.old or "")["scores"]["C1"]["value"] == 1
        assert json.loads(entry.new or "")["scores"]["C2"]["value"] == 9


def press(box: QWidget, name: str) -> None:
    """Press the button ``name`` of a message box."""
    button = box.findChild(QAbstractButton, name)
    assert button is not None, name
    button.click()


def test_each_version_names_who_made_it_and_nothing_applies_without_confirming(
    qtbot: QtBot, pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    uuid, _copy = make_conflict(pair)
    ctx = committee_ctx(pair, ui_settings, runner)
    view = open_conflicts(qtbot, ctx)
    row = view.current
    assert row is not None
    here, received = row.versions
    # the version here was corrected at the keyboard by "admin"; the received one was made by
    # the inspector in the field and imported by กรรมการ
    assert (here.made_by, here.source) == ("admin", "keyboard") and here.made_at is not None
    assert received.made_by == f.INSPECTOR and received.source == "package"
    assert received.imported_by == "กรรมการ" and received.imported_at is not None
    facts = view.facts.text()
    assert "admin" in facts and f.INSPECTOR in facts and "กรรมการ" in facts
    assert uuid not in facts and "840502" not in view.title.text()  # names, not codes
    assert f.INSPECTOR in view.title.text()
    assert f.INSPECTOR in view.group.button(1).text()
    click(qtbot, view.group.button(1))
    view.reason.setFocus()
    type_text(view.reason, REASON)
    # looking at nothing else and back keeps what was typed and chosen
    view.show_conflict(None)
    view.show_conflict(row)
    assert (view.reason.toPlainText(), view.group.checkedId()) == (REASON, 1)
    # cancelling the confirmation applies nothing
    asked: list[str] = []
    answer_modal(lambda box: (asked.append(box.objectName()), press(box, "cancel")))
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == ["confirmResolve"]
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 1, "C2": 6, "C3": 3}
    assert len(f.list_conflicts(pair.committee_db)) == 1
    assert view.reason.toPlainText() == REASON and view.resolve_button.isEnabled()
    assert ctx.tasks.wait(5000)


GARDEN_HERE = "ปลูกผักสวนครัวทุกครัวเรือน กรรมการเพิ่มตัวเลขจากรายงานอำเภอ 112 ครัวเรือน" * 2
GARDEN_FIELD = "ปลูกผักสวนครัวทุกครัวเรือน 96 ครัวเรือน ผู้นำทำแปลงสาธิตก่อน"
RICE = "ตั้งธนาคารข้าวชุมชน สมาชิก 84 ครัวเรือน"


def make_lessons_conflict(pair: f.FieldPair) -> str:
    """The committee and the inspector each rewrite the same sheet's lessons, and nothing else:
    the second package brings a conflict that differs only in its lessons."""
    ins = f.user(pair.inspector_db, "มาลี")
    admin = f.user(pair.committee_db, "admin")
    uuid = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3}, submit=False)
    own = f.sheet_of(pair.inspector_db, "840502")
    lessons.save_lessons(pair.inspector_db, ins, own, {"good_practices": "ผักสวนครัว"})
    lessons.save_lessons(pair.inspector_db, ins, own, {"obstacles": RICE})
    first = pair.package("p1.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, first, pair.key)
    f.import_package(pair.committee_db, first, actor="กรรมการ")
    here = f.sheet_of(pair.committee_db, "840502")
    lessons.save_lessons(pair.committee_db, admin, here, {"good_practices": GARDEN_HERE})
    lessons.save_lessons(pair.inspector_db, ins, own, {"good_practices": GARDEN_FIELD})
    second = pair.package("p2.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, second, pair.key)
    assert f.import_package(pair.committee_db, second, actor="กรรมการ").counts["conflict"] == 1
    return uuid


def test_versions_that_differ_only_in_their_lessons_show_where(
    qtbot: QtBot, pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    make_lessons_conflict(pair)
    [conflict] = f.list_conflicts(pair.committee_db)
    assert conflict.lessons_differ() == ["good_practices"]
    assert conflict.lesson_keys() == ["good_practices", "obstacles"]
    view = open_conflicts(qtbot, committee_ctx(pair, ui_settings, runner))
    records = view.lines.records
    # the scores, total and note are the same: nothing there is highlighted
    assert not any(ln.differs for ln in records if not ln.label.startswith("บทเรียน"))
    by_title = {ln.label: ln for ln in records}
    garden = by_title["บทเรียน: แนวปฏิบัติที่ดี"]
    obstacles = by_title["บทเรียน: ปัญหาอุปสรรคและวิธีแก้ไข"]
    assert garden.differs and not obstacles.differs
    assert "บทเรียน: ปัจจัยแห่งความสำเร็จ" not in by_title  # empty everywhere: not shown
    # a long lesson is cut in its cell and whole in its tooltip
    assert garden.values[0].endswith("…") and len(garden.values[0]) <= 90
    assert garden.values[1] == GARDEN_FIELD and obstacles.values == [RICE, RICE]
    row = records.index(garden)
    cell = view.lines.index(row, 2)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == DIFFERS
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == GARDEN_HERE
    assert (
        view.lines.index(records.index(obstacles), 2).data(Qt.ItemDataRole.BackgroundRole) is None
    )
    assert "บทเรียนที่ต่างกัน: แนวปฏิบัติที่ดี" in view.facts.text()


def test_a_conflict_without_lessons_shows_no_lesson_lines(
    qtbot: QtBot, pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    make_conflict(pair)
    view = open_conflicts(qtbot, committee_ctx(pair, ui_settings, runner))
    assert not any(ln.label.startswith("บทเรียน") for ln in view.lines.records)
    assert "บทเรียน" not in view.facts.text()


def test_a_finalised_round_refuses_with_a_clear_message(
    qtbot: QtBot, pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    uuid, _copy = make_conflict(pair)
    ctx = committee_ctx(pair, ui_settings, runner)
    view = open_conflicts(qtbot, ctx)
    f.finalise(pair.committee_db, "outstanding")  # finalised while the view was open
    click(qtbot, view.group.button(1))
    view.reason.setFocus()
    type_text(view.reason, "ช้าไป")
    answer_modal(lambda box: press(box, "apply"))
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.locked.isVisible(), timeout=10000)
    assert "ยืนยันผลแล้ว" in view.locked.text()
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 1, "C2": 6, "C3": 3}
    assert not view.resolve_button.isEnabled()
    # finalising locked every sheet of the round, its copies too: nothing is left to decide
    with qtbot.waitSignal(ctx.events.data_loaded, timeout=10000):
        view.reload()
    assert view.model.rowCount() == 0 and view.current is None


def test_the_packages_list_shows_what_each_import_changed(
    qtbot: QtBot,
    pair: f.FieldPair,
    ui_settings: UiSettings,
    runner: TaskRunner,
    qtmodeltester: ModelTester,
) -> None:
    make_conflict(pair)
    ctx = committee_ctx(pair, ui_settings, runner)
    view = PackagesView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(ctx.events.data_loaded, timeout=10000):
        view.show()
        view.activate()
    for model in (view.model, view.sheets, view.keys):
        qtmodeltester.check(model)
    assert view.model.rowCount() == 2
    newest, oldest = view.model.records
    assert newest.filename == "p2.cddpkg" and newest.counts["conflict"] == 1
    assert oldest.counts["insert"] == 1
    headers = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(10)]
    assert view.model.index(0, headers.index("ขัดแย้ง")).data() == "1"
    assert view.model.index(1, headers.index("เพิ่มใหม่")).data() == "1"
    # the newest is shown: its sheet, in conflict, with the tambon's name
    assert "p2.cddpkg" in view.detail_title.text()
    [line] = view.sheets.records
    assert line.outcome.outcome == "conflict" and line.place is not None
    assert view.sheets.index(0, 0).data().startswith("ขัดแย้ง")
    assert view.conflicts_button.isVisibleTo(view)
    with qtbot.waitSignal(ctx.events.show_view) as asked:
        qtbot.mouseClick(view.conflicts_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["conflicts"]
    # choosing the older import shows what it did
    view.table.selectRow(1)
    assert view.sheets.records[0].outcome.outcome == "insert"
    assert not view.conflicts_button.isVisibleTo(view)
    keys = {k.inspector: k for k in view.keys.records}
    assert keys[f.INSPECTOR].state == "key" and keys[f.OTHER_INSPECTOR].state == "none"


def test_an_inspector_makes_a_key_and_the_committee_registers_it(
    qtbot: QtBot, pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner, tmp_path: Path
) -> None:
    # the other inspector has no key yet: they make one on their laptop
    laptop = pair.inspector_db
    other = f.user(laptop, "สมชาย")
    ctx = make_context(laptop, other, ui_settings, runner)
    dialog = MyKeyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.inspector.count() == 1 and dialog.name() == f.OTHER_INSPECTOR
    assert dialog.fingerprint.text() == "–"
    dialog.key_path.setText(str(tmp_path / "keys" / "somchai.key.pem"))
    dialog.key_path.setModified(True)
    assert not dialog.create_button.isEnabled()
    dialog.passphrase.setFocus()
    type_text(dialog.passphrase, "short12")
    type_text(dialog.again, "short12")
    assert not dialog.create_button.isEnabled()  # shorter than 8
    assert "สั้นเกินไป" in dialog.status.text() and "8" in dialog.status.text()  # says why
    dialog.passphrase.clear()
    dialog.again.clear()
    type_text(dialog.passphrase, "kho-nong-na")
    type_text(dialog.again, "kho-nong-nx")
    assert not dialog.create_button.isEnabled()  # they differ
    assert "ไม่ตรงกัน" in dialog.status.text()
    dialog.again.clear()
    type_text(dialog.again, "kho-nong-na")
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.fingerprint.text() != "–", timeout=10000)
    [info] = [k for k in f.list_keys(laptop) if k.inspector == f.OTHER_INSPECTOR]
    assert info.state == "key" and dialog.fingerprint.text() == info.fingerprint
    assert dialog.reading.text() == spoken(info.fingerprint or "")
    assert (tmp_path / "keys" / "somchai.key.pem").exists()
    assert not dialog.create_button.isEnabled()  # one key; replacing it is a separate choice
    public = dialog.save_public(str(tmp_path / "somchai.pub.pem"))
    assert public is not None and info.fingerprint in public.read_text(encoding="utf-8")

    # the committee registers it from the file
    cctx = committee_ctx(pair, ui_settings, runner)
    register = RegisterKeyDialog(cctx, f.OTHER_INSPECTOR)
    qtbot.addWidget(register)
    register.show()
    assert "ยังไม่ได้ลงทะเบียน" in register.current.text()
    assert not register.register_button.isEnabled()
    register.path.setText(str(public))
    qtbot.mouseClick(register.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: register.registered is not None, timeout=10000)
    assert register.registered is not None
    assert register.registered.fingerprint == info.fingerprint
    committee_keys = {k.inspector: k for k in f.list_keys(pair.committee_db)}
    assert committee_keys[f.OTHER_INSPECTOR].state == "key"


def test_registering_by_fingerprint_read_aloud(
    qtbot: QtBot, tmp_path: Path, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    pair = f.make_pair(tmp_path, register=False)
    try:
        fingerprint = next(
            k.fingerprint for k in f.list_keys(pair.inspector_db) if k.inspector == f.INSPECTOR
        )
        assert fingerprint is not None
        ctx = committee_ctx(pair, ui_settings, runner)
        dialog = RegisterKeyDialog(ctx, f.INSPECTOR)
        qtbot.addWidget(dialog)
        dialog.show()
        click(qtbot, dialog.by_fingerprint)
        assert dialog.typed.isEnabled() and not dialog.path.isEnabled()
        dialog.typed.setFocus()
        dialog.typed.home(False)
        qtbot.keyClicks(dialog.typed, fingerprint.replace("-", "").lower()[:-1])
        assert not dialog.register_button.isEnabled()  # one digit short
        qtbot.keyClicks(dialog.typed, fingerprint[-1].lower())
        assert dialog.typed.text() == fingerprint
        assert dialog.register_button.isEnabled()
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.registered is not None, timeout=10000)
        [info] = [k for k in f.list_keys(pair.committee_db) if k.inspector == f.INSPECTOR]
        assert info.state == "fingerprint" and info.fingerprint == fingerprint
        # the inspector's first package now brings the key itself
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 5, "C2": 6, "C3": 3})
        out = pair.package("first.cddpkg")
        f.export_package(pair.inspector_db, f.INSPECTOR, out, pair.key)
        result = f.import_package(pair.committee_db, out, actor="กรรมการ")
        assert result.key_registered
    finally:
        pair.close()


def test_the_new_views_speak_english(
    qtbot: QtBot, pair: f.FieldPair, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    """The compiled translation covers the review screens (make translations builds it)."""
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_language
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    make_conflict(pair)
    assert install_language(app, "en")
    try:
        ctx = committee_ctx(pair, ui_settings, TaskRunner())
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        titles = {k: a.text() for k, a in window.view_actions.items()}
        assert titles["packages"] == "Packages" and titles["conflicts"] == "Conflicts"
        assert titles["audit"] == "Audit log" and titles["documents"] == "Documents"
        view = window.views["conflicts"]
        assert isinstance(view, ConflictsView)
        with qtbot.waitSignal(ctx.events.data_loaded, timeout=10000):
            view.reload()
        # Another view's load may answer data_loaded first: wait for this view's summary.
        qtbot.waitUntil(
            lambda: view.summary.text().startswith("1 sheets have more than one version"),
            timeout=10000,
        )
        head = [view.lines.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
        assert head[:2] == ["Criterion", "Max"]
        assert head[2].startswith("Version in this database (v")
        assert head[3].startswith("Received version 1 (v")
        window.close()
        assert ctx.tasks.wait(5000)
    finally:
        install_language(app, "th")
