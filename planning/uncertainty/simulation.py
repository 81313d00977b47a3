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
from planning.uncertainty.spend import spend_in_period

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


def ready(model: PlanModel, start: np.ndarray, duration: np.ndarray, stopped: np.ndarray, period: int) -> np.ndarray:
    """(samples, n) whether every dependency lets each initiative start in ``period``, given ``start``."""
    allowed = np.ones(start.shape, dtype=bool)
    if not len(model.predecessor):
        return allowed
    before = model.predecessor
    begun = start[:, before]
    fs = model.finish_to_start
    due = begun + model.lag + np.where(fs, duration[:, before], 0)
    good = (begun != NOT_STARTED) & (due <= period) & ~(fs & stopped[:, before])
    waiting = np.logical_or.reduceat(~good, model.successor_offsets, axis=1)
    allowed[:, model.successor_rows] = ~waiting
    return allowed


def fits(model: PlanModel, due: np.ndarray, first: np.ndarray, room: np.ndarray) -> np.ndarray:
    """(samples, n) which of the ``due`` initiatives start under the policy ``defer``.

    ``first`` is what each spends in its first period, ``room`` (samples, pools) what each
    pool has left after the running work.
    """
    columns = np.flatnonzero(due.any(axis=0))
    keep = due.copy()
    if not len(columns):
        return keep
    need = first[:, columns] * due[:, columns]
    fixed = ~model.deferrable[columns]
    left = room - (need * fixed) @ model.shares[columns]
    flexible = need * ~fixed
    allowed = np.ones(need.shape, dtype=bool)
    for pool in range(len(model.pools)):
        share = model.shares[columns, pool]
        if not share.any():
            continue
        over = np.cumsum(flexible * share, axis=1) > left[:, pool : pool + 1] + TOLERANCE
        allowed &= ~(over & (share > 0) & ~fixed)
    keep[:, columns] &= allowed
    return keep


def starts_in(
    model: PlanModel,
    period: int,
    start: np.ndarray,
    futures: Futures,
    first: np.ndarray,
    room: np.ndarray,
    policy: str,
) -> np.ndarray:
    """(samples, n) the initiatives that start in ``period``: due, allowed by their dependencies, and funded."""
    eligible = (start == NOT_STARTED) & (model.start[None, :] <= period)
    now = np.zeros(start.shape, dtype=bool)
    stopped = futures.stop_after > 0
    for _ in range(model.same_period_depth + 1):
        due = eligible & ~now & ready(model, np.where(now, period, start), futures.duration, stopped, period)
        if not due.any():
            break
        if policy == "defer":
            due = fits(model, due, first, room)
        now |= due
        room = room - (first * due) @ model.shares
    return now


def simulate_block(model: PlanModel, futures: Futures, policy: str = POLICIES[0]) -> Outcome:
    """Live the plan of ``model`` through ``futures`` (columns in the order of ``model.ids``)."""
    check_policy(policy)
    samples, periods = futures.samples, model.timeline.periods
    duration, cost = futures.duration, futures.cost
    runs = np.where(futures.stop_after > 0, futures.stop_after, duration)
    start = np.full(duration.shape, NOT_STARTED, dtype=np.int64)
    first = spend_in_period(model, np.zeros_like(duration), cost, duration, runs)
    spend = np.zeros((samples, len(model.pools), periods))
    available = np.zeros_like(spend)
    unspent = np.zeros((samples, len(model.pools)))
    end = periods + (int(duration.max()) if model.size else 0)
    discount = (1.0 + model.rate) ** (-np.arange(end) / model.timeline.per_year)
    cost_pv = np.zeros(samples)
    for period in range(end):
        running = spend_in_period(model, period - start, cost, duration, runs)
        if period < periods:
            room = model.envelopes[:, period][None, :] + model.carry_over * unspent
            used = running @ model.shares
            now = starts_in(model, period, start, futures, first, room - used, policy)
            start[now] = period
            running = running + first * now
            used = running @ model.shares
            spend[:, :, period], available[:, :, period] = used, room
            unspent = np.maximum(room - used, 0.0)
        cost_pv += running.sum(axis=1) * discount[period]
    return _outcome(model, futures, start, spend, available, cost_pv)


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
