"""Change leaders: replacing the leaders of tambons (from a file, :func:`people.import_leaders`,
or typed in the set-up screen, :func:`edit_leaders`), with one audit entry per tambon."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.io import people_import as pi
from evaluator.io.geography_import import tambon_code_of
from evaluator.io.tables import Row, Table, read_table
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.setup_context import load_context
from evaluator.services.users import user_in
from evaluator.text import name_key, normalise

LEADER_FIELDS = ("title", "first_name", "last_name", "position", "village", "phone")


@dataclass
class LeaderChanges:
    """What replacing leaders did."""

    added: int = 0
    removed: int = 0
    unchanged: int = 0
    replaced: list[str] = field(default_factory=list)
    changes: list[audit.Change] = field(default_factory=list)


def _values(row: m.Leader) -> tuple[str, str, str, str, str, str]:
    return (row.title, row.first_name, row.last_name, row.position, row.village, row.phone)


def _text(values: tuple[str, ...]) -> str:
    title, first, last, position = values[:4]
    return f"{title}{first} {last}" + (f" ({position})" if position else "")


def store_leaders(
    session: Session, by_tambon: Mapping[str, Sequence[pi.LeaderRecord]], reason: str
) -> LeaderChanges:
    """Replace the leaders of each tambon of ``by_tambon`` (in order) in the caller's unit of
    work; a tambon whose leaders are already exactly these is left alone."""
    codes = sorted(by_tambon)
    for start in range(0, len(codes), 500):
        # two replacements of one tambon at once (PostgreSQL) run one after the other, so the
        # second never keeps the first's leaders beside its own (SQLite: one writer anyway)
        chunk = codes[start : start + 500]
        session.execute(select(m.Tambon.code).where(m.Tambon.code.in_(chunk)).with_for_update())
    stored: dict[str, list[m.Leader]] = {}
    for start in range(0, len(codes), 500):
        for leader in session.scalars(
            select(m.Leader)
            .where(m.Leader.tambon_code.in_(codes[start : start + 500]))
            .order_by(m.Leader.id)
        ):
            stored.setdefault(leader.tambon_code, []).append(leader)
    out = LeaderChanges()
    for code in codes:
        new = [r.values for r in by_tambon[code]]
        old = [_values(r) for r in stored.get(code, [])]
        if new == old:
            out.unchanged += len(new)
            continue
        out.replaced.append(code)
        out.removed += len(old)
        out.added += len(new)
        action = "replace" if old and new else ("create" if new else "delete")
        out.changes.append(
            audit.Change(
                action,
                "leaders",
                code,
                old=[_text(v) for v in old] or None,
                new=[_text(v) for v in new] or None,
                reason=reason,
            )
        )
    for start in range(0, len(out.replaced), 500):
        chunk = out.replaced[start : start + 500]
        session.execute(delete(m.Leader).where(m.Leader.tambon_code.in_(chunk)))
    rows = [
        {
            "tambon_code": r.tambon_code,
            "title": r.title,
            "first_name": r.first_name,
            "last_name": r.last_name,
            "position": r.position,
            "village": r.village,
            "phone": r.phone,
        }
        for code in out.replaced
        for r in by_tambon[code]
    ]
    if rows:  # one executemany, in file order (the order certificates are numbered in)
        session.execute(insert(m.Leader), rows)
    session.flush()
    return out


def edit_leaders(
    db: Database,
    user: UserInfo,
    tambon_code: str,
    leaders: Sequence[Mapping[str, str]],
    *,
    reason: str = "",
) -> tuple[LeaderChanges, list[str]]:
    """Replace the leaders of one tambon with ``leaders`` (dicts of :data:`LEADER_FIELDS`, in
    order), checked like a file (rows numbered from 1; an empty list removes them all).
    Returns what changed and the warnings (more than 15)."""
    rows = [
        Row(i, {"tambon_code": tambon_code, **{k: normalise(d.get(k, "")) for k in LEADER_FIELDS}})
        for i, d in enumerate(leaders, start=1)
    ]
    rows = [r for r in rows if any(r.values[k] for k in LEADER_FIELDS)]
    table = Table(
        file=f"ผู้นำตำบล {tambon_code}",
        headers={},
        rows=rows,
        columns={c.field: c for c in pi.LEADER_COLUMNS},
    )
    with db.transaction() as s:
        acting = user_in(s, user.id)
        require(acting, Action.SET_UP_PEOPLE)
        ctx = load_context(s)
        if tambon_code not in ctx.tambons:
            raise NotFoundError(
                f"ไม่มีตำบลเป้าหมายรหัส {tambon_code} — {tambon_code} is not a target tambon"
            )
        if rows:
            check = pi.check_leaders(table, ctx)
            if check.problems:
                raise InputError(check.problems)
            by_tambon, warnings = check.by_tambon, check.warnings
        else:
            by_tambon, warnings = {tambon_code: []}, []
        changes = store_leaders(s, by_tambon, reason or "แก้ไขรายชื่อผู้นำในหน้าตั้งค่า")
        audit.record(s, acting.login, audit.Source.KEYBOARD, changes.changes)
        return changes, warnings


# --- choosing leaders (for their certificates) -------------------------------------------------

PICK_COLUMNS = (
    pi.LEADER_COLUMNS[0],  # tambon_code
    replace(pi.LEADER_COLUMNS[1], required=False),  # title: not needed to find a leader
    pi.LEADER_COLUMNS[2],  # first_name
    pi.LEADER_COLUMNS[3],  # last_name
)


def choose_leaders(
    db: Database,
    user: UserInfo,
    *,
    tambons: Sequence[str] = (),
    path: Path | str | None = None,
) -> list[int]:
    """The ids of the change leaders of ``tambons`` (codes) and of those a table file names
    (``tambon_code``, ``first_name``, ``last_name``, as in the leaders file; names matched as
    normalised): the choice ``certificates --kind leaders`` and the leaders list print. A code
    that is no target tambon, or a row naming nobody, is refused with the row named."""
    problems: list[Problem] = []
    codes: list[str] = []
    for text in tambons:
        code = tambon_code_of(text)
        if code is None:
            problems.append(
                Problem(
                    f"รหัสตำบล '{text}' ต้องเป็นตัวเลข 6 หลัก — tambon code '{text}' must be 6 digits"
                )
            )
        else:
            codes.append(code)
    table = read_table(path, PICK_COLUMNS) if path is not None else None
    with db.transaction() as s:
        require(user_in(s, user.id), Action.VIEW_TAMBONS)
        known = set(s.scalars(select(m.Tambon.code)))
        by_tambon: dict[str, list[tuple[int, str]]] = {}
        for leader in s.scalars(select(m.Leader).order_by(m.Leader.id)):
            key = name_key(f"{leader.first_name} {leader.last_name}")
            by_tambon.setdefault(leader.tambon_code, []).append((leader.id, key))
    problems += [
        Problem(f"ตำบล {c} ไม่อยู่ในรายชื่อตำบลเป้าหมาย — tambon {c} is not a target tambon")
        for c in codes
        if c not in known
    ]
    ids = [i for c in codes for i, _key in by_tambon.get(c, [])]
    for row in table.rows if table is not None else []:
        v = row.values
        code = tambon_code_of(v.get("tambon_code", ""))
        key = name_key(f"{v.get('first_name', '')} {v.get('last_name', '')}")
        found = [i for i, k in by_tambon.get(code or "", []) if k == key]
        if not found:
            assert table is not None
            problems.append(
                table.problem(
                    row.number,
                    "first_name",
                    f"ไม่มีผู้นำชื่อ {v.get('first_name', '')} {v.get('last_name', '')} "
                    f"ในตำบล {v.get('tambon_code', '')} — no such leader in this tambon:"
                    f" {v.get('first_name', '')} {v.get('last_name', '')},"
                    f" tambon {v.get('tambon_code', '')}",
                )
            )
        ids += found
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(ids))
