"""The department's PKCS#12 installed beside the database (as the app's settings do) signs the
CLI's certificates when ``--pkcs12`` is not given; removed, the self-signed key signs again."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from evaluator.db import Database
from reports import signing
from reports.verify import load_trusted, verify_pdf
from tests.accounts import sign_in
from tests.reports.pdftools import run_cli
from tests.reports.test_certificates_cli import _contest, _finalise
from tests.reports.test_signing import _pkcs12


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run as the admin that ``_contest`` makes (as a script: $EVALUATOR_USER and
    $EVALUATOR_PASSWORD)."""
    sign_in(monkeypatch, "ผู้ดูแลระบบ")


def test_installed_pkcs12_is_used_without_the_option(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _contest(db)
    _finalise(db)
    p12 = _pkcs12(tmp_path, b"s3cret")
    folder = signing.signing_folder(db)
    with pytest.raises(signing.SigningError, match="PKCS#12"):
        signing.install_pkcs12(p12, "wrong", folder)
    assert signing.installed_pkcs12(folder) is None
    info = signing.install_pkcs12(p12, "s3cret", folder)
    installed = folder / signing.PKCS12_FILE
    assert signing.installed_pkcs12(folder) == installed
    assert signing.installed_pkcs12(folder, p12) == p12  # --pkcs12 comes first
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    assert signing.installed_pkcs12_info(folder) == info and not info.self_signed
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding"]
    monkeypatch.setenv("EVALUATOR_P12_PASSWORD", "wrong")
    assert run_cli([*argv, "--out", str(tmp_path / "no")]) == 1
    assert "PKCS#12" in capsys.readouterr().err
    monkeypatch.setenv("EVALUATOR_P12_PASSWORD", "s3cret")
    assert run_cli([*argv, "--out", str(tmp_path / "ok")]) == 0
    assert info.subject in capsys.readouterr().out
    assert not (folder / signing.KEY_FILE).exists()  # no self-signed key was needed
    report = verify_pdf(
        tmp_path / "ok" / "outstanding_300101.pdf", load_trusted([tmp_path / "ca.pem"])
    )
    assert report.ok and report.trusted and report.signer_sha256 == info.sha256
    # the installation that installed the department's certificate trusts it by itself
    installed_trust = verify_pdf(tmp_path / "ok" / "outstanding_300101.pdf", db=db)
    assert installed_trust.ok and installed_trust.trust == "department"

    assert signing.remove_pkcs12(folder) and not signing.remove_pkcs12(folder)
    assert signing.installed_pkcs12(folder) is None
    assert signing.installed_pkcs12_info(folder) is None
    monkeypatch.delenv("EVALUATOR_P12_PASSWORD")
    assert run_cli([*argv, "--out", str(tmp_path / "own")]) == 0
    own = verify_pdf(tmp_path / "own" / "outstanding_300101.pdf", db=db)
    assert own.ok and own.self_signed and own.signer_sha256 != info.sha256
    assert signing.self_signed_info(folder) is not None
