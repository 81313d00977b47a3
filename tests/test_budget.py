"""Envelopes per year, the editable envelope grid and cost-sharing shares."""

from __future__ import annotations

import math

import pytest

from planning.domain.editing import replace_rows
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.plans.budget import (
    cost_share_table,
    envelope_grid,
    envelope_rows,
    pool_order,
    scenario_envelopes,
    scenario_with,
    with_ambition,
)
from tests.factories import initiative, tiny_portfolio


def two_regions() -> Portfolio:
    """Regions A (0.3) and B (0.7) plus a national pool N; Lav is 0.5 of Basis; A has an explicit Høy."""
    return tiny_portfolio(
        [
            initiative("X", cost=10, cost_sharing="population", lead_region="A", participating_regions=["B"]),
            initiative("Y", cost=10, cost_sharing="equal", lead_region="A", participating_regions=["N"]),
        ],
        periods=2,
        pools=("A", "B", "N"),
        budget={"A": 10, "B": 20, "N": 5},
        funding_pool=[
            {"id": "N", "name": "Nasjonal", "kind": "national"},
            {"id": "A", "name": "Region A", "population_share": 0.3},
            {"id": "B", "name": "Region B", "population_share": 0.7},
        ],
        ambition_level=[
            {"id": "Lav", "rank": 1, "factor": 0.5},
            {"id": "Basis", "rank": 2, "factor": 1},
            {"id": "Høy", "rank": 3, "factor": 2},
        ],
    ).copy()


def with_explicit_high(portfolio: Portfolio) -> Portfolio:
    rows = [
        *portfolio.records("envelope"),
        {"funding_pool_id": "A", "year": 2026, "ambition_level_id": "Høy", "amount": 13},
    ]
    result = replace_rows(portfolio, "envelope", rows)
    assert result.portfolio is not None, result.problems
    return result.portfolio


def test_pool_order_puts_regions_first_by_population() -> None:
    assert pool_order(two_regions()) == ["B", "A", "N"]


def test_scenario_envelopes_apply_levels_factor_and_explicit_rows() -> None:
    portfolio = with_explicit_high(two_regions())
    scenario = Scenario.model_validate({"id": "s", "ambition": {"A": "Høy", "B": "Lav"}, "budget_factor": 0.5})
    frame = scenario_envelopes(portfolio, scenario)
    amounts = {(r.pool, r.year): r.amount for r in frame.itertuples()}
    assert list(dict.fromkeys(frame["pool"])) == ["B", "A", "N"]
    assert amounts[("A", 2026)] == pytest.approx(13 * 0.5)  # the explicit Høy row
    assert amounts[("A", 2027)] == pytest.approx(10 * 2 * 0.5)  # Basis times Høy's factor
    assert amounts[("B", 2026)] == pytest.approx(20 * 0.5 * 0.5)
    assert amounts[("N", 2027)] == pytest.approx(5 * 0.5)  # reference level


def test_envelope_grid_round_trip_keeps_other_levels_and_drops_blank_cells() -> None:
    portfolio = with_explicit_high(two_regions())
    grid = envelope_grid(portfolio, "Basis")
    assert list(grid.index) == ["B", "A", "N"] and list(grid.columns) == [2026, 2027]
    assert grid.at["B", 2027] == 20
    high = envelope_grid(portfolio, "Høy")
    assert high.at["A", 2026] == 13 and math.isnan(high.at["B", 2026])

    grid.at["A", 2027] = 12.5
    grid.at["N", 2026] = float("nan")
    result = replace_rows(portfolio, "envelope", envelope_rows(portfolio, "Basis", grid))
    assert result.portfolio is not None, result.problems
    stored = result.portfolio.envelopes
    assert stored.at["A/2027/Basis", "amount"] == 12.5
    assert "N/2026/Basis" not in stored.index
    assert stored.at["A/2026/Høy", "amount"] == 13


def test_cost_share_table_follows_each_key() -> None:
    table = cost_share_table(two_regions())
    assert table.at["X", "cost_sharing"] == "population"
    assert table.loc["X", ["A", "B", "N"]].astype(float).tolist() == pytest.approx([0.3, 0.7, 0.0])
    assert table.loc["Y", ["A", "B", "N"]].astype(float).tolist() == pytest.approx([0.5, 0.0, 0.5])


def test_with_ambition_validates_a_copy() -> None:
    base = Scenario.model_validate({"id": "s", "ambition": {"A": "Basis"}})
    changed = with_ambition(base, "B", "Lav")
    assert changed.ambition == {"A": "Basis", "B": "Lav"} and base.ambition == {"A": "Basis"}
    with pytest.raises(ValueError, match="budget_factor"):
        scenario_with(base, budget_factor=-1)
