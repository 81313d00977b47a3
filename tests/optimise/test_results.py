"""Results: ``*_opt`` columns, spend, JSON, solvers and formulations agreeing, honest time limits."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise, plan_inputs
from planning.optimise.plan import SolverFacts
from planning.optimise.solve import assemble_plan

SCENARIO = Scenario.model_validate({"id": "test", "discount_rate": 0.0})


def two_in_a_row() -> Portfolio:
    """10 a year for 2 years. A (+20, 10) must start no later than B (+10, 10, start-to-start);
    C (+8, 2.5 + 2.5) needs room in both years. Best: A 2026, B 2027, objective 30, C out."""
    return tiny_portfolio(
        [initiative("A"), initiative("B"), initiative("C", cost=5, duration=2)],
        periods=2,
        budget=10,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 20), benefit("bC", "C", 13)],
        dependencies=[{"predecessor_id": "A", "successor_id": "B", "kind": "start_to_start"}],
    )


def test_opt_columns_for_every_initiative() -> None:
    plan = optimise(two_in_a_row(), SCENARIO, time_limit=10, explain=False)
    frame = plan.initiatives
    assert frame["selected_opt"].to_dict() == {"A": True, "B": True, "C": False}
    assert frame.loc[["A", "B"], ["start_opt", "finish_opt"]].values.tolist() == [[0, 0], [1, 1]]
    assert frame.loc["C", ["start_opt", "finish_opt"]].isna().all()
    assert (str(frame["start_opt"].dtype), str(frame["finish_opt"].dtype)) == ("Int64", "Int64")
    assert frame.loc["B", ["start_label", "finish_label"]].tolist() == ["2027", "2027"]
    assert plan.starts == {"A": 0, "B": 1}


def test_finish_is_the_last_period_of_execution() -> None:
    portfolio = tiny_portfolio([initiative("L", duration=3, mandatory=True)], periods=4)
    plan = optimise(portfolio, SCENARIO, time_limit=10, explain=False)
    start = int(plan.initiatives.at["L", "start_opt"])
    assert int(plan.initiatives.at["L", "finish_opt"]) == start + 2


def test_spend_frame_adds_up_per_pool_and_period() -> None:
    # A in 2026 and B in 2027 spend 10 each, against envelopes of 10.
    plan = optimise(two_in_a_row(), SCENARIO, time_limit=10, explain=False)
    spend = plan.spend
    assert list(spend.columns) == ["pool", "period", "label", "year", "amount", "envelope"]
    assert spend[["label", "amount", "envelope"]].values.tolist() == [["2026", 10.0, 10.0], ["2027", 10.0, 10.0]]
    assert spend["amount"].sum() == 20.0  # A + B; C is out
    assert plan.npv == 30.0 and plan.facts.objective == 30.0


def test_json_has_the_documented_keys() -> None:
    plan = optimise(two_in_a_row(), SCENARIO, time_limit=10)
    data = json.loads(json.dumps(plan.to_json(), default=str))
    assert {"status", "objective", "bound", "gap", "solve_seconds", "solver", "initiatives", "spend"} <= set(data)
    assert (data["status"], data["objective"], data["bound"], data["gap"]) == ("optimal", 30.0, 30.0, 0.0)
    keys = {"id", "selected", "start", "finish", "reason", "reason_message", "extra_budget", "npv_if_forced"}
    assert [set(row) for row in data["initiatives"]] == [keys | {"what_if_proven"}] * 3  # what it would take too
    reason = "the budget of A in 2026 is full (10.0 MNOK short); the first period with room is 2027"
    b = {k: data["initiatives"][1][k] for k in ("id", "selected", "start", "finish", "reason", "extra_budget")}
    assert b == {"id": "B", "selected": True, "start": "2027", "finish": "2027", "reason": reason, "extra_budget": 10.0}
    assert data["spend"][0] == {"pool": "A", "period": "2026", "amount": 10.0, "envelope": 10.0}
    assert data["initiatives"][1]["reason_message"] == {  # the reason as data too: its code and values
        "code": "first_room",
        "values": {
            "blocker": {"code": "budget_full", "values": {"pool": "A", "period": "2026", "amount": 10.0}},
            "period": "2027",
        },
    }


def test_json_of_an_initiative_left_out_is_valid_json() -> None:
    plan = optimise(two_in_a_row(), SCENARIO, time_limit=10, explain=False)
    row = plan.to_json()["initiatives"][2]
    assert (row["start"], row["finish"]) == (None, None)
    json.dumps(plan.to_json(), allow_nan=False, default=str)


@pytest.mark.parametrize(
    ("solver", "formulation"),
    [
        ("cbc", "cumulative"),
        ("highs", "start_time_tight"),
        ("cbc", "start_time_tight"),
        ("highs", "start_time"),
        ("cbc", "start_time"),
    ],
)
def test_cbc_and_the_start_time_formulations_find_the_same_optimum(solver: str, formulation: str) -> None:
    reference = optimise(two_in_a_row(), SCENARIO, time_limit=10, explain=False)
    other = optimise(two_in_a_row(), SCENARIO, time_limit=10, solver=solver, formulation=formulation, explain=False)
    assert other.facts.status == "optimal"
    assert other.facts.formulation == formulation and other.facts.solver == solver.upper().replace("HIGHS", "HiGHS")
    assert other.facts.objective == pytest.approx(reference.facts.objective)
    assert other.starts == reference.starts == {"A": 0, "B": 1}


def generated_portfolio(n: int = 40, seed: int = 7) -> Portfolio:
    """n initiatives over 8 years, 60 MNOK a year, a few chains: too big to prove in a millisecond."""
    rng = random.Random(seed)
    ids = [f"I{k:02d}" for k in range(n)]
    return tiny_portfolio(
        [initiative(i, cost=rng.randint(5, 40), duration=rng.randint(1, 3)) for i in ids],
        periods=8,
        budget=60,
        benefits=[benefit(f"b{i}", i, rng.randint(2, 20), lifetime=10) for i in ids],
        dependencies=[{"predecessor_id": ids[k - 3], "successor_id": ids[k]} for k in range(3, n, 4)],
    )


def test_a_time_limited_result_is_never_called_optimal() -> None:
    sc = Scenario.model_validate({"id": "test", "discount_rate": 0.04})
    plan = optimise(generated_portfolio(), sc, time_limit=0.001, explain=False)
    facts = plan.facts
    if facts.status == "optimal":  # only if the optimum really was proven within the gap
        assert facts.gap is not None and facts.gap <= 1e-4
        return
    assert facts.status == "time_limit" and facts.time_limit == 0.001
    if facts.objective is not None:  # a plan found but not proven: its gap is stated
        assert facts.bound is not None and facts.gap is not None and facts.gap > 1e-4


def test_a_time_limit_without_a_plan_reports_no_npv() -> None:
    # What the solver reports when 0.001 s ends before any plan is found (see the test above).
    portfolio = tiny_portfolio([initiative("M", mandatory=True)])
    inputs = plan_inputs(portfolio, SCENARIO)
    facts = no_plan_facts()
    plan = assemble_plan(portfolio, inputs, facts, {})
    assert plan.npv is None


def no_plan_facts(**overrides: Any) -> SolverFacts:
    values: dict[str, Any] = {
        "status": "time_limit", "objective": None, "bound": None, "gap": None, "solve_seconds": 0.001,
        "build_seconds": 0.0, "time_limit": 0.001, "solver": "HiGHS", "solver_version": "", "input_hash": "",
    }  # fmt: skip
    values.update(overrides)
    return SolverFacts(**values)
