"""The append-only, hash-chained audit log of every change to sheets and scores.

Each entry's hash covers its own fields and the previous entry's hash, so an edited, inserted or
deleted entry breaks the chain; :func:`verify_chain` finds the first break.

Appends are serialised: :func:`record` first updates the one row of ``audit_head`` (the chain's
head: its last hash, entry count and last id) in the caller's transaction, which takes SQLite's
write lock or PostgreSQL's row lock, and only then reads the head it chains to. Two writers, in
any processes, so chain one after the other; the chain cannot fork.

Every change that touches a sheet (its row, its scores or photos) is followed by a ``seal``
entry holding the sheet's current content digest (:func:`sheet_digests`), whatever the source:
keyboard, CSV, Excel, package, demo. ``audit verify`` recomputes each sheet's digest from its
rows and compares it with the last one sealed, so an edit made behind the program's back (e.g.
with sqlite3) is found.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import chain, islice
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, insert, select, update

from evaluator.audit_digests import all_sheet_digests as all_sheet_digests
from evaluator.audit_digests import content_digest as content_digest
from evaluator.audit_digests import sheet_digests, timestamp_text
from evaluator.db import models as m
from evaluator.db import schema
from evaluator.db.bulk import bind_values, insert_flat

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

GENESIS = "0" * 64
AUDIT_TABLE = schema.audit_log  # plain INSERTs of many entries
HEAD_ID = 1
SEAL_ENTITY = "digest"
SEAL_ACTION = "seal"
_SHEET_ENTITIES = ("sheet", "score", "photo", "lesson")
_COLUMNS = (
    "at",
    "actor",
    "source",
    "action",
    "entity",
    "entity_key",
    "old",
    "new",
    "reason",
    "prev_hash",
    "hash",
)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Source(StrEnum):
    """Where a change came from."""

    KEYBOARD = "keyboard"
    PACKAGE = "package"
    EXCEL = "excel"
    IMPORT = "import"
    DEMO = "demo"
    SYSTEM = "system"


# json.dumps with these options, without making an encoder per call (a bulk import hashes
# hundreds of thousands of entries)
_SORTED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_string: Callable[[str], str] = json.encoder.encode_basestring
_sha256 = hashlib.sha256


def canonical(value: object) -> str | None:
    """A logged value as text: a string as it is, anything else as sorted, compact JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return _SORTED_JSON.encode(value)


def _entry_format(moment: str, action: str, entity: str, reason: str) -> bytes:
    """The UTF-8 JSON array :func:`entry_hash` hashes, with ``%s`` where an entry's previous
    hash (unquoted), key, old and new (JSON-quoted) go, for ``bytes %``: the text around them
    escaped for it."""
    fixed = f",{moment},{_string(action)},{_string(entity)},"
    ending = f",{_string(reason)}]"
    return (
        b'["%s"'
        + fixed.replace("%", "%%").encode()
        + b"%s,%s,%s"
        + ending.replace("%", "%%").encode()
    )


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
    """The SHA-256 of an entry's fields and the previous entry's hash: of the compact JSON array
    ``[prev_hash, at, actor, source, action, entity, entity_key, old, new, reason]`` (UTF-8, not
    ASCII-escaped). The array is written field by field with JSON's own string encoder (a bulk
    import hashes hundreds of thousands of entries); ``tests/evaluator/test_audit.py`` checks it
    against ``json.dumps``."""
    payload = ",".join(
        (
            _string(prev_hash),
            _string(timestamp_text(at)),
            _string(actor),
            _string(source),
            _string(action),
            _string(entity),
            _string(entity_key),
            "null" if old is None else _string(old),
            "null" if new is None else _string(new),
            _string(reason),
        )
    )
    return hashlib.sha256(f"[{payload}]".encode()).hexdigest()


Entry = tuple[str, str, str, str | None, str | None, str]
"""A change with its values as logged: (action, entity, entity key, old text, new text, reason)."""


class Change(NamedTuple):
    """One change to record: what (entity, key, action), old and new values, and why (a named
    tuple: a bulk import makes hundreds of thousands)."""

    action: str
    entity: str
    entity_key: str
    old: object = None
    new: object = None
    reason: str = ""


@dataclass(frozen=True)
class Head:
    """The chain's head as stored: how many entries, the last one's id and hash."""

    entries: int
    last_id: int | None
    hash: str


def lock_head(session: Session) -> Head:
    """Take the chain's write lock (in the caller's transaction) and read the head under it."""
    done = session.execute(
        update(m.AuditHead)
        .where(m.AuditHead.id == HEAD_ID)
        .values(entries=m.AuditHead.entries)
        .execution_options(synchronize_session=False)
    )
    if not done.rowcount:  # type: ignore[attr-defined]
        # a log from before the head row existed: make it from the log itself, once
        last = session.execute(
            select(m.AuditEntry.id, m.AuditEntry.hash).order_by(m.AuditEntry.id.desc()).limit(1)
        ).first()
        count = session.scalar(select(func.count()).select_from(m.AuditEntry)) or 0
        session.execute(
            insert(m.AuditHead).values(
                id=HEAD_ID,
                entries=count,
                last_id=last[0] if last else None,
                hash=last[1] if last else GENESIS,
            )
        )
    row = session.execute(
        select(m.AuditHead.entries, m.AuditHead.last_id, m.AuditHead.hash).where(
            m.AuditHead.id == HEAD_ID
        )
    ).one()
    return Head(int(row[0]), row[1], str(row[2]))


def stored_head(session: Session) -> Head | None:
    """The head row as it is (no lock), or None when there is none."""
    row = session.execute(
        select(m.AuditHead.entries, m.AuditHead.last_id, m.AuditHead.hash).where(
            m.AuditHead.id == HEAD_ID
        )
    ).first()
    return None if row is None else Head(int(row[0]), row[1], str(row[2]))


def touched_sheets(changes: Iterable[Change]) -> list[str]:
    """The uuids of the sheets a list of changes touches (their own keys, ``uuid/…`` keys of
    scores and photos, and the ``row`` a merge wrote to), in first-seen order."""
    seen: dict[str, None] = {}
    for c in changes:
        if c.entity in _SHEET_ENTITIES:
            found = _UUID.match(c.entity_key)
            if found:
                seen.setdefault(found.group(0))
        if isinstance(c.new, dict):
            row = c.new.get("row")
            if isinstance(row, str) and _UUID.fullmatch(row):
                seen.setdefault(row)
    return list(seen)


def record(
    session: Session,
    actor: str,
    source: Source | str,
    changes: Iterable[Change],
    *,
    sheets: Iterable[str] = (),
) -> int:
    """Append changes to the log in the caller's transaction; returns how many changes were
    written (the seals that follow them aside).

    The caller's transaction makes the log and the change it describes commit or fail together.
    Every sheet the changes touch (and every uuid in ``sheets``, for bulk writers such as the
    demo) is then sealed: an entry with its current content digest.
    """
    log = Appender(session, actor, source)
    log.lock()
    log.add(changes)
    return log.close(sheets)


class Appender:
    """Appends changes to the log in the caller's transaction as they come, for writers of many
    changes (a score table of 200,000 rows is written a batch at a time): the head is locked at
    the first change, entries are written with plain INSERTs every :attr:`BATCH` entries (no ORM
    object per entry), and :meth:`close` seals every sheet the changes touched, in the order
    first touched, and moves the head. :func:`record` is one call of it.

    A writer that has just written a sheet's whole content itself (a new sheet of a score
    table) may seal it at once with :meth:`seal`, giving the digest of what it wrote
    (:func:`content_digest`), instead of having :meth:`close` read the sheet back."""

    BATCH = 5_000

    def __init__(self, session: Session, actor: str, source: Source | str) -> None:
        self.session, self.actor, self.source = session, actor, str(source)
        self.changes = 0  # changes added, seals aside
        self._head: Head | None = None
        self._prev = GENESIS
        self._rows: list[object] = []  # entries to write, their values one after another
        self._written = 0  # entries inserted, seals included
        self._sheets: dict[str, None] = {}

    def lock(self) -> None:
        """Take the chain's write lock now (the caller's changes flushed first)."""
        if self._head is None:
            self.session.flush()
            self._head = lock_head(self.session)
            self._prev = self._head.hash

    def add(self, changes: Iterable[Change], sheets: Iterable[str] | None = None) -> None:
        """Append changes; the sheets they touch are sealed at :meth:`close`. A caller that
        knows which sheets its changes touch names them in ``sheets`` (then the changes are not
        searched for sheet keys)."""
        if sheets is None:
            changes = list(changes)
            sheets = touched_sheets(changes)
        self.add_texts(
            (
                (c.action, c.entity, c.entity_key, canonical(c.old), canonical(c.new), c.reason)
                for c in changes
            ),
            sheets,
        )

    def add_texts(self, entries: Iterable[Entry], sheets: Iterable[str] = ()) -> None:
        """Append changes whose old and new values are already their logged text
        (:func:`canonical`), for bulk writers; ``sheets``: the sheets they touch, sealed at
        :meth:`close`."""
        at = m.utcnow()  # one moment for the changes of one call
        for uuid in sheets:
            self._sheets.setdefault(uuid)
        self.changes += self._chain(at, entries)

    def seal(self, digests: Mapping[str, str]) -> None:
        """Seal sheets (uuid → :func:`content_digest` of their content as the caller has just
        written it, in the caller's transaction) now; they are sealed again at :meth:`close`
        only if a later change touches them."""
        at = m.utcnow()
        for uuid in digests:
            self._sheets.pop(uuid, None)
        self._chain(
            at, ((SEAL_ACTION, SEAL_ENTITY, uuid, None, d, "") for uuid, d in digests.items())
        )

    def close(self, sheets: Iterable[str] = ()) -> int:
        """Seal the sheets touched (and ``sheets``) as stored now, write what is left and move
        the head; returns how many changes were added (seals aside)."""
        for key in sheets:
            self._sheets.setdefault(key)
        uuids = list(self._sheets)
        if uuids:
            self.lock()
            self.session.flush()  # the caller's changes first: the seals digest what is stored
        at = m.utcnow()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            digests = sheet_digests(self.session, chunk)
            self._chain(
                at, ((SEAL_ACTION, SEAL_ENTITY, key, None, digests.get(key), "") for key in chunk)
            )
        self._write()
        if self._head is not None and self._written:
            # Under the head's lock no one else appends, so the last entry is this writer's
            # (ids only grow); its hash says so.
            last = self.session.execute(
                select(m.AuditEntry.id, m.AuditEntry.hash).order_by(m.AuditEntry.id.desc()).limit(1)
            ).one()
            if last[1] != self._prev:
                raise RuntimeError("the audit log's last entry is not the one just appended")
            self.session.execute(
                update(m.AuditHead)
                .where(m.AuditHead.id == HEAD_ID)
                .values(
                    entries=self._head.entries + self._written, last_id=last[0], hash=self._prev
                )
                .execution_options(synchronize_session=False)
            )
        self._sheets = {}
        return self.changes

    def _chain(self, at: datetime, entries: Iterable[Entry]) -> int:
        """Hash and queue entries at one moment, each chained to the one before (written every
        :attr:`BATCH` entries); returns how many. Each hash is :func:`entry_hash`'s, its JSON
        array put together as UTF-8 bytes (a bulk import hashes hundreds of thousands) from the
        fields shared by the moment and kind, encoded once, and each entry's own (a short logged
        value, such as a score's state, encoded once per run). The chain's lock is taken at the
        first entry (none: no lock)."""
        queue = iter(entries)
        first = next(queue, None)
        if first is None:
            return 0
        self.lock()
        moment = ",".join(_string(x) for x in (timestamp_text(at), self.actor, self.source))
        stored_at = bind_values(self.session, AUDIT_TABLE, {"at": at})["at"]  # once, not per row
        # the JSON array of an entry's hash, as bytes to fill with its previous hash, key, old
        # and new (each JSON-quoted): by action, entity and reason
        formats: dict[tuple[str, str, str], bytes] = {}
        short: dict[str, bytes] = {}  # short logged values, JSON-quoted
        actor, source, string, sha256 = self.actor, self.source, _string, _sha256
        prev = self._prev
        count = 0
        queue = chain((first,), queue)
        width = len(_COLUMNS)
        while True:
            rows = self._rows  # flat: each entry's values one after another
            before = len(rows)
            for action, entity, key, old, new, reason in islice(
                queue, self.BATCH - before // width
            ):
                form = formats.get((action, entity, reason))
                if form is None:
                    form = formats[(action, entity, reason)] = _entry_format(
                        moment, action, entity, reason
                    )
                if new is None:
                    logged = b"null"
                else:
                    found = short.get(new)
                    if found is None:
                        found = string(new).encode()
                        if len(new) < 48 and len(short) < 4096:
                            short[new] = found
                    logged = found
                payload = form % (
                    prev.encode(),
                    string(key).encode(),
                    b"null" if old is None else string(old).encode(),
                    logged,
                )
                digest = sha256(payload).hexdigest()
                rows += (
                    stored_at,
                    actor,
                    source,
                    action,
                    entity,
                    key,
                    old,
                    new,
                    reason,
                    prev,
                    digest,
                )
                prev = digest
            count += (len(rows) - before) // width
            self._prev = prev
            if len(rows) < self.BATCH * width:  # the entries are all queued
                return count
            self._write()

    def _write(self) -> None:
        if self._rows:
            self._written += insert_flat(
                self.session, AUDIT_TABLE, _COLUMNS, self._rows, converted=("at",)
            )
            self._rows = []


# --- sheet digests (evaluator/audit_digests.py) ----------------------------------------------


def sealed_digests(session: Session) -> dict[str, str | None]:
    """The last digest sealed for each sheet uuid (None: sealed as gone)."""
    out: dict[str, str | None] = {}
    for key, new in session.execute(
        select(m.AuditEntry.entity_key, m.AuditEntry.new)
        .where(m.AuditEntry.entity == SEAL_ENTITY)
        .order_by(m.AuditEntry.id)
    ):
        out[key] = new
    return out


# --- checking the chain ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


def verify_chain(session: Session) -> list[ChainBreak]:
    """Check every entry's hash and link, and the stored head; an empty list means intact."""
    breaks: list[ChainBreak] = []
    prev = GENESIS
    count = 0
    last_id: int | None = None
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
        count += 1
        last_id = e.id
    head = stored_head(session)
    if head is not None and (head.entries, head.last_id, head.hash) != (count, last_id, prev):
        breaks.append(
            ChainBreak(
                last_id or 0,
                f"the chain's head says {head.entries} entries ending at #{head.last_id}, the log "
                f"has {count} ending at #{last_id}: entries were cut from its end",
            )
        )
    return breaks


def head_of_log(session: Session) -> dict[str, object] | None:
    """The log's last entry (id and hash), for an import to remember."""
    last = session.execute(
        select(m.AuditEntry.id, m.AuditEntry.hash).order_by(m.AuditEntry.id.desc()).limit(1)
    ).first()
    return None if last is None else {"id": last[0], "hash": last[1]}
