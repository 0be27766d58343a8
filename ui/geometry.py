"""Window sizes that fit the screen the window is on (1366×768 laptops, 125 % and 150 % scaling).

A window starts at its preferred size shrunk to the screen's available geometry, a restored
geometry is clamped to the current screen (a window saved on a bigger monitor, or before the
scaling changed, comes back whole), content that can be taller than the screen scrolls, and
the main window's geometry is saved whenever it changes (debounced: a crash keeps the last).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent
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


class FittingArea(QScrollArea):
    """A frameless scroll area whose widget fills it and scrolls only below its *minimum*.

    QScrollArea's own resizing (``widgetResizable``) gives a widget whose layout has a height
    for width (every view with a wrapped label) its *preferred* height, so a view with a table
    scrolled on a 1366×768 screen at 125 % although its table could simply be shorter. Here the
    widget gets the area's size, no less than its minimum size, and no lower than the minimum
    height its layout needs at that width (wrapped labels whole, tables at their minimum)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._later = QTimer(self)  # a child: never fires after the area is gone
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        self.viewport().installEventFilter(self)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (watched is self.viewport() and kind == QEvent.Type.Resize) or (
            watched is self.widget() and kind == QEvent.Type.LayoutRequest
        ):
            self._fit_soon()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def _fit_soon(self) -> None:
        if not self._later.isActive():
            self._later.start()

    def fit(self) -> None:
        """Size the widget to the area, no smaller than it needs."""
        widget = self.widget()
        if widget is None:
            return
        room = self.maximumViewportSize()  # the viewport without scroll bars
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        width = max(room.width(), least.width())
        layout = widget.layout()
        if layout is not None and layout.hasHeightForWidth():
            need = layout.totalMinimumHeightForWidth(width)
            if need > room.height():  # a vertical bar takes some of the width
                width = max(room.width() - self._bar_width(), least.width())
                need = layout.totalMinimumHeightForWidth(width)
            least.setHeight(max(least.height(), need))
        elif least.height() > room.height():
            width = max(room.width() - self._bar_width(), least.width())
        if width > room.width():  # scrolls across: a horizontal bar takes some height
            room.setHeight(room.height() - self.horizontalScrollBar().sizeHint().height())
        size = QSize(width, max(room.height(), least.height()))
        if widget.size() != size:
            widget.resize(size)

    def _bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()


def scrolling(widget: QWidget | None) -> QScrollArea:
    """``widget`` in a frameless scroll area: it fills the area, and scrolls when the area is
    smaller than the widget's minimum size (a small screen, a large scaling)."""
    area = FittingArea()
    if widget is not None:
        area.setWidget(widget)
    return area
