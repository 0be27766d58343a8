"""Reopening a finalised round from the rankings view (admin): a reason, a last confirmation,
then ``reopen_round``; cancelled at either step nothing changes; a committee member has no
such button (the service refuses them too)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import PermissionDenied
from evaluator.services import finalise as finalise_service
from evaluator.services import ranking
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import answer_modal, make_context, type_text
from ui.dialogs.reopen_round import ReopenRoundDialog
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.rankings import RankingsView

REASON = "คณะกรรมการพบคะแนนที่บันทึกผิดของตำบลหนึ่ง"


def _press(box: QWidget, name: str) -> None:
    button = box.findChild(QAbstractButton, name)
    assert button is not None, name
    button.click()


def _view(
    qtbot: QtBot, db: Database, user: object, settings: UiSettings, runner: TaskRunner
) -> RankingsView:
    view = RankingsView(make_context(db, user, settings, runner))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=20000):
        view.activate()
    qtbot.waitUntil(lambda: view.ranking is not None, timeout=20000)
    return view


def _finalised(db: Database) -> bool:
    with db.transaction() as s:
        rnd = s.scalar(select(m.Round).where(m.Round.code == "outstanding"))
        assert rnd is not None
        return rnd.finalised_at is not None


def test_an_admin_reopens_a_finalised_round_with_a_reason_and_a_confirmation(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    finalise_service.finalise_round(db, contest.admin, "outstanding")
    view = _view(qtbot, db, contest.admin, ui_settings, runner)
    assert view.reopen_button.isVisible() and view.reopen_button.isEnabled()
    assert not view.finalise_button.isVisible()
    # first try: the reason typed, then "cancel" at the last question: nothing changes
    seen: list[str] = []

    def fill(dialog: QWidget, answer: str) -> None:
        assert isinstance(dialog, ReopenRoundDialog)
        seen.append(dialog.objectName())
        assert not dialog.ok.isEnabled()  # no reason, no reopening
        dialog.reason.setFocus()
        type_text(dialog.reason, REASON)
        assert dialog.ok.isEnabled()

        def last(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            seen.append(box.objectName())
            assert REASON in box.informativeText()
            _press(box, answer)

        answer_modal(last)
        dialog.ok.click()
        if answer == "cancel":
            dialog.reject()

    answer_modal(lambda d: fill(d, "cancel"))
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == ["reopenRound", "confirmReopen"]
    assert _finalised(db)
    # then for real
    seen.clear()
    answer_modal(lambda d: fill(d, "apply"))
    with qtbot.waitSignal(view.reopened, timeout=20000) as reopened:
        qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
        answer_modal(lambda box: box.accept(), attempts=1000)  # "reopened" information
    assert seen == ["reopenRound", "confirmReopen"]
    assert reopened.args is not None and reopened.args[0].reason == REASON
    assert not _finalised(db)
    assert not ranking.rank_round(db, "outstanding").finalised
    with db.transaction() as s:
        entry = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == "reopen").order_by(m.AuditEntry.id)
        ).all()[-1]
        assert entry.reason == REASON and entry.actor == contest.admin.login
    qtbot.waitUntil(lambda: view.ranking is not None and not view.ranking.finalised, timeout=20000)
    assert not view.reopen_button.isVisible() and view.finalise_button.isVisible()


def test_a_committee_member_cannot_reopen(
    qtbot: QtBot, db: Database, contest: Contest, ui_settings: UiSettings, runner: TaskRunner
) -> None:
    finalise_service.finalise_round(db, contest.admin, "outstanding")
    view = _view(qtbot, db, contest.committee, ui_settings, runner)
    assert not view.reopen_button.isVisible() and not view.reopen_button.isEnabled()
    # and were it reached some other way, the service refuses the committee
    with pytest.raises(PermissionDenied):
        finalise_service.reopen_round(db, contest.committee, "outstanding", REASON)
    assert _finalised(db)
