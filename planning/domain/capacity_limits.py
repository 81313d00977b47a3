"""Capacity limits per period: a pool's own limit, except in the periods the ``capacity_limit`` table names.

A supplier's team grows from one year to the next; summer holidays halve what can be done
in the third quarter. A ``capacity_limit`` row gives a pool's limit in one period (``2028Q3``)
or in every period of a year (``2028``, in a half-year or quarter horizon); a period's limit
is its own row's, else its year's, else the pool's (``capacity_pool.limit``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.domain.timeline import Timeline
from planning.messages.message import said
from planning.messages.phrases import phrase

TABLE = "capacity_limit"


def period_limits(portfolio: Portfolio, timeline: Timeline | None = None) -> pd.DataFrame:
    """Each capacity pool's limit (rows) in each period of the horizon (columns)."""
    tl = timeline or portfolio.timeline
    pools = portfolio.capacity_pools
    limits = np.tile(pools["limit"].astype(float).to_numpy()[:, None], (1, tl.periods))
    frame = pd.DataFrame(limits, index=pools.index, columns=range(tl.periods))
    exact, yearly = _rows(portfolio, tl)
    for (pool, periods), limit in [*yearly.items(), *exact.items()]:  # a period's own row wins over its year's
        frame.loc[pool, list(periods)] = limit
    return frame


def _rows(
    portfolio: Portfolio, tl: Timeline
) -> tuple[dict[tuple[str, tuple[int, ...]], float], dict[tuple[str, tuple[int, ...]], float]]:
    """The table's rows that apply, by (pool, periods): those naming one period, those naming a year."""
    exact: dict[tuple[str, tuple[int, ...]], float] = {}
    yearly: dict[tuple[str, tuple[int, ...]], float] = {}
    for _rid, row in portfolio.capacity_limits.iterrows():
        pool, label = str(row["capacity_pool_id"]), str(row["period"])
        if pool not in portfolio.capacity_pools.index:
            continue
        try:
            first, last = tl.index(label), tl.index(label, end=True)
        except ValueError:
            continue
        periods = tuple(t for t in range(first, last + 1) if tl.contains(t))
        if periods:
            (exact if first == last else yearly)[(pool, periods)] = float(row["limit"])
    return exact, yearly


def check_capacity_limits(p: Portfolio) -> list[Problem]:
    """Each row names a capacity pool and a period of the horizon's length; one outside the horizon is ignored."""
    out: list[Problem] = []
    pools = set(p.capacity_pools.index)
    tl = p.timeline
    for rid, row in p.capacity_limits.iterrows():
        pool, label = row["capacity_pool_id"], row["period"]
        if pool not in pools:
            hint = ", ".join(sorted(str(q) for q in pools)[:12])
            fix = phrase("fix_use_one_of", choices=hint) if hint else phrase("fix_add_first", what=phrase(TABLE_POOL))
            message = phrase("unknown_reference", what=phrase(TABLE_POOL), value=pool)
            out.append(Problem(TABLE, str(rid), "capacity_pool_id", message, fix))
        try:
            first = tl.index(label)
        except ValueError as exc:
            out.append(Problem(TABLE, str(rid), "period", said(exc), phrase("fix_period")))
            continue
        if not tl.contains(first) and not tl.contains(tl.index(label, end=True)):
            message = phrase("outside_horizon", label=label, first=tl.label(0), last=tl.label(tl.periods - 1))
            out.append(Problem(TABLE, str(rid), "period", message, phrase("fix_outside_horizon"), "warning"))
    return out


TABLE_POOL = "capacity_pool"
