"""The approved baseline (plan of record): approval, its history, and re-planning against it.

One stored plan is the plan of record. It becomes so in one of two ways: a body approves it
directly (:func:`approve_plan`, ``planning approve``: a steering committee, recording who,
when and why), or a joint decision case (:mod:`planning.approval`, ``planning case``) adopts
it when every required body (IT directors, leaders' meeting, the four RHF boards) has
approved the same version. Both write the same approval record here, so every page,
report and command that shows "the approved plan" shows the plan of record either way.
A later approval supersedes the earlier one; no approval is ever deleted, and an approved
plan can never be changed or deleted (the guards live in :mod:`planning.store.plan_records`).
Re-optimising against the baseline penalises dropped initiatives and moved starts, or
keeps every baseline initiative, starting no later (``keep``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.phrases import coded, phrase
from planning.optimise import Plan, Stability
from planning.optimise.inputs import plan_inputs
from planning.optimise.plan import PLANNED_STATUSES
from planning.plans.runs import StoredPlan, get_plan, now, run_scenario
from planning.store.access import APPROVE, User, authorize
from planning.store.audit import record_approval
from planning.store.database import transaction
from planning.store.plan_records import PlanApproval, PlanRun

"""Statuses of plans that have a schedule and may be approved."""


@dataclass(frozen=True)
class Approval:
    """One approval of a plan as the plan of record."""

    id: int
    plan_id: int
    approved_by: str
    approved_at: dt.datetime
    comment: str
    superseded: bool
    superseded_at: dt.datetime | None
    superseded_by: int | None

    @classmethod
    def of(cls, row: PlanApproval) -> Approval:
        assert row.id is not None
        return cls(
            id=row.id,
            plan_id=row.plan_id,
            approved_by=row.approved_by,
            approved_at=row.approved_at,
            comment=row.comment,
            superseded=row.superseded,
            superseded_at=row.superseded_at,
            superseded_by=row.superseded_by,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "plan_id": self.plan_id,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at.isoformat(),
            "comment": self.comment,
            "superseded": self.superseded,
            "superseded_at": None if self.superseded_at is None else self.superseded_at.isoformat(),
            "superseded_by": self.superseded_by,
        }


@dataclass
class Baseline:
    """The plan of record and the approval that made it so."""

    stored: StoredPlan
    approval: Approval


def approve_plan(
    engine: Engine,
    plan_id: int,
    *,
    by: str,
    comment: str = "",
    at: dt.datetime | None = None,
    user: User | None = None,
) -> Approval:
    """Make a stored plan the plan of record as ``user``; the current baseline's approval is superseded.

    Parameters
    ----------
    by
        Who approves, as recorded on the approval (a person or a body: "Styringsgruppen").
    user
        Who records the approval; needs the approve right (Admin, Steering member). The
        audit entry, in the same transaction, names this user.

    Raises
    ------
    PermissionDenied
        When ``user`` may not approve plans; nothing is stored.
    KeyError
        When no plan has that id.
    ValueError
        When ``by`` is empty, the plan has no schedule (infeasible or failed), or it is
        already the plan of record.
    """
    authorize(user, APPROVE)
    who = by.strip()
    if not who:
        raise ValueError(phrase("approver_needed"))
    with transaction(engine) as session:
        return approve_in_session(session, plan_id, by=who, comment=comment, at=at or now(), user=user)


def approve_in_session(
    session: Session, plan_id: int, *, by: str, comment: str, at: dt.datetime, user: User | None
) -> Approval:
    """Make plan ``plan_id`` the plan of record inside the caller's transaction, with its audit entry.

    The caller has checked who may: :func:`approve_plan` checks the approve right, and a
    joint decision case (:mod:`planning.approval`) adopts the plan when its last required
    body approves, as that body's secretary. The current baseline's approval is superseded.

    Raises
    ------
    KeyError
        When no plan has that id.
    ValueError
        When the plan has no schedule or is already the plan of record.
    """
    run = session.get(PlanRun, plan_id)
    if run is None:
        raise KeyError(phrase("no_stored_plan", plan=plan_id))
    if run.status not in PLANNED_STATUSES:
        raise ValueError(phrase("plan_not_approvable", plan=plan_id, status=coded("plan_status", run.status)))
    current = session.exec(select(PlanApproval).where(col(PlanApproval.superseded).is_(False))).all()
    if any(a.plan_id == plan_id for a in current):
        raise ValueError(phrase("plan_already_of_record", plan=plan_id))
    approval = PlanApproval(plan_id=plan_id, approved_by=by[:200], approved_at=at, comment=comment[:2000])
    session.add(approval)
    session.flush()
    for earlier in current:
        earlier.superseded, earlier.superseded_at, earlier.superseded_by = True, at, approval.id
    session.flush()
    done = Approval.of(approval)
    superseded = [earlier.id for earlier in current if earlier.id is not None]
    record_approval(
        session,
        user=user,
        approval_id=done.id,
        plan_id=plan_id,
        comment=done.comment,
        superseded=superseded,
        approval=approval,
    )
    return done


def approvals(engine: Engine, plan_id: int | None = None) -> list[Approval]:
    """Every approval, oldest first (of one plan when ``plan_id`` is given)."""
    with Session(engine) as session:
        query = select(PlanApproval).order_by(col(PlanApproval.id))
        if plan_id is not None:
            query = query.where(PlanApproval.plan_id == plan_id)
        return [Approval.of(row) for row in session.exec(query)]


def current_baseline(engine: Engine) -> Baseline | None:
    """The plan of record, or ``None`` when no plan has been approved."""
    with Session(engine) as session:
        row = session.exec(
            select(PlanApproval).where(col(PlanApproval.superseded).is_(False)).order_by(col(PlanApproval.id).desc())
        ).first()
        approval = None if row is None else Approval.of(row)
    if approval is None:
        return None
    return Baseline(get_plan(engine, approval.plan_id), approval)


def baseline_starts(portfolio: Portfolio, scenario: Scenario | str | None, baseline: Plan) -> dict[str, int]:
    """The baseline's starts in the portfolio's current periods, for initiatives still decided on.

    Starts are carried by label, so a horizon that moved since the approval still lines up;
    initiatives completed, stopped or forced out since are left out.
    """
    inputs = plan_inputs(portfolio, scenario)
    timeline = inputs.timeline
    chosen = baseline.initiatives[baseline.initiatives["selected_opt"].astype(bool)]
    starts = {}
    for iid, label in chosen["start_label"].items():
        if str(iid) in inputs.initiatives.index:
            starts[str(iid)] = max(0, timeline.index(str(label)))
    return starts


def baseline_stability(
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    baseline: Plan,
    *,
    drop_penalty: float = 0.0,
    move_penalty: float = 0.0,
    keep: bool = False,
) -> Stability:
    """Stability settings that tie a new plan to ``baseline``.

    Parameters
    ----------
    drop_penalty
        MNOK charged in the objective for each baseline initiative left out.
    move_penalty
        MNOK charged for each period a baseline start moves, earlier or later.
    keep
        Hard limit: every baseline initiative stays in the plan, starting no later.
    """
    starts = baseline_starts(portfolio, scenario, baseline)
    return Stability(
        must_start_by=dict(starts) if keep else {},
        baseline=starts,
        drop_penalty=drop_penalty,
        move_penalty=move_penalty,
    )


def reoptimise(
    engine: Engine,
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    *,
    drop_penalty: float = 0.0,
    move_penalty: float = 0.0,
    keep: bool = False,
    user: User | None = None,
    **options: Any,
) -> StoredPlan:
    """Run ``scenario`` as ``user`` against the current plan of record and store the new plan.

    ``options`` go to :func:`planning.plans.runs.run_scenario` (time_limit, solver, ...).

    Raises
    ------
    LookupError
        When no plan has been approved yet.
    PermissionDenied
        When ``user`` may not run scenarios (and no stored plan matches).
    """
    baseline = current_baseline(engine)
    if baseline is None:
        raise LookupError(phrase("no_baseline_yet"))
    stability = baseline_stability(
        portfolio, scenario, baseline.stored.plan, drop_penalty=drop_penalty, move_penalty=move_penalty, keep=keep
    )
    return run_scenario(engine, portfolio, scenario, stability=stability, user=user, **options)
