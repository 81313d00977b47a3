"""``planning simulate`` through click's CliRunner: JSON for every pool-year, stored plans, bad input refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from planning.cli import main
from planning.optimise import optimise
from planning.optimise.inputs import resolve_scenario
from planning.plans.runs import list_plans, store_plan
from planning.store.access import COORDINATOR, User
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from tests.factories import benefit, initiative, tiny_portfolio

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
RUNNER = User("cora", COORDINATOR)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_simulate_the_sample_basis_gives_every_pool_years_chance_of_holding_as_json() -> None:
    result = run("simulate", "--from", SAMPLE, "--scenario", "Basis", "--samples", 300, "--seed", 4, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    years = {(r["pool"], r["year"]): r["p_within"] for r in data["pool_periods"]}
    assert len(years) == 48 and all(0 <= p <= 1 for p in years.values())
    assert data["options"] == {"samples": 300, "seed": 4, "policy": "defer", "distribution": "triangular",
                               "correlation": 0.3, "correlate_by": "lead_region"}  # fmt: skip
    again = run("simulate", "--from", SAMPLE, "--scenario", "Basis", "--samples", 300, "--seed", 4, "--json")
    assert json.loads(again.stdout) == data  # the same seed, the same answer


def test_simulate_prints_a_summary_for_people() -> None:
    result = run("simulate", "--from", SAMPLE, "--scenario", "Kutt20", "--samples", 200, "--policy", "report")
    assert result.exit_code == 0, result.output
    assert "Every pool-year within its envelope in" in result.stdout
    assert "P85 (kostnadsramme)" in result.stdout and "Steps: deadline" in result.stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--samples", "0"], "samples: 0 is outside the allowed 1 to 50000"),
        (["--samples", "50001"], "samples: 50001 is outside the allowed 1 to 50000"),
        (["--distribution", "lognormal"], "distribution: unknown name 'lognormal'; use one of triangular, pert"),
        (["--policy", "hope"], "policy: unknown name 'hope'"),
        (["--correlation", "-0.2"], "correlation: -0.2 is outside the allowed 0.0 to 0.99"),
    ],
)
def test_bad_options_are_refused_by_name(options: list[str], message: str) -> None:
    result = run("simulate", "--from", SAMPLE, "--scenario", "Basis", *options)
    assert result.exit_code == 1
    assert f"error: {message}" in result.stderr


def test_a_scenario_or_a_plan_must_be_named() -> None:
    assert run("simulate", "--from", SAMPLE).exit_code == 2
    assert run("simulate", "--from", SAMPLE, "--scenario", "Basis", "--plan", 1).exit_code == 2


def test_an_unknown_scenario_is_refused() -> None:
    result = run("simulate", "--from", SAMPLE, "--scenario", "Nowhere")
    assert result.exit_code == 1 and "unknown scenario 'Nowhere'" in result.stderr


@pytest.fixture
def database(engines: Engine, tmp_path: Path) -> Iterator[Engine]:
    """The test database, as a file for SQLite (another engine, the command's, must reach it)."""
    if engines.url.get_backend_name() != "sqlite":
        yield engines
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'simulate.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def test_simulate_a_stored_plan_and_store_nothing(database: Engine) -> None:
    engines = database
    portfolio = tiny_portfolio(
        [initiative("X", 10, 2, cost_high=20), initiative("Y", 10, 1)],
        periods=4,
        budget=15,
        benefits=[benefit("BX", "X", 12, lifetime=5), benefit("BY", "Y", 8, lifetime=5)],
        scenario=[{"id": "S"}],
    )
    save_portfolio(engine=engines, portfolio=portfolio)
    plan = optimise(portfolio, "S", explain=False)
    stored = store_plan(engines, plan, resolve_scenario(portfolio, "S"), {}, input_hash="test", user=RUNNER)
    url = engines.url.render_as_string(hide_password=False)
    before = (len(list_plans(engines)), len(audit_log(engines)), load_portfolio(engine=engines).records("initiative"))
    result = run("simulate", "--plan", stored.id, "--samples", 500, "--json", "--database-url", url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scenario"] == "S" and {r["id"] for r in data["initiatives"]} == set(plan.starts)
    refused = run("simulate", "--plan", stored.id, "--samples", -1, "--database-url", url)
    assert refused.exit_code == 1 and "samples: -1" in refused.stderr
    missing = run("simulate", "--plan", 999, "--database-url", url)
    assert missing.exit_code == 1 and "no stored plan 999" in missing.stderr
    after = (len(list_plans(engines)), len(audit_log(engines)), load_portfolio(engine=engines).records("initiative"))
    assert after == before
