"""The dependency network: graph, cycles, schedule bounds (CPM), critical path and steps.

Everything here is built from the portfolio's tables on demand; nothing is cached.
Periods are numbered as in :class:`planning.domain.timeline.Timeline` (0 .. periods-1).

Completed and stopped initiatives are *finished* for planning: they impose no wait on
their dependants, take no part in the schedule and have no step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from planning.domain.columns import is_blank
from planning.domain.portfolio import Portfolio

FINISHED_STATUSES = ("completed", "stopped")
"""Statuses that take an initiative out of the schedule."""
NODE_ATTRIBUTES = ("name", "area", "status", "duration", "lead_region")
"""Initiative columns copied onto each node of :func:`dependency_graph`."""
SCHEDULE_COLUMNS = (
    "earliest_start",
    "earliest_finish",
    "latest_start",
    "latest_finish",
    "slack",
    "critical",
    "beyond_horizon",
)


def dependency_graph(portfolio: Portfolio) -> nx.DiGraph:
    """One node per initiative and one edge per dependency, predecessor -> successor.

    Nodes carry ``name``, ``area``, ``status``, ``duration`` and ``lead_region``; edges
    carry ``kind`` (``finish_to_start`` or ``start_to_start``), ``lag`` and the
    dependency's ``id``. Where one pair has several dependencies, the edge keeps the one
    that forces the longer wait. In an unvalidated portfolio, an id that is not an
    initiative appears as a bare node without attributes.
    """
    graph = nx.DiGraph()
    for iid, row in portfolio.initiatives.iterrows():
        graph.add_node(str(iid), **{name: row[name] for name in NODE_ATTRIBUTES})
    for did, row in portfolio.dependencies.iterrows():
        predecessor, successor = str(row["predecessor_id"]), str(row["successor_id"])
        attributes = {"id": str(did), "kind": str(row["kind"]), "lag": int(row["lag"])}
        duration = int(graph.nodes[predecessor].get("duration", 0)) if predecessor in graph else 0
        if graph.has_edge(predecessor, successor):
            kept = graph.edges[predecessor, successor]
            if _gap(kept, duration) >= _gap(attributes, duration):
                continue
        graph.add_edge(predecessor, successor, **attributes)
    return graph


def _gap(edge: Mapping[str, Any], predecessor_duration: int) -> int:
    """Fewest periods from the predecessor's start to the successor's start."""
    lag = int(edge["lag"])
    return lag + predecessor_duration if edge["kind"] == "finish_to_start" else lag


def start_gap(graph: nx.DiGraph, predecessor: str, successor: str) -> int:
    """Fewest periods between the starts of two initiatives joined by a dependency.

    ``predecessor duration + lag`` for finish-to-start, ``lag`` for start-to-start, so
    that ``successor start >= predecessor start + start_gap``.
    """
    duration = int(graph.nodes[predecessor].get("duration", 0))
    return _gap(graph.edges[predecessor, successor], duration)


def find_cycles(graph: nx.DiGraph, limit: int | None = None) -> list[list[str]]:
    """The simple cycles of ``graph``, each rotated to begin at its smallest id.

    Parameters
    ----------
    graph
        A dependency graph, for example from :func:`dependency_graph`.
    limit
        Stop after this many cycles (a graph can hold very many); ``None`` for all.

    Returns
    -------
    list of list of str
        Each cycle as the ids along it, without repeating the first; a self-dependency
        is a cycle of one. Name one with :func:`name_cycle`.
    """
    cycles: list[list[str]] = []
    for cycle in nx.simple_cycles(graph):
        if limit is not None and len(cycles) >= limit:
            break
        ids = [str(node) for node in cycle]
        start = ids.index(min(ids))
        cycles.append(ids[start:] + ids[:start])
    return cycles


def name_cycle(cycle: list[str]) -> str:
    """A cycle as people read it, closed: ``A -> B -> C -> A``."""
    return " -> ".join([*cycle, cycle[0]])


def _acyclic_order(graph: nx.DiGraph) -> list[str]:
    """The nodes in a topological order.

    Raises
    ------
    ValueError
        Naming one cycle, when the dependencies form any.
    """
    if not nx.is_directed_acyclic_graph(graph):
        cycle = find_cycles(graph, limit=1)[0]
        raise ValueError(f"dependency cycle {name_cycle(cycle)}; remove or reverse one dependency in it")
    return [str(node) for node in nx.topological_sort(graph)]


def open_graph(portfolio: Portfolio) -> nx.DiGraph:
    """The dependency graph of unfinished initiatives (not completed, not stopped)."""
    graph = dependency_graph(portfolio)
    statuses = graph.nodes(data="status")
    open_i = [node for node, status in statuses if status is not None and status not in FINISHED_STATUSES]
    return graph.subgraph(open_i).copy()


def _schedule_graph(portfolio: Portfolio) -> nx.DiGraph:
    """The open graph without dependencies into started initiatives: their start is history."""
    graph = open_graph(portfolio)
    started_i = {node for node, status in graph.nodes(data="status") if status == "started"}
    graph.remove_edges_from([(p, s) for p, s in list(graph.edges) if s in started_i])
    return graph


def _forward_pass(graph: nx.DiGraph, order: list[str], release: Mapping[str, int]) -> dict[str, int]:
    """Earliest start: ``S_j = max(release_j, max_i (S_i + gap_ij))`` over predecessors ``i``."""
    start: dict[str, int] = {}
    for node in order:
        waits = [start[p] + start_gap(graph, p, node) for p in graph.predecessors(node)]
        start[node] = max([release[node], *waits])
    return start


def _backward_pass(graph: nx.DiGraph, order: list[str], due: Mapping[str, int]) -> dict[str, int]:
    """Latest start: ``L_i = min(due_i - d_i + 1, min_j (L_j - gap_ij))`` over dependants ``j``."""
    latest: dict[str, int] = {}
    for node in reversed(order):
        room = [latest[s] - start_gap(graph, node, s) for s in graph.successors(node)]
        latest[node] = min([due[node] - int(graph.nodes[node]["duration"]) + 1, *room])
    return latest


def _windows(portfolio: Portfolio, graph: nx.DiGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Release period and due period (last period of execution allowed) per open initiative."""
    timeline, frame = portfolio.timeline, portfolio.initiatives
    release, due = {}, {}
    for node, status in graph.nodes(data="status"):
        first, last = frame.at[node, "earliest_start"], frame.at[node, "latest_finish"]
        release[node] = 0 if status == "started" or is_blank(first) else max(0, timeline.index(str(first)))
        due[node] = timeline.periods - 1 if is_blank(last) else timeline.index(str(last), end=True)
    return release, due


def _schedule(portfolio: Portfolio) -> tuple[nx.DiGraph, pd.DataFrame]:
    """The schedule graph and :func:`schedule_bounds`, for the functions that need both."""
    graph = _schedule_graph(portfolio)
    order = _acyclic_order(graph)
    release, due = _windows(portfolio, graph)
    earliest = _forward_pass(graph, order, release)
    latest = _backward_pass(graph, order, due)
    duration = {node: int(d) for node, d in graph.nodes(data="duration")}
    finish = {node: earliest[node] + duration[node] - 1 for node in order}
    portfolio_finish = max(finish.values(), default=0)
    unhurried = _backward_pass(graph, order, dict.fromkeys(order, portfolio_finish))
    nodes = list(graph.nodes)
    frame = pd.DataFrame(
        {
            "earliest_start": [earliest[n] for n in nodes],
            "earliest_finish": [finish[n] for n in nodes],
            "latest_start": [latest[n] for n in nodes],
            "latest_finish": [latest[n] + duration[n] - 1 for n in nodes],
            "slack": [latest[n] - earliest[n] for n in nodes],
            "critical": [unhurried[n] == earliest[n] for n in nodes],
            "beyond_horizon": [finish[n] > portfolio.timeline.periods - 1 for n in nodes],
        },
        index=pd.Index(nodes, name="id", dtype=object),
        columns=list(SCHEDULE_COLUMNS),
    )
    return graph, frame.astype({name: bool if name in ("critical", "beyond_horizon") else int for name in frame})


def schedule_bounds(portfolio: Portfolio) -> pd.DataFrame:
    """Earliest and latest periods of every unfinished initiative (critical path method).

    A dependency holds when ``successor start >= predecessor start + duration + lag``
    (finish-to-start) or ``successor start >= predecessor start + lag`` (start-to-start).
    The forward pass starts each initiative at its ``earliest_start`` window (period 0
    without one); started initiatives are fixed at period 0 and ignore their own
    predecessors. The backward pass finishes each initiative by its ``latest_finish``
    window, else by the horizon's last period, leaving room for its dependants.
    Completed and stopped initiatives are left out: they impose no wait.

    Returns
    -------
    pandas.DataFrame
        Indexed by initiative id, in the initiative table's order, with integer period
        columns ``earliest_start``, ``earliest_finish`` (start + duration - 1, the last
        period of execution), ``latest_start``, ``latest_finish`` and ``slack`` (latest
        minus earliest start; negative when a window or the horizon cannot be met), and
        boolean columns ``critical`` (zero slack when every initiative may run until the
        portfolio's earliest possible finish, i.e. on a longest path) and
        ``beyond_horizon`` (earliest finish after the horizon's last period).

    Raises
    ------
    ValueError
        When the dependencies form a cycle.
    """
    return _schedule(portfolio)[1]


def critical_dependencies(portfolio: Portfolio) -> list[tuple[str, str]]:
    """The dependencies on a longest path: both ends critical and the wait fully used.

    Returns
    -------
    list of tuple of str
        ``(predecessor, successor)`` pairs, in the dependency graph's edge order.
    """
    graph, bounds = _schedule(portfolio)
    start, critical = bounds["earliest_start"], bounds["critical"]
    return [
        (str(p), str(s))
        for p, s in graph.edges
        if critical[p] and critical[s] and start[p] + start_gap(graph, p, s) == start[s]
    ]


def critical_path(portfolio: Portfolio) -> list[str]:
    """The chain of critical initiatives that ends last, first initiative first.

    Starts from the critical initiative with the latest earliest finish (the first in the
    initiative table on a tie) and walks back through predecessors whose wait is fully
    used; empty when nothing is left to schedule.
    """
    graph, bounds = _schedule(portfolio)
    critical = bounds[bounds["critical"]]
    if critical.empty:
        return []
    start = bounds["earliest_start"]
    chain = [str(critical["earliest_finish"].idxmax())]
    while True:
        node = chain[-1]
        binding = [p for p in graph.predecessors(node) if start[p] + start_gap(graph, p, node) == start[node]]
        if not binding:
            break
        chain.append(str(min(binding)))
    return chain[::-1]


@dataclass(frozen=True, eq=False)
class Unlocks:
    """What waits on one initiative: its dependants and their benefits."""

    initiative_id: str
    dependants: list[str]
    """Unfinished initiatives that depend on it directly or through others, in dependency order."""
    benefits: pd.DataFrame
    """Rows of the benefit table that belong to the dependants."""
    annual_value: float
    """Sum of the dependants' monetised benefits at full effect, MNOK per year."""
    non_monetised: int
    """Number of the dependants' non-monetised benefits."""


def _known(portfolio: Portfolio, initiative_id: str) -> None:
    if initiative_id not in portfolio.initiatives.index:
        raise ValueError(f"unknown initiative '{initiative_id}'")


def unlocks(portfolio: Portfolio, initiative_id: str) -> Unlocks:
    """The unfinished initiatives and benefits that wait on ``initiative_id``.

    A finished (completed or stopped) initiative holds nothing up, so it unlocks nothing.

    Raises
    ------
    ValueError
        When the initiative does not exist or the dependencies form a cycle.
    """
    _known(portfolio, initiative_id)
    graph = open_graph(portfolio)
    order = _acyclic_order(graph)
    below = nx.descendants(graph, initiative_id) if initiative_id in graph else set()
    dependants = [node for node in order if node in below]
    benefits = portfolio.benefits[portfolio.benefits["initiative_id"].isin(dependants)]
    monetised = benefits["monetised"].astype(bool)
    return Unlocks(
        initiative_id=initiative_id,
        dependants=dependants,
        benefits=benefits,
        annual_value=float(benefits.loc[monetised, "annual_value"].astype(float).sum()),
        non_monetised=int((~monetised).sum()),
    )


def waits_for(portfolio: Portfolio, initiative_id: str) -> list[str]:
    """The unfinished initiatives ``initiative_id`` waits for, directly or through others.

    Returns
    -------
    list of str
        Transitive predecessors in dependency order; empty for a finished initiative.

    Raises
    ------
    ValueError
        When the initiative does not exist or the dependencies form a cycle.
    """
    _known(portfolio, initiative_id)
    graph = open_graph(portfolio)
    order = _acyclic_order(graph)
    above = nx.ancestors(graph, initiative_id) if initiative_id in graph else set()
    return [node for node in order if node in above]


def layers(portfolio: Portfolio) -> dict[str, int]:
    """The step of every unfinished initiative, for a stepwise (trinnvis) view.

    Step 0 holds initiatives with no unfinished predecessor; step ``k`` those whose
    longest chain of unfinished predecessors is ``k`` long (topological generations).
    Completed and stopped initiatives have no step.

    Raises
    ------
    ValueError
        When the dependencies form a cycle.
    """
    graph = open_graph(portfolio)
    _acyclic_order(graph)
    step = {str(node): number for number, nodes in enumerate(nx.topological_generations(graph)) for node in nodes}
    return {str(node): step[str(node)] for node in graph.nodes}
