"""Simulate a plan under uncertain estimates: options in, tables out, progress as it goes.

:func:`simulate_plan` checks the options, reads the plan as arrays, draws the futures of
every initiative the scenario decides on (so two plans of one scenario meet the same
futures with the same seed), lives the plan through them block by block and gathers
the tables of :mod:`planning.uncertainty.results`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.phrases import phrase
from planning.optimise.inputs import plan_inputs, spend_matrix
from planning.optimise.plan import Plan, plan_npv
from planning.plans.steps import DEFAULT_STEPS, Step
from planning.uncertainty import results
from planning.uncertainty.distributions import DISTRIBUTIONS, check_distribution
from planning.uncertainty.plan_model import PlanModel, plan_model
from planning.uncertainty.sampling import (
    DEFAULT_CORRELATION,
    DEFAULT_SAMPLES,
    GROUPINGS,
    MAX_SAMPLES,
    future_blocks,
    portfolio_estimates,
)
from planning.uncertainty.simulation import POLICIES, check_policy, simulate_block

Progress = Callable[[str, float], None]
MAX_SEED = 2**32 - 1
MAX_CORRELATION = 0.99


@dataclass(frozen=True)
class SimulationOptions:
    """How to simulate: samples, seed, overrun policy, distribution, correlation and what it follows."""

    samples: int = DEFAULT_SAMPLES
    seed: int = 1
    policy: str = POLICIES[0]
    distribution: str = DISTRIBUTIONS[0]
    correlation: float = DEFAULT_CORRELATION
    correlate_by: str = GROUPINGS[0]

    def checked(self) -> SimulationOptions:
        """These options, when every one is allowed.

        Raises
        ------
        ValueError
            Naming the first option that is not allowed and what is.
        """
        _within("samples", self.samples, 1, MAX_SAMPLES)
        _within("seed", self.seed, 0, MAX_SEED)
        _within("correlation", self.correlation, 0.0, MAX_CORRELATION)
        check_policy(self.policy)
        check_distribution(self.distribution)
        if self.correlate_by not in GROUPINGS:
            raise ValueError(phrase("unknown_grouping", value=self.correlate_by, choices=", ".join(GROUPINGS)))
        return self


def _within(option: str, value: float, low: float, high: float) -> None:
    if (isinstance(value, float) and not math.isfinite(value)) or not low <= value <= high:
        raise ValueError(phrase("option_out_of_range", option=option, value=value, low=low, high=high))


@dataclass
class Simulation:
    """What the plan of one scenario is likely to deliver and spend."""

    scenario: str
    options: SimulationOptions
    pool_periods: pd.DataFrame
    """Per pool and period (:func:`planning.uncertainty.results.pool_periods`)."""
    initiatives: pd.DataFrame
    """Per initiative of the plan (:func:`planning.uncertainty.results.delivery`)."""
    steps: pd.DataFrame
    value: pd.DataFrame
    drivers: pd.DataFrame
    summary: dict[str, float]
    left_out: list[str] = field(default_factory=list)
    """Initiatives of the plan that the scenario cannot plan now (edited since): not simulated."""
    pool_years: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Per pool and calendar year (:func:`planning.uncertainty.results.pool_years`)."""

    def to_json(self) -> dict[str, Any]:
        """Everything as JSON-safe data; ``pool_periods[].p_within`` is each pool-period's chance to hold."""
        return {
            "scenario": self.scenario,
            "options": asdict(self.options),
            "summary": _plain(self.summary),
            "pool_periods": _rows(self.pool_periods),
            "pool_years": _rows(self.pool_years),
            "initiatives": _rows(self.initiatives.reset_index()),
            "steps": _rows(self.steps),
            "value": _rows(self.value),
            "drivers": _rows(self.drivers.reset_index()),
            "left_out": self.left_out,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def simulate_plan(
    portfolio: Portfolio,
    plan: Plan,
    scenario: Scenario | str | None = None,
    options: SimulationOptions | None = None,
    *,
    steps: Sequence[Step] = DEFAULT_STEPS,
    progress: Progress | None = None,
) -> Simulation:
    """Live ``plan`` through sampled futures of its scenario.

    Parameters
    ----------
    scenario
        The scenario the plan was made for, as run (default: the stored one named by the plan).
    progress
        Called with a stage and the fraction done after each block of futures.

    Raises
    ------
    ValueError
        When an option is not allowed, or the plan has no initiatives.
    """
    chosen = (options or SimulationOptions()).checked()
    if not plan.has_plan:
        raise ValueError(phrase("no_plan_to_simulate", status=plan.facts.status))
    inputs = plan_inputs(portfolio, _scenario_of(portfolio, plan, scenario))
    starts = plan.starts
    model = plan_model(portfolio, inputs, starts)
    estimates = portfolio_estimates(portfolio, inputs.ids, chosen.correlate_by)
    blocks = future_blocks(
        estimates, chosen.samples, chosen.seed, correlation=chosen.correlation, distribution=chosen.distribution
    )
    outcomes, done = [], 0
    for futures in blocks:
        outcomes.append(simulate_block(model, futures.columns(model.ids), chosen.policy))
        done += futures.samples
        if progress is not None:
            progress(phrase("simulating", done=done, total=chosen.samples), done / chosen.samples)
    joined = results.Outcomes.join(outcomes)
    known = {i: s for i, s in starts.items() if i in model.ids}
    planned = spend_matrix(inputs, known).to_numpy(dtype=float)
    return Simulation(
        scenario=inputs.scenario.id,
        options=chosen,
        pool_periods=results.pool_periods(model, joined, planned),
        initiatives=results.delivery(model, joined, portfolio),
        steps=results.steps(model, joined, steps),
        value=results.value(joined, plan_npv(inputs, known), planned_benefit(model)),
        drivers=results.drivers(model, joined, portfolio),
        summary=results.summary(joined, float(planned.sum())),
        left_out=sorted(set(starts) - set(model.ids)),
        pool_years=results.pool_years(model, joined),
    )


def _scenario_of(portfolio: Portfolio, plan: Plan, scenario: Scenario | str | None) -> Scenario | str | None:
    """The scenario given, else the stored one the plan names (the defaults for a plan made with them)."""
    if scenario is not None:
        return scenario
    default = plan.scenario == "default" and "default" not in portfolio.scenarios.index
    return None if default else plan.scenario


def planned_benefit(model: PlanModel) -> float:
    """Stated monetised benefit realised within the horizon if every initiative runs as planned, MNOK."""
    years = model.benefit_in_years.shape[1] - 1
    live = (model.start + model.duration) // model.timeline.per_year
    left = np.clip(years - live, 0, years)
    return float(model.benefit_in_years[np.arange(model.size), left].sum())
