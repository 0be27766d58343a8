"""The plain inputs of scoring and ranking (DESIGN.md section 6): no database, no ORM.

The storage layer reads a round into these frozen dataclasses; the pure functions in
:mod:`evaluator.scoring.ranking`, :mod:`~evaluator.scoring.agreement` and
:mod:`~evaluator.scoring.budget` take them and return plain results.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar

EPSILON = 1e-9
"""Values closer than this are equal (scores, tie-break means, standard deviations)."""

DEFAULT_SPREAD_THRESHOLD = 20.0
"""A tambon whose counted totals differ by this many points or more is flagged."""

COUNTED_STATUSES = frozenset({"submitted", "locked"})


class Aggregation(StrEnum):
    """How a tambon's counted sheet totals become its score."""

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"
    ZSCORE = "zscore"
    ADJUSTED = "adjusted"


class Status(StrEnum):
    """A tambon's place in a round."""

    WINNER = "winner"
    TIE = "tie"
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"


class ConflictRule(StrEnum):
    """What a sheet by an inspector from the tambon's own province does."""

    EXCLUDE = "exclude"
    FLAG = "flag"


class QuotaKind(StrEnum):
    ZONE = "zone"
    NATIONAL = "national"


AGGREGATION_TITLES: dict[Aggregation, str] = {
    Aggregation.MEAN: "ค่าเฉลี่ย",
    Aggregation.MEDIAN: "มัธยฐาน",
    Aggregation.TRIMMED_MEAN: "ค่าเฉลี่ยตัดค่าสูงสุดและต่ำสุด",
    Aggregation.ZSCORE: "คะแนนมาตรฐาน (z-score) ปรับตามผู้ประเมิน",
    Aggregation.ADJUSTED: "คะแนนปรับความเข้มงวดของผู้ประเมิน (แบบจำลองบวกสะสม)",
}
AGGREGATION_TITLES_EN: dict[Aggregation, str] = {
    Aggregation.MEAN: "mean",
    Aggregation.MEDIAN: "median",
    Aggregation.TRIMMED_MEAN: "mean without the highest and the lowest",
    Aggregation.ZSCORE: "standard scores (z-scores) per inspector",
    Aggregation.ADJUSTED: "adjusted for each inspector's leniency (additive model)",
}


def aggregation_title(aggregation: Aggregation | str, lang: str = "th") -> str:
    """An aggregation's title in Thai or English; an unknown code as it is."""
    try:
        key = Aggregation(aggregation)
    except ValueError:
        return str(aggregation)
    return (AGGREGATION_TITLES_EN if lang == "en" else AGGREGATION_TITLES)[key]


_T = TypeVar("_T")


def frozen_instance(
    cls: type[_T], base: Mapping[str, Any] | Iterable[tuple[str, Any]] = (), /, **fields: Any
) -> _T:
    """``cls(**base, **fields)`` for a frozen dataclass the caller gives every field of: the same
    instance, built without the frozen ``__init__``'s one ``object.__setattr__`` per field (a
    round's read and ranking make such objects by the thousand; a third of their time)."""
    made = object.__new__(cls)
    made.__dict__.update(base, **fields)
    return made


@dataclass(frozen=True)
class Criterion:
    """A rubric line: a score from 0 to ``max_score`` counts ``weight`` points of 100."""

    code: str
    max_score: float
    weight: float
    title: str = ""

    def __post_init__(self) -> None:
        if not self.max_score > 0:
            raise ValueError(f"criterion {self.code}: max_score must be positive")


@dataclass(frozen=True)
class Tambon:
    """A target tambon with the places it belongs to."""

    code: str
    name: str
    zone: int
    province: str = ""
    district: str = ""
    province_code: str = ""

    @classmethod
    def read(
        cls, code: str, name: str, zone: int, province: str, district: str, province_code: str
    ) -> Tambon:
        """``Tambon(...)`` with every field given, as a round's read makes a thousand: the same
        instance, built without the frozen ``__init__``'s one ``object.__setattr__`` per field."""
        return frozen_instance(
            cls,
            code=code,
            name=name,
            zone=zone,
            province=province,
            district=district,
            province_code=province_code,
        )


@dataclass(frozen=True)
class Sheet:
    """One inspector's scores (criterion code → score) for one tambon in the round being ranked.

    ``inspector_home_province`` is the province code of the inspector's home, used to flag a
    conflict of interest; ``conflict_of`` is set on a copy kept by a merge conflict.
    """

    key: str
    inspector: str
    tambon_code: str
    status: str
    scores: Mapping[str, float] = field(default_factory=dict)
    inspector_home_province: str | None = None
    conflict_of: str | None = None

    @classmethod
    def read(
        cls,
        key: str,
        inspector: str,
        tambon_code: str,
        status: str,
        scores: Mapping[str, float],
        inspector_home_province: str | None,
        conflict_of: str | None,
    ) -> Sheet:
        """``Sheet(...)`` with every field given, as a round's read makes thousands: the same
        instance, built without the frozen ``__init__``'s one ``object.__setattr__`` per
        field (a third of the time of making them)."""
        return frozen_instance(
            cls,
            key=key,
            inspector=inspector,
            tambon_code=tambon_code,
            status=status,
            scores=scores,
            inspector_home_province=inspector_home_province,
            conflict_of=conflict_of,
        )


@dataclass(frozen=True)
class RoundRules:
    """A round's quota and ranking rules, and the contest settings that apply to it."""

    code: str
    title: str = ""
    aggregation: Aggregation = Aggregation.MEAN
    winners_per_zone: int | None = None
    winners: int | None = None
    min_sheets: int = 1
    min_score: float = 0.0
    tie_break: tuple[str, ...] = ()
    eligible_from: str | None = None
    conflict_of_interest: ConflictRule = ConflictRule.EXCLUDE
    spread_threshold: float = DEFAULT_SPREAD_THRESHOLD

    def __post_init__(self) -> None:
        object.__setattr__(self, "aggregation", Aggregation(self.aggregation))
        object.__setattr__(self, "conflict_of_interest", ConflictRule(self.conflict_of_interest))
        object.__setattr__(self, "tie_break", tuple(self.tie_break))
        for name in ("winners_per_zone", "winners"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"round {self.code}: {name} must not be negative")

    @property
    def quota_kind(self) -> QuotaKind:
        """Per zone with ``winners_per_zone`` (it wins when both are set), else national."""
        return QuotaKind.ZONE if self.winners_per_zone is not None else QuotaKind.NATIONAL

    @property
    def quota(self) -> int:
        """Winners per zone or in the country; 0 when the round sets neither."""
        if self.winners_per_zone is not None:
            return self.winners_per_zone
        return self.winners or 0


@dataclass(frozen=True)
class Prerequisite:
    """The winners of the round named by ``eligible_from``."""

    round_code: str
    winners: frozenset[str]
    round_title: str = ""


@dataclass(frozen=True)
class TieDecision:
    """The committee's decision on a tie at the cutoff (DESIGN.md section 6).

    ``zone`` None for a national quota; ``tambons`` the tied group as decided; ``winners`` the
    chosen ones. It applies only while the round's tie in that zone is exactly that group.
    """

    zone: int | None
    tambons: frozenset[str]
    winners: frozenset[str]
    reason: str
    decided_by: str
    decided_at: str  # ISO 8601, UTC


def round2(value: float) -> float:
    """A score as shown: two decimals, halves away from zero (82.125 → 82.13).

    Float noise is removed first, so a hand-computed 82.125 that arrives as 82.12499999999999
    still shows 82.13.
    """
    if not math.isfinite(value):
        return value
    cleaned = Decimal(f"{value:.9f}")
    return float(cleaned.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def score_text(value: float) -> str:
    """A score as every table, reason and document prints it: :func:`round2`, two decimals.

    The one rounding rule for printed scores (82.125 → "82.13"), so a reason never says
    "82.12 below the minimum" beside a column showing 82.13.
    """
    return f"{round2(value):.2f}"
