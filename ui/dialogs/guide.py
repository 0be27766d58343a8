"""Help › User guide: the Thai user guide (docs/คู่มือ-ผู้ใช้.md) rendered from its shipped copy.

The guide is written in docs/ (with the full-size screenshots of docs/screenshots, readable on the
project's pages); ``make guide`` (tools/guide.py) copies it into resources/guide/ with the
screenshots it shows scaled down for a help window, so the wheel and the bundle carry it.
tests/ui/test_guide.py fails when the shipped copy is older than the guide.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import resources
from ui.geometry import fit_to_screen

GUIDE = "guide/guide.md"  # the shipped copy, under resources/
SOURCE_NAME = "คู่มือ-ผู้ใช้.md"  # the guide as written, in docs/
IMAGE = re.compile(r"\]\(screenshots/([A-Za-z0-9_-]+)\.png\)")


def shipped_text(source: str) -> str:
    """The guide's text as shipped: each ``screenshots/NAME.png`` becomes ``NAME.jpg`` beside it."""
    return IMAGE.sub(lambda m: f"]({m.group(1)}.jpg)", source)


def shown_images(source: str) -> list[str]:
    """The names of the screenshots the guide shows, in order, each once."""
    return list(dict.fromkeys(IMAGE.findall(source)))


def guide_path() -> Path:
    return resources.path(GUIDE)


class GuideDialog(QDialog):
    """The user guide in a window of its own (not modal: read it while working)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("คู่มือการใช้งาน"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        if path.exists():
            self.browser.setSource(
                QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
            )
        else:  # a broken installation: say so rather than show an empty window
            self.browser.setPlainText(self.tr("ไม่พบไฟล์คู่มือ %1 ในชุดติดตั้งนี้").replace("%1", str(path)))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("ปิด"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(900, 980))
