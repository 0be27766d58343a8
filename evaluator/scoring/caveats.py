"""What the committee should know before trusting a round's aggregation, and how much the
choice of aggregation matters (DESIGN.md section 6).

* :func:`round_warnings`: ``zscore`` with an inspector who has fewer than
  :data:`ZSCORE_MIN_SHEETS` counted sheets in the round (one sheet always becomes the round's
  mean, two always ±1 SD, whatever was scored); ``adjusted`` in a zone whose inspectors share no
  tambon (nothing can be adjusted between the groups) or where no tambon has two counted sheets
  (no standard error).
* :func:`compare_aggregations`: the round ranked with every aggregation, and how many winners
  change against the round's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from evaluator.scoring.model import (
    AGGREGATION_TITLES,
    Aggregation,
    Criterion,
    Prerequisite,
    QuotaKind,
    RoundRules,
    Sheet,
    Status,
    Tambon,
)
from evaluator.scoring.ranking import RoundResult, rank_round

ZSCORE_MIN_SHEETS = 5


@dataclass(frozen=True)
class Caveat:
    """A caveat about a round's figures: a code, Thai and English text, and whom it concerns."""

    code: str
    text: str
    text_en: str
    zone: int | None = None
    inspectors: tuple[str, ...] = ()


def round_warnings(result: RoundResult) -> list[Caveat]:
    """The caveats of a ranked round's aggregation (empty for mean, median, trimmed mean)."""
    out: list[Caveat] = []
    if result.zscore is not None:
        few = [s for s in result.zscore.inspectors if s.sheets < ZSCORE_MIN_SHEETS]
        if few:
            names = tuple(s.inspector for s in few)
            listed = ", ".join(f"{s.inspector} ({s.sheets})" for s in few)
            out.append(
                Caveat(
                    "zscore_few_sheets",
                    f"z-score: ผู้ประเมิน {len(few)} คนมีแบบประเมินที่นับได้น้อยกว่า"
                    f" {ZSCORE_MIN_SHEETS} แบบในรอบนี้ ({listed}) คะแนนมาตรฐานของผู้ประเมินเหล่านี้"
                    " ไม่น่าเชื่อถือ (แบบเดียวจะได้ค่าเฉลี่ยของรอบเสมอ สองแบบจะได้ ±1 ส่วนเบี่ยงเบน"
                    " มาตรฐานเสมอ) ควรใช้วิธี adjusted หรือ mean",
                    f"z-score: {len(few)} inspectors have fewer than {ZSCORE_MIN_SHEETS} counted"
                    f" sheets in this round ({listed}); their standardised scores are unreliable"
                    " (one sheet always becomes the round's mean, two always ±1 SD): prefer"
                    " adjusted or mean",
                    inspectors=names,
                )
            )
    if result.adjusted is not None:
        for zone, fit in sorted(result.adjusted.zones.items()):
            if fit.components > 1:
                out.append(
                    Caveat(
                        "adjusted_disconnected",
                        f"เขต {zone}: ผู้ประเมินแบ่งเป็น {fit.components} กลุ่มที่ไม่ได้ประเมิน"
                        " ตำบลร่วมกัน จึงปรับความเข้มงวดระหว่างกลุ่มไม่ได้",
                        f"zone {zone}: its inspectors and tambons fall into {fit.components}"
                        " groups that share no tambon; leniency is not adjusted between them",
                        zone=zone,
                    )
                )
            if fit.residual_variance is None:
                out.append(
                    Caveat(
                        "adjusted_no_replication",
                        f"เขต {zone}: ไม่มีตำบลใดมีแบบประเมินที่นับได้สองแบบขึ้นไป"
                        " จึงปรับคะแนนและประมาณความคลาดเคลื่อนไม่ได้ (ใช้คะแนนตามที่ให้)",
                        f"zone {zone}: no tambon has two counted sheets, so nothing can be"
                        " adjusted and no standard error estimated (the totals are used as given)",
                        zone=zone,
                    )
                )
    if (
        result.rules.aggregation in (Aggregation.ZSCORE, Aggregation.ADJUSTED)
        and result.quota_kind is QuotaKind.NATIONAL
    ):
        out.append(
            Caveat(
                "national_adjustment",
                "รอบนี้จัดอันดับทั้งประเทศ การปรับคะแนนตามผู้ประเมินเทียบระหว่างเขตได้"
                " ก็ต่อเมื่อมีผู้ประเมินที่ประเมินตำบลในหลายเขต",
                "this round ranks nationally: an adjustment for inspectors can compare zones only"
                " through inspectors who work in more than one zone",
            )
        )
    return out


@dataclass(frozen=True)
class AggregationRow:
    """The round ranked with one aggregation, against the round's own."""

    aggregation: str
    title: str
    winners: int
    changed: int  # winners here that are not winners with the round's aggregation
    changed_by_zone: tuple[tuple[int, int], ...]  # (zone, changed) where any changed
    own: bool  # this is the round's aggregation


@dataclass(frozen=True)
class AggregationComparison:
    aggregation: str  # the round's own
    rows: tuple[AggregationRow, ...]


def compare_aggregations(
    rules: RoundRules,
    criteria: Sequence[Criterion],
    tambons: Iterable[Tambon],
    sheets: Iterable[Sheet],
    prerequisite: Prerequisite | None = None,
) -> AggregationComparison:
    """How many winners each aggregation changes against the round's own (same sheets, same
    rules otherwise). A tie at a cutoff counts as no winner."""
    places = list(tambons)
    sheet_list = list(sheets)
    results = {
        a: rank_round(replace(rules, aggregation=a), criteria, places, sheet_list, prerequisite)
        for a in Aggregation
    }
    base = {e.tambon.code for e in results[rules.aggregation].entries if e.status is Status.WINNER}
    rows = []
    for a, result in results.items():
        won = [e for e in result.entries if e.status is Status.WINNER]
        new = [e for e in won if e.tambon.code not in base]
        zones: dict[int, int] = {}
        for e in new:
            zones[e.tambon.zone] = zones.get(e.tambon.zone, 0) + 1
        rows.append(
            AggregationRow(
                aggregation=str(a),
                title=AGGREGATION_TITLES[a],
                winners=len(won),
                changed=len(new),
                changed_by_zone=tuple(sorted(zones.items())),
                own=a is rules.aggregation,
            )
        )
    return AggregationComparison(str(rules.aggregation), tuple(rows))
