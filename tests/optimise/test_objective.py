"""Objective: NPV against hand calculations, score weight, benefit, and earliest completion."""

from __future__ import annotations

from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.optimise import optimise, plan_inputs


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def test_npv_discounts_costs_from_period_start_and_benefits_from_year_end() -> None:
    # At 10 %: costs 11 + 11 in 2026-2027 -> 11 + 11/1.1 = 21. Go-live at the end of 2027 (2 years);
    # b1 13.31 in its first year, discounted 3 years -> 10; b2 (lag 1) 14.641 discounted 4 years -> 10.
    # NPV = -1 starting 2026, and -1/1.1 starting a year later.
    portfolio = tiny_portfolio(
        [initiative("X", cost=22, duration=2, cost_profile=[11, 11])],
        periods=4,
        benefits=[benefit("b1", "X", 13.31), benefit("b2", "X", 14.641, lag=1)],
    )
    for year, npv in (("2026", -1.0), ("2027", -1 / 1.1)):
        plan = optimise(portfolio, scenario(discount_rate=0.1, locked_starts={"X": year}), time_limit=10)
        assert plan.npv == pytest.approx(npv, abs=1e-9)
        assert plan.facts.objective == pytest.approx(npv, abs=1e-6)


def test_ramp_up_lag_and_lifetime_count_beyond_the_horizon() -> None:
    # Cost 20; 10 a year at full effect, ramp-up 20 % then 60 %, 2 years' lag, 4 years' life:
    # 2 + 6 + 10 + 10 = 28, NPV 8 at rate 0 wherever it starts. Started 2028, the last year of the
    # horizon, it goes live end 2028 and yields in 2031-2034, all of it after the horizon.
    portfolio = tiny_portfolio(
        [initiative("X", cost=20)], benefits=[benefit("bX", "X", 10, lifetime=4, ramp_up=[0.2, 0.6], lag=2)]
    )
    for year in ("2026", "2028"):
        plan = optimise(portfolio, scenario(locked_starts={"X": year}), time_limit=10, explain=False)
        assert plan.npv == pytest.approx(8.0)
    assert plan.benefits.to_dict("list") == {"year": [2031, 2032, 2033, 2034], "benefit": [2.0, 6.0, 10.0, 10.0]}


def test_a_late_start_is_only_discounted_never_cut_off_by_the_horizon() -> None:
    # With a 10-year benefit in a 3-year horizon, starting t years later scales the whole value by
    # 1.1^-t exactly: the horizon's end neither favours nor penalises the late start.
    portfolio = tiny_portfolio([initiative("X")], benefits=[benefit("bX", "X", 5, lifetime=10)])
    value = plan_inputs(portfolio, scenario(discount_rate=0.1)).value.loc["X"]
    assert value[1] == pytest.approx(value[0] / 1.1)
    assert value[2] == pytest.approx(value[0] / 1.1**2)
    assert value[0] == pytest.approx(sum(5 / 1.1 ** (2 + y) for y in range(10)) - 10)


def test_half_year_periods_discount_by_half_years() -> None:
    # Half-years at 10 %: X (one half-year, cost 10) goes live after 0.5 years; its 11 MNOK year ends
    # 1.5 years in: 11/1.1^1.5 - 10. Each half-year later discounts by 1.1^0.5 more.
    portfolio = tiny_portfolio(
        [initiative("X")],
        benefits=[benefit("bX", "X", 11)],
        horizon=[{"id": "default", "first_year": 2026, "periods": 4, "period_length": "half-year"}],
        envelope=[{"funding_pool_id": "A", "year": 2026, "ambition_level_id": "Basis", "amount": 100}],
    )
    value = plan_inputs(portfolio, scenario(discount_rate=0.1)).value.loc["X"]
    assert value[0] == pytest.approx(11 / 1.1**1.5 - 10)
    assert value[3] == pytest.approx((11 / 1.1**1.5 - 10) / 1.1**1.5)


@pytest.mark.parametrize(("weight", "chosen", "objective"), [(1.0, {"X": 0}, 1.0), (0.5, {}, 0.0)])
def test_score_weight_adds_value_per_point(weight: float, chosen: dict[str, int], objective: float) -> None:
    # X costs 10, yields 8 (NPV -2) and scores 2 + 1 = 3 points: at 1 MNOK a point it is worth +1,
    # at 0.5 a point -0.5 and stays out. The NPV reported is still the money alone.
    portfolio = tiny_portfolio(
        [initiative("X", scores={"safety": 2, "collaboration": 1})], periods=1, benefits=[benefit("bX", "X", 8)]
    )
    plan = optimise(portfolio, scenario(score_weight=weight), time_limit=10, explain=False)
    assert (plan.starts, plan.facts.objective) == (chosen, objective)
    assert plan.npv == (-2.0 if chosen else 0.0)


@pytest.mark.parametrize(("objective", "chosen", "value"), [("npv", "B", 6.0), ("benefit", "A", 12.0)])
def test_benefit_objective_ignores_cost(objective: str, chosen: str, value: float) -> None:
    # 10 MNOK in one year. A costs 10, yields 12 (NPV 2); B costs 5, yields 11 (NPV 6); not both.
    portfolio = tiny_portfolio(
        [initiative("A"), initiative("B", cost=5)],
        periods=1,
        budget=10,
        benefits=[benefit("bA", "A", 12), benefit("bB", "B", 11)],
    )
    plan = optimise(portfolio, scenario(objective=objective), time_limit=10, explain=False)
    assert (list(plan.starts), plan.facts.objective) == ([chosen], value)


@pytest.mark.parametrize(
    ("budget", "dependencies", "makespan"),
    [
        (10, [], 2),  # 10 a year, two 10 MNOK targets: one per year, done after 2 years
        (20, [], 1),  # money for both at once: 1 year
        (20, [{"predecessor_id": "A", "successor_id": "B"}], 2),  # B waits for A: 2 years
    ],
)
def test_earliest_completion_minimises_the_makespan(budget: float, dependencies: list[Any], makespan: int) -> None:
    portfolio = tiny_portfolio([initiative("A"), initiative("B")], budget=budget, dependencies=dependencies)
    plan = optimise(portfolio, scenario(objective="earliest_completion", completion_targets=["A", "B"]), time_limit=10)
    assert set(plan.starts) == {"A", "B"}
    assert (plan.facts.objective, plan.makespan) == (makespan, makespan)


def test_earliest_completion_plan_holds_only_what_the_targets_need() -> None:
    # Targets A and B (10 each, 10 a year) finish after 2 years. C (1 MNOK, no value) is no target.
    portfolio = tiny_portfolio([initiative("A"), initiative("B"), initiative("C", cost=1)], budget=10)
    plan = optimise(portfolio, scenario(objective="earliest_completion", completion_targets=["A", "B"]), time_limit=10)
    assert plan.facts.objective == 2.0
    assert (set(plan.starts), plan.makespan) == ({"A", "B"}, 2)
