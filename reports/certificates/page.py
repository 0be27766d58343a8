"""One certificate drawn on an A4-landscape page: border, logo, text blocks at a common scale,
the signatory, the QR code and the small print; images decoded once for a whole batch."""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import json
import math
import zlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PIL import Image
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from reports import thai
from reports.certificates.data import METADATA_KEY, CertificateData, certificate_lines, qr_payload
from reports.certificates.qr import draw_qr, symbol
from reports.font_subsets import FormatOnce, SharedSubsets

if TYPE_CHECKING:
    from reports.signing import PdfCertificateSigner

PAGE = landscape(A4)

GOLD = HexColor("#B08D2B")
NAVY = HexColor("#1B2F5B")
INK = HexColor("#222222")
NAME_BLUE = HexColor("#0B3D91")
GREY = HexColor("#5A5A5A")
DRAFT_RED = Color(0.8, 0.1, 0.1, alpha=0.18)


@dataclass(frozen=True)
class PreparedImage:
    """An image decoded, scaled and compressed once, to be drawn on many certificates.

    ``xobject`` (and ``smask``, its alpha channel) are reportlab image XObjects made once;
    each document gets a shallow copy, so the pixels are not compressed again for every file.
    """

    reader: Any
    width: int
    height: int
    name: str
    xobject: Any
    smask: Any

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 1.0


@functools.lru_cache(maxsize=4)
def prepare_image(data: bytes, max_pixels: int = 400) -> PreparedImage:
    """Decode a PNG/JPEG once, shrink it to at most ``max_pixels`` on its longer side.

    The last few images prepared are kept (a signature and a logo): every batch of the process
    draws them from the same XObjects, formatted once."""
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
        picture = img.convert("RGBA" if has_alpha else "RGB")
    picture.thumbnail((max_pixels, max_pixels), Image.Resampling.LANCZOS)
    reader = ImageReader(picture)
    name = "img" + hashlib.md5(picture.tobytes(), usedforsecurity=False).hexdigest()
    xobject = pdfdoc.PDFImageXObject(name, reader, mask="auto")
    smask = getattr(xobject, "_smask", None)
    if smask is not None:
        del xobject._smask
        smask.name = name + "a"
    return PreparedImage(reader, picture.width, picture.height, name, xobject, smask)


_IMAGES: dict[Any, bytes] = {}  # the prepared images' XObjects as written (FormatOnce)


def draw_image(c: Canvas, image: PreparedImage, x: float, y: float, w: float, h: float) -> None:
    """Draw a prepared image in the box (x, y, w, h), as ``Canvas.drawImage`` does, with the
    XObjects made once."""
    doc = c._doc
    reg = doc.getXObjectName(image.name)
    if doc.idToObject.get(reg) is None:
        obj = copy.copy(image.xobject)
        c._setXObjects(obj)
        refs: tuple[str, ...] = ()
        if image.smask is not None:
            smask = copy.copy(image.smask)
            c._setXObjects(smask)
            smask_reg = doc.getXObjectName(smask.name)
            obj.smask = doc.Reference(FormatOnce(smask, (smask.name,), (), _IMAGES), smask_reg)
            refs = (smask_reg,)
        once = FormatOnce(obj, (image.name,), refs, _IMAGES)  # formatted once per batch
        doc.Reference(once, reg)
        doc.addForm(image.name, once)
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(x, y)
    c.scale(w, h)
    c._code.append(f"/{reg} Do")
    c.restoreState()
    c._formsinuse.append(image.name)


@dataclass
class _Style:
    weight: str
    size: float
    color: Any
    space_before: float
    leading: float = 1.25


STYLES: dict[str, _Style] = {
    "ministry": _Style("semibold", 17, NAVY, 0, leading=1.1),
    "issuer": _Style("bold", 30, NAVY, 0),
    "opening": _Style("regular", 20, INK, 8),
    "recipient": _Style("bold", 32, NAME_BLUE, 10),
    "place": _Style("regular", 20, INK, 4),
    "award": _Style("bold", 22, INK, 10),
    "body": _Style("regular", 19, INK, 4),
    "date": _Style("regular", 19, INK, 12),
}


def draw_border(canvas: Canvas, width: float, height: float) -> None:
    """The decorative frame: a gold rule, a band of diamonds, a double rule, corner flowers.

    The same on every page of a size: drawn once into a Form XObject whose compressed bytes
    are made once per process and placed on every page (``/… Do``), as the images are.
    """
    doc = canvas._doc
    name = f"certborder{width:g}x{height:g}"
    reg = doc.getXObjectName(name)
    if doc.idToObject.get(reg) is None:
        doc.Reference(_FormattedForm(_border_form(width, height)), reg)
    canvas._code.append(f"/{reg} Do")
    canvas._formsinuse.append(name)


class _FormattedForm(pdfdoc.PDFObject):  # type: ignore[misc]
    """A Form XObject written as bytes made once (it refers to no other object)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


@functools.lru_cache(maxsize=8)
def _border_form(width: float, height: float) -> bytes:
    """The border's Form XObject (page-sized box, no resources), compressed, formatted."""
    form = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("XObject"),
                "Subtype": pdfdoc.PDFName("Form"),
                "BBox": pdfdoc.PDFArray([0, 0, width, height]),
                "Resources": pdfdoc.PDFDictionary({}),
            }
        ),
        _border_operators(width, height).encode("ascii"),
        filters=[pdfdoc.PDFZCompress],
    )
    data: bytes = form.format(_FORMAT_DOC)
    return data


_FORMAT_DOC = pdfdoc.PDFDocument()  # formats objects that refer to nothing (no encryption)


@functools.lru_cache(maxsize=8)
def _border_operators(width: float, height: float) -> str:
    scratch = Canvas(io.BytesIO(), pagesize=(width, height))
    before = len(scratch._code)
    _draw_border(scratch, width, height)
    return "\n".join(scratch._code[before:])


def _draw_border(canvas: Canvas, width: float, height: float) -> None:
    c = canvas
    c.saveState()
    # outer gold rule and thin navy rule
    c.setStrokeColor(GOLD)
    c.setLineWidth(4)
    c.rect(16, 16, width - 32, height - 32)
    c.setStrokeColor(NAVY)
    c.setLineWidth(0.8)
    c.rect(23, 23, width - 46, height - 46)
    # the band: a chain of small diamonds between 23 and 39
    c.setFillColor(GOLD)
    mid, r = 31.0, 4.2
    path = c.beginPath()

    def diamond(cx: float, cy: float, rad: float) -> None:
        path.moveTo(cx, cy + rad)
        path.lineTo(cx + rad, cy)
        path.lineTo(cx, cy - rad)
        path.lineTo(cx - rad, cy)
        path.close()

    step = 14.0
    for cx in _even_steps(mid + 16, width - mid - 16, step):
        diamond(cx, mid, r)
        diamond(cx, height - mid, r)
    for cy in _even_steps(mid + 16, height - mid - 16, step):
        diamond(mid, cy, r)
        diamond(width - mid, cy, r)
    c.drawPath(path, stroke=0, fill=1)
    # inner double rule
    c.setStrokeColor(GOLD)
    c.setLineWidth(1.4)
    c.rect(39, 39, width - 78, height - 78)
    c.setLineWidth(0.5)
    c.rect(43, 43, width - 86, height - 86)
    # corner flowers over the band
    for cx, cy in (
        (mid, mid),
        (width - mid, mid),
        (mid, height - mid),
        (width - mid, height - mid),
    ):
        _corner_flower(c, cx, cy)
    c.restoreState()


def _even_steps(start: float, stop: float, step: float) -> list[float]:
    count = max(1, math.floor((stop - start) / step))
    real = (stop - start) / count
    return [start + i * real for i in range(count + 1)]


def _corner_flower(c: Canvas, cx: float, cy: float) -> None:
    c.saveState()
    c.setFillColor(HexColor("#FFFFFF"))
    c.setStrokeColor(GOLD)
    c.setLineWidth(1)
    c.circle(cx, cy, 13, stroke=1, fill=1)
    c.setFillColor(GOLD)
    petals = c.beginPath()
    for k in range(8):
        angle = k * math.pi / 4
        tip = (cx + 11 * math.cos(angle), cy + 11 * math.sin(angle))
        left = (cx + 6 * math.cos(angle + 0.5), cy + 6 * math.sin(angle + 0.5))
        right = (cx + 6 * math.cos(angle - 0.5), cy + 6 * math.sin(angle - 0.5))
        petals.moveTo(cx, cy)
        petals.curveTo(left[0], left[1], tip[0], tip[1], tip[0], tip[1])
        petals.curveTo(tip[0], tip[1], right[0], right[1], cx, cy)
    c.drawPath(petals, stroke=0, fill=1)
    c.setFillColor(NAVY)
    c.circle(cx, cy, 2.6, stroke=0, fill=1)
    c.restoreState()


def _divider(c: Canvas, x: float, y: float, half: float) -> None:
    """A thin gold rule with a diamond in the middle, under the issuer's name."""
    c.saveState()
    c.setStrokeColor(GOLD)
    c.setFillColor(GOLD)
    c.setLineWidth(0.9)
    c.line(x - half, y, x - 9, y)
    c.line(x + 9, y, x + half, y)
    p = c.beginPath()
    p.moveTo(x, y + 4.5)
    p.lineTo(x + 6, y)
    p.lineTo(x, y - 4.5)
    p.lineTo(x - 6, y)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()


class _QuickFlate:
    """Flate compression at zlib's level 1 for the page's content stream.

    A certificate's page stream is mostly its QR code (about 900 rectangles, 16 KB of the
    stream's 23 KB) and differs on every certificate; reportlab's level 6 spends 0.7 ms on it,
    level 1 a third of that for about 1.2 KB more in a 60 KB file. What a reader decodes is the
    same stream, byte for byte."""

    pdfname = "FlateDecode"

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text  # as reportlab's filter
        return zlib.compress(data, 1)


_QUICK_FLATE = _QuickFlate()


def _compress_page_quickly(c: Canvas) -> None:
    """Give the page just shown its content stream, compressed by :class:`_QuickFlate`
    (reportlab makes the same stream with its default filter when the page has none)."""
    page = c._doc.Pages.pages[-1]
    page.Contents = _PageStream(page.stream)


class _PageStream(pdfdoc.PDFObject):  # type: ignore[misc]
    """The page's content stream compressed by :class:`_QuickFlate`, written directly: the
    bytes reportlab's ``PDFStream`` writes for it, without its generic formatting."""

    __RefOnly__ = 1
    __Comment__ = "page stream"

    def __init__(self, content: str) -> None:
        self.content = content

    def format(self, document: Any) -> bytes:
        if document.encrypt.info():  # an encrypted document: reportlab's own way
            stream = pdfdoc.PDFStream()
            stream.filters = [_QUICK_FLATE]
            stream.content = self.content
            formatted: bytes = stream.format(document)
            return formatted
        data = _QUICK_FLATE.encode(self.content)
        head = b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>\nstream\n" % len(data)
        return head + data + b"endstream\n"


def _text(value: str) -> bytes:
    """A PDF text string: printable ASCII as a literal string, anything else as UTF-16 in hex
    (what reportlab's PDFString writes as escaped octets), without its per-character work."""
    if value.isascii() and value.isprintable():
        raw = value.encode("ascii")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


class _CertificateInfo(pdfdoc.PDFInfo):  # type: ignore[misc]
    """The document information dictionary with the certificate's data as one more entry,
    written directly (the same entries as reportlab's, a fifth of its time)."""

    extra: dict[str, str]

    def format(self, document: Any) -> bytes:
        date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        when = date.format(document)
        entries = [(key.encode("ascii"), _text(value)) for key, value in self.extra.items()]
        entries += [
            (b"Author", _text(self.author)),
            (b"CreationDate", when),
            (b"Creator", _text(self.creator)),
            (b"Keywords", _text(self.keywords)),
            (b"ModDate", when),
            (b"Producer", _text(self.producer)),
            (b"Subject", _text(self.subject)),
            (b"Title", _text(self.title)),
            (b"Trapped", b"/" + self.trapped.encode("ascii")),
        ]
        return b"<<\n" + b"\n".join(b"/" + key + b" " + value for key, value in entries) + b"\n>>"


def render_certificate(
    data: CertificateData,
    *,
    logo: PreparedImage | None = None,
    signature: PreparedImage | None = None,
    signer: PdfCertificateSigner | None = None,
    signer_name: str | None = None,
    subsets: SharedSubsets | None = None,
) -> bytes:
    """One certificate as a PDF; with ``signer``, certified (PAdES) in the same pass
    (:mod:`reports.certificates.pades`), ``signer_name`` as the signature's /Name. A batch
    passes its ``subsets`` so that its certificates share their font subsets (made once)."""
    out = io.BytesIO()
    width, height = PAGE
    c = Canvas(out, pagesize=PAGE, pageCompression=1, initialFontName=thai.font().name)
    fonts = [thai.font(weight).ttf for weight in thai.SARABUN]
    if subsets is not None:
        subsets.start(c._doc, fonts)
    info = _CertificateInfo()
    info.extra = {
        METADATA_KEY: json.dumps(
            {
                **data.identity(),
                "code": data.verification_code,
                "seal": data.seal.fragment() if data.seal is not None else None,
            },
            ensure_ascii=True,
            sort_keys=True,
        )
    }
    c._doc.info = info
    c.setTitle(f"เกียรติบัตร {data.recipient}")
    c.setAuthor(data.issuer)
    c.setSubject(f"{data.award} — {data.contest_title}")
    c.setCreator("cdd-evaluator")
    c.setKeywords(f"เกียรติบัตร {data.verification_code}")

    draw_border(c, width, height)
    if data.draft:
        _draft_mark(c, width, height)
    _draw_body(c, data, width, height, logo, signature)
    _draw_footer(c, data, width)
    if signer is not None:
        from reports.certificates import pades

        pades.reserve(c, signer, signer_name)
    c.showPage()
    _compress_page_quickly(c)
    if subsets is not None:
        subsets.carry(c._doc, fonts)
    c.save()
    if signer is not None:
        return pades.fill(out.getvalue(), signer)
    return out.getvalue()


def _draft_mark(c: Canvas, width: float, height: float) -> None:
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(24)
    c.setFillColor(DRAFT_RED)
    thai.draw_text(c, 0, -30, "ฉบับร่าง ผลยังไม่รับรอง", thai.font("bold"), 78, "centre")
    c.restoreState()


@dataclass
class _Plan:
    """Where everything goes: the text blocks at a common scale and the signature lines."""

    scale: float
    blocks: list[tuple[_Style, list[str]]]
    signature_lines: list[str]
    height: float


SIGNATURE_IMAGE_H = 40.0
SIGNATURE_SIZE = 19.0
SIGNATURE_WIDTH = 400.0  # keeps clear of the result hash (left) and the QR code (right)


@functools.lru_cache(maxsize=256)
def _scaled(style_name: str, scale: float) -> _Style:
    """A style's size and spacing at a scale (the same few for a whole batch; not changed)."""
    base = STYLES[style_name]
    return replace(base, size=base.size * scale, space_before=base.space_before * scale)


def _plan(data: CertificateData, column: float, logo: bool, room: float) -> _Plan:
    """Wrap every block; shrink the type a little at a time until it all fits in ``room``."""
    scale = 1.0
    while True:
        blocks: list[tuple[_Style, list[str]]] = []
        for style_name, text in certificate_lines(data):
            style = _scaled(style_name, scale)
            lines = thai.wrap(text, thai.font(style.weight), style.size, column, prefer_spaces=True)
            blocks.append((style, lines))
        size = SIGNATURE_SIZE * scale
        position = data.signatory.position if data.signatory else ""
        signature_lines = (
            thai.wrap(position, thai.font("regular"), size, SIGNATURE_WIDTH, prefer_spaces=True)
            if position
            else []
        )
        height = (
            (76.0 if logo else 0.0)
            + sum(st.space_before + st.size * st.leading * len(lines) for st, lines in blocks)
            + 10  # the divider under the issuer
            + 10
            + SIGNATURE_IMAGE_H
            + 4
            + size * 1.3 * (1 + len(signature_lines))
        )
        if height <= room or scale < 0.7:
            return _Plan(scale, blocks, signature_lines, height)
        scale *= 0.95


def _draw_body(
    c: Canvas,
    data: CertificateData,
    width: float,
    height: float,
    logo: PreparedImage | None,
    signature: PreparedImage | None,
) -> None:
    centre = width / 2
    top, bottom = height - 52, 54.0
    plan = _plan(data, width - 2 * 100, logo is not None, top - bottom)
    slack = max(0.0, (top - bottom) - plan.height)
    y = top - slack * 0.45
    if logo:
        logo_h = 66.0
        w = logo_h * logo.aspect
        draw_image(c, logo, centre - w / 2, y - logo_h, w, logo_h)
        y -= logo_h + 10
    issuer = STYLES["issuer"]
    for style, lines in plan.blocks:
        y -= style.space_before
        c.setFillColor(style.color)
        f = thai.font(style.weight)
        for line in lines:
            y -= style.size
            thai.draw_text(c, centre, y, line, f, style.size, "centre")
            y -= style.size * (style.leading - 1)
        if style.size == issuer.size * plan.scale and style.color == issuer.color:
            y -= 6
            _divider(c, centre, y + 2, 120)
            y -= 4
    _draw_signature(c, data, plan, centre, y - 10, signature)


def _draw_signature(
    c: Canvas,
    data: CertificateData,
    plan: _Plan,
    centre: float,
    y: float,
    signature: PreparedImage | None,
) -> None:
    c.saveState()
    if signature is not None:
        w = min(SIGNATURE_IMAGE_H * signature.aspect, 200.0)
        h = w / signature.aspect
        draw_image(c, signature, centre - w / 2, y - h, w, h)
    else:
        # no scanned signature: leave a line to sign on
        c.setStrokeColor(GREY)
        c.setLineWidth(0.6)
        c.setDash(1, 2)
        c.line(centre - 95, y - SIGNATURE_IMAGE_H + 4, centre + 95, y - SIGNATURE_IMAGE_H + 4)
        c.setDash()
    y -= SIGNATURE_IMAGE_H + 4
    size = SIGNATURE_SIZE * plan.scale
    regular = thai.font("regular")
    c.setFillColor(INK)
    signatory = data.signatory
    name = signatory.name if signatory and signatory.name else " " * 40
    y -= size
    thai.draw_text(c, centre, y, f"({name})", regular, size, "centre")
    for line in plan.signature_lines:
        y -= size * 1.3
        thai.draw_text(c, centre, y, line, regular, size, "centre")
    c.restoreState()


QR_MODULE = 1.6  # points a QR module at least: about 3 pixels at 150 dpi, 0.56 mm on paper
QR_MIN = 74.0
SMALL_PRINT_WIDTH = 250.0


def qr_size(payload: str) -> float:
    """How wide the QR code is drawn: large enough for its modules to print and scan."""
    modules = len(symbol(payload))
    return max(QR_MIN, modules * QR_MODULE)


def small_print(data: CertificateData) -> list[str]:
    """The lines bottom left, for a citizen: where to check, and which result (shortened)."""
    where = (data.verify_url or "").split("#", 1)[0]
    for prefix in ("https://", "http://"):
        where = where.removeprefix(prefix)
    lines = [
        f"ตรวจสอบเกียรติบัตรนี้ได้ที่ {where} หรือสแกนคิวอาร์โค้ด"
        if where
        else "ตรวจสอบเกียรติบัตรนี้ได้โดยสแกนคิวอาร์โค้ด หรือกรอกรหัสตรวจสอบในหน้าตรวจสอบเกียรติบัตรของกรม"
    ]
    result = f"ผลการประเมิน {data.contest_code} / {data.round_code}"
    if data.result_hash:
        lines.append(f"{result} รหัสผล {data.result_hash[:16]}")
    else:
        lines += [result, "ผลยังไม่ได้รับรอง (ยังไม่ปิดรอบ)"]
    return lines


def _draw_footer(c: Canvas, data: CertificateData, width: float) -> None:
    payload = qr_payload(data)
    size = qr_size(payload)
    x = width - 58 - size
    y = 66.0
    draw_qr(c, payload, x, y, size)
    regular = thai.font("regular")
    c.setFillColor(GREY)
    thai.draw_text(c, x + size / 2, y - 11, "รหัสตรวจสอบ", regular, 8.5, "centre")
    c.setFillColor(INK)
    code = data.verification_code or "-"
    thai.draw_text(c, x + size / 2, y - 22, code, thai.font("bold"), 9.5, "centre")
    c.setFillColor(GREY)
    lines: list[str] = []
    for text in small_print(data):
        lines += thai.wrap(text, regular, 8, SMALL_PRINT_WIDTH, prefer_spaces=True)
    yy = 56.0 + 11 * len(lines)
    for line in lines:
        thai.draw_text(c, 60.0, yy, line, regular, 8)
        yy -= 11
