"""What each initiative would spend in each period of its execution, in sampled futures.

The same reading as the simulation (:mod:`planning.uncertainty.spend`): a sampled cost
scales the planned profile, a sampled duration stretches it, a stop ends it. What it does
not know is the plan: dependencies that push a start later in a future are the
simulation's to find (``docs/model.md``, "Plans at a confidence level").
"""

from __future__ import annotations

import numpy as np

from planning.domain.portfolio import Portfolio
from planning.optimise.chance import SampledSpend
from planning.optimise.inputs import PlanInputs
from planning.uncertainty.plan_model import plan_model
from planning.uncertainty.sampling import Futures
from planning.uncertainty.spend import share_by_end_of


def sampled_spend(portfolio: Portfolio, inputs: PlanInputs, futures: Futures) -> SampledSpend:
    """``spend[s, n, k]``: MNOK initiative ``n`` of ``inputs.ids`` spends in its ``k``-th period in future ``s``."""
    model = plan_model(portfolio, inputs, {i: 0 for i in inputs.ids})
    chosen = futures.columns(model.ids)
    duration = chosen.duration
    runs = np.where(chosen.stop_after > 0, chosen.stop_after, duration)
    longest = int(duration.max()) if model.size else 1
    columns = np.arange(model.size)
    out = np.zeros((chosen.samples, model.size, longest))
    before = np.zeros(duration.shape)
    for k in range(longest):
        share = share_by_end_of(model, np.full_like(duration, k), duration, columns)
        share = np.where(k < runs, share, before)
        out[:, :, k] = chosen.cost * (share - before)
        before = share
    order = [model.ids.index(i) for i in inputs.ids]
    return SampledSpend(list(inputs.ids), out[:, order, :])
