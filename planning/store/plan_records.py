"""The stored plan tables, and the guards that keep approved plans as they were approved.

:class:`PlanRun` holds one optimiser run with its facts and plan; :class:`PlanApproval` a
steering committee's approval of one. Approved runs and approvals are immutable: the ORM
guards below raise :class:`ImmutablePlan` on any change or deletion (an approval changes
once, when a later one supersedes it), and bulk updates or deletes on these tables are
refused because they would skip the guards. :mod:`planning.plans.runs` and
:mod:`planning.plans.baseline` are the ways in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Connection, ForeignKey, Integer, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Mapper, ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, SQLModel, col


class ImmutablePlan(PermissionError):
    """Raised on any attempt to change or delete an approved plan or an approval."""


class PlanRun(SQLModel, table=True):
    """One stored run of the optimiser: the scenario as run, the options, facts and the plan."""

    __tablename__ = "plan_run"
    id: int | None = Field(default=None, primary_key=True)
    scenario_id: str = Field(max_length=64, index=True, description="Scenario that was run.")
    input_hash: str = Field(max_length=64, index=True, description="Hash of the portfolio and scenario.")
    options_hash: str = Field(max_length=64, description="Hash of solver, time limit, formulation, gap, stability.")
    options: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, description="The options, readable.")
    scenario: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, description="The scenario as run.")
    created_at: dt.datetime = Field(description="When the run finished (UTC).")
    status: str = Field(max_length=16, description="optimal, time_limit, infeasible or error.")
    objective: float | None = Field(default=None)
    bound: float | None = Field(default=None)
    gap: float | None = Field(default=None, description="Relative MIP gap the solver proved.")
    solve_seconds: float = Field(default=0.0)
    build_seconds: float = Field(default=0.0)
    time_limit: float = Field(default=0.0)
    solver: str = Field(default="", max_length=32)
    solver_version: str = Field(default="", max_length=64)
    formulation: str = Field(default="", max_length=32)
    message: str = Field(
        default="",
        max_length=2000,
        description="The solver's note in English, for reading this table directly; the plan record keeps it as "
        "a message (code and values) that the app, the CLI and the report say in their reader's language.",
    )
    npv: float | None = Field(default=None, description="Net present value, MNOK.")
    selected: int = Field(default=0, description="Initiatives in the plan.")
    record: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, description="Plan.to_record().")


class PlanApproval(SQLModel, table=True):
    """A steering committee's approval of a plan as the plan of record (baseline)."""

    __tablename__ = "plan_approval"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan_run.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    approved_by: str = Field(max_length=200, description="Who approved (person or body).")
    approved_at: dt.datetime = Field(description="When (UTC).")
    comment: str = Field(default="", max_length=2000)
    superseded: bool = Field(default=False, description="A later approval replaced this one.")
    superseded_at: dt.datetime | None = Field(default=None)
    superseded_by: int | None = Field(default=None, description="Approval that replaced this one.")


SUPERSEDING_FIELDS = frozenset({"superseded", "superseded_at", "superseded_by"})
"""The only fields of an approval that may change, once, when a later approval replaces it."""


@event.listens_for(PlanRun, "before_update")
@event.listens_for(PlanRun, "before_delete")
def _refuse_approved_run(_mapper: Mapper[Any], connection: Connection, target: PlanRun) -> None:
    """Approved plans are immutable: refuse any ORM change or deletion of their run."""
    query = sa_select(col(PlanApproval.approved_by)).where(col(PlanApproval.plan_id) == target.id)
    approved_by = connection.execute(query.limit(1)).scalar()
    if approved_by is not None:
        raise ImmutablePlan(
            f"plan {target.id} was approved by {approved_by}; approved plans cannot be changed or deleted "
            "(run the scenario again for a new plan)"
        )


@event.listens_for(PlanApproval, "before_delete")
def _refuse_approval_delete(_mapper: Mapper[Any], _connection: Connection, target: PlanApproval) -> None:
    raise ImmutablePlan(f"approval {target.id} of plan {target.plan_id} is history and cannot be deleted")


@event.listens_for(PlanApproval, "before_update")
def _only_supersede(_mapper: Mapper[Any], _connection: Connection, target: PlanApproval) -> None:
    """An approval changes once: when a later one supersedes it."""
    state = sa_inspect(target)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if changed - SUPERSEDING_FIELDS or True in state.attrs.superseded.history.deleted:
        raise ImmutablePlan(f"approval {target.id} of plan {target.plan_id} cannot be changed")


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """Bulk UPDATE/DELETE would skip the guards above: refuse them on plan tables."""
    if (state.is_update or state.is_delete) and any(m.class_ in (PlanRun, PlanApproval) for m in state.all_mappers):
        raise ImmutablePlan(
            "stored plans and approvals change only through planning.plans.runs and planning.plans.baseline"
        )
