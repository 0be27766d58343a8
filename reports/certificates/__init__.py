"""Certificates (เกียรติบัตร): one A4-landscape PDF per winning tambon or change leader, signed.

Data in (:class:`CertificateData`, plain values), file out. The wording follows the department's
convention; Thai numerals for dates, amounts and zone numbers; the amount also in words; the
signatory's scanned signature, name in parentheses and position; a QR code and a short
verification code; the round's result hash; a border drawn in code; a PAdES signature.

* :mod:`reports.certificates.data` — what a certificate says, its wording;
* :mod:`reports.certificates.seal` — its facts signed for the QR code, and its short code;
* :mod:`reports.certificates.page` — the page drawn (border, text, signatory, QR code);
* :mod:`reports.certificates.batch` — render, sign and write many (worker processes);
* :mod:`reports.certificates.rounds` — the certificates of a round, from the database.
"""

from reports.certificates.batch import (
    CHUNK,
    DEFAULT_PARALLEL_MINIMUM,
    PARALLEL_MINIMUM,
    IssuedCertificate,
    IssueResult,
    Progress,
    default_workers,
    issue_certificates,
    sealed,
)
from reports.certificates.data import (
    BLESSING,
    FORMAT_VERSION,
    ISSUER,
    METADATA_KEY,
    OPENING,
    CertificateData,
    Kind,
    SignatoryData,
    certificate_lines,
    facts_of,
    place_line,
    place_words,
    qr_payload,
)
from reports.certificates.page import (
    DRAFT_RED,
    GOLD,
    GREY,
    INK,
    NAME_BLUE,
    NAVY,
    PAGE,
    SIGNATURE_IMAGE_H,
    SIGNATURE_SIZE,
    SIGNATURE_WIDTH,
    STYLES,
    PreparedImage,
    draw_border,
    draw_image,
    prepare_image,
    render_certificate,
)
from reports.certificates.qr import draw_qr
from reports.certificates.rounds import (
    LeaderCertificates,
    RoundCertificates,
    WinnerLike,
    build_certificates,
    certificates_for_leaders,
    certificates_for_round,
    record_issued,
)
from reports.certificates.seal import Seal, check_seal, code_of, read_facts

__all__ = [
    "BLESSING",
    "CHUNK",
    "DEFAULT_PARALLEL_MINIMUM",
    "DRAFT_RED",
    "FORMAT_VERSION",
    "GOLD",
    "GREY",
    "INK",
    "ISSUER",
    "METADATA_KEY",
    "NAME_BLUE",
    "NAVY",
    "OPENING",
    "PAGE",
    "PARALLEL_MINIMUM",
    "SIGNATURE_IMAGE_H",
    "SIGNATURE_SIZE",
    "SIGNATURE_WIDTH",
    "STYLES",
    "CertificateData",
    "IssueResult",
    "IssuedCertificate",
    "Kind",
    "LeaderCertificates",
    "PreparedImage",
    "Progress",
    "RoundCertificates",
    "Seal",
    "SignatoryData",
    "WinnerLike",
    "build_certificates",
    "certificate_lines",
    "certificates_for_leaders",
    "certificates_for_round",
    "check_seal",
    "code_of",
    "default_workers",
    "draw_border",
    "draw_image",
    "draw_qr",
    "facts_of",
    "issue_certificates",
    "place_line",
    "place_words",
    "prepare_image",
    "qr_payload",
    "read_facts",
    "record_issued",
    "render_certificate",
    "sealed",
]
