"""The synthetic portfolio generator: valid, the requested size, the same for the same seed."""

from __future__ import annotations

import pytest

from bench.generator import REGIONS, Spec, generate, generate_raw, scenario
from planning.domain.validation import validate
from planning.optimise import plan_inputs
from planning.optimise.checker import check_starts
from planning.optimise.greedy import greedy_plan


@pytest.mark.parametrize(
    "spec", [Spec(50, 8, 1, 1), Spec(50, 12, 3, 2, seed=7), Spec(200, 16, 5, 5), Spec(200, 24, 8, 8, seed=3)]
)
def test_valid_and_sized_as_asked(spec: Spec) -> None:
    portfolio = generate(spec)
    assert [p for p in validate(portfolio) if p.severity == "error"] == []
    assert len(portfolio.initiatives) == spec.initiatives
    assert portfolio.timeline.periods == spec.periods
    assert len(portfolio.funding_pools) == spec.funding_pools
    assert len(portfolio.capacity_pools) == spec.capacity_pools
    inputs = plan_inputs(portfolio, scenario())
    assert check_starts(inputs, greedy_plan(inputs)) == []


def test_realistic_structure() -> None:
    portfolio = generate(Spec(200, 16, 5, 5))
    table = portfolio.initiatives
    assert (table["status"] == "started").any()
    assert table["mandatory"].astype(bool).any()
    assert len(portfolio.alternative_groups) > 0
    kinds = set(portfolio.dependencies["kind"])
    assert kinds == {"finish_to_start", "start_to_start"}
    cores = [i for i in table.index if str(i).endswith("-CORE")]
    rollouts = portfolio.dependencies[portfolio.dependencies["predecessor_id"].isin(cores)]
    assert set(rollouts["successor_id"].str.rsplit("-", n=1).str[1]) == set(REGIONS[:4])
    fan_out = portfolio.dependencies.groupby("predecessor_id").size()
    assert fan_out.max() >= 3


def test_envelopes_bind() -> None:
    portfolio = generate(Spec(200, 16, 5, 5))
    inputs = plan_inputs(portfolio, scenario())
    demand = sum(sum(costs) for costs in inputs.costs.values())
    assert inputs.envelopes.to_numpy().sum() < 0.8 * demand


def test_same_seed_same_portfolio_other_seed_other() -> None:
    assert generate_raw(Spec(200, 16, 5, 5, seed=4)) == generate_raw(Spec(200, 16, 5, 5, seed=4))
    assert generate_raw(Spec(200, 16, 5, 5, seed=4)) != generate_raw(Spec(200, 16, 5, 5, seed=5))


def test_largest_size_has_a_thousand_initiatives_over_forty_periods() -> None:
    raw = generate_raw(Spec(1000, 40, 8, 8))
    assert len(raw["initiative"]) == 1000
    assert raw["horizon"][0]["periods"] == 40
    assert len(raw["funding_pool"]) == 8
    assert len(raw["capacity_pool"]) == 8


def test_pool_counts_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="funding_pools"):
        generate_raw(Spec(50, 8, 9, 1))
