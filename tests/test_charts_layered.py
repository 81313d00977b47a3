"""The layered layout behind the dependency figure: columns kept, few crossings, lines bent
between the nodes of the columns they cross, and run as straight as the nodes allow."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.charts import layered
from planning.charts.layered import BEND_SPACE, layered_layout, solve_heights


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


def test_a_long_line_runs_straight_past_the_nodes_of_the_columns_it_crosses() -> None:
    graph = nx.DiGraph([("a", "d"), ("a", "b"), ("b", "c"), ("x", "y"), ("y", "z")])
    column = {"a": 0, "x": 0, "b": 1, "y": 1, "c": 2, "z": 2, "d": 3}
    layout = layered_layout(graph, column, list(column))
    assert len({y for _, y in layout.routes[("a", "d")]}) == 1  # level from end to end, no zigzag
    for chain in (["b", "c"], ["x", "y", "z"]):  # the other lines level too, beside it
        assert len({layout.positions[node][1] for node in chain}) == 1, chain


def test_a_node_stands_level_with_its_only_neighbour() -> None:
    graph = nx.DiGraph([("a", "b"), ("c", "d"), ("e", "d")])
    column = {"a": 0, "c": 0, "e": 0, "b": 1, "d": 1}
    layout = layered_layout(graph, column, list(column))
    assert layout.positions["a"][1] == layout.positions["b"][1]
    assert layout.positions["c"][1] >= layout.positions["d"][1] >= layout.positions["e"][1]


def test_a_line_within_a_column_bows_out_beside_the_nodes_between_its_ends() -> None:
    graph = nx.DiGraph([("a", "c"), ("a", "b"), ("b", "c")])
    layout = layered_layout(graph, {"a": 0, "b": 0, "c": 0}, ["a", "b", "c"])
    start, side, end = layout.routes[("a", "c")]
    assert (start, end) == (layout.positions["a"], layout.positions["c"])
    assert side == (-2 * layered.SIDE_STEP, layout.positions["b"][1])  # left of b, level with it
    assert layout.routes[("a", "b")] == [layout.positions["a"], layout.positions["b"]]  # neighbours: straight


def test_heights_keep_the_room_asked_for_and_let_the_heaviest_line_run_level() -> None:
    # point 0 above point 1 by at least 1; lines 0-2 (weight 1) and 1-2 (weight 3) pull 2 both ways
    heights = solve_heights(3, [(0, 1, 1.0)], [(0, 2, 1.0), (1, 2, 3.0)])
    assert heights[0] - heights[1] == pytest.approx(1.0)
    assert heights[2] == pytest.approx(heights[1])
    assert solve_heights(0, [], []) == []


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
