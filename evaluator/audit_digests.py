"""A sheet's content digest, the SHA-256 its ``seal`` entries in the audit log hold
(:mod:`evaluator.audit`): its place, status (locked counts as submitted), version, note,
conflict link, every score and score note, every photo by hash, and its lessons when it has
a lessons row. ``audit verify`` recomputes each sheet's digest from its rows and compares it
with the last one sealed, so an edit made behind the program's back is found.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from math import isfinite
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, inspect, select

from evaluator.db import models as m
from evaluator.lesson_fields import LESSON_KEYS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_string: Callable[[str], str] = json.encoder.encode_basestring


@lru_cache(maxsize=4)  # a bulk append stamps its entries with one moment
def timestamp_text(at: datetime) -> str:
    """A moment as the audit log hashes it (both databases give it back alike)."""
    # SQLite gives naive datetimes back; hash a form that both databases return alike.
    return at.replace(tzinfo=None).isoformat(timespec="microseconds")


def _chunks(items: Sequence[object], size: int = 500) -> Iterable[list[object]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _status(value: object, conflict_of: str | None) -> str:
    status = str(getattr(value, "value", value))
    # finalising a round locks its submitted sheets and reopening unlocks them, both logged for
    # the round: for a sheet (not a conflict copy) locked means submitted
    if conflict_of is None and status == m.SheetStatus.LOCKED.value:
        return m.SheetStatus.SUBMITTED.value
    return status


def _sheet_rows() -> Select[*tuple[Any, ...]]:
    """A sheet's own fields that its digest covers, in :func:`_digest_rows`' order."""
    return select(
        m.Sheet.id,
        m.Sheet.uuid,
        m.Sheet.round_id,
        m.Sheet.inspector_id,
        m.Sheet.tambon_code,
        m.Sheet.status,
        m.Sheet.version,
        m.Sheet.note,
        m.Sheet.conflict_of,
    )


def sheet_digests(session: Session, uuids: Iterable[str]) -> dict[str, str]:
    """The content digest of each sheet (by uuid) as stored now: its place, status, version,
    note, conflict link, every score and note, every photo (by hash), and its lessons with the
    committee's mark when it has a lessons row (a sheet without one digests as before lessons
    existed). A uuid with no sheet is left out."""
    keys = sorted(set(uuids))
    out: dict[str, str] = {}
    for chunk in _chunks(keys):
        rows = session.execute(_sheet_rows().where(m.Sheet.uuid.in_(chunk))).all()
        out.update(_digest_rows(session, rows))
    return out


def all_sheet_digests(session: Session) -> dict[str, str]:
    """:func:`sheet_digests` of every sheet in the database."""
    out: dict[str, str] = {}
    last = 0
    while True:
        rows = session.execute(
            _sheet_rows().where(m.Sheet.id > last).order_by(m.Sheet.id).limit(500)
        ).all()
        if not rows:
            return out
        out.update(_digest_rows(session, rows))
        last = rows[-1][0]


def _digest_rows(session: Session, rows: Sequence[Any]) -> dict[str, str]:
    ids = [int(r[0]) for r in rows]
    scores: dict[int, list[list[object]]] = {i: [] for i in ids}
    photos: dict[int, list[list[object]]] = {i: [] for i in ids}
    for sid, cid, value, note in session.execute(
        select(m.Score.sheet_id, m.Score.criterion_id, m.Score.value, m.Score.note).where(
            m.Score.sheet_id.in_(ids)
        )
    ):
        scores[sid].append([cid, float(value), note or ""])
    for pid, digest, pcid, filename, mime, caption in session.execute(
        select(
            m.Photo.sheet_id,
            m.Photo.sha256,
            m.Photo.criterion_id,
            m.Photo.filename,
            m.Photo.mime_type,
            m.Photo.caption,
        ).where(m.Photo.sheet_id.in_(ids))
    ):
        photos[pid].append([digest, pcid or 0, filename, mime, caption or ""])
    lessons: dict[int, list[object]] = {}
    # a database upgraded from before lessons (revision 0007) seals its sheets in migration 0005
    has_lessons = inspect(session.connection()).has_table(m.Lesson.__table__.name)
    query = select(m.Lesson).where(m.Lesson.sheet_id.in_(ids))
    for lesson in session.scalars(query) if has_lessons else ():
        lessons[lesson.sheet_id] = [
            *(getattr(lesson, key) or "" for key in LESSON_KEYS),
            lesson.spread_by or "",
            "" if lesson.spread_at is None else timestamp_text(lesson.spread_at),
            lesson.spread_note or "",
        ]
    out: dict[str, str] = {}
    for row in rows:
        sid, uuid, round_id, inspector_id, tambon, status, version, note, conflict_of = row
        out[str(uuid)] = content_digest(
            str(uuid),
            round_id,
            inspector_id,
            tambon,
            _status(status, conflict_of),
            version,
            note or "",
            conflict_of or "",
            scores[sid],
            photos[sid],
            lessons.get(sid),
        )
    return out


def content_digest(
    uuid: str,
    round_id: int,
    inspector_id: int,
    tambon_code: str,
    status: str,
    version: int,
    note: str,
    conflict_of: str,
    scores: list[list[object]],
    photos: list[list[object]],
    lessons: list[object] | None = None,
) -> str:
    """The SHA-256 a sheet is sealed with: its place, status (locked as submitted), version,
    note, conflict link, scores (``[criterion id, value, note]``), photos (``[sha256, criterion
    id or 0, file name, type, caption]``) and, when it has a lessons row, its lessons."""
    scores = sorted(scores, key=repr)
    text = None
    place = (uuid, round_id, inspector_id, tambon_code, status, version, note, conflict_of)
    if not photos and lessons is None and all(map(_is, place, _PLACE_TYPES)):
        text = _plain_content(*place, scores)  # the usual sheet: its JSON written directly
    if text is None:
        content: list[object] = [
            uuid,
            round_id,
            inspector_id,
            tambon_code,
            status,
            version,
            note,
            conflict_of,
            scores,
            sorted(photos, key=repr),
        ]
        if lessons is not None:
            content.append(lessons)
        text = _JSON.encode(content)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_sheet_digest(
    uuid: str,
    round_id: int,
    inspector_id: int,
    tambon_code: str,
    status: str,
    scores: list[list[object]],
) -> str:
    """:func:`content_digest` of a sheet its writer has just made (version 1, no note, no
    conflict link, photos or lessons) from what it wrote, its place given as the ints and texts
    it was stored with (a score table seals thousands)."""
    scores = sorted(scores, key=repr)
    text = _plain_content(uuid, round_id, inspector_id, tambon_code, status, 1, "", "", scores)
    if text is None:
        return content_digest(
            uuid, round_id, inspector_id, tambon_code, status, 1, "", "", scores, []
        )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def score_json(criterion_id: int, value: float, note: str) -> tuple[str, str] | None:
    """A score of a new sheet as its content's JSON writes it, ``[criterion id, value, note]``,
    and the key it is sorted by in the content (:func:`content_digest` sorts the scores by
    their ``repr``: for scores of different criteria, the criterion id's digits and the comma
    after them decide); None for anything but an int, a finite float and a text, which
    :func:`new_sheet_digest` digests."""
    if type(criterion_id) is not int or type(value) is not float or type(note) is not str:
        return None
    if not isfinite(value):
        return None
    key = f"{criterion_id},"
    return key, f"[{key}{value!r},{_string(note)}]"


def new_sheet_digest_of(
    uuid: str,
    round_id: int,
    inspector_id: int,
    tambon_code: str,
    status: str,
    scores: list[tuple[str, str]],
) -> str:
    """:func:`new_sheet_digest` of a sheet whose scores, each of a different criterion, are
    given as :func:`score_json` made them (a score table seals thousands of new sheets; a test
    compares both)."""
    scores.sort()
    parts = ",".join([text for _, text in scores])
    return hashlib.sha256(
        (
            f"[{_string(uuid)},{round_id!r},{inspector_id!r},{_string(tambon_code)},"
            f'{_string(status)},1,"","",[{parts}],[]]'
        ).encode()
    ).hexdigest()


_PLACE_TYPES = (str, int, int, str, str, int, str, str)


def _is(value: object, kind: type) -> bool:
    return type(value) is kind


def _plain_content(
    uuid: str,
    round_id: int,
    inspector_id: int,
    tambon_code: str,
    status: str,
    version: int,
    note: str,
    conflict_of: str,
    scores: list[list[object]],
) -> str | None:
    """The compact JSON ``_JSON.encode`` gives a sheet's content without photos or lessons, its
    fields of their declared types and its scores ``[int, float, str]`` (finite), written
    directly (a score table seals thousands of new sheets); None for any other score, which
    goes the plain way. A test compares both."""
    parts = []
    for score in scores:
        if len(score) != 3:
            return None
        cid, value, text = score
        if type(cid) is not int or type(value) is not float or type(text) is not str:
            return None
        if not isfinite(value):
            return None
        parts.append(f"[{cid!r},{value!r},{_string(text)}]")
    return (
        f"[{_string(uuid)},{round_id!r},{inspector_id!r},{_string(tambon_code)},{_string(status)},"
        f"{version!r},{_string(note)},{_string(conflict_of)},[{','.join(parts)}],[]]"
    )
