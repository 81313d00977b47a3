"""The dependency network as a layered plotly figure, steps from left to right.

Unfinished initiatives stand in the column of their step (:func:`planning.domain.graph.layers`);
completed and stopped initiatives stand in a column of their own to the left. Labels
are in Norwegian bokmål, as in the rest of the user interface.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from planning.charts.layered import LayeredLayout, layered_layout
from planning.charts.plain import label
from planning.domain.columns import is_blank
from planning.domain.graph import critical_dependencies, dependency_graph, layers, schedule_bounds
from planning.domain.models import AREAS, STATUSES
from planning.domain.portfolio import Portfolio

AREA_LABELS = {
    "journal_collaboration": "Journal og samhandling",
    "home_follow_up": "Digital hjemmeoppfølging",
    "citizen_services": "Innbyggertjenester",
    "shared_infrastructure": "Felles infrastruktur",
}
STATUS_LABELS = {
    "proposed": "Foreslått",
    "approved": "Godkjent",
    "started": "Igangsatt",
    "completed": "Fullført",
    "stopped": "Stoppet",
}
AREA_COLOURS = dict(zip(AREAS, ("#4c78a8", "#f58518", "#54a24b", "#b279a2"), strict=True))
STATUS_COLOURS = dict(zip(STATUSES, ("#b0b0b0", "#4c78a8", "#f58518", "#54a24b", "#4d4d4d"), strict=True))
"""Categorical colours; red is kept for the critical path."""
CATEGORIES: dict[str, tuple[dict[str, str], dict[str, str], str]] = {
    "area": (AREA_LABELS, AREA_COLOURS, "Område"),
    "status": (STATUS_LABELS, STATUS_COLOURS, "Status"),
}
"""``color_by`` value -> (labels, colours, legend title)."""
OTHER_COLOUR = "#999999"
CRITICAL_COLOUR = "#d62728"
EDGE_COLOUR = "#8c8c8c"
FINISHED_COLUMN = -1
"""x of completed and stopped initiatives, left of step 1."""
NODE_SIZE = 20
PERIOD_WORDS = {"year": "år", "half-year": "halvår", "quarter": "kvartal"}

EDGE_STYLES: dict[str, dict[str, Any]] = {
    "finish_to_start": {"name": "Avhengighet", "color": EDGE_COLOUR, "width": 1.5, "dash": "solid", "opacity": 1.0},
    "start_to_start": {"name": "Start-til-start", "color": EDGE_COLOUR, "width": 1.5, "dash": "dot", "opacity": 1.0},
    "critical": {"name": "Kritisk linje", "color": CRITICAL_COLOUR, "width": 4, "dash": "solid", "opacity": 1.0},
    "faded": {"name": "Andre avhengigheter", "color": EDGE_COLOUR, "width": 1, "dash": "solid", "opacity": 0.2},
}
"""Edge group -> how its lines and arrows are drawn."""


@dataclass(frozen=True)
class _Network:
    """What the figure draws, read once from the portfolio."""

    graph: nx.DiGraph
    bounds: pd.DataFrame
    positions: dict[str, tuple[float, float]]
    routes: dict[tuple[str, str], list[tuple[float, float]]]
    """The points each dependency's line passes through, from predecessor to successor."""
    critical_edges: set[tuple[str, str]]
    focus: set[str] | None


def dependency_figure(portfolio: Portfolio, *, color_by: str = "area", highlight: str | None = None) -> go.Figure:
    """The dependency network, laid out in steps from left to right.

    Parameters
    ----------
    portfolio
        A validated portfolio (its dependencies form no cycle).
    color_by
        ``"area"`` or ``"status"``: one legend entry and colour per category.
    highlight
        Initiative id to pick out with everything it waits for and everything that waits
        on it; the rest is faded.

    Returns
    -------
    plotly.graph_objects.Figure
        Edge traces first (one per kind: finish-to-start, start-to-start, critical, and
        faded when highlighting; lines with arrow annotations), then one marker trace per
        category with the initiative ids as ``customdata``. Critical initiatives have a
        red outline, critical dependencies are thick red lines.

    Raises
    ------
    ValueError
        For an unknown ``color_by`` or ``highlight``.
    """
    if color_by not in CATEGORIES:
        raise ValueError(f"color_by must be one of {', '.join(CATEGORIES)}, not '{color_by}'")
    if highlight is not None and highlight not in portfolio.initiatives.index:
        raise ValueError(f"unknown initiative '{highlight}'")
    network = _network(portfolio, highlight)
    figure = go.Figure()
    for trace in _edge_traces(network):
        figure.add_trace(trace)
    for trace in _node_traces(portfolio, network, color_by, highlight):
        figure.add_trace(trace)
    figure.update_layout(annotations=_arrows(network))  # at once: one add_annotation each is quadratic
    _lay_out(figure, portfolio, network, color_by, highlight)
    return figure


def _network(portfolio: Portfolio, highlight: str | None) -> _Network:
    graph = dependency_graph(portfolio)
    focus = None
    if highlight is not None:
        focus = {highlight} | nx.ancestors(graph, highlight) | nx.descendants(graph, highlight)
    layout = network_layout(portfolio, graph)
    return _Network(
        graph=graph,
        bounds=schedule_bounds(portfolio),
        positions=layout.positions,
        routes=layout.routes,
        critical_edges=set(critical_dependencies(portfolio)),
        focus=focus,
    )


def node_positions(portfolio: Portfolio) -> dict[str, tuple[float, float]]:
    """(x, y) of every initiative: x its step (or -1 when finished), y its place in the column."""
    return network_layout(portfolio, dependency_graph(portfolio)).positions


def network_layout(portfolio: Portfolio, graph: nx.DiGraph) -> LayeredLayout:
    """Initiatives in the column of their step (completed and stopped ones left of step 1),
    ordered within each column for few crossing lines, and the points each dependency's line
    passes through (:mod:`planning.charts.layered`); ties keep the initiative table's order.
    ``graph`` is the portfolio's :func:`~planning.domain.graph.dependency_graph`."""
    step = layers(portfolio)
    column = {str(iid): step.get(str(iid), FINISHED_COLUMN) for iid in portfolio.initiatives.index}
    return layered_layout(graph, column, list(column))


def _edge_group(network: _Network, edge: tuple[str, str]) -> str:
    if network.focus is not None and not set(edge) <= network.focus:
        return "faded"
    if edge in network.critical_edges:
        return "critical"
    return str(network.graph.edges[edge]["kind"])


def _edges_by_group(network: _Network) -> dict[str, list[tuple[str, str]]]:
    groups: dict[str, list[tuple[str, str]]] = {name: [] for name in EDGE_STYLES}
    for p, s in network.graph.edges:
        if p in network.positions and s in network.positions:
            groups[_edge_group(network, (str(p), str(s)))].append((str(p), str(s)))
    return groups


def _edge_traces(network: _Network) -> list[go.Scatter]:
    traces = []
    for group, edges in _edges_by_group(network).items():
        if not edges:
            continue
        style = EDGE_STYLES[group]
        xs: list[float | None] = []
        ys: list[float | None] = []
        customdata: list[str] = []
        for p, s in edges:
            route = network.routes[(p, s)]
            xs += [x for x, _ in route] + [None]
            ys += [y for _, y in route] + [None]
            customdata += [f"{p}->{s}"] * (len(route) + 1)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=style["name"],
                legendgroup=f"edge-{group}",
                line={"color": style["color"], "width": style["width"], "dash": style["dash"]},
                opacity=style["opacity"],
                hoverinfo="skip",
                showlegend=group != "faded",
                customdata=customdata,
            )
        )
    return traces


def _arrows(network: _Network) -> list[dict[str, Any]]:
    arrows = []
    for group, edges in _edges_by_group(network).items():
        style = EDGE_STYLES[group]
        for p, s in edges:
            (x0, y0), (x1, y1) = network.routes[(p, s)][-2:]  # the arrow on the last stretch
            arrows.append(
                {
                    "x": x1,
                    "y": y1,
                    "ax": x0,
                    "ay": y0,
                    "xref": "x",
                    "yref": "y",
                    "axref": "x",
                    "ayref": "y",
                    "text": "",
                    "showarrow": True,
                    "arrowhead": 2,
                    "arrowsize": 1.2 if group != "critical" else 1.0,
                    "arrowwidth": style["width"],
                    "arrowcolor": style["color"],
                    "opacity": style["opacity"],
                    "standoff": NODE_SIZE / 2 + 2,
                    "startstandoff": NODE_SIZE / 2 if len(network.routes[(p, s)]) == 2 else 0,
                }
            )
    return arrows


def _cost(row: Mapping[Any, Any]) -> str:
    if not is_blank(row["total_cost"]):
        return f"{float(row['total_cost']):g} MNOK"
    if row["cost_profile"]:
        return f"{sum(row['cost_profile']):g} MNOK"
    return "ukjent"


def _hover(portfolio: Portfolio, network: _Network, iid: str) -> str:
    row = portfolio.initiatives.loc[iid].to_dict()
    timeline = portfolio.timeline
    lines = [
        f"<b>{label(iid)}</b> {label(row['name'])}",
        f"Status: {STATUS_LABELS.get(str(row['status']), row['status'])}",
        f"Varighet: {row['duration']} {PERIOD_WORDS.get(timeline.period_length, 'perioder')}",
        f"Kostnad: {_cost(row)}",
    ]
    if iid in network.bounds.index:
        bounds = network.bounds.loc[iid].to_dict()
        start = f"Tidligste start: {timeline.label(int(bounds['earliest_start']))}"
        if bool(bounds["beyond_horizon"]):
            start += " (slutter etter horisonten)"
        lines += [start, f"Slakk: {int(bounds['slack'])} perioder"]
        if bool(bounds["critical"]):
            lines.append("<b>På kritisk linje</b>")
    else:
        lines.append("Tidligste start: – (ferdig eller stoppet)")
    return "<br>".join(lines)


def _node_traces(portfolio: Portfolio, network: _Network, color_by: str, highlight: str | None) -> list[go.Scatter]:
    labels, colours, _ = CATEGORIES[color_by]
    values = portfolio.initiatives[color_by].astype(str)
    order = [*labels, *sorted(set(values) - set(labels))]
    critical = network.bounds["critical"]
    traces = []
    for category in order:
        ids = [str(iid) for iid in values.index[values == category]]
        if not ids:
            continue
        is_critical = [bool(critical.get(iid, False)) for iid in ids]
        traces.append(
            go.Scatter(
                x=[network.positions[iid][0] for iid in ids],
                y=[network.positions[iid][1] for iid in ids],
                mode="markers+text",
                name=labels.get(category, category),
                legendgroup=category,
                text=[label(iid) for iid in ids],
                textposition="top center",
                textfont={"color": "#333", "shadow": "auto"},  # a halo keeps labels legible over the lines
                customdata=ids,
                hovertext=[_hover(portfolio, network, iid) for iid in ids],
                hoverinfo="text",
                marker={
                    "color": colours.get(category, OTHER_COLOUR),
                    "size": [NODE_SIZE * 1.4 if iid == highlight else NODE_SIZE for iid in ids],
                    "opacity": [1.0 if network.focus is None or iid in network.focus else 0.25 for iid in ids],
                    "line": {
                        "color": [CRITICAL_COLOUR if c else "white" for c in is_critical],
                        "width": [3 if c else 1 for c in is_critical],
                    },
                },
            )
        )
    return traces


def _lay_out(figure: go.Figure, portfolio: Portfolio, network: _Network, color_by: str, highlight: str | None) -> None:
    _, _, legend_title = CATEGORIES[color_by]
    columns = sorted({int(x) for x, _ in network.positions.values()})
    reach = max((abs(y) for route in network.routes.values() for _, y in route), default=0.0)
    reach = max([reach, *(abs(y) for _, y in network.positions.values())])
    title = "Avhengigheter mellom tiltak"
    if highlight is not None:
        title += f": {label(highlight)} {label(portfolio.initiatives.loc[highlight].to_dict()['name'])}"
    figure.update_layout(
        title=title,
        legend_title_text=legend_title,
        plot_bgcolor="white",
        height=max(400, round(70 * (2 * reach + 1)) + 160),
        hovermode="closest",
        margin={"l": 20, "r": 20, "t": 60, "b": 60},
    )
    figure.update_xaxes(
        title_text="Trinn (rekkefølgen avhengighetene gir)",
        tickvals=columns,
        ticktext=["Ferdig/stoppet" if c == FINISHED_COLUMN else f"Trinn {c + 1}" for c in columns],
        range=[min(columns, default=0) - 0.5, max(columns, default=0) + 0.5],
        showgrid=False,
        zeroline=False,
    )
    figure.update_yaxes(visible=False, range=[-reach - 1, reach + 1])
    if not network.positions:
        figure.add_annotation(text="Ingen tiltak å vise", showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
