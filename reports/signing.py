"""PAdES signatures (pyHanko) on certificates, with the department's key or a self-signed one.

Cost (DESIGN.md section 7): pyHanko's ``SimpleSigner.sign_raw`` re-parses the private key from
DER on every signature (about 72 ms for RSA-2048) and ``sign_pdf`` signs twice to size the
signature when ``bytes_reserved`` is not given. :class:`PdfCertificateSigner` loads the key once,
keeps one signer and one :class:`PdfSigner` for a whole batch, and reserves a fixed signature
size worked out once from the certificate chain.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from sqlalchemy.engine import make_url

from evaluator.db import Database
from evaluator.db.engine import APP_NAME, default_db_path
from evaluator.errors import EvaluatorError
from evaluator.files import exclusive
from evaluator.permissions import Action, UserInfo, require
from reports.cms import CmsTemplate, LoadedKeySigner, cms_signature

KEY_FILE = "department-signing-key.pem"
CERT_FILE = "department-signing-cert.pem"
# the department's key, installed from the settings (never its password), and its certificate
PKCS12_FILE = "department.p12"
PKCS12_CERT_FILE = "department-p12-cert.pem"  # shown without the password
SIGNING_FOLDER = "signing"
PASSPHRASE_ENV = "EVALUATOR_PASSPHRASE"  # unlocks the self-signed key in scripts
MIN_PASSPHRASE = 8
DEFAULT_ISSUER = "กรมการพัฒนาชุมชน"
FIELD_NAME = "DepartmentSignature"


class SigningError(EvaluatorError):
    """The signing key or certificate cannot be used."""


@dataclass(frozen=True)
class SignerInfo:
    """Who signs: the certificate's subject and issuer, and its fingerprint."""

    subject: str
    issuer: str
    serial: str
    sha256: str
    not_after: dt.datetime
    self_signed: bool
    not_before: dt.datetime | None = None


def signing_folder(db: Database | None) -> Path:
    """Where the self-signed key lives: beside the SQLite file, else in the user's data folder."""
    base = db.file_path.parent if db is not None and db.file_path is not None else None
    if base is None:
        base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return base / SIGNING_FOLDER


def signing_folder_of(target: str | None) -> Path:
    """Where the self-signed key of the database named by ``--db`` lives, without opening it."""
    if target is None:
        return default_db_path().parent / SIGNING_FOLDER
    if "://" in target:
        url = make_url(target)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return Path(url.database).parent / SIGNING_FOLDER
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / SIGNING_FOLDER
    return Path(target).expanduser().resolve().parent / SIGNING_FOLDER


def local_certificate_sha256(target: str | None) -> str | None:
    """The SHA-256 of this installation's self-signed certificate, if it has made one."""
    path = signing_folder_of(target) / CERT_FILE
    try:
        cert = x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None
    return cert.fingerprint(hashes.SHA256()).hex()


def installed_pkcs12(folder: Path, given: Path | None = None) -> Path | None:
    """The PKCS#12 that signs certificates: ``given`` (``--pkcs12``) when there is one, else the
    department's file installed in ``folder`` by :func:`install_pkcs12`; None means the
    self-signed key of ``folder``. The one place that decides which key is in use (CLI and UI)."""
    if given is not None:
        return given
    path = folder / PKCS12_FILE
    return path if path.is_file() else None


def installed_pkcs12_info(folder: Path) -> SignerInfo | None:
    """Who the installed PKCS#12 signs as (read from its certificate, kept beside it), if any."""
    if installed_pkcs12(folder) is None:
        return None
    try:
        return _describe(x509.load_pem_x509_certificate((folder / PKCS12_CERT_FILE).read_bytes()))
    except (OSError, ValueError):
        return None


def self_signed_info(folder: Path) -> SignerInfo | None:
    """Who the self-signed key of ``folder`` signs as, once it has been made."""
    try:
        return _describe(x509.load_pem_x509_certificate((folder / CERT_FILE).read_bytes()))
    except (OSError, ValueError):
        return None


def signing_certificate(folder: Path) -> x509.Certificate | None:
    """The certificate of the key that signs certificates here: the department's installed
    PKCS#12 (its certificate kept beside it, no password needed), else the self-signed one once
    made; None before either exists."""
    for name in ((PKCS12_CERT_FILE,) if installed_pkcs12(folder) else ()) + (CERT_FILE,):
        try:
            return x509.load_pem_x509_certificate((folder / name).read_bytes())
        except (OSError, ValueError):
            continue
    return None


def inspect_pkcs12(path: Path, passphrase: str | None) -> SignerInfo:
    """Check that ``path`` opens with ``passphrase`` and holds a usable key and its certificate;
    raise :class:`SigningError` (in Thai) otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"อ่านไฟล์ {path} ไม่ได้ — cannot read it: {exc}") from exc
    return PdfCertificateSigner.from_pkcs12_bytes(data, passphrase, str(path)).info


def install_pkcs12(
    source: Path, passphrase: str | None, folder: Path, *, user: UserInfo | None = None
) -> SignerInfo:
    """Check ``source`` opens with ``passphrase``, then copy it into ``folder`` as the department's
    key (mode 0600; the folder 0700). The passphrase is not stored: it is asked for each batch.
    With ``user``, only one who may manage the signing key (an admin) may do it."""
    if user is not None:
        require(user, Action.MANAGE_SIGNING_KEY)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise SigningError(f"อ่านไฟล์ {source} ไม่ได้ — cannot read it: {exc}") from exc
    signer = PdfCertificateSigner.from_pkcs12_bytes(data, passphrase, str(source))
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    _write_private(folder / PKCS12_FILE, data)
    _write_public(
        folder / PKCS12_CERT_FILE, signer.certificate.public_bytes(serialization.Encoding.PEM)
    )
    return signer.info


def remove_pkcs12(folder: Path, *, user: UserInfo | None = None) -> bool:
    """Remove the installed PKCS#12 (certificates are then signed with the self-signed key);
    False when none was installed. With ``user``, only an admin may do it."""
    if user is not None:
        require(user, Action.MANAGE_SIGNING_KEY)
    path = folder / PKCS12_FILE
    existed = path.is_file()
    path.unlink(missing_ok=True)
    (folder / PKCS12_CERT_FILE).unlink(missing_ok=True)
    return existed


def _write_private(path: Path, data: bytes) -> None:
    """Write a file that only its owner may read (mode 0600), all at once or not at all."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _write_public(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _making_lock(folder: Path) -> contextlib.AbstractContextManager[None]:
    """One process at a time makes the key (two at once would pair one's key with the other's
    certificate)."""
    return exclusive(
        folder / ".making-key.lock",
        lambda lock: SigningError(
            f"รอสร้างกุญแจนานเกินไป ลบไฟล์ {lock} หากไม่มีโปรแกรมอื่นทำงานอยู่ — "
            "timed out waiting for another process making the key"
        ),
    )


def _check_new_passphrase(passphrase: str | None) -> bytes:
    if not passphrase or len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(
            f"ต้องตั้งรหัสผ่านของกุญแจลงนามอย่างน้อย {MIN_PASSPHRASE} ตัวอักษร (${PASSPHRASE_ENV}"
            f" หรือพิมพ์เมื่อถาม) — the signing key is kept encrypted: give a passphrase of at "
            f"least {MIN_PASSPHRASE} characters (${PASSPHRASE_ENV}, or type it when asked)"
        )
    return passphrase.encode("utf-8")


def key_protection(folder: Path) -> str:
    """How the self-signed key of ``folder`` is kept: ``encrypted`` (PKCS#8 with a passphrase),
    ``plain`` (an old unencrypted key, encrypted the next time it is unlocked) or ``none``."""
    try:
        head = (folder / KEY_FILE).read_bytes()[:64]
    except OSError:
        return "none"
    return "encrypted" if b"ENCRYPTED" in head else "plain"


def create_self_signed(
    folder: Path,
    common_name: str = DEFAULT_ISSUER,
    *,
    passphrase: str | None = None,
    years: int = 10,
) -> tuple[Path, Path]:
    """Make an ECDSA P-256 key and a self-signed certificate for it in ``folder``.

    P-256 keeps the QR code's signature short (64 bytes) and Web Crypto verifies it.

    The key is stored encrypted with ``passphrase`` (PKCS#8, the best encryption
    ``cryptography`` offers), never as plain PEM; the key file gets mode 0600 and the folder
    0700. Returns (key path, certificate path).
    """
    secret = _check_new_passphrase(passphrase)
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEFAULT_ISSUER),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path = folder / KEY_FILE
    cert_path = folder / CERT_FILE
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(secret),
        ),
    )
    _write_public(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def _describe(cert: x509.Certificate) -> SignerInfo:
    return SignerInfo(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        sha256=cert.fingerprint(hashes.SHA256()).hex(),
        not_after=cert.not_valid_after_utc,
        self_signed=cert.subject == cert.issuer,
        not_before=cert.not_valid_before_utc,
    )


@dataclass(frozen=True)
class SignerState:
    """What a worker process needs to rebuild a signer (sent over the pool's pipe, never to
    disk): the key and certificates in PEM."""

    key_pem: bytes
    cert_pem: bytes
    chain_pem: tuple[bytes, ...]
    reason: str
    location: str


class PdfCertificateSigner:
    """Signs many PDFs with one key: PAdES B-B, a certification signature allowing no change."""

    def __init__(
        self,
        key: Any,
        cert: x509.Certificate,
        chain: list[x509.Certificate] | None = None,
        *,
        reason: str = "รับรองเกียรติบัตร — certificate issued",
        location: str = DEFAULT_ISSUER,
    ) -> None:
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise SigningError("กุญแจต้องเป็น RSA หรือ EC — the key must be RSA or EC")
        spki = serialization.PublicFormat.SubjectPublicKeyInfo
        der = serialization.Encoding.DER
        if cert.public_key().public_bytes(der, spki) != key.public_key().public_bytes(der, spki):
            raise SigningError(
                "กุญแจไม่ตรงกับใบรับรอง — the private key does not match the certificate"
            )
        self.certificate = cert
        self.chain = list(chain or [])
        self.info = _describe(cert)
        self._key = key
        self._signer = LoadedKeySigner(cert, key, self.chain)
        self._loops = threading.local()
        self._cms_template: CmsTemplate | None = None
        self._cms_candidate: CmsTemplate | None = None
        self._cms_checked = False
        self.reason = reason
        self.location = location
        der_sizes = sum(
            len(c.public_bytes(serialization.Encoding.DER)) for c in [cert, *self.chain]
        )
        key_bytes = key.key_size // 8 if isinstance(key, rsa.RSAPrivateKey) else 160
        # CMS = certificates + signed attributes (~1 KB for PAdES) + the signature value; keep
        # a wide margin: the reserved space is fixed so that pyHanko signs only once.
        self.bytes_reserved = der_sizes + 2 * key_bytes + 4096
        self.bytes_reserved += self.bytes_reserved % 2

    def seal(self, facts: bytes) -> bytes:
        """A signature of a certificate's facts for its QR code, in the form Web Crypto checks:
        ECDSA (P-256: r || s, 64 bytes; deterministic, RFC 6979, so the same facts give the same
        code) or RSASSA-PKCS1-v1_5, both with SHA-256 (checked by
        :func:`reports.certificates.seal.check_seal`)."""
        key = self._key
        if isinstance(key, ec.EllipticCurvePrivateKey):
            size = (key.curve.key_size + 7) // 8
            try:
                der = key.sign(facts, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
            except UnsupportedAlgorithm:  # an OpenSSL before 3.2: a random nonce, still valid
                der = key.sign(facts, ec.ECDSA(hashes.SHA256()))
            r, s = decode_dss_signature(der)
            return r.to_bytes(size, "big") + s.to_bytes(size, "big")
        signature: bytes = key.sign(facts, padding.PKCS1v15(), hashes.SHA256())
        return signature

    def public_key_der(self) -> bytes:
        """The signing key's public half (SubjectPublicKeyInfo, DER) for the verification page."""
        return self.certificate.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def to_state(self) -> SignerState:
        pem = serialization.Encoding.PEM
        return SignerState(
            key_pem=self._key.private_bytes(
                pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
            cert_pem=self.certificate.public_bytes(pem),
            chain_pem=tuple(c.public_bytes(pem) for c in self.chain),
            reason=self.reason,
            location=self.location,
        )

    @classmethod
    def from_state(cls, state: SignerState) -> PdfCertificateSigner:
        key = serialization.load_pem_private_key(state.key_pem, password=None)
        cert = x509.load_pem_x509_certificate(state.cert_pem)
        chain = [x509.load_pem_x509_certificate(c) for c in state.chain_pem]
        return cls(key, cert, chain, reason=state.reason, location=state.location)

    @classmethod
    def from_pkcs12(cls, path: Path, passphrase: str | None = None) -> PdfCertificateSigner:
        """The department's key and certificate from a PKCS#12 (.p12 / .pfx) file."""
        return cls.from_pkcs12_bytes(path.read_bytes(), passphrase, str(path))

    @classmethod
    def from_pkcs12_bytes(
        cls, data: bytes, passphrase: str | None = None, name: str = "PKCS#12"
    ) -> PdfCertificateSigner:
        """The key and certificate of a PKCS#12 file's content (``name`` for messages)."""
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(
                data, passphrase.encode("utf-8") if passphrase else None
            )
        except ValueError as exc:
            raise SigningError(
                f"เปิดไฟล์ PKCS#12 ไม่ได้ (รหัสผ่านผิดหรือไฟล์เสีย) — cannot read {name}: {exc}"
            ) from exc
        if key is None or cert is None:
            raise SigningError(f"ไฟล์ {name} ไม่มีกุญแจหรือใบรับรอง — no key or certificate in it")
        return cls(key, cert, list(extra))

    @classmethod
    def from_pem(
        cls, key_path: Path, cert_path: Path, passphrase: str | None = None
    ) -> PdfCertificateSigner:
        """A key (PEM, encrypted with ``passphrase``) and its certificate (PEM) from files."""
        data = key_path.read_bytes()
        encrypted = b"ENCRYPTED" in data[:64]
        if encrypted and not passphrase:
            raise SigningError(
                f"กุญแจลงนาม {key_path} เข้ารหัสไว้ ต้องใช้รหัสผ่าน (${PASSPHRASE_ENV} หรือพิมพ์เมื่อถาม)"
                f" — the signing key is encrypted: give its passphrase (${PASSPHRASE_ENV})"
            )
        try:
            key = serialization.load_pem_private_key(
                data, password=passphrase.encode("utf-8") if encrypted and passphrase else None
            )
        except (ValueError, TypeError) as exc:
            raise SigningError(
                f"เปิดกุญแจลงนาม {key_path} ไม่ได้ รหัสผ่านไม่ถูกต้องหรือไฟล์เสียหาย — "
                f"cannot open the signing key: wrong passphrase or damaged file ({exc})"
            ) from None
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        return cls(key, cert)

    @classmethod
    def self_signed(
        cls,
        folder: Path,
        common_name: str = DEFAULT_ISSUER,
        *,
        passphrase: str | None = None,
    ) -> PdfCertificateSigner:
        """The self-signed key kept in ``folder``, made on first use, unlocked with
        ``passphrase`` (else ``$EVALUATOR_PASSPHRASE``). A key made first takes that passphrase;
        an old key found unencrypted is encrypted with it (never left as plain PEM)."""
        if passphrase is None:
            passphrase = os.environ.get(PASSPHRASE_ENV) or None
        key_path, cert_path = folder / KEY_FILE, folder / CERT_FILE
        if not (key_path.exists() and cert_path.exists()):
            _check_new_passphrase(passphrase)
            with _making_lock(folder):
                if not (key_path.exists() and cert_path.exists()):  # not made meanwhile
                    key_path, cert_path = create_self_signed(
                        folder, common_name, passphrase=passphrase
                    )
        # No check of the file's mode: the key is encrypted, which is what keeps it secret
        # (issue 16 item 6); Windows reports every file as 0o666, so such a check refused the
        # key there. 0600 is still set when the file is written, as an extra.
        if key_protection(folder) == "plain":
            secret = _check_new_passphrase(passphrase)
            signer = cls.from_pem(key_path, cert_path)
            _write_private(
                key_path,
                signer._key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.BestAvailableEncryption(secret),
                ),
            )
            return signer
        return cls.from_pem(key_path, cert_path, passphrase)

    def _pdf_signer(self, name: str | None) -> Any:
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=self.reason,
            location=self.location,
            name=name,
            certify=True,
            docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        )
        return signers.PdfSigner(meta, signer=self._signer)

    @property
    def ecdsa(self) -> bool:
        """Whether the key is an elliptic-curve one (the PDF then declares ISO/TS 32002)."""
        return isinstance(self._key, ec.EllipticCurvePrivateKey)

    def cms(self, digest: bytes) -> bytes:
        """The CMS (DER) of a PAdES signature over a document whose byte range has this SHA-256
        ``digest``: what :meth:`sign` puts in the file, for a signature written in the same
        pass as the document (:mod:`reports.certificates.pades`)."""
        from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

        template = self._cms_template
        if template is not None:
            return template.build(digest, self._signer.sign_raw(template.to_sign(digest), "sha256"))
        attrs = PdfCMSSignedAttributes(signing_time=dt.datetime.now(dt.UTC))
        coroutine = self._signer.async_sign(
            digest, "sha256", use_pades=True, signed_attr_settings=attrs
        )
        loop = getattr(self._loops, "loop", None)
        if loop is None:  # one event loop per thread, kept: making one costs more than signing
            loop = self._loops.loop = asyncio.new_event_loop()
        der: bytes = loop.run_until_complete(coroutine).dump()
        if not self._cms_checked:
            # pyHanko's CMS for this signer, kept as a template if it rebuilds pyHanko's bytes
            # for this signature and for the next one (checked there): then only the digest
            # and the signature value change (reports.cms.CmsTemplate)
            self._cms_checked = True
            self._cms_candidate = CmsTemplate.from_reference(der, digest)
        elif self._cms_candidate is not None:
            candidate, self._cms_candidate = self._cms_candidate, None
            signature = cms_signature(der)
            if signature is not None and candidate.build(digest, signature) == der:
                self._cms_template = candidate
        return der

    def sign(self, pdf: bytes, *, signer_name: str | None = None) -> bytes:
        """The PDF with a PAdES certification signature over the whole file."""
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        out = io.BytesIO()
        self._pdf_signer(signer_name).sign_pdf(
            writer, output=out, bytes_reserved=self.bytes_reserved
        )
        return out.getvalue()
