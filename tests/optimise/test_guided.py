"""LP-guided starting plans, on a portfolio where the plain ranking starts the wrong thing first.

Two periods of 10 MNOK. A (cost 10, benefit 30) ranks above B (cost 10, benefit 25), and
may start in either period; B must finish in the first. The ranking puts A first, in
period 0, and B no longer fits: NPV 20. The LP starts B in period 0 and A in period 1:
NPV 15 + 20 = 35, the optimum.
"""

from __future__ import annotations

from typing import Any

import pulp
import pytest
from factories import benefit, initiative, tiny_portfolio
from hypothesis import HealthCheck, given, settings

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import guided, optimise, plan_inputs, solve
from planning.optimise import model as model_module
from planning.optimise.checker import check_starts
from planning.optimise.greedy import Guide, greedy_plan, guided_plan
from planning.optimise.inputs import PlanInputs, Stability
from planning.optimise.model import PlanModel, build_model
from planning.optimise.plan import SolverFacts
from tests.optimise.test_properties import portfolios

SCENARIO = Scenario.model_validate({"id": "test", "discount_rate": 0.0})


def crowded_portfolio() -> Portfolio:
    return tiny_portfolio(
        [initiative("A", cost=10), initiative("B", cost=10, latest_finish="2026")],
        periods=2,
        budget=10,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 25)],
    )


def crowded() -> PlanInputs:
    return plan_inputs(crowded_portfolio(), SCENARIO)


def test_the_ranking_alone_starts_the_wrong_initiative_first() -> None:
    inputs = crowded()
    assert greedy_plan(inputs) == {"A": 0}


def test_guided_plan_starts_each_from_its_preferred_period() -> None:
    inputs = crowded()
    plan = guided_plan(inputs, Guide(weight={"A": 1.0, "B": 1.0}, not_before={"A": 1, "B": 0}))
    assert plan == {"A": 1, "B": 0}
    assert check_starts(inputs, plan) == []


def test_guided_plan_falls_back_to_earlier_periods_when_nothing_fits_later() -> None:
    inputs = crowded()
    # B prefers period 1, which its deadline rules out: it starts in period 0, A then waits.
    plan = guided_plan(inputs, Guide(weight={"A": 0.5, "B": 1.0}, not_before={"A": 0, "B": 1}))
    assert plan == {"A": 1, "B": 0}


def test_lp_relaxation_guides_to_the_optimum_and_leaves_the_model_binary() -> None:
    inputs = crowded()
    model = build_model(inputs)
    plans = guided.guided_plans(model, seconds=10)
    assert {"A": 1, "B": 0} in plans
    assert all(var.cat == pulp.LpInteger for var in model.variables.values())
    assert all(var.varValue is None for var in model.problem.variables())


def test_an_lp_stopped_early_guides_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guided, "LP_OPTIONS", {"solver": "simplex", "presolve": "off", "simplex_iteration_limit": 0})
    model = build_model(crowded())
    assert guided.relaxation(model, time_limit=10) is None
    assert guided.guided_plans(model, seconds=10) == []
    assert all(var.cat == pulp.LpInteger for var in model.variables.values())


def test_better_start_keeps_the_greedy_plan_on_small_models() -> None:
    inputs = crowded()
    model = build_model(inputs)
    assert not model.large
    assert guided.better_start(model, {"A": 0}, time_limit=10) == {"A": 0}


def test_better_start_takes_the_guided_plan_when_it_is_worth_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    inputs = crowded()
    model = build_model(inputs)
    start = guided.better_start(model, {"A": 0}, time_limit=10)
    assert start == {"A": 1, "B": 0}
    assert guided.plan_value(model, start) == pytest.approx(35.0)
    assert guided.plan_value(model, {"A": 0}) == pytest.approx(20.0)


def test_optimiser_counts_the_guiding_lp_as_solver_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    plan = optimise(crowded_portfolio(), SCENARIO, time_limit=7, explain=False)
    assert plan.facts.status == "optimal"
    assert plan.starts == {"A": 1, "B": 0}
    assert plan.facts.time_limit == 7


def test_the_relaxation_bound_is_the_lp_optimum_widened_by_the_tolerance() -> None:
    model = build_model(crowded())
    assert guided.relaxation_bound(model) is None  # not solved yet
    assert guided.relaxation(model, time_limit=10) is not None
    assert model.relaxed == pytest.approx(35.0)
    assert model.relaxed is not None
    assert guided.relaxation_bound(model) == pytest.approx(model.relaxed * (1 + guided.RELAXATION_TOLERANCE), rel=1e-12)


def facts(objective: float, bound: float) -> SolverFacts:
    gap = (bound - objective) / objective
    return SolverFacts(
        "time_limit", objective, bound, gap, 1.0, 0.0, 7.0, "HiGHS", "1", "", message="time limit reached"
    )


def test_a_looser_bound_gives_way_to_the_relaxation() -> None:
    model = build_model(crowded())
    loose = facts(30.0, 500.0)
    solve.bounded_by(model, loose, 35.0, gap=1e-4)
    assert loose.bound == 35.0 and loose.gap == pytest.approx(5 / 30) and loose.status == "time_limit"
    solve.bounded_by(model, loose, 600.0, gap=1e-4)  # a looser one changes nothing
    assert loose.bound == 35.0
    closing = facts(35.0, 500.0)
    solve.bounded_by(model, closing, 35.000001, gap=1e-4)
    assert closing.status == "optimal" and closing.message == "" and closing.gap == pytest.approx(0.0, abs=1e-6)


def test_a_large_model_whose_highs_bound_stayed_loose_reports_the_relaxation_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on the largest generated portfolio, where HiGHS did not finish its root LP in its half."""
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    searched = solve.solve_model

    def unfinished_root(model: PlanModel, **options: Any) -> tuple[SolverFacts, dict[str, int]]:
        facts, starts = searched(model, **options)
        facts.status, facts.bound = "time_limit", 1e9
        return facts, starts

    monkeypatch.setattr(solve, "solve_model", unfinished_root)
    plan = optimise(crowded_portfolio(), SCENARIO, time_limit=7, explain=False)
    assert plan.facts.objective == pytest.approx(35.0)
    assert plan.facts.bound == pytest.approx(35.0, rel=2e-6)
    assert plan.facts.status == "optimal"  # the plan reaches the relaxation's optimum: proven


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios())
def test_every_guided_plan_keeps_every_rule(case: tuple[Portfolio, Scenario]) -> None:
    portfolio, scenario = case
    inputs = plan_inputs(portfolio, scenario)
    for plan in guided.guided_plans(build_model(inputs), seconds=10):
        assert check_starts(inputs, plan) == []


def test_better_start_weighs_what_moving_a_baseline_initiative_costs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tied to a baseline with A in period 0 at 20 MNOK a period moved, the guided plan
    (A moved to period 1, B added: 35 - 20 = 15) is worth less than the greedy one (20)."""
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    portfolio = crowded_portfolio()
    stability = Stability(baseline={"A": 0}, move_penalty=20.0)
    model = build_model(plan_inputs(portfolio, SCENARIO, stability))
    assert guided.plan_value(model, {"A": 1, "B": 0}) == pytest.approx(15.0)
    assert guided.better_start(model, {"A": 0}, time_limit=10) == {"A": 0}
    plan = optimise(portfolio, SCENARIO, time_limit=10, explain=False, stability=stability)
    assert plan.starts == {"A": 0}
    assert plan.facts.objective == pytest.approx(guided.plan_value(model, plan.starts))


def test_plan_value_charges_each_dropped_baseline_initiative() -> None:
    stability = Stability(baseline={"A": 1, "B": 0}, drop_penalty=7.0, move_penalty=1.0)
    model = build_model(plan_inputs(crowded_portfolio(), SCENARIO, stability))
    assert guided.plan_value(model, {"A": 0}) == pytest.approx(20.0 - 7.0 - 1.0)
    assert guided.plan_value(model, {}) == pytest.approx(-14.0)
