"""Key figures and alerts for the overview: the portfolio, a plan, benefits and budgets.

Everything here is computed from the tables on demand; amounts are MNOK.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from planning.domain.columns import is_blank
from planning.domain.economics import cost_profile
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.optimise.inputs import plan_inputs
from planning.optimise.plan import spend_frame

OPEN_STATUSES = ("proposed", "approved", "started")
BEHIND_TOLERANCE = 0.10
"""A measurement is behind plan when it falls short of the planned path by more than this
share of the whole way from baseline to target."""
OVERRUN_TOLERANCE = 1e-6
"""MNOK of spend above an envelope that still counts as within it (rounding)."""


@dataclass(frozen=True)
class PortfolioKpis:
    """The portfolio at a glance."""

    initiatives: int
    by_status: dict[str, int]
    open_investment: float
    """Remaining cost of proposed, approved and started initiatives, MNOK."""
    annual_benefit: float
    """Monetised benefit of all initiatives at full effect, MNOK per year."""
    non_monetised_benefits: int
    dependencies: int
    funding_pools: int
    first_year: int
    last_year: int


@dataclass(frozen=True)
class PlanKpis:
    """A plan at a glance."""

    status: str
    selected: int
    left_out: int
    investment: float
    """Spend of every funding pool over the horizon, MNOK."""
    envelope: float
    """Envelopes of every funding pool over the horizon, MNOK."""
    npv: float | None
    benefit_in_horizon: float
    """Undiscounted monetised benefit inside the horizon's years, MNOK."""
    finish_year: int | None
    """Year the last selected initiative finishes."""

    @property
    def utilisation(self) -> float | None:
        """Share of the envelopes spent."""
        return self.investment / self.envelope if self.envelope > 0 else None


def portfolio_kpis(portfolio: Portfolio) -> PortfolioKpis:
    """Counts, open investment and benefit of ``portfolio``."""
    frame = portfolio.initiatives
    statuses = frame["status"].astype(str)
    open_rows = frame[statuses.isin(OPEN_STATUSES)]
    investment = sum(
        sum(cost_profile(int(r["duration"]), r["total_cost"], r["cost_profile"])) for _, r in open_rows.iterrows()
    )
    benefits = portfolio.benefits
    monetised = benefits["monetised"].astype(bool) if len(benefits) else pd.Series(dtype=bool)
    timeline = portfolio.timeline
    return PortfolioKpis(
        initiatives=len(frame),
        by_status={str(s): int(n) for s, n in statuses.value_counts().items()},
        open_investment=float(investment),
        annual_benefit=float(benefits.loc[monetised, "annual_value"].astype(float).sum()) if len(benefits) else 0.0,
        non_monetised_benefits=int((~monetised).sum()),
        dependencies=len(portfolio.dependencies),
        funding_pools=len(portfolio.funding_pools),
        first_year=timeline.first_year,
        last_year=timeline.years[-1],
    )


def plan_kpis(plan: Plan) -> PlanKpis:
    """Selected, investment against envelopes, NPV and benefit of ``plan``."""
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    decided = plan.initiatives[~plan.initiatives["done_before"].astype(bool)]
    years = set(plan.spend["year"].astype(int)) if len(plan.spend) else set()
    in_horizon = plan.benefits[plan.benefits["year"].astype(int).isin(years)]
    finish = chosen["finish_opt"].dropna()
    finish_year = None
    if len(finish):
        last = plan.spend[plan.spend["period"] == int(finish.max())]["year"]
        finish_year = int(last.iloc[0]) if len(last) else None
    return PlanKpis(
        status=plan.facts.status,
        selected=len(chosen),
        left_out=int((~decided["selected_opt"].astype(bool)).sum()),
        investment=float(plan.spend["amount"].sum()),
        envelope=float(plan.spend["envelope"].sum()),
        npv=plan.npv,
        benefit_in_horizon=float(in_horizon["benefit"].sum()),
        finish_year=finish_year,
    )


def budget_overruns(spend: pd.DataFrame, tolerance: float = OVERRUN_TOLERANCE) -> pd.DataFrame:
    """Funding pools and years where spend exceeds the envelope.

    Parameters
    ----------
    spend
        Tidy spend as in :attr:`planning.optimise.Plan.spend`: ``pool``, ``year``,
        ``amount``, ``envelope``.

    Returns
    -------
    pandas.DataFrame
        ``pool``, ``year``, ``amount``, ``envelope`` and ``excess`` (MNOK), summed per
        calendar year, largest excess first.
    """
    columns = ["pool", "year", "amount", "envelope", "excess"]
    if spend.empty:
        return pd.DataFrame(columns=columns)
    yearly = spend.groupby(["pool", "year"], as_index=False, sort=False)[["amount", "envelope"]].sum()
    yearly["excess"] = yearly["amount"] - yearly["envelope"]
    over = yearly[yearly["excess"] > tolerance]
    return over.sort_values("excess", ascending=False, kind="stable").reset_index(drop=True)[columns]


def plan_spend(portfolio: Portfolio, plan: Plan, scenario: Scenario | str | None = None) -> pd.DataFrame:
    """The spend of ``plan``'s starts against the envelopes ``portfolio`` holds now.

    An approved plan keeps its starts while envelopes change; this shows where it no
    longer fits. Initiatives that have since been completed, stopped or removed are left out.
    Without ``scenario``, the stored scenario the plan was made for, if any, applies.

    Returns
    -------
    pandas.DataFrame
        Tidy as :attr:`planning.optimise.Plan.spend`.
    """
    if scenario is None and plan.scenario in portfolio.scenarios.index:
        scenario = plan.scenario
    inputs = plan_inputs(portfolio, scenario)
    starts = {i: t for i, t in plan.starts.items() if i in inputs.costs}
    return spend_frame(inputs, starts)


def planned_value(baseline: float, baseline_date: dt.date, target: float, target_date: dt.date, when: dt.date) -> float:
    """The value on the straight path from the baseline measurement to the target."""
    if when <= baseline_date:
        return baseline
    if when >= target_date or target_date <= baseline_date:
        return target
    share = (when - baseline_date).days / (target_date - baseline_date).days
    return baseline + share * (target - baseline)


def benefits_behind(portfolio: Portfolio, tolerance: float = BEHIND_TOLERANCE) -> pd.DataFrame:
    """Benefits whose latest measurement falls behind the straight path to their target.

    The planned value at the end of the measured year lies on the line from the baseline
    measurement (nullpunktsmåling) to the target value (målverdi) at their dates. A
    measurement is behind when it falls short of it by more than ``tolerance`` of the
    distance from baseline to target, in the target's direction. Benefits without a
    baseline, a target or their dates are not judged.

    Returns
    -------
    pandas.DataFrame
        ``benefit_id``, ``initiative_id``, ``title``, ``unit``, ``year``, ``planned``,
        ``realised`` and ``shortfall`` (share of the way from baseline to target),
        largest shortfall first.
    """
    columns = ["benefit_id", "initiative_id", "title", "unit", "year", "planned", "realised", "shortfall"]
    rows = []
    measurements = portfolio.measurements
    for bid, b in portfolio.benefits.iterrows():
        fields = (b["baseline_value"], b["baseline_date"], b["target_value"], b["target_date"])
        mine = measurements[measurements["benefit_id"] == bid]
        if any(is_blank(f) for f in fields) or mine.empty or float(b["target_value"]) == float(b["baseline_value"]):
            continue
        latest = mine.loc[mine["year"].astype(int).idxmax()]
        year = int(latest["year"])
        baseline, target = float(b["baseline_value"]), float(b["target_value"])
        planned = planned_value(baseline, b["baseline_date"], target, b["target_date"], dt.date(year, 12, 31))
        realised = float(latest["value"])
        shortfall = (planned - realised) / (target - baseline)
        if shortfall > tolerance:
            rows.append(
                {
                    "benefit_id": str(bid),
                    "initiative_id": str(b["initiative_id"]),
                    "title": str(b["title"]),
                    "unit": str(b["unit"]),
                    "year": year,
                    "planned": planned,
                    "realised": realised,
                    "shortfall": shortfall,
                }
            )
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("shortfall", ascending=False, kind="stable").reset_index(drop=True)
