"""The order of a zone (or of the country): values closer than 1e-9 are equal, chained, each
key breaking the ties of the ones before it, then the name (DESIGN.md section 6).

Used by :mod:`evaluator.scoring.ranking` (which re-exports :func:`equal`,
:func:`ordered_groups` and :func:`status_of`); :func:`by_score` is ``ordered_groups`` of a
round's tambons before their results are made, by score first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from evaluator.scoring.model import EPSILON, Status

T = TypeVar("T")

Draft = dict[str, Any]  # a tambon's result before ranking: every field of TambonResult


# --- ordering --------------------------------------------------------------------------------


def equal(a: float, b: float) -> bool:
    """Values closer than 1e-9 are equal."""
    return abs(a - b) < EPSILON


def ordered_groups(
    items: Sequence[T], keys: Sequence[Callable[[T], float]], name: Callable[[T], str]
) -> list[list[T]]:
    """Items in descending order of ``keys`` (each key breaking ties of the ones before it),
    grouped where every key is equal. Values closer than 1e-9 are equal; such values are
    chained (a ≈ b ≈ c is one group), so the grouping does not depend on the input order.
    Within a group, items are in order of ``name``."""
    if len(items) <= 1 or not keys:
        return [sorted(items, key=name)] if items else []
    key, rest = keys[0], keys[1:]
    ordered = sorted(items, key=lambda item: (-key(item), name(item)))
    groups: list[list[T]] = []
    current: list[T] = []
    previous: float | None = None
    for item in ordered:
        value = key(item)
        if previous is not None and not equal(previous, value):
            groups.extend(ordered_groups(current, rest, name))
            current = []
        current.append(item)
        previous = value
    if current:
        groups.extend(ordered_groups(current, rest, name))
    return groups


def status_of(rank: int, shared: int, quota: int) -> Status:
    """Winner when the whole group sharing ``rank`` fits in the quota; tie when the group
    starts within the quota but runs past it; otherwise eligible."""
    if rank + shared - 1 <= quota:
        return Status.WINNER
    if rank <= quota:
        return Status.TIE
    return Status.ELIGIBLE


def by_score(
    drafts: Sequence[Draft], rest: Sequence[Callable[[Draft], float]]
) -> list[list[Draft]]:
    """``ordered_groups(drafts, [score, *rest], code)``, its first level without a call per
    key: in descending order of score, then code (each tambon's code is its own), grouped where
    the scores are equal (closer than 1e-9, chained); a group of more than one ordered by
    ``rest``."""
    if len(drafts) <= 1:
        return [list(drafts)] if drafts else []
    ordered = [d for _, _, d in sorted([(-d["score"], d["tambon"].code, d) for d in drafts])]
    groups: list[list[Draft]] = []
    current = [ordered[0]]
    previous = ordered[0]["score"]
    for d in ordered[1:]:
        value = d["score"]
        if abs(previous - value) < EPSILON:
            current.append(d)
        else:
            groups.extend(_rest(current, rest))
            current = [d]
        previous = value
    groups.extend(_rest(current, rest))
    return groups


def _rest(group: list[Draft], rest: Sequence[Callable[[Draft], float]]) -> list[list[Draft]]:
    if len(group) == 1:
        return [group]
    return ordered_groups(group, rest, _code)


def _code(d: Draft) -> str:
    code: str = d["tambon"].code
    return code


def tie_key(i: int) -> Callable[[Draft], float]:
    """A tambon's mean of its round's ``i``-th tie-break criterion."""

    def key(d: Draft) -> float:
        value: float = d["tie_break"][i][1]
        return value

    return key
