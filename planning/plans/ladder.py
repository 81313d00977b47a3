"""Nested ambition ladders: one scenario solved at rising ambition levels.

Each step is solved with everything the step below holds, starting no later
(:class:`~planning.optimise.Stability` ``must_start_by``), so no initiative is dropped or
delayed when money rises and what is delivered stays predictable. Beside each nested
plan the ladder keeps the plan optimised for that level alone; the difference in NPV is
the price of nesting.

Levels are either ambition levels of the portfolio (Lav, Basis, Høy; ordered by rank and
applied to every funding pool, or to the pools named) or factors on the scenario's
envelopes (0.6 .. 1.4, through ``Scenario.budget_factor``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.message import Message, decimal
from planning.messages.phrases import coded, counted_initiatives, phrase
from planning.optimise import Plan, Stability, optimise
from planning.optimise.inputs import PlanInputs, plan_inputs, resolve_scenario
from planning.optimise.model import AUTO
from planning.optimise.plan import PLANNED_STATUSES
from planning.optimise.solve import DEFAULT_GAP
from planning.plans.compare import refuse_confidence

PLANNED = PLANNED_STATUSES
Solve = Callable[[Scenario, Stability | None], Plan]
"""Solves one scenario, with nesting limits or without (``None``)."""
Report = Callable[[str], None]


@dataclass(frozen=True)
class Level:
    """One rung: an ambition level applied to the pools, or a factor on the envelopes."""

    name: str
    ambition: str | None = None
    factor: float = 1.0


@dataclass
class LadderStep:
    """The nested plan at one level, the independently optimised plan, and what happened."""

    level: Level
    scenario: Scenario
    plan: Plan
    independent: Plan | None
    nested: bool
    """True when the plan holds the step below (``must_start_by``) and that was feasible."""
    fallback: bool = False
    """True when nesting was infeasible and the step was solved without it."""
    note: str = ""

    @property
    def has_plan(self) -> bool:
        return self.plan.facts.status in PLANNED


@dataclass
class Ladder:
    """Every step of a ladder, lowest level first."""

    scenario: str
    steps: list[LadderStep]
    inputs: list[PlanInputs]
    """The planning problem of each step (costs, shares, values), for the step reports."""

    @property
    def price_of_nesting(self) -> float | None:
        """Sum over the levels of independent NPV minus nested NPV, MNOK."""
        prices = [_price(s) for s in self.steps]
        known = [p for p in prices if p is not None]
        return sum(known) if known else None


def ambition_ladder(portfolio: Portfolio, names: Sequence[str] | None = None) -> list[Level]:
    """The portfolio's ambition levels (all, or those named), lowest rank first.

    Raises
    ------
    KeyError
        When a named level does not exist.
    """
    levels = portfolio.ambition_levels
    chosen = list(levels.index) if not names else list(names)
    unknown = [n for n in chosen if n not in levels.index]
    if unknown:
        code = "unknown_ambition_level" if len(unknown) == 1 else "unknown_ambition_levels"
        raise KeyError(phrase(code, names=tuple(unknown), known=tuple(map(str, levels.index))))
    ordered = sorted(chosen, key=lambda n: (int(levels.at[n, "rank"]), float(levels.at[n, "factor"])))
    return [Level(name=str(n), ambition=str(n)) for n in ordered]


def factor_ladder(factors: Sequence[float]) -> list[Level]:
    """Levels from factors on the envelopes, lowest first: 0.8 is named ``80 %``."""
    if not factors or any(f < 0 for f in factors):
        raise ValueError(phrase("budget_factors_needed"))
    return [Level(name=f"{round(f * 100):g} %", factor=float(f)) for f in sorted(set(factors))]


def parse_levels(portfolio: Portfolio, levels: Sequence[str | float] | None) -> list[Level]:
    """Ambition level names or budget factors (``0.8``, ``80%``), not mixed; default all levels."""
    if not levels:
        return ambition_ladder(portfolio)
    factors = [_factor(v) for v in levels]
    if all(f is not None for f in factors):
        return factor_ladder([f for f in factors if f is not None])
    if any(f is not None for f in factors):
        raise ValueError(phrase("levels_or_factors"))
    return ambition_ladder(portfolio, [str(v) for v in levels])


def _factor(value: str | float) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    text = value.strip().replace(",", ".")
    try:
        return float(text.removesuffix("%")) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return None


def level_scenario(base: Scenario, level: Level, pools: Sequence[str]) -> Scenario:
    """``base`` at ``level``: the ambition level on ``pools``, or the factor on its budget factor."""
    data = base.model_dump()
    if level.ambition is not None:
        data["ambition"] = {**base.ambition, **dict.fromkeys(pools, level.ambition)}
    data["budget_factor"] = base.budget_factor * level.factor
    return Scenario.model_validate(data)


def solve_ladder(
    portfolio: Portfolio,
    scenario: Scenario | str | None = None,
    levels: Sequence[str | float | Level] | None = None,
    *,
    pools: Sequence[str] | None = None,
    independent: bool = True,
    time_limit: float | None = None,
    solver: str = "auto",
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
    report: Report | None = None,
    solve: Solve | None = None,
) -> Ladder:
    """Solve ``scenario`` at each level, nesting each step on the one below.

    Parameters
    ----------
    levels
        Ambition level names, budget factors or :class:`Level` objects; default every
        ambition level of the portfolio by rank.
    pools
        Funding pools an ambition level applies to; default all.
    independent
        Also optimise each level alone, for the price of nesting.
    report
        Called with one line per solve (progress for long runs), a message the caller renders.
    solve
        Replaces the optimiser (tests, caching, plans at a confidence level); default
        :func:`planning.optimise.optimise` without explanations, on the point estimates, so a
        scenario with a confidence level needs :func:`planning.robust.scenario.scenario_solver`.

    Raises
    ------
    ValueError
        When the scenario has a confidence level and no ``solve`` is given.
    """
    base = resolve_scenario(portfolio, scenario)
    if solve is None:
        refuse_confidence(base)
    rungs = _rungs(portfolio, levels)
    targets = list(pools) if pools is not None else [str(p) for p in portfolio.funding_pools.index]
    run = solve or optimiser(portfolio, time_limit=time_limit, solver=solver, formulation=formulation, gap=gap)
    say = report or (lambda _line: None)
    steps: list[LadderStep] = []
    below: LadderStep | None = None
    for n, level in enumerate(rungs, start=1):
        say(phrase("sweep_solving", number=n, total=len(rungs), name=level.name))
        sc = level_scenario(base, level, targets)
        step = _nested_step(run, level, sc, below)
        if independent:
            step.independent = step.plan if not step.nested else run(sc, None)
        say(_line(step, n, len(rungs)))
        steps.append(step)
        below = step if step.has_plan else below
    inputs = [plan_inputs(portfolio, s.scenario) for s in steps]
    return Ladder(scenario=str(base.id), steps=steps, inputs=inputs)


def _rungs(portfolio: Portfolio, levels: Sequence[str | float | Level] | None) -> list[Level]:
    given = list(levels or [])
    rungs = [v for v in given if isinstance(v, Level)]
    if rungs and len(rungs) != len(given):
        raise ValueError("give Level objects, ambition level names or budget factors, not a mixture")
    return rungs or parse_levels(portfolio, [v for v in given if not isinstance(v, Level)])


def optimiser(
    portfolio: Portfolio,
    *,
    time_limit: float | None = None,
    solver: str = "auto",
    formulation: str = AUTO,
    gap: float = DEFAULT_GAP,
) -> Solve:
    """The optimiser as a :data:`Solve`, without explanations (fast sweeps)."""

    def run(sc: Scenario, stability: Stability | None) -> Plan:
        return optimise(
            portfolio,
            sc,
            time_limit=time_limit,
            solver=solver,
            formulation=formulation,
            gap=gap,
            explain=False,
            stability=stability,
        )

    return run


def _nested_step(run: Solve, level: Level, sc: Scenario, below: LadderStep | None) -> LadderStep:
    """The plan at ``level`` holding ``below``'s; without nesting when that is infeasible."""
    must = below.plan.starts if below is not None else {}
    if not must:
        return LadderStep(level, sc, run(sc, None), independent=None, nested=False)
    plan = run(sc, Stability(must_start_by=must))
    if plan.facts.status in PLANNED:
        return LadderStep(level, sc, plan, independent=None, nested=True)
    assert below is not None
    note = phrase(
        "ladder_not_nested", below=below.level.name, status=coded("plan_status", plan.facts.status), level=level.name
    )
    return LadderStep(level, sc, run(sc, None), independent=None, nested=False, fallback=True, note=note)


def _price(step: LadderStep) -> float | None:
    if step.independent is None or step.plan.npv is None or step.independent.npv is None:
        return None
    return step.independent.npv - step.plan.npv


def _line(step: LadderStep, number: int, total: int) -> Message:
    """The progress line of a solved step: status, initiatives, NPV, and whether nesting was dropped."""
    npv = "-" if step.plan.npv is None else phrase("npv_mnok", npv=decimal(step.plan.npv, ".1f"))
    return phrase(
        "ladder_solved_unnested" if step.fallback else "ladder_solved",
        number=number, total=total, name=step.level.name, status=coded("plan_status", step.plan.facts.status),
        initiatives=counted_initiatives(len(step.plan.starts)), npv=npv,
    )  # fmt: skip


def nesting_violations(ladder: Ladder) -> list[str]:
    """Every place a nested step drops or delays what the step below holds (messages); empty when none."""
    out: list[str] = []
    below: LadderStep | None = None
    for step in ladder.steps:
        if below is not None and step.nested:
            starts = step.plan.starts
            for i, t in below.plan.starts.items():
                if i not in starts:
                    out.append(phrase("nesting_drops", level=step.level.name, initiative=i, below=below.level.name))
                elif starts[i] > t:
                    out.append(phrase("nesting_later", level=step.level.name, initiative=i, start=starts[i], earlier=t,
                                      below=below.level.name))  # fmt: skip
        below = step if step.has_plan else below
    return out


def ladder_summary(ladder: Ladder) -> pd.DataFrame:
    """One row per level: status, confidence (the level its plan was made at; empty: the point
    estimates), gap, NPV nested and alone, price of nesting, money, additions."""
    rows = []
    previous: set[str] = set()
    for step, inputs in zip(ladder.steps, ladder.inputs, strict=True):
        plan, chosen = step.plan, set(step.plan.starts)
        rows.append(
            {
                "level": step.level.name,
                "status": plan.facts.status,
                "confidence": plan.confidence,
                "gap": plan.facts.gap,
                "npv": plan.npv,
                "independent_npv": None if step.independent is None else step.independent.npv,
                "price_of_nesting": _price(step),
                "envelope": float(inputs.envelopes.to_numpy().sum()),
                "investment": float(plan.spend["amount"].sum()) if len(plan.spend) else 0.0,
                "initiatives": len(chosen),
                "added": len(chosen - previous),
                "nested": step.nested,
                "fallback": step.fallback,
                "note": step.note,
            }
        )
        previous = chosen if step.has_plan else previous
    frame = pd.DataFrame(rows)
    frame["note"] = pd.Series([row["note"] for row in rows], index=frame.index, dtype=object)  # messages kept
    return frame


def ladder_additions(ladder: Ladder) -> pd.DataFrame:
    """What each step up adds: one row per added initiative and paying funding pool.

    Columns: level, initiative, name, lead_region, start (label), pool, cost (the pool's
    share of the initiative's cost, MNOK) and npv (the initiative's NPV at its start,
    split by the same shares, MNOK). The lowest level adds its whole plan.
    """
    rows = []
    previous: set[str] = set()
    for step, inputs in zip(ladder.steps, ladder.inputs, strict=True):
        starts = step.plan.starts
        for i in sorted(set(starts) - previous):
            t = starts[i]
            npv = float(inputs.benefit_pv.at[i, t] - inputs.cost_pv.at[i, t])
            cost = float(sum(inputs.costs[i]))
            for pool, share in inputs.shares.loc[i].items():
                if float(share) > 0:
                    rows.append(
                        {
                            "level": step.level.name,
                            "initiative": i,
                            "name": inputs.initiatives.at[i, "name"],
                            "lead_region": inputs.initiatives.at[i, "lead_region"],
                            "start": inputs.timeline.label(t),
                            "pool": str(pool),
                            "cost": cost * float(share),
                            "npv": npv * float(share),
                        }
                    )
        previous = set(starts) if step.has_plan else previous
    columns = ["level", "initiative", "name", "lead_region", "start", "pool", "cost", "npv"]
    return pd.DataFrame(rows, columns=columns)


def ladder_by_pool(ladder: Ladder) -> pd.DataFrame:
    """Per step up and funding pool: initiatives added, their cost and NPV (by cost share), MNOK."""
    additions = ladder_additions(ladder)
    order = {step.level.name: n for n, step in enumerate(ladder.steps)}
    grouped = additions.groupby(["level", "pool"], sort=False).agg(
        initiatives=("initiative", "nunique"), cost=("cost", "sum"), npv=("npv", "sum")
    )
    frame = grouped.reset_index()
    frame["order"] = frame["level"].map(order)
    return frame.sort_values(["order", "pool"]).drop(columns="order").reset_index(drop=True)
