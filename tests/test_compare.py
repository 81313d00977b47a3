"""Scenarios side by side on a portfolio worked out by hand, and the ready-made storage comparison."""

from __future__ import annotations

import json

import pytest

from planning.domain.portfolio import Portfolio
from planning.domain.timeline import Timeline
from planning.io import load_path
from planning.optimise import Plan, optimise
from planning.optimise.checker import check_edited_plan
from planning.optimise.inputs import resolve_scenario
from planning.plans.compare import STORAGE_COMPARISON, compare_scenarios, moved_starts, plan_difference
from tests.factories import benefit, initiative, tiny_portfolio

SAMPLE = "data/sample"


def three_scenarios() -> Portfolio:
    """X (cost 50, NPV 30), Y (60, 40), Z (40, 25) in one 100 MNOK period, no discounting."""
    return tiny_portfolio(
        [initiative("X", cost=50), initiative("Y", cost=60), initiative("Z", cost=40)],
        periods=1,
        benefits=[benefit("bX", "X", 80), benefit("bY", "Y", 100), benefit("bZ", "Z", 65)],
        scenario=[
            {"id": "Full", "discount_rate": 0},
            {"id": "Halv", "discount_rate": 0, "budget_factor": 0.5},
            {"id": "MedX", "discount_rate": 0, "forced_in": ["X"]},
        ],
    )


def test_three_scenarios_side_by_side() -> None:
    portfolio = three_scenarios()
    asked: list[str] = []

    def solve(name: str) -> Plan:
        asked.append(name)
        return optimise(portfolio, name, explain=False, time_limit=10)

    comparison = compare_scenarios(portfolio, ["Full", "Halv", "MedX"], solve=solve)
    assert asked == ["Full", "Halv", "MedX"]
    kpis = comparison.kpis.set_index("scenario")
    assert kpis["npv"].tolist() == pytest.approx([65, 30, 55])
    assert kpis["investment"].tolist() == pytest.approx([100, 50, 90])
    assert kpis["initiatives"].tolist() == [2, 1, 2] and (kpis["status"] == "optimal").all()
    assert kpis["makespan"].tolist() == [1, 1, 1] and kpis["finish"].tolist() == ["2026", "2026", "2026"]
    spend = comparison.spend.set_index("scenario")
    assert spend.loc["Halv", "envelope"] == 50 and spend.loc["Full", "use"] == pytest.approx(1.0)
    differences = comparison.differences().set_index("initiative")
    assert differences.loc["X"].tolist()[1:] == ["", "2026", "2026"]
    assert differences.loc["Y"].tolist()[1:] == ["2026", "", ""]
    assert "Z" in differences.index  # in Full and MedX, not in Halv
    json.dumps(comparison.to_json())


def test_unknown_scenarios_and_too_few_are_refused() -> None:
    with pytest.raises(KeyError, match="Ingen"):
        compare_scenarios(three_scenarios(), ["Full", "Ingen"])
    with pytest.raises(ValueError, match="at least two"):
        compare_scenarios(three_scenarios(), ["Full"])


def test_the_sample_holds_the_ready_made_storage_comparison() -> None:
    result = load_path(SAMPLE)
    assert result.portfolio is not None
    assert set(STORAGE_COMPARISON) <= set(result.portfolio.scenarios.index)


def test_moved_starts_lists_each_initiative_started_otherwise_in_order_of_the_earlier_start() -> None:
    reference = {"A": 0, "B": 2, "C": 1}
    edited = {"A": 0, "B": 3, "D": 1, "E": 0}
    moves = moved_starts(reference, edited, Timeline(first_year=2026, periods=4))
    assert moves.to_dict("records") == [
        {"initiative": "E", "reference": None, "edited": "2026"},
        {"initiative": "C", "reference": "2027", "edited": None},
        {"initiative": "D", "reference": None, "edited": "2027"},
        {"initiative": "B", "reference": "2028", "edited": "2029"},
    ]
    assert moved_starts(reference, dict(reference), Timeline(first_year=2026, periods=4)).empty


def test_a_plan_difference_is_what_moved_and_what_that_is_worth_by_hand() -> None:
    """In Full (no discounting): X and Z (NPV 30 + 25) against Y and Z (40 + 25) is -10 MNOK."""
    portfolio = three_scenarios()
    checked = check_edited_plan(portfolio, "Full", {"X": 0, "Z": 0})
    difference = plan_difference(portfolio, resolve_scenario(portfolio, "Full"), checked, {"Y": 0, "Z": 0})
    assert difference.moves.to_dict("records") == [
        {"initiative": "X", "reference": None, "edited": "2026"},
        {"initiative": "Y", "reference": "2026", "edited": None},
    ]
    assert difference.npv_change == pytest.approx(-10.0)
    same = plan_difference(portfolio, resolve_scenario(portfolio, "Full"), checked, {"X": 0, "Z": 0})
    assert same.moves.empty and same.npv_change == 0.0
