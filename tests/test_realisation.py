"""Benefit realisation on hand-built cases: planned curves, status, trend, re-forecast, totals."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from planning.domain.portfolio import Portfolio
from planning.optimise import Plan, SolverFacts
from planning.optimise.inputs import plan_inputs
from planning.optimise.solve import assemble_plan
from planning.realisation.planned import benefit_schedule, planned_values
from planning.realisation.review import Thresholds, benefit_review, default_as_of, yearly_realisation
from planning.realisation.rollup import (
    coverage,
    enabler_credit,
    portfolio_with_reforecast,
    realisation_summary,
    yearly_totals,
)
from tests.factories import benefit, initiative, tiny_portfolio


def plan_with(portfolio: Portfolio, starts: dict[str, int]) -> Plan:
    """A plan with the given starts, as the optimiser would write it."""
    facts = SolverFacts("optimal", 0.0, 0.0, 0.0, 0.0, 0.0, 60.0, "highs", "test", "")
    return assemble_plan(portfolio, plan_inputs(portfolio), facts, starts)


def curve(portfolio: Portfolio, plan: Plan, bid: str) -> dict[int, float]:
    frame = planned_values(portfolio, plan)
    mine = frame[frame["benefit_id"] == bid]
    return {int(y): round(float(v), 6) for y, v in zip(mine["year"], mine["planned"], strict=True)}


def test_planned_curve_follows_the_plans_go_live_lag_and_ramp_up() -> None:
    p = tiny_portfolio(
        [initiative("X", duration=2)],
        periods=6,
        benefits=[benefit("B", "X", 10.0, lifetime=3, lag=1, ramp_up=[0.5])],
    )
    # X runs 2027-2028, goes live at the end of 2028; one year's lag: benefit from 2030.
    assert curve(p, plan_with(p, {"X": 1}), "B") == {2030: 5.0, 2031: 10.0, 2032: 10.0}
    # The plan moves a year: so does the curve.
    assert curve(p, plan_with(p, {"X": 2}), "B") == {2031: 5.0, 2032: 10.0, 2033: 10.0}


def test_planned_money_adds_up_to_the_plans_benefit_stream() -> None:
    p = tiny_portfolio(
        [initiative("X", duration=2), initiative("Y")],
        periods=4,
        benefits=[benefit("BX", "X", 8.0, lifetime=4, ramp_up=[0.25, 0.5]), benefit("BY", "Y", 3.0, lifetime=2)],
    )
    plan = plan_with(p, {"X": 0, "Y": 3})
    mine = planned_values(p, plan).groupby("year")["planned"].sum()
    theirs = plan.benefits.set_index("year")["benefit"]
    pd.testing.assert_series_equal(mine, theirs, check_names=False)


def test_half_year_periods_start_benefits_in_the_year_go_live_falls_in() -> None:
    p = tiny_portfolio(
        [initiative("X")],
        periods=6,
        benefits=[benefit("B", "X", 4.0, lifetime=2)],
        horizon=[{"id": "default", "first_year": 2026, "periods": 6, "period_length": "half-year"}],
    )
    # Runs in 2027H1 (period 2), live mid-2027: 2026 + 3/2 -> 2027.
    assert curve(p, plan_with(p, {"X": 2}), "B") == {2027: 4.0, 2028: 4.0}


def test_initiatives_outside_the_plan_have_no_curve() -> None:
    p = tiny_portfolio([initiative("X")], benefits=[benefit("B", "X", 4.0)])
    plan = plan_with(p, {})
    assert benefit_schedule(p, plan).at["B", "source"] == "not_in_plan"
    assert planned_values(p, plan).empty


@pytest.mark.parametrize(
    ("fields", "start", "source"),
    [
        ({"baseline_date": "2021-06-30", "target_date": "2026-12-31"}, 2022, "baseline_date"),
        ({"target_date": "2025-12-31", "ramp_up": [0.5, 0.8]}, 2023, "target_date"),
        ({}, 2026, "before_horizon"),
    ],
)
def test_completed_initiatives_derive_go_live_from_their_data(fields: dict, start: int, source: str) -> None:
    p = tiny_portfolio([initiative("DONE", status="completed")], benefits=[benefit("B", "DONE", 5.0, **fields)])
    row = benefit_schedule(p, plan_with(p, {})).loc["B"]
    assert (int(row["start_year"]), row["source"]) == (start, source)


def test_indicator_runs_in_a_straight_line_from_baseline_to_target() -> None:
    p = tiny_portfolio(
        [initiative("X", duration=2)],
        periods=6,
        benefits=[
            benefit(
                "Q",
                "X",
                0.0,
                lifetime=4,
                monetised=False,
                unit="%",
                baseline_value=40,
                target_value=100,
                target_date="2030-12-31",
            )
        ],
    )
    # Live at the end of 2027, so from 2028; the target is reached in 2030.
    assert curve(p, plan_with(p, {"X": 0}), "Q") == {2028: 60.0, 2029: 80.0, 2030: 100.0, 2031: 100.0}


def completed_case(*measured: tuple[int, float]) -> Portfolio:
    """A completed initiative whose 30 MNOK/yr benefit starts 2023: plan 10, 20, 30, 30, 30."""
    return tiny_portfolio(
        [initiative("DONE", status="completed")],
        benefits=[benefit("B", "DONE", 30.0, lifetime=5, ramp_up=[1 / 3, 2 / 3], baseline_date="2022-12-31")],
        measurement=[{"benefit_id": "B", "year": y, "value": v} for y, v in measured],
    )


def test_ratio_status_and_reforecast_by_hand() -> None:
    p = completed_case((2023, 8.0), (2024, 12.0))
    row = benefit_review(p, plan_with(p, {}), as_of=2024).loc["B"]
    assert row["planned_to_date"] == pytest.approx(30.0)
    assert row["realised_to_date"] == pytest.approx(20.0)
    assert row["variance"] == pytest.approx(-10.0)
    assert row["ratio"] == pytest.approx(2 / 3)
    assert row["status"] == "red"  # below 70 %
    assert row["trend"] == "down"  # 80 % then 60 %
    # Remaining 2025-2027: planned 3 x 30 = 90, re-forecast 90 x 2/3 = 60.
    assert row["remaining_planned"] == pytest.approx(90.0)
    assert row["remaining_reforecast"] == pytest.approx(60.0)
    assert row["reforecast_annual_value"] == pytest.approx(20.0)
    assert (
        benefit_review(p, plan_with(p, {}), as_of=2024, thresholds=Thresholds(yellow=0.6)).at["B", "status"] == "yellow"
    )


def test_reforecast_per_year_keeps_measured_values() -> None:
    p = completed_case((2023, 8.0), (2024, 12.0))
    yearly = yearly_realisation(p, plan_with(p, {}), as_of=2024).set_index("year")
    assert list(yearly["reforecast"].round(6)) == [8.0, 12.0, 20.0, 20.0, 20.0]


def test_missing_measurement_is_listed_not_counted_as_zero() -> None:
    p = completed_case((2023, 10.0))
    row = benefit_review(p, plan_with(p, {}), as_of=2025).loc["B"]
    assert row["ratio"] == pytest.approx(1.0)
    assert row["status"] == "green"
    assert row["missing_years"] == [2024, 2025]
    assert benefit_review(completed_case(), plan_with(p, {}), as_of=2025).at["B", "status"] == "missing"


def test_reforecast_ratio_is_capped_and_statuses_before_start() -> None:
    p = completed_case((2023, 40.0))
    row = benefit_review(p, plan_with(p, {}), as_of=2023).loc["B"]
    assert row["ratio"] == pytest.approx(4.0)
    assert row["reforecast_ratio"] == pytest.approx(1.5)
    assert benefit_review(completed_case(), plan_with(p, {}), as_of=2022).at["B", "status"] == "not_due"


def test_non_monetised_ratio_counts_change_from_baseline() -> None:
    p = tiny_portfolio(
        [initiative("DONE", status="completed")],
        benefits=[
            benefit(
                "Q",
                "DONE",
                0.0,
                lifetime=5,
                monetised=False,
                unit="%",
                baseline_value=40,
                baseline_date="2022-06-30",
                target_value=100,
                target_date="2025-12-31",
            )
        ],
        measurement=[{"benefit_id": "Q", "year": 2023, "value": 49}, {"benefit_id": "Q", "year": 2024, "value": 70}],
    )
    row = benefit_review(p, plan_with(p, {}), as_of=2024).loc["Q"]
    # Baseline 40 in 2022, target 100 in 2025: plan 60 (2023), 80 (2024), 100 (2025).
    # Gains planned 20 + 40 = 60; realised 9 + 30 = 39.
    assert row["ratio"] == pytest.approx(39 / 60)
    assert (row["planned_latest"], row["realised_latest"]) == (pytest.approx(80.0), pytest.approx(70.0))
    assert row["reforecast_target"] == pytest.approx(40 + 60 * 39 / 60)


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="yellow"):
        Thresholds(green=0.5, yellow=0.8)


def test_default_as_of_is_the_latest_measured_year() -> None:
    assert default_as_of(completed_case((2023, 1.0), (2024, 1.0))) == 2024
    assert default_as_of(completed_case()) == 2025


def two_regions() -> Portfolio:
    return tiny_portfolio(
        [initiative("DONE", status="completed", cost_sharing="custom", custom_shares={"A": 0.25, "B": 0.75}),
         initiative("NEXT", lead_region="B", cost_sharing="lead")],
        pools=("A", "B"),
        benefits=[benefit("B1", "DONE", 30.0, lifetime=5, ramp_up=[1 / 3, 2 / 3], baseline_date="2022-12-31"),
                  benefit("B2", "NEXT", 6.0, lifetime=2)],
        measurement=[{"benefit_id": "B1", "year": 2023, "value": 8}, {"benefit_id": "B1", "year": 2024, "value": 12}],
    )  # fmt: skip


def test_summary_by_lead_region_and_by_cost_shares() -> None:
    p = two_regions()
    review = benefit_review(p, plan_with(p, {"NEXT": 0}), as_of=2024)
    lead = realisation_summary(p, review, "region")
    assert lead.at["A", "planned_to_date"] == pytest.approx(30.0)
    assert lead.at["A", "status"] == "red"
    assert lead.at["B", "status"] == "not_due"
    shares = realisation_summary(p, review, "region", region_key="shares")
    assert shares.at["A", "realised_to_date"] == pytest.approx(5.0)
    assert shares.at["B", "realised_to_date"] == pytest.approx(15.0)
    with pytest.raises(ValueError, match="dimension"):
        realisation_summary(p, review, "colour")


def test_portfolio_with_reforecast_changes_only_measured_monetised_values() -> None:
    p = two_regions()
    review = benefit_review(p, plan_with(p, {"NEXT": 0}), as_of=2024)
    revised = portfolio_with_reforecast(p, review)
    assert float(revised.benefits.at["B1", "annual_value"]) == pytest.approx(20.0)
    assert float(revised.benefits.at["B2", "annual_value"]) == pytest.approx(6.0)
    assert float(p.benefits.at["B1", "annual_value"]) == pytest.approx(30.0)  # the original is untouched


def test_yearly_totals_compare_like_with_like() -> None:
    p = two_regions()
    plan = plan_with(p, {"NEXT": 0})
    totals = yearly_totals(yearly_realisation(p, plan, as_of=2024), benefit_review(p, plan, as_of=2024))
    row = totals.set_index("year").loc[2024]
    assert (row["planned"], row["planned_measured"], row["realised"]) == (20.0, 20.0, 12.0)
    assert pd.isna(totals.set_index("year").at[2026, "realised"])


def test_coverage_compares_only_the_benefits_measured_that_year() -> None:
    p = two_regions()
    p.measurements.loc["B1/2027"] = {"benefit_id": "B1", "year": 2027, "value": 33.0}
    plan = plan_with(p, {"NEXT": 0})
    yearly, review = yearly_realisation(p, plan, as_of=2027), benefit_review(p, plan, as_of=2027)
    found = coverage(yearly, review, 2027)  # B1 (30 planned) measured at 33; B2 (6 planned) due, not measured
    assert (found.due, found.measured) == (2, 1)
    assert (found.planned_measured, found.realised, found.planned_unmeasured) == (30.0, 33.0, 6.0)
    assert found.ratio == pytest.approx(1.1)  # not 33 / 36: the unmeasured B2 is not a miss
    assert found.difference == pytest.approx(3.0)
    totals = yearly_totals(yearly, review).set_index("year")
    assert (totals.at[2027, "due"], totals.at[2027, "measured"], totals.at[2027, "planned_measured"]) == (2, 1, 30.0)
    assert (totals.at[2026, "due"], totals.at[2026, "measured"]) == (1, 0)
    empty = coverage(yearly, review, 2030)
    assert (empty.due, empty.measured, empty.ratio) == (0, 0, None)


def test_enablers_get_credit_for_what_they_unlock() -> None:
    p = tiny_portfolio(
        [initiative("CORE"), initiative("ROLL")],
        benefits=[benefit("R", "ROLL", 12.0), benefit("C", "CORE", 1.0)],
        dependencies=[{"predecessor_id": "CORE", "successor_id": "ROLL"}],
    )
    credit = enabler_credit(p)
    assert list(credit.index) == ["CORE"]
    assert (credit.at["CORE", "own_annual_value"], credit.at["CORE", "unlocked_annual_value"]) == (1.0, 12.0)
    assert credit.at["CORE", "unlocked"] == ["ROLL"]


def test_dates_are_read_from_text_or_dates() -> None:
    p = completed_case()
    p.benefits.at["B", "baseline_date"] = dt.date(2020, 1, 1)
    assert int(benefit_schedule(p, plan_with(p, {})).at["B", "start_year"]) == 2021
