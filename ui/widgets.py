"""Small widgets and helpers shared by the views."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evaluator.errors import EvaluatorError, InputError
from evaluator.i18n import one_language
from evaluator.services.round_list import RoundRef
from ui.settings import UiSettings


def setup_table(view: QTableView, settings: UiSettings | None = None, key: str = "") -> None:
    """The look of every table: whole-row selection, sortable headers, no grid clutter; the
    header's column widths and sort order are remembered under ``key``."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model = view.model()
    if model is not None:
        # a reset's rows laid out at once: Qt lays them out on the event loop's next turn,
        # after painting the table, and then paints it a second time (a filter's keystroke
        # painted twice)
        model.modelReset.connect(view.doItemsLayout)
    if settings is not None and key:
        state = settings.state(f"header/{key}")
        if state is not None:
            header.restoreState(state)

        def save() -> None:
            settings.set_state(f"header/{key}", header.saveState())

        header.sectionResized.connect(lambda *_: save())
        header.sortIndicatorChanged.connect(lambda *_: save())


FIT_ROWS = 200  # the rows a column is sized on, as Qt samples them (from the top)
_FIT_WIDEST = 3  # the widest texts of a column measured by its delegate


def fit_columns(view: QTableView, widths: dict[int, int] | None = None) -> None:
    """Size columns to their contents once, as ``resizeColumnsToContents`` with a precision
    of :data:`FIT_ROWS` rows would, at a fraction of its cost: Qt asks the model for about ten
    roles of every cell it samples (each a call into Python); here each sampled cell's text is
    measured alone and only each column's widest few cells are sized by the delegate (which
    adds what the style draws around the text). The last column, which stretches, fills the
    room left when there is some (Qt's own leaves it at its contents until the next resize)."""
    model = view.model()
    header = view.horizontalHeader()
    if model is None:
        return
    rows = min(model.rowCount(), FIT_ROWS)
    metrics = view.fontMetrics()
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        cells = [model.index(row, column) for row in range(rows)]
        advance = [metrics.horizontalAdvance(str(cell.data() or "")) for cell in cells]
        widest = sorted(range(rows), key=advance.__getitem__, reverse=True)[:_FIT_WIDEST]
        content = max(
            (
                view.itemDelegateForIndex(cells[row]).sizeHint(option, cells[row]).width()
                for row in widest
            ),
            default=0,
        ) + (1 if view.showGrid() and rows else 0)
        title = 0 if header.isHidden() else header.sectionSizeHint(column)
        header.resizeSection(column, max(content, title))
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """Tell the user what went wrong, listing every problem of an InputError."""
    if isinstance(exc, InputError):
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        lines = [one_language(str(p)) for p in exc.problems]
        box.setText("\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else ""))
        if len(lines) > 12:
            box.setDetailedText("\n".join(lines))
        box.exec()
    elif isinstance(exc, EvaluatorError):
        QMessageBox.warning(parent, title, one_language(str(exc)))
    else:
        QMessageBox.critical(parent, title, f"{type(exc).__name__}: {exc}")


class RoundCombo(QComboBox):
    """A choice of round; remembers the last one chosen."""

    round_changed = Signal(str)

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self._changed)

    def minimumSizeHint(self) -> QSize:
        """As wide as its longest title when there is room (the size hint), down to about 14
        characters, the title then elided (and whole in the list and the tooltip), when a
        small screen or a large scaling leaves less."""
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().averageCharWidth() * 16 + 40
        return QSize(min(hint.width(), narrow), hint.height())

    def set_rounds(self, rounds: list[RoundRef]) -> None:
        wanted = self.code() or self.settings.last_round
        self.blockSignals(True)
        self.clear()
        for r in rounds:
            mark = QCoreApplication.translate("Widgets", " (ยืนยันผลแล้ว)") if r.finalised else ""
            self.addItem(f"{r.title}{mark}", r.code)
        index = self.findData(wanted)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.setToolTip(self.currentText())
        self.blockSignals(False)

    def code(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def _changed(self, _index: int) -> None:
        self.setToolTip(self.currentText())
        code = self.code()
        if code:
            self.settings.last_round = code
            self.round_changed.emit(code)


class Debouncer(QTimer):
    """Calls back once typing pauses for ``msecs``."""

    def __init__(self, msecs: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSingleShot(True)
        self.setInterval(msecs)


def heading(text: str, size_delta: int = 4) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class Card(QFrame):
    """A framed box with a title and a big number (dashboard tiles)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        font = QFont(self.value.font())
        font.setPointSize(font.pointSize() + 9)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel("")
        self.note.setObjectName("cardNote")
        # titles and notes wrap when a row of cards is narrow (English, 150 %) instead of
        # widening the view past the window
        self.title.setWordWrap(True)
        self.note.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


def restore_splitter(splitter: object, settings: UiSettings, key: str) -> None:
    """Restore a QSplitter's sizes and save them whenever they change."""
    from PySide6.QtWidgets import QSplitter

    assert isinstance(splitter, QSplitter)
    state = settings.state(f"splitter/{key}")
    if isinstance(state, QByteArray):
        splitter.restoreState(state)
    splitter.splitterMoved.connect(
        lambda *_: settings.set_state(f"splitter/{key}", splitter.saveState())
    )


class OptionRow(QWidget):
    """Choices (radio buttons) side by side when they fit, one under the other when they do
    not (long texts, a small screen or a large scaling), so their texts never widen a view
    past the screen nor get cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def add(self, button: QWidget) -> None:
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.box.addWidget(button)
        self.arrange()

    def remove(self, button: QWidget) -> None:
        self.box.removeWidget(button)

    def arrange(self) -> None:
        items = (self.box.itemAt(i) for i in range(self.box.count()))
        widgets = [w for w in (item.widget() for item in items if item) if w]
        # the widgets' own hints: an Ignored width policy makes their layout items' hints 0
        needed = sum(w.sizeHint().width() + self.box.spacing() for w in widgets)
        self.box.setDirection(
            QBoxLayout.Direction.LeftToRight
            if needed <= self.width()
            else QBoxLayout.Direction.TopToBottom
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()
