"""Setting up the contest's people from the department's files: inspectors, assignments and
change leaders (DESIGN.md sections 2 and 5).

Each import reads and checks the whole file first (:mod:`evaluator.io.people_import`), then
writes in one unit of work with an audit entry per change: a file with any bad row raises
:class:`~evaluator.errors.InputError` naming every one and leaves the database as it was.
Only a user whose stored role may :data:`~evaluator.permissions.Action.SET_UP_PEOPLE` (admin)
imports. The same file imported twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.io import people_import as pi
from evaluator.io import users_import
from evaluator.io.tables import Table, read_table
from evaluator.io.templates import example_of
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.imports import (
    ImportSummary,
    file_digest,
    log_import,
    previously_imported,
)
from evaluator.services.leaders import store_leaders
from evaluator.services.setup_context import authorise, load_context
from evaluator.services.users import NewAccount, UserSpec, add_users, user_in
from evaluator.text import name_key

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


@dataclass(frozen=True)
class Stored:
    """What storing a checked people table did, before it is summarised as an import."""

    added: int
    updated: int
    unchanged: int
    warnings: list[str]
    details: dict[str, int]


def store_inspectors(
    s: Session, user: UserInfo, table: Table, *, source: audit.Source = audit.Source.IMPORT
) -> Stored:
    """Check an inspectors table and store it in the caller's unit of work (all or nothing):
    new names added, known names updated (the name as stored then takes the table's form only
    when it differs by more than normalisation), one audit entry per change by ``user``."""
    acting = authorise(s, user)
    check = pi.check_inspectors(table, load_context(s))
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
    audit.record(s, acting.login, source, changes)
    return Stored(added, updated, unchanged, check.warnings, {"audit_entries": len(changes)})


def import_inspectors(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Add the inspectors of a table file and update those whose name is known
    (:func:`store_inspectors`)."""
    path = Path(path)
    with db.transaction() as s:
        authorise(s, user)  # before reading: a refused user learns nothing about the file
    table = read_table(path, pi.INSPECTOR_COLUMNS, name=name, example=example_of("inspectors"))
    digest = file_digest(path)
    with db.transaction() as s:
        stored = store_inspectors(s, user, table)
        return _summarise(s, "inspectors", table, digest, user_in(s, user.id).login, stored)


def _summarise(
    s: Session, kind: str, table: Table, digest: str, actor: str, stored: Stored
) -> ImportSummary:
    """What an import of ``kind`` did, logged as an import when it changed anything."""
    summary = ImportSummary(
        kind=kind,
        file=table.file,
        sha256=digest,
        rows=len(table.rows),
        added=stored.added,
        updated=stored.updated,
        unchanged=stored.unchanged,
        details=stored.details,
        warnings=table.example_warnings() + stored.warnings,
        previously_imported=previously_imported(s, kind, digest),
    )
    if summary.changed:
        log_import(s, summary, actor)
    return summary


# --- assignments -----------------------------------------------------------------------------


def store_assignments(
    s: Session, user: UserInfo, table: Table, *, source: audit.Source = audit.Source.IMPORT
) -> Stored:
    """Check an assignments table and add its assignments in the caller's unit of work (those
    already stored are left as they are; none is removed), one audit entry each by ``user``.
    Warnings name an inspector outside the tambon's zone or from its province."""
    acting = authorise(s, user)
    check = pi.check_assignments(table, load_context(s))
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
    new_rows: list[dict[str, object]] = []
    for r in check.records:
        if (r.round_id, r.inspector_id, r.tambon_code) in existing:
            continue
        new_rows.append(
            {"round_id": r.round_id, "inspector_id": r.inspector_id, "tambon_code": r.tambon_code}
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
    if new_rows:  # one executemany, in the table's order
        s.execute(insert(m.Assignment), new_rows)
    audit.record(s, acting.login, source, changes)
    return Stored(
        len(new_rows),
        0,
        len(check.records) - len(new_rows),
        check.warnings,
        {"audit_entries": len(changes)},
    )


def import_assignments(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Add the assignments of a table file (:func:`store_assignments`)."""
    path = Path(path)
    with db.transaction() as s:
        authorise(s, user)  # before reading: a refused user learns nothing about the file
    table = read_table(path, pi.ASSIGNMENT_COLUMNS, name=name, example=example_of("assignments"))
    digest = file_digest(path)
    with db.transaction() as s:
        stored = store_assignments(s, user, table)
        return _summarise(s, "assignments", table, digest, user_in(s, user.id).login, stored)


# --- leaders ---------------------------------------------------------------------------------


def import_leaders(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> ImportSummary:
    """Replace the change leaders of every tambon the file names, in the file's order; the
    leaders of other tambons are kept. More than 15 in a tambon is a warning."""
    path = Path(path)
    with db.transaction() as s:
        authorise(s, user)  # before reading: a refused user learns nothing about the file
    table = read_table(path, pi.LEADER_COLUMNS, name=name, example=example_of("leaders"))
    digest = file_digest(path)
    with db.transaction() as s:
        acting = authorise(s, user)
        check = pi.check_leaders(table, load_context(s))
        if check.problems:
            raise InputError(check.problems)
        reason = f"นำเข้ารายชื่อผู้นำการเปลี่ยนแปลงจากไฟล์ {table.file}"
        done = store_leaders(s, check.by_tambon, reason)
        audit.record(s, acting.login, audit.Source.IMPORT, done.changes)
        stored = Stored(
            done.added,
            0,
            done.unchanged,
            check.warnings,
            {
                "tambons_replaced": len(done.replaced),
                "leaders_removed": done.removed,
                "audit_entries": len(done.changes),
            },
        )
        return _summarise(s, "leaders", table, digest, acting.login, stored)


# --- templates -------------------------------------------------------------------------------


@dataclass
class UsersImport:
    """The accounts a users file made (each with its one-time password, shown once) and the
    warnings that did not refuse the file."""

    accounts: list[NewAccount] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_users(
    db: Database, user: UserInfo, path: Path | str, *, name: str | None = None
) -> UsersImport:
    """Add the accounts of a users file (``login``, ``name``, ``role``, ``inspector``) through
    :func:`evaluator.services.users.add_users`: all of them with one-time passwords, or (any bad
    row, a login already taken) none, every problem named by file, row and field."""
    path = Path(path)
    with db.transaction() as s:
        require(user_in(s, user.id), Action.MANAGE_USERS)  # before reading the file
    table = read_table(path, users_import.USER_COLUMNS, name=name, example=example_of("users"))
    with db.transaction() as s:
        check = users_import.check_users(table, load_context(s))
        taken = set(s.scalars(select(m.User.login)))
    problems = list(check.problems)
    for r in check.records:
        if r.login in taken:
            problems.append(
                table.problem(r.row, "login", f"มีชื่อเข้าระบบ '{r.login}' แล้ว — the login is taken")
            )
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.row or 0))
    specs = [
        UserSpec(r.login, r.name, m.Role(r.role), r.inspector, row=r.row) for r in check.records
    ]
    try:
        made = add_users(db, user, specs)
    except InputError as refused:  # a login taken meanwhile: name the file too
        raise InputError(
            [Problem(p.message, p.file or table.file, p.row, p.field) for p in refused.problems]
        ) from None
    return UsersImport(made, check.warnings)


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
