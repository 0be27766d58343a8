"""What a certificate says (:class:`CertificateData`, plain values), its wording block by block,
and what its QR code holds (the seal's URL, :mod:`reports.certificates.seal`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from reports.certificates.seal import FORMAT_TIS, FORMAT_UTF8, SHORT_HASH, Seal, clean
from reports.thai_format import baht_amount, baht_text, given_on, thai_digits

Kind = Literal["tambon", "leader"]

ISSUER = "กรมการพัฒนาชุมชน"
OPENING = "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า"
BLESSING = "ขอให้มีความสุข ความเจริญ และเป็นแบบอย่างที่ดีสืบไป"
METADATA_KEY = "CDDCertificate"
FORMAT_VERSION = 2  # 2: sealed facts and a code derived from their signature (issue 12)
MINISTRY = "กระทรวงมหาดไทย"


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
    seal: Seal | None = None  # the facts signed with the department's key (made when issued)
    ministry: str = MINISTRY

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
            "zone": self.zone,
            "award": self.award,
            "prize_baht": self.prize_baht,
            "issued_on": self.issued_on.isoformat(),
            "result_hash": self.result_hash,
            "draft": self.draft,
        }

    @property
    def verification_code(self) -> str:
        """The short code printed under the QR code, derived from the seal's signature
        (empty for an unsealed, unsigned certificate)."""
        return self.seal.code if self.seal is not None else ""

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


def qr_payload(data: CertificateData) -> str:
    """What the QR code holds: the verification page's address with the sealed facts as its
    fragment; just the page's address for an unsealed certificate."""
    if data.seal is not None:
        return data.seal.url(data.verify_url)
    return data.verify_url or "index.html"


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
    blocks: list[tuple[str, str]] = []
    if data.ministry:
        blocks.append(("ministry", data.ministry))
    blocks += [("issuer", data.issuer), ("opening", OPENING)]
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


def facts_of(data: CertificateData) -> bytes:
    """The certificate's facts as the bytes the seal signs."""
    kind = ("t" if data.kind == "tambon" else "l") + ("d" if data.draft else "")
    fields = [
        kind,
        data.recipient,
        data.tambon_code,
        data.award,
        "" if data.zone is None else str(data.zone),
        str(data.prize_baht),
        data.issued_on.strftime("%Y%m%d"),
        data.contest_code,
        data.round_code,
        (data.result_hash or "")[:SHORT_HASH],
        "" if data.leader_number is None else str(data.leader_number),
    ]
    text = "|".join(clean(f) for f in fields)
    try:
        return f"{FORMAT_TIS}|{text}".encode("cp874")
    except UnicodeEncodeError:
        return f"{FORMAT_UTF8}|{text}".encode()
