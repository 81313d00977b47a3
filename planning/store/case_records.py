"""The stored tables of the joint treatment of a plan: decision cases, their versions, decisions.

A :class:`DecisionCase` is one plan's way through the bodies that treat it (by default the
interregional IT directors' meeting, the leaders' meeting and the four RHF boards). Each
:class:`CaseVersion` names the stored plan run that is treated, with the hash of the data
it was made on; a new version supersedes the ones before it. A :class:`CaseDecision` is one
body's decision on one version.

All three are append-only, like the audit trail: rows are inserted and never changed or
deleted. The ORM refuses it here (and bulk updates or deletes on these tables), and the
database refuses it with triggers (migration ``0006``). A plan run that a
case treats can no longer be changed or deleted either. :mod:`planning.approval` is the way in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Connection, ForeignKey, Integer, UniqueConstraint, event
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Mapper, ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, SQLModel, col

from planning.store.plan_records import ImmutablePlan, PlanRun

APPEND_ONLY = "decision cases are append-only: cases, versions and decisions are never changed or deleted"


class CaseHistory(ImmutablePlan):
    """Raised on any attempt to change or delete a decision case, a version or a decision."""


class DecisionCase(SQLModel, table=True):
    """One plan's treatment by the bodies that decide it, with the bodies as configured when opened."""

    __tablename__ = "decision_case"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200, description="What is decided, for example the joint plan 2027-2034.")
    bodies: list[dict[str, Any]] = Field(
        default_factory=list, sa_type=JSON, description="The bodies and their stages (planning.approval.bodies)."
    )
    opened_at: dt.datetime = Field(description="When the case was opened (UTC).")
    opened_by: str = Field(max_length=200, description="Username of who opened it.")
    note: str = Field(default="", max_length=2000)


class CaseVersion(SQLModel, table=True):
    """A version of the plan under treatment: a stored plan run and the data it was made on."""

    __tablename__ = "case_version"
    __table_args__ = (UniqueConstraint("case_id", "number", name="uq_case_version_number"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("decision_case.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    number: int = Field(description="1 for the first version of the case, then 2, 3, ...")
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan_run.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    input_hash: str = Field(max_length=64, description="Hash of the stored portfolio and the plan's scenario.")
    created_at: dt.datetime = Field(description="When the version was made (UTC).")
    created_by: str = Field(max_length=200, description="Username of who made it.")
    reason: str = Field(default="", max_length=2000, description="Why a new version (empty for the first).")


class CaseDecision(SQLModel, table=True):
    """One body's decision on one version of the plan."""

    __tablename__ = "case_decision"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        sa_column=Column(Integer, ForeignKey("decision_case.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    version_id: int = Field(
        sa_column=Column(Integer, ForeignKey("case_version.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    body: str = Field(max_length=64, description="Id of the body that decided, for example HV.")
    meeting_date: dt.date = Field(description="Date of the meeting that decided.")
    case_number: str = Field(max_length=64, description="The body's case number (saksnummer), e.g. Sak 045-2026.")
    outcome: str = Field(max_length=32, description="approved, approved_with_conditions, returned or rejected.")
    decision_text: str = Field(max_length=4000, description="The decision as adopted (vedtak).")
    condition: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True), description="text, and pool, year, max_mnok if checked."
    )
    condition_check: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True), description="Veikart's check of the condition."
    )
    recorded_by: str = Field(max_length=200, description="Username of who recorded it.")
    recorded_role: str = Field(max_length=32, description="The role they recorded it in.")
    recorded_at: dt.datetime = Field(description="When it was recorded (UTC).")
    plan_approval_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("plan_approval.id", ondelete="RESTRICT"), nullable=True),
        description="The plan-of-record approval this decision completed, if it was the last one needed.",
    )


CASE_TABLES = (DecisionCase, CaseVersion, CaseDecision)


@event.listens_for(DecisionCase, "before_update")
@event.listens_for(DecisionCase, "before_delete")
@event.listens_for(CaseVersion, "before_update")
@event.listens_for(CaseVersion, "before_delete")
@event.listens_for(CaseDecision, "before_update")
@event.listens_for(CaseDecision, "before_delete")
def _refuse_change(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    raise CaseHistory(f"{target.__tablename__} {target.id}: {APPEND_ONLY}")


@event.listens_for(PlanRun, "before_update")
@event.listens_for(PlanRun, "before_delete")
def _refuse_treated_run(_mapper: Mapper[Any], connection: Connection, target: PlanRun) -> None:
    """A plan under treatment is kept as treated: refuse any ORM change or deletion of its run."""
    query = sa_select(col(CaseVersion.case_id)).where(col(CaseVersion.plan_id) == target.id)
    case_id = connection.execute(query.limit(1)).scalar()
    if case_id is not None:
        raise CaseHistory(
            f"plan {target.id} is treated in decision case {case_id}; a treated plan cannot be changed or deleted"
        )


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and any(m.class_ in CASE_TABLES for m in state.all_mappers):
        raise CaseHistory(APPEND_ONLY)
