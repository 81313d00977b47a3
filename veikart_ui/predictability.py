"""Simulating a plan for the Forutsigbarhet page: which plan, with which options, cached on its inputs.

Every simulation goes through :func:`planning.uncertainty.simulate_plan`. Results are kept
in the process's plan cache under a key made of the plan, the data it depends on (the
input hash, which covers the estimates) and the options, so the same question is answered
once; a session remembers its latest result and the key it was made for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import streamlit as st

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.optimise.inputs import input_hash
from planning.plans.baseline import current_baseline
from planning.uncertainty import Simulation, SimulationOptions, simulate_plan
from veikart_ui import planner, session, state
from veikart_ui.components import DEFAULT_TIME_LIMIT

Progress = Callable[[str, float], None]
RESULT = "simulation"
WORKING, APPROVED = "working", "approved"


@dataclass(frozen=True)
class Subject:
    """The plan to simulate and what it is: the working scenario's (through the planner) or the approved one."""

    source: str
    portfolio: Portfolio
    scenario: Scenario
    plan_id: int | None = None
    plan: Plan | None = None
    """Known already for the approved plan; made on demand for the working scenario."""

    def key(self, options: SimulationOptions) -> str:
        chosen = "/".join(f"{k}={v}" for k, v in asdict(options).items())
        made_for = self.plan_id if self.source == APPROVED else self.scenario.id
        return f"sim/{session.url()}/{self.source}/{made_for}/{input_hash(self.portfolio, self.scenario)}/{chosen}"


def approved(portfolio: Portfolio) -> Subject | None:
    """The approved plan of record, with the scenario exactly as it was run; ``None`` before any approval."""
    baseline = current_baseline(state.engine(session.url()))
    if baseline is None:
        return None
    stored = baseline.stored
    return Subject(APPROVED, portfolio, stored.scenario, stored.id, stored.plan)


def working(portfolio: Portfolio) -> Subject:
    return Subject(WORKING, portfolio, session.working_scenario(portfolio))


def plan_of(subject: Subject, progress: Progress) -> Plan:
    """The subject's plan: the approved one as stored; for the working scenario, the plan this session
    made of it on the Veikart page, else the planner's (cached and stored, as the Veikart page would)."""
    if subject.plan is not None:
        return subject.plan
    made = planner.session_plan(subject.portfolio, subject.scenario)
    if made is not None:
        return made
    portfolio, scenario = subject.portfolio, subject.scenario
    request = planner.PlanRequest(session.url(), portfolio, scenario, DEFAULT_TIME_LIMIT, session.user())
    return planner.run(request, progress).plan


def simulate(subject: Subject, options: SimulationOptions, plan: Plan, progress: Progress) -> Simulation:
    """The simulation of ``plan`` with ``options``, from the process's cache when it was asked before."""
    key = subject.key(options)
    cache = state.plan_cache()
    known = cache.get(key)
    if isinstance(known, Simulation):
        progress("", 1.0)
        return known
    result = simulate_plan(subject.portfolio, plan, subject.scenario, options, progress=progress)
    cache.put(key, result)
    return result


def remember(key: str, result: Simulation, plan_label: str) -> None:
    st.session_state[RESULT] = (key, result, plan_label)


def latest() -> tuple[str, Simulation, str] | None:
    """This session's latest simulation: the key it was made for, the result and what plan it was."""
    found: Any = st.session_state.get(RESULT)
    return found if isinstance(found, tuple) else None
