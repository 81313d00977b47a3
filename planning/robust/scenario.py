"""A scenario's own confidence, honoured wherever the scenario is optimised.

A scenario may ask for a plan at a confidence (``scenario.confidence``, 0.5 to 0.99, and
``scenario.confidence_scope``: each envelope or each pool's total over the horizon). The
normal paths that optimise a scenario (``planning optimize``, ``planning run``, ``planning
compare``, ``planning ladder``, ``planning report``, the Veikart and Scenarier pages) come
here: with a confidence they make the plan by :func:`~planning.robust.plan.robust_plan` (the
default method, checked on fresh futures) and say so; without one, or when asked for the
point estimates, they make the usual point-estimate plan. This is the one place that decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.message import Message, decimal
from planning.messages.phrases import coded, phrase
from planning.optimise import Plan, Stability, optimise
from planning.optimise.inputs import input_hash, resolve_scenario
from planning.optimise.model import AUTO
from planning.optimise.solve import DEFAULT_GAP
from planning.plans.frontier import DEFAULT_FACTORS, Report, efficient_frontier
from planning.plans.runs import StoredPlan, find_cached, options_hash, options_of, store_plan
from planning.plans.runs import run_scenario as run_point_scenario
from planning.robust.options import RobustOptions
from planning.robust.plan import RobustPlan, robust_plan
from planning.store.access import RUN, PermissionDenied, User, authorize

Progress = Callable[[str, float], None]
CHECK_KEY = "confidence_check"
"""The options key a stored plan at a confidence keeps its out-of-sample check under (not hashed)."""


@dataclass(frozen=True)
class AtConfidence:
    """What a plan made at the scenario's confidence promises, as checked on fresh futures."""

    confidence: float
    scope: str
    method: str
    achieved: float
    """Share of the fresh futures in which the weakest row held."""
    verdict: str
    """``reached`` (within the tolerance), ``below``, ``above`` or ``no_plan``."""
    check_samples: int
    in_sample: float
    reserve: float | None
    weakest: str

    @classmethod
    def of(cls, made: RobustPlan) -> AtConfidence:
        o = made.options
        return cls(o.confidence, o.scope, o.method, made.achieved, made.verdict, o.check_samples,
                   made.in_sample, made.reserve, made.check.weakest)  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AtConfidence:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def sentence(self) -> Message:
        """The plan's promise for people, a message the edge renders in the reader's language."""
        return phrase(
            "at_confidence",
            confidence=decimal(self.confidence * 100, ".0f"),
            what=coded("scope", self.scope),
            method=coded("method", self.method),
            achieved=decimal(self.achieved * 100, ".1f"),
            samples=self.check_samples,
            verdict=coded("verdict", self.verdict),
        )


def robust_options(scenario: Scenario, time_limit: float | None = None) -> RobustOptions | None:
    """The robust options the scenario asks for, ``None`` when it plans on the point estimates."""
    if scenario.confidence is None:
        return None
    return RobustOptions(confidence=float(scenario.confidence), scope=scenario.confidence_scope, time_limit=time_limit)


def confidence_options(options: RobustOptions) -> dict[str, Any]:
    """What a stored run keeps of how its plan was made at a confidence (hashed with the other options)."""
    keys = ("confidence", "scope", "method", "samples", "seed", "check_samples", "policy", "distribution",
            "correlation", "correlate_by")  # fmt: skip
    return {k: getattr(options, k) for k in keys}


@dataclass
class ScenarioPlan:
    """A scenario's plan, stored or not, and what it promises when made at a confidence."""

    plan: Plan
    confidence: AtConfidence | None = None
    stored: StoredPlan | None = None


def plan_scenario(
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    *,
    point_estimates: bool = False,
    time_limit: float | None = None,
    solver: str = "auto",
    explain: bool = False,
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
    stability: Stability | None = None,
    progress: Progress | None = None,
) -> ScenarioPlan:
    """The scenario's plan, not stored: at its confidence unless ``point_estimates`` (or it has none).

    ``stability`` ties the plan to another (a nested ambition ladder's ``must_start_by``), at a
    confidence too. ``solver``, ``formulation``, ``gap`` and ``explain`` are for the
    point-estimate plan; a plan at a confidence is made as :func:`~planning.robust.plan.robust_plan`
    makes it (HiGHS, to a work limit) and is not explained by re-solves.

    Raises
    ------
    InvalidPortfolio, KeyError, ValueError
        As :func:`~planning.optimise.optimise` and :func:`~planning.robust.plan.robust_plan`.
    """
    sc = resolve_scenario(portfolio, scenario)
    asked = None if point_estimates else robust_options(sc, time_limit)
    if asked is None:
        plan = optimise(portfolio, sc, time_limit=time_limit, solver=solver, formulation=formulation, gap=gap,
                        explain=explain, stability=stability, progress=progress)  # fmt: skip
        return ScenarioPlan(plan)
    made = robust_plan(portfolio, sc, asked, stability=stability, progress=progress)
    return ScenarioPlan(made.plan, AtConfidence.of(made))


def scenario_plan(
    engine: Engine,
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    *,
    user: User | None = None,
    point_estimates: bool = False,
    time_limit: float | None = None,
    solver: str = "auto",
    explain: bool = False,
    progress: Progress | None = None,
) -> ScenarioPlan:
    """The scenario's plan for reading, at its confidence unless ``point_estimates``: run and
    stored when ``user`` may run scenarios, else a stored plan for the same inputs, else made
    here and not stored (as :func:`planning.plans.runs.scenario_plan`, for compare and report).
    """
    try:
        return run_scenario(engine, portfolio, scenario, point_estimates=point_estimates, time_limit=time_limit,
                            solver=solver, explain=explain, progress=progress, user=user)  # fmt: skip
    except PermissionDenied:
        return plan_scenario(portfolio, scenario, point_estimates=point_estimates, time_limit=time_limit,
                             solver=solver, explain=explain, progress=progress)  # fmt: skip


def scenario_solver(
    portfolio: Portfolio,
    *,
    point_estimates: bool = False,
    time_limit: float | None = None,
    solver: str = "auto",
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
) -> Callable[[Scenario, Stability | None], Plan]:
    """:func:`plan_scenario` as the ambition ladder's solve (:data:`planning.plans.ladder.Solve`):
    each level's scenario at its confidence, nested on the level below where asked."""

    def solve(sc: Scenario, stability: Stability | None) -> Plan:
        return plan_scenario(portfolio, sc, point_estimates=point_estimates, time_limit=time_limit, solver=solver,
                             formulation=formulation, gap=gap, stability=stability).plan  # fmt: skip

    return solve


def run_scenario(
    engine: Engine,
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    *,
    point_estimates: bool = False,
    time_limit: float | None = None,
    solver: str = "auto",
    explain: bool = True,
    stability: Stability | None = None,
    progress: Progress | None = None,
    refresh: bool = False,
    user: User | None = None,
) -> ScenarioPlan:
    """:func:`planning.plans.runs.run_scenario`, at the scenario's confidence unless ``point_estimates``.

    A plan at a confidence is stored with its options (the confidence, scope, method and
    futures, hashed, so unchanged inputs return it from the store) and its out-of-sample check
    (:data:`CHECK_KEY`, not hashed); it is not explained by re-solves.

    Raises
    ------
    ValueError
        A plan at a confidence tied to a baseline (``stability``): not offered yet.
    PermissionDenied, InvalidPortfolio
        As :func:`planning.plans.runs.run_scenario`.
    """
    sc = resolve_scenario(portfolio, scenario)
    asked = None if point_estimates else robust_options(sc, time_limit)
    if asked is None:
        stored = run_point_scenario(engine, portfolio, sc, time_limit=time_limit, solver=solver, explain=explain,
                                    stability=stability, progress=progress, refresh=refresh, user=user)  # fmt: skip
        return ScenarioPlan(stored.plan, None, stored)
    if stability is not None:
        raise ValueError(
            f"scenario {sc.id} plans at {asked.confidence:.0%} confidence, which cannot be tied to the approved "
            "baseline yet; plan on the point estimates to tie it"
        )
    options = options_of(sc, time_limit=time_limit, solver="highs", formulation=AUTO, gap=DEFAULT_GAP, explain=False,
                         stability=None) | {"confidence": confidence_options(asked)}  # fmt: skip
    inputs = input_hash(portfolio, sc)
    if not refresh:
        cached = find_cached(engine, str(sc.id), inputs, options_hash(options))
        if cached is not None and CHECK_KEY in cached.options:
            cached.plan.confidence = asked.confidence  # a record stored before plans kept their confidence
            return ScenarioPlan(cached.plan, AtConfidence.from_json(cached.options[CHECK_KEY]), cached)
    authorize(user, RUN)
    made = robust_plan(portfolio, sc, asked, progress=progress)
    promise = AtConfidence.of(made)
    stored = store_plan(engine, made.plan, sc, options | {CHECK_KEY: promise.to_json()}, input_hash=inputs, user=user)
    stored.plan.confidence = asked.confidence
    return ScenarioPlan(stored.plan, promise, stored)


def scenario_frontier(
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    factors: Sequence[float] = DEFAULT_FACTORS,
    *,
    point_estimates: bool = False,
    time_limit: float | None = None,
    solver: str = "auto",
    report: Report | None = None,
) -> pd.DataFrame:
    """The efficient frontier (:func:`~planning.plans.frontier.efficient_frontier`) with every
    budget level planned at the scenario's confidence unless ``point_estimates``, and what each
    such plan held on fresh futures: ``held`` (the share in which its weakest row held) and
    ``verdict`` (``reached``, ``below``, ``above`` or ``no_plan``); both empty for plans on the
    point estimates and for the ranking, and ``held`` for a level without a plan (nothing was lived)."""
    promises: list[AtConfidence | None] = []

    def solve(sc: Scenario) -> Plan:
        made = plan_scenario(portfolio, sc, point_estimates=point_estimates, time_limit=time_limit, solver=solver)
        promises.append(made.confidence)
        return made.plan

    frame = efficient_frontier(portfolio, scenario, factors, report=report, solve=solve)
    optimiser = frame.index[frame["method"] == "optimiser"]  # one per level, in the order solved
    frame["held"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    frame["verdict"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for row, promise in zip(optimiser, promises, strict=True):
        if promise is not None:
            frame.at[row, "verdict"] = promise.verdict
            frame.at[row, "held"] = None if promise.verdict == "no_plan" else promise.achieved
    return frame
