"""A PAdES certification signature written with the certificate itself: one revision, one pass.

pyHanko signs a finished PDF by parsing it back, adding an incremental update (a new catalog,
page, field and signature dictionary) and writing the file again: about half of a certificate's
cost in a batch. Here the signature field, its dictionary (with a placeholder for the CMS) and
the catalog's ``/AcroForm``, ``/Perms`` (DocMDP: no change allowed) and extensions are added to
the reportlab document while it is made; once reportlab has written the bytes, the byte range is
filled in, the SHA-256 over it is signed (the CMS built by the same pyHanko signer, with its
reused DER templates, :mod:`reports.cms`) and the CMS put in its place. The result is what
pyHanko's own incremental signature gives (same dictionaries, same CMS, the signature covering
the whole file), in one revision instead of two; ``evaluator verify``, pyHanko's validator and
poppler's ``pdfsig`` accept it alike (tests/reports/test_signing.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfdoc

from reports.font_subsets import FormatOnce
from reports.signing import FIELD_NAME, SigningError

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from reports.signing import PdfCertificateSigner

_RANGE_WIDTH = 10  # digits for each number of the byte range: files up to 10 GB
_RANGE_MARK = b"/ByteRange [0 " + b" ".join([b"*" * _RANGE_WIDTH] * 3) + b"]"
_VALUE_NAME = "CertificateSignatureValue"

_ESIC = "<< /Type /DeveloperExtensions /BaseVersion /1.7 /ExtensionLevel 1 >>"
_ISO_32002 = (
    "[ << /Type /DeveloperExtensions /BaseVersion /2.0 /ExtensionLevel 32002 "
    "/URL (https://www.iso.org/standard/45875.html) /ExtensionRevision (:2022) >> ]"
)


class _Literal(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF value written as given (ASCII), for dictionaries reportlab has no class for."""

    def __init__(self, text: str) -> None:
        self.text = text

    def format(self, document: Any) -> bytes:
        return self.text.encode("ascii")


_DOC_MDP = _Literal(
    "[ << /Type /SigRef /TransformMethod /DocMDP "
    "/TransformParams << /Type /TransformParams /V /1.2 /P 1 >> >> ]"
)


class _SignatureValue(pdfdoc.PDFObject):  # type: ignore[misc]
    """The signature dictionary, with room for the CMS (hex zeros) and a placeholder byte range
    that :func:`fill` replaces once the file's bytes are known. ``entries`` after the date are
    the same for a whole batch (name, location, reason, reference): formatted once."""

    def __init__(self, when: str, entries: tuple[tuple[str, str | _Literal], ...], reserved: int):
        self.when = when
        self.entries = entries
        self.reserved = reserved

    def format(self, document: Any) -> bytes:
        head = _HEADS.get(self.reserved)
        if head is None:
            head = b"\n".join(
                [
                    b"<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached",
                    b"/Contents <" + b"0" * (2 * self.reserved) + b">",
                    _RANGE_MARK,
                    b"/M ",
                ]
            )
            _HEADS[self.reserved] = head
        tail = _TAILS.get(self.entries) if not document.encrypt.info() else None
        if tail is None:
            tail = b"".join(
                b"\n/" + key.encode("ascii") + b" " + _format_value(value, document)
                for key, value in self.entries
            )
            if not document.encrypt.info():
                if len(_TAILS) >= 64:
                    _TAILS.clear()
                _TAILS[self.entries] = tail
        when: bytes = pdfdoc.format(pdfdoc.PDFString(self.when), document)
        return head + when + tail + b"\n>>"


_HEADS: dict[int, bytes] = {}  # by the room reserved
_TAILS: dict[tuple[tuple[str, str | _Literal], ...], bytes] = {}  # formatted entries after /M
_FIELDS: dict[Any, bytes] = {}  # the signature field and the /AcroForm (FormatOnce)
_LAST_DATE: list[tuple[Any, str]] = [(None, "")]  # the signing time's second, its /M text


def _format_value(value: str | _Literal, document: Any) -> bytes:
    if isinstance(value, _Literal):
        return value.format(document)
    formatted: bytes = pdfdoc.format(pdfdoc.PDFString(value), document)
    return formatted


def reserve(
    canvas: Canvas,
    signer: PdfCertificateSigner,
    signer_name: str | None,
    when: dt.datetime | None = None,
) -> None:
    """Add an invisible certification signature field to the current page of ``canvas`` and
    its dictionary (CMS still blank) to the document; call before ``showPage``. The bytes the
    canvas then writes must go through :func:`fill`."""
    from pyhanko.pdf_utils.generic import pdf_date

    doc = canvas._doc
    when = when or dt.datetime.now(dt.UTC)
    entries: list[tuple[str, str | _Literal]] = []
    if signer_name:
        entries.append(("Name", signer_name))
    entries += [("Location", signer.location), ("Reason", signer.reason), ("Reference", _DOC_MDP)]
    second = when.replace(microsecond=0)  # /M has whole seconds: written once a second
    last = _LAST_DATE[0]
    if last[0] != second:
        last = _LAST_DATE[0] = (second, str(pdf_date(second)))
    value = _SignatureValue(last[1], tuple(entries), signer.bytes_reserved)
    value_ref = doc.Reference(value, _VALUE_NAME)
    page = doc.thisPageName()
    field = pdfdoc.PDFDictionary(
        {
            "FT": pdfdoc.PDFName("Sig"),
            "T": pdfdoc.PDFString(FIELD_NAME),
            "Type": pdfdoc.PDFName("Annot"),
            "Subtype": pdfdoc.PDFName("Widget"),
            "F": 132,  # print, locked
            "Rect": pdfdoc.PDFArray([0, 0, 0, 0]),
            "P": pdfdoc.PDFObjectReference(page),
            "V": value_ref,
        }
    )
    # the field and the form are the same in every certificate but for the numbers of the
    # objects they name: formatted once for those numbers (FormatOnce)
    canvas._addAnnotation(
        FormatOnce(field, ("signature field", FIELD_NAME), (page, _VALUE_NAME), _FIELDS),
        name=FIELD_NAME,
    )
    catalog = doc.Catalog
    form = pdfdoc.PDFDictionary(
        {"Fields": pdfdoc.PDFArray([doc.refAnnotation(FIELD_NAME)]), "SigFlags": 3}
    )
    catalog.AcroForm = FormatOnce(
        form, ("signature form", FIELD_NAME), (doc.annotationName(FIELD_NAME),), _FIELDS
    )
    catalog.Perms = pdfdoc.PDFDictionary({"DocMDP": value_ref})
    if signer.ecdsa:  # ISO/TS 32002 (ECDSA on a named curve) is a PDF 2.0 extension
        catalog.Version = pdfdoc.PDFName("2.0")
        catalog.Extensions = _Literal(f"<< /ESIC {_ESIC} /ISO_ {_ISO_32002} >>")
    else:
        catalog.Version = pdfdoc.PDFName("1.7")
        catalog.Extensions = _Literal(f"<< /ESIC {_ESIC} >>")
    # reportlab writes only the catalog entries it lists; these three are written inline
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "Perms", "Version", "Extensions"]


def fill(pdf: bytes, signer: PdfCertificateSigner) -> bytes:
    """The bytes of a document made with :func:`reserve`, signed: the byte range written, the
    SHA-256 over it signed and the CMS put in the reserved room."""
    mark = pdf.find(_RANGE_MARK)
    if mark < 0 or pdf.find(_RANGE_MARK, mark + 1) >= 0:
        raise SigningError("ไม่พบที่ว่างสำหรับลายมือชื่อ — no single signature placeholder")
    hex_len = 2 * signer.bytes_reserved + 2  # with its angle brackets
    start = pdf.rfind(b"/Contents <", 0, mark) + len(b"/Contents ")
    end = start + hex_len
    if start < len(b"/Contents ") or pdf[end - 1 : end] != b">" or end + 1 != mark:
        raise SigningError("ที่ว่างสำหรับลายมือชื่อผิดรูป — malformed signature placeholder")
    numbers = f"[0 {start} {end} {len(pdf) - end}]".encode("ascii")
    byte_range = b"/ByteRange " + numbers.ljust(len(_RANGE_MARK) - len(b"/ByteRange "))
    signed = bytearray(pdf)
    signed[mark : mark + len(_RANGE_MARK)] = byte_range
    digest = hashlib.sha256()
    digest.update(memoryview(signed)[:start])
    digest.update(memoryview(signed)[end:])
    cms = signer.cms(digest.digest())
    if 2 * len(cms) > hex_len - 2:
        raise SigningError("ลายมือชื่อใหญ่กว่าที่เผื่อไว้ — the signature is larger than the room reserved")
    signed[start + 1 : start + 1 + 2 * len(cms)] = cms.hex().upper().encode("ascii")
    return bytes(signed)
