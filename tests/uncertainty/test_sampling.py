"""Sampled futures: reproducible, exact marginals, stops and durations as estimated, correlation that matters."""

from __future__ import annotations

import numpy as np
import pytest

from planning.domain.portfolio import Portfolio
from planning.uncertainty.distributions import triangular_mean
from planning.uncertainty.sampling import BLOCK, Estimates, portfolio_estimates, sample_futures
from tests.factories import initiative, tiny_portfolio
from tests.uncertainty.stats import mean_bound, quantile_interval, share_bound

N = 20_000


Triple = tuple[float, float, float]


def estimates(
    count: int,
    *,
    cost: Triple = (9.0, 10.0, 30.0),
    stop: float = 0.0,
    duration: Triple = (2.0, 2.0, 4.0),
    groups: list[int] | None = None,
) -> Estimates:
    """``count`` initiatives with the same estimates, all in group 0 unless told."""
    group = np.array(groups if groups is not None else [0] * count)
    return Estimates(
        ids=[f"I{n}" for n in range(count)],
        cost=np.tile(cost, (count, 1)),
        duration=np.tile(duration, (count, 1)),
        benefit=np.tile((0.5, 0.9, 1.1), (count, 1)),
        stop=np.full(count, stop),
        group=group,
        groups=[str(g) for g in sorted(set(group.tolist()))],
    )


def test_the_same_seed_gives_the_same_futures_and_another_seed_others() -> None:
    first, again = sample_futures(estimates(3), 50, seed=7), sample_futures(estimates(3), 50, seed=7)
    other = sample_futures(estimates(3), 50, seed=8)
    assert (first.cost == again.cost).all() and (first.stop_after == again.stop_after).all()
    assert not (first.cost == other.cost).all()


def test_futures_come_in_blocks_so_a_longer_run_starts_with_the_shorter_ones_blocks() -> None:
    short = sample_futures(estimates(2), BLOCK, seed=3)
    long = sample_futures(estimates(2), BLOCK + 300, seed=3)
    assert (long.cost[:BLOCK] == short.cost).all() and (long.duration[:BLOCK] == short.duration).all()


@pytest.mark.parametrize("first", [1, 50, BLOCK - 1, BLOCK + 1])
def test_each_future_depends_on_the_seed_and_its_number_only_not_on_how_many_were_asked(first: int) -> None:
    """Future k is the same in a run of ``first`` futures as in a longer one (also within a block)."""
    some = estimates(4, stop=0.2, groups=[0, 0, 1, 1])
    short = sample_futures(some, first, seed=11, correlation=0.5)
    long = sample_futures(some, 2 * BLOCK + 120, seed=11, correlation=0.5)
    for name in ("cost", "duration", "benefit", "stop_after"):
        assert np.array_equal(getattr(long, name)[:first], getattr(short, name)), name


def test_the_first_50_futures_of_50_and_of_120_are_identical_with_the_pert_too() -> None:
    short = sample_futures(estimates(3), 50, seed=5, distribution="pert")
    long = sample_futures(estimates(3), 120, seed=5, distribution="pert")
    assert np.array_equal(long.cost[:50], short.cost) and np.array_equal(long.benefit[:50], short.benefit)
    assert not np.array_equal(long.cost[50:100], short.cost)  # the rest are other futures


@pytest.mark.parametrize("correlation", [0.0, 0.6])
def test_each_initiatives_cost_keeps_its_own_distribution_whatever_the_correlation(correlation: float) -> None:
    futures = sample_futures(estimates(3), N, seed=21, correlation=correlation)
    sd = np.sqrt((9**2 + 10**2 + 30**2 - 9 * 10 - 9 * 30 - 10 * 30) / 18)
    assert np.abs(futures.cost.mean(axis=0) - triangular_mean(9, 10, 30)).max() < mean_bound(sd, N)


def test_rounded_durations_fall_in_each_period_as_often_as_the_triangle_gives() -> None:
    futures = sample_futures(estimates(1), N, seed=4)
    # triangular(2, 2, 4): P(x < 2.5) = 1 - 1.5^2 / 4; P(x >= 3.5) = 0.5^2 / 4
    expected = {2: 1 - 1.5**2 / 4, 3: 1 - 0.5**2 / 4 - (1 - 1.5**2 / 4), 4: 0.5**2 / 4}
    for periods, p in expected.items():
        assert abs((futures.duration[:, 0] == periods).mean() - p) < share_bound(p, N)


def test_an_initiative_is_stopped_as_often_as_its_probability_and_within_its_run() -> None:
    futures = sample_futures(estimates(2, stop=0.08), N, seed=9)
    stopped = futures.stop_after > 0
    assert abs(stopped.mean() - 0.08) < share_bound(0.08, 2 * N)
    assert (futures.stop_after[stopped] >= 1).all() and (futures.stop_after <= futures.duration).all()


def test_cost_and_duration_of_an_initiative_rise_together() -> None:
    futures = sample_futures(estimates(1, duration=(2.0, 3.0, 6.0)), N, seed=5, correlation=0.0)
    for first in range(0, N, BLOCK):  # one rank drives both, within each block of futures
        cost, duration = futures.cost[first : first + BLOCK, 0], futures.duration[first : first + BLOCK, 0]
        assert (np.diff(duration[np.argsort(cost, kind="stable")]) >= 0).all()


def test_correlation_raises_the_p85_of_total_spend_over_independent_sampling() -> None:
    """Twenty initiatives of one supplier: when a bad year hits them together, the P85 of the total rises.

    The intervals are distribution-free bounds on each P85 from the order statistics of N samples.
    """
    total = {rho: sample_futures(estimates(20), N, seed=31, correlation=rho).cost.sum(axis=1) for rho in (0.0, 0.5)}
    independent, correlated = quantile_interval(total[0.0], 0.85), quantile_interval(total[0.5], 0.85)
    assert correlated[0] > independent[1]
    means = [total[rho].mean() for rho in (0.0, 0.5)]
    sd = total[0.5].std()
    assert abs(means[0] - means[1]) < 2 * mean_bound(sd, N)  # the mean total is the same: only the spread grows


def test_initiatives_of_other_groups_stay_independent() -> None:
    futures = sample_futures(estimates(2, groups=[0, 1]), N, seed=2, correlation=0.9)
    assert abs(np.corrcoef(futures.cost[:, 0], futures.cost[:, 1])[0, 1]) < mean_bound(1.0, N)


def portfolio() -> Portfolio:
    return tiny_portfolio(
        [
            initiative("X", 10, 2, risk="high"),
            initiative("Y", 20, 1, lead_region="B", cost_high=25, stop_probability=0.2),
            initiative("Z", 5, 1, status="completed"),
        ],
        pools=("A", "B"),
    )


def test_a_portfolios_estimates_follow_its_data_and_risk_classes_and_group_by_lead_region() -> None:
    found = portfolio_estimates(portfolio(), ["X", "Y"])
    assert found.cost.tolist() == [[9.0, 10.0, 30.0], [18.0, 20.0, 25.0]]
    assert found.duration.tolist() == [[2, 2, 3], [1, 1, 1]]  # 2 x 1.54 = 3.08 rounds to 3; 1 x 1.35 to 1
    assert found.stop.tolist() == [0.08, 0.2]
    assert found.groups == ["A", "B"] and found.group.tolist() == [0, 1]
    assert portfolio_estimates(portfolio(), ["X", "Y"], "area").groups == ["shared_infrastructure"]


def test_an_unknown_grouping_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="correlate_by: unknown name 'supplier'"):
        portfolio_estimates(portfolio(), group_by="supplier")


def test_the_same_initiatives_in_another_order_get_the_same_futures() -> None:
    """A store reads initiatives sorted by id, a file in its own order: the futures are the same."""
    varied = estimates(4, stop=0.2, groups=[0, 1, 0, 1])
    varied = Estimates(
        ["D", "B", "A", "C"],
        varied.cost * [[1.0], [2.0], [3.0], [4.0]],
        varied.duration,
        varied.benefit,
        varied.stop,
        varied.group,
        varied.groups,
    )
    shuffled = Estimates(
        [varied.ids[n] for n in (2, 0, 3, 1)],
        varied.cost[[2, 0, 3, 1]],
        varied.duration[[2, 0, 3, 1]],
        varied.benefit[[2, 0, 3, 1]],
        varied.stop[[2, 0, 3, 1]],
        varied.group[[2, 0, 3, 1]],
        varied.groups,
    )
    one = sample_futures(varied, 300, seed=4, correlation=0.6)
    other = sample_futures(shuffled, 300, seed=4, correlation=0.6).columns(one.ids)
    for name in ("cost", "duration", "benefit", "stop_after"):
        assert np.array_equal(getattr(one, name), getattr(other, name)), name
    assert sample_futures(varied, 300, seed=4, correlation=0.6).ids == ["D", "B", "A", "C"]
