"""Tolerances from the sample size: every statistical test states its own error bound.

``Z`` standard errors leave a chance of about 6 in 100,000 that a correct sampler fails
a two-sided check by bad luck; the seeds are fixed, so a test that passes passes every time.
"""

from __future__ import annotations

import math

import numpy as np

Z = 4.0


def mean_bound(sd: float, n: int) -> float:
    """Half-width of the band a sample mean of ``n`` draws lies in around the true mean."""
    return Z * sd / math.sqrt(n)


def share_bound(p: float, n: int) -> float:
    """Half-width of the band an observed share of ``n`` trials lies in around the probability ``p``."""
    return Z * math.sqrt(p * (1 - p) / n)


def quantile_interval(values: np.ndarray, p: float) -> tuple[float, float]:
    """A distribution-free interval for the ``p``-quantile from order statistics.

    The number of samples below the true quantile is binomial(n, p); its Z-standard-error
    band picks the order statistics that bound the true quantile.
    """
    ordered = np.sort(values)
    n = len(ordered)
    half = Z * math.sqrt(n * p * (1 - p))
    low = max(0, math.floor(n * p - half))
    high = min(n - 1, math.ceil(n * p + half))
    return float(ordered[low]), float(ordered[high])
