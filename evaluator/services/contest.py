"""Storing a contest (DESIGN.md section 6): the parsed form of evaluator.contest in the database.

:func:`apply_contest` stores a :class:`ContestSpec` in the caller's transaction, creating the
contest or bringing an existing one up to date; :func:`contest_spec` and
:func:`load_contest_spec` read a stored contest back into the same form. The user action that
reads a file, checks permission and audits is :mod:`evaluator.services.contest_import`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from evaluator.contest.spec import (
    ROUND_KEYS,
    SETTINGS_KEYS,
    SPREAD_THRESHOLD,
    ContestSettings,
    ContestSpec,
    CriterionSpec,
    LevelSpec,
    RoundSpec,
)
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, Problem
from evaluator.services.contest_changes import ORDER, ContestEdit


@dataclass(frozen=True)
class ContestChange:
    """What storing a contest did."""

    contest_id: int
    code: str
    title: str
    created: bool
    changed: bool
    rubric_version: int
    rubric_version_bumped: bool
    edits: tuple[ContestEdit, ...]

    @property
    def changes(self) -> tuple[str, ...]:
        """The changes in Thai, as the audit log keeps them."""
        return tuple(e.record for e in self.edits)


def contest_spec(session: Session, contest: m.Contest) -> ContestSpec:
    """A stored contest in its parsed form."""
    criteria = tuple(
        CriterionSpec(
            code=c.code,
            title=c.title,
            max_score=c.max_score,
            weight=c.weight,
            description=c.description,
            levels=tuple(
                LevelSpec(lv.min_score, lv.max_score, lv.label, lv.description)
                for lv in sorted(c.levels, key=lambda lv: lv.min_score)
            ),
        )
        for c in sorted(contest.criteria, key=lambda c: c.position)
    )
    rounds = tuple(
        RoundSpec(
            code=r.code,
            title=r.title,
            prize_baht=r.prize_baht,
            winners_per_zone=r.winners_per_zone,
            winners=r.winners,
            min_sheets=r.min_sheets,
            min_score=r.min_score,
            aggregation=r.aggregation,
            tie_break=tuple(r.tie_break or ()),
            eligible_from=r.eligible_from,
        )
        for r in sorted(contest.rounds, key=lambda r: r.position)
    )
    raw = contest.settings or {}
    threshold = raw.get("spread_threshold", SPREAD_THRESHOLD)
    settings = ContestSettings(
        conflict_of_interest=str(raw.get("conflict_of_interest", "exclude")),
        double_award=str(raw.get("double_award", "both")),
        spread_threshold=(
            float(threshold) if isinstance(threshold, int | float) else SPREAD_THRESHOLD
        ),
    )
    return ContestSpec(contest.code, contest.title, criteria, rounds, settings)


def load_contest_spec(session: Session, code: str | None = None) -> ContestSpec | None:
    """The stored contest ``code`` (the first one when None) in its parsed form."""
    query = select(m.Contest).order_by(m.Contest.id).limit(1)
    if code is not None:
        query = select(m.Contest).where(m.Contest.code == code)
    contest = session.scalar(query)
    return contest_spec(session, contest) if contest is not None else None


def _criterion_row(spec: CriterionSpec, contest_id: int, position: int) -> m.Criterion:
    row = m.Criterion(
        contest_id=contest_id,
        code=spec.code,
        position=position,
        title=spec.title,
        description=spec.description,
        max_score=spec.max_score,
        weight=spec.weight,
    )
    row.levels = [
        m.CriterionLevel(
            min_score=lv.min_score,
            max_score=lv.max_score,
            label=lv.label,
            description=lv.description,
        )
        for lv in spec.levels
    ]
    return row


def _round_values(spec: RoundSpec, position: int) -> dict[str, Any]:
    return {
        "code": spec.code,
        "position": position,
        "title": spec.title,
        "prize_baht": spec.prize_baht,
        "winners_per_zone": spec.winners_per_zone,
        "winners": spec.winners,
        "min_sheets": spec.min_sheets,
        "min_score": spec.min_score,
        "aggregation": spec.aggregation,
        "tie_break": list(spec.tie_break),
        "eligible_from": spec.eligible_from,
    }


def _differences(old: object, new: object, names: Sequence[str]) -> list[str]:
    out = []
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            if isinstance(a, str) and isinstance(b, str) and (len(a) > 40 or len(b) > 40):
                out.append(name)
            else:
                out.append(f"{name} {a!r} → {b!r}")
    return out


def apply_contest(session: Session, spec: ContestSpec) -> ContestChange:
    """Store a contest in the caller's transaction: create it, or update the one with its code.

    The same contest stored twice changes nothing. A changed rubric on a contest that already has
    scored sheets bumps ``rubric_version``. Refused (LockedError) when a round is finalised;
    refused (InputError) when the change would orphan or invalidate stored scores or sheets.
    """
    contest = session.scalar(select(m.Contest).where(m.Contest.code == spec.code))
    if contest is None:
        contest = m.Contest(
            code=spec.code, title=spec.title, rubric_version=1, settings=spec.settings.as_dict()
        )
        session.add(contest)
        session.flush()
        session.add_all(_criterion_row(c, contest.id, i) for i, c in enumerate(spec.criteria))
        session.add_all(
            m.Round(contest_id=contest.id, **_round_values(r, i)) for i, r in enumerate(spec.rounds)
        )
        session.flush()
        return ContestChange(
            contest.id,
            spec.code,
            spec.title,
            created=True,
            changed=True,
            rubric_version=contest.rubric_version,
            rubric_version_bumped=False,
            edits=(
                ContestEdit(
                    "created",
                    spec.code,
                    count=(("criteria", len(spec.criteria)), ("rounds", len(spec.rounds))),
                ),
            ),
        )

    old = contest_spec(session, contest)
    if old == spec:
        return ContestChange(
            contest.id,
            spec.code,
            spec.title,
            created=False,
            changed=False,
            rubric_version=contest.rubric_version,
            rubric_version_bumped=False,
            edits=(),
        )
    finalised = [r.code for r in contest.rounds if r.finalised_at is not None]
    if finalised:
        raise LockedError(
            f"การประกวด {spec.code} มีรอบที่ปิดผลแล้ว ({', '.join(finalised)}) จึงแก้ไขเกณฑ์และรอบไม่ได้ "
            f"— contest {spec.code} has finalised rounds; it cannot change"
        )
    _refuse_harmful_changes(session, contest, spec)

    changes: list[ContestEdit] = []
    if contest.title != spec.title:
        changes.append(ContestEdit("title"))
        contest.title = spec.title
    if old.settings != spec.settings:
        fields = tuple(_differences(old.settings, spec.settings, SETTINGS_KEYS))
        changes.append(ContestEdit("settings", fields=fields))
        contest.settings = spec.settings.as_dict()

    rubric_changed = old.criteria != spec.criteria
    _update_criteria(session, contest, old, spec, changes)
    _update_rounds(session, contest, old, spec, changes)

    bumped = False
    if rubric_changed and _has_scored_sheets(session, contest.id):
        contest.rubric_version += 1
        bumped = True
        changes.append(ContestEdit("rubric_version", count=(("version", contest.rubric_version),)))
    session.flush()
    session.expire(contest)
    return ContestChange(
        contest.id,
        spec.code,
        spec.title,
        created=False,
        changed=True,
        rubric_version=contest.rubric_version,
        rubric_version_bumped=bumped,
        edits=tuple(changes),
    )


def _has_scored_sheets(session: Session, contest_id: int) -> bool:
    found = session.scalar(
        select(m.Score.id)
        .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
        .join(m.Round, m.Sheet.round_id == m.Round.id)
        .where(m.Round.contest_id == contest_id)
        .limit(1)
    )
    return found is not None


def _refuse_harmful_changes(session: Session, contest: m.Contest, spec: ContestSpec) -> None:
    problems: list[Problem] = []
    new_criteria = {c.code: (i, c) for i, c in enumerate(spec.criteria)}
    for crit in contest.criteria:
        count, top = session.execute(
            select(func.count(m.Score.id), func.max(m.Score.value)).where(
                m.Score.criterion_id == crit.id
            )
        ).one()
        photos = session.scalar(
            select(func.count(m.Photo.id)).where(m.Photo.criterion_id == crit.id)
        )
        if crit.code not in new_criteria:
            if count or photos:
                problems.append(
                    Problem(
                        f"เกณฑ์ '{crit.code}' มีคะแนนหรือภาพถ่ายบันทึกไว้แล้ว จึงลบออกไม่ได้ — "
                        f"criterion {crit.code} has scores or photos and cannot be removed",
                        field="criteria",
                    )
                )
            continue
        i, new = new_criteria[crit.code]
        if top is not None and top > new.max_score:
            problems.append(
                Problem(
                    f"มีคะแนนที่บันทึกแล้วสูงถึง {top:g} เกินคะแนนเต็มใหม่ {new.max_score:g} — "
                    "stored scores exceed the new max_score",
                    field=f"criteria[{i}].max_score",
                )
            )
    new_rounds = {r.code for r in spec.rounds}
    for rnd in contest.rounds:
        if rnd.code in new_rounds:
            continue
        used = session.scalar(
            select(func.count(m.Sheet.id)).where(m.Sheet.round_id == rnd.id)
        ) or session.scalar(
            select(func.count(m.Assignment.id)).where(m.Assignment.round_id == rnd.id)
        )
        if used:
            problems.append(
                Problem(
                    f"รอบ '{rnd.code}' มีแบบประเมินหรือการมอบหมายแล้ว จึงลบออกไม่ได้ — "
                    f"round {rnd.code} has sheets or assignments and cannot be removed",
                    field="rounds",
                )
            )
    if problems:
        raise InputError(problems)


def _update_criteria(
    session: Session,
    contest: m.Contest,
    old_spec: ContestSpec,
    spec: ContestSpec,
    changes: list[ContestEdit],
) -> None:
    existing = {c.code: c for c in contest.criteria}
    wanted = {c.code for c in spec.criteria}
    for code, gone in existing.items():
        if code not in wanted:
            session.execute(
                delete(m.CriterionLevel).where(m.CriterionLevel.criterion_id == gone.id)
            )
            session.delete(gone)
            changes.append(ContestEdit("criterion_removed", code))
    session.flush()
    for position, new in enumerate(spec.criteria):
        row = existing.get(new.code)
        if row is None:
            session.add(_criterion_row(new, contest.id, position))
            changes.append(ContestEdit("criterion_added", new.code))
            continue
        old = old_spec.criterion(new.code)
        diff = _differences(old, new, ("title", "description", "max_score", "weight"))
        if old.levels != new.levels:
            diff.append("levels")
            session.execute(delete(m.CriterionLevel).where(m.CriterionLevel.criterion_id == row.id))
            session.expire(row, ["levels"])
            session.add_all(
                m.CriterionLevel(
                    criterion_id=row.id,
                    min_score=lv.min_score,
                    max_score=lv.max_score,
                    label=lv.label,
                    description=lv.description,
                )
                for lv in new.levels
            )
        if row.position != position:
            diff.append(ORDER)
        row.title, row.description = new.title, new.description
        row.max_score, row.weight, row.position = new.max_score, new.weight, position
        if diff:
            changes.append(ContestEdit("criterion_changed", new.code, tuple(diff)))
    session.flush()


def _update_rounds(
    session: Session,
    contest: m.Contest,
    old_spec: ContestSpec,
    spec: ContestSpec,
    changes: list[ContestEdit],
) -> None:
    existing = {r.code: r for r in contest.rounds}
    wanted = {r.code for r in spec.rounds}
    for code, gone in existing.items():
        if code not in wanted:
            session.delete(gone)
            changes.append(ContestEdit("round_removed", code))
    session.flush()
    old_rounds = {r.code: r for r in old_spec.rounds}
    for position, new in enumerate(spec.rounds):
        row = existing.get(new.code)
        values = _round_values(new, position)
        if row is None:
            session.add(m.Round(contest_id=contest.id, **values))
            changes.append(ContestEdit("round_added", new.code))
            continue
        diff = _differences(old_rounds[new.code], new, ROUND_KEYS[1:])
        if row.position != position:
            diff.append(ORDER)
        for name, value in values.items():
            setattr(row, name, value)
        if diff:
            changes.append(ContestEdit("round_changed", new.code, tuple(diff)))
    session.flush()
