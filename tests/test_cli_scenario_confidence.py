"""A scenario's own confidence honoured by ``planning optimize`` and ``planning run`` (SQLite and
PostgreSQL), and by the glue they share (planning/robust/scenario.py); ``--point-estimates``
plans on the point estimates instead."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from planning.cli import main
from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import resolve_scenario
from planning.plans.runs import list_plans
from planning.robust import RobustOptions
from planning.robust.scenario import AtConfidence, plan_scenario, robust_options, run_scenario
from planning.store.access import COORDINATOR, User
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from tests.factories import benefit, initiative, tiny_portfolio


def portfolio() -> Portfolio:
    """Two initiatives whose costs may overrun one 100 MNOK envelope a year; Trygg asks for 90 %."""
    return tiny_portfolio(
        [
            initiative("X", 60, 1, cost_low=55, cost_high=90, stop_probability=0.0),
            initiative("Y", 30, 1, cost_low=28, cost_high=55, stop_probability=0.0),
        ],
        periods=2,
        budget=100,
        benefits=[benefit("BX", "X", 120), benefit("BY", "Y", 70)],
        scenario=[{"id": "S"}, {"id": "Trygg", "confidence": 0.9, "confidence_scope": "pool_total"}],
    )


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def url(engines: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    engine = engines
    if engines.url.get_backend_name() == "sqlite":  # the command's own engine must reach it: a file
        engine = make_engine(f"sqlite:///{tmp_path / 'confidence.db'}")
        upgrade(engine)
    save_portfolio(engine=engine, portfolio=portfolio())
    monkeypatch.setenv("VEIKART_DEV_USER", "admin")
    yield engine.url.render_as_string(hide_password=False)
    if engine is not engines:
        engine.dispose()


def test_the_glue_plans_at_the_scenarios_confidence_or_on_the_point_estimates() -> None:
    made = plan_scenario(portfolio(), "Trygg")
    assert made.confidence is not None and made.confidence.confidence == 0.9
    assert made.confidence.scope == "pool_total" and made.confidence.method == "contingency"
    assert made.confidence.verdict in ("reached", "above", "below") and made.plan.has_plan
    assert "A plan at 90% confidence (each pool's total over the horizon must hold" in made.confidence.sentence()
    point = plan_scenario(portfolio(), "Trygg", point_estimates=True)
    assert point.confidence is None and point.plan.facts.status == "optimal"
    assert point.plan.npv >= made.plan.npv  # type: ignore[operator]
    assert plan_scenario(portfolio(), "S").confidence is None
    assert robust_options(resolve_scenario(portfolio(), "S")) is None
    assert robust_options(resolve_scenario(portfolio(), "Trygg"), 5.0) == RobustOptions(
        0.9, "pool_total", time_limit=5.0
    )


def test_optimize_plans_at_the_confidence_and_says_what_it_holds(url: str) -> None:
    result = run("optimize", "--scenario", "Trygg", "--json", "--database-url", url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["confidence"]["confidence"] == 0.9 and data["confidence"]["scope"] == "pool_total"
    assert data["confidence"]["verdict"] in ("reached", "above", "below")
    assert 0 <= data["confidence"]["achieved"] <= 1 and data["confidence"]["check_samples"] == 2000
    text = run("optimize", "--scenario", "Trygg", "--database-url", url)
    assert text.exit_code == 0, text.output
    assert "A plan at 90% confidence" in text.stdout and "of 2000 fresh futures" in text.stdout
    point = json.loads(
        run("optimize", "--scenario", "Trygg", "--point-estimates", "--json", "--database-url", url).stdout
    )
    assert point["confidence"] is None and point["status"] == "optimal"
    assert json.loads(run("optimize", "--scenario", "S", "--json", "--database-url", url).stdout)["confidence"] is None


def test_optimize_refuses_what_if_at_a_confidence(url: str) -> None:
    result = run("optimize", "--scenario", "Trygg", "--what-if", "--database-url", url)
    assert result.exit_code == 2 and "--point-estimates" in result.output


def test_run_stores_the_plan_at_the_confidence_and_its_check(url: str) -> None:
    first = run("run", "Trygg", "--json", "--database-url", url)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["confidence"]["confidence"] == 0.9 and not data["from_cache"]
    again = json.loads(run("run", "Trygg", "--json", "--database-url", url).stdout)
    assert again["from_cache"] and again["id"] == data["id"] and again["confidence"] == data["confidence"]
    point = json.loads(run("run", "Trygg", "--point-estimates", "--json", "--database-url", url).stdout)
    assert point["confidence"] is None and point["id"] != data["id"]
    text = run("run", "Trygg", "--database-url", url)
    assert f"Plan {data['id']} for Trygg" in text.stdout and "A plan at 90% confidence" in text.stdout
    engine = make_engine(url)
    try:
        plans = list_plans(engine, "Trygg")
    finally:
        engine.dispose()
    assert len(plans) == 2


def test_a_plan_at_a_confidence_is_not_tied_to_the_baseline_yet(url: str) -> None:
    result = run("run", "Trygg", "--against-baseline", "--database-url", url)
    assert result.exit_code == 1


def test_the_stored_check_comes_back_from_the_store(engines: Engine) -> None:
    save_portfolio(engine=engines, portfolio=portfolio())
    stored = load_portfolio(engine=engines)
    assert stored.scenarios.at["Trygg", "confidence"] == 0.9
    made = run_scenario(engines, stored, "Trygg", user=User(username="kari", role=COORDINATOR))
    again = run_scenario(engines, stored, "Trygg", user=None)  # reading a stored plan needs no right
    assert made.stored is not None and again.stored is not None and again.stored.from_cache
    assert again.confidence == made.confidence and isinstance(again.confidence, AtConfidence)
    assert again.stored.options["confidence"]["confidence"] == 0.9
