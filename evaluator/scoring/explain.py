"""Why a tambon is where it is in a round, in plain Thai and in English (DESIGN.md section 6).

Pure: takes a ranked :class:`~evaluator.scoring.ranking.RoundResult` with the round's criteria
and sheets, and returns a :class:`TambonExplanation`: its sheets and totals, the aggregation
worked out, what broke its ties, and what it would need to pass the one above it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from evaluator.errors import NotFoundError
from evaluator.i18n import language, when
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr
from evaluator.scoring.explain_text import TEXT
from evaluator.scoring.labels import STATUS_LABELS, sheet_status_label


@dataclass(frozen=True)
class SheetExplanation:
    sheet: str
    inspector: str
    status: str
    scores: tuple[tuple[str, float | None], ...]
    total: float | None
    counted: bool
    reason: str
    conflict_of_interest: bool
    z: float | None = None
    rescaled: float | None = None


@dataclass(frozen=True)
class Neighbour:
    """A tambon next to the explained one in its ranking, and what separates them.

    ``decided_by`` is "score", a tie-break criterion code, or None when they are equal.
    """

    tambon_code: str
    tambon: str
    rank: int | None
    score: float | None
    decided_by: str | None
    own_value: float
    their_value: float


@dataclass(frozen=True)
class TambonExplanation:
    round_code: str
    round_title: str
    aggregation: str
    tambon_code: str
    tambon: str
    zone: int
    province: str
    district: str
    rank: int | None
    shared: int
    status: str
    reason: str
    score: float | None
    sheets: int
    sheet_details: tuple[SheetExplanation, ...]
    criterion_means: tuple[tuple[str, float], ...]
    above: Neighbour | None
    below: Neighbour | None
    sharing: tuple[str, ...]
    lines: tuple[str, ...] = field(default=())  # Thai
    lines_en: tuple[str, ...] = field(default=())

    def lines_in(self, lang: str | None = None) -> tuple[str, ...]:
        """The explanation in ``lang`` (default: the current language, evaluator.i18n)."""
        return self.lines_en if (lang or language()) == "en" and self.lines_en else self.lines


def fmt(value: float | None, digits: int = 2) -> str:
    """A score as printed: :func:`~evaluator.scoring.model.round2` for two decimals."""
    if value is None:
        return "-"
    if digits == 2:
        return f"{sc.round2(value):.2f}"
    return f"{value:.{digits}f}"


def _sum_text(values: Sequence[float]) -> str:
    return " + ".join(fmt(t) for t in values)


def _zscore_lines(e: sr.TambonResult, z: sr.ZScores, lang: str) -> str:
    parts = [TEXT.text("zscore_head", lang, mean=fmt(z.overall_mean), sd=fmt(z.overall_std))]
    stats = {i.inspector: i for i in z.inspectors}
    for s in e.counted:
        st = stats[s.inspector]
        parts.append(
            TEXT.text(
                "zscore_sheet",
                lang,
                inspector=s.inspector,
                total=fmt(s.total),
                mean=fmt(st.mean),
                sd=fmt(st.std),
                z=fmt(s.z, 3),
                rescaled=fmt(s.rescaled),
            )
            + (TEXT.text("zscore_zero_sd", lang) if st.std == 0 else "")
        )
    parts.append(TEXT.text("zscore_score", lang, score=fmt(e.score)))
    return "\n".join(parts)


def aggregation_line(
    rules: sc.RoundRules, e: sr.TambonResult, z: sr.ZScores | None, lang: str = "th"
) -> str:
    """How the tambon's counted totals became its score, worked out."""
    totals = sorted(s.total for s in e.counted if s.total is not None)
    n = len(totals)
    if not n:
        return TEXT.text("no_counted", lang)
    shown = ", ".join(fmt(t) for t in totals)
    agg = rules.aggregation
    score = fmt(e.score)
    if agg is sc.Aggregation.MEAN:
        return TEXT.text("mean", lang, n=n, sum=_sum_text(totals), score=score)
    if agg is sc.Aggregation.MEDIAN:
        if n % 2:
            return TEXT.text("median_odd", lang, n=n, shown=shown, score=score)
        a, b = totals[n // 2 - 1], totals[n // 2]
        return TEXT.text("median_even", lang, n=n, shown=shown, a=fmt(a), b=fmt(b), score=score)
    if agg is sc.Aggregation.TRIMMED_MEAN:
        if n >= 3:
            kept = totals[1:-1]
            return TEXT.text(
                "trimmed",
                lang,
                high=fmt(totals[-1]),
                low=fmt(totals[0]),
                k=len(kept),
                sum=_sum_text(kept),
                score=score,
            )
        return TEXT.text("trimmed_few", lang, sum=_sum_text(totals), n=n, score=score)
    assert z is not None
    return _zscore_lines(e, z, lang)


def neighbour(own: sr.TambonResult, other: sr.TambonResult, tie_break: Sequence[str]) -> Neighbour:
    d = sr.decide(own, other, tie_break)
    return Neighbour(
        tambon_code=other.tambon.code,
        tambon=other.tambon.name,
        rank=other.rank,
        score=other.score,
        decided_by=d.key,
        own_value=d.a_value,
        their_value=d.b_value,
    )


def _decided_text(n: Neighbour, lang: str) -> str:
    if n.decided_by == "score":
        return TEXT.text("decided_score", lang, gap=fmt(n.own_value - n.their_value))
    return TEXT.text(
        "decided_criterion",
        lang,
        code=n.decided_by,
        own=f"{n.own_value:.4f}",
        their=f"{n.their_value:.4f}",
    )


def _last_winner(result: sr.RoundResult, e: sr.TambonResult) -> sr.TambonResult | None:
    winners = [w for w in result.scope_of(e) if w.status is sc.Status.WINNER]
    return winners[-1] if winners else None


def _scope_word(rules: sc.RoundRules, lang: str) -> str:
    zone = rules.quota_kind is sc.QuotaKind.ZONE
    return TEXT.text("scope_zone" if zone else "scope_national", lang)


def _heading_lines(rules: sc.RoundRules, e: sr.TambonResult, lang: str) -> list[str]:
    t = e.tambon
    zone = rules.quota_kind is sc.QuotaKind.ZONE
    quota = TEXT.text("quota_zone" if zone else "quota_national", lang, quota=rules.quota)
    return [
        TEXT.text(
            "heading_place",
            lang,
            tambon=t.name,
            code=t.code,
            district=t.district,
            province=t.province,
            zone=t.zone,
        ),
        TEXT.text(
            "heading_round",
            lang,
            title=rules.title or rules.code,
            code=rules.code,
            aggregation=sc.aggregation_title(rules.aggregation, lang),
            agg_code=rules.aggregation,
            quota=quota,
            min_sheets=rules.min_sheets,
            min_score=f"{rules.min_score:g}",
        ),
        TEXT.text("heading_sheets", lang, all=len(e.sheet_results), counted=e.sheets),
    ]


def _sheet_lines(
    e: sr.TambonResult, criteria: Sequence[sc.Criterion], sheets: Mapping[str, sc.Sheet], lang: str
) -> list[str]:
    lines = []
    for s in e.sheet_results:
        scores = sheets[s.key].scores
        detail = ", ".join(
            f"{c.code} {scores[c.code]:g}/{c.max_score:g}" if c.code in scores else f"{c.code} -"
            for c in criteria
        )
        reason = s.reason_en if lang == "en" and s.reason_en else s.reason
        lines.append(
            TEXT.text(
                "sheet",
                lang,
                inspector=s.inspector,
                status=sheet_status_label(s.status, lang),
                detail=detail,
                total=fmt(s.total),
                verdict=TEXT.text("counted" if s.counted else "not_counted", lang),
                why=f" ({reason})" if reason else "",
            )
        )
    return lines


def _ineligible_lines(
    rules: sc.RoundRules, result: sr.RoundResult, e: sr.TambonResult, lang: str
) -> list[str]:
    reason = e.reason_en if lang == "en" and e.reason_en else e.reason
    lines = [TEXT.text("ineligible", lang, reason=reason)]
    prerequisite = result.prerequisite
    if rules.eligible_from and prerequisite and e.tambon.code not in prerequisite.winners:
        lines.append(TEXT.text("needs_prerequisite", lang, round=rules.eligible_from))
    if e.sheets < rules.min_sheets:
        lines.append(TEXT.text("needs_sheets", lang, count=rules.min_sheets - e.sheets))
    if e.score is not None and e.score < rules.min_score - sc.EPSILON:
        lines.append(
            TEXT.text(
                "needs_points",
                lang,
                points=fmt(rules.min_score - e.score),
                minimum=f"{rules.min_score:g}",
            )
        )
    return lines


def _above_lines(
    rules: sc.RoundRules, e: sr.TambonResult, above: Neighbour, lang: str
) -> list[str]:
    if above.decided_by == "score":
        gap = above.their_value - above.own_value
        needs = TEXT.text(
            "pass_needs", lang, tambon=above.tambon, their=fmt(above.their_value), gap=fmt(gap)
        )
        if rules.aggregation is sc.Aggregation.MEAN and e.sheets > 1:
            needs += TEXT.text("pass_needs_mean", lang, sheets=e.sheets, points=fmt(gap * e.sheets))
        behind = TEXT.text(
            "behind",
            lang,
            tambon=above.tambon,
            rank=above.rank,
            their=fmt(above.their_value),
            gap=fmt(gap),
        )
        return [behind, needs]
    if above.decided_by is None:
        return []
    code = above.decided_by
    return [
        TEXT.text(
            "behind_criterion",
            lang,
            tambon=above.tambon,
            rank=above.rank,
            code=code,
            own=f"{above.own_value:.4f}",
            their=f"{above.their_value:.4f}",
        ),
        TEXT.text(
            "pass_criterion",
            lang,
            tambon=above.tambon,
            code=code,
            their=f"{above.their_value:.4f}",
            gap=f"{above.their_value - above.own_value:.4f}",
        ),
    ]


def _place_lines(
    rules: sc.RoundRules,
    e: sr.TambonResult,
    above: Neighbour | None,
    sharing: Sequence[sr.TambonResult],
    lang: str,
) -> list[str]:
    scope = _scope_word(rules, lang)
    label = STATUS_LABELS[e.status]
    lines = [
        TEXT.text(
            "place",
            lang,
            rank=e.rank,
            scope=scope,
            shared=TEXT.text("place_shared", lang, count=e.shared) if e.shared > 1 else "",
            status=label.english if lang == "en" else label.title,
        )
    ]
    if sharing:
        names = ", ".join(
            TEXT.text("tambon_named", lang, name=o.tambon.name, code=o.tambon.code) for o in sharing
        )
        lines.append(TEXT.text("sharing", lang, names=names))
        if e.status is sc.Status.TIE:
            lines.append(TEXT.text("tie_over_quota", lang, quota=rules.quota))
    if e.decision is not None:
        lines.extend(decision_lines(e.decision, e.tambon.code, lang))
    if above is not None:
        lines.extend(_above_lines(rules, e, above, lang))
    elif e.rank == 1 and e.shared == 1:
        lines.append(TEXT.text("first", lang, scope=scope))
    elif e.rank == 1:
        lines.append(TEXT.text("first_shared", lang))
    return lines


def decision_lines(d: sc.TieDecision, tambon_code: str, lang: str = "th") -> list[str]:
    """What the committee decided on the tie a tambon was in, and why."""
    won = tambon_code in d.winners
    return [
        TEXT.text(
            "decision",
            lang,
            by=d.decided_by,
            when=when(d.decided_at, lang),
            winners=", ".join(sorted(d.winners)),
            group=", ".join(sorted(d.tambons)),
            outcome=TEXT.text("decision_won" if won else "decision_lost", lang),
        ),
        TEXT.text("decision_reason", lang, reason=d.reason),
    ]


def _cutoff_lines(
    rules: sc.RoundRules, result: sr.RoundResult, e: sr.TambonResult, lang: str
) -> list[str]:
    if e.status not in (sc.Status.ELIGIBLE, sc.Status.TIE) or rules.quota <= 0:
        return []
    if e.decision is not None:  # settled by the committee, not by points
        return []
    cutoff = _last_winner(result, e)
    if cutoff is None or cutoff.score is None or e.score is None:
        return []
    return [
        TEXT.text(
            "cutoff",
            lang,
            scope=_scope_word(rules, lang),
            tambon=cutoff.tambon.name,
            rank=cutoff.rank,
            score=fmt(cutoff.score),
            gap=fmt(cutoff.score - e.score),
        )
    ]


def explain_lines(
    result: sr.RoundResult,
    e: sr.TambonResult,
    above: Neighbour | None,
    below: Neighbour | None,
    sharing: Sequence[sr.TambonResult],
    criteria: Sequence[sc.Criterion],
    sheets: Mapping[str, sc.Sheet],
    lang: str = "th",
) -> list[str]:
    """The explanation of ``e`` as lines of prose in ``lang`` ("th" or "en")."""
    rules = result.rules
    lines = _heading_lines(rules, e, lang)
    lines.extend(_sheet_lines(e, criteria, sheets, lang))
    lines.append(aggregation_line(rules, e, result.zscore, lang))
    if e.tie_break:
        values = ", ".join(f"{code} {v:.4f}" for code, v in e.tie_break)
        lines.append(TEXT.text("tie_break_means", lang, values=values))
    if e.status is sc.Status.INELIGIBLE:
        return lines + _ineligible_lines(rules, result, e, lang)
    lines.extend(_place_lines(rules, e, above, sharing, lang))
    if below is not None and below.decided_by is not None:
        lines.append(
            TEXT.text(
                "ahead_of",
                lang,
                tambon=below.tambon,
                rank=below.rank,
                decided=_decided_text(below, lang),
            )
        )
    lines.extend(_cutoff_lines(rules, result, e, lang))
    return lines


def explain(
    result: sr.RoundResult,
    tambon_code: str,
    criteria: Sequence[sc.Criterion],
    sheets: Sequence[sc.Sheet],
) -> TambonExplanation:
    """Explain one tambon of a ranked round; ``sheets`` are the round's sheets as ranked."""
    try:
        e = result.entry(tambon_code)
    except KeyError:
        raise NotFoundError(f"ไม่พบตำบลรหัส {tambon_code} — no tambon {tambon_code}") from None
    by_key = {sh.key: sh for sh in sheets}
    rules = result.rules
    above = below = None
    sharing: list[sr.TambonResult] = []
    if e.rank is not None:
        scope = [x for x in result.scope_of(e) if x.rank is not None]
        sharing = [x for x in scope if x.rank == e.rank and x.tambon.code != e.tambon.code]
        ahead = [x for x in scope if x.rank is not None and x.rank < e.rank]
        behind = [x for x in scope if x.rank is not None and x.rank > e.rank]
        if ahead:
            above = neighbour(e, ahead[-1], rules.tie_break)
        if behind:
            below = neighbour(e, behind[0], rules.tie_break)
    details = tuple(
        SheetExplanation(
            sheet=r.key,
            inspector=r.inspector,
            status=r.status,
            scores=tuple((c.code, by_key[r.key].scores.get(c.code)) for c in criteria),
            total=r.total,
            counted=r.counted,
            reason=r.reason,
            conflict_of_interest=r.conflict_of_interest,
            z=r.z,
            rescaled=r.rescaled,
        )
        for r in e.sheet_results
    )
    return TambonExplanation(
        round_code=rules.code,
        round_title=rules.title,
        aggregation=str(rules.aggregation),
        tambon_code=e.tambon.code,
        tambon=e.tambon.name,
        zone=e.tambon.zone,
        province=e.tambon.province,
        district=e.tambon.district,
        rank=e.rank,
        shared=e.shared,
        status=str(e.status),
        reason=e.reason,
        score=e.score,
        sheets=e.sheets,
        sheet_details=details,
        criterion_means=tuple(e.criterion_means),
        above=above,
        below=below,
        sharing=tuple(x.tambon.code for x in sharing),
        lines=tuple(explain_lines(result, e, above, below, sharing, criteria, by_key)),
        lines_en=tuple(explain_lines(result, e, above, below, sharing, criteria, by_key, "en")),
    )
