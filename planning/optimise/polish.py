"""Polishing a time-limited plan on a large portfolio: a large neighbourhood search with HiGHS.

Within a time limit, HiGHS rarely improves on the plan it starts from once a large model's
root is done: the search tree is far too big (``docs/performance.md``). Polishing frees a
random part of the portfolio, fixes every other initiative at its place in the current plan
(done or not, and when), and lets HiGHS solve that much smaller model from the current plan.
A better plan is kept and the next neighbourhood is drawn around it. The neighbourhood grows
while HiGHS solves them to optimality and shrinks when they run out of time.

The bound stays the one HiGHS proved for the whole model, so the gap reported for a polished
plan is as honest as before; a plan polished to within the gap tolerance of that bound is
proven optimal.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np
import pulp

from planning.optimise.guard import GuardedRun, Outcome, abandoned, capped
from planning.optimise.model import PlanModel

FREE_SHARE = 0.25
"""Share of the initiatives freed in the first neighbourhood."""
GROW, SHRINK = 1.2, 0.7
"""The neighbourhood after a sub-model solved to optimality, and after one that ran out of time."""
SUB_SECONDS = 1.0
"""Time limit of one sub-model."""
MIN_FREE = 5
IMPROVEMENT = 1e-6
"""Relative improvement of the objective that counts as better."""


@dataclass
class Polished:
    """The plan after polishing and what it took."""

    objective: float
    """In the model's own sense (maximised for NPV and benefit), without constant terms."""
    rounds: int
    improvements: int
    proven: bool = False
    """Whether the search covered the whole model to the end, which proves the plan optimal."""


def improves(model: PlanModel) -> bool:
    """Whether a time-limited plan is improved after HiGHS: NPV and benefit models (not diagnoses, not makespans)."""
    return model.makespan is None and not model.elastic


def applies(model: PlanModel) -> bool:
    """Whether polishing may follow HiGHS: large NPV or benefit models
    (:func:`planning.optimise.model.large_model`), not diagnoses."""
    return improves(model) and model.large


def polish(
    model: PlanModel,
    seconds: float,
    *,
    plan: np.ndarray | None = None,
    seed: int = 0,
    on_round: Callable[[float], None] | None = None,
) -> Polished | None:
    """Improve a plan of ``model`` for ``seconds``: ``plan`` (a value per HiGHS column), by default
    the plan HiGHS left; ``None`` when there is no HiGHS model or no plan. ``on_round`` hears
    the best objective after every neighbourhood search.

    Works on HiGHS's own copy of the model (``model.problem.solverModel`` after a HiGHS solve):
    only column bounds change, and they are put back. The variables' values are set to the
    polished plan, so :func:`planning.optimise.solve.read_starts` reads it from them.
    """
    held = solved_model(model, plan)
    if held is None:
        return None
    highs, plan = held
    ends = time.perf_counter() + capped(seconds)
    columns = _columns(model)
    ids = [i for i in model.inputs.ids if columns[i]]
    lower, upper = column_bounds(highs)
    costs = np.array(highs.getLp().col_cost_, dtype=float)  # HiGHS minimises
    best, best_cost = plan, float(costs @ plan)
    rng = random.Random(seed)
    free_count = max(MIN_FREE, round(FREE_SHARE * len(ids)))
    rounds = improvements = 0
    sign = -1.0 if model.problem.sense == pulp.LpMaximize else 1.0  # PuLP hands HiGHS a minimisation
    highs.setOptionValue("output_flag", False)
    try:
        while ids and (left := ends - time.perf_counter()) > 0.05:
            rounds += 1
            free = set(rng.sample(ids, min(free_count, len(ids))))
            _fix_all_but(highs, columns, free, best, lower, upper)
            start_from(highs, best)
            highs.setOptionValue("time_limit", min(SUB_SECONDS, left))
            outcome = GuardedRun(highs).run(min(SUB_SECONDS, left))
            if not outcome.finished:  # the time guard stopped waiting: keep what HiGHS reported
                found = reported_better(outcome, costs, best_cost)
                if found is not None:
                    best, best_cost = found, float(costs @ found)
                    improvements += 1
                break
            solved = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
            found = better_plan(highs, costs, best_cost)
            if found is not None:
                best, best_cost = found, float(costs @ found)
                improvements += 1
            if on_round is not None:
                on_round(sign * best_cost)
            if solved and len(free) == len(ids):
                break  # the whole model was free: the plan is optimal
            free_count = round(free_count * GROW) if solved else round(free_count * SHRINK)
            free_count = max(MIN_FREE, min(len(ids), free_count))
    finally:
        if abandoned(highs):  # it may still be running: never touched again
            model.problem.solverModel = None
        else:
            highs.changeColsBounds(len(lower), np.arange(len(lower), dtype=np.int32), lower, upper)
    for var in model.problem.variables():
        var.varValue = float(best[var.index])
    return Polished(sign * best_cost, rounds, improvements)


def solved_model(model: PlanModel, plan: np.ndarray | None) -> tuple[highspy.Highs, np.ndarray] | None:
    """HiGHS's copy of ``model`` after a HiGHS solve and the plan to improve: ``plan``, by default
    the plan HiGHS left; ``None`` without a HiGHS model or a plan."""
    highs = getattr(model.problem, "solverModel", None)
    if not isinstance(highs, highspy.Highs):
        return None
    if plan is None:
        if highs.getInfo().primal_solution_status != 2:  # kSolutionStatusFeasible
            return None
        plan = np.array(highs.getSolution().col_value, dtype=float)
    return highs, plan


def better_plan(highs: highspy.Highs, costs: np.ndarray, best_cost: float) -> np.ndarray | None:
    """The plan HiGHS's last search left, if it costs less than ``best_cost`` by more than
    :data:`IMPROVEMENT` (HiGHS minimises); ``None`` otherwise."""
    if highs.getInfo().primal_solution_status != 2:  # kSolutionStatusFeasible
        return None
    found = np.array(highs.getSolution().col_value, dtype=float)
    return found if float(costs @ found) < cut_off(best_cost) else None


def reported_better(outcome: Outcome, costs: np.ndarray, best_cost: float) -> np.ndarray | None:
    """The plan HiGHS reported to the time guard, if better than ``best_cost``."""
    found = outcome.solution
    return found if found is not None and float(costs @ found) < cut_off(best_cost) else None


def cut_off(best_cost: float) -> float:
    """What a plan must cost less than to count as better than one costing ``best_cost``."""
    return best_cost - IMPROVEMENT * max(1.0, abs(best_cost))


def _columns(model: PlanModel) -> dict[str, list[int]]:
    """HiGHS's column of each start binary, by initiative."""
    found: dict[str, list[int]] = {i: [] for i in model.inputs.ids}
    for (i, _t), var in model.variables.items():
        found[i].append(int(var.index))
    return found


def column_bounds(highs: highspy.Highs) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of every column of HiGHS's model, as they are now."""
    lp = highs.getLp()
    return np.array(lp.col_lower_, dtype=float), np.array(lp.col_upper_, dtype=float)


def _fix_all_but(
    highs: highspy.Highs,
    columns: dict[str, list[int]],
    free: set[str],
    plan: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
) -> None:
    """Every start binary of an initiative outside ``free`` at its value in ``plan``; the rest as built."""
    low, up = lower.copy(), upper.copy()
    for i, cols in columns.items():
        if i not in free:
            fixed = np.round(plan[cols])
            low[cols], up[cols] = fixed, fixed
    highs.changeColsBounds(len(low), np.arange(len(low), dtype=np.int32), low, up)


def start_from(highs: highspy.Highs, plan: np.ndarray) -> None:
    """Hand HiGHS ``plan`` (a value per column) as the start of its next search."""
    solution = highspy.HighsSolution()
    solution.col_value = [float(v) for v in plan]
    highs.setSolution(solution)
