"""The wire form of a sheet: plain data (:class:`SheetData`) and its JSON, checked field by field.

A package's ``sheets.json`` holds a list of :meth:`SheetData.to_json`; :func:`sheet_from_json`
reads one back and reports every bad field. :meth:`SheetData.content_hash` is what a merge
compares, :meth:`SheetData.snapshot` what the audit log keeps. No database here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from evaluator.errors import Problem
from evaluator.lesson_fields import LESSON_KEYS, NO_LESSONS, Lessons
from evaluator.text import normalise

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
PACKAGE_STATUSES = ("draft", "submitted")
PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
MAX_TEXT = 20_000


# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreData:
    """The score of one criterion (by code) with its note."""

    criterion: str
    value: float
    note: str = ""


@dataclass(frozen=True)
class PhotoData:
    """A photo of a sheet, by content hash (the bytes travel separately)."""

    sha256: str
    filename: str
    mime_type: str = "image/jpeg"
    caption: str = ""
    criterion: str | None = None


@dataclass(frozen=True)
class SheetData:
    """One sheet as plain data: identity, versions, and content (status, notes, scores, photos,
    lessons). A sheet without lessons has the content, hash and JSON it had before lessons
    existed, so packages and hashes of older programs still match."""

    uuid: str
    round: str
    tambon_code: str
    inspector: str
    status: str
    version: int
    base_version: int
    note: str = ""
    scores: tuple[ScoreData, ...] = ()
    photos: tuple[PhotoData, ...] = ()
    created_at: str | None = None
    updated_at: str | None = None
    submitted_at: str | None = None
    lessons: Lessons = NO_LESSONS

    def content(self) -> dict[str, object]:
        """What a merge compares: status, note, scores, photos and lessons (when there are any),
        in a canonical order."""
        content: dict[str, object] = {
            "status": self.status,
            "note": self.note,
            "scores": [
                [s.criterion, float(s.value), s.note]
                for s in sorted(self.scores, key=lambda s: s.criterion)
            ],
            "photos": sorted(
                [p.sha256, p.filename, p.mime_type, p.caption, p.criterion or ""]
                for p in self.photos
            ),
        }
        if not self.lessons.empty:
            content["lessons"] = self.lessons.as_dict()
        return content

    def content_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.content())).hexdigest()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "uuid": self.uuid,
            "round": self.round,
            "tambon_code": self.tambon_code,
            "inspector": self.inspector,
            "status": self.status,
            "version": self.version,
            "base_version": self.base_version,
            "note": self.note,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "submitted_at": self.submitted_at,
            "scores": [
                {"criterion": s.criterion, "value": float(s.value), "note": s.note}
                for s in self.scores
            ],
            "photos": [
                {
                    "sha256": p.sha256,
                    "filename": p.filename,
                    "mime_type": p.mime_type,
                    "caption": p.caption,
                    "criterion": p.criterion,
                }
                for p in self.photos
            ],
        }
        if not self.lessons.empty:
            out["lessons"] = self.lessons.as_dict()
        return out

    def snapshot(self) -> dict[str, object]:
        """The sheet as the audit log keeps it: everything needed to rebuild its content."""
        out: dict[str, object] = {
            "uuid": self.uuid,
            "round": self.round,
            "tambon_code": self.tambon_code,
            "inspector": self.inspector,
            "version": self.version,
            "base_version": self.base_version,
            "hash": self.content_hash(),
            "status": self.status,
            "note": self.note,
            "scores": {s.criterion: {"value": float(s.value), "note": s.note} for s in self.scores},
            "photos": [
                {
                    "sha256": p.sha256,
                    "filename": p.filename,
                    "mime_type": p.mime_type,
                    "caption": p.caption,
                    "criterion": p.criterion,
                }
                for p in self.photos
            ],
        }
        if not self.lessons.empty:
            out["lessons"] = self.lessons.as_dict()
        return out


def canonical_json(value: object) -> bytes:
    """The one byte form of a JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def iso_time(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def parse_time(text: str | None) -> datetime | None:
    """An ISO date-time as an aware datetime (UTC when the text has no offset)."""
    if text is None:
        return None
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


# --- reading sheets from JSON (packages) -----------------------------------------------------

_NOT_OBJECT = "ต้องเป็นออบเจกต์ JSON — must be an object"
_STAMPS = ("created_at", "updated_at", "submitted_at")
_TAMBON_RE = re.compile(r"\d{6}\Z")  # the whole text, as re.fullmatch


class _Checker:
    """Reads the fields of one JSON object; each bad field appends a :class:`Problem`."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(message, file=self.file, field=where))

    def text(
        self, obj: Mapping[str, object], key: str, where: str, *, optional: bool = False
    ) -> str | None:
        value = obj.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            self.fail(f"{where}.{key}", "ต้องเป็นข้อความ — must be a text")
            return None
        return value

    def integer(self, obj: Mapping[str, object], key: str, where: str, minimum: int) -> int | None:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(
                f"{where}.{key}",
                f"ต้องเป็นจำนวนเต็มตั้งแต่ {minimum} — must be an integer ≥ {minimum}",
            )
            return None
        return value

    def matching(
        self, obj: Mapping[str, object], key: str, where: str, pattern: re.Pattern[str], bad: str
    ) -> str | None:
        """A text that ``pattern`` matches from its start; ``bad`` is the message when not."""
        value = self.text(obj, key, where)
        if value is not None and not pattern.match(value):
            self.fail(f"{where}.{key}", bad)
        return value

    def objects(
        self, obj: Mapping[str, object], key: str, where: str
    ) -> list[tuple[str, dict[str, object]]]:
        """The objects of a list field, each with its path; a non-list or non-object is reported."""
        raw = obj.get(key)
        if not isinstance(raw, list):
            self.fail(f"{where}.{key}", "ต้องเป็นรายการ — must be a list")
            return []
        out: list[tuple[str, dict[str, object]]] = []
        for j, item in enumerate(raw):
            path = f"{where}.{key}[{j}]"
            if isinstance(item, dict):
                out.append((path, item))
            else:
                self.fail(path, _NOT_OBJECT)
        return out


@dataclass
class _Head:
    """The identity, versions, note and time stamps of a sheet as read (None where bad)."""

    uuid: str | None
    round: str | None
    tambon_code: str | None
    inspector: str | None
    status: str | None
    version: int | None
    base_version: int | None
    note: str | None
    stamps: dict[str, str | None]


def _read_head(ck: _Checker, obj: Mapping[str, object], where: str) -> _Head:
    uuid = ck.matching(obj, "uuid", where, UUID_RE, "รหัส uuid ไม่ถูกต้อง — not a uuid")
    round_code = ck.text(obj, "round", where)
    tambon = ck.matching(
        obj, "tambon_code", where, _TAMBON_RE, "รหัสตำบลต้องเป็นตัวเลข 6 หลัก — must be 6 digits"
    )
    inspector = ck.text(obj, "inspector", where)
    if inspector is not None:
        inspector = normalise(inspector)  # names match as the importers match them
    status = ck.text(obj, "status", where)
    if status is not None and status not in PACKAGE_STATUSES:
        ck.fail(f"{where}.status", f"สถานะ '{status}' ไม่ถูกต้อง — status must be draft or submitted")
    version = ck.integer(obj, "version", where, 1)
    base = ck.integer(obj, "base_version", where, 0)
    if version is not None and base is not None and base >= version:
        ck.fail(
            f"{where}.base_version",
            "base_version ต้องน้อยกว่า version — base_version must be lower than version",
        )
    note = ck.text(obj, "note", where)
    return _Head(
        uuid,
        round_code,
        tambon,
        inspector,
        status,
        version,
        base,
        note,
        _read_stamps(ck, obj, where),
    )


def _read_stamps(ck: _Checker, obj: Mapping[str, object], where: str) -> dict[str, str | None]:
    stamps: dict[str, str | None] = {}
    for key in _STAMPS:
        stamp = ck.text(obj, key, where, optional=True)
        if stamp is not None:
            try:
                parse_time(stamp)
            except ValueError:
                ck.fail(f"{where}.{key}", "วันเวลาไม่ถูกต้อง — not an ISO date-time")
        stamps[key] = stamp
    return stamps


def _read_scores(ck: _Checker, obj: Mapping[str, object], where: str) -> list[ScoreData]:
    scores: list[ScoreData] = []
    seen: set[str] = set()
    for sw, sc in ck.objects(obj, "scores", where):
        code = ck.text(sc, "criterion", sw)
        value = sc.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            ck.fail(f"{sw}.value", "คะแนนต้องเป็นตัวเลข — the score must be a number")
            value = None
        note = ck.text(sc, "note", sw)
        if code is not None and code in seen:
            ck.fail(sw, f"เกณฑ์ {code} ซ้ำ — criterion {code} appears twice")
        if code is not None:
            seen.add(code)
        if code is not None and value is not None and note is not None:
            scores.append(ScoreData(code, float(value), note))
    return scores


def _read_photo(ck: _Checker, ph: Mapping[str, object], pw: str) -> PhotoData | None:
    digest = ck.matching(ph, "sha256", pw, SHA256_RE, "ไม่ใช่ค่า SHA-256 — not a SHA-256 digest")
    filename = ck.text(ph, "filename", pw)
    mime = ck.text(ph, "mime_type", pw)
    caption = ck.text(ph, "caption", pw)
    crit = ck.text(ph, "criterion", pw, optional=True)
    if filename is not None and not 0 < len(filename) <= 300:
        ck.fail(f"{pw}.filename", "ชื่อไฟล์ยาวเกิน 300 ตัวอักษร — a bad file name")
        filename = None
    if mime is not None and mime not in PHOTO_TYPES:
        ck.fail(f"{pw}.mime_type", f"ชนิดไฟล์ '{mime}' ไม่ใช่รูปภาพ — not an image type")
        mime = None
    if digest and filename is not None and mime is not None and caption is not None:
        return PhotoData(digest, filename, mime, caption, crit)
    return None


def _read_lessons(ck: _Checker, obj: Mapping[str, object], where: str) -> Lessons:
    """The optional ``lessons`` object (packages of older programs have none), each text cleaned
    as typed text is (a field of white space is no lesson: see :class:`Lessons`)."""
    raw = obj.get("lessons")
    if raw is None:
        return NO_LESSONS
    lw = f"{where}.lessons"
    if not isinstance(raw, dict):
        ck.fail(lw, _NOT_OBJECT)
        return NO_LESSONS
    for key in raw:
        if key not in LESSON_KEYS:
            ck.fail(f"{lw}.{key}", "ไม่มีช่องบทเรียนนี้ — no such lesson field")
    texts = {key: ck.text(raw, key, lw, optional=True) for key in LESSON_KEYS}
    return Lessons.cleaned({k: v or "" for k, v in texts.items()})


def sheet_from_json(
    obj: object, index: int, file: str, problems: list[Problem]
) -> SheetData | None:
    """A sheet of a package's ``sheets.json``, checked field by field; problems are appended."""
    where = f"sheets[{index}]"
    ck = _Checker(file, problems)
    if not isinstance(obj, dict):
        ck.fail(where, _NOT_OBJECT)
        return None
    before = len(problems)
    head = _read_head(ck, obj, where)
    scores = _read_scores(ck, obj, where)
    photos = [_read_photo(ck, ph, pw) for pw, ph in ck.objects(obj, "photos", where)]
    lessons = _read_lessons(ck, obj, where)
    if len(problems) > before:
        return None
    assert head.uuid and head.round and head.tambon_code and head.inspector is not None
    assert head.status and head.version is not None and head.base_version is not None
    assert head.note is not None
    return SheetData(
        uuid=head.uuid,
        round=head.round,
        tambon_code=head.tambon_code,
        inspector=head.inspector,
        status=head.status,
        version=head.version,
        base_version=head.base_version,
        note=head.note,
        scores=tuple(scores),
        photos=tuple(p for p in photos if p is not None),
        created_at=head.stamps["created_at"],
        updated_at=head.stamps["updated_at"],
        submitted_at=head.stamps["submitted_at"],
        lessons=lessons,
    )
