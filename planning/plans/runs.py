"""Plan runs in the store (scenarios themselves are saved by :mod:`planning.store.scenarios`).

Running a scenario (:func:`run_scenario`) stores the plan with its solver facts, the
input hash and the time of the run, and records the run in the audit trail; running it
again on unchanged inputs with the same options returns the stored plan at once.

Every write takes the acting ``user``; ``None`` (anonymous) is refused, as everywhere
(:func:`planning.store.access.authorize`). Reading a stored plan needs no right.

Approved plans (see :mod:`planning.plans.baseline`) are immutable: :func:`delete_plan` and any
ORM change to an approved run raise :class:`ImmutablePlan`; so are plans under joint treatment
(:mod:`planning.approval`), which raise :class:`~planning.store.case_records.CaseHistory`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

import planning.store.case_records  # noqa: F401  (registers the guard on plans under treatment)
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.phrases import phrase
from planning.optimise import Plan, Stability, optimise
from planning.optimise.inputs import input_hash, resolve_scenario
from planning.optimise.model import AUTO
from planning.optimise.solve import DEFAULT_GAP, Progress
from planning.store.access import RUN, PermissionDenied, User, authorize
from planning.store.audit import record, record_run
from planning.store.database import transaction
from planning.store.plan_records import PlanApproval, PlanRun

UNCACHED_STATUSES = ("error",)
"""Runs with these statuses are stored but never returned from the cache."""


@dataclass
class StoredPlan:
    """A plan as stored: its run id, when it ran, its hashes, the scenario exactly as run (it
    may differ from the stored scenario row) and whether the cache answered."""

    id: int
    scenario_id: str
    scenario: Scenario
    created_at: dt.datetime
    input_hash: str
    options_hash: str
    options: dict[str, Any]
    plan: Plan
    from_cache: bool = False


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def options_of(
    scenario: Scenario,
    *,
    time_limit: float | None,
    solver: str,
    formulation: str,
    gap: float,
    explain: bool,
    stability: Stability | None,
) -> dict[str, Any]:
    """The run's options, as stored and hashed (the time limit as effectively used)."""
    return {
        "solver": solver,
        "time_limit": float(time_limit if time_limit is not None else scenario.time_limit),
        "formulation": formulation,
        "gap": float(gap),
        "explain": bool(explain),
        "stability": None if stability is None else asdict(stability),
    }


UNHASHED = ("explain", "confidence_check")
"""Options kept with a run that do not change its schedule: whether it was explained, and a
plan at a confidence's out-of-sample check (:mod:`planning.robust.scenario`)."""


def options_hash(options: Mapping[str, Any]) -> str:
    """Hash of the options that change the schedule (explanations and checks only add to it)."""
    text = json.dumps({k: v for k, v in options.items() if k not in UNHASHED}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def run_scenario(
    engine: Engine,
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    *,
    time_limit: float | None = None,
    solver: str = "auto",
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
    explain: bool = True,
    stability: Stability | None = None,
    progress: Progress | None = None,
    refresh: bool = False,
    user: User | None = None,
) -> StoredPlan:
    """Optimise ``scenario`` as ``user`` and store the plan; unchanged inputs return the stored plan.

    A new run starts from the scenario's newest stored plan (:func:`latest_starts`), so that
    optimising again after an edit starts from the plan before it.

    Parameters
    ----------
    refresh
        Solve again even when a stored plan matches (the new run is stored beside it).
    user
        Who runs it; a new run needs the run right (Admin, Coordinator). A stored plan for
        the same inputs and options is returned to anyone: that is reading.

    Raises
    ------
    PermissionDenied
        When no stored plan matches and ``user`` may not run scenarios; nothing is solved or stored.
    InvalidPortfolio
        When the portfolio does not validate; nothing is stored.
    """
    sc = resolve_scenario(portfolio, scenario)
    options = options_of(
        sc,
        time_limit=time_limit,
        solver=solver,
        formulation=formulation,
        gap=gap,
        explain=explain,
        stability=stability,
    )
    key = (input_hash(portfolio, sc), options_hash(options))
    if not refresh:
        cached = find_cached(engine, str(sc.id), *key, explained=explain)
        if cached is not None:
            return cached
    authorize(user, RUN)
    plan = optimise(
        portfolio,
        sc,
        time_limit=options["time_limit"],
        solver=solver,
        formulation=formulation,
        gap=gap,
        explain=explain,
        stability=stability,
        progress=progress,
        warm_start=latest_starts(engine, str(sc.id)),
    )
    return store_plan(engine, plan, sc, options, input_hash=key[0], user=user)


def latest_starts(engine: Engine, scenario_id: str) -> dict[str, int] | None:
    """The starts of the newest stored plan of this scenario, whatever it was made from; ``None``
    without one. The optimiser's warm start (:mod:`planning.optimise.warm`)."""
    with Session(engine) as session:
        query = (
            select(PlanRun)
            .where(PlanRun.scenario_id == scenario_id, col(PlanRun.selected) > 0)
            .where(col(PlanRun.status).not_in(UNCACHED_STATUSES))
            .order_by(col(PlanRun.id).desc())
            .limit(1)
        )
        run = session.exec(query).first()
    return None if run is None else Plan.from_json(run.record).starts


def scenario_plan(
    engine: Engine,
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    *,
    user: User | None = None,
    **options: Any,
) -> Plan:
    """The scenario's plan for reading: run and stored when ``user`` may run scenarios, else
    a stored plan for the same inputs, else solved here and not stored.

    For commands that only show plans (compare, report), so that they stay open to every
    role while only those with the run right add runs to the store. ``options`` go to
    :func:`run_scenario` (time_limit, solver, formulation, gap, explain, stability, progress).
    """
    try:
        return run_scenario(engine, portfolio, scenario, user=user, **options).plan
    except PermissionDenied:
        return optimise(portfolio, scenario, **options)


def find_cached(
    engine: Engine, scenario_id: str, inputs: str, options: str, *, explained: bool = False
) -> StoredPlan | None:
    """The newest stored run of this scenario with these input and option hashes.

    With ``explained``, only a run whose plan carries the optimiser's explanations counts.
    """
    with Session(engine) as session:
        query = (
            select(PlanRun)
            .where(PlanRun.scenario_id == scenario_id, PlanRun.input_hash == inputs, PlanRun.options_hash == options)
            .where(col(PlanRun.status).not_in(UNCACHED_STATUSES))
            .order_by(col(PlanRun.id).desc())
        )
        for run in session.exec(query):
            if run.options.get("explain", False) or not explained:
                return _stored(run, from_cache=True)
    return None


def store_plan(
    engine: Engine,
    plan: Plan,
    scenario: Scenario,
    options: Mapping[str, Any],
    *,
    input_hash: str,
    user: User | None = None,
) -> StoredPlan:
    """Write one plan run as ``user``, with its audit entry, in one transaction; return it with its new id.

    Raises
    ------
    PermissionDenied
        When ``user`` may not run scenarios (only Admin and Coordinator may); nothing is stored.
    """
    authorize(user, RUN)
    facts = plan.facts
    run = PlanRun(
        scenario_id=str(scenario.id),
        input_hash=input_hash,
        options_hash=options_hash(options),
        options=dict(options),
        scenario=json.loads(json.dumps(scenario.model_dump(), default=str)),
        created_at=now(),
        status=facts.status,
        objective=facts.objective,
        bound=facts.bound,
        gap=facts.gap,
        solve_seconds=facts.solve_seconds,
        build_seconds=facts.build_seconds,
        time_limit=facts.time_limit,
        solver=facts.solver,
        solver_version=facts.solver_version,
        formulation=facts.formulation,
        message=facts.message[:2000],
        npv=plan.npv,
        selected=len(plan.starts),
        record=plan.to_record(),
    )
    with transaction(engine) as session:
        session.add(run)
        session.flush()
        stored = _stored(run)
        record_run(session, user=user, plan_id=stored.id, scenario_id=stored.scenario_id, facts=_run_facts(run))
    return stored


def _run_facts(run: PlanRun) -> dict[str, Any]:
    """What the audit trail keeps of a run: its outcome and the hashes that identify it."""
    return {
        "status": run.status,
        "npv": run.npv,
        "gap": run.gap,
        "selected": run.selected,
        "solver": run.solver,
        "input_hash": run.input_hash,
        "options_hash": run.options_hash,
    }


def _stored(run: PlanRun, *, from_cache: bool = False) -> StoredPlan:
    assert run.id is not None
    return StoredPlan(
        id=run.id,
        scenario_id=run.scenario_id,
        scenario=Scenario.model_validate(run.scenario),
        created_at=run.created_at,
        input_hash=run.input_hash,
        options_hash=run.options_hash,
        options=dict(run.options),
        plan=Plan.from_json(run.record),
        from_cache=from_cache,
    )


def get_plan(engine: Engine, plan_id: int) -> StoredPlan:
    """A stored plan by its id.

    Raises
    ------
    KeyError
        When no plan has that id.
    """
    with Session(engine) as session:
        run = session.get(PlanRun, plan_id)
        if run is None:
            raise KeyError(phrase("no_stored_plan", plan=plan_id))
        return _stored(run)


def list_plans(engine: Engine, scenario_id: str | None = None) -> pd.DataFrame:
    """Stored plans, newest first: id, scenario, created_at, status, gap, npv, selected, approval."""
    with Session(engine) as session:
        query = select(PlanRun).order_by(col(PlanRun.id).desc())
        if scenario_id is not None:
            query = query.where(PlanRun.scenario_id == scenario_id)
        runs = list(session.exec(query))
        approvals = list(session.exec(select(PlanApproval)))
    state = {a.plan_id: "baseline" for a in approvals if not a.superseded}
    for a in approvals:
        state.setdefault(a.plan_id, "superseded")
    rows = [
        {
            "id": r.id,
            "scenario": r.scenario_id,
            "created_at": r.created_at,
            "status": r.status,
            "gap": r.gap,
            "npv": r.npv,
            "selected": r.selected,
            "solver": r.solver,
            "input_hash": r.input_hash,
            "approval": state.get(r.id or -1, ""),
        }
        for r in runs
    ]
    columns = ["id", "scenario", "created_at", "status", "gap", "npv", "selected", "solver", "input_hash", "approval"]
    return pd.DataFrame(rows, columns=columns)


def delete_plan(engine: Engine, plan_id: int, *, user: User | None = None) -> None:
    """Delete a stored plan that was never approved, as ``user`` (who needs the run right); audited.

    Raises
    ------
    PermissionDenied
        When ``user`` may not run scenarios (only Admin and Coordinator may).
    ImmutablePlan
        When the plan has been approved (now or earlier), or a decision case treats it
        (:class:`~planning.store.case_records.CaseHistory`); nothing is deleted.
    KeyError
        When no plan has that id.
    """
    authorize(user, RUN)
    with transaction(engine) as session:
        run = session.get(PlanRun, plan_id)
        if run is None:
            raise KeyError(phrase("no_stored_plan", plan=plan_id))
        facts = {"scenario": run.scenario_id, **_run_facts(run)}
        session.delete(run)  # the plan tables' guards raise for approved and treated plans
        session.flush()
        record(session, user=user, action="delete", table="plan_run", row_id=str(plan_id), before=facts)
