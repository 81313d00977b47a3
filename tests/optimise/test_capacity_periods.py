"""Capacity limits per period (issue 32, target 9): a supplier's team grows, summer holidays."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.capacity_limits import period_limits
from planning.domain.loading import parse_table
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.validation import validate
from planning.messages.phrases import phrase
from planning.optimise import optimise, plan_inputs
from planning.optimise.checker import check_plan
from planning.optimise.greedy import greedy_plan
from planning.optimise.inputs import input_hash

SCENARIO = Scenario.model_validate({"id": "test", "discount_rate": 0.1})
"""At 10 % a start a year later is worth less: each initiative starts as early as it may."""


def supplier(limits: list[dict[str, Any]], *, periods: int = 3, period_length: str = "year") -> Portfolio:
    """A (+20) and B (+15), one period each, both needing 1 unit of supplier SUP (1 a period)."""
    uses: dict[str, Any] = {"capacity_usage": {"SUP": 1}}
    horizon = [{"id": "default", "first_year": 2026, "periods": periods, "period_length": period_length}]
    return tiny_portfolio(
        [initiative("A", **uses), initiative("B", **uses)],
        periods=periods,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 25)],
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": 1, "basis": "execution"}],
        capacity_limit=limits,
        horizon=horizon,
    )


def plan_of(portfolio: Portfolio) -> dict[str, int]:
    plan = optimise(portfolio, SCENARIO, time_limit=10, explain=False)
    assert plan.facts.status == "optimal"
    assert check_plan(portfolio, SCENARIO, plan.starts) == []
    return plan.starts


def test_a_period_with_a_higher_limit_takes_both_and_one_with_none_takes_neither() -> None:
    assert plan_of(supplier([])) == {"A": 0, "B": 1}  # one a period: the better first
    grown = plan_of(supplier([{"capacity_pool_id": "SUP", "period": "2026", "limit": 2}]))
    assert grown == {"A": 0, "B": 0}
    holiday = supplier([{"capacity_pool_id": "SUP", "period": "2026", "limit": 0}, {"capacity_pool_id": "SUP",
                        "period": "2027", "limit": 0}], periods=3)  # fmt: skip
    assert set(plan_of(holiday).values()) == {2} and len(plan_of(holiday)) == 1


def test_the_checker_greedy_and_reasons_use_the_limit_of_the_period() -> None:
    portfolio = supplier([{"capacity_pool_id": "SUP", "period": "2027", "limit": 0}])
    violations = check_plan(portfolio, SCENARIO, {"A": 0, "B": 1})
    assert [v for v in violations if "SUP" in v] == [
        phrase("check_capacity", pool="SUP", period="2027", use="1", limit="0")
    ]
    inputs = plan_inputs(portfolio, SCENARIO)
    assert 1 not in greedy_plan(inputs).values()
    plan = optimise(portfolio, SCENARIO, time_limit=10)
    out = plan.initiatives.loc["B", "reason"]
    assert "capacity SUP is full in 2026" in out


def test_a_period_row_wins_over_its_years_row_in_a_finer_horizon() -> None:
    portfolio = supplier(
        [
            {"capacity_pool_id": "SUP", "period": "2026", "limit": 3},
            {"capacity_pool_id": "SUP", "period": "2026Q3", "limit": 0},
        ],
        periods=8,
        period_length="quarter",
    )
    limits = period_limits(portfolio)
    assert limits.loc["SUP"].tolist() == [3, 3, 0, 3, 1, 1, 1, 1]


def test_bad_rows_are_refused_with_the_row_and_field_and_a_period_outside_the_horizon_is_a_warning() -> None:
    raw_limits = [
        {"id": "X", "capacity_pool_id": "NOPE", "period": "2026", "limit": 1},
        {"id": "Y", "capacity_pool_id": "SUP", "period": "2026Q5", "limit": 1},
        {"id": "Z", "capacity_pool_id": "SUP", "period": "2040", "limit": 1},
    ]
    portfolio = supplier([])
    portfolio.capacity_limits = pd.DataFrame(raw_limits).set_index("id")
    problems = validate(portfolio)
    found = {(p.row, p.field, p.severity) for p in problems if p.table == "capacity_limit"}
    assert found == {("X", "capacity_pool_id", "error"), ("Y", "period", "error"), ("Z", "period", "warning")}
    message = next(p for p in problems if p.row == "X")
    assert "NOPE" in message.message and "SUP" in message.fix


def test_an_id_left_empty_is_derived_and_the_limits_change_the_input_hash() -> None:
    portfolio = supplier([{"capacity_pool_id": "SUP", "period": "2027", "limit": 2}])
    assert list(portfolio.capacity_limits.index) == ["SUP/2027"]
    assert input_hash(portfolio, SCENARIO) != input_hash(supplier([]), SCENARIO)
    _rows, problems = parse_table("capacity_limit", [{"capacity_pool_id": "SUP", "period": "2027", "limit": -1}])
    assert [(p.table, p.row, p.field) for p in problems] == [("capacity_limit", "SUP/2027", "limit")]


@pytest.mark.parametrize("period_length", ["half-year", "quarter"])
def test_a_year_row_covers_each_period_of_the_year(period_length: str) -> None:
    per_year = 2 if period_length == "half-year" else 4
    portfolio = supplier([{"capacity_pool_id": "SUP", "period": "2027", "limit": 5}], periods=3 * per_year,
                         period_length=period_length)  # fmt: skip
    assert period_limits(portfolio).loc["SUP"].tolist() == [1] * per_year + [5] * per_year + [1] * per_year
