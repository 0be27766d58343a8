"""Checking a certificate PDF: is it intact, who signed it and when, what result it belongs to.

A certificate passes when its PAdES signature is cryptographically valid, covers the whole
file (nothing added or changed after signing), chains to a trusted certificate, and the
certificate data in its metadata (which the signature covers) gives back the verification code
printed on it. Trusted are: the certificates given (``--trust``), the department's certificate
installed in the settings beside the database, and that installation's own self-signed
certificate (a self-signed key is trusted only by the installation that made it). Anything else
is "intact but signed by an untrusted key". With a database, a certificate whose round was
reopened or decided differently is withdrawn; a draft never passes.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import serialization

from evaluator.db import Database
from evaluator.services.certificate_register import CertificateStanding, certificate_standing
from reports.certificates import METADATA_KEY, Seal, check_seal, read_facts
from reports.certificates.seal import seal_matches, unb64url


@dataclass(frozen=True)
class TrustAnchor:
    """A certificate a signature may chain to, and where it comes from."""

    der: bytes
    source: str  # "given" (--trust), "department" (installed) or "installation" (self-signed)


@dataclass
class VerifyReport:
    """What checking one PDF found; ``ok`` only for an intact, validly signed certificate."""

    path: str
    intact: bool = False
    signature_valid: bool = False
    whole_file: bool = False
    signer: str = ""
    signer_sha256: str = ""
    self_signed: bool = False
    signed_at: datetime | None = None
    trusted: bool = False
    trust: str | None = None  # which anchor: "given", "department" or "installation"
    standing: CertificateStanding | None = None  # with a database: valid, withdrawn, …
    certificate: dict[str, Any] | None = None
    code_ok: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def result_hash(self) -> str | None:
        value = (self.certificate or {}).get("result_hash")
        return str(value) if value else None

    @property
    def verification_code(self) -> str | None:
        value = (self.certificate or {}).get("code")
        return str(value) if value else None

    @property
    def draft(self) -> bool:
        return bool((self.certificate or {}).get("draft"))

    @property
    def genuine(self) -> bool:
        """Intact, validly signed over the whole file, with a matching code (trust aside)."""
        return (
            self.intact
            and self.signature_valid
            and self.whole_file
            and self.code_ok
            and not self.problems
        )

    @property
    def status(self) -> str:
        """One word for scripts: valid, draft, withdrawn, untrusted, unknown or invalid."""
        if not self.genuine:
            return "invalid"
        if not self.trusted:
            return "untrusted"
        if self.draft:
            return "draft"
        if self.standing is not None and self.standing.status != "valid":
            return self.standing.status
        return "valid"

    @property
    def ok(self) -> bool:
        return self.status == "valid"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "ok": self.ok,
            "status": self.status,
            "draft": self.draft,
            "intact": self.intact,
            "signature_valid": self.signature_valid,
            "whole_file_signed": self.whole_file,
            "signer": self.signer,
            "signer_certificate_sha256": self.signer_sha256,
            "self_signed": self.self_signed,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "trusted": self.trusted,
            "trusted_as": self.trust,
            "standing": None
            if self.standing is None
            else {
                "status": self.standing.status,
                "reason": self.standing.reason,
                "since": self.standing.since.isoformat() if self.standing.since else None,
            },
            "verification_code": self.verification_code,
            "verification_code_ok": self.code_ok,
            "result_hash": self.result_hash,
            "certificate": self.certificate,
            "problems": self.problems,
        }


def trust_anchors(
    signing_folder: Path | None, given: list[Path] | None = None
) -> list[TrustAnchor]:
    """What ``verify`` trusts: the certificates given (``--trust``), then the department's
    certificate installed in ``signing_folder`` (the settings' PKCS#12) and that installation's
    own self-signed certificate."""
    from reports.signing import CERT_FILE, PKCS12_CERT_FILE

    anchors = [TrustAnchor(der, "given") for der in load_trusted(list(given or []))]
    if signing_folder is not None:
        for name, source in ((PKCS12_CERT_FILE, "department"), (CERT_FILE, "installation")):
            path = signing_folder / name
            if path.is_file():
                try:
                    anchors.extend(TrustAnchor(der, source) for der in load_trusted([path]))
                except ValueError:
                    continue  # a damaged file trusts nobody
    return anchors


def load_trusted(paths: list[Path]) -> list[bytes]:
    """Certificates (PEM or DER files, several PEM blocks allowed) as DER bytes."""
    out: list[bytes] = []
    for path in paths:
        data = path.read_bytes()
        if b"-----BEGIN" in data:
            certs = pyca_x509.load_pem_x509_certificates(data)
        else:
            certs = [pyca_x509.load_der_x509_certificate(data)]
        out.extend(c.public_bytes(serialization.Encoding.DER) for c in certs)
    return out


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs every untrusted chain as an error with a traceback; the report says it."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def verify_pdf(
    path: Path,
    trusted: list[bytes] | list[TrustAnchor] | None = None,
    *,
    db: Database | None = None,
) -> VerifyReport:
    """Check a signed certificate PDF against the ``trusted`` certificates (DER or anchors;
    none: nobody is trusted) and, with ``db``, that installation's own (:func:`trust_anchors`
    of its signing folder) and the certificate's standing there; never raises for a bad file
    (the report says why)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    from reports.signing import signing_folder

    report = VerifyReport(path=str(path))
    data = path.read_bytes()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a damaged file is an answer, not a crash
        report.problems.append(f"อ่านไฟล์ PDF ไม่ได้ — unreadable PDF: {exc}")
        return report
    if not signatures:
        report.problems.append("ไม่มีลายมือชื่ออิเล็กทรอนิกส์ — the file is not signed")
        return report
    if len(signatures) > 1:
        report.problems.append(
            f"มีลายมือชื่อ {len(signatures)} รายการ ต้องมีรายการเดียว — more than one signature"
        )
    sig = signatures[0]
    anchors = [a if isinstance(a, TrustAnchor) else TrustAnchor(a, "given") for a in trusted or []]
    if db is not None:
        anchors += trust_anchors(signing_folder(db))
    roots = [asn1_x509.Certificate.load(a.der) for a in anchors]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        with _quiet_pyhanko():
            status = validate_pdf_signature(sig, context)
    except Exception as exc:
        report.problems.append(f"ตรวจลายมือชื่อไม่ได้ — cannot validate the signature: {exc}")
        return report
    report.intact = bool(status.intact)
    report.signature_valid = bool(status.valid)
    report.whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    cert = status.signing_cert
    report.signer = str(cert.subject.human_friendly)
    report.signer_sha256 = str(cert.sha256.hex())
    report.self_signed = bool(cert.self_signed in ("yes", "maybe"))
    report.signed_at = status.signer_reported_dt
    report.trusted = bool(status.trusted) and bool(anchors)
    if report.trusted:
        report.trust = _anchor_of(status, anchors)
    if not report.intact:
        report.problems.append(
            "เนื้อหาไฟล์ถูกแก้ไขหลังลงนาม — the signed bytes were changed (digest mismatch)"
        )
    elif not report.signature_valid:
        report.problems.append("ลายมือชื่อไม่ถูกต้อง — the signature does not verify")
    if not _padding_is_blank(sig):
        report.intact = False
        report.problems.append(
            "ช่องลายมือชื่อมีข้อมูลแปลกปลอมต่อท้าย — bytes were changed in the signature's reserved space"
        )
    if not report.whole_file:
        report.problems.append(
            "ลายมือชื่อไม่ครอบคลุมทั้งไฟล์ มีการเพิ่มเติมหลังลงนาม — "
            "the signature does not cover the whole file (something was added after signing)"
        )
    try:
        public_key = pyca_x509.load_der_x509_certificate(cert.dump()).public_key()
    except Exception:
        public_key = None
    _check_metadata(reader, report, public_key)
    if db is not None and report.genuine and report.certificate is not None:
        cert_data = report.certificate
        report.standing = certificate_standing(
            db,
            contest=str(cert_data.get("contest", "")),
            round_code=str(cert_data.get("round", "")),
            tambon_code=str(cert_data.get("tambon_code", "")),
            result_hash=report.result_hash,
            draft=report.draft,
        )
    return report


def _der_length(data: bytes) -> int | None:
    """The length of the DER element at the start of ``data`` (header included)."""
    if len(data) < 2:
        return None
    first = data[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 4 or len(data) < 2 + count:
        return None
    return 2 + count + int.from_bytes(data[2 : 2 + count], "big")


def _padding_is_blank(sig: Any) -> bool:
    """The space reserved for the signature holds the CMS and then zeros only: a flipped byte
    there changes no signed byte, but the file is no longer the one that was signed."""
    try:
        contents = bytes(sig.sig_object["/Contents"])
    except Exception:
        return False
    length = _der_length(contents)
    return length is not None and length <= len(contents) and not any(contents[length:])


def _anchor_of(status: Any, anchors: list[TrustAnchor]) -> str | None:
    """Which anchor the validated chain ends at."""
    try:
        path = status.validation_path
        root = path.trust_anchor.certificate.dump() if path is not None else None
    except Exception:
        root = None
    for anchor in anchors:
        if root is not None and anchor.der == root:
            return anchor.source
    return anchors[0].source if len(anchors) == 1 else None


def _check_metadata(reader: Any, report: VerifyReport, public_key: object) -> None:
    try:
        info = reader.trailer["/Info"]
        raw = str(info[f"/{METADATA_KEY}"])
        meta = json.loads(raw)
    except Exception:
        report.problems.append("ไม่พบข้อมูลเกียรติบัตรในไฟล์ — no certificate data in the file's metadata")
        return
    if not isinstance(meta, dict):
        report.problems.append("ข้อมูลเกียรติบัตรผิดรูปแบบ — malformed certificate data")
        return
    report.certificate = meta
    report.code_ok = _seal_ok(meta, public_key)
    if not report.code_ok:
        report.problems.append(
            "รหัสตรวจสอบหรือคิวอาร์โค้ดไม่ตรงกับข้อมูลเกียรติบัตรและกุญแจที่ลงนาม — the QR code's "
            "sealed facts, their signature or the verification code do not match"
        )


def _seal_ok(meta: dict[str, Any], public_key: object) -> bool:
    """The QR code's seal (kept in the metadata the PDF signature covers) says what the
    certificate says, is signed by the key that signed the PDF, and gives the printed code."""
    try:
        facts_text, signature_text = str(meta.get("seal") or "").split(".", 1)
        seal = Seal(unb64url(facts_text), unb64url(signature_text))
        facts = read_facts(seal.facts)
    except ValueError:
        return False
    return (
        check_seal(public_key, seal) and seal.code == meta.get("code") and seal_matches(meta, facts)
    )


VERDICTS = {
    "valid": "ผ่าน — OK",
    "draft": "ไม่ผ่าน: ฉบับร่าง — FAILED: DRAFT",
    "withdrawn": "ไม่ผ่าน: ถูกเพิกถอน — FAILED: WITHDRAWN",
    "unknown": "ไม่ผ่าน: ไม่พบรอบในฐานข้อมูล — FAILED: UNKNOWN ROUND",
    "untrusted": "ไม่ผ่าน: ผู้ลงนามไม่น่าเชื่อถือ — FAILED: UNTRUSTED SIGNER",
    "invalid": "ไม่ผ่าน — FAILED",
}
TRUST_WORDS = {
    "given": "ใบรับรองที่ระบุ (--trust) — a certificate given with --trust",
    "department": "ใบรับรองของกรมที่ติดตั้งไว้ — the department's installed certificate",
    "installation": "กุญแจที่เครื่องนี้สร้างเอง (self-signed) — this installation's own key",
}


def untrusted_text(report: VerifyReport) -> str:
    """The one line that says a genuine-looking certificate's signer is not trusted."""
    return (
        "ไฟล์ไม่ถูกแก้ไข แต่ลงนามด้วยกุญแจที่ไม่น่าเชื่อถือ — intact but signed by an untrusted "
        f"key: {report.signer}, SHA-256 {report.signer_sha256}"
    )


def format_report(report: VerifyReport) -> str:
    """The report as lines for a terminal, Thai first; a draft says DRAFT on the first line."""
    cert = report.certificate or {}
    yes_no = {True: "ใช่ — yes", False: "ไม่ — no"}
    lines = []
    if report.draft:
        lines.append(
            "DRAFT — ฉบับร่าง: พิมพ์ก่อนยืนยันผล ไม่ใช่เกียรติบัตรที่รับรอง "
            "(a draft printed before the result was finalised)"
        )
    lines.append(f"ไฟล์ — file: {report.path}")
    if report.signer:
        lines.append(f"ผู้ลงนาม — signed by: {report.signer}")
        kind = "สร้างเอง (self-signed)" if report.self_signed else "ออกโดยผู้ออกใบรับรอง"
        lines.append(f"ใบรับรอง — certificate: {kind}, SHA-256 {report.signer_sha256}")
    if report.signed_at:
        lines.append(f"ลงนามเมื่อ — signed at: {report.signed_at.isoformat(timespec='seconds')}")
    if cert:
        lines.append(
            f"เกียรติบัตร — certificate: {cert.get('recipient', '')}"
            f" (ตำบล {cert.get('tambon_code', '')}),"
            f" {cert.get('contest', '')}/{cert.get('round', '')}"
        )
        lines.append(f"รหัสตรวจสอบ — verification code: {cert.get('code', '')}")
        lines.append(f"ผลการประเมิน SHA-256 — result hash: {cert.get('result_hash') or '-'}")
    lines.append(f"ไฟล์ไม่ถูกแก้ไข — intact: {yes_no[report.intact and report.whole_file]}")
    valid = report.signature_valid and report.intact
    lines.append(f"ลายมือชื่อถูกต้อง — signature valid: {yes_no[valid]}")
    if report.trusted:
        lines.append(
            f"ผู้ลงนามเชื่อถือได้ — trusted signer: {TRUST_WORDS.get(report.trust or '', 'ใช่ — yes')}"
        )
    elif report.signer:
        lines.append(f"ผู้ลงนามเชื่อถือได้ — trusted signer: {yes_no[False]}")
    if report.standing is not None:
        since = report.standing.since
        when = f" ({since.date().isoformat()})" if since else ""
        lines.append(f"สถานะในฐานข้อมูล — standing: {report.standing.reason}{when}")
    for problem in report.problems:
        lines.append(f"ปัญหา — problem: {problem}")
    if report.status == "untrusted":
        lines.append(untrusted_text(report))
    lines.append("ผล — result: " + VERDICTS[report.status])
    return "\n".join(lines)
