"""Explanations on hand-built cases: why out or late, NPV if forced in, extra budget that admits it."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.optimise import Plan, optimise


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def explained(plan: Plan, i: str) -> tuple[str, Any, Any]:
    row = plan.initiatives.loc[i]
    values = [None if pd.isna(row[c]) else float(row[c]) for c in ("npv_if_forced", "extra_budget")]
    return str(row["reason"]), values[0], values[1]


def test_budget_of_a_pool_in_a_period_is_full() -> None:
    # 10 MNOK in 2026 only. X (+20) takes it; Y (+10) would need 10 more. Forced in, Y replaces X: -10.
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y")],
        periods=1,
        budget=10,
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 20)],
    )
    plan = optimise(portfolio, scenario(), time_limit=10)
    assert explained(plan, "Y") == ("the budget of A in 2026 is full (10.0 MNOK short)", -10.0, 10.0)
    assert bool(plan.initiatives.at["Y", "what_if_proven"])
    assert explained(plan, "X") == ("", None, None)


def test_explaining_reports_each_initiative_it_works_on() -> None:
    # 10 MNOK in 2026 only: X (+20) is in, Y and Z are out and get a what-if each; X needs none.
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y"), initiative("Z")],
        periods=1,
        budget=10,
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 20), benefit("bZ", "Z", 15)],
    )
    heard: list[tuple[str, float]] = []
    plan = optimise(portfolio, scenario(), time_limit=10, progress=lambda line, done: heard.append((line, done)))
    assert plan.starts == {"X": 0}
    explaining = [(line, done) for line, done in heard if line.startswith("Explaining initiative")]
    # explained runs give the what-if re-solves the second half of the bar: 0.5 to 0.99
    assert explaining == [
        ("Explaining initiative 1 of 2: Y", 0.5),
        ("Explaining initiative 2 of 2: Z", pytest.approx(0.745)),
    ]
    stages = [line for line, _ in heard]
    assert stages.index("Explaining the plan") < stages.index(explaining[0][0]) < stages.index("Done")
    fractions = [done for _, done in heard]
    assert fractions == sorted(fractions)


def test_late_because_the_budget_is_full_first() -> None:
    # 10 %, 10 MNOK a year for 2 years. NPV at 2026: X 36.3/1.21 - 10 = 20, Y 24.2/1.21 - 10 = 10.
    # Best: X 2026, Y 2027 = 20 + 10/1.1. Forcing Y into 2026 pushes X to 2027: 10 + 20/1.1,
    # a change of -10 (1 - 1/1.1) = -0.909091.
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y")],
        periods=2,
        budget=10,
        benefits=[benefit("bX", "X", 36.3), benefit("bY", "Y", 24.2)],
    )
    plan = optimise(portfolio, scenario(discount_rate=0.1), time_limit=10)
    assert plan.starts == {"X": 0, "Y": 1}
    reason, npv_if_forced, extra = explained(plan, "Y")
    assert reason == "the budget of A in 2026 is full (10.0 MNOK short); the first period with room is 2027"
    assert (npv_if_forced, extra) == (pytest.approx(-10 * (1 - 1 / 1.1), abs=1e-6), 10.0)
    assert int(plan.initiatives.at["Y", "earliest_possible"]) == 0


def test_waits_for_a_predecessor_that_starts_late() -> None:
    # 10 %, 10 a year for 3 years; NPV at 2026: Q 30, P 10, S 10 (S after P). Q 2026, P 2027,
    # S 2028 (47.36) beats P, S, Q (43.88) and P, Q, S (45.50). S could start 2027 at the earliest.
    portfolio = tiny_portfolio(
        [initiative("Q"), initiative("P"), initiative("S")],
        budget=10,
        benefits=[benefit("bQ", "Q", 48.4), benefit("bP", "P", 24.2), benefit("bS", "S", 24.2)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S"}],
    )
    plan = optimise(portfolio, scenario(discount_rate=0.1), time_limit=10)
    assert plan.starts == {"Q": 0, "P": 1, "S": 2}
    assert explained(plan, "S")[0] == "waits for P (ready 2028); the first period with room is 2028"
    assert int(plan.initiatives.at["S", "earliest_possible"]) == 1


def test_waits_for_a_predecessor_left_out() -> None:
    # P costs 10, yields nothing; S costs 1, yields 5: together -6, so neither. Forcing either in
    # (P 2026, S 2027) gives -6.
    portfolio = tiny_portfolio(
        [initiative("P"), initiative("S", cost=1)],
        periods=2,
        benefits=[benefit("bS", "S", 5)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S"}],
    )
    plan = optimise(portfolio, scenario(), time_limit=10)
    assert explained(plan, "S") == ("waits for P, which is not in the plan", -6.0, 0.0)
    assert explained(plan, "P") == ("does not pay off: net present value -10.0 MNOK at its earliest start", -6.0, 0.0)


def test_capacity_is_full() -> None:
    # Supplier SUP takes one at a time; X (+20) beats Y (+10). Money is no problem: extra budget 0.
    portfolio = tiny_portfolio(
        [initiative("X", capacity_usage={"SUP": 1}), initiative("Y", capacity_usage={"SUP": 1})],
        periods=1,
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 20)],
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": 1}],
    )
    plan = optimise(portfolio, scenario(), time_limit=10)
    assert explained(plan, "Y") == ("capacity SUP is full in 2026", -10.0, 0.0)


def test_deadline_chain_cannot_be_met() -> None:
    # P runs 2026-2027; S must finish by 2027 but may start only after P: 2028 at the earliest.
    portfolio = tiny_portfolio(
        [initiative("P", duration=2), initiative("S", latest_finish="2027")],
        benefits=[benefit("bP", "P", 30), benefit("bS", "S", 30)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S"}],
    )
    plan = optimise(portfolio, scenario(), time_limit=10)
    expected = "cannot finish in time: the chain P -> S lets it start 2028 at the earliest"
    assert explained(plan, "S") == (expected, None, None)


def test_an_alternative_was_chosen() -> None:
    # Group G: X (+20) or W (+10). Forcing W in drops X: -10.
    portfolio = tiny_portfolio(
        [initiative("X", alternative_group_id="G"), initiative("W", alternative_group_id="G")],
        periods=1,
        benefits=[benefit("bX", "X", 30), benefit("bW", "W", 20)],
        alternative_group=[{"id": "G", "name": "Storage"}],
    )
    plan = optimise(portfolio, scenario(), time_limit=10)
    assert explained(plan, "W") == ("alternative X was chosen (group G)", -10.0, 0.0)


def test_does_not_pay_off() -> None:
    # C costs 10 and yields 4: NPV -6 at its earliest start, and forcing it in costs exactly that.
    portfolio = tiny_portfolio([initiative("C")], benefits=[benefit("bC", "C", 4)])
    plan = optimise(portfolio, scenario(), time_limit=10)
    expected = "does not pay off: net present value -6.0 MNOK at its earliest start"
    assert explained(plan, "C") == (expected, -6.0, 0.0)
