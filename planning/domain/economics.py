"""Money over time: discounting, cost profiles and benefit streams.

Conventions (see ``docs/model.md``): time is measured in years from the start of the
horizon. A cost in period ``t`` is discounted from the start of that period. An
initiative goes live at the end of its last period of execution; each benefit starts
``lag`` years after go-live and yields, in its ``y``-th year, ``annual_value`` times the
ramp-up share for that year (1 once the ramp-up list ends), for ``lifetime`` years,
discounted from the end of each year. Benefits count over their whole lifetime, also
beyond the horizon, so where the horizon ends neither favours nor penalises late starts.
"""

from __future__ import annotations

from collections.abc import Sequence


def discount_factor(years: float, rate: float) -> float:
    """Present value of 1 MNOK paid ``years`` years from the start of the horizon."""
    return float((1.0 + rate) ** -years)


def ramp_share(ramp_up: Sequence[float], year: int) -> float:
    """Share of full effect in the ``year``-th year (0-based) after the benefit starts."""
    return float(ramp_up[year]) if year < len(ramp_up) else 1.0


def benefit_by_year(annual_value: float, ramp_up: Sequence[float], lifetime: int) -> list[float]:
    """Undiscounted value in each year of the benefit's life, MNOK."""
    return [annual_value * ramp_share(ramp_up, y) for y in range(lifetime)]


def benefit_present_value(
    *, annual_value: float, ramp_up: Sequence[float], lag: int, lifetime: int, go_live_years: float, rate: float
) -> float:
    """Discounted value of one benefit whose initiative goes live at ``go_live_years``."""
    start = go_live_years + lag
    return sum(
        value * discount_factor(start + y + 1, rate)
        for y, value in enumerate(benefit_by_year(annual_value, ramp_up, lifetime))
    )


def cost_profile(duration: int, total_cost: float | None, profile: Sequence[float]) -> list[float]:
    """Cost in each period of execution: the given profile, or the total spread evenly."""
    if profile:
        return [float(c) for c in profile]
    total = float(total_cost or 0.0)
    return [total / duration] * duration


def cost_present_value(costs: Sequence[float], start: int, per_year: int, rate: float) -> float:
    """Discounted cost of a profile that starts in period ``start``."""
    return sum(c * discount_factor((start + k) / per_year, rate) for k, c in enumerate(costs))
