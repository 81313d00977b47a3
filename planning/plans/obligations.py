"""Statutory and equity obligations in a plan: which a plan leaves out, and what keeping them costs.

An initiative marked ``statutory`` or ``equity`` (``Initiative.obligation``) is kept in every
plan by the optimiser's obligation constraints (``obligation-ID``,
:func:`planning.optimise.model.define_obligation_constraints`) unless the scenario releases
obligations. What keeping them costs is priced the plain way: the same scenario is solved
once more with the obligations released, and the two net present values are set side by
side, each with its solver status and proven gap (a time-limited run is said to be one).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan, optimise
from planning.optimise.inputs import resolve_scenario

NOT_DECIDED = ("completed", "stopped")
"""Initiative statuses a plan does not decide on: such an obligation is not "left out" by the plan."""
COLUMNS = ["name", "obligation", "obligation_note", "lead_region", "reason"]


def obligations(portfolio: Portfolio) -> pd.DataFrame:
    """The portfolio's statutory and equity obligations that a plan decides on.

    Returns
    -------
    pandas.DataFrame
        Index initiative id; ``name``, ``obligation`` (statutory or equity),
        ``obligation_note``, ``lead_region``.
    """
    table = portfolio.initiatives
    kinds = table["obligation"].fillna("none").astype(str) if "obligation" in table.columns else None
    if kinds is None:
        return pd.DataFrame(columns=COLUMNS[:-1])
    chosen = table[(kinds != "none") & ~table["status"].isin(NOT_DECIDED)]
    return chosen[["name", "obligation", "obligation_note", "lead_region"]].copy()


def left_out_obligations(portfolio: Portfolio, plan: Plan) -> pd.DataFrame:
    """The obligations ``plan`` leaves out, with the plan's reason for each (empty when it keeps them all).

    Returns
    -------
    pandas.DataFrame
        Index initiative id; :data:`COLUMNS` (``reason`` from the plan's reasons: released and
        does not pay off, forced out by the scenario, waits for something left out, ...).
    """
    found = obligations(portfolio)
    if not plan.has_plan or found.empty:
        return found.assign(reason=pd.Series(dtype=object))[COLUMNS].iloc[0:0]
    chosen = plan.initiatives["selected_opt"].astype(bool)
    out = [str(i) for i in found.index if not bool(chosen.get(i, False))]
    reasons = plan.initiatives["reason"] if "reason" in plan.initiatives.columns else pd.Series(dtype=object)
    table = found.loc[out].copy()
    kept = [reasons.get(i, "") or "" for i in out]  # messages, kept as such (object, not text)
    table["reason"] = pd.Series(kept, index=table.index, dtype=object)
    return table[COLUMNS]


@dataclass(frozen=True)
class ObligationCost:
    """The net present value of the scenario's plan with the obligations kept and without them."""

    kept: list[str]
    """The obligations the scenario keeps (initiative ids)."""
    npv_with: float | None
    npv_without: float | None
    status_with: str
    status_without: str
    gap_with: float | None
    gap_without: float | None
    left_out_without: list[str]
    """The obligations the plan without the rule leaves out: those that do not pay their way."""

    @property
    def cost(self) -> float | None:
        """MNOK of net present value given up by keeping the obligations (``None`` without two plans)."""
        if self.npv_with is None or self.npv_without is None:
            return None
        return self.npv_without - self.npv_with

    @property
    def proven(self) -> bool:
        """Both plans proven optimal: the cost is exact, not an estimate between two time-limited runs."""
        return self.status_with == "optimal" and self.status_without == "optimal"


def obligation_cost(
    portfolio: Portfolio,
    scenario: Scenario | str | None,
    kept_plan: Plan | None = None,
    *,
    time_limit: float | None = None,
    solver: str = "highs",
) -> ObligationCost | None:
    """What keeping the statutory and equity obligations costs under ``scenario``: solved once more
    with them released (``kept_plan``, the scenario's plan, is solved too when not given).

    Returns ``None`` when the scenario already releases them or the portfolio has none to decide.
    """
    sc = resolve_scenario(portfolio, scenario)
    kept = [str(i) for i in obligations(portfolio).index if i not in sc.forced_out]
    if sc.release_obligations or not kept:
        return None
    with_rule = kept_plan or optimise(portfolio, sc, time_limit=time_limit, solver=solver, explain=False)
    released = sc.model_copy(update={"release_obligations": True})
    without = optimise(portfolio, released, time_limit=time_limit, solver=solver, explain=False)
    chosen = without.initiatives["selected_opt"].astype(bool) if without.has_plan else pd.Series(dtype=bool)
    return ObligationCost(
        kept=kept,
        npv_with=with_rule.npv if with_rule.has_plan else None,
        npv_without=without.npv if without.has_plan else None,
        status_with=with_rule.facts.status,
        status_without=without.facts.status,
        gap_with=with_rule.facts.gap,
        gap_without=without.facts.gap,
        left_out_without=[i for i in kept if without.has_plan and not bool(chosen.get(i, False))],
    )
