"""Core Index: how often each initiative is chosen when the scenario is re-optimised on sampled futures.

After Robust Portfolio Modelling (Liesiö, Mild and Salo, EJOR 2007): an initiative selected
in at least :data:`CORE` of the futures is *core* (safe to commit now), in at most
:data:`EXTERIOR` *exterior*, and *borderline* in between (it depends on how the estimates
turn out). Each future is the portfolio with every initiative's cost, duration and
benefit drawn from its three-point estimates (:mod:`planning.uncertainty.sampling`, the
same seed the same futures); stops are a delivery risk, not a planning input, and are not
drawn into the plan. Every future is one pure sweep task (:mod:`planning.sweeps`):
the future's numbers in, its plan's starts out. Each future is solved to a work limit, not
a time limit (:mod:`planning.optimise.deterministic`: one HiGHS search on one thread, a fixed
seed, stopped by a node limit), so the index does not depend on the engine, the number of
workers or the machine's load. The scenario's time limit stays as a safety net: a future it
stops depends on the machine's speed, and the index reports how many it stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, errors
from planning.domain.validation import validate
from planning.messages.phrases import phrase
from planning.optimise import optimise
from planning.optimise.deterministic import NODE_LIMIT, WorkLimit
from planning.optimise.deterministic import STATUS as WORK_LIMIT
from planning.optimise.finite import check_portfolio_numbers
from planning.optimise.inputs import plan_inputs, resolve_scenario
from planning.optimise.plan import PLANNED_STATUSES
from planning.sweeps import Engine, LoopEngine, Progress, run_sweep
from planning.sweeps.engine import Stop
from planning.uncertainty.distributions import DISTRIBUTIONS, check_distribution
from planning.uncertainty.run import MAX_CORRELATION, MAX_SEED, _within
from planning.uncertainty.sampling import DEFAULT_CORRELATION, GROUPINGS, Futures, portfolio_estimates, sample_futures

CORE, EXTERIOR = 0.9, 0.1
"""Shares of futures from which an initiative is core (at least) and exterior (at most)."""
CLASSES = ("core", "borderline", "exterior")
DEFAULT_SAMPLES = 100
MAX_SAMPLES = 5000
"""Most futures one run may ask for: each is a full solve."""
DEFAULT_GAP = 0.005
"""Relative gap each future is solved to: 0.5 %, a selection this close to the best is as good an answer."""
PLANNED = PLANNED_STATUSES


@dataclass(frozen=True)
class CoreIndexOptions:
    """How many futures, from which seed, how they are drawn, and how each is solved."""

    samples: int = DEFAULT_SAMPLES
    seed: int = 1
    distribution: str = DISTRIBUTIONS[0]
    correlation: float = DEFAULT_CORRELATION
    correlate_by: str = GROUPINGS[0]
    time_limit: float | None = None
    """Seconds per future, a safety net only (default: the scenario's own)."""
    gap: float = DEFAULT_GAP
    nodes: int = NODE_LIMIT
    """Nodes of HiGHS's search tree per future: the work limit that stops a future's solve."""

    def checked(self) -> CoreIndexOptions:
        """These options when every one is allowed, else a ``ValueError`` naming the first that is not."""
        _within("samples", self.samples, 1, MAX_SAMPLES)
        _within("seed", self.seed, 0, MAX_SEED)
        _within("correlation", self.correlation, 0.0, MAX_CORRELATION)
        _within("gap", self.gap, 0.0, 1.0)
        _within("nodes", self.nodes, 1, 2**31 - 1)
        if self.time_limit is not None:
            _within("time_limit", self.time_limit, 0.1, 86_400)
        check_distribution(self.distribution)
        if self.correlate_by not in GROUPINGS:
            raise ValueError(phrase("unknown_grouping", value=self.correlate_by, choices=", ".join(GROUPINGS)))
        return self


@dataclass(frozen=True)
class Problem:
    """What every future shares: the portfolio, the scenario and how to solve."""

    portfolio: Portfolio
    scenario: Scenario
    time_limit: float | None
    gap: float
    nodes: int = NODE_LIMIT


@dataclass(frozen=True)
class Future:
    """One sampled future: its number and each decided initiative's cost (MNOK), duration and benefit share."""

    sample: int
    cost: dict[str, float]
    duration: dict[str, int]
    benefit: dict[str, float]


@dataclass(frozen=True)
class FuturePlan:
    """The plan of one future: status, proven gap and each selected initiative's start period."""

    sample: int
    status: str
    gap: float | None
    npv: float | None
    starts: dict[str, int]


def stretched_profile(profile: Sequence[float], duration: int, cost: float) -> list[float]:
    """``profile`` stretched (or shrunk) to ``duration`` periods and scaled to ``cost`` in all.

    The share spent by the end of period k of the new profile is the planned cumulative share
    at (k + 1) * planned / duration of the planned time axis, as the simulation reads it
    (:mod:`planning.uncertainty.spend`).
    """
    planned = np.asarray(profile, dtype=float)
    total = planned.sum()
    if total <= 0:
        return [cost / duration] * duration
    cumulative = np.concatenate([[0.0], np.cumsum(planned) / total])
    points = np.arange(1, duration + 1) * len(planned) / duration
    shares = np.diff(np.concatenate([[0.0], np.interp(points, np.arange(len(planned) + 1), cumulative)]))
    return [float(s * cost) for s in shares]


def future_portfolio(portfolio: Portfolio, future: Future) -> Portfolio:
    """``portfolio`` with the sampled cost, duration and benefit of each initiative of ``future``."""
    out = portfolio.copy()
    table = out.initiatives
    for i, cost in future.cost.items():
        duration = future.duration[i]
        profile = list(table.at[i, "cost_profile"] or [])
        table.at[i, "total_cost"] = float(cost)
        table.at[i, "duration"] = int(duration)
        table.at[i, "cost_profile"] = stretched_profile(profile, duration, cost) if profile else []
    benefits = out.benefits
    if len(benefits):
        share = benefits["initiative_id"].map(lambda i: future.benefit.get(str(i), 1.0)).astype(float)
        benefits["annual_value"] = [
            None if v is None else float(v) * s for v, s in zip(benefits["annual_value"], share, strict=True)
        ]
    return out


def solve_future(problem: Problem, future: Future) -> FuturePlan:
    """Re-optimise the scenario in one sampled future: a pure sweep task."""
    plan = optimise(
        future_portfolio(problem.portfolio, future),
        problem.scenario,
        time_limit=problem.time_limit,
        gap=problem.gap,
        explain=False,
        work_limit=WorkLimit(problem.nodes),
        trusted=True,  # drawn within the estimates of the portfolio core_index checked
    )
    if not plan.has_plan:  # no plan (none exists, or a limit struck first): no npv, so it is not counted
        return FuturePlan(future.sample, plan.facts.status, None, None, {})
    return FuturePlan(future.sample, plan.facts.status, plan.facts.gap, plan.npv, plan.starts)


def sampled_futures(problem: Problem, options: CoreIndexOptions) -> list[Future]:
    """The futures of every initiative the scenario decides on, from the run's seed (sample k from block k // 250)."""
    ids = list(plan_inputs(problem.portfolio, problem.scenario).ids)
    estimates = portfolio_estimates(problem.portfolio, ids, options.correlate_by)
    drawn: Futures = sample_futures(
        estimates, options.samples, options.seed, correlation=options.correlation, distribution=options.distribution
    )
    return [
        Future(
            k,
            {i: float(drawn.cost[k, n]) for n, i in enumerate(ids)},
            {i: int(drawn.duration[k, n]) for n, i in enumerate(ids)},
            {i: float(drawn.benefit[k, n]) for n, i in enumerate(ids)},
        )
        for k in range(drawn.samples)
    ]


@dataclass
class CoreIndex:
    """Per initiative the share of futures that select it, its class and the spread of its start year."""

    scenario: str
    options: CoreIndexOptions
    initiatives: pd.DataFrame
    """Index id: name, share, selected, planned, klass (core, borderline, exterior), start_min,
    start_p25, start_median, start_p75, start_max (years, over the futures that select it)."""
    futures: pd.DataFrame
    """One row per finished future: sample, status, gap, npv, initiatives."""
    requested: int
    engine: str = ""
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def planned(self) -> int:
        """Futures with a plan: the shares are over these."""
        if not len(self.futures):
            return 0
        return int((self.futures["status"].isin(PLANNED) & self.futures["npv"].notna()).sum())

    @property
    def stopped_by_limit(self) -> int:
        """Futures the time limit (the safety net) stopped: the only ones that may differ from machine to machine."""
        return int((self.futures["status"] == "time_limit").sum()) if len(self.futures) else 0

    @property
    def stopped_by_work(self) -> int:
        """Futures stopped by the node limit, with a plan and an open gap (the same on every machine)."""
        return int((self.futures["status"] == WORK_LIMIT).sum()) if len(self.futures) else 0

    def commitment(self, starts: dict[str, int]) -> tuple[list[str], list[str]]:
        """Of a plan's initiatives: those safe to commit now (core) and those that depend on the estimates."""
        klass = self.initiatives["klass"]
        chosen = [i for i in self.initiatives.index if i in starts]
        safe = [i for i in chosen if klass.get(i) == "core"]
        return safe, [i for i in chosen if i not in safe] + sorted(set(starts) - set(self.initiatives.index))

    def to_json(self) -> dict[str, Any]:
        frame = self.initiatives.reset_index().astype(object)
        rows = [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
                for r in frame.where(frame.notna(), None).to_dict("records")]  # fmt: skip
        return {
            "scenario": self.scenario,
            "options": asdict(self.options),
            "requested": self.requested,
            "finished": len(self.futures),
            "planned": self.planned,
            "stopped_by_time_limit": self.stopped_by_limit,
            "stopped_by_node_limit": self.stopped_by_work,
            "cancelled": self.cancelled,
            "engine": self.engine,
            "initiatives": rows,
            "futures": self.futures.astype(object).where(self.futures.notna(), None).to_dict("records"),
        }


def klass(share: float) -> str:
    """core from :data:`CORE`, exterior up to :data:`EXTERIOR`, borderline between."""
    return "core" if share >= CORE - 1e-12 else "exterior" if share <= EXTERIOR + 1e-12 else "borderline"


def index_table(problem: Problem, plans: Sequence[FuturePlan], planned: dict[str, int] | None) -> pd.DataFrame:
    """Share of the planned futures that select each decided initiative, its class and start-year spread."""
    inputs = plan_inputs(problem.portfolio, problem.scenario)
    timeline = inputs.timeline
    solved = [p for p in plans if p.status in PLANNED and p.npv is not None]  # a limit struck before any plan: not
    rows = []
    for i in inputs.ids:
        years = np.array([timeline.year_of(p.starts[i]) for p in solved if i in p.starts], dtype=float)
        share = len(years) / len(solved) if solved else float("nan")
        spread = np.percentile(years, [0, 25, 50, 75, 100]) if len(years) else [np.nan] * 5
        rows.append({
            "id": i, "name": str(problem.portfolio.initiatives.at[i, "name"]), "share": share,
            "selected": len(years), "klass": klass(share) if solved else "",
            "planned": None if planned is None or i not in planned else timeline.year_of(planned[i]),
            **dict(zip(("start_min", "start_p25", "start_median", "start_p75", "start_max"),
                       map(float, spread), strict=True)),
        })  # fmt: skip
    frame = pd.DataFrame(rows).set_index("id")
    return frame.sort_values(["share", "start_median"], ascending=[False, True], kind="stable")


def core_index(
    portfolio: Portfolio,
    scenario: Scenario | str | None = None,
    options: CoreIndexOptions | None = None,
    *,
    engine: Engine | None = None,
    planned: dict[str, int] | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> CoreIndex:
    """Re-optimise ``scenario`` in ``options.samples`` sampled futures and count how often each initiative is chosen.

    Parameters
    ----------
    engine
        Where the futures are solved (default: one after the other in this process).
    planned
        The recommended plan's starts, shown beside the index (``planned`` column, a year).
    progress, stop
        Called after each finished future; ``stop`` returning True cancels the rest (the
        finished futures are kept and the index is over them).

    Raises
    ------
    InvalidPortfolio
        When the portfolio does not validate: nothing is solved.
    ValueError
        When an option is not allowed.
    """
    chosen = (options or CoreIndexOptions()).checked()
    check_portfolio_numbers(portfolio, scenario)
    problems = errors(validate(portfolio))
    if problems:
        raise InvalidPortfolio(problems)
    problem = Problem(portfolio, resolve_scenario(portfolio, scenario), chosen.time_limit, chosen.gap, chosen.nodes)
    futures = sampled_futures(problem, chosen)
    done = run_sweep(solve_future, problem, futures, engine or LoopEngine(), progress=progress, stop=stop)
    plans = done.ordered
    frame = pd.DataFrame(
        [{"sample": p.sample, "status": p.status, "gap": p.gap, "npv": p.npv, "initiatives": len(p.starts)}
         for p in plans], columns=["sample", "status", "gap", "npv", "initiatives"],
    )  # fmt: skip
    return CoreIndex(
        scenario=str(problem.scenario.id),
        options=chosen,
        initiatives=index_table(problem, plans, planned),
        futures=frame,
        requested=chosen.samples,
        engine=done.engine,
        cancelled=done.cancelled,
    )
