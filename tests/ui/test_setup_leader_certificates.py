"""Leader certificates from the set-up view's leaders list (issue 10 item 4): the rows selected
(or, with none selected, the filter's result) go to the certificates dialog, which prints exactly
the chosen leaders whose tambon won, signed, and names the others."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from evaluator.db import Database
from evaluator.services.users import find_user
from reports.jobs import DocumentResult
from tests.reports.pdftools import pdftotext
from tests.reports.test_certificates_cli import _contest, _finalise
from tests.ui.conftest import make_context, type_text
from ui.settings import UiSettings
from ui.tasks import TaskRunner
from ui.views.setup import SetupView


def test_print_the_chosen_leaders_certificates(
    qtbot: QtBot, db: Database, ui_settings: UiSettings, runner: TaskRunner, tmp_path: Path
) -> None:
    _contest(db)  # 300101 and 300102 win, 300103 does not; three leaders each
    _finalise(db)
    admin = find_user(db, "ผู้ดูแลระบบ")
    view = SetupView(make_context(db, admin, ui_settings, runner))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitSignal(view.ctx.events.data_loaded, timeout=30000):
        view.activate()
    tab = view.leaders
    view.tabs.setCurrentWidget(tab)

    # the filter's result when nothing is selected: every ดวงใจ (one per tambon)
    tab.search.setFocus()
    type_text(tab.search, "ดวงใจ")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 3, timeout=3000)
    assert len(view.chosen_leaders()) == 3

    # two rows selected: the leader of 300101 (a winner) and of 300103 (not one)
    rows = {tab.proxy.record(r).tambon_code: r for r in range(tab.proxy.rowCount())}
    selection = tab.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for code in ("300101", "300103"):
        selection.select(tab.proxy.index(rows[code], 0), flags)
    chosen = view.chosen_leaders()
    assert len(chosen) == 2
    view.print_leader_certificates()
    dialog = view.certificates_dialog
    label = dialog.findChild(QLabel, "chosenCount")
    assert label is not None and "ผู้นำที่เลือก 2 คน" in label.text()
    dialog.round.setCurrentIndex(dialog.round.findData("outstanding"))
    out = tmp_path / "certs"
    dialog.folder.setText(str(out))
    with qtbot.waitSignal(dialog.generated, timeout=120000) as generated:
        dialog.print_button.click()
    result = generated.args[0]
    assert isinstance(result, DocumentResult)
    pdfs = [f for f in result.files if f.suffix == ".pdf"]
    assert [p.name for p in pdfs] == ["outstanding_300101_leader_03.pdf"]
    assert "ดวงใจ งามยิ่ง2" in pdftotext(pdfs[0])
    assert any("300103" in w for w in result.warnings)
    assert "300103" in dialog.output.toPlainText()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    dialog.close()
