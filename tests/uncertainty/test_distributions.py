"""Three-point distributions and rank correlation, checked against their formulas with fixed seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planning.uncertainty.distributions import (
    check_distribution,
    draw,
    normal_scores,
    pert_mean,
    rank_match,
    ranks,
    triangular_mean,
    triangular_quantile,
)
from tests.uncertainty.stats import mean_bound, share_bound

N = 40_000
LOW, MODE, HIGH = 0.9, 1.0, 3.0


def one(value: float) -> np.ndarray:
    return np.array([value])


def test_the_triangular_quantile_meets_its_corners() -> None:
    u = np.array([0.0, (MODE - LOW) / (HIGH - LOW), 1.0])
    assert triangular_quantile(u, LOW, MODE, HIGH) == pytest.approx([LOW, MODE, HIGH], abs=1e-12)


def test_a_zero_width_estimate_is_its_value_exactly() -> None:
    rng = np.random.default_rng(3)
    for distribution in ("triangular", "pert"):
        values = draw(rng, distribution, one(7.25), one(7.25), one(7.25), 100)
        assert (values == 7.25).all()


@pytest.mark.parametrize("distribution", ["triangular", "pert"])
def test_draws_have_the_mean_of_their_distribution(distribution: str) -> None:
    values = draw(np.random.default_rng(11), distribution, one(LOW), one(MODE), one(HIGH), N)[:, 0]
    if distribution == "triangular":
        mean = triangular_mean(LOW, MODE, HIGH)
        sd = math.sqrt((LOW**2 + MODE**2 + HIGH**2 - LOW * MODE - LOW * HIGH - MODE * HIGH) / 18)
    else:
        mean = pert_mean(LOW, MODE, HIGH)
        sd = math.sqrt((mean - LOW) * (HIGH - mean) / 7)  # a PERT's variance (shape 4)
    assert abs(values.mean() - mean) < mean_bound(sd, N)
    assert values.min() >= LOW and values.max() <= HIGH


def test_triangular_draws_fall_below_the_mode_as_often_as_the_formula_says() -> None:
    values = draw(np.random.default_rng(12), "triangular", one(LOW), one(MODE), one(HIGH), N)[:, 0]
    p = (MODE - LOW) / (HIGH - LOW)
    assert abs((values <= MODE).mean() - p) < share_bound(p, N)


def test_an_unknown_distribution_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="distribution: unknown name 'lognormal'; use one of triangular, pert"):
        check_distribution("lognormal")


def test_scores_in_one_group_have_the_correlation_asked_for_and_other_groups_none() -> None:
    groups = np.array([0, 0, 1])
    scores = normal_scores(np.random.default_rng(5), groups, 0.4, N)
    same = np.corrcoef(scores[:, 0], scores[:, 1])[0, 1]
    other = np.corrcoef(scores[:, 0], scores[:, 2])[0, 1]
    # the standard error of a sample correlation r of n normal pairs is (1 - r^2) / sqrt(n)
    assert abs(same - 0.4) < mean_bound(1 - 0.4**2, N)
    assert abs(other) < mean_bound(1.0, N)


def test_rank_matching_keeps_every_value_and_takes_the_ranks() -> None:
    rng = np.random.default_rng(8)
    values, scores = rng.random((50, 3)), rng.standard_normal((50, 3))
    matched = rank_match(values, ranks(scores))
    assert (np.sort(matched, axis=0) == np.sort(values, axis=0)).all()
    assert (ranks(matched) == ranks(scores)).all()
