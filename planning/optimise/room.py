"""What a plan leaves free: money per funding pool and period, capacity per pool and period.

The explanations ask, for each initiative out of the plan or later than it could be, and
for each period it could start in, whether a predecessor, a budget or a capacity pool stops
it there beside the rest of the plan. :class:`Room` works that out with arrays: the whole
plan's spend and capacity use once, and for each initiative the plan without it, instead of
a table lookup per pool, period and initiative (on a 200-initiative plan the lookups took
several seconds; issue 32, target 4).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from planning.optimise.inputs import PlanInputs

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Usage:
    """Per initiative: where its money and capacity go, from :class:`PlanInputs`, worked out once."""

    inputs: PlanInputs
    durations: dict[str, int]
    needs: np.ndarray
    """Capacity use per initiative (rows, ``row_of``) and capacity pool (columns)."""
    go_live: np.ndarray
    """Per capacity pool: counted in the period an initiative goes live (else while it runs)."""
    envelopes: np.ndarray

    @classmethod
    def of(cls, inputs: PlanInputs) -> Usage:
        durations = {str(i): int(d) for i, d in inputs.initiatives["duration"].items()}
        pools = inputs.capacity_usage.columns
        go_live = np.array([inputs.capacity_basis[pool] == "go_live" for pool in pools], dtype=bool)
        needs = inputs.capacity_usage.to_numpy(dtype=float)
        return cls(inputs, durations, needs, go_live, inputs.envelopes.to_numpy(dtype=float))

    def spend(self, i: str, start: int, into: np.ndarray, sign: float = 1.0) -> None:
        """Add (``sign`` -1: take away) what ``i`` starting at ``start`` spends per pool and period."""
        shares = self.inputs.share_matrix[self.inputs.row_of[i]]
        for k, c in enumerate(self.inputs.costs[i]):
            if 0 <= start + k < into.shape[1]:
                into[:, start + k] += sign * c * shares

    def occupied(self, i: str, t: int) -> list[tuple[int, int]]:
        """(capacity pool, period) pairs ``i`` uses when it starts at ``t``, pool by pool, within the horizon."""
        duration, periods = self.durations[i], self.inputs.timeline.periods
        need = self.needs[self.inputs.row_of[i]]
        found = []
        for q in np.flatnonzero(need > 0).tolist():
            span = [t + duration - 1] if self.go_live[q] else range(t, t + duration)
            found += [(q, p) for p in span if 0 <= p < periods]
        return found

    def use(self, i: str, start: int, into: np.ndarray, sign: float = 1.0) -> None:
        need = self.needs[self.inputs.row_of[i]]
        for q, period in self.occupied(i, start):
            into[q, period] += sign * need[q]


@dataclass(frozen=True)
class Room:
    """A plan (``others``: initiative -> start), the money it spends and the capacity it uses."""

    usage: Usage
    others: dict[str, int]
    spend: np.ndarray
    use: np.ndarray

    @classmethod
    def of_plan(cls, inputs: PlanInputs, starts: dict[str, int]) -> Room:
        usage = Usage.of(inputs)
        periods = inputs.timeline.periods
        spend = np.zeros((len(inputs.envelopes.index), periods))
        use = np.zeros((len(inputs.capacity_usage.columns), periods))
        for i, s in starts.items():
            usage.spend(i, s, spend)
            usage.use(i, s, use)
        return cls(usage, dict(starts), spend, use)

    def without(self, i: str) -> Room:
        """The same plan without ``i``."""
        if i not in self.others:
            return self
        spend, use = self.spend.copy(), self.use.copy()
        self.usage.spend(i, self.others[i], spend, -1.0)
        self.usage.use(i, self.others[i], use, -1.0)
        others = {k: v for k, v in self.others.items() if k != i}
        return dataclasses.replace(self, others=others, spend=spend, use=use)

    def shortfall(self, i: str, t: int) -> dict[tuple[str, int], float]:
        """MNOK missing per pool and period if ``i`` started at ``t`` on top of this plan."""
        added = np.zeros_like(self.spend)
        self.usage.spend(i, t, added)
        over = self.spend + added - self.usage.envelopes
        pools = self.usage.inputs.envelopes.index
        rows, periods = np.nonzero((added > TOLERANCE) & (over > TOLERANCE))
        return {
            (str(pools[r]), int(p)): float(min(added[r, p], over[r, p]))
            for r, p in zip(rows.tolist(), periods.tolist(), strict=True)
        }

    def full_capacity(self, i: str, t: int) -> tuple[str, int] | None:
        """The first capacity pool and period with no room for ``i`` starting at ``t`` on top of this plan."""
        need = self.usage.needs[self.usage.inputs.row_of[i]]
        for q, period in self.usage.occupied(i, t):
            if self.use[q, period] + need[q] > self._limit(q, period) + TOLERANCE:
                return str(self.usage.inputs.capacity_usage.columns[q]), period
        return None

    def _limit(self, q: int, period: int) -> float:
        inputs = self.usage.inputs
        return inputs.capacity_limit(str(inputs.capacity_usage.columns[q]), period)
