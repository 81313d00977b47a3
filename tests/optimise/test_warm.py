"""Starting again from the plan before an edit (issue 32, target 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.optimise import optimise, plan_inputs
from planning.optimise import solve as solve_module
from planning.optimise.checker import check_starts
from planning.optimise.model import build_model
from planning.optimise.warm import better_start, warm_plan

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def three(budget: float = 20.0) -> Portfolio:
    """A (+30), B (+20), C (+10) at 10 MNOK each, ``budget`` a year for two years, rate 0."""
    return tiny_portfolio(
        [initiative("A"), initiative("B"), initiative("C")],
        periods=2,
        budget=budget,
        benefits=[benefit("bA", "A", 40), benefit("bB", "B", 30), benefit("bC", "C", 20)],
        scenario=[{"id": "S", "discount_rate": 0.0}],
    )


def test_a_previous_plan_that_keeps_every_rule_is_taken_as_it_is() -> None:
    inputs = plan_inputs(three(), "S")
    assert warm_plan(inputs, {"A": 1, "B": 0, "C": 1, "GONE": 0}) == {"A": 1, "B": 0, "C": 1}
    assert warm_plan(inputs, {"GONE": 0}) is None


def test_a_previous_plan_an_edit_broke_is_repaired_from_its_own_starts() -> None:
    inputs = plan_inputs(three(budget=10.0), "S")  # one initiative a year now
    previous = {"A": 0, "B": 0, "C": 1}
    assert check_starts(inputs, previous)  # two in 2026 no longer fit
    repaired = warm_plan(inputs, previous)
    assert repaired is not None and check_starts(inputs, repaired) == []
    assert set(repaired) <= set(previous) and len(repaired) == 2


def test_the_warm_start_is_kept_only_where_it_is_worth_as_much() -> None:
    inputs = plan_inputs(three(), "S")
    model = build_model(inputs)
    worse, better = {"C": 0}, {"A": 0, "B": 0, "C": 1}
    assert better_start(model, worse, better) == better
    assert better_start(model, better, worse) == better
    assert better_start(model, None, worse) == worse and better_start(model, better, None) == better


def test_optimise_starts_from_the_plan_before_the_edit_and_proves_the_same_optimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    before = optimise(sample, "Basis", explain=False)
    edited = sample.copy()
    name = next(i for i in before.starts if edited.initiatives.at[i, "total_cost"] is not None)
    edited.initiatives.at[name, "total_cost"] = float(edited.initiatives.at[name, "total_cost"]) * 1.1
    handed: list[dict[str, int] | None] = []
    original = solve_module.set_initial_plan

    def spy(model: Any, starts: dict[str, int] | None) -> None:
        handed.append(starts)
        original(model, starts)

    monkeypatch.setattr(solve_module, "set_initial_plan", spy)
    cold = optimise(edited, "Basis", explain=False)
    warm = optimise(edited, "Basis", explain=False, warm_start=before.starts)
    assert warm.facts.status == cold.facts.status == "optimal"
    assert warm.facts.objective == pytest.approx(cold.facts.objective, rel=2e-4)
    assert handed[-1] == warm_plan(plan_inputs(edited, "Basis"), before.starts) != handed[0]


def test_a_new_run_of_a_stored_scenario_starts_from_its_newest_plan(
    sqlite_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planning.plans.runs import latest_starts, run_scenario
    from planning.store.access import COORDINATOR, User
    from planning.store.database import save_portfolio

    runner = User(username="kari", role=COORDINATOR)
    save_portfolio(engine=sqlite_engine, portfolio=three())
    assert latest_starts(sqlite_engine, "S") is None
    first = run_scenario(sqlite_engine, three(), "S", explain=False, user=runner)
    assert latest_starts(sqlite_engine, "S") == first.plan.starts
    heard: list[Any] = []
    real = optimise

    def spy(*args: Any, **options: Any) -> Any:
        heard.append(options.get("warm_start"))
        return real(*args, **options)

    monkeypatch.setattr("planning.plans.runs.optimise", spy)
    run_scenario(sqlite_engine, three(budget=10.0), "S", explain=False, user=runner)
    assert heard == [first.plan.starts]


def test_a_warm_start_the_edit_made_worse_than_optimal_is_not_returned_as_the_optimum() -> None:
    """HiGHS 1.16.0 returned its MIP start unchanged, valued at the optimum of its presolved model
    (guard.stale_start): Helse Nord at Lav with the obligations released kept the Sami services."""
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    scenario = plan_inputs(sample, "Basis").scenario
    lav = scenario.model_copy(update={"ambition": {**scenario.ambition, "HN": "Lav"}})
    released = lav.model_copy(update={"release_obligations": True})
    kept = optimise(sample, lav, explain=False)
    assert "HN-INNB-SAMI" in kept.starts
    cold = optimise(sample, released, explain=False)
    warm = optimise(sample, released, explain=False, warm_start=kept.starts)
    for plan in (cold, warm):
        assert plan.facts.status == "optimal"
        assert plan.npv == pytest.approx(plan.facts.objective, rel=1e-9)  # the plan is the one the status is about
        assert "HN-INNB-SAMI" not in plan.starts
    assert warm.npv == pytest.approx(cold.npv, rel=2e-4)
    assert warm.npv > kept.npv
