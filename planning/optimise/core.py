"""Core search: improving a time-limited plan where the LP relaxation is unsure.

On a model HiGHS cannot finish within the time limit, its search tree spends most of its
time on choices the LP relaxation already settles: a start binary whose reduced cost is far
from zero sits at its bound in the relaxation, and an optimal plan rarely disagrees with it.
The *core* is the rest: the start binaries with the smallest reduced costs in magnitude
(fractional ones, with none, first). Core search fixes every binary outside the core at its
value in the relaxation, lets HiGHS search the core for a plan better than the best so far,
and, each time it proves there is none or finds the best, widens the core and searches again,
this time only for plans that set at least one of the binaries just added otherwise than the
relaxation does (a row of the model): the search of the smaller core had every other plan.
This is the core approach to the multidimensional knapsack problem (Puchinger, Raidl and
Pferschy, *INFORMS Journal on Computing* 22, 2010), with reduced costs as the measure, so
that it applies to any of Veikart's models.

The model is split by the number k of initiatives selected (a row fixing the count, moved
from one count to the next), and each count has its own LP relaxation, core and fixings; the
counts go most promising relaxation first, and those whose relaxation cannot beat the best
plan are left out. A relaxation that must select exactly k initiatives is much tighter than
one that may take a fraction of one more, so HiGHS proves each count's core far sooner than
the whole core at once (Vimont, Boussier and Vasquez, *Journal of Combinatorial Optimization*
15, 2008).

A count need not grow its core to the whole model. Setting a binary otherwise than the
relaxation does costs at least its reduced cost, so a binary whose reduced cost is more than
the best plan's cost minus the relaxation's bound is the same in every better plan (reduced-cost
fixing, :meth:`CountPart.needed`). A count whose core holds every other binary and was searched
to the end holds no better plan, and needs no more search; nor does a count whose relaxation
is no better than the best plan.

The bound stays the one HiGHS proved for the whole model, as with polishing
(:mod:`planning.optimise.polish`): a core plan is only ever a better plan, never a proof,
unless every count is done in one of these two ways; then the plan is proven optimal
(:attr:`~planning.optimise.polish.Polished.proven`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import highspy
import numpy as np
import pulp

from planning.optimise.guard import GuardedRun, abandoned, capped
from planning.optimise.model import PlanModel
from planning.optimise.polish import (
    IMPROVEMENT,
    Polished,
    better_plan,
    column_bounds,
    cut_off,
    reported_better,
    solved_model,
    start_from,
)

FIRST_SHARE = 0.1
"""Share of the start binaries in the first core."""
GROW = 1.2
"""The core after a search that finished (found the core's best plan or proved there is no better)."""
MIN_CORE = 10
RELAXATION_SHARE = 0.3
"""At most this share of the time goes to the LP relaxation."""


def core_search(
    model: PlanModel,
    seconds: float,
    *,
    plan: np.ndarray | None = None,
    on_round: Callable[[float], None] | None = None,
) -> Polished | None:
    """Improve a plan of ``model`` for ``seconds``: ``plan`` (a value per HiGHS column), by default
    the plan HiGHS left; ``None`` when there is no HiGHS model, no plan, or no relaxation within
    the time. ``on_round`` hears the best objective after every round of cores (one per count
    still open), and :attr:`~planning.optimise.polish.Polished.rounds` counts the cores searched.

    Works on HiGHS's own copy of the model, as :func:`~planning.optimise.polish.polish` does:
    column bounds, a row and the objective cut-off change and are put back, and the variables'
    values are set to the best plan.
    """
    ends = time.perf_counter() + capped(seconds)
    held = solved_model(model, plan)
    if held is None:
        return None
    highs, best = held
    lower, upper = column_bounds(highs)
    costs = np.array(highs.getLp().col_cost_, dtype=float)  # HiGHS minimises
    best_cost = float(costs @ best)
    sign = -1.0 if model.problem.sense == pulp.LpMaximize else 1.0  # PuLP hands HiGHS a minimisation
    binaries = np.array(sorted(int(var.index) for var in model.variables.values()), dtype=np.int64)
    count = Count(highs, _selections(model))
    searches = improvements = 0
    done: set[int] = set()  # the counts that cannot hold a better plan than the best
    searched: dict[int, int] = {}  # per count, its largest core searched to the end
    size = min(len(binaries), max(MIN_CORE, round(FIRST_SHARE * len(binaries))))
    try:
        counts = count.relaxations(binaries, costs, best, RELAXATION_SHARE * seconds)
        if counts is None:
            return None
        highs.setOptionValue("output_flag", False)
        stalled = False  # a core search ran out of time
        while not stalled and len(done) < len(counts.parts) and ends - time.perf_counter() > 0.05:
            for part in counts.parts:
                if part.k in done:
                    continue
                if part.bound >= cut_off(best_cost):
                    done.add(part.k)  # its relaxation holds no better plan
                    continue
                if (left := ends - time.perf_counter()) <= 0.05:
                    stalled = True
                    break
                needed = part.needed(best_cost)
                before = searched.get(part.k, 0)
                if before >= needed:
                    done.add(part.k)  # a core searched before holds every binary that could change
                    continue
                core = min(size, needed)
                _fix_outside(highs, part.order[core:], part.values, lower, upper)
                count.fix(part.k)
                highs.setOptionValue("objective_bound", cut_off(best_cost))
                highs.setOptionValue("time_limit", left)
                with _elsewhere(highs, part.order[before:core] if before else None, part.values):
                    start_from(highs, best)
                    outcome = GuardedRun(highs).run(left)
                    if outcome.finished:
                        status = highs.getModelStatus()  # read before the row goes: a change to the model clears it
                        found = better_plan(highs, costs, best_cost)
                    else:  # the time guard stopped waiting: keep what HiGHS reported, search no more
                        status, found = highspy.HighsModelStatus.kTimeLimit, reported_better(outcome, costs, best_cost)
                searches += 1
                if found is not None:
                    best, best_cost = found, float(costs @ found)
                    improvements += 1
                if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible):
                    stalled = True
                    break
                searched[part.k] = core
                if core == needed:
                    done.add(part.k)  # searched to the end on every binary a better plan could change
            if on_round is not None:
                on_round(sign * best_cost)
            size = min(len(binaries), max(size + 1, round(size * GROW)))
    finally:
        if abandoned(highs):  # it may still be running: never touched again
            model.problem.solverModel = None
        else:
            count.remove()
            highs.changeColsBounds(len(lower), np.arange(len(lower), dtype=np.int32), lower, upper)
            highs.setOptionValue("objective_bound", highspy.kHighsInf)
    for var in model.problem.variables():
        var.varValue = float(best[var.index])
    proven = counts.complete and len(done) == len(counts.parts)
    return Polished(sign * best_cost, searches, improvements, proven=proven)


@dataclass(frozen=True)
class CountPart:
    """The part of the model where the plan selects ``k`` initiatives, and its LP relaxation."""

    k: int
    bound: float
    """The relaxation's objective (HiGHS minimises): no plan with ``k`` initiatives costs less."""
    values: np.ndarray
    order: np.ndarray
    """The start binaries, smallest reduced cost in magnitude first: the core is a prefix."""
    slack: np.ndarray
    """The reduced cost in magnitude of each binary of ``order``: what changing it from its value
    in the relaxation costs at least."""

    def needed(self, best_cost: float) -> int:
        """How long a prefix of ``order`` holds every binary a plan with ``k`` initiatives costing
        less than ``best_cost`` can set otherwise than the relaxation does.

        Each binary set otherwise adds at least its reduced cost to the relaxation's bound
        (reduced-cost fixing), so a binary whose reduced cost is more than ``best_cost`` minus
        the bound is the same in every better plan. The room is widened by the cut-off's
        tolerance, so that rounding in the duals never leaves a binary out.
        """
        room = best_cost - self.bound + IMPROVEMENT * max(1.0, abs(best_cost))
        return int(np.searchsorted(self.slack, room, side="right"))


@dataclass(frozen=True)
class CountParts:
    """The counts core search searches, from :meth:`Count.relaxations`."""

    parts: list[CountPart]
    """Every count whose relaxation may hold a better plan, the most promising first."""
    complete: bool
    """Whether every other count was ruled out by its relaxation (else no search can prove the plan)."""


class Count:
    """A row of HiGHS's model that fixes how many initiatives the plan selects, while core search runs."""

    def __init__(self, highs: highspy.Highs, selections: list[np.ndarray]) -> None:
        self.highs = highs
        self.selections = selections
        """Per initiative, the columns whose sum is 1 when it is selected."""
        indices = np.concatenate(selections).astype(np.int32) if selections else np.array([], dtype=np.int32)
        highs.addRow(-highspy.kHighsInf, highspy.kHighsInf, len(indices), indices, np.ones(len(indices)))
        self.row = highs.getNumRow() - 1

    def held(self, plan: np.ndarray) -> int:
        """How many initiatives ``plan`` selects."""
        return sum(round(float(plan[cols].sum())) for cols in self.selections)

    def relaxations(
        self, binaries: np.ndarray, costs: np.ndarray, best: np.ndarray, seconds: float
    ) -> CountParts | None:
        """The LP relaxation of each count, from the count of ``best`` outwards; ``None`` when
        not even that one is solved within ``seconds``.

        The relaxation's optimum is a concave function of the count (a right-hand side), and
        that of ``best``'s count is at least as good as ``best``, so the counts whose relaxation
        is as good as ``best`` form an interval around it: each direction stops at the first
        count below it (or with no solution).
        """
        ends = time.perf_counter() + seconds
        held, best_cost = self.held(best), float(costs @ best)
        parts: list[CountPart] = []
        complete = True
        for step in (-1, 1):
            k = held if step == -1 else held + 1
            while 0 <= k <= len(self.selections):
                self.fix(k)
                status, values, reduced_costs = _relaxation(self.highs, ends - time.perf_counter())
                if status != highspy.HighsModelStatus.kOptimal:
                    complete = complete and status == highspy.HighsModelStatus.kInfeasible  # else: out of time
                    break
                bound = float(costs @ values)
                if bound > best_cost + IMPROVEMENT * max(1.0, abs(best_cost)):
                    break  # worse than the best plan, as is every count further out
                order = binaries[np.argsort(np.abs(reduced_costs[binaries]), kind="stable")]
                parts.append(CountPart(k, bound, values, order, np.abs(reduced_costs[order])))
                k += step
        if not parts:
            return None
        return CountParts(sorted(parts, key=lambda part: part.bound), complete)

    def fix(self, k: int) -> None:
        self.highs.changeRowBounds(self.row, float(k), float(k))

    def remove(self) -> None:
        self.highs.deleteRows(1, np.array([self.row], dtype=np.int32))


def _selections(model: PlanModel) -> list[np.ndarray]:
    """Per initiative that can be selected, HiGHS's columns whose sum is 1 when it is."""
    found = []
    for i in model.inputs.ids:
        columns = [int(var.index) for var, _coef in model.selected(i).items()]
        if columns:
            found.append(np.array(columns, dtype=np.int64))
    return found


def _relaxation(highs: highspy.Highs, seconds: float) -> tuple[highspy.HighsModelStatus, np.ndarray, np.ndarray]:
    """Status, values and reduced costs of the LP relaxation of HiGHS's model (no values unless solved)."""
    lp = highs.getLp()
    lp.integrality_ = []
    relaxed = highspy.Highs()
    relaxed.setOptionValue("output_flag", False)
    relaxed.setOptionValue("time_limit", max(0.1, seconds))
    relaxed.passModel(lp)
    relaxed.run()
    status = relaxed.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        return status, np.array([]), np.array([])
    solution = relaxed.getSolution()
    return status, np.array(solution.col_value, dtype=float), np.array(solution.col_dual, dtype=float)


@contextmanager
def _elsewhere(highs: highspy.Highs, added: np.ndarray | None, values: np.ndarray) -> Iterator[None]:
    """While in the block, a row of HiGHS's model that sets at least one binary of ``added``
    otherwise than ``values`` (rounded) does; nothing with ``added`` ``None``.

    A core grown by ``added`` need not search again the plans with every added binary at its
    value in the relaxation: the search of the smaller core had them all, and found none better
    than a cut-off that has only come down since.
    """
    if added is None or len(added) == 0:
        yield
        return
    held = np.round(values[added]) > 0.5
    coefficients = np.where(held, -1.0, 1.0)  # sum over those out of x, plus over those in of (1 - x), >= 1
    highs.addRow(1.0 - float(held.sum()), highspy.kHighsInf, len(added), added.astype(np.int32), coefficients)
    row = highs.getNumRow() - 1
    try:
        yield
    finally:
        if not abandoned(highs):
            highs.deleteRows(1, np.array([row], dtype=np.int32))


def _fix_outside(
    highs: highspy.Highs, outside: np.ndarray, values: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> None:
    """The binaries in ``outside`` at their value in the relaxation, rounded; every other column as built."""
    low, up = lower.copy(), upper.copy()
    fixed = np.round(values[outside])
    low[outside], up[outside] = fixed, fixed
    highs.changeColsBounds(len(low), np.arange(len(low), dtype=np.int32), low, up)
