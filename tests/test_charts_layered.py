"""The layered layout behind the dependency figure: columns kept, few crossings, lines bent
between the nodes of the columns they cross."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.charts import layered
from planning.charts.layered import BEND_SPACE, layered_layout


def test_crossing_lines_are_untangled() -> None:
    graph = nx.DiGraph([("a", "c"), ("b", "d")])
    column = {"a": 0, "b": 0, "c": 1, "d": 1}
    layout = layered_layout(graph, column, ["a", "b", "d", "c"])  # in this order the two lines cross
    assert layout.crossings == 0
    assert layout.positions["a"][1] > layout.positions["b"][1]
    assert layout.positions["c"][1] > layout.positions["d"][1]
    assert {node: x for node, (x, _) in layout.positions.items()} == column
    assert layout.routes[("a", "c")] == [layout.positions["a"], layout.positions["c"]]


def test_a_line_over_several_columns_bends_between_the_nodes_it_passes() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("a", "m"), ("m", "c")])
    column = {"a": 0, "b": 1, "m": 1, "c": 2}
    layout = layered_layout(graph, column, ["a", "b", "m", "c"])
    start, bend, end = layout.routes[("a", "c")]
    assert (start, end) == (layout.positions["a"], layout.positions["c"])
    assert bend[0] == 1
    for node in ("b", "m"):  # the line passes beside the nodes of column 1, not through them
        assert abs(layout.positions[node][1] - bend[1]) >= (1 + BEND_SPACE) / 2


def test_columns_are_centred_and_edges_to_nodes_left_out_are_dropped() -> None:
    graph = nx.DiGraph([("a", "b"), ("a", "gone")])
    layout = layered_layout(graph, {"a": 0, "b": 0, "gone": 1}, ["a", "b"])
    assert sorted(y for _, y in layout.positions.values()) == [-0.5, 0.5]
    assert set(layout.routes) == {("a", "b")}


@st.composite
def layered_graphs(draw: st.DrawFn) -> tuple[nx.DiGraph, dict[str, int], list[str]]:
    count = draw(st.integers(2, 14))
    column = {f"n{i}": draw(st.integers(0, 4)) for i in range(count)}
    nodes = list(column)
    pairs = [(t, h) for t in nodes for h in nodes if column[t] < column[h]]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=25, unique=True)) if pairs else []
    graph = nx.DiGraph(edges)
    graph.add_nodes_from(nodes)
    return graph, column, draw(st.permutations(nodes))


@settings(max_examples=60, deadline=None)
@given(case=layered_graphs())
def test_the_layout_never_has_more_crossings_than_the_starting_order(
    case: tuple[nx.DiGraph, dict[str, int], list[str]],
) -> None:
    graph, column, order = case
    layout = layered_layout(graph, column, order)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layered, "SWEEPS", 0)
        unsorted = layered_layout(graph, column, order)
    assert layout.crossings <= unsorted.crossings
    assert {node: x for node, (x, _) in layout.positions.items()} == column
    for (tail, head), route in layout.routes.items():
        assert [x for x, _ in route] == list(range(column[tail], column[head] + 1))
    points = [*layout.positions.values(), *(p for route in layout.routes.values() for p in route[1:-1])]
    assert len(set(points)) == len(points)  # no node or bend on top of another
    assert layout.crossings == drawn_crossings(layout.routes.values())


def drawn_crossings(routes: Iterable[list[tuple[float, float]]]) -> int:
    """Crossings counted on the drawing: stretches between the same two columns that swap heights."""
    stretches = [(a, b) for route in routes for a, b in itertools.pairwise(route) if b[0] == a[0] + 1]
    return sum(
        1
        for (a1, b1), (a2, b2) in itertools.combinations(stretches, 2)
        if a1[0] == a2[0] and (a1[1] - a2[1]) * (b1[1] - b2[1]) < 0
    )
