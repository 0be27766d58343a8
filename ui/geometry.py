"""Window sizes that fit the screen the window is on (1366×768 laptops, 125 % and 150 % scaling).

A window starts at its preferred size shrunk to the screen's available geometry, a restored
geometry is clamped to the current screen (a window saved on a bigger monitor, or before the
scaling changed, comes back whole), content that can be taller than the screen scrolls, and
the main window's geometry is saved whenever it changes (debounced: a crash keeps the last).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# what a window manager adds around a window (title bar, borders) when it does not say yet
FRAME_ALLOWANCE = QSize(16, 40)
SAVE_DELAY_MS = 500


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without panels and task bars)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame_extra(widget: QWidget) -> QSize:
    frame, inner = widget.frameGeometry(), widget.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    if widget.isVisible() and (extra.width() > 0 or extra.height() > 0):
        return extra
    return FRAME_ALLOWANCE


def fitting_size(widget: QWidget, preferred: QSize) -> QSize:
    """``preferred`` shrunk so that the window, frame included, fits the available area."""
    area, extra = available_area(widget), _frame_extra(widget)
    room = QSize(area.width() - extra.width(), area.height() - extra.height())
    return preferred.boundedTo(room).expandedTo(widget.minimumSize())


def fit_to_screen(widget: QWidget, preferred: QSize) -> None:
    """Give a window its preferred size, no bigger than the screen; a window without a parent
    is centred on the screen (Qt centres a dialog on its parent)."""
    widget.resize(fitting_size(widget, preferred))
    if widget.parentWidget() is not None:
        return
    area = available_area(widget)
    frame = widget.frameGeometry()
    frame.moveCenter(area.center())
    widget.move(max(area.left(), frame.left()), max(area.top(), frame.top()))


def clamp_to_screen(widget: QWidget) -> None:
    """Shrink and move a window so that all of it, frame included, is on its screen."""
    area, extra = available_area(widget), _frame_extra(widget)
    size = widget.size()
    fitted = fitting_size(widget, size)
    if fitted != size:
        widget.resize(fitted)
    width = widget.width() + extra.width()
    height = widget.height() + extra.height()
    pos = widget.frameGeometry().topLeft()
    x = min(max(pos.x(), area.left()), max(area.left(), area.right() + 1 - width))
    y = min(max(pos.y(), area.top()), max(area.top(), area.bottom() + 1 - height))
    if (x, y) != (pos.x(), pos.y()):
        widget.move(x, y)


def restore_or_fit(widget: QWidget, saved: QByteArray | None, preferred: QSize) -> None:
    """Restore a saved geometry, clamped to the current screen; else the preferred size."""
    if saved is None or not widget.restoreGeometry(saved):
        fit_to_screen(widget, preferred)
        return
    if not widget.isMaximized() and not widget.isFullScreen():
        clamp_to_screen(widget)


class GeometryKeeper(QObject):
    """Calls ``save`` shortly after the watched window was last moved or resized."""

    def __init__(self, window: QWidget, save: Callable[[], None]) -> None:
        super().__init__(window)
        self._save = save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self._save)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.WindowStateChange):
            self.timer.start()
        return False

    def flush(self) -> None:
        """Save now if a save is pending."""
        if self.timer.isActive():
            self.timer.stop()
            self._save()


def scrolling(widget: QWidget | None) -> QScrollArea:
    """``widget`` in a frameless scroll area: it fills the area, and scrolls when the area is
    smaller than the widget's minimum size (a small screen, a large scaling)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if widget is not None:
        area.setWidget(widget)
    return area
