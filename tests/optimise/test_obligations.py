"""Statutory and equity obligations: kept in by default, released by the scenario, priced, and named when left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from factories import benefit, initiative, tiny_portfolio

from planning.cli import main
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.io.files import write_json
from planning.optimise import optimise
from planning.optimise.checker import check_plan
from planning.optimise.inputs import plan_inputs
from planning.optimise.model import build_model
from planning.plans.obligations import left_out_obligations, obligation_cost, obligations


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def sami() -> Portfolio:
    # SAMI costs 10 and yields 4 (NPV -6): out on pure NPV unless kept as an equity obligation.
    # GOOD costs 10 and yields 30 (NPV +20). One period's budget of 20 fits both.
    return tiny_portfolio(
        [initiative("SAMI", obligation="equity", obligation_note="sameloven kap. 3"), initiative("GOOD")],
        periods=1,
        budget=20.0,
        benefits=[benefit("bS", "SAMI", 4), benefit("bG", "GOOD", 30)],
    )


def test_an_equity_obligation_is_kept_in_although_it_does_not_pay_off() -> None:
    plan = optimise(sami(), scenario(), time_limit=10, explain=False)
    assert (plan.starts, plan.npv) == ({"SAMI": 0, "GOOD": 0}, 14.0)
    keys = build_model(plan_inputs(sami(), scenario())).constraint_keys
    assert [k for k in keys if k.startswith("obligation")] == ["obligation-SAMI"]  # the family names its constraint


def test_a_released_obligation_falls_out_and_the_plan_says_so() -> None:
    portfolio = sami()
    plan = optimise(portfolio, scenario(release_obligations=True), time_limit=10)
    assert (plan.starts, plan.npv) == ({"GOOD": 0}, 20.0)
    out = left_out_obligations(portfolio, plan)
    assert list(out.index) == ["SAMI"]
    assert (out.at["SAMI", "obligation"], out.at["SAMI", "obligation_note"]) == ("equity", "sameloven kap. 3")
    assert out.at["SAMI", "reason"].startswith("does not pay off")


def test_the_cost_of_keeping_obligations_is_the_npv_given_up() -> None:
    cost = obligation_cost(sami(), scenario(), time_limit=10)
    assert cost is not None
    assert (cost.npv_with, cost.npv_without, cost.cost) == (14.0, 20.0, 6.0)
    assert (cost.kept, cost.left_out_without, cost.proven) == (["SAMI"], ["SAMI"], True)
    assert obligation_cost(sami(), scenario(release_obligations=True), time_limit=10) is None


def test_an_obligation_that_cannot_fit_makes_the_scenario_infeasible_and_diagnosed() -> None:
    portfolio = tiny_portfolio(
        [initiative("SAMI", cost=30.0, obligation="statutory", obligation_note="a law")], periods=1, budget=20.0,
        benefits=[benefit("bS", "SAMI", 40)],
    )  # fmt: skip
    plan = optimise(portfolio, scenario(), time_limit=10)
    assert plan.facts.status == "infeasible"
    assert plan.diagnosis == ["A is 10.0 MNOK short in 2026"]  # as for a mandatory initiative


def test_forced_out_obligation_is_left_out_with_the_scenarios_reason() -> None:
    portfolio = sami()
    plan = optimise(portfolio, scenario(forced_out=["SAMI"]), time_limit=10)
    assert list(left_out_obligations(portfolio, plan).index) == ["SAMI"]
    assert left_out_obligations(portfolio, plan).at["SAMI", "reason"] == "forced out by the scenario"


def test_the_checker_names_a_kept_obligation_missing_from_a_hand_made_plan() -> None:
    assert check_plan(sami(), scenario(), {"GOOD": 0}) == [
        "SAMI: an obligation (equity) the scenario keeps, but not in the plan"
    ]
    assert check_plan(sami(), scenario(release_obligations=True), {"GOOD": 0}) == []


@pytest.mark.parametrize("status", ["completed", "stopped"])
def test_obligations_the_plan_does_not_decide_are_not_left_out(status: str) -> None:
    portfolio = tiny_portfolio(
        [initiative("SAMI", obligation="equity", obligation_note="likeverd", status=status)], periods=1
    )
    assert obligations(portfolio).empty


def cli_portfolio(tmp_path: Path) -> Path:
    portfolio = tiny_portfolio(
        [initiative("SAMI", obligation="equity", obligation_note="sameloven kap. 3"), initiative("GOOD")],
        periods=1, budget=20.0, benefits=[benefit("bS", "SAMI", 4), benefit("bG", "GOOD", 30)],
        scenario=[{"id": "Keep", "discount_rate": 0.0},
                  {"id": "Release", "discount_rate": 0.0, "release_obligations": True}],
    )  # fmt: skip
    path = tmp_path / "sami.json"
    write_json(portfolio, path)
    return path


def test_the_command_says_first_that_a_plan_leaves_an_obligation_out(tmp_path: Path) -> None:
    source = str(cli_portfolio(tmp_path))
    released = CliRunner().invoke(main, ["optimize", "--from", source, "--scenario", "Release"])
    assert released.exit_code == 0, released.output
    plan_text = released.output[released.output.index("WARNING") :]
    assert plan_text.splitlines()[:2] == [
        "WARNING: this plan leaves out 1 statutory or equity obligation:",
        "  SAMI SAMI (equity, sameloven kap. 3): does not pay off: net present value -6.0 MNOK at its earliest start",
    ]
    kept = CliRunner().invoke(main, ["optimize", "--from", source, "--scenario", "Keep", "--obligation-cost"])
    assert kept.exit_code == 0, kept.output
    assert "WARNING" not in kept.output
    assert (
        "Keeping 1 obligation (SAMI) costs 6.0 MNOK of net present value: 14.0 with them, 20.0 without "
        "(both plans proven optimal); without the rule the plan would leave out: SAMI." in kept.output
    )
    as_json = CliRunner().invoke(main, ["optimize", "--from", source, "--scenario", "Release", "--json"])
    found = json.loads(as_json.output[as_json.output.index("{") :])
    assert [o["id"] for o in found["obligations_left_out"]] == ["SAMI"]
