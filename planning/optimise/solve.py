"""``optimise()``: check -> build -> solve -> read -> explain, returning a :class:`Plan`."""

from __future__ import annotations

import dataclasses
import functools
import math
import os
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import highspy
import numpy as np
import pulp

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, errors
from planning.domain.validation import validate
from planning.messages.message import decimal, joined
from planning.messages.phrases import phrase
from planning.optimise.core import core_search
from planning.optimise.cpsat_pools import ENGINE, not_expressible
from planning.optimise.deterministic import STATUS as WORK_LIMIT
from planning.optimise.deterministic import WorkLimit, deterministic_options, work_limit_message
from planning.optimise.finite import check_finite_inputs, check_portfolio_numbers
from planning.optimise.greedy import NoGreedyPlan, greedy_plan, schedule_makespan, shortest_schedule
from planning.optimise.guard import GuardedRun, Outcome, StopRule, capped, out_of_time, promised, stale_start
from planning.optimise.guided import better_start, plan_value, relaxation_bound
from planning.optimise.inputs import PlanInputs, Stability, input_hash, plan_inputs
from planning.optimise.model import AUTO, PlanModel, build_model
from planning.optimise.plan import Plan, SolverFacts, benefit_frame, decisions_frame, plan_npv, spend_frame
from planning.optimise.polish import IMPROVEMENT, Polished, applies, improves, polish
from planning.optimise.stall import NEAR, Stall
from planning.optimise.timing import cap_target_windows, close_unneeded_windows
from planning.optimise.warm import better_start as better_warm_start
from planning.optimise.warm import warm_plan
from planning.optimise.watch import (
    SOLVING,
    SOLVING_BEFORE_EXPLAINING,
    Incumbent,
    SolverProgress,
    relative_gap,
    solving_report,
)

SOLVERS = ("auto", "highs", "cbc", "cp-sat")
"""``auto``: CP-SAT for earliest completion where it takes the model exactly, else HiGHS
(:func:`choose_engine`); ``highs``, ``cbc``: that MILP solver; ``cp-sat``: OR-Tools CP-SAT
(earliest completion only, :mod:`planning.optimise.cpsat`)."""
DEFAULT_GAP = 1e-4
HIGHS_OPTIONS: dict[str, object] = {
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_allow_restart": False,
    "mip_allow_cut_separation_at_nodes": False,
    "mip_lp_age_limit": 20,
    "mip_pscost_minreliable": 0,
}
"""Veikart's HiGHS options, for models that are not large (:func:`highs_options_for`).

RINS and RENS sub-MIPs cost most of the root time on these models and did not shorten the
search (same tree, same bound). Restarting after root fixing and separating cuts in the tree
took longer than they saved: with all four off, the sample's six NPV scenarios took 4.8 s
of solver time in all instead of 8.1 s with only RINS and RENS off (median of three runs,
2026-11-26). Keeping unused cuts in the node LPs for 20 rounds instead of 10 took Kutt20
from 1.03 s to 0.70 s and the eight sample scenarios from 3.65 s to 3.40 s in all (median of
three runs each, quiet machine, 2026-11-26). Branching on pseudocosts from the first node
instead of strong branching until each has 8 observations took the eight sample scenarios
from 4.70-5.23 s to 4.06-4.14 s in all, every scenario faster, Poeng-og-nytte 1.18-1.26 s to
0.98-1.03 s (median of five runs, two trials, 2026-11-27, a machine then 1.6x slower than the
day before); mknapcb1 stayed 30 of 30 proven (163 s in all against 161 s).
docs/performance.md compares these options with HiGHS's defaults."""
LARGE_MODEL_HIGHS_OPTIONS: dict[str, object] = {}
"""HiGHS's own defaults, for large models (:func:`~planning.optimise.model.large_model`). On
them the RINS and RENS sub-MIPs find the better plans: in a comparison run of 2026-11-27
(code 71a5939, 60 s each; ``docs/model.md`` has it and the later runs) HiGHS's defaults found better plans than
:data:`HIGHS_OPTIONS` on three of the four large generated portfolios (n200-t16-f5-c5 3 154.1
against 3 016.6, n200-t24-f8-c4 3 853.2 against 3 572.8, n1000-t20-f4-c3 14 965.6 against
14 885.5; n1000-t40-f8-c8 16 644.9 against 16 672.3) and ended with a far tighter bound on
the largest (gap 15 % against 226 %). Turning only RINS and RENS back on did better at 10 s
on n200-t16-f5-c5 but less well at 60 s on three of the four (docs/model.md)."""
SAMPLING_SHARE = 0.1
"""Share of the time limit that sampling schedules may take under earliest completion
(:func:`~planning.optimise.greedy.shortest_schedule`); it counts as solver time."""
FIRST_SOLVE_SHARE = 0.2
CORE_SHARE = 0.5
"""Shares of the time limit for HiGHS's first search and for core search, on models too
small to polish (:func:`solve_with_core`). Core search gets the most: on the mknapcb2
instances HiGHS left open, it is what improves the plan (docs/model.md)."""
SOLVE_SHARE = 0.5
"""On large models whose starting plan is far below the LP relaxation, HiGHS gets this share
of the time left, with its own time limit (it stops promptly then, where a request to stop
is heard only between its root's rounds), and polishing the rest."""
Progress = Callable[[str, float], None]
"""Called with a stage description and the fraction done (0 to 1)."""


def optimise(
    portfolio: Portfolio,
    scenario: Scenario | str | None = None,
    *,
    time_limit: float | None = None,
    solver: str = "auto",
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
    progress: Progress | None = None,
    explain: bool = True,
    stability: Stability | None = None,
    highs_options: Mapping[str, object] | None = None,
    warm_start: Mapping[str, int] | None = None,
    work_limit: WorkLimit | None = None,
    trusted: bool = False,
) -> Plan:
    """Propose a delivery plan for ``portfolio`` under ``scenario``.

    ``explain`` fills the reasons and prices what-ifs (one re-solve per initiative out or
    late); a scenario with no plan is diagnosed either way. ``formulation`` ``auto`` and
    ``highs_options`` ``None`` choose by the model's size (:func:`highs_options_for`); given
    options replace them (the benchmark compares HiGHS's defaults and Veikart's own).
    ``warm_start`` is an earlier plan (initiative -> start period), typically the plan before
    an edit: HiGHS starts from it where it is still allowed (or repaired) and worth at least
    as much as the optimiser's own start (:mod:`planning.optimise.warm`). ``solver`` is one of
    :data:`SOLVERS`; ``auto`` chooses the engine (:func:`choose_engine`).

    ``work_limit`` makes the answer independent of the clock and the machine
    (:mod:`planning.optimise.deterministic`): one HiGHS search from the greedy plan, on one
    thread, stopped by a node limit, the time limit only a safety net. ``trusted`` is for a
    portfolio the caller derived from one it has already checked (a sampled future of the Core
    Index, whose numbers are drawn within validated estimates): the validation and the number
    checks are skipped and the input hash is left empty (the planning inputs are still checked
    to be finite); they took more than half of each future's time on the sample.

    Raises
    ------
    InvalidPortfolio
        When the portfolio does not validate, or a number in it or the scenario is out of
        range or not finite; nothing is built.
    ValueError
        For an unknown solver, or a work limit with a solver other than HiGHS.
    """
    report = progress or (lambda _stage, _fraction: None)
    called = time.monotonic()
    if not trusted:
        check_portfolio_numbers(portfolio, scenario)
        problems = errors(validate(portfolio))
        if problems:
            raise InvalidPortfolio(problems)
    report("Preparing inputs", 0.05)
    inputs = plan_inputs(portfolio, scenario, stability)
    check_finite_inputs(inputs)
    limit = float(time_limit if time_limit is not None else inputs.scenario.time_limit)
    run = Run(limit, solver, formulation, gap, explain, highs_options, warm_start, work_limit, trusted)
    with promised(limit, since=called):
        plan, model = _plan(portfolio, inputs, run, report, progress)
    if explain or plan.facts.status == "infeasible":  # a scenario with no plan is always diagnosed
        from planning.optimise.explain import explain_plan  # local: explanations re-solve the model

        model = model or build_model(inputs, run.formulation)  # CP-SAT's plans are explained on the MILP
        span = SOLVING_BEFORE_EXPLAINING if explain else SOLVING
        report("Explaining the plan", span[1])
        explain_plan(portfolio, plan, inputs, model, progress, span=(span[1], 0.99))
    report("Done", 1.0)
    return plan


@dataclass(frozen=True)
class Run:
    """How :func:`optimise` was asked to solve (its arguments past the portfolio and scenario)."""

    limit: float
    solver: str
    formulation: str
    gap: float
    explain: bool
    highs_options: Mapping[str, object] | None
    warm_start: Mapping[str, int] | None
    work_limit: WorkLimit | None = None
    trusted: bool = False


def _plan(
    portfolio: Portfolio, inputs: PlanInputs, run: Run, report: Progress, progress: Progress | None
) -> tuple[Plan, PlanModel | None]:
    """:func:`optimise` from its inputs to the plan, before the explanations: the part the time
    limit promises (:func:`~planning.optimise.guard.promised`). The MILP it solved, ``None``
    where CP-SAT solved (:func:`choose_engine`)."""
    limit = run.limit
    if run.work_limit is not None:
        return _plan_by_work(portfolio, inputs, run, report, progress)
    engine = choose_engine(inputs, run.solver)
    report("Finding a starting plan", 0.1)
    began = time.perf_counter()
    warm = warm_plan(inputs, run.warm_start) if run.warm_start else None
    start = initial_plan(inputs, SAMPLING_SHARE * limit) if needs_own_start(inputs, warm) else None
    sampling_seconds = time.perf_counter() - began
    span = SOLVING_BEFORE_EXPLAINING if run.explain else SOLVING
    on_progress = solving_report(report, limit, span) if progress is not None else None
    if engine == ENGINE:  # CP-SAT builds its own model, in its solve time
        from planning.optimise.cpsat import solve_cp  # OR-Tools loads only where CP-SAT runs

        report("Solving", span[0])
        facts, starts = solve_cp(
            inputs,
            time_limit=time_left(limit, sampling_seconds),
            gap=run.gap,
            hint=warm or start,
            on_progress=on_progress,
        )
        facts.solve_seconds += sampling_seconds
        return _finish(portfolio, inputs, facts, starts, limit, 0.0, report, span, run), None
    report("Building the model", 0.15)
    began = time.perf_counter()
    model = build_model(inputs, run.formulation)
    build_seconds = time.perf_counter() - began
    report("Solving", span[0])
    start = better_warm_start(model, start, warm)
    solver = "highs" if run.solver == "auto" else run.solver
    start_seconds = sampling_seconds + hand_start(model, start, limit, solver=solver)
    remaining = time_left(limit, start_seconds)
    facts, starts = solve_and_polish(
        model,
        solver=solver,
        time_limit=remaining,
        gap=run.gap,
        highs_options=run.highs_options,
        on_progress=on_progress,
    )
    facts.solve_seconds += start_seconds  # finding the start (sampling, the guiding LP) is solver time too
    return _finish(portfolio, inputs, facts, starts, limit, build_seconds, report, span, run), model


def _plan_by_work(
    portfolio: Portfolio, inputs: PlanInputs, run: Run, report: Progress, progress: Progress | None
) -> tuple[Plan, PlanModel]:
    """:func:`_plan` under a work limit: the same plan whatever the clock says
    (:mod:`planning.optimise.deterministic`). HiGHS only; the start is the warm plan or the
    greedy ranking's (under earliest completion its priority rules only, no timed sampling).

    Raises
    ------
    ValueError
        For a solver other than ``auto`` or ``highs``.
    """
    if run.solver not in ("auto", "highs"):
        raise ValueError(f"a work limit needs HiGHS; solver '{run.solver}' cannot run to one")
    assert run.work_limit is not None
    limit = run.limit
    report("Finding a starting plan", 0.1)
    began = time.perf_counter()
    warm = warm_plan(inputs, run.warm_start) if run.warm_start else None
    start = initial_plan(inputs, 0.0) if needs_own_start(inputs, warm) else None
    start_seconds = time.perf_counter() - began
    report("Building the model", 0.15)
    began = time.perf_counter()
    model = build_model(inputs, run.formulation)
    build_seconds = time.perf_counter() - began
    span = SOLVING_BEFORE_EXPLAINING if run.explain else SOLVING
    report("Solving", span[0])
    set_initial_plan(model, better_warm_start(model, start, warm))
    base = highs_options_for(model) if run.highs_options is None else run.highs_options
    facts, starts = solve_model(
        model,
        solver="highs",
        time_limit=limit,
        gap=run.gap,
        highs_options=deterministic_options(base, run.work_limit),
        on_progress=solving_report(report, limit, span) if progress is not None else None,
    )
    facts.solve_seconds += start_seconds
    if facts.status == WORK_LIMIT and facts.gap is not None and facts.gap <= run.gap:
        facts.status, facts.message = "optimal", ""  # HiGHS counted its nodes before its gap: proven all the same
    if facts.status == "time_limit":
        note = phrase("time_limit_safety_net", limit=decimal(limit, "g"))
        facts.message = joined((facts.message, note))
    return _finish(portfolio, inputs, facts, starts, limit, build_seconds, report, span, run), model


def _finish(
    portfolio: Portfolio,
    inputs: PlanInputs,
    facts: SolverFacts,
    starts: dict[str, int],
    limit: float,
    build_seconds: float,
    report: Progress,
    span: tuple[float, float],
    run: Run,
) -> Plan:
    facts.time_limit = limit
    facts.build_seconds = build_seconds
    facts.input_hash = "" if run.trusted else input_hash(portfolio, inputs.scenario)
    report("Reading the plan", span[1])
    return assemble_plan(portfolio, inputs, facts, starts)


def choose_engine(inputs: PlanInputs, solver: str) -> str:
    """The engine for ``solver``: ``auto`` is CP-SAT where the objective is earliest completion
    and CP-SAT takes the model exactly (:func:`~planning.optimise.cpsat.not_expressible`),
    else HiGHS.

    Raises
    ------
    ValueError
        For an unknown solver, or ``cp-sat`` asked for a model it cannot take.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver '{solver}'; use one of {', '.join(SOLVERS)}")
    if solver not in ("auto", ENGINE):
        return solver
    why = not_expressible(inputs)
    if why is None:
        return ENGINE
    if solver == ENGINE:
        raise ValueError(f"CP-SAT cannot solve scenario '{inputs.scenario.id}': {why}; use --solver auto or highs")
    return "highs"


def initial_plan(inputs: PlanInputs, seconds: float = 0.0) -> dict[str, int] | None:
    """The greedy plan HiGHS starts from, ``None`` when the greedy rules place no plan.

    Earliest completion: the shortest greedy schedule found in ``seconds`` of sampling,
    whose makespan then caps the targets' windows (it stays feasible under the cap; a
    tighter cap would cut it off).
    """
    if inputs.scenario.objective != "earliest_completion":
        try:
            return greedy_plan(inputs)
        except NoGreedyPlan:
            return None
    close_unneeded_windows(inputs)
    start = shortest_schedule(inputs, seconds)
    bound = None if start is None else schedule_makespan(inputs, start)
    if bound is not None:
        cap_target_windows(inputs, bound)
    return start


def needs_own_start(inputs: PlanInputs, warm: dict[str, int] | None) -> bool:
    """Whether the optimiser looks for its own starting plan: always under earliest completion
    (sampling also narrows the windows), otherwise only without a warm plan that keeps every
    rule. After an edit the plan before it is worth more than the greedy ranking's nearly
    always, and the ranking took about a fifth of the solver time of a warm re-optimisation of
    the sample (0.15 of 0.7 s, issue 32 target 5, docs/model.md)."""
    return warm is None or inputs.scenario.objective == "earliest_completion"


def hand_start(model: PlanModel, start: dict[str, int] | None, time_limit: float, *, solver: str = "highs") -> float:
    """Give the solver its starting plan (for HiGHS, the LP-guided one where better); the seconds it took."""
    began = time.perf_counter()
    if solver == "highs":
        start = better_start(model, start, time_limit)
    set_initial_plan(model, start)
    return time.perf_counter() - began


def time_left(time_limit: float, spent: float) -> float:
    """What remains of ``time_limit`` for the MIP after ``spent`` seconds on its start (at least a tenth)."""
    return max(0.1 * time_limit, time_limit - spent)


def set_initial_plan(model: PlanModel, starts: dict[str, int] | None) -> None:
    """Hand the solver a feasible plan to start from (the greedy ranking's), so a time-limited
    run is never worse than the ranking; binaries of the cumulative or a start-time formulation."""
    if starts is None:
        return
    for (i, t), variable in model.variables.items():
        began = i in starts and (t >= starts[i] if model.cumulative else t == starts[i])
        variable.setInitialValue(1.0 if began else 0.0)
    if model.makespan is not None:
        finishes = [starts[i] + model.durations[i] for i in model.inputs.targets if i in starts]
        model.makespan.setInitialValue(float(max(finishes, default=0)))


class HiGHSFromStart(pulp.HiGHS):
    """PuLP's HiGHS interface that hands HiGHS the variables' current values as a MIP start,
    runs it under Veikart's time guard (:class:`~planning.optimise.guard.GuardedRun`) and
    reports the incumbent to ``on_progress`` while HiGHS searches."""

    def __init__(self, *, on_progress: SolverProgress | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.on_progress = on_progress
        self.stop_when: StopRule | None = None
        self.outcome: Outcome | None = None

    def callSolver(self, lp: pulp.LpProblem) -> None:
        highs = lp.solverModel
        values = [v.varValue for v in lp.variables()]
        start = None
        if any(value is not None for value in values):
            import highspy

            start = np.array([float(value or 0.0) for value in values])
            solution = highspy.HighsSolution()
            solution.col_value = list(start)
            highs.setSolution(solution)
        sign = -1.0 if lp.sense == pulp.LpMaximize else 1.0
        limit = float(self.timeLimit) if self.timeLimit is not None else math.inf
        began = time.monotonic()
        guarded = GuardedRun(highs, start=start, on_progress=self.on_progress, sign=sign, stop_when=self.stop_when)
        self.outcome = guarded.run(limit)
        if start is not None and self.outcome.finished and stale_start(highs, start):
            highs.clearSolver()  # the search again, from no start, in the time that is left
            left = max(0.1, limit - (time.monotonic() - began))
            highs.setOptionValue("time_limit", min(left, float(highs.getOptionValue("time_limit")[1])))
            again = GuardedRun(highs, start=start, on_progress=self.on_progress, sign=sign, stop_when=self.stop_when)
            self.outcome = again.run(left)

    def findSolutionValues(self, lp: pulp.LpProblem) -> tuple[int, int]:
        """PuLP's reading of a finished run; after a run the guard stopped waiting for, the
        best plan HiGHS had reported (HiGHS may still be running: it is not read)."""
        if self.outcome is None or self.outcome.finished:
            try:
                return super().findSolutionValues(lp)
            except KeyError:  # PuLP knows no "solution limit" (HiGHS's node limit): a plan, or none
                found = lp.solverModel.getInfo().primal_solution_status == 2  # kSolutionStatusFeasible
                return pulp.LpStatusNotSolved, (
                    pulp.LpSolutionIntegerFeasible if found else pulp.LpSolutionNoSolutionFound
                )
        solution = self.outcome.solution
        for var in lp.variables():
            var.varValue = None if solution is None else float(solution[var.index])
        if solution is None:
            return pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound
        return pulp.LpStatusNotSolved, pulp.LpSolutionIntegerFeasible


def assemble_plan(portfolio: Portfolio, inputs: PlanInputs, facts: SolverFacts, starts: dict[str, int]) -> Plan:
    """A :class:`Plan` from the chosen starts (empty when no plan was found)."""
    return Plan(
        scenario=str(inputs.scenario.id),
        facts=facts,
        initiatives=decisions_frame(portfolio, inputs, starts),
        spend=spend_frame(inputs, starts),
        benefits=benefit_frame(portfolio, inputs, starts),
        npv=plan_npv(inputs, starts) if facts.objective is not None else None,
    )


def solve_and_polish(
    model: PlanModel,
    *,
    solver: str,
    time_limit: float,
    gap: float,
    highs_options: Mapping[str, object] | None = None,
    on_progress: SolverProgress | None = None,
) -> tuple[SolverFacts, dict[str, int]]:
    """:func:`solve_model`; on NPV and benefit models, a plan HiGHS has not proven optimal is
    improved by polishing (:mod:`planning.optimise.polish`) on large models, and on the others
    by core search (:func:`solve_with_core`). On a large model whose start is near the LP
    relaxation (:func:`far_from_relaxation`) HiGHS searches until it stalls
    (:class:`~planning.optimise.stall.Stall`); on the others it gets :data:`SOLVE_SHARE` of
    ``time_limit``. Polishing takes the rest.

    The bound is HiGHS's bound for the whole model, or the LP relaxation's where the guided start
    solved it and it is tighter (:func:`bounded_by`); the gap is recomputed for the polished plan.
    """
    if solver != "highs" or not improves(model):
        return solve_model(
            model, solver=solver, time_limit=time_limit, gap=gap, highs_options=highs_options, on_progress=on_progress
        )
    if not applies(model):
        return solve_with_core(
            model, time_limit=time_limit, gap=gap, highs_options=highs_options, on_progress=on_progress
        )
    near = not far_from_relaxation(model)
    lp_bound = relaxation_bound(model)
    facts, starts = solve_model(
        model,
        solver=solver,
        time_limit=time_limit if near else SOLVE_SHARE * time_limit,
        gap=gap,
        highs_options=highs_options,
        on_progress=None if on_progress is None else _with_bound(on_progress, model, lp_bound),
        stop_when=Stall(maximise=model.problem.sense == pulp.LpMaximize) if near else None,
    )
    bounded_by(model, facts, lp_bound, gap)
    if facts.status != "time_limit" or facts.objective is None:
        return facts, starts
    began = time.perf_counter()
    bound = facts.bound
    on_round = None if on_progress is None else lambda objective: on_progress(Incumbent(objective, bound))
    polished = polish(model, max(0.0, time_limit - facts.solve_seconds), on_round=on_round)
    facts.solve_seconds += time.perf_counter() - began
    if polished is None:
        return facts, starts
    if polished.improvements:
        starts = read_starts(model)
        facts.objective = polished.objective
        facts.gap = relative_gap(facts.objective, facts.bound)
        if facts.gap is not None and facts.gap <= gap:
            facts.status, facts.message = "optimal", ""
    note = phrase("polished", improvements=polished.improvements, rounds=polished.rounds) if polished.rounds else ""
    facts.message = joined((facts.message, note))
    return facts, starts


def bounded_by(model: PlanModel, facts: SolverFacts, bound: float | None, gap: float) -> None:
    """``facts`` with the tighter of their bound and ``bound`` (the LP relaxation's, where the
    guided start solved it: :func:`~planning.optimise.guided.relaxation_bound`), the gap
    recomputed; a plan within ``gap`` of it is proven optimal. Nothing changes without a plan."""
    if bound is None or facts.objective is None:
        return
    facts.bound = tighter_bound(model, facts.bound, bound)
    facts.gap = relative_gap(facts.objective, facts.bound)
    if facts.status == "time_limit" and facts.gap is not None and facts.gap <= gap:
        facts.status, facts.message = "optimal", ""


def far_from_relaxation(model: PlanModel) -> bool:
    """Whether the starting plan is :data:`~planning.optimise.stall.NEAR` or more below the LP
    relaxation (or either is unknown): then HiGHS will not prove it soon, and polishing gets half."""
    start = read_starts(model)
    if model.relaxed is None or not start:
        return True
    found = relative_gap(plan_value(model, start), model.relaxed)
    return found is None or found >= NEAR


def solve_with_core(
    model: PlanModel,
    *,
    time_limit: float,
    gap: float,
    highs_options: Mapping[str, object] | None = None,
    on_progress: SolverProgress | None = None,
) -> tuple[SolverFacts, dict[str, int]]:
    """HiGHS for :data:`FIRST_SOLVE_SHARE` of ``time_limit``; if it has not proven its plan
    optimal, core search (:mod:`planning.optimise.core`) for :data:`CORE_SHARE`, then HiGHS
    again on the whole model from the best plan so far, for the rest.

    HiGHS's second search may still prove the plan optimal, and it starts with the core's plan
    as its incumbent; the bound is the tighter of the two searches' bounds. A core search that
    ruled out every number of selected initiatives (searched each to the end on every binary
    that could change, or found its relaxation no better) has proven its plan optimal, and
    there is no second search (:func:`proven_by_core`).
    """
    search = functools.partial(solve_model, model, solver="highs", gap=gap, highs_options=highs_options)
    first, starts = search(time_limit=FIRST_SOLVE_SHARE * time_limit, on_progress=on_progress)
    if first.status != "time_limit" or first.objective is None or out_of_time():
        return first, starts  # proven, no plan, or no time left (the time guard stopped waiting)
    began = time.perf_counter()
    bound = first.bound
    on_round = None if on_progress is None else lambda objective: on_progress(Incumbent(objective, bound))
    searched = core_search(model, CORE_SHARE * time_limit, on_round=on_round)
    spent = first.solve_seconds + time.perf_counter() - began
    if searched is not None and searched.proven:
        return proven_by_core(model, first, searched, spent), read_starts(model)
    best = read_starts(model)  # the core's plan, or HiGHS's first where the core found none better
    on_second = None if on_progress is None else _with_bound(on_progress, model, bound)
    facts, starts = search(time_limit=max(0.1, time_limit - spent), on_progress=on_second)
    facts.solve_seconds += spent
    if facts.objective is None:  # HiGHS turned the start down and found no plan in its time
        facts.status, facts.message = first.status, first.message
        facts.objective = searched.objective if searched is not None and searched.improvements else first.objective
        starts = best
    facts.bound = tighter_bound(model, first.bound, facts.bound)
    facts.gap = relative_gap(facts.objective, facts.bound)
    if facts.status == "time_limit" and facts.gap is not None and facts.gap <= gap:
        facts.status, facts.message = "optimal", ""
    if searched is not None:
        note = phrase("core_searched", improvements=searched.improvements, rounds=searched.rounds)
        facts.message = joined((facts.message, note))
    return facts, starts


def proven_by_core(model: PlanModel, first: SolverFacts, searched: Polished, seconds: float) -> SolverFacts:
    """The facts of a plan core search proved optimal: it ruled out any plan better than its best
    by more than :data:`~planning.optimise.polish.IMPROVEMENT` (relative), so that is the bound
    and the gap it reports."""
    facts = dataclasses.replace(first, status="optimal", objective=searched.objective, solve_seconds=seconds)
    tolerance = IMPROVEMENT * max(1.0, abs(searched.objective))
    maximised = model.problem.sense == pulp.LpMaximize
    facts.bound = tighter_bound(model, first.bound, searched.objective + (tolerance if maximised else -tolerance))
    facts.gap = relative_gap(facts.objective, facts.bound)
    facts.message = phrase("core_proven", rounds=searched.rounds, improvements=searched.improvements)
    return facts


def _with_bound(on_progress: SolverProgress, model: PlanModel, bound: float | None) -> SolverProgress:
    """``on_progress`` hearing the tighter of ``bound`` and the search's own (a second search
    starts again from its root bound)."""
    return lambda found: on_progress(Incumbent(found.objective, tighter_bound(model, bound, found.bound)))


def tighter_bound(model: PlanModel, first: float | None, second: float | None) -> float | None:
    """The tighter of two bounds on the same model's optimum (lower for a maximisation)."""
    bounds = [b for b in (first, second) if b is not None]
    if not bounds:
        return None
    return min(bounds) if model.problem.sense == pulp.LpMaximize else max(bounds)


def solve_model(
    model: PlanModel,
    *,
    solver: str,
    time_limit: float,
    gap: float,
    highs_options: Mapping[str, object] | None = None,
    on_progress: SolverProgress | None = None,
    stop_when: StopRule | None = None,
) -> tuple[SolverFacts, dict[str, int]]:
    """Solve, then read status, objective, bound and gap from the solver itself.

    ``on_progress`` hears of the best plan and bound while HiGHS searches (not with CBC);
    ``stop_when`` may stop HiGHS before its time limit (:class:`~planning.optimise.stall.Stall`).
    """
    if solver not in ("highs", "cbc"):
        raise ValueError(f"unknown MILP solver '{solver}'; use highs or cbc")
    began = time.perf_counter()
    if solver == "highs" and pulp.HiGHS().available():
        options = highs_options_for(model) if highs_options is None else highs_options
        facts = _solve_highs(model, time_limit, gap, options, on_progress, stop_when)
    else:
        facts = _solve_cbc(model, time_limit, gap)
    facts.solve_seconds = time.perf_counter() - began
    starts = read_starts(model) if facts.objective is not None else {}
    return facts, starts


def highs_options_for(model: PlanModel) -> Mapping[str, object]:
    """:data:`LARGE_MODEL_HIGHS_OPTIONS` for a large model, :data:`HIGHS_OPTIONS` for the others."""
    return LARGE_MODEL_HIGHS_OPTIONS if model.large else HIGHS_OPTIONS


def _facts(status: str, model: PlanModel, solver: str, time_limit: float, **values: float | None) -> SolverFacts:
    return SolverFacts(
        status=status,
        objective=values.get("objective"),
        bound=values.get("bound"),
        gap=values.get("gap"),
        solve_seconds=0.0,
        build_seconds=0.0,
        time_limit=time_limit,
        solver=solver,
        solver_version=version("highspy") if solver == "HiGHS" else _cbc_version(),
        input_hash="",
        formulation=model.formulation,
    )


@functools.cache
def silence_highs_banner() -> None:
    """HiGHS prints a banner on stdout the first time a solver is made in a process."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _solve_highs(
    model: PlanModel,
    time_limit: float,
    gap: float,
    options: Mapping[str, object],
    on_progress: SolverProgress | None = None,
    stop_when: StopRule | None = None,
) -> SolverFacts:
    problem = model.problem
    silence_highs_banner()
    time_limit = capped(time_limit)
    solver = HiGHSFromStart(msg=False, timeLimit=time_limit, gapRel=gap, on_progress=on_progress, **options)
    solver.stop_when = stop_when
    problem.solve(solver)
    if solver.outcome is not None and not solver.outcome.finished:
        problem.solverModel = None  # HiGHS may still be running: nothing may use this copy again
        return _guarded_facts(model, solver.outcome, time_limit)
    highs = problem.solverModel
    status_name = highs.modelStatusToString(highs.getModelStatus()).lower()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    sign = -1.0 if problem.sense == pulp.LpMaximize else 1.0  # PuLP hands HiGHS a minimisation
    objective = sign * float(info.objective_function_value) if has_solution else None
    is_mip = info.mip_node_count >= 0 and bool(model.variables)
    bound = sign * float(info.mip_dual_bound) if is_mip else objective
    proven = objective if status_name == "optimal" else None
    status = "optimal" if status_name == "optimal" else "time_limit" if has_solution else _no_plan(status_name)
    rel_gap = relative_gap(objective, bound) if has_solution else None
    facts = _facts(
        status, model, "HiGHS", time_limit, objective=objective, bound=bound if has_solution else None, gap=rel_gap
    )
    facts.message = status_name if proven is None else ""
    if highs.getModelStatus() == highspy.HighsModelStatus.kSolutionLimit:
        facts.status = WORK_LIMIT  # the only limit of this kind Veikart sets is the node limit
        nodes = int(highs.getOptionValue("mip_max_nodes")[1])
        facts.message = (
            work_limit_message(nodes, rel_gap) if has_solution else phrase("work_limit_no_plan", nodes=nodes)
        )
    if solver.outcome is not None and solver.outcome.stopped_early and proven is None:
        facts.status = "time_limit" if has_solution else facts.status
        facts.message = phrase("highs_stalled", seconds=decimal(highs.getRunTime(), ".0f"))
    return facts


def _guarded_facts(model: PlanModel, outcome: Outcome, time_limit: float) -> SolverFacts:
    """The facts of a run the time guard stopped waiting for: the best plan HiGHS reported and
    the last bound it proved, at the time limit, never optimal."""
    sign = -1.0 if model.problem.sense == pulp.LpMaximize else 1.0
    objective = None if outcome.solution is None or outcome.objective is None else sign * outcome.objective
    bound = None if objective is None or outcome.bound is None else sign * outcome.bound
    facts = _facts(
        "time_limit", model, "HiGHS", time_limit, objective=objective, bound=bound, gap=relative_gap(objective, bound)
    )
    facts.message = phrase("time_guard", limit=decimal(time_limit, ".1f"))
    return facts


def _no_plan(status_name: str) -> str:
    return "infeasible" if "infeasible" in status_name else "time_limit" if "time" in status_name else "error"


def _solve_cbc(model: PlanModel, time_limit: float, gap: float) -> SolverFacts:
    problem = model.problem
    status = problem.solve(pulp.COIN_CMD(msg=False, timeLimit=time_limit, gapRel=gap, path=cbc_path()))
    name = pulp.LpStatus[status]
    if name == "Optimal" and problem.sol_status == pulp.LpSolutionOptimal:
        objective = pulp.value(problem.objective)
        return _facts("optimal", model, "CBC", time_limit, objective=objective, bound=None, gap=None)
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:
        objective = pulp.value(problem.objective)
        facts = _facts("time_limit", model, "CBC", time_limit, objective=objective, bound=None, gap=None)
        facts.message = phrase("cbc_no_bound")
        return facts
    status = {"Infeasible": "infeasible", "Not Solved": "time_limit"}.get(name, "error")
    facts = _facts(status, model, "CBC", time_limit)
    facts.message = phrase("cbc_no_plan_in_time" if status == "time_limit" else "cbc_no_plan")
    return facts


def cbc_path() -> str | None:
    """The cbc binary from the cbcbox wheel beside this interpreter, or whatever is on PATH."""
    beside = Path(sys.executable).with_name("cbc")
    return str(beside) if beside.exists() else shutil.which("cbc")


def _cbc_version() -> str:
    try:
        return "cbcbox " + version("cbcbox")
    except Exception:
        return "unknown"


def read_starts(model: PlanModel) -> dict[str, int]:
    """The start period of each selected initiative; binaries read as value > 0.5."""
    starts = {}
    for i in model.inputs.ids:
        for t in model.window(i):
            value = pulp.value(model.start(i, t))
            if value is not None and value > 0.5:
                starts[i] = t
                break
    return starts
