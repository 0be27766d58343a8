"""The append-only, hash-chained audit log of every change to sheets and scores.

Each entry's hash covers its own fields and the previous entry's hash, so an edited, inserted or
deleted entry breaks the chain; :func:`verify_chain` finds the first break.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.db import models as m

GENESIS = "0" * 64


class Source(StrEnum):
    """Where a change came from."""

    KEYBOARD = "keyboard"
    PACKAGE = "package"
    EXCEL = "excel"
    IMPORT = "import"
    DEMO = "demo"
    SYSTEM = "system"


def _canonical(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _timestamp(at: datetime) -> str:
    # SQLite gives naive datetimes back; hash a form that both databases return alike.
    return at.replace(tzinfo=None).isoformat(timespec="microseconds")


def entry_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    source: str,
    action: str,
    entity: str,
    entity_key: str,
    old: str | None,
    new: str | None,
    reason: str,
) -> str:
    """The SHA-256 of an entry's fields and the previous entry's hash."""
    payload = json.dumps(
        [prev_hash, _timestamp(at), actor, source, action, entity, entity_key, old, new, reason],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    last = session.scalar(select(m.AuditEntry.hash).order_by(m.AuditEntry.id.desc()).limit(1))
    return last or GENESIS


@dataclass(frozen=True)
class Change:
    """One change to record: what (entity, key, action), old and new values, and why."""

    action: str
    entity: str
    entity_key: str
    old: object = None
    new: object = None
    reason: str = ""


def record(
    session: Session,
    actor: str,
    source: Source | str,
    changes: Iterable[Change],
) -> int:
    """Append changes to the log in the caller's transaction; returns how many were written.

    The caller's transaction makes the log and the change it describes commit or fail together.
    On PostgreSQL the log's last row is locked first, so two writers chain one after the other.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(m.AuditEntry.id).order_by(m.AuditEntry.id.desc()).limit(1).with_for_update()
        )
    prev = _last_hash(session)
    count = 0
    for change in changes:
        at = m.utcnow()
        old, new = _canonical(change.old), _canonical(change.new)
        digest = entry_hash(
            prev,
            at,
            actor,
            str(source),
            change.action,
            change.entity,
            change.entity_key,
            old,
            new,
            change.reason,
        )
        session.add(
            m.AuditEntry(
                at=at,
                actor=actor,
                source=str(source),
                action=change.action,
                entity=change.entity,
                entity_key=change.entity_key,
                old=old,
                new=new,
                reason=change.reason,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
        count += 1
    session.flush()
    return count


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


def verify_chain(session: Session) -> list[ChainBreak]:
    """Check every entry's hash and link; an empty list means the log is intact."""
    breaks: list[ChainBreak] = []
    prev = GENESIS
    # Ids are not checked for gaps: a rolled-back write uses up a PostgreSQL sequence number.
    # A deleted entry shows as the next entry no longer following the one before it.
    for e in session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)):
        if e.prev_hash != prev:
            breaks.append(
                ChainBreak(
                    e.id, "does not follow the entry before it (an entry was deleted or inserted)"
                )
            )
        digest = entry_hash(
            e.prev_hash,
            e.at,
            e.actor,
            e.source,
            e.action,
            e.entity,
            e.entity_key,
            e.old,
            e.new,
            e.reason,
        )
        if digest != e.hash:
            breaks.append(ChainBreak(e.id, "was changed after it was written"))
        prev = e.hash
    return breaks


def head_of_log(session: Session) -> dict[str, object] | None:
    """The log's last entry (id and hash), for an import to remember."""
    last = session.execute(
        select(m.AuditEntry.id, m.AuditEntry.hash).order_by(m.AuditEntry.id.desc()).limit(1)
    ).first()
    return None if last is None else {"id": last[0], "hash": last[1]}
