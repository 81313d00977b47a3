"""Where a decision case stands: each body's state on the current version, and earlier versions.

A body is ``waiting`` while a required body of an earlier stage has not passed the plan,
``pending`` when it may decide, and otherwise in the state of its latest decision on the
current version: ``approved``, ``approved_with_conditions``, ``condition_not_met`` (approved
with a condition Veikart checked that the plan does not hold), ``returned`` or ``rejected``.
The case is ``approved`` when every required body has passed the current version,
``held_up`` when a body returned or rejected it or a condition does not hold, and
``in_treatment`` otherwise. Earlier versions are listed with their decisions and what the
current version changes against them: starts moved, NPV, and each pool's commitment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from planning.approval.bodies import REJECTED, RETURNED, WITH_CONDITIONS, Body
from planning.approval.cases import Case, Decision, Version, data_hash, load_case
from planning.approval.conditions import moved_initiatives, pool_changes
from planning.approval.decisions import latest_decisions
from planning.domain.portfolio import Portfolio
from planning.plans.baseline import Baseline, current_baseline
from planning.plans.diff import diff_plans
from planning.plans.runs import StoredPlan, get_plan
from planning.store.database import load_portfolio

WAITING, PENDING, CONDITION_NOT_MET = "waiting", "pending", "condition_not_met"
PARTY_STATES = (WAITING, PENDING, "approved", WITH_CONDITIONS, CONDITION_NOT_MET, RETURNED, REJECTED)
IN_TREATMENT, HELD_UP, APPROVED = "in_treatment", "held_up", "approved"
CASE_STATES = (IN_TREATMENT, HELD_UP, APPROVED)


@dataclass
class Party:
    """One body on the current version: its state and its decisions there (latest last)."""

    body: Body
    state: str
    decisions: list[Decision] = field(default_factory=list)

    @property
    def decision(self) -> Decision | None:
        return self.decisions[-1] if self.decisions else None


@dataclass
class EarlierVersion:
    """A superseded version, its decisions, and what the current version changes against it."""

    version: Version
    plan: StoredPlan
    decisions: list[Decision]
    moves: list[dict[str, Any]]
    npv_before: float | None
    npv_after: float | None
    pools: list[dict[str, Any]]
    """pool, name, total_change, by_year: current version minus this one, MNOK."""

    @property
    def npv_change(self) -> float | None:
        return None if self.npv_before is None or self.npv_after is None else self.npv_after - self.npv_before


@dataclass
class CaseStatus:
    """A case as it stands."""

    case: Case
    plan: StoredPlan
    """The current version's plan."""
    parties: list[Party]
    state: str
    inputs_current: bool
    """False when the data changed since the current version was made: a new version is due."""
    baseline: Baseline | None
    """The plan of record now (from this case or not)."""
    earlier: list[EarlierVersion]

    @property
    def current(self) -> Version:
        return self.case.current

    @property
    def plan_of_record(self) -> bool:
        """True when the current version's plan is the plan of record."""
        return self.baseline is not None and self.baseline.stored.id == self.plan.id

    def party(self, body_id: str) -> Party:
        return next(p for p in self.parties if p.body.id == body_id)

    def timeline(self) -> pd.DataFrame:
        """One row per body: body, name, name_en, stage, action, required, state, meeting_date,
        case_number, outcome, text, condition, holds (of a checked condition)."""
        rows = []
        for party in self.parties:
            d = party.decision
            rows.append(
                {"body": party.body.id, "name": party.body.name, "name_en": party.body.name_en,
                 "stage": party.body.stage, "action": party.body.action, "required": party.body.required,
                 "state": party.state, "meeting_date": None if d is None else d.meeting_date,
                 "case_number": None if d is None else d.case_number, "outcome": None if d is None else d.outcome,
                 "text": None if d is None else d.text,
                 "condition": None if d is None or d.condition is None else d.condition.text,
                 "holds": None if d is None or d.check is None else d.check.holds}
            )  # fmt: skip
        return pd.DataFrame(rows)

    def to_json(self) -> dict[str, Any]:
        """The case for ``planning case status --json``."""
        return {
            "case": self.case.id,
            "title": self.case.title,
            "state": self.state,
            "opened_at": self.case.opened_at.isoformat(),
            "opened_by": self.case.opened_by,
            "version": self._version_json(),
            "plan_of_record": self.plan_of_record,
            "baseline_plan_id": None if self.baseline is None else self.baseline.stored.id,
            "parties": [_party_json(p) for p in self.parties],
            "earlier_versions": [_earlier_json(e) for e in self.earlier],
        }

    def _version_json(self) -> dict[str, Any]:
        version = self.current
        return {
            "number": version.number,
            "plan_id": version.plan_id,
            "scenario": self.plan.scenario_id,
            "npv": self.plan.plan.npv,
            "created_at": version.created_at.isoformat(),
            "created_by": version.created_by,
            "reason": version.reason,
            "inputs_current": self.inputs_current,
        }


def _party_json(party: Party) -> dict[str, Any]:
    body = party.body
    return {
        "body": body.id,
        "name": body.name,
        "stage": body.stage,
        "action": body.action,
        "required": body.required,
        "state": party.state,
        "decisions": [d.to_json() for d in party.decisions],
    }


def _earlier_json(earlier: EarlierVersion) -> dict[str, Any]:
    return {
        "number": earlier.version.number,
        "plan_id": earlier.version.plan_id,
        "reason": earlier.version.reason,
        "decisions": [d.to_json() for d in earlier.decisions],
        "moves": earlier.moves,
        "npv_change": earlier.npv_change,
        "pools": earlier.pools,
    }


def party_state(body: Body, decisions: list[Decision], latest: dict[str, Decision], bodies: list[Body]) -> str:
    """The state of ``body`` on a version, given every body's latest decision there."""
    if decisions:
        last = decisions[-1]
        if last.check is not None and not last.check.holds:
            return CONDITION_NOT_MET
        return last.outcome
    earlier = [b for b in bodies if b.stage < body.stage and b.required]
    return PENDING if all(b.id in latest and latest[b.id].passes for b in earlier) else WAITING


def case_state(parties: list[Party]) -> str:
    required = [p for p in parties if p.body.required]
    if all(p.decision is not None and p.decision.passes for p in required):
        return APPROVED
    if any(p.state in (RETURNED, REJECTED, CONDITION_NOT_MET) for p in parties):
        return HELD_UP
    return IN_TREATMENT


def case_status(engine: Engine, case_id: int, *, portfolio: Portfolio | None = None) -> CaseStatus:
    """The case as it stands now (reading needs no right).

    Raises
    ------
    CaseError
        When there is no such case.
    """
    case = load_case(engine, case_id)
    portfolio = portfolio if portfolio is not None else load_portfolio(engine=engine)
    version = case.current
    plan = get_plan(engine, version.plan_id)
    on_version = case.decisions_on(version)
    latest = latest_decisions(on_version)
    parties = [
        Party(b, party_state(b, [d for d in on_version if d.body == b.id], latest, case.bodies),
              [d for d in on_version if d.body == b.id])
        for b in case.bodies
    ]  # fmt: skip
    return CaseStatus(
        case=case,
        plan=plan,
        parties=parties,
        state=case_state(parties),
        inputs_current=data_hash(portfolio, plan.scenario) == version.input_hash,
        baseline=current_baseline(engine),
        earlier=[earlier_version(engine, portfolio, case, v, plan) for v in reversed(case.versions[:-1])],
    )


def earlier_version(
    engine: Engine, portfolio: Portfolio, case: Case, version: Version, current: StoredPlan
) -> EarlierVersion:
    """A superseded version with what ``current`` changes against it."""
    stored = get_plan(engine, version.plan_id)
    diff = diff_plans(stored.plan, current.plan)
    return EarlierVersion(
        version=version,
        plan=stored,
        decisions=case.decisions_on(version),
        moves=moved_initiatives(portfolio, diff.changed),
        npv_before=diff.npv_a,
        npv_after=diff.npv_b,
        pools=pool_changes(portfolio, diff.spend),
    )
