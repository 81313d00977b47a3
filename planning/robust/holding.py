"""How often a fixed plan holds its envelopes, or each pool's total, in simulated futures."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.optimise.chance import SCOPES, TOLERANCE
from planning.optimise.inputs import PlanInputs
from planning.uncertainty.plan_model import plan_model
from planning.uncertainty.run import SimulationOptions
from planning.uncertainty.sampling import future_blocks, portfolio_estimates
from planning.uncertainty.simulation import simulate_block


@dataclass
class Holding:
    """A plan lived through ``samples`` futures: the share in which each row held."""

    scope: str
    samples: int
    seed: int
    pool_periods: pd.DataFrame
    """pool, period, label, envelope (MNOK), p_within (0..1): every pool-period."""
    pools: pd.DataFrame
    """pool, envelope (MNOK over the horizon), p_within: each pool's total."""
    delivered_mean: float
    """Initiatives delivered (started, not stopped) in the horizon, on average."""
    npv_mean: float

    @property
    def achieved(self) -> float:
        """The share of futures in which the weakest row of the scope held (1 with no rows)."""
        table = self.pool_periods if self.scope == "envelope" else self.pools
        return float(table["p_within"].min()) if len(table) else 1.0

    @property
    def weakest(self) -> str:
        """The row that held least often: POOL/PERIOD or POOL."""
        table = self.pool_periods if self.scope == "envelope" else self.pools
        if not len(table):
            return ""
        row = table.loc[table["p_within"].idxmin()]
        return f"{row['pool']}/{row['label']}" if self.scope == "envelope" else str(row["pool"])


def holding(
    portfolio: Portfolio, inputs: PlanInputs, starts: dict[str, int], options: SimulationOptions, scope: str = SCOPES[0]
) -> Holding:
    """Simulate the plan ``starts`` under ``options`` and count, per row, the futures that held."""
    chosen = options.checked()
    model = plan_model(portfolio, inputs, starts)
    estimates = portfolio_estimates(portfolio, inputs.ids, chosen.correlate_by)
    shape = (len(model.pools), inputs.timeline.periods)
    within, totals = np.zeros(shape), np.zeros(len(model.pools))
    delivered = npv = 0.0
    for futures in future_blocks(
        estimates, chosen.samples, chosen.seed, correlation=chosen.correlation, distribution=chosen.distribution
    ):
        outcome = simulate_block(model, futures.columns(model.ids), chosen.policy)
        within += (outcome.spend <= outcome.available + TOLERANCE).sum(axis=0)
        totals += (outcome.spend.sum(axis=2) <= model.envelopes.sum(axis=1)[None, :] + TOLERANCE).sum(axis=0)
        delivered += float(outcome.delivered.sum())
        npv += float(outcome.npv.sum())
    n = chosen.samples
    timeline = inputs.timeline
    periods = pd.DataFrame(
        [
            {"pool": pool, "period": t, "label": timeline.label(t), "envelope": float(model.envelopes[p, t]),
             "p_within": within[p, t] / n}
            for p, pool in enumerate(model.pools)
            for t in range(timeline.periods)
        ],
        columns=["pool", "period", "label", "envelope", "p_within"],
    )  # fmt: skip
    pools = pd.DataFrame(
        {"pool": model.pools, "envelope": model.envelopes.sum(axis=1), "p_within": totals / n},
        columns=["pool", "envelope", "p_within"],
    )
    return Holding(scope, n, chosen.seed, periods, pools, delivered / n, npv / n)
