"""Scenarios and plan runs in the store: caching, scenario rows, approval and immutability.

Tests taking ``engines`` run on SQLite and, where ``PLANNING_TEST_DATABASE_URL`` is set,
on PostgreSQL too.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, delete, update
from sqlmodel import Session, SQLModel, select

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.messages.render import render
from planning.optimise import Plan, optimise
from planning.plans.baseline import approvals, approve_plan, current_baseline, reoptimise
from planning.plans.runs import delete_plan, get_plan, list_plans, run_scenario
from planning.store.access import COORDINATOR, STEERING, User
from planning.store.database import load_portfolio, save_portfolio
from planning.store.plan_records import ImmutablePlan, PlanApproval, PlanRun
from planning.store.scenarios import delete_scenario, save_scenario
from tests.factories import benefit, initiative, tiny_portfolio

RUNNER = User(username="kari", role=COORDINATOR)
"""Runs scenarios and saves them (the role rules are tested in tests/test_write_paths.py)."""
APPROVER = User(username="ola", role=STEERING)
FAST: dict[str, Any] = {"explain": False, "time_limit": 10, "user": RUNNER}


def two_initiatives(cost_b: float = 30.0, **tables: Any) -> Portfolio:
    """A (10 MNOK, 20/yr) and B (``cost_b``, 40/yr) in one 50 MNOK period: both fit when B costs 40 or less."""
    return tiny_portfolio(
        [initiative("A", cost=10), initiative("B", cost=cost_b)],
        periods=1,
        budget=50,
        benefits=[benefit("bA", "A", 20, lifetime=2), benefit("bB", "B", 40, lifetime=2)],
        **tables,
    )


@pytest.fixture
def stored(engines: Engine) -> Engine:
    save_portfolio(
        engine=engines,
        portfolio=two_initiatives(scenario=[{"id": "S", "discount_rate": 0}, {"id": "Kutt", "budget_factor": 0.7}]),
    )
    return engines


def test_plan_record_round_trips_through_json() -> None:
    plan = optimise(two_initiatives(), explain=False)
    back = Plan.from_json(json.loads(json.dumps(plan.to_record())))
    pd.testing.assert_frame_equal(back.initiatives, plan.initiatives)
    pd.testing.assert_frame_equal(back.spend, plan.spend)
    pd.testing.assert_frame_equal(back.benefits, plan.benefits)
    assert (back.npv, back.facts, back.starts) == (plan.npv, plan.facts, plan.starts)
    with pytest.raises(ValueError, match="not a plan record"):
        Plan.from_json(plan.to_json())


def test_unchanged_inputs_return_the_stored_plan(stored: Engine) -> None:
    portfolio = load_portfolio(engine=stored)
    first = run_scenario(stored, portfolio, "S", **FAST)
    again = run_scenario(stored, load_portfolio(engine=stored), "S", **FAST)
    assert not first.from_cache and again.from_cache
    assert again.id == first.id and again.plan.starts == first.plan.starts == {"A": 0, "B": 0}
    assert list(list_plans(stored)["id"]) == [first.id]


def test_a_stored_plan_keeps_its_scenario_as_run(stored: Engine) -> None:
    own = Scenario.model_validate({"id": "Eget", "budget_factor": 0.9})  # not a stored row
    run = run_scenario(stored, load_portfolio(engine=stored), own, **FAST)
    assert run.scenario.budget_factor == pytest.approx(0.9)
    assert get_plan(stored, run.id).scenario == run.scenario
    with pytest.raises(KeyError) as missing:
        get_plan(stored, run.id + 1)
    assert missing.value.args[0] == f"no stored plan {run.id + 1}; list them with 'planning plans'"
    assert render(missing.value.args[0], "nb") == f"ingen lagret plan {run.id + 1}; list dem opp med 'planning plans'"


def test_a_change_in_inputs_or_options_solves_again(stored: Engine) -> None:
    first = run_scenario(stored, load_portfolio(engine=stored), "S", **FAST)
    dearer = two_initiatives(cost_b=45.0, scenario=[{"id": "S", "discount_rate": 0}])
    changed = run_scenario(stored, dearer, "S", **FAST)
    assert not changed.from_cache and changed.id != first.id
    assert changed.plan.starts == {"B": 0}  # B alone is worth more than A, and both no longer fit
    other_solver = run_scenario(stored, load_portfolio(engine=stored), "S", explain=False, time_limit=11, user=RUNNER)
    assert not other_solver.from_cache
    refreshed = run_scenario(stored, load_portfolio(engine=stored), "S", **FAST, refresh=True)
    assert not refreshed.from_cache and len(list_plans(stored, "S")) == 4


def test_an_explained_plan_answers_a_request_without_explanations(stored: Engine) -> None:
    explained = run_scenario(stored, load_portfolio(engine=stored), "S", time_limit=10, user=RUNNER)
    quick = run_scenario(stored, load_portfolio(engine=stored), "S", **FAST)
    assert quick.from_cache and quick.id == explained.id
    assert not run_scenario(stored, load_portfolio(engine=stored), "Kutt", **FAST).from_cache
    assert not run_scenario(stored, load_portfolio(engine=stored), "Kutt", time_limit=10, user=RUNNER).from_cache


def test_save_scenario_validates_and_writes_only_its_row(stored: Engine) -> None:
    before = load_portfolio(engine=stored)
    bad_rows: list[dict[str, Any]] = [
        {"id": "X", "ambition": {"A": "Nope"}},
        {"id": "X", "budget_factor": -1},
        {"id": "X", "forced_in": ["Z"]},
    ]
    for bad in bad_rows:
        with pytest.raises(InvalidPortfolio):
            save_scenario(stored, bad, user=RUNNER)
    assert list(load_portfolio(engine=stored).scenarios.index) == list(before.scenarios.index)
    saved = save_scenario(
        stored, Scenario.model_validate({"id": "Ny", "forced_in": ["A"], "budget_factor": 0.8}), user=RUNNER
    )
    after = load_portfolio(engine=stored)
    assert saved.forced_in == ["A"] and after.scenarios.at["Ny", "budget_factor"] == 0.8
    pd.testing.assert_frame_equal(after.initiatives, before.initiatives)
    save_scenario(stored, {"id": "Ny", "budget_factor": 0.7}, user=RUNNER)  # replaces the row
    assert load_portfolio(engine=stored).scenarios.at["Ny", "budget_factor"] == 0.7
    delete_scenario(stored, "Ny", user=RUNNER)
    assert "Ny" not in load_portfolio(engine=stored).scenarios.index
    with pytest.raises(KeyError):
        delete_scenario(stored, "Ny", user=RUNNER)


def test_approved_plans_cannot_be_changed_or_deleted(stored: Engine) -> None:
    portfolio = load_portfolio(engine=stored)
    plan = run_scenario(stored, portfolio, "S", **FAST)
    spare = run_scenario(stored, portfolio, "Kutt", **FAST)
    approve_plan(stored, plan.id, by="Styringsgruppen", comment="Vedtatt", user=APPROVER)
    with pytest.raises(ImmutablePlan, match="approved"):
        delete_plan(stored, plan.id, user=RUNNER)
    with pytest.raises(ImmutablePlan), Session(stored) as session:
        run = session.get(PlanRun, plan.id)
        assert run is not None
        run.npv = 1e9
        session.commit()
    with pytest.raises(ImmutablePlan), Session(stored) as session:
        session.execute(delete(PlanRun))
    with pytest.raises(ImmutablePlan), Session(stored) as session:
        session.execute(update(PlanApproval).values(comment="endret"))
    with pytest.raises(ImmutablePlan), Session(stored) as session:
        approval = session.exec(select(PlanApproval)).one()
        approval.comment = "endret"
        session.commit()
    with pytest.raises(ImmutablePlan), Session(stored) as session:
        session.delete(session.exec(select(PlanApproval)).one())
        session.commit()
    assert get_plan(stored, plan.id).plan.npv == plan.plan.npv
    assert approvals(stored)[0].comment == "Vedtatt"
    delete_plan(stored, spare.id, user=RUNNER)  # never approved: may go
    assert list(list_plans(stored)["id"]) == [plan.id]


def test_a_new_approval_supersedes_the_baseline_and_keeps_history(stored: Engine) -> None:
    portfolio = load_portfolio(engine=stored)
    first = run_scenario(stored, portfolio, "S", **FAST)
    second = run_scenario(stored, portfolio, "Kutt", **FAST)
    a1 = approve_plan(stored, first.id, by="Styringsgruppen", comment="Første", user=APPROVER)
    with pytest.raises(ValueError, match="already the plan of record"):
        approve_plan(stored, first.id, by="Styringsgruppen", user=APPROVER)
    with pytest.raises(ValueError, match="who"):
        approve_plan(stored, second.id, by=" ", user=APPROVER)
    a2 = approve_plan(stored, second.id, by="IT-direktørmøtet", comment="Kutt vedtatt", user=APPROVER)
    history = approvals(stored)
    assert [a.id for a in history] == [a1.id, a2.id]
    assert history[0].superseded and history[0].superseded_by == a2.id and not history[1].superseded
    baseline = current_baseline(stored)
    assert baseline is not None and baseline.stored.id == second.id
    assert baseline.approval.approved_by == "IT-direktørmøtet"
    states = dict(zip(list_plans(stored)["id"], list_plans(stored)["approval"], strict=True))
    assert states == {first.id: "superseded", second.id: "baseline"}
    with pytest.raises(ImmutablePlan):
        delete_plan(stored, first.id, user=RUNNER)  # superseded, but once approved, always kept


def test_only_a_plan_with_a_schedule_can_be_approved(stored: Engine) -> None:
    save_scenario(stored, {"id": "Umulig", "forced_in": ["A", "B"], "budget_factor": 0.5}, user=RUNNER)
    infeasible = run_scenario(stored, load_portfolio(engine=stored), "Umulig", **FAST)
    assert infeasible.plan.facts.status == "infeasible"
    with pytest.raises(ValueError, match="infeasible"):
        approve_plan(stored, infeasible.id, by="Styringsgruppen", user=APPROVER)
    with pytest.raises(KeyError):
        approve_plan(stored, 999, by="Styringsgruppen", user=APPROVER)


def test_reoptimising_against_the_baseline_keeps_it(stored: Engine) -> None:
    # Baseline: A and B in 2026. Budget cut to 35 MNOK: alone, the optimiser keeps B (worth more);
    # with keep, the baseline's initiatives must stay, which the smaller budget cannot hold.
    portfolio = load_portfolio(engine=stored)
    baseline = run_scenario(stored, portfolio, "S", **FAST)
    approve_plan(stored, baseline.id, by="Styringsgruppen", user=APPROVER)
    alone = run_scenario(stored, portfolio, "Kutt", **FAST)
    assert alone.plan.starts == {"B": 0}
    penalised = reoptimise(stored, portfolio, "Kutt", drop_penalty=1000, **FAST)
    assert penalised.plan.starts == {"B": 0} and penalised.id != alone.id
    kept = reoptimise(stored, portfolio, "Kutt", keep=True, **FAST)
    assert kept.plan.facts.status == "infeasible"


def test_migration_0002_matches_the_plan_tables(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        context = MigrationContext.configure(connection)
        diffs = compare_metadata(context, SQLModel.metadata)
    mine = [d for d in diffs if "plan_run" in repr(d) or "plan_approval" in repr(d)]
    assert mine == []
