"""Photo evidence: a strip of thumbnails (with drag and drop) and a full-size viewer.

Thumbnails are decoded and scaled off the UI thread (QImage is safe in a worker; QPixmap is not).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from evaluator.services import sheet_photos
from evaluator.services.sheets import PhotoInfo
from ui.context import AppContext
from ui.geometry import fit_to_screen
from ui.icons import icon
from ui.tasks import TaskControl

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
PHOTO_ID = Qt.ItemDataRole.UserRole
THUMB = 112


def image_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """The image files a drag carries."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]


class PhotoStrip(QListWidget):
    """Thumbnails of a sheet's photos; double-click or Enter opens one full size; image files
    dropped on it are offered to whoever listens to ``files_dropped``."""

    photo_activated = Signal(int)
    files_dropped = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.accepts_drops = False
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 24, THUMB + 40))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(False)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFixedHeight(THUMB + 64)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.itemActivated.connect(self._activated)
        self._generation = 0

    def set_photos(self, photos: list[PhotoInfo] | tuple[PhotoInfo, ...]) -> None:
        """Show these photos; their thumbnails arrive from a background task."""
        self.clear()
        self._generation += 1
        generation = self._generation
        for p in photos:
            item = QListWidgetItem(icon("photo"), p.filename)
            item.setData(PHOTO_ID, p.id)
            item.setToolTip(f"{p.filename}\n{p.caption}".strip())
            self.addItem(item)
        if not photos:
            return
        user, db = self.ctx.user, self.ctx.db
        ids = [p.id for p in photos]

        def job(control: TaskControl) -> tuple[int, list[tuple[int, QImage]]]:
            out = []
            for i, photo_id in enumerate(ids):
                control.check()
                image = QImage.fromData(sheet_photos.photo_data(db, user, photo_id))
                if not image.isNull():
                    image = image.scaled(
                        THUMB * 2,
                        THUMB * 2,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                out.append((photo_id, image))
                control.progress(i + 1, len(ids))
            return generation, out

        task = self.ctx.tasks.start(job, "thumbnails")
        # a bound method, not a lambda: Qt drops the connection when the strip is deleted (a
        # window closed while its thumbnails were still being read)
        task.finished.connect(self._thumbnails)

    def _thumbnails(self, done: tuple[int, list[tuple[int, QImage]]]) -> None:
        generation, result = done
        if generation != self._generation:
            return
        images = dict(result)
        for row in range(self.count()):
            item = self.item(row)
            image = images.get(int(item.data(PHOTO_ID)))
            if image is not None and not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def selected_photo(self) -> int | None:
        item = self.currentItem()
        return int(item.data(PHOTO_ID)) if item is not None else None

    def _activated(self, item: QListWidgetItem) -> None:
        self.photo_activated.emit(int(item.data(PHOTO_ID)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            item = self.currentItem()
            if item is not None:
                self._activated(item)
                return
        super().keyPressEvent(event)

    # drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts_drops and image_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.accepts_drops and image_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = image_paths(event) if self.accepts_drops else []
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()


class PhotoViewer(QDialog):
    """One photo at full size (scaled down to fit the window, scrollable when zoomed)."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("photoViewer")
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(data)
        layout = QVBoxLayout(self)
        self.area = QScrollArea()
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setWidget(self.label)
        self.area.setWidgetResizable(True)
        layout.addWidget(self.area, 1)
        self.info = QLabel(
            self.tr("%1 × %2 พิกเซล")
            .replace("%1", str(self.pixmap.width()))
            .replace("%2", str(self.pixmap.height()))
        )
        layout.addWidget(self.info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(900, 700))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.pixmap.isNull():
            size = self.area.viewport().size()
            self.label.setPixmap(
                self.pixmap.scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                if self.pixmap.width() > size.width() or self.pixmap.height() > size.height()
                else self.pixmap
            )


def open_photo(ctx: AppContext, photo_id: int, title: str, parent: QWidget | None) -> PhotoViewer:
    """Show a photo full size (non-modal); returns the viewer."""
    viewer = PhotoViewer(sheet_photos.photo_data(ctx.db, ctx.user, photo_id), title, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    return viewer
