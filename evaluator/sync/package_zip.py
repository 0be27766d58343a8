"""The zip of a package file before its content is trusted: the names of its members, the hard
limits on what it may hold, and the refusal (:class:`PackageRefused`) that names the file, the
member and the value at fault in Thai and in English. :func:`check_structure` checks every
member's name, kind, size, compression ratio and place in the file before a byte is read;
:func:`read_member` reads one member with a hard cap. Used by :mod:`evaluator.sync.package`.
"""

from __future__ import annotations

import itertools
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from evaluator.errors import InputError, Problem

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SHEETS = "sheets.json"
PHOTO_DIR = "photos/"
_PHOTO_NAME = re.compile(r"^photos/[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    """Hard limits on what a package may hold; anything beyond is refused before it is read."""

    max_file_bytes: int = 2 << 30
    max_members: int = 20_000
    max_manifest_bytes: int = 32 << 20
    max_sheets_bytes: int = 256 << 20
    max_photo_bytes: int = 25 << 20
    max_total_bytes: int = 2 << 30
    max_ratio: float = 100.0
    ratio_floor: int = 1 << 20  # the ratio is only checked on members larger than this


DEFAULT_LIMITS = Limits()


@dataclass
class PackageRefused(InputError):
    """A package that is refused as a whole; ``code`` names the kind of reason for programs."""

    code: str = "malformed"


def refuse(code: str, message: str, file: str, where: str | None = None) -> PackageRefused:
    return PackageRefused([Problem(message, file=file, field=where)], code)


def check_name(info: zipfile.ZipInfo, file: str) -> None:
    name = info.filename
    if "\\" in name:
        raise refuse(
            "path",
            f"ชื่อในไฟล์ zip มีเครื่องหมาย \\ ({name!r}) — a member name holds a backslash ({name!r})",
            file,
        )
    if name.startswith("/") or _DRIVE.match(name):
        raise refuse(
            "path", f"ชื่อในไฟล์ zip เป็นพาธสัมบูรณ์ ({name!r}) — an absolute member path ({name!r})", file
        )
    if ".." in name.split("/"):
        raise refuse(
            "path",
            f"ชื่อในไฟล์ zip พยายามออกนอกโฟลเดอร์ ({name!r})"
            f" — a member path escapes with '..' ({name!r})",
            file,
        )
    if any(ord(ch) < 32 for ch in name) or name == "" or name.endswith("/"):
        raise refuse("path", f"ชื่อในไฟล์ zip ไม่ถูกต้อง ({name!r}) — a bad member name ({name!r})", file)
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        raise refuse(
            "symlink",
            f"ไฟล์ zip มีลิงก์สัญลักษณ์ ({name!r}) — a member is a symbolic link ({name!r})",
            file,
        )
    if info.flag_bits & 0x1:
        raise refuse(
            "malformed", f"ไฟล์ zip มีการเข้ารหัส ({name!r}) — an encrypted member ({name!r})", file
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse(
            "malformed",
            f"ไฟล์ zip ใช้วิธีบีบอัดที่ไม่รองรับ ({name!r}) — an unsupported compression method ({name!r})",
            file,
        )
    if name not in (MANIFEST, SIGNATURE, SHEETS) and not _PHOTO_NAME.match(name):
        raise refuse(
            "malformed", f"ไฟล์ zip มีสมาชิกที่ไม่รู้จัก ({name!r}) — an unexpected member ({name!r})", file
        )


def limit_of(name: str, limits: Limits) -> int:
    if name == MANIFEST:
        return limits.max_manifest_bytes
    if name == SIGNATURE:
        return 1024
    if name == SHEETS:
        return limits.max_sheets_bytes
    return limits.max_photo_bytes


def check_structure(zf: zipfile.ZipFile, file: str, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise refuse(
            "oversize",
            f"ไฟล์ zip มีสมาชิก {len(infos)} รายการ เกินขีดจำกัด {limits.max_members}"
            f" — {len(infos)} members, more than the limit of {limits.max_members}",
            file,
        )
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        check_name(info, file)
        if info.filename in by_name:
            raise refuse(
                "malformed",
                f"ไฟล์ zip มีชื่อ {info.filename!r} ซ้ำ — member name {info.filename!r} appears twice",
                file,
            )
        by_name[info.filename] = info
        limit = limit_of(info.filename, limits)
        if info.file_size > limit:
            raise refuse(
                "oversize",
                f"สมาชิก {info.filename!r} ใหญ่ {info.file_size:,} ไบต์ เกินขีดจำกัด {limit:,} ไบต์"
                " — a member is too large",
                file,
            )
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise refuse(
                "ratio",
                f"สมาชิก {info.filename!r} บีบอัดไว้มากผิดปกติ "
                f"({info.file_size:,} จาก {info.compress_size:,} ไบต์) อาจเป็น zip bomb"
                " — suspicious compression ratio (zip bomb)",
                file,
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise refuse(
            "oversize",
            f"เนื้อหาในไฟล์ zip รวม {total:,} ไบต์ เกินขีดจำกัด"
            f" — the members hold {total:,} bytes in all, over the limit",
            file,
        )
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for a, b in itertools.pairwise(ordered):
        if a.header_offset + 30 + len(a.orig_filename.encode()) + a.compress_size > b.header_offset:
            raise refuse(
                "malformed",
                "สมาชิกในไฟล์ zip ซ้อนทับกัน (zip bomb) — overlapping members",
                file,
            )
    for needed in (MANIFEST, SIGNATURE, SHEETS):
        if needed not in by_name:
            raise refuse(
                "missing",
                f"ไม่มี {needed} ในแพ็กเกจ — the package has no {needed}",
                file,
            )
    return by_name


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, file: str) -> bytes:
    try:
        with zf.open(info) as f:
            data = f.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise refuse(
            "damaged",
            f"อ่าน {info.filename!r} ไม่ได้ ไฟล์เสียหายหรือถูกแก้ไข ({exc})"
            f" — cannot read {info.filename!r}: damaged or altered ({exc})",
            file,
        ) from None
    if len(data) > limit:
        raise refuse(
            "oversize",
            f"สมาชิก {info.filename!r} ใหญ่เกินขีดจำกัด"
            f" — member {info.filename!r} is over the size limit",
            file,
        )
    if len(data) != info.file_size:
        raise refuse(
            "damaged",
            f"ขนาดของ {info.filename!r} ไม่ตรงกับที่ประกาศ"
            f" — the size of {info.filename!r} is not as declared",
            file,
        )
    return data
