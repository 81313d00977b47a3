"""Scenarios side by side: KPIs, spend against envelopes, and roadmap differences.

:data:`STORAGE_COMPARISON` is the ready-made example: the two sides of the storage
dispute (a central national store, as in Pasientens legemiddelliste, against documents
kept at the source with a national index, as in Pasientens journaldokumenter) beside the
Basis scenario of the sample portfolio.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.timeline import Timeline
from planning.messages.message import decimal
from planning.messages.phrases import coded, phrase
from planning.optimise import Plan, optimise
from planning.optimise.checker import CheckedPlan, check_edited_plan
from planning.optimise.inputs import resolve_scenario
from planning.optimise.solve import DEFAULT_GAP

STORAGE_COMPARISON = ("Basis", "Sentral-lagring", "Dokumenter-ved-kilden")
"""Ready-made comparison of the storage alternatives in the sample portfolio."""
SolveScenario = Callable[[str], Plan]


@dataclass
class Comparison:
    """Plans of several scenarios, in the order given, and the tables that compare them."""

    plans: dict[str, Plan]
    kpis: pd.DataFrame
    """scenario, status, confidence (the level the plan was made at, :attr:`Plan.confidence`;
    empty: on the point estimates), gap, npv, investment, benefit, initiatives, makespan, finish,
    solve_seconds."""
    spend: pd.DataFrame
    """scenario, pool, year, amount, envelope, use (amount / envelope), MNOK per year."""
    roadmap: pd.DataFrame
    """initiative, name, scenario, selected, start, finish (labels); one row per pair."""

    def differences(self) -> pd.DataFrame:
        """Wide roadmap: initiatives whose start differs between the scenarios (empty cell: not in plan)."""
        wide = self.roadmap.pivot_table(
            index=["initiative", "name"], columns="scenario", values="start", aggfunc="first", dropna=False
        )
        wide = wide.reindex(columns=list(self.plans)).astype(object)
        wide = wide.where(wide.notna(), "")
        differs = wide.nunique(axis=1) > 1
        return wide[differs].reset_index()

    def to_json(self) -> dict[str, Any]:
        return {
            "scenarios": list(self.plans),
            "kpis": _records(self.kpis),
            "spend": _records(self.spend),
            "differences": _records(self.differences()),
        }


def moved_starts(reference: Mapping[str, int], edited: Mapping[str, int], timeline: Timeline) -> pd.DataFrame:
    """The initiatives ``edited`` starts otherwise than ``reference`` (moved, added or left
    out): ``initiative``, ``reference`` and ``edited`` start labels (``None``: not in that plan),
    in the order of the earlier start."""
    rows = [
        {
            "initiative": i,
            "reference": _start_label(reference, i, timeline),
            "edited": _start_label(edited, i, timeline),
        }
        for i in sorted(set(reference) | set(edited), key=lambda i: (min(_starts_of(i, reference, edited)), i))
        if reference.get(i) != edited.get(i)
    ]
    return pd.DataFrame(rows, columns=["initiative", "reference", "edited"], dtype=object)


@dataclass(frozen=True)
class PlanDifference:
    """How a checked plan differs from a reference plan of the same scenario."""

    moves: pd.DataFrame
    """Each start moved, added or left out (:func:`moved_starts`); empty when none is."""
    npv_change: float | None
    """The checked plan's NPV minus the reference's, both valued by the checker in the same
    scenario on the same data; ``None`` when either cannot be valued."""


def plan_difference(
    portfolio: Portfolio, scenario: Scenario, checked: CheckedPlan, reference: Mapping[str, int]
) -> PlanDifference:
    """``checked`` (from :func:`~planning.optimise.checker.check_edited_plan` in ``scenario``)
    set against the starts of ``reference``: what moved, and what that is worth."""
    moves = moved_starts(reference, checked.starts, portfolio.timeline)
    if moves.empty:
        return PlanDifference(moves, 0.0)
    worth = check_edited_plan(portfolio, scenario, dict(reference)).npv
    return PlanDifference(moves, None if checked.npv is None or worth is None else checked.npv - worth)


def _starts_of(initiative: str, *plans: Mapping[str, int]) -> list[int]:
    return [plan[initiative] for plan in plans if initiative in plan]


def _start_label(plan: Mapping[str, int], initiative: str, timeline: Timeline) -> str | None:
    return timeline.label(plan[initiative]) if initiative in plan else None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict("records"):
        out.append({str(k): (None if _missing(v) else v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, (str, list, dict)) and bool(pd.isna(value)))


def refuse_confidence(scenario: Scenario) -> None:
    """A ``ValueError`` when ``scenario`` asks for a plan at a confidence level, which this layer
    cannot make (:mod:`planning.robust` can): planning it on the point estimates would hide that."""
    if scenario.confidence is not None:
        confidence = decimal(float(scenario.confidence) * 100, ".0f")
        raise ValueError(phrase("plans_at_confidence", scenario=scenario.id, confidence=confidence))


def compare_plans(plans: Mapping[str, Plan], portfolio: Portfolio) -> Comparison:
    """Compare plans by scenario name (at least two; three or more side by side is the norm)."""
    if len(plans) < 2:
        raise ValueError(phrase("compare_two"))
    return Comparison(
        plans=dict(plans),
        kpis=pd.DataFrame([_kpis(name, plan) for name, plan in plans.items()]),
        spend=_spend(plans),
        roadmap=_roadmap(plans, portfolio),
    )


def _kpis(name: str, plan: Plan) -> dict[str, Any]:
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    finish = None if chosen.empty else max(chosen["finish_label"].astype(str))
    return {
        "scenario": name,
        "status": plan.facts.status,
        "confidence": plan.confidence,
        "gap": plan.facts.gap,
        "npv": plan.npv,
        "investment": float(plan.spend["amount"].sum()) if len(plan.spend) else 0.0,
        "benefit": float(plan.benefits["benefit"].sum()) if len(plan.benefits) else 0.0,
        "initiatives": len(chosen),
        "makespan": plan.makespan,
        "finish": finish,
        "solve_seconds": plan.facts.solve_seconds,
    }


def _spend(plans: Mapping[str, Plan]) -> pd.DataFrame:
    frames = []
    for name, plan in plans.items():
        yearly = plan.spend.groupby(["pool", "year"], sort=True)[["amount", "envelope"]].sum().reset_index()
        frames.append(yearly.assign(scenario=name))
    spend = pd.concat(frames, ignore_index=True)
    spend["use"] = spend["amount"] / spend["envelope"].where(spend["envelope"] > 0)
    return spend[["scenario", "pool", "year", "amount", "envelope", "use"]]


def _roadmap(plans: Mapping[str, Plan], portfolio: Portfolio) -> pd.DataFrame:
    names = portfolio.initiatives["name"] if "name" in portfolio.initiatives.columns else pd.Series(dtype=object)
    rows = []
    for scenario, plan in plans.items():
        for iid, r in plan.initiatives.iterrows():
            selected = bool(r["selected_opt"])
            rows.append(
                {
                    "initiative": str(iid),
                    "name": str(names.get(iid, iid)),
                    "scenario": scenario,
                    "selected": selected,
                    "start": r["start_label"] if selected else None,
                    "finish": r["finish_label"] if selected else None,
                }
            )
    return pd.DataFrame(rows, columns=["initiative", "name", "scenario", "selected", "start", "finish"])


def compare_scenarios(
    portfolio: Portfolio,
    names: Sequence[str],
    *,
    solve: SolveScenario | None = None,
    time_limit: float | None = None,
    solver: str = "auto",
    gap: float = DEFAULT_GAP,
    report: Callable[[str], None] | None = None,
) -> Comparison:
    """Solve each named scenario (or ask ``solve``, for example the plan store) and compare.

    Without ``solve`` every scenario is optimised on the point estimates, so a scenario with a
    confidence level is refused: pass a ``solve`` that honours it (the commands and the app use
    :func:`planning.robust.scenario.scenario_plan`).

    Raises
    ------
    KeyError
        When a scenario is not in the portfolio.
    ValueError
        When a scenario has a confidence level and no ``solve`` is given.
    """
    unknown = [n for n in names if n not in portfolio.scenarios.index]
    if unknown:
        known = tuple(map(str, portfolio.scenarios.index)) or phrase("none_stored")
        code = "unknown_scenario_named" if len(unknown) == 1 else "unknown_scenarios_named"
        raise KeyError(phrase(code, names=tuple(unknown), known=known))
    if solve is None:
        for name in names:
            refuse_confidence(resolve_scenario(portfolio, name))
    run = solve or (lambda n: optimise(portfolio, n, time_limit=time_limit, solver=solver, gap=gap, explain=False))
    say = report or (lambda _line: None)
    plans = {}
    for k, name in enumerate(names, start=1):
        say(phrase("sweep_solving", number=k, total=len(names), name=name))
        plans[name] = run(name)
        status = coded("plan_status", plans[name].facts.status)
        say(phrase("sweep_solved", number=k, total=len(names), name=name, status=status))
    return compare_plans(plans, portfolio)


def storage_comparison(portfolio: Portfolio, **options: Any) -> Comparison:
    """The ready-made comparison: Basis, Sentral-lagring and Dokumenter-ved-kilden."""
    return compare_scenarios(portfolio, STORAGE_COMPARISON, **options)
