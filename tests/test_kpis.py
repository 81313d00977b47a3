"""Key figures and alerts: worked out by hand on tiny portfolios."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from planning.optimise import optimise
from planning.plans.kpis import (
    benefits_behind,
    budget_overruns,
    plan_kpis,
    plan_spend,
    planned_value,
    portfolio_kpis,
)
from tests.factories import benefit, initiative, tiny_portfolio


def two_initiatives() -> object:
    """A (10 MNOK, 1 year) pays 30/yr; B (20 MNOK over 2 years) pays 5/yr; C is completed."""
    return tiny_portfolio(
        [
            initiative("A", cost=10),
            initiative("B", cost=20, duration=2),
            initiative("C", cost=99, status="completed"),
        ],
        budget=15,
        benefits=[benefit("A-GEV", "A", 30, lifetime=5), benefit("B-GEV", "B", 5, lifetime=5)],
        dependencies=[{"predecessor_id": "A", "successor_id": "B"}],
    )


def test_portfolio_kpis_count_open_investment_and_benefit() -> None:
    kpis = portfolio_kpis(two_initiatives())  # type: ignore[arg-type]
    assert kpis.initiatives == 3
    assert kpis.by_status == {"proposed": 2, "completed": 1}
    assert kpis.open_investment == pytest.approx(30.0)  # C is done
    assert kpis.annual_benefit == pytest.approx(35.0)
    assert kpis.dependencies == 1
    assert (kpis.first_year, kpis.last_year) == (2026, 2028)


def test_plan_kpis_read_the_plan() -> None:
    portfolio = two_initiatives()
    plan = optimise(portfolio, time_limit=10, explain=False)  # type: ignore[arg-type]
    kpis = plan_kpis(plan)
    assert kpis.status == "optimal"
    assert kpis.selected == 2 and kpis.left_out == 0  # the completed one is not a decision
    assert kpis.investment == pytest.approx(30.0)
    assert kpis.envelope == pytest.approx(45.0)
    assert kpis.utilisation == pytest.approx(30 / 45)
    assert kpis.finish_year == 2028  # A in 2026, B 2027-2028


def test_budget_overruns_sum_per_year_and_sort_by_excess() -> None:
    spend = pd.DataFrame(
        {
            "pool": ["A", "A", "B", "B"],
            "year": [2026, 2027, 2026, 2026],
            "amount": [10.0, 12.0, 3.0, 5.0],
            "envelope": [10.0, 11.0, 3.0, 3.0],
        }
    )
    over = budget_overruns(spend)
    assert over[["pool", "year"]].to_records(index=False).tolist() == [("B", 2026), ("A", 2027)]
    assert over["excess"].tolist() == pytest.approx([2.0, 1.0])
    assert budget_overruns(spend.iloc[:1]).empty


def test_plan_spend_measures_a_plan_against_todays_envelopes() -> None:
    portfolio = two_initiatives()
    plan = optimise(portfolio, time_limit=10, explain=False)  # type: ignore[arg-type]
    assert budget_overruns(plan.spend).empty
    cut = portfolio.copy()  # type: ignore[attr-defined]
    cut.envelopes["amount"] = 8.0
    over = budget_overruns(plan_spend(cut, plan))
    assert set(over["year"]) == {2026, 2027, 2028}
    assert over["excess"].sum() == pytest.approx(30.0 - 24.0)


def test_planned_value_follows_the_straight_line() -> None:
    start, end = dt.date(2020, 1, 1), dt.date(2022, 1, 1)
    assert planned_value(0, start, 100, end, dt.date(2019, 6, 1)) == 0
    assert planned_value(0, start, 100, end, dt.date(2021, 1, 1)) == pytest.approx(100 * 366 / 731)
    assert planned_value(0, start, 100, end, dt.date(2030, 1, 1)) == 100


def test_benefits_behind_judges_the_latest_measurement_in_the_targets_direction() -> None:
    def judged(target: float, realised: float) -> pd.DataFrame:
        portfolio = tiny_portfolio(
            [initiative("A")],
            benefits=[
                benefit(
                    "G",
                    "A",
                    10,
                    baseline_value=50,
                    baseline_date="2020-12-31",
                    target_value=target,
                    target_date="2024-12-31",
                    unit="%",
                )
            ],
            measurement=[
                {"benefit_id": "G", "year": 2021, "value": 0},
                {"benefit_id": "G", "year": 2022, "value": realised},
            ],
        )
        return benefits_behind(portfolio)

    # halfway to 90 at the end of 2022 is 70: 66 is 10 % of the way short (not behind), 60 is 25 %
    assert judged(90, 66.5).empty
    behind = judged(90, 60)
    assert behind["benefit_id"].tolist() == ["G"]
    assert behind.loc[0, "planned"] == pytest.approx(70, abs=0.05)
    assert behind.loc[0, "shortfall"] == pytest.approx(0.25, abs=0.01)
    # a falling target (waiting time down from 50 to 10): 35 at the end of 2022 is on track, 40 behind
    assert judged(10, 30).empty
    assert len(judged(10, 40)) == 1
