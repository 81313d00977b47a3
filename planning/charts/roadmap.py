"""The roadmap (veikart) as a Gantt chart: one bar per initiative in the plan, by year.

Bars run from the start of an initiative's first period to the end of its last, on a
calendar-year axis; colour shows the area or the lead region, and thin arrows join
initiatives that wait for each other. Texts default to Norwegian bokmål; pass ``text``
and ``names`` for another language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from planning.charts.dependency import AREA_COLOURS, AREA_LABELS, OTHER_COLOUR, STATUS_LABELS
from planning.charts.plain import label
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan

ROADMAP_TEXT = {
    "title": "Veikart: tiltak i planen",
    "x": "År",
    "legend_area": "Område",
    "legend_region": "Ansvarlig region",
    "dependency": "Avhengighet",
    "started": "Skravert: igangsatt",
    "empty": "Ingen tiltak i planen",
    "start": "Start",
    "finish": "Slutt",
    "cost": "Kostnad",
    "status": "Status",
}
"""Default (Norwegian) texts; keys a caller may replace."""
REGION_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d", "#ff9da6")
COLOR_BY = ("area", "region")
BAR_HEIGHT = 26
"""Pixels per initiative row."""
NAME_LENGTH = 42


def roadmap_rows(portfolio: Portfolio, plan: Plan) -> pd.DataFrame:
    """One row per initiative in the plan, earliest start first.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``area``, ``lead_region``, ``status``, ``start`` and ``end``
        (calendar years as decimals: a bar covers ``[start, end)``), ``start_label``,
        ``finish_label`` and ``cost`` (MNOK).
    """
    timeline = portfolio.timeline
    chosen = plan.initiatives[plan.initiatives["selected_opt"].astype(bool)]
    rows = []
    for iid, decision in chosen.iterrows():
        info = portfolio.initiatives.loc[iid]
        profile = info["cost_profile"] or []
        cost = float(sum(profile)) if profile else float(info["total_cost"] or 0.0)
        start, finish = int(decision["start_opt"]), int(decision["finish_opt"])
        rows.append(
            {
                "id": str(iid),
                "name": str(info["name"]),
                "area": str(info["area"]),
                "lead_region": str(info["lead_region"]),
                "status": str(info["status"]),
                "start": timeline.first_year + timeline.start_in_years(start),
                "end": timeline.first_year + timeline.start_in_years(finish + 1),
                "start_label": str(decision["start_label"]),
                "finish_label": str(decision["finish_label"]),
                "cost": cost,
            }
        )
    columns = ["id", "name", "area", "lead_region", "status", "start", "end", "start_label", "finish_label", "cost"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["start", "end", "id"], kind="stable").reset_index(drop=True)


def _short(text: str) -> str:
    return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1].rstrip() + "…"


def _region_colour(pools: list[str], pool: str) -> str:
    return REGION_COLOURS[pools.index(pool) % len(REGION_COLOURS)] if pool in pools else OTHER_COLOUR


def _categories(
    portfolio: Portfolio, rows: pd.DataFrame, color_by: str, names: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(value, legend name, colour) per category present, in a stable order."""
    if color_by == "area":
        present = [a for a in AREA_LABELS if a in set(rows["area"])]
        present += sorted(set(rows["area"]) - set(present))
        return [(a, label(names.get(a, AREA_LABELS.get(a, a))), AREA_COLOURS.get(a, OTHER_COLOUR)) for a in present]
    pools = [str(p) for p in portfolio.funding_pools.index]
    present = [p for p in pools if p in set(rows["lead_region"])]
    present += sorted(set(rows["lead_region"]) - set(present))
    return [
        (
            p,
            label(names.get(p, p)),
            REGION_COLOURS[pools.index(p) % len(REGION_COLOURS)] if p in pools else OTHER_COLOUR,
        )
        for p in present
    ]


def roadmap_figure(
    portfolio: Portfolio,
    plan: Plan,
    *,
    color_by: str = "area",
    show_dependencies: bool = True,
    text: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> go.Figure:
    """The plan's initiatives as horizontal bars over the years.

    Parameters
    ----------
    portfolio
        The portfolio the plan was made for.
    plan
        A plan from :func:`planning.optimise.optimise`.
    color_by
        ``"area"`` or ``"region"`` (the lead region): one legend entry and colour each.
    show_dependencies
        Draw an arrow from each predecessor's bar end to its successor's bar start,
        for pairs that are both in the plan.
    text
        Replacements for :data:`ROADMAP_TEXT`.
    names
        Display names of areas, regions and statuses by their code.

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace per category (``customdata`` holds the initiative ids),
        a legend-only bar explaining the hatching of started initiatives (when any), then
        a line trace for the dependencies; the y axis lists ``ID – name`` top down
        by start, the x axis is in calendar years.

    Raises
    ------
    ValueError
        For an unknown ``color_by``.
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}, not '{color_by}'")
    words = {**ROADMAP_TEXT, **(text or {})}
    labels = dict(names or {})
    rows = roadmap_rows(portfolio, plan)
    rows["label"] = [label(f"{i} – {_short(n)}") for i, n in zip(rows["id"], rows["name"], strict=True)]
    figure = go.Figure()
    column = "area" if color_by == "area" else "lead_region"
    for value, legend, colour in _categories(portfolio, rows, color_by, labels):
        mine = rows[rows[column] == value]
        figure.add_trace(_bars(mine, legend, colour, words, labels))
    if (rows["status"] == "started").any():
        figure.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                orientation="h",
                name=words["started"],
                marker={"color": "#9e9e9e", "pattern": {"shape": "/", "fillmode": "overlay", "fgcolor": "white"}},
                hoverinfo="skip",
            )
        )
    if show_dependencies and len(rows):
        figure.add_trace(_dependency_trace(portfolio, rows, words))
    _lay_out(figure, portfolio, rows, words, color_by)
    return figure


def _bars(rows: pd.DataFrame, legend: str, colour: str, words: Mapping[str, str], names: Mapping[str, str]) -> go.Bar:
    # plotly draws the legend swatch like the trace's first bar: put a plain (not started) one first
    rows = rows.sort_values("status", key=lambda status: status == "started", kind="stable")
    hover = [
        f"<b>{label(r['id'])}</b> {label(r['name'])}"
        f"<br>{words['start']}: {r['start_label']} · {words['finish']}: {r['finish_label']}"
        f"<br>{words['cost']}: {r['cost']:,.1f} MNOK<br>{words['status']}: "
        f"{names.get(r['status'], STATUS_LABELS.get(r['status'], r['status']))}"
        for _, r in rows.iterrows()
    ]
    return go.Bar(
        x=rows["end"] - rows["start"],
        base=rows["start"],
        y=rows["label"],
        orientation="h",
        name=legend,
        marker={
            "color": colour,
            "line": {"color": "white", "width": 1},
            "pattern": {
                "shape": ["/" if s == "started" else "" for s in rows["status"]],
                "fillmode": "overlay",
                "fgcolor": "rgba(255,255,255,0.7)",
                "size": 6,
            },
        },
        customdata=rows["id"],
        hovertext=hover,
        hoverinfo="text",
        width=0.7,
    )


def _dependency_trace(portfolio: Portfolio, rows: pd.DataFrame, words: Mapping[str, str]) -> go.Scatter:
    position = rows.set_index("id")
    xs: list[float | None] = []
    ys: list[str | None] = []
    for _, dep in portfolio.dependencies.iterrows():
        p, s = str(dep["predecessor_id"]), str(dep["successor_id"])
        if p not in position.index or s not in position.index:
            continue
        x0 = float(position.at[p, "end"] if dep["kind"] == "finish_to_start" else position.at[p, "start"])
        xs += [x0, float(position.at[s, "start"]), None]
        ys += [position.at[p, "label"], position.at[s, "label"], None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        name=words["dependency"],
        line={"color": "rgba(90,90,90,0.45)", "width": 1},
        marker={"symbol": "arrow", "angleref": "previous", "size": 8, "color": "rgba(90,90,90,0.6)"},
        hoverinfo="skip",
    )


def _lay_out(
    figure: go.Figure, portfolio: Portfolio, rows: pd.DataFrame, words: Mapping[str, str], color_by: str
) -> None:
    years = portfolio.timeline.years
    first, last = years[0], years[-1] + 1
    figure.update_layout(
        title={"text": words["title"]},
        legend_title_text=words["legend_area" if color_by == "area" else "legend_region"],
        barmode="overlay",
        plot_bgcolor="white",
        height=max(360, BAR_HEIGHT * len(rows) + 210),
        margin={"l": 10, "r": 10, "t": 100, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        hoverlabel={"align": "left"},
    )
    figure.update_xaxes(
        title_text=words["x"],
        range=[first, last],
        tickvals=[y + 0.5 for y in years],
        ticktext=[str(y) for y in years],
        showgrid=False,
        minor={"tickvals": list(range(first, last + 1)), "showgrid": True, "gridcolor": "#e5e5e5"},
    )
    figure.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), automargin=True)
    if rows.empty:
        figure.add_annotation(
            text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16}
        )
    else:  # first row on top; a fixed range, as autorange pads for the arrows' markers
        figure.update_yaxes(range=[len(rows) - 0.5, -0.5])
