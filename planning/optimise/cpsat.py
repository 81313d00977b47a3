"""Earliest completion with OR-Tools CP-SAT: the second engine, for pure scheduling objectives.

The MILP (:mod:`planning.optimise.model`) is time-indexed: one binary per initiative and
possible start. For a makespan that is a weak model, and HiGHS leaves PSPLIB J30 instances
with tight resources open after 20 s (docs/model.md, issue 32). CP-SAT reasons on intervals
and cumulative resources directly; it gets the same rules, written as intervals:

- each initiative one start variable over its start window, and a presence literal (fixed
  true for the required ones: mandatory, started, completion targets, nested ladder starts);
- precedence ``start_s >= start_p + offset`` for a present successor, whose predecessor
  must be present too;
- one option at most (exactly one where required) per alternative group;
- each capacity pool and each funding pool a cumulative constraint over the periods of
  the timeline: a pool's use is one interval per run of equal demand (running use over
  execution, go-live use in the last period, a budget's spend in each period of
  execution), and its limit per period is a fixed interval blocking what the period does
  not have. Periods past the timeline are unconstrained, as in the MILP;
- the makespan at least every target's finish, minimised.

CP-SAT takes integers: every demand and limit of a pool is scaled by the smallest power of
ten that makes them whole numbers exactly (:func:`scale`). Where that cannot be done, where
budgets carry unspent money over or an earlier plan's drop and move penalties are in the
objective, the model is not expressed here (:func:`not_expressible` says why) and the
optimiser uses HiGHS. The answer keeps the honesty rules of the MILP: ``optimal`` only when
CP-SAT proved it (within the relative gap asked for), otherwise the time limit with the
bound CP-SAT proved.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version

from ortools.sat.python import cp_model

from planning.optimise.cpsat_pools import ENGINE, FORMULATION, Pool, not_expressible, resource_pools, scale
from planning.optimise.guard import capped
from planning.optimise.inputs import PlanInputs
from planning.optimise.plan import SolverFacts
from planning.optimise.watch import Incumbent, SolverProgress, relative_gap

__all__ = ["ENGINE", "not_expressible", "scale", "solve_cp"]

WORKERS = 1
"""One CP-SAT search, without its LP relaxation (:data:`LINEARIZATION`). On PSPLIB J30's
hardest group (j3013_1, optimum 58, 20 s, load average 9 to 12 on 2 cores, 2026-12-04) one
worker without the LP proved the optimum in 9.6 s; one worker with the LP, 2, 4 and 8 workers
(CP-SAT's portfolio of strategies sharing the 2 cores), core-based and LB-tree search all
stopped at 20 s with bounds 41 to 55 (docs/model.md)."""
LINEARIZATION = 0
"""CP-SAT's ``linearization_level``: 0, propagation only (see :data:`WORKERS`)."""


@dataclass
class CpPlanModel:
    """A built CP-SAT model and what is needed to read it."""

    model: cp_model.CpModel
    starts: dict[str, cp_model.IntVar]
    present: dict[str, cp_model.IntVar]
    makespan: cp_model.IntVar


def build_cp_model(inputs: PlanInputs) -> CpPlanModel:
    """The CP-SAT model of ``inputs`` (which :func:`not_expressible` accepted)."""
    model = cp_model.CpModel()
    horizon = max([inputs.timeline.periods, *(_last_finish(inputs, i) for i in inputs.ids)])
    starts, present = _start_variables(model, inputs)
    _require(model, inputs, starts, present)
    for p, s, offset in _precedences(inputs):
        model.add(starts[s] >= starts[p] + offset).only_enforce_if(present[s])
        model.add_implication(present[s], present[p])
    for group, members in inputs.groups.items():
        chosen = sum(present[i] for i in members)
        if group in inputs.required_groups:
            model.add(chosen == 1)
        elif len(members) > 1:
            model.add(chosen <= 1)
    makespan = model.new_int_var(0, horizon, "makespan")
    for pool in resource_pools(inputs):
        _cumulative(model, inputs, pool, starts, present, (makespan, horizon))
    for i in inputs.targets:
        model.add(makespan >= starts[i] + int(inputs.initiatives.at[i, "duration"])).only_enforce_if(present[i])
    model.minimize(makespan)
    return CpPlanModel(model, starts, present, makespan)


def _last_finish(inputs: PlanInputs, i: str) -> int:
    window = inputs.start_window(i)
    return max(window.stop - 1, window.start) + int(inputs.initiatives.at[i, "duration"])


def _start_variables(
    model: cp_model.CpModel, inputs: PlanInputs
) -> tuple[dict[str, cp_model.IntVar], dict[str, cp_model.IntVar]]:
    starts, present = {}, {}
    for i in inputs.ids:
        window = inputs.start_window(i)
        if window:
            starts[i] = model.new_int_var(window.start, window.stop - 1, f"start_{i}")
            present[i] = model.new_bool_var(f"present_{i}")
        else:  # no allowed start: never in the plan
            starts[i] = model.new_constant(max(0, window.start))
            present[i] = model.new_constant(0)
    return starts, present


def _require(
    model: cp_model.CpModel,
    inputs: PlanInputs,
    starts: Mapping[str, cp_model.IntVar],
    present: Mapping[str, cp_model.IntVar],
) -> None:
    """Required initiatives are present (started ones at period 0); nested ladders start in time."""
    table = inputs.initiatives
    for i in inputs.ids:
        if bool(table.at[i, "started"]):
            model.add(present[i] == 1)
            model.add(starts[i] == 0)
        elif bool(table.at[i, "mandatory"]) or i in inputs.targets:
            model.add(present[i] == 1)
    if inputs.stability is not None:
        for i, period in inputs.stability.must_start_by.items():
            model.add(present[i] == 1)
            model.add(starts[i] <= period)


def _precedences(inputs: PlanInputs) -> list[tuple[str, str, int]]:
    return [(p, s, offset) for s, found in inputs.predecessors.items() for p, offset in found]


def _cumulative(
    model: cp_model.CpModel,
    inputs: PlanInputs,
    pool: Pool,
    starts: Mapping[str, cp_model.IntVar],
    present: Mapping[str, cp_model.IntVar],
    end: tuple[cp_model.IntVar, int],
) -> None:
    """``pool`` as one cumulative constraint: its demands, and fixed intervals blocking what
    each period of the timeline lacks of the pool's capacity. Where a demand can reach past the
    timeline, the capacity is the sum of all demands, so nothing binds there.

    Where only completion targets use the pool, nothing of it runs after the makespan: an
    interval from the makespan to the horizon ``end`` takes the pool's smallest limit (the
    makespan in the cumulative, as OR-Tools' RCPSP example does; it tightens CP-SAT's bound)."""
    factor = scale([d.amount for d in pool.demands] + pool.limits)
    assert factor is not None, pool.name  # not_expressible() said so
    periods = inputs.timeline.periods
    amounts = [round(d.amount * factor) for d in pool.demands]
    limits = [max(0, math.floor(v * factor + 1e-6)) for v in pool.limits]
    reaches_past = any(_last_finish(inputs, d.initiative) > periods for d in pool.demands)
    capacity = max([*limits, 0]) if not reaches_past else max([*limits, sum(amounts)])
    intervals, demands = [], []
    for demand, amount in zip(pool.demands, amounts, strict=True):
        i = demand.initiative
        intervals.append(
            model.new_optional_fixed_size_interval_var(
                starts[i] + demand.offset, demand.length, present[i], f"{pool.name}_{i}_{demand.offset}"
            )
        )
        demands.append(amount)
    for t, limit in enumerate(limits):
        if capacity > limit:
            intervals.append(model.new_fixed_size_interval_var(t, 1, f"{pool.name}_closed_{t}"))
            demands.append(capacity - limit)
    targets = set(inputs.targets)
    if limits and all(d.initiative in targets for d in pool.demands) and min(limits) > 0:
        makespan, horizon = end
        intervals.append(model.new_interval_var(makespan, horizon - makespan, horizon, f"{pool.name}_after"))
        demands.append(min(limits))
    model.add_cumulative(intervals, demands, capacity)


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Hands every better plan and its bound to ``on_progress``."""

    def __init__(self, on_progress: SolverProgress) -> None:
        super().__init__()
        self.on_progress = on_progress

    def on_solution_callback(self) -> None:
        self.on_progress(Incumbent(self.objective_value, self.best_objective_bound))


def solve_cp(
    inputs: PlanInputs,
    *,
    time_limit: float,
    gap: float,
    hint: Mapping[str, int] | None = None,
    on_progress: SolverProgress | None = None,
) -> tuple[SolverFacts, dict[str, int]]:
    """Build and solve the CP-SAT model; the facts CP-SAT proved and the starts of its best plan.

    ``hint`` is a plan to start from (the greedy schedule, or the plan before an edit).
    """
    began = time.perf_counter()
    built = build_cp_model(inputs)
    if hint:
        _add_hint(built, inputs, hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = capped(time_limit)
    solver.parameters.relative_gap_limit = gap
    solver.parameters.num_workers = WORKERS
    solver.parameters.linearization_level = LINEARIZATION
    solver.parameters.random_seed = 1
    status = solver.solve(built.model, None if on_progress is None else _Reporter(on_progress))
    facts = _facts(solver, status, time_limit)
    facts.solve_seconds = time.perf_counter() - began
    starts = {}
    if facts.objective is not None:
        starts = {i: int(solver.value(built.starts[i])) for i in inputs.ids if solver.boolean_value(built.present[i])}
    return facts, starts


def _add_hint(built: CpPlanModel, inputs: PlanInputs, hint: Mapping[str, int]) -> None:
    for i in inputs.ids:
        window = inputs.start_window(i)
        if not window:
            continue
        inside = i in hint and hint[i] in window
        built.model.add_hint(built.present[i], inside)
        if inside:
            built.model.add_hint(built.starts[i], hint[i])


def _facts(solver: cp_model.CpSolver, status: cp_model.CpSolverStatus, time_limit: float) -> SolverFacts:
    """Status, objective, bound and gap as CP-SAT reports them."""
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    objective = float(solver.objective_value) if found else None
    bound = float(solver.best_objective_bound) if found else None
    if status == cp_model.OPTIMAL:
        state = "optimal"
    elif found or status == cp_model.UNKNOWN:
        state = "time_limit"
    else:
        state = "infeasible" if status == cp_model.INFEASIBLE else "error"
    facts = SolverFacts(
        status=state,
        objective=objective,
        bound=bound,
        gap=relative_gap(objective, bound),
        solve_seconds=0.0,
        build_seconds=0.0,
        time_limit=time_limit,
        solver="CP-SAT",
        solver_version=f"ortools {version('ortools')}",
        input_hash="",
        formulation=FORMULATION,
    )
    facts.message = "" if state == "optimal" else solver.status_name(status).lower()
    return facts
