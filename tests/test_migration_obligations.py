"""Migration 0011 (obligations): matches the model, and existing databases keep their rows."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from planning.domain.loading import build_portfolio
from planning.store.database import load_portfolio, save_portfolio, upgrade
from tests.conftest import small_raw_portfolio
from tests.test_migration_estimates import alembic
from tests.test_store import head_revision

REVISION = "0011"


def test_an_existing_database_keeps_its_rows_and_reads_no_obligations(engines: Engine) -> None:
    raw = small_raw_portfolio()
    raw["initiative"][0].update(obligation="equity", obligation_note="sameloven")
    save_portfolio(engine=engines, portfolio=build_portfolio(raw))
    alembic(engines, "downgrade", f"{REVISION}-1")
    columns = {c["name"] for c in inspect(engines).get_columns("initiative")}
    assert not columns & {"obligation", "obligation_note"}
    assert "release_obligations" not in {c["name"] for c in inspect(engines).get_columns("scenario")}
    with engines.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM initiative")).scalar_one() == 3
    upgrade(engines)
    with engines.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    stored = load_portfolio(engine=engines)
    assert list(stored.initiatives.index) == ["X", "Y", "Z"]
    assert set(stored.initiatives["obligation"]) == {"none"}  # what 0010 could not keep reads as no obligation
    assert set(stored.initiatives["obligation_note"]) == {""}
    assert not stored.scenarios["release_obligations"].astype(bool).any()


def test_obligations_are_stored_and_read_back(engines: Engine) -> None:
    raw = small_raw_portfolio()
    raw["initiative"][1].update(obligation="statutory", obligation_note="arkivlova")
    save_portfolio(engine=engines, portfolio=build_portfolio(raw))
    stored = load_portfolio(engine=engines).initiatives
    assert (stored.at["Y", "obligation"], stored.at["Y", "obligation_note"]) == ("statutory", "arkivlova")
