"""Authorised, versioned, audited saves on SQLite and PostgreSQL (``engines``)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from planning.domain.loading import build_portfolio
from planning.domain.problems import InvalidPortfolio
from planning.store.access import PermissionDenied, User
from planning.store.audit import AppendOnly, AuditEntry, audit_log
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.shared import (
    ConflictError,
    Snapshot,
    import_portfolio_as,
    load_snapshot,
    save_portfolio_as,
)
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN, COORDINATOR, EDITOR_A, VIEWER, changed

OLA = User("ola", "coordinator", display_name="Ola Nordmann")


@pytest.fixture
def engine(engines: Engine) -> Engine:
    """A database holding the small portfolio, imported by the admin."""
    import_portfolio_as(engine=engines, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN, note="seed")
    return engines


def save(engine: Engine, snapshot: Snapshot, user: User | None, **fields: object) -> Snapshot:
    """Set fields of initiative X from ``snapshot`` as ``user``; the snapshot to continue from."""
    after = changed(snapshot.portfolio, "initiative", "X", **fields)
    result = save_portfolio_as(
        engine=engine, portfolio=after, user=user, expected_versions=snapshot.versions, base=snapshot.portfolio
    )
    return snapshot.after_save(after, result)


def test_a_save_writes_only_the_changed_row_with_its_version_and_audit_entry(engine: Engine) -> None:
    snapshot = load_snapshot(engine)
    assert snapshot.version("initiative", "X") == 1
    after = save(engine, snapshot, COORDINATOR, total_cost=12.5)
    assert after.version("initiative", "X") == 2
    stored = load_portfolio(engine=engine)
    assert stored.initiatives.at["X", "total_cost"] == 12.5
    log = audit_log(engine, table="initiative", action="update")
    assert log[["actor", "role", "row_id", "version"]].values.tolist() == [["cora", "coordinator", "X", 2]]
    assert (log.at[0, "before"]["total_cost"], log.at[0, "after"]["total_cost"]) == (10.0, 12.5)


def test_an_infinite_value_is_refused_and_one_stored_before_the_limits_can_be_cleared(engine: Engine) -> None:
    snapshot = load_snapshot(engine)
    for value, shown in ((math.inf, "inf"), (-math.inf, "-inf"), (1e308, None)):
        after = snapshot.portfolio.copy()  # as a caller of the Python API may build it, unchecked
        after.benefits.at["BX", "target_value"] = value
        with pytest.raises(InvalidPortfolio) as refused:
            save_portfolio_as(
                engine=engine, portfolio=after, user=ADMIN, expected_versions=snapshot.versions, base=snapshot.portfolio
            )
        expected = f"{shown} is infinite or too large to be a number" if shown else "less than or equal to"
        assert "benefit/BX/target_value: " in str(refused.value) and expected in str(refused.value)
    assert load_portfolio(engine=engine).benefits.at["BX", "target_value"] is None
    with engine.begin() as connection:  # as a database written before the limits may hold it
        connection.execute(text("UPDATE benefit SET target_value = :value WHERE id = 'BX'"), {"value": math.inf})
    snapshot = load_snapshot(engine)
    assert snapshot.portfolio.benefits.at["BX", "target_value"] == math.inf
    after = changed(snapshot.portfolio, "benefit", "BX", target_value=None)
    save_portfolio_as(
        engine=engine, portfolio=after, user=ADMIN, expected_versions=snapshot.versions, base=snapshot.portfolio
    )
    stored = load_portfolio(engine=engine).benefits.at["BX", "target_value"]
    assert stored is None or math.isnan(stored)
    log = audit_log(engine, table="benefit", action="update")
    assert [(entry["before"]["target_value"], entry["after"]["target_value"]) for _, entry in log.iterrows()] == [
        ("inf", None)
    ]


def test_the_second_of_two_users_saving_the_same_row_gets_a_conflict_showing_the_first_change(engine: Engine) -> None:
    mine, theirs = load_snapshot(engine), load_snapshot(engine)
    save(engine, theirs, OLA, total_cost=20.0, name="X (revised)")
    with pytest.raises(ConflictError) as conflict:
        save(engine, mine, COORDINATOR, total_cost=11.0)
    message = str(conflict.value)
    assert "initiative 'X' was changed by ola at " in message
    assert "total_cost: 10.0 → 20.0" in message and "name: 'X' → 'X (revised)'" in message
    assert "your change, not saved: total_cost: 10.0 → 11.0" in message
    assert load_portfolio(engine=engine).initiatives.at["X", "total_cost"] == 20.0  # no silent overwrite
    assert conflict.value.conflicts[0].current_version == 2
    again = save(engine, mine.refreshed(conflict.value.conflicts), COORDINATOR, total_cost=11.0)
    assert again.version("initiative", "X") == 3


def test_users_editing_different_rows_both_land(engine: Engine) -> None:
    mine, theirs = load_snapshot(engine), load_snapshot(engine)
    save(engine, theirs, OLA, total_cost=20.0)
    after = changed(mine.portfolio, "initiative", "Z", total_cost=5.0)
    save_portfolio_as(
        engine=engine, portfolio=after, user=COORDINATOR, expected_versions=mine.versions, base=mine.portfolio
    )
    stored = load_portfolio(engine=engine).initiatives
    assert (stored.at["X", "total_cost"], stored.at["Z", "total_cost"]) == (20.0, 5.0)


def test_a_write_that_bypasses_the_versions_is_still_never_overwritten(engine: Engine) -> None:
    snapshot = load_snapshot(engine)
    save_portfolio(engine=engine, portfolio=changed(snapshot.portfolio, "initiative", "X", total_cost=30.0))
    with pytest.raises(ConflictError, match="someone outside the versioned store"):
        save(engine, snapshot, COORDINATOR, total_cost=11.0)


def test_a_change_that_is_invalid_together_with_others_changes_is_refused(engine: Engine) -> None:
    mine, theirs = load_snapshot(engine), load_snapshot(engine)
    dependency = {"predecessor_id": "Y", "successor_id": "Z"}
    theirs_after = changed(theirs.portfolio, "dependency", "Y->Z", **dependency)
    save_portfolio_as(
        engine=engine, portfolio=theirs_after, user=OLA, expected_versions=theirs.versions, base=theirs.portfolio
    )
    mine_after = changed(mine.portfolio, "dependency", "Z->X", predecessor_id="Z", successor_id="X")  # valid alone
    with pytest.raises(InvalidPortfolio, match="together with changes others saved meanwhile") as invalid:
        save_portfolio_as(
            engine=engine, portfolio=mine_after, user=COORDINATOR, expected_versions=mine.versions, base=mine.portfolio
        )
    assert "cycle" in str(invalid.value)
    assert "Z->X" not in set(load_portfolio(engine=engine).dependencies.index)


def test_a_refused_or_invalid_save_writes_nothing(engine: Engine) -> None:
    snapshot = load_snapshot(engine)
    before = audit_log(engine)
    with pytest.raises(PermissionDenied):
        save(engine, snapshot, VIEWER, total_cost=11.0)
    with pytest.raises(PermissionDenied):
        save(engine, snapshot, None, total_cost=11.0)
    bad = snapshot.portfolio.copy()
    bad.initiatives.at["X", "name"] = "x" * 201
    with pytest.raises(InvalidPortfolio, match="initiative/X/name: String should have at most 200 characters"):
        save_portfolio_as(
            engine=engine, portfolio=bad, user=ADMIN, expected_versions=snapshot.versions, base=snapshot.portfolio
        )
    assert len(audit_log(engine)) == len(before)
    assert load_snapshot(engine).versions == snapshot.versions


def test_an_import_is_one_transaction_checked_row_by_row_and_audited(engine: Engine) -> None:
    raw = small_raw_portfolio()
    raw["envelope"][0]["amount"] = 150
    raw["initiative"][0]["total_cost"] = 99  # X, led by A
    portfolio = build_portfolio(raw)
    result = import_portfolio_as(engine=engine, portfolio=portfolio, user=EDITOR_A, note="plan.xlsx")
    assert {c.key for c in result.changes} == {("envelope", "A/2026/Basis"), ("initiative", "X")}
    entry = audit_log(engine, action="import").iloc[-1]
    assert (entry["actor"], entry["note"], entry["after"]) == (
        "reka",
        "plan.xlsx",
        {"envelope": {"update": 1}, "initiative": {"update": 1}},
    )
    raw["initiative"][1]["total_cost"] = 1  # Y, led by B: the whole import is refused
    with pytest.raises(PermissionDenied, match="initiative 'Y'"):
        import_portfolio_as(engine=engine, portfolio=build_portfolio(raw), user=EDITOR_A)
    assert load_portfolio(engine=engine).initiatives.at["Y", "total_cost"] == 6.0
    with pytest.raises(PermissionDenied, match="may not import"):
        import_portfolio_as(engine=engine, portfolio=portfolio, user=VIEWER)


def test_the_audit_trail_is_append_only_in_the_domain_and_the_database(engine: Engine) -> None:
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry)).first()
        assert entry is not None
        entry.note = "rewritten"
        with pytest.raises(AppendOnly):
            session.flush()
    for statement in ("UPDATE audit_entry SET note = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    assert len(audit_log(engine)) == 17


def test_committed_work_survives_a_restart_of_the_store_mid_session(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN)
    snapshot = save(engine, load_snapshot(engine), COORDINATOR, total_cost=12.0)
    engine.dispose()  # the app restarts; the user's session keeps its snapshot
    restarted = make_engine(url)
    save(restarted, snapshot, COORDINATOR, total_cost=13.0)
    assert load_portfolio(engine=restarted).initiatives.at["X", "total_cost"] == 13.0
    assert audit_log(restarted, table="initiative", row_id="X")["version"].tolist() == [1, 2, 3]
    restarted.dispose()


def _backend_pids(engine: Engine, count: int) -> list[int]:
    """The server process ids of ``count`` pooled connections of ``engine``."""
    connections = [engine.connect() for _ in range(count)]
    pids = [int(c.execute(text("SELECT pg_backend_pid()")).scalar_one()) for c in connections]
    for connection in connections:
        connection.close()
    return pids


@pytest.mark.postgres
def test_committed_work_survives_the_database_dropping_every_session(postgres_engine: Engine) -> None:
    engine = postgres_engine
    import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN)
    snapshot = save(engine, load_snapshot(engine), COORDINATOR, total_cost=12.0)
    killer = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        open_write = engine.connect()
        transaction = open_write.begin()
        open_write.execute(text("UPDATE initiative SET total_cost = 999 WHERE id = 'X'"))  # never committed
        pids = [*_backend_pids(engine, 2), open_write.execute(text("SELECT pg_backend_pid()")).scalar_one()]
        with killer.begin() as connection:
            for pid in pids:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        with pytest.raises(DBAPIError):
            transaction.commit()
        open_write.close()
    finally:
        killer.dispose()
    snapshot = save(engine, snapshot, COORDINATOR, total_cost=13.0)  # the pool reconnects
    assert load_portfolio(engine=engine).initiatives.at["X", "total_cost"] == 13.0
    assert audit_log(engine, table="initiative", row_id="X")["version"].tolist() == [1, 2, 3]
