"""The documents view's output side: the finished files of a folder (with each certificate's
recipient from the batch's ``certificates.csv``) as a table model, and the PDF preview pane.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QStandardPaths
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import date_text
from ui.models.records import RIGHT, Column, RecordTableModel

SUFFIXES = (".pdf", ".xlsx", ".csv")


@dataclass(frozen=True)
class OutputFile:
    path: Path
    size: int
    modified: float
    recipient: str = ""

    @property
    def is_pdf(self) -> bool:
        return self.path.suffix.lower() == ".pdf"


def list_outputs(folder: Path) -> list[OutputFile]:
    """The finished documents in ``folder`` (temporary files of a batch in progress aside)."""
    if not folder.is_dir():
        return []
    recipients = _recipients(folder / "certificates.csv")
    out = []
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name.startswith(".") or not e.is_file():
                continue
            if os.path.splitext(e.name)[1].lower() not in SUFFIXES:
                continue
            st = e.stat()
            out.append(
                OutputFile(Path(e.path), st.st_size, st.st_mtime, recipients.get(e.name, ""))
            )
    out.sort(key=lambda f: f.path.name)
    return out


def _recipients(manifest: Path) -> dict[str, str]:
    """File name → recipient, from a certificate batch's ``certificates.csv``."""
    import csv

    try:
        with manifest.open(encoding="utf-8-sig", newline="") as f:
            return {row["file"]: row["recipient"] for row in csv.DictReader(f)}
    except (OSError, KeyError, csv.Error):
        return {}


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "CDD-evaluator"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, n // 1024)} KB"


class OutputFilesModel(RecordTableModel):
    """The files of the output folder: name, recipient, size and time written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("DocumentsView", "ไฟล์"),
                    lambda f: f.path.name,
                    tooltip=lambda f: str(f.path),
                ),
                Column(QCoreApplication.translate("DocumentsView", "ผู้รับ"), lambda f: f.recipient),
                Column(
                    QCoreApplication.translate("DocumentsView", "ขนาด"),
                    lambda f: _size(f.size),
                    lambda f: f.size,
                    RIGHT,
                ),
                Column(
                    QCoreApplication.translate("DocumentsView", "เวลา"),
                    lambda f: date_text(f.modified),
                    lambda f: f.modified,
                ),
            ],
            parent,
        )


class PdfPreview(QWidget):
    """The first page of a PDF (QtPdf) under a line naming the file and its page count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("preview")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(QCoreApplication.translate("DocumentsView", "ตัวอย่าง: เลือกไฟล์ PDF"))
        self.label.setObjectName("previewLabel")
        self.label.setWordWrap(True)  # a long file name wraps instead of widening the view
        layout.addWidget(self.label)
        layout.addWidget(self.view, 1)

    def show_pdf(self, path: Path) -> bool:
        """Show the first page of ``path``; False (and a line saying so) when it cannot be read."""
        self.pdf.close()
        error = self.pdf.load(str(path))
        if error != QPdfDocument.Error.None_ or self.pdf.pageCount() < 1:
            self.label.setText(
                QCoreApplication.translate("DocumentsView", "เปิดไฟล์ %1 ไม่ได้").replace(
                    "%1", path.name
                )
            )
            return False
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self.label.setText(
            QCoreApplication.translate("DocumentsView", "ตัวอย่าง: %1 · หน้า 1 จาก %2")
            .replace("%1", path.name)
            .replace("%2", str(self.pdf.pageCount()))
        )
        return True
