"""Three-point estimates per initiative, with the defaults of its risk class.

An initiative's most likely cost is its ``total_cost`` (or the sum of its ``cost_profile``),
its most likely duration its ``duration``, and its stated benefits are what its benefit
rows say. The columns ``cost_low``/``cost_high``, ``duration_low``/``duration_high``,
``benefit_low``/``benefit_likely``/``benefit_high`` (shares of the stated benefits) and
``stop_probability`` give the spread; a blank one takes the default of the initiative's
``risk`` class (:data:`RISK_DEFAULTS`, each figure's source in ``docs/uncertainty.md``).
:func:`check_estimates` finds every estimate out of order, naming table, row and field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planning.domain.columns import is_blank
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.messages.message import decimal
from planning.messages.phrases import phrase

ESTIMATE_COLUMNS = (
    "cost_low",
    "cost_high",
    "duration_low",
    "duration_high",
    "benefit_low",
    "benefit_likely",
    "benefit_high",
    "stop_probability",
)
"""The initiative columns that hold its uncertainty."""


@dataclass(frozen=True)
class RiskDefaults:
    """What a blank estimate of one risk class means.

    Cost and duration figures are factors on the most likely value; benefit figures are
    shares of the stated benefits. Durations are rounded half up to whole periods.
    """

    cost_low: float
    cost_high: float
    duration_low: float
    duration_high: float
    benefit_low: float
    benefit_likely: float
    benefit_high: float
    stop_probability: float


RISK_DEFAULTS: dict[str, RiskDefaults] = {
    "low": RiskDefaults(0.95, 1.35, 1.0, 1.2, 0.7, 0.95, 1.1, 0.01),
    "medium": RiskDefaults(0.9, 1.9, 1.0, 1.35, 0.5, 0.85, 1.1, 0.03),
    "high": RiskDefaults(0.9, 3.0, 1.0, 1.54, 0.3, 0.7, 1.1, 0.08),
}
"""Defaults per risk class; ``docs/uncertainty.md`` gives the source of each figure:
the medium cost spread has the mean overrun of 27 % and the high class the +200 % cost and
+54 % duration tail of the cited studies; the rest are stated assumptions."""


def round_half_up(value: float) -> int:
    """``value`` rounded to the nearest whole number, halves up (2.5 -> 3)."""
    return math.floor(value + 0.5)


def likely_cost(row: pd.Series | dict[str, Any]) -> float:
    """The most likely cost: the sum of the cost profile, else ``total_cost``, MNOK."""
    profile = list(row["cost_profile"] or [])
    if profile:
        return float(sum(profile))
    return float(row["total_cost"] or 0.0)


@dataclass(frozen=True)
class ThreePoint:
    """Low, most likely and high of one quantity, and whether each came from the data."""

    low: float
    likely: float
    high: float
    given: tuple[bool, bool, bool]


@dataclass(frozen=True)
class InitiativeEstimate:
    """One initiative's resolved estimates: data where given, its risk class's defaults elsewhere."""

    cost: ThreePoint
    duration: ThreePoint
    benefit: ThreePoint
    stop_probability: float
    stop_given: bool


def _value(row: pd.Series | dict[str, Any], name: str) -> float | None:
    value = row.get(name) if isinstance(row, dict) else row[name] if name in row.index else None
    if value is None or is_blank(value):
        return None
    return float(value)


def resolve_estimate(row: pd.Series | dict[str, Any]) -> InitiativeEstimate:
    """The three-point estimates of one initiative row, blanks filled from its risk class."""
    base = RISK_DEFAULTS.get(str(row["risk"]), RISK_DEFAULTS["medium"])
    cost, duration = likely_cost(row), float(row["duration"])
    given = {name: _value(row, name) for name in ESTIMATE_COLUMNS}

    def pick(name: str, default: float) -> tuple[float, bool]:
        found = given[name]
        return (default, False) if found is None else (found, True)

    cost_low, cl = pick("cost_low", cost * base.cost_low)
    cost_high, ch = pick("cost_high", cost * base.cost_high)
    dur_low, dl = pick("duration_low", max(1, round_half_up(duration * base.duration_low)))
    dur_high, dh = pick("duration_high", max(duration, round_half_up(duration * base.duration_high)))
    ben_low, bl = pick("benefit_low", base.benefit_low)
    ben_likely, bm = pick("benefit_likely", base.benefit_likely)
    ben_high, bh = pick("benefit_high", base.benefit_high)
    stop, sg = pick("stop_probability", base.stop_probability)
    return InitiativeEstimate(
        cost=ThreePoint(cost_low, cost, cost_high, (cl, True, ch)),
        duration=ThreePoint(dur_low, duration, dur_high, (dl, True, dh)),
        benefit=ThreePoint(ben_low, ben_likely, ben_high, (bl, bm, bh)),
        stop_probability=stop,
        stop_given=sg,
    )


def estimate_table(portfolio: Portfolio) -> pd.DataFrame:
    """Every initiative's resolved estimates, one row each.

    Returns
    -------
    pandas.DataFrame
        Index id: risk, cost_low, cost_likely, cost_high (MNOK), duration_low,
        duration_likely, duration_high (periods), benefit_low, benefit_likely,
        benefit_high (shares of the stated benefits), stop_probability, and
        ``defaults``: the estimate columns left blank, which took the risk class's default.
    """
    rows = []
    for iid, row in portfolio.initiatives.iterrows():
        found = resolve_estimate(row)
        defaults = [name for name in ESTIMATE_COLUMNS if is_blank(row[name])]
        rows.append(
            {
                "id": str(iid),
                "risk": row["risk"],
                **_points("cost", found.cost),
                **_points("duration", found.duration),
                **_points("benefit", found.benefit),
                "stop_probability": found.stop_probability,
                "defaults": defaults,
            }
        )
    columns = ["id", "risk"] + [f"{q}_{p}" for q in ("cost", "duration", "benefit") for p in ("low", "likely", "high")]
    return pd.DataFrame(rows, columns=[*columns, "stop_probability", "defaults"]).set_index("id")


def _points(name: str, point: ThreePoint) -> dict[str, float]:
    return {f"{name}_low": point.low, f"{name}_likely": point.likely, f"{name}_high": point.high}


ORDER_TOLERANCE = 1e-9


def check_estimates(p: Portfolio) -> list[Problem]:
    """Low <= most likely <= high for cost, duration and benefit; no spread on completed work."""
    out: list[Problem] = []
    for iid, row in p.initiatives.iterrows():
        rid = str(iid)
        if row["status"] == "completed":
            out += [
                Problem(
                    "initiative",
                    rid,
                    name,
                    phrase("estimate_on_completed", field=name, value=row[name]),
                    phrase("fix_estimate_on_completed", field=name),
                )
                for name in ESTIMATE_COLUMNS
                if not is_blank(row[name])
            ]
            continue
        found = resolve_estimate(row)
        likely_fields = {"cost": "total_cost", "duration": "duration", "benefit": "benefit_likely"}
        for quantity, point in (("cost", found.cost), ("duration", found.duration), ("benefit", found.benefit)):
            out += _order(rid, str(row["risk"]), quantity, point, likely_fields[quantity])
    return out


def _order(rid: str, risk: str, quantity: str, point: ThreePoint, likely_field: str) -> list[Problem]:
    """A problem for each given end of ``point`` on the wrong side of the most likely value."""
    out = []
    checks = (
        (0, f"{quantity}_low", point.low > point.likely + ORDER_TOLERANCE, "estimate_low_above_likely"),
        (2, f"{quantity}_high", point.high < point.likely - ORDER_TOLERANCE, "estimate_high_below_likely"),
    )
    for position, name, wrong, key in checks:
        if not wrong:
            continue
        value = point.low if position == 0 else point.high
        given_field = name if point.given[position] else likely_field
        out.append(
            Problem(
                "initiative",
                rid,
                given_field,
                phrase(
                    key,
                    field=name,
                    value=decimal(value, "g"),
                    likely=decimal(point.likely, "g"),
                    likely_field=likely_field,
                ),
                phrase("fix_estimate_order", field=name, risk=risk),
            )
        )
    return out
