"""Certificates (เกียรติบัตร): one A4-landscape PDF per winning tambon or change leader, signed.

Data in (:class:`CertificateData`, plain values), file out. The wording follows the department's
convention; Thai numerals for dates, amounts and zone numbers; the amount also in words; the
signatory's scanned signature, name in parentheses and position; a QR code and a short
verification code; the round's result hash; a border drawn in code; a PAdES signature.
"""

from __future__ import annotations

import base64
import copy
import csv
import functools
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

import segno
from PIL import Image
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from evaluator.db import Database
from evaluator.services.documents import (
    LeaderInfo,
    RoundDocumentInfo,
    active_signatory,
    leaders_by_tambon,
)
from reports import thai
from reports.signing import PdfCertificateSigner, SignerState
from reports.thai_format import baht_amount, baht_text, given_on, thai_day, thai_digits

Kind = Literal["tambon", "leader"]

PAGE = landscape(A4)
ISSUER = "กรมการพัฒนาชุมชน"
OPENING = "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า"
BLESSING = "ขอให้มีความสุข ความเจริญ และเป็นแบบอย่างที่ดีสืบไป"
METADATA_KEY = "CDDCertificate"
FORMAT_VERSION = 1

GOLD = HexColor("#B08D2B")
NAVY = HexColor("#1B2F5B")
INK = HexColor("#222222")
NAME_BLUE = HexColor("#0B3D91")
GREY = HexColor("#5A5A5A")
DRAFT_RED = Color(0.8, 0.1, 0.1, alpha=0.18)


@dataclass(frozen=True)
class SignatoryData:
    """Who signs the certificate: name, position and an optional scanned signature (PNG/JPEG)."""

    name: str
    position: str
    signature_png: bytes | None = None


@dataclass(frozen=True)
class CertificateData:
    """Everything one certificate says. ``kind`` is a tambon's or a change leader's certificate."""

    kind: Kind
    recipient: str
    tambon_code: str
    tambon: str
    district: str
    province: str
    award: str
    prize_baht: int
    contest_code: str
    contest_title: str
    round_code: str
    issued_on: date
    result_hash: str | None
    signatory: SignatoryData | None = None
    zone: int | None = None
    leader_position: str = ""
    leader_number: int | None = None
    issuer: str = ISSUER
    verify_url: str | None = None
    draft: bool = False

    def identity(self) -> dict[str, object]:
        """The fields the verification code is computed over (and the PDF's metadata carries)."""
        return {
            "v": FORMAT_VERSION,
            "issuer": self.issuer,
            "contest": self.contest_code,
            "round": self.round_code,
            "kind": self.kind,
            "tambon_code": self.tambon_code,
            "recipient": self.recipient,
            "leader_number": self.leader_number,
            "award": self.award,
            "prize_baht": self.prize_baht,
            "issued_on": self.issued_on.isoformat(),
            "result_hash": self.result_hash,
            "draft": self.draft,
        }

    @property
    def verification_code(self) -> str:
        return verification_code(self.identity())

    @property
    def file_name(self) -> str:
        """A file name that sorts by round and tambon: ``outstanding_300101.pdf`` or
        ``outstanding_300101_leader_03.pdf``."""
        stem = f"{_safe(self.round_code)}_{_safe(self.tambon_code)}"
        if self.kind == "leader":
            stem += f"_leader_{self.leader_number or 0:02d}"
        return stem + ".pdf"


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text) or "x"


def _canonical(identity: dict[str, object]) -> bytes:
    return json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def verification_code(identity: dict[str, object]) -> str:
    """A short code (``ABCD-EFGH-JKLM``) derived from what the certificate says.

    Anyone with the certificate's data can recompute it; ``evaluator verify`` checks it against
    the metadata the signature covers.
    """
    digest = hashlib.sha256(_canonical(identity)).digest()
    text = base64.b32encode(digest).decode("ascii")[:12]
    return "-".join(text[i : i + 4] for i in range(0, 12, 4))


def qr_payload(data: CertificateData) -> str:
    """What the QR code holds: a verification URL if one is set, else
    ``CDD-CERT1:<code>:<result hash>``.

    The verification code already commits to the round, the tambon and the recipient; upper-case
    letters, digits and ``-:`` keep the QR code in its compact alphanumeric mode (version 4,
    33 × 33 modules) so that it scans easily from paper.
    """
    code = data.verification_code
    if data.verify_url:
        sep = "&" if "?" in data.verify_url else "?"
        return f"{data.verify_url}{sep}code={code}"
    return f"CDD-CERT{FORMAT_VERSION}:{code}:{(data.result_hash or 'DRAFT').upper()}"


# --- images -------------------------------------------------------------------------------------


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


def prepare_image(data: bytes, max_pixels: int = 400) -> PreparedImage:
    """Decode a PNG/JPEG once, shrink it to at most ``max_pixels`` on its longer side."""
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


def draw_image(c: Canvas, image: PreparedImage, x: float, y: float, w: float, h: float) -> None:
    """Draw a prepared image in the box (x, y, w, h), as ``Canvas.drawImage`` does, with the
    XObjects made once."""
    doc = c._doc
    reg = doc.getXObjectName(image.name)
    if doc.idToObject.get(reg) is None:
        obj = copy.copy(image.xobject)
        c._setXObjects(obj)
        doc.Reference(obj, reg)
        doc.addForm(image.name, obj)
        if image.smask is not None:
            smask = copy.copy(image.smask)
            c._setXObjects(smask)
            obj.smask = doc.Reference(smask, doc.getXObjectName(smask.name))
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(x, y)
    c.scale(w, h)
    c._code.append(f"/{reg} Do")
    c.restoreState()
    c._formsinuse.append(image.name)


# --- drawing ------------------------------------------------------------------------------------


def place_line(data: CertificateData) -> str:
    """``ตำบลบ้านใหม่ อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา``."""
    return place_words(data.tambon, data.district, data.province)


def place_words(tambon: str, district: str, province: str) -> str:
    """Tambon, district and province with their prefixes (not doubled when already there)."""
    return " ".join(
        [
            _prefixed("ตำบล", tambon, ("ตำบล", "แขวง")),
            _prefixed("อำเภอ", district, ("อำเภอ", "เขต", "กิ่งอำเภอ")),
            _prefixed("จังหวัด", province, ("จังหวัด",)),
        ]
    )


def _prefixed(prefix: str, name: str, known: tuple[str, ...]) -> str:
    return name if name.startswith(known) else prefix + name


def certificate_lines(data: CertificateData) -> list[tuple[str, str]]:
    """The certificate's text, block by block, as (style, text); what the page shows in order."""
    contest = thai_digits(data.contest_title)
    if not contest.startswith("ตาม"):
        contest = "ตาม" + contest
    award = f"ได้รับรางวัล{data.award}"
    if data.zone is not None:
        award += f" เขตตรวจราชการที่ {thai_digits(data.zone)}"
    blocks: list[tuple[str, str]] = [("issuer", data.issuer), ("opening", OPENING)]
    if data.kind == "tambon":
        blocks.append(("recipient", _prefixed("ตำบล", data.recipient, ("ตำบล", "แขวง"))))
        blocks.append(("place", place_line(data).split(" ", 1)[1]))  # district and province
        blocks.append(("award", award))
        blocks.append(("body", contest))
        if data.prize_baht:
            blocks.append(
                (
                    "body",
                    f"พร้อมเงินรางวัล {baht_amount(data.prize_baht)} บาท"
                    f" ({baht_text(data.prize_baht)})",
                )
            )
    else:
        blocks.append(("recipient", data.recipient))
        tambon, rest = place_line(data).split(" ", 1)
        role = f"ผู้นำการเปลี่ยนแปลง{tambon}"
        if data.leader_position:
            role = f"{thai_digits(data.leader_position)} {role}"
        blocks.append(("place", role))
        blocks.append(("place", rest))
        blocks.append(("body", f"ซึ่ง{award}"))
        blocks.append(("body", contest))
    blocks.append(("body", BLESSING))
    blocks.append(("date", given_on(data.issued_on)))
    return blocks


@dataclass
class _Style:
    weight: str
    size: float
    color: Any
    space_before: float
    leading: float = 1.25


STYLES: dict[str, _Style] = {
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

    The same on every page of a size, so it is drawn once and its operators replayed.
    """
    canvas.addLiteral(_border_operators(width, height))


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


_DARK_RUN = re.compile(rb"[\x01-\xff]+")


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (segno) as vector squares, ``size`` points wide, lower-left corner at (x, y).

    Each run of dark modules in a row is one rectangle, a hair taller than its row so that
    viewers show no seams between rows.
    """
    qr = segno.make(payload, error="m", micro=False, mask=0)
    rows = qr.matrix
    cell = size / len(rows)
    ops = ["q 0 g"]
    height = f"{cell + 0.02:.3f}"
    for r, row in enumerate(rows):
        bottom = f"{y + size - (r + 1) * cell - 0.01:.3f}"
        for run in _DARK_RUN.finditer(bytes(row)):
            start, end = run.span()
            ops.append(f"{x + start * cell:.3f} {bottom} {(end - start) * cell:.3f} {height} re")
    ops.append("f Q")
    c.addLiteral("\n".join(ops))


class _CertificateInfo(pdfdoc.PDFInfo):  # type: ignore[misc]
    """The document information dictionary with the certificate's data as one more entry."""

    extra: dict[str, str]

    def format(self, document: Any) -> bytes:
        text: bytes = super().format(document)
        entries = b"".join(
            b"/" + key.encode("ascii") + b" " + pdfdoc.PDFString(value).format(document) + b"\n"
            for key, value in self.extra.items()
        )
        return text.replace(b"<<", b"<<\n" + entries, 1)


def render_certificate(
    data: CertificateData,
    *,
    logo: PreparedImage | None = None,
    signature: PreparedImage | None = None,
) -> bytes:
    """One certificate as an unsigned PDF."""
    out = io.BytesIO()
    width, height = PAGE
    c = Canvas(out, pagesize=PAGE, pageCompression=1, initialFontName=thai.font().name)
    info = _CertificateInfo()
    info.extra = {
        METADATA_KEY: json.dumps(
            {**data.identity(), "code": data.verification_code},
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
    c.showPage()
    c.save()
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


def _plan(data: CertificateData, column: float, logo: bool, room: float) -> _Plan:
    """Wrap every block; shrink the type a little at a time until it all fits in ``room``."""
    scale = 1.0
    while True:
        blocks: list[tuple[_Style, list[str]]] = []
        for style_name, text in certificate_lines(data):
            base = STYLES[style_name]
            style = replace(base, size=base.size * scale, space_before=base.space_before * scale)
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
    for index, (style, lines) in enumerate(plan.blocks):
        y -= style.space_before
        c.setFillColor(style.color)
        f = thai.font(style.weight)
        for line in lines:
            y -= style.size
            thai.draw_text(c, centre, y, line, f, style.size, "centre")
            y -= style.size * (style.leading - 1)
        if index == 0:
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


def _draw_footer(c: Canvas, data: CertificateData, width: float) -> None:
    qr_size = 74.0
    x = width - 58 - qr_size
    y = 66.0
    draw_qr(c, qr_payload(data), x, y, qr_size)
    regular = thai.font("regular")
    c.setFillColor(GREY)
    thai.draw_text(c, x + qr_size / 2, y - 11, "รหัสตรวจสอบ", regular, 8.5, "centre")
    c.setFillColor(INK)
    thai.draw_text(
        c, x + qr_size / 2, y - 22, data.verification_code, thai.font("bold"), 9.5, "centre"
    )
    c.setFillColor(GREY)
    left = 60.0
    lines = [f"ผลการประเมิน {data.contest_code} / {data.round_code}"]
    if data.result_hash:
        lines.append(f"SHA-256 {data.result_hash[:32]}")
        lines.append(data.result_hash[32:])
    else:
        lines.append("ผลยังไม่ได้รับรอง (ยังไม่ปิดรอบ)")
    lines.append("ตรวจสอบด้วยคำสั่ง evaluator verify")
    yy = 96.0
    for line in lines:
        thai.draw_text(c, left, yy, line, regular, 7.5)
        yy -= 10


# --- batches ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedCertificate:
    path: Path
    kind: Kind
    tambon_code: str
    recipient: str
    verification_code: str
    sha256: str


@dataclass
class IssueResult:
    files: list[IssuedCertificate] = field(default_factory=list)
    cancelled: bool = False
    manifest: Path | None = None


Progress = Callable[[int, int], None]


class _Issuer:
    """Renders, signs and writes certificates; images are decoded once per batch (per process)."""

    def __init__(self, signer: PdfCertificateSigner | None, logo: bytes | None) -> None:
        self.signer = signer
        self.logo = prepare_image(logo) if logo else None
        self.signatures: dict[bytes, PreparedImage] = {}

    def issue(self, data: CertificateData, out_dir: Path) -> IssuedCertificate:
        signature = None
        png = data.signatory.signature_png if data.signatory else None
        if png:
            if png not in self.signatures:
                self.signatures[png] = prepare_image(png)
            signature = self.signatures[png]
        pdf = render_certificate(data, logo=self.logo, signature=signature)
        if self.signer is not None:
            name = data.signatory.name if data.signatory else None
            pdf = self.signer.sign(pdf, signer_name=name)
        target = out_dir / data.file_name
        _write_atomic(target, pdf)
        return IssuedCertificate(
            target,
            data.kind,
            data.tambon_code,
            data.recipient,
            data.verification_code,
            hashlib.sha256(pdf).hexdigest(),
        )


_WORKER: list[_Issuer] = []


def _init_worker(state: SignerState | None, logo: bytes | None) -> None:
    signer = PdfCertificateSigner.from_state(state) if state is not None else None
    _WORKER[:] = [_Issuer(signer, logo)]


def _issue_chunk(chunk: list[CertificateData], out_dir: Path) -> list[IssuedCertificate]:
    issuer = _WORKER[0]
    return [issuer.issue(data, out_dir) for data in chunk]


PARALLEL_MINIMUM = 100  # below this, starting worker processes costs more than it saves
CHUNK = 16


def default_workers() -> int:
    """Worker processes for a large batch: one per CPU, at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def issue_certificates(
    items: Sequence[CertificateData],
    out_dir: Path,
    signer: PdfCertificateSigner | None,
    *,
    logo: bytes | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 1,
) -> IssueResult:
    """Render, sign and write one PDF per item into ``out_dir``, with a ``certificates.csv``
    manifest of files and verification codes.

    ``progress(done, total)`` is called as files are written; when ``cancelled()`` turns true
    the batch stops (after the files in hand). With ``workers`` > 1 and a large batch, the work
    is shared among that many processes, each loading the key once.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if workers > 1 and len(items) >= PARALLEL_MINIMUM:
        result = _issue_parallel(items, out_dir, signer, logo, progress, cancelled, workers)
    else:
        result = IssueResult()
        issuer = _Issuer(signer, logo)
        total = len(items)
        for done, data in enumerate(items, start=1):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            result.files.append(issuer.issue(data, out_dir))
            if progress is not None:
                progress(done, total)
    result.manifest = _write_manifest(out_dir, result.files)
    return result


def _issue_parallel(
    items: Sequence[CertificateData],
    out_dir: Path,
    signer: PdfCertificateSigner | None,
    logo: bytes | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    workers: int,
) -> IssueResult:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    result = IssueResult()
    chunks = [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]
    done_by_chunk: dict[int, list[IssuedCertificate]] = {}
    total = len(items)
    written = 0
    pending: dict[Future[list[IssuedCertificate]], int] = {}
    state = signer.to_state() if signer is not None else None
    context = multiprocessing.get_context("spawn")  # safe from a threaded (Qt) parent
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(state, logo),
    ) as pool:
        next_chunk = 0
        while next_chunk < len(chunks) or pending:
            stop = cancelled is not None and cancelled()
            if stop:
                result.cancelled = True
                for future in pending:
                    future.cancel()
            while not stop and next_chunk < len(chunks) and len(pending) < workers * 2:
                pending[pool.submit(_issue_chunk, chunks[next_chunk], out_dir)] = next_chunk
                next_chunk += 1
            if stop:
                next_chunk = len(chunks)
            finished, _ = wait(list(pending), timeout=0.5, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                if future.cancelled():
                    continue
                done_by_chunk[index] = future.result()
                written += len(done_by_chunk[index])
                if progress is not None:
                    progress(written, total)
    for index in sorted(done_by_chunk):
        result.files.extend(done_by_chunk[index])
    return result


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_manifest(out_dir: Path, files: Sequence[IssuedCertificate]) -> Path:
    path = out_dir / "certificates.csv"
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["file", "kind", "tambon_code", "recipient", "verification_code", "sha256"])
    for f in files:
        writer.writerow(
            [f.path.name, f.kind, f.tambon_code, f.recipient, f.verification_code, f.sha256]
        )
    _write_atomic(path, ("\ufeff" + buf.getvalue()).encode("utf-8"))
    return path


# --- from the database --------------------------------------------------------------------------


class WinnerLike(Protocol):
    """What a certificate needs of a ranking entry (``RankedTambon`` has all of it)."""

    @property
    def tambon_code(self) -> str: ...
    @property
    def tambon(self) -> str: ...
    @property
    def district(self) -> str: ...
    @property
    def province(self) -> str: ...
    @property
    def zone(self) -> int: ...


@dataclass(frozen=True)
class RoundCertificates:
    """The certificates of a round, and what the person printing them must know."""

    items: list[CertificateData]
    draft: bool
    ties: list[str]
    winners: int


def build_certificates(
    info: RoundDocumentInfo,
    winners: Sequence[WinnerLike],
    *,
    signatory: SignatoryData | None,
    issued_on: date,
    result_hash: str | None,
    leaders: dict[str, list[LeaderInfo]] | None = None,
    draft: bool = False,
    verify_url: str | None = None,
) -> list[CertificateData]:
    """One certificate per winner, followed (with ``leaders``) by one per change leader."""
    items: list[CertificateData] = []
    for w in winners:
        base = CertificateData(
            kind="tambon",
            recipient=w.tambon,
            tambon_code=w.tambon_code,
            tambon=w.tambon,
            district=w.district,
            province=w.province,
            award=info.round_title,
            prize_baht=info.prize_baht,
            contest_code=info.contest_code,
            contest_title=info.contest_title,
            round_code=info.round_code,
            issued_on=issued_on,
            result_hash=result_hash,
            signatory=signatory,
            zone=w.zone if info.per_zone else None,
            verify_url=verify_url,
            draft=draft,
        )
        items.append(base)
        if leaders is None:
            continue
        for number, leader in enumerate(leaders.get(w.tambon_code, []), start=1):
            items.append(
                replace(
                    base,
                    kind="leader",
                    recipient=leader.full_name,
                    leader_position=leader.position,
                    leader_number=number,
                )
            )
    return items


def certificates_for_round(
    db: Database,
    round_code: str,
    *,
    contest: str | None = None,
    leaders: bool = False,
    issued_on: date | None = None,
    verify_url: str | None = None,
) -> RoundCertificates:
    """The certificates of a round's winners, from the ranking service.

    A round that is not finalised gives draft certificates (marked as such on the page, with
    no result hash); tied tambons get none until the committee decides.
    """
    from evaluator.services.ranking import rank_round

    ranking = rank_round(db, round_code, contest=contest)
    finalised = bool(ranking.finalised)
    info = RoundDocumentInfo(
        contest_code=ranking.contest_code,
        contest_title=ranking.contest_title,
        round_code=ranking.round_code,
        round_title=ranking.round_title or ranking.round_code,
        prize_baht=int(ranking.prize_baht),
        per_zone=ranking.quota_kind == "zone",
        finalised_at=ranking.finalised_at,
        result_hash=ranking.result_hash,
    )
    winners = ranking.winners()
    ties = [e.tambon_code for e in ranking.ties()]
    result_hash = ranking.result_hash if finalised else None
    person = active_signatory(db)
    signatory = (
        SignatoryData(person.name, person.position, person.signature_png) if person else None
    )
    if issued_on is None:
        issued_on = thai_day(info.finalised_at)
    crew = leaders_by_tambon(db, [w.tambon_code for w in winners]) if leaders else None
    items = build_certificates(
        info,
        winners,
        signatory=signatory,
        issued_on=issued_on,
        result_hash=result_hash,
        leaders=crew,
        draft=not finalised,
        verify_url=verify_url,
    )
    return RoundCertificates(items, draft=not finalised, ties=ties, winners=len(winners))
