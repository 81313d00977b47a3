"""Period labels and numbers for yearly, half-yearly and quarterly horizons."""

from __future__ import annotations

import pytest

from planning.domain.timeline import Timeline


def test_yearly_horizon() -> None:
    tl = Timeline(2026, 3)
    assert tl.labels == ["2026", "2027", "2028"]
    assert tl.years == [2026, 2027, 2028]
    assert (tl.index("2027"), tl.index(2027), tl.index("2027", end=True)) == (1, 1, 1)
    assert tl.start_in_years(2) == 2.0


def test_half_year_horizon() -> None:
    tl = Timeline(2026, 4, "half-year")
    assert tl.labels == ["2026H1", "2026H2", "2027H1", "2027H2"]
    assert tl.years == [2026, 2027]
    assert tl.index("2027H2") == 3
    assert tl.index(" 2027 h1 ") == 2
    assert tl.year_of(3) == 2027
    assert tl.start_in_years(3) == 1.5


def test_quarter_horizon() -> None:
    tl = Timeline(2026, 8, "quarter")
    assert tl.labels[:5] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"]
    assert tl.index("2026Q3") == 2
    assert tl.index("2027q4") == 7
    assert tl.start_in_years(5) == 1.25


@pytest.mark.parametrize(("length", "start", "end"), [("year", 1, 1), ("half-year", 2, 3), ("quarter", 4, 7)])
def test_a_bare_year_means_its_first_period_or_with_end_its_last(length: str, start: int, end: int) -> None:
    tl = Timeline(2026, 8, length)
    assert tl.index("2027") == start
    assert tl.index("2027", end=True) == end


def test_periods_outside_the_horizon_are_numbered_but_not_contained() -> None:
    tl = Timeline(2026, 4, "half-year")
    assert tl.index("2025H2") == -1
    assert tl.index("2028H1") == 4
    assert [tl.contains(p) for p in (-1, 0, 3, 4)] == [False, True, True, False]


@pytest.mark.parametrize(
    ("length", "label", "message"),
    [
        ("year", "next year", "'next year' is not a period; write a year such as 2026"),
        ("year", "27", "'27' is not a period; write a year such as 2026"),
        ("half-year", "2027-06", "'2027-06' is not a period; write a year such as 2026 or 2026H1"),
        ("year", "2027H1", "'2027H1' does not fit year periods; write for example 2026"),
        ("half-year", "2027H3", "'2027H3' does not fit half-year periods; write for example 2026H1"),
        ("half-year", "2027Q2", "'2027Q2' does not fit half-year periods; write for example 2026H1"),
        ("quarter", "2027Q5", "'2027Q5' does not fit quarter periods; write for example 2026Q1"),
        ("quarter", "2027Q0", "'2027Q0' does not fit quarter periods; write for example 2026Q1"),
    ],
)
def test_unreadable_labels(length: str, label: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        Timeline(2026, 8, length).index(label)
    assert str(raised.value) == message
