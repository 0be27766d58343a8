"""Setting up the contest's people from the department's files: inspectors, assignments and
change leaders (DESIGN.md sections 2 and 5).

Each import reads and checks the whole file first (:mod:`evaluator.io.people_import`), then
writes in one unit of work with an audit entry per change: a file with any bad row raises
:class:`~evaluator.errors.InputError` naming every one and leaves the database as it was.
Only a user whose stored role may :data:`~evaluator.permissions.Action.SET_UP_PEOPLE` (admin)
imports. The same file imported twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.io import people_import as pi
from evaluator.io.tables import read_table
from evaluator.io.templates import example_of
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.imports import (
    ImportSummary,
    file_digest,
    log_import,
    previously_imported,
)
from evaluator.services.users import user_in
from evaluator.text import name_key


def actor_of(user: UserInfo) -> str:
    """The audit log's actor for ``user``: the login when accounts have one, else the name."""
    return str(getattr(user, "login", "") or user.name)


def load_context(session: Session) -> pi.PeopleContext:
    """Everything a people table is checked against, in a handful of queries."""
    ctx = pi.PeopleContext()
    for code, name_th, name_en, zone in session.execute(
        select(m.Province.code, m.Province.name_th, m.Province.name_en, m.Province.zone_number)
    ):
        ctx.add_province(code, name_th, name_en, zone)
    for code, name, province in session.execute(
        select(m.Tambon.code, m.Tambon.name_th, m.District.province_code).join(
            m.District, m.Tambon.district_code == m.District.code
        )
    ):
        ctx.tambons[code] = (name, province)
    inspectors = select(
        m.Inspector.id, m.Inspector.name, m.Inspector.zone_number, m.Inspector.home_province_code
    )
    for iid, name, inspector_zone, home in session.execute(inspectors.order_by(m.Inspector.id)):
        person = pi.InspectorInfo(iid, name, inspector_zone, home)
        ctx.inspectors.setdefault(name_key(name), person)
    for cid, code in session.execute(select(m.Contest.id, m.Contest.code).order_by(m.Contest.id)):
        ctx.contests[name_key(code)] = cid
        if ctx.first_contest is None:
            ctx.first_contest = cid
    for r in session.execute(
        select(
            m.Round.id, m.Round.contest_id, m.Round.code, m.Round.title, m.Round.finalised_at
        ).order_by(m.Round.contest_id, m.Round.position, m.Round.id)
    ):
        info = pi.RoundInfo(r.id, r.contest_id, r.code, r.finalised_at is not None)
        for key in {name_key(r.code), name_key(r.title or r.code)}:
            ctx.rounds.setdefault(key, []).append(info)
    return ctx


def _authorise(session: Session, user: UserInfo) -> UserInfo:
    acting = user_in(session, user.id)
    require(acting, Action.SET_UP_PEOPLE)
    return acting


# --- inspectors ------------------------------------------------------------------------------


def _inspector_values(r: pi.InspectorRecord, row: m.Inspector | None) -> dict[str, object]:
    values: dict[str, object] = {
        "name": r.name,
        "position": r.position,
        "zone_number": r.zone,
        "home_province_code": r.home_province,
    }
    if r.phone is not None:
        values["phone"] = r.phone
    if r.email is not None:
        values["email"] = r.email
    if row is not None:
        values = {k: v for k, v in values.items() if getattr(row, k) != v}
    return values


def import_inspectors(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Add the inspectors of a table file and update those whose name is known (the name as
    stored then takes the file's form only when it differs by more than normalisation)."""
    path = Path(path)
    with db.transaction() as s:
        _authorise(s, user)  # before reading: a refused user learns nothing about the file
    table = read_table(path, pi.INSPECTOR_COLUMNS, name=name, example=example_of("inspectors"))
    digest = file_digest(path)
    with db.transaction() as s:
        acting = _authorise(s, user)
        ctx = load_context(s)
        check = pi.check_inspectors(table, ctx)
        if check.problems:
            raise InputError(check.problems)
        stored = {name_key(i.name): i for i in s.scalars(select(m.Inspector))}
        changes: list[audit.Change] = []
        added = updated = unchanged = 0
        reason = f"นำเข้ารายชื่อผู้ประเมินจากไฟล์ {table.file}"
        for r in check.records:
            row = stored.get(name_key(r.name))
            if row is None:
                row = m.Inspector(**_inspector_values(r, None))
                s.add(row)
                s.flush()
                changes.append(
                    audit.Change(
                        "create",
                        "inspector",
                        str(row.id),
                        new=_inspector_values(r, None),
                        reason=reason,
                    )
                )
                added += 1
                continue
            diff = _inspector_values(r, row)
            diff.pop("name", None)  # the same name in another form: keep the stored one
            if not diff:
                unchanged += 1
                continue
            old = {k: getattr(row, k) for k in diff}
            for key, value in diff.items():
                setattr(row, key, value)
            changes.append(
                audit.Change("update", "inspector", str(row.id), old=old, new=diff, reason=reason)
            )
            updated += 1
        audit.record(s, actor_of(acting), audit.Source.IMPORT, changes)
        summary = ImportSummary(
            kind="inspectors",
            file=table.file,
            sha256=digest,
            rows=len(table.rows),
            added=added,
            updated=updated,
            unchanged=unchanged,
            details={"audit_entries": len(changes)},
            warnings=table.example_warnings() + check.warnings,
            previously_imported=previously_imported(s, "inspectors", digest),
        )
        if summary.changed:
            log_import(s, summary, actor_of(acting))
    return summary


# --- assignments -----------------------------------------------------------------------------


def import_assignments(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Add the assignments of a table file (those already stored are left as they are; none is
    removed). Warnings name an inspector outside the tambon's zone or from its province."""
    path = Path(path)
    with db.transaction() as s:
        _authorise(s, user)  # before reading: a refused user learns nothing about the file
    table = read_table(path, pi.ASSIGNMENT_COLUMNS, name=name, example=example_of("assignments"))
    digest = file_digest(path)
    with db.transaction() as s:
        acting = _authorise(s, user)
        ctx = load_context(s)
        check = pi.check_assignments(table, ctx)
        if check.problems:
            raise InputError(check.problems)
        round_ids = {r.round_id for r in check.records}
        existing = {
            (r.round_id, r.inspector_id, r.tambon_code)
            for r in s.execute(
                select(
                    m.Assignment.round_id, m.Assignment.inspector_id, m.Assignment.tambon_code
                ).where(m.Assignment.round_id.in_(round_ids))
            )
        }
        reason = f"นำเข้าการมอบหมายจากไฟล์ {table.file}"
        changes: list[audit.Change] = []
        new_rows: list[m.Assignment] = []
        for r in check.records:
            if (r.round_id, r.inspector_id, r.tambon_code) in existing:
                continue
            new_rows.append(
                m.Assignment(
                    round_id=r.round_id, inspector_id=r.inspector_id, tambon_code=r.tambon_code
                )
            )
            changes.append(
                audit.Change(
                    "create",
                    "assignment",
                    f"{r.round_code}/{r.inspector_id}/{r.tambon_code}",
                    new={"round": r.round_code, "inspector": r.inspector, "tambon": r.tambon_code},
                    reason=reason,
                )
            )
        s.add_all(new_rows)
        s.flush()
        audit.record(s, actor_of(acting), audit.Source.IMPORT, changes)
        summary = ImportSummary(
            kind="assignments",
            file=table.file,
            sha256=digest,
            rows=len(table.rows),
            added=len(new_rows),
            updated=0,
            unchanged=len(check.records) - len(new_rows),
            details={"audit_entries": len(changes)},
            warnings=table.example_warnings() + check.warnings,
            previously_imported=previously_imported(s, "assignments", digest),
        )
        if summary.changed:
            log_import(s, summary, actor_of(acting))
    return summary


# --- leaders ---------------------------------------------------------------------------------


def _leader_values(row: m.Leader) -> tuple[str, str, str, str, str, str]:
    return (row.title, row.first_name, row.last_name, row.position, row.village, row.phone)


def _leader_text(values: tuple[str, ...]) -> str:
    title, first, last, position = values[:4]
    return f"{title}{first} {last}" + (f" ({position})" if position else "")


def import_leaders(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Replace the change leaders of every tambon the file names, in the file's order; the
    leaders of other tambons are kept. More than 15 in a tambon is a warning."""
    path = Path(path)
    with db.transaction() as s:
        _authorise(s, user)  # before reading: a refused user learns nothing about the file
    table = read_table(path, pi.LEADER_COLUMNS, name=name, example=example_of("leaders"))
    digest = file_digest(path)
    with db.transaction() as s:
        acting = _authorise(s, user)
        ctx = load_context(s)
        check = pi.check_leaders(table, ctx)
        if check.problems:
            raise InputError(check.problems)
        codes = sorted(check.by_tambon)
        stored: dict[str, list[m.Leader]] = {}
        for start in range(0, len(codes), 500):
            for leader in s.scalars(
                select(m.Leader)
                .where(m.Leader.tambon_code.in_(codes[start : start + 500]))
                .order_by(m.Leader.id)
            ):
                stored.setdefault(leader.tambon_code, []).append(leader)
        reason = f"นำเข้ารายชื่อผู้นำการเปลี่ยนแปลงจากไฟล์ {table.file}"
        changes: list[audit.Change] = []
        added = removed = unchanged = 0
        replaced: list[str] = []
        for code in codes:
            new = [r.values for r in check.by_tambon[code]]
            old = [_leader_values(r) for r in stored.get(code, [])]
            if new == old:
                unchanged += len(new)
                continue
            replaced.append(code)
            removed += len(old)
            added += len(new)
            changes.append(
                audit.Change(
                    "replace" if old else "create",
                    "leaders",
                    code,
                    old=[_leader_text(v) for v in old] or None,
                    new=[_leader_text(v) for v in new],
                    reason=reason,
                )
            )
        for start in range(0, len(replaced), 500):
            s.execute(
                delete(m.Leader).where(m.Leader.tambon_code.in_(replaced[start : start + 500]))
            )
        s.add_all(
            m.Leader(
                tambon_code=r.tambon_code,
                title=r.title,
                first_name=r.first_name,
                last_name=r.last_name,
                position=r.position,
                village=r.village,
                phone=r.phone,
            )
            for code in replaced
            for r in check.by_tambon[code]
        )
        s.flush()
        audit.record(s, actor_of(acting), audit.Source.IMPORT, changes)
        summary = ImportSummary(
            kind="leaders",
            file=table.file,
            sha256=digest,
            rows=len(table.rows),
            added=added,
            updated=0,
            unchanged=unchanged,
            details={
                "tambons_replaced": len(replaced),
                "leaders_removed": removed,
                "audit_entries": len(changes),
            },
            warnings=table.example_warnings() + check.warnings,
            previously_imported=previously_imported(s, "leaders", digest),
        )
        if summary.changed:
            log_import(s, summary, actor_of(acting))
    return summary


# --- templates -------------------------------------------------------------------------------


def template_choices(db: Database) -> tuple[list[str], list[str]]:
    """The stored round and criterion codes, in contest order: the templates' drop-down lists."""
    with db.transaction() as s:
        rounds = s.scalars(select(m.Round.code).order_by(m.Round.contest_id, m.Round.position))
        criteria = s.scalars(
            select(m.Criterion.code).order_by(m.Criterion.contest_id, m.Criterion.position)
        )
        return list(dict.fromkeys(rounds)), list(dict.fromkeys(criteria))


def write_template(db: Database | None, kind: str, path: Path | str) -> Path:
    """Write the blank template of ``kind`` (:data:`evaluator.io.templates.KINDS`) to ``path``,
    with the database's rounds and criteria as drop-down lists when a database is given."""
    from evaluator.io import templates

    if kind not in templates.KINDS:
        raise InputError(
            [Problem(f"ไม่มีแบบฟอร์ม '{kind}' (มี: {', '.join(templates.KINDS)}) — unknown template")]
        )
    rounds, criteria = template_choices(db) if db is not None else ([], [])
    return templates.write_template(kind, path, rounds=rounds, criteria=criteria)
