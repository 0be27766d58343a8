"""The app in English mode says the core's messages in English (#15 item 4): the problems of a
bad import file, a refusal for the role, a tampered package, a wrong password, an import's
summary. Names (places, people, the file's own headers) are data and stay as they are."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services.users import list_users
from tests.accounts import TEST_PASSWORD, give_passwords
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.dialogs.transfer import ImportDialog
from ui.i18n import install_language
from ui.settings import UiSettings
from ui.tasks import TaskRunner

THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_language(qapp, "en")
    try:
        yield
    finally:
        install_language(qapp, "th")


def no_thai(text: str, *names: str) -> None:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    assert not THAI.search(text), text


def _run(qtbot: QtBot, dialog: ImportDialog, path: Path) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(path))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)


def test_a_bad_scores_file_is_explained_in_english(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    english: None,
) -> None:
    t = contest.tambons[5]
    path = tmp_path / "คะแนน.csv"
    path.write_text(
        "round,inspector,tambon_code,criterion,score\n"
        f"outstanding,ผู้ตรวจ ก,{t},C1,8\n"
        f"outstanding,ผู้ตรวจ ก,{t},C2,15\n"
        "outstanding,ผู้ตรวจ ก,999999,C1,5\n"
        f"outstanding,ผู้ตรวจ ก,{t},C9,5\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(make_context(db, contest.committee, ui_settings, runner), "scores")
    _run(qtbot, dialog, path)
    assert dialog.stage.text() == "The file has 3 problems; nothing was changed"
    problems = dialog.problems
    assert [p.row for p in problems.records] == [3, 4, 5]
    for row in range(problems.rowCount()):
        for column in range(problems.columnCount()):
            no_thai(str(problems.index(row, column).data() or ""), "คะแนน.csv")


def test_a_refusal_for_the_role_is_in_english(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    english: None,
) -> None:
    path = tmp_path / "geo.csv"
    path.write_text("province,district,tambon,tambon_code\n", encoding="utf-8")
    dialog = ImportDialog(make_context(db, contest.committee, ui_settings, runner), "geography")
    _run(qtbot, dialog, path)
    said = dialog.output.toPlainText()
    assert "the committee role may not import geography" in said
    no_thai(said)


def test_a_tampered_package_is_refused_in_english(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    english: None,
) -> None:
    path = tmp_path / "ผู้ตรวจ ก.cddpkg"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("../../escape.txt", "x")
    dialog = ImportDialog(make_context(db, contest.committee, ui_settings, runner), "package")
    _run(qtbot, dialog, path)
    shown = [dialog.stage.text(), dialog.output.toPlainText()]
    problems = dialog.problems
    shown += [
        str(problems.index(r, c).data() or "")
        for r in range(problems.rowCount())
        for c in range(problems.columnCount())
    ]
    assert any("escape" in s for s in shown), shown
    for text in shown:
        no_thai(text, "ผู้ตรวจ ก.cddpkg")


def test_a_good_import_is_summed_up_in_english(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    english: None,
) -> None:
    t = contest.tambons[5]
    path = tmp_path / "scores.csv"
    path.write_text(
        "round,inspector,tambon_code,criterion,score\n"
        + "".join(f"outstanding,ผู้ตรวจ ง,{t},C{i},3\n" for i in (1, 2, 3)),
        encoding="utf-8",
    )
    dialog = ImportDialog(make_context(db, contest.committee, ui_settings, runner), "scores")
    _run(qtbot, dialog, path)
    said = dialog.output.toPlainText()
    assert said.startswith("Imported scores.csv: 3 rows; scores new 3"), said
    assert "1 new inspectors registered: ผู้ตรวจ ง (check the spelling)" in said
    assert "incomplete sheets:" in said
    no_thai(said, "ผู้ตรวจ ง", t)


def test_a_wrong_password_is_said_in_english(
    qtbot: QtBot, db: Database, contest: Contest, english: None
) -> None:
    from ui.dialogs.identity import PasswordDialog

    give_passwords(db)
    person = next(u for u in list_users(db) if u.role is m.Role.ADMIN)
    dialog = PasswordDialog(db, person)
    qtbot.addWidget(dialog)
    dialog.password.setText(TEST_PASSWORD + "x")
    dialog.try_password()
    assert dialog.user is None
    assert "wrong login or password" in dialog.message.text()
    no_thai(dialog.message.text())
