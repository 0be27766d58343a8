"""The plain, frozen form of a contest (DESIGN.md section 6): rubric, rounds and settings.

:mod:`evaluator.contest.parse` builds these from a TOML file; :mod:`evaluator.services.contest`
stores them and reads them back; ranking and reports reuse them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evaluator.bands import band_index

AGGREGATIONS = ("mean", "median", "trimmed_mean", "zscore", "adjusted")
CONFLICT_POLICIES = ("exclude", "flag")
DOUBLE_AWARD_POLICIES = ("both", "highest")
WEIGHT_TOTAL = 100.0
WEIGHT_TOLERANCE = 1e-6
SPREAD_THRESHOLD = 20.0  # points of a sheet total; the ranking's default (scoring.model) too

SETTINGS_KEYS = ("conflict_of_interest", "double_award", "spread_threshold")
ROUND_KEYS = (
    "code",
    "title",
    "prize_baht",
    "winners_per_zone",
    "winners",
    "min_sheets",
    "min_score",
    "aggregation",
    "tie_break",
    "eligible_from",
)


@dataclass(frozen=True)
class LevelSpec:
    """One band of a criterion's scale, e.g. 8–10: ดีมาก."""

    min_score: float
    max_score: float
    label: str
    description: str = ""


@dataclass(frozen=True)
class CriterionSpec:
    """One rubric line: a score from 0 to ``max_score``, counted with ``weight`` (of 100)."""

    code: str
    title: str
    max_score: float
    weight: float
    description: str = ""
    levels: tuple[LevelSpec, ...] = ()

    def level_for(self, score: float) -> LevelSpec | None:
        """The band a score falls in (:mod:`evaluator.bands`: half-open, the last band holds
        max_score); None without levels or outside 0..max_score."""
        i = band_index([(lv.min_score, lv.max_score) for lv in self.levels], score)
        return None if i is None else self.levels[i]


@dataclass(frozen=True)
class RoundSpec:
    """An award round: who is eligible, how sheets are aggregated, how many win."""

    code: str
    title: str = ""
    prize_baht: int = 0
    winners_per_zone: int | None = None
    winners: int | None = None
    min_sheets: int = 1
    min_score: float = 0.0
    aggregation: str = "mean"
    tie_break: tuple[str, ...] = ()
    eligible_from: str | None = None

    @property
    def by_zone(self) -> bool:
        """Ranked within each zone (``winners_per_zone``) rather than nationally."""
        return self.winners_per_zone is not None

    @property
    def quota(self) -> int:
        """Winners per zone, or in the whole country."""
        return self.winners_per_zone if self.winners_per_zone is not None else (self.winners or 0)


@dataclass(frozen=True)
class ContestSettings:
    """Contest-wide policies.

    ``conflict_of_interest``: ``exclude`` drops sheets by an inspector from the tambon's province
    from the ranking, ``flag`` counts them but marks them. ``double_award``: a tambon that wins
    both tiers gets ``both`` prizes or only the ``highest``. ``spread_threshold``: a tambon whose
    inspectors' totals differ by this many points or more is flagged as a disagreement.
    """

    conflict_of_interest: str = "exclude"
    double_award: str = "both"
    spread_threshold: float = SPREAD_THRESHOLD

    def as_dict(self) -> dict[str, object]:
        return {
            "conflict_of_interest": self.conflict_of_interest,
            "double_award": self.double_award,
            "spread_threshold": self.spread_threshold,
        }


@dataclass(frozen=True)
class ContestSpec:
    """A whole contest file, checked."""

    code: str
    title: str
    criteria: tuple[CriterionSpec, ...]
    rounds: tuple[RoundSpec, ...]
    settings: ContestSettings = field(default_factory=ContestSettings)

    def criterion(self, code: str) -> CriterionSpec:
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(code)

    def round(self, code: str) -> RoundSpec:
        for r in self.rounds:
            if r.code == code:
                return r
        raise KeyError(code)
