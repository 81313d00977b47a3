"""What a plan commits one region to: money per year against its envelope, its share of joint
initiatives, what it leads, what goes live in the region, and the benefits expected there.

A region's cost of an initiative is the initiative's cost in the horizon times the region's
share by the cost-sharing key (:func:`planning.optimise.inputs.cost_shares`). Benefits are
not registered per region in the data, so a benefit of an initiative the region pays for
is counted for the region by the same share: an estimate, and the paper says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import PlanInputs, plan_inputs
from planning.plans.runs import StoredPlan
from planning.realisation.planned import benefit_schedule, planned_values

SHARE_TOLERANCE = 1e-9


@dataclass
class RegionCommitments:
    """One region's part of a plan (MNOK unless said otherwise)."""

    region: str
    name: str
    spend: pd.DataFrame
    """year, amount, envelope, headroom (envelope minus amount), over (bool)."""
    joint: pd.DataFrame
    """Joint initiatives it pays part of: id, name, lead_region, share, region_cost, total_cost, start, finish."""
    led: pd.DataFrame
    """Initiatives it leads in the plan: id, name, area, start, finish, total_cost, region_cost."""
    areas: pd.DataFrame
    """area, initiatives, total_cost: what it leads, by area."""
    go_lives: pd.DataFrame
    """Initiatives it takes part in, by go-live: id, name, lead_region, go_live (the plan's finish period)."""
    benefits: pd.DataFrame
    """Benefits of initiatives it pays for: id, title, initiative, monetised, annual_value, share,
    region_value (annual MNOK at full effect times the share; monetised only), start_year."""
    benefit_years: pd.DataFrame
    """year, planned: its share of the monetised benefits planned in each year of the horizon."""

    @property
    def investment(self) -> float:
        return float(self.spend["amount"].sum())

    @property
    def envelope(self) -> float:
        return float(self.spend["envelope"].sum())


def region_commitments(portfolio: Portfolio, stored: StoredPlan, region: str) -> RegionCommitments:
    """``region``'s commitments under the stored plan, read on the current ``portfolio``."""
    plan = stored.plan
    inputs = plan_inputs(portfolio, stored.scenario)
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    chosen = chosen[chosen.index.isin(inputs.initiatives.index)]
    shares = inputs.shares.loc[chosen.index]
    costs = pd.DataFrame(
        {"total_cost": [_cost_in_horizon(inputs, str(i), int(r["start_opt"])) for i, r in chosen.iterrows()],
         "share": shares[region].astype(float) if region in shares.columns else 0.0,
         "payers": (shares > SHARE_TOLERANCE).sum(axis=1).astype(int)},
        index=chosen.index,
    )  # fmt: skip
    costs["region_cost"] = costs["total_cost"] * costs["share"]
    info = portfolio.initiatives.loc[chosen.index]
    table = pd.concat(
        [info[["name", "area", "lead_region", "participating_regions"]],
         chosen[["start_label", "finish_label"]].rename(columns={"start_label": "start", "finish_label": "finish"}),
         costs],
        axis=1,
    ).rename_axis("id").reset_index()  # fmt: skip
    table = table.sort_values(["start", "finish", "id"], kind="stable").reset_index(drop=True)
    takes_part = (table["share"] > SHARE_TOLERANCE) | (table["lead_region"] == region)
    takes_part |= table["participating_regions"].map(lambda regions: region in (regions or []))
    led = table[table["lead_region"] == region]
    return RegionCommitments(
        region=region,
        name=str(portfolio.funding_pools.at[region, "name"]),
        spend=_spend(stored, region),
        joint=table[(table["payers"] > 1) & (table["share"] > SHARE_TOLERANCE)][
            ["id", "name", "lead_region", "share", "region_cost", "total_cost", "start", "finish"]
        ].reset_index(drop=True),
        led=led[["id", "name", "area", "start", "finish", "total_cost", "region_cost"]].reset_index(drop=True),
        areas=led.groupby("area", sort=True).agg(initiatives=("id", "count"), total_cost=("total_cost", "sum"))
        .reset_index(),
        go_lives=table[takes_part].sort_values(["finish", "id"], kind="stable")[
            ["id", "name", "lead_region", "finish"]
        ].rename(columns={"finish": "go_live"}).reset_index(drop=True),
        **_benefits(portfolio, stored, table.set_index("id")["share"]),
    )  # fmt: skip


def _cost_in_horizon(inputs: PlanInputs, initiative: str, start: int) -> float:
    periods = inputs.timeline.periods
    return float(sum(c for k, c in enumerate(inputs.costs[initiative]) if 0 <= start + k < periods))


def _spend(stored: StoredPlan, region: str) -> pd.DataFrame:
    spend = stored.plan.spend
    mine = spend[spend["pool"] == region].groupby("year", as_index=False)[["amount", "envelope"]].sum()
    mine["headroom"] = mine["envelope"] - mine["amount"]
    mine["over"] = mine["headroom"] < -0.5
    return mine.astype({"year": int}).reset_index(drop=True)


def _benefits(portfolio: Portfolio, stored: StoredPlan, shares: pd.Series) -> dict[str, pd.DataFrame]:
    schedule = benefit_schedule(portfolio, stored.plan)
    mine = schedule[(schedule["source"] == "plan") & schedule["initiative_id"].isin(shares[shares > 0].index)]
    benefits = pd.DataFrame(
        {"id": mine.index.astype(str),
         "title": [str(portfolio.benefits.at[b, "title"]) for b in mine.index],
         "initiative": mine["initiative_id"].astype(str).to_numpy(),
         "monetised": mine["monetised"].astype(bool).to_numpy(),
         "annual_value": mine["annual_value"].astype(float).to_numpy(),
         "share": [float(shares[i]) for i in mine["initiative_id"]],
         "start_year": mine["start_year"].to_numpy()},
    )  # fmt: skip
    benefits["region_value"] = benefits["annual_value"] * benefits["share"] * benefits["monetised"]
    benefits = benefits.sort_values(["start_year", "id"], kind="stable").reset_index(drop=True)
    years = portfolio.timeline.years
    planned = planned_values(portfolio, stored.plan, schedule)
    planned = planned[planned["benefit_id"].isin(benefits.loc[benefits["monetised"], "id"])]
    planned = planned.assign(planned=planned["planned"] * planned["initiative_id"].map(shares).astype(float))
    by_year = planned.groupby("year")["planned"].sum().reindex(years, fill_value=0.0)
    return {
        "benefits": benefits,
        "benefit_years": pd.DataFrame({"year": years, "planned": by_year.to_numpy(dtype=float)}),
    }
