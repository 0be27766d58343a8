"""Sheet totals, aggregation, eligibility and ranking of one round (DESIGN.md section 6).

Pure functions over :mod:`evaluator.scoring.model`. Sums use :func:`math.fsum`, so a result does
not depend on the order of the input rows; values closer than :data:`EPSILON` are equal.

Which sheets count: status ``submitted`` or ``locked``, every criterion of the contest scored,
not a merge-conflict copy, and (under the ``exclude`` rule) not by an inspector whose home
province is the tambon's. Only counted sheets take part in anything that follows, the z-score
statistics included: a sheet that does not count must not move other tambons' scores. Whether a
sheet counts does not depend on its tambon's eligibility: a complete, submitted sheet of a tambon
that is ineligible (too few sheets, not a winner of ``eligible_from``) still takes part in its
inspector's z-score statistics.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from operator import attrgetter

from evaluator.collector import paused
from evaluator.scoring import adjusted as sa
from evaluator.scoring.model import (
    COUNTED_STATUSES,
    EPSILON,
    Aggregation,
    ConflictRule,
    Criterion,
    Prerequisite,
    QuotaKind,
    RoundRules,
    Sheet,
    Status,
    Tambon,
    TieDecision,
    frozen_instance,
    round2,
    score_text,
)
from evaluator.scoring.order import Draft, by_score, equal, ordered_groups, status_of, tie_key
from evaluator.scoring.sheets import (
    CriterionMeans,
    InspectorStats,
    Own,
    SheetResult,
    ZScores,
    aggregate,
    evaluate_round,
    evaluate_sheet,
    is_conflict_of_interest,
    mean,
    means_of,
    median,
    pstdev,
    sheet_total,
    trimmed_mean,
    zscores,
)

__all__ = [  # the sheet-level functions live in scoring/sheets.py; ranking is where they are used
    "InspectorStats",
    "SheetResult",
    "ZScores",
    "aggregate",
    "equal",
    "evaluate_sheet",
    "is_conflict_of_interest",
    "mean",
    "median",
    "ordered_groups",
    "pstdev",
    "sheet_total",
    "status_of",
    "trimmed_mean",
    "zscores",
]

FLAG_CONFLICT = "conflict_of_interest"
FLAG_INCOMPLETE = "incomplete_sheet"
FLAG_DRAFT = "draft_sheet"
FLAG_MERGE_CONFLICT = "merge_conflict"
FLAG_LARGE_SPREAD = "large_spread"

FLAG_TITLES: dict[str, str] = {
    FLAG_CONFLICT: "มีแบบประเมินจากผู้ประเมินที่มีภูมิลำเนาในจังหวัดเดียวกัน",
    FLAG_INCOMPLETE: "มีแบบประเมินที่กรอกไม่ครบ",
    FLAG_DRAFT: "มีแบบประเมินที่ยังเป็นร่าง",
    FLAG_MERGE_CONFLICT: "มีแบบประเมินที่ขัดแย้งกันรอการแก้ไข",
    FLAG_LARGE_SPREAD: "ผู้ประเมินให้คะแนนต่างกันมาก",
}


# --- the round -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TambonResult:
    """A tambon's result in a round."""

    tambon: Tambon
    rank: int | None
    shared: int
    score: float | None
    sheets: int
    status: Status
    reason: str = ""
    reason_en: str = ""
    criterion_means: Sequence[tuple[str, float]] = ()  # a CriterionMeans, worked out when read
    tie_break: tuple[tuple[str, float], ...] = ()
    sheet_results: tuple[SheetResult, ...] = ()
    flags: tuple[str, ...] = ()
    spread: float | None = None
    se: float | None = None  # standard error of an ``adjusted`` score
    decision: TieDecision | None = None  # the committee's, when it settled this tambon's tie

    @property
    def counted(self) -> tuple[SheetResult, ...]:
        return tuple(s for s in self.sheet_results if s.counted)

    @property
    def not_counted(self) -> tuple[SheetResult, ...]:
        return tuple(s for s in self.sheet_results if not s.counted)

    def criterion_mean(self, code: str) -> float:
        """The mean of score / max_score of a criterion over the counted sheets."""
        return dict(self.criterion_means)[code]


@dataclass(frozen=True)
class RoundResult:
    """A whole round ranked: every tambon in order (ranked first, then ineligible)."""

    rules: RoundRules
    entries: tuple[TambonResult, ...]
    sheets: tuple[SheetResult, ...]
    zscore: ZScores | None = None
    prerequisite: Prerequisite | None = None
    adjusted: sa.AdjustedFit | None = None

    @property
    def quota_kind(self) -> QuotaKind:
        return self.rules.quota_kind

    @property
    def quota(self) -> int:
        return self.rules.quota

    def winners(self) -> list[TambonResult]:
        return [e for e in self.entries if e.status is Status.WINNER]

    def entry(self, tambon_code: str) -> TambonResult:
        for e in self.entries:
            if e.tambon.code == tambon_code:
                return e
        raise KeyError(tambon_code)

    def scope_of(self, entry: TambonResult) -> list[TambonResult]:
        """The entries ranked against ``entry`` (its zone, or the country), in order."""
        if self.quota_kind is QuotaKind.ZONE:
            return [e for e in self.entries if e.tambon.zone == entry.tambon.zone]
        return list(self.entries)


def _criterion_means(
    criteria: Sequence[Criterion], counted: Sequence[SheetResult], sheets: Mapping[str, Sheet]
) -> tuple[tuple[str, float], ...]:
    """Each criterion's mean of score / max_score over the counted sheets."""
    spec = [(c.code, c.max_score) for c in criteria]
    return means_of(spec, [sheets[s.key].scores for s in counted])


def _eligibility(
    rules: RoundRules,
    tambon: Tambon,
    sheets: int,
    score: float | None,
    prerequisite: Prerequisite | None,
    uncounted: int = 0,
) -> list[tuple[str, str]]:
    """Why a tambon is not eligible (Thai, English); empty when it is.

    ``uncounted``: sheets handed in (submitted or locked) that do not count (incomplete,
    excluded for a conflict of interest), said apart so that "0 submitted" is never claimed
    of a tambon whose sheets were handed in.
    """
    reasons: list[tuple[str, str]] = []
    if prerequisite is not None and tambon.code not in prerequisite.winners:
        title = prerequisite.round_title or prerequisite.round_code
        reasons.append(
            (
                f"ไม่ได้เป็นผู้ได้รับรางวัลในรอบ {title}",
                f"not a winner of round {prerequisite.round_code}",
            )
        )
    if sheets < rules.min_sheets and uncounted:
        reasons.append(
            (
                f"ต้องมีแบบประเมินที่นับได้อย่างน้อย {rules.min_sheets} แบบ นับได้ {sheets} แบบ"
                f" (ส่งแล้วแต่นับไม่ได้ {uncounted} แบบ เช่น กรอกไม่ครบทุกเกณฑ์)",
                f"{rules.min_sheets} counted sheets needed, {sheets} counted"
                f" ({uncounted} submitted but not counted: incomplete or excluded)",
            )
        )
    elif sheets < rules.min_sheets:
        reasons.append(
            (
                f"ต้องมีแบบประเมินอย่างน้อย {rules.min_sheets} แบบ มี {sheets} แบบ",
                f"{rules.min_sheets} sheets needed, {sheets} submitted",
            )
        )
    if score is None:
        if sheets >= rules.min_sheets:
            reasons.append(("ไม่มีแบบประเมินที่นับได้ จึงไม่มีคะแนน", "no counted sheet, no score"))
    elif score < rules.min_score - EPSILON:
        below = _below(score, rules.min_score)
        reasons.append(
            (
                f"คะแนน {below} ต่ำกว่าเกณฑ์ขั้นต่ำ {rules.min_score:g}",
                f"score {below} below the minimum {rules.min_score:g}",
            )
        )
    return reasons


def _below(score: float, minimum: float) -> str:
    """A score under the minimum as printed: the usual two decimals, or four (cut, not rounded)
    when two would round it up to the minimum itself (84.996 is not "85.00 below 85")."""
    if round2(score) < minimum:
        return score_text(score)
    cut = Decimal(f"{score:.9f}").quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    return f"{cut:.4f}"


def rank_round(
    rules: RoundRules,
    criteria: Sequence[Criterion],
    tambons: Iterable[Tambon],
    sheets: Iterable[Sheet],
    prerequisite: Prerequisite | None = None,
) -> RoundResult:
    """Rank every tambon of a round from the round's sheets.

    ``prerequisite`` gives the winners of the ``eligible_from`` round; it is required when the
    round has one.
    """
    _check_inputs(rules, criteria, prerequisite)
    # the collector paused while a result per sheet and per tambon piles up (no cycles among
    # them): else it walks every object of the process again and again as they do
    with paused():
        return _rank(rules, criteria, tambons, sheets, prerequisite)


def _rank(
    rules: RoundRules,
    criteria: Sequence[Criterion],
    tambons: Iterable[Tambon],
    sheets: Iterable[Sheet],
    prerequisite: Prerequisite | None,
) -> RoundResult:
    by_code = {t.code: t for t in tambons}
    sheet_list = sorted(sheets, key=_SHEET_ORDER)
    results, groups, z, fit = _sheet_results(rules, criteria, by_code, sheet_list)
    drafts = _drafts(
        rules, criteria, by_code.values(), groups, _Scorer(rules, z, fit), prerequisite
    )
    ranked = _rank_eligible(rules, [d for d in drafts if not d["reason"]])
    ineligible = sorted(
        (d for d in drafts if d["reason"]), key=lambda d: (d["tambon"].zone, d["tambon"].code)
    )
    return RoundResult(
        rules=rules,
        entries=tuple(ranked + [_result(d) for d in ineligible]),
        sheets=tuple(results),
        zscore=z,
        prerequisite=prerequisite,
        adjusted=fit,
    )


_SHEET_ORDER = attrgetter("tambon_code", "inspector", "key")  # the sheets' order in a round


def _check_inputs(
    rules: RoundRules, criteria: Sequence[Criterion], prerequisite: Prerequisite | None
) -> None:
    if rules.eligible_from is not None and prerequisite is None:
        raise ValueError(f"round {rules.code} needs the winners of {rules.eligible_from}")
    codes = {c.code for c in criteria}
    unknown = [code for code in rules.tie_break if code not in codes]
    if unknown:
        raise ValueError(f"round {rules.code}: unknown tie-break criteria {unknown}")


def _sheet_results(
    rules: RoundRules,
    criteria: Sequence[Criterion],
    by_code: Mapping[str, Tambon],
    sheet_list: Sequence[Sheet],
) -> tuple[list[SheetResult], dict[str, Own], ZScores | None, sa.AdjustedFit | None]:
    """Every sheet evaluated, by tambon too, with the round-wide statistics its aggregation
    needs."""
    results, groups = evaluate_round(sheet_list, criteria, by_code, rules.conflict_of_interest)
    z: ZScores | None = None
    if rules.aggregation is Aggregation.ZSCORE:
        z = zscores([r for r in results if r.counted])
        results = [_with_z(r, z.z[r.key], z.rescaled[r.key]) if r.counted else r for r in results]
        with_z: dict[str, list[SheetResult]] = defaultdict(list)
        for r in results:
            with_z[r.tambon_code].append(r)
        groups = {code: (with_z[code], totals, s) for code, (_, totals, s) in groups.items()}
    fit: sa.AdjustedFit | None = None
    if rules.aggregation is Aggregation.ADJUSTED:
        fit = sa.fit_round(
            [
                sa.Observation(r.tambon_code, r.inspector, by_code[r.tambon_code].zone, r.total)
                for r in results
                if r.counted and r.total is not None
            ]
        )
    return results, groups, z, fit


@dataclass(frozen=True)
class _Scorer:
    """A tambon's score from its counted sheets, by the round's aggregation."""

    rules: RoundRules
    z: ZScores | None
    fit: sa.AdjustedFit | None

    def __call__(
        self, tambon: Tambon, counted: Sequence[SheetResult]
    ) -> tuple[float | None, float | None]:
        if not counted:
            return None, None
        if self.fit is not None:
            return self.fit.score(tambon.code, tambon.zone), self.fit.se(tambon.code, tambon.zone)
        if self.z is not None:
            return mean([r.rescaled for r in counted if r.rescaled is not None]), None
        totals = [r.total for r in counted if r.total is not None]
        return aggregate(self.rules.aggregation, totals), None


def _drafts(
    rules: RoundRules,
    criteria: Sequence[Criterion],
    tambons: Iterable[Tambon],
    groups: Mapping[str, Own],
    scorer: _Scorer,
    prerequisite: Prerequisite | None,
) -> list[Draft]:
    """Each tambon's result before ranking (its score, figures and why it is not eligible), as
    the fields of its :class:`TambonResult`, which is made once it is ranked."""
    spec = [(c.code, c.max_score) for c in criteria]
    # the tie-break criteria's means, worked out now (the others when first read): each the
    # criterion's own mean (the last criterion of a code, as dict(criterion_means)[code] finds)
    last = {c.code: c for c in criteria}
    tie_spec = [(code, last[code].max_score) for code in rules.tie_break]
    threshold = rules.spread_threshold
    winners = prerequisite.winners if prerequisite is not None else frozenset()
    minimum, min_score = rules.min_sheets, rules.min_score - EPSILON
    mean_etc = scorer.z is None and scorer.fit is None
    aggregation = rules.aggregation
    plain_mean = aggregation is Aggregation.MEAN
    none: Own = ([], [], [])
    # under "exclude" a counted sheet is never by an inspector of the tambon's province
    flag_rule = rules.conflict_of_interest is not ConflictRule.EXCLUDE
    drafts: list[Draft] = []
    for tambon in tambons:
        # its sheets' results; its counted sheets' totals and scores (a counted sheet is
        # complete: its total is a number)
        own, totals, scores = groups.get(tambon.code, none)
        n = len(totals)
        if not n:
            score = se = None
        elif plain_mean:  # mean(totals), as the scorer computes it
            score, se = math.fsum(totals) / n, None
        elif mean_etc:  # what the scorer computes, from the totals at hand
            score, se = aggregate(aggregation, totals), None
        else:
            score, se = scorer(tambon, [r for r in own if r.counted])
        spread = max(totals) - min(totals) if n else None
        if (
            (prerequisite is None or tambon.code in winners)
            and n >= minimum
            and score is not None
            and not score < min_score
        ):  # eligible: what _eligibility finds nothing against
            reason = reason_en = ""
        else:
            reason, reason_en = _reasons(rules, tambon, own, n, score, prerequisite)
        # every sheet counted and, under "exclude", none by an inspector of the province: no
        # sheet can raise a flag, so _flags looks at the spread alone
        plain = len(own) == n and not flag_rule
        flags = _flags(() if plain else own, spread, threshold, n)
        drafts.append(
            {
                "tambon": tambon,
                "rank": None,
                "shared": 0,
                "score": score,
                "sheets": n,
                "status": Status.INELIGIBLE,
                "reason": reason,
                "reason_en": reason_en,
                "criterion_means": CriterionMeans(spec, scores) if scores else (),
                "tie_break": means_of(tie_spec, scores),
                "sheet_results": tuple(own),
                "flags": flags,
                "spread": spread,
                "se": se,
                "decision": None,
            }
        )
    return drafts


def _reasons(
    rules: RoundRules,
    tambon: Tambon,
    own: Sequence[SheetResult],
    counted: int,
    score: float | None,
    prerequisite: Prerequisite | None,
) -> tuple[str, str]:
    """Why a tambon is not eligible, in Thai and in English."""
    uncounted = len(own) - counted and sum(  # handed in, yet not counted
        1
        for r in own
        if not r.counted
        and r.status in COUNTED_STATUSES
        and not r.merge_conflict
        and not r.superseded
    )
    reasons = _eligibility(rules, tambon, counted, score, prerequisite, uncounted)
    return "; ".join([r[0] for r in reasons]), "; ".join([r[1] for r in reasons])


def _result(fields: Draft) -> TambonResult:
    """``TambonResult(**fields)`` without the frozen ``__init__``'s one ``object.__setattr__``
    per field (a thousand tambons a round): the same instance, every field given (checked
    below), ``fields`` itself its ``__dict__`` (the caller's draft, not used after)."""
    made = object.__new__(TambonResult)
    object.__setattr__(made, "__dict__", fields)
    return made


_DRAFT_FIELDS = {  # what _drafts gives, which must be every field of TambonResult
    "tambon", "rank", "shared", "score", "sheets", "status", "reason", "reason_en",
    "criterion_means", "tie_break", "sheet_results", "flags", "spread", "se", "decision",
}  # fmt: skip
if TambonResult.__dataclass_fields__.keys() != _DRAFT_FIELDS:  # pragma: no cover
    raise AssertionError("_drafts must give every field of TambonResult")


def _rank_eligible(rules: RoundRules, eligible: Sequence[Draft]) -> list[TambonResult]:
    """The eligible tambons in order within each zone (or the country), ranked and given their
    status: ``ordered_groups`` by score, then each tie-break criterion, then code."""
    scopes: dict[int, list[Draft]] = defaultdict(list)
    zone = rules.quota_kind is QuotaKind.ZONE
    for d in eligible:
        scopes[d["tambon"].zone if zone else 0].append(d)
    # the tie-break keys: each tambon's mean of the criterion (its tie_break, in that order)
    rest = [tie_key(i) for i in range(len(rules.tie_break))]
    quota = rules.quota
    ranked: list[TambonResult] = []
    for scope in sorted(scopes):
        position = 1
        for group in by_score(scopes[scope], rest):
            shared = len(group)
            status = status_of(position, shared, quota)
            for d in group:
                d["rank"], d["shared"], d["status"] = position, shared, status
                ranked.append(_result(d))
            position += shared
    if not zone:
        ranked.sort(key=lambda e: (e.rank or 0, e.tambon.zone, e.tambon.code))
    return ranked


def _with_z(r: SheetResult, z: float, rescaled: float) -> SheetResult:
    """``r`` with its z-score and rescaled total: a copy of its fields, two of them changed."""
    return frozen_instance(SheetResult, r.__dict__, z=z, rescaled=rescaled)


def _flags(
    own: Sequence[SheetResult], spread: float | None, threshold: float, counted: int
) -> tuple[str, ...]:
    flags: list[str] = []
    for s in own:  # every sheet counted and none by an inspector of the province: none of these
        if not s.counted or s.conflict_of_interest:
            break
    else:
        own = ()
    if own:
        if any(s.conflict_of_interest for s in own):
            flags.append(FLAG_CONFLICT)
        if any(s.missing and not s.superseded for s in own):
            flags.append(FLAG_INCOMPLETE)
        if any(s.status == "draft" for s in own):
            flags.append(FLAG_DRAFT)
        if any(s.merge_conflict for s in own):
            flags.append(FLAG_MERGE_CONFLICT)
    if spread is not None and counted >= 2 and spread >= threshold - EPSILON:
        flags.append(FLAG_LARGE_SPREAD)
    return tuple(flags)


# --- explaining an order ---------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What put ``a`` before ``b``: the first key on which they differ (None: all equal)."""

    key: str | None
    a_value: float
    b_value: float

    @property
    def gap(self) -> float:
        return self.a_value - self.b_value


def decide(a: TambonResult, b: TambonResult, tie_break: Sequence[str]) -> Decision:
    """The first of score, then each tie-break criterion, on which ``a`` and ``b`` differ."""
    if a.score is None or b.score is None:
        return Decision(None, 0.0, 0.0)
    if not equal(a.score, b.score):
        return Decision("score", a.score, b.score)
    for code in tie_break:
        va, vb = a.criterion_mean(code), b.criterion_mean(code)
        if not equal(va, vb):
            return Decision(code, va, vb)
    return Decision(None, a.score, b.score)
