"""How far inspectors agree: spread per tambon, leniency per inspector, Krippendorff's alpha.

Everything here uses counted sheets only (see :mod:`evaluator.scoring.ranking`), and their raw
totals (0..100), never the z-score rescaled ones: the point is to see the raw disagreement.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from evaluator.i18n import Catalog, language
from evaluator.scoring.model import DEFAULT_SPREAD_THRESHOLD, EPSILON
from evaluator.scoring.ranking import SheetResult, mean, pstdev


@dataclass(frozen=True)
class TambonSpread:
    """The counted totals of one tambon and how far apart they are."""

    tambon_code: str
    totals: tuple[float, ...]
    spread: float
    std: float
    flagged: bool

    @property
    def sheets(self) -> int:
        return len(self.totals)


@dataclass(frozen=True)
class Leniency:
    """An inspector's mean of (own total − mean of the others' totals on the same tambon),
    over the tambons that somebody else scored too; positive means more generous."""

    inspector: str
    sheets: int
    mean_total: float
    shared_tambons: int
    leniency: float | None


@dataclass(frozen=True)
class Agreement:
    spreads: tuple[TambonSpread, ...]
    leniency: tuple[Leniency, ...]
    alpha: float | None
    alpha_units: int
    alpha_text: str  # Thai, as the documents print it
    spread_threshold: float
    alpha_text_en: str = ""

    def alpha_text_in(self, lang: str | None = None) -> str:
        """The alpha sentence in ``lang`` (default: the current language, evaluator.i18n)."""
        return (
            self.alpha_text_en
            if (lang or language()) == "en" and self.alpha_text_en
            else self.alpha_text
        )

    @property
    def flagged(self) -> tuple[TambonSpread, ...]:
        return tuple(s for s in self.spreads if s.flagged)


def _grid(counted: Iterable[SheetResult]) -> dict[str, dict[str, float]]:
    """tambon → inspector → total (the mean, should one inspector have two sheets)."""
    raw: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in counted:
        if s.counted and s.total is not None:
            raw[s.tambon_code][s.inspector].append(s.total)
    return {t: {i: mean(v) for i, v in by.items()} for t, by in raw.items()}


def tambon_spreads(
    counted: Iterable[SheetResult], threshold: float = DEFAULT_SPREAD_THRESHOLD
) -> tuple[TambonSpread, ...]:
    """Per tambon: max − min and population SD of its counted totals; flagged when two or
    more sheets differ by ``threshold`` points or more. Largest spread first."""
    per: dict[str, list[float]] = defaultdict(list)
    for s in counted:
        if s.counted and s.total is not None:
            per[s.tambon_code].append(s.total)
    spreads = []
    for code, totals in per.items():
        spread = max(totals) - min(totals)
        spreads.append(
            TambonSpread(
                tambon_code=code,
                totals=tuple(sorted(totals)),
                spread=spread,
                std=pstdev(totals),
                flagged=len(totals) >= 2 and spread >= threshold - EPSILON,
            )
        )
    return tuple(sorted(spreads, key=lambda s: (-s.spread, s.tambon_code)))


def leniency(counted: Iterable[SheetResult]) -> tuple[Leniency, ...]:
    """Per inspector, how much higher (or lower) they score than the others on the same
    tambons. Most generous first; inspectors who share no tambon last."""
    rows = [s for s in counted if s.counted and s.total is not None]
    grid = _grid(rows)
    own_totals: dict[str, list[float]] = defaultdict(list)
    for s in rows:
        assert s.total is not None
        own_totals[s.inspector].append(s.total)
    diffs: dict[str, list[float]] = defaultdict(list)
    for by in grid.values():
        if len(by) < 2:
            continue
        for inspector, value in by.items():
            others = [v for i, v in by.items() if i != inspector]
            diffs[inspector].append(value - mean(others))
    result = [
        Leniency(
            inspector=inspector,
            sheets=len(totals),
            mean_total=mean(totals),
            shared_tambons=len(diffs.get(inspector, [])),
            leniency=mean(diffs[inspector]) if diffs.get(inspector) else None,
        )
        for inspector, totals in own_totals.items()
    ]
    return tuple(
        sorted(
            result,
            key=lambda x: (x.leniency is None, -(x.leniency or 0.0), x.inspector),
        )
    )


def interval_alpha(units: Iterable[Iterable[float]]) -> float | None:
    """Krippendorff's alpha for interval data, 1 − D_o / D_e, from the values of each unit.

    Closed form of the interval metric (δ² = (a − b)²): within a unit of m values,
    Σ_{i≠j} (v_i − v_j)² = 2m Σ (v_i − mean)², so it runs in linear time and memory; the
    ``krippendorff`` package builds a units × values × values array, which for 1,000 tambons
    with distinct totals needs tens of gigabytes (the tests check both agree). Units with fewer
    than two values are not pairable and are left out. None when no unit is pairable or when
    there is no variation at all.
    """
    pairable = [list(u) for u in units]
    pairable = [u for u in pairable if len(u) >= 2]
    values = [v for u in pairable for v in u]
    n = len(values)
    if n < 2:
        return None
    mu = mean(values)
    expected = 2 * n * math.fsum((v - mu) ** 2 for v in values) / (n * (n - 1))
    if expected < EPSILON:
        return None
    observed = (
        math.fsum(
            2 * len(u) * math.fsum((v - mean(u)) ** 2 for v in u) / (len(u) - 1) for u in pairable
        )
        / n
    )
    return 1.0 - observed / expected


def krippendorff_alpha(counted: Iterable[SheetResult]) -> tuple[float | None, int]:
    """Krippendorff's alpha (interval) of the counted totals, inspectors × tambons, and how
    many tambons had two or more inspectors (the only ones that count). None when it cannot
    be computed (no such tambon, or no variation at all)."""
    grid = _grid(counted)
    units = [list(by.values()) for by in grid.values() if len(by) >= 2]
    return interval_alpha(units), len(units)


TEXT = Catalog(
    "agreement",
    {
        "no_pairs": (
            "คำนวณค่าความสอดคล้องระหว่างผู้ประเมินไม่ได้ เพราะยังไม่มีตำบลใดที่มีผู้ประเมินตั้งแต่ 2 คนขึ้นไป",
            "The agreement between inspectors cannot be computed: no tambon has two or more"
            " inspectors yet",
        ),
        "no_variation": (
            "คำนวณค่าความสอดคล้องระหว่างผู้ประเมินไม่ได้ "
            "เพราะทุกแบบประเมินได้คะแนนรวมเท่ากันหมด ไม่มีความแตกต่างให้เปรียบเทียบ",
            "The agreement between inspectors cannot be computed: every sheet has the same"
            " total, there is no difference to compare",
        ),
        "head": (
            "ค่าแอลฟาของคริพเพนดอร์ฟ (Krippendorff's alpha) = {alpha} จาก {units} ตำบล: ",
            "Krippendorff's alpha = {alpha} over {units} tambons: ",
        ),
        "good": (
            "ผู้ประเมินให้คะแนนสอดคล้องกันดี ผลการประเมินเชื่อถือได้ (เกณฑ์ 0.80 ขึ้นไป)",
            "the inspectors agree well; the results can be relied on (0.80 or more)",
        ),
        "fair": (
            "ผู้ประเมินให้คะแนนสอดคล้องกันพอใช้ ใช้สรุปผลได้แต่ควรระมัดระวัง"
            " และตรวจดูตำบลที่ผู้ประเมินให้คะแนนต่างกันมาก (0.67 ถึง 0.80)",
            "the inspectors agree fairly; the results can be used with care, checking the"
            " tambons on which the inspectors differ most (0.67 to 0.80)",
        ),
        "poor": (
            "ผู้ประเมินให้คะแนนสอดคล้องกันน้อย คะแนนขึ้นอยู่กับว่าใครเป็นผู้ประเมินมาก"
            " ควรทบทวนเกณฑ์และการให้คะแนนก่อนสรุปผล (ต่ำกว่า 0.67)",
            "the inspectors agree little; a score depends much on who the inspector was."
            " Review the criteria and the scoring before concluding (below 0.67)",
        ),
        "none": (
            "ผู้ประเมินให้คะแนนไม่สอดคล้องกันเลย ต่างกันยิ่งกว่าการให้คะแนนแบบสุ่ม"
            " ควรตรวจสอบข้อมูลและเกณฑ์การให้คะแนนอย่างละเอียด",
            "the inspectors do not agree at all, they differ more than random scoring would."
            " Check the data and the scoring criteria thoroughly",
        ),
    },
)


def alpha_sentence(alpha: float | None, units: int, lang: str = "th") -> str:
    """What the alpha means, in plain Thai or English (Krippendorff's own thresholds: 0.800
    and 0.667)."""
    if alpha is None:
        return TEXT.text("no_pairs" if units == 0 else "no_variation", lang)
    head = TEXT.text("head", lang, alpha=f"{alpha:.2f}", units=units)
    if alpha >= 0.8:
        return head + TEXT.text("good", lang)
    if alpha >= 0.667:
        return head + TEXT.text("fair", lang)
    if alpha >= 0:
        return head + TEXT.text("poor", lang)
    return head + TEXT.text("none", lang)


def agreement(
    sheets: Iterable[SheetResult], spread_threshold: float = DEFAULT_SPREAD_THRESHOLD
) -> Agreement:
    """Spread per tambon, leniency per inspector and Krippendorff's alpha of a round."""
    counted = [s for s in sheets if s.counted and s.total is not None]
    alpha, units = krippendorff_alpha(counted)
    return Agreement(
        spreads=tambon_spreads(counted, spread_threshold),
        leniency=leniency(counted),
        alpha=alpha,
        alpha_units=units,
        alpha_text=alpha_sentence(alpha, units),
        alpha_text_en=alpha_sentence(alpha, units, "en"),
        spread_threshold=spread_threshold,
    )
