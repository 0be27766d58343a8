"""How sure each win is: ``margin`` and ``p_winner`` (DESIGN.md section 6).

``margin``: a winner's score minus the score of the first non-winner of its group (zone, or the
country); for the others, their score minus the score of the last winner (negative, or 0 at a
tie). A winner with no non-winner below it is measured against the round's ``min_score``.

``p_winner``: the share of resamples in which the tambon wins. A resample draws each tambon's
counted sheets with replacement within the tambon (as many as it has), recomputes every score
with the round's aggregation (z-score statistics and the adjusted model included, the adjusted
model with the variance ratio of the actual fit), and ranks again with the same rules: the
candidates are the tambons eligible in the actual ranking (ineligible ones stay out: too few
sheets or not a winner of ``eligible_from`` do not change by resampling), ``min_score`` is
applied to the resampled score, the order is score then each tie-break criterion (criterion
means from the drawn sheets), values closer than 1e-9 are equal, and a tambon wins a resample
when its group fits in the quota. A group still tied across the cutoff in a resample shares the
places left (2 places among 3 tied: 2/3 of a win each, as if the committee picked at random), so
a group's p_winner adds up to its quota whenever it has that many candidates eligible in every
resample; ``tied`` counts the resamples where that happened.

Everything is vectorised with numpy over the resamples: ``DRAWS`` resamples of the demo's 1,000
tambons take a fraction of a second. The generator is seeded (``SEED``) and the tambons and their
sheets are taken in a fixed order (number of sheets, code, sheet key), so the same data give the
same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evaluator.scoring import adjusted as sa
from evaluator.scoring.model import EPSILON, Aggregation, Criterion, QuotaKind, Sheet, Status
from evaluator.scoring.ranking import RoundResult, TambonResult

if TYPE_CHECKING:  # numpy is imported where it is used: not at the app's start
    import numpy as np
    from numpy.typing import NDArray

DRAWS = 1000
SEED = 2564

RANKED = (Status.WINNER, Status.TIE, Status.ELIGIBLE)


# --- margin ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What a margin needs of an entry: its group, score and (final) status."""

    code: str
    scope: int
    score: float | None
    status: str


def standings(result: RoundResult) -> list[Standing]:
    """The ranked entries of a round, with their group (zone, or 0 for a national quota)."""
    national = result.quota_kind is QuotaKind.NATIONAL
    return [
        Standing(e.tambon.code, 0 if national else e.tambon.zone, e.score, str(e.status))
        for e in result.entries
        if e.rank is not None
    ]


def margins(entries: Sequence[Standing], min_score: float = 0.0) -> dict[str, float | None]:
    """Each ranked entry's margin (see the module text), in rank order within its group.

    ``entries`` are in rank order. Statuses are taken as given, so a committee's decision on a
    tie is reflected (a decided winner is a winner).
    """
    by_scope: dict[int, list[Standing]] = defaultdict(list)
    for e in entries:
        if e.score is not None and e.status != str(Status.INELIGIBLE):
            by_scope[e.scope].append(e)
    out: dict[str, float | None] = {}
    for group in by_scope.values():
        winners = [e for e in group if e.status == str(Status.WINNER)]
        others = [e for e in group if e.status != str(Status.WINNER)]
        first_other = max((e.score for e in others if e.score is not None), default=None)
        last_winner = min((e.score for e in winners if e.score is not None), default=None)
        for e in group:
            assert e.score is not None
            if e.status == str(Status.WINNER):
                below = min_score if first_other is None else first_other
                out[e.code] = max(e.score - below, 0.0)
            elif last_winner is None:
                out[e.code] = None if e.status != str(Status.TIE) else 0.0
            else:
                out[e.code] = min(e.score - last_winner, 0.0)
    return out


# --- p_winner --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cutoff:
    """The last winner and the first non-winner of a group, and how sure their order is."""

    scope: int
    last_winner: str
    first_other: str
    gap: float  # last winner's score − first non-winner's score
    gap_sd: float  # standard deviation of that difference over the resamples
    p_order: float  # share of resamples in which the last winner still scores at least as high


@dataclass(frozen=True)
class CutoffNote:
    """A cutoff as reported: the pair at the cutoff of a zone (0: the country), the gap, its
    resampled standard deviation, and a sentence for the committee."""

    zone: int
    last_winner: str
    first_other: str
    gap: float
    gap_sd: float
    p_order: float
    text: str


@dataclass(frozen=True)
class Robustness:
    """The resampling figures of a round."""

    draws: int
    seed: int
    p_winner: Mapping[str, float]  # every ranked tambon (0 for the others)
    score_sd: Mapping[str, float]  # SD of each tambon's score over the resamples
    cutoffs: Mapping[int, Cutoff]  # per group with a winner and a non-winner
    tied: Mapping[int, int]  # group → resamples with a tie across its cutoff


@dataclass(frozen=True)
class _Rows:
    """The round's counted sheets, grouped by tambon (by number of sheets, then code)."""

    codes: tuple[str, ...]
    keys: tuple[str, ...]  # each row's sheet
    zones: NDArray[np.intp]
    starts: NDArray[np.intp]
    sizes: NDArray[np.intp]
    totals: NDArray[np.float64]
    inspectors: NDArray[np.intp]
    tie_values: NDArray[np.float64]  # (tie-break criteria, sheets): score / max_score


def _rows(result: RoundResult, criteria: Sequence[Criterion], sheets: Mapping[str, Sheet]) -> _Rows:
    import numpy as np

    max_score = {c.code: c.max_score for c in criteria}
    tie_codes = result.rules.tie_break
    entries = sorted(
        (e for e in result.entries if e.counted), key=lambda e: (len(e.counted), e.tambon.code)
    )
    inspector_ids: dict[str, int] = {}
    codes, zones, starts, sizes = [], [], [], []
    totals: list[float] = []
    keys: list[str] = []
    inspectors: list[int] = []
    ties: list[list[float]] = [[] for _ in tie_codes]
    for e in entries:
        counted = sorted(e.counted, key=lambda s: s.key)
        codes.append(e.tambon.code)
        zones.append(e.tambon.zone)
        starts.append(len(totals))
        sizes.append(len(counted))
        for s in counted:
            assert s.total is not None
            totals.append(s.total)
            keys.append(s.key)
            inspectors.append(inspector_ids.setdefault(s.inspector, len(inspector_ids)))
            for i, code in enumerate(tie_codes):
                ties[i].append(sheets[s.key].scores[code] / max_score[code])
    return _Rows(
        codes=tuple(codes),
        keys=tuple(keys),
        zones=np.array(zones, dtype=np.intp),
        starts=np.array(starts, dtype=np.intp),
        sizes=np.array(sizes, dtype=np.intp),
        totals=np.array(totals, dtype=np.float64),
        inspectors=np.array(inspectors, dtype=np.intp),
        tie_values=np.array(ties, dtype=np.float64).reshape(len(tie_codes), len(totals)),
    )


def _draw(rows: _Rows, draws: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """(sheets, draws) row indices: each tambon's block refilled from its own rows.

    Tambons are laid out by number of sheets, so each size is one block drawn at once.
    """
    import numpy as np

    drawn = np.empty((len(rows.totals), draws), dtype=np.intp)
    for k in sorted(set(rows.sizes.tolist())):
        members = np.flatnonzero(rows.sizes == k)
        first, count = int(rows.starts[members[0]]), len(members) * k
        if k == 1:
            drawn[first : first + count] = rows.starts[members][:, None]
            continue
        picks = rng.integers(0, k, size=(len(members), k, draws), dtype=np.int32)
        block = rows.starts[members][:, None, None] + picks
        drawn[first : first + count] = block.reshape(count, draws)
    return drawn


def _per_tambon_mean(values: NDArray[np.float64], rows: _Rows) -> NDArray[np.float64]:
    """(sheets, draws) values → (tambons, draws) means over each tambon's block."""
    import numpy as np

    out: NDArray[np.float64] = np.add.reduceat(values, rows.starts, axis=0) / rows.sizes[:, None]
    return out


def _sorted_blocks(
    values: NDArray[np.float64], rows: _Rows, aggregation: Aggregation
) -> NDArray[np.float64]:
    """Median or trimmed mean per tambon, block size by block size: (tambons, draws)."""
    import numpy as np

    out = np.empty((len(rows.codes), values.shape[1]))
    for k in sorted(set(rows.sizes.tolist())):
        members = np.flatnonzero(rows.sizes == k)
        cols = rows.starts[members][:, None] + np.arange(k)[None, :]
        block = np.sort(values[cols, :], axis=1)  # (tambons, k, draws)
        if aggregation is Aggregation.MEDIAN:
            if k % 2:
                out[members] = block[:, k // 2]
            else:
                out[members] = (block[:, k // 2 - 1] + block[:, k // 2]) / 2
        else:
            kept = block[:, 1:-1] if k >= 3 else block
            out[members] = kept.mean(axis=1)
    return out


def _zscore_scores(drawn: NDArray[np.intp], rows: _Rows) -> NDArray[np.float64]:
    import numpy as np

    n, draws = drawn.shape
    y = rows.totals[drawn]
    who = rows.inspectors[drawn]
    inspectors = int(rows.inspectors.max()) + 1
    flat = (who * draws + np.arange(draws)[None, :]).ravel()
    shape = (inspectors, draws)
    count = np.bincount(flat, minlength=inspectors * draws).reshape(shape)
    total = np.bincount(flat, weights=y.ravel(), minlength=inspectors * draws).reshape(shape)
    mu = total / np.maximum(count, 1)
    dev = y - mu.ravel()[flat].reshape(n, draws)
    ss = np.bincount(flat, weights=(dev * dev).ravel(), minlength=inspectors * draws)
    sd = np.sqrt(ss.reshape(shape) / np.maximum(count, 1))
    sd_of = sd.ravel()[flat].reshape(n, draws)
    flat_sd = sd_of < EPSILON
    z = np.where(flat_sd, 0.0, dev / np.where(flat_sd, 1.0, sd_of))
    overall_mean = y.mean(axis=0, keepdims=True)
    overall_sd = np.sqrt(((y - overall_mean) ** 2).mean(axis=0, keepdims=True))
    return _per_tambon_mean(overall_mean + z * overall_sd, rows)


def _adjusted_scores(
    drawn: NDArray[np.intp], rows: _Rows, result: RoundResult
) -> NDArray[np.float64]:
    import numpy as np

    assert result.adjusted is not None
    out = np.empty((len(rows.codes), drawn.shape[1]))
    for zone in sorted(set(rows.zones.tolist())):
        members = np.flatnonzero(rows.zones == zone)
        cols = np.concatenate(
            [np.arange(rows.starts[t], rows.starts[t] + rows.sizes[t]) for t in members]
        )
        local_t = np.repeat(np.arange(len(members)), rows.sizes[members])
        picked = drawn[cols, :].T  # (draws, zone sheets)
        used = np.unique(rows.inspectors[cols])
        local = np.zeros(int(rows.inspectors.max()) + 1, dtype=np.intp)
        local[used] = np.arange(len(used))
        out[members] = sa.zone_adjusted_scores(
            np.broadcast_to(local_t, picked.shape),
            local[rows.inspectors[picked]],
            rows.totals[picked],
            len(members),
            len(used),
            result.adjusted.zones[zone].ratio,
        ).T
    return out


def resampled_scores(
    drawn: NDArray[np.intp], rows: _Rows, result: RoundResult
) -> NDArray[np.float64]:
    """(tambons, draws) scores of every resample with the round's aggregation."""
    aggregation = result.rules.aggregation
    if aggregation is Aggregation.ZSCORE:
        return _zscore_scores(drawn, rows)
    if aggregation is Aggregation.ADJUSTED:
        return _adjusted_scores(drawn, rows, result)
    values = rows.totals[drawn]
    if aggregation is Aggregation.MEAN:
        return _per_tambon_mean(values, rows)
    return _sorted_blocks(values, rows, aggregation)


def _groups(
    group: NDArray[np.int64], key: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Refine ``group`` (draws, n) by ``key`` descending, chaining values closer than 1e-9.

    Returns each item's new group id (increasing along the order, 0 first in each draw) and how
    many items of its draw are in its group or an earlier one.
    """
    import numpy as np

    draws, n = group.shape
    low = float(key.min())
    width = float(key.max()) - low + 1.0
    order = np.argsort(group * width + (width - (key - low)), axis=1)
    g = np.take_along_axis(group, order, axis=1)
    k = np.take_along_axis(key, order, axis=1)
    boundary = np.ones_like(g, dtype=bool)
    boundary[:, 1:] = (g[:, 1:] != g[:, :-1]) | (k[:, :-1] - k[:, 1:] >= EPSILON)
    ids_sorted = np.cumsum(boundary, axis=1) - 1
    ids = np.empty_like(ids_sorted)
    np.put_along_axis(ids, order, ids_sorted, axis=1)
    flat = (ids + n * np.arange(draws)[:, None]).ravel()
    upto = np.cumsum(np.bincount(flat, minlength=draws * n).reshape(draws, n), axis=1)
    return ids, np.take_along_axis(upto, ids, axis=1)


def _groups_1d(
    parent: NDArray[np.int64], keys: Sequence[NDArray[np.float64]]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Like :func:`_groups` for flat items of many parents, refined by each key in turn:
    each item's leaf group and how many items of its parent are in that group or before it."""
    import numpy as np

    group = parent
    for key in keys:
        order = np.lexsort((-key, group))
        g, k = group[order], key[order]
        boundary = np.ones(len(g), dtype=bool)
        boundary[1:] = (g[1:] != g[:-1]) | (k[:-1] - k[1:] >= EPSILON)
        ids = np.empty(len(g), dtype=np.int64)
        ids[order] = np.cumsum(boundary) - 1
        group = ids
    # items of a parent have consecutive leaf ids; count within the parent up to each leaf
    sizes = np.bincount(group, minlength=int(group.max()) + 1 if len(group) else 0)
    upto_all = np.cumsum(sizes)
    first_leaf = np.full(int(parent.max()) + 1 if len(parent) else 0, np.iinfo(np.int64).max)
    np.minimum.at(first_leaf, parent, group)
    before = upto_all[first_leaf[parent]] - sizes[first_leaf[parent]]
    return group, upto_all[group] - before


def _wins(
    scores: NDArray[np.float64],
    tie_keys: Callable[[NDArray[np.intp], NDArray[np.intp]], list[NDArray[np.float64]]],
    scope: NDArray[np.intp],
    scopes: int,
    quota: int,
    min_score: float,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Each candidate's share of a win in each resample, (draws, candidates): 1 for a win, 0
    for none, and for a group still tied across the cutoff the places left divided among it
    (the committee would pick that many of them); and per scope in how many resamples such a
    tie happened.

    Ordered by score first; the tie-break criteria (``tie_keys(draw, candidate)`` gives their
    values for chosen pairs) are only consulted for the groups of equal scores that straddle
    the cutoff, the only ones whose win they can change.
    """
    import numpy as np

    draws, n = scores.shape
    eligible = scores >= min_score - EPSILON
    scope_of = np.where(eligible, scope[None, :], scopes).astype(np.int64)
    ids, upto = _groups(scope_of, scores)
    flat_scope = (scope_of + (scopes + 1) * np.arange(draws)[:, None]).ravel()
    per_scope = np.bincount(flat_scope, minlength=draws * (scopes + 1)).reshape(draws, scopes + 1)
    before = np.take_along_axis(np.cumsum(per_scope, axis=1) - per_scope, scope_of, axis=1)
    flat_ids = (ids + n * np.arange(draws)[:, None]).ravel()
    size = np.bincount(flat_ids, minlength=draws * n)[flat_ids].reshape(draws, n)
    upto_scope = upto - before
    ahead = upto_scope - size
    wins = (eligible & (upto_scope <= quota)).astype(np.float64)
    tied = np.zeros((draws, scopes + 1), dtype=bool)
    open_ = eligible & (ahead < quota) & (upto_scope > quota)
    if open_.any():
        b, c = np.nonzero(open_)
        parent = np.unique(flat_ids.reshape(draws, n)[b, c], return_inverse=True)[1]
        leaf, within = _groups_1d(parent.astype(np.int64), tie_keys(b, c))
        leaf_size = np.bincount(leaf)[leaf]
        ahead_leaf = ahead[b, c] + within - leaf_size
        share = np.clip((quota - ahead_leaf) / leaf_size, 0.0, 1.0)
        wins[b, c] = share
        still = (share > 0.0) & (share < 1.0)
        tied[b[still], scope_of[b[still], c[still]]] = True
    return wins, tied[:, :scopes].sum(axis=0)


@dataclass(frozen=True)
class Simulation:
    """The resamples themselves (for checking): who took part and who won each draw."""

    rows: _Rows
    drawn: NDArray[np.intp]  # (sheets, draws) row drawn into each place
    scores: NDArray[np.float64]  # (tambons with counted sheets, draws)
    candidates: tuple[str, ...]  # the ranked tambons, in rank order
    wins: NDArray[np.float64]  # (draws, candidates): 1 won, 0 not, a share at a tie
    tied: Mapping[int, int]  # zone (0: the country) → draws with a tie at its cutoff


def simulate(
    result: RoundResult,
    criteria: Sequence[Criterion],
    sheets: Sequence[Sheet],
    draws: int = DRAWS,
    seed: int = SEED,
) -> Simulation | None:
    """Resample the round ``draws`` times and rank each resample (None: nothing to rank)."""
    import numpy as np

    rows = _rows(result, criteria, {s.key: s for s in sheets})
    ranked = [e for e in result.entries if e.rank is not None]
    if not rows.codes or not ranked:
        return None
    rng = np.random.default_rng(seed)
    drawn = _draw(rows, draws, rng)
    scores = resampled_scores(drawn, rows, result)  # (tambons, draws)
    column = {code: i for i, code in enumerate(rows.codes)}
    cand = np.array([column[e.tambon.code] for e in ranked], dtype=np.intp)
    national = result.quota_kind is QuotaKind.NATIONAL
    scope_values = sorted({0 if national else e.tambon.zone for e in ranked})
    scope_index = {z: i for i, z in enumerate(scope_values)}
    scope = np.array([scope_index[0 if national else e.tambon.zone] for e in ranked], dtype=np.intp)

    def tie_keys(b: NDArray[np.intp], c: NDArray[np.intp]) -> list[NDArray[np.float64]]:
        import numpy as np

        tambon = cand[c]
        out = []
        for values in rows.tie_values:
            total = np.zeros(len(b))
            for offset in range(int(rows.sizes[tambon].max())):
                inside = offset < rows.sizes[tambon]
                row = drawn[rows.starts[tambon[inside]] + offset, b[inside]]
                total[inside] += values[row]
            out.append(total / rows.sizes[tambon])
        return out

    wins, tied = _wins(
        np.ascontiguousarray(scores[cand].T),
        tie_keys,
        scope,
        len(scope_values),
        result.quota,
        result.rules.min_score,
    )
    return Simulation(
        rows=rows,
        drawn=drawn,
        scores=scores,
        candidates=tuple(e.tambon.code for e in ranked),
        wins=wins,
        tied=dict(zip(scope_values, tied.tolist(), strict=True)),
    )


def robustness(
    result: RoundResult,
    criteria: Sequence[Criterion],
    sheets: Sequence[Sheet],
    draws: int = DRAWS,
    seed: int = SEED,
) -> Robustness:
    """``p_winner``, resampled score SDs and the cutoff pairs of a ranked round."""
    p_winner = {e.tambon.code: 0.0 for e in result.entries}
    sim = simulate(result, criteria, sheets, draws, seed)
    if sim is None:
        return Robustness(draws, seed, p_winner, {}, {}, {})
    for code, share in zip(sim.candidates, sim.wins.mean(axis=0).tolist(), strict=True):
        p_winner[code] = share
    column = {code: i for i, code in enumerate(sim.rows.codes)}
    score_sd = dict(zip(sim.rows.codes, sim.scores.std(axis=1).tolist(), strict=True))
    return Robustness(
        draws, seed, p_winner, score_sd, _cutoffs(result, sim.scores, column), sim.tied
    )


def _cutoffs(
    result: RoundResult, scores: NDArray[np.float64], column: Mapping[str, int]
) -> dict[int, Cutoff]:
    national = result.quota_kind is QuotaKind.NATIONAL
    by_scope: dict[int, list[TambonResult]] = defaultdict(list)
    for e in result.entries:
        if e.rank is not None:
            by_scope[0 if national else e.tambon.zone].append(e)
    out: dict[int, Cutoff] = {}
    for scope, group in sorted(by_scope.items()):
        winners = [e for e in group if e.status is Status.WINNER]
        others = [e for e in group if e.status is not Status.WINNER]
        if not winners or not others:
            continue
        last, first = winners[-1], others[0]
        assert last.score is not None and first.score is not None
        diff = scores[column[last.tambon.code]] - scores[column[first.tambon.code]]
        out[scope] = Cutoff(
            scope=scope,
            last_winner=last.tambon.code,
            first_other=first.tambon.code,
            gap=last.score - first.score,
            gap_sd=float(diff.std()),
            p_order=float((diff > -EPSILON).mean()),
        )
    return out
