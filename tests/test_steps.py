"""Delivery steps (trinn) of a plan worked out by hand."""

from __future__ import annotations

import pytest

from planning.domain.portfolio import Portfolio
from planning.optimise import optimise
from planning.plans.steps import DEFAULT_STEPS, OUTSIDE, Step, go_live_year, parse_steps, plan_steps
from tests.factories import benefit, initiative, tiny_portfolio


def pinned() -> Portfolio:
    """A: 2026-27 (20 MNOK); B: 2029 (10); C: 2030 (5). Each starts as early as it may."""
    return tiny_portfolio(
        [
            initiative("A", cost=20, duration=2, mandatory=True),
            initiative("B", cost=10, earliest_start="2029"),
            initiative("C", cost=5, earliest_start="2030", lead_region="B", cost_sharing="lead", mandatory=True),
        ],
        periods=5,
        pools=("A", "B"),
        benefits=[
            benefit("bA", "A", 30, lifetime=5),
            benefit("bB", "B", 30, lifetime=5, lag=1, owner="Fagdirektør"),
            benefit("bC", "C", 0, lifetime=5, monetised=False),
        ],
    )


def test_default_steps_split_deliveries_costs_and_benefits() -> None:
    portfolio = pinned()
    plan = optimise(portfolio, explain=False, time_limit=10)
    assert plan.starts == {"A": 0, "B": 3, "C": 4}
    steps = plan_steps(plan, portfolio)
    assert steps.deliveries[["step", "initiative"]].values.tolist() == [
        ["Trinn 1", "A"],
        ["Trinn 2", "B"],
        ["Trinn 3", "C"],
    ]
    costs = steps.costs.set_index(["step", "pool"])["amount"]
    assert costs[("Trinn 1", "A")] == pytest.approx(20) and costs[("Trinn 1", "B")] == 0
    assert costs[("Trinn 2", "A")] == pytest.approx(10) and costs[("Trinn 3", "B")] == pytest.approx(5)
    # A goes live at the end of 2027 (benefit from 2028); B at the end of 2029, plus a year's lag.
    assert steps.benefits[["step", "benefit", "first_year"]].values.tolist() == [
        ["Trinn 2", "bA", 2028],
        ["Trinn 3", "bB", 2031],
        ["Trinn 3", "bC", 2031],
    ]
    summary = steps.summary()
    assert summary["delivered"].tolist() == [1, 1, 1]
    assert summary["cost"].tolist() == pytest.approx([20, 10, 5])
    assert summary["annual_value"].tolist() == [0, 30, 30]  # bC is not monetised
    assert summary["years"].tolist() == ["2026–2027", "2028–2029", "2030–"]


def test_custom_steps_and_years_outside_them() -> None:
    portfolio = pinned()
    plan = optimise(portfolio, explain=False, time_limit=10)
    steps = plan_steps(plan, portfolio, parse_steps("Tidlig=2027-2029; Sent=2030-"))
    assert steps.deliveries["step"].tolist() == ["Tidlig", "Tidlig", "Sent"]
    assert OUTSIDE in set(steps.costs["step"])  # the money spent in 2026
    assert steps.summary()["step"].tolist() == ["Tidlig", "Sent", OUTSIDE]


def test_steps_are_read_and_checked() -> None:
    assert parse_steps("Trinn 1=2026-2027;Trinn 2=2028–2029;Trinn 3=2030-") == DEFAULT_STEPS
    assert parse_steps("Ett=2026") == (Step("Ett", 2026, 2026),)
    for bad in ("Trinn 1", "A=2026-;B=2027", "A=2028-2026", ""):
        with pytest.raises(ValueError):
            parse_steps(bad)
    assert go_live_year("2027") == 2028 and go_live_year("2027H1") == 2027 and go_live_year("2027Q4") == 2028
