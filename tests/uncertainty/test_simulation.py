"""Living a fixed plan through futures written by hand: dependencies, stops, the overrun policy, spend."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import plan_inputs
from planning.uncertainty.plan_model import PlanModel, plan_model
from planning.uncertainty.results import Outcomes, blocked, delivery
from planning.uncertainty.sampling import Futures
from planning.uncertainty.simulation import NOT_STARTED, simulate_block
from tests.factories import benefit, initiative, tiny_portfolio


def model_of(portfolio: Portfolio, starts: dict[str, int], scenario: Scenario | None = None) -> PlanModel:
    return plan_model(portfolio, plan_inputs(portfolio, scenario), starts)


def futures(model: PlanModel, **samples: list[tuple[float, int, int]]) -> Futures:
    """Per initiative a (cost, duration, stop_after) per sample; benefits as stated."""
    columns = [samples[i] for i in model.ids]
    rows = len(columns[0])
    field = lambda k: np.array([[column[s][k] for column in columns] for s in range(rows)])  # noqa: E731
    return Futures(model.ids, field(0).astype(float), field(1).astype(np.int64), np.ones((rows, model.size)),
                   field(2).astype(np.int64))  # fmt: skip


def starts(model: PlanModel, outcome: Any) -> list[dict[str, int | None]]:
    return [
        {i: None if s == NOT_STARTED else int(s) for i, s in zip(model.ids, row, strict=True)} for row in outcome.start
    ]


def chain() -> Portfolio:
    """A (2 periods) then B finish-to-start a period after; C starts a period after A starts."""
    return tiny_portfolio(
        [initiative("A", 10, 2), initiative("B", 10, 1), initiative("C", 10, 1)],
        periods=8,
        dependencies=[
            {"predecessor_id": "A", "successor_id": "B", "lag": 1},
            {"predecessor_id": "A", "successor_id": "C", "kind": "start_to_start", "lag": 1},
        ],
    )


def test_a_longer_predecessor_delays_what_waits_for_its_finish_but_not_what_waits_for_its_start() -> None:
    model = model_of(chain(), {"A": 0, "B": 3, "C": 1})
    sampled = futures(model, A=[(10, 2, 0), (10, 3, 0), (10, 4, 0)], B=[(10, 1, 0)] * 3, C=[(10, 1, 0)] * 3)
    outcome = simulate_block(model, sampled)
    assert starts(model, outcome) == [{"A": 0, "B": 3, "C": 1}, {"A": 0, "B": 4, "C": 1}, {"A": 0, "B": 5, "C": 1}]


def test_a_stopped_predecessor_blocks_what_waits_for_its_finish() -> None:
    model = model_of(chain(), {"A": 0, "B": 3, "C": 1})
    sampled = futures(model, A=[(10, 2, 1)], B=[(10, 1, 0)], C=[(10, 1, 0)])
    outcome = simulate_block(model, sampled)
    assert starts(model, outcome) == [{"A": 0, "B": None, "C": 1}]
    assert outcome.stopped[0].tolist() == [i == "A" for i in model.ids]
    joined = Outcomes.join([outcome])
    assert blocked(model, joined)[0].tolist() == [i == "B" for i in model.ids]
    # A spends its first period only (5 of its 10 MNOK), B nothing, C its 10
    assert outcome.spend[0, 0, :3].tolist() == [5.0, 10.0, 0.0]


def two_due(**x: Any) -> Portfolio:
    """X (worth more) and Y, both due in 2026 in pool A with an envelope of 12 a year."""
    return tiny_portfolio(
        [initiative("X", 6, 1, **x), initiative("Y", 6, 1)],
        budget=12,
        benefits=[benefit("BX", "X", 20, lifetime=5)],
    )


def test_when_money_is_short_the_lower_valued_start_waits_a_period() -> None:
    model = model_of(two_due(), {"X": 0, "Y": 0})
    assert model.ids == ["X", "Y"]  # highest value first
    sampled = futures(model, X=[(6, 1, 0), (8, 1, 0)], Y=[(6, 1, 0), (6, 1, 0)])
    outcome = simulate_block(model, sampled, "defer")
    assert starts(model, outcome) == [{"X": 0, "Y": 0}, {"X": 0, "Y": 1}]
    assert outcome.spend[:, 0, :2].tolist() == [[12.0, 0.0], [8.0, 6.0]]
    assert (outcome.spend <= outcome.available + 1e-9).all()


def test_reporting_instead_starts_everything_as_planned_and_shows_the_overrun() -> None:
    model = model_of(two_due(), {"X": 0, "Y": 0})
    sampled = futures(model, X=[(8, 1, 0)], Y=[(6, 1, 0)])
    outcome = simulate_block(model, sampled, "report")
    assert starts(model, outcome) == [{"X": 0, "Y": 0}]
    assert outcome.spend[0, 0, 0] == 14.0 and outcome.available[0, 0, 0] == 12.0
    assert outcome.overrun.tolist() == [2.0]


@pytest.mark.parametrize("fields", [{"status": "started"}, {"mandatory": True}])
def test_started_and_mandatory_work_is_never_deferred_and_its_overrun_is_reported(fields: dict[str, Any]) -> None:
    model = model_of(two_due(**fields), {"X": 0, "Y": 0})
    sampled = futures(model, X=[(14, 1, 0)], Y=[(6, 1, 0)])
    outcome = simulate_block(model, sampled, "defer")
    assert starts(model, outcome) == [{"X": 0, "Y": 1}]
    assert outcome.overrun.tolist() == [2.0]


def test_from_the_first_start_that_overruns_every_lower_valued_one_waits() -> None:
    portfolio = tiny_portfolio(
        [initiative("A", 4, 1), initiative("B", 7, 1), initiative("C", 2, 1)],
        budget=10,
        benefits=[benefit("BA", "A", 30, lifetime=5), benefit("BB", "B", 20, lifetime=5), benefit("BC", "C", 1)],
    )
    model = model_of(portfolio, {"A": 0, "B": 0, "C": 0})
    assert model.ids == ["A", "B", "C"]
    outcome = simulate_block(model, futures(model, A=[(5, 1, 0)], B=[(7, 1, 0)], C=[(2, 1, 0)]))
    # 5 fits; 5 + 7 does not, so B waits, and so does C behind it, though 5 + 2 alone would fit
    assert starts(model, outcome) == [{"A": 0, "B": 1, "C": 1}]


def test_carried_over_money_lets_a_start_through_the_plan_would_not_otherwise_afford() -> None:
    portfolio = tiny_portfolio([initiative("X", 6, 1), initiative("Y", 15, 1)], budget=12)
    carrying = Scenario.model_validate({"id": "carry", "carry_over": 0.5})
    model = model_of(portfolio, {"X": 0, "Y": 1}, carrying)
    outcome = simulate_block(model, futures(model, X=[(6, 1, 0)], Y=[(15, 1, 0)]))
    assert starts(model, outcome) == [{"X": 0, "Y": 1}]
    assert outcome.available[0, 0, :2].tolist() == [12.0, 15.0]  # 12 + half of the 6 left in 2026


def test_a_longer_duration_stretches_the_cost_profile_and_keeps_its_total() -> None:
    portfolio = tiny_portfolio([initiative("X", None, 3, cost_profile=[5, 10, 15])], periods=8)
    model = model_of(portfolio, {"X": 0})
    outcome = simulate_block(model, futures(model, X=[(30, 3, 0), (45, 3, 0), (30, 6, 0), (30, 6, 4)]))
    paid = outcome.spend[:, 0, :6]
    assert paid[0] == pytest.approx([5, 10, 15, 0, 0, 0], abs=1e-12)  # as planned
    assert paid[1] == pytest.approx([7.5, 15, 22.5, 0, 0, 0], abs=1e-12)  # 1.5 times the cost, same shape
    assert paid[2] == pytest.approx([2.5, 2.5, 5, 5, 7.5, 7.5], abs=1e-12)  # twice as long: each period halved
    assert paid[3] == pytest.approx([2.5, 2.5, 5, 5, 0, 0], abs=1e-12)  # stopped after four periods
    assert paid.sum(axis=1) == pytest.approx([30, 45, 30, 15])


def test_what_has_not_started_by_the_end_of_the_horizon_is_deferred_out_of_it() -> None:
    portfolio = tiny_portfolio([initiative("X", 10, 2), initiative("Y", 10, 1)], periods=3)
    portfolio.dependencies = tiny_portfolio(
        [initiative("X", 10, 2), initiative("Y", 10, 1)], dependencies=[{"predecessor_id": "X", "successor_id": "Y"}]
    ).dependencies
    model = model_of(portfolio, {"X": 0, "Y": 2})
    sampled = futures(model, X=[(10, 2, 0), (10, 3, 0), (10, 4, 0)], Y=[(10, 1, 0)] * 3)
    table = delivery(model, Outcomes.join([simulate_block(model, sampled)]), portfolio)
    third = pytest.approx(1 / 3)
    assert table.loc["Y", ["p_on_time", "p_deferred"]].tolist() == [third, pytest.approx(2 / 3)]
    assert table.loc["X", ["p_on_time", "p_one_late", "p_after_horizon"]].tolist() == [third, third, third]
    outcomes = table[["p_on_time", "p_one_late", "p_later", "p_after_horizon", "p_deferred", "p_stopped"]]
    assert outcomes.sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    assert table.at["X", "expected_slip"] == 1.0  # 0, 1 and 2 periods late
