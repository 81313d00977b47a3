"""The store: round trip, one transaction per save, migrations, database URLs.

Tests taking ``engines`` run on SQLite and, where ``PLANNING_TEST_DATABASE_URL`` is set,
on PostgreSQL (each in a schema of its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from planning.domain.loading import build_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.store.database import (
    HEAD_REVISION,
    MIGRATIONS,
    at_head,
    database_url,
    has_schema,
    is_empty,
    load_portfolio,
    make_engine,
    normalise_url,
    save_portfolio,
    upgrade,
)


def every_kind_of_cell() -> Portfolio:
    """A portfolio using every column kind: lists, pairs, dates, times, None, booleans, non-ASCII text."""
    return build_portfolio(
        {
            "horizon": [{"id": "default", "first_year": 2026, "periods": 8, "period_length": "half-year"}],
            "funding_pool": [
                {"id": "HSO", "name": "Helse Sør-Øst", "population_share": 0.56, "it_provider": "Sykehuspartner HF"},
                {"id": "HV", "name": "Helse Vest", "population_share": 0.44, "record_system": 'DIPS "Arena"'},
                {"id": "NHN", "name": "Norsk helsenett", "kind": "national"},
            ],
            "ambition_level": [
                {"id": "Basis", "rank": 2, "factor": 1.0, "description": "Dagens nivå"},
                {"id": "Høy", "rank": 3, "factor": 1.25},
            ],
            "envelope": [
                {"funding_pool_id": "HSO", "year": 2026, "ambition_level_id": "Basis", "amount": 120.5},
                {"funding_pool_id": "HV", "year": 2027, "ambition_level_id": "Høy", "amount": 0},
            ],
            "capacity_pool": [{"id": "DIPS", "name": "DIPS delivery", "limit": 2.5, "basis": "go_live"}],
            "alternative_group": [{"id": "STORE", "name": "National storage", "required": True}],
            "initiative": [
                {"id": "KJ", "name": "Kjernejournal", "area": "journal_collaboration", "lead_region": "HSO",
                 "participating_regions": ["HV", "NHN"], "status": "started", "duration": 2,
                 "cost_profile": [1.5, 2.25], "cost_sharing": "custom", "custom_shares": {"HSO": 0.5, "HV": 0.3,
                 "NHN": 0.2}, "earliest_start": "2026H2", "latest_finish": "2028H1", "mandatory": True,
                 "alternative_group_id": "STORE", "risk": "high", "capacity_usage": {"DIPS": 1},
                 "scores": {"patient_safety": 4.5, "legal": 5}},
                {"id": "PLL", "name": "Pasientens legemiddelliste", "area": "home_follow_up", "lead_region": "HV",
                 "duration": 1, "total_cost": 7, "cost_sharing": "population", "description": "Første steg\nto"},
            ],
            "dependency": [{"predecessor_id": "KJ", "successor_id": "PLL", "kind": "start_to_start", "lag": 1}],
            "benefit": [
                {"id": "B-KJ", "initiative_id": "KJ", "title": "Tid spart", "type": "freed_capacity",
                 "theme": "patient_safety", "baseline_value": 12.5, "baseline_date": "2025-01-31",
                 "target_value": 2, "target_date": dt.date(2030, 12, 31), "monetised": False, "annual_value": 3,
                 "ramp_up": [0.25, 0.5], "lag": 1, "lifetime": 8},
            ],
            "measurement": [
                {"benefit_id": "B-KJ", "year": 2027, "value": -1.5, "entered_at": "2027-03-01T12:30:00+01:00",
                 "entered_by": "Åse"},
                {"benefit_id": "B-KJ", "year": 2028, "value": 0},
            ],
            "scenario": [
                {"id": "Kutt", "ambition": {"HSO": "Høy"}, "budget_factor": 0.8,
                 "envelope_overrides": {"HV/2027": 55.5}, "forced_in": ["KJ"], "forced_out": ["PLL"],
                 "locked_starts": {"KJ": "2026H2"}, "discount_rate": 0.035, "objective": "benefit",
                 "completion_targets": ["KJ"], "carry_over": 0.5, "allow_stopping_started": True, "periods": 6},
                {"id": "Basis"},
            ],
        }
    )  # fmt: skip


def small_portfolio(initiatives: Iterable[str] = ("X",)) -> Portfolio:
    return build_portfolio(
        {
            "horizon": [{"id": "default", "first_year": 2026, "periods": 3}],
            "funding_pool": [{"id": "A", "name": "A", "population_share": 1}],
            "ambition_level": [{"id": "Basis", "rank": 1}],
            "initiative": [
                {"id": i, "name": i, "area": "citizen_services", "lead_region": "A", "duration": 1, "total_cost": 1}
                for i in initiatives
            ],
        }
    )


def by_id(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: str(r["id"]))


def assert_same(loaded: Portfolio, saved: Portfolio) -> None:
    for table in TABLE_MODELS:
        assert loaded.records(table) == by_id(saved.records(table)), table


# --- round trip --------------------------------------------------------------------------


def test_round_trip_keeps_every_value(engines: Engine) -> None:
    portfolio = every_kind_of_cell()
    save_portfolio(engine=engines, portfolio=portfolio)
    loaded = load_portfolio(engine=engines)
    assert_same(loaded, portfolio)
    kj = loaded.records("initiative")[0]
    assert kj["custom_shares"] == {"HSO": 0.5, "HV": 0.3, "NHN": 0.2}
    assert kj["mandatory"] is True and kj["total_cost"] is None
    benefit = loaded.records("benefit")[0]
    assert benefit["baseline_date"] == dt.date(2025, 1, 31) and benefit["monetised"] is False
    entered = loaded.records("measurement")[0]["entered_at"]
    assert entered == dt.datetime(2027, 3, 1, 11, 30, tzinfo=dt.UTC)


def test_rows_come_back_ordered_by_id(engines: Engine) -> None:
    save_portfolio(engine=engines, portfolio=small_portfolio(["Z", "A1", "M"]))
    assert list(load_portfolio(engine=engines).initiatives.index) == ["A1", "M", "Z"]


def test_save_replaces_the_stored_portfolio(engines: Engine) -> None:
    save_portfolio(engine=engines, portfolio=every_kind_of_cell())
    smaller = small_portfolio(["X", "Y"])
    save_portfolio(engine=engines, portfolio=smaller)
    assert_same(load_portfolio(engine=engines), smaller)


def test_a_loaded_portfolio_saves_again(engines: Engine) -> None:
    save_portfolio(engine=engines, portfolio=every_kind_of_cell())
    loaded = load_portfolio(engine=engines)
    save_portfolio(engine=engines, portfolio=loaded)
    assert_same(load_portfolio(engine=engines), loaded)


def test_values_edited_into_the_frames_are_stored_as_plain_values(engines: Engine) -> None:
    portfolio = small_portfolio(["X"])
    portfolio.initiatives["duration"] = portfolio.initiatives["duration"].astype("int64")  # numpy scalars
    portfolio.initiatives.loc["X", "total_cost"] = float("nan")
    portfolio.initiatives.loc["X", "cost_profile"] = [2.0]
    save_portfolio(engine=engines, portfolio=portfolio)
    [row] = load_portfolio(engine=engines).records("initiative")
    assert (row["duration"], row["total_cost"], row["cost_profile"]) == (1, None, [2.0])


# --- a failed save changes nothing -------------------------------------------------------


def test_invalid_portfolio_is_never_stored(engines: Engine) -> None:
    stored = every_kind_of_cell()
    save_portfolio(engine=engines, portfolio=stored)
    invalid = small_portfolio(["X"])
    invalid.initiatives.loc["X", "lead_region"] = "Q"
    with pytest.raises(InvalidPortfolio) as raised:
        save_portfolio(engine=engines, portfolio=invalid)
    assert [p.location for p in raised.value.problems] == ["initiative/X/lead_region"]
    assert_same(load_portfolio(engine=engines), stored)


def test_row_level_errors_are_never_stored(engines: Engine) -> None:
    invalid = small_portfolio(["X"])
    invalid.initiatives.loc["X", "area"] = "home"
    with pytest.raises(InvalidPortfolio, match="initiative/X/area: 'home' is not allowed"):
        save_portfolio(engine=engines, portfolio=invalid)
    assert is_empty(engines)


def test_error_in_the_middle_of_the_write_rolls_back(engines: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    stored = every_kind_of_cell()
    save_portfolio(engine=engines, portfolio=stored)
    original = Session.add_all
    added: list[str] = []

    def fail_at_initiatives(self: Session, instances: Iterable[object]) -> None:
        rows = list(instances)
        if rows and type(rows[0]).__tablename__ == "initiative":  # type: ignore[attr-defined]
            raise RuntimeError("connection lost")
        added.extend(type(r).__tablename__ for r in rows)  # type: ignore[attr-defined]
        original(self, rows)

    monkeypatch.setattr(Session, "add_all", fail_at_initiatives)
    with pytest.raises(RuntimeError, match="connection lost"):
        save_portfolio(engine=engines, portfolio=small_portfolio(["X", "Y"]))
    monkeypatch.undo()
    assert "funding_pool" in added  # the old rows were deleted and new ones written before the failure
    assert_same(load_portfolio(engine=engines), stored)


def test_database_constraint_violation_rolls_back(engines: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    stored = every_kind_of_cell()
    save_portfolio(engine=engines, portfolio=stored)
    clashing = small_portfolio(["X", "Y"])
    original = Portfolio.models

    def same_id_twice(self: Portfolio, table: str) -> list[Any]:
        rows = original(self, table)
        if table == "initiative":
            rows[1].id = rows[0].id
        return rows

    monkeypatch.setattr(Portfolio, "models", same_id_twice)
    with pytest.raises(IntegrityError):
        save_portfolio(engine=engines, portfolio=clashing)
    monkeypatch.undo()
    assert_same(load_portfolio(engine=engines), stored)


# --- schema ------------------------------------------------------------------------------


def test_upgrade_is_idempotent(engines: Engine) -> None:
    portfolio = small_portfolio()
    save_portfolio(engine=engines, portfolio=portfolio)
    upgrade(engines)
    upgrade(engines)
    assert_same(load_portfolio(engine=engines), portfolio)
    with engines.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == [head_revision()]
    assert set(TABLE_MODELS) <= set(inspect(engines).get_table_names())


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def test_the_head_revision_known_without_alembic_is_alembics_head() -> None:
    assert head_revision() == HEAD_REVISION


def test_a_store_at_the_head_is_not_upgraded_again(engines: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    upgrade(engines)
    assert at_head(engines)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Alembic ran on a store at the head")

    monkeypatch.setattr("alembic.command.upgrade", refuse)
    upgrade(engines)


def test_schema_comes_from_alembic() -> None:
    engine = make_engine("sqlite://")
    assert not has_schema(engine)
    upgrade(engine)
    assert has_schema(engine)
    assert "alembic_version" in inspect(engine).get_table_names()


def test_is_empty(engines: Engine) -> None:
    assert is_empty(engines)
    assert_same(load_portfolio(engine=engines), Portfolio.empty())
    save_portfolio(engine=engines, portfolio=small_portfolio())
    assert not is_empty(engines)


# --- database URLs -----------------------------------------------------------------------


def test_default_database_is_sqlite_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("VEIKART_DATA_DIR", raising=False)
    assert database_url() == "sqlite:///var/veikart.db"
    monkeypatch.setenv("VEIKART_DATA_DIR", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path}/data/veikart.db"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        ("postgres://u:p@db/veikart", "postgresql+psycopg://u:p@db/veikart"),
        ("postgresql+psycopg://u@db/v", "postgresql+psycopg://u@db/v"),
        ("sqlite:////srv/veikart.db", "sqlite:////srv/veikart.db"),
    ],
)
def test_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch, given: str, used: str) -> None:
    monkeypatch.setenv("DATABASE_URL", given)
    assert database_url() == used
    assert normalise_url(given) == used


def test_sqlite_file_folder_is_created(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/new/folder/veikart.db")
    upgrade(engine)
    engine.dispose()
    assert (tmp_path / "new" / "folder" / "veikart.db").is_file()
