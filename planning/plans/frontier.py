"""The efficient frontier: what each budget level buys, by the optimiser and by a ranking.

Each budget level scales every envelope of the scenario (``Scenario.budget_factor``) and
is solved with the full model: dependencies, per-period budgets, capacity and
alternatives. Beside it, the benefit/cost ranking of :mod:`planning.optimise.greedy` at
the same budgets shows what the optimiser adds. Under the NPV objective the optimiser's
NPV cannot fall as the budget rises (every plan stays feasible); the ranking's can.

A scenario that asks for a confidence level is planned at it at every budget level by the
``solve`` its caller hands in (:func:`planning.robust.scenario.scenario_frontier` does, and
adds what each level's plan held); without one it is refused rather than planned on the point
estimates. The ranking is made on the point
estimates only, so it stands beside point-estimate plans only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.message import decimal
from planning.messages.phrases import coded, phrase
from planning.optimise import Plan, plan_inputs
from planning.optimise.inputs import PlanInputs, resolve_scenario, spend_matrix
from planning.optimise.model import AUTO
from planning.optimise.plan import benefit_frame, plan_npv
from planning.optimise.solve import DEFAULT_GAP
from planning.plans.compare import refuse_confidence
from planning.plans.ladder import optimiser

DEFAULT_FACTORS = (0.4, 0.6, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4, 1.6)
METHODS = {"optimiser": "Optimering", "greedy": "Rangering nytte/kost"}
"""Method -> label in charts."""
COLUMNS = [
    "method",
    "budget_factor",
    "envelope",
    "investment",
    "npv",
    "benefit",
    "benefit_pv",
    "initiatives",
    "status",
    "gap",
    "confidence",
]
Solve = Callable[[Scenario], Plan]
Report = Callable[[str], None]


def frontier_scenario(base: Scenario, factor: float) -> Scenario:
    """``base`` with its envelopes times ``factor``; earliest completion becomes NPV."""
    data = base.model_dump()
    data["budget_factor"] = base.budget_factor * factor
    if data["objective"] == "earliest_completion":
        data["objective"] = "npv"
    return Scenario.model_validate(data)


def efficient_frontier(
    portfolio: Portfolio,
    scenario: Scenario | str | None = None,
    factors: Sequence[float] = DEFAULT_FACTORS,
    *,
    greedy: bool = True,
    time_limit: float | None = None,
    solver: str = "auto",
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
    report: Report | None = None,
    solve: Solve | None = None,
) -> pd.DataFrame:
    """NPV and benefit against investment at each budget level, tidy.

    Returns
    -------
    DataFrame
        One row per method (``optimiser``, ``greedy``) and budget factor: envelope (MNOK
        available over the horizon), investment (MNOK spent), npv, benefit (undiscounted
        MNOK over the benefits' lifetimes), benefit_pv (discounted), initiatives, status
        and gap, and the confidence the plan was made at (empty: the point estimates). A level
        without a plan has status infeasible (or ``no plan`` for the ranking) and empty figures.
        The ranking's rows are left out where the optimiser planned at a confidence.

    Raises
    ------
    ValueError
        For a scenario with a confidence level and no ``solve`` that can plan at it
        (:func:`~planning.plans.compare.refuse_confidence`).
    """
    base = resolve_scenario(portfolio, scenario)
    if solve is None:
        refuse_confidence(base)
    run = solve or _one(optimiser(portfolio, time_limit=time_limit, solver=solver, formulation=formulation, gap=gap))
    say = report or (lambda _line: None)
    rows: list[dict[str, Any]] = []
    for n, factor in enumerate(sorted(set(factors)), start=1):
        sc = frontier_scenario(base, factor)
        inputs = plan_inputs(portfolio, sc)
        level = phrase("budget_level", percent=decimal(factor * 100, ".0f"))
        say(phrase("sweep_solving", number=n, total=len(factors), name=level))
        plan = run(sc)
        rows.append(_row("optimiser", factor, portfolio, inputs, plan.starts if plan.npv is not None else None, plan))
        if greedy and plan.confidence is None:
            rows.append(_row("greedy", factor, portfolio, inputs, greedy_starts(inputs), None))
        status = coded("plan_status", plan.facts.status)
        say(phrase("sweep_solved", number=n, total=len(factors), name=level, status=status))
    return pd.DataFrame(rows, columns=COLUMNS)


def _one(run: Callable[[Scenario, Any], Plan]) -> Solve:
    return lambda sc: run(sc, None)


def greedy_starts(inputs: PlanInputs) -> dict[str, int] | None:
    """The benefit/cost ranking's starts, or ``None`` when a required initiative does not fit."""
    from planning.optimise.greedy import NoGreedyPlan, greedy_plan

    try:
        return greedy_plan(inputs)
    except NoGreedyPlan:
        return None


def _row(
    method: str,
    factor: float,
    portfolio: Portfolio,
    inputs: PlanInputs,
    starts: dict[str, int] | None,
    plan: Plan | None,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "method": method,
        "budget_factor": factor,
        "envelope": float(inputs.envelopes.to_numpy().sum()),
        "status": plan.facts.status if plan is not None else "heuristic" if starts is not None else "no plan",
        "gap": plan.facts.gap if plan is not None else None,
        "confidence": plan.confidence if plan is not None else None,
    }
    if starts is None:
        return row | {"investment": None, "npv": None, "benefit": None, "benefit_pv": None, "initiatives": 0}
    return row | {
        "investment": float(spend_matrix(inputs, starts).to_numpy().sum()),
        "npv": plan_npv(inputs, starts),
        "benefit": float(benefit_frame(portfolio, inputs, starts)["benefit"].sum()),
        "benefit_pv": float(sum(inputs.benefit_pv.at[i, t] for i, t in starts.items())),
        "initiatives": len(starts),
    }


def optimiser_gain(frontier: pd.DataFrame) -> pd.DataFrame:
    """Per budget factor: NPV of the optimiser, of the ranking, and the difference (MNOK)."""
    wide = frontier.pivot_table(index="budget_factor", columns="method", values="npv", aggfunc="first")
    for method in METHODS:
        if method not in wide.columns:
            wide[method] = float("nan")
    wide = wide[list(METHODS)].rename(columns={"optimiser": "npv_optimiser", "greedy": "npv_greedy"})
    wide["gain"] = wide["npv_optimiser"] - wide["npv_greedy"]
    return wide.reset_index()
