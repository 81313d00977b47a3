"""Simulating a plan end to end: zero spread gives the plan back exactly; options are checked; results add up."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from planning.domain.estimates import ESTIMATE_COLUMNS, likely_cost
from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.optimise import Plan, optimise
from planning.optimise.inputs import plan_inputs, spend_matrix
from planning.uncertainty import BLOCK, MAX_SAMPLES, SimulationOptions, sample_futures, simulate_plan
from planning.uncertainty.plan_model import plan_model
from planning.uncertainty.sampling import portfolio_estimates
from planning.uncertainty.simulation import simulate_block
from tests.factories import benefit, initiative, tiny_portfolio
from tests.uncertainty.stats import quantile_interval, share_bound


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    result = load_path("data/sample")
    assert result.portfolio is not None
    return result.portfolio


@pytest.fixture(scope="module")
def basis(sample: Portfolio) -> Plan:
    """The sample's Basis plan, solved once for the module."""
    return optimise(sample, "Basis", explain=False)


def zero_spread(portfolio: Portfolio) -> Portfolio:
    """Every open initiative estimated at exactly its plan figures, never stopped."""
    out = portfolio.copy()
    frame = out.initiatives
    for iid, row in frame.iterrows():
        if row["status"] == "completed":
            continue
        cost = likely_cost(row)
        values = [cost, cost, int(row["duration"]), int(row["duration"]), 1.0, 1.0, 1.0, 0.0]
        for name, value in zip(ESTIMATE_COLUMNS, values, strict=True):
            frame.at[iid, name] = value
    return out


@pytest.fixture(scope="module", params=["Basis", "Poeng-og-nytte"])
def exact(sample: Portfolio, request: pytest.FixtureRequest) -> tuple[Portfolio, Plan]:
    """The sample with zero spread and its optimised plan (Poeng-og-nytte carries 30 % of unspent money over)."""
    portfolio = zero_spread(sample)
    plan = optimise(portfolio, request.param, explain=False)
    assert plan.has_plan
    return portfolio, plan


def test_with_zero_spread_every_future_lives_the_plan_exactly(exact: tuple[Portfolio, Plan]) -> None:
    portfolio, plan = exact
    inputs = plan_inputs(portfolio, plan.scenario)
    model = plan_model(portfolio, inputs, plan.starts)
    futures = sample_futures(portfolio_estimates(portfolio, model.ids), 25, seed=4)
    outcome = simulate_block(model, futures, "defer")
    planned = np.array([plan.starts[i] for i in model.ids])
    assert (outcome.start == planned).all() and not outcome.stopped.any()
    assert (outcome.finish == model.finish).all()
    assert np.abs(outcome.spend - spend_matrix(inputs, plan.starts).to_numpy()).max() < 1e-9
    assert (outcome.spend <= outcome.available + 1e-6).all()
    assert np.abs(outcome.npv - plan.npv).max() < 1e-9 * abs(plan.npv)


def test_with_zero_spread_every_table_shows_the_plan(exact: tuple[Portfolio, Plan]) -> None:
    portfolio, plan = exact
    result = simulate_plan(portfolio, plan, options=SimulationOptions(samples=30, seed=9))
    money = result.pool_periods.merge(plan.spend, on=["pool", "period"], suffixes=("", "_plan"))
    assert len(money) == len(plan.spend) == 48
    for column in ("planned", "mean", "p10", "p50", "p85", "p90"):
        assert (money[column] - money["amount"]).abs().max() < 1e-9
    assert (money["p_within"] == 1.0).all() and result.summary["p_all_within"] == 1.0
    assert (result.initiatives["p_on_time"] == 1.0).all() and (result.initiatives["expected_slip"] == 0).all()
    assert (result.steps["p_on_time"] == 1.0).all()
    in_horizon = plan.benefits[plan.benefits["year"] <= portfolio.timeline.years[-1]]["benefit"].sum()
    value = result.value.set_index("measure")
    assert value.loc["npv", ["p10", "p50", "p90"]].tolist() == pytest.approx([plan.npv] * 3, rel=1e-12)
    assert value.loc["benefit", ["planned", "p10", "p90"]].tolist() == pytest.approx([in_horizon] * 3, rel=1e-12)
    assert result.drivers.empty  # nothing overruns, so nothing drives an overrun


def budget_pair() -> Portfolio:
    """X due in 2026 with cost triangular(8, 10, 30) against an envelope of 20: P(cost <= 20) = 1 - 10^2 / (22 * 20)."""
    return tiny_portfolio(
        [initiative("X", 10, 1, cost_low=8, cost_high=30, stop_probability=0)],
        budget=20,
        benefits=[benefit("BX", "X", 30, lifetime=3)],
    )


def test_the_chance_of_holding_an_envelope_matches_the_cost_distribution() -> None:
    portfolio = budget_pair()
    plan = optimise(portfolio, explain=False)
    samples = 20_000
    result = simulate_plan(portfolio, plan, options=SimulationOptions(samples=samples, seed=5, policy="report"))
    held = result.pool_periods.set_index(["pool", "period"]).at[("A", 0), "p_within"]
    expected = 1 - 10**2 / (22 * 20)
    assert abs(held - expected) < share_bound(expected, samples)


def test_each_initiatives_outcomes_add_up_and_the_report_policy_never_defers(sample: Portfolio, basis: Plan) -> None:
    plan = basis
    report = simulate_plan(sample, plan, options=SimulationOptions(samples=400, seed=2, policy="report"))
    defer = simulate_plan(sample, plan, options=SimulationOptions(samples=400, seed=2, policy="defer"))
    columns = ["p_on_time", "p_one_late", "p_later", "p_after_horizon", "p_deferred", "p_stopped"]
    for result in (report, defer):
        assert result.initiatives[columns].sum(axis=1).to_numpy() == pytest.approx(1.0)
        assert (result.initiatives["p_blocked"] <= result.initiatives["p_deferred"] + 1e-12).all()
    deps = sample.dependencies
    waiting = set(deps[deps["predecessor_id"].isin(plan.starts)]["successor_id"])
    free = [i for i in report.initiatives.index if i not in waiting]  # waits for nothing: only money could defer it
    assert len(free) > 5 and (report.initiatives.loc[free, "p_deferred"] == 0).all()
    assert (defer.initiatives.loc[free, "p_deferred"] > 0).any()
    assert report.summary["p_all_within"] < defer.summary["p_all_within"]
    assert defer.summary["mean_deferred"] > report.summary["mean_deferred"]
    assert not report.drivers.empty and report.drivers["swing"].is_monotonic_decreasing


def test_correlation_raises_the_p85_of_the_plans_spend(sample: Portfolio, basis: Plan) -> None:
    """The sample's Basis plan, every future lived (policy report): its spend in the horizon at P85
    is higher when overruns share a factor per lead region. The intervals are distribution-free
    bounds on each P85 from the order statistics of the samples; the summary's P85 lies in its own."""
    inputs = plan_inputs(sample, "Basis")
    model = plan_model(sample, inputs, basis.starts)
    estimates = portfolio_estimates(sample, inputs.ids)
    totals, bounds = {}, {}
    for rho in (0.0, 0.6):
        futures = sample_futures(estimates, 4000, seed=8, correlation=rho).columns(model.ids)
        totals[rho] = simulate_block(model, futures, "report").spend.sum(axis=(1, 2))
        bounds[rho] = quantile_interval(totals[rho], 0.85)
    assert bounds[0.6][0] > bounds[0.0][1]
    summary = simulate_plan(sample, basis, options=SimulationOptions(4000, 8, "report", correlation=0.6)).summary
    assert bounds[0.6][0] <= summary["spend_p85"] <= bounds[0.6][1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"samples": 0}, "samples: 0 is outside the allowed 1 to 50000"),
        ({"samples": -5}, "samples: -5 is outside"),
        ({"samples": MAX_SAMPLES + 1}, f"samples: {MAX_SAMPLES + 1} is outside"),
        ({"seed": -1}, "seed: -1 is outside"),
        ({"correlation": 1.5}, "correlation: 1.5 is outside the allowed 0.0 to 0.99"),
        ({"correlation": math.nan}, "correlation: nan is outside"),
        ({"distribution": "lognormal"}, "distribution: unknown name 'lognormal'; use one of triangular, pert"),
        ({"policy": "ignore"}, "policy: unknown name 'ignore'; use one of defer, report"),
        ({"correlate_by": "supplier"}, "correlate_by: unknown name 'supplier'; use one of lead_region, area"),
    ],
)
def test_an_option_that_is_not_allowed_is_refused_by_name(options: dict[str, Any], message: str) -> None:
    plan = optimise(budget_pair(), explain=False)
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        simulate_plan(budget_pair(), plan, options=SimulationOptions(**options))


def test_progress_is_reported_block_by_block_up_to_done() -> None:
    portfolio = budget_pair()
    plan = optimise(portfolio, explain=False)
    seen: list[tuple[str, float]] = []
    samples = 2 * BLOCK + BLOCK // 2
    options = SimulationOptions(samples=samples)
    simulate_plan(portfolio, plan, options=options, progress=lambda s, f: seen.append((s, f)))
    assert [f for _, f in seen] == [BLOCK / samples, 2 * BLOCK / samples, 1.0]
    assert seen[-1][0] == f"Simulating: {samples} of {samples} futures"


def test_the_json_holds_every_pool_periods_chance_of_holding(sample: Portfolio, basis: Plan) -> None:
    plan = basis
    data = simulate_plan(sample, plan, options=SimulationOptions(samples=200, seed=1)).to_json()
    years = pd.DataFrame(data["pool_periods"])
    assert len(years) == 48 and years["p_within"].between(0, 1).all()
    assert set(years["pool"]) == set(sample.funding_pools.index)
    assert {"p_on_time", "expected_slip"} <= set(data["initiatives"][0]) and data["steps"] and data["value"]


def test_a_plan_without_initiatives_simulates_to_nothing_spent_and_an_infeasible_one_is_refused() -> None:
    portfolio = tiny_portfolio([initiative("X", status="completed"), initiative("Y", 500)], budget=10)
    plan = optimise(portfolio, explain=False)
    assert plan.starts == {}
    result = simulate_plan(portfolio, plan, options=SimulationOptions(samples=20))
    assert result.initiatives.empty and (result.pool_periods["p_within"] == 1).all()
    assert result.summary["spend_p85"] == 0 and result.drivers.empty
    stuck = tiny_portfolio([initiative("Y", 500, mandatory=True)], budget=10)
    infeasible = optimise(stuck, explain=False)
    with pytest.raises(ValueError, match="there is no plan to simulate \\(status infeasible\\)"):
        simulate_plan(stuck, infeasible)
