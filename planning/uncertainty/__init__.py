"""Uncertain estimates and Monte Carlo delivery confidence.

Sampling (:mod:`~planning.uncertainty.sampling`: futures of a portfolio's initiatives from
their three-point estimates, a seed and a correlation) is kept apart from living a fixed
plan through them (:mod:`~planning.uncertainty.simulation`), so futures can be reused to
test or to make plans. :func:`simulate_plan` does both and returns the tables people read.
"""

from planning.uncertainty.distributions import DISTRIBUTIONS
from planning.uncertainty.run import Simulation, SimulationOptions, simulate_plan
from planning.uncertainty.sampling import (
    BLOCK,
    DEFAULT_CORRELATION,
    DEFAULT_SAMPLES,
    GROUPINGS,
    MAX_SAMPLES,
    Estimates,
    Futures,
    portfolio_estimates,
    sample_futures,
)
from planning.uncertainty.simulation import POLICIES

__all__ = [
    "BLOCK",
    "DEFAULT_CORRELATION",
    "DEFAULT_SAMPLES",
    "DISTRIBUTIONS",
    "GROUPINGS",
    "MAX_SAMPLES",
    "POLICIES",
    "Estimates",
    "Futures",
    "Simulation",
    "SimulationOptions",
    "portfolio_estimates",
    "sample_futures",
    "simulate_plan",
]
