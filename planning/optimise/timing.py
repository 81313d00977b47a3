"""Earliest possible starts from dependencies and windows alone (no money, no capacity)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from planning.optimise.inputs import PlanInputs, must_be_in


@dataclass(frozen=True)
class EarliestStarts:
    """Earliest start per initiative, and the predecessor that sets it (``None`` = its own window)."""

    start: dict[str, int]
    set_by: dict[str, str | None]

    def chain(self, initiative: str) -> list[str]:
        """The dependency chain that sets ``initiative``'s earliest start, first link first."""
        links = [initiative]
        while (previous := self.set_by.get(links[-1])) is not None:
            links.append(previous)
        return links[::-1]


def offset_graph(inputs: PlanInputs) -> nx.DiGraph:
    """Decision initiatives with an edge per dependency whose ``offset`` is the least number of
    periods from the predecessor's start to the successor's (the longest where several apply)."""
    table = inputs.initiatives
    graph = nx.DiGraph()
    graph.add_nodes_from(inputs.ids)
    for _, dep in inputs.dependencies.iterrows():
        p, s = str(dep["predecessor_id"]), str(dep["successor_id"])
        offset = int(dep["lag"]) + (int(table.at[p, "duration"]) if dep["kind"] == "finish_to_start" else 0)
        if graph.has_edge(p, s):
            offset = max(offset, int(graph.edges[p, s]["offset"]))
        graph.add_edge(p, s, offset=offset)
    return graph


def earliest_starts(inputs: PlanInputs) -> EarliestStarts:
    """Forward pass over the decision initiatives in dependency order.

    Finish-to-start: start_s >= start_p + duration_p + lag; start-to-start: start_s >= start_p + lag.
    """
    table, graph = inputs.initiatives, offset_graph(inputs)
    start: dict[str, int] = {}
    set_by: dict[str, str | None] = {}
    for i in nx.topological_sort(graph):
        start[i], set_by[i] = int(table.at[i, "earliest"]), None
        for p in graph.predecessors(i):
            candidate = start[p] + int(graph.edges[p, i]["offset"])
            if candidate > start[i]:
                start[i], set_by[i] = candidate, p
    return EarliestStarts(start, set_by)


def cap_target_windows(inputs: PlanInputs, makespan: int) -> None:
    """Narrow start windows to what a plan with this makespan can use (earliest-completion).

    Every completion target must finish by ``makespan``, and so each of its predecessors
    (transitively) must leave room for what follows it: a backward pass over the targets'
    ancestors. Others keep their windows. Valid whenever ``makespan`` is an upper bound on
    the optimum, for example the greedy schedule's.
    """
    table, graph = inputs.initiatives, offset_graph(inputs)
    latest: dict[str, int] = {i: makespan - int(table.at[i, "duration"]) for i in inputs.targets}
    for i in reversed(list(nx.topological_sort(graph))):
        bounds = [latest[s] - int(graph.edges[i, s]["offset"]) for s in graph.successors(i) if s in latest]
        if bounds:
            latest[i] = min([*bounds, latest.get(i, bounds[0])])
    for i, bound in latest.items():
        table.at[i, "latest_start"] = min(int(table.at[i, "latest_start"]), bound)


def close_unneeded_windows(inputs: PlanInputs) -> None:
    """Under earliest completion, leave out what neither a target nor a requirement needs.

    Such initiatives add nothing to the makespan, so the solver could place them anywhere;
    their windows are closed and the reason recorded. Required: the targets, mandatory and
    started initiatives, the options of required alternative groups, and every initiative
    these wait for.
    """
    table = inputs.initiatives
    graph = nx.DiGraph()
    graph.add_nodes_from(inputs.ids)
    graph.add_edges_from(zip(inputs.dependencies["predecessor_id"], inputs.dependencies["successor_id"], strict=True))
    keep = set(inputs.targets) | set(table.index[must_be_in(table)])
    keep |= {i for group in inputs.required_groups for i in inputs.groups.get(group, [])}
    for i in list(keep):
        keep |= {str(a) for a in nx.ancestors(graph, i)}
    for i in inputs.ids:
        if i not in keep:
            table.at[i, "latest_start"] = int(table.at[i, "earliest"]) - 1
            inputs.excluded[i] = "not needed for the completion targets"
