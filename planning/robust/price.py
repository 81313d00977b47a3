"""The price of predictability: what each step of certainty costs in NPV and initiatives.

:func:`price_of_predictability` is a plain loop over confidence levels, one independent
solve each (a sweep engine may dispatch the same calls); each row is JSON-safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.messages.message import decimal
from planning.messages.phrases import phrase
from planning.robust.holding import holding
from planning.robust.options import LEVELS, RobustOptions
from planning.robust.plan import checked_inputs, point_plan, robust_plan

Progress = Callable[[str, float], None]
COLUMNS = [
    "confidence", "method", "status", "gap", "time_limit", "seconds", "npv", "npv_cost", "initiatives",
    "delivered_mean", "achieved", "weakest", "verdict",
]  # fmt: skip


def point_row(portfolio: Portfolio, scenario: Scenario | str | None, options: RobustOptions) -> dict[str, Any]:
    """The point-estimate plan's row: confidence None, holding on the same fresh futures as the others."""
    inputs = checked_inputs(portfolio, scenario)
    limit = float(options.time_limit if options.time_limit is not None else inputs.scenario.time_limit)
    began = time.perf_counter()
    plan, starts = point_plan(portfolio, inputs, limit)
    seconds = time.perf_counter() - began
    check = holding(portfolio, inputs, starts, options.simulation(planning=False), options.scope)
    facts = plan.facts
    return {
        "confidence": None, "method": "point", "status": facts.status, "gap": facts.gap,
        "time_limit": facts.time_limit, "seconds": seconds, "npv": plan.npv, "npv_cost": 0.0,
        "initiatives": len(starts), "delivered_mean": check.delivered_mean, "achieved": check.achieved,
        "weakest": check.weakest, "verdict": "",
    }  # fmt: skip


def price_of_predictability(
    portfolio: Portfolio,
    scenario: Scenario | str | None = None,
    levels: Sequence[float] = LEVELS,
    options: RobustOptions | None = None,
    *,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """The point-estimate plan, then a plan at each of ``levels``: one row each (:data:`COLUMNS`).

    ``npv_cost`` is the point plan's NPV less the row's (MNOK). Each plan is checked on the
    same fresh futures, so the rows compare like with like.
    """
    chosen = (options or RobustOptions()).checked()
    report = progress or (lambda _stage, _fraction: None)
    report("The point-estimate plan", 0.0)
    rows = [point_row(portfolio, scenario, chosen)]
    point_npv = rows[0]["npv"]
    for n, level in enumerate(levels):
        report(phrase("confidence_level", percent=decimal(level * 100, ".0f")), (n + 1) / (len(levels) + 1))
        made = robust_plan(portfolio, scenario, chosen.at(level))
        facts = made.plan.facts
        rows.append(
            {
                "confidence": level, "method": chosen.method, "status": facts.status, "gap": facts.gap,
                "time_limit": facts.time_limit, "seconds": made.seconds, "npv": made.plan.npv,
                "npv_cost": None if made.plan.npv is None or point_npv is None else point_npv - made.plan.npv,
                "initiatives": len(made.plan.starts), "delivered_mean": made.check.delivered_mean,
                "achieved": made.achieved, "weakest": made.check.weakest, "verdict": made.verdict,
            }
        )  # fmt: skip
    report("Done", 1.0)
    return rows


def price_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a table in :data:`COLUMNS` order."""
    return pd.DataFrame(list(rows), columns=COLUMNS)
