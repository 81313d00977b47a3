"""Running the optimiser for the pages: stored and cached on its inputs, what-ifs in the background.

Every run goes through :func:`planning.robust.scenario.run_scenario`, so it is stored (and can be
approved) and unchanged inputs come straight back from the store; a scenario with a confidence
level is planned at it unless the request asks for the point estimates. The roadmap comes from
a run without the what-if re-solves, so that it is back quickly after a change; the
reasons for what is out or late follow at once (:func:`planning.optimise.reasons.quick_reasons`),
and the full explanation, which re-solves once per initiative out or late, runs on a
worker thread when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.optimise.inputs import input_hash
from planning.optimise.reasons import quick_reasons
from planning.plans.budget import scenario_with
from planning.robust.scenario import AtConfidence, ScenarioPlan, plan_scenario, run_scenario
from planning.store.access import RUN, PermissionDenied, User
from veikart_ui import auth, session, state

Progress = Callable[[str, float], None]


@dataclass(frozen=True, eq=False)
class PlanRequest:
    """What a plan is made from: the database, the portfolio, the scenario and the time limit,
    and who asks (not part of the plan: the same inputs give the same plan to everyone)."""

    url: str
    portfolio: Portfolio
    scenario: Scenario
    time_limit: float
    user: User | None = None
    point_estimates: bool = False
    """Plan on the point estimates even where the scenario asks for a confidence level."""

    @property
    def scenario_as_run(self) -> Scenario:
        return scenario_with(self.scenario, time_limit=self.time_limit)

    @cached_property
    def inputs(self) -> str:
        """The hash of everything the plan depends on (worked out once per request)."""
        return input_hash(self.portfolio, self.scenario_as_run)

    def key(self, *, explain: bool) -> str:
        """Changes whenever anything the plan depends on changes."""
        return f"{self.url}/{self.inputs}/{self.time_limit:g}/{int(explain)}/{int(self.point_estimates)}"


@dataclass(frozen=True)
class PlanResult:
    """A plan and its id in the store (``None``: solved for a reader, not stored)."""

    plan: Plan
    plan_id: int | None
    from_cache: bool
    confidence: AtConfidence | None = None
    """What the plan promises where it was made at the scenario's confidence."""


def _solve(request: PlanRequest, *, explain: bool, progress: Progress | None) -> PlanResult:
    """Run and store as the user; one who may not store runs still gets the plan, unstored."""
    try:
        made: ScenarioPlan = run_scenario(
            state.engine(request.url),
            request.portfolio,
            request.scenario_as_run,
            point_estimates=request.point_estimates,
            time_limit=request.time_limit,
            explain=explain,
            progress=progress,
            user=request.user,
        )
    except PermissionDenied:
        made = plan_scenario(
            request.portfolio,
            request.scenario_as_run,
            point_estimates=request.point_estimates,
            time_limit=request.time_limit,
            explain=explain,
            progress=progress,
        )
        return PlanResult(made.plan, None, False, made.confidence)
    assert made.stored is not None
    return PlanResult(made.plan, made.stored.id, made.stored.from_cache, made.confidence)


def run(request: PlanRequest, progress: Progress | None = None) -> PlanResult:
    """The plan for ``request``: from this process's cache, the store, or a new solve.

    Raises
    ------
    planning.domain.problems.InvalidPortfolio
        When the portfolio does not validate.
    """
    cache = state.plan_cache()
    key = request.key(explain=False)
    known = cache.get(key)
    if isinstance(known, PlanResult) and (known.plan_id is not None or not auth.can(request.user, RUN)):
        if progress is not None:
            progress("Done", 1.0)
        return known
    result = _solve(request, explain=False, progress=progress)
    if result.plan.facts.status != "error":
        cache.put(key, result)
    return result


def promise(request: PlanRequest) -> AtConfidence | None:
    """What the plan of ``request`` promises, where it was made at a confidence and is still known here."""
    known = state.plan_cache().get(request.key(explain=False))
    return known.confidence if isinstance(known, PlanResult) else None


def session_plan(portfolio: Portfolio, scenario: Scenario) -> Plan | None:
    """This session's latest plan if it was made from this database, portfolio and scenario
    (with whatever time limit), else ``None``."""
    plan, made_from = session.latest_plan()
    if plan is None or made_from is None or not plan.has_plan:
        return None
    now = PlanRequest(
        session.url(), portfolio, scenario, made_from.time_limit, point_estimates=made_from.point_estimates
    )
    return plan if now.key(explain=False) == made_from.key(explain=False) else None


def explain(request: PlanRequest, group: str) -> state.Job:
    """Start (or find) the fully explained run of ``request`` on the worker thread.

    ``group`` names the requester (a session): its older request still waiting is dropped.
    """
    key = request.key(explain=True)
    cache = state.plan_cache()

    def work(progress: Progress) -> PlanResult:
        result = _solve(request, explain=True, progress=progress)
        if result.plan.facts.status != "error":
            cache.put(key, result)
        return result

    return state.jobs().submit(key, group, work)


def pending(request: PlanRequest) -> state.Job | None:
    """The explained run of ``request`` if one was started."""
    return state.jobs().get(request.key(explain=True))


def explained(request: PlanRequest) -> PlanResult | None:
    """The fully explained plan of ``request`` if it is ready."""
    known = state.plan_cache().get(request.key(explain=True))
    return known if isinstance(known, PlanResult) else None


def reasons(request: PlanRequest, plan: Plan) -> pd.DataFrame:
    """The plan's initiatives with the reason for each one out or late (cached per plan)."""
    key = f"reasons/{request.key(explain=False)}"
    cache = state.plan_cache()
    known = cache.get(key)
    if isinstance(known, pd.DataFrame):
        return known
    frame = quick_reasons(request.portfolio, plan, request.scenario_as_run)
    cache.put(key, frame)
    return frame
