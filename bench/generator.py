"""Seeded synthetic portfolios with the structure of the real joint e-health plan.

A portfolio is a set of *programmes*, each of one shape:

- ``rollout``: a national core followed by one regional rollout per region (finish-to-start,
  sometimes with a lag); the core carries little benefit, the rollouts most of it;
- ``chain``: two to four stages, each waiting for the one before;
- ``fanout``: a platform that several applications wait for (finish-to-start or start-to-start);
- ``alternatives``: two or three mutually exclusive options (some groups required);
- ``standalone``: one initiative.

Some initiatives are already started, some mandatory, some have start or finish windows.
Envelopes are a fixed fraction of the portfolio's cost per year, so they bind; capacity
pools (supplier teams while running, go-lives per period) bind as well. Everything is
built through :func:`planning.domain.loading.build_portfolio`, so every instance is valid.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from planning.domain.loading import build_portfolio
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.timeline import PERIODS_PER_YEAR
from planning.optimise import plan_inputs
from planning.optimise.greedy import NoGreedyPlan, greedy_plan

FIRST_YEAR = 2026
REGIONS = ("HSO", "HV", "HMN", "HN", "RG5", "RG6", "RG7")
POPULATION = (0.56, 0.2, 0.14, 0.1, 0.08, 0.06, 0.04)
NATIONAL = "NHN"
SHAPES = (("rollout", 0.35), ("chain", 0.25), ("fanout", 0.15), ("alternatives", 0.1), ("standalone", 0.15))
TIGHTNESS = 0.4
"""Envelope as a share of the whole portfolio's cost per year."""
AREAS = ("journal_collaboration", "home_follow_up", "citizen_services", "shared_infrastructure")


@dataclass(frozen=True)
class Spec:
    """Size of a synthetic portfolio."""

    initiatives: int
    periods: int
    funding_pools: int
    capacity_pools: int
    seed: int = 1

    @property
    def name(self) -> str:
        return f"n{self.initiatives}-t{self.periods}-f{self.funding_pools}-c{self.capacity_pools}-s{self.seed}"

    @property
    def period_length(self) -> str:
        return "year" if self.periods <= 10 else "half-year" if self.periods <= 20 else "quarter"


def scenario(time_limit: float = 60.0, objective: str = "npv") -> Scenario:
    """The scenario every benchmark solves: NPV at the R-109 discount rate."""
    return Scenario.model_validate({"id": "bench", "objective": objective, "time_limit": time_limit})


def generate(spec: Spec) -> Portfolio:
    """A valid portfolio of ``spec.initiatives`` initiatives, the same for the same spec.

    Envelopes and capacity limits are raised in steps of 20 % where the required
    initiatives (started and mandatory) would not fit them, so the spreadsheet ranking
    always has a plan and so does the optimiser.
    """
    raw = generate_raw(spec)
    for _ in range(20):
        portfolio = build_portfolio(raw)
        try:
            greedy_plan(plan_inputs(portfolio, scenario()))
            return portfolio
        except NoGreedyPlan:
            for row in raw["envelope"]:
                row["amount"] = round(row["amount"] * 1.2, 3)
            for row in raw["capacity_pool"]:
                row["limit"] = float(math.ceil(row["limit"] * 1.2))
    raise ValueError(f"{spec.name}: the required initiatives do not fit even in raised envelopes")


def generate_raw(spec: Spec) -> dict[str, list[dict[str, Any]]]:
    """The raw rows per table of :func:`generate`, before any envelope is raised."""
    if not 1 <= spec.funding_pools <= len(REGIONS) + 1:
        raise ValueError(f"funding_pools must be 1 to {len(REGIONS) + 1}")
    builder = _Builder(spec, random.Random(spec.seed))
    while len(builder.initiatives) < spec.initiatives:
        builder.programme()
    builder.trim()
    builder.mark_started_and_mandatory()
    return {
        "horizon": [
            {"id": "default", "first_year": FIRST_YEAR, "periods": spec.periods, "period_length": spec.period_length}
        ],
        "funding_pool": builder.pools,
        "ambition_level": [{"id": "Basis", "rank": 2, "factor": 1.0}],
        "envelope": builder.envelopes(),
        "capacity_pool": builder.capacity_pools,
        "alternative_group": builder.groups,
        "initiative": builder.initiatives,
        "dependency": builder.dependencies,
        "benefit": builder.benefits,
    }


class _Builder:
    """Accumulates rows; one method per programme shape."""

    def __init__(self, spec: Spec, rng: random.Random) -> None:
        self.spec, self.rng = spec, rng
        self.per_year = PERIODS_PER_YEAR[spec.period_length]
        regions = REGIONS[: spec.funding_pools - 1]
        total = sum(POPULATION[: len(regions)])
        self.pools: list[dict[str, Any]] = [
            {"id": r, "name": f"Region {r}", "kind": "region", "population_share": round(p / total, 6)}
            for r, p in zip(regions, POPULATION, strict=False)
        ]
        self.pools.append({"id": NATIONAL, "name": "National funder", "kind": "national"})
        self.regions = list(regions) or [NATIONAL]
        self.capacity_pools = [
            {
                "id": f"CAP{k + 1}",
                "name": f"capacity {k + 1}",
                "basis": "go_live" if k % 3 == 2 else "execution",
                "limit": 0.0,
            }
            for k in range(spec.capacity_pools)
        ]
        self.initiatives: list[dict[str, Any]] = []
        self.dependencies: list[dict[str, Any]] = []
        self.benefits: list[dict[str, Any]] = []
        self.groups: list[dict[str, Any]] = []
        self.enablers: set[str] = set()
        self.programmes = 0

    def programme(self) -> None:
        self.programmes += 1
        shape = self.rng.choices([s for s, _ in SHAPES], weights=[w for _, w in SHAPES])[0]
        getattr(self, f"_{shape}")(f"P{self.programmes:04d}")

    def add(self, iid: str, years: float, cost: float, value_ratio: float, **fields: Any) -> str:
        duration = max(1, min(self.spec.periods // 2, round(years * self.per_year * self.rng.uniform(0.7, 1.3))))
        lead = fields.pop("lead_region", self.rng.choice(self.regions))
        row = {
            "id": iid,
            "name": iid,
            "area": self.rng.choice(AREAS),
            "lead_region": lead,
            "duration": duration,
            "total_cost": round(cost * self.rng.lognormvariate(0, 0.4), 2),
            "cost_sharing": "lead",
            "risk": self.rng.choice(["low", "medium", "high"]),
        }
        row.update(fields)
        self.initiatives.append(row)
        self._use_capacity(row)
        if value_ratio > 0:
            lifetime = self.rng.randint(6, 12)
            annual = row["total_cost"] * value_ratio * self.rng.lognormvariate(0, 0.5) / lifetime * 2.5
            self.benefits.append(
                {
                    "id": f"B-{iid}",
                    "initiative_id": iid,
                    "title": f"benefit of {iid}",
                    "annual_value": round(annual, 3),
                    "lag": self.rng.randint(0, 1),
                    "lifetime": lifetime,
                    "ramp_up": [0.5] if self.rng.random() < 0.5 else [],
                }
            )
        return iid

    def _use_capacity(self, row: dict[str, Any]) -> None:
        if self.capacity_pools and self.rng.random() < 0.6:
            pool = self.rng.choice(self.capacity_pools)
            row["capacity_usage"] = {pool["id"]: float(self.rng.randint(1, 3))}

    def depend(self, p: str, s: str, kind: str = "finish_to_start", lag: int = 0) -> None:
        self.dependencies.append({"predecessor_id": p, "successor_id": s, "kind": kind, "lag": lag})

    def _rollout(self, key: str) -> None:
        shared = "population" if len(self.regions) > 1 and self.regions[0] != NATIONAL else "lead"
        core = self.add(
            f"{key}-CORE",
            2.0,
            120.0,
            0.1,
            lead_region=NATIONAL if shared == "lead" else self.regions[0],
            cost_sharing=shared,
            participating_regions=self.regions[1:] if shared != "lead" else [],
        )
        self.enablers.add(core)
        for region in self.regions if self.regions[0] != NATIONAL else ["R1", "R2", "R3"]:
            pool = region if region in REGIONS else NATIONAL
            roll = self.add(f"{key}-{region}", 1.0, 35.0, 1.2, lead_region=pool)
            self.depend(core, roll, lag=self.rng.choice([0, 0, 1]))

    def _chain(self, key: str) -> None:
        previous = None
        for stage in range(self.rng.randint(2, 4)):
            current = self.add(f"{key}-S{stage + 1}", 1.5, 50.0, 0.9)
            if previous:
                self.depend(previous, current, lag=self.rng.choice([0, 0, 0, 1]))
            previous = current

    def _fanout(self, key: str) -> None:
        platform = self.add(f"{key}-PLAT", 2.0, 90.0, 0.2, lead_region=NATIONAL)
        self.enablers.add(platform)
        for app in range(self.rng.randint(2, 5)):
            kind = self.rng.choice(["finish_to_start", "finish_to_start", "start_to_start"])
            self.depend(platform, self.add(f"{key}-APP{app + 1}", 1.0, 25.0, 1.0), kind, lag=self.rng.choice([0, 1]))

    def _alternatives(self, key: str) -> None:
        required = self.rng.random() < 0.3
        self.groups.append({"id": key, "name": f"choice {key}", "required": required})
        for option in range(self.rng.randint(2, 3)):
            self.add(f"{key}-OPT{option + 1}", 1.5, 60.0, 0.8, alternative_group_id=key)

    def _standalone(self, key: str) -> None:
        self.add(f"{key}-SOLO", 1.0, 30.0, 1.0)

    def trim(self) -> None:
        """Exactly ``spec.initiatives`` initiatives; drop what refers to the ones cut."""
        keep = {r["id"] for r in self.initiatives[: self.spec.initiatives]}
        self.initiatives = self.initiatives[: self.spec.initiatives]
        self.dependencies = [d for d in self.dependencies if {d["predecessor_id"], d["successor_id"]} <= keep]
        self.benefits = [b for b in self.benefits if b["initiative_id"] in keep]
        used = {r.get("alternative_group_id") for r in self.initiatives}
        self.groups = [g for g in self.groups if g["id"] in used]

    def mark_started_and_mandatory(self) -> None:
        """About 4 % started (no predecessor), 5 % mandatory; some start and finish windows.

        An earliest start leaves room for everything that waits on the initiative; a latest
        finish goes only to initiatives that neither wait nor are waited for.
        """
        waiting = {d["successor_id"] for d in self.dependencies}
        waited_for = {d["predecessor_id"] for d in self.dependencies}
        tail = self._tails()
        for row in self.initiatives:
            free = row["id"] not in waiting and not row.get("alternative_group_id")
            draw = self.rng.random()
            if free and draw < 0.04:
                row["status"] = "started"
            elif not row.get("alternative_group_id") and draw < 0.09:
                row["mandatory"] = True
            elif free and draw < 0.2 and self.spec.periods - tail[row["id"]] >= 1:
                row["earliest_start"] = self._label(self.rng.randint(1, self.spec.periods - tail[row["id"]]))
            elif free and draw < 0.27 and row["id"] not in waited_for:
                row["latest_finish"] = self._label(self.rng.randint(row["duration"] + 1, self.spec.periods) - 1)
        self._size_capacity()

    def _tails(self) -> dict[str, int]:
        """Periods from each initiative's start to the end of everything that waits on it."""
        duration = {r["id"]: int(r["duration"]) for r in self.initiatives}
        after: dict[str, list[tuple[str, int]]] = {i: [] for i in duration}
        for d in self.dependencies:
            offset = d["lag"] + (duration[d["predecessor_id"]] if d["kind"] == "finish_to_start" else 0)
            after[d["predecessor_id"]].append((d["successor_id"], offset))
        tail: dict[str, int] = {}

        def visit(i: str) -> int:
            if i not in tail:
                tail[i] = max([duration[i], *(offset + visit(s) for s, offset in after[i])])
            return tail[i]

        for i in duration:
            visit(i)
        return tail

    def _label(self, period: int) -> str:
        year, part = divmod(period, self.per_year)
        suffix = "" if self.per_year == 1 else f"{'H' if self.per_year == 2 else 'Q'}{part + 1}"
        return f"{FIRST_YEAR + year}{suffix}"

    def _size_capacity(self) -> None:
        for pool in self.capacity_pools:
            users = [r for r in self.initiatives if pool["id"] in r.get("capacity_usage", {})]
            if pool["basis"] == "go_live":
                load = sum(r["capacity_usage"][pool["id"]] for r in users) / self.spec.periods
            else:
                load = sum(r["capacity_usage"][pool["id"]] * r["duration"] for r in users) / self.spec.periods
            pool["limit"] = float(max(3, math.ceil(load * 0.6)))

    def envelopes(self) -> list[dict[str, Any]]:
        """Per pool and year: TIGHTNESS times the portfolio's cost for that pool per year.

        At least 1.5 times what the required initiatives (started, mandatory and what they
        wait for) cost that pool per year, and 1.5 times the yearly cost of its largest
        initiative, so that every initiative fits on its own.
        """
        years = math.ceil(self.spec.periods / self.per_year)
        demand = self._demand(self.initiatives)
        required = self._demand([r for r in self.initiatives if r["id"] in self._required()])
        largest = dict.fromkeys(demand, 0.0)
        for row in self.initiatives:
            for pool, cost in self._demand([row]).items():
                largest[pool] = max(largest[pool], 1.5 * cost / row["duration"] * self.per_year)
        return [
            {
                "funding_pool_id": pool,
                "year": FIRST_YEAR + y,
                "ambition_level_id": "Basis",
                "amount": round(
                    max(
                        1.0,
                        1.5 * required[pool] / years,
                        largest[pool],
                        TIGHTNESS * amount / years * self.rng.uniform(0.9, 1.1),
                    ),
                    3,
                ),
            }
            for pool, amount in demand.items()
            for y in range(years)
        ]

    def _required(self) -> set[str]:
        must = {r["id"] for r in self.initiatives if r.get("mandatory") or r.get("status") == "started"}
        predecessors: dict[str, list[str]] = {}
        for d in self.dependencies:
            predecessors.setdefault(d["successor_id"], []).append(d["predecessor_id"])
        stack = list(must)
        while stack:
            for p in predecessors.get(stack.pop(), []):
                if p not in must:
                    must.add(p)
                    stack.append(p)
        return must

    def _demand(self, rows: list[dict[str, Any]]) -> dict[str, float]:
        """Cost of ``rows`` to each funding pool by the cost-sharing key."""
        demand = dict.fromkeys([p["id"] for p in self.pools], 0.0)
        population = {p["id"]: p.get("population_share") for p in self.pools}
        for row in rows:
            payers = [row["lead_region"], *row.get("participating_regions", [])]
            if row["cost_sharing"] == "population":
                weights = {p: float(population[p] or 0.0) for p in payers}
                for p in payers:
                    demand[p] += row["total_cost"] * weights[p] / sum(weights.values())
            else:
                demand[row["lead_region"]] += row["total_cost"]
        return demand
