"""Which criteria separate the winners from the rest (the criterion-by-criterion page).

For each criterion: the mean, over the winning tambons, of each tambon's mean score on it (as a
share of the criterion's maximum, counted sheets only, as the ranking counts them), the same over
the eligible tambons that did not win, and the difference. Read from the round's scores
(:func:`evaluator.services.report_data.score_lines`) and its ranking (which sheets count).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

from evaluator.db import Database
from evaluator.services.report_data import RoundReport, ScoreLine, score_lines
from reports import pdf as L
from reports.thai_format import thai_digits

WINNER_BLUE = L.STATUS_CHART["winner"]
OTHERS_GREY = L.LIGHT


@dataclass(frozen=True)
class CriterionGap:
    code: str
    title: str
    winners: float | None  # mean share of the maximum, in per cent
    others: float | None
    winner_count: int
    other_count: int

    @property
    def difference(self) -> float | None:
        if self.winners is None or self.others is None:
            return None
        return self.winners - self.others


def criterion_gaps(rep: RoundReport, lines: Sequence[ScoreLine]) -> list[CriterionGap]:
    """Per criterion, the winners' and the other eligible tambons' mean (per cent of the
    maximum), from the counted sheets only; in the rubric's order."""
    r = rep.ranking
    status = {e.tambon_code: e.status for e in r.entries}
    uncounted = {n.sheet for e in r.entries for n in e.excluded_sheets}
    per_tambon: dict[tuple[str, str], list[float]] = defaultdict(list)
    for x in lines:
        if x.status in ("submitted", "locked") and x.sheet_uuid not in uncounted and x.max_score:
            per_tambon[(x.tambon_code, x.criterion)].append(100.0 * x.score / x.max_score)
    gaps = []
    for c in rep.criteria:
        groups: dict[str, list[float]] = {"winner": [], "other": []}
        for (code, criterion), values in per_tambon.items():
            if criterion != c.code:
                continue
            s = status.get(code)
            if s == "winner":
                groups["winner"].append(mean(values))
            elif s in ("eligible", "tie"):
                groups["other"].append(mean(values))
        gaps.append(
            CriterionGap(
                c.code,
                c.title,
                mean(groups["winner"]) if groups["winner"] else None,
                mean(groups["other"]) if groups["other"] else None,
                len(groups["winner"]),
                len(groups["other"]),
            )
        )
    return gaps


def round_gaps(db: Database, rep: RoundReport) -> list[CriterionGap]:
    """:func:`criterion_gaps` of a round read from the database."""
    lines = score_lines(db, round_code=rep.ranking.round_code, contest=rep.ranking.contest_code)
    return criterion_gaps(rep, lines)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def gaps_chart(gaps: Sequence[CriterionGap], title: str, height: float = 190) -> L.GroupedBarChart:
    """Winners' and others' mean per criterion, side by side."""
    return L.GroupedBarChart(
        title,
        [g.code for g in gaps],
        [[g.winners for g in gaps], [g.others for g in gaps]],
        colours=[WINNER_BLUE, OTHERS_GREY],
        legend=[(WINNER_BLUE, "ตำบลที่ได้รับรางวัล"), (OTHERS_GREY, "ตำบลอื่นที่มีสิทธิ์")],
        axis_title="เกณฑ์ (ร้อยละของคะแนนเต็มของเกณฑ์)",
        value_max=100,
        height=height,
    )


def criterion_section(gaps: Sequence[CriterionGap], heading: str, level: int = 0) -> list[Any]:
    """The page: what it shows, the chart, and the table sorted by the difference."""
    known = [g for g in gaps if g.difference is not None]
    story: list[Any] = [L.PageBreak(), L.heading(heading, level)]
    if not known:
        story.append(L.Para("ยังไม่มีทั้งตำบลที่ได้รับรางวัลและตำบลอื่นที่มีสิทธิ์ จึงยังเปรียบเทียบรายเกณฑ์ไม่ได้"))
        return story
    ordered = sorted(known, key=lambda g: -(g.difference or 0.0))
    top = ordered[: min(3, len(ordered))]
    n_win, n_other = known[0].winner_count, known[0].other_count
    story.append(
        L.Para(
            f"คะแนนเฉลี่ยรายเกณฑ์ (ร้อยละของคะแนนเต็มของเกณฑ์) ของตำบลที่ได้รับรางวัล"
            f" {L.thai_int(n_win)} ตำบล เทียบกับตำบลอื่นที่มีสิทธิ์ {L.thai_int(n_other)} ตำบล"
            " จากแบบประเมินที่นับได้เท่านั้น เกณฑ์ที่ผลต่างมากคือเกณฑ์ที่แยกผู้ได้รับรางวัลออกจากตำบลอื่น: "
            + ", ".join(
                f"{g.code} {g.title} (ต่างกัน {thai_digits(f'{g.difference:.1f}')} จุด)" for g in top
            )
        )
    )
    story.append(gaps_chart(gaps, "คะแนนเฉลี่ยรายเกณฑ์: ตำบลที่ได้รับรางวัลเทียบกับตำบลอื่นที่มีสิทธิ์"))
    columns = [
        L.Column("เกณฑ์", 0.5, "centre"),
        L.Column("ชื่อเกณฑ์", 3.2),
        L.Column("ได้รับรางวัล (%)", 0.9, "right"),
        L.Column("ตำบลอื่น (%)", 0.9, "right"),
        L.Column("ผลต่าง (จุด)", 0.8, "right"),
    ]
    rows = [
        L.Row.of(
            g.code,
            g.title,
            _pct(g.winners),
            _pct(g.others),
            "–" if g.difference is None else f"{g.difference:+.1f}",
        )
        for g in ordered
    ]
    story += [
        L.Para("ตารางเรียงจากเกณฑ์ที่ผลต่างมากที่สุด", L.H3, keep_with_next=True),
        L.Table(columns, rows),
    ]
    return story
