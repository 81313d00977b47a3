"""Nested ambition ladders: hand-worked cases, the fallback, and nesting on random portfolios."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planning.domain.portfolio import Portfolio
from planning.optimise.checker import check_plan
from planning.plans.ladder import (
    Level,
    ambition_ladder,
    ladder_additions,
    ladder_by_pool,
    ladder_summary,
    nesting_violations,
    parse_levels,
    solve_ladder,
)
from tests.factories import benefit, initiative, tiny_portfolio

FAST: dict[str, Any] = {"time_limit": 10}
LEVELS = [
    {"id": "Lav", "rank": 1, "factor": 0.5},
    {"id": "Basis", "rank": 2, "factor": 1.0},
    {"id": "Høy", "rank": 3, "factor": 1.5},
]


def three_choices() -> Portfolio:
    """One 100 MNOK period, no discounting. NPV: X 30 (cost 50), Y 40 (cost 60), Z 25 (cost 40).

    At half the money X is best; with all of it Y + Z (65) beats X + Z (55).
    """
    return tiny_portfolio(
        [initiative("X", cost=50), initiative("Y", cost=60), initiative("Z", cost=40)],
        periods=1,
        benefits=[benefit("bX", "X", 80), benefit("bY", "Y", 100), benefit("bZ", "Z", 65)],
        scenario=[{"id": "S", "discount_rate": 0}],
        ambition_level=LEVELS,
    )


def test_nesting_keeps_the_lower_plan_and_prices_it() -> None:
    ladder = solve_ladder(three_choices(), "S", [0.5, 1.0], **FAST)
    low, high = ladder.steps
    assert low.plan.starts == {"X": 0} and high.plan.starts == {"X": 0, "Z": 0}
    assert high.nested and not high.fallback and high.independent is not None
    assert high.independent.starts == {"Y": 0, "Z": 0}
    summary = ladder_summary(ladder).set_index("level")
    assert summary.loc["50 %", "npv"] == pytest.approx(30)
    assert summary.loc["100 %", "price_of_nesting"] == pytest.approx(10)
    assert ladder.price_of_nesting == pytest.approx(10)
    assert summary["added"].tolist() == [1, 1] and summary["envelope"].tolist() == [50, 100]
    assert nesting_violations(ladder) == []
    additions = ladder_additions(ladder)
    assert additions[["level", "initiative", "pool", "cost", "npv"]].values.tolist() == [
        ["50 %", "X", "A", 50.0, pytest.approx(30)],
        ["100 %", "Z", "A", 40.0, pytest.approx(25)],
    ]
    assert ladder_by_pool(ladder)["initiatives"].tolist() == [1, 1]


def test_ambition_levels_climb_by_rank() -> None:
    ladder = solve_ladder(three_choices(), "S", ["Basis", "Lav"], **FAST)
    assert [s.level.name for s in ladder.steps] == ["Lav", "Basis"]
    assert ladder.steps[0].scenario.ambition == {"A": "Lav"}
    assert [s.plan.starts for s in ladder.steps] == [{"X": 0}, {"X": 0, "Z": 0}]


def test_infeasible_nesting_falls_back_and_says_so() -> None:
    # Money falls from the first step to the second: Y + Z cannot be held with 50 MNOK.
    ladder = solve_ladder(three_choices(), "S", [Level("full", factor=1.0), Level("half", factor=0.5)], **FAST)
    half = ladder.steps[1]
    assert half.fallback and not half.nested and "solved without nesting" in half.note
    assert half.plan.starts == {"X": 0}
    assert ladder_summary(ladder)["fallback"].tolist() == [False, True]


def test_nesting_violations_name_what_a_step_drops_or_delays() -> None:
    ladder = solve_ladder(three_choices(), "S", [0.5, 1.0], independent=False, **FAST)
    ladder.steps[1].plan.initiatives.loc["X", "selected_opt"] = False
    assert nesting_violations(ladder) == ["100 %: drops X, which 50 % holds"]


def test_levels_are_read_as_names_or_factors() -> None:
    portfolio = three_choices()
    assert [lv.factor for lv in parse_levels(portfolio, ["120%", "0,8", 1])] == [0.8, 1.0, 1.2]
    assert [lv.name for lv in parse_levels(portfolio, None)] == ["Lav", "Basis", "Høy"]
    with pytest.raises(ValueError, match="not both"):
        parse_levels(portfolio, ["Lav", "0.8"])
    with pytest.raises(KeyError, match="Middels"):
        ambition_ladder(portfolio, ["Middels"])


@st.composite
def random_portfolios(draw: st.DrawFn) -> Portfolio:
    """2-5 initiatives over two pools and 3 yearly periods, with a few dependencies."""
    n = draw(st.integers(2, 5))
    rows, benefits = [], []
    for k in range(n):
        shared = draw(st.booleans())
        rows.append(
            initiative(
                f"I{k}",
                cost=draw(st.sampled_from([10.0, 20.0, 30.0, 45.0])),
                duration=draw(st.integers(1, 2)),
                lead_region=draw(st.sampled_from(["A", "B"])),
                participating_regions=["A", "B"] if shared else [],
                cost_sharing="equal" if shared else "lead",
            )
        )
        benefits.append(benefit(f"b{k}", f"I{k}", draw(st.sampled_from([5.0, 15.0, 30.0])), lifetime=5))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=2, unique=True)) if pairs else []
    deps = [{"predecessor_id": f"I{a}", "successor_id": f"I{b}"} for a, b in chosen]
    budget = {"A": draw(st.sampled_from([15.0, 30.0])), "B": draw(st.sampled_from([15.0, 30.0]))}
    return tiny_portfolio(rows, periods=3, budget=budget, pools=("A", "B"), benefits=benefits, dependencies=deps)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_portfolios())
def test_nesting_holds_on_random_portfolios(portfolio: Portfolio) -> None:
    ladder = solve_ladder(portfolio, None, [0.5, 1.0, 1.6], **FAST)
    assert nesting_violations(ladder) == []
    previous = None
    for step in ladder.steps:
        assert step.has_plan and not step.fallback  # money only rises: the plan below always fits
        assert check_plan(portfolio, step.scenario, step.plan.starts) == []
        assert step.independent is not None and step.independent.npv is not None and step.plan.npv is not None
        assert step.independent.npv >= step.plan.npv - 1e-3 * max(1.0, abs(step.plan.npv))
        if previous is not None:
            assert set(previous) <= set(step.plan.starts)
            assert all(step.plan.starts[i] <= t for i, t in previous.items())
        previous = step.plan.starts
