"""The tamper-evident audit trail (issue 35, item 5), on SQLite and PostgreSQL (``engines``).

Each test tampers as a database owner would: on PostgreSQL with
``session_replication_role = replica`` (which switches the append-only triggers and foreign
keys off for the session), on SQLite by dropping the triggers. ``verify_audit`` must name the
first broken link.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, select

from planning.cli import main
from planning.domain.loading import build_portfolio
from planning.plans.baseline import approve_plan
from planning.store import users
from planning.store.access import PermissionDenied, User
from planning.store.audit import AuditEntry, record_event
from planning.store.audit_chain import content_of, entry_hash
from planning.store.audit_verify import verify_audit
from planning.store.database import make_engine, upgrade
from planning.store.grants import grant
from planning.store.plan_records import PlanRun
from planning.store.shared import import_portfolio_as, load_snapshot, save_portfolio_as
from planning.store.signed_in import SignedIn
from tests.cases import decide, stored_case
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN, changed
from tests.test_migration_estimates import alembic

STEERING = User("stein", "steering")
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_entry_no_{name.lower()} BEFORE {name} ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    for name in ("UPDATE", "DELETE")
]


def _plan_run(session: Session) -> int:
    run = PlanRun(
        scenario_id="S", input_hash="i", options_hash="o", created_at=dt.datetime.now(dt.UTC), status="optimal"
    )
    session.add(run)
    session.flush()
    assert run.id is not None
    return run.id


def make_trail(engine: Engine) -> list[int]:
    """An import, a save, two plan runs and two approvals (the second supersedes the first); the plan ids."""
    import_portfolio_as(engine=engine, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN, note="seed")
    snapshot = load_snapshot(engine)
    after = changed(snapshot.portfolio, "initiative", "X", total_cost=12.0)
    save_portfolio_as(
        engine=engine, portfolio=after, user=ADMIN, base=snapshot.portfolio, expected_versions=snapshot.versions
    )
    with Session(engine) as session, session.begin():
        plans = [_plan_run(session), _plan_run(session)]
    for plan in plans:
        approve_plan(engine, plan, by="Styringsgruppen", user=STEERING)
    return plans


@pytest.fixture
def trail(engines: Engine) -> Engine:
    make_trail(engines)
    assert verify_audit(engines).intact
    return engines


@contextmanager
def as_owner(engine: Engine) -> Iterator[Connection]:
    """A connection that bypasses the append-only triggers, as a database owner can."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            connection.execute(text("DROP TRIGGER audit_entry_no_update"))
            connection.execute(text("DROP TRIGGER audit_entry_no_delete"))
        yield connection
        if engine.dialect.name == "sqlite":
            for statement in SQLITE_TRIGGERS:
                connection.execute(text(statement))


def _ids(engine: Engine) -> list[int]:
    with Session(engine) as session:
        return [int(e.id or 0) for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]  # type: ignore[arg-type]


def test_an_untouched_trail_verifies_and_names_its_head(trail: Engine) -> None:
    report = verify_audit(trail)
    assert report.intact and report.entries == len(_ids(trail)) and report.records == 2
    assert report.head is not None and verify_audit(trail, anchor=report.head).intact


def test_a_deleted_entry_breaks_the_link_of_the_next(trail: Engine) -> None:
    ids = _ids(trail)
    with as_owner(trail) as owner:
        owner.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": ids[3]})
    first = verify_audit(trail).first
    assert first is not None and (first.entry_id, first.kind) == (ids[4], "link")
    assert f"entry {ids[4]} does not follow entry {ids[2]}" in first.message


def test_an_altered_entry_is_named(trail: Engine) -> None:
    ids = _ids(trail)
    with as_owner(trail) as owner:
        owner.execute(text("UPDATE audit_entry SET actor = 'someone_else' WHERE id = :id"), {"id": ids[2]})
    first = verify_audit(trail).first
    assert first is not None and (first.entry_id, first.kind) == (ids[2], "altered")


def test_a_back_dated_entry_is_found_even_with_a_correctly_computed_hash(trail: Engine) -> None:
    with Session(trail) as session:
        head = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()  # type: ignore[union-attr]
        assert head is not None and head.entry_hash is not None
        forged = AuditEntry(
            at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), actor="ada", role="admin", action="update",
            table_name="initiative", row_id="X", version=None, before=None, after={"total_cost": 1.0},
            batch="forged", note="", record_hash=None, prev_hash=head.entry_hash,
        )  # fmt: skip
        forged.entry_hash = entry_hash(head.entry_hash, content_of(forged))
        session.add(forged)
        session.commit()
        forged_id = forged.id
    first = verify_audit(trail).first
    assert first is not None and (first.entry_id, first.kind) == (forged_id, "backdated")


def test_the_newest_entries_deleted_are_caught_by_the_anchor(trail: Engine) -> None:
    snapshot = load_snapshot(trail)
    after = changed(snapshot.portfolio, "initiative", "Z", total_cost=5.0)
    save_portfolio_as(
        engine=trail, portfolio=after, user=ADMIN, base=snapshot.portfolio, expected_versions=snapshot.versions
    )
    head = verify_audit(trail).head
    assert head is not None
    with as_owner(trail) as owner:
        owner.execute(text("DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)"))
    assert verify_audit(trail).intact  # a shorter chain is whole: only the anchor shows what is gone
    assert [b.kind for b in verify_audit(trail, anchor=head).breaks] == ["anchor"]


def test_the_approved_baseline_deleted_or_forged_is_found(trail: Engine) -> None:
    with as_owner(trail) as owner:
        owner.execute(text("DELETE FROM plan_approval WHERE superseded = :no"), {"no": False})
    kinds = [b.kind for b in verify_audit(trail).breaks]
    assert kinds[0] == "record_missing"
    with as_owner(trail) as owner:
        values = {"plan": 1, "by": "Mallory", "at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "no": False}
        owner.execute(
            text("INSERT INTO plan_approval (id, plan_id, approved_by, approved_at, comment, superseded)"
                 " VALUES (99, :plan, :by, :at, '', :no)"),
            values,
        )  # fmt: skip
    assert "record_unsealed" in [b.kind for b in verify_audit(trail).breaks]


def test_an_approval_changed_or_un_superseded_is_found(trail: Engine) -> None:
    with as_owner(trail) as owner:
        owner.execute(text("UPDATE plan_approval SET approved_by = 'Mallory' WHERE superseded = :no"), {"no": False})
    assert [b.kind for b in verify_audit(trail).breaks] == ["record_altered"]
    with as_owner(trail) as owner:
        owner.execute(text("UPDATE plan_approval SET approved_by = 'Styringsgruppen'"))
        owner.execute(text("UPDATE plan_approval SET superseded = :no"), {"no": False})
    assert [b.kind for b in verify_audit(trail).breaks] == ["superseded"]


def test_planning_audit_verify_exits_1_naming_the_first_broken_link(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'veikart.db'}"
    engine = make_engine(url)
    upgrade(engine)
    make_trail(engine)
    intact = CliRunner().invoke(main, ["audit", "verify", "--database-url", url])
    assert intact.exit_code == 0 and "Audit chain intact" in intact.output
    ids = _ids(engine)
    with as_owner(engine) as owner:
        owner.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": ids[1]})
    engine.dispose()
    broken = CliRunner().invoke(main, ["audit", "verify", "--database-url", url])
    assert broken.exit_code == 1
    assert f"Audit chain broken: entry {ids[2]} does not follow entry {ids[0]}" in broken.output


def test_the_migration_chains_existing_entries_and_seals_existing_approvals(engines: Engine) -> None:
    alembic(engines, "downgrade", "0008")
    assert "entry_hash" not in {c["name"] for c in inspect(engines).get_columns("audit_entry")}
    _old_trail(engines)
    upgrade(engines)
    report = verify_audit(engines)
    assert report.intact, report.breaks
    assert report.records == 2 and report.entries >= 3
    with Session(engines) as session:
        seals = session.exec(select(AuditEntry).where(AuditEntry.action == "seal")).all()
    assert [(s.table_name, s.actor) for s in seals] == [("plan_approval", "system")]
    alembic(engines, "downgrade", "0008")
    upgrade(engines)
    assert verify_audit(engines).intact


def _old_trail(engine: Engine) -> None:
    """Entries and approvals as a database at 0008 holds them: one approval with its entry, one without."""
    at = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    with engine.begin() as connection:
        for plan in (1, 2):
            connection.execute(
                text("INSERT INTO plan_run (id, scenario_id, input_hash, options_hash, options, scenario, created_at,"
                     " status, solve_seconds, build_seconds, time_limit, solver, solver_version, formulation, message,"
                     " selected, record) VALUES (:id, 'S', 'i', 'o', '{}', '{}', :at, 'optimal', 0, 0, 0, '', '', '',"
                     " '', 0, '{}')"),
                {"id": plan, "at": at},
            )  # fmt: skip
            connection.execute(
                text("INSERT INTO plan_approval (id, plan_id, approved_by, approved_at, comment, superseded)"
                     " VALUES (:id, :id, 'Styringsgruppen', :at, '', :superseded)"),
                {"id": plan, "at": at, "superseded": plan == 1},
            )  # fmt: skip
        for number, (action, table, row_id, after) in enumerate(
            [
                ("insert", "initiative", "X", '{"total_cost": 10}'),
                ("update", "initiative", "X", '{"total_cost": 11}'),
                ("approve", "plan_approval", "2", '{"plan_id": 2, "comment": "", "superseded": [1]}'),
            ]
        ):
            connection.execute(
                text("INSERT INTO audit_entry (at, actor, role, action, table_name, row_id, version, after, batch,"
                     " note) VALUES (:at, 'ada', 'admin', :action, :table, :row, NULL, :after, :batch, '')"),
                {"at": at + dt.timedelta(seconds=number), "action": action, "table": table, "row": row_id,
                 "after": after, "batch": f"b{number}"},
            )  # fmt: skip


def test_record_event_takes_the_user_from_a_signed_in_session_only(trail: Engine, monkeypatch: Any) -> None:
    monkeypatch.setattr(users, "_HASHER", users.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    users.add_user(trail, username="ada", role="admin", by=None)
    users.add_user(trail, username="kari", role="viewer", password="a long password 1", by=ADMIN)
    session = users.open_session(trail, "kari", "a long password 1")
    record_event(trail, session=session, action="run", table="plan_run", row_id="1")
    with Session(trail) as db:
        last = db.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()  # type: ignore[union-attr]
    assert last is not None and (last.actor, last.role) == ("kari", "viewer")
    with pytest.raises(PermissionDenied, match="not a signed-in session"):
        record_event(trail, session=SignedIn("ada", "0" * 64), action="run", table="plan_run", row_id="1")
    with pytest.raises(ValueError, match="not from an argument"):
        record_event(trail, session=session, user=ADMIN, action="run", table="plan_run", row_id="1")
    assert verify_audit(trail).intact


def test_a_boards_decision_altered_or_deleted_is_found(engines: Engine) -> None:
    case, _ = stored_case(engines)
    decide(engines, case.id, "ITD")
    assert verify_audit(engines).intact
    with engines.begin() as owner:
        if engines.dialect.name == "postgresql":
            owner.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            owner.execute(text("DROP TRIGGER case_decision_no_update"))
        owner.execute(text("UPDATE case_decision SET outcome = 'rejected'"))
    first = verify_audit(engines).first
    assert first is not None and first.kind == "record_altered" and "case_decision" in first.message


def test_the_application_role_may_only_read_and_append_the_history(engines: Engine) -> None:
    if engines.dialect.name != "postgresql":
        with pytest.raises(ValueError, match="PostgreSQL only"):
            grant(engines, "veikart_app")
        return
    role = f"veikart_app_{uuid.uuid4().hex[:8]}"
    make_trail(engines)
    with engines.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
    try:
        statements = grant(engines, role)
        assert any(s.startswith("GRANT SELECT, INSERT ON") and '"audit_entry"' in s for s in statements)
        with engines.begin() as connection:
            connection.execute(text(f'SET LOCAL ROLE "{role}"'))
            connection.execute(text("UPDATE initiative SET total_cost = 9 WHERE id = 'X'"))  # portfolio: writable
            assert connection.execute(text("SELECT count(*) FROM audit_entry")).scalar_one() > 0
        for statement in ("DELETE FROM audit_entry", "UPDATE plan_approval SET approved_by = 'x'"):
            with pytest.raises(DBAPIError, match="permission denied for table"), engines.begin() as connection:
                connection.execute(text("SET LOCAL session_replication_role = replica"))  # triggers off, as owner
                connection.execute(text(f'SET LOCAL ROLE "{role}"'))
                connection.execute(text(statement))
    finally:
        with engines.begin() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))


def test_migration_0009_matches_the_audit_entry_model(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert [d for d in diffs if "audit_entry" in repr(d)] == []
