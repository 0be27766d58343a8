"""The application context passed to every view: the database, who is using it, the settings,
the background task runner, and the signals by which views learn that data changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from evaluator.db import Database
from evaluator.permissions import Action, UserInfo, allowed
from ui.settings import UiSettings
from ui.tasks import TaskRunner


class Events(QObject):
    """Data changed somewhere; views that show it reload."""

    sheet_saved = Signal(int)  # a sheet's id
    data_changed = Signal()  # an import, a merge, a finalised round
    open_sheet = Signal(int)  # ask the main window to show a sheet in the scoring form
    compare = Signal(list)  # ask the main window to compare these tambon codes
    data_loaded = Signal(str)  # a view finished loading its data (the view's key)
    show_view = Signal(str)  # ask the main window to show a view (its key)


@dataclass
class AppContext:
    db: Database
    user: UserInfo
    settings: UiSettings
    tasks: TaskRunner
    events: Events = field(default_factory=Events)

    def can(self, action: Action) -> bool:
        """Whether the current user's role may do ``action`` (the services check it again)."""
        return allowed(self.user, action)
