"""The audit log of field work: every change logged with who, when, where from, old, new and
why; ``audit verify`` finds any edit or deletion made by hand; the log filters and exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from evaluator.cli import parser as cli
from evaluator.db import models as m
from evaluator.services import audit_log
from tests.accounts import sign_in
from tests.evaluator import sync_fixtures as f


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    """A committee database that imported a package, then a newer version of it."""
    p = f.make_pair(tmp_path)
    ins = f.user(p.inspector_db, "มาลี")
    f.score(p.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4}, photo=f.PNG)
    f.score(p.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    f.export_package(p.inspector_db, f.INSPECTOR, p.package("p1.cddpkg"), p.key)
    f.import_package(p.committee_db, p.package("p1.cddpkg"), actor="กรรมการ")
    f.score(p.inspector_db, ins, "840501", {"C2": 9})
    f.export_package(p.inspector_db, f.INSPECTOR, p.package("p2.cddpkg"), p.key)
    f.import_package(p.committee_db, p.package("p2.cddpkg"), actor="กรรมการ")
    yield p
    p.close()


def _verify(pair: f.FieldPair, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["--db", pair.committee_db.url, "audit", "verify"])
    out = capsys.readouterr()
    return code, out.out + out.err


def _sql(pair: f.FieldPair, *statements: str) -> None:
    with pair.committee_db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_an_untouched_log_verifies(pair: f.FieldPair, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _verify(pair, capsys)
    assert code == 0, out
    assert "intact" in out
    report = audit_log.verify(pair.committee_db)
    assert report.intact and report.sheets_checked == 2


def test_an_edited_entry_is_reported(pair: f.FieldPair, capsys: pytest.CaptureFixture[str]) -> None:
    with pair.committee_db.transaction() as s:
        entry = s.scalar(select(m.AuditEntry).where(m.AuditEntry.action == "sync.replace"))
        assert entry is not None
        entry_id = entry.id
    _sql(
        pair,
        "DROP TRIGGER audit_log_no_update",
        f"UPDATE audit_log SET actor = 'someone else' WHERE id = {entry_id}",
    )
    code, out = _verify(pair, capsys)
    assert code == 1
    assert f"รายการที่ {entry_id}" in out and "changed" in out


def test_a_deleted_entry_is_reported(pair: f.FieldPair, capsys: pytest.CaptureFixture[str]) -> None:
    _sql(pair, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 3")
    code, out = _verify(pair, capsys)
    assert code == 1
    assert "รายการที่ 4" in out and "ถูกลบ" in out


def test_cutting_the_end_of_the_log_is_reported(
    pair: f.FieldPair, capsys: pytest.CaptureFixture[str]
) -> None:
    with pair.committee_db.transaction() as s:
        last = s.scalar(select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1))
    _sql(pair, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE id = {last}")
    code, out = _verify(pair, capsys)
    assert code == 1
    assert "cut" in out or "the log says" in out


def test_a_score_changed_by_hand_is_reported(
    pair: f.FieldPair, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet_id = f.sheet_of(pair.committee_db, "840502")
    _sql(pair, f"UPDATE scores SET value = 10 WHERE sheet_id = {sheet_id}")
    code, out = _verify(pair, capsys)
    assert code == 1
    assert "840502" not in out  # the sheet is named by its uuid
    with pair.committee_db.transaction() as s:
        assert s.get_one(m.Sheet, sheet_id).uuid in out
    assert "score" in out


def test_changes_through_the_app_keep_the_log_consistent(
    pair: f.FieldPair, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = f.user(pair.committee_db, "admin")
    f.score(pair.committee_db, admin, "840501", {"C3": 1})
    code, out = _verify(pair, capsys)
    assert code == 0, out


def test_every_package_change_says_who_when_where_from_old_new_and_why(pair: f.FieldPair) -> None:
    rows = audit_log.list_entries(pair.committee_db, audit_log.AuditFilter(source="package"))
    assert rows and all(r.actor == "กรรมการ" for r in rows)
    replace = [r for r in rows if r.action == "sync.replace"]
    [entry] = replace
    assert "p2.cddpkg" in entry.reason
    assert json.loads(entry.old or "")["scores"]["C2"]["value"] == 7
    assert json.loads(entry.new or "")["scores"]["C2"]["value"] == 9
    score_rows = [r for r in rows if r.entity == "score"]
    assert [json.loads(r.new or "")["value"] for r in score_rows] == [9]


def test_filters_narrow_the_log(pair: f.FieldPair) -> None:
    key = f.sheet_uuid(pair.committee_db, "840501")
    everything = audit_log.list_entries(pair.committee_db)
    mine = audit_log.list_entries(pair.committee_db, audit_log.AuditFilter(key=key))
    assert 0 < len(mine) < len(everything)
    assert all(key in r.entity_key for r in mine)
    assert audit_log.count_entries(pair.committee_db, audit_log.AuditFilter(key=key)) == len(mine)
    assert audit_log.list_entries(pair.committee_db, audit_log.AuditFilter(actor="ไม่มีใคร")) == []
    found = audit_log.list_entries(pair.committee_db, audit_log.AuditFilter(text="p2.cddpkg"))
    assert found and all("p2.cddpkg" in r.reason for r in found)
    assert [r.id for r in audit_log.list_entries(pair.committee_db, limit=2)] == [
        everything[0].id,
        everything[1].id,
    ]


def test_export_to_excel_reads_back(
    pair: f.FieldPair,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "audit.xlsx"
    sign_in(monkeypatch, "กรรมการ")  # the export signs a checkpoint in the user's name
    code = cli.main(
        ["--db", pair.committee_db.url, "audit", "export", "--out", str(out), "--source", "package"]
    )
    assert code == 0, capsys.readouterr().err
    ws = load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    expected = audit_log.list_entries(pair.committee_db, audit_log.AuditFilter(source="package"))
    assert len(rows) == len(expected) + 1
    assert rows[0][0] == "ลำดับ (id)"
    assert sorted(r[0] for r in rows[1:]) == sorted(e.id for e in expected)
    assert {r[3] for r in rows[1:]} == {"แพ็กเกจ"}
    # it prints like every workbook: A4 landscape, fitted to width, the header on every page
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(
        ws.PAPERSIZE_A4
    )
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1" and ws["A1"].font.name == "Sarabun"
