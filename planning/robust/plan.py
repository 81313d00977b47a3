"""A plan at a confidence level: made against sampled futures, checked on fresh ones.

:func:`robust_plan` samples the planning futures, makes the plan by the chosen method
(the scenario-based MILP of :mod:`planning.optimise.chance`, or the point-estimate MILP on
envelopes cut by a reserve calibrated by simulation) and lives it through futures of a
fresh seed: the holding it achieves there, within :data:`~planning.robust.options.TOLERANCE`
of the target or not, is what the plan may promise.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, errors
from planning.domain.validation import validate
from planning.optimise.chance import allowed_violations, define_chance_constraints, violations_of
from planning.optimise.deterministic import NODE_LIMIT, WorkLimit, deterministic_options
from planning.optimise.deterministic import STATUS as WORK_LIMIT
from planning.optimise.finite import check_finite_inputs, check_portfolio_numbers
from planning.optimise.inputs import PlanInputs, Stability, input_hash, plan_inputs
from planning.optimise.model import build_model
from planning.optimise.plan import Plan, SolverFacts
from planning.optimise.solve import (
    DEFAULT_GAP,
    assemble_plan,
    highs_options_for,
    initial_plan,
    set_initial_plan,
    solve_model,
)
from planning.optimise.watch import relative_gap
from planning.robust.holding import Holding, holding
from planning.robust.options import TOLERANCE, RobustOptions
from planning.robust.spend import sampled_spend
from planning.uncertainty.sampling import portfolio_estimates, sample_futures

Progress = Callable[[str, float], None]
RESERVE_STEPS = 7
"""Bisection steps of the contingency method: the reserve is found to within 0.9 / 2^7 (0.7 %)."""
MAX_RESERVE = 0.9
START_SHARE = 0.5
"""Share of the time limit the scenario-based MILP's starting plan may take."""
START_STEPS = 4
VERDICTS = ("reached", "below", "above", "no_plan")


@dataclass
class RobustPlan:
    """A plan made at a confidence level, and what it achieved on fresh futures."""

    scenario: str
    options: RobustOptions
    plan: Plan
    in_sample: float
    """Share of the planning futures in which the weakest row held (as the MILP or the calibration saw it)."""
    check: Holding
    """The plan lived through :attr:`RobustOptions.check_samples` futures of a fresh seed."""
    reserve: float | None = None
    """Contingency method: share of every envelope held back."""
    seconds: float = 0.0
    """Wall time of making the plan (all solves and calibration), not the check."""

    @property
    def achieved(self) -> float:
        return self.check.achieved

    @property
    def verdict(self) -> str:
        """``reached`` within the tolerance of the target, else ``below`` or ``above`` it (``no_plan`` without one)."""
        if not self.plan.has_plan:
            return "no_plan"
        difference = self.achieved - self.options.confidence
        return "reached" if abs(difference) <= TOLERANCE + 1e-12 else "below" if difference < 0 else "above"

    def to_json(self) -> dict[str, Any]:
        facts = self.plan.facts
        return {
            "scenario": self.scenario,
            "options": asdict(self.options) | {"check_seed": self.options.check_seed},
            "status": facts.status,
            "objective": facts.objective,
            "bound": facts.bound,
            "gap": facts.gap,
            "time_limit": facts.time_limit,
            "solve_seconds": facts.solve_seconds,
            "seconds": self.seconds,
            "solver": facts.solver,
            "solver_version": facts.solver_version,
            "message": facts.message,
            "npv": self.plan.npv,
            "initiatives": len(self.plan.starts),
            "starts": dict(sorted(self.plan.starts.items())),
            "reserve": self.reserve,
            "in_sample": self.in_sample,
            "achieved": self.achieved,
            "weakest": self.check.weakest,
            "verdict": self.verdict,
            "tolerance": TOLERANCE,
            "delivered_mean": self.check.delivered_mean,
            "npv_mean": self.check.npv_mean,
        }


def checked_inputs(
    portfolio: Portfolio, scenario: Scenario | str | None, stability: Stability | None = None
) -> PlanInputs:
    """The scenario's planning inputs (tied by ``stability`` where given), after the optimiser's own checks.

    Raises
    ------
    InvalidPortfolio
        When the portfolio does not validate or a number is out of range.
    """
    check_portfolio_numbers(portfolio, scenario)
    problems = errors(validate(portfolio))
    if problems:
        raise InvalidPortfolio(problems)
    inputs = plan_inputs(portfolio, scenario, stability)
    check_finite_inputs(inputs)
    return inputs


def robust_plan(
    portfolio: Portfolio,
    scenario: Scenario | str | None = None,
    options: RobustOptions | None = None,
    *,
    stability: Stability | None = None,
    progress: Progress | None = None,
) -> RobustPlan:
    """The plan of ``scenario`` that holds at ``options.confidence``, checked out of sample.

    ``stability`` ties it to another plan as :func:`~planning.optimise.optimise` does: every
    solve (each reserve's, the scenario-based MILP and its start) keeps its ``must_start_by``
    (a nested ambition ladder) and pays its penalties.

    Raises
    ------
    ValueError
        When an option is not allowed (InvalidPortfolio when the data are not).
    """
    chosen = (options or RobustOptions()).checked()
    report = progress or (lambda _stage, _fraction: None)
    inputs = checked_inputs(portfolio, scenario, stability)
    limit = float(chosen.time_limit if chosen.time_limit is not None else inputs.scenario.time_limit)
    began = time.perf_counter()
    report("Sampling the planning futures", 0.05)
    if chosen.method == "saa":
        plan, in_sample = _by_scenarios(portfolio, inputs, chosen, limit, report)
        reserve: float | None = None
    else:
        plan, in_sample, reserve = _by_contingency(portfolio, inputs, chosen, limit, report)
        plan.facts.time_limit = limit  # each calibration solve's safety net; each proved its own status
    plan.confidence = chosen.confidence
    seconds = time.perf_counter() - began
    report("Checking the plan on fresh futures", 0.9)
    check = holding(portfolio, inputs, plan.starts, chosen.simulation(planning=False), chosen.scope)
    report("Done", 1.0)
    return RobustPlan(inputs.scenario.id, chosen, plan, in_sample, check, reserve, seconds)


def point_plan(
    portfolio: Portfolio, inputs: PlanInputs, limit: float, reserve: float = 0.0, nodes: int = NODE_LIMIT
) -> tuple[Plan, dict[str, int]]:
    """The point-estimate MILP's plan, on envelopes cut by ``reserve`` (a share) when given.

    Solved to a work limit (:mod:`planning.optimise.deterministic`): one HiGHS search from the
    greedy plan, on one thread, stopped by ``nodes`` nodes, with ``limit`` seconds only as a
    safety net; so the calibration and the price of predictability give the same plans on any
    machine, however busy.
    """
    cut = replace(inputs, envelopes=inputs.envelopes * (1.0 - reserve)) if reserve else inputs
    model = build_model(cut)
    set_initial_plan(model, initial_plan(cut))
    options = deterministic_options(highs_options_for(model), WorkLimit(nodes))
    facts, starts = solve_model(model, solver="highs", time_limit=limit, gap=DEFAULT_GAP, highs_options=options)
    if facts.status == WORK_LIMIT and facts.gap is not None and facts.gap <= DEFAULT_GAP:
        facts.status, facts.message = "optimal", ""  # HiGHS counted its nodes before its gap
    return _assembled(portfolio, inputs, facts, starts), starts


def _assembled(portfolio: Portfolio, inputs: PlanInputs, facts: SolverFacts, starts: dict[str, int]) -> Plan:
    facts.time_limit = facts.time_limit or 0.0
    facts.input_hash = input_hash(portfolio, inputs.scenario)
    return assemble_plan(portfolio, inputs, facts, starts)


def _by_scenarios(
    portfolio: Portfolio, inputs: PlanInputs, options: RobustOptions, limit: float, report: Progress
) -> tuple[Plan, float]:
    """The scenario-based MILP: the point model plus one chance constraint per row."""
    estimates = portfolio_estimates(portfolio, inputs.ids, options.correlate_by)
    futures = sample_futures(
        estimates, options.samples, options.seed, correlation=options.correlation, distribution=options.distribution
    )
    sampled = sampled_spend(portfolio, inputs, futures)
    report("Building the model", 0.15)
    began = time.perf_counter()
    model = build_model(inputs)
    violated = define_chance_constraints(model, sampled, options.confidence, options.scope)
    build_seconds = time.perf_counter() - began
    report("Finding a starting plan", 0.2)
    began = time.perf_counter()
    start, point_bound = reserve_start(portfolio, inputs, sampled, model, options, START_SHARE * limit)
    if start is not None:
        set_start(model, violated, sampled, start, options.scope)
    start_seconds = time.perf_counter() - began
    report("Solving", 0.3)
    facts, starts = solve_model(
        model, solver="highs", time_limit=max(0.1 * limit, limit - start_seconds), gap=DEFAULT_GAP
    )
    facts.build_seconds = build_seconds
    facts.solve_seconds += start_seconds
    facts.time_limit = limit
    _bounded_by_point(facts, point_bound)
    plan = _assembled(portfolio, inputs, facts, starts)
    return plan, _in_sample(sampled, model, starts, options.scope)


def reserve_start(
    portfolio: Portfolio, inputs: PlanInputs, sampled: Any, model: Any, options: RobustOptions, seconds: float
) -> tuple[dict[str, int] | None, float | None]:
    """A plan that keeps the chance constraints in the planning futures, to start the MILP from
    (the point MILP on envelopes cut by the smallest reserve, of a few bisection steps, that
    does), and the point MILP's bound: the chance constraints only take plans away, so it
    bounds the scenario-based MILP too."""
    each = seconds / (START_STEPS + 1)
    allowed = allowed_violations(options.confidence, sampled.samples)
    bounds: list[float | None] = []

    def keeps(reserve: float) -> tuple[bool, dict[str, int] | None]:
        """Whether the cut envelopes have a plan at all, and that plan where it keeps the constraints."""
        plan, starts = point_plan(portfolio, inputs, each, reserve)
        if not reserve:
            bounds.append(plan.facts.bound if plan.has_plan else None)
        if not plan.has_plan:
            return False, None
        broken = violations_of(sampled, model, starts, options.scope)
        return True, starts if int(broken.sum(axis=0).max(initial=0)) <= allowed else None

    best = keeps(0.0)[1]
    low, high = 0.0, MAX_RESERVE
    for _ in range(START_STEPS if best is None else 0):
        middle = (low + high) / 2
        planned, found = keeps(middle)
        if found is not None:
            best = found
        if found is not None or not planned:  # kept, or too much held back to plan at all
            high = middle
        else:
            low = middle
    return best, bounds[0]


def _bounded_by_point(facts: SolverFacts, point_bound: float | None) -> None:
    """The tighter of HiGHS's bound and the point MILP's, and the gap it gives (maximisation)."""
    if point_bound is None or facts.objective is None or facts.status == "optimal":
        return
    bound = point_bound if facts.bound is None else min(facts.bound, point_bound)
    facts.bound = bound
    facts.gap = relative_gap(facts.objective, bound)
    if facts.gap is not None and facts.gap <= DEFAULT_GAP:
        facts.status = "optimal"


def set_start(
    model: Any, violated: dict[tuple[int, ...], Any], sampled: Any, starts: dict[str, int], scope: str
) -> None:
    """Hand the MILP ``starts`` and the violation binaries they imply as its starting plan."""
    set_initial_plan(model, starts)
    broken = violations_of(sampled, model, starts, scope)
    for key, z in violated.items():
        z.setInitialValue(1.0 if broken[key] else 0.0)


def _in_sample(sampled: Any, model: Any, starts: dict[str, int], scope: str) -> float:
    """Share of the planning futures in which the weakest row held, as the MILP sees them."""
    broken = violations_of(sampled, model, starts, scope)
    held = 1.0 - broken.mean(axis=0)
    return float(held.min()) if held.size else 1.0


def _by_contingency(
    portfolio: Portfolio, inputs: PlanInputs, options: RobustOptions, limit: float, report: Progress
) -> tuple[Plan, float, float]:
    """The point MILP on envelopes cut by the smallest reserve whose plan holds at the
    confidence in the simulated planning futures (bisection; each solve to its work limit,
    the time limit each solve's safety net, so the same inputs give the same plan on any
    machine). Where no reserve tried holds, the plan that held most often (the verdict says so)."""
    futures = options.simulation(planning=True)

    def tried(reserve: float) -> tuple[Plan, float]:
        plan, starts = point_plan(portfolio, inputs, limit, reserve)  # each solve to its work limit
        if not plan.has_plan:
            return plan, 0.0
        return plan, holding(portfolio, inputs, starts, futures, options.scope).achieved

    point = tried(0.0)
    if point[1] >= options.confidence:
        return point[0], point[1], 0.0
    best: tuple[Plan, float, float] | None = None
    fallback = (point[0], point[1], 0.0)
    low, high = 0.0, MAX_RESERVE
    for step in range(RESERVE_STEPS):
        report("Calibrating the reserve", 0.1 + 0.8 * step / RESERVE_STEPS)
        middle = (low + high) / 2
        plan, achieved = tried(middle)
        if not plan.has_plan:  # so much held back that no plan fits
            high = middle
        elif achieved >= options.confidence:
            best, high = (plan, achieved, middle), middle
        else:
            low = middle
            if achieved > fallback[1]:
                fallback = (plan, achieved, middle)
    return best or fallback
