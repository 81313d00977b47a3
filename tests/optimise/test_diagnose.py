"""Scenarios without a plan: diagnosed in plain words from an elastic model, never an exception."""

from __future__ import annotations

from typing import Any

import pytest
from factories import initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan, optimise


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def infeasible(portfolio: Portfolio, sc: Scenario | None = None) -> Plan:
    plan = optimise(portfolio, sc or scenario(), time_limit=10)
    assert plan.facts.status == "infeasible"
    assert plan.starts == {} and plan.npv is None
    return plan


def two_mandatory_over_budget() -> Portfolio:
    """HV has 10 a year for 2 years; M1 and M2 (15 each, mandatory) need 30: one a year, 5 short each year."""
    return tiny_portfolio(
        [initiative(m, cost=15, mandatory=True, lead_region="HV") for m in ("M1", "M2")],
        pools=("HV",),
        periods=2,
        budget=10,
    )


def test_a_required_initiative_that_cannot_fit_is_named() -> None:
    # M is locked to 2026 but waits for P, which takes 2026: M cannot be in the plan.
    portfolio = tiny_portfolio(
        [initiative("P"), initiative("M")], dependencies=[{"predecessor_id": "P", "successor_id": "M"}]
    )
    plan = infeasible(portfolio, scenario(locked_starts={"M": "2026"}))
    assert "M is required (mandatory, forced in or started) but cannot fit" in plan.diagnosis


def test_two_required_alternatives_name_one_that_cannot_fit() -> None:
    # N is mandatory and K forced in, but both belong to group G, which takes at most one.
    portfolio = tiny_portfolio(
        [initiative("N", mandatory=True, alternative_group_id="G"), initiative("K", alternative_group_id="G")],
        alternative_group=[{"id": "G", "name": "Storage"}],
    )
    plan = infeasible(portfolio, scenario(forced_in=["K"]))
    assert len(plan.diagnosis) == 1
    assert plan.diagnosis[0] in {f"{i} is required (mandatory, forced in or started) but cannot fit" for i in "NK"}


def test_how_much_each_pool_is_short_in_each_period() -> None:
    assert infeasible(two_mandatory_over_budget()).diagnosis == [
        "HV is 5.0 MNOK short in 2026",
        "HV is 5.0 MNOK short in 2027",
    ]


def test_a_plan_without_explanations_is_still_diagnosed() -> None:
    """The app solves without the (slow) what-ifs first; a scenario with no plan is diagnosed anyway."""
    plan = optimise(two_mandatory_over_budget(), scenario(), time_limit=10, explain=False)
    assert plan.facts.status == "infeasible"
    assert plan.diagnosis == ["HV is 5.0 MNOK short in 2026", "HV is 5.0 MNOK short in 2027"]


def test_capacity_over_its_limit() -> None:
    # One supplier slot a year, one year, two mandatory initiatives needing it.
    portfolio = tiny_portfolio(
        [initiative(m, mandatory=True, capacity_usage={"SUP": 1}) for m in ("M1", "M2")],
        periods=1,
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": 1}],
    )
    assert infeasible(portfolio).diagnosis == ["capacity SUP is 1 over its limit in 2026"]


def test_an_impossible_dependency_and_deadline_chain_is_named() -> None:
    # P runs 2026-2027; mandatory M must finish by 2027 but can start only in 2028.
    portfolio = tiny_portfolio(
        [initiative("P", duration=2), initiative("M", mandatory=True, latest_finish="2027")],
        dependencies=[{"predecessor_id": "P", "successor_id": "M"}],
    )
    diagnosis = infeasible(portfolio).diagnosis
    assert diagnosis[0] == "M cannot finish by 2027: the dependency chain P -> M takes too long"


@pytest.mark.parametrize(
    "fields", [{"duration": 4, "mandatory": True}, {"duration": 2, "earliest_start": "2028", "mandatory": True}]
)
def test_a_mandatory_initiative_with_no_possible_start_is_diagnosed_not_raised(fields: dict[str, Any]) -> None:
    # 2026-2028: 4 years never fit; 2 years from 2028 would run into 2029.
    plan = infeasible(tiny_portfolio([initiative("M", **fields)]))
    assert any(line.startswith("M ") for line in plan.diagnosis)


@pytest.mark.parametrize(
    ("predecessor", "sc"),
    [({}, {"forced_out": ["P"]}), ({"status": "stopped"}, {})],
)
def test_a_mandatory_initiative_blocked_by_a_predecessor_kept_out_is_diagnosed(
    predecessor: dict[str, Any], sc: dict[str, Any]
) -> None:
    portfolio = tiny_portfolio(
        [initiative("P", **predecessor), initiative("M", mandatory=True)],
        dependencies=[{"predecessor_id": "P", "successor_id": "M"}],
    )
    plan = infeasible(portfolio, scenario(**sc))
    assert any("M" in line for line in plan.diagnosis)
