"""The app asks for the audit key's passphrase before an action that signs a checkpoint of the
log (here the audit view's Excel export; finalising and the transfer dialog's exports go through
the same :func:`ui.dialogs.signing_secrets.unlock_audit_key`): a new key is asked twice, a wrong
passphrase is said and asked again, cancelling does nothing, and the key stays open for the rest
of the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.services import audit_key, audit_log
from evaluator.sync.keys import PASSPHRASE_ENV
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.test_audit_view import logged, open_view  # noqa: F401 (the fixture)
from ui.dialogs import signing_secrets
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.audit import AuditView

GOOD = "รหัสผ่านของกุญแจบันทึก"


class Typed:
    """What the user types in the passphrase dialogs, in order (None: Cancel)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str | None) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QInputDialog, "getText", self.get_text)
        monkeypatch.setattr(QMessageBox, "warning", self.warning)

    def get_text(self, _parent: QWidget, _title: str, prompt: str, *_a: object) -> tuple[str, bool]:
        self.prompts.append(prompt)
        answer = self.answers.pop(0)
        return ("", False) if answer is None else (answer, True)

    def warning(self, _parent: QWidget, _title: str, text: str, *_a: object) -> object:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture(autouse=True)
def _no_passphrase_given(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    audit_key.forget()
    yield
    audit_key.forget()


def _export(qtbot: QtBot, view: AuditView, out: Path) -> None:
    """Export as the button does; wait for the export when one was started."""
    before = getattr(view, "export_task", None)
    view.export(str(out))
    if getattr(view, "export_task", None) is not before:
        qtbot.waitUntil(lambda: view.exported is not None, timeout=10000)


def test_a_new_key_is_asked_twice_then_the_session_keeps_it_open(
    qtbot: QtBot,
    db: Database,
    logged: Contest,  # noqa: F811
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    typed = Typed(monkeypatch, GOOD, GOOD)
    _export(qtbot, view, tmp_path / "one.xlsx")
    assert view.exported is not None and view.exported[0] == tmp_path / "one.xlsx"
    assert len(typed.prompts) == 2 and "ตั้งรหัสผ่าน" in typed.prompts[0]
    pem = audit_key.key_path().read_bytes()
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pem, password=None)
    serialization.load_pem_private_key(pem, password=GOOD.encode())
    view.exported = None
    _export(qtbot, view, tmp_path / "two.xlsx")  # open for the session: not asked again
    assert view.exported is not None and len(typed.prompts) == 2
    report = audit_log.verify(db)
    assert report.intact and report.checkpoints == 2


def test_cancelling_or_two_different_new_passphrases_export_nothing(
    qtbot: QtBot,
    db: Database,
    logged: Contest,  # noqa: F811
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = open_view(qtbot, db, logged, ui_settings, runner)
    Typed(monkeypatch, None)
    _export(qtbot, view, tmp_path / "a.xlsx")
    Typed(monkeypatch, GOOD, "something else")
    _export(qtbot, view, tmp_path / "b.xlsx")
    assert getattr(view, "export_task", None) is None and view.exported is None
    assert not list(tmp_path.glob("*.xlsx")) and audit_key.state() == "none"


def test_a_wrong_passphrase_is_said_and_asked_again(
    qtbot: QtBot,
    db: Database,
    logged: Contest,  # noqa: F811
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    audit_key.unlock(GOOD)  # made earlier in another session
    audit_key.forget()
    view = open_view(qtbot, db, logged, ui_settings, runner)
    typed = Typed(monkeypatch, "not the passphrase", GOOD)
    _export(qtbot, view, tmp_path / "log.xlsx")
    assert len(typed.prompts) == 2 and "ตั้งรหัสผ่าน" not in typed.prompts[0]
    assert len(typed.warnings) == 1 and "wrong passphrase" in typed.warnings[0]
    assert view.exported is not None

    audit_key.forget()
    typed = Typed(monkeypatch, "wrong 1", "wrong 2", "wrong 3")
    view.exported = None
    _export(qtbot, view, tmp_path / "again.xlsx")
    assert len(typed.warnings) == signing_secrets.ATTEMPTS and view.exported is None
    assert not (tmp_path / "again.xlsx").exists()


def test_the_inspectors_passphrase_is_tried_first_for_a_package(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert signing_secrets.PASSPHRASE_ENV == PASSPHRASE_ENV  # kept apart for a quick start-up
    parent = QWidget()
    qtbot.addWidget(parent)
    audit_key.unlock(GOOD)
    audit_key.forget()
    typed = Typed(monkeypatch)
    assert signing_secrets.unlock_audit_key(parent, also=GOOD)
    assert typed.prompts == [] and audit_key.is_unlocked()
    audit_key.forget()
    typed = Typed(monkeypatch, GOOD)  # another passphrase for the package: asked, once
    assert signing_secrets.unlock_audit_key(parent, also="the inspector's own")
    assert len(typed.prompts) == 1 and typed.warnings == []
