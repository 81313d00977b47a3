"""Sampled futures: costs, durations, benefits and stops of a portfolio's initiatives.

:func:`sample_futures` is a pure function of the estimates, the number of samples and a
seed; it knows nothing of any plan, so the same futures can test a fixed plan
(:mod:`planning.uncertainty.simulation`) or be planned against. Futures are drawn in whole
blocks of :data:`BLOCK` samples, block ``b`` from the seed ``[seed, b]``, and a run keeps the
first samples it asked for: future ``k`` is sample ``k % BLOCK`` of block ``k // BLOCK``, a
function of the seed and ``k`` alone (and of the estimates and options), never of how many
futures were asked for. So the first 100 of 200 futures are the 100 futures of the same seed,
and a run split into blocks (for progress, memory, or workers) draws exactly what one run draws.

Correlation: the overrun of initiatives led by the same funding pool moves together, as
the regional IT provider (the supplier) is the same: a bad year for Sykehuspartner hits
every HSO-led initiative. The cost and the duration of one initiative take the same rank
(an initiative that overruns its cost overruns its time too); benefits and stops are drawn
independently.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from planning.domain.estimates import resolve_estimate
from planning.domain.portfolio import Portfolio
from planning.messages.phrases import phrase
from planning.uncertainty.distributions import DISTRIBUTIONS, check_distribution, draw, normal_scores, rank_match, ranks

BLOCK = 250
"""Samples drawn from one seed; every run draws whole blocks and keeps the samples it asked for."""
MAX_SAMPLES = 50_000
"""Most samples one run may ask for (memory grows with samples x initiatives; see docs/uncertainty.md)."""
DEFAULT_SAMPLES = 2000
DEFAULT_CORRELATION = 0.3
"""Correlation of the normal scores of two initiatives in the same group (an assumption; docs/uncertainty.md)."""
GROUPINGS = ("lead_region", "area")
"""What the shared factor follows: the lead funding pool (its IT provider, the supplier) or the plan's area."""


@dataclass(frozen=True)
class Estimates:
    """Three-point estimates of some initiatives, as arrays in the order of ``ids``."""

    ids: list[str]
    cost: np.ndarray
    """(n, 3) low, most likely, high total cost, MNOK."""
    duration: np.ndarray
    """(n, 3) low, most likely, high periods of execution."""
    benefit: np.ndarray
    """(n, 3) low, most likely, high share of the stated benefits."""
    stop: np.ndarray
    """(n,) probability of being stopped before delivery."""
    group: np.ndarray
    """(n,) number of the correlation group (lead region or area) of each initiative."""
    groups: list[str]

    def in_id_order(self) -> Estimates:
        """The same estimates with the initiatives sorted by id."""
        at = sorted(range(len(self.ids)), key=self.ids.__getitem__)
        return Estimates(
            [self.ids[n] for n in at],
            self.cost[at],
            self.duration[at],
            self.benefit[at],
            self.stop[at],
            self.group[at],
            self.groups,
        )


def portfolio_estimates(
    portfolio: Portfolio, ids: Sequence[str] | None = None, group_by: str = GROUPINGS[0]
) -> Estimates:
    """The resolved estimates (data, else the risk class's default) of ``ids`` (default all initiatives).

    Raises
    ------
    ValueError
        When ``group_by`` is not one of :data:`GROUPINGS`.
    """
    if group_by not in GROUPINGS:
        raise ValueError(phrase("unknown_grouping", value=group_by, choices=", ".join(GROUPINGS)))
    chosen = [str(i) for i in (portfolio.initiatives.index if ids is None else ids)]
    rows = portfolio.initiatives.loc[chosen].to_dict("records") if chosen else []
    found = [resolve_estimate(row) for row in rows]
    keys = [str(row[group_by]) for row in rows]
    groups = sorted(set(keys))

    def points(name: str) -> np.ndarray:
        rows = [getattr(f, name) for f in found]
        return np.array([[p.low, p.likely, p.high] for p in rows], dtype=float).reshape(len(chosen), 3)

    return Estimates(
        ids=chosen,
        cost=points("cost"),
        duration=points("duration"),
        benefit=points("benefit"),
        stop=np.array([f.stop_probability for f in found], dtype=float),
        group=np.array([groups.index(k) for k in keys], dtype=np.int64),
        groups=groups,
    )


@dataclass(frozen=True)
class Futures:
    """Sampled futures of some initiatives: one row per sample, one column per initiative of ``ids``."""

    ids: list[str]
    cost: np.ndarray
    """Total cost, MNOK (float)."""
    duration: np.ndarray
    """Periods of execution (int, at least 1)."""
    benefit: np.ndarray
    """Share of the stated benefits realised (float)."""
    stop_after: np.ndarray
    """Periods run before the initiative is stopped, 1 .. duration; 0 when it is not stopped (int)."""

    @property
    def samples(self) -> int:
        return int(self.cost.shape[0])

    def head(self, samples: int) -> Futures:
        """The first ``samples`` futures."""
        return Futures(
            self.ids, self.cost[:samples], self.duration[:samples], self.benefit[:samples], self.stop_after[:samples]
        )

    def columns(self, ids: Sequence[str]) -> Futures:
        """The futures of ``ids`` only, in that order."""
        where = {i: n for n, i in enumerate(self.ids)}
        at = [where[i] for i in ids]
        return Futures(list(ids), self.cost[:, at], self.duration[:, at], self.benefit[:, at], self.stop_after[:, at])

    @staticmethod
    def joined(parts: Sequence[Futures]) -> Futures:
        """Blocks of the same initiatives one after the other."""
        first = parts[0]
        return Futures(
            first.ids,
            np.concatenate([p.cost for p in parts]),
            np.concatenate([p.duration for p in parts]),
            np.concatenate([p.benefit for p in parts]),
            np.concatenate([p.stop_after for p in parts]),
        )


def draw_block(
    estimates: Estimates, samples: int, seed: int, block: int, *, correlation: float, distribution: str
) -> Futures:
    """The first ``samples`` futures (at most :data:`BLOCK`) of block ``block`` of the seed.

    The whole block is drawn from the seed ``[seed, block]`` and cut: the rank-matching that
    correlates the futures (:func:`~planning.uncertainty.distributions.rank_match`) works
    across the samples of a block, so drawing fewer would change every one of them. The
    initiatives are drawn in the order of their ids, whatever order ``estimates`` holds them
    in (a store reads them sorted, a file in its own order), so the same data and seed give
    the same futures.

    Raises
    ------
    ValueError
        When ``samples`` is not 1 to :data:`BLOCK`.
    """
    if not 1 <= samples <= BLOCK:
        raise ValueError(f"a block holds 1 to {BLOCK} futures, not {samples}")
    if estimates.ids != sorted(estimates.ids):
        ordered = estimates.in_id_order()
        drawn = draw_block(ordered, samples, seed, block, correlation=correlation, distribution=distribution)
        return drawn.columns(estimates.ids)
    rng = np.random.default_rng([seed, block])
    low, mode, high = (estimates.cost[:, k] for k in range(3))
    rank = ranks(normal_scores(rng, estimates.group, correlation, BLOCK))
    cost = rank_match(draw(rng, distribution, low, mode, high, BLOCK), rank)
    d = estimates.duration
    raw_duration = rank_match(draw(rng, distribution, d[:, 0], d[:, 1], d[:, 2], BLOCK), rank)
    duration = np.clip(np.floor(raw_duration + 0.5), d[:, 0], d[:, 2]).astype(np.int64)
    b = estimates.benefit
    benefit = draw(rng, distribution, b[:, 0], b[:, 1], b[:, 2], BLOCK)
    stopped = rng.random((BLOCK, len(estimates.ids))) < estimates.stop
    point = rng.random((BLOCK, len(estimates.ids)))
    stop_after = np.where(stopped, 1 + np.floor(point * duration).astype(np.int64), 0)
    drawn = Futures(estimates.ids, cost, duration, benefit, np.minimum(stop_after, duration))
    return drawn if samples == BLOCK else drawn.head(samples)


def future_blocks(
    estimates: Estimates,
    samples: int,
    seed: int,
    *,
    correlation: float = DEFAULT_CORRELATION,
    distribution: str = DISTRIBUTIONS[0],
) -> Iterator[Futures]:
    """``samples`` futures in blocks of :data:`BLOCK`, block ``b`` from ``[seed, b]`` (the last
    one cut from a whole block, so future ``k`` is the same whatever ``samples`` is)."""
    check_distribution(distribution)
    for block, first in enumerate(range(0, samples, BLOCK)):
        size = min(BLOCK, samples - first)
        yield draw_block(estimates, size, seed, block, correlation=correlation, distribution=distribution)


def sample_futures(
    estimates: Estimates,
    samples: int,
    seed: int,
    *,
    correlation: float = DEFAULT_CORRELATION,
    distribution: str = DISTRIBUTIONS[0],
) -> Futures:
    """``samples`` sampled futures of the estimated initiatives, the same for the same seed.

    Parameters
    ----------
    estimates
        From :func:`portfolio_estimates`.
    correlation
        Correlation of the normal scores of two initiatives in the same group, 0 (independent)
        to just below 1.
    distribution
        How a three-point estimate is read: ``triangular`` or ``pert``.
    """
    return Futures.joined(
        list(future_blocks(estimates, samples, seed, correlation=correlation, distribution=distribution))
    )
