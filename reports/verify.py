"""Checking a certificate PDF: is it intact, who signed it and when, what result it belongs to.

A certificate passes when its PAdES signature is cryptographically valid, covers the whole
file (nothing added or changed after signing), and the certificate data in its metadata (which
the signature covers) gives back the verification code printed on it. Trust in the signer is
reported; it is required only when trusted certificates are given (``--trust``).
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

from reports.certificates import METADATA_KEY, verification_code


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
    trusted: bool | None = None
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
    def ok(self) -> bool:
        return (
            self.intact
            and self.signature_valid
            and self.whole_file
            and self.code_ok
            and self.trusted is not False
            and not self.problems
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.path,
            "ok": self.ok,
            "intact": self.intact,
            "signature_valid": self.signature_valid,
            "whole_file_signed": self.whole_file,
            "signer": self.signer,
            "signer_certificate_sha256": self.signer_sha256,
            "self_signed": self.self_signed,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "trusted": self.trusted,
            "verification_code": self.verification_code,
            "verification_code_ok": self.code_ok,
            "result_hash": self.result_hash,
            "certificate": self.certificate,
            "problems": self.problems,
        }


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


def verify_pdf(path: Path, trusted: list[bytes] | None = None) -> VerifyReport:
    """Check a signed certificate PDF; never raises for a bad file (the report says why)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

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
    roots = [asn1_x509.Certificate.load(der) for der in trusted or []]
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
    if trusted:
        report.trusted = bool(status.trusted)
    if not report.intact:
        report.problems.append(
            "เนื้อหาไฟล์ถูกแก้ไขหลังลงนาม — the signed bytes were changed (digest mismatch)"
        )
    elif not report.signature_valid:
        report.problems.append("ลายมือชื่อไม่ถูกต้อง — the signature does not verify")
    if not report.whole_file:
        report.problems.append(
            "ลายมือชื่อไม่ครอบคลุมทั้งไฟล์ มีการเพิ่มเติมหลังลงนาม — "
            "the signature does not cover the whole file (something was added after signing)"
        )
    if report.trusted is False:
        report.problems.append(
            "ผู้ลงนามไม่อยู่ในรายการใบรับรองที่เชื่อถือ — the signer is not one of the trusted"
        )
    _check_metadata(reader, report)
    return report


def _check_metadata(reader: Any, report: VerifyReport) -> None:
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
    identity = {k: v for k, v in meta.items() if k != "code"}
    report.code_ok = verification_code(identity) == meta.get("code")
    if not report.code_ok:
        report.problems.append(
            "รหัสตรวจสอบไม่ตรงกับข้อมูลเกียรติบัตร — the verification code does not match"
        )


def format_report(report: VerifyReport) -> str:
    """The report as lines for a terminal, Thai first."""
    cert = report.certificate or {}
    yes_no = {True: "ใช่ — yes", False: "ไม่ — no"}
    lines = [f"ไฟล์ — file: {report.path}"]
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
    if report.trusted is not None:
        lines.append(f"ผู้ลงนามเชื่อถือได้ — trusted signer: {yes_no[report.trusted]}")
    for problem in report.problems:
        lines.append(f"ปัญหา — problem: {problem}")
    lines.append("ผล — result: " + ("ผ่าน — OK" if report.ok else "ไม่ผ่าน — FAILED"))
    return "\n".join(lines)
