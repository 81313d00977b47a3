"""More time never gives a worse plan, and HiGHS is left to close a gap that is closing (issue 32, target 8)."""

from __future__ import annotations

import pytest

from bench.generator import Spec, generate, scenario
from bench.precedence import PrecedenceSpec, generate_precedence
from planning.optimise import optimise, plan_inputs
from planning.optimise.checker import check_plan
from planning.optimise.model import choose_formulation, large_model, precedence_heavy
from planning.optimise.stall import LEAST_SECONDS, NEAR, Stall
from planning.optimise.watch import Incumbent


@pytest.mark.parametrize("spec", [Spec(200, 16, 5, 5, 2), Spec(200, 24, 8, 4, 3)], ids=lambda s: s.name)
def test_a_longer_time_limit_never_returns_a_worse_plan(spec: Spec) -> None:
    portfolio = generate(spec)
    short, long = (optimise(portfolio, scenario(s), time_limit=s, explain=False) for s in (3.0, 9.0))
    for plan in (short, long):
        assert plan.has_plan and check_plan(portfolio, scenario(), plan.starts) == []
    assert short.npv is not None and long.npv is not None
    assert long.npv >= short.npv - 1e-6 * abs(short.npv)


def test_a_precedence_heavy_portfolio_is_built_in_the_cumulative_form() -> None:
    inputs = plan_inputs(generate_precedence(PrecedenceSpec(initiatives=300, periods=4)), scenario())
    assert large_model(inputs) and precedence_heavy(inputs)
    assert choose_formulation(inputs) == "cumulative"
    plain = plan_inputs(generate(Spec(200, 16, 5, 5)), scenario())
    assert large_model(plain) and not precedence_heavy(plain)
    assert choose_formulation(plain) == "start_time_tight"


def test_highs_stalls_only_without_a_better_plan_a_closing_gap_or_a_near_bound() -> None:
    later = LEAST_SECONDS * 3
    stuck = Stall()
    assert not stuck(1.0, Incumbent(100.0, 150.0))  # too soon
    assert stuck(later, Incumbent(100.0, 149.0))  # the same plan, the gap from 50 % to 49 %
    better = Stall()
    better(1.0, Incumbent(100.0, 150.0))
    assert not better(later, Incumbent(101.0, 150.0))  # a better plan in the window
    closing = Stall()
    closing(1.0, Incumbent(100.0, 150.0))
    assert not closing(later, Incumbent(100.0, 130.0))  # the gap shrank by more than a quarter
    near = Stall()
    near(1.0, Incumbent(100.0, 100.0 * (1 + NEAR / 2)))
    assert not near(later, Incumbent(100.0, 100.0 * (1 + NEAR / 2)))  # within NEAR: HiGHS may prove it
    makespan = Stall(maximise=False)
    makespan(1.0, Incumbent(100.0, 50.0))
    assert not makespan(later, Incumbent(90.0, 50.0))  # a shorter schedule is the better plan
    assert makespan(later * 2, Incumbent(90.0, 50.0))
