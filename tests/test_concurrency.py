"""Concurrent writers on overlapping rows: no update is lost, the data and the audit trail agree.

Each writer process saves initiative costs through :func:`save_portfolio_as` from its own
snapshot, round-robin over three rows, each value unique. Every attempt either lands or
gets a conflict; afterwards, per row, the landed values are exactly the audit trail's
updates, their versions run 2, 3, ... without a gap, each update starts from the value
the previous one left (nothing overwritten unseen), and the stored value is the last.

PostgreSQL: 8 processes x ``$VEIKART_STRESS_UPDATES`` updates (default 50, scaled down
from 200 to keep the suite fast on two shared cores; CI may set 200). SQLite (one file):
4 processes x 15, as its writers queue on one lock.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from planning.domain.loading import build_portfolio
from planning.store.access import User
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, make_engine, upgrade
from planning.store.shared import ConflictError, RowVersion, import_portfolio_as, load_snapshot, save_portfolio_as
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN

ROWS = ("X", "Y", "Z")
Outcome = tuple[str, float, bool]
"""(initiative, value tried, landed)."""


def writer(url: str, number: int, updates: int) -> list[Outcome]:
    """One user's session: save ``updates`` costs, continuing from each save or conflict."""
    engine = make_engine(url)
    user = User(f"writer{number}", "coordinator")
    snapshot = load_snapshot(engine)
    outcomes: list[Outcome] = []
    for k in range(updates):
        row = ROWS[(number + k) % len(ROWS)]
        value = float(number * 100_000 + k + 1)
        frame = snapshot.portfolio.initiatives.copy()
        frame.at[row, "total_cost"] = value
        after = dataclasses.replace(snapshot.portfolio, initiatives=frame)
        try:
            result = save_portfolio_as(
                engine=engine, portfolio=after, user=user, expected_versions=snapshot.versions, base=snapshot.portfolio
            )
        except ConflictError as conflict:
            snapshot = snapshot.refreshed(conflict.conflicts)
            outcomes.append((row, value, False))
        else:
            snapshot = snapshot.after_save(after, result)
            outcomes.append((row, value, True))
    engine.dispose()
    return outcomes


def run_writers(engine: Engine, url: str, writers: int, updates: int) -> list[Outcome]:
    import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN)
    engine.dispose()  # no pooled connection crosses the fork
    with multiprocessing.get_context("fork").Pool(writers) as pool:
        results = pool.starmap(writer, [(url, n, updates) for n in range(writers)])
    return [outcome for result in results for outcome in result]


def check_nothing_lost(engine: Engine, outcomes: list[Outcome], attempts: int) -> None:
    assert len(outcomes) == attempts
    landed: dict[str, set[float]] = defaultdict(set)
    for row, value, ok in outcomes:
        if ok:
            landed[row].add(value)
    assert sum(len(values) for values in landed.values()) > 0
    log = audit_log(engine, table="initiative", action="update")
    stored = load_portfolio(engine=engine).initiatives
    with Session(engine) as session:
        versions = {
            v.row_id: v.version for v in session.exec(select(RowVersion).where(RowVersion.table_name == "initiative"))
        }
    for row in ROWS:
        entries = log[log["row_id"] == row].sort_values("version")
        assert {e["total_cost"] for e in entries["after"]} == landed[row]
        assert entries["version"].tolist() == list(range(2, 2 + len(landed[row])))
        chain = [e["total_cost"] for e in entries["before"]][1:]
        assert chain == [e["total_cost"] for e in entries["after"]][:-1]  # each update saw the previous one
        last = entries["after"].iloc[-1]["total_cost"] if len(entries) else small_cost(row)
        assert stored.at[row, "total_cost"] == last
        assert versions[row] == 1 + len(landed[row])


def small_cost(row: str) -> float:
    return float(next(r["total_cost"] for r in small_raw_portfolio()["initiative"] if r["id"] == row))


@pytest.mark.postgres
def test_concurrent_writers_on_postgresql_lose_no_update(postgres_engine: Engine) -> None:
    updates = int(os.environ.get("VEIKART_STRESS_UPDATES", "50"))
    url = postgres_engine.url.render_as_string(hide_password=False)
    outcomes = run_writers(postgres_engine, url, 8, updates)
    check_nothing_lost(postgres_engine, outcomes, 8 * updates)


def test_concurrent_writers_on_sqlite_lose_no_update(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    outcomes = run_writers(engine, url, 4, 15)
    check_nothing_lost(engine, outcomes, 4 * 15)
    engine.dispose()
