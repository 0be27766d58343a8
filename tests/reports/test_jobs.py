"""Document batches as plain jobs: the user's right, progress, cancel after the document in hand
(whole files only), plaques, and kinds not wired in yet."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from evaluator import i18n
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, PermissionDenied
from evaluator.permissions import Action, UserInfo
from reports.jobs import (
    CERTIFICATES,
    CERTIFICATES_LEADERS,
    EXCEL,
    PLAQUES,
    SUMMARY,
    TAMBON_REPORT,
    DocumentKind,
    DocumentRequest,
    DocumentResult,
    document_kinds,
    make_documents,
)
from reports.verify import verify_pdf
from tests.reports.pdftools import text_lines
from tests.reports.test_certificates_cli import _contest, _finalise

ADMIN = UserInfo(1, "ผู้ดูแลระบบ", m.Role.ADMIN)
COMMITTEE = UserInfo(2, "กรรมการ", m.Role.COMMITTEE)
INSPECTOR = UserInfo(3, "ผู้ตรวจ", m.Role.INSPECTOR, inspector_id=1)
THAI = re.compile("[\u0e00-\u0e7f]")


def test_certificates_are_signed_and_progress_is_reported(db: Database, tmp_path: Path) -> None:
    _contest(db)
    _finalise(db)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "out"
    result = make_documents(
        db,
        ADMIN,
        DocumentRequest(CERTIFICATES, "outstanding", out),
        lambda done, total, _text: seen.append((done, total)),
    )
    assert [f.name for f in result.files] == ["outstanding_300101.pdf", "outstanding_300102.pdf"]
    assert result.planned == 2 and not result.cancelled and not result.draft
    assert (2, 2) in seen and seen[-1] == (2, 2)
    report = verify_pdf(result.files[0], db=db)
    assert report.ok
    assert "ในเมือง" in " ".join(text_lines(result.files[0]))


def test_a_cancelled_batch_stops_after_the_document_in_hand(db: Database, tmp_path: Path) -> None:
    _contest(db)
    _finalise(db)
    out = tmp_path / "out"
    holder = DocumentResult(CERTIFICATES_LEADERS, out)
    stop = {"after": 3, "now": False}

    def progress(done: int, total: int, _text: str) -> None:
        if total and done >= stop["after"]:
            stop["now"] = True

    result = make_documents(
        db,
        ADMIN,
        DocumentRequest(CERTIFICATES_LEADERS, "outstanding", out),
        progress,
        lambda: stop["now"],
        result=holder,
    )
    assert result is holder
    assert result.cancelled
    assert result.planned == 8  # two tambons, three leaders each
    assert len(result.files) == 3
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == sorted(f.name for f in result.files)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no half-written file
    with (out / "certificates.csv").open(encoding="utf-8-sig") as f:
        assert [row["file"] for row in csv.DictReader(f)] == [f.name for f in result.files]
    for pdf in result.files:
        assert verify_pdf(pdf, db=db).ok


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "certificates.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_a_cancelled_reprint_keeps_the_register_of_the_whole_folder(
    db: Database, tmp_path: Path
) -> None:
    """A full batch, then a re-print cancelled after 3: certificates.csv still lists every
    certificate in the folder, and each row's hash is that of the file now there."""
    _contest(db)
    _finalise(db)
    out = tmp_path / "out"
    full = make_documents(db, ADMIN, DocumentRequest(CERTIFICATES_LEADERS, "outstanding", out))
    assert len(full.files) == 8 and not full.cancelled
    before = {row["file"]: row for row in _manifest(out)}
    assert sorted(before) == sorted(p.name for p in out.glob("*.pdf"))
    (out / "notes.txt").write_text("ไม่ใช่เกียรติบัตร", encoding="utf-8")  # other files stay out
    stop = {"now": False}

    def progress(done: int, total: int, _text: str) -> None:
        if total and done >= 3:
            stop["now"] = True

    again = make_documents(
        db,
        ADMIN,
        DocumentRequest(CERTIFICATES_LEADERS, "outstanding", out),
        progress,
        lambda: stop["now"],
    )
    assert again.cancelled and len(again.files) == 3
    rows = _manifest(out)
    assert [r["file"] for r in rows] == list(before)  # every certificate, in its old place
    for row in rows:
        digest = hashlib.sha256((out / row["file"]).read_bytes()).hexdigest()
        assert row["sha256"] == digest  # the row describes the file as it is now
        assert row["recipient"] == before[row["file"]]["recipient"]
    rewritten = {f.name for f in again.files}
    assert {r["file"] for r in rows if r["sha256"] != before[r["file"]]["sha256"]} <= rewritten
    # a certificate deleted by hand since is no longer listed
    (out / full.files[-1].name).unlink()
    make_documents(db, ADMIN, DocumentRequest(CERTIFICATES, "outstanding", out))
    assert full.files[-1].name not in {r["file"] for r in _manifest(out)}
    assert len(_manifest(out)) == 7


def test_plaques_write_the_proof_and_the_sheet(db: Database, tmp_path: Path) -> None:
    _contest(db)
    result = make_documents(db, ADMIN, DocumentRequest(PLAQUES, "outstanding", tmp_path))
    assert [f.name for f in result.files] == ["plaques_outstanding.pdf", "plaques_outstanding.xlsx"]
    assert result.draft and result.warnings  # not finalised: the texts are drafts


def test_a_batch_speaks_the_users_language(db: Database, tmp_path: Path) -> None:
    """What a batch says while it works and when it ends (progress, draft and tie warnings) is in
    the user's language alone: English in English mode, Thai in Thai mode."""
    _contest(db)
    said: dict[str, list[str]] = {}
    for lang in ("en", "th"):
        i18n.set_language(lang)
        try:
            texts: list[str] = []
            result = make_documents(
                db,
                ADMIN,
                DocumentRequest(PLAQUES, "outstanding", tmp_path / lang),
                lambda _d, _t, text, into=texts: into.append(text),
            )
        finally:
            i18n.set_language("th")
        said[lang] = texts + result.warnings
    assert said["en"][0] == "Preparing the plaque texts"
    assert "The round is not finalised: the plaque texts are drafts" in said["en"]
    assert not any(THAI.search(t) for t in said["en"]), said["en"]
    assert "รอบนี้ยังไม่ยืนยันผล ข้อความจึงเป็นฉบับร่าง" in said["th"]


def test_only_those_allowed_may_make_documents(db: Database, tmp_path: Path) -> None:
    _contest(db)
    out = tmp_path / "out"
    with pytest.raises(PermissionDenied):
        make_documents(db, COMMITTEE, DocumentRequest(CERTIFICATES, "outstanding", out))
    with pytest.raises(PermissionDenied):
        make_documents(db, INSPECTOR, DocumentRequest(PLAQUES, "outstanding", out))
    assert not out.exists()


def test_a_kind_is_available_only_when_wired_in_and_installed() -> None:
    kinds = {k.key: k for k in document_kinds()}
    assert kinds[CERTIFICATES].available and kinds[PLAQUES].available
    missing = DocumentKind("x", "x", Action.EXPORT_REPORTS, "reports.no_such_module")
    assert not missing.available
    assert not dataclasses.replace(kinds[PLAQUES], wired=False).available


def test_excel_exports_for_the_budget_office(db: Database, tmp_path: Path) -> None:
    pytest.importorskip("reports.excel")
    _contest(db)
    _finalise(db)
    seen: list[str] = []
    result = make_documents(
        db,
        COMMITTEE,
        DocumentRequest(EXCEL, "outstanding", tmp_path),
        lambda _d, _t, text: seen.append(text),
    )
    names = [f.name for f in result.files]
    assert names == ["rankings_outstanding.xlsx", "scores_outstanding.xlsx", "budget.xlsx"]
    assert not result.draft and result.planned == 3
    ranking = load_workbook(result.files[0])
    cells = [c for ws in ranking.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert "300101" in cells or 300101 in cells


def test_a_tambon_report(db: Database, tmp_path: Path) -> None:
    pytest.importorskip("reports.tambon_report")
    _contest(db)
    request = DocumentRequest(TAMBON_REPORT, "outstanding", tmp_path, tambon_code="300102")
    result = make_documents(db, COMMITTEE, request)
    assert [f.name for f in result.files] == ["tambon_300102_outstanding.pdf"]
    assert result.draft
    assert "โพธิ์กลาง" in " ".join(text_lines(result.files[0]))
    with pytest.raises(InputError):
        make_documents(db, COMMITTEE, DocumentRequest(TAMBON_REPORT, "outstanding", tmp_path))


def test_the_round_summary_when_its_builder_is_installed(db: Database, tmp_path: Path) -> None:
    pytest.importorskip("reports.summary")
    _contest(db)
    _finalise(db)
    result = make_documents(db, COMMITTEE, DocumentRequest(SUMMARY, "outstanding", tmp_path))
    assert [f.name for f in result.files] == ["summary_outstanding.pdf"]
    assert not result.draft
    assert "ในเมือง" in " ".join(text_lines(result.files[0]))
