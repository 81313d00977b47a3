"""A generated precedence-heavy family: many one-period initiatives, several dependencies each.

Issue 32 (target 8) names the shape: about a thousand one-period initiatives, several
thousand dependencies, a handful of periods and two capacity pools. On such a portfolio
the choice is mostly *which* initiatives, each with everything it waits for, fit the
capacity of each period, and when; the dependency rows make the LP relaxation of the
cumulative ("step") formulation nearly integral, so HiGHS can prove the optimum.

Each initiative lies in a layer (0 to ``periods`` - 1, drawn evenly) and waits for
``dependencies`` initiatives of lower layers (fewer where there are not as many), so every
chain fits the horizon. Each uses one or two units of one of the capacity pools (execution
basis) and costs 1 to 10 MNOK, paid by one national pool whose envelope does not bind; its
benefit makes about four in five worth doing on their own, and the capacity limits, about
half of what all initiatives would use per period, make the plan choose.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from planning.domain.loading import build_portfolio
from planning.domain.portfolio import Portfolio

FIRST_YEAR = 2026
CAPACITY_SHARE = 0.5
"""Each pool's limit per period, as a share of what all its users would need per period."""


@dataclass(frozen=True)
class PrecedenceSpec:
    """Size of one generated precedence-heavy portfolio."""

    initiatives: int = 1000
    dependencies: int = 4
    periods: int = 5
    capacity_pools: int = 2
    seed: int = 1

    @property
    def name(self) -> str:
        return f"prec-n{self.initiatives}-d{self.dependencies}-t{self.periods}-c{self.capacity_pools}-s{self.seed}"


def generate_precedence(spec: PrecedenceSpec) -> Portfolio:
    """The portfolio of ``spec``, the same for the same spec."""
    return build_portfolio(precedence_raw(spec))


def precedence_raw(spec: PrecedenceSpec) -> dict[str, list[dict[str, Any]]]:
    """The raw rows per table of :func:`generate_precedence`."""
    rng = random.Random(spec.seed)
    ids = [f"T{k + 1:04d}" for k in range(spec.initiatives)]
    layer = {i: rng.randrange(spec.periods) for i in ids}
    by_layer: dict[int, list[str]] = {}
    for i in ids:
        by_layer.setdefault(layer[i], []).append(i)
    pools = [f"CAP{k + 1}" for k in range(spec.capacity_pools)]
    initiatives, benefits, dependencies = [], [], []
    use: dict[str, float] = dict.fromkeys(pools, 0.0)
    for i in ids:
        pool, units = rng.choice(pools), float(rng.randint(1, 2))
        use[pool] += units
        cost = round(rng.uniform(1.0, 10.0), 2)
        initiatives.append(
            {
                "id": i,
                "name": i,
                "area": "shared_infrastructure",
                "lead_region": "NAT",
                "duration": 1,
                "total_cost": cost,
                "cost_sharing": "lead",
                "capacity_usage": {pool: units},
            }
        )
        lifetime = rng.randint(4, 10)
        ratio = rng.lognormvariate(0.2, 0.5)
        benefits.append(
            {
                "id": f"B-{i}",
                "initiative_id": i,
                "title": f"benefit of {i}",
                "annual_value": round(cost * ratio / lifetime * 1.6, 3),
                "lifetime": lifetime,
            }
        )
        earlier = [p for low in range(layer[i]) for p in by_layer.get(low, [])]
        for p in rng.sample(earlier, min(spec.dependencies, len(earlier))):
            dependencies.append({"predecessor_id": p, "successor_id": i, "kind": "finish_to_start", "lag": 0})
    total = sum(float(str(r["total_cost"])) for r in initiatives)
    return {
        "horizon": [{"id": "default", "first_year": FIRST_YEAR, "periods": spec.periods, "period_length": "year"}],
        "funding_pool": [{"id": "NAT", "name": "National funder", "kind": "national"}],
        "ambition_level": [{"id": "Basis", "rank": 2, "factor": 1.0}],
        "envelope": [
            {"funding_pool_id": "NAT", "year": FIRST_YEAR + y, "ambition_level_id": "Basis", "amount": total}
            for y in range(spec.periods)
        ],
        "capacity_pool": [
            {
                "id": pool,
                "name": f"capacity {pool}",
                "basis": "execution",
                "limit": float(max(2, math.ceil(CAPACITY_SHARE * use[pool] / spec.periods))),
            }
            for pool in pools
        ],
        "initiative": initiatives,
        "dependency": dependencies,
        "benefit": benefits,
    }
