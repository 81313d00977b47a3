"""The dependency figure: assertions on its traces, layout and annotations."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

from planning.charts.dependency import (
    AREA_COLOURS,
    CRITICAL_COLOUR,
    STATUS_COLOURS,
    dependency_figure,
    node_positions,
)
from planning.domain.loading import build_portfolio
from planning.domain.portfolio import Portfolio


def sample() -> Portfolio:
    """A(2) -> B(3) -> D(1) is the critical path; A -> C(1) start-to-start; X is completed."""
    initiatives: list[dict[str, Any]] = [
        {"id": "A", "duration": 2, "area": "shared_infrastructure"},
        {"id": "B", "duration": 3, "area": "journal_collaboration", "status": "approved"},
        {"id": "C", "duration": 1, "area": "citizen_services"},
        {"id": "D", "duration": 1, "area": "journal_collaboration", "total_cost": None, "cost_profile": [4.5]},
        {"id": "X", "duration": 1, "area": "shared_infrastructure", "status": "completed"},
        {"id": "E", "duration": 1, "area": "home_follow_up", "status": "started"},
    ]
    return build_portfolio(
        {
            "horizon": [{"id": "default", "first_year": 2026, "periods": 8}],
            "funding_pool": [{"id": "HSO", "name": "Helse Sør-Øst", "population_share": 0.57}],
            "ambition_level": [{"id": "Basis", "rank": 1, "factor": 1}],
            "initiative": [
                {"name": f"Tiltak {row['id']}", "lead_region": "HSO", "total_cost": 10} | row for row in initiatives
            ],
            "dependency": [
                {"predecessor_id": "X", "successor_id": "A"},
                {"predecessor_id": "A", "successor_id": "B"},
                {"predecessor_id": "B", "successor_id": "D"},
                {"predecessor_id": "A", "successor_id": "C", "kind": "start_to_start"},
            ],
        }
    )


def node_traces(figure: go.Figure) -> list[go.Scatter]:
    return [trace for trace in figure.data if trace.mode == "markers+text"]


def edge_trace(figure: go.Figure, name: str) -> go.Scatter:
    (trace,) = [t for t in figure.data if t.mode == "lines" and t.name == name]
    return trace


def edges_of(trace: go.Scatter) -> set[str]:
    return set(trace.customdata)


def test_one_marker_per_initiative_coloured_by_area() -> None:
    figure = dependency_figure(sample())
    nodes = node_traces(figure)
    assert sorted(i for trace in nodes for i in trace.customdata) == ["A", "B", "C", "D", "E", "X"]
    by_area = {trace.legendgroup: (trace.marker.color, set(trace.customdata)) for trace in nodes}
    assert by_area == {
        "journal_collaboration": (AREA_COLOURS["journal_collaboration"], {"B", "D"}),
        "home_follow_up": (AREA_COLOURS["home_follow_up"], {"E"}),
        "citizen_services": (AREA_COLOURS["citizen_services"], {"C"}),
        "shared_infrastructure": (AREA_COLOURS["shared_infrastructure"], {"A", "X"}),
    }
    assert nodes[0].name == "Journal og samhandling"
    assert figure.layout.legend.title.text == "Område"


def test_colour_by_status() -> None:
    figure = dependency_figure(sample(), color_by="status")
    colours = {trace.legendgroup: trace.marker.color for trace in node_traces(figure)}
    assert colours == {status: STATUS_COLOURS[status] for status in ("proposed", "approved", "started", "completed")}
    assert len(set(colours.values())) == 4


def test_critical_dependencies_are_thick_red_lines() -> None:
    figure = dependency_figure(sample())
    critical = edge_trace(figure, "Kritisk linje")
    assert critical.line.color == CRITICAL_COLOUR
    assert critical.line.width > edge_trace(figure, "Avhengighet").line.width
    assert edges_of(critical) == {"A->B", "B->D"}
    assert edges_of(edge_trace(figure, "Avhengighet")) == {"X->A"}
    assert edges_of(edge_trace(figure, "Start-til-start")) == {"A->C"}
    arrows = [a for a in figure.layout.annotations if a.showarrow]
    assert len(arrows) == 4
    assert sum(a.arrowcolor == CRITICAL_COLOUR for a in arrows) == 2
    outlines = {
        i: width
        for trace in node_traces(figure)
        for i, width in zip(trace.customdata, trace.marker.line.width, strict=True)
    }
    assert outlines == {"A": 3, "B": 3, "D": 3, "C": 1, "E": 1, "X": 1}


def test_layout_puts_steps_left_to_right_and_finished_initiatives_first() -> None:
    positions = node_positions(sample())
    assert {i: x for i, (x, _) in positions.items()} == {"X": -1, "A": 0, "E": 0, "B": 1, "C": 1, "D": 2}
    assert positions["A"][1] - positions["E"][1] == 1  # one above the other, in the table's order
    assert positions["X"][1] == positions["A"][1]  # level with the one it leads to
    axis = dependency_figure(sample()).layout.xaxis
    assert list(axis.ticktext) == ["Ferdig/stoppet", "Trinn 1", "Trinn 2", "Trinn 3"]
    assert axis.title.text.startswith("Trinn")


def test_hover_text_names_status_duration_cost_and_earliest_start() -> None:
    figure = dependency_figure(sample())
    hover = {
        i: text for trace in node_traces(figure) for i, text in zip(trace.customdata, trace.hovertext, strict=True)
    }
    assert "Tiltak B" in hover["B"]
    assert "Status: Godkjent" in hover["B"]
    assert "Varighet: 3 år" in hover["B"]
    assert "Kostnad: 10 MNOK" in hover["B"]
    assert "Tidligste start: 2028" in hover["B"]
    assert "Kostnad: 4.5 MNOK" in hover["D"]
    assert "ferdig eller stoppet" in hover["X"]


def test_highlight_fades_initiatives_outside_its_chain() -> None:
    figure = dependency_figure(sample(), highlight="B")
    opacity = {
        i: o for trace in node_traces(figure) for i, o in zip(trace.customdata, trace.marker.opacity, strict=True)
    }
    assert opacity == {"X": 1.0, "A": 1.0, "B": 1.0, "D": 1.0, "C": 0.25, "E": 0.25}
    assert edges_of(edge_trace(figure, "Andre avhengigheter")) == {"A->C"}
    assert figure.layout.title.text == "Avhengigheter mellom tiltak: B Tiltak B"


def test_unknown_options_are_refused() -> None:
    with pytest.raises(ValueError, match="color_by"):
        dependency_figure(sample(), color_by="risk")
    with pytest.raises(ValueError, match="unknown initiative"):
        dependency_figure(sample(), highlight="Q")


def test_a_portfolio_without_initiatives_gives_an_empty_figure() -> None:
    figure = dependency_figure(Portfolio.empty())
    assert node_traces(figure) == []
    assert figure.layout.annotations[0].text == "Ingen tiltak å vise"
