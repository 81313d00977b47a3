"""Shared fixtures: databases migrated through Alembic.

``sqlite_engine`` is an in-memory SQLite database. ``engines`` runs a test on SQLite and,
where ``PLANNING_TEST_DATABASE_URL`` names a PostgreSQL database, on PostgreSQL too. Each
PostgreSQL test gets a schema of its own (``t_<random>``, set as the connection's
``search_path``) that is dropped afterwards, so concurrent runs and other tables in the
same database never meet.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text

from planning.store.database import make_engine, normalise_url, upgrade

PG_URL_VARIABLE = "PLANNING_TEST_DATABASE_URL"


def postgres_url() -> str | None:
    """The PostgreSQL test database, or ``None`` when PostgreSQL tests are off."""
    url = os.environ.get(PG_URL_VARIABLE, "").strip()
    return normalise_url(url) if url else None


def _with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(autouse=True)
def english_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks English in tests unless a test asks for bokmål (``--lang nb`` or ``LANG``)."""
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def sqlite_engine() -> Iterator[Engine]:
    """An in-memory SQLite database with the schema made by Alembic."""
    engine = make_engine("sqlite://")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A fresh schema in the PostgreSQL test database, migrated by Alembic, dropped afterwards."""
    url = postgres_url()
    if url is None:
        pytest.skip(f"set {PG_URL_VARIABLE} to run PostgreSQL tests")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(_with_search_path(url, schema))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _database_params() -> list[object]:
    params: list[object] = [pytest.param("sqlite", id="sqlite")]
    params.append(
        pytest.param(
            "postgres",
            id="postgres",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(postgres_url() is None, reason=f"set {PG_URL_VARIABLE} to run PostgreSQL tests"),
            ],
        )
    )
    return params


@pytest.fixture(params=_database_params())
def engines(request: pytest.FixtureRequest) -> Engine:
    """Each test database in turn: SQLite always, PostgreSQL where configured."""
    name: str = request.param
    return request.getfixturevalue("sqlite_engine" if name == "sqlite" else "postgres_engine")


def small_raw_portfolio() -> dict[str, list[dict[str, Any]]]:
    """A small valid portfolio as raw rows, for tests to break one rule at a time.

    Pools A and B are regions with population shares, N a national funder without one.
    Initiatives X, Y and Z run over a 2026-2029 horizon; Y waits for X.
    """
    return {
        "horizon": [{"id": "default", "first_year": 2026, "periods": 4, "period_length": "year"}],
        "funding_pool": [
            {"id": "A", "name": "Region A", "population_share": 0.6},
            {"id": "B", "name": "Region B", "population_share": 0.4},
            {"id": "N", "name": "National funder", "kind": "national"},
        ],
        "ambition_level": [{"id": "Basis", "rank": 2, "factor": 1.0}, {"id": "Lav", "rank": 1, "factor": 0.8}],
        "envelope": [{"funding_pool_id": "A", "year": 2026, "ambition_level_id": "Basis", "amount": 100}],
        "capacity_pool": [{"id": "SUP", "name": "Supplier", "limit": 2}],
        "alternative_group": [{"id": "G", "name": "Where documents are kept"}],
        "initiative": [
            {"id": "X", "name": "X", "area": "shared_infrastructure", "lead_region": "A", "duration": 1,
             "total_cost": 10, "cost_sharing": "lead"},
            {"id": "Y", "name": "Y", "area": "journal_collaboration", "lead_region": "B", "duration": 2,
             "total_cost": 6, "cost_sharing": "population", "participating_regions": ["A"]},
            {"id": "Z", "name": "Z", "area": "citizen_services", "lead_region": "A", "duration": 1,
             "total_cost": 4, "cost_sharing": "equal"},
        ],
        "dependency": [{"predecessor_id": "X", "successor_id": "Y"}],
        "benefit": [{"id": "BX", "initiative_id": "X", "title": "Less time spent", "annual_value": 3}],
        "measurement": [{"benefit_id": "BX", "year": 2027, "value": 1.5}],
        "scenario": [{"id": "S", "ambition": {"A": "Lav"}, "forced_in": ["X"]}],
    }  # fmt: skip


@pytest.fixture
def raw() -> dict[str, list[dict[str, Any]]]:
    """A fresh copy of :func:`small_raw_portfolio`."""
    return small_raw_portfolio()
