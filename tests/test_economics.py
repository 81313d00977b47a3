"""Discounting, benefit streams and cost profiles, with values worked out by hand."""

from __future__ import annotations

import pytest

from planning.domain.economics import (
    benefit_by_year,
    benefit_present_value,
    cost_present_value,
    cost_profile,
    discount_factor,
    ramp_share,
)


def test_discount_factor() -> None:
    assert discount_factor(0, 0.04) == 1.0
    assert discount_factor(1, 0.04) == pytest.approx(1 / 1.04)
    assert discount_factor(2, 0.1) == pytest.approx(1 / 1.21)
    assert discount_factor(0.5, 0.21) == pytest.approx(1 / 1.1)
    assert discount_factor(5, 0.0) == 1.0


def test_ramp_up_then_full_effect() -> None:
    assert [ramp_share([0.3, 0.7], y) for y in range(4)] == [0.3, 0.7, 1.0, 1.0]
    assert ramp_share([], 0) == 1.0


def test_benefit_by_year() -> None:
    assert benefit_by_year(10, [0.3, 0.7], 4) == pytest.approx([3, 7, 10, 10])
    assert benefit_by_year(10, [0.3, 0.7, 0.9], 2) == pytest.approx([3, 7])  # lifetime ends the ramp-up
    assert benefit_by_year(10, [], 0) == []


def test_benefit_present_value_with_lag_and_ramp_up() -> None:
    # Live after 2 years, lag 1: the benefit starts at year 3 and yields 5 then 10,
    # each discounted from the end of its year (4 and 5): 5/1.1^4 + 10/1.1^5.
    value = benefit_present_value(annual_value=10, ramp_up=[0.5], lag=1, lifetime=2, go_live_years=2, rate=0.1)
    assert value == pytest.approx(5 / 1.4641 + 10 / 1.61051)
    assert value == pytest.approx(9.624284)


def test_benefit_present_value_without_discounting_is_the_sum() -> None:
    value = benefit_present_value(annual_value=4, ramp_up=[0.25, 0.5], lag=3, lifetime=5, go_live_years=1.5, rate=0)
    assert value == pytest.approx(1 + 2 + 4 + 4 + 4)


def test_cost_profile_spread() -> None:
    assert cost_profile(3, 12, []) == [4.0, 4.0, 4.0]
    assert cost_profile(2, None, []) == [0.0, 0.0]
    assert cost_profile(2, 99, [1, 2]) == [1.0, 2.0]  # a given profile wins


def test_cost_present_value() -> None:
    # Half-years from period 1: costs at 0.5 and 1 year; 1.21 ** 0.5 == 1.1.
    assert cost_present_value([10, 10], start=1, per_year=2, rate=0.21) == pytest.approx(10 / 1.1 + 10 / 1.21)
    assert cost_present_value([6, 6], start=0, per_year=1, rate=0.2) == pytest.approx(6 + 5)
    assert cost_present_value([], start=3, per_year=1, rate=0.04) == 0
