"""Investment envelopes and cost sharing as tables people read and edit.

The optimiser works on envelopes per funding pool and period (:func:`planning.optimise.
inputs.envelopes`); here the same money is shown per pool and calendar year, and one
ambition level's envelopes can be edited as a grid of pools by years.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from planning.domain.columns import is_blank
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import cost_shares, envelopes, resolve_scenario


def pool_order(portfolio: Portfolio) -> list[str]:
    """Funding pools in reading order: regions by population share (largest first), then the others."""
    pools = portfolio.funding_pools
    regions = pools[pools["kind"] == "region"]
    share = regions["population_share"].astype(float).fillna(0.0)
    ordered = [str(p) for p in sorted(regions.index, key=lambda p: (-float(share[p]), str(p)))]
    return ordered + [str(p) for p in pools.index if str(p) not in ordered]


def scenario_envelopes(portfolio: Portfolio, scenario: Scenario | str | None = None) -> pd.DataFrame:
    """MNOK available to each funding pool in each calendar year under ``scenario``.

    Each pool's ambition level, the budget factor and the overrides apply, exactly as
    the optimiser sees them.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``pool``, ``year``, ``amount`` (MNOK), pools in :func:`pool_order`.
    """
    sc = resolve_scenario(portfolio, scenario)
    timeline = portfolio.timeline
    per_period = envelopes(portfolio, sc, timeline)
    rows = [
        {"pool": pool, "year": timeline.year_of(int(t)), "amount": float(per_period.at[pool, t])}
        for pool in pool_order(portfolio)
        for t in per_period.columns
    ]
    frame = pd.DataFrame(rows, columns=["pool", "year", "amount"])
    return frame.groupby(["pool", "year"], sort=False, as_index=False)["amount"].sum()


def envelope_grid(portfolio: Portfolio, level: str) -> pd.DataFrame:
    """The envelopes stored for ambition ``level``: one row per funding pool (:func:`pool_order`), one column per year.

    Cells without a stored envelope are ``NaN`` (the optimiser then scales the reference
    level by the level's factor).
    """
    years = portfolio.timeline.years
    grid = pd.DataFrame(float("nan"), index=pd.Index(pool_order(portfolio), name="pool"), columns=years)
    mine = portfolio.envelopes[portfolio.envelopes["ambition_level_id"] == level]
    for _, row in mine.iterrows():
        pool, year = row["funding_pool_id"], int(row["year"])
        if pool in grid.index and year in grid.columns:
            grid.at[pool, year] = float(row["amount"])
    return grid


def envelope_rows(portfolio: Portfolio, level: str, grid: pd.DataFrame) -> list[dict[str, Any]]:
    """The envelope table with ambition ``level``'s rows taken from ``grid``.

    Envelopes of other levels, and of years outside the grid, are kept as they are; a
    blank cell removes the stored envelope of that pool and year. Ids are derived
    (``POOL/YEAR/LEVEL``). Validate the result with :func:`planning.domain.editing.replace_rows`.
    """
    years = {int(y) for y in grid.columns}
    pools = {str(p) for p in grid.index}
    kept = [
        row
        for row in portfolio.records("envelope")
        if not (row["ambition_level_id"] == level and int(row["year"]) in years and row["funding_pool_id"] in pools)
    ]
    edited = [
        {"id": "", "funding_pool_id": str(pool), "year": int(year), "ambition_level_id": level, "amount": amount}
        for pool, amounts in grid.iterrows()
        for year, amount in amounts.items()
        if not is_blank(amount)
    ]
    return [*kept, *edited]


def cost_share_table(portfolio: Portfolio) -> pd.DataFrame:
    """Each initiative's cost-sharing key and the share every funding pool pays.

    Returns
    -------
    pandas.DataFrame
        Indexed by initiative id: ``cost_sharing``, then one column per funding pool with
        its share (fractions summing to 1 per row).
    """
    ids = [str(i) for i in portfolio.initiatives.index]
    shares = cost_shares(portfolio, ids)
    keys = portfolio.initiatives["cost_sharing"].astype(str).rename("cost_sharing")
    return pd.concat([keys, shares], axis=1)


def scenario_with(scenario: Scenario, **changes: Any) -> Scenario:
    """A validated copy of ``scenario`` with ``changes`` (for example ``ambition``).

    Raises
    ------
    pydantic.ValidationError
        When a change breaks the scenario's rules.
    """
    values = scenario.model_dump()
    values.update(changes)
    return Scenario.model_validate(values)


def with_ambition(scenario: Scenario, pool: str, level: str) -> Scenario:
    """``scenario`` with ``pool`` at ambition ``level``."""
    ambition: Mapping[str, str] = {**scenario.ambition, pool: level}
    return scenario_with(scenario, ambition=dict(ambition))
