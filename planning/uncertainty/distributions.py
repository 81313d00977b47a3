"""Three-point distributions and correlation by rank, vectorised with numpy.

A three-point estimate (low, most likely, high) is read as a triangular distribution by
default, or as a PERT (a beta with shape 4 around the most likely value); see
``docs/uncertainty.md`` for the choice. Correlation is given to independent draws by
reordering each column to the ranks of correlated normal scores (the rank-matching of Iman
and Conover): every column keeps exactly the values it was drawn with, so each marginal is
exactly the three-point distribution, and the columns move together as a one-factor
Gaussian copula would make them.
"""

from __future__ import annotations

import numpy as np

from planning.messages.phrases import phrase

DISTRIBUTIONS = ("triangular", "pert")
"""Readings of a three-point estimate; the first is the default."""
PERT_SHAPE = 4.0
"""Weight of the most likely value in a PERT: mean = (low + 4 likely + high) / 6."""


def check_distribution(name: str) -> str:
    """``name`` when it is one of :data:`DISTRIBUTIONS`.

    Raises
    ------
    ValueError
        Naming the option and the allowed names.
    """
    if name not in DISTRIBUTIONS:
        raise ValueError(phrase("unknown_distribution", value=name, choices=", ".join(DISTRIBUTIONS)))
    return name


def triangular_quantile(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The value below which a share ``u`` of a triangular(low, mode, high) lies.

    All arguments broadcast; ``low == high`` gives ``low`` exactly.
    """
    width = high - low
    left = mode - low
    safe = np.where(width > 0, width, 1.0)
    cut = np.where(width > 0, left / safe, 0.5)
    rising = low + np.sqrt(u * width * left)
    falling = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(u < cut, rising, falling)


def triangular_mean(low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    return (low + mode + high) / 3.0


def pert_mean(low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    return (low + PERT_SHAPE * mode + high) / (PERT_SHAPE + 2.0)


def draw(
    rng: np.random.Generator, distribution: str, low: np.ndarray, mode: np.ndarray, high: np.ndarray, samples: int
) -> np.ndarray:
    """``samples`` independent draws of each estimate: shape (samples, len(low)).

    ``low``, ``mode`` and ``high`` are arrays of one estimate per column; a column whose
    low equals its high is that value in every row, exactly.
    """
    shape = (samples, len(low))
    if check_distribution(distribution) == "triangular":
        return triangular_quantile(rng.random(shape), low, mode, high)
    width = high - low
    cut = np.where(width > 0, (mode - low) / np.where(width > 0, width, 1.0), 0.5)
    alpha = 1.0 + PERT_SHAPE * cut
    beta = 1.0 + PERT_SHAPE * (1.0 - cut)
    return low + width * rng.beta(alpha, beta, size=shape)


def normal_scores(rng: np.random.Generator, groups: np.ndarray, correlation: float, samples: int) -> np.ndarray:
    """Normal scores with correlation ``correlation`` between columns of the same group.

    Score = sqrt(rho) * (the group's shared factor) + sqrt(1 - rho) * (the column's own);
    columns of different groups, and every column when ``correlation`` is 0, are independent.
    ``groups`` holds a group number per column (0 .. k-1).
    """
    count = int(groups.max()) + 1 if len(groups) else 0
    shared = rng.standard_normal((samples, count))
    own = rng.standard_normal((samples, len(groups)))
    return np.sqrt(correlation) * shared[:, groups] + np.sqrt(1.0 - correlation) * own


def ranks(scores: np.ndarray) -> np.ndarray:
    """Rank of each value within its column (0 = smallest)."""
    order = np.argsort(scores, axis=0, kind="stable")
    out = np.empty_like(order)
    np.put_along_axis(out, order, np.arange(scores.shape[0])[:, None], axis=0)
    return out


def rank_match(values: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """``values`` reordered within each column so that its ranks are ``rank``; the values themselves are kept."""
    return np.take_along_axis(np.sort(values, axis=0), rank, axis=0)
