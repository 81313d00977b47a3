"""A layered drawing of a directed graph: columns left to right, few crossing lines.

Sugiyama's method, kept small. Every node has a given column. A line that spans several
columns bends once in each column between its ends, at a point that takes its own place
in that column, so it passes between the nodes there instead of through them. The order
within each column comes from barycentre sweeps (each point moves to the mean place of its
neighbours in the column before, then in the column after), and the order with the fewest
crossings between neighbouring columns is kept. The heights then come from a linear
programme, as in Graphviz's dot (Gansner, Koutsofios, North and Vo 1993): in that order and
with room for each point, as little height as possible between the two ends of every
stretch of line, weighted so that a long line runs straight through its bends first. A line
between two nodes of the same column bows out to the left of the places between them.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import highspy
import networkx as nx
import numpy as np

SWEEPS = 24
"""Barycentre sweeps, alternately rightwards and leftwards."""
BEND_SPACE = 0.35
"""Height a bend point takes in its column, where a node takes 1."""
SIDE_STEP, SIDE_LIMIT = 0.08, 0.4
"""How far to the left of its column a line within the column bows, per place it passes, and at most."""
STRAIGHTNESS = (1.0, 2.0, 8.0)
"""Weight of the height a stretch of line climbs, by how many of its two ends are bends (dot's
weights): a long line's stretches between bends run straight first, then those into its ends."""

Point = tuple[float, float]


@dataclass(frozen=True)
class Bend:
    """Where the line from ``tail`` to ``head`` crosses column ``column``."""

    tail: str
    head: str
    column: int


Place = str | Bend
"""A node or a bend point: what takes a place in a column."""


@dataclass(frozen=True)
class LayeredLayout:
    """Where every node stands and which points each line passes through."""

    positions: dict[str, Point]
    routes: dict[tuple[str, str], list[Point]]
    """Each edge's points from its tail's position to its head's, bends between."""
    crossings: int
    """Crossings between lines in neighbouring columns, in the order chosen."""


def layered_layout(graph: nx.DiGraph, column: Mapping[str, int], order: Sequence[str]) -> LayeredLayout:
    """Lay out the nodes in ``order`` at their ``column``; edges to nodes not in ``order`` are left out.

    ``order`` is the starting order within each column, and settles ties.
    """
    placed = set(order)
    edges = [(str(t), str(h)) for t, h in graph.edges if t in placed and h in placed]
    segments, bends = _segments(edges, column)
    columns = _starting_columns(order, column, bends)
    columns = _fewest_crossings(columns, segments)
    coordinates = _coordinates(columns, segments)
    routes = {
        (tail, head): [coordinates[tail], *(coordinates[bend] for bend in bends[(tail, head)]), coordinates[head]]
        for tail, head in edges
    }
    for tail, head in edges:
        if column[tail] == column[head]:
            routes[(tail, head)] = _beside(routes[(tail, head)], columns[column[tail]], tail, head)
    return LayeredLayout(
        positions={node: coordinates[node] for node in order},
        routes=routes,
        crossings=_crossings(columns, segments),
    )


def _beside(route: list[Point], places: list[Place], tail: str, head: str) -> list[Point]:
    """A line within one column bows out to the left of the places between its ends (further
    the more there are), instead of running through them; between neighbours it stays straight."""
    between = abs(places.index(tail) - places.index(head)) - 1
    if between <= 0:
        return route
    (x, top), (_, bottom) = route
    return [route[0], (x - min(SIDE_STEP * (1 + between), SIDE_LIMIT), (top + bottom) / 2), route[1]]


def _segments(
    edges: list[tuple[str, str]], column: Mapping[str, int]
) -> tuple[list[tuple[Place, Place]], dict[tuple[str, str], list[Bend]]]:
    """The lines cut at every column they cross, and each edge's bends in column order."""
    segments: list[tuple[Place, Place]] = []
    bends: dict[tuple[str, str], list[Bend]] = {}
    for tail, head in edges:
        inner = [Bend(tail, head, c) for c in range(column[tail] + 1, column[head])]
        bends[(tail, head)] = inner
        chain: list[Place] = [tail, *inner, head]
        segments += list(pairwise(chain))
    return segments, bends


def _starting_columns(
    order: Sequence[str], column: Mapping[str, int], bends: Mapping[tuple[str, str], list[Bend]]
) -> dict[int, list[Place]]:
    columns: dict[int, list[Place]] = {c: [] for c in sorted({column[node] for node in order})}
    for node in order:
        columns[column[node]].append(node)
    for inner in bends.values():
        for bend in inner:
            columns.setdefault(bend.column, []).append(bend)
    return dict(sorted(columns.items()))


def _fewest_crossings(columns: dict[int, list[Place]], segments: list[tuple[Place, Place]]) -> dict[int, list[Place]]:
    left: dict[Place, list[Place]] = {}
    right: dict[Place, list[Place]] = {}
    for a, b in segments:
        right.setdefault(a, []).append(b)
        left.setdefault(b, []).append(a)
    best, fewest = columns, _crossings(columns, segments)
    current = columns
    keys = sorted(columns)
    for sweep in range(SWEEPS):
        rightwards = sweep % 2 == 0
        current = dict(current)
        for c in keys[1:] if rightwards else keys[-2::-1]:
            fixed = current[keys[keys.index(c) + (-1 if rightwards else 1)]]
            current[c] = _by_barycentre(current[c], fixed, left if rightwards else right)
        count = _crossings(current, segments)
        if count < fewest:
            best, fewest = current, count
    return best


def _by_barycentre(places: list[Place], fixed: list[Place], neighbours: Mapping[Place, list[Place]]) -> list[Place]:
    """``places`` sorted by the mean rank of their neighbours in ``fixed``; a place without
    neighbours there keeps its rank."""
    rank = {place: number for number, place in enumerate(fixed)}

    def key(item: tuple[int, Place]) -> float:
        number, place = item
        found = [rank[n] for n in neighbours.get(place, []) if n in rank]
        return sum(found) / len(found) if found else float(number)

    return [place for _, place in sorted(enumerate(places), key=key)]


def _crossings(columns: Mapping[int, list[Place]], segments: list[tuple[Place, Place]]) -> int:
    rank: dict[Hashable, tuple[int, int]] = {
        place: (c, number) for c, places in columns.items() for number, place in enumerate(places)
    }
    between: dict[int, list[tuple[int, int]]] = {}
    for a, b in segments:
        (ca, ra), (cb, rb) = rank[a], rank[b]
        if cb == ca + 1:
            between.setdefault(ca, []).append((ra, rb))
    return sum(_inversions(pairs) for pairs in between.values())


def _inversions(pairs: list[tuple[int, int]]) -> int:
    """Lines between two columns, as (rank on the left, rank on the right), that cross."""
    seen: list[int] = []
    count = 0
    for _, right in sorted(pairs):
        count += len(seen) - bisect_right(seen, right)
        insort(seen, right)
    return count


def _coordinates(columns: Mapping[int, list[Place]], segments: list[tuple[Place, Place]]) -> dict[Place, Point]:
    """Each place at its column, top to bottom in the column's order with room for each (a node
    takes 1, a bend :data:`BEND_SPACE`), at the heights that make the lines climb least
    (:data:`STRAIGHTNESS`); the drawing centred on 0."""
    places = [place for c in columns for place in columns[c]]
    index = {place: number for number, place in enumerate(places)}
    heights = solve_heights(
        len(places),
        [(index[p], index[q], _room(p, q)) for c in columns for p, q in pairwise(columns[c])],
        [(index[a], index[b], STRAIGHTNESS[isinstance(a, Bend) + isinstance(b, Bend)]) for a, b in segments],
    )
    middle = (max(heights) + min(heights)) / 2 if places else 0.0
    return {place: (float(c), round(heights[index[place]] - middle, 6)) for c in columns for place in columns[c]}


def _room(above: Place, below: Place) -> float:
    return sum(BEND_SPACE if isinstance(place, Bend) else 1.0 for place in (above, below)) / 2


def solve_heights(
    count: int, spacing: Sequence[tuple[int, int, float]], lines: Sequence[tuple[int, int, float]]
) -> list[float]:
    """Heights ``y`` of ``count`` points with ``y[above] - y[below] >= room`` for each of
    ``spacing`` that minimise the sum of ``weight * |y[a] - y[b]|`` over ``lines``.

    One variable per point and one per line (its climb, at least the difference either way):
    a linear programme that HiGHS solves in milliseconds for a portfolio's drawing.
    """
    if count == 0:
        return []
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    inf = highs.getInfinity()
    climbs = len(lines)
    costs = np.concatenate([np.zeros(count), np.array([w for _, _, w in lines], dtype=float)])
    lower = np.concatenate([np.full(count, -inf), np.zeros(climbs)])
    highs.addVars(count + climbs, lower, np.full(count + climbs, inf))
    highs.changeColsCost(count + climbs, np.arange(count + climbs, dtype=np.int32), costs)
    for above, below, room in spacing:
        _add_row(highs, room, inf, [above, below], [1.0, -1.0])
    for number, (a, b, _) in enumerate(lines):  # climb >= y[a] - y[b] and climb >= y[b] - y[a]
        _add_row(highs, 0.0, inf, [count + number, a, b], [1.0, -1.0, 1.0])
        _add_row(highs, 0.0, inf, [count + number, a, b], [1.0, 1.0, -1.0])
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"the layout's heights were not found: {highs.modelStatusToString(highs.getModelStatus())}")
    return [float(y) for y in highs.getSolution().col_value[:count]]


def _add_row(highs: highspy.Highs, lower: float, upper: float, columns: list[int], values: list[float]) -> None:
    highs.addRow(lower, upper, len(columns), np.array(columns, dtype=np.int32), np.array(values, dtype=float))
