"""Score bands: one half-open rule (min <= score < max; the last band holds max_score) for the
contest, the scoring form's highlight and the printed band texts."""

from __future__ import annotations

from evaluator.bands import band_index, band_range_text, band_range_text_en
from evaluator.contest.spec import CriterionSpec, LevelSpec
from evaluator.services.sheets import CriterionEntry, LevelInfo

BANDS = [(0.0, 4.0), (4.0, 6.0), (6.0, 8.0), (8.0, 10.0)]


def test_a_score_on_an_edge_falls_in_one_band_only_the_higher() -> None:
    assert [band_index(BANDS, x) for x in (0, 3.9, 4, 5.99, 6, 7.9, 8, 9.5, 10)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 3,
    ]  # fmt: skip
    for edge in (4.0, 6.0, 8.0):
        holders = [i for i, (lo, hi) in enumerate(BANDS) if lo <= edge <= hi]
        assert len(holders) == 2  # a closed reading would light two bands
        assert band_index(BANDS, edge) == holders[1]


def test_outside_the_scale_no_band() -> None:
    assert band_index(BANDS, -0.5) is None
    assert band_index(BANDS, 10.5) is None
    assert band_index([], 5) is None


def test_the_texts_say_where_each_band_ends() -> None:
    assert band_range_text(6, 8, last=False) == "6 ถึงต่ำกว่า 8"
    assert band_range_text(8, 10, last=True) == "8 ถึง 10"
    assert band_range_text_en(6, 8, last=False) == "6 to under 8"
    assert band_range_text_en(8, 10, last=True) == "8 to 10"


def test_the_contest_and_the_sheet_use_the_same_rule() -> None:
    labels = ["น้อย", "พอใช้", "ดี", "ดีมาก"]
    pairs = list(zip(BANDS, labels, strict=True))
    spec = CriterionSpec(
        "C1", "t", 10, 10, levels=tuple(LevelSpec(lo, hi, lb) for (lo, hi), lb in pairs)
    )
    entry = CriterionEntry(
        1, "C1", "t", "", 10, 10,
        tuple(LevelInfo(lo, hi, lb, "") for (lo, hi), lb in pairs), None, "",
    )  # fmt: skip
    for x in (0, 4, 5, 6, 7.5, 8, 10):
        by_spec = spec.level_for(x)
        by_sheet = entry.level_of(x)
        assert by_spec is not None and by_sheet is not None
        assert by_spec.label == by_sheet.label == labels[band_index(BANDS, x) or 0]
    assert entry.level_of(8).label == "ดีมาก"  # type: ignore[union-attr]
