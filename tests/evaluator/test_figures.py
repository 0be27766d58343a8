"""How sure each win is, through the service and the CLI: ``margin``, ``p_winner``, ``se``,
``warnings`` and the cutoff sentences of ``rank``."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from typing import Any

import pytest

from evaluator.cli import parser as cli
from evaluator.db import Database
from evaluator.scoring import robustness as rb
from tests.evaluator.ranking_fixtures import ContestBuilder

ZONE_PROVINCES = {1: "18", 5: "84", 15: "50"}


def _contest(db: Database, aggregation: str, seed: int = 3, per_zone: int = 12) -> None:
    """Three zones of ``per_zone`` tambons, 4 inspectors per zone with planted leniency."""
    rng = random.Random(seed)
    b = ContestBuilder(db, criteria=(("C1", 10, 60), ("C2", 10, 40)))
    b.round("outstanding", winners_per_zone=3, aggregation=aggregation, tie_break=["C1"])
    for zone, province in ZONE_PROVINCES.items():
        for t in range(per_zone):
            code = b.tambon(f"{province}01{t:02d}")
            quality = rng.uniform(5, 9)
            for k in rng.sample(range(4), rng.choice([2, 3])):
                lenient = (k - 1.5) * 0.6
                values = [
                    round(min(10.0, max(0.0, quality + lenient + rng.gauss(0, 0.5))), 1)
                    for _ in range(2)
                ]
                b.sheet("outstanding", f"ผู้ประเมิน {zone}-{k}", code, values)


def _rank(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert db.file_path is not None
    code = cli.main(["--db", str(db.file_path), "rank", "--round", "outstanding", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out) if "--json" in args else out


@pytest.mark.parametrize("aggregation", ["mean", "median", "zscore", "adjusted"])
def test_every_ranked_entry_says_how_sure_it_is(
    db: Database, capsys: pytest.CaptureFixture[str], aggregation: str
) -> None:
    _contest(db, aggregation)
    data = _rank(db, capsys, "--json")
    assert data["resampling"] == {"draws": rb.DRAWS, "seed": rb.SEED}
    sums: dict[int, float] = defaultdict(float)
    for e in data["ranking"]:
        assert 0.0 <= e["p_winner"] <= 1.0
        if e["status"] == "ineligible":
            assert e["margin"] is None and e["p_winner"] == 0.0
            continue
        sums[e["zone"]] += e["p_winner"]
        if e["status"] == "winner":
            assert e["margin"] >= 0
        else:
            assert e["margin"] <= 0
        if aggregation == "adjusted":
            assert e["se"] is not None and 0 < e["se"] < 10
        else:
            assert e["se"] is None
    # no resample ties at a cutoff with these fine-grained scores: each zone's shares add to 3
    assert sums == pytest.approx({1: 3.0, 5: 3.0, 15: 3.0}, abs=1e-9)
    assert sorted(c["zone"] for c in data["cutoffs"]) == [1, 5, 15]
    # the same database gives the same figures
    assert _rank(db, capsys, "--json") == data


def test_margin_is_the_distance_to_the_cutoff(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db, "mean")
    data = _rank(db, capsys, "--json")
    zone = [e for e in data["ranking"] if e["zone"] == 1 and e["rank"] is not None]
    winners = [e for e in zone if e["status"] == "winner"]
    others = [e for e in zone if e["status"] != "winner"]
    last, first = winners[-1]["score_exact"], others[0]["score_exact"]
    for e in winners:
        assert e["margin"] == pytest.approx(e["score_exact"] - first)
    for e in others:
        assert e["margin"] == pytest.approx(e["score_exact"] - last)
    cutoff = next(c for c in data["cutoffs"] if c["zone"] == 1)
    assert cutoff["gap"] == pytest.approx(last - first)
    assert cutoff["text"].startswith(
        f"เขต 1: ตำบล{winners[-1]['tambon']} ชนะตำบล{others[0]['tambon']}"
    )
    text = _rank(db, capsys)
    assert cutoff["text"] in text


def test_zscore_with_few_sheets_per_inspector_warns(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    b = ContestBuilder(db)
    b.round("outstanding", winners_per_zone=1, aggregation="zscore")
    b.tambons("180101", "180102")
    b.sheet("outstanding", "คนเดียว", "180101", [10, 10])
    b.sheet("outstanding", "สองแบบ", "180101", [5, 5])
    b.sheet("outstanding", "สองแบบ", "180102", [6, 5])
    data = _rank(db, capsys, "--json")
    (warning,) = data["warnings"]
    assert "คนเดียว (1), สองแบบ (2)" in warning and "fewer than 5" in warning
    assert "คำเตือน: z-score" in _rank(db, capsys)
    b.round("plain", winners_per_zone=1)
    assert cli.main(["--db", str(db.file_path), "rank", "--round", "plain", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == []


def test_agreement_lists_the_winners_each_aggregation_changes(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db, "mean")
    assert cli.main(["--db", str(db.file_path), "agreement", "--round", "outstanding"]) == 0
    out = capsys.readouterr().out
    assert "winners that change with another aggregation" in out
    assert (
        cli.main(["--db", str(db.file_path), "agreement", "--round", "outstanding", "--json"]) == 0
    )
    rows = json.loads(capsys.readouterr().out)["aggregations"]["rows"]
    assert [r["aggregation"] for r in rows] == [
        "mean",
        "median",
        "trimmed_mean",
        "zscore",
        "adjusted",
    ]
    assert rows[0]["own"] and rows[0]["changed"] == 0 and rows[0]["winners"] == 9
    assert all(0 <= r["changed"] <= r["winners"] <= 9 for r in rows)


def test_one_zone_keeps_its_own_cutoff(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _contest(db, "mean")
    data = _rank(db, capsys, "--json", "--zone", "5")
    assert [c["zone"] for c in data["cutoffs"]] == [5]
    assert {e["zone"] for e in data["ranking"]} == {5}
    assert sum(e["p_winner"] for e in data["ranking"]) == pytest.approx(3.0)
