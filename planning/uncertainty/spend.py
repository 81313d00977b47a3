"""What each initiative spends in a given period of its execution, under a sampled future.

A sampled cost scales the planned cost profile. A sampled duration stretches (or shrinks)
the profile in time: the share spent by the end of execution period k of D sampled periods
is the planned cumulative share at the point k * D_planned / D on the planned time axis,
read between planned periods by straight lines. With the planned duration, the planned
profile itself is used, times the sampled cost over the planned cost, so a future equal to
the plan spends exactly what the plan spends.
"""

from __future__ import annotations

import numpy as np

from planning.uncertainty.plan_model import PlanModel


def _cumulative_at(model: PlanModel, x: np.ndarray) -> np.ndarray:
    """Planned cumulative share at the (fractional) planned time ``x`` of each column."""
    longest = model.cumulative.shape[1] - 1
    whole = np.clip(np.floor(x).astype(np.int64), 0, longest - 1)
    part = x - whole
    columns = np.arange(model.size)[None, :]
    left = model.cumulative[columns, whole]
    right = model.cumulative[columns, whole + 1]
    return left + part * (right - left)


def spend_in_period(
    model: PlanModel, step: np.ndarray, cost: np.ndarray, duration: np.ndarray, runs: np.ndarray
) -> np.ndarray:
    """MNOK each initiative spends in its execution period ``step`` (0 = its first period).

    Parameters
    ----------
    step
        (samples, n) periods since the start; negative or at least ``runs``: nothing is spent.
    cost, duration
        (samples, n) the sampled total cost and periods of execution.
    runs
        (samples, n) periods it actually runs: the duration, or fewer when it is stopped.
    """
    active = (step >= 0) & (step < runs)
    k = np.clip(step, 0, duration - 1)
    columns = np.arange(model.size)[None, :]
    planned = model.duration[None, :]
    scale = np.where(model.cost > 0, cost / np.where(model.cost > 0, model.cost, 1.0), 0.0)
    as_planned = model.profile[columns, np.minimum(k, model.profile.shape[1] - 1)] * scale
    ratio = planned / duration
    stretched = cost * (_cumulative_at(model, (k + 1) * ratio) - _cumulative_at(model, k * ratio))
    spent = np.where(duration == planned, as_planned, stretched)
    return np.where(active, spent, 0.0)
