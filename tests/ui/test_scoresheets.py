"""Excel scoresheets in the app: a committee member exports one inspector's workbook (or one for
every inspector of a zone into a folder) from the export dialog, and imports a filled one through
the import dialog: merged when good, every bad cell listed by sheet, row and column otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import PermissionDenied
from evaluator.services.scoresheets import scoresheet_file_name, scoresheet_inspectors
from evaluator.sync import scoresheet as xs
from tests.evaluator.sheet_fixtures import Contest
from tests.ui.conftest import make_context
from ui.dialogs.export import ExportDialog
from ui.dialogs.transfer import ImportDialog, TransferDialog
from ui.settings import UiSettings
from ui.tasks import TaskRunner


def _run(qtbot: QtBot, dialog: TransferDialog) -> None:
    dialog.start()
    assert dialog.task is not None, dialog.stage.text()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)


def _column(ws: Worksheet, code: str) -> int:
    for col in range(1, ws.max_column + 1):
        if str(ws.cell(row=xs.HEADER_ROW, column=col).value or "").startswith(f"{code} "):
            return col
    raise AssertionError(code)


def _empty_row(ws: Worksheet, c1: int) -> int:
    """A row (a tambon in the first round) the inspector has not scored yet."""
    for row in range(xs.FIRST_ROW, ws.max_row + 1):
        if ws.cell(row=row, column=c1).value is None:
            return row
    raise AssertionError("no empty row")


def test_a_committee_member_exports_a_scoresheet_and_imports_it_back(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    ctx = make_context(db, contest.committee, ui_settings, runner)
    dialog = ExportDialog(ctx, "scoresheet")
    qtbot.addWidget(dialog)
    names = [dialog.inspector.itemData(i) for i in range(dialog.inspector.count())]
    assert names == ["ผู้ตรวจ ก", "ผู้ตรวจ ข", "ผู้ตรวจ ค"]
    assert dialog.scope.currentData() == "one"
    assert dialog.form.isRowVisible(dialog.inspector)
    assert not dialog.form.isRowVisible(dialog.zone)
    assert dialog.out.text().endswith(scoresheet_file_name("ผู้ตรวจ ก"))
    out = tmp_path / "ผู้ตรวจ ก.xlsx"
    dialog.out.setText(str(out))
    _run(qtbot, dialog)
    assert out.exists(), dialog.output.toPlainText()
    assert "ผู้ตรวจ ก" in dialog.output.toPlainText()
    # the workbook: rubric, validation, protected structure, hidden identifiers
    wb = load_workbook(out)
    assert wb.sheetnames == [xs.README_SHEET, xs.DATA_SHEET, xs.RUBRIC_SHEET, xs.META_SHEET]
    assert wb[xs.META_SHEET].sheet_state == "veryHidden"
    assert wb.security is not None and wb.security.lockStructure
    ws = wb[xs.DATA_SHEET]
    assert ws.protection.sheet and ws.data_validations.dataValidation
    assert any(d.hidden for d in ws.column_dimensions.values())

    # filled in and imported back: merged
    c1, c2 = _column(ws, "C1"), _column(ws, "C2")
    row = _empty_row(ws, c1)
    tambon = ws.cell(row=row, column=6).value
    ws.cell(row=row, column=c1, value=7)
    good = tmp_path / "filled.xlsx"
    wb.save(good)
    imported = ImportDialog(ctx, "scoresheet")
    qtbot.addWidget(imported)
    imported.path.setText(str(good))
    with qtbot.waitSignal(ctx.events.data_changed, timeout=30000):
        _run(qtbot, imported)
    assert not imported.problems_view.isVisibleTo(imported), imported.stage.text()
    assert imported.output.toPlainText()
    with db.transaction() as s:
        score = s.scalar(
            select(m.Score.value)
            .join(m.Sheet, m.Sheet.id == m.Score.sheet_id)
            .join(m.Inspector, m.Inspector.id == m.Sheet.inspector_id)
            .join(m.Criterion, m.Criterion.id == m.Score.criterion_id)
            .where(
                m.Inspector.name == "ผู้ตรวจ ก",
                m.Sheet.tambon_code == tambon,
                m.Criterion.code == "C1",
            )
        )
    assert score == 7

    # bad cells: each listed by sheet, row and column; nothing changes
    ws.cell(row=row, column=c1, value="เจ็ด")
    ws.cell(row=row, column=c2, value=99)
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    refused = ImportDialog(ctx, "scoresheet")
    qtbot.addWidget(refused)
    refused.path.setText(str(bad))
    _run(qtbot, refused)
    assert refused.problems_view.isVisibleTo(refused)
    problems = refused.problems.records
    assert len(problems) == 2 and "2" in refused.stage.text()
    letters = {p.field.split(" ")[0] for p in problems if p.field}
    assert letters == {get_column_letter(c1), get_column_letter(c2)}
    assert all(p.row == row for p in problems)
    assert all(p.file == f"bad.xlsx: {xs.DATA_SHEET}" for p in problems)
    header = refused.problems.headerData(3, Qt.Orientation.Horizontal)
    assert "แผ่นงาน" in str(header)
    with db.transaction() as s:
        assert (
            s.scalar(
                select(m.Score.value)
                .join(m.Sheet, m.Sheet.id == m.Score.sheet_id)
                .join(m.Criterion, m.Criterion.id == m.Score.criterion_id)
                .where(m.Sheet.tambon_code == tambon, m.Criterion.code == "C1")
            )
            == 7
        )


def test_every_inspector_of_a_zone_into_a_folder(
    qtbot: QtBot,
    db: Database,
    contest: Contest,
    ui_settings: UiSettings,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    ctx = make_context(db, contest.admin, ui_settings, runner)
    dialog = ExportDialog(ctx, "scoresheet")
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData("zone"))
    assert dialog.form.isRowVisible(dialog.zone) and not dialog.form.isRowVisible(dialog.inspector)
    assert dialog.zone.count() >= 1
    zone = int(dialog.zone.currentData())
    expected = [i.name for i in scoresheet_inspectors(db, contest.admin, zone)]
    assert expected
    folder = tmp_path / "zone"
    dialog.out.setText(str(folder))
    _run(qtbot, dialog)
    written = sorted(p.name for p in folder.glob("*.xlsx"))
    assert written == sorted(scoresheet_file_name(n) for n in expected), dialog.output.toPlainText()
    for path in folder.glob("*.xlsx"):
        assert load_workbook(path)[xs.DATA_SHEET].max_row >= xs.FIRST_ROW


def test_an_inspector_may_not_export_scoresheets(db: Database, contest: Contest) -> None:
    with pytest.raises(PermissionDenied):
        scoresheet_inspectors(db, contest.inspector_a)
