"""Which initiatives polishing frees next: each funding pool's in turn, then random draws.

The generated 200 x 16 portfolios lose most of their value in *when* the regions' own
initiatives start: each region's envelopes fill in lumps (``docs/model.md``, "Where the
bound stops"). A neighbourhood that frees everything one funding pool pays for lets HiGHS
rearrange a region's whole plan against its own envelopes, with the rest of the plan (and
the other regions' share of the shared cores) held. One-off runs (issue 32, the
n200-t16-f5-c5-s1 portfolio, 20 s from the guided start, the machine heavily loaded): 3 009.7
with the funding pools in turn and 2 s per search, 2 904.9 with random quarters and 1 s,
2 889.7 with windows of six periods.

When a whole round of pools found nothing better, the plan is as good as these
neighbourhoods can make it, and random draws take over (a quarter of the initiatives, the
size growing after a search solved to the end and shrinking after one that ran out of time);
a better plan from a random draw starts the pools again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from planning.optimise.inputs import PlanInputs

FREE_SHARE = 0.25
"""Share of the initiatives freed in the first random neighbourhood."""
GROW, SHRINK = 1.2, 0.7
"""The random neighbourhood after a sub-model solved to optimality, and after one that ran out of time."""
MIN_FREE = 5
POOL_SHARE = 0.6
"""A funding pool that pays for more than this share of the initiatives is not a neighbourhood of its own."""
POOL_SECONDS = 2.0
RANDOM_SECONDS = 1.0
"""Time limit of one search of a pool's neighbourhood, and of a random one."""


@dataclass
class Neighbourhoods:
    """The neighbourhoods of one polishing run, over the initiatives ``ids``."""

    inputs: PlanInputs
    ids: list[str]
    rng: random.Random
    pools: list[set[str]] = field(init=False)
    free_count: int = field(init=False)
    turn: int = 0
    failed: int = 0
    """Pool neighbourhoods in a row that found nothing better."""
    last_random: bool = False

    def __post_init__(self) -> None:
        shares, ids = self.inputs.shares, set(self.ids)
        paid = [{i for i in ids if float(shares.at[i, pool]) > 0} for pool in shares.columns]
        self.pools = [p for p in paid if MIN_FREE <= len(p) <= POOL_SHARE * len(ids)]
        self.free_count = max(MIN_FREE, round(FREE_SHARE * len(self.ids)))

    def draw(self) -> tuple[set[str], float]:
        """The initiatives to free next and the search's time limit."""
        if self.pools and self.failed < len(self.pools):
            self.last_random = False
            pool = self.pools[self.turn % len(self.pools)]
            self.turn += 1
            return pool, POOL_SECONDS
        self.last_random = True
        return set(self.rng.sample(self.ids, min(self.free_count, len(self.ids)))), RANDOM_SECONDS

    def heard(self, *, improved: bool, solved: bool) -> None:
        """How the last search went: a better plan, and whether it searched its neighbourhood to the end."""
        if not self.last_random:
            self.failed = 0 if improved else self.failed + 1
            return
        if improved:
            self.failed = 0  # the pools again, around the better plan
        grown = round(self.free_count * GROW) if solved else round(self.free_count * SHRINK)
        self.free_count = max(MIN_FREE, min(len(self.ids), grown))
