"""Recording a body's decision on the current version of a case, and adopting the plan of record.

Who may record is checked first (:func:`planning.store.access.authorize_decision`: the
body's secretary, a board secretary only for its own region, or an admin). Then the
decision itself: a known outcome, a case number and a decision text, a meeting date not
after today, the current version (not a superseded one) on the data it was made on, the
stages in order (a body decides after every required body of the stages before it has
passed the plan, and not before their meeting), and a condition only on the body's own
envelope. A condition Veikart can check is checked against the plan
(:mod:`planning.approval.conditions`).

The decision, its audit entry and, when it is the last approval needed, the plan of
record (:func:`planning.plans.baseline.approve_in_session`) are written in one transaction,
after the checks are made again on what is stored then. Anything refused stores nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from planning.approval.bodies import APPROVE, OUTCOMES, RECOMMEND, Body
from planning.approval.cases import (
    Case,
    Decision,
    Version,
    data_hash,
    decision_of,
    load_case,
    lock_case,
    now,
    read_case,
)
from planning.approval.conditions import Condition, ConditionCheck, check_condition, check_condition_fits
from planning.approval.words import CaseError
from planning.domain.portfolio import Portfolio
from planning.plans.baseline import approve_in_session
from planning.plans.runs import get_plan
from planning.store.access import User, authorize_decision
from planning.store.audit import record
from planning.store.case_records import CaseDecision
from planning.store.database import load_portfolio, transaction
from planning.store.plan_records import PlanApproval

VERBS = {RECOMMEND: "recommended", "treat": "treated", APPROVE: "approved"}
LIMITS = {"case_number": 64, "text": 4000, "condition": 2000}


def record_decision(
    engine: Engine,
    case_id: int,
    body: str,
    *,
    outcome: str,
    meeting_date: dt.date | str,
    case_number: str,
    text: str,
    user: User | None,
    condition: Condition | None = None,
    version: int | None = None,
    portfolio: Portfolio | None = None,
    today: dt.date | None = None,
    time_limit: float | None = None,
) -> Decision:
    """Record the decision of ``body`` on case ``case_id`` as ``user``; audited, all or nothing.

    Parameters
    ----------
    version
        The version number the decision is on, when the caller names it (the app names the
        version it showed); default the current version.
    today
        The date a meeting may not be after (default today, UTC).
    time_limit
        Seconds for solving a condition's derived scenario, when the condition does not hold.

    Raises
    ------
    PermissionDenied
        When ``user`` may not record this body's decisions.
    CaseError
        For every kind of bad input (see :data:`planning.approval.words.MESSAGES`).
    """
    case = load_case(engine, case_id)
    chosen = case.body(body)
    authorize_decision(user, chosen.named(), chosen.secretary, chosen.region)
    assert user is not None
    when = _meeting_date(meeting_date, today or dt.datetime.now(dt.UTC).date())
    number = _required_text("the case number", "--case-no, for example 'Sak 045-2026'", case_number)
    words = _required_text("the decision text", "--text, the decision as adopted (vedtak)", text, LIMITS["text"])
    if outcome not in OUTCOMES:
        raise CaseError("unknown_outcome", outcome=outcome, outcomes=", ".join(OUTCOMES))
    target = _version(case, version)
    portfolio = portfolio if portfolio is not None else load_portfolio(engine=engine)
    treated = get_plan(engine, target.plan_id)
    if data_hash(portfolio, treated.scenario) != target.input_hash:
        raise CaseError("inputs_changed", version=target.number, case=case_id, plan=target.plan_id)
    check_order(case, target, chosen, when)
    check_condition_fits(condition, outcome, chosen, portfolio)
    if condition is not None and len(condition.text) > LIMITS["condition"]:
        raise CaseError("too_long", field="the condition", length=len(condition.text), limit=LIMITS["condition"])
    check = None
    if condition is not None and condition.checked:
        check = check_condition(portfolio, treated, condition, time_limit=time_limit)
    row = CaseDecision(
        case_id=case_id, version_id=target.id, body=chosen.id, meeting_date=when, case_number=number, outcome=outcome,
        decision_text=words, condition=None if condition is None else condition.to_json(),
        condition_check=None if check is None else check.to_json(), recorded_by=user.username,
        recorded_role=user.role, recorded_at=now(),
    )  # fmt: skip
    return _store(engine, case_id, target, chosen, row, check, user)


def _store(
    engine: Engine,
    case_id: int,
    target: Version,
    body: Body,
    row: CaseDecision,
    check: ConditionCheck | None,
    user: User,
) -> Decision:
    with transaction(engine) as session:
        lock_case(session, case_id)
        fresh = read_case(session, case_id)
        if fresh.current.id != target.id:
            raise _superseded(fresh, target)
        check_order(fresh, target, body, row.meeting_date)
        decision = decision_of(row, target.number)
        if adopts(fresh, target, decision) and not _is_plan_of_record(session, target.plan_id):
            approval = approve_in_session(
                session, target.plan_id, by=adopted_by(fresh, target), comment=adoption_note(fresh, target, decision),
                at=row.recorded_at, user=user,
            )  # fmt: skip
            row.plan_approval_id = approval.id
        session.add(row)
        session.flush()
        after = {"body": body.id, "version": target.number, "plan_id": target.plan_id,
                 "meeting_date": row.meeting_date.isoformat(), "case_number": row.case_number,
                 "outcome": row.outcome, "text": row.decision_text, "condition": row.condition,
                 "condition_holds": None if check is None else check.holds,
                 "plan_approval_id": row.plan_approval_id}  # fmt: skip
        record(session, user=user, action="decide", table="case_decision", row_id=str(row.id), after=after,
               note=f"case {case_id}", sealed=[("case_decision", row)])  # fmt: skip
        return decision_of(row, target.number)


def _is_plan_of_record(session: Session, plan_id: int) -> bool:
    query = select(PlanApproval).where(col(PlanApproval.superseded).is_(False), PlanApproval.plan_id == plan_id)
    return session.exec(query).first() is not None


def _meeting_date(value: dt.date | str, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise CaseError("bad_date", value=value) from None
    if value > today:
        raise CaseError("future_date", date=value, today=today)
    return value


def _required_text(name: str, example: str, value: str | None, limit: int = LIMITS["case_number"]) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise CaseError("empty_field", field=name, example=example)
    if len(cleaned) > limit:
        raise CaseError("too_long", field=name, length=len(cleaned), limit=limit)
    return cleaned


def _version(case: Case, number: int | None) -> Version:
    if number is None:
        return case.current
    found = next((v for v in case.versions if v.number == number), None)
    if found is None:
        raise CaseError("unknown_version", case=case.id, version=number, last=case.current.number)
    if found.id != case.current.id:
        raise _superseded(case, found)
    return found


def _superseded(case: Case, version: Version) -> CaseError:
    made = case.current.created_at
    return CaseError("superseded_version", version=version.number, case=case.id, current=case.current.number, made=made)


def latest_decisions(decisions: Sequence[Decision]) -> dict[str, Decision]:
    """Each body's latest decision (the last recorded) among ``decisions``."""
    latest: dict[str, Decision] = {}
    for decision in decisions:
        latest[decision.body] = decision
    return latest


def check_order(case: Case, version: Version, body: Body, when: dt.date) -> None:
    """Refuse a decision out of order: ``body`` has passed the plan already, a later stage has
    decided, a required body of an earlier stage has not passed it, or the date is before
    theirs or before the body's own earlier decision.

    Raises
    ------
    CaseError
        ``already_decided``, ``before_own_decision``, ``later_stage_decided``,
        ``stage_not_done`` or ``before_previous_stage``.
    """
    latest = latest_decisions(case.decisions_on(version))
    mine = latest.get(body.id)
    if mine is not None and mine.passes:
        raise CaseError("already_decided", body=body, version=version.number, outcome=mine.outcome,
                        date=mine.meeting_date, case_no=mine.case_number, case=case.id)  # fmt: skip
    if mine is not None and when < mine.meeting_date:
        raise CaseError("before_own_decision", date=when, body=body,
                        previous_date=mine.meeting_date, case_no=mine.case_number)  # fmt: skip
    later = [b for b in case.bodies if b.stage > body.stage and b.id in latest]
    if later:
        raise CaseError("later_stage_decided", body=body, version=version.number, later=later[0])
    earlier = [b for b in case.bodies if b.stage < body.stage and b.required]
    for other in earlier:
        decided = latest.get(other.id)
        if decided is None or not decided.passes:
            raise CaseError("stage_not_done", body=body, version=version.number, waiting=other,
                            verb=VERBS[other.action])  # fmt: skip
    if earlier:
        last_body = max(earlier, key=lambda b: (latest[b.id].meeting_date, b.stage))
        last = latest[last_body.id]
        if when < last.meeting_date:
            raise CaseError("before_previous_stage", date=when, previous=last_body,
                            previous_date=last.meeting_date, case_no=last.case_number,
                            body=body)  # fmt: skip


def adopts(case: Case, version: Version, decision: Decision) -> bool:
    """Whether ``decision`` passes the plan with every required body of the case on ``version``."""
    latest = latest_decisions([*case.decisions_on(version), decision])
    return all(b.id in latest and latest[b.id].passes for b in case.bodies if b.required)


def adopted_by(case: Case, version: Version) -> str:
    """Who adopted the plan, as the plan-of-record approval names it."""
    bodies = ", ".join(b.id for b in case.bodies if b.required)
    return f"Felles behandling, sak {case.id} versjon {version.number}: {bodies}"[:200]


def adoption_note(case: Case, version: Version, decision: Decision) -> str:
    """The decisions that adopted the plan: body, case number and meeting date of each."""
    latest = latest_decisions([*case.decisions_on(version), decision])
    parts = [
        f"{b.id} {latest[b.id].case_number} ({latest[b.id].meeting_date.isoformat()})"
        for b in case.bodies
        if b.id in latest
    ]
    return f"{case.title}: " + "; ".join(parts)
