"""The photos of a scoring sheet: attach one (JPEG, PNG, GIF or WebP, at most 25 MB), take one
off (its bytes are returned so the removal can be undone), read one's bytes.

Each change is a unit of work like the other sheet changes (:mod:`evaluator.services.sheets`):
the user's right to a draft sheet in an open round, a new sheet version, an audit entry.
"""

from __future__ import annotations

import hashlib

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.permissions import UserInfo, require_sheet_view
from evaluator.services.sheet_data import (
    PhotoInfo,
    RemovedPhoto,
    bump,
    editable_sheet,
    photo_info,
    sheet_criterion,
)
from evaluator.services.users import user_in

MAX_PHOTO_BYTES = 25 * 1024 * 1024


def photo_data(db: Database, user: UserInfo, photo_id: int) -> bytes:
    """The bytes of one photo."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        photo = s.get(m.Photo, photo_id)
        if photo is None:
            raise NotFoundError(f"ไม่พบรูปภาพ {photo_id} — no photo {photo_id}")
        require_sheet_view(actor, photo.sheet.inspector_id)
        return bytes(photo.data)


def _image_type(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def add_photo(
    db: Database,
    user: UserInfo,
    sheet_id: int,
    filename: str,
    data: bytes,
    criterion_id: int | None = None,
    caption: str = "",
) -> PhotoInfo:
    """Attach a photo (JPEG, PNG, GIF or WebP) to a sheet, optionally to one of its criteria."""
    mime = _image_type(data)
    if mime is None:
        raise InputError(
            [Problem("ไม่ใช่ไฟล์รูปภาพ (JPEG, PNG, GIF, WebP) — not an image", file=filename)]
        )
    if len(data) > MAX_PHOTO_BYTES:
        raise InputError(
            [Problem("ไฟล์รูปภาพใหญ่เกิน 25 MB — the photo is larger than 25 MB", file=filename)]
        )
    with db.transaction() as s:
        actor, sheet = editable_sheet(s, user, sheet_id)
        if criterion_id is not None:
            sheet_criterion(s, sheet, criterion_id)
        digest = hashlib.sha256(data).hexdigest()
        photo = m.Photo(
            sheet_id=sheet.id,
            criterion_id=criterion_id,
            sha256=digest,
            filename=filename,
            mime_type=mime,
            caption=caption,
            data=data,
        )
        s.add(photo)
        s.flush()
        bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "add_photo",
                    "photo",
                    f"{sheet.uuid}/{digest[:16]}",
                    new={"filename": filename, "sha256": digest},
                )
            ],
        )
        return photo_info(photo, len(data))


def remove_photo(db: Database, user: UserInfo, photo_id: int) -> RemovedPhoto:
    """Take a photo off its sheet; the returned bytes let the removal be undone."""
    with db.transaction() as s:
        photo = s.get(m.Photo, photo_id)
        if photo is None:
            raise NotFoundError(f"ไม่พบรูปภาพ {photo_id} — no photo {photo_id}")
        actor, sheet = editable_sheet(s, user, photo.sheet_id)
        removed = RemovedPhoto(photo_info(photo, len(photo.data)), bytes(photo.data))
        s.delete(photo)
        bump(sheet)
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "remove_photo",
                    "photo",
                    f"{sheet.uuid}/{removed.info.sha256[:16]}",
                    old={"filename": removed.info.filename, "sha256": removed.info.sha256},
                )
            ],
        )
        return removed
