"""What every view of the main window shares: the application context, and loading its data
when it is shown (``activate``), at once when it is visible and the data changed
(``mark_stale``), else on its next show."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.models.keyed import SortProxy
from ui.models.records import Column, RecordTableModel
from ui.widgets import heading, setup_table


class View(QWidget):
    """A view of the main window. Subclasses set ``key`` and implement :meth:`reload`, which
    starts by clearing ``_stale``."""

    key = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True

    def activate(self) -> None:
        """Called when the view is shown: load on first show or after data changed."""
        if self._stale:
            self.reload()

    def mark_stale(self) -> None:
        """The data changed: reload now when visible, else on the next show."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Load the view's data (in the background) and clear ``_stale``."""
        raise NotImplementedError


def record_table(
    view: View,
    columns: Sequence[Column],
    name: str,
    settings_key: str,
    on_current: Callable[[], None],
) -> tuple[RecordTableModel, SortProxy, QTableView]:
    """A list of records: a model, a proxy sorting on raw values, and its table (``name``), whose
    layout is kept under ``settings_key``; ``on_current`` runs when the current row changes."""
    model = RecordTableModel(list(columns), view)
    proxy = SortProxy(view)
    proxy.setSourceModel(model)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    setup_table(table, view.ctx.settings, settings_key)
    table.selectionModel().currentRowChanged.connect(lambda *_: on_current())
    return model, proxy, table


def detail_pane(title: str, name: str) -> tuple[QWidget, QVBoxLayout, QLabel, QLabel]:
    """The detail pane of a list: a heading (``<name>Title``) and selectable facts below it
    (``<name>Facts``); returns the pane, its layout, the heading and the facts."""
    pane = QWidget()
    box = QVBoxLayout(pane)
    box.setContentsMargins(0, 0, 0, 0)
    heading_label = heading(title, 2)
    heading_label.setObjectName(f"{name}Title")
    box.addWidget(heading_label)
    facts = QLabel("")
    facts.setObjectName(f"{name}Facts")
    facts.setWordWrap(True)
    facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.addWidget(facts)
    return pane, box, heading_label, facts
