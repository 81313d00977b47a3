"""A fixed plan as arrays the simulation runs on: starts, profiles, shares, envelopes, dependencies.

Built once per plan from the optimiser's own reading of the data
(:class:`planning.optimise.inputs.PlanInputs`), so the simulation sees exactly the costs,
shares, envelopes and dependencies the plan was made with. Initiatives are ordered by
their value in the plan, highest first: the order in which a region funds what is due to
start when money is short.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from planning.domain.economics import benefit_by_year
from planning.domain.portfolio import Portfolio
from planning.domain.timeline import Timeline
from planning.optimise.inputs import PlanInputs


@dataclass(frozen=True)
class PlanModel:
    """One plan's initiatives (``ids``, highest value first) and everything the simulation needs, as arrays."""

    ids: list[str]
    pools: list[str]
    timeline: Timeline
    start: np.ndarray
    """(n,) planned start period."""
    duration: np.ndarray
    """(n,) planned periods of execution."""
    cost: np.ndarray
    """(n,) planned (most likely) total cost, MNOK."""
    profile: np.ndarray
    """(n, longest planned duration) planned cost in each period of execution, MNOK."""
    cumulative: np.ndarray
    """(n, longest + 1) share of the cost spent by the end of each planned period (0 first)."""
    shares: np.ndarray
    """(n, pools) share of each initiative's cost paid by each pool."""
    envelopes: np.ndarray
    """(pools, periods) MNOK available, before carry-over."""
    carry_over: float
    deferrable: np.ndarray
    """(n,) may be deferred when money is short: not started, not mandatory, not locked."""
    value: np.ndarray
    """(n,) the plan's value of the initiative at its planned start, MNOK."""
    predecessor: np.ndarray
    """(edges,) row of each dependency's predecessor; edges sorted by successor."""
    successor: np.ndarray
    finish_to_start: np.ndarray
    lag: np.ndarray
    successor_rows: np.ndarray
    """Each initiative that waits on another, once, in the order of ``successor``."""
    successor_offsets: np.ndarray
    """Where each of ``successor_rows`` begins in the edge arrays."""
    same_period_depth: int
    """Longest chain of start-to-start dependencies without lag (starts that may fall in one period)."""
    depth: int
    """Longest chain of dependencies, in edges."""
    benefit_now: np.ndarray
    """(n,) present value of the stated monetised benefits when started in period 0 as planned, MNOK."""
    benefit_in_years: np.ndarray
    """(n, years + 1) undiscounted stated benefit in the first k years after the go-live year."""
    rate: float

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def finish(self) -> np.ndarray:
        """(n,) planned last period of execution."""
        return self.start + self.duration - 1


def plan_model(portfolio: Portfolio, inputs: PlanInputs, starts: dict[str, int]) -> PlanModel:
    """The plan ``starts`` (initiative -> start period) under ``inputs``, as arrays.

    Initiatives of ``starts`` that the scenario cannot plan are left out (the caller says so).
    """
    known = {i: s for i, s in starts.items() if i in inputs.initiatives.index}
    value = {i: float(inputs.value.at[i, s]) if s in inputs.value.columns else 0.0 for i, s in known.items()}
    ids = sorted(known, key=lambda i: (-value[i], i))
    table = inputs.initiatives.loc[ids] if ids else inputs.initiatives.iloc[0:0]
    duration = table["duration"].astype(int).to_numpy()
    longest = int(duration.max()) if len(ids) else 1
    profile = np.zeros((len(ids), longest))
    for n, i in enumerate(ids):
        profile[n, : duration[n]] = inputs.costs[i]
    cost = profile.sum(axis=1)
    edges = _edges(inputs, ids)
    return PlanModel(
        ids=ids,
        pools=[str(p) for p in inputs.envelopes.index],
        timeline=inputs.timeline,
        start=np.array([known[i] for i in ids], dtype=np.int64),
        duration=duration.astype(np.int64),
        cost=cost,
        profile=profile,
        cumulative=_cumulative(profile, cost, duration),
        shares=inputs.share_matrix[[inputs.row_of[i] for i in ids]] if ids else np.zeros((0, len(inputs.envelopes))),
        envelopes=inputs.envelopes.to_numpy(dtype=float),
        carry_over=float(inputs.scenario.carry_over),
        deferrable=~(table["started"].astype(bool) | table["mandatory"].astype(bool)).to_numpy(),
        value=np.array([value[i] for i in ids], dtype=float),
        predecessor=edges[0],
        successor=edges[1],
        finish_to_start=edges[2],
        lag=edges[3],
        successor_rows=np.unique(edges[1], return_index=True)[0],
        successor_offsets=np.unique(edges[1], return_index=True)[1].astype(np.int64),
        same_period_depth=_depth(ids, edges, same_period=True),
        depth=_depth(ids, edges, same_period=False),
        benefit_now=inputs.benefit_pv.loc[ids, 0].to_numpy(dtype=float) if ids else np.zeros(0),
        benefit_in_years=_benefit_in_years(portfolio, ids, len(inputs.timeline.years)),
        rate=float(inputs.scenario.discount_rate),
    )


def _cumulative(profile: np.ndarray, cost: np.ndarray, duration: np.ndarray) -> np.ndarray:
    """Share spent by the end of each planned period; even over the duration for an initiative that costs nothing."""
    n, longest = profile.shape
    spent = np.concatenate([np.zeros((n, 1)), np.cumsum(profile, axis=1)], axis=1)
    even = np.minimum(np.arange(longest + 1)[None, :] / np.maximum(duration, 1)[:, None], 1.0)
    safe = np.where(cost > 0, cost, 1.0)[:, None]
    return np.where(cost[:, None] > 0, np.minimum(spent / safe, 1.0), even)


def _edges(inputs: PlanInputs, ids: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Dependencies between the plan's initiatives as row numbers, sorted by successor."""
    row = {i: n for n, i in enumerate(ids)}
    deps = inputs.dependencies
    inside = deps[deps["predecessor_id"].isin(row) & deps["successor_id"].isin(row)]
    frame = pd.DataFrame(
        {
            "p": [row[str(p)] for p in inside["predecessor_id"]],
            "s": [row[str(s)] for s in inside["successor_id"]],
            "fs": (inside["kind"] == "finish_to_start").to_numpy(dtype=bool),
            "lag": inside["lag"].astype(int).to_numpy(),
        }
    ).sort_values(["s", "p"], kind="stable")
    return (
        frame["p"].to_numpy(dtype=np.int64),
        frame["s"].to_numpy(dtype=np.int64),
        frame["fs"].to_numpy(dtype=bool),
        frame["lag"].to_numpy(dtype=np.int64),
    )


def _depth(ids: list[str], edges: tuple[np.ndarray, ...], *, same_period: bool) -> int:
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(ids)))
    for p, s, fs, lag in zip(*edges, strict=True):
        if not same_period or (not fs and lag == 0):
            graph.add_edge(int(p), int(s))
    return int(nx.dag_longest_path_length(graph)) if graph.number_of_edges() else 0


def _benefit_in_years(portfolio: Portfolio, ids: list[str], years: int) -> np.ndarray:
    """Per initiative, the stated monetised benefit of the first k = 0 .. years years after its go-live year."""
    stream = np.zeros((len(ids), years))
    row = {i: n for n, i in enumerate(ids)}
    benefits = portfolio.benefits
    monetised = benefits[benefits["monetised"].astype(bool) & benefits["initiative_id"].isin(row)]
    for _, b in monetised.iterrows():
        n, lag = row[str(b["initiative_id"])], int(b["lag"])
        for y, amount in enumerate(benefit_by_year(float(b["annual_value"]), b["ramp_up"], int(b["lifetime"]))):
            if lag + y < years:
                stream[n, lag + y] += amount
    return np.concatenate([np.zeros((len(ids), 1)), np.cumsum(stream, axis=1)], axis=1)
