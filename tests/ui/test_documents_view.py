"""Certificates and reports in the app, on the demo database: a finalised round's certificates
made from the view with progress, cancelled mid-batch (fewer files than winners, none half
written), the first page previewed with QtPdf, the output folder opened; and who may do it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtPdf import QPdfDocument
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import Action, UserInfo
from evaluator.services import finalise as finalise_service
from evaluator.services import ranking as ranking_service
from reports.jobs import document_kinds
from reports.verify import verify_pdf
from tests.ui.conftest import make_context, type_text, user_of
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.documents import DocumentsView

Build = Callable[[UserInfo, Path], DocumentsView]


@pytest.fixture
def build(qtbot: QtBot, demo_db: Database, ui_settings: UiSettings, runner: TaskRunner) -> Build:
    def make(user: UserInfo, folder: Path) -> DocumentsView:
        ui_settings.store.setValue("documents/folder", str(folder))
        view = DocumentsView(make_context(demo_db, user, ui_settings, runner))
        qtbot.addWidget(view)
        view.resize(790, 700)
        view.show()
        view.activate()
        return view

    return make


def _admin(db: Database) -> UserInfo:
    user = user_of(db, m.Role.ADMIN)
    assert isinstance(user, UserInfo)
    return user


class UrlCatcher(QObject):
    """Receives the file URLs the app asks the desktop to open (QDesktopServices.setUrlHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_certificates_with_progress_cancel_and_preview(
    qtbot: QtBot, demo_db: Database, build: Build, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    admin = _admin(demo_db)
    final = finalise_service.finalise_round(demo_db, admin, "outstanding")
    winners = len(ranking_service.rank_round(demo_db, "outstanding").winners())
    assert final.result_hash and winners > 10
    view = build(admin, tmp_path / "docs")
    view.round.setCurrentIndex(view.round.findData("outstanding"))
    assert "ยืนยันผลแล้ว" in view.round_state.text()
    view.choose_kind("certificates")
    assert view.generate_button.isEnabled() and not view.cancel_button.isEnabled()
    seen: list[tuple[int, int]] = []

    def progressed(done: int, total: int, _text: str) -> None:
        seen.append((done, total))
        if done == 3 and view.cancel_button.isEnabled():
            qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(view.generated, timeout=120000) as generated:
        qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
        assert view.task is not None and view.cancel_button.isEnabled()
        assert not view.generate_button.isEnabled()
        view.task.progress.connect(progressed)
    result = generated.args[0] if generated.args else None
    assert result is not None and result.cancelled
    assert (3, winners) in seen and view.progress.maximum() == winners
    out = tmp_path / "docs" / "outstanding"
    pdfs = sorted(out.glob("*.pdf"))
    assert 3 <= len(pdfs) < winners  # stopped after the document in hand
    assert [p.name for p in pdfs] == sorted(p.name for p in result.files)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing half written
    assert verify_pdf(pdfs[0], db=demo_db).ok
    assert "หยุดแล้ว" in view.stage.text()
    qtbot.waitUntil(lambda: view.task is None, timeout=10000)
    assert view.generate_button.isEnabled()
    # the files and the preview of the first one
    qtmodeltester.check(view.files)
    assert view.files.rowCount() == len(pdfs) + 1  # and certificates.csv
    names = {f.path.name: f.recipient for f in view.files.records}
    assert names["certificates.csv"] == "" and all(names[p.name] for p in pdfs)
    assert view.pdf.status() == QPdfDocument.Status.Ready
    assert view.pdf.pageCount() == 1
    assert "หน้า 1 จาก 1" in view.preview_label.text()
    page: QImage = view.pdf.render(0, QSize(420, 297))
    assert not page.isNull()
    colours = {page.pixel(x, y) for x in range(0, 420, 7) for y in range(0, 297, 7)}
    assert len(colours) > 10  # a drawn page, not a blank one
    # open the output folder: the desktop is asked to show exactly that folder
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(out)]


def test_plaques_are_made_whole(
    qtbot: QtBot, demo_db: Database, build: Build, tmp_path: Path
) -> None:
    view = build(_admin(demo_db), tmp_path / "docs")
    view.round.setCurrentIndex(view.round.findData("outstanding"))
    assert "ฉบับร่าง" in view.round_state.text()  # not finalised yet
    view.choose_kind("plaques")
    with qtbot.waitSignal(view.generated, timeout=60000) as generated:
        qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    result = generated.args[0] if generated.args else None
    assert result is not None and not result.cancelled and result.draft
    assert [f.suffix for f in result.files] == [".pdf", ".xlsx"]
    assert view.pdf.pageCount() == len(ranking_service.rank_round(demo_db, "outstanding").winners())
    assert "ฉบับร่าง" in view.stage.text()
    qtbot.waitUntil(lambda: view.task is None, timeout=10000)


def test_the_committee_makes_reports_but_not_certificates(
    demo_db: Database, build: Build, tmp_path: Path
) -> None:
    committee = user_of(demo_db, m.Role.COMMITTEE)
    assert isinstance(committee, UserInfo)
    view = build(committee, tmp_path)
    enabled = {
        str(view.kinds.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(view.kinds.count())
        if view.kinds.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
    }
    assert "certificates" not in enabled and "plaques" not in enabled
    reports = {k.key for k in document_kinds() if k.action is Action.EXPORT_REPORTS}
    assert enabled == {k.key for k in document_kinds() if k.key in reports and k.available}
    view.choose_kind("certificates")
    assert view.kind() is None and not view.generate_button.isEnabled()


# the completion popup: the offscreen platform cannot raise it or grab the keyboard for it
@pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))"
)
def test_the_committee_makes_a_tambon_report_and_the_excel_exports(
    qtbot: QtBot, demo_db: Database, build: Build, tmp_path: Path
) -> None:
    pytest.importorskip("reports.tambon_report")
    pytest.importorskip("reports.excel")
    committee = user_of(demo_db, m.Role.COMMITTEE)
    assert isinstance(committee, UserInfo)
    view = build(committee, tmp_path / "docs")
    view.round.setCurrentIndex(view.round.findData("outstanding"))
    view.choose_kind("tambon_report")
    assert view.tambon.isVisibleTo(view)
    # the tambon box completes names; a name with its code in brackets is what it offers
    qtbot.waitUntil(lambda: view.completer.model().rowCount() == 1000, timeout=20000)
    first = view.completer.model().index(0, 0).data()
    code = first[-7:-1]
    assert first.endswith(f"({code})") and code.isdigit()
    view.tambon.setFocus()
    type_text(view.tambon, first)
    assert view.tambon_code() == code
    with qtbot.waitSignal(view.generated, timeout=60000) as generated:
        qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    result = generated.args[0] if generated.args else None
    assert result is not None and [f.name for f in result.files] == [
        f"tambon_{code}_outstanding.pdf"
    ]
    assert view.pdf.pageCount() >= 1
    qtbot.waitUntil(lambda: view.task is None, timeout=10000)
    # the Excel exports: listed, no preview for them
    view.choose_kind("excel")
    assert not view.tambon.isVisibleTo(view)
    with qtbot.waitSignal(view.generated, timeout=60000) as generated:
        qtbot.mouseClick(view.generate_button, Qt.MouseButton.LeftButton)
    result = generated.args[0] if generated.args else None
    assert result is not None and len(result.files) == 3
    names = {f.path.name for f in view.files.records}
    assert {"budget.xlsx", "rankings_outstanding.xlsx", "scores_outstanding.xlsx"} <= names
    view.select_file(tmp_path / "docs" / "outstanding" / "budget.xlsx")
    assert "ไม่มีตัวอย่าง" in view.preview_label.text()
    qtbot.waitUntil(lambda: view.task is None, timeout=10000)
