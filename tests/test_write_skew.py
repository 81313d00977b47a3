"""Two saves that are each valid but together make a dependency cycle: exactly one is stored.

Two processes read the same portfolio, wait at a barrier, then save at the same moment:
one adds the dependency X -> Z, the other Z -> X. Each save is valid on its own; together
they make the cycle X -> Z -> X. Saves serialise per portfolio (on PostgreSQL an advisory
lock, on SQLite the database's write lock), and the later one validates the combination
inside its transaction, so in every try one lands and the other is refused with the cycle
named. A measurement written at the same moment as its benefit is deleted is the same race
across two write paths.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine

from planning.domain.graph import dependency_graph, find_cycles
from planning.domain.loading import build_portfolio
from planning.domain.models import Dependency
from planning.domain.portfolio import frame_from_models
from planning.domain.problems import InvalidPortfolio
from planning.realisation.measurements import record_measurement
from planning.store.access import User
from planning.store.database import load_portfolio, make_engine, upgrade
from planning.store.shared import import_portfolio_as, load_snapshot, save_portfolio_as
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN

TRIES = 20
ORPHAN_TRIES = 10
COORDINATOR = User("kari", "coordinator")


def _add_dependency(url: str, predecessor: str, successor: str, barrier: Barrier, results: Any) -> None:
    """One user's save of ``predecessor -> successor``, started when both users are ready."""
    engine = make_engine(url)
    snapshot = load_snapshot(engine)
    row = Dependency(id=f"{predecessor}->{successor}", predecessor_id=predecessor, successor_id=successor)
    frame = pd.concat([snapshot.portfolio.dependencies, frame_from_models("dependency", [row])])
    after = dataclasses.replace(snapshot.portfolio, dependencies=frame)
    barrier.wait()
    _report(results, str(row.id), lambda: save_portfolio_as(
        engine=engine, portfolio=after, user=COORDINATOR, expected_versions=snapshot.versions, base=snapshot.portfolio
    ))  # fmt: skip
    engine.dispose()


def _race(engine: Engine, url: str) -> list[tuple[str, str, str]]:
    """Reset the portfolio, then let two processes add X -> Z and Z -> X at once."""
    import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN)
    engine.dispose()  # no pooled connection crosses the fork
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=_add_dependency, args=(url, a, b, barrier, results)) for a, b in (("X", "Z"), ("Z", "X"))
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    return outcomes


def check_no_cycle_stored(engine: Engine, url: str) -> None:
    for attempt in range(TRIES):
        outcomes = _race(engine, url)
        kinds = sorted(kind for _, kind, _ in outcomes)
        assert kinds == ["refused", "saved"], f"try {attempt + 1}: {outcomes}"
        message = next(text for _, kind, text in outcomes if kind == "refused")
        assert "together with changes others saved meanwhile" in message
        assert "dependency cycle" in message and "X" in message and "Z" in message
        assert find_cycles(dependency_graph(load_portfolio(engine=engine)), limit=1) == []


@pytest.mark.postgres
def test_concurrent_saves_cannot_store_a_cycle_on_postgresql(postgres_engine: Engine) -> None:
    check_no_cycle_stored(postgres_engine, postgres_engine.url.render_as_string(hide_password=False))


def test_concurrent_saves_cannot_store_a_cycle_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    check_no_cycle_stored(engine, url)
    engine.dispose()


def _delete_benefit(url: str, barrier: Barrier, results: Any) -> None:
    """An admin deletes benefit BX (and its one measurement), started when both users are ready."""
    engine = make_engine(url)
    snapshot = load_snapshot(engine)
    portfolio = snapshot.portfolio
    after = dataclasses.replace(
        portfolio,
        benefits=portfolio.benefits.drop(index="BX"),
        measurements=portfolio.measurements[portfolio.measurements["benefit_id"] != "BX"],
    )
    barrier.wait()
    _report(results, "delete", lambda: save_portfolio_as(
        engine=engine, portfolio=after, user=ADMIN, expected_versions=snapshot.versions, base=portfolio
    ))  # fmt: skip
    engine.dispose()


def _measure(url: str, barrier: Barrier, results: Any) -> None:
    """An admin records a realised value of BX, started when both users are ready."""
    engine = make_engine(url)
    barrier.wait()
    _report(results, "measure", lambda: record_measurement(
        engine, benefit_id="BX", year=2026, value=1.0, user=ADMIN, entered_by="ola"
    ))  # fmt: skip
    engine.dispose()


def _report(results: Any, name: str, save: Any) -> None:
    try:
        save()
    except InvalidPortfolio as exc:
        results.put((name, "refused", str(exc)))
    except Exception as exc:  # anything else is a failure the test reports
        results.put((name, type(exc).__name__, str(exc)))
    else:
        results.put((name, "saved", ""))


def check_no_orphan_measurement(engine: Engine, url: str) -> None:
    for attempt in range(ORPHAN_TRIES):
        import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN)
        engine.dispose()
        context = multiprocessing.get_context("fork")
        barrier, results = context.Barrier(2), context.Queue()
        workers = [context.Process(target=t, args=(url, barrier, results)) for t in (_delete_benefit, _measure)]
        for worker in workers:
            worker.start()
        outcomes = dict((name, (kind, text)) for name, kind, text in (results.get(timeout=120) for _ in workers))
        for worker in workers:
            worker.join(timeout=60)
        assert sorted(kind for kind, _ in outcomes.values()) == ["refused", "saved"], f"try {attempt + 1}: {outcomes}"
        stored = load_portfolio(engine=engine)
        assert set(stored.measurements["benefit_id"]) <= set(stored.benefits.index)
        assert "BX" in outcomes[next(name for name, (kind, _) in outcomes.items() if kind == "refused")][1]


@pytest.mark.postgres
def test_measurement_and_benefit_deletion_at_once_leave_no_orphan_on_postgresql(postgres_engine: Engine) -> None:
    check_no_orphan_measurement(postgres_engine, postgres_engine.url.render_as_string(hide_password=False))


def test_measurement_and_benefit_deletion_at_once_leave_no_orphan_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    check_no_orphan_measurement(engine, url)
    engine.dispose()
