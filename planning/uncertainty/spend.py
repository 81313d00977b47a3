"""How much of its cost an initiative has spent after each period of its execution, under a sampled future.

A sampled cost scales the planned cost profile. A sampled duration stretches (or shrinks)
the profile in time: by the end of execution period k of D sampled periods, the share
spent is the planned cumulative share at the point (k + 1) * D_planned / D of the planned
time axis, read between planned periods along straight lines. With the planned duration
this is the planned profile itself (to rounding), so a future equal to the plan spends
what the plan spends.
"""

from __future__ import annotations

import numpy as np

from planning.uncertainty.plan_model import PlanModel


def cumulative_at(model: PlanModel, x: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The planned cumulative share at the (fractional) planned time ``x`` of each of ``columns``.

    ``x`` is (samples, len(columns)); values outside 0 .. the planned duration are clipped.
    """
    longest = model.cumulative.shape[1] - 1
    whole = np.clip(x.astype(np.int64), 0, longest - 1)
    part = np.clip(x - whole, 0.0, 1.0)
    table = model.cumulative[columns]
    index = np.arange(len(columns))[None, :]
    left = table[index, whole]
    return left + part * (table[index, whole + 1] - left)


def share_by_end_of(model: PlanModel, step: np.ndarray, duration: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Share of the cost spent by the end of execution period ``step`` (0 = the first), for ``columns``."""
    planned = model.duration[columns][None, :]
    return cumulative_at(model, (step + 1) * planned / duration, columns)
