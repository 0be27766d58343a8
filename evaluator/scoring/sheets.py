"""Sheet totals, which sheets count, and the aggregations (DESIGN.md section 6).

Pure functions over :mod:`evaluator.scoring.model`, used by :mod:`evaluator.scoring.ranking`
(which re-exports them). Sums use :func:`math.fsum`, so a result does not depend on the order
of the input rows. Which sheets count, and why only counted sheets take part in the z-score
statistics: see :mod:`evaluator.scoring.ranking`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, overload

from evaluator.scoring.model import (
    COUNTED_STATUSES,
    EPSILON,
    Aggregation,
    ConflictRule,
    Criterion,
    Sheet,
    Tambon,
    frozen_instance,
)

# --- sheets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetResult:
    """What became of one sheet: its total, whether it counts and why not, its z-score."""

    key: str
    inspector: str
    tambon_code: str
    status: str
    total: float | None
    counted: bool
    reason: str = ""
    reason_en: str = ""
    missing: tuple[str, ...] = ()
    conflict_of_interest: bool = False
    merge_conflict: bool = False
    z: float | None = None
    rescaled: float | None = None
    superseded: bool = False


# every field of a counted sheet with nothing to say, but the five of its own
_USUAL = {
    "counted": True,
    "reason": "",
    "reason_en": "",
    "missing": (),
    "conflict_of_interest": False,
    "merge_conflict": False,
    "z": None,
    "rescaled": None,
    "superseded": False,
}
_OWN = {"key", "inspector", "tambon_code", "status", "total"}
if _USUAL.keys() | _OWN != SheetResult.__dataclass_fields__.keys():  # pragma: no cover
    raise AssertionError("_USUAL must give every other field of SheetResult")


def _usual(sheet: Sheet, total: float | None) -> SheetResult:
    """The result of a counted sheet with nothing to say: the same as ``SheetResult(...)``,
    built without the frozen ``__init__``'s one ``object.__setattr__`` per field (most sheets
    of a round are such sheets), its fields in their order."""
    return frozen_instance(
        SheetResult,
        {
            "key": sheet.key,
            "inspector": sheet.inspector,
            "tambon_code": sheet.tambon_code,
            "status": sheet.status,
            "total": total,
            **_USUAL,
        },
    )


def sheet_total(
    criteria: Sequence[Criterion], scores: Mapping[str, float]
) -> tuple[float | None, tuple[str, ...]]:
    """Σ weight × score / max_score over the criteria, and the codes of missing criteria.

    The total is None when any criterion is missing (the sheet is incomplete).
    """
    try:  # the usual sheet, every criterion scored: one pass, the same terms and sum
        total = math.fsum([c.weight * scores[c.code] / c.max_score for c in criteria])
    except (KeyError, ValueError):  # a criterion missing; inf - inf
        total = math.nan
    if math.isfinite(total):
        return total, ()
    missing = tuple(
        c.code for c in criteria if c.code not in scores or not math.isfinite(scores[c.code])
    )
    if missing:
        return None, missing
    return math.fsum(c.weight * scores[c.code] / c.max_score for c in criteria), ()


@cache
def _totaller(count: int) -> Callable[..., Callable[[Mapping[str, float]], float]]:
    """For a contest of ``count`` criteria: a function that takes each criterion's code, weight
    and max_score in turn and gives the total of a sheet's scores, ``math.fsum`` of ``weight *
    scores[code] / max_score`` over the criteria in order: the terms and the sum of
    :func:`sheet_total` (a missing code raises KeyError, an infinite sum ValueError, as there).

    A round's thousands of usual sheets: the terms written out one by one cost two thirds of
    a comprehension over the criteria (no loop, no tuple unpacked per term). As
    :mod:`dataclasses` does, the function is written for the number of criteria and compiled
    once; its text holds nothing but that number (codes, weights and maxima are arguments)."""
    names = [(f"k{i}", f"w{i}", f"m{i}") for i in range(count)]
    terms = "".join(f"{w} * scores[{k}] / {m}, " for k, w, m in names)
    text = (
        f"def totaller({''.join(f'{k}, {w}, {m}, ' for k, w, m in names)}):\n"
        f"    def total(scores):\n"
        f"        return fsum(({terms}))\n"
        f"    return total\n"
    )
    namespace: dict[str, Any] = {"fsum": math.fsum}
    exec(compile(text, f"<total of {count} criteria>", "exec"), namespace)
    made: Callable[..., Callable[[Mapping[str, float]], float]] = namespace["totaller"]
    return made


def is_conflict_of_interest(sheet: Sheet, tambon: Tambon | None) -> bool:
    """The inspector's home province is the tambon's province."""
    return bool(
        tambon is not None
        and sheet.inspector_home_province
        and tambon.province_code
        and sheet.inspector_home_province == tambon.province_code
    )


def evaluate_sheet(
    sheet: Sheet,
    criteria: Sequence[Criterion],
    tambon: Tambon | None,
    conflict_rule: ConflictRule,
) -> SheetResult:
    """A sheet's total and whether it counts, with the reasons it does not."""
    total, missing = sheet_total(criteria, sheet.scores)
    coi = is_conflict_of_interest(sheet, tambon)
    if (
        not missing
        and not coi
        and tambon is not None
        and sheet.conflict_of is None
        and sheet.status in COUNTED_STATUSES
    ):  # the usual sheet: counted, nothing to say (what the reasons below come to)
        return _usual(sheet, total)
    superseded = sheet.conflict_of is not None and sheet.status == "locked"
    merge_conflict = sheet.conflict_of is not None and not superseded
    reasons: list[tuple[str, str]] = []
    if tambon is None:
        reasons.append(("ไม่พบตำบลนี้ในรายชื่อตำบลเป้าหมาย", "unknown tambon"))
    if merge_conflict:
        reasons.append(
            (
                "เป็นฉบับที่ขัดแย้งกับแบบประเมินอีกฉบับ รอคณะกรรมการแก้ไข",
                "a merge-conflict copy awaiting resolution",
            )
        )
    elif superseded:
        reasons.append(
            (
                "เป็นฉบับที่ถูกแทนที่แล้วเมื่อแก้ข้อขัดแย้ง",
                "a conflict copy superseded when the conflict was resolved",
            )
        )
    elif sheet.status not in COUNTED_STATUSES:
        if sheet.status == "draft":
            reasons.append(("ยังเป็นร่าง ไม่ได้ส่ง", "draft, not submitted"))
        else:
            reasons.append((f"สถานะ '{sheet.status}' ไม่นับ", f"status '{sheet.status}'"))
    if missing and not superseded:
        codes = ", ".join(missing)
        reasons.append((f"กรอกไม่ครบ ขาดเกณฑ์ {codes}", f"incomplete: missing {codes}"))
    if coi and conflict_rule is ConflictRule.EXCLUDE:
        reasons.append(
            (
                "ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล (ส่วนได้ส่วนเสีย) จึงไม่นับ",
                "conflict of interest: the inspector's home province is the tambon's; excluded",
            )
        )
    counted = not reasons
    if counted and coi:
        reasons_shown = [
            (
                "ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล (ส่วนได้ส่วนเสีย) นับคะแนนแต่ทำเครื่องหมายไว้",
                "conflict of interest: counted but flagged",
            )
        ]
    else:
        reasons_shown = reasons
    return SheetResult(
        key=sheet.key,
        inspector=sheet.inspector,
        tambon_code=sheet.tambon_code,
        status=sheet.status,
        total=total,
        counted=counted,
        reason="; ".join(r[0] for r in reasons_shown),
        reason_en="; ".join(r[1] for r in reasons_shown),
        missing=missing,
        conflict_of_interest=coi,
        merge_conflict=merge_conflict,
        superseded=superseded,
    )


def evaluate_sheets(
    sheets: Iterable[Sheet],
    criteria: Sequence[Criterion],
    tambons: Mapping[str, Tambon],
    conflict_rule: ConflictRule,
) -> list[SheetResult]:
    """:func:`evaluate_sheet` of each sheet (its tambon looked up in ``tambons``): the results
    of :func:`evaluate_round`."""
    return evaluate_round(sheets, criteria, tambons, conflict_rule)[0]


Own = tuple[list[SheetResult], list[float], list[Mapping[str, float]]]
"""A tambon's sheets evaluated: their results (in the order of the sheets), then its counted
sheets' totals and scores (in the same order)."""


def evaluate_round(
    sheets: Iterable[Sheet],
    criteria: Sequence[Criterion],
    tambons: Mapping[str, Tambon],
    conflict_rule: ConflictRule,
) -> tuple[list[SheetResult], dict[str, Own]]:
    """:func:`evaluate_sheet` of each sheet (its tambon looked up in ``tambons``), and the
    results by tambon code with the totals and scores of its counted sheets.

    The usual sheet (every criterion scored, a finite total, counted, nothing to say) is done
    in one pass: the same terms summed by the same ``math.fsum``, the same result. Any other
    sheet goes through :func:`evaluate_sheet` itself. A round's sheets come in order of tambon,
    so the tambon, and where its sheets go, are looked up once per run of its sheets."""
    terms = [x for c in criteria for x in (c.code, c.weight, c.max_score)]
    total_of = _totaller(len(criteria))(*terms)
    # every field in its place, the five of the sheet's own filled in for each
    usual = {"key": "", "inspector": "", "tambon_code": "", "status": "", "total": 0.0, **_USUAL}
    new = object.__new__
    isfinite = math.isfinite
    results: list[SheetResult] = []
    append = results.append
    groups: dict[str, Own] = {}
    code: str | None = None
    tambon: Tambon | None = None
    province: str | None = None
    own: list[SheetResult] = []
    totals: list[float] = []
    own_scores: list[Mapping[str, float]] = []
    for sheet in sheets:
        scores = sheet.scores
        if sheet.tambon_code != code:  # the next tambon's sheets
            code = sheet.tambon_code
            tambon = tambons.get(code)
            province = tambon.province_code if tambon is not None else None
            if code not in groups:
                groups[code] = ([], [], [])
            own, totals, own_scores = groups[code]
        home = sheet.inspector_home_province
        try:  # Σ weight × score / max_score, each term as sheet_total makes it
            total = total_of(scores)
        except (KeyError, ValueError, OverflowError):  # missing; inf - inf; too large
            total = math.nan  # evaluate_sheet says what
        if (
            tambon is not None
            and isfinite(total)
            and sheet.conflict_of is None
            and sheet.status in COUNTED_STATUSES
            and not (home and province and home == province)
        ):
            made = new(SheetResult)  # what _usual(sheet, total) makes, in the fields' order
            fields = made.__dict__
            fields.update(usual)
            fields["key"] = sheet.key
            fields["inspector"] = sheet.inspector
            fields["tambon_code"] = code
            fields["status"] = sheet.status
            fields["total"] = total
            append(made)
            own.append(made)
            totals.append(total)
            own_scores.append(scores)
        else:
            result = evaluate_sheet(sheet, criteria, tambon, conflict_rule)
            append(result)
            own.append(result)
            if result.counted:  # complete, so its total is a number
                assert result.total is not None
                totals.append(result.total)
                own_scores.append(scores)
    return results, groups


# --- criterion means -------------------------------------------------------------------------


def means_of(
    spec: Sequence[tuple[str, float]], own: Sequence[Mapping[str, float]]
) -> tuple[tuple[str, float], ...]:
    """Each criterion's (code, max_score) in ``spec``: its mean of score / max_score over the
    scores ``own`` of a tambon's counted sheets (empty: none)."""
    if not own:
        return ()
    # mean() inlined: the same terms and the same exactly rounded sum (one or two terms: a
    # float addition is itself exactly rounded, so fsum([a, b]) == a + b); list comprehensions,
    # not generators, inside tuple() (a thousand tambons × ten criteria)
    if len(own) == 1:
        one = own[0]
        return tuple([(k, one[k] / mx) for k, mx in spec])
    if len(own) == 2:
        a, b = own
        return tuple([(k, (a[k] / mx + b[k] / mx) / 2) for k, mx in spec])
    fsum = math.fsum
    if len(own) == 3:  # the same sum of three terms, made without the inner comprehension
        a, b, c = own
        return tuple([(k, fsum((a[k] / mx, b[k] / mx, c[k] / mx)) / 3) for k, mx in spec])
    n = len(own)
    return tuple([(k, fsum([scores[k] / mx for scores in own]) / n) for k, mx in spec])


class CriterionMeans(Sequence[tuple[str, float]]):
    """A tambon's criterion means (:func:`means_of`: (code, mean of score / max_score) per
    criterion, in the criteria's order), worked out when first read: ranking a round needs
    only the tie-break criteria's, and a thousand tambons × ten criteria is a sixth of its
    time. Reads, compares, hashes and prints as the tuple it stands for."""

    __slots__ = ("_means", "_own", "_spec")

    def __init__(
        self, spec: Sequence[tuple[str, float]], own: Sequence[Mapping[str, float]]
    ) -> None:
        self._spec: Sequence[tuple[str, float]] | None = spec
        self._own: Sequence[Mapping[str, float]] | None = own
        self._means: tuple[tuple[str, float], ...] | None = None

    @property
    def values(self) -> tuple[tuple[str, float], ...]:
        """The means as a tuple (worked out now if they were not yet)."""
        means = self._means
        if means is None:
            assert self._spec is not None and self._own is not None
            means = self._means = means_of(self._spec, self._own)
            self._spec = self._own = None  # the scores are no longer needed
        return means

    def __len__(self) -> int:
        return len(self.values)

    @overload
    def __getitem__(self, index: int) -> tuple[str, float]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[str, float], ...]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, float] | tuple[tuple[str, float], ...]:
        return self.values[index]

    def __iter__(self) -> Iterator[tuple[str, float]]:
        return iter(self.values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CriterionMeans):
            return self.values == other.values
        if isinstance(other, tuple):
            return self.values == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.values)

    def __repr__(self) -> str:
        return repr(self.values)

    def __reduce__(self) -> tuple[type[tuple[tuple[str, float], ...]], tuple[object, ...]]:
        return (tuple, (self.values,))  # pickled and copied as the tuple it stands for


# --- aggregation -----------------------------------------------------------------------------


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (exactly rounded sum, so the order of values does not matter)."""
    if not values:
        raise ValueError("mean of nothing")
    return math.fsum(values) / len(values)


def pstdev(values: Sequence[float]) -> float:
    """The population standard deviation."""
    mu = mean(values)
    return math.sqrt(math.fsum((v - mu) ** 2 for v in values) / len(values))


def median(values: Sequence[float]) -> float:
    """The middle value; the mean of the two middle values for an even count."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("median of nothing")
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def trimmed_mean(values: Sequence[float]) -> float:
    """The mean without one highest and one lowest value when there are 3 or more."""
    ordered = sorted(values)
    if len(ordered) >= 3:
        ordered = ordered[1:-1]
    return mean(ordered)


@dataclass(frozen=True)
class InspectorStats:
    """An inspector's counted totals in the round: how many, their mean and population SD."""

    inspector: str
    sheets: int
    mean: float
    std: float


@dataclass(frozen=True)
class ZScores:
    """The z-score rescaling of a round's counted sheets."""

    overall_mean: float
    overall_std: float
    inspectors: tuple[InspectorStats, ...]
    z: Mapping[str, float]
    rescaled: Mapping[str, float]


def zscores(counted: Sequence[SheetResult]) -> ZScores:
    """Standardise each inspector's totals (z = 0 where their SD is 0) and rescale them as
    overall mean + z × overall population SD of every counted total of the round."""
    totals = [s.total for s in counted if s.total is not None]
    if not totals:
        return ZScores(0.0, 0.0, (), {}, {})
    overall_mean = mean(totals)
    overall_std = pstdev(totals)
    by_inspector: dict[str, list[SheetResult]] = defaultdict(list)
    for s in counted:
        by_inspector[s.inspector].append(s)
    stats: list[InspectorStats] = []
    z: dict[str, float] = {}
    rescaled: dict[str, float] = {}
    for inspector in sorted(by_inspector):
        own = by_inspector[inspector]
        values = [s.total for s in own if s.total is not None]
        mu = mean(values)
        sd = pstdev(values)
        if sd < EPSILON:
            sd = 0.0
        stats.append(InspectorStats(inspector, len(values), mu, sd))
        for s in own:
            assert s.total is not None
            value = 0.0 if sd == 0.0 else (s.total - mu) / sd
            z[s.key] = value
            rescaled[s.key] = overall_mean + value * overall_std
    return ZScores(overall_mean, overall_std, tuple(stats), z, rescaled)


def aggregate(aggregation: Aggregation, values: Sequence[float]) -> float:
    """A tambon's score from its counted values (for z-score: its rescaled totals)."""
    if aggregation is Aggregation.MEDIAN:
        return median(values)
    if aggregation is Aggregation.TRIMMED_MEAN:
        return trimmed_mean(values)
    return mean(values)  # mean, and zscore over the rescaled totals
