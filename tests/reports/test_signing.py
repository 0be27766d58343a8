"""PAdES signatures on certificates: the self-signed key made once and kept private, a
department PKCS#12, validation by pyHanko and by ``evaluator verify``, and tampering refused."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from evaluator.db import Database
from reports.certificates import render_certificate, sealed
from reports.signing import (
    CERT_FILE,
    KEY_FILE,
    PdfCertificateSigner,
    SigningError,
    signing_folder,
)
from reports.verify import load_trusted, verify_pdf
from tests.accounts import sign_in
from tests.reports.pdftools import run_cli, text_lines
from tests.reports.test_certificates import tambon_cert


@pytest.fixture(scope="module")
def signer(tmp_path_factory: pytest.TempPathFactory) -> PdfCertificateSigner:
    return PdfCertificateSigner.self_signed(tmp_path_factory.mktemp("keys"))


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates are made by the admin that ``_contest`` makes (signed in like a script)."""
    sign_in(monkeypatch, "ผู้ดูแลระบบ")


def trust(signer: PdfCertificateSigner) -> list[bytes]:
    """The signer's own certificate, as a trust anchor."""
    return [signer.certificate.public_bytes(serialization.Encoding.DER)]


@pytest.fixture
def signer_pem(tmp_path: Path, signer: PdfCertificateSigner) -> Path:
    path = tmp_path / "signer.pem"
    path.write_bytes(signer.certificate.public_bytes(serialization.Encoding.PEM))
    return path


def signed_bytes(signer: PdfCertificateSigner, how: str, name: str | None = None) -> bytes:
    """A tambon certificate signed ``how``: "incremental" (pyHanko's update of the finished
    file) or "one pass" (the signature written with the certificate, as batches do)."""
    data = sealed(tambon_cert(), signer)
    if how == "incremental":
        return signer.sign(render_certificate(data), signer_name=name)
    return render_certificate(data, signer=signer, signer_name=name)


@pytest.fixture(params=["incremental", "one pass"])
def signed_pdf(
    tmp_path: Path, signer: PdfCertificateSigner, request: pytest.FixtureRequest
) -> Path:
    """Every test of a signed certificate runs on both ways of signing it."""
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed_bytes(signer, request.param, "นายสมศักดิ์"))
    return pdf


def test_self_signed_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "signing"
    first = PdfCertificateSigner.self_signed(folder)
    key = folder / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / CERT_FILE).exists()
    assert first.info.self_signed
    assert "กรมการพัฒนาชุมชน" in first.info.subject
    second = PdfCertificateSigner.self_signed(folder)
    assert second.info.sha256 == first.info.sha256  # the same key, not a new one


def test_the_key_is_kept_secret_by_its_encryption_not_its_file_mode(tmp_path: Path) -> None:
    """Issue 16 item 6: nothing depends on chmod for secrecy. A key file others can read (as
    every file looks on Windows, where os.stat reports 0o666) gives them nothing without the
    passphrase, and the key still works for its owner (it used to be refused: on Windows always)."""
    first = PdfCertificateSigner.self_signed(tmp_path)
    os.chmod(tmp_path / KEY_FILE, 0o644)
    with pytest.raises(TypeError):
        serialization.load_pem_private_key((tmp_path / KEY_FILE).read_bytes(), password=None)
    with pytest.raises(SigningError, match="wrong passphrase"):
        PdfCertificateSigner.self_signed(tmp_path, passphrase="not the passphrase")
    assert PdfCertificateSigner.self_signed(tmp_path).info.sha256 == first.info.sha256


def test_the_key_lives_beside_the_database(db: Database) -> None:
    assert db.file_path is not None
    assert signing_folder(db) == db.file_path.parent / "signing"


def test_pyhanko_validates_the_signature_over_the_whole_file(
    signed_pdf: Path, signer: PdfCertificateSigner
) -> None:
    with signed_pdf.open("rb") as f:
        reader = PdfFileReader(f)
        (sig,) = reader.embedded_signatures
        root = asn1_x509.Certificate.load(
            signer.certificate.public_bytes(serialization.Encoding.DER)
        )
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))
        assert status.intact and status.valid and status.trusted
        assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert status.bottom_line
        assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
        assert sig.field_name == "DepartmentSignature"
        # a certification signature that allows no change, as pyHanko itself makes it
        assert sig.docmdp_level == MDPPerm.NO_CHANGES
        assert sig.sig_object["/Name"] == "นายสมศักดิ์"
        assert reader.root["/Perms"]["/DocMDP"].get_object() == sig.sig_object
        assert reader.root["/AcroForm"]["/SigFlags"] == 3
    # the text is still extractable after signing
    assert "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า" in text_lines(signed_pdf)


def test_one_pass_signature_is_one_revision_and_pdfsig_accepts_it(
    tmp_path: Path, signer: PdfCertificateSigner, signer_pem: Path
) -> None:
    """The batch's way: the signature written with the certificate, not appended to it."""
    pdf = tmp_path / "one.pdf"
    for _ in range(3):  # the last one's CMS from the checked template
        pdf.write_bytes(signed_bytes(signer, "one pass", "นายสมศักดิ์"))
    assert signer._cms_template is not None
    with pdf.open("rb") as f:
        reader = PdfFileReader(f)
        assert reader.xrefs.total_revisions == 1
        (sig,) = reader.embedded_signatures
        assert sig.signed_revision == 0
        assert reader.root["/Version"] == "/2.0"  # ECDSA: ISO/TS 32002 declared, as pyHanko does
        assert "/ISO_" in reader.root["/Extensions"] and "/ESIC" in reader.root["/Extensions"]
    out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in out.stdout and "Total document signed" in out.stdout
    assert run_cli(["verify", str(pdf), "--trust", str(signer_pem)]) == 0


def test_verify_reports_signer_time_and_result_hash(
    signed_pdf: Path, signer: PdfCertificateSigner
) -> None:
    report = verify_pdf(signed_pdf, trust(signer))
    assert report.ok, report.problems
    assert report.intact and report.signature_valid and report.whole_file and report.code_ok
    assert "กรมการพัฒนาชุมชน" in report.signer
    assert report.signer_sha256 == signer.info.sha256
    assert report.signed_at is not None
    assert abs(report.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert report.result_hash == "3f9a" * 16
    assert report.verification_code == sealed(tambon_cert(), signer).verification_code
    assert report.trusted and report.trust == "given"
    nobody = verify_pdf(signed_pdf)  # nobody said whom to trust: intact, but not accepted
    assert nobody.genuine and not nobody.trusted and not nobody.ok
    assert nobody.status == "untrusted"


def test_a_changed_byte_fails(tmp_path: Path, signed_pdf: Path) -> None:
    data = bytearray(signed_pdf.read_bytes())
    at = data.index(b"/Title")
    data[at + 12] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    report = verify_pdf(bad)
    assert not report.ok
    assert not report.intact


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_a_changed_byte_anywhere_fails(tmp_path: Path, signed_pdf: Path, where: float) -> None:
    data = bytearray(signed_pdf.read_bytes())
    at = int(len(data) * where)
    data[at] = (data[at] + 1) % 256
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    assert not verify_pdf(bad).ok


def test_an_update_appended_after_signing_fails(tmp_path: Path, signed_pdf: Path) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf.read_bytes()))
    from pyhanko.pdf_utils import generic

    info = writer.trailer["/Info"]
    info[generic.NameObject("/Title")] = generic.TextStringObject("ของปลอม")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(out.getvalue())
    report = verify_pdf(changed)
    assert report.intact  # the signed revision itself is untouched…
    assert not report.whole_file  # …but something was added after it
    assert not report.ok


def test_an_unsigned_or_broken_file_fails(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(render_certificate(tambon_cert()))
    assert not verify_pdf(plain).ok
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    report = verify_pdf(junk)
    assert not report.ok and report.problems


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _pkcs12(tmp_path: Path, password: bytes, *, ec_key: bool = False) -> Path:
    key = (
        ec.generate_private_key(ec.SECP256R1()) if ec_key else rsa.generate_private_key(65537, 2048)
    )
    ca_key = rsa.generate_private_key(65537, 2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CDD Test CA")])
    now = dt.datetime.now(dt.UTC)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "กรมการพัฒนาชุมชน")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    path = tmp_path / "department.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"dept", key, cert, [ca], serialization.BestAvailableEncryption(password)
        )
    )
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.mark.parametrize("ec_key", [False, True])
def test_department_pkcs12_chain_is_trusted_when_its_ca_is_given(
    tmp_path: Path, ec_key: bool
) -> None:
    p12 = _pkcs12(tmp_path, b"s3cret", ec_key=ec_key)
    signer = PdfCertificateSigner.from_pkcs12(p12, "s3cret")
    assert not signer.info.self_signed
    # one pass, several times: from the third signature on, the CMS is put together from the
    # template checked against pyHanko's own bytes for the first two (reports.cms.CmsTemplate)
    for n in range(4):
        one_pass = tmp_path / f"dept-one-pass-{n}.pdf"
        one_pass.write_bytes(signed_bytes(signer, "one pass"))
        assert verify_pdf(one_pass, load_trusted([tmp_path / "ca.pem"])).ok, n
    assert signer._cms_template is not None
    pdf = tmp_path / "dept.pdf"
    pdf.write_bytes(signed_bytes(signer, "incremental"))
    trusted = verify_pdf(pdf, load_trusted([tmp_path / "ca.pem"]))
    assert trusted.ok and trusted.trusted, trusted.problems
    # a different trust anchor: intact but not trusted, so it fails when trust was asked for
    other = PdfCertificateSigner.self_signed(tmp_path / "other")
    (tmp_path / "other.pem").write_bytes(other.certificate.public_bytes(serialization.Encoding.PEM))
    untrusted = verify_pdf(pdf, load_trusted([tmp_path / "other.pem"]))
    assert untrusted.intact and untrusted.trusted is False and not untrusted.ok


def test_wrong_pkcs12_password_is_a_clear_error(tmp_path: Path) -> None:
    p12 = _pkcs12(tmp_path, b"right")
    with pytest.raises(SigningError, match="PKCS#12"):
        PdfCertificateSigner.from_pkcs12(p12, "wrong")


def test_verify_command_exit_codes(
    tmp_path: Path, signed_pdf: Path, signer_pem: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.launch import main as evaluator_main  # the real entry point, as users run it

    assert evaluator_main(["verify", str(signed_pdf), "--trust", str(signer_pem)]) == 0
    out = capsys.readouterr().out
    assert "ผ่าน — OK" in out
    assert "3f9a" * 16 in out
    assert "กรมการพัฒนาชุมชน" in out
    data = bytearray(signed_pdf.read_bytes())
    data[len(data) // 3] ^= 0x20
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    assert evaluator_main(["verify", str(bad), "--trust", str(signer_pem)]) == 1
    assert "ไม่ผ่าน — FAILED" in capsys.readouterr().out
    assert run_cli(["verify", "--trust", str(signer_pem), "--json", str(signed_pdf), str(bad)]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [r["ok"] for r in found] == [True, False]
    assert found[0]["result_hash"] == "3f9a" * 16


def test_signing_many_reuses_one_key(tmp_path: Path, signer: PdfCertificateSigner) -> None:
    """The signer keeps its parsed key: signing does not parse the PKCS#8 DER again."""
    from cryptography.hazmat.primitives import serialization as ser

    calls = 0
    original = ser.load_der_private_key

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)  # type: ignore[arg-type]

    pdf = render_certificate(sealed(tambon_cert(), signer))
    ser.load_der_private_key = counting  # type: ignore[assignment]
    try:
        outputs = [signer.sign(pdf) for _ in range(3)]
    finally:
        ser.load_der_private_key = original
    assert calls == 0
    for i, out in enumerate(outputs):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(out)
        assert verify_pdf(path, trust(signer)).ok


@pytest.mark.parametrize("ec_key", [False, True])
def test_reused_cms_parts_give_the_bytes_pyhanko_builds(tmp_path: Path, ec_key: bool) -> None:
    """The signer keeps DER templates of the parts of the CMS that never change; what it
    produces must be exactly what pyHanko's own SimpleSigner produces for the same digest."""
    import asyncio
    import hashlib

    from pyhanko.sign import signers

    p12 = _pkcs12(tmp_path, b"pw", ec_key=ec_key)
    ours = PdfCertificateSigner.from_pkcs12(p12, "pw")
    theirs = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=b"pw")
    assert theirs is not None

    async def cms(signer: signers.Signer, digest: bytes) -> bytes:
        result = await signer.async_sign(digest, "sha256", use_pades=True)
        data: bytes = result.dump()
        return data

    for n in range(4):  # the first call builds the templates, the next ones use them
        digest = hashlib.sha256(f"document {n}".encode()).digest()
        mine = asyncio.run(cms(ours._signer, digest))
        if ec_key:  # ECDSA signatures are randomised: compare everything but the signature
            from asn1crypto import cms as asn1_cms

            a = asn1_cms.ContentInfo.load(mine)["content"]["signer_infos"][0]
            b = asn1_cms.ContentInfo.load(asyncio.run(cms(theirs, digest)))["content"][
                "signer_infos"
            ][0]
            assert a["signed_attrs"].dump() == b["signed_attrs"].dump()
            assert a["sid"].dump() == b["sid"].dump()
            assert a["signature_algorithm"].dump() == b["signature_algorithm"].dump()
        else:  # RSA PKCS#1 v1.5 is deterministic: the whole CMS is the same, byte for byte
            assert mine == asyncio.run(cms(theirs, digest))
    assert ours._signer._attr_templates  # the templates were made and used
    assert all(t is not None for t in ours._signer._attr_templates.values())


def test_verify_says_when_this_installation_signed(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reports.signing import local_certificate_sha256, signing_folder_of

    assert db.file_path is not None
    assert signing_folder_of(str(db.file_path)) == signing_folder(db)
    assert signing_folder_of(f"sqlite:///{db.file_path}") == signing_folder(db)
    assert local_certificate_sha256(str(db.file_path)) is None  # no key made yet
    mine = PdfCertificateSigner.self_signed(signing_folder(db))
    pdf = tmp_path / "mine.pdf"
    pdf.write_bytes(mine.sign(render_certificate(sealed(tambon_cert(), mine))))
    # trusted as this installation's own key; but this database has no such round, so it
    # cannot vouch for the certificate (its standing is "unknown"): not OK
    assert run_cli(["--db", str(db.file_path), "verify", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert "signed with this installation's own key" in out
    assert "UNKNOWN ROUND" in out
    assert run_cli(["--db", str(db.file_path), "verify", "--json", str(pdf)]) == 1
    found = json.loads(capsys.readouterr().out)[0]
    assert found["signed_with_this_installations_key"] is True
    assert found["trusted"] is True and found["trusted_as"] == "installation"
    assert found["status"] == "unknown"
    # another installation does not trust this one's self-signed key (issue 12)
    assert run_cli(["--db", str(tmp_path / "elsewhere" / "x.sqlite3"), "verify", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert "this installation" not in out
    assert "intact but signed by an untrusted key" in out and mine.info.sha256 in out


def test_processes_making_the_key_at_once_agree_on_one(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    folder = tmp_path / "race"
    with ThreadPoolExecutor(4) as pool:
        made = list(pool.map(lambda _: PdfCertificateSigner.self_signed(folder), range(4)))
    assert len({s.info.sha256 for s in made}) == 1
    assert not (folder / ".making-key.lock").exists()


def test_the_self_signed_key_is_encrypted_at_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports.signing import PASSPHRASE_ENV, key_protection

    folder = tmp_path / "signing"
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    with pytest.raises(SigningError, match=PASSPHRASE_ENV):  # no passphrase: no key is made
        PdfCertificateSigner.self_signed(folder)
    assert not (folder / KEY_FILE).exists()
    with pytest.raises(SigningError, match="8"):
        PdfCertificateSigner.self_signed(folder, passphrase="short")
    made = PdfCertificateSigner.self_signed(folder, passphrase="correct horse")
    pem = (folder / KEY_FILE).read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert b"BEGIN PRIVATE KEY" not in pem and key_protection(folder) == "encrypted"
    with pytest.raises(TypeError):  # what a thief with the file alone gets
        serialization.load_pem_private_key(pem, password=None)
    with pytest.raises(SigningError, match=PASSPHRASE_ENV):
        PdfCertificateSigner.self_signed(folder)
    with pytest.raises(SigningError, match="wrong passphrase"):
        PdfCertificateSigner.self_signed(folder, passphrase="wrong horse")
    monkeypatch.setenv(PASSPHRASE_ENV, "correct horse")  # as scripts give it
    again = PdfCertificateSigner.self_signed(folder)
    assert again.info.sha256 == made.info.sha256


def test_an_old_plain_key_is_encrypted_when_next_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports.signing import PASSPHRASE_ENV, key_protection

    folder = tmp_path / "signing"
    first = PdfCertificateSigner.self_signed(folder, passphrase="correct horse")
    plain = first._key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (folder / KEY_FILE).write_bytes(plain)  # as an installation before issue 12 kept it
    assert key_protection(folder) == "plain"
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    with pytest.raises(SigningError):  # it will not sign on with a plain key and no passphrase
        PdfCertificateSigner.self_signed(folder)
    unlocked = PdfCertificateSigner.self_signed(folder, passphrase="new passphrase")
    assert unlocked.info.sha256 == first.info.sha256
    assert key_protection(folder) == "encrypted"
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    assert PdfCertificateSigner.self_signed(folder, passphrase="new passphrase").info.sha256 == (
        first.info.sha256
    )


def test_the_certificates_command_without_a_passphrase_says_so(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reports.signing import PASSPHRASE_ENV
    from tests.reports.test_certificates_cli import _contest, _finalise

    _contest(db)
    _finalise(db)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding"]
    assert run_cli([*argv, "--out", str(tmp_path / "no")]) == 1
    assert PASSPHRASE_ENV in capsys.readouterr().err
    assert not list(tmp_path.glob("no/*.pdf"))  # nothing signed, nothing written
    monkeypatch.setenv(PASSPHRASE_ENV, "a good passphrase")
    assert run_cli([*argv, "--out", str(tmp_path / "yes")]) == 0
    assert (signing_folder(db) / KEY_FILE).read_bytes().startswith(b"-----BEGIN ENCRYPTED")
