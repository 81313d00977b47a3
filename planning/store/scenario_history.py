"""Every version a scenario has had, kept for good: who saved it, when, and what it held.

:func:`record_versions` runs inside the transaction of every save through
:func:`planning.store.shared.save_portfolio_as` (edits, restores and imports alike), so a
scenario's history and its row can never disagree. Versions are numbered per scenario
name from 1 and never change or disappear, even when the scenario is deleted (the
deletion is a version too, holding no values) or created again under the same name.

A row stored without history (written before this table existed, or around the versioned
store, such as by :func:`planning.store.database.save_portfolio`) is kept as an ``unrecorded``
version the first time a versioned save replaces it; who saved it and when are unknown.

Reading is :func:`scenario_history` and :func:`scenario_version`; restoring an earlier
version is :func:`planning.store.scenarios.restore_scenario`.

Append-only is enforced like the audit trail's: no function here changes or deletes a
version, the ORM refuses it, and the database refuses it with triggers (migration 0005).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Column, Connection, Engine, UniqueConstraint, event, func
from sqlalchemy.orm import Mapper, ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, Session, SQLModel, col, select

from planning.domain.changes import FieldChange, RowChange, RowKey, field_changes
from planning.domain.models import Scenario
from planning.store.access import User

TABLE = "scenario"
UNRECORDED = "unrecorded"
KINDS = ("insert", "update", "delete", UNRECORDED)
"""What a version records: the scenario created, changed, deleted, or found stored without history."""


class HistoryIsAppendOnly(PermissionError):
    """Raised on any attempt to change or delete a scenario version."""


class ScenarioVersion(SQLModel, table=True):
    """One version of one scenario, as it was stored."""

    __tablename__ = "scenario_version"
    __table_args__ = (UniqueConstraint("scenario_id", "version", name="uq_scenario_version"),)
    id: int | None = Field(default=None, primary_key=True)
    scenario_id: str = Field(max_length=64, index=True, description="The scenario's name.")
    version: int = Field(description="1, 2, 3, ... per scenario name, in the order saved.")
    kind: str = Field(max_length=16, description="insert, update, delete or unrecorded.")
    content: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True), description="The scenario row; none after a deletion."
    )
    saved_by: str = Field(default="", max_length=200, description="Username; empty when unknown.")
    saved_at: dt.datetime | None = Field(default=None, description="When (UTC); none when unknown.")
    row_version: int | None = Field(default=None, description="The row's version in row_version and the audit trail.")
    restored_from: int | None = Field(default=None, description="The version a restore brought back.")
    batch: str = Field(default="", max_length=32, description="The audit batch of the save.")
    note: str = Field(default="", max_length=2000)


@event.listens_for(ScenarioVersion, "before_update")
@event.listens_for(ScenarioVersion, "before_delete")
def _refuse_change(_mapper: Mapper[Any], _connection: Connection, target: ScenarioVersion) -> None:
    raise HistoryIsAppendOnly(f"scenario version {target.scenario_id} {target.version} cannot be changed or deleted")


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ is ScenarioVersion for m in state.all_mappers):
        raise HistoryIsAppendOnly("scenario versions are never updated or deleted")


@dataclass(frozen=True)
class Saved:
    """Who saved, when, in which audit batch, and what the save was (for :func:`record_versions`)."""

    user: User | None
    at: dt.datetime
    batch: str
    note: str = ""
    restored_from: int | None = None


def record_versions(
    session: Session, changes: Iterable[RowChange], row_versions: Mapping[RowKey, int], saved: Saved
) -> list[ScenarioVersion]:
    """Append a version for each changed scenario row, inside the caller's transaction.

    When the row being replaced is not the latest version kept (it was stored without
    history), it is kept first, as an ``unrecorded`` version.
    """
    added = []
    for change in changes:
        if change.table != TABLE:
            continue
        latest = _latest(session, change.row_id)
        number = 0 if latest is None else latest.version
        if change.before is not None and (latest is None or not same_content(latest.content, change.before)):
            number += 1
            added.append(_add(session, change.row_id, number, UNRECORDED, change.before))
        number += 1
        version = _add(session, change.row_id, number, change.action, change.after)
        version.saved_by = saved.user.username if saved.user is not None else "anonymous"
        version.saved_at, version.batch, version.note = saved.at, saved.batch, saved.note[:2000]
        version.row_version = row_versions.get(change.key)
        version.restored_from = saved.restored_from
        added.append(version)
    session.flush()
    return added


def same_content(kept: dict[str, Any] | None, stored: dict[str, Any]) -> bool:
    """Whether the row ``stored`` is the version ``kept``, reading a field the kept version does
    not have (a column added by a later migration, such as 0010's ``confidence``) as its default."""
    if kept is None:
        return False
    fields = Scenario.model_fields
    for key, value in stored.items():
        if key in kept:
            if kept[key] != value:
                return False
        elif key not in fields or fields[key].default != value:
            return False
    return set(kept) <= set(stored)


def _add(session: Session, scenario_id: str, number: int, kind: str, content: dict[str, Any] | None) -> ScenarioVersion:
    version = ScenarioVersion(scenario_id=scenario_id, version=number, kind=kind, content=content)
    session.add(version)
    return version


def _latest(session: Session, scenario_id: str) -> ScenarioVersion | None:
    query = select(ScenarioVersion).where(ScenarioVersion.scenario_id == scenario_id)
    return session.exec(query.order_by(col(ScenarioVersion.version).desc()).limit(1)).first()


def scenario_history(engine: Engine, scenario_id: str) -> list[ScenarioVersion]:
    """Every kept version of the scenario named ``scenario_id``, oldest first (empty when none)."""
    query = select(ScenarioVersion).where(ScenarioVersion.scenario_id == scenario_id)
    with Session(engine) as session:
        return list(session.exec(query.order_by(col(ScenarioVersion.version))))


def scenario_version(engine: Engine, scenario_id: str, version: int) -> ScenarioVersion:
    """One kept version.

    Raises
    ------
    LookupError
        When the scenario has no such version, naming the versions it has.
    """
    kept = scenario_history(engine, scenario_id)
    for found in kept:
        if found.version == version:
            return found
    numbers = ", ".join(str(v.version) for v in kept) or "none"
    raise LookupError(f"scenario '{scenario_id}' has no version {version}; kept versions: {numbers}")


def names_with_history(engine: Engine) -> list[str]:
    """The names of every scenario with a kept version, deleted ones too, in name order."""
    query = select(ScenarioVersion.scenario_id).group_by(col(ScenarioVersion.scenario_id))
    with Session(engine) as session:
        return sorted(str(name) for name in session.exec(query.order_by(func.min(ScenarioVersion.scenario_id))))


def version_changes(history: list[ScenarioVersion]) -> list[list[FieldChange]]:
    """For each version, what it changed from the one before (the first: from nothing); the name is left out."""
    changes = []
    previous: dict[str, Any] | None = None
    for version in history:
        current = version.content
        changes.append([c for c in field_changes(previous, current) if c.name != "id"])
        previous = current
    return changes
