"""Loading a contest file (criteria and rounds) into the database, and the default contest."""

from __future__ import annotations

import dataclasses
import getpass
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import select

import resources
from evaluator import audit
from evaluator.contest.parse import parse_contest
from evaluator.contest.spec import ContestSpec
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.services.contest import apply_contest, contest_spec
from evaluator.services.contest_changes import ContestEdit

DEFAULT_CONTEST_FILE = "contest_default.toml"


@dataclass(frozen=True)
class ContestImportResult:
    """What importing a contest file did."""

    code: str
    title: str
    created: bool
    changed: bool
    rubric_version: int
    rubric_version_bumped: bool
    criteria: int
    rounds: int
    changes: tuple[str, ...]
    """The changes in Thai, as the audit log keeps them."""
    edits: tuple[ContestEdit, ...] = ()

    def change_lines(self, lang: str | None = None) -> list[str]:
        """The changes for the person who imported the file, in ``lang`` (default: the current
        language); the audit log keeps the Thai (:attr:`changes`)."""
        return [edit.text(lang) for edit in self.edits]


def default_contest_path() -> Path:
    """The shipped default contest (an editable template)."""
    return resources.path(DEFAULT_CONTEST_FILE)


@cache
def default_contest_spec() -> ContestSpec:
    """The shipped default contest, checked."""
    path = default_contest_path()
    return parse_contest(path.read_text(encoding="utf-8"), str(path))


def current_actor() -> str:
    """Who runs this program, for the audit log when no signed-in user is known."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _read_text(path: Path) -> tuple[str, bytes]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem("ไฟล์ต้องเข้ารหัสเป็น UTF-8 — the file must be UTF-8", file=str(path))]
        ) from exc


def import_contest_spec(
    db: Database, spec: ContestSpec, *, actor: str, filename: str = "", sha256: str = ""
) -> ContestImportResult:
    """Store a checked contest in one unit of work, with an audit entry when anything changed."""
    with db.transaction() as s:
        before = s.scalar(select(m.Contest).where(m.Contest.code == spec.code))
        old = dataclasses.asdict(contest_spec(s, before)) if before is not None else None
        change = apply_contest(s, spec)
        if change.changed:
            audit.record(
                s,
                actor,
                audit.Source.IMPORT,
                [
                    audit.Change(
                        action="create" if change.created else "update",
                        entity="contest",
                        entity_key=spec.code,
                        old=old,
                        new=dataclasses.asdict(spec),
                        reason="; ".join(change.changes) or (filename and f"นำเข้า {filename}"),
                    )
                ],
            )
            if filename:
                s.add(
                    m.ImportRecord(
                        kind="contest",
                        filename=filename,
                        sha256=sha256,
                        actor=actor,
                        summary={
                            "contest": spec.code,
                            "created": change.created,
                            "rubric_version": change.rubric_version,
                            "changes": list(change.changes),
                        },
                    )
                )
    return ContestImportResult(
        code=change.code,
        title=change.title,
        created=change.created,
        changed=change.changed,
        rubric_version=change.rubric_version,
        rubric_version_bumped=change.rubric_version_bumped,
        criteria=len(spec.criteria),
        rounds=len(spec.rounds),
        changes=change.changes,
        edits=change.edits,
    )


def import_contest(db: Database, path: Path, actor: str | None = None) -> ContestImportResult:
    """Check a contest file and store it: all of it, or (on any problem) nothing."""
    text, data = _read_text(path)
    spec = parse_contest(text, str(path))
    return import_contest_spec(
        db,
        spec,
        actor=actor or current_actor(),
        filename=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def import_default_contest(db: Database, actor: str | None = None) -> ContestImportResult:
    """Store the shipped default contest (CL2564)."""
    return import_contest(db, default_contest_path(), actor)
