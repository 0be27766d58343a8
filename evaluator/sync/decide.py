"""The merge rules: what to do with one incoming sheet, as a pure function of plain data.

:func:`decide_package` (a signed package's sheet) and :func:`decide_scoresheet` (a row of an
Excel scoresheet) decide; :mod:`evaluator.sync.apply` gathers what they need from the database
and carries the decisions out, with an audit entry for every change.

Versions and lineages
    A sheet is known everywhere by its ``uuid``. Every saved change bumps ``version``; an edit does
    not touch ``base_version`` (the services in ``evaluator.services.sheets`` work so). An inspector
    is the only author of the versions in their packages, so the versions of one uuid they send
    form one line: a higher version descends from every lower one.

    What this database has *received* of a uuid (version → content hash) is remembered in the
    audit log: every sync entry (actions ``sync.*``) names the uuid and the version and content
    hash it received. The local sheet is *clean* when its content is still the content of the
    last version received; then a newer version simply replaces it. When a committee member has
    changed the sheet since (it is *dirty*), a newer version is kept beside it as a conflict copy
    (a ``Sheet`` row with a fresh uuid and ``conflict_of`` = the sheet's uuid) until somebody
    resolves the conflict with a reason (:func:`resolve`). Nothing is ever dropped silently:
    a conflict copy that loses is kept, marked ``locked`` (superseded), and the audit log holds
    both contents.

The rules for a package's sheet (``iv``/``ih``: incoming version and content hash):
    * round finalised or sheet locked: never changed (outcome ``locked``, reported, logged);
    * unknown uuid: inserted; but when this inspector already has another sheet for the same
      tambon and round (a *twin*, e.g. from an Excel import), it becomes a conflict copy of it;
    * ``(iv, ih)`` received before, or the content is already here or in an open conflict copy:
      nothing changes (``duplicate``); same content under a new version: only remembered
      (``receive``);
    * never received anything of this uuid (both databases began as copies of one, like two
      copies of the demo): replace when the incoming version is newer and the audit log shows no
      change made to the sheet here, or when ``base_version`` equals the local version (the
      inspector started from what we have); else conflict;
    * ``iv`` lower than the last version received ``R``: an older package (``stale``), nothing;
    * ``iv == R`` with other content: the inspector's history forked (a restored backup): conflict;
    * ``iv > R``: replace when the local sheet is clean, else conflict.

Conflict copies never count in rankings: every reader filters ``conflict_of IS NULL``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

# --- the decision ----------------------------------------------------------------------------


class Outcome(StrEnum):
    """What a merge does with one incoming sheet."""

    INSERT = "insert"
    REPLACE = "replace"
    CONFLICT = "conflict"
    RECEIVE = "receive"
    DUPLICATE = "duplicate"
    STALE = "stale"
    LOCKED = "locked"

    @property
    def changes(self) -> bool:
        return self in (Outcome.INSERT, Outcome.REPLACE, Outcome.CONFLICT)

    @property
    def label(self) -> str:
        """The outcome in Thai."""
        return OUTCOME_TITLES[self]


OUTCOME_TITLES = {
    Outcome.INSERT: "แบบประเมินใหม่",
    Outcome.REPLACE: "ปรับเป็นฉบับใหม่กว่า",
    Outcome.CONFLICT: "ขัดแย้ง เก็บไว้ทั้งสองฉบับ",
    Outcome.RECEIVE: "เนื้อหาเดิม บันทึกรุ่นไว้",
    Outcome.DUPLICATE: "เคยรับแล้ว ไม่เปลี่ยนแปลง",
    Outcome.STALE: "เก่ากว่าฉบับที่มีอยู่ ไม่เปลี่ยนแปลง",
    Outcome.LOCKED: "รอบนี้ยืนยันผลแล้ว ไม่เปลี่ยนแปลง",
}
OUTCOME_TITLES_EN = {
    Outcome.INSERT: "new sheet",
    Outcome.REPLACE: "updated to a newer version",
    Outcome.CONFLICT: "conflict, both versions kept",
    Outcome.RECEIVE: "same content, version noted",
    Outcome.DUPLICATE: "received before, not changed",
    Outcome.STALE: "older than the version here, not changed",
    Outcome.LOCKED: "round finalised, not changed",
}


@dataclass(frozen=True)
class Target:
    """The local sheet an incoming sheet merges into (same uuid, or a twin)."""

    uuid: str
    version: int
    base_version: int
    content_hash: str
    locked: bool


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str


def decide_package(
    incoming_uuid: str,
    version: int,
    base_version: int,
    content_hash: str,
    target: Target | None,
    received: Mapping[int, frozenset[str]],
    challengers: frozenset[str],
    round_final: bool,
    changed_here: bool = True,
) -> Decision:
    """What to do with one sheet of a signed package (see the module docstring).

    ``changed_here``: whether the audit log holds a change to the local sheet made here (only
    looked at while nothing of this uuid was ever received, as when both databases started as
    copies of one).
    """
    here = target is not None and target.content_hash == content_hash
    if content_hash in received.get(version, frozenset()):
        return Decision(Outcome.DUPLICATE, "ฉบับนี้เคยรับแล้ว — this version was received before")
    if round_final or (target is not None and target.locked):
        if here:
            return Decision(Outcome.DUPLICATE, "เนื้อหาเหมือนเดิม — same content")
        return Decision(
            Outcome.LOCKED,
            "รอบนี้ยืนยันผลแล้ว แบบประเมินแก้ไขไม่ได้ — the round is finalised; the sheet is locked",
        )
    if target is None:
        return Decision(Outcome.INSERT, "แบบประเมินใหม่ — a new sheet")
    if here:
        return Decision(Outcome.RECEIVE, "เนื้อหาเหมือนที่มีอยู่ — the content is already here")
    if content_hash in challengers:
        return Decision(Outcome.DUPLICATE, "อยู่ในรายการขัดแย้งแล้ว — already kept as a conflict")
    twin = target.uuid != incoming_uuid
    if not received:
        if not twin and version > target.version and not changed_here:
            return Decision(
                Outcome.REPLACE,
                "รุ่นใหม่กว่า และไม่มีการแก้ไขที่นี่ — a newer version; never changed here",
            )
        if not twin and base_version == target.version:
            return Decision(
                Outcome.REPLACE,
                "ผู้ประเมินแก้จากฉบับที่ตรงกับที่มีอยู่ — edited from the version held here",
            )
        reason = (
            "ผู้ประเมินคนเดียวกันมีแบบประเมินอีกฉบับของตำบลนี้ในรอบนี้"
            " — the inspector already has another sheet for this tambon and round"
            if twin
            else "แก้ไขทั้งสองฝั่งจากฉบับเดียวกัน — both sides changed the sheet"
        )
        return Decision(Outcome.CONFLICT, reason)
    last = max(received)
    if version < last:
        return Decision(
            Outcome.STALE,
            f"รุ่น {version} เก่ากว่ารุ่น {last} ที่เคยรับ — older than version {last} received",
        )
    if version == last:
        return Decision(
            Outcome.CONFLICT,
            f"รุ่น {version} เดียวกันแต่เนื้อหาต่างกัน — same version {version}, other content",
        )
    if target.content_hash in received[last]:
        return Decision(Outcome.REPLACE, f"รุ่นใหม่กว่า ({last} → {version}) — a newer version")
    return Decision(
        Outcome.CONFLICT,
        "คณะกรรมการแก้ไขแบบประเมินนี้หลังรับรุ่นก่อน และผู้ประเมินก็แก้ไขด้วย"
        " — changed here and by the inspector since the last version received",
    )


def decide_scoresheet(
    content_hash: str,
    base_hash: str | None,
    target: Target | None,
    received: frozenset[str],
    challengers: frozenset[str],
    round_final: bool,
) -> Decision:
    """What to do with one sheet of an Excel scoresheet: a three-way merge against the content
    it was exported with (``base_hash``; None for a sheet that did not exist then).

    ``received``: contents already taken from this same workbook (a second import is a no-op).
    """
    if base_hash is not None and content_hash == base_hash:
        return Decision(Outcome.DUPLICATE, "ไม่ได้แก้ไขในไฟล์ — unchanged in the workbook")
    here = target is not None and target.content_hash == content_hash
    if here or content_hash in received or content_hash in challengers:
        return Decision(Outcome.DUPLICATE, "เคยรับแล้ว — already here")
    if round_final or (target is not None and target.locked):
        return Decision(
            Outcome.LOCKED,
            "รอบนี้ยืนยันผลแล้ว แบบประเมินแก้ไขไม่ได้ — the round is finalised; the sheet is locked",
        )
    if target is None:
        return Decision(Outcome.INSERT, "แบบประเมินใหม่ — a new sheet")
    if base_hash is not None and target.content_hash == base_hash:
        return Decision(
            Outcome.REPLACE, "แก้ไขในไฟล์ Excel — changed in the workbook, unchanged here"
        )
    return Decision(
        Outcome.CONFLICT,
        "แก้ไขทั้งในไฟล์ Excel และในโปรแกรมหลังส่งออกไฟล์"
        " — changed both in the workbook and here since it was exported",
    )
