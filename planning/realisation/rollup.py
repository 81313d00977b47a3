"""Totals of the benefit review, the re-forecast as a portfolio, and credit for enablers.

Totals per initiative, region, area and benefit type add up monetised benefits only, in
MNOK: indicators in different units cannot be added, so non-monetised benefits are
counted by status instead.

Region: by default a benefit counts in full for its initiative's lead region
(hovedsamarbeidspart, who answers for the delivery); with ``region_key="shares"`` its
MNOK are split by the initiative's cost-sharing key (fordelingsnøkkel), as its cost is,
and it is counted in every pool with a share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.domain.graph import unlocks
from planning.domain.portfolio import Portfolio
from planning.optimise.inputs import cost_shares
from planning.realisation.review import EPSILON, STATUSES, Thresholds

DIMENSIONS = {"benefit": None, "initiative": "initiative_id", "region": "lead_region", "area": "area", "type": "type"}
"""Dimension name -> column of the benefit review it groups by."""
REGION_KEYS = ("lead", "shares")
MONEY = ["planned_to_date", "realised_to_date", "variance", "remaining_planned", "remaining_reforecast"]
SUMMARY_COLUMNS = [*MONEY, "ratio", "status", "benefits", *STATUSES]


def _weighted(portfolio: Portfolio, review: pd.DataFrame, by: str, region_key: str) -> pd.DataFrame:
    """The review with a ``group`` column and a ``weight`` per row (region shares split rows)."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension '{by}'; use one of: {', '.join(DIMENSIONS)}")
    if region_key not in REGION_KEYS:
        raise ValueError(f"unknown region key '{region_key}'; use one of: {', '.join(REGION_KEYS)}")
    frame = review.copy()
    if by == "benefit":
        return frame.assign(group=frame.index.astype(str), weight=1.0)
    if by != "region" or region_key == "lead":
        return frame.assign(group=frame[DIMENSIONS[by]].astype(str), weight=1.0)
    ids = sorted(set(frame["initiative_id"].astype(str)))
    shares = cost_shares(portfolio, ids).stack()
    shares = shares[shares > 0].rename("weight").reset_index()
    shares.columns = ["initiative_id", "group", "weight"]
    return frame.reset_index().merge(shares, on="initiative_id").set_index("benefit_id")


def realisation_summary(
    portfolio: Portfolio,
    review: pd.DataFrame,
    by: str = "initiative",
    *,
    region_key: str = "lead",
    thresholds: Thresholds | None = None,
) -> pd.DataFrame:
    """Planned against realised per ``by`` (benefit, initiative, region, area or type).

    Parameters
    ----------
    review
        :func:`planning.realisation.review.benefit_review`.
    region_key
        ``lead`` (a benefit counts for its lead region) or ``shares`` (split by cost shares).

    Returns
    -------
    pandas.DataFrame
        Index: the group; columns :data:`SUMMARY_COLUMNS`: MNOK sums of monetised
        benefits, their ratio (realised over planned to date, NaN when nothing was due)
        and status by ``thresholds``, the number of benefits, and how many have each status.
    """
    rules = thresholds or Thresholds()
    frame = _weighted(portfolio, review, by, region_key)
    money = frame[frame["monetised"].astype(bool)]
    sums = money[MONEY].mul(money["weight"], axis=0).groupby(money["group"]).sum()
    counts = pd.crosstab(frame["group"], frame["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table = counts.join(sums, how="left").fillna({name: 0.0 for name in MONEY})
    table["benefits"] = counts.sum(axis=1)
    planned = table["planned_to_date"].where(table["planned_to_date"].abs() > 1e-9)
    table["ratio"] = table["realised_to_date"] / planned
    table["status"] = [
        _group_status(r, row, rules) for r, (_, row) in zip(table["ratio"], table.iterrows(), strict=True)
    ]
    table.index.name = by
    return table[SUMMARY_COLUMNS]


def _group_status(ratio: float, row: pd.Series, rules: Thresholds) -> str:
    """By the MNOK ratio when there is one, else the worst status among the group's benefits."""
    if not pd.isna(ratio):
        return rules.status(float(ratio))
    for status in ("red", "missing", "yellow", "green"):
        if row[status] > 0:
            return status
    return "not_due" if row["not_due"] > 0 else "not_in_plan"


def yearly_totals(yearly: pd.DataFrame, review: pd.DataFrame) -> pd.DataFrame:
    """Monetised planned, realised and re-forecast MNOK per year for the whole portfolio.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``planned`` (every benefit), ``planned_measured`` (planned for the
        benefits measured that year, the fair comparison), ``realised`` (NaN for years
        without any measurement), ``reforecast``, and the year's coverage: ``due``
        (monetised benefits with planned gain that year, or measured in it) and
        ``measured`` (those of them measured).
    """
    money = set(review.index[review["monetised"].astype(bool)])
    rows = yearly[yearly["benefit_id"].isin(money)].copy()
    rows["planned_measured"] = rows["planned"].where(rows["realised"].notna(), 0.0)
    rows["is_measured"] = rows["realised"].notna()
    rows["is_due"] = rows["is_measured"] | (rows["planned_gain"].abs() > EPSILON)
    grouped = rows.groupby("year").agg(
        planned=("planned", "sum"),
        planned_measured=("planned_measured", "sum"),
        realised=("realised", lambda s: s.sum() if s.notna().any() else np.nan),
        reforecast=("reforecast", "sum"),
        due=("is_due", "sum"),
        measured=("is_measured", "sum"),
    )
    return grouped.reset_index().astype({"due": int, "measured": int})


@dataclass(frozen=True)
class Coverage:
    """What was measured in one year, so that a gap in measurement is not read as a miss.

    Counts are benefits (monetised and not); sums are MNOK of the monetised ones, and
    ``realised`` is compared only with ``planned_measured``: like with like.
    """

    year: int
    due: int
    """Benefits with planned gain in the year, or measured in it."""
    measured: int
    """Of those, the ones with a measurement for the year."""
    planned_measured: float
    """MNOK planned for the monetised benefits that were measured."""
    realised: float
    """MNOK realised by the monetised benefits that were measured."""
    planned_unmeasured: float
    """MNOK planned for monetised benefits due but not measured: unknown, not missed."""

    @property
    def ratio(self) -> float | None:
        """Realised over planned for the measured benefits; ``None`` when nothing measured was planned."""
        return self.realised / self.planned_measured if abs(self.planned_measured) > EPSILON else None

    @property
    def difference(self) -> float:
        """Realised minus planned for the measured benefits (MNOK; positive: ahead of plan)."""
        return self.realised - self.planned_measured


def coverage(yearly: pd.DataFrame, review: pd.DataFrame, year: int) -> Coverage:
    """The measurement coverage of ``year`` (:class:`Coverage`) from
    :func:`planning.realisation.review.yearly_realisation` and its review."""
    rows = yearly[yearly["year"] == year]
    measured = rows["realised"].notna()
    due = measured | (rows["planned_gain"].abs() > EPSILON)
    money = rows["benefit_id"].map(review["monetised"].astype(bool)).fillna(False).astype(bool)
    return Coverage(
        year=int(year),
        due=int(due.sum()),
        measured=int(measured.sum()),
        planned_measured=float(rows.loc[money & measured, "planned_gain"].sum()),
        realised=float(rows.loc[money & measured, "realised_gain"].sum()),
        planned_unmeasured=float(rows.loc[money & due & ~measured, "planned_gain"].sum()),
    )


def portfolio_with_reforecast(portfolio: Portfolio, review: pd.DataFrame) -> Portfolio:
    """A copy of ``portfolio`` whose benefits promise what the re-forecast expects.

    Every monetised benefit's ``annual_value`` becomes its ``reforecast_annual_value``
    (``annual_value`` times the capped realisation ratio; unchanged where nothing has
    been measured yet). Non-monetised benefits keep their target. The scenario table is
    untouched: optimise the copy to let the next plan learn from what was realised (the
    CLI's ``--reforecast`` flag and the app's checkbox do this), so no new scenario field
    or migration is needed.
    """
    result = portfolio.copy()
    values = review["reforecast_annual_value"].astype(float)
    monetised = review.index[review["monetised"].astype(bool)]
    shared = result.benefits.index.intersection(monetised)
    result.benefits.loc[shared, "annual_value"] = [round(float(values[b]), 6) for b in shared]
    return result


def enabler_credit(portfolio: Portfolio, initiatives: Sequence[str] | None = None) -> pd.DataFrame:
    """Each enabling initiative's own benefit next to the benefit of what it unlocks.

    Uses :func:`planning.domain.graph.unlocks` (unfinished dependants, directly or through others).
    Credit is not a share: an initiative unlocked by several enablers counts for each.

    Returns
    -------
    pandas.DataFrame
        Index ``initiative_id``; ``name``, ``own_annual_value`` (MNOK/yr at full effect),
        ``own_non_monetised``, ``dependants`` (count), ``unlocked_annual_value``,
        ``unlocked_non_monetised`` and ``unlocked`` (ids), for initiatives that unlock
        something, largest unlocked value first.
    """
    benefits = portfolio.benefits
    enablers = set(portfolio.dependencies["predecessor_id"].astype(str))  # nothing else can unlock anything
    rows = []
    for iid in initiatives if initiatives is not None else portfolio.initiatives.index:
        if str(iid) not in enablers:
            continue
        opened = unlocks(portfolio, str(iid))
        if not opened.dependants:
            continue
        own = benefits[benefits["initiative_id"] == iid]
        money = own["monetised"].astype(bool)
        rows.append(
            {
                "initiative_id": str(iid),
                "name": str(portfolio.initiatives.at[iid, "name"]),
                "own_annual_value": float(own.loc[money, "annual_value"].astype(float).sum()),
                "own_non_monetised": int((~money).sum()),
                "dependants": len(opened.dependants),
                "unlocked_annual_value": opened.annual_value,
                "unlocked_non_monetised": opened.non_monetised,
                "unlocked": list(opened.dependants),
            }
        )
    columns = ["initiative_id", "name", "own_annual_value", "own_non_monetised", "dependants",
               "unlocked_annual_value", "unlocked_non_monetised", "unlocked"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns).set_index("initiative_id")
    return frame.sort_values(["unlocked_annual_value", "dependants"], ascending=False, kind="stable")
