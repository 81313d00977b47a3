"""The CP-SAT engine for earliest completion: the same rules and optima as the MILP."""

from __future__ import annotations

import pytest

from bench.generator import Spec, generate, scenario
from planning.domain.models import Scenario
from planning.optimise import plan_inputs
from planning.optimise.checker import check_starts
from planning.optimise.cpsat import not_expressible, scale
from planning.optimise.inputs import Stability
from planning.optimise.solve import choose_engine, optimise
from tests.factories import initiative, tiny_portfolio

EARLIEST = Scenario.model_validate({"id": "ec", "objective": "earliest_completion", "time_limit": 30})


def test_auto_chooses_cp_sat_for_earliest_completion_only() -> None:
    portfolio = tiny_portfolio([initiative("A", mandatory=True)])
    assert choose_engine(plan_inputs(portfolio, EARLIEST), "auto") == "cp-sat"
    npv = Scenario.model_validate({"id": "npv"})
    assert choose_engine(plan_inputs(portfolio, npv), "auto") == "highs"
    assert choose_engine(plan_inputs(portfolio, EARLIEST), "highs") == "highs"
    with pytest.raises(ValueError, match="CP-SAT cannot solve scenario 'npv': CP-SAT solves the earliest-completion"):
        choose_engine(plan_inputs(portfolio, npv), "cp-sat")
    with pytest.raises(ValueError, match="unknown solver 'gurobi'"):
        choose_engine(plan_inputs(portfolio, EARLIEST), "gurobi")


def test_carried_money_and_penalties_go_to_highs() -> None:
    portfolio = tiny_portfolio([initiative("A", mandatory=True)])
    carried = EARLIEST.model_copy(update={"carry_over": 0.5})
    assert not_expressible(plan_inputs(portfolio, carried)) == "unspent money is carried over between periods"
    assert choose_engine(plan_inputs(portfolio, carried), "auto") == "highs"
    kept = Stability(baseline={"A": 1}, move_penalty=1.0)
    assert "penalties" in str(not_expressible(plan_inputs(portfolio, EARLIEST, kept)))


def test_scale_makes_whole_numbers_or_gives_up() -> None:
    assert scale([3.0, 4.0]) == 1
    assert scale([0.1 * 3, 2.5]) == 10
    assert scale([1 / 3]) is None


def test_budget_and_chain_by_hand() -> None:
    # 100 a year; A (60, 1 year) and B (60, 1 year) cannot share a year; C waits for A.
    portfolio = tiny_portfolio(
        [initiative("A", 60, mandatory=True), initiative("B", 60, mandatory=True), initiative("C", 10, mandatory=True)],
        periods=4,
        dependencies=[{"predecessor_id": "A", "successor_id": "C", "kind": "finish_to_start", "lag": 0}],
    )
    plan = optimise(portfolio, EARLIEST, solver="cp-sat", explain=False)
    assert (plan.facts.solver, plan.facts.status, plan.facts.objective, plan.facts.gap) == (
        "CP-SAT",
        "optimal",
        2.0,
        0.0,
    )
    assert plan.starts["C"] >= plan.starts["A"] + 1
    assert plan.starts["A"] != plan.starts["B"]


def test_an_impossible_scenario_is_infeasible_and_diagnosed() -> None:
    portfolio = tiny_portfolio([initiative("A", 150, mandatory=True)], periods=2)
    plan = optimise(portfolio, EARLIEST, solver="cp-sat")
    assert plan.facts.status == "infeasible"
    assert plan.diagnosis  # the MILP's elastic model says why


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_portfolios_match_highs(seed: int) -> None:
    # Budgets, execution and go-live capacity, per-period limits, dependencies, started and
    # mandatory initiatives, windows: both engines prove the same makespan; CP-SAT's plan keeps every rule.
    portfolio = generate(Spec(16, 8, 2, 2, seed))
    every = plan_inputs(portfolio, scenario(60, "earliest_completion"))
    options = {i for members in every.groups.values() if len(members) > 1 for i in members}
    targets = [i for i in every.ids if i not in options][::2]
    ec = scenario(60, "earliest_completion").model_copy(update={"completion_targets": targets})
    cp = optimise(portfolio, ec, solver="cp-sat", explain=False)
    mip = optimise(portfolio, ec, solver="highs", explain=False)
    assert cp.facts.status == mip.facts.status == "optimal"
    assert cp.facts.objective == pytest.approx(mip.facts.objective)
    inputs = plan_inputs(portfolio, ec)
    durations = inputs.initiatives["duration"]
    assert max(cp.starts[i] + int(durations[i]) for i in targets) == cp.facts.objective
    assert check_starts(inputs, cp.starts) == []
