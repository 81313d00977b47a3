"""The plan checker: each kind of violation found, one readable line each."""

from __future__ import annotations

from typing import Any

import pytest
from factories import initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise.checker import check_plan


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def rules() -> Portfolio:
    """10 MNOK a year, 2026-2028; supplier SUP takes one at a time; group G needs N or K."""
    two: dict[str, Any] = {"cost": 2}
    return tiny_portfolio(
        [
            initiative("M", mandatory=True, **two),
            initiative("S", status="started", **two),
            initiative("D", status="completed", **two),
            initiative("E", earliest_start="2027", **two),
            initiative("L", latest_finish="2026", **two),
            initiative("P", **two),
            initiative("Q", **two),
            initiative("N", cost=1, alternative_group_id="G"),
            initiative("K", cost=1, alternative_group_id="G"),
            initiative("U", cost=1, capacity_usage={"SUP": 1}),
            initiative("V", cost=1, capacity_usage={"SUP": 1}),
            initiative("B", cost=7),
        ],
        budget=10,
        dependencies=[{"predecessor_id": "P", "successor_id": "Q", "lag": 1}],
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": 1}],
        alternative_group=[{"id": "G", "name": "Storage", "required": True}],
    )


# Spends 8 in 2026 (M, S, L, P), 4 in 2027 (E, N, U) and 3 in 2028 (Q, V).
VALID = {"M": 0, "S": 0, "L": 0, "P": 0, "E": 1, "N": 1, "U": 1, "Q": 2, "V": 2}


def test_a_plan_that_keeps_every_rule_has_no_violations() -> None:
    assert check_plan(rules(), scenario(), VALID) == []


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ({"X": 0}, "X: unknown initiative"),
        ({"D": 0}, "D: in the plan, but it cannot be (completed before the horizon)"),
        ({"E": 0}, "E: starts 2026, before its earliest start 2027"),
        ({"L": 1}, "L: finishes 2027, after its latest finish 2026"),
        ({"Q": 3}, "Q: finishes 2029, after the horizon's end 2028"),
        ({"Q": 1}, "Q: starts 2027, before P allows (2028)"),
        ({"K": 1}, "alternative group G: N, K are all in the plan; at most one may be"),
        ({"B": 1}, "budget A 2027: spends 11.00 MNOK of 10.00 MNOK"),
        ({"V": 1}, "capacity SUP 2027: uses 2 of 1"),
    ],
)
def test_each_added_wrong_start_gives_one_line(change: dict[str, int], line: str) -> None:
    assert check_plan(rules(), scenario(), {**VALID, **change}) == [line]


@pytest.mark.parametrize(
    ("missing", "line"),
    [
        ("M", "M: mandatory (or forced in), but not in the plan"),
        ("P", "Q: depends on P, which is not in the plan"),
        ("N", "alternative group G: required, but no option is in the plan"),
    ],
)
def test_each_missing_initiative_gives_one_line(missing: str, line: str) -> None:
    assert check_plan(rules(), scenario(), {i: t for i, t in VALID.items() if i != missing}) == [line]


def test_started_must_continue_from_the_first_period() -> None:
    lines = check_plan(rules(), scenario(), {**VALID, "S": 1})
    assert "S: started, so it must continue from the first period" in lines


def test_a_started_initiative_moved_later_gets_one_true_line() -> None:
    lines = check_plan(rules(), scenario(), {**VALID, "S": 1})
    assert lines == ["S: started, so it must continue from the first period"]


def test_before_the_horizon() -> None:
    lines = check_plan(rules(), scenario(), {**VALID, "M": -1})
    assert "M: starts before the horizon" in lines


def test_scenario_rules_locked_forced_out_and_completion_targets() -> None:
    locked = check_plan(rules(), scenario(locked_starts={"U": "2027"}), {**VALID, "U": 2, "V": 1})
    assert "U: locked to start 2027, starts 2028" in locked
    out = check_plan(rules(), scenario(forced_out=["P"]), VALID)
    assert out == [
        "P: in the plan, but it cannot be (forced out by the scenario)",
        "Q: in the plan, but it cannot be (waits for P, which is forced out by the scenario)",
    ]
    target = scenario(objective="earliest_completion", completion_targets=["B"])
    assert check_plan(rules(), target, VALID) == ["B: a completion target, but not in the plan"]


def test_carry_over_is_counted_as_available() -> None:
    # 2026 leaves 2 unspent; half of it carries: 2027 may spend 11, which B (7) on top of 4 does.
    plan = {**VALID, "B": 1}
    assert check_plan(rules(), scenario(carry_over=0.5), plan) == []
    assert check_plan(rules(), scenario(carry_over=0.4), plan) == ["budget A 2027: spends 11.00 MNOK of 10.80 MNOK"]


def test_go_live_capacity_counts_only_the_go_live_period() -> None:
    # Two-year U and V on a go-live pool: overlapping is fine, going live together is not.
    portfolio = tiny_portfolio(
        [
            initiative("U", duration=2, capacity_usage={"SUP": 1}),
            initiative("V", duration=2, capacity_usage={"SUP": 1}),
        ],
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": 1, "basis": "go_live"}],
    )
    assert check_plan(portfolio, scenario(), {"U": 0, "V": 1}) == []
    assert check_plan(portfolio, scenario(), {"U": 1, "V": 1}) == ["capacity SUP 2028: uses 2 of 1"]
