"""Planned benefit values per year, derived from a plan's go-live, each benefit's lag and ramp-up.

When does a benefit start?
    An initiative goes live at the end of its last period of execution (``finish_opt``
    in the plan). Its benefit starts ``lag`` years later: the first benefit year is
    ``int(first_year + (finish + 1) / periods_per_year) + lag``, the same rule as
    :func:`planning.optimise.plan.benefit_frame`, so the planned MNOK of a plan's
    initiatives add up to ``Plan.benefits``. When the plan moves, the curve moves.

Completed initiatives (done before the horizon) are not in the plan. Their benefits
start the year after the benefit's baseline measurement (nullpunktsmåling), plus the lag:
DFØ takes the baseline just before the change, so the baseline year stands for go-live.
Without a baseline date the benefit is taken to reach full effect in its target year
(first benefit year = target year minus the length of the ramp-up); without either, the
initiative is taken to have gone live in the year before the horizon. The chosen rule is
reported in the ``source`` column.

The planned share of full effect in year ``Y`` (``s(Y)``, 0 before the start) is
    * the ramp-up share for year ``Y - start`` (1 once the list ends), as in
      :func:`planning.domain.economics.ramp_share`, for ``lifetime`` years; or
    * for a non-monetised benefit without a ramp-up: a straight line from the baseline
      to the target, ``min(1, (Y - start + 1) / (T - start + 1))`` where ``T`` is the
      target year (the target is reached at once when ``T`` falls before the start).

Planned value: monetised ``annual_value * s(Y)`` MNOK; non-monetised, in the indicator's
own unit, ``baseline + (target - baseline) * s(Y)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planning.domain.economics import ramp_share
from planning.domain.portfolio import Portfolio
from planning.domain.timeline import Timeline
from planning.optimise import Plan

SOURCES = ("plan", "baseline_date", "target_date", "before_horizon", "not_in_plan")
"""How a benefit's start year was found."""
SCHEDULE_COLUMNS = [
    "initiative_id",
    "monetised",
    "unit",
    "annual_value",
    "baseline",
    "target",
    "target_year",
    "go_live",
    "start_year",
    "end_year",
    "source",
]
PLANNED_COLUMNS = ["benefit_id", "initiative_id", "year", "share", "planned"]


@dataclass(frozen=True)
class Start:
    """When one benefit starts, and why."""

    go_live: str | None
    """Label of the go-live period (the plan's finish period) or year, ``None`` when not in plan."""
    start_year: int | None
    """First calendar year of benefit; ``None`` when the initiative is not in the plan."""
    source: str


def _year(value: Any) -> int | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, str) and value.strip():
        return dt.date.fromisoformat(value.strip()[:10]).year
    return None


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def plan_start(timeline: Timeline, finish_label: str, lag: int) -> int:
    """First benefit year of an initiative finishing in the period labelled ``finish_label``.

    Labels are read on the portfolio's timeline, so a plan stored before the horizon
    moved still lines up.
    """
    finish = timeline.index(finish_label, end=True)
    return int(timeline.first_year + (finish + 1) / timeline.per_year) + int(lag)


def completed_start(benefit: pd.Series, timeline: Timeline) -> Start:
    """Start of a benefit whose initiative was completed before the horizon (see module notes)."""
    lag = int(benefit["lag"])
    baseline_year = _year(benefit["baseline_date"])
    if baseline_year is not None:
        return Start(str(baseline_year), baseline_year + 1 + lag, "baseline_date")
    target_year = _year(benefit["target_date"])
    if target_year is not None:
        start = target_year - len(benefit["ramp_up"] or [])
        return Start(str(start - 1 - lag), start, "target_date")
    return Start(str(timeline.first_year - 1), timeline.first_year + lag, "before_horizon")


def benefit_start(portfolio: Portfolio, plan: Plan, benefit: pd.Series) -> Start:
    """When ``benefit`` starts under ``plan``."""
    iid = str(benefit["initiative_id"])
    status = str(portfolio.initiatives.at[iid, "status"])
    if status == "completed":
        return completed_start(benefit, portfolio.timeline)
    decisions = plan.initiatives
    if iid not in decisions.index or not bool(decisions.at[iid, "selected_opt"]):
        return Start(None, None, "not_in_plan")
    label = str(decisions.at[iid, "finish_label"])
    return Start(label, plan_start(portfolio.timeline, label, int(benefit["lag"])), "plan")


def benefit_schedule(portfolio: Portfolio, plan: Plan) -> pd.DataFrame:
    """One row per benefit (index ``benefit_id``): what it promises and when it starts.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCHEDULE_COLUMNS`; ``start_year`` and ``end_year`` (last year of
        its lifetime) are ``<NA>`` for benefits of initiatives outside the plan.
    """
    rows = []
    for bid, b in portfolio.benefits.iterrows():
        start = benefit_start(portfolio, plan, b)
        end = None if start.start_year is None else start.start_year + int(b["lifetime"]) - 1
        rows.append(
            {
                "benefit_id": str(bid),
                "initiative_id": str(b["initiative_id"]),
                "monetised": bool(b["monetised"]),
                "unit": "MNOK/år" if bool(b["monetised"]) and not b["unit"] else str(b["unit"]),
                "annual_value": float(b["annual_value"]),
                "baseline": _number(b["baseline_value"]),
                "target": _number(b["target_value"]),
                "target_year": _year(b["target_date"]),
                "go_live": start.go_live,
                "start_year": start.start_year,
                "end_year": end,
                "source": start.source,
            }
        )
    frame = pd.DataFrame(rows, columns=["benefit_id", *SCHEDULE_COLUMNS]).set_index("benefit_id")
    for name in ("start_year", "end_year", "target_year"):
        frame[name] = frame[name].astype("Int64")
    return frame


def planned_share(year: int, start: int, lifetime: int, ramp_up: list[float], linear_to: int | None = None) -> float:
    """Share of full effect planned in calendar ``year`` (see module notes)."""
    offset = year - start
    if offset < 0 or offset >= lifetime:
        return 0.0
    if linear_to is not None and not ramp_up:
        span = max(linear_to - start + 1, 1)
        return min(1.0, (offset + 1) / span)
    return ramp_share(ramp_up, offset)


def planned_level(row: pd.Series, share: float) -> float:
    """The planned value for a share of full effect: MNOK, or the indicator's level."""
    if bool(row["monetised"]):
        return float(row["annual_value"]) * share
    baseline = row["baseline"] if row["baseline"] is not None and not pd.isna(row["baseline"]) else 0.0
    target = row["target"] if row["target"] is not None and not pd.isna(row["target"]) else baseline
    return float(baseline) + (float(target) - float(baseline)) * share


def planned_values(portfolio: Portfolio, plan: Plan, schedule: pd.DataFrame | None = None) -> pd.DataFrame:
    """Planned value of every benefit in every year of its life, tidy.

    Parameters
    ----------
    schedule
        :func:`benefit_schedule` of the same portfolio and plan, when already at hand.

    Returns
    -------
    pandas.DataFrame
        ``benefit_id``, ``initiative_id``, ``year``, ``share`` (of full effect) and
        ``planned`` (MNOK per year if monetised, else the indicator level in its unit),
        for the years ``start_year .. end_year`` of benefits in the plan.
    """
    table = benefit_schedule(portfolio, plan) if schedule is None else schedule
    rows = []
    for bid, row in table[table["start_year"].notna()].iterrows():
        b = portfolio.benefits.loc[bid]
        start, lifetime = int(row["start_year"]), int(b["lifetime"])
        target_year = start if pd.isna(row["target_year"]) else int(row["target_year"])
        linear_to = None if bool(row["monetised"]) else target_year
        for year in range(start, start + lifetime):
            share = planned_share(year, start, lifetime, list(b["ramp_up"] or []), linear_to)
            rows.append([str(bid), row["initiative_id"], year, share, planned_level(row, share)])
    frame = pd.DataFrame(rows, columns=PLANNED_COLUMNS)
    return frame.astype({"year": int, "share": float, "planned": float})
