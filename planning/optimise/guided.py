"""A better starting plan for large portfolios: list schedules guided by the LP relaxation.

On large models HiGHS spends a short time limit at the root and rarely improves on the
greedy ranking's plan it starts from (``docs/performance.md``). The LP relaxation of the
same model says how much of each initiative to do and when: ranking candidates by their
LP share and starting each where the LP has started a given share of it gives plans that
are often clearly better. The optimiser starts HiGHS from the best of these and the greedy
plan; the LP costs about one root LP solve, so small models (which HiGHS solves quickly
anyway) skip it. On the largest models it is the better part of the answer: HiGHS may not
finish its own root LP within the time limit.
"""

from __future__ import annotations

import time

import highspy
import pulp

from planning.optimise.greedy import Guide, NoGreedyPlan, guided_plan
from planning.optimise.model import PlanModel, stability_cost

SHARES = (0.05, 0.25, 0.5)
"""A guided plan per share: start each initiative where the LP has started this much of it."""
LP_OPTIONS: dict[str, object] = {"solver": "ipm", "run_crossover": "off"}
"""HiGHS's interior point method without crossover: on the large models this is for, it
solves the relaxation several times faster than the simplex method (measured once, on the
generated 1000 initiatives x 40 periods: 17 s against more than 60 s), and the guide needs
no vertex."""
TIME_SHARE = 0.4
"""At most this share of the time limit goes to the LP relaxation and the guided plans."""
RELAXATION_TOLERANCE = 1e-6
"""Relative widening of the LP relaxation's optimum before it is used as a bound: the interior
point method stops within its tolerances (1e-8 relative by default), not at the exact optimum."""


def plan_value(model: PlanModel, starts: dict[str, int]) -> float:
    """What the optimiser maximises for a plan: its value, less what moving or dropping
    baseline initiatives costs when the plan is tied to an earlier one."""
    value = model.inputs.value
    return float(sum(float(value.at[i, t]) for i, t in starts.items())) - stability_cost(model, starts)


def relaxation_bound(model: PlanModel) -> float | None:
    """The LP relaxation's optimum as a bound on the model's optimum, where the guided start
    solved it to optimality (``model.relaxed``), widened by :data:`RELAXATION_TOLERANCE`.

    Every plan of the model is a solution of its relaxation, so no plan is worth more (for a
    maximisation). On the largest models HiGHS may not finish its own root LP within its share
    of the time, and its bound is then far looser than this one.
    """
    if model.relaxed is None:
        return None
    widening = RELAXATION_TOLERANCE * max(1.0, abs(model.relaxed))
    return model.relaxed + (widening if model.problem.sense == pulp.LpMaximize else -widening)


def better_start(model: PlanModel, start: dict[str, int] | None, time_limit: float) -> dict[str, int] | None:
    """``start`` or a guided plan worth more, for large NPV or benefit models
    (:func:`planning.optimise.model.large_model`); ``start`` otherwise."""
    if not model.large or model.elastic:
        return start
    best, best_value = start, plan_value(model, start) if start is not None else float("-inf")
    for plan in guided_plans(model, TIME_SHARE * time_limit):
        value = plan_value(model, plan)
        if value > best_value + 1e-9:
            best, best_value = plan, value
    return best


def guided_plans(model: PlanModel, seconds: float) -> list[dict[str, int]]:
    """Guided list schedules, one per share of :data:`SHARES` while ``seconds`` last; none
    when the LP relaxation is not solved within them."""
    began = time.perf_counter()
    lp = relaxation(model, seconds)
    if lp is None:
        return []
    weight = {i: lp[i][-1] if lp[i] else 0.0 for i in model.inputs.ids}
    plans = []
    for share in SHARES:
        if time.perf_counter() - began > seconds:
            break
        not_before = {i: _first_reaching(model, i, lp[i], share) for i in model.inputs.ids if lp[i]}
        try:
            plans.append(guided_plan(model.inputs, Guide(weight, not_before)))
        except NoGreedyPlan:
            continue
    return plans


def _first_reaching(model: PlanModel, i: str, started: list[float], share: float) -> int:
    window = model.window(i)
    return next((t for t, x in zip(window, started, strict=True) if x >= share - 1e-6), window.stop - 1)


def relaxation(model: PlanModel, time_limit: float) -> dict[str, list[float]] | None:
    """``started[i, t]`` of the LP relaxation per initiative over its window, ``None`` if not optimal in time.

    Solves the model itself with its binaries made continuous, then makes them binary again
    and clears every value, so the MIP start holds plan values only.
    """
    variables = list(model.variables.values())
    for var in variables:
        var.cat = pulp.LpContinuous
    try:
        model.problem.solve(pulp.HiGHS(msg=False, timeLimit=max(0.1, time_limit), **LP_OPTIONS))
    finally:
        for var in variables:
            var.cat = pulp.LpInteger
    # HiGHS's own status: PuLP also calls an LP stopped by the time limit "Optimal"
    solved = model.problem.solverModel.getModelStatus() == highspy.HighsModelStatus.kOptimal
    started = {i: _started(model, i) for i in model.inputs.ids} if solved else None
    if solved:
        model.relaxed = float(pulp.value(model.problem.objective))
    for var in model.problem.variables():
        var.varValue = None
    return started


def _started(model: PlanModel, i: str) -> list[float]:
    terms = (model.started_by_terms(i, t) for t in model.window(i))
    return [sum(float(var.varValue or 0.0) * coef for var, coef in ts) for ts in terms]
