"""The package file an inspector hands to the committee: one zip, signed with the inspector's key.

Members (nothing else is accepted):

``manifest.json``
    canonical JSON (sorted keys, no spaces, UTF-8): the format and its version, a package id, when
    and by which program it was made, the inspector (name, raw public key, fingerprint), the
    contest (code, title, rubric version, criteria with their maximum scores), counts, and for
    every other member its name, size and SHA-256.
``manifest.sig``
    the 64-byte Ed25519 signature of ``SIGNING_CONTEXT + manifest.json``.
``sheets.json``
    the inspector's sheets: uuid, round, tambon, version, base version, status, notes, scores
    and photo references (see :class:`evaluator.sync.wire.SheetData`).
``photos/<sha256>``
    each photo once, named by the SHA-256 of its bytes.

The manifest holds the hash of every member and the signature covers the manifest, so the
signature covers everything. :func:`read_package` checks the zip itself (names, kinds, sizes,
compression ratios, overlaps) before reading a byte of content, reads each member with a hard cap,
and checks every member against the manifest; :func:`check_signature` checks the signature with a
key the caller trusts. Nothing here touches a database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import tempfile
import uuid as uuidlib
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evaluator import __version__, files
from evaluator.errors import InputError, Problem
from evaluator.sync import keys
from evaluator.sync.package_zip import (
    DEFAULT_LIMITS,
    MANIFEST,
    PHOTO_DIR,
    SHEETS,
    SIGNATURE,
    Limits,
    PackageRefused,
    check_structure,
    limit_of,
    read_member,
    refuse,
)
from evaluator.sync.wire import SheetData, canonical_json, sheet_from_json
from evaluator.text import normalise

FORMAT = "cdd-evaluator-package"
FORMAT_VERSION = 1
SUFFIX = ".cddpkg"
SIGNING_CONTEXT = b"cdd-evaluator package v1\n"


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContestInfo:
    """The contest and rubric version the sheets were scored against."""

    code: str
    title: str
    rubric_version: int
    criteria: tuple[tuple[str, float], ...]

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": self.title,
            "rubric_version": self.rubric_version,
            "criteria": [{"code": c, "max_score": float(mx)} for c, mx in self.criteria],
        }


@dataclass(frozen=True)
class BuiltPackage:
    path: Path
    package_id: str
    manifest_sha256: str
    sheets: int
    photos: int
    bytes: int
    fingerprint: str


PhotoBytes = Callable[[str], bytes]
"""The bytes of a photo by its SHA-256."""


def build_package(
    out: Path,
    *,
    inspector: str,
    private_key: Ed25519PrivateKey,
    contest: ContestInfo,
    sheets: Sequence[SheetData],
    photos: PhotoBytes,
) -> BuiltPackage:
    """Write a signed package to ``out`` (atomically: a crash leaves no half file).

    Photos are fetched one at a time with ``photos(sha256)`` and written as they come, so a
    package of many photos never sits in memory whole; the manifest and its signature are
    written last, once every member's hash is known.
    """
    from evaluator.db.models import utcnow

    public = keys.public_raw(private_key)
    sheets_bytes = canonical_json([s.to_json() for s in sheets])
    wanted = sorted({p.sha256 for s in sheets for p in s.photos})
    members: list[dict[str, object]] = []
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".package-", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            zf.writestr(SHEETS, sheets_bytes, zipfile.ZIP_DEFLATED)
            members.append(
                {
                    "name": SHEETS,
                    "size": len(sheets_bytes),
                    "sha256": hashlib.sha256(sheets_bytes).hexdigest(),
                }
            )
            for digest in wanted:
                data = photos(digest)
                if hashlib.sha256(data).hexdigest() != digest:
                    raise InputError(
                        [Problem(f"รูปภาพ {digest} เสียหาย — photo {digest} does not match its hash")]
                    )
                zf.writestr(PHOTO_DIR + digest, data, zipfile.ZIP_STORED)
                members.append({"name": PHOTO_DIR + digest, "size": len(data), "sha256": digest})
            package_id = str(uuidlib.uuid4())
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "package_id": package_id,
                "created_at": utcnow().isoformat(),
                "app_version": __version__,
                "inspector": {
                    "name": inspector,
                    "public_key": base64.b64encode(public).decode("ascii"),
                    "fingerprint": keys.fingerprint(public),
                },
                "contest": contest.to_json(),
                "counts": {"sheets": len(sheets), "photos": len(wanted)},
                "members": members,
            }
            manifest_bytes = canonical_json(manifest)
            signature = keys.sign(private_key, SIGNING_CONTEXT + manifest_bytes)
            zf.writestr(MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED)
            zf.writestr(SIGNATURE, signature, zipfile.ZIP_STORED)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        files.replace_file(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuiltPackage(
        path=out,
        package_id=package_id,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        sheets=len(sheets),
        photos=len(wanted),
        bytes=out.stat().st_size,
        fingerprint=keys.fingerprint(public),
    )


# --- reading ---------------------------------------------------------------------------------


@dataclass
class Package:
    """A package read from a file whose structure and member hashes are checked.

    The signature is not checked yet: call :func:`check_signature` with a trusted key before
    believing anything in it.
    """

    file: str
    file_sha256: str
    manifest: dict[str, object]
    manifest_bytes: bytes
    signature: bytes
    inspector: str
    public_key: bytes
    contest_code: str
    contest_title: str
    rubric_version: int
    criteria: dict[str, float]
    package_id: str
    created_at: str
    path: Path = Path()
    limits: Limits = DEFAULT_LIMITS
    sheets: list[SheetData] = field(default_factory=list)
    photos: set[str] = field(default_factory=set)  # SHA-256 of every photo in the package

    def photo(self, digest: str) -> bytes:
        """A photo's bytes, read from the file again and checked against its signed hash (the
        file may not change between the check and the merge)."""
        if digest not in self.photos:
            raise refuse(
                "missing",
                f"ไม่มีรูปภาพ {digest[:16]}… ในแพ็กเกจ — no photo {digest[:16]}… in the package",
                self.file,
            )
        with zipfile.ZipFile(self.path) as zf:
            data = read_member(
                zf, zf.getinfo(PHOTO_DIR + digest), self.limits.max_photo_bytes, self.file
            )
        if hashlib.sha256(data).hexdigest() != digest:
            raise refuse(
                "tampered",
                "ไฟล์แพ็กเกจถูกเปลี่ยนระหว่างการนำเข้า — the file changed during the import",
                self.file,
            )
        return data

    @property
    def manifest_sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)


def _manifest_fields(manifest: object, file: str) -> dict[str, object]:
    bad = "manifest"
    if not isinstance(manifest, dict):
        raise refuse("malformed", "manifest.json ไม่ใช่ออบเจกต์ — the manifest is not an object", file)
    if manifest.get("format") != FORMAT:
        raise refuse("malformed", "ไม่ใช่แพ็กเกจของโปรแกรมนี้ — not a package of this program", file)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise refuse(
            "version",
            f"แพ็กเกจรุ่น {manifest.get('format_version')!r} โปรแกรมนี้อ่านได้เฉพาะรุ่น "
            f"{FORMAT_VERSION} — unsupported package format version",
            file,
        )
    inspector = manifest.get("inspector")
    contest = manifest.get("contest")
    members = manifest.get("members")
    ok = (
        isinstance(inspector, dict)
        and isinstance(inspector.get("name"), str)
        and isinstance(inspector.get("public_key"), str)
        and isinstance(contest, dict)
        and isinstance(contest.get("code"), str)
        and isinstance(contest.get("title"), str)
        and isinstance(contest.get("rubric_version"), int)
        and isinstance(contest.get("criteria"), list)
        and isinstance(members, list)
        and isinstance(manifest.get("package_id"), str)
        and isinstance(manifest.get("created_at"), str)
    )
    if not ok:
        raise refuse(
            "malformed", "manifest.json ขาดข้อมูลที่จำเป็น — the manifest is incomplete", file, bad
        )
    return manifest


def read_package(path: Path, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Read a package file, refusing (PackageRefused) anything malformed, oversized or altered.

    Checks, in order: the file is a zip within the size limit; every member's name, kind, size and
    compression ratio; the manifest is well formed; every member is listed in the manifest with
    its size and SHA-256 and nothing listed is missing; ``sheets.json`` is well formed and refers
    only to photos in the package. The signature is left to :func:`check_signature`.
    """
    file = path.name
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise refuse(
            "oversize",
            f"ไฟล์ใหญ่ {size:,} ไบต์ เกินขีดจำกัด — the file is too large ({size:,} bytes)",
            file,
        )
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise refuse(
            "not_package",
            "ไม่ใช่ไฟล์แพ็กเกจ หรือแพ็กเกจเสียหาย (เปิดเป็นไฟล์ zip ไม่ได้)"
            " — not a package, or a damaged one (not a readable zip file)",
            file,
        ) from None
    with zf:
        infos = check_structure(zf, file, limits)
        manifest_bytes = read_member(zf, infos[MANIFEST], limits.max_manifest_bytes, file)
        signature = read_member(zf, infos[SIGNATURE], 1024, file)
        try:
            manifest_obj = json.loads(manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise refuse(
                "malformed", "manifest.json ไม่ใช่ JSON ที่ถูกต้อง — the manifest is not JSON", file
            ) from None
        manifest = _manifest_fields(manifest_obj, file)
        inspector = manifest["inspector"]
        contest = manifest["contest"]
        assert isinstance(inspector, dict) and isinstance(contest, dict)
        try:
            public = base64.b64decode(str(inspector["public_key"]), validate=True)
        except (binascii.Error, ValueError):
            public = b""
        if len(public) != keys.PUBLIC_KEY_BYTES:
            raise refuse("malformed", "กุญแจสาธารณะใน manifest ไม่ถูกต้อง — a bad public key", file)
        listed: dict[str, tuple[int, str]] = {}
        raw_members = manifest["members"]
        assert isinstance(raw_members, list)
        for item in raw_members:
            if not (
                isinstance(item, dict)
                and isinstance(item.get("name"), str)
                and isinstance(item.get("size"), int)
                and isinstance(item.get("sha256"), str)
            ):
                raise refuse("malformed", "รายการสมาชิกใน manifest ไม่ถูกต้อง — bad member list", file)
            listed[item["name"]] = (item["size"], item["sha256"])
        present = set(infos) - {MANIFEST, SIGNATURE}
        for name in sorted(set(listed) - present):
            raise refuse(
                "missing",
                f"ไม่มี {name!r} ในแพ็กเกจ ทั้งที่ manifest ระบุไว้"
                f" — {name!r}, listed in the manifest, is missing",
                file,
            )
        for name in sorted(present - set(listed)):
            raise refuse(
                "tampered",
                f"{name!r} ไม่อยู่ใน manifest (ถูกเพิ่มภายหลัง)"
                f" — {name!r} is not in the manifest (added later)",
                file,
            )
        contents: dict[str, bytes] = {}
        for name in sorted(listed):
            want_size, want_hash = listed[name]
            data = read_member(zf, infos[name], limit_of(name, limits), file)
            if len(data) != want_size or hashlib.sha256(data).hexdigest() != want_hash:
                raise refuse(
                    "tampered",
                    f"เนื้อหาของ {name!r} ไม่ตรงกับ manifest แพ็กเกจถูกแก้ไข"
                    " — a member does not match the manifest: the package was altered",
                    file,
                )
            if name.startswith(PHOTO_DIR) and name[len(PHOTO_DIR) :] != want_hash:
                raise refuse(
                    "tampered",
                    f"ชื่อรูปภาพ {name!r} ไม่ตรงกับเนื้อหา"
                    f" — the photo named {name!r} does not match its content",
                    file,
                )
            if name == SHEETS:
                contents[name] = data  # photos are read again when they are stored
    criteria: dict[str, float] = {}
    raw_criteria = contest["criteria"]
    assert isinstance(raw_criteria, list)
    for c in raw_criteria:
        if isinstance(c, dict) and isinstance(c.get("code"), str):
            mx = c.get("max_score")
            criteria[c["code"]] = float(mx) if isinstance(mx, int | float) else 0.0
    package = Package(
        file=file,
        file_sha256=digest.hexdigest(),
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        signature=signature,
        inspector=normalise(str(inspector["name"])),
        public_key=public,
        contest_code=str(contest["code"]),
        contest_title=str(contest["title"]),
        rubric_version=_int(contest["rubric_version"]),
        criteria=criteria,
        package_id=str(manifest["package_id"]),
        created_at=str(manifest["created_at"]),
    )
    package.path = path
    package.limits = limits
    package.photos = {name[len(PHOTO_DIR) :] for name in listed if name.startswith(PHOTO_DIR)}
    package.sheets = _read_sheets(contents[SHEETS], package, file)
    return package


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _read_sheets(raw: bytes, package: Package, file: str) -> list[SheetData]:
    try:
        items = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise refuse(
            "malformed", "sheets.json ไม่ใช่ JSON ที่ถูกต้อง — sheets.json is not JSON", file
        ) from None
    if not isinstance(items, list):
        raise refuse("malformed", "sheets.json ต้องเป็นรายการ — sheets.json must be a list", file)
    problems: list[Problem] = []
    sheets: list[SheetData] = []
    for i, item in enumerate(items):
        sheet = sheet_from_json(item, i, f"{file}:{SHEETS}", problems)
        if sheet is not None:
            sheets.append(sheet)
    referenced = {p.sha256 for s in sheets for p in s.photos}
    for digest in sorted(referenced - set(package.photos)):
        problems.append(
            Problem(
                f"ไม่มีรูปภาพ {digest[:16]}… ในแพ็กเกจ"
                f" — photo {digest[:16]}…, which a sheet names, is missing",
                file=file,
            )
        )
    for digest in sorted(set(package.photos) - referenced):
        problems.append(
            Problem(
                f"รูปภาพ {digest[:16]}… ไม่มีแบบประเมินใดอ้างถึง — no sheet names photo {digest[:16]}…",
                file=file,
            )
        )
    if problems:
        raise PackageRefused(problems, "malformed")
    return sheets


def check_signature(package: Package, trusted_key: bytes) -> None:
    """Refuse the package unless its manifest is signed by ``trusted_key``."""
    if package.public_key != trusted_key:
        raise refuse(
            "unregistered_key",
            f"แพ็กเกจลงนามด้วยกุญแจ {package.fingerprint} ซึ่งไม่ใช่กุญแจที่ลงทะเบียนไว้ของ "
            f"'{package.inspector}' ({keys.fingerprint(trusted_key)})"
            " — signed by a key that is not the inspector's registered key",
            package.file,
        )
    if not keys.verify(trusted_key, package.signature, SIGNING_CONTEXT + package.manifest_bytes):
        raise refuse(
            "signature",
            "ลายมือชื่อดิจิทัลของแพ็กเกจไม่ถูกต้อง แพ็กเกจถูกแก้ไขหลังลงนาม"
            " — the signature does not verify: the package was altered after signing",
            package.file,
        )
