"""The audit trail: who did what, when, with the values before and after. Append-only.

Every write through :mod:`planning.store.shared` and :mod:`planning.store.users` appends its
entries in the same transaction as the change itself, so the trail and the data never
disagree. Scenario runs and approvals are recorded with :func:`record_run` and
:func:`record_approval`.

Append-only is enforced three times: this module has no function that changes or deletes
an entry; the ORM refuses updates and deletes of :class:`AuditEntry`; and the database
refuses them with a trigger (migration 0004), whatever client tries. Where all three are
bypassed (a database owner can switch triggers off), the hash chain makes it evident: each
entry's hash covers its content and the previous entry's hash (:mod:`planning.store.audit_chain`),
and ``planning audit verify`` (:mod:`planning.store.audit_verify`) names the first broken link.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import JSON, Column, Connection, Engine, event
from sqlalchemy.orm import Mapper, ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, Session, SQLModel, col, select

from planning.domain.changes import RowChange, RowKey, jsonable
from planning.store.access import READ, User, authorize
from planning.store.audit_chain import chain_head, content_of, entry_hash, record_hash, set_head
from planning.store.database import transaction
from planning.store.signed_in import SignedIn, session_user

ACTIONS = ("insert", "update", "delete", "import", "run", "approve", "open_case", "revise_case", "decide", "seal")
"""What an entry records: a row edit, an import (one summary entry), a scenario run, an approval,
and the joint treatment of a plan: a decision case opened, a new version of it, a body's decision;
``seal``: an approval record found without its entry when the chain was made (migration 0009)."""
COLUMNS = ["id", "at", "actor", "role", "action", "table", "row_id", "version", "before", "after", "batch", "note"]
SYSTEM = User(username="system", role="admin", display_name="Veikart")
"""The actor of changes no person made (migrations, the sample load)."""


class AppendOnly(PermissionError):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntry(SQLModel, table=True):
    """One entry of the audit trail."""

    __tablename__ = "audit_entry"
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(index=True, description="When (UTC).")
    actor: str = Field(max_length=200, index=True, description="Username of who did it.")
    role: str = Field(max_length=32, description="The role they acted in.")
    action: str = Field(max_length=16, index=True, description="One of ACTIONS: insert, update, ..., decide.")
    table_name: str = Field(max_length=64, index=True, description="Table (or plan_run, plan_approval, app_user).")
    row_id: str = Field(max_length=200, description="Id of the row (or plan, approval, user).")
    version: int | None = Field(default=None, description="The row's version after the change.")
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    batch: str = Field(max_length=32, index=True, description="Entries written by one save share a batch.")
    note: str = Field(default="", max_length=2000, description="Free text: a file name, a comment.")
    record_hash: str | None = Field(default=None, max_length=64, description="Seal of the approval record it records.")
    prev_hash: str | None = Field(default=None, max_length=64, description="Hash of the entry before it in the chain.")
    entry_hash: str | None = Field(default=None, max_length=64, description="Hash of its content and prev_hash.")


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(_mapper: Mapper[Any], _connection: Connection, target: AuditEntry) -> None:
    raise AppendOnly(f"audit entry {target.id} cannot be changed or deleted: the audit trail is append-only")


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is AuditEntry for m in state.all_mappers):
        raise AppendOnly("the audit trail is append-only: entries are never updated or deleted")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_batch() -> str:
    """A fresh id shared by the entries of one save."""
    return uuid.uuid4().hex


def record(
    session: Session,
    *,
    user: User | None,
    action: str,
    table: str,
    row_id: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    version: int | None = None,
    batch: str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
    sealed: Sequence[tuple[str, Any]] = (),
) -> AuditEntry:
    """Append one entry inside the caller's transaction (it commits or rolls back with the change).

    The entry is chained to the last one (:mod:`planning.store.audit_chain`): the chain's lock is
    held to the end of the transaction, and the entry is never dated before the last one.
    ``sealed`` names the approval records it records, as (table, stored row) pairs, flushed
    (their ids set); the entry carries their seal.

    Raises
    ------
    ValueError
        For an unknown action.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action '{action}'; use one of: {', '.join(ACTIONS)}")
    actor = user or User(username="anonymous", role="viewer")
    previous, last_at = chain_head(session)
    when = _utc(at or now())
    if last_at is not None and when < last_at:
        when = last_at
    entry = AuditEntry(
        at=when,
        actor=actor.username[:200],
        role=actor.role[:32],
        action=action,
        table_name=table[:64],
        row_id=str(row_id)[:200],
        version=version,
        before=None if before is None else jsonable(dict(before)),
        after=None if after is None else jsonable(dict(after)),
        batch=batch or new_batch(),
        note=note[:2000],
        record_hash=record_hash(sealed) if sealed else None,
        prev_hash=previous,
    )
    entry.entry_hash = entry_hash(previous, content_of(entry))
    set_head(session, entry.entry_hash, when)
    session.add(entry)
    return entry


def record_changes(
    session: Session,
    *,
    user: User | None,
    changes: Iterable[RowChange],
    versions: Mapping[RowKey, int],
    batch: str,
    at: dt.datetime,
    note: str = "",
) -> None:
    """Append one entry per changed row, with the row's new version, inside the caller's transaction."""
    for change in changes:
        record(
            session,
            user=user,
            action=change.action,
            table=change.table,
            row_id=change.row_id,
            before=change.before,
            after=change.after,
            version=versions[change.key],
            batch=batch,
            note=note,
            at=at,
        )


def record_run(
    session: Session, *, user: User | None, plan_id: int, scenario_id: str, facts: Mapping[str, Any]
) -> None:
    """Record a scenario run (stored plan ``plan_id``) in the caller's transaction."""
    record(
        session,
        user=user,
        action="run",
        table="plan_run",
        row_id=str(plan_id),
        after={"scenario": scenario_id, **facts},
    )


def record_approval(
    session: Session,
    *,
    user: User | None,
    approval_id: int,
    plan_id: int,
    comment: str = "",
    superseded: list[int] | None = None,
    approval: Any | None = None,
) -> None:
    """Record an approval of plan ``plan_id`` as the baseline, in the caller's transaction.

    ``approval`` is the stored ``plan_approval`` row; the entry seals it (:mod:`planning.store.audit_chain`).
    """
    after = {"plan_id": plan_id, "comment": comment, "superseded": list(superseded or [])}
    sealed = [("plan_approval", approval)] if approval is not None else []
    record(
        session, user=user, action="approve", table="plan_approval", row_id=str(approval_id), after=after, sealed=sealed
    )


def audit_log(
    engine: Engine,
    *,
    user: str | None = None,
    table: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    action: str | None = None,
    row_id: str | None = None,
    limit: int | None = None,
    reader: User | None = None,
) -> pd.DataFrame:
    """The audit trail, oldest first, filtered; one row per entry with :data:`COLUMNS`.

    Parameters
    ----------
    user
        Only entries by this username.
    since, until
        Only entries at or after ``since`` and before ``until`` (UTC when no zone is given).
    reader
        When given, checked to be allowed to read (everyone signed in or not may).
    """
    if reader is not None:
        authorize(reader, READ)
    query = select(AuditEntry).order_by(col(AuditEntry.id))
    if user is not None:
        query = query.where(AuditEntry.actor == user)
    if table is not None:
        query = query.where(AuditEntry.table_name == table)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if row_id is not None:
        query = query.where(AuditEntry.row_id == row_id)
    if since is not None:
        query = query.where(col(AuditEntry.at) >= _utc(since))
    if until is not None:
        query = query.where(col(AuditEntry.at) < _utc(until))
    if limit is not None:
        query = query.limit(limit)
    with Session(engine) as session:
        rows = [_row(entry) for entry in session.exec(query)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["version"] = frame["version"].astype("Int64")
    return frame


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor,
        "role": entry.role,
        "action": entry.action,
        "table": entry.table_name,
        "row_id": entry.row_id,
        "version": entry.version,
        "before": entry.before,
        "after": entry.after,
        "batch": entry.batch,
        "note": entry.note,
    }


def record_event(engine: Engine, *, session: SignedIn, **fields: Any) -> None:
    """Append one entry in a transaction of its own, as the user of the signed-in ``session``.

    The user is not an argument: it is the one :func:`planning.store.users.open_session` signed
    in, with the role and region the store holds for them now.

    Raises
    ------
    PermissionDenied
        When ``session`` was not issued by this process's store, or its user is no longer stored.
    ValueError
        When ``user`` is passed among ``fields``.
    """
    if "user" in fields:
        raise ValueError("record_event takes the user from the signed-in session, not from an argument")
    with transaction(engine) as db:
        record(db, user=session_user(db, session), **fields)
