"""The benefit/cost ranking baseline on portfolios whose greedy answer is worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio
from hypothesis import HealthCheck, given, settings

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import plan_inputs
from planning.optimise.checker import check_starts
from planning.optimise.greedy import (
    PRIORITY_RULES,
    NoGreedyPlan,
    Schedule,
    _plan,
    critical_path,
    greedy_plan,
    justify,
    schedule_makespan,
    shortest_schedule,
)
from planning.optimise.inputs import PlanInputs
from tests.optimise.test_properties import portfolios


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def inputs_of(initiatives: list[dict[str, Any]], sc: Scenario | None = None, **tables: Any) -> PlanInputs:
    return plan_inputs(tiny_portfolio(initiatives, **tables), sc or scenario())


def greedy(inputs: PlanInputs) -> dict[str, int]:
    starts = greedy_plan(inputs)
    assert check_starts(inputs, starts) == []
    return starts


def test_best_ratio_takes_the_budget_first() -> None:
    # One period of 10 MNOK: A (12/10) beats B (30/10 but needs 20) and C (11/10) by ratio order.
    inputs = inputs_of(
        [initiative("A", cost=10), initiative("B", cost=20), initiative("C", cost=10)],
        periods=1,
        budget=20,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 41), benefit("bC", "C", 11)],
    )
    assert greedy(inputs) == {"A": 0, "C": 0}


def test_candidates_that_lose_money_stay_out() -> None:
    inputs = inputs_of(
        [initiative("A", cost=10), initiative("B", cost=10)],
        periods=1,
        benefits=[benefit("bA", "A", 15), benefit("bB", "B", 5)],
    )
    assert greedy(inputs) == {"A": 0}


def test_later_period_when_budget_is_spent() -> None:
    inputs = inputs_of(
        [initiative("A", cost=10), initiative("B", cost=10)],
        periods=2,
        budget=10,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 20)],
    )
    assert greedy(inputs) == {"A": 0, "B": 1}


def test_finish_to_start_lag_and_start_to_start() -> None:
    inputs = inputs_of(
        [initiative("A", cost=1, duration=2), initiative("B", cost=1), initiative("C", cost=1)],
        periods=6,
        benefits=[benefit(f"b{i}", i, 10) for i in "ABC"],
        dependencies=[
            {"predecessor_id": "A", "successor_id": "B", "lag": 1},
            {"predecessor_id": "A", "successor_id": "C", "kind": "start_to_start", "lag": 1},
        ],
    )
    assert greedy(inputs) == {"A": 0, "B": 3, "C": 1}


def test_enabler_without_benefit_comes_with_its_successor() -> None:
    inputs = inputs_of(
        [initiative("CORE", cost=5), initiative("ROLL", cost=5)],
        periods=3,
        benefits=[benefit("b", "ROLL", 30)],
        dependencies=[{"predecessor_id": "CORE", "successor_id": "ROLL"}],
    )
    assert greedy(inputs) == {"CORE": 0, "ROLL": 1}


def test_mandatory_and_started_come_first() -> None:
    # The envelope of 10 goes to the started and the mandatory initiative, not to the best ratio.
    inputs = inputs_of(
        [
            initiative("S", cost=5, status="started"),
            initiative("M", cost=5, mandatory=True),
            initiative("BEST", cost=5),
        ],
        periods=1,
        budget=10,
        benefits=[benefit("b", "BEST", 100)],
    )
    assert greedy(inputs) == {"S": 0, "M": 0}


def test_alternatives_at_most_one_and_required_group_gets_one() -> None:
    groups = [{"id": "G", "name": "G"}, {"id": "R", "name": "R", "required": True}]
    inputs = inputs_of(
        [
            initiative("G1", cost=1, alternative_group_id="G"),
            initiative("G2", cost=1, alternative_group_id="G"),
            initiative("R1", cost=3, alternative_group_id="R"),
            initiative("R2", cost=2, alternative_group_id="R"),
        ],
        periods=1,
        benefits=[benefit("b1", "G1", 5), benefit("b2", "G2", 9)],
        alternative_group=groups,
    )
    assert greedy(inputs) == {"G2": 0, "R2": 0}


def test_capacity_execution_and_go_live() -> None:
    pools = [
        {"id": "TEAM", "name": "team", "limit": 1},
        {"id": "GOLIVE", "name": "go-lives", "limit": 1, "basis": "go_live"},
    ]
    inputs = inputs_of(
        [
            initiative("A", cost=1, duration=2, capacity_usage={"TEAM": 1}),
            initiative("B", cost=1, duration=1, capacity_usage={"TEAM": 1}),
            initiative("C", cost=1, duration=2, capacity_usage={"GOLIVE": 1}),
            initiative("D", cost=1, duration=1, capacity_usage={"GOLIVE": 1}),
        ],
        periods=4,
        benefits=[benefit("bA", "A", 40), benefit("bB", "B", 30), benefit("bC", "C", 20), benefit("bD", "D", 10)],
        capacity_pool=pools,
    )
    # B waits for A's two periods; D cannot go live in period 1 with C, so it starts in 0.
    assert greedy(inputs) == {"A": 0, "B": 2, "C": 0, "D": 0}


def test_earliest_completion_is_a_serial_schedule() -> None:
    # One team; X (3 periods) is on the longest path X -> Z, so it goes before Y.
    pools = [{"id": "TEAM", "name": "team", "limit": 1}]
    jobs = [
        initiative("X", cost=0, duration=3, mandatory=True, capacity_usage={"TEAM": 1}),
        initiative("Y", cost=0, duration=1, mandatory=True, capacity_usage={"TEAM": 1}),
        initiative("Z", cost=0, duration=2, mandatory=True),
    ]
    inputs = inputs_of(
        jobs,
        scenario(objective="earliest_completion"),
        periods=8,
        capacity_pool=pools,
        dependencies=[{"predecessor_id": "X", "successor_id": "Z"}],
    )
    assert greedy(inputs) == {"X": 0, "Y": 3, "Z": 3}
    shortest = shortest_schedule(inputs)
    assert shortest is not None and schedule_makespan(inputs, shortest) == 5


def justification_case() -> PlanInputs:
    """A team of two. A, C and D need one member for 3, 2 and 3 periods, B both for 3; D waits for C.

    The ``tail`` rule starts C (tail 5) and A at 0, B when A is done (3-5) and D after B (6-8):
    makespan 9. Pushed right against 9, and back left: C 0-1, B 2-4, A and D 5-7, makespan 8,
    the optimum (B runs alone, and so does nothing of the chain C -> D: 3 + 5 periods).
    """
    pools = [{"id": "TEAM", "name": "team", "limit": 2}]
    jobs = [
        initiative("A", cost=0, duration=3, mandatory=True, capacity_usage={"TEAM": 1}),
        initiative("B", cost=0, duration=3, mandatory=True, capacity_usage={"TEAM": 2}),
        initiative("C", cost=0, duration=2, mandatory=True, capacity_usage={"TEAM": 1}),
        initiative("D", cost=0, duration=3, mandatory=True, capacity_usage={"TEAM": 1}),
    ]
    return inputs_of(
        jobs,
        scenario(objective="earliest_completion"),
        periods=12,
        capacity_pool=pools,
        dependencies=[{"predecessor_id": "C", "successor_id": "D"}],
    )


def test_justification_shortens_a_serial_schedule() -> None:
    inputs = justification_case()
    serial = _plan(inputs, completion=True, rule="tail")
    assert serial == {"C": 0, "A": 0, "B": 3, "D": 6}
    justified = justify(Schedule.of(inputs), serial)
    assert justified == {"C": 0, "B": 2, "A": 5, "D": 5}
    assert check_starts(inputs, justified) == []
    assert min(schedule_makespan(inputs, _plan(inputs, completion=True, rule=r)) or 0 for r in PRIORITY_RULES) == 9
    shortest = shortest_schedule(inputs)
    assert shortest is not None and schedule_makespan(inputs, shortest) == 8


def test_critical_path_ignores_budgets_and_capacity() -> None:
    assert critical_path(justification_case()) == 5  # C -> D


def test_required_initiative_that_cannot_fit_raises() -> None:
    inputs = inputs_of([initiative("M", cost=20, mandatory=True)], periods=1, budget=10)
    with pytest.raises(NoGreedyPlan, match="M"):
        greedy_plan(inputs)
    assert shortest_schedule(inputs) is None


def test_started_initiative_running_past_the_horizon_still_fits() -> None:
    inputs = inputs_of([initiative("S", cost=4, duration=4, status="started")], periods=2, budget=1)
    assert greedy(inputs) == {"S": 0}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios())
def test_sampled_and_justified_schedules_keep_every_rule(case: tuple[Portfolio, Scenario]) -> None:
    portfolio, sc = case
    inputs = plan_inputs(portfolio, sc.model_copy(update={"objective": "earliest_completion"}))
    empty = Schedule.of(inputs)
    plain = []
    for rule in PRIORITY_RULES:
        try:
            plain.append(_plan(inputs, completion=True, rule=rule))
        except NoGreedyPlan:
            continue
    for starts in plain:
        justified = justify(empty, starts)
        assert check_starts(inputs, justified) == []
        assert (schedule_makespan(inputs, justified) or 0) <= (schedule_makespan(inputs, starts) or 0)
    sampled = shortest_schedule(inputs, 0.05)
    assert sampled is not None or not plain  # a perturbed priority may succeed where every plain rule failed
    if sampled is not None:
        assert check_starts(inputs, sampled) == []
        makespan = schedule_makespan(inputs, sampled) or 0
        shortest_plain = min((schedule_makespan(inputs, p) or 0 for p in plain), default=makespan)
        assert critical_path(inputs) <= makespan <= shortest_plain
