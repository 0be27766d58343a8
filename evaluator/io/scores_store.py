"""Storing a checked scores table (:mod:`evaluator.io.scores_import`) in the caller's unit of
work: inspectors, sheets, assignments and scores, with an audit entry for every change.

The sheets are written a batch at a time with plain INSERTs and UPDATEs (no ORM object per
sheet or score), their scores as stored read a batch at a time, and the audit entries appended
as they come (:class:`evaluator.audit.Appender`), so memory stays bounded whatever the file's
length; the caller's transaction still makes the whole import one all-or-nothing change.
Identical data changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from json.encoder import encode_basestring as _json_string

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.audit_digests import new_sheet_digest, new_sheet_digest_of, score_json
from evaluator.collector import paused
from evaluator.db import models as m
from evaluator.db.bulk import bind_values, insert_flat, reserve_ids
from evaluator.io.scores_context import ScoreContext
from evaluator.io.scores_import import EPSILON, ScoreCheck, SheetRows
from evaluator.text import name_key as _key

BATCH = 1_000  # sheets written at a time
CACHE_KIB = 32_768  # SQLite's page cache while storing (its default is 2 MB)
_IN = 500  # ids in one IN (...) list

SHEETS = m.Base.metadata.tables["sheets"]
SCORES = m.Base.metadata.tables["scores"]
ASSIGNMENTS = m.Base.metadata.tables["assignments"]

_UPDATE_SCORE = (
    update(SCORES)
    .where(SCORES.c.id == bindparam("b_id"))
    .values(value=bindparam("b_value"), note=bindparam("b_note"))
)
_UPDATE_SHEET = (
    update(SHEETS)
    .where(SHEETS.c.id == bindparam("b_id"))
    .values(
        status=bindparam("b_status"),
        version=bindparam("b_version"),
        updated_at=bindparam("b_updated_at"),
        submitted_at=bindparam("b_submitted_at"),
    )
)


@dataclass(frozen=True)
class ScoreCounts:
    """What storing the rows did."""

    scores_added: int
    scores_updated: int
    scores_unchanged: int
    sheets_added: int
    sheets_updated: int
    sheets_unchanged: int
    inspectors_added: list[str]
    complete_sheets: int
    incomplete_sheets: list[tuple[str, str]]  # (round / inspector / tambon, missing criteria)
    audit_entries: int
    assignments_added: tuple[str, ...] = ()  # "round / inspector / tambon" made by this import


_STATES: dict[tuple[type, float, str], str] = {}


def _score_state(value: float, note: str) -> str:
    """A score's logged state, ``{"note":…,"value":…}`` as the audit log writes it; a table
    repeats the same few states row after row, so each is encoded once (a bounded memo)."""
    key = (type(value), value, note)  # 1 and 1.0 are equal keys but log as "1" and "1.0"
    text = _STATES.get(key)
    if text is None:
        if len(_STATES) >= 10_000:
            _STATES.clear()
        text = _STATES[key] = audit.canonical({"value": value, "note": note}) or ""
    return text


_STATUS_TEXT = {status: str(status) for status in m.SheetStatus}  # as logged and digested
_STATUS_JSON = {status: _json_string(str(status)) for status in m.SheetStatus}

_FACTS: dict[tuple[str, str], str] = {}


def _facts_head(inspector: str, round_code: str) -> str:
    """The start of the logged facts of a new assignment or sheet (:func:`_facts`): the
    inspector and round part is the same for thousands of sheets (a bounded memo)."""
    head = _FACTS.get((inspector, round_code))
    if head is None:
        if len(_FACTS) >= 10_000:
            _FACTS.clear()
        head = _FACTS[(inspector, round_code)] = (
            f'{{"inspector":{_json_string(inspector)},"round":{_json_string(round_code)},'
        )
    return head


def _facts(inspector: str, round_code: str, tambon: str, status: str | None = None) -> str:
    """The logged facts of a new assignment (``status`` None) or sheet, as
    :func:`evaluator.audit.canonical` writes ``{"round", "inspector", "tambon_code"[, "status"]}``
    (compact JSON, keys sorted), written directly (:func:`_facts_of`)."""
    status_json = None if status is None else _json_string(status)
    return _facts_of(_facts_head(inspector, round_code), _json_string(tambon), status_json)


def _facts_of(head: str, tambon_json: str, status_json: str | None = None) -> str:
    """:func:`_facts` from its parts already written: the head (:func:`_facts_head`), the
    tambon code's JSON string and the status's (None: an assignment's facts). A new sheet's
    assignment and sheet share the head and the tambon's."""
    if status_json is None:
        return f'{head}"tambon_code":{tambon_json}}}'
    return f'{head}"status":{status_json},"tambon_code":{tambon_json}}}'


@dataclass(slots=True)
class _Stored:
    """A sheet as stored before this import."""

    id: int
    uuid: str
    status: m.SheetStatus
    version: int
    submitted_at: datetime | None


_SHEET_COLUMNS = (
    "id",
    "uuid",
    "round_id",
    "inspector_id",
    "tambon_code",
    "status",
    "version",
    "base_version",
    "note",
    "created_at",
    "updated_at",
    "submitted_at",
)
_SHEET_CONVERTED = ("status", "created_at", "updated_at", "submitted_at")  # by bind_values
_SCORE_COLUMNS = ("sheet_id", "criterion_id", "value", "note")
_ASSIGNMENT_COLUMNS = ("round_id", "inspector_id", "tambon_code")


@dataclass
class _Batch:
    """What one batch of sheets writes: new rows as flat lists (each row's values one after
    another, in the order of the ``_*_COLUMNS``: db.bulk.insert_flat), updates as dicts."""

    sheets: list[object] = field(default_factory=list)
    assignments: list[object] = field(default_factory=list)
    new_scores: list[object] = field(default_factory=list)
    scores: list[dict[str, object]] = field(default_factory=list)  # updates
    updated_sheets: list[dict[str, object]] = field(default_factory=list)
    changes: list[audit.Entry] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # uuids of the stored sheets changed
    # the new sheets' seals, digested from what is written (no read-back): uuid → digest
    seals: dict[str, str] = field(default_factory=dict)


def _chunks(items: Sequence[int], size: int = _IN) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Store:
    def __init__(self, session: Session, ctx: ScoreContext, *, actor: str, reason: str) -> None:
        self.session, self.ctx, self.reason = session, ctx, reason
        self.now = m.utcnow()
        self.assign_reason = f"{reason} (มอบหมายโดยคณะกรรมการผ่านตารางคะแนน)"
        self.log = audit.Appender(session, actor, audit.Source.IMPORT)
        self.inspector_ids: dict[str, int] = {k: v[0] for k, v in ctx.inspectors.items()}
        self.stored: dict[tuple[int, int, str], _Stored] = {}
        self.assigned: set[tuple[int, int, str]] = set()
        self.added_inspectors: list[str] = []
        self.made_assignments: list[str] = []
        self.incomplete: list[tuple[str, str]] = []
        self.complete = 0
        self.s_added = self.s_updated = self.s_same = 0
        self.sh_added = self.sh_updated = self.sh_same = 0
        self._codes: dict[int, dict[int, str]] = {}
        # the new sheets' moment and statuses as the driver takes them, converted once
        self._now = bind_values(session, SHEETS, {"created_at": self.now})["created_at"]
        self._statuses = {
            status: bind_values(session, SHEETS, {"status": status})["status"]
            for status in m.SheetStatus
        }
        self._made: dict[tuple[int, float, str], tuple[str, tuple[str, str] | None]] = {}

    # --- what is stored already ----------------------------------------------------------

    def add_inspectors(self, sheets: list[SheetRows]) -> None:
        """Register the inspectors the database does not know, in the order first named."""
        names: dict[str, str] = {}
        for sheet in sheets:
            key = sheet.inspector_key
            if key not in self.inspector_ids:
                names.setdefault(key, sheet.inspector)
        added = [m.Inspector(name=name) for name in names.values()]
        self.session.add_all(added)
        self.session.flush()
        for inspector in added:
            self.inspector_ids[_key(inspector.name)] = inspector.id
            self.added_inspectors.append(inspector.name)
        self.log.add(
            audit.Change("create", "inspector", str(i.id), new={"name": i.name}) for i in added
        )

    def load(self, round_ids: list[int]) -> None:
        """The sheets and assignments of the rounds concerned (not their scores: per batch)."""
        for row in self.session.execute(
            select(
                SHEETS.c.round_id,
                SHEETS.c.inspector_id,
                SHEETS.c.tambon_code,
                SHEETS.c.id,
                SHEETS.c.uuid,
                SHEETS.c.status,
                SHEETS.c.version,
                SHEETS.c.submitted_at,
            )
            .where(SHEETS.c.round_id.in_(round_ids), SHEETS.c.conflict_of.is_(None))
            .order_by(SHEETS.c.id)
        ):
            self.stored.setdefault((row[0], row[1], row[2]), _Stored(*row[3:]))
        self.assigned = {
            (r, i, t)
            for r, i, t in self.session.execute(
                select(
                    ASSIGNMENTS.c.round_id, ASSIGNMENTS.c.inspector_id, ASSIGNMENTS.c.tambon_code
                ).where(ASSIGNMENTS.c.round_id.in_(round_ids))
            )
        }

    def stored_scores(self, ids: list[int]) -> dict[int, dict[int, tuple[int, float, str]]]:
        """The scores of these stored sheets: sheet id → criterion id → (score id, value, note)."""
        out: dict[int, dict[int, tuple[int, float, str]]] = {i: {} for i in ids}
        for chunk in _chunks(ids):
            for sid, sheet_id, cid, value, note in self.session.execute(
                select(
                    SCORES.c.id,
                    SCORES.c.sheet_id,
                    SCORES.c.criterion_id,
                    SCORES.c.value,
                    SCORES.c.note,
                ).where(SCORES.c.sheet_id.in_(chunk))
            ):
                out[sheet_id][cid] = (sid, value, note)
        return out

    # --- one batch -----------------------------------------------------------------------

    def batch(self, sheets: Sequence[SheetRows]) -> None:
        ids = self.inspector_ids
        places = [(s, (s.round_id, ids[s.inspector_key], s.tambon_code)) for s in sheets]
        kept = [self.stored[p].id for _, p in places if p in self.stored]
        scores = self.stored_scores(kept)
        # the new sheets' ids, known before they are inserted (db.bulk.reserve_ids)
        new_ids = iter(reserve_ids(self.session, SHEETS, len(places) - len(kept)))
        out = _Batch()
        for sheet, place in places:
            stored = self.stored.get(place)
            if stored is None:
                codes = self.codes(sheet.contest_id)
                self.new_sheet(out, sheet, place, next(new_ids), codes)
                self.sh_added += 1
                self.s_added += len(sheet.scores)
                if len(sheet.scores) == len(codes):
                    self.complete += 1  # a criterion at most once each, all of the contest's
                    continue
                have = {cid for cid, _, _ in sheet.scores}
            else:
                have = self.update_sheet(out, sheet, stored, scores[stored.id])
            self.completeness(sheet, have)
        self.write(out)

    def label(self, sheet: SheetRows) -> str:
        return f"{sheet.round_code} / {sheet.inspector} / {sheet.tambon_code}"

    def new_sheet(
        self,
        out: _Batch,
        sheet: SheetRows,
        place: tuple[int, int, str],
        sheet_id: int,
        codes: dict[int, str],
    ) -> None:
        round_id, inspector_id, tambon = place
        status = sheet.status or m.SheetStatus.SUBMITTED
        status_text = _STATUS_TEXT[status]
        uuid = m.new_uuid()
        now = self._now
        out.sheets += (
            sheet_id,
            uuid,
            round_id,
            inspector_id,
            tambon,
            self._statuses[status],
            1,
            0,
            "",
            now,
            now,
            now if status is m.SheetStatus.SUBMITTED else None,
        )
        # the logged facts (_facts), their common part and the tambon's JSON written once
        head = _facts_head(sheet.inspector, sheet.round_code)
        tambon_json = _json_string(tambon)
        changes = out.changes
        if place not in self.assigned:
            out.assignments += place
            self.assigned.add(place)
            self.made_assignments.append(self.label(sheet))
            changes.append(
                (
                    "create",
                    "assignment",
                    f"{sheet.round_code}/{tambon}/{inspector_id}",
                    None,
                    _facts_of(head, tambon_json),
                    self.assign_reason,
                )
            )
        reason = self.reason
        changes.append(
            (
                "create",
                "sheet",
                uuid,
                None,
                _facts_of(head, tambon_json, _STATUS_JSON[status]),
                reason,
            )
        )
        content: list[tuple[str, str]] | None = []
        new_scores, made = out.new_scores, self._made
        for cid, value, note in sheet.scores:
            note = note or ""
            new_scores += (sheet_id, cid, value, note)
            # a nonzero float's logged state and content JSON remembered (0.0 and -0.0 are
            # equal keys but are written apart)
            logged = made.get((cid, value, note)) if value and type(value) is float else None
            if logged is None:
                logged = self.score_texts(cid, value, note)
            changes.append(("create", "score", f"{uuid}/{codes[cid]}", None, logged[0], reason))
            if content is not None:
                if logged[1] is None:
                    content = None
                else:
                    content.append(logged[1])
        # sealed from what is written (version 1, no note, no photos, no lessons); a sheet has
        # each criterion once (scores_import), as new_sheet_digest_of takes them
        if content is None:
            scores = [[c, float(v), n or ""] for c, v, n in sheet.scores]
            out.seals[uuid] = new_sheet_digest(uuid, *place, status_text, scores)
        else:
            out.seals[uuid] = new_sheet_digest_of(uuid, *place, status_text, content)

    def score_texts(self, cid: int, value: float, note: str) -> tuple[str, tuple[str, str] | None]:
        """A new score's logged state and its sheet content's JSON (:func:`score_json`; None:
        the sheet is digested the plain way), remembered for a nonzero float (bounded)."""
        logged = (_score_state(value, note), score_json(cid, float(value), note))
        if value and type(value) is float:
            if len(self._made) >= 10_000:
                self._made.clear()
            self._made[(cid, value, note)] = logged
        return logged

    def update_sheet(
        self,
        out: _Batch,
        sheet: SheetRows,
        stored: _Stored,
        current: dict[int, tuple[int, float, str]],
    ) -> set[int]:
        changed = self.update_scores(out, sheet, stored, current)
        target = sheet.status or (m.SheetStatus.SUBMITTED if changed else stored.status)
        submitted_at = stored.submitted_at
        if target != stored.status:
            out.changes.append(
                (
                    "update",
                    "sheet",
                    stored.uuid,
                    audit.canonical({"status": str(stored.status)}),
                    audit.canonical({"status": str(target)}),
                    self.reason,
                )
            )
            if target is m.SheetStatus.SUBMITTED:
                submitted_at = self.now
            changed = True
        if changed:
            out.updated.append(stored.uuid)
            out.updated_sheets.append(
                {
                    "b_id": stored.id,
                    "b_status": target,
                    "b_version": stored.version + 1,
                    "b_updated_at": self.now,
                    "b_submitted_at": submitted_at,
                }
            )
            self.sh_updated += 1
        else:
            self.sh_same += 1
        return set(current) | {cid for cid, _, _ in sheet.scores}

    def update_scores(
        self,
        out: _Batch,
        sheet: SheetRows,
        stored: _Stored,
        current: dict[int, tuple[int, float, str]],
    ) -> bool:
        codes = self.codes(sheet.contest_id)
        changed = False
        for cid, value, row_note in sheet.scores:
            key = f"{stored.uuid}/{codes[cid]}"
            score = current.get(cid)
            if score is None:
                note = row_note or ""
                out.new_scores += (stored.id, cid, value, note)
                out.changes.append(
                    ("create", "score", key, None, _score_state(value, note), self.reason)
                )
                self.s_added += 1
                changed = True
                continue
            score_id, old_value, old_note = score
            note = old_note if row_note is None else row_note
            if abs(old_value - value) <= EPSILON and note == old_note:
                self.s_same += 1
                continue
            out.scores.append({"b_id": score_id, "b_value": value, "b_note": note})
            out.changes.append(
                (
                    "update",
                    "score",
                    key,
                    _score_state(old_value, old_note),
                    _score_state(value, note),
                    self.reason,
                )
            )
            self.s_updated += 1
            changed = True
        return changed

    def codes(self, contest_id: int) -> dict[int, str]:
        """The contest's criteria: id → code."""
        codes = self._codes.get(contest_id)
        if codes is None:
            criteria = self.ctx.criteria.get(contest_id, {}).values()
            codes = self._codes[contest_id] = {c.id: c.code for c in criteria}
        return codes

    def completeness(self, sheet: SheetRows, have: set[int]) -> None:
        by_id = self.codes(sheet.contest_id)
        missing = set(by_id) - have
        if not missing:
            self.complete += 1
            return
        gaps = {by_id[i] for i in missing}
        shown = [c for c in self.ctx.criteria_codes.get(sheet.contest_id, []) if c in gaps]
        self.incomplete.append((self.label(sheet), ", ".join(shown)))

    def write(self, out: _Batch) -> None:
        session = self.session
        insert_flat(session, SHEETS, _SHEET_COLUMNS, out.sheets, converted=_SHEET_CONVERTED)
        insert_flat(session, ASSIGNMENTS, _ASSIGNMENT_COLUMNS, out.assignments)
        # the scores' values are floats as read (tables.parse_number): none to convert
        insert_flat(session, SCORES, _SCORE_COLUMNS, out.new_scores, converted=("value",))
        if out.scores:
            session.execute(_UPDATE_SCORE, out.scores)
        if out.updated_sheets:
            session.execute(_UPDATE_SHEET, out.updated_sheets)
        # the stored sheets changed are sealed at the end, read back as stored; the new ones
        # now, from what was just written
        self.log.add_texts(out.changes, out.updated)
        self.log.seal(out.seals)

    def counts(self) -> ScoreCounts:
        return ScoreCounts(
            scores_added=self.s_added,
            scores_updated=self.s_updated,
            scores_unchanged=self.s_same,
            sheets_added=self.sh_added,
            sheets_updated=self.sh_updated,
            sheets_unchanged=self.sh_same,
            inspectors_added=self.added_inspectors,
            complete_sheets=self.complete,
            incomplete_sheets=self.incomplete,
            audit_entries=self.log.close(),
            assignments_added=tuple(self.made_assignments),
        )


def store_scores(
    session: Session,
    check: ScoreCheck,
    ctx: ScoreContext,
    *,
    actor: str,
    reason: str,
) -> ScoreCounts:
    """Create or update inspectors, sheets and scores for the checked sheets, in the caller's
    unit of work and a batch of sheets at a time, with an audit entry for every change (and a
    seal for every sheet changed). Identical data changes nothing."""
    with _page_cache(session), paused():
        store = _Store(session, ctx, actor=actor, reason=reason)
        store.add_inspectors(check.sheets)
        round_ids = sorted({s.round_id for s in check.sheets})
        if round_ids:
            store.load(round_ids)
        for start in range(0, len(check.sheets), BATCH):
            store.batch(check.sheets[start : start + BATCH])
        return store.counts()


@contextmanager
def _page_cache(session: Session) -> Iterator[None]:
    """On SQLite, a larger page cache while a big import writes (the audit log's indexes take
    random inserts: with SQLite's default 2 MB cache, pages spill to the WAL over and over and
    the time per row grows with the file); the connection's own size is put back after."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")
