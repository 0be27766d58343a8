"""The ``adjusted`` aggregation (evaluator/scoring/adjusted.py): an exact case worked by hand,
the penalised least-squares problem it solves, a reference fit with statsmodels' MixedLM, and a
known-answer simulation with planted inspector leniency."""

from __future__ import annotations

import math

import numpy as np
import pytest

from evaluator.scoring import adjusted as sa
from evaluator.scoring import ranking as sr
from evaluator.scoring.model import Aggregation, Criterion, RoundRules, Sheet, Tambon

HAND = [
    sa.Observation("T1", "I1", 1, 80.0),
    sa.Observation("T1", "I2", 1, 70.0),
    sa.Observation("T2", "I1", 1, 60.0),
    sa.Observation("T3", "I2", 1, 50.0),
]


def test_exact_small_case_by_hand() -> None:
    # T1 is scored by both inspectors (80 and 70); T2 only by I1 (60), T3 only by I2 (50).
    # With γ = 1 the penalised problem is Σ (y − α − b)² + Σ b²; by symmetry b = (β, −β),
    # α1 = 75, α2 = 60 − β, α3 = 50 + β, and the loss 2(5 − β)² + 2β² is least at β = 2.5.
    fit = sa.fit_zone(HAND, zone=1, ratio=1.0)
    assert fit.effects == pytest.approx({"I1": 2.5, "I2": -2.5}, abs=1e-12)
    assert fit.scores == pytest.approx({"T1": 75.0, "T2": 57.5, "T3": 52.5}, abs=1e-12)
    # RSS = 2 × 2.5² + 2 × 2.5² … = 25 on 4 − 3 = 1 degree of freedom, so σ² = 25 and τ² = γσ².
    assert fit.residual_variance == pytest.approx(25.0)
    assert fit.inspector_variance == pytest.approx(25.0)
    # Var(α̂) = σ² (D⁻¹ + D⁻¹N (A + I/γ)⁻¹ NᵀD⁻¹) with (I + A)⁻¹ = [[.75, .25], [.25, .75]]:
    # T1: 25 × (1/2 + ¼ × 2) = 25; T2, T3: 25 × (1 + .75) = 43.75.
    assert fit.se["T1"] == pytest.approx(5.0)
    assert fit.se["T2"] == pytest.approx(math.sqrt(43.75))
    assert fit.se["T3"] == pytest.approx(math.sqrt(43.75))
    assert fit.components == 1
    assert fit.inspector_sheets == {"I1": 2, "I2": 2}


def test_no_inspector_variance_gives_the_plain_mean() -> None:
    fit = sa.fit_zone(HAND, ratio=0.0)
    assert fit.scores == pytest.approx({"T1": 75.0, "T2": 60.0, "T3": 50.0})
    assert fit.effects == pytest.approx({"I1": 0.0, "I2": 0.0})
    assert fit.penalty == math.inf


def _penalised_least_squares(obs: list[sa.Observation], ratio: float) -> dict[str, float]:
    """The same problem solved directly: least squares on the design stacked on √(1/γ)·I."""
    tambons = sorted({o.tambon for o in obs})
    inspectors = sorted({o.inspector for o in obs})
    p, q = len(tambons), len(inspectors)
    x = np.zeros((len(obs) + q, p + q))
    y = np.zeros(len(obs) + q)
    for row, o in enumerate(obs):
        x[row, tambons.index(o.tambon)] = 1.0
        x[row, p + inspectors.index(o.inspector)] = 1.0
        y[row] = o.total
    x[len(obs) :, p:] = np.eye(q) / math.sqrt(ratio)
    solution = np.linalg.lstsq(x, y, rcond=None)[0]
    return dict(zip(tambons, solution[:p].tolist(), strict=True))


def _random_zone(
    seed: int,
    tambons: int = 40,
    inspectors: int = 5,
    per_tambon: tuple[int, int] = (2, 4),
    lenient_sd: float = 6.0,
    noise_sd: float = 3.0,
) -> tuple[np.ndarray, np.ndarray, list[sa.Observation]]:
    """A zone with planted quality and leniency: total = quality + leniency + noise."""
    rng = np.random.default_rng(seed)
    quality = rng.normal(70.0, 6.0, tambons)
    leniency = rng.normal(0.0, lenient_sd, inspectors)
    obs = []
    for t in range(tambons):
        k = int(rng.integers(*per_tambon))
        for j in rng.choice(inspectors, size=min(k, inspectors), replace=False):
            value = quality[t] + leniency[j] + rng.normal(0.0, noise_sd)
            obs.append(sa.Observation(f"T{t:03d}", f"I{j:02d}", 1, float(np.clip(value, 0, 100))))
    return quality, leniency, obs


@pytest.mark.parametrize("ratio", [0.05, 1.0, 20.0])
def test_solves_the_penalised_least_squares_problem(ratio: float) -> None:
    _, _, obs = _random_zone(7, tambons=15, inspectors=4)
    fit = sa.fit_zone(obs, ratio=ratio)
    direct = _penalised_least_squares(obs, ratio)
    assert fit.scores == pytest.approx(direct, abs=1e-8)


def test_effects_are_centred_in_each_connected_part() -> None:
    _, _, first = _random_zone(3, tambons=10, inspectors=3)
    _, _, second = _random_zone(4, tambons=10, inspectors=3)
    second = [sa.Observation("U" + o.tambon, "J" + o.inspector, 1, o.total + 10.0) for o in second]
    fit = sa.fit_zone(first + second)
    assert fit.components == 2
    assert sum(v for k, v in fit.effects.items() if k.startswith("I")) == pytest.approx(0, abs=1e-9)
    assert sum(v for k, v in fit.effects.items() if k.startswith("J")) == pytest.approx(0, abs=1e-9)
    assert fit.ratio > 0


def test_more_sheets_means_less_shrinkage() -> None:
    # The same leniency (+10) on one sheet and on ten: the effect estimated from one sheet is
    # pulled toward 0 much harder.
    obs = []
    for t in range(10):
        obs.append(sa.Observation(f"T{t}", "fair", 1, 60.0 + t))
        obs.append(sa.Observation(f"T{t}", "strict", 1, 55.0 + t + (0.5 if t % 2 else -0.5)))
        obs.append(sa.Observation(f"T{t}", "lenient10", 1, 70.0 + t + (0.5 if t % 3 else -1.0)))
    obs.append(sa.Observation("T0", "lenient1", 1, 70.0))
    fit = sa.fit_zone(obs, ratio=0.2)
    full = fit.effects["lenient10"] - fit.effects["fair"]
    one = fit.effects["lenient1"] - fit.effects["fair"]
    assert full > 6.0
    assert 0 < one < 0.5 * full


def test_without_replication_nothing_can_be_estimated() -> None:
    obs = [sa.Observation(f"T{t}", f"I{t % 2}", 1, 50.0 + t) for t in range(6)]
    fit = sa.fit_zone(obs)
    assert fit.scores == {f"T{t}": 50.0 + t for t in range(6)}
    assert set(fit.se.values()) == {None}
    assert fit.residual_variance is None
    assert fit.ratio == 0.0


def test_agrees_with_statsmodels_mixedlm() -> None:
    """Reference fit: tambon fixed effects, a random intercept per inspector, REML."""
    pd = pytest.importorskip("pandas")
    smf = pytest.importorskip("statsmodels.formula.api")
    for seed in (1, 2, 3):
        _, _, obs = _random_zone(seed, tambons=30, inspectors=5)
        frame = pd.DataFrame(
            {
                "t": [o.tambon for o in obs],
                "i": [o.inspector for o in obs],
                "y": [o.total for o in obs],
            }
        )
        ref = smf.mixedlm("y ~ 0 + C(t)", frame, groups=frame["i"]).fit(reml=True)
        fit = sa.fit_zone(obs)
        # Variance components within 0.5 %, scores within 0.001 points, standard errors 1 %.
        assert fit.residual_variance == pytest.approx(ref.scale, rel=5e-3)
        assert fit.inspector_variance == pytest.approx(float(ref.cov_re.iloc[0, 0]), rel=5e-3)
        for code, score in fit.scores.items():
            assert score == pytest.approx(ref.fe_params[f"C(t)[{code}]"], abs=1e-3)
            assert fit.se[code] == pytest.approx(ref.bse_fe[f"C(t)[{code}]"], rel=1e-2)
        for name, effect in fit.effects.items():
            assert effect == pytest.approx(float(ref.random_effects[name].iloc[0]), abs=1e-3)


def _zscore_scores(obs: list[sa.Observation]) -> dict[str, float]:
    results = [
        sr.SheetResult(str(n), o.inspector, o.tambon, "submitted", o.total, True)
        for n, o in enumerate(obs)
    ]
    z = sr.zscores(results)
    by: dict[str, list[float]] = {}
    for r in results:
        by.setdefault(r.tambon_code, []).append(z.rescaled[r.key])
    return {k: float(np.mean(v)) for k, v in by.items()}


def _accuracy(
    scenario: dict[str, object], seeds: range, top: int = 5
) -> dict[str, tuple[float, float]]:
    """Mean over seeded zones of the RMSE against the true quality (both centred within the
    zone) and of how many of the truly best ``top`` tambons each aggregation picks."""
    totals: dict[str, list[float]] = {"adjusted": [0, 0], "mean": [0, 0], "zscore": [0, 0]}
    for seed in seeds:
        quality, _, obs = _random_zone(seed, **scenario)  # type: ignore[arg-type]
        codes = [f"T{t:03d}" for t in range(len(quality))]
        by: dict[str, list[float]] = {}
        for o in obs:
            by.setdefault(o.tambon, []).append(o.total)
        fit = sa.fit_zone(obs)
        z = _zscore_scores(obs)
        estimates = {
            "adjusted": np.array([fit.scores[c] for c in codes]),
            "mean": np.array([np.mean(by[c]) for c in codes]),
            "zscore": np.array([z[c] for c in codes]),
        }
        best = set(np.argsort(-quality)[:top].tolist())
        for name, s in estimates.items():
            d = (s - s.mean()) - (quality - quality.mean())
            totals[name][0] += math.sqrt(float(np.mean(d * d))) / len(seeds)
            totals[name][1] += len(best & set(np.argsort(-s)[:top].tolist())) / len(seeds)
    return {k: (v[0], v[1]) for k, v in totals.items()}


def test_recovers_planted_leniency_better_than_mean_and_zscore() -> None:
    # An outstanding-round zone: 55 tambons, 4 inspectors (SD of leniency 6 points), 2–3
    # sheets per tambon, noise SD 3. Seeded: 40 zones.
    acc = _accuracy({"tambons": 55, "inspectors": 4, "per_tambon": (2, 4)}, range(40))
    adjusted, mean, zscore = acc["adjusted"], acc["mean"], acc["zscore"]
    assert adjusted[0] < 2.1  # points of RMSE (measured 1.9)
    assert adjusted[0] < 0.75 * mean[0]  # mean 3.0
    assert adjusted[0] < 0.75 * zscore[0]  # z-score 2.9
    assert adjusted[1] >= mean[1] + 0.5  # of the 5 truly best picked: 3.9 against 3.2
    assert adjusted[1] >= zscore[1] - 0.1


def test_few_sheets_per_inspector() -> None:
    # An excellent-round-like zone: 12 candidates, 10 inspectors with 2–3 sheets each.
    acc = _accuracy({"tambons": 12, "inspectors": 10, "per_tambon": (2, 3)}, range(40), top=1)
    adjusted, mean, zscore = acc["adjusted"], acc["mean"], acc["zscore"]
    assert adjusted[0] < 0.8 * mean[0]
    assert adjusted[0] < 0.8 * zscore[0]
    assert adjusted[1] >= max(mean[1], zscore[1])


def test_rank_round_with_adjusted_aggregation() -> None:
    criteria = (Criterion("C1", 100, 100),)
    tambons = [Tambon(f"1801{t:02d}", f"ต{t}", 1) for t in range(3)] + [
        Tambon("500101", "เชียงใหม่", 15)
    ]
    sheets = [
        Sheet("a", "I1", "180100", "submitted", {"C1": 80}),
        Sheet("b", "I2", "180100", "submitted", {"C1": 70}),
        Sheet("c", "I1", "180101", "submitted", {"C1": 60}),
        Sheet("d", "I2", "180102", "submitted", {"C1": 50}),
        Sheet("e", "I3", "500101", "submitted", {"C1": 90}),
    ]
    rules = RoundRules("r", aggregation=Aggregation.ADJUSTED, winners_per_zone=1)
    result = sr.rank_round(rules, criteria, tambons, sheets)
    assert result.adjusted is not None
    fit = sa.fit_zone(HAND)
    first = result.entry("180100")
    assert first.status == "winner"
    assert first.score == pytest.approx(fit.scores["T1"])
    assert first.se == pytest.approx(fit.se["T1"])
    assert result.entry("500101").score == pytest.approx(90.0)
    assert result.entry("500101").se is None  # one sheet in its zone: no noise estimate


def test_the_contest_file_accepts_adjusted() -> None:
    from evaluator.contest.parse import parse_contest
    from tests.evaluator.test_contest import GOOD

    spec = parse_contest(GOOD.replace('aggregation = "median"', 'aggregation = "adjusted"'))
    assert spec.rounds[0].aggregation == "adjusted"
    assert RoundRules("r", aggregation=spec.rounds[0].aggregation).aggregation is (
        Aggregation.ADJUSTED
    )
