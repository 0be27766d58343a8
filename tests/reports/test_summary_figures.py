"""The round summary says how sure each zone's last win is and how many winners another
aggregation would change (read back with poppler)."""

from __future__ import annotations

from datetime import date

import pytest

from evaluator.db import open_database
from evaluator.services.ranking import rank_round, round_agreement
from reports.summary import write_summary
from reports.thai_format import thai_digits
from tests.reports.pdftools import pdftotext
from tests.reports.report_helpers import make_demo

pytestmark = pytest.mark.slow


def _flat(text: str) -> str:
    return "".join(text.split())


def test_cutoff_sentences_and_the_aggregation_table(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    demo = make_demo(tmp_path_factory)
    out = tmp_path_factory.mktemp("summary") / "summary.pdf"
    db = open_database(demo)
    try:
        write_summary(db, "outstanding", out, issued_on=date(2021, 6, 25))
        ranking = rank_round(db, "outstanding")
        comparison = round_agreement(db, "outstanding").aggregations
    finally:
        db.dispose()
    text = _flat(pdftotext(out))
    assert len(ranking.cutoffs) == 18
    for cutoff in ranking.cutoffs:  # one sentence per zone, under the zone's heading
        assert _flat(thai_digits(cutoff.text)) in text
    assert comparison is not None
    assert _flat("ผู้ได้รับรางวัลจะเปลี่ยนกี่ตำบล") in text
    for row in comparison.rows:
        assert _flat(f"{row.title} ({row.aggregation})") in text
    own = next(r for r in comparison.rows if r.own)
    assert own.aggregation == "mean" and own.changed == 0


def test_the_sentence_says_when_a_gap_is_within_the_noise() -> None:
    from evaluator.scoring.figures import cutoff_sentence
    from evaluator.scoring.robustness import Cutoff

    close = Cutoff(5, "1", "2", 0.4, 2.1, 0.58)
    text = cutoff_sentence(close, {"1": "ห้า", "2": "หก"})
    assert text.startswith("เขต 5: ตำบลห้า ชนะตำบลหก ด้วยคะแนน 0.40 ซึ่งน้อยกว่าความคลาดเคลื่อน")
    assert "(±2.10)" in text and "58%" in text
    far = cutoff_sentence(Cutoff(0, "1", "2", 6.0, 2.0, 0.99), {"1": "ห้า", "2": "หก"}, True)
    assert far.startswith("ทั้งประเทศ: ตำบลห้า ชนะตำบลหก ด้วยคะแนน 6.00 มากกว่าความคลาดเคลื่อน")
