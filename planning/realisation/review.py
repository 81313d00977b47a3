"""Planned against realised: per benefit and year, status, trend and re-forecast.

Everything is measured as *gain*: for a monetised benefit the realised value itself
(MNOK per year; its baseline is 0 by convention), for a non-monetised benefit the change
of its indicator from the baseline (``value - baseline``), so indicators that should fall
(fewer errors) work as well as those that should rise.

Realisation ratio (per benefit, as of year ``A``)
    ``sum(realised gain) / sum(planned gain)`` over the years up to ``A`` that have a
    measurement. Years due without a measurement since follow-up began (the first
    measured year) are listed as missing, not counted as 0.

Status, with :class:`Thresholds` (defaults: green at >= 90 % of plan, yellow >= 70 %, else red)
    ``not_in_plan`` (its initiative is not in the plan), ``not_due`` (no planned gain up to
    ``A``, and none realised), ``missing`` (benefit due but no measurement), else green,
    yellow or red by the ratio; realised gain with no planned gain counts as green (ahead).

Trend
    The ratio of each measured year with planned gain; ``up`` or ``down`` when the last
    differs from the one before by more than ``trend_tolerance``, else ``flat``.

Re-forecast
    The remaining planned gain (years after ``A``) times the ratio, capped to
    ``[0, max_reforecast_ratio]`` (1 when there is no ratio yet): re-forecast value =
    ``planned * r`` for a monetised benefit, ``baseline + r * (planned - baseline)`` for an
    indicator. Years up to ``A`` keep the measured value where there is one.
    Example: planned 10, 20 MNOK in 2024-25, realised 8, 12, plan 30 MNOK in 2026:
    ``r = 20 / 30``, re-forecast 2026 = 20 MNOK.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.realisation.planned import benefit_schedule, planned_values

STATUSES = ("green", "yellow", "red", "missing", "not_due", "not_in_plan")
TRENDS = ("up", "down", "flat")
EPSILON = 1e-9
YEARLY_COLUMNS = ["benefit_id", "year", "share", "planned", "realised", "planned_gain", "realised_gain", "reforecast"]


@dataclass(frozen=True)
class Thresholds:
    """Traffic-light thresholds and re-forecast limits, as fractions of plan.

    Attributes
    ----------
    green
        Realised at least this share of planned: green.
    yellow
        At least this share (and below ``green``): yellow ("some challenges"); below: red.
    trend_tolerance
        Change in the yearly ratio that counts as a trend up or down.
    max_reforecast_ratio
        Cap on the ratio used to re-forecast, so one good year does not promise too much.
    """

    green: float = 0.9
    yellow: float = 0.7
    trend_tolerance: float = 0.05
    max_reforecast_ratio: float = 1.5

    def __post_init__(self) -> None:
        if not 0 <= self.yellow <= self.green:
            raise ValueError(f"thresholds need 0 <= yellow ({self.yellow}) <= green ({self.green})")
        if self.max_reforecast_ratio < 0:
            raise ValueError("max_reforecast_ratio must not be negative")

    def status(self, ratio: float) -> str:
        """green, yellow or red for a realisation ratio."""
        return "green" if ratio >= self.green else "yellow" if ratio >= self.yellow else "red"


def _span(row: pd.Series) -> float:
    """Gain at full effect: MNOK per year, or target minus baseline in the indicator's unit."""
    if bool(row["monetised"]):
        return float(row["annual_value"])
    if pd.isna(row["target"]) or row["target"] is None:
        return 0.0
    return float(row["target"]) - _baseline(row)


def _baseline(row: pd.Series) -> float:
    value = row["baseline"]
    return 0.0 if bool(row["monetised"]) or value is None or pd.isna(value) else float(value)


def yearly_realisation(
    portfolio: Portfolio,
    plan: Plan,
    *,
    as_of: int,
    thresholds: Thresholds | None = None,
    schedule: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Planned, realised and re-forecast value of every benefit per year, tidy.

    Returns
    -------
    pandas.DataFrame
        :data:`YEARLY_COLUMNS`: values in each benefit's own unit (MNOK if monetised,
        else indicator levels); ``realised`` is NaN where nothing was measured (and for
        measurements after ``as_of``, which are ignored). Rows cover the planned years
        and every measured year.
    """
    rules = thresholds or Thresholds()
    schedule = benefit_schedule(portfolio, plan) if schedule is None else schedule
    planned = planned_values(portfolio, plan, schedule)[["benefit_id", "year", "share", "planned"]]
    measured = portfolio.measurements[["benefit_id", "year", "value"]].copy()
    measured = measured[measured["year"].astype(int) <= as_of].astype({"year": int, "value": float})
    frame = planned.merge(measured.rename(columns={"value": "realised"}), on=["benefit_id", "year"], how="outer")
    frame["share"] = frame["share"].astype(float).fillna(0.0)
    info = schedule.loc[frame["benefit_id"]]
    span = info.apply(_span, axis=1).to_numpy(dtype=float)
    base = info.apply(_baseline, axis=1).to_numpy(dtype=float)
    frame["planned"] = base + span * frame["share"].to_numpy()
    frame["planned_gain"] = span * frame["share"].to_numpy()
    frame["realised_gain"] = frame["realised"].astype(float) - base
    ratios = benefit_ratios(frame)
    used = ratios.map(lambda r: 1.0 if pd.isna(r) else min(max(float(r), 0.0), rules.max_reforecast_ratio))
    factor = frame["benefit_id"].map(used).astype(float).to_numpy()
    forecast = base + frame["planned_gain"].to_numpy() * factor
    frame["reforecast"] = np.where(frame["realised"].notna(), frame["realised"], forecast)
    frame = frame.sort_values(["benefit_id", "year"]).reset_index(drop=True)
    return frame[YEARLY_COLUMNS]


def benefit_ratios(yearly: pd.DataFrame) -> pd.Series:
    """Realisation ratio per benefit over its measured years; NaN where no gain was planned."""
    measured = yearly[yearly["realised"].notna()]
    sums = measured.groupby("benefit_id")[["planned_gain", "realised_gain"]].sum()
    ratio = sums["realised_gain"] / sums["planned_gain"].where(sums["planned_gain"].abs() > EPSILON)
    return ratio.reindex(yearly["benefit_id"].unique())


def trend_of(yearly_one: pd.DataFrame, tolerance: float) -> str | None:
    """up, down or flat from the last two measured yearly ratios; ``None`` with fewer than two."""
    rows = yearly_one[yearly_one["realised"].notna() & (yearly_one["planned_gain"].abs() > EPSILON)]
    if len(rows) < 2:
        return None
    ratios = (rows["realised_gain"] / rows["planned_gain"]).to_numpy()
    change = float(ratios[-1] - ratios[-2])
    return "up" if change > tolerance else "down" if change < -tolerance else "flat"


def _missing(due_years: pd.Series, measured_years: pd.Series) -> list[int]:
    """Due years without a measurement since follow-up began (the first measured year)."""
    first = int(measured_years.min()) if len(measured_years) else None
    return sorted(int(y) for y in set(due_years) - set(measured_years) if first is None or y >= first)


def default_as_of(portfolio: Portfolio) -> int:
    """The latest year with a measurement, or the year before the horizon when none."""
    years = portfolio.measurements["year"]
    return int(years.max()) if len(years) else portfolio.timeline.first_year - 1


def status_of(source: str, yearly_one: pd.DataFrame, ratio: float | None, as_of: int, rules: Thresholds) -> str:
    """The traffic light of one benefit (see module notes)."""
    if source == "not_in_plan":
        return "not_in_plan"
    past = yearly_one[yearly_one["year"] <= as_of]
    due = bool((past["planned_gain"].abs() > EPSILON).any())
    if ratio is None or pd.isna(ratio):
        if due:  # a measured due year would have given a ratio
            return "missing"
        ahead = bool((past["realised_gain"].abs() > EPSILON).any())
        return "green" if ahead else "not_due"
    return rules.status(float(ratio))


REVIEW_COLUMNS = [
    "initiative_id", "initiative", "title", "owner", "type", "area", "lead_region", "risk", "monetised", "unit",
    "indicator", "go_live", "start_year", "source", "measured_years", "missing_years", "latest_year",
    "planned_latest", "realised_latest", "planned_to_date", "realised_to_date", "variance", "ratio", "status",
    "trend", "reforecast_ratio", "remaining_planned", "remaining_reforecast", "target", "reforecast_target",
    "annual_value", "reforecast_annual_value",
]  # fmt: skip


def benefit_review(
    portfolio: Portfolio, plan: Plan, *, as_of: int, thresholds: Thresholds | None = None
) -> pd.DataFrame:
    """Planned against realised for every benefit, as of the end of year ``as_of``.

    Returns
    -------
    pandas.DataFrame
        Index ``benefit_id``; columns :data:`REVIEW_COLUMNS`. ``planned_to_date``,
        ``realised_to_date`` and ``variance`` (realised minus planned) sum the gain over
        the measured years (MNOK for monetised benefits, indicator units otherwise);
        ``*_latest`` are the values in the latest measured year; ``remaining_*`` sum the
        years after ``as_of`` (MNOK; 0 for non-monetised), ``reforecast_target`` is the
        indicator level the re-forecast reaches at full effect.
    """
    rules = thresholds or Thresholds()
    schedule = benefit_schedule(portfolio, plan)
    yearly = yearly_realisation(portfolio, plan, as_of=as_of, thresholds=rules, schedule=schedule)
    ratios = benefit_ratios(yearly) if len(yearly) else pd.Series(dtype=float)
    per_benefit = {str(b): rows for b, rows in yearly.groupby("benefit_id", sort=False)}
    empty = yearly.iloc[0:0]
    rows = []
    for bid, info in schedule.iterrows():
        one = per_benefit.get(str(bid), empty)
        ratio = ratios.get(bid, np.nan)
        rows.append(_review_row(portfolio, str(bid), info, one, ratio, as_of, rules))
    frame = pd.DataFrame(rows, columns=["benefit_id", *REVIEW_COLUMNS]).set_index("benefit_id")
    return frame.astype({"start_year": "Int64", "latest_year": "Int64", "measured_years": int})


def _review_row(
    portfolio: Portfolio, bid: str, info: pd.Series, one: pd.DataFrame, ratio: float, as_of: int, rules: Thresholds
) -> dict[str, object]:
    b, i = portfolio.benefits.loc[bid], portfolio.initiatives.loc[info["initiative_id"]]
    ratio_or_none = None if pd.isna(ratio) else float(ratio)
    used = 1.0 if ratio_or_none is None else min(max(ratio_or_none, 0.0), rules.max_reforecast_ratio)
    past, future = one[one["year"] <= as_of], one[one["year"] > as_of]
    measured = past[past["realised"].notna()]
    due_years = past.loc[past["planned_gain"].abs() > EPSILON, "year"]
    latest = measured.iloc[-1] if len(measured) else None
    base, span = _baseline(info), _span(info)
    money = bool(info["monetised"])
    return {
        "benefit_id": bid, "initiative_id": info["initiative_id"], "initiative": str(i["name"]),
        "title": str(b["title"]), "owner": str(b["owner"]), "type": str(b["type"]), "area": str(i["area"]),
        "lead_region": str(i["lead_region"]), "risk": str(i["risk"]), "monetised": money, "unit": info["unit"],
        "indicator": str(b["indicator"]), "go_live": info["go_live"], "start_year": info["start_year"],
        "source": info["source"], "measured_years": len(measured),
        "missing_years": _missing(due_years, measured["year"]),
        "latest_year": None if latest is None else int(latest["year"]),
        "planned_latest": None if latest is None else float(latest["planned"]),
        "realised_latest": None if latest is None else float(latest["realised"]),
        "planned_to_date": float(measured["planned_gain"].sum()),
        "realised_to_date": float(measured["realised_gain"].sum()),
        "variance": float(measured["realised_gain"].sum() - measured["planned_gain"].sum()),
        "ratio": ratio_or_none, "status": status_of(str(info["source"]), one, ratio_or_none, as_of, rules),
        "trend": trend_of(one, rules.trend_tolerance), "reforecast_ratio": used,
        "remaining_planned": float(future["planned"].sum()) if money else 0.0,
        "remaining_reforecast": float(future["reforecast"].sum()) if money else 0.0,
        "target": None if money else base + span, "reforecast_target": None if money else base + used * span,
        "annual_value": float(info["annual_value"]),
        "reforecast_annual_value": float(info["annual_value"]) * used,
    }  # fmt: skip
