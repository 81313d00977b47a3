"""``planning robust`` and ``planning price`` on a stored tiny portfolio (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from planning.cli import main
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from tests.factories import benefit, initiative, tiny_portfolio

QUICK = ("--method", "saa", "--samples", "30", "--check-samples", "300")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def url(engines: Engine, tmp_path: Path) -> Iterator[str]:
    """A stored tiny portfolio whose scenario Trygg asks for 90 % on each pool's total."""
    engine = engines
    if engines.url.get_backend_name() == "sqlite":  # the command's own engine must reach it: a file
        engine = make_engine(f"sqlite:///{tmp_path / 'robust.db'}")
        upgrade(engine)
    portfolio = tiny_portfolio(
        [
            initiative("X", 60, 1, cost_low=55, cost_high=90, stop_probability=0.0),
            initiative("Y", 30, 1, cost_low=28, cost_high=55, stop_probability=0.0),
        ],
        periods=2,
        budget=100,
        benefits=[benefit("BX", "X", 120), benefit("BY", "Y", 70)],
        scenario=[{"id": "S"}, {"id": "Trygg", "confidence": 0.9, "confidence_scope": "pool_total"}],
    )
    save_portfolio(engine=engine, portfolio=portfolio)
    stored = load_portfolio(engine=engine).scenarios
    assert stored.at["Trygg", "confidence"] == 0.9 and stored.at["Trygg", "confidence_scope"] == "pool_total"
    yield engine.url.render_as_string(hide_password=False)
    if engine is not engines:
        engine.dispose()


def test_robust_takes_the_scenarios_own_confidence_and_says_what_it_achieved(url: str) -> None:
    result = run("robust", "--scenario", "Trygg", *QUICK, "--json", "--database-url", url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["options"]["confidence"] == 0.9 and data["options"]["scope"] == "pool_total"
    assert data["status"] == "optimal" and data["gap"] is not None and data["gap"] <= 1e-4
    assert data["verdict"] in ("reached", "below", "above") and 0 <= data["achieved"] <= 1
    assert data["options"]["check_seed"] != data["options"]["seed"]
    text = run("robust", "--scenario", "S", "--confidence", "0.7", *QUICK, "--database-url", url)
    assert text.exit_code == 0, text.output
    assert (
        "Scenario S at confidence 70%, each envelope (pool and year) must hold; method scenario-based MILP"
        in text.stdout
    )
    assert "proven gap" in text.stdout and "fresh futures" in text.stdout


def test_price_compares_the_point_plan_with_each_level(url: str) -> None:
    result = run("price", "--scenario", "S", "--levels", "0.5,0.9", *QUICK, "--json", "--database-url", url)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert [r["confidence"] for r in rows] == [None, 0.5, 0.9]
    assert rows[0]["npv"] >= rows[1]["npv"] >= rows[2]["npv"]
    table = run("price", "--scenario", "S", "--levels", "0.5", *QUICK, "--database-url", url)
    assert table.exit_code == 0 and "point" in table.stdout and "50%" in table.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("robust", "--scenario", "S", "--confidence", "1.5"), 1, "confidence: 1.5 is outside the allowed 0.5 to 0.99"),
        (("robust", "--scenario", "Nowhere"), 1, "unknown scenario 'Nowhere'"),
        (("price", "--scenario", "S", "--levels", "high"), 2, "--levels takes numbers"),
        (("price", "--scenario", "S", "--levels", "0.5,0.3"), 1, "confidence: 0.3 is outside"),
    ],
)
def test_bad_input_is_refused_by_name(url: str, args: tuple[str, ...], code: int, message: str) -> None:
    result = run(*args, "--database-url", url)
    assert result.exit_code == code, result.output
    assert message in result.output
