"""Whose scores count (issue 11): the receiving database's assignments decide. A correctly
signed package, or a filled Excel scoresheet, that carries a sheet for a tambon not assigned to
its inspector in that round here is refused as a whole, with the reason naming the tambon and the
round, and the committee's database is left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, PermissionDenied
from evaluator.services import audit_log
from evaluator.services import scoresheets as scoresheet_service
from evaluator.services.imports import import_scores
from evaluator.sync import keys
from evaluator.sync import scoresheet as xs
from evaluator.sync.package import MANIFEST, SHEETS, SIGNATURE, SIGNING_CONTEXT, PackageRefused
from evaluator.sync.wire import canonical_json
from tests.evaluator import sync_fixtures as f
from tests.evaluator.helpers import write_csv


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    yield p
    p.close()


def _assign(db: Database, round_code: str, tambon: str, inspector: str = f.INSPECTOR) -> None:
    with db.transaction() as s:
        rnd = s.scalar(select(m.Round).where(m.Round.code == round_code))
        ins = s.scalar(select(m.Inspector).where(m.Inspector.name == inspector))
        assert rnd is not None and ins is not None
        s.add(m.Assignment(round_id=rnd.id, inspector_id=ins.id, tambon_code=tambon))


def _refused(pair: f.FieldPair, path: Path) -> str:
    before = f.dump(pair.committee_db)
    with pytest.raises(PackageRefused) as err:
        f.import_package(pair.committee_db, path)
    assert err.value.code == "unassigned", str(err.value)
    assert f.dump(pair.committee_db) == before, "a refused package must change nothing"
    return str(err.value)


def test_a_signed_package_with_a_sheet_for_an_unassigned_tambon_is_refused_whole(
    pair: f.FieldPair,
) -> None:
    """The inspector's laptop says 840503 is theirs in the excellent round; the committee's
    database does not: the whole package is refused, the good sheet too."""
    _assign(pair.inspector_db, "excellent", "840503")
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    f.score(pair.inspector_db, ins, "840503", {"C1": 10, "C2": 10, "C3": 5}, round_code="excellent")
    path = pair.package("extra.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
    message = _refused(pair, path)
    assert "840503" in message and "excellent" in message and f.INSPECTOR in message
    assert "ไม่ได้มอบหมาย" in message
    # the committee assigns the tambon: the very same file is then welcome
    _assign(pair.committee_db, "excellent", "840503")
    result = f.import_package(pair.committee_db, path)
    assert result.counts["insert"] == 2


def test_a_crafted_and_re_signed_package_moving_a_sheet_to_another_tambon_is_refused(
    pair: f.FieldPair,
) -> None:
    """An attacker with the inspector's key rewrites a sheet to a tambon and round they were not
    sent to, fixes the manifest and signs it again: signature fine, assignment not."""
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    good = pair.package("good.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, good, pair.key)
    with zipfile.ZipFile(good) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheets = json.loads(members[SHEETS])
    sheets[1]["round"], sheets[1]["tambon_code"] = "excellent", "500101"
    sheets[1]["scores"] = [
        {"criterion": c, "value": mx, "note": ""} for c, _t, mx, _w in f.CRITERIA
    ]
    members[SHEETS] = canonical_json(sheets)
    manifest = json.loads(members[MANIFEST])
    for item in manifest["members"]:
        if item["name"] == SHEETS:
            item["sha256"] = hashlib.sha256(members[SHEETS]).hexdigest()
            item["size"] = len(members[SHEETS])
    members[MANIFEST] = canonical_json(manifest)
    members[SIGNATURE] = keys.sign(pair.key, SIGNING_CONTEXT + members[MANIFEST])
    crafted = pair.package("crafted.cddpkg")
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    message = _refused(pair, crafted)
    assert "500101" in message and "excellent" in message


def test_a_package_of_an_inspector_for_the_other_inspectors_tambon_is_refused(
    pair: f.FieldPair,
) -> None:
    """The committee takes an assignment back after the inspector scored: refused, nothing
    merged, and the reason says which tambon and round."""
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840502", {"C1": 9, "C2": 9, "C3": 5})
    path = pair.package("late.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
    with pair.committee_db.transaction() as s:
        ins_id = s.scalar(select(m.Inspector.id).where(m.Inspector.name == f.INSPECTOR))
        for a in s.scalars(
            select(m.Assignment).where(
                m.Assignment.inspector_id == ins_id, m.Assignment.tambon_code == "840502"
            )
        ):
            s.delete(a)
    message = _refused(pair, path)
    assert "840502" in message and "outstanding" in message


def test_a_filled_scoresheet_with_a_row_for_an_unassigned_tambon_is_refused_whole(
    pair: f.FieldPair,
) -> None:
    """A workbook whose hidden description and visible tambon code were both rewritten to a
    tambon the inspector was not sent to in that round: refused as a whole, nothing changes."""
    committee = f.user(pair.committee_db, "กรรมการ")
    out = pair.tmp / "sheet.xlsx"
    scoresheet_service.export_scoresheet(pair.committee_db, committee, f.INSPECTOR, out)
    wb = load_workbook(out)
    ws, meta = wb[xs.DATA_SHEET], wb[xs.META_SHEET]
    rows = [r for r in range(xs.FIRST_ROW, ws.max_row + 1) if ws[f"F{r}"].value]
    # the excellent round's row for 840502 becomes 500102 (not assigned there), the rest stay
    target = next(
        r for r in rows if ws[f"F{r}"].value == "840502" and ws[f"B{r}"].value == "ตำบลดีเลิศ"
    )
    key = ws[f"O{target}"].value
    for r in range(1, meta.max_row + 1):
        if meta.cell(row=r, column=1).value == key:
            meta.cell(row=r, column=4).value = "500102"
    ws[f"F{target}"] = "500102"
    ws[f"G{target}"], ws[f"I{target}"], ws[f"K{target}"] = 10, 10, 5
    first = next(r for r in rows if ws[f"F{r}"].value == "840501")
    ws[f"G{first}"] = 7  # a good row beside it: refused too
    bad = pair.tmp / "crafted.xlsx"
    wb.save(bad)
    before = f.dump(pair.committee_db)
    with pytest.raises(InputError) as err:
        scoresheet_service.import_scoresheet(pair.committee_db, committee, bad)
    message = str(err.value)
    assert "500102" in message and "excellent" in message and "ไม่ได้มอบหมาย" in message
    assert f.dump(pair.committee_db) == before


def _paper_sheet(path: Path, inspector: str, tambon: str, round_code: str = "excellent") -> Path:
    rows = [[round_code, inspector, tambon, c, top, ""] for c, _t, top, _w in f.CRITERIA]
    return write_csv(path, ["รอบ", "ผู้ประเมิน", "รหัสตำบล", "เกณฑ์", "คะแนน", "หมายเหตุ"], rows)


def test_a_committee_score_table_creates_the_missing_assignment_listed_and_audited(
    pair: f.FieldPair,
) -> None:
    """Paper sheets entered by the committee on its own authority: the missing assignment is
    made, named in the output, and in the audit log; the chain stays intact."""
    db = pair.committee_db
    path = _paper_sheet(pair.tmp / "paper.csv", f.OTHER_INSPECTOR, "840503")
    summary = import_scores(db, f.user(db, "กรรมการ"), path)
    listed = " ".join(summary.warnings)
    assert "840503" in listed and f.OTHER_INSPECTOR in listed and "excellent" in listed
    assert summary.details["assignments_added"] == 1
    with db.transaction() as s:
        made = s.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.entity == "assignment", m.AuditEntry.action == "create"
            )
        ).all()
        assert [(e.actor, json.loads(e.new or "{}")["tambon_code"]) for e in made] == [
            ("กรรมการ", "840503")
        ]
    assert audit_log.verify(db).intact


@pytest.mark.parametrize("who", ["มาลี", "สมชาย"])
def test_an_inspector_may_not_import_a_score_table(pair: f.FieldPair, who: str) -> None:
    """An inspector importing a table would bypass the assignments: refused, nothing changes."""
    db = pair.committee_db
    path = _paper_sheet(pair.tmp / "mine.csv", f.OTHER_INSPECTOR, "840503")
    before = f.dump(db)
    with pytest.raises(PermissionDenied):
        import_scores(db, f.user(db, who), path)
    assert f.dump(db) == before
