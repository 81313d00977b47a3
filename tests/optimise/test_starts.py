"""Starts: at most one each; mandatory and started ones exactly once; started ones at period 0."""

from __future__ import annotations

from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.optimise import optimise, plan_inputs


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


@pytest.mark.parametrize("formulation", ["cumulative", "start_time_tight", "start_time"])
def test_an_initiative_starts_at_most_once(formulation: str) -> None:
    # Worth 30 - 10 = 20 at each of its 3 possible starts, and money for all three:
    # a model without "at most one start" would count it three times (objective 60).
    portfolio = tiny_portfolio([initiative("A", cost=10)], benefits=[benefit("bA", "A", 30)])
    plan = optimise(portfolio, scenario(), time_limit=10, formulation=formulation, explain=False)
    assert plan.facts.status == "optimal"
    assert plan.facts.objective == 20.0
    assert list(plan.starts) == ["A"]
    assert float(plan.spend["amount"].sum()) == 10.0


def test_mandatory_and_started_initiatives_are_in_the_plan_even_at_a_loss() -> None:
    # M and S cost 10 each and yield nothing (NPV -10 each): only the rules keep them in.
    # S is started, so it runs from period 0.
    portfolio = tiny_portfolio([initiative("M", mandatory=True), initiative("S", status="started"), initiative("P")])
    plan = optimise(portfolio, scenario(), time_limit=10, explain=False)
    assert plan.facts.objective == -20.0
    assert plan.starts["S"] == 0
    assert set(plan.starts) == {"M", "S"}


def test_started_initiative_continues_at_period_0_with_its_remaining_profile() -> None:
    # Duration and cost profile of a started initiative are what remains: 6 now, 4 next year,
    # even though its earliest start (2027) would otherwise forbid period 0.
    portfolio = tiny_portfolio(
        [initiative("S", duration=2, cost_profile=[6, 4], status="started", earliest_start="2027")]
    )
    plan = optimise(portfolio, scenario(), time_limit=10, explain=False)
    assert (plan.starts, int(plan.initiatives.at["S", "finish_opt"])) == ({"S": 0}, 1)
    assert plan.spend["amount"].tolist() == [6.0, 4.0, 0.0]


def test_started_initiative_that_does_not_pay_off_stops_only_when_allowed() -> None:
    # S: 10 MNOK left, 4 MNOK of benefit -> NPV -6; kept unless the scenario allows stopping it.
    portfolio = tiny_portfolio([initiative("S", status="started")], benefits=[benefit("bS", "S", 4)])
    kept = optimise(portfolio, scenario(), time_limit=10, explain=False)
    stopped = optimise(portfolio, scenario(allow_stopping_started=True), time_limit=10, explain=False)
    assert (kept.starts, kept.npv) == ({"S": 0}, -6.0)
    assert (stopped.starts, stopped.npv) == ({}, 0.0)
    # Allowed to stop is not allowed to restart later: the window stays period 0 only.
    assert plan_inputs(portfolio, scenario(allow_stopping_started=True)).start_window("S") == range(0, 1)
