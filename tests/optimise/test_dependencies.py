"""Dependencies: finish-to-start and start-to-start with lags; a successor only with its predecessor."""

from __future__ import annotations

from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.optimise import optimise


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


@pytest.mark.parametrize("formulation", ["cumulative", "start_time_tight", "start_time"])
@pytest.mark.parametrize(
    ("kind", "lag", "successor_start"),
    [
        ("finish_to_start", 0, 2),  # P runs 2026-2027, so S starts 2028
        ("finish_to_start", 1, 3),  # one year's wait after P's finish
        ("start_to_start", 0, 0),  # S may start with P
        ("start_to_start", 1, 1),  # one year after P's start
    ],
)
def test_successor_waits_as_the_dependency_says(kind: str, lag: int, successor_start: int, formulation: str) -> None:
    # At 10 % both pay and want to start as early as allowed; P (2 periods) starts 2026.
    portfolio = tiny_portfolio(
        [initiative("P", duration=2), initiative("S")],
        periods=5,
        benefits=[benefit("bP", "P", 10, lifetime=10), benefit("bS", "S", 10, lifetime=10)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S", "kind": kind, "lag": lag}],
    )
    plan = optimise(portfolio, scenario(discount_rate=0.1), time_limit=10, formulation=formulation, explain=False)
    assert plan.starts == {"P": 0, "S": successor_start}


@pytest.mark.parametrize("formulation", ["cumulative", "start_time_tight", "start_time"])
@pytest.mark.parametrize(("successor_value", "expected"), [(5, {}), (20, {"P": 0, "S": 1})])
def test_a_successor_is_done_only_with_its_predecessor(
    successor_value: float, expected: dict[str, int], formulation: str
) -> None:
    # P costs 10 and yields nothing; S costs 1. S worth 5: S alone would pay (+4), but it needs P
    # and together they lose 10 - 4 = 6: neither. S worth 20: together +9, P in 2026, S in 2027.
    portfolio = tiny_portfolio(
        [initiative("P"), initiative("S", cost=1)],
        periods=2,
        benefits=[benefit("bS", "S", successor_value)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S"}],
    )
    plan = optimise(portfolio, scenario(), time_limit=10, formulation=formulation, explain=False)
    assert plan.starts == expected


def test_a_chain_that_cannot_finish_in_the_horizon_is_left_out() -> None:
    # P (2 years) then S (2 years) need 4 years; the horizon has 3, so S stays out and P goes alone.
    portfolio = tiny_portfolio(
        [initiative("P", duration=2), initiative("S", duration=2)],
        benefits=[benefit("bP", "P", 20), benefit("bS", "S", 50)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S"}],
    )
    plan = optimise(portfolio, scenario(discount_rate=0.1), time_limit=10, explain=False)
    assert plan.starts == {"P": 0}
