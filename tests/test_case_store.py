"""Decision cases are append-only in the ORM and in the database; treated plans stay as treated."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, delete, text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, select

from planning.plans.runs import delete_plan, run_scenario
from planning.store.case_records import CaseDecision, CaseHistory, CaseVersion, DecisionCase
from planning.store.database import load_portfolio
from planning.store.plan_records import ImmutablePlan
from tests.cases import COORDINATOR, decide, stored_case, stored_counts

TABLES = ("decision_case", "case_version", "case_decision")


def test_migration_0005_matches_the_case_tables(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert [d for d in diffs if any(t in repr(d) for t in TABLES)] == []


def test_the_orm_refuses_to_change_or_delete_cases_versions_and_decisions(engines: Engine) -> None:
    case, _ = stored_case(engines)
    decide(engines, case.id, "ITD")
    before = stored_counts(engines)
    for model, field, value in [(DecisionCase, "title", "x"), (CaseVersion, "reason", "x"),
                                (CaseDecision, "outcome", "rejected")]:  # fmt: skip
        with Session(engines) as session:
            row = session.exec(select(model)).first()
            setattr(row, field, value)
            with pytest.raises(CaseHistory, match="append-only"):
                session.flush()
        with Session(engines) as session:
            session.delete(session.exec(select(model)).first())
            with pytest.raises(CaseHistory, match="append-only"):
                session.flush()
        with Session(engines) as session, pytest.raises(CaseHistory, match="append-only"):
            session.exec(update(model).values({field: value}))  # type: ignore[call-overload]
        with Session(engines) as session, pytest.raises(CaseHistory, match="append-only"):
            session.exec(delete(model))  # type: ignore[call-overload]
    assert stored_counts(engines) == before


def test_the_database_refuses_to_change_or_delete_them_whatever_the_client(engines: Engine) -> None:
    case, _ = stored_case(engines)
    decide(engines, case.id, "ITD")
    before = stored_counts(engines)
    statements = [f"UPDATE {t} SET id = id" for t in TABLES] + [f"DELETE FROM {t}" for t in reversed(TABLES)]
    if engines.dialect.name == "postgresql":
        statements += [f"TRUNCATE {t} CASCADE" for t in TABLES]
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), engines.begin() as connection:
            connection.execute(text(statement))
    assert stored_counts(engines) == before


def test_a_plan_under_treatment_cannot_be_deleted(engines: Engine) -> None:
    _, stored = stored_case(engines)
    with pytest.raises(ImmutablePlan, match=f"plan {stored.id} is treated in decision case 1"):
        delete_plan(engines, stored.id, user=COORDINATOR)
    other = run_scenario(engines, load_portfolio(engine=engines), "S", explain=False, refresh=True, user=COORDINATOR)
    delete_plan(engines, other.id, user=COORDINATOR)  # an untreated, unapproved plan still can be


@pytest.mark.postgres
def test_two_boards_deciding_at_once_adopt_the_plan_exactly_once(
    postgres_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last two approvals arrive together: the case row's lock makes the second see the first."""
    import threading

    from planning.approval import decisions
    from planning.plans.baseline import approvals, current_baseline

    engine = postgres_engine
    case, stored = stored_case(engine)
    decide(engine, case.id, "ITD")
    decide(engine, case.id, "LM")
    barrier, original = threading.Barrier(2, timeout=30), decisions.lock_case

    def together(session: Any, case_id: int) -> Any:
        barrier.wait()  # both have checked everything and start their transactions now
        return original(session, case_id)

    monkeypatch.setattr(decisions, "lock_case", together)
    failures: list[BaseException] = []

    def board(body: str) -> None:
        try:
            decide(engine, case.id, body)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=board, args=(body,)) for body in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    record = current_baseline(engine)
    assert record is not None and record.stored.id == stored.id and len(approvals(engine)) == 1
