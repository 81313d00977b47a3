"""A fixed plan lived through sampled futures, period by period, every future at once.

Rules (``docs/uncertainty.md``):

- An initiative never starts before its planned start, nor before its dependencies allow:
  finish-to-start waits for the predecessor's sampled finish plus the lag, start-to-start
  for its start plus the lag. A stopped predecessor never finishes, so what waits for it
  finish-to-start never starts.
- Started work continues until it is done (or stopped), whatever it costs: the plan's
  principle that what is started is finished first.
- With the policy ``defer`` (a region acting on its budget), the initiatives due to start in
  a period are lined up by their value in the plan, highest first; each pool's envelope
  (plus carried-over money) is filled in that order after the running work, and from the
  first initiative that would take a pool over its envelope, it and every lower-valued one
  that pool pays for waits to the next period. Started, mandatory and locked initiatives
  are never deferred. With ``report`` nothing is deferred: the overrun is reported.
- Nothing starts after the horizon: what has not started by then is deferred out of it.

The loops run over periods and over chains of same-period starts; each step handles every
sample and initiative at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planning.messages.phrases import phrase
from planning.uncertainty.plan_model import PlanModel
from planning.uncertainty.sampling import Futures
from planning.uncertainty.spend import share_by_end_of

POLICIES = ("defer", "report")
"""What a region does when a pool-year would overrun: defer what has not started, or report the overrun."""
NOT_STARTED = np.iinfo(np.int64).max // 4
TOLERANCE = 1e-6
"""MNOK a pool may exceed its envelope by and still hold it, as in the plan checker."""


def check_policy(name: str) -> str:
    """``name`` when it is one of :data:`POLICIES`, else a ``ValueError`` naming the option."""
    if name not in POLICIES:
        raise ValueError(phrase("unknown_policy", value=name, choices=", ".join(POLICIES)))
    return name


@dataclass
class Outcome:
    """What happened to the plan in each sampled future (rows) of one block."""

    start: np.ndarray
    """(samples, n) period each initiative started, :data:`NOT_STARTED` when it never did."""
    finish: np.ndarray
    """(samples, n) last period of execution had it run to the end (meaningless when not started)."""
    stopped: np.ndarray
    """(samples, n) started and then stopped before delivery."""
    spend: np.ndarray
    """(samples, pools, periods) MNOK spent per pool and period of the horizon."""
    available: np.ndarray
    """(samples, pools, periods) envelope plus carried-over money."""
    npv: np.ndarray
    """(samples,) discounted benefit of what is delivered minus discounted cost of everything spent, MNOK."""
    benefit: np.ndarray
    """(samples,) undiscounted monetised benefit realised within the horizon, MNOK."""
    cost_factor: np.ndarray
    """(samples, n) sampled cost over the most likely cost (1 when the most likely cost is 0)."""

    @property
    def started(self) -> np.ndarray:
        return self.start != NOT_STARTED

    @property
    def delivered(self) -> np.ndarray:
        return self.started & ~self.stopped

    @property
    def overrun(self) -> np.ndarray:
        """(samples,) MNOK spent above the envelopes, summed over pools and periods."""
        return np.maximum(self.spend - self.available, 0.0).sum(axis=(1, 2))


def ready(
    model: PlanModel, start: np.ndarray, now: np.ndarray, futures: Futures, period: int, columns: np.ndarray
) -> np.ndarray:
    """(samples, len(columns)) whether the dependencies let each of ``columns`` start in ``period``.

    ``start`` holds the starts before ``period``; ``now`` marks what starts in ``period``.
    """
    allowed = np.ones((start.shape[0], len(columns)), dtype=bool)
    into = np.isin(model.successor, columns)
    if not into.any():
        return allowed
    before, after = model.predecessor[into], model.successor[into]
    fs, lag = model.finish_to_start[into], model.lag[into]
    begun = np.where(now[:, before], period, start[:, before])
    due = begun + lag + np.where(fs, futures.duration[:, before], 0)
    good = (begun != NOT_STARTED) & (due <= period) & ~(fs & (futures.stop_after[:, before] > 0))
    rows, offsets = np.unique(after, return_index=True)
    waiting = np.logical_or.reduceat(~good, offsets, axis=1)
    allowed[:, np.searchsorted(columns, rows)] = ~waiting
    return allowed


def fits(model: PlanModel, due: np.ndarray, first: np.ndarray, room: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """(samples, len(columns)) which of the ``due`` initiatives of ``columns`` start under the policy ``defer``.

    ``first`` is what each of them spends in its first period, ``room`` (samples, pools) what
    each pool has left after the running work.
    """
    keep = due.copy()
    some = np.flatnonzero(due.any(axis=0))
    if not len(some):
        return keep
    need = first[:, some] * due[:, some]
    fixed = ~model.deferrable[columns[some]]
    shares = model.shares[columns[some]]
    left = room - (need * fixed) @ shares
    flexible = need * ~fixed
    queued = np.cumsum(flexible[:, :, None] * shares[None, :, :], axis=1)
    over = (queued > left[:, None, :] + TOLERANCE) & (shares > 0)[None, :, :]
    keep[:, some] &= ~(over.any(axis=2) & ~fixed)
    return keep


@dataclass
class Lived:
    """What has happened so far in one block of futures, with per-column bounds that let
    each period touch only the initiatives that can be running or starting in it."""

    start: np.ndarray
    """(samples, n) period each initiative started, :data:`NOT_STARTED` until it does."""
    spent: np.ndarray
    """(samples, n) share of its cost spent so far."""
    first_start: np.ndarray
    """(n,) earliest start in any sample (:data:`NOT_STARTED` before any)."""
    last_end: np.ndarray
    """(n,) first period after the last sample's run has ended."""
    not_started: np.ndarray
    """(n,) samples in which it has not started yet."""
    cleared: np.ndarray
    """(samples, n) its dependencies let it start (once they do, they always will)."""

    @classmethod
    def empty(cls, shape: tuple[int, int]) -> Lived:
        samples, n = shape
        return cls(np.full(shape, NOT_STARTED, dtype=np.int64), np.zeros(shape),
                   np.full(n, NOT_STARTED, dtype=np.int64), np.zeros(n, dtype=np.int64),
                   np.full(n, samples, dtype=np.int64), np.zeros(shape, dtype=bool))  # fmt: skip

    def begin(self, period: int, columns: np.ndarray, now: np.ndarray, share: np.ndarray, runs: np.ndarray) -> None:
        """Start the ``now`` (samples, len(columns)) of ``columns`` in ``period``; ``share`` is their first period's."""
        some = now.any(axis=0)
        columns, now, share, runs = columns[some], now[:, some], share[:, some], runs[:, some]
        started = self.start[:, columns]
        started[now] = period
        self.start[:, columns] = started
        self.spent[:, columns] = np.where(now, share, self.spent[:, columns])
        self.first_start[columns] = np.minimum(self.first_start[columns], period)
        self.last_end[columns] = np.maximum(self.last_end[columns], (np.where(now, runs, 0)).max(axis=0) + period)
        self.not_started[columns] -= now.sum(axis=0)


def starts_in(
    model: PlanModel, period: int, lived: Lived, futures: Futures, first: np.ndarray, room: np.ndarray, policy: str
) -> tuple[np.ndarray, np.ndarray]:
    """The columns that may start in ``period`` and (samples, len(columns)) which of them do:
    due, allowed by their dependencies, and funded."""
    columns = np.flatnonzero((model.start <= period) & (lived.not_started > 0))
    now = np.zeros((futures.samples, len(columns)), dtype=bool)
    if not len(columns):
        return columns, now
    waiting = lived.start[:, columns] == NOT_STARTED
    cleared = lived.cleared[:, columns]
    paid_first = first[:, columns]
    shares = model.shares[columns]
    everything = np.zeros(lived.start.shape, dtype=bool)
    for wave in range(model.same_period_depth + 1):
        check = np.flatnonzero((waiting & ~cleared).any(axis=0))
        newly = ready(model, lived.start, everything, futures, period, columns[check]) & ~cleared[:, check]
        cleared[:, check] |= newly
        due = waiting & cleared
        if (wave and not newly.any()) or not due.any():
            break
        if policy == "defer":
            due = fits(model, due, paid_first, room, columns)
        now |= due
        everything[:, columns] = now
        waiting &= ~due
        room = room - (paid_first * due) @ shares
    lived.cleared[:, columns] = cleared
    return columns, now


def simulate_block(model: PlanModel, futures: Futures, policy: str = POLICIES[0]) -> Outcome:
    """Live the plan of ``model`` through ``futures`` (columns in the order of ``model.ids``)."""
    check_policy(policy)
    samples, periods = futures.samples, model.timeline.periods
    duration = futures.duration
    runs = np.where(futures.stop_after > 0, futures.stop_after, duration)
    first_share = share_by_end_of(model, np.zeros_like(duration), duration, np.arange(model.size))
    first = futures.cost * first_share
    lived = Lived.empty(duration.shape)
    spend = np.zeros((samples, len(model.pools), periods))
    available = np.zeros_like(spend)
    unspent = np.zeros((samples, len(model.pools)))
    end = periods + (int(duration.max()) if model.size else 0)
    discount = (1.0 + model.rate) ** (-np.arange(end) / model.timeline.per_year)
    cost_pv = np.zeros(samples)
    for period in range(end):
        running, paid = _running(model, period, lived, futures, runs)
        used = paid @ model.shares[running]
        total = paid.sum(axis=1)
        if period < periods:
            room = model.envelopes[:, period][None, :] + model.carry_over * unspent
            columns, now = starts_in(model, period, lived, futures, first, room - used, policy)
            lived.begin(period, columns, now, first_share[:, columns], runs[:, columns])
            opening = first[:, columns] * now
            used = used + opening @ model.shares[columns]
            total = total + opening.sum(axis=1)
            spend[:, :, period], available[:, :, period] = used, room
            unspent = np.maximum(room - used, 0.0)
        cost_pv += total * discount[period]
    return _outcome(model, futures, lived.start, spend, available, cost_pv)


def _running(
    model: PlanModel, period: int, lived: Lived, futures: Futures, runs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The columns that may be running in ``period`` (started before it) and the MNOK each spends
    in it, (samples, len(columns)); their share spent so far moves on."""
    columns = np.flatnonzero((lived.first_start < period) & (lived.last_end > period))
    if not len(columns):
        return columns, np.zeros((futures.samples, 0))
    step = period - lived.start[:, columns]
    active = (step >= 1) & (step < runs[:, columns])
    share = share_by_end_of(model, step, futures.duration[:, columns], columns)
    before = lived.spent[:, columns]
    lived.spent[:, columns] = np.where(active, share, before)
    return columns, np.where(active, futures.cost[:, columns] * (share - before), 0.0)


def _outcome(
    model: PlanModel, futures: Futures, start: np.ndarray, spend: np.ndarray, available: np.ndarray, cost_pv: np.ndarray
) -> Outcome:
    started = start != NOT_STARTED
    stopped = started & (futures.stop_after > 0)
    delivered = started & ~stopped
    finish = np.where(started, start + futures.duration - 1, NOT_STARTED)
    timeline = model.timeline
    shift = np.where(delivered, start + futures.duration - model.duration[None, :], 0) / timeline.per_year
    benefit_pv = futures.benefit * model.benefit_now[None, :] * (1.0 + model.rate) ** (-shift)
    years = model.benefit_in_years.shape[1] - 1
    live_year = np.where(delivered, (start + futures.duration) // timeline.per_year, years)
    left = np.clip(years - live_year, 0, years)
    realised = futures.benefit * model.benefit_in_years[np.arange(model.size)[None, :], left]
    safe = np.where(model.cost > 0, model.cost, 1.0)
    return Outcome(
        start=start,
        finish=finish,
        stopped=stopped,
        spend=spend,
        available=available,
        npv=(benefit_pv * delivered).sum(axis=1) - cost_pv,
        benefit=(realised * delivered).sum(axis=1),
        cost_factor=np.where(model.cost > 0, futures.cost / safe, 1.0),
    )
