"""The honest figures of a ranking (DESIGN.md section 6): each entry's ``margin``, ``p_winner``
and (adjusted rounds) ``se``, the round's warnings, and a sentence per cutoff.

Pure: takes the ranking in the contract's terms (:mod:`evaluator.scoring.result`), the pure
:class:`~evaluator.scoring.ranking.RoundResult` it came from, and the round's criteria and
sheets (for resampling), and returns the ranking with the figures filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from evaluator.scoring import caveats as cv
from evaluator.scoring import robustness as rb
from evaluator.scoring.model import Criterion, Sheet, round2
from evaluator.scoring.ranking import RoundResult
from evaluator.scoring.result import RoundRanking

BAND = (0.05, 0.95)
"""An entry whose p_winner lies strictly between these is in the cutoff band: resampling
does not settle whether it wins."""


def in_band(p_winner: float | None) -> bool:
    return p_winner is not None and BAND[0] < p_winner < BAND[1]


def with_figures(
    ranking: RoundRanking,
    result: RoundResult,
    criteria: Sequence[Criterion],
    sheets: Sequence[Sheet],
    draws: int = rb.DRAWS,
) -> RoundRanking:
    """``ranking`` with margins, p_winner, standard errors, warnings and cutoff notes."""
    national = ranking.quota_kind == "national"
    standings = [
        rb.Standing(e.tambon_code, 0 if national else e.zone, e.score, e.status)
        for e in ranking.entries
        if e.rank is not None
    ]
    margins = rb.margins(standings, ranking.min_score)
    rob = rb.robustness(result, criteria, sheets, draws=draws)
    se = {e.tambon.code: e.se for e in result.entries}
    entries = [
        replace(
            e,
            margin=margins.get(e.tambon_code),
            p_winner=rob.p_winner.get(e.tambon_code, 0.0),
            se=se.get(e.tambon_code),
        )
        for e in ranking.entries
    ]
    names = {e.tambon_code: e.tambon for e in ranking.entries}
    cutoffs = tuple(
        rb.CutoffNote(
            zone=c.scope,
            last_winner=c.last_winner,
            first_other=c.first_other,
            gap=c.gap,
            gap_sd=c.gap_sd,
            p_order=c.p_order,
            text=cutoff_sentence(c, names, national),
        )
        for c in rob.cutoffs.values()
    )
    warnings = tuple(f"{w.text} — {w.text_en}" for w in cv.round_warnings(result))
    return replace(ranking, entries=entries, warnings=warnings, cutoffs=cutoffs, resamples=draws)


def cutoff_sentence(c: rb.Cutoff, names: dict[str, str], national: bool = False) -> str:
    """One Thai sentence on how the last winner beat the first non-winner of a group."""
    where = "ทั้งประเทศ" if national else f"เขต {c.scope}"
    winner = names.get(c.last_winner, c.last_winner)
    other = names.get(c.first_other, c.first_other)
    gap, sd = round2(c.gap), round2(c.gap_sd)
    lead = f"{where}: ตำบล{winner} ชนะตำบล{other} ด้วยคะแนน {gap:.2f}"
    if c.gap < 1e-9:
        lead = f"{where}: ตำบล{winner} ชนะตำบล{other} ด้วยเกณฑ์ตัดสินเมื่อคะแนนเท่ากัน (คะแนนต่างกัน 0.00)"
    held = (
        f"ในการสุ่มแบบประเมินซ้ำ ตำบล{winner}ยังได้คะแนนไม่น้อยกว่าตำบล{other}"
        f" {c.p_order * 100:.0f}% ของการสุ่ม"
    )
    if c.gap < c.gap_sd:
        return f"{lead} ซึ่งน้อยกว่าความคลาดเคลื่อนของผลต่าง (±{sd:.2f}) ลำดับนี้จึงอาจสลับกันได้; {held}"
    return f"{lead} มากกว่าความคลาดเคลื่อนของผลต่าง (±{sd:.2f}); {held}"
