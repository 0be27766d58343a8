"""The ``adjusted`` aggregation: tambon scores corrected for inspector leniency (DESIGN.md 6).

Within each zone the counted sheets' totals are described by an additive model

    total = tambon effect + inspector effect + noise,

tambon effects fixed, inspector effects random with mean 0 and variance τ², noise with variance
σ². A tambon's adjusted score is its estimated tambon effect (on the 0–100 scale of the totals)
and comes with its standard error.

How it is fitted (Henderson's mixed-model equations, i.e. penalised least squares): the tambon
effects α and inspector effects b minimise

    Σ (total − α[tambon] − b[inspector])² + (σ² / τ²) · Σ b²,

so an inspector's effect is shrunk toward 0 the more, the fewer sheets they gave (an inspector
with one sheet barely moves anything; one with thirty is corrected almost fully). The variance
ratio γ = τ² / σ² is estimated by restricted maximum likelihood (REML), the criterion
statsmodels' ``MixedLM(reml=True)`` maximises; the tests check both agree. Because the fit is
unchanged by adding a constant to every inspector effect of a connected group and subtracting it
from its tambons, the penalty makes the inspector effects of each connected part of the zone's
inspector–tambon graph sum to exactly 0: adjusted scores stay on the scale of the totals, and
where inspectors share no tambons (a disconnected design, see :mod:`evaluator.scoring.design`)
leniency and quality cannot be told apart, so nothing is moved between the parts.

With the tambon effects fixed, the algebra reduces to the inspectors: with D = diag(sheets per
tambon), N the tambon × inspector count matrix and m the sheets per inspector,
A = diag(m) − Nᵀ D⁻¹ N and c = Zᵀ (totals − tambon means), b = γ (I + γA)⁻¹ c and
α[t] = mean of (total − b[inspector]) over t's sheets. One eigendecomposition of the small
matrix A makes the REML criterion a closed form in γ:

    −2 log L_R(γ) = (n − p) log(RSS(γ) / (n − p)) + Σ log(1 + γ λ_k) + constant,
    RSS(γ) = Σ (totals − tambon means)² − Σ γ (Uᵀc)_k² / (1 + γ λ_k),

with n sheets, p tambons, A = U diag(λ) Uᵀ; σ² = RSS / (n − p) and
Var(α̂) = σ² (D⁻¹ + D⁻¹ N γ (I + γA)⁻¹ Nᵀ D⁻¹) (the standard errors conditional on γ, as
MixedLM reports them). γ is searched on a log grid from 1e-6 to 1e6 and refined by golden-section
search; γ = 0 (no inspector variance: the adjusted score is the plain mean) is a candidate too.

When no tambon of the zone has two counted sheets (n = p), there is no within-tambon variation to
tell noise from leniency: the scores are the plain totals and the standard errors are unknown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where it is used: not at the app's start
    import numpy as np
    from numpy.typing import NDArray


MIN_RATIO_LOG10 = -6.0
MAX_RATIO_LOG10 = 6.0
GRID_POINTS = 97
GOLDEN_STEPS = 60
RATIO_DECIMALS = 4  # of log10 γ


@dataclass(frozen=True)
class Observation:
    """One counted sheet: its tambon, its inspector, the zone fitted in, and its total."""

    tambon: str
    inspector: str
    zone: int
    total: float


@dataclass(frozen=True)
class ZoneFit:
    """The additive model fitted to one zone's counted sheets."""

    zone: int
    scores: Mapping[str, float]  # tambon code → adjusted score
    se: Mapping[str, float | None]  # tambon code → standard error (None: not estimable)
    effects: Mapping[str, float]  # inspector → estimated leniency (points added to a total)
    inspector_sheets: Mapping[str, int]
    ratio: float  # γ = τ² / σ² used (the penalty is 1 / γ)
    residual_variance: float | None  # σ²
    inspector_variance: float | None  # τ² = γ σ²
    sheets: int
    tambons: int
    components: int  # connected parts of the inspector–tambon graph

    @property
    def penalty(self) -> float:
        """σ² / τ²: the ridge penalty on the inspector effects (infinite when γ = 0)."""
        return math.inf if self.ratio == 0.0 else 1.0 / self.ratio


@dataclass(frozen=True)
class AdjustedFit:
    """Every zone's fit of a round."""

    zones: Mapping[int, ZoneFit]

    def score(self, tambon: str, zone: int) -> float:
        return self.zones[zone].scores[tambon]

    def se(self, tambon: str, zone: int) -> float | None:
        return self.zones[zone].se[tambon]


@dataclass(frozen=True)
class _Design:
    """A zone's sheets as index arrays and the quantities every γ shares."""

    tambons: tuple[str, ...]
    inspectors: tuple[str, ...]
    t: NDArray[np.intp]
    j: NDArray[np.intp]
    y: NDArray[np.float64]
    n_t: NDArray[np.float64]
    m_j: NDArray[np.float64]
    ybar: NDArray[np.float64]
    counts: NDArray[np.float64]  # N, tambons × inspectors
    within_ss: float  # Σ (y − tambon mean)²
    c: NDArray[np.float64]
    eigenvalues: NDArray[np.float64]
    eigenvectors: NDArray[np.float64]

    @property
    def dof(self) -> int:
        return len(self.y) - len(self.tambons)


def _design(observations: Sequence[Observation]) -> _Design:
    import numpy as np

    tambons = tuple(sorted({o.tambon for o in observations}))
    # Inspectors in an order given by their sheets, not their names (names break ties between
    # inspectors with identical sheets, whose order cannot change a result): renaming them
    # gives the same arithmetic in the same order, so exactly the same figures.
    signature: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for o in observations:
        signature[o.inspector].append((o.tambon, o.total))
    inspectors = tuple(sorted(signature, key=lambda name: (sorted(signature[name]), name)))
    t_index = {code: i for i, code in enumerate(tambons)}
    j_index = {name: i for i, name in enumerate(inspectors)}
    ordered = sorted(observations, key=lambda o: (o.tambon, j_index[o.inspector], o.total))
    t = np.array([t_index[o.tambon] for o in ordered], dtype=np.intp)
    j = np.array([j_index[o.inspector] for o in ordered], dtype=np.intp)
    y = np.array([o.total for o in ordered], dtype=np.float64)
    p, q = len(tambons), len(inspectors)
    n_t = np.bincount(t, minlength=p).astype(np.float64)
    m_j = np.bincount(j, minlength=q).astype(np.float64)
    ybar = np.bincount(t, weights=y, minlength=p) / n_t
    resid = y - ybar[t]
    counts = np.zeros((p, q))
    np.add.at(counts, (t, j), 1.0)
    a = np.diag(m_j) - counts.T @ (counts / n_t[:, None])
    c = np.bincount(j, weights=resid, minlength=q).astype(np.float64)
    eigenvalues, eigenvectors = np.linalg.eigh((a + a.T) / 2)
    return _Design(
        tambons=tambons,
        inspectors=inspectors,
        t=t,
        j=j,
        y=y,
        n_t=n_t,
        m_j=m_j,
        ybar=ybar,
        counts=counts,
        within_ss=float(resid @ resid),
        c=c,
        eigenvalues=np.clip(eigenvalues, 0.0, None),
        eigenvectors=eigenvectors,
    )


def _rss(d: _Design, ratio: NDArray[np.float64]) -> NDArray[np.float64]:
    import numpy as np

    u2 = (d.eigenvectors.T @ d.c) ** 2
    shrink = ratio[:, None] / (1.0 + ratio[:, None] * d.eigenvalues[None, :])
    return np.maximum(d.within_ss - shrink @ u2, 0.0)


def reml_criterion(d: _Design, ratio: NDArray[np.float64]) -> NDArray[np.float64]:
    """−2 × the REML log-likelihood (σ² profiled out, constants dropped) at each ratio γ."""
    import numpy as np

    rss = _rss(d, ratio)
    logdet = np.log1p(ratio[:, None] * d.eigenvalues[None, :]).sum(axis=1)
    with np.errstate(divide="ignore"):
        out: NDArray[np.float64] = d.dof * np.log(rss / d.dof) + logdet
    return out


def _estimate_ratio(d: _Design) -> float:
    """The REML estimate of γ = τ² / σ² (0 when the data give no inspector variance)."""
    import numpy as np

    if d.dof <= 0 or d.within_ss <= 1e-12 * max(1.0, float(d.y @ d.y)):
        return 0.0
    if not np.any(d.eigenvalues > 1e-9):
        return 0.0  # every inspector's sheets are alone in their tambons: nothing to fit
    logs = np.linspace(MIN_RATIO_LOG10, MAX_RATIO_LOG10, GRID_POINTS)
    values = reml_criterion(d, 10.0**logs)
    best = int(np.argmin(values))
    lo = logs[max(best - 1, 0)]
    hi = logs[min(best + 1, GRID_POINTS - 1)]
    invphi = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = lo + (1 - invphi) * (hi - lo), lo + invphi * (hi - lo)
    fa, fb = (float(v) for v in reml_criterion(d, 10.0 ** np.array([a, b])))
    for _ in range(GOLDEN_STEPS):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = lo + (1 - invphi) * (hi - lo)
            fa = float(reml_criterion(d, np.array([10.0**a]))[0])
        else:
            lo, a, fa = a, b, fb
            b = lo + invphi * (hi - lo)
            fb = float(reml_criterion(d, np.array([10.0**b]))[0])
    log_best, f_best = float(logs[best]), float(values[best])
    if min(fa, fb) < f_best:
        log_best, f_best = (a, fa) if fa <= fb else (b, fb)
    f_zero = float(reml_criterion(d, np.array([0.0]))[0])
    # Kept to 4 decimals of log10 γ (0.02 %): the same data with the inspectors named or listed
    # differently give the same γ, not one that differs in the last bits.
    return 0.0 if f_zero <= f_best else float(10.0 ** round(log_best, RATIO_DECIMALS))


def _components(d: _Design) -> int:
    """Connected parts of the inspector–tambon graph (union–find over the sheets)."""
    parent = list(range(len(d.tambons) + len(d.inspectors)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t, j in zip(d.t.tolist(), d.j.tolist(), strict=True):
        a, b = find(t), find(len(d.tambons) + j)
        if a != b:
            parent[a] = b
    return len({find(x) for x in range(len(parent))})


def fit_zone(
    observations: Sequence[Observation], zone: int = 0, ratio: float | None = None
) -> ZoneFit:
    """Fit the additive model to one zone's counted sheets; ``ratio`` fixes γ (else REML)."""
    import numpy as np

    if not observations:
        raise ValueError("no sheets to fit")
    d = _design(observations)
    gamma = _estimate_ratio(d) if ratio is None else float(ratio)
    if gamma < 0 or not math.isfinite(gamma):
        raise ValueError(f"the variance ratio must be finite and not negative, not {gamma}")
    lam, u = d.eigenvalues, d.eigenvectors
    shrink = gamma / (1.0 + gamma * lam)
    s_inv = (u * shrink) @ u.T  # γ (I + γA)⁻¹
    b = s_inv @ d.c
    alpha = d.ybar - (d.counts @ b) / d.n_t
    sigma2: float | None = None
    ses: list[float | None] = [None] * len(d.tambons)
    if d.dof > 0:
        sigma2 = float(_rss(d, np.array([gamma]))[0]) / d.dof
        w = d.counts / d.n_t[:, None]
        var = sigma2 * (1.0 / d.n_t + np.einsum("tj,jk,tk->t", w, s_inv, w))
        ses = [math.sqrt(max(float(v), 0.0)) for v in var]
    return ZoneFit(
        zone=zone,
        scores={code: float(a) for code, a in zip(d.tambons, alpha, strict=True)},
        se=dict(zip(d.tambons, ses, strict=True)),
        effects={name: float(e) for name, e in zip(d.inspectors, b, strict=True)},
        inspector_sheets={
            name: int(k) for name, k in zip(d.inspectors, d.m_j.tolist(), strict=True)
        },
        ratio=gamma,
        residual_variance=sigma2,
        inspector_variance=None if sigma2 is None else gamma * sigma2,
        sheets=len(d.y),
        tambons=len(d.tambons),
        components=_components(d),
    )


def fit_round(observations: Sequence[Observation]) -> AdjustedFit:
    """Fit every zone of a round separately."""
    by_zone: dict[int, list[Observation]] = defaultdict(list)
    for o in observations:
        by_zone[o.zone].append(o)
    return AdjustedFit({zone: fit_zone(obs, zone) for zone, obs in sorted(by_zone.items())})


def zone_adjusted_scores(
    tambon_index: NDArray[np.intp],
    inspector_index: NDArray[np.intp],
    totals: NDArray[np.float64],
    tambons: int,
    inspectors: int,
    ratio: float,
) -> NDArray[np.float64]:
    """Adjusted scores with a fixed γ for many samples at once (used by resampling).

    ``tambon_index``, ``inspector_index`` and ``totals`` are (samples, sheets) arrays of one zone;
    every sample must give each tambon at least one sheet. Returns (samples, tambons).
    """
    import numpy as np

    samples, n = totals.shape
    offset = np.arange(samples)[:, None]
    t_flat = (tambon_index + tambons * offset).ravel()
    n_t = np.bincount(t_flat, minlength=samples * tambons).reshape(samples, tambons)
    sums = np.bincount(t_flat, weights=totals.ravel(), minlength=samples * tambons)
    ybar = sums.reshape(samples, tambons) / n_t
    if ratio == 0.0 or inspectors == 0:
        return ybar
    cell = (tambon_index * inspectors + inspector_index + tambons * inspectors * offset).ravel()
    counts = np.bincount(cell, minlength=samples * tambons * inspectors).astype(np.float64)
    counts = counts.reshape(samples, tambons, inspectors)
    m_j = counts.sum(axis=1)
    a = m_j[:, :, None] * np.eye(inspectors)[None, :, :] - np.matmul(
        counts.transpose(0, 2, 1), counts / n_t[:, :, None]
    )
    resid = totals - ybar.ravel()[t_flat].reshape(samples, n)
    j_flat = (inspector_index + inspectors * offset).ravel()
    c = np.bincount(j_flat, weights=resid.ravel(), minlength=samples * inspectors)
    system = np.eye(inspectors)[None, :, :] + ratio * a
    b = ratio * np.linalg.solve(system, c.reshape(samples, inspectors)[:, :, None])[:, :, 0]
    out: NDArray[np.float64] = ybar - np.matmul(counts, b[:, :, None])[:, :, 0] / n_t
    return out


def observations_by_zone(
    items: Sequence[tuple[str, str, float]], zone_of: Mapping[str, int]
) -> list[Observation]:
    """(tambon, inspector, total) triples with each tambon's zone."""
    return [Observation(t, i, zone_of[t], y) for t, i, y in items]
