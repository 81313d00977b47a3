"""``planning core-index`` on files and on the database (SQLite, and PostgreSQL where configured)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine

from planning.cli import main
from planning.io.files import write_json
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from tests.uncertainty.test_core_index import three


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "three.json"
    write_json(three(), path)
    return path


def test_the_index_as_json_in_this_process(source: Path) -> None:
    result = run("core-index", "--from", source, "--scenario", "S", "--samples", 6, "--seed", 3, "--workers", 0,
                 "--time-limit", 10, "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shares = {r["id"]: (r["share"], r["klass"]) for r in data["initiatives"]}
    assert shares["X"] == (1.0, "core") and shares["Z"] == (0.0, "exterior")
    assert data["finished"] == 6 and data["engine"] == "loop" and not data["cancelled"]
    assert data["recommended"]["safe"] == ["X"] and "Y" in data["recommended"]["depends"]


def test_the_index_for_people(source: Path) -> None:
    result = run("core-index", "--from", source, "--scenario", "S", "--samples", 3, "--workers", 0)
    assert result.exit_code == 0, result.output
    assert "1 is safe to commit now" in result.stdout and "X " in result.stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--samples", "0"], "samples: 0"), (["--gap", "-1"], "gap: -1.0"), (["--workers", "-2"], "workers: -2")],
)
def test_bad_options_are_refused_by_name(source: Path, options: list[str], message: str) -> None:
    result = run("core-index", "--from", source, "--scenario", "S", *options)
    assert result.exit_code == 1 and message in result.stderr


def test_an_unknown_scenario_is_refused(source: Path) -> None:
    result = run("core-index", "--from", source, "--scenario", "Nowhere", "--workers", 0)
    assert result.exit_code == 1 and "unknown scenario 'Nowhere'" in result.stderr


@pytest.fixture
def database(engines: Engine, tmp_path: Path) -> Iterator[Engine]:
    """The test database, as a file for SQLite (another engine, the command's, must reach it)."""
    if engines.url.get_backend_name() != "sqlite":
        yield engines
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'core.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def test_the_index_of_a_stored_portfolio_stores_nothing(database: Engine) -> None:
    save_portfolio(engine=database, portfolio=three())
    before = load_portfolio(engine=database).records("initiative")
    url = database.url.render_as_string(hide_password=False)
    result = run("core-index", "--scenario", "S", "--samples", 4, "--seed", 3, "--workers", 0, "--json",
                 "--database-url", url)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert {r["id"]: r["klass"] for r in json.loads(result.stdout)["initiatives"]}["X"] == "core"
    assert load_portfolio(engine=database).records("initiative") == before
