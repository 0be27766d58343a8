"""Why a tambon is where it is in a round, in plain Thai (DESIGN.md section 6).

Pure: takes a ranked :class:`~evaluator.scoring.ranking.RoundResult` with the round's criteria
and sheets, and returns a :class:`TambonExplanation`: its sheets and totals, the aggregation
worked out, what broke its ties, and what it would need to pass the one above it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from evaluator.errors import NotFoundError
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr
from evaluator.scoring.labels import STATUS_LABELS


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
    lines: tuple[str, ...] = field(default=())


def fmt(value: float | None, digits: int = 2) -> str:
    """A score as printed: :func:`~evaluator.scoring.model.round2` for two decimals."""
    if value is None:
        return "-"
    if digits == 2:
        return f"{sc.round2(value):.2f}"
    return f"{value:.{digits}f}"


def _sum_text(values: Sequence[float]) -> str:
    return " + ".join(fmt(t) for t in values)


def _zscore_lines(e: sr.TambonResult, z: sr.ZScores) -> str:
    parts = [
        f"คะแนนมาตรฐาน: แต่ละแบบปรับตามผู้ประเมิน z = (คะแนน − ค่าเฉลี่ยของผู้ประเมิน) / SD ของผู้ประเมิน"
        f" แล้วแปลงกลับเป็น {fmt(z.overall_mean)} + z × {fmt(z.overall_std)}"
        f" (ค่าเฉลี่ยและ SD ของทุกแบบที่นับได้ในรอบ)"
    ]
    stats = {i.inspector: i for i in z.inspectors}
    for s in e.counted:
        st = stats[s.inspector]
        parts.append(
            f"  {s.inspector}: {fmt(s.total)}, ค่าเฉลี่ย {fmt(st.mean)}, SD {fmt(st.std)}"
            f" → z = {fmt(s.z, 3)} → {fmt(s.rescaled)}"
            + (" (SD เป็น 0 จึงให้ z = 0)" if st.std == 0 else "")
        )
    parts.append(f"  คะแนนของตำบล = ค่าเฉลี่ยของคะแนนที่ปรับแล้ว = {fmt(e.score)}")
    return "\n".join(parts)


def aggregation_line(rules: sc.RoundRules, e: sr.TambonResult, z: sr.ZScores | None) -> str:
    """How the tambon's counted totals became its score, worked out."""
    totals = sorted(s.total for s in e.counted if s.total is not None)
    n = len(totals)
    if not n:
        return "ไม่มีแบบประเมินที่นับได้ จึงไม่มีคะแนน"
    shown = ", ".join(fmt(t) for t in totals)
    agg = rules.aggregation
    if agg is sc.Aggregation.MEAN:
        return f"คะแนนเฉลี่ยของ {n} แบบ: ({_sum_text(totals)}) / {n} = {fmt(e.score)}"
    if agg is sc.Aggregation.MEDIAN:
        if n % 2:
            return f"มัธยฐานของ {n} แบบ (เรียงแล้ว {shown}) คือค่ากลาง = {fmt(e.score)}"
        a, b = totals[n // 2 - 1], totals[n // 2]
        return (
            f"มัธยฐานของ {n} แบบ (เรียงแล้ว {shown}) คือค่าเฉลี่ยของสองค่ากลาง"
            f" ({fmt(a)} + {fmt(b)}) / 2 = {fmt(e.score)}"
        )
    if agg is sc.Aggregation.TRIMMED_MEAN:
        if n >= 3:
            kept = totals[1:-1]
            return (
                f"ตัดค่าสูงสุด {fmt(totals[-1])} และต่ำสุด {fmt(totals[0])} ออก"
                f" แล้วเฉลี่ย {len(kept)} ค่าที่เหลือ ({_sum_text(kept)}) / {len(kept)}"
                f" = {fmt(e.score)}"
            )
        return f"มีไม่ถึง 3 แบบ จึงใช้ค่าเฉลี่ย ({_sum_text(totals)}) / {n} = {fmt(e.score)}"
    assert z is not None
    return _zscore_lines(e, z)


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


def _decided_text(n: Neighbour) -> str:
    if n.decided_by == "score":
        return f"คะแนนรวมสูงกว่า {fmt(n.own_value - n.their_value)} คะแนน"
    return f"เกณฑ์ตัดสิน {n.decided_by} (คะแนนรวมเท่ากัน): {n.own_value:.4f} ต่อ {n.their_value:.4f}"


def _last_winner(result: sr.RoundResult, e: sr.TambonResult) -> sr.TambonResult | None:
    winners = [w for w in result.scope_of(e) if w.status is sc.Status.WINNER]
    return winners[-1] if winners else None


def _scope_word(rules: sc.RoundRules) -> str:
    return "ในเขตตรวจราชการ" if rules.quota_kind is sc.QuotaKind.ZONE else "ทั้งประเทศ"


def _heading_lines(rules: sc.RoundRules, e: sr.TambonResult) -> list[str]:
    t = e.tambon
    quota = (
        f"{rules.quota} รางวัลต่อเขต"
        if rules.quota_kind is sc.QuotaKind.ZONE
        else f"{rules.quota} รางวัลทั้งประเทศ"
    )
    return [
        f"ตำบล{t.name} ({t.code}) อำเภอ{t.district} จังหวัด{t.province} เขตตรวจราชการที่ {t.zone}",
        f"รอบ {rules.title or rules.code} ({rules.code}): วิธีรวมคะแนน"
        f" {sc.AGGREGATION_TITLES[rules.aggregation]} ({rules.aggregation}); {quota};"
        f" ขั้นต่ำ {rules.min_sheets} แบบ คะแนนอย่างน้อย {rules.min_score:g}",
        f"แบบประเมิน {len(e.sheet_results)} แบบ นับได้ {e.sheets} แบบ:",
    ]


def _sheet_lines(
    e: sr.TambonResult, criteria: Sequence[sc.Criterion], sheets: Mapping[str, sc.Sheet]
) -> list[str]:
    lines = []
    for s in e.sheet_results:
        scores = sheets[s.key].scores
        detail = ", ".join(
            f"{c.code} {scores[c.code]:g}/{c.max_score:g}" if c.code in scores else f"{c.code} -"
            for c in criteria
        )
        verdict = "นับ" if s.counted else "ไม่นับ"
        why = f" ({s.reason})" if s.reason else ""
        lines.append(
            f"  - {s.inspector} [{s.status}]: {detail}; รวม {fmt(s.total)} — {verdict}{why}"
        )
    return lines


def _ineligible_lines(
    rules: sc.RoundRules, result: sr.RoundResult, e: sr.TambonResult
) -> list[str]:
    lines = [f"ไม่มีสิทธิ์: {e.reason}"]
    prerequisite = result.prerequisite
    if rules.eligible_from and prerequisite and e.tambon.code not in prerequisite.winners:
        lines.append(f"ต้องเป็นผู้ได้รับรางวัลรอบ {rules.eligible_from} ก่อน")
    if e.sheets < rules.min_sheets:
        lines.append(f"ต้องมีแบบประเมินที่นับได้เพิ่มอีก {rules.min_sheets - e.sheets} แบบ")
    if e.score is not None and e.score < rules.min_score - sc.EPSILON:
        lines.append(
            f"ต้องได้คะแนนเพิ่มอีก {fmt(rules.min_score - e.score)} คะแนน"
            f" จึงถึงเกณฑ์ขั้นต่ำ {rules.min_score:g}"
        )
    return lines


def _above_lines(rules: sc.RoundRules, e: sr.TambonResult, above: Neighbour) -> list[str]:
    if above.decided_by == "score":
        gap = above.their_value - above.own_value
        needs = (
            f"จะแซงตำบล{above.tambon}ได้ ต้องได้คะแนนรวมมากกว่า {fmt(above.their_value)}"
            f" คือเพิ่มอีกมากกว่า {fmt(gap)} คะแนน"
        )
        if rules.aggregation is sc.Aggregation.MEAN and e.sheets > 1:
            needs += (
                f" (คือคะแนนรวมของแบบประเมินทั้ง {e.sheets} แบบต้องเพิ่มขึ้นรวมกัน"
                f"มากกว่า {fmt(gap * e.sheets)} คะแนน)"
            )
        return [
            f"อยู่ถัดจากตำบล{above.tambon} (อันดับ {above.rank}) ซึ่งมีคะแนนรวม"
            f" {fmt(above.their_value)} สูงกว่า {fmt(gap)} คะแนน",
            needs,
        ]
    if above.decided_by is None:
        return []
    code = above.decided_by
    return [
        f"คะแนนรวมเท่ากับตำบล{above.tambon} (อันดับ {above.rank}) แต่แพ้ที่"
        f" เกณฑ์ตัดสิน {code}: {above.own_value:.4f} ต่อ {above.their_value:.4f}",
        f"จะแซงตำบล{above.tambon}ได้ ต้องได้คะแนนรวมสูงกว่านี้ หรือได้ค่าเฉลี่ยเกณฑ์"
        f" {code} มากกว่า {above.their_value:.4f}"
        f" (ขาดอีก {above.their_value - above.own_value:.4f})",
    ]


def _place_lines(
    rules: sc.RoundRules,
    e: sr.TambonResult,
    above: Neighbour | None,
    sharing: Sequence[sr.TambonResult],
) -> list[str]:
    scope = _scope_word(rules)
    lines = [
        f"อันดับ {e.rank} {scope}"
        + (f" (อันดับร่วม {e.shared} ตำบล)" if e.shared > 1 else "")
        + f": {STATUS_LABELS[e.status].title}"
    ]
    if sharing:
        names = ", ".join(f"ตำบล{o.tambon.name} ({o.tambon.code})" for o in sharing)
        lines.append(f"ได้อันดับร่วมกับ {names} เพราะคะแนนรวมและทุกเกณฑ์ตัดสินเท่ากัน (ต่างกันไม่เกิน 1e-9)")
        if e.status is sc.Status.TIE:
            lines.append(f"กลุ่มอันดับร่วมนี้เกินโควตา {rules.quota} รางวัล คณะกรรมการต้องตัดสิน")
    if e.decision is not None:
        lines.extend(decision_lines(e.decision, e.tambon.code))
    if above is not None:
        lines.extend(_above_lines(rules, e, above))
    elif e.rank == 1 and e.shared == 1:
        lines.append(f"อยู่อันดับ 1 {scope}แล้ว")
    elif e.rank == 1:
        lines.append("อยู่อันดับ 1 ร่วม จะขึ้นนำเพียงตำบลเดียวได้ต้องได้คะแนนรวมหรือเกณฑ์ตัดสินสูงกว่า")
    return lines


def decision_lines(d: sc.TieDecision, tambon_code: str) -> list[str]:
    """What the committee decided on the tie a tambon was in, and why."""
    won = tambon_code in d.winners
    return [
        f"คณะกรรมการตัดสินกรณีคะแนนเท่ากัน (โดย {d.decided_by} เมื่อ {d.decided_at[:16]}):"
        f" ให้ {', '.join(sorted(d.winners))} ได้รับรางวัลจากกลุ่ม {', '.join(sorted(d.tambons))}"
        f" — {'ตำบลนี้ได้รับรางวัล' if won else 'ตำบลนี้ไม่ได้รับรางวัล'}",
        f"เหตุผลของคณะกรรมการ: {d.reason}",
    ]


def _cutoff_lines(rules: sc.RoundRules, result: sr.RoundResult, e: sr.TambonResult) -> list[str]:
    if e.status not in (sc.Status.ELIGIBLE, sc.Status.TIE) or rules.quota <= 0:
        return []
    if e.decision is not None:  # settled by the committee, not by points
        return []
    cutoff = _last_winner(result, e)
    if cutoff is None or cutoff.score is None or e.score is None:
        return []
    return [
        f"ผู้ได้รับรางวัลลำดับสุดท้าย{_scope_word(rules)} คือตำบล{cutoff.tambon.name}"
        f" (อันดับ {cutoff.rank}) คะแนน {fmt(cutoff.score)}"
        f" ต้องได้มากกว่านี้อีก {fmt(cutoff.score - e.score)} คะแนนจึงจะได้รับรางวัลแน่นอน"
    ]


def explain_lines(
    result: sr.RoundResult,
    e: sr.TambonResult,
    above: Neighbour | None,
    below: Neighbour | None,
    sharing: Sequence[sr.TambonResult],
    criteria: Sequence[sc.Criterion],
    sheets: Mapping[str, sc.Sheet],
) -> list[str]:
    """The explanation of ``e`` as lines of Thai prose."""
    rules = result.rules
    lines = _heading_lines(rules, e)
    lines.extend(_sheet_lines(e, criteria, sheets))
    lines.append(aggregation_line(rules, e, result.zscore))
    if e.tie_break:
        lines.append(
            "ค่าเฉลี่ยเกณฑ์ตัดสิน (คะแนน/คะแนนเต็ม): "
            + ", ".join(f"{code} {v:.4f}" for code, v in e.tie_break)
        )
    if e.status is sc.Status.INELIGIBLE:
        return lines + _ineligible_lines(rules, result, e)
    lines.extend(_place_lines(rules, e, above, sharing))
    if below is not None and below.decided_by is not None:
        lines.append(f"นำตำบล{below.tambon} (อันดับ {below.rank}) ที่ตามมาด้วย{_decided_text(below)}")
    lines.extend(_cutoff_lines(rules, result, e))
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
        criterion_means=e.criterion_means,
        above=above,
        below=below,
        sharing=tuple(x.tambon.code for x in sharing),
        lines=tuple(explain_lines(result, e, above, below, sharing, criteria, by_key)),
    )
