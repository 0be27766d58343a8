"""Settings: the certificates' verification page address and emblem, set in the app through the
same services as ``export verifier --url`` and ``certificates --emblem``: kept with the contest,
audited under the admin's login, checked (a bad address or a file that is not an image is refused
and nothing is kept), read-only for a committee member."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services import certificate_register as register
from tests.evaluator.sheet_fixtures import Contest
from tests.reports.test_certificates import logo_png
from tests.ui.conftest import make_context, type_text
from ui.dialogs.settings import SettingsDialog
from ui.settings import UiSettings
from ui.tasks import TaskRunner

PNG = logo_png()
URL = "https://cdd.example.go.th/ตรวจสอบ/index.html"


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The message boxes that would have told the user why (answered at once)."""
    said: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        said.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(text))
    return said


def _settings_log(db: Database) -> list[tuple[str, str]]:
    with db.transaction() as s:
        rows = s.execute(
            select(m.AuditEntry.actor, m.AuditEntry.entity_key).where(
                m.AuditEntry.entity == "contest"
            )
        )
        return [(a, k) for a, k in rows]


def test_an_admin_sets_the_page_address_and_the_emblem(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    refusals: list[str],
) -> None:
    dialog = SettingsDialog(make_context(db, contest.admin, ui_settings, runner))
    qtbot.addWidget(dialog)
    box = dialog.certificate_page
    assert box.url.text() == "" and box.emblem_data is None and box.url.isEnabled()
    type_text(box.url, URL)
    image = tmp_path / "ตรา.png"
    image.write_bytes(PNG)
    assert box.load_emblem(image)
    dialog.save()
    assert refusals == [] and dialog.result() == dialog.DialogCode.Accepted
    assert register.verify_page_url(db) == URL
    assert register.emblem(db) == PNG
    logged = _settings_log(db)
    assert {k.split("/")[-1] for _, k in logged} == {"verify_url", "emblem"}
    assert {a for a, _ in logged} == {contest.admin.login}

    again = SettingsDialog(make_context(db, contest.admin, ui_settings, runner))
    qtbot.addWidget(again)
    assert again.certificate_page.url.text() == URL
    assert again.certificate_page.emblem_data == PNG
    again.certificate_page.url.clear()
    again.certificate_page.clear_emblem()
    again.save()
    assert register.verify_page_url(db) is None and register.emblem(db) is None
    assert len(_settings_log(db)) == 4


def test_a_bad_address_or_image_is_refused_and_nothing_is_kept(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
    refusals: list[str],
) -> None:
    dialog = SettingsDialog(make_context(db, contest.admin, ui_settings, runner))
    qtbot.addWidget(dialog)
    box = dialog.certificate_page
    fake = tmp_path / "ตรา.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n not really an image")
    assert not box.load_emblem(fake)
    assert box.emblem_data is None and not box.emblem_changed
    assert len(refusals) == 1 and "ตรา.png" in refusals[0]
    type_text(box.url, "www.cdd.go.th/verify")
    dialog.save()
    assert len(refusals) == 2 and "https://" in refusals[1]
    assert dialog.result() != dialog.DialogCode.Accepted  # stays open to be corrected
    assert register.verify_page_url(db) is None and register.emblem(db) is None
    assert _settings_log(db) == []


def test_a_committee_member_sees_them_but_cannot_change_them(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
) -> None:
    register.set_verify_page_url(db, contest.admin, URL)
    dialog = SettingsDialog(make_context(db, contest.committee, ui_settings, runner))
    qtbot.addWidget(dialog)
    box = dialog.certificate_page
    assert box.url.text() == URL
    assert not box.url.isEnabled() and not box.choose_emblem.isEnabled()
    assert not box.remove_emblem.isEnabled()
    dialog.save()
    assert register.verify_page_url(db) == URL
