"""Help › User guide: the Thai guide for inspectors, committees and staff, shipped with the
program (resources/guide/, in the wheel and the bundle) and rendered in the app with its
pictures; the shipped copy follows docs/คู่มือ-ผู้ใช้.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.dialogs.guide import SOURCE_NAME, GuideDialog, guide_path, shipped_text, shown_images
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "docs" / SOURCE_NAME


def test_the_shipped_guide_is_the_guide_as_written() -> None:
    """Run `make guide` after changing docs/คู่มือ-ผู้ใช้.md or its screenshots."""
    source = SOURCE.read_text(encoding="utf-8")
    assert guide_path().read_text(encoding="utf-8") == shipped_text(source), "run make guide"
    names = shown_images(source)
    assert len(names) >= 10
    for name in names:
        assert (ROOT / "docs" / "screenshots" / f"{name}.png").exists(), name
        assert (guide_path().parent / f"{name}.jpg").exists(), f"{name}: run make guide"
    shipped = {p.stem for p in guide_path().parent.glob("*.jpg")}
    assert shipped == set(names)  # nothing stale carried along


def test_the_guide_speaks_to_each_role() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    for role in ("สำหรับผู้ประเมิน", "สำหรับคณะกรรมการ", "สำหรับเจ้าหน้าที่และผู้ดูแลระบบ"):
        assert any(role in h for h in headings), role
    assert "evaluator " not in text  # screens and menus, not commands


@pytest.mark.qt_log_ignore(  # the offscreen platform's, not the program's
    r"This plugin does not support raise\(\)",
    r"This plugin does not support propagateSizeHints\(\)",
)
def test_help_opens_the_guide_with_its_pictures(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = MainWindow(make_context(db, contest.inspector_a, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.guide_dialog is not None and window.guide_dialog.isVisible())
    dialog = window.guide_dialog
    assert isinstance(dialog, GuideDialog)
    assert not dialog.isModal()  # read while working
    doc = dialog.browser.document()
    text = doc.toPlainText()
    assert "คู่มือการใช้งาน" in text and "สำหรับผู้ประเมิน" in text
    assert "Alt+1" in text and "Ctrl+Enter" in text
    block = doc.begin()
    images = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                images.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    assert len(images) >= 10
    for name in images:  # every picture is found beside the guide
        loaded = doc.resource(
            QTextDocument.ResourceType.ImageResource, dialog.browser.source().resolved(name)
        )
        assert loaded is not None and not loaded.isNull(), name
    assert window.open_guide() is dialog  # one guide window, brought to the front
    dialog.close()
    window.close()
    assert window.ctx.tasks.wait(5000)
