"""Errors that carry what a user needs to fix their input."""

from __future__ import annotations

from dataclasses import dataclass, field

from evaluator.i18n import Catalog, in_language

TEXT = Catalog(
    "errors",
    {
        "row": ("แถว {row}", "row {row}"),
        "field": ("ช่อง '{field}'", "field '{field}'"),
        "more": ("… และอีก {count} ข้อ", "… and {count} more"),
    },
)


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
            where.append(TEXT.text("row", row=self.row))
        if self.field:
            where.append(TEXT.text("field", field=self.field))
        prefix = ", ".join(where)
        message = in_language(self.message)
        return f"{prefix}: {message}" if prefix else message


class EvaluatorError(Exception):
    """Base of every error the core reports to a user.

    Its message is written "ไทย — English"; ``str()`` gives it in the current language (the
    English part in the app's English mode, the whole message otherwise: the command line's
    Thai with its English), ``whole`` gives it as written."""

    @property
    def whole(self) -> str:
        """The message as written, in both languages."""
        return super().__str__()

    def __str__(self) -> str:
        return in_language(self.whole)


@dataclass
class InputError(EvaluatorError):
    """Input that cannot be accepted; nothing was changed."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def whole(self) -> str:
        return "\n".join(p.message for p in self.problems)

    def __str__(self) -> str:
        shown = self.problems[:50]
        lines = [str(p) for p in shown]
        if len(self.problems) > len(shown):
            lines.append(TEXT.text("more", count=len(self.problems) - len(shown)))
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
