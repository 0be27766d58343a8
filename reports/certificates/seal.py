"""The certificate's seal: its facts and a signature over them, carried by the QR code's URL.

The QR code holds ``<verification page>#<facts>.<signature>`` (both base64url, no padding):

* ``facts`` is one line of fields separated by ``|`` (:data:`FIELDS`), encoded in TIS-620
  (windows-874, one byte a Thai letter, which browsers decode with ``TextDecoder``) or, when a
  name needs a character TIS-620 lacks, in UTF-8 (the format tag says which): format tag,
  kind (``t`` tambon, ``l`` leader, ``d`` added for a draft), recipient, tambon code, award,
  zone, prize in baht, date given (``YYYYMMDD``), contest, round, the first 16 hex digits of the
  round's result hash, leader number;
* ``signature`` is made over exactly those bytes with the key that signs the PDF, in the form
  Web Crypto verifies: ECDSA P-256 with SHA-256 as ``r || s`` (64 bytes), or RSASSA-PKCS1-v1_5
  with SHA-256 for an RSA key (a department PKCS#12).

The short code printed under the QR code is the first 60 bits (base32) of the SHA-256 of the
signature: it cannot be computed without the key, and the register looks certificates up by it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

FORMAT_TIS = "C1"
FORMAT_UTF8 = "U1"
FIELDS = (
    "format",
    "kind",
    "recipient",
    "tambon_code",
    "award",
    "zone",
    "prize_baht",
    "issued_on",
    "contest",
    "round",
    "result",
    "leader",
)
SHORT_HASH = 16  # hex digits of the result hash the QR code carries


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def clean(value: object) -> str:
    return str(value).replace("|", "/").replace("\n", " ")


def read_facts(raw: bytes) -> dict[str, str]:
    """The fields of sealed facts by name (raises ValueError when they are not facts)."""
    encoding = "cp874" if raw.startswith(FORMAT_TIS.encode()) else "utf-8"
    parts = raw.decode(encoding).split("|")
    if len(parts) != len(FIELDS) or parts[0] not in (FORMAT_TIS, FORMAT_UTF8):
        raise ValueError("not a certificate's sealed facts")
    return dict(zip(FIELDS, parts, strict=True))


def code_of(signature: bytes) -> str:
    """``ABCD-EFGH-JKLM``: 60 bits of the SHA-256 of the seal's signature."""
    text = base64.b32encode(hashlib.sha256(signature).digest()).decode("ascii")[:12]
    return "-".join(text[i : i + 4] for i in range(0, 12, 4))


@dataclass(frozen=True)
class Seal:
    """Sealed facts: what the QR code carries and the code printed under it."""

    facts: bytes
    signature: bytes

    @functools.cached_property
    def code(self) -> str:  # asked for four times a certificate: computed once
        return code_of(self.signature)

    def fragment(self) -> str:
        return f"{b64url(self.facts)}.{b64url(self.signature)}"

    def url(self, page: str | None) -> str:
        """The QR code's text: the verification page's address with the seal as fragment
        (``index.html#…`` while no address is set: the exported page opened from disk)."""
        base = (page or "index.html").split("#", 1)[0]
        return f"{base}#{self.fragment()}"


def check_seal(public_key: object, seal: Seal) -> bool:
    """Whether ``seal``'s signature over its facts verifies with ``public_key``."""
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            size = (public_key.curve.key_size + 7) // 8
            if len(seal.signature) != 2 * size:
                return False
            r = int.from_bytes(seal.signature[:size], "big")
            s = int.from_bytes(seal.signature[size:], "big")
            public_key.verify(encode_dss_signature(r, s), seal.facts, ec.ECDSA(hashes.SHA256()))
            return True
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(seal.signature, seal.facts, padding.PKCS1v15(), hashes.SHA256())
            return True
    except InvalidSignature:
        return False
    return False


def seal_matches(data: dict[str, object], facts: dict[str, str]) -> bool:
    """Whether the PDF's certificate data says what the sealed facts say."""
    result = str(data.get("result_hash") or "")[:SHORT_HASH]
    kind = ("t" if data.get("kind") == "tambon" else "l") + ("d" if data.get("draft") else "")
    zone = data.get("zone")
    leader = data.get("leader_number")
    issued = str(data.get("issued_on", "")).replace("-", "")
    return (
        facts["kind"] == kind
        and facts["recipient"] == clean(data.get("recipient", ""))
        and facts["tambon_code"] == clean(data.get("tambon_code", ""))
        and facts["award"] == clean(data.get("award", ""))
        and facts["zone"] == ("" if zone is None else str(zone))
        and facts["prize_baht"] == str(data.get("prize_baht"))
        and facts["issued_on"] == issued
        and facts["contest"] == clean(data.get("contest", ""))
        and facts["round"] == clean(data.get("round", ""))
        and facts["result"] == result
        and facts["leader"] == ("" if leader is None else str(leader))
    )
