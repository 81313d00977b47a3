"""Reasons at once: the same words as the full explanation, without its what-if re-solves."""

from __future__ import annotations

import pandas as pd

from planning.optimise import optimise
from planning.optimise.reasons import quick_reasons
from tests.factories import benefit, initiative, tiny_portfolio


def test_reasons_and_extra_budget_match_the_full_explanation() -> None:
    # budget 10 a year: A (10) fits in 2026, B (10) must wait until 2027, C (30) never fits
    portfolio = tiny_portfolio(
        [initiative("A", cost=10), initiative("B", cost=10), initiative("C", cost=30)],
        budget=10,
        benefits=[benefit("GA", "A", 30, lifetime=5), benefit("GB", "B", 25, lifetime=5), benefit("GC", "C", 40)],
    )
    fast = optimise(portfolio, time_limit=10, explain=False)
    full = optimise(portfolio, time_limit=10, explain=True)
    frame = quick_reasons(portfolio, fast, None)
    assert frame.loc[["B", "C"], "reason"].tolist() == full.initiatives.loc[["B", "C"], "reason"].tolist()
    assert "budget of A in 2026 is full" in frame.at["B", "reason"]
    assert frame.at["A", "reason"] == ""
    assert frame["extra_budget"].tolist() == full.initiatives["extra_budget"].tolist()
    assert frame["earliest_possible"].tolist() == [0, 0, 0]
    assert frame["npv_if_forced"].isna().all()  # only the full explanation re-solves for these


def test_a_plan_without_a_schedule_is_returned_unchanged() -> None:
    portfolio = tiny_portfolio([initiative("A", cost=50, mandatory=True)], budget=10)
    plan = optimise(portfolio, time_limit=10, explain=False)
    assert plan.facts.status == "infeasible"
    pd.testing.assert_frame_equal(quick_reasons(portfolio, plan, None), plan.initiatives)
