"""Score bands (a criterion's levels): the one rule for the app, the scoresheets and the reports.

A criterion's levels split 0..max_score with no gap and no overlap (``contest.parse`` checks
it): each band starts where the one before it ends. A band holds the scores from its start up
to, but not including, its end (half-open, ``min <= score < max``); the last band also holds
``max_score`` itself. So a score of 8 on bands 6–8 and 8–10 belongs to 8–10 only, and the
band texts say so ("6 ถึงต่ำกว่า 8", "8 ถึง 10").
"""

from __future__ import annotations

from collections.abc import Sequence

Bounds = tuple[float, float]  # (min_score, max_score) of one band


def band_index(bands: Sequence[Bounds], score: float) -> int | None:
    """The index of the band ``score`` falls in (bands in ascending order); None outside them."""
    last = len(bands) - 1
    for i, (low, high) in enumerate(bands):
        if low <= score < high or (i == last and score == high):
            return i
    return None


def band_range_text(low: float, high: float, last: bool) -> str:
    """How a band's range is printed: "6 ถึงต่ำกว่า 8" (its end belongs to the next band), or
    "8 ถึง 10" for the last band, which holds its end."""
    if last:
        return f"{low:g} ถึง {high:g}"
    return f"{low:g} ถึงต่ำกว่า {high:g}"


def band_range_text_en(low: float, high: float, last: bool) -> str:
    """The English of :func:`band_range_text`: "6 to under 8", "8 to 10"."""
    if last:
        return f"{low:g} to {high:g}"
    return f"{low:g} to under {high:g}"
