"""What CP-SAT can take, without importing OR-Tools: the engine's name, the pools as cumulative
resources, and why a model cannot be expressed (:func:`not_expressible`).

Kept apart from :mod:`planning.optimise.cpsat` so that deciding on the engine, which every
solve does, does not load OR-Tools (about 80 ms of every command's start); the model and the
search load it when CP-SAT runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planning.optimise.inputs import PlanInputs

ENGINE = "cp-sat"
FORMULATION = "intervals"
MAX_DIGITS = 6
"""Demands and limits are scaled by at most 10**MAX_DIGITS to make them whole numbers."""
LARGEST = 2**40
"""Scaled values above this are not handed to CP-SAT (its integers are 64-bit; sums must fit)."""


@dataclass
class Demand:
    """One pool's use by one initiative: ``amount`` in each of ``length`` periods from ``offset``
    periods after its start."""

    initiative: str
    offset: int
    length: int
    amount: float


@dataclass
class Pool:
    """A capacity or funding pool as a cumulative resource over the timeline."""

    name: str
    demands: list[Demand] = field(default_factory=list)
    limits: list[float] = field(default_factory=list)


def not_expressible(inputs: PlanInputs) -> str | None:
    """Why CP-SAT cannot take ``inputs`` exactly (``None`` when it can)."""
    if inputs.scenario.objective != "earliest_completion":
        return "CP-SAT solves the earliest-completion objective only"
    stability = inputs.stability
    if stability is not None and (stability.drop_penalty or stability.move_penalty) and stability.baseline:
        return "an earlier plan's drop and move penalties are in the objective"
    if any(int(d) < 1 for d in inputs.initiatives["duration"]):
        return "an initiative has no duration"
    pools = resource_pools(inputs)
    if inputs.scenario.carry_over > 0 and any(p.demands for p in pools if p.name.startswith("budget")):
        return "unspent money is carried over between periods"
    for pool in pools:
        if scale([d.amount for d in pool.demands] + pool.limits) is None:
            return f"the numbers of {pool.name} are not whole after scaling by 10**{MAX_DIGITS}"
    return None


def resource_pools(inputs: PlanInputs) -> list[Pool]:
    """Every capacity pool and funding pool with some use, as cumulative resources."""
    return [*_capacity_pools(inputs), *_budget_pools(inputs)]


def _capacity_pools(inputs: PlanInputs) -> list[Pool]:
    periods = inputs.timeline.periods
    pools = []
    for name in inputs.capacity_usage.columns:
        pool = Pool(f"capacity {name}", limits=[inputs.capacity_limit(name, t) for t in range(periods)])
        go_live = inputs.capacity_basis[name] == "go_live"
        for i in inputs.ids:
            need = float(inputs.capacity_usage.at[i, name])
            duration = int(inputs.initiatives.at[i, "duration"])
            if need > 0:
                pool.demands.append(Demand(i, duration - 1 if go_live else 0, 1 if go_live else duration, need))
        if pool.demands:
            pools.append(pool)
    return pools


def _budget_pools(inputs: PlanInputs) -> list[Pool]:
    periods = inputs.timeline.periods
    pools = []
    for name in inputs.envelopes.index:
        pool = Pool(f"budget {name}", limits=[float(inputs.envelopes.at[name, t]) for t in range(periods)])
        for i in inputs.ids:
            if float(inputs.shares.at[i, name]) > 0:
                pool.demands += _runs(i, inputs.spend_profile(i, str(name)))
        if pool.demands:
            pools.append(pool)
    return pools


def _runs(initiative: str, profile: list[float]) -> list[Demand]:
    """The spend profile as runs of equal, positive amounts."""
    runs: list[Demand] = []
    for k, amount in enumerate(profile):
        if amount <= 0:
            continue
        last = runs[-1] if runs else None
        if last is not None and last.offset + last.length == k and last.amount == amount:
            last.length += 1
        else:
            runs.append(Demand(initiative, k, 1, amount))
    return runs


def scale(values: list[float]) -> int | None:
    """The smallest power of ten (up to 10**MAX_DIGITS) that makes every value a whole number."""
    for digits in range(MAX_DIGITS + 1):
        factor = 10**digits
        scaled = [v * factor for v in values]
        if all(abs(s - round(s)) <= 1e-9 * max(1.0, abs(s)) for s in scaled):
            return factor if max((abs(s) for s in scaled), default=0.0) <= LARGEST else None
    return None
