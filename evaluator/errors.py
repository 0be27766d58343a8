"""Errors that carry what a user needs to fix their input."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of an input file."""

    message: str
    file: str | None = None
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"แถว {self.row}")
        if self.field:
            where.append(f"ช่อง '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class EvaluatorError(Exception):
    """Base of every error the core reports to a user."""


@dataclass
class InputError(EvaluatorError):
    """Input that cannot be accepted; nothing was changed."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        shown = self.problems[:50]
        lines = [str(p) for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"… และอีก {len(self.problems) - len(shown)} ข้อ")
        return "\n".join(lines)


class NotFoundError(EvaluatorError):
    """A named thing (round, inspector, tambon) does not exist."""


class PermissionDenied(EvaluatorError):
    """The current user's role may not do this."""


class AuthError(EvaluatorError):
    """Sign-in refused: unknown login, wrong password, disabled or locked account, no password
    where one is needed."""


class LockedError(EvaluatorError):
    """The round is finalised; its sheets and result cannot change."""


class SchemaTooNewError(EvaluatorError):
    """The database was written by a newer version of the program."""
