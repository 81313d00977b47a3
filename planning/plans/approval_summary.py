"""What an approval approves: the plan's scenario, NPV, initiatives, investment per funding pool,
and what it changes against the current plan of record.

Shown before every approval button (the Scenarier page's approval, the Behandling page's
decisions), so that nobody approves a plan without seeing it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.optimise import Plan
from planning.plans.budget import pool_order
from planning.plans.diff import PlanDiff, diff_plans


@dataclass(frozen=True)
class ApprovalSummary:
    """A plan as it would be approved, set against the plan of record (if there is one)."""

    npv: float | None
    investment: float
    """MNOK over the horizon."""
    initiatives: pd.DataFrame
    """The initiatives in the plan: id, name, start, finish (labels), in the order they start."""
    by_pool: pd.DataFrame
    """Investment per funding pool: pool, amount, and with a plan of record also record and change (MNOK)."""
    against_record: PlanDiff | None
    """This plan against the plan of record; ``None`` when there is none."""

    @property
    def npv_change(self) -> float | None:
        return None if self.against_record is None else self.against_record.npv_change


def approval_summary(plan: Plan, portfolio: Portfolio, record: Plan | None = None) -> ApprovalSummary:
    """``plan`` as it would be approved; ``record`` is the current plan of record, if any."""
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    names = portfolio.initiatives["name"] if "name" in portfolio.initiatives.columns else pd.Series(dtype=object)
    initiatives = pd.DataFrame(
        {
            "id": [str(i) for i in chosen.index],
            "name": [str(names.get(i, i)) for i in chosen.index],
            "start": [str(label) for label in chosen["start_label"]],
            "finish": [str(label) for label in chosen["finish_label"]],
            "order": list(chosen["start_opt"].astype(int)),
        }
    )
    initiatives = initiatives.sort_values(["order", "id"], kind="stable").drop(columns="order").reset_index(drop=True)
    amounts = plan.spend.groupby("pool", sort=True)["amount"].sum() if len(plan.spend) else pd.Series(dtype=float)
    by_pool = pd.DataFrame({"pool": [str(p) for p in amounts.index], "amount": amounts.astype(float).to_numpy()})
    against = None if record is None else diff_plans(record, plan)
    if against is not None:
        costs = against.cost_by_pool().set_index("pool")
        by_pool = costs.rename(columns={"amount_a": "record", "amount_b": "amount"}).reset_index()
        by_pool = by_pool[["pool", "amount", "record", "change"]]
    order = pool_order(portfolio)
    by_pool = by_pool.assign(order=[order.index(p) if p in order else len(order) for p in by_pool["pool"]])
    by_pool = by_pool.sort_values(["order", "pool"], kind="stable").drop(columns="order").reset_index(drop=True)
    return ApprovalSummary(
        npv=plan.npv,
        investment=float(plan.spend["amount"].sum()) if len(plan.spend) else 0.0,
        initiatives=initiatives,
        by_pool=by_pool,
        against_record=against,
    )
