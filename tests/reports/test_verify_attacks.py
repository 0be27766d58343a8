"""Attacks on certificates (issue 12): another installation's self-signed key, a round reopened
and decided differently, drafts, changed bytes and appended updates; each through
``evaluator verify``, pyHanko and (when installed) poppler's ``pdfsig``."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.services.setup import init_database
from reports.signing import CERT_FILE, signing_folder
from reports.verify import load_trusted, verify_pdf
from tests.accounts import sign_in
from tests.reports.pdftools import run_cli
from tests.reports.test_certificates_cli import _contest, _finalise


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates are made by the admin that ``_contest`` makes (signed in like a script)."""
    sign_in(monkeypatch, "ผู้ดูแลระบบ")


def _issue(db: Database, out: Path) -> list[Path]:
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding", "--out", str(out)]
    assert run_cli(argv) == 0
    return sorted(out.glob("*.pdf"))


def _verify_json(db: Database, pdf: Path, *extra: str) -> tuple[int, dict[str, object]]:
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = run_cli(["--db", str(db.file_path), "verify", "--json", *extra, str(pdf)])
    return code, json.loads(buf.getvalue())[0]


def _pyhanko(pdf: Path, anchors: list[bytes]) -> tuple[bool, bool, bool]:
    """(intact, trusted, whole file) as pyHanko alone sees them."""
    with pdf.open("rb") as f:
        (sig,) = PdfFileReader(f, strict=False).embedded_signatures
        roots = [asn1_x509.Certificate.load(der) for der in anchors]
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        return bool(status.intact and status.valid), bool(status.trusted), whole


def _pdfsig(pdf: Path) -> str:
    result = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig not installed")


@pytest.fixture
def genuine(db: Database, tmp_path: Path) -> tuple[Database, list[Path]]:
    _contest(db)
    _finalise(db)
    return db, _issue(db, tmp_path / "genuine")


def test_a_genuine_certificate_passes_with_its_installation(
    genuine: tuple[Database, list[Path]],
) -> None:
    db, pdfs = genuine
    code, found = _verify_json(db, pdfs[0])
    assert code == 0 and found["status"] == "valid" and found["trusted_as"] == "installation"
    anchors = load_trusted([signing_folder(db) / CERT_FILE])
    assert _pyhanko(pdfs[0], anchors) == (True, True, True)


def test_a_forgery_signed_by_another_installations_key_is_untrusted(
    genuine: tuple[Database, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another installation sets up the same contest and round, finalises with the same scores
    and signs with its own self-signed key, named กรมการพัฒนาชุมชน just like the real one."""
    db, pdfs = genuine
    other = open_database(tmp_path / "other" / "forger.sqlite3")
    init_database(other)
    try:
        _contest(other)
        _finalise(other)
        forged = _issue(other, tmp_path / "forged")[0]
    finally:
        other.dispose()
    real = verify_pdf(pdfs[0], db=db)
    fake = verify_pdf(forged, db=db)
    assert fake.signer == real.signer  # the same name on the certificate
    assert fake.signer_sha256 != real.signer_sha256
    assert fake.genuine and not fake.trusted and fake.status == "untrusted" and not fake.ok

    assert db.file_path is not None
    assert run_cli(["verify", str(forged), "--db", str(db.file_path)]) == 1
    out = capsys.readouterr().out
    assert "intact but signed by an untrusted key" in out
    assert fake.signer in out and fake.signer_sha256 in out
    assert "FAILED: UNTRUSTED SIGNER" in out
    code, found = _verify_json(db, forged)
    assert code == 1 and found["status"] == "untrusted" and found["trusted"] is False
    assert found["intact"] is True and found["trusted_as"] is None
    # --trust with the real installation's certificate does not help the forgery either
    code, found = _verify_json(db, forged, "--trust", str(signing_folder(db) / CERT_FILE))
    assert code == 1 and found["status"] == "untrusted"
    # pyHanko alone agrees: intact, but it does not chain to the real installation's certificate
    anchors = load_trusted([signing_folder(db) / CERT_FILE])
    assert _pyhanko(forged, anchors) == (True, False, True)


@needs_pdfsig
def test_pdfsig_does_not_trust_a_self_signed_forgery(
    genuine: tuple[Database, list[Path]],
) -> None:
    _, pdfs = genuine
    out = _pdfsig(pdfs[0])
    assert "Signature is Valid" in out
    assert "Certificate is Trusted" not in out  # poppler trusts neither self-signed key


def _rescore_and_refinalise(db: Database, winner_out: str, winner_in: str) -> str:
    """Reopen the round, move ``winner_in`` above ``winner_out``, finalise again."""
    from evaluator.services.finalise import reopen_round
    from tests.evaluator.ranking_fixtures import acting

    admin = acting(db, "ผู้ดูแลระบบ", m.Role.ADMIN)
    reopen_round(db, admin, "outstanding", "คะแนนถูกแก้ไขตามคำร้อง")
    with db.transaction() as s:
        for code, value in ((winner_out, 1.0), (winner_in, 10.0)):
            sheet = s.scalars(select(m.Sheet).where(m.Sheet.tambon_code == code)).one()
            score = s.scalars(select(m.Score).where(m.Score.sheet_id == sheet.id)).one()
            score.value = value
    return _finalise(db)


def test_a_round_reopened_and_decided_differently_withdraws_its_certificates(
    genuine: tuple[Database, list[Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, pdfs = genuine
    loser, keeper = pdfs[1], pdfs[0]  # 300102 loses its place; 300101 still wins
    assert verify_pdf(loser, db=db).ok and verify_pdf(keeper, db=db).ok
    new_hash = _rescore_and_refinalise(db, "300102", "300103")
    for pdf in (loser, keeper):
        report = verify_pdf(pdf, db=db)
        assert report.genuine and report.trusted  # the file itself is as it was signed…
        assert report.status == "withdrawn" and not report.ok  # …but its result is not current
        assert report.result_hash != new_hash
        assert report.standing is not None and report.standing.since is not None
    assert db.file_path is not None
    assert run_cli(["verify", str(loser), "--db", str(db.file_path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED: WITHDRAWN" in out and "decided again" in out
    code, found = _verify_json(db, keeper)
    assert code == 1 and found["status"] == "withdrawn"
    standing = found["standing"]
    assert isinstance(standing, dict) and standing["since"]
    # the round's new certificates stand; the newcomer has one, the tambon that lost has none
    fresh = _issue(db, Path(str(loser.parent) + "-new"))
    assert [p.name for p in fresh] == ["outstanding_300101.pdf", "outstanding_300103.pdf"]
    assert all(verify_pdf(p, db=db).ok for p in fresh)
    # without the database, the old certificate is still an intact, trusted file: only the
    # installation's records can tell it was withdrawn
    anchors = load_trusted([signing_folder(db) / CERT_FILE])
    assert verify_pdf(loser, anchors).ok


def test_a_reopened_round_not_yet_decided_again_withdraws_too(
    genuine: tuple[Database, list[Path]],
) -> None:
    from evaluator.services.finalise import reopen_round
    from tests.evaluator.ranking_fixtures import acting

    db, pdfs = genuine
    reopen_round(db, acting(db, "ผู้ดูแลระบบ", m.Role.ADMIN), "outstanding", "ตรวจสอบคะแนนใหม่")
    report = verify_pdf(pdfs[0], db=db)
    assert report.status == "withdrawn"
    assert report.standing is not None and "not finalised" in report.standing.reason


@pytest.mark.parametrize("where", [0.05, 0.3, 0.6, 0.95])
def test_a_flipped_byte_fails_everywhere(
    genuine: tuple[Database, list[Path]], tmp_path: Path, where: float
) -> None:
    db, pdfs = genuine
    data = bytearray(pdfs[0].read_bytes())
    at = int(len(data) * where)
    data[at] ^= 0x04
    bad = tmp_path / "flipped.pdf"
    bad.write_bytes(bytes(data))
    code, found = _verify_json(db, bad)
    assert code == 1 and found["status"] == "invalid" and found["ok"] is False
    with pdfs[0].open("rb") as f:
        ranges = list(PdfFileReader(f).embedded_signatures[0].sig_object["/ByteRange"])
    in_signed_bytes = not ranges[0] + ranges[1] <= at < ranges[2]
    anchors = load_trusted([signing_folder(db) / CERT_FILE])
    try:
        intact, _, _ = _pyhanko(bad, anchors)
    except Exception:  # pyHanko cannot even read it: refused as well
        intact = False
    if in_signed_bytes:
        assert not intact
        if shutil.which("pdfsig"):
            assert "Signature is Valid" not in _pdfsig(bad)
    # else the byte is in the space reserved for the signature, after the CMS: pyHanko and
    # pdfsig ignore it, but ``verify`` refuses a file that is not byte for byte as signed


def test_an_incremental_update_after_signing_fails(
    genuine: tuple[Database, list[Path]], tmp_path: Path
) -> None:
    """A forger appends a revision that changes the recipient shown in the metadata."""
    db, pdfs = genuine
    writer = IncrementalPdfFileWriter(io.BytesIO(pdfs[0].read_bytes()), strict=False)
    info = writer.trailer["/Info"]
    info[generic.NameObject("/Title")] = generic.TextStringObject("เกียรติบัตร ตำบลปลอม")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    changed = tmp_path / "updated.pdf"
    changed.write_bytes(out.getvalue())
    code, found = _verify_json(db, changed)
    assert code == 1 and found["whole_file_signed"] is False and found["status"] == "invalid"
    anchors = load_trusted([signing_folder(db) / CERT_FILE])
    assert _pyhanko(changed, anchors) == (True, True, False)  # the signed revision is intact
    if shutil.which("pdfsig"):
        assert "not cover the whole" in _pdfsig(changed) or "Total document signed" not in (
            _pdfsig(changed)
        )
