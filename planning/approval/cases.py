"""Decision cases in the store: open one for a plan, make a new version, read them back.

A version of the plan under treatment is a stored plan run together with the data it was
made on: the hash of the stored portfolio and the plan's scenario as run
(:func:`data_hash`). A case is opened on a plan made on the current data. Any later change
to the plan (another run) or to its inputs (the portfolio, the scenario) makes a new
version (:func:`revise_case`): decisions on earlier versions stay, shown as applying to
their version, and every body treats the new version afresh. Nothing is ever deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from planning.approval.bodies import PASSED, Body, bodies_from_json, check_bodies, default_bodies, find_body
from planning.approval.conditions import Condition, ConditionCheck
from planning.approval.words import CaseError
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Stability
from planning.optimise.inputs import input_hash
from planning.plans.baseline import PLANNED_STATUSES
from planning.plans.runs import StoredPlan, get_plan, run_scenario
from planning.store.access import PREPARE_CASE, User, authorize
from planning.store.audit import record
from planning.store.case_records import CaseDecision, CaseVersion, DecisionCase
from planning.store.database import load_portfolio, transaction

DROP_PENALTY, MOVE_PENALTY = 100.0, 10.0
"""What a new version's plan pays, in MNOK, for each initiative of the current version it
leaves out and each period a start moves, so that it changes only what it must."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Version:
    """A version of the plan under treatment."""

    id: int
    number: int
    plan_id: int
    input_hash: str
    created_at: dt.datetime
    created_by: str
    reason: str


@dataclass(frozen=True)
class Decision:
    """A body's decision on one version."""

    id: int
    version_id: int
    version: int
    body: str
    meeting_date: dt.date
    case_number: str
    outcome: str
    text: str
    condition: Condition | None
    check: ConditionCheck | None
    recorded_by: str
    recorded_role: str
    recorded_at: dt.datetime
    plan_approval_id: int | None

    @property
    def passes(self) -> bool:
        """Approved, or approved with a condition that holds (or that Veikart does not check)."""
        return self.outcome in PASSED and (self.check is None or self.check.holds)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "body": self.body,
            "meeting_date": self.meeting_date.isoformat(),
            "case_number": self.case_number,
            "outcome": self.outcome,
            "text": self.text,
            "condition": None if self.condition is None else self.condition.to_json(),
            "check": None if self.check is None else self.check.to_json(),
            "recorded_by": self.recorded_by,
            "recorded_role": self.recorded_role,
            "recorded_at": self.recorded_at.isoformat(),
            "plan_approval_id": self.plan_approval_id,
        }


@dataclass(frozen=True)
class Case:
    """A decision case with its bodies, versions (oldest first) and decisions (in the order recorded)."""

    id: int
    title: str
    bodies: list[Body]
    opened_at: dt.datetime
    opened_by: str
    note: str
    versions: list[Version]
    decisions: list[Decision] = field(default_factory=list)

    @property
    def current(self) -> Version:
        return self.versions[-1]

    def decisions_on(self, version: Version) -> list[Decision]:
        return [d for d in self.decisions if d.version_id == version.id]

    def body(self, body_id: str) -> Body:
        return find_body(self.bodies, body_id, self.id)


def data_hash(portfolio: Portfolio, scenario: Scenario) -> str:
    """The hash of the data a plan depends on: the portfolio and the scenario as run."""
    return input_hash(portfolio, scenario)


def check_treatable(stored: StoredPlan, portfolio: Portfolio) -> str:
    """The data hash of ``stored`` when it can be treated: it has a schedule and was made on ``portfolio``.

    Raises
    ------
    CaseError
        ``plan_without_schedule`` or ``plan_on_other_data``.
    """
    status = stored.plan.facts.status
    if status not in PLANNED_STATUSES:
        raise CaseError("plan_without_schedule", plan=stored.id, status=status)
    found = data_hash(portfolio, stored.scenario)
    if found != stored.input_hash:
        raise CaseError("plan_on_other_data", plan=stored.id, scenario=stored.scenario_id)
    return found


def open_case(
    engine: Engine,
    plan_id: int,
    *,
    user: User | None,
    title: str = "",
    bodies: Sequence[Body] | None = None,
    note: str = "",
    portfolio: Portfolio | None = None,
) -> Case:
    """Open a decision case for stored plan ``plan_id`` as ``user`` (Admin or Coordinator); audited.

    Parameters
    ----------
    bodies
        The bodies and stages; default :func:`~planning.approval.bodies.default_bodies`.
    portfolio
        The stored portfolio, when the caller has it already (else read from ``engine``).

    Raises
    ------
    PermissionDenied
        When ``user`` may not prepare cases; nothing is stored.
    KeyError
        When no plan has that id.
    CaseError
        When the plan has no schedule, was made on other data, is already treated in an open
        case, or the bodies do not make a case.
    """
    authorize(user, PREPARE_CASE)
    assert user is not None
    portfolio = portfolio if portfolio is not None else load_portfolio(engine=engine)
    stored = get_plan(engine, plan_id)
    hashed = check_treatable(stored, portfolio)
    chosen = check_bodies(list(bodies) if bodies is not None else default_bodies(portfolio), portfolio)
    years = portfolio.timeline.years
    text = (title or "").strip() or f"Felles plan for e-helse {years[0]}–{years[-1]} (scenario {stored.scenario_id})"
    if len(text) > 200:
        raise CaseError("too_long", field="the title", length=len(text), limit=200)
    when = now()
    with transaction(engine) as session:
        _refuse_plan_under_treatment(session, plan_id)
        case = DecisionCase(
            title=text, bodies=[b.to_json() for b in chosen], opened_at=when, opened_by=user.username, note=note[:2000]
        )
        session.add(case)
        session.flush()
        assert case.id is not None
        version = CaseVersion(
            case_id=case.id, number=1, plan_id=plan_id, input_hash=hashed, created_at=when, created_by=user.username
        )
        session.add(version)
        session.flush()
        after = {"title": text, "plan_id": plan_id, "version": 1, "bodies": [b.id for b in chosen]}
        sealed = [("decision_case", case), ("case_version", version)]
        record(
            session, user=user, action="open_case", table="decision_case", row_id=str(case.id), after=after,
            sealed=sealed,
        )  # fmt: skip
        case_id = case.id
    return load_case(engine, case_id)


def _refuse_plan_under_treatment(session: Session, plan_id: int) -> None:
    for version in session.exec(select(CaseVersion).where(CaseVersion.plan_id == plan_id)):
        latest = session.exec(
            select(CaseVersion).where(CaseVersion.case_id == version.case_id).order_by(col(CaseVersion.number).desc())
        ).first()
        if latest is not None and latest.id == version.id:
            raise CaseError("plan_in_case", plan=plan_id, case=version.case_id, version=version.number)


def revise_case(
    engine: Engine,
    case_id: int,
    plan_id: int | None = None,
    *,
    user: User | None,
    reason: str,
    scenario: Scenario | None = None,
    portfolio: Portfolio | None = None,
    time_limit: float | None = None,
) -> Case:
    """Make a new version of case ``case_id`` as ``user`` (Admin or Coordinator); audited.

    The new version is stored plan ``plan_id``; without one, the current version's scenario
    (or ``scenario``, for example a condition's derived scenario) is optimised on the current
    data, tied to the current version's plan, and stored as a new run (needs the run right).
    Decisions on earlier versions stay as they are; every body treats the new version.

    Raises
    ------
    PermissionDenied
        When ``user`` may not prepare cases (or, for a new run, run scenarios).
    CaseError
        For an unknown case, an empty reason, a plan without schedule or on other data, or
        the current version's own plan.
    """
    authorize(user, PREPARE_CASE)
    assert user is not None
    why = (reason or "").strip()
    if not why:
        raise CaseError("empty_field", field="the reason", example="why the plan changed, for example 'HV capped 2028'")
    if len(why) > 2000:
        raise CaseError("too_long", field="the reason", length=len(why), limit=2000)
    case = load_case(engine, case_id)
    portfolio = portfolio if portfolio is not None else load_portfolio(engine=engine)
    current = get_plan(engine, case.current.plan_id)
    if plan_id is None:
        if scenario is None and data_hash(portfolio, current.scenario) == case.current.input_hash:
            raise CaseError("nothing_changed", version=case.current.number, case=case_id)
        plan_id = _run_for_revision(engine, portfolio, current, scenario=scenario, user=user, time_limit=time_limit)
    stored = get_plan(engine, plan_id)
    hashed = check_treatable(stored, portfolio)
    if hashed == case.current.input_hash and stored.plan.starts == current.plan.starts and plan_id != current.id:
        raise CaseError("nothing_changed", version=case.current.number, case=case_id)
    with transaction(engine) as session:
        lock_case(session, case_id)
        latest = session.exec(
            select(CaseVersion).where(CaseVersion.case_id == case_id).order_by(col(CaseVersion.number).desc())
        ).first()
        assert latest is not None
        if latest.plan_id == plan_id:
            raise CaseError("same_plan", plan=plan_id, version=latest.number, case=case_id)
        _refuse_plan_under_treatment(session, plan_id)
        version = CaseVersion(
            case_id=case_id, number=latest.number + 1, plan_id=plan_id, input_hash=hashed, created_at=now(),
            created_by=user.username, reason=why,
        )  # fmt: skip
        session.add(version)
        session.flush()
        before = {"version": latest.number, "plan_id": latest.plan_id}
        after = {"version": version.number, "plan_id": plan_id, "reason": why}
        record(session, user=user, action="revise_case", table="case_version", row_id=str(version.id),
               before=before, after=after, note=f"case {case_id}", sealed=[("case_version", version)])  # fmt: skip
    return load_case(engine, case_id)


def _run_for_revision(
    engine: Engine,
    portfolio: Portfolio,
    current: StoredPlan,
    *,
    scenario: Scenario | None,
    user: User,
    time_limit: float | None,
) -> int:
    stability = Stability(baseline=current.plan.starts, drop_penalty=DROP_PENALTY, move_penalty=MOVE_PENALTY)
    run = run_scenario(
        engine, portfolio, scenario or current.scenario, time_limit=time_limit, explain=False, stability=stability,
        user=user,
    )  # fmt: skip
    return run.id


def lock_case(session: Session, case_id: int) -> DecisionCase:
    """The case row, locked for the transaction (PostgreSQL; SQLite serialises writers anyway)."""
    row = session.exec(select(DecisionCase).where(DecisionCase.id == case_id).with_for_update()).first()
    if row is None:
        raise CaseError("unknown_case", case=case_id)
    return row


def load_case(engine: Engine, case_id: int) -> Case:
    """The case with its versions and decisions.

    Raises
    ------
    CaseError
        ``unknown_case``.
    """
    with Session(engine) as session:
        return read_case(session, case_id)


def read_case(session: Session, case_id: int) -> Case:
    """:func:`load_case` inside a session (for a transaction that checks before it writes)."""
    row = session.get(DecisionCase, case_id)
    if row is None:
        raise CaseError("unknown_case", case=case_id)
    versions = [
        Version(v.id or 0, v.number, v.plan_id, v.input_hash, v.created_at, v.created_by, v.reason)
        for v in session.exec(
            select(CaseVersion).where(CaseVersion.case_id == case_id).order_by(col(CaseVersion.number))
        )
    ]
    numbers = {v.id: v.number for v in versions}
    query = select(CaseDecision).where(CaseDecision.case_id == case_id).order_by(col(CaseDecision.id))
    decisions = [decision_of(d, numbers[d.version_id]) for d in session.exec(query)]
    return Case(
        id=case_id,
        title=row.title,
        bodies=bodies_from_json(row.bodies),
        opened_at=row.opened_at,
        opened_by=row.opened_by,
        note=row.note,
        versions=versions,
        decisions=decisions,
    )


def decision_of(row: CaseDecision, version: int) -> Decision:
    return Decision(
        id=row.id or 0,
        version_id=row.version_id,
        version=version,
        body=row.body,
        meeting_date=row.meeting_date,
        case_number=row.case_number,
        outcome=row.outcome,
        text=row.decision_text,
        condition=None if row.condition is None else Condition.from_json(row.condition),
        check=None if row.condition_check is None else ConditionCheck.from_json(row.condition_check),
        recorded_by=row.recorded_by,
        recorded_role=row.recorded_role,
        recorded_at=row.recorded_at,
        plan_approval_id=row.plan_approval_id,
    )


def list_cases(engine: Engine) -> pd.DataFrame:
    """Every case, newest first: id, title, opened_at, opened_by, version (current), plan_id, decisions."""
    with Session(engine) as session:
        cases = list(session.exec(select(DecisionCase).order_by(col(DecisionCase.id).desc())))
        versions = list(session.exec(select(CaseVersion).order_by(col(CaseVersion.number))))
        decisions = list(session.exec(select(CaseDecision)))
    latest = {v.case_id: v for v in versions}
    counts: dict[int, int] = {}
    for d in decisions:
        if latest[d.case_id].id == d.version_id:
            counts[d.case_id] = counts.get(d.case_id, 0) + 1
    rows = [
        {"id": c.id, "title": c.title, "opened_at": c.opened_at, "opened_by": c.opened_by,
         "version": latest[c.id or 0].number, "plan_id": latest[c.id or 0].plan_id,
         "decisions": counts.get(c.id or 0, 0)}
        for c in cases
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["id", "title", "opened_at", "opened_by", "version", "plan_id", "decisions"])
