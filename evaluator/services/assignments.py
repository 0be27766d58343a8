"""Changing one assignment by hand (admin): adding or removing an inspector of a tambon in a
round, from the set-up screen or ``evaluator assignments add|remove``.

Adding one goes through the assignments import's own check and store (a one-row table: the same
problems and the same warnings, an inspector outside the tambon's zone or from its province).
Removing one is refused, changing nothing, when the inspector already has a sheet for that
tambon in that round (the sheet's scores would still count while nobody is assigned to it: what
was entered is never silently cut loose), and when the round is finalised. Every change is
audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.io.geography_import import tambon_code_of
from evaluator.io.people_import import ASSIGNMENT_COLUMNS
from evaluator.io.tables import Row, Table
from evaluator.permissions import UserInfo
from evaluator.services.people import store_assignments
from evaluator.services.round_context import find_round
from evaluator.services.setup_context import authorise
from evaluator.text import name_key, normalise

_STATUS = {
    m.SheetStatus.DRAFT: "ร่าง — draft",
    m.SheetStatus.SUBMITTED: "ส่งแล้ว — submitted",
    m.SheetStatus.LOCKED: "ปิดผลแล้ว — locked",
}


@dataclass(frozen=True)
class RemovedAssignment:
    """The assignment that was removed."""

    round_code: str
    inspector: str
    tambon_code: str
    tambon: str


@dataclass(frozen=True)
class AddedAssignment:
    """Whether the assignment is new (False: it was there already), and the warnings."""

    added: bool
    warnings: list[str]


def add_assignment(
    db: Database,
    user: UserInfo,
    round_code: str,
    inspector: str,
    tambon_code: str,
    *,
    contest: str | None = None,
) -> AddedAssignment:
    """Assign ``inspector`` (name) to ``tambon_code`` in ``round_code`` (admin), checked like a
    row of an assignments file: unknown names and codes, a finalised round refused (nothing
    changed); an inspector outside the tambon's zone or from its province added with a warning.
    Audited like the import."""
    values = {"round": round_code, "inspector": inspector, "tambon_code": tambon_code}
    if contest:
        values["contest"] = contest
    table = Table(
        file="การมอบหมาย (แก้ไขในหน้าตั้งค่า)",
        headers={},
        rows=[Row(1, {k: normalise(v) for k, v in values.items()})],
        columns={c.field: c for c in ASSIGNMENT_COLUMNS},
    )
    with db.transaction() as s:
        stored = store_assignments(s, user, table, source=audit.Source.KEYBOARD)
    return AddedAssignment(stored.added == 1, stored.warnings)


def _inspector(session: Session, text: str) -> m.Inspector:
    key = name_key(text)
    found = [i for i in session.scalars(select(m.Inspector)) if name_key(i.name) == key]
    if not found:
        raise NotFoundError(f"ไม่มีผู้ประเมินชื่อ '{text}' — no inspector '{text}'")
    return found[0]


def remove_assignment(
    db: Database,
    user: UserInfo,
    round_code: str,
    inspector: str,
    tambon_code: str,
    *,
    contest: str | None = None,
    reason: str = "",
) -> RemovedAssignment:
    """Remove the assignment of ``inspector`` (name, matched as normalised) to ``tambon_code``
    in ``round_code``: admin only, refused when the round is finalised or the inspector already
    has a sheet there (its status named), audited with ``reason``."""
    code = tambon_code_of(tambon_code)
    if code is None:
        raise InputError(
            [
                Problem(
                    f"รหัสตำบล '{tambon_code}' ต้องเป็นตัวเลข 6 หลัก"
                    f" — tambon code '{tambon_code}' must be 6 digits",
                    field="tambon_code",
                )
            ]
        )
    with db.transaction() as s:
        acting = authorise(s, user)
        rnd = find_round(s, round_code, contest)
        person = _inspector(s, inspector)
        tambon = s.get(m.Tambon, code)
        row = s.scalar(
            select(m.Assignment)
            .where(
                m.Assignment.round_id == rnd.id,
                m.Assignment.inspector_id == person.id,
                m.Assignment.tambon_code == code,
            )
            .with_for_update()
        )
        place = f"ตำบล{tambon.name_th} ({code})" if tambon is not None else f"ตำบล {code}"
        if row is None:
            raise NotFoundError(
                f"{person.name} ไม่ได้รับมอบหมาย{place} ในรอบ {rnd.code}"
                f" — no such assignment: {person.name} is not assigned tambon {code} in round"
                f" {rnd.code}"
            )
        if rnd.finalised_at is not None:
            raise InputError(
                [
                    Problem(
                        f"รอบ {rnd.code} ปิดผลแล้ว เปลี่ยนการมอบหมายไม่ได้"
                        f" — round {rnd.code} is finalised: its assignments cannot change",
                        field="round",
                    )
                ]
            )
        sheet = s.scalar(
            select(m.Sheet).where(
                m.Sheet.round_id == rnd.id,
                m.Sheet.inspector_id == person.id,
                m.Sheet.tambon_code == code,
            )
        )
        if sheet is not None:
            raise InputError(
                [
                    Problem(
                        f"{person.name} มีแบบประเมินของ{place} ในรอบ {rnd.code} แล้ว "
                        f"(สถานะ {_STATUS[m.SheetStatus(sheet.status)]}) คะแนนในแบบนั้นยังนับอยู่ "
                        f"จึงถอนการมอบหมายไม่ได้ — {person.name} already has a sheet for tambon"
                        f" {code} in round {rnd.code}; its scores still count, so the assignment"
                        " stays",
                        field="inspector",
                    )
                ]
            )
        s.delete(row)
        audit.record(
            s,
            acting.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "delete",
                    "assignment",
                    f"{rnd.code}/{person.id}/{code}",
                    old={"round": rnd.code, "inspector": person.name, "tambon": code},
                    reason=reason or "ถอนการมอบหมาย — assignment removed",
                )
            ],
        )
        return RemovedAssignment(
            rnd.code, person.name, code, tambon.name_th if tambon is not None else ""
        )
