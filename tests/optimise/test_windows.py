"""Windows: earliest start, latest finish, and finishing within the horizon."""

from __future__ import annotations

from typing import Any

from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.optimise import optimise, plan_inputs


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def test_no_start_before_the_earliest_start() -> None:
    # At a 10 % rate a paying initiative starts as early as it may: its earliest start 2027
    # (period 1), not 2026. NPV = (30/1.1^2 - 10) / 1.1 = 15.7926...
    portfolio = tiny_portfolio([initiative("A", earliest_start="2027")], benefits=[benefit("bA", "A", 30)])
    plan = optimise(portfolio, scenario(discount_rate=0.1), time_limit=10, explain=False)
    assert plan.starts == {"A": 1}
    assert plan.npv is not None and abs(plan.npv - (30 / 1.1**2 - 10) / 1.1) < 1e-9
    assert plan.initiatives.at["A", "start_label"] == "2027"


def test_latest_finish_decides_who_goes_first() -> None:
    # 10 MNOK a year and two mandatory 10 MNOK initiatives: B must finish by 2026, so B takes
    # 2026 and A, free to finish by 2027, takes 2027.
    portfolio = tiny_portfolio(
        [initiative("A", mandatory=True, latest_finish="2027"), initiative("B", mandatory=True, latest_finish="2026")],
        budget=10,
    )
    plan = optimise(portfolio, scenario(), time_limit=10, explain=False)
    assert plan.starts == {"A": 1, "B": 0}
    assert plan_inputs(portfolio, scenario()).start_window("B") == range(0, 1)


def test_a_latest_finish_counts_to_the_end_of_the_period_it_names() -> None:
    # Half-years: latest finish "2027" is 2027H2 (period 3); 2 periods fit by starting 2027H1 at the latest.
    portfolio = tiny_portfolio(
        [initiative("A", duration=2, latest_finish="2027")],
        horizon=[{"id": "default", "first_year": 2026, "periods": 6, "period_length": "half-year"}],
        envelope=[
            {"funding_pool_id": "A", "year": y, "ambition_level_id": "Basis", "amount": 100} for y in (2026, 2027, 2028)
        ],
    )
    assert plan_inputs(portfolio, scenario()).start_window("A") == range(0, 3)


def test_an_initiative_must_finish_within_the_horizon() -> None:
    # Money only in 2028, the last year: the 2-year A (5 + 5 MNOK, worth 30) would have to
    # start in 2028 and run into 2029, past the horizon, so it stays out.
    portfolio = tiny_portfolio([initiative("A", duration=2)], benefits=[benefit("bA", "A", 30)])
    broke = scenario(envelope_overrides={"A/2026": 0, "A/2027": 0})
    plan = optimise(portfolio, broke, time_limit=10, explain=False)
    assert plan.starts == {}
    assert plan_inputs(portfolio, broke).start_window("A") == range(0, 2)
