"""A pyHanko signer that keeps its parsed key and reuses the CMS parts that never change.

pyHanko's ``SimpleSigner.sign_raw`` re-parses the private key from DER on every signature (about
72 ms for RSA-2048) and rebuilds the same signed attributes with asn1crypto each time (about
8 ms); :class:`LoadedKeySigner` does neither (DESIGN.md section 7).
"""

from __future__ import annotations

from typing import Any

from asn1crypto import cms  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore


class LoadedKeySigner(signers.SimpleSigner):
    """A pyHanko SimpleSigner that keeps the parsed private key instead of re-reading it, and
    reuses the parts of the CMS structure that are the same for every signature.

    Of a PAdES signature's signed attributes only the message digest changes from one document
    to the next (content type and signing-certificate-v2 depend on the certificate alone; the
    signing time is the dictionary's /M, not an attribute); the SignerInfo's identifier and
    algorithms never change. pyHanko rebuilds them all with asn1crypto each time (about 8 ms
    per signature). Here the first signature's structures are kept as DER templates and only the
    changing values are put in; before a template is used it is checked once to give exactly
    the bytes pyHanko builds itself, and anything unusual goes to pyHanko unchanged.
    """

    _CONSTANT_ATTRS = frozenset({"content_type", "message_digest", "signing_certificate_v2"})

    def __init__(self, cert: x509.Certificate, key: Any, chain: list[x509.Certificate]) -> None:
        registry = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [translate_pyca_cryptography_cert_to_asn1(c) for c in chain]
        )
        super().__init__(
            signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
            signing_key=translate_pyca_cryptography_key_to_asn1(key),
            cert_registry=registry,
        )
        self._key = key
        self._attr_templates: dict[tuple[object, ...], bytes | None] = {}
        self._info_templates: dict[str, bytes | None] = {}
        self._mechanisms: dict[str, str] = {}

    async def signed_attrs(
        self,
        data_digest: bytes,
        digest_algorithm: str,
        attr_settings: Any = None,
        content_type: str = "data",
        use_pades: bool = False,
        timestamper: Any = None,
        dry_run: bool = False,
        is_pdf_sig: bool = True,
    ) -> cms.CMSAttributes:
        async def pyhanko(digest: bytes) -> cms.CMSAttributes:
            result: cms.CMSAttributes = await super(LoadedKeySigner, self).signed_attrs(
                digest,
                digest_algorithm,
                attr_settings=attr_settings,
                content_type=content_type,
                use_pades=use_pades,
                timestamper=timestamper,
                dry_run=dry_run,
                is_pdf_sig=is_pdf_sig,
            )
            return result

        plain = attr_settings is None or (
            getattr(attr_settings, "cades_signed_attrs", None) is None
            and getattr(attr_settings, "adobe_revinfo_attr", None) is None
        )
        if not (plain and use_pades and timestamper is None and not dry_run):
            return await pyhanko(data_digest)
        key = (digest_algorithm, content_type, is_pdf_sig)
        if key not in self._attr_templates:
            attrs = await pyhanko(data_digest)
            types = {a["type"].native for a in attrs}
            template: bytes | None = None
            if types <= self._CONSTANT_ATTRS and "message_digest" in types:
                template = attrs.dump()
                probe = bytes(reversed(data_digest))
                expected = await pyhanko(probe)
                if _with_digest(template, probe).dump() != expected.dump():
                    template = None
            self._attr_templates[key] = template
            return attrs
        template = self._attr_templates[key]
        if template is None:
            return await pyhanko(data_digest)
        return _with_digest(template, data_digest)

    def signer_info(
        self, digest_algorithm: str, signed_attrs: Any, signature: bytes
    ) -> cms.SignerInfo:
        def pyhanko() -> cms.SignerInfo:
            result: cms.SignerInfo = super(LoadedKeySigner, self).signer_info(
                digest_algorithm, signed_attrs, signature
            )
            return result

        if digest_algorithm not in self._info_templates:
            info = pyhanko()
            template: bytes | None = info.dump()
            assert template is not None
            if _signer_info_from(template, signed_attrs, signature).dump() != info.dump():
                template = None
            self._info_templates[digest_algorithm] = template
            return info
        template = self._info_templates[digest_algorithm]
        if template is None:
            return pyhanko()
        return _signer_info_from(template, signed_attrs, signature)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        # the same for every signature of this signer (its key and settings): asked once, as
        # pyHanko builds it anew with asn1crypto each time (a tenth of a millisecond)
        mechanism = self._mechanisms.get(digest_algorithm)
        if mechanism is None:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            self._mechanisms[digest_algorithm] = mechanism
        hash_type = _HASHES.get(digest_algorithm.lower())
        if hash_type is not None:
            if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
                return self._key.sign(data, padding.PKCS1v15(), hash_type())
            if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
                return self._key.sign(data, ec.ECDSA(hash_type()))
        result: bytes = super().sign_raw(data, digest_algorithm)  # other mechanisms: pyHanko's way
        return result


def _with_digest(template: bytes, digest: bytes) -> cms.CMSAttributes:
    attrs = cms.CMSAttributes.load(template)
    for attr in attrs:
        if attr["type"].native == "message_digest":
            attr["values"] = [digest]
    return attrs


def _signer_info_from(template: bytes, signed_attrs: Any, signature: bytes) -> cms.SignerInfo:
    info = cms.SignerInfo.load(template)
    info["signed_attrs"] = signed_attrs
    info["signature"] = signature
    return info


_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _der(tag: int, body: bytes) -> bytes:
    """A DER element: tag, definite length, body."""
    n = len(body)
    if n < 0x80:
        return bytes((tag, n)) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(size))) + size + body


class CmsTemplate:
    """A PAdES CMS (ContentInfo, DER) put together from bytes, for one signer and digest
    algorithm: everything but the document's digest and the signature value is the same for
    every signature, so the structure pyHanko built once is kept as pieces and only those two
    are put in. :meth:`from_reference` makes one only when it rebuilds pyHanko's own bytes
    exactly (for the reference and for a second, probe signature); otherwise the caller keeps
    using pyHanko."""

    def __init__(
        self, head: bytes, signer_head: bytes, attrs: bytes, at: int, tail: bytes, oid: bytes
    ) -> None:
        self._head = head  # SignedData's fields before signerInfos
        self._signer_head = signer_head  # SignerInfo's version, sid, digest algorithm
        self._attrs = attrs  # the signed attributes, [0]-tagged, with a digest at ``at``
        self._at = at
        self._tail = tail  # SignerInfo's signature algorithm
        self._oid = oid  # contentType signedData

    @classmethod
    def from_reference(cls, reference: bytes, digest: bytes) -> CmsTemplate | None:
        """Pieces of ``reference`` (a ContentInfo pyHanko built for ``digest``), or None when
        its shape is not the plain one (one signer, no unsigned attributes, digest once)."""
        info = cms.ContentInfo.load(reference)
        data = info["content"]
        if info["content_type"].native != "signed_data" or len(data["signer_infos"]) != 1:
            return None
        signer = data["signer_infos"][0]
        if signer["unsigned_attrs"].native is not None:
            return None
        attrs = signer["signed_attrs"].dump()
        if attrs.count(digest) != 1:
            return None
        head = b"".join(
            data[name].dump()
            for name in ("version", "digest_algorithms", "encap_content_info", "certificates")
        )
        if data["crls"].dump():
            return None
        signer_head = b"".join(
            signer[name].dump() for name in ("version", "sid", "digest_algorithm")
        )
        template = cls(
            head,
            signer_head,
            attrs,
            attrs.index(digest),
            signer["signature_algorithm"].dump(),
            info["content_type"].dump(),
        )
        if template.build(digest, signer["signature"].native) != reference:
            return None
        return template

    def to_sign(self, digest: bytes) -> bytes:
        """The bytes the signature is made over: the signed attributes as a SET (DER)."""
        attrs = self._attrs_with(digest)
        return b"\x31" + attrs[1:]

    def _attrs_with(self, digest: bytes) -> bytes:
        at = self._at
        return self._attrs[:at] + digest + self._attrs[at + len(digest) :]

    def build(self, digest: bytes, signature: bytes) -> bytes:
        """The ContentInfo for a document ``digest`` and its ``signature`` value."""
        signer = _der(
            0x30,
            self._signer_head + self._attrs_with(digest) + self._tail + _der(0x04, signature),
        )
        signed_data = _der(0x30, self._head + _der(0x31, signer))
        return _der(0x30, self._oid + _der(0xA0, signed_data))


def cms_signature(der: bytes) -> bytes | None:
    """The signature value of a one-signer CMS ContentInfo (None for any other shape)."""
    data = cms.ContentInfo.load(der)["content"]
    infos = data["signer_infos"]
    if len(infos) != 1:
        return None
    value: bytes = infos[0]["signature"].native
    return value
