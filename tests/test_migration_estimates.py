"""Migration 0007 (uncertain estimates): matches the model, and existing databases keep their rows."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from planning.domain.estimates import ESTIMATE_COLUMNS
from planning.domain.loading import build_portfolio
from planning.store.database import MIGRATIONS, load_portfolio, save_portfolio, upgrade
from tests.conftest import small_raw_portfolio
from tests.test_store import head_revision

REVISION = "0007"


def alembic(engine: Engine, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_the_migration_matches_the_initiative_table(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert [d for d in diffs if "initiative" in repr(d)] == []


def test_an_existing_database_keeps_its_initiatives_and_reads_blank_estimates(engines: Engine) -> None:
    raw = small_raw_portfolio()
    raw["initiative"][0].update(cost_high=20.0, stop_probability=0.1)
    save_portfolio(engine=engines, portfolio=build_portfolio(raw))
    alembic(engines, "downgrade", f"{REVISION}-1")  # to the revision before this one
    columns = {c["name"] for c in inspect(engines).get_columns("initiative")}
    assert not columns & set(ESTIMATE_COLUMNS)
    with engines.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM initiative")).scalar_one() == 3
    upgrade(engines)
    with engines.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    stored = load_portfolio(engine=engines).initiatives
    assert list(stored.index) == ["X", "Y", "Z"]
    assert stored[list(ESTIMATE_COLUMNS)].isna().all().all()  # what 0006 could not keep reads as the defaults
