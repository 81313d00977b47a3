"""Capacity: per capacity pool and period, used through execution or only at go-live."""

from __future__ import annotations

from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise
from planning.optimise.checker import check_plan

SCENARIO = Scenario.model_validate({"id": "test", "discount_rate": 0.0})


def supplier_portfolio(periods: int, basis: str, limit: float = 1) -> Portfolio:
    """A (+20) and B (+15), two periods each, both needing 1 unit of supplier SUP."""
    two_years: dict[str, Any] = {"duration": 2, "capacity_usage": {"SUP": 1}}
    return tiny_portfolio(
        [initiative("A", **two_years), initiative("B", **two_years)],
        periods=periods,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 25)],
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": limit, "basis": basis}],
    )


def starts(portfolio: Portfolio) -> dict[str, int]:
    plan = optimise(portfolio, SCENARIO, time_limit=10, explain=False)
    assert plan.facts.status == "optimal"
    assert check_plan(portfolio, SCENARIO, plan.starts) == []
    return plan.starts


def test_execution_capacity_keeps_users_apart() -> None:
    # Limit 1 through execution: in 4 years they run one after the other (starts 0 and 2) ...
    assert sorted(starts(supplier_portfolio(4, "execution")).values()) == [0, 2]
    # ... in 3 years only one fits, the one worth more.
    assert list(starts(supplier_portfolio(3, "execution"))) == ["A"]


def test_a_higher_limit_lets_them_run_side_by_side() -> None:
    assert starts(supplier_portfolio(2, "execution", limit=2)) == {"A": 0, "B": 0}


def test_go_live_capacity_counts_only_the_last_period() -> None:
    # Go-live basis, 3 years: both fit if they go live in different years (starts 0 and 1).
    plan = starts(supplier_portfolio(3, "go_live"))
    assert set(plan) == {"A", "B"}
    assert sorted(plan.values()) == [0, 1]


@pytest.mark.parametrize("basis", ["execution", "go_live"])
def test_two_users_at_once_break_a_limit_of_one(basis: str) -> None:
    portfolio = supplier_portfolio(3, basis)
    assert check_plan(portfolio, SCENARIO, {"A": 0, "B": 0}) != []
