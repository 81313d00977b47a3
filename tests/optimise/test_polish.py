"""Polishing a time-limited plan with HiGHS sub-models (large neighbourhood search).

The hand-worked case is the crowded portfolio of ``test_guided``: two periods of 10 MNOK,
A (benefit 30) and B (benefit 25, due in the first period). HiGHS is left holding the plan
"A in period 0" (NPV 20); polishing must find B in period 0 and A in period 1 (NPV 35).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from factories import initiative, tiny_portfolio
from hypothesis import HealthCheck, given, settings

from bench.generator import Spec, generate, scenario
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import core, guided, optimise, plan_inputs, polish
from planning.optimise import model as model_module
from planning.optimise.checker import check_plan, check_starts
from planning.optimise.greedy import NoGreedyPlan, greedy_plan
from planning.optimise.model import PlanModel, build_model
from planning.optimise.solve import read_starts, solve_model
from tests.optimise.test_guided import crowded
from tests.optimise.test_properties import portfolios


def left_holding(model: PlanModel, plan: dict[str, int]) -> np.ndarray:
    """HiGHS's copy of ``model`` with its bounds as built, and ``plan`` as a value per column:
    as if a search had stopped at ``plan``.

    The plan is forced through the variables' bounds for one solve; HiGHS's columns then get
    their built bounds back.
    """
    for (i, t), var in model.variables.items():
        var.lowBound = var.upBound = 1 if i in plan and t >= plan[i] else 0
    facts, starts = solve_model(model, solver="highs", time_limit=10, gap=1e-4)
    assert starts == plan and facts.objective is not None
    values = np.array(model.problem.solverModel.getSolution().col_value, dtype=float)
    for var in model.variables.values():
        var.lowBound, var.upBound = 0, 1
    highs = model.problem.solverModel
    columns = np.array([var.index for var in model.variables.values()], dtype=np.int32)
    highs.changeColsBounds(len(columns), columns, np.zeros(len(columns)), np.ones(len(columns)))
    return values


def test_polishing_finds_the_optimum_the_search_missed() -> None:
    model = build_model(crowded())
    polished = polish.polish(model, seconds=2, plan=left_holding(model, {"A": 0}))
    assert polished is not None
    assert polished.objective == pytest.approx(35.0)
    assert polished.improvements == polished.rounds == 1  # the whole model was free: one round proves it
    assert read_starts(model) == {"A": 1, "B": 0}
    lp = model.problem.solverModel.getLp()
    assert list(lp.col_lower_) == [0.0, 0.0, 0.0] and list(lp.col_upper_) == [1.0, 1.0, 1.0]  # as built


def test_polishing_reports_the_best_objective_after_each_round() -> None:
    model = build_model(crowded())
    heard: list[float] = []
    polished = polish.polish(model, seconds=2, plan=left_holding(model, {"A": 0}), on_round=heard.append)
    assert polished is not None
    assert heard == [pytest.approx(35.0)]


def test_nothing_to_polish_without_a_solved_model() -> None:
    assert polish.polish(build_model(crowded()), seconds=1) is None


def test_polishing_applies_to_large_npv_models_only(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = crowded()
    assert not polish.applies(build_model(inputs))  # fewer binaries than LARGE_MODEL_BINARIES
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    assert polish.applies(build_model(inputs))
    assert not polish.applies(build_model(inputs, elastic=True))
    completion = Scenario.model_validate({"id": "c", "objective": "earliest_completion", "targets": ["A"]})
    portfolio = tiny_portfolio([initiative("A", cost=10), initiative("B", cost=10)], periods=2, budget=10)
    assert not polish.applies(build_model(plan_inputs(portfolio, completion)))


def test_a_large_portfolio_is_polished_within_the_time_limit_and_says_so() -> None:
    portfolio = generate(Spec(200, 16, 5, 5, 1))
    plan = optimise(portfolio, scenario(6.0), explain=False)
    facts = plan.facts
    assert facts.status == "time_limit" and "polishing:" in facts.message
    assert facts.objective is not None and facts.bound is not None
    assert facts.objective == pytest.approx(plan.npv)  # the polished plan is the plan reported
    assert facts.gap == pytest.approx((facts.bound - facts.objective) / facts.objective)
    assert facts.solve_seconds < 6.0 + 2.0
    assert check_plan(portfolio, scenario(6.0), plan.starts) == []
    inputs = plan_inputs(portfolio, scenario())
    assert facts.objective >= guided.plan_value(build_model(inputs), greedy_plan(inputs)) - 1e-6


@pytest.mark.parametrize("improve", [polish.polish, core.core_search], ids=["polishing", "core search"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=portfolios())
def test_every_improved_plan_keeps_every_rule_and_is_never_worse(
    improve: Callable[..., polish.Polished | None], case: tuple[Portfolio, Scenario]
) -> None:
    portfolio, scenario_ = case
    inputs = plan_inputs(portfolio, scenario_)
    try:
        start = greedy_plan(inputs)
    except NoGreedyPlan:
        return
    model = build_model(inputs)
    if model.makespan is not None:
        return
    improved = improve(model, seconds=0.3, plan=left_holding(model, start))
    assert improved is not None
    assert improved.objective >= guided.plan_value(model, start) - 1e-6
    assert check_starts(inputs, read_starts(model)) == []
