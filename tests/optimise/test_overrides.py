"""Scenario overrides: forced in, forced out, locked starts."""

from __future__ import annotations

from typing import Any

from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.optimise import optimise
from planning.optimise.checker import check_plan


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def test_forced_in_takes_a_loss_maker() -> None:
    # X costs 10 and yields 4: NPV -6, so out unless forced in.
    portfolio = tiny_portfolio([initiative("X")], benefits=[benefit("bX", "X", 4)])
    assert optimise(portfolio, scenario(), time_limit=10, explain=False).starts == {}
    forced = optimise(portfolio, scenario(forced_in=["X"]), time_limit=10, explain=False)
    assert (list(forced.starts), forced.npv) == (["X"], -6.0)


def test_forced_out_keeps_out_a_winner_and_what_waits_on_it() -> None:
    # X (+20) is forced out; Y (+20) depends on X and so cannot be done either.
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y")],
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 30)],
        dependencies=[{"predecessor_id": "X", "successor_id": "Y"}],
    )
    plan = optimise(portfolio, scenario(forced_out=["X"]), time_limit=10)
    assert plan.starts == {}
    assert plan.initiatives.at["X", "reason"] == "forced out by the scenario"
    assert plan.initiatives.at["Y", "reason"] == "waits for X, which is forced out by the scenario"


def test_locked_start_fixes_the_period() -> None:
    # At 10 % X would start 2026; locked to 2028 it starts 2028 (and is in the plan).
    portfolio = tiny_portfolio([initiative("X")], benefits=[benefit("bX", "X", 30)])
    plan = optimise(portfolio, scenario(discount_rate=0.1, locked_starts={"X": "2028"}), time_limit=10, explain=False)
    assert plan.starts == {"X": 2}
    assert plan.initiatives.at["X", "start_label"] == "2028"


def test_a_locked_start_makes_a_loss_maker_part_of_the_plan() -> None:
    portfolio = tiny_portfolio([initiative("X")])
    plan = optimise(portfolio, scenario(locked_starts={"X": "2027"}), time_limit=10, explain=False)
    assert (plan.starts, plan.npv) == ({"X": 1}, -10.0)


def test_a_locked_start_cannot_run_past_the_horizon() -> None:
    # X runs 2 years; locked to 2028, the last year of 2026-2028, it would finish 2029. Either the
    # optimiser finds no plan, or the checker names the window; neither should stay silent.
    portfolio = tiny_portfolio([initiative("X", duration=2)])
    locked = scenario(locked_starts={"X": "2028"})
    plan = optimise(portfolio, locked, time_limit=10, explain=False)
    assert plan.facts.status == "infeasible" or check_plan(portfolio, locked, plan.starts) != []
