"""Dependency graph analysis on tiny portfolios whose answers can be worked out by hand."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from planning.domain.graph import (
    critical_dependencies,
    critical_path,
    dependency_graph,
    find_cycles,
    layers,
    name_cycle,
    schedule_bounds,
    unlocks,
    waits_for,
)
from planning.domain.loading import build_portfolio, parse_portfolio
from planning.domain.portfolio import Portfolio


def raw_portfolio(
    initiatives: Iterable[dict[str, Any]],
    dependencies: Iterable[dict[str, Any]] = (),
    benefits: Iterable[dict[str, Any]] = (),
    *,
    periods: int = 8,
) -> dict[str, list[dict[str, Any]]]:
    """Raw rows: a horizon from 2026, one funding pool, a reference ambition level."""
    return {
        "horizon": [{"id": "default", "first_year": 2026, "periods": periods}],
        "funding_pool": [{"id": "HSO", "name": "Helse Sør-Øst", "population_share": 0.57}],
        "ambition_level": [{"id": "Basis", "rank": 1, "factor": 1}],
        "initiative": [
            {"name": f"Tiltak {row['id']}", "area": "journal_collaboration", "lead_region": "HSO", "total_cost": 10}
            | row
            for row in initiatives
        ],
        "dependency": list(dependencies),
        "benefit": list(benefits),
    }


def make(*args: Any, **kwargs: Any) -> Portfolio:
    return build_portfolio(raw_portfolio(*args, **kwargs))


def test_graph_has_a_node_per_initiative_and_an_edge_per_dependency() -> None:
    p = make(
        [{"id": "A", "duration": 2, "area": "shared_infrastructure"}, {"id": "B", "duration": 1}],
        [{"predecessor_id": "A", "successor_id": "B", "kind": "start_to_start", "lag": 1}],
    )
    graph = dependency_graph(p)
    assert list(graph.nodes) == ["A", "B"]
    assert graph.nodes["A"] == {
        "name": "Tiltak A",
        "area": "shared_infrastructure",
        "status": "proposed",
        "duration": 2,
        "lead_region": "HSO",
    }
    assert graph.edges["A", "B"] == {"id": "A->B", "kind": "start_to_start", "lag": 1}


def test_cpm_with_finish_to_start_start_to_start_and_lags() -> None:
    # A (2 periods) -> B (3) finish-to-start with lag 1; A -> C (1) start-to-start with lag 1.
    p = make(
        [{"id": "A", "duration": 2}, {"id": "B", "duration": 3}, {"id": "C", "duration": 1}],
        [
            {"predecessor_id": "A", "successor_id": "B", "lag": 1},
            {"predecessor_id": "A", "successor_id": "C", "kind": "start_to_start", "lag": 1},
        ],
    )
    bounds = schedule_bounds(p)
    expected = pd.DataFrame(
        {
            "earliest_start": [0, 3, 1],
            "earliest_finish": [1, 5, 1],
            "latest_start": [2, 5, 7],  # horizon ends in period 7; A must leave B room
            "latest_finish": [3, 7, 7],
            "slack": [2, 2, 6],
            "critical": [True, True, False],
            "beyond_horizon": [False, False, False],
        },
        index=pd.Index(["A", "B", "C"], name="id", dtype=object),
    )
    pd.testing.assert_frame_equal(bounds, expected)
    assert critical_path(p) == ["A", "B"]
    assert critical_dependencies(p) == [("A", "B")]


def test_the_dependency_forcing_the_longer_wait_wins_for_one_pair() -> None:
    p = make(
        [{"id": "A", "duration": 2}, {"id": "B", "duration": 1}],
        [
            {"id": "fs", "predecessor_id": "A", "successor_id": "B"},
            {"id": "ss", "predecessor_id": "A", "successor_id": "B", "kind": "start_to_start", "lag": 3},
        ],
    )
    assert schedule_bounds(p).at["B", "earliest_start"] == 3
    assert dependency_graph(p).edges["A", "B"]["id"] == "ss"


def test_windows_bound_start_and_finish() -> None:
    # E may not start before 2029 (period 3) though A is done after period 1; D must finish by 2030.
    p = make(
        [
            {"id": "A", "duration": 2},
            {"id": "E", "duration": 1, "earliest_start": "2029"},
            {"id": "D", "duration": 2, "earliest_start": "2027", "latest_finish": "2030"},
        ],
        [{"predecessor_id": "A", "successor_id": "E"}],
    )
    bounds = schedule_bounds(p)
    assert bounds.loc["E", ["earliest_start", "earliest_finish", "slack"]].tolist() == [3, 3, 4]
    assert bounds.loc["D", ["earliest_start", "latest_start", "latest_finish", "slack"]].tolist() == [1, 3, 4, 2]
    # The portfolio ends in period 3 with E, whose start the window sets: A is not critical.
    assert bounds["critical"].to_dict() == {"A": False, "E": True, "D": False}
    assert critical_path(p) == ["E"]


def test_started_initiatives_start_at_period_0_and_finished_ones_impose_no_wait() -> None:
    p = make(
        [
            {"id": "P", "duration": 2, "status": "started"},
            {"id": "S", "duration": 2, "status": "started", "earliest_start": "2028"},
            {"id": "X", "duration": 3, "status": "completed"},
            {"id": "Y", "duration": 1},
            {"id": "Z", "duration": 1, "status": "stopped"},
        ],
        [
            {"predecessor_id": "P", "successor_id": "S", "kind": "start_to_start"},
            {"predecessor_id": "X", "successor_id": "Y"},
            {"predecessor_id": "Y", "successor_id": "Z"},
        ],
    )
    bounds = schedule_bounds(p)
    assert list(bounds.index) == ["P", "S", "Y"]
    assert bounds["earliest_start"].to_dict() == {"P": 0, "S": 0, "Y": 0}
    assert bounds["latest_start"].to_dict() == {"P": 6, "S": 6, "Y": 7}


def test_finishing_after_the_horizon_shows_as_negative_slack() -> None:
    p = make(
        [{"id": "A", "duration": 2}, {"id": "B", "duration": 2}],
        [{"predecessor_id": "A", "successor_id": "B"}],
        periods=3,
    )
    bounds = schedule_bounds(p)
    assert bounds["earliest_finish"].to_dict() == {"A": 1, "B": 3}
    assert bounds["beyond_horizon"].to_dict() == {"A": False, "B": True}
    assert bounds["slack"].to_dict() == {"A": -1, "B": -1}
    assert bounds["critical"].all()


def test_critical_path_follows_the_longest_chain() -> None:
    # A(1) -> B(3) -> D(1) is 5 periods; A -> C(1) -> D is shorter.
    p = make(
        [{"id": i, "duration": d} for i, d in [("A", 1), ("B", 3), ("C", 1), ("D", 1)]],
        [{"predecessor_id": a, "successor_id": b} for a, b in [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")]],
    )
    assert critical_path(p) == ["A", "B", "D"]
    assert schedule_bounds(p).at["C", "critical"] == False  # noqa: E712
    assert critical_dependencies(p) == [("A", "B"), ("B", "D")]


def test_empty_schedule() -> None:
    p = make([{"id": "X", "duration": 1, "status": "completed"}])
    assert schedule_bounds(p).empty
    assert critical_path(p) == []
    assert layers(p) == {}


def unlock_portfolio() -> Portfolio:
    # A -> B -> C, A -> D (completed); benefits on each.
    return make(
        [
            {"id": "A", "duration": 1},
            {"id": "B", "duration": 1},
            {"id": "C", "duration": 1},
            {"id": "D", "duration": 1, "status": "completed"},
        ],
        [{"predecessor_id": a, "successor_id": b} for a, b in [("A", "B"), ("B", "C"), ("A", "D")]],
        [
            {"id": "own", "initiative_id": "A", "title": "Egen gevinst", "annual_value": 100},
            {"id": "b1", "initiative_id": "B", "title": "Spart tid", "annual_value": 5},
            {"id": "c1", "initiative_id": "C", "title": "Færre feil", "annual_value": 7.5},
            {"id": "c2", "initiative_id": "C", "title": "Pasientsikkerhet", "monetised": False, "theme": "quality"},
            {"id": "d1", "initiative_id": "D", "title": "Allerede hentet", "annual_value": 50},
        ],
    )


def test_unlocks_counts_the_benefits_of_unfinished_dependants() -> None:
    p = unlock_portfolio()
    result = unlocks(p, "A")
    assert result.dependants == ["B", "C"]
    assert list(result.benefits.index) == ["b1", "c1", "c2"]
    assert result.annual_value == pytest.approx(12.5)
    assert result.non_monetised == 1
    assert unlocks(p, "C").dependants == []
    assert unlocks(p, "D").annual_value == 0


def test_waits_for_lists_unfinished_transitive_predecessors() -> None:
    p = unlock_portfolio()
    assert waits_for(p, "C") == ["A", "B"]
    assert waits_for(p, "A") == []
    assert waits_for(p, "D") == []
    with pytest.raises(ValueError, match="unknown initiative 'Q'"):
        waits_for(p, "Q")


def test_layers_are_topological_generations_of_unfinished_initiatives() -> None:
    p = make(
        [{"id": i, "duration": 1} for i in "ABCDF"] + [{"id": "E", "duration": 1, "status": "completed"}],
        [{"predecessor_id": a, "successor_id": b} for a, b in [("A", "B"), ("B", "C"), ("A", "C"), ("E", "F")]],
    )
    assert layers(p) == {"A": 0, "B": 1, "C": 2, "D": 0, "F": 0}


def test_find_cycles_names_each_cycle_from_its_smallest_id() -> None:
    graph = nx.DiGraph([("B", "C"), ("C", "A"), ("A", "B"), ("D", "E")])
    cycles = find_cycles(graph)
    assert cycles == [["A", "B", "C"]]
    assert name_cycle(cycles[0]) == "A -> B -> C -> A"
    two = nx.DiGraph([("B", "A"), ("A", "B"), ("C", "D"), ("D", "C"), ("E", "E")])
    assert sorted(find_cycles(two)) == [["A", "B"], ["C", "D"], ["E"]]
    assert len(find_cycles(two, limit=1)) == 1


def test_validation_reports_cycles_by_name() -> None:
    raw = raw_portfolio(
        [{"id": i, "duration": 1} for i in "ABC"],
        [{"predecessor_id": a, "successor_id": b} for a, b in [("A", "B"), ("B", "C"), ("C", "A")]],
    )
    problems = [p for p in parse_portfolio(raw).problems if p.table == "dependency"]
    assert [(p.row, p.message) for p in problems] == [("C->A", "dependency cycle A -> B -> C -> A")]


def test_analysis_of_a_cyclic_portfolio_names_the_cycle() -> None:
    p = make(
        [{"id": i, "duration": 1} for i in "ABC"],
        [{"predecessor_id": "A", "successor_id": "B"}, {"predecessor_id": "B", "successor_id": "C"}],
    )
    p.dependencies.loc["C->A"] = {"predecessor_id": "C", "successor_id": "A", "kind": "finish_to_start", "lag": 0}
    with pytest.raises(ValueError, match="dependency cycle A -> B -> C -> A"):
        schedule_bounds(p)
    with pytest.raises(ValueError, match="dependency cycle"):
        layers(p)
