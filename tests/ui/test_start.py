"""The start: the main window comes up with its first view only, without the modules of the
other views and without the libraries of the documents, the statistics and the set-up (each in
a fresh process, as a launcher starts the app); the undo of the scoring form is in the Edit
menu before and after that view is built; ``evaluator`` opens the app without building the
command line."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from evaluator import collector
from evaluator.db import Database
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.launch import app_arguments, main
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
VIEWS = (
    "dashboard tambons scoring rankings compare packages conflicts documents lessons audit setup"
)
# never loaded before the main window is shown: what the documents, the statistics, the
# upgrades and the set-up need, the command line, and the modules of the views not shown
NOT_AT_START = (
    "alembic",
    "mako",
    "numpy",
    "reportlab",
    "pyhanko",
    "openpyxl",
    "pythainlp",
    "geothai",
    "cryptography",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "reports",
    "evaluator.cli.parser",
    "evaluator.services.round_context",
    "evaluator.services.audit_log",
    "evaluator.scoring.ranking",
    "ui.dialogs.transfer",
)
# nor, at a committee's start (the dashboard), an inspector's panel or the sheet services
NOT_FOR_THE_DASHBOARD = ("ui.views.my_work", "evaluator.services.sheet_data")

START = """
import gc, json, sys
from evaluator import startup
startup.pause()  # as ui/launch.py does first
from ui.app import create_application, show_main_window
from ui.collection import GuiThreadCollector
from ui.settings import UiSettings
from evaluator.services.setup import open_ready
from evaluator.services.users import list_users
app = create_application(sys.argv[:1])
db = open_ready(sys.argv[1])
user = next(u for u in list_users(db) if u.id == int(sys.argv[2]))
settings = UiSettings.at(sys.argv[3] + "/ui.ini")
settings.last_view = sys.argv[4]
window = show_main_window(db, user, settings)
print(json.dumps({"modules": sorted(sys.modules), "built": sorted(window.views.built()),
                  "shown": window.current_view_key(), "collector": gc.isenabled(),
                  "frozen": gc.get_freeze_count(),
                  "gui_collects": app.findChild(GuiThreadCollector) is not None}))
window.close()
window.ctx.tasks.shutdown()
db.dispose()
"""


def _start(db: Database, user_id: int, view: str, tmp_path: Path) -> dict[str, object]:
    assert db.file_path is not None
    db.dispose()  # the other process opens it alone
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            START,
            str(db.file_path),
            str(user_id),
            str(tmp_path / "i.ini"),
            view,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("who", "view"), [("committee", "dashboard"), ("inspector_a", "tambons"), ("admin", "setup")]
)
def test_the_window_starts_with_its_first_view_only(
    db: Database, contest: Contest, tmp_path: Path, who: str, view: str
) -> None:
    user = getattr(contest, who)
    started = _start(db, user.id, view, tmp_path)
    modules = set(started["modules"])  # type: ignore[call-overload]
    assert started["shown"] == view and started["built"] == [view]
    # the start's objects frozen once the window is up; from then on the GUI thread collects
    # (ui/collection.py), never a collection started by a background task's allocations
    assert isinstance(started["frozen"], int) and started["frozen"] > 0
    assert started["collector"] is False and started["gui_collects"] is True
    loaded = sorted(
        m for m in modules for heavy in NOT_AT_START if m == heavy or m.startswith(heavy + ".")
    )
    assert loaded == [], loaded
    others = [f"ui.views.{key}" for key in VIEWS.split() if key != view]
    assert [m for m in others if m in modules] == []
    assert ("PySide6.QtCharts" in modules) == (view == "dashboard")  # the dashboard's charts
    if view == "dashboard":
        assert [m for m in NOT_FOR_THE_DASHBOARD if m in modules] == []


def test_the_core_is_loaded_before_qt() -> None:
    """SQLAlchemy Core, the tables and the services the start needs come before PySide6: once
    it is loaded, PySide6 reads the source of every module imported after it (its
    ``__feature__`` check), which the start would pay for each of SQLAlchemy's modules. The ORM
    and the mapped classes are not loaded at all: they come after the first window."""
    script = "import sys, json\nimport ui.app\nprint(json.dumps(list(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    order = json.loads(out.stdout.strip().splitlines()[-1])
    first_qt = min(i for i, name in enumerate(order) if name.startswith(("PySide6", "shiboken6")))
    core = (
        "sqlalchemy.engine",
        "sqlalchemy.dialects.sqlite",
        "evaluator.db.schema",
        "evaluator.db.models",
        "evaluator.services.setup",
    )
    assert all(order.index(name) < first_qt for name in core), order[first_qt - 3 : first_qt + 3]
    assert [name for name in AFTER_THE_FIRST_VIEW if name in order] == []


# what the committee's and the inspector's start read before their first view's data is on
# screen is read with SQLAlchemy Core: the ORM and the mapped classes are built after it, when
# the GUI is idle (ui.app.load_models_when_idle)
AFTER_THE_FIRST_VIEW = ("sqlalchemy.orm", "evaluator.db.mapped")

TO_THE_DATA = """
import json, sys
from evaluator import startup
startup.pause()  # as ui/launch.py does first
from ui.app import create_application, show_main_window
from PySide6.QtCore import QTimer
from ui.settings import UiSettings
from evaluator.db import models
from evaluator.services.setup import open_ready
from evaluator.services.users import list_users
WATCHED = json.loads(sys.argv[5])
app = create_application(sys.argv[:1])
db = open_ready(sys.argv[1])
user = next(u for u in list_users(db) if u.id == int(sys.argv[2]))  # the sign-in's list
settings = UiSettings.at(sys.argv[3] + "/ui.ini")
settings.last_view = sys.argv[4]
window = show_main_window(db, user, settings)
seen = {}
def loaded(key):
    if "data" not in seen:
        seen["view"] = key
        seen["data"] = [n for n in WATCHED if n in sys.modules]
        seen["built"] = models.loaded()
window.ctx.events.data_loaded.connect(loaded)
def poll():
    if "data" in seen and models.loaded():
        seen["later"] = [n for n in WATCHED if n in sys.modules]
        app.quit()
        return
    QTimer.singleShot(5, poll)
poll()
QTimer.singleShot(20000, app.quit)
app.exec()
print(json.dumps(seen))
window.close()
window.ctx.tasks.shutdown()
db.dispose()
"""


@pytest.mark.parametrize(("who", "view"), [("committee", "dashboard"), ("inspector_a", "tambons")])
def test_the_first_views_data_comes_before_the_orm_which_comes_when_idle(
    db: Database, contest: Contest, tmp_path: Path, who: str, view: str
) -> None:
    """The schema check, the sign-in's list of users and the first view's data (the committee's
    dashboard, its figures and design note; the inspector's tambon list) are read with Core; the
    mapped classes are built once the data is on screen, in the GUI thread's idle time."""
    assert db.file_path is not None
    db.dispose()  # the other process opens it alone
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            TO_THE_DATA,
            str(db.file_path),
            str(getattr(contest, who).id),
            str(tmp_path / "i"),
            view,
            json.dumps(AFTER_THE_FIRST_VIEW),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["view"] == view
    assert seen["data"] == [] and seen["built"] is False, seen
    assert seen["later"] == list(AFTER_THE_FIRST_VIEW)


SIGN_IN = """
import json, sys, time
from PySide6.QtCore import QEventLoop, QTimer
from evaluator.db import models
from ui import app as ui_app
from ui.dialogs import identity
from ui.settings import UiSettings

def choose_user(db, settings, preselect_name=None, parent=None):
    # the sign-in on screen: the user reads it and types (here: up to 5 s), then leaves
    seen = [models.loaded()]
    started = time.monotonic()
    while not models.loaded() and time.monotonic() - started < 5:
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    seen.append(models.loaded())
    print(json.dumps(seen))
    return None

identity.choose_user = choose_user
sys.exit(ui_app.run_app(sys.argv[1], sys.argv[:1], settings=UiSettings.at(sys.argv[2])))
"""


def test_the_mapped_classes_are_built_while_the_sign_in_waits(db: Database, tmp_path: Path) -> None:
    """The program's own start (``run_app``): the sign-in comes without the mapped classes, which
    are built while it waits for the user (who needs them once they have typed)."""
    assert db.file_path is not None
    db.dispose()
    out = subprocess.run(
        [sys.executable, "-c", SIGN_IN, str(db.file_path), str(tmp_path / "ui.ini")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, True]


def test_the_undo_of_the_scoring_form_is_in_the_edit_menu_before_and_after_it_is_built(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    ui_settings.last_view = "dashboard"
    window = MainWindow(make_context(db, contest.committee, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    assert "scoring" not in window.views.built() and "scoring" in window.views
    before = window.edit_menu.actions()
    assert [a.isEnabled() for a in before[:2]] == [False, False]  # nothing to undo yet
    assert [a.shortcut().isEmpty() for a in before[:2]] == [False, False]
    scoring = window.show_view("scoring")
    form = scoring.form  # type: ignore[union-attr]
    after = window.edit_menu.actions()
    assert after[:2] == [form.undo_action, form.redo_action]
    assert [a.text() for a in after[:2]] == [a.text() for a in before[:2]]
    assert len(after) == len(before)  # the places were taken, not added to
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_an_inspectors_window_has_no_scoring_undo_to_place_when_they_have_no_form(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings
) -> None:
    window = MainWindow(make_context(db, contest.inspector_a, ui_settings, TaskRunner()))
    qtbot.addWidget(window)
    assert len(window.undo_places) == 2  # an inspector scores: the places wait for the form
    window.show_view("scoring")
    assert window.undo_places == []
    window.close()
    assert window.ctx.tasks.wait(5000)


def test_the_app_arguments_are_told_from_a_command() -> None:
    assert vars(app_arguments([])) == {"db": None, "user": None}
    assert vars(app_arguments(["--db", "x.sqlite3", "--user", "admin"])) == {
        "db": "x.sqlite3",
        "user": "admin",
    }
    assert vars(app_arguments(["--db=x.sqlite3"])) == {"db": "x.sqlite3", "user": None}
    for command in (["rank"], ["--db", "x", "rank"], ["-h"], ["--help"], ["--version"], ["--db"]):
        assert app_arguments(command) is None, command


@pytest.fixture
def no_gui_collection() -> Iterator[None]:
    """A command's process, with no GUI thread collecting (this test session has one)."""
    collector.collect_in_gui_thread(False)
    try:
        yield
    finally:
        collector.collect_in_gui_thread()


def test_a_mistake_on_the_command_line_is_said_by_the_full_parser_and_collection_goes_on(
    capsys: pytest.CaptureFixture[str], no_gui_collection: None
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db"])
    assert exit_.value.code == 2
    assert "--db: expected one argument" in capsys.readouterr().err
    assert gc.isenabled()


def test_evaluator_opens_the_app_without_building_the_command_line(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "import ui.app\n"
        "def run_app(target, argv, user_name=None):\n"
        "    heavy = sorted(m for m in sys.modules if m.startswith(('reports', 'evaluator.cli')))\n"
        "    print(json.dumps([str(target), user_name, heavy]))\n"
        "    return 0\n"
        "ui.app.run_app = run_app\n"
        "from ui.launch import main\n"
        f"sys.exit(main(['--db', {str(tmp_path / 'x.sqlite3')!r}, '--user', 'admin']))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    target, user, heavy = json.loads(out.stdout.strip().splitlines()[-1])
    assert (target, user) == (str(tmp_path / "x.sqlite3"), "admin")
    assert heavy == ["evaluator.cli", "evaluator.cli.common"], (
        heavy
    )  # utf8_streams, nothing of the commands
