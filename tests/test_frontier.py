"""The efficient frontier: monotone where it must be, and the ranking's curve beside it."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise.solve import DEFAULT_GAP
from planning.plans.frontier import COLUMNS, efficient_frontier, frontier_scenario, optimiser_gain
from planning.robust.scenario import scenario_frontier
from tests.factories import benefit, initiative, tiny_portfolio

FACTORS = (0.25, 0.5, 0.75, 1.0, 1.5)


def ranked_wrongly() -> Portfolio:
    """Two periods of 40 MNOK. The best ratio (S, 20 for 10) blocks the bigger win (L, 120 for 40)."""
    return tiny_portfolio(
        [initiative("S", cost=10), initiative("L", cost=40), initiative("M", cost=30, duration=2)],
        periods=2,
        budget=40,
        benefits=[benefit("bS", "S", 20), benefit("bL", "L", 60, lifetime=2), benefit("bM", "M", 25, lifetime=2)],
        scenario=[{"id": "S0", "discount_rate": 0}],
    )


def test_optimal_npv_never_falls_as_the_budget_rises() -> None:
    frontier = efficient_frontier(ranked_wrongly(), "S0", FACTORS, time_limit=10)
    assert list(frontier.columns) == COLUMNS
    optimal = frontier[frontier["method"] == "optimiser"].sort_values("budget_factor")
    assert (optimal["status"] == "optimal").all()
    npv = optimal["npv"].tolist()
    assert all(b >= a - 1e-6 for a, b in itertools.pairwise(npv))
    assert optimal["envelope"].tolist() == pytest.approx([80 * f for f in FACTORS])
    assert (optimal["investment"] <= optimal["envelope"] + 1e-6).all()
    greedy = frontier[frontier["method"] == "greedy"].set_index("budget_factor")
    assert len(greedy) == len(FACTORS)
    gain = optimiser_gain(frontier)
    assert (gain["gain"] >= -1e-6).all()  # the optimum is never worse than a feasible ranking
    assert gain["gain"].max() > 0  # and here the ranking leaves value behind


def test_a_level_without_a_plan_is_reported_not_dropped() -> None:
    portfolio = tiny_portfolio(
        [initiative("MUST", cost=30, mandatory=True)], periods=1, budget=40, benefits=[benefit("b", "MUST", 50)]
    )
    frontier = efficient_frontier(portfolio, None, (0.5, 1.0), time_limit=10)
    rows = frontier.set_index(["method", "budget_factor"])
    assert rows.loc[("optimiser", 0.5), "status"] == "infeasible" and pd.isna(rows.loc[("optimiser", 0.5), "npv"])
    assert rows.loc[("greedy", 0.5), "status"] == "no plan"
    assert rows.loc[("optimiser", 1.0), "initiatives"] == 1


def test_earliest_completion_is_traced_by_npv() -> None:
    base = Scenario.model_validate({"id": "fast", "objective": "earliest_completion", "budget_factor": 0.5})
    traced = frontier_scenario(base, 0.8)
    assert traced.objective == "npv" and traced.budget_factor == pytest.approx(0.4)


def uncertain() -> Portfolio:
    """``ranked_wrongly`` with costs that may overrun, and a scenario S85 at 85 % confidence."""
    return tiny_portfolio(
        [
            initiative("S", cost=10, cost_low=9, cost_high=14),
            initiative("L", cost=40, cost_low=36, cost_high=56),
            initiative("M", cost=30, duration=2, cost_low=27, cost_high=42),
        ],
        periods=2,
        budget=40,
        benefits=[benefit("bS", "S", 20), benefit("bL", "L", 60, lifetime=2), benefit("bM", "M", 25, lifetime=2)],
        scenario=[{"id": "S85", "discount_rate": 0, "confidence": 0.85, "time_limit": 10}],
    )


def test_a_scenario_at_a_confidence_is_refused_rather_than_planned_on_the_point_estimates() -> None:
    with pytest.raises(ValueError, match="scenario S85 plans at 85% confidence"):
        efficient_frontier(uncertain(), "S85", (1.0,), time_limit=10)


def test_a_scenario_at_a_confidence_is_planned_at_it_at_every_level_without_the_ranking() -> None:
    portfolio = uncertain()
    frontier = scenario_frontier(portfolio, "S85", (0.75, 1.5), time_limit=10)
    assert set(frontier["method"]) == {"optimiser"}
    assert frontier["confidence"].tolist() == [0.85, 0.85]
    assert all(0.0 <= held <= 1.0 for held in frontier["held"])  # what each level's plan held in fresh futures
    assert set(frontier["verdict"]) <= {"reached", "below", "above"}
    assert all(
        (v == "reached") == (abs(h - 0.85) <= 0.02 + 1e-12)
        for h, v in zip(frontier["held"], frontier["verdict"], strict=True)
    )
    point = scenario_frontier(portfolio, "S85", (0.75, 1.5), point_estimates=True, time_limit=10)
    assert set(point["method"]) == {"optimiser", "greedy"} and point["confidence"].isna().all()
    assert point["held"].isna().all() and point["verdict"].isna().all()
    optimum = point[point["method"] == "optimiser"].set_index("budget_factor")
    assert (optimum["status"] == "optimal").all() and optimum["npv"].notna().all()
    planned = frontier.set_index("budget_factor")["npv"]
    assert planned.notna().all()
    # a plan at a confidence keeps every rule of the point model: never worth more than its
    # optimum, proven to within the gap tolerance
    assert (planned <= optimum["npv"] * (1 + DEFAULT_GAP) + 1e-6).all()


def test_a_level_without_a_plan_at_a_confidence_says_so_and_held_nothing() -> None:
    portfolio = tiny_portfolio(
        [initiative("MUST", cost=30, cost_low=27, cost_high=40, mandatory=True)],
        periods=1,
        budget=40,
        benefits=[benefit("b", "MUST", 50)],
        scenario=[{"id": "S85", "discount_rate": 0, "confidence": 0.85, "time_limit": 10}],
    )
    frontier = scenario_frontier(portfolio, "S85", (0.5, 1.5), time_limit=10).set_index("budget_factor")
    assert frontier.at[0.5, "status"] == "infeasible" and frontier.at[0.5, "verdict"] == "no_plan"
    assert frontier.at[0.5, "held"] is None  # nothing was lived through the futures
    assert frontier.at[1.5, "verdict"] in {"reached", "above"} and frontier.at[1.5, "held"] >= 0.83
