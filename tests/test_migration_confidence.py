"""Migration 0010 (scenario confidence): matches the model, and existing scenarios read as point-estimate plans."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from planning.domain.loading import build_portfolio
from planning.store.database import load_portfolio, save_portfolio, upgrade
from tests.conftest import small_raw_portfolio
from tests.test_migration_estimates import alembic
from tests.test_store import head_revision

REVISION = "0010"


def test_the_migration_matches_the_scenario_table(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert [d for d in diffs if "scenario" in repr(d) and "confidence" in repr(d)] == []


def test_an_existing_database_keeps_its_scenarios_and_reads_them_as_point_estimate_plans(engines: Engine) -> None:
    raw = small_raw_portfolio()
    raw["scenario"] = [{"id": "Basis"}, {"id": "Trygg", "confidence": 0.9, "confidence_scope": "pool_total"}]
    save_portfolio(engine=engines, portfolio=build_portfolio(raw))
    assert load_portfolio(engine=engines).scenarios.at["Trygg", "confidence"] == 0.9
    alembic(engines, "downgrade", f"{REVISION}-1")
    columns = {c["name"] for c in inspect(engines).get_columns("scenario")}
    assert not columns & {"confidence", "confidence_scope"}
    with engines.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM scenario")).scalar_one() == 2
    upgrade(engines)
    with engines.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    stored = load_portfolio(engine=engines).scenarios
    assert sorted(stored.index) == ["Basis", "Trygg"]
    assert stored["confidence"].isna().all()  # what 0009 could not keep reads as the point estimates
    assert list(stored["confidence_scope"]) == ["envelope", "envelope"]
