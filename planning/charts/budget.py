"""Money per funding pool and year: the envelopes, and a plan's spend against them.

Tidy tables in, plotly figures out; amounts in MNOK. Texts default to Norwegian bokmål;
pass ``text`` and ``names`` (display names of the pools) for another language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from planning.charts.plain import label, template_label
from planning.charts.roadmap import REGION_COLOURS

ENVELOPE_TEXT = {
    "title": "Investeringsrammer per finansieringskilde og år",
    "x": "År",
    "y": "MNOK",
    "legend": "Finansieringskilde",
    "empty": "Ingen investeringsrammer",
}
SPEND_TEXT = {
    "title": "Forbruk mot investeringsramme per finansieringskilde og år",
    "x": "År",
    "y": "MNOK",
    "spend": "Forbruk i planen",
    "envelope": "Investeringsramme",
    "over": "Over rammen",
    "empty": "Ingen plan å vise",
}
SPEND_COLOUR = "#4c78a8"
ENVELOPE_COLOUR = "#333333"
OVER_COLOUR = "#d62728"
TOLERANCE = 1e-6


def _pools(frame: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(str(p) for p in frame["pool"]))


def envelope_figure(
    envelopes: pd.DataFrame, *, text: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None
) -> go.Figure:
    """The envelopes as bars stacked per year, one colour per funding pool.

    Parameters
    ----------
    envelopes
        Tidy: ``pool``, ``year``, ``amount`` (MNOK), for example from
        :func:`planning.plans.budget.scenario_envelopes`.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per pool, in the order the pools first appear; the total of each
        year is written above its stack.
    """
    words = {**ENVELOPE_TEXT, **(text or {})}
    labels = dict(names or {})
    figure = go.Figure()
    for number, pool in enumerate(_pools(envelopes)):
        mine = envelopes[envelopes["pool"] == pool]
        figure.add_trace(
            go.Bar(
                x=mine["year"],
                y=mine["amount"],
                name=label(labels.get(pool, pool)),
                marker_color=REGION_COLOURS[number % len(REGION_COLOURS)],
                customdata=[pool] * len(mine),
                hovertemplate=f"{template_label(labels.get(pool, pool))} %{{x}}: %{{y:,.1f}} MNOK<extra></extra>",
            )
        )
    totals = envelopes.groupby("year", as_index=False)["amount"].sum()
    figure.add_trace(
        go.Scatter(
            x=totals["year"],
            y=totals["amount"],
            mode="text",
            text=[f"{v:,.0f}" for v in totals["amount"]],
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    figure.update_layout(
        title={"text": words["title"]},
        barmode="stack",
        legend_title_text=words["legend"],
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        height=420,
    )
    figure.update_xaxes(title_text=words["x"], tickmode="linear", dtick=1, tickformat="d")
    figure.update_yaxes(title_text=words["y"], gridcolor="#e5e5e5", rangemode="tozero")
    if envelopes.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure


def spend_figure(
    spend: pd.DataFrame,
    *,
    text: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    columns: int = 3,
    order: Sequence[str] | None = None,
) -> go.Figure:
    """Spend against the envelope, one panel per funding pool.

    Parameters
    ----------
    spend
        Tidy: ``pool``, ``year``, ``amount``, ``envelope`` (MNOK), for example
        :attr:`planning.optimise.Plan.spend`; finer periods are summed per year.
    columns
        Panels per row.
    order
        Pools in the order of the panels; default the order they first appear.

    Returns
    -------
    plotly.graph_objects.Figure
        Per pool a bar trace of spend (red where it exceeds the envelope) and a line
        trace of the envelope; the legend shows each kind once. Each panel has its own
        MNOK scale, since the pools differ in size.
    """
    words = {**SPEND_TEXT, **(text or {})}
    labels = dict(names or {})
    present = _pools(spend)
    pools = [p for p in order or [] if p in present] + [p for p in present if p not in (order or [])]
    yearly = spend.groupby(["pool", "year"], as_index=False, sort=False)[["amount", "envelope"]].sum()
    cols = max(1, min(columns, len(pools)))
    rows = max(1, math.ceil(len(pools) / cols))
    figure = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[label(labels.get(p, p)) for p in pools],
        vertical_spacing=0.32 / rows if rows > 1 else 0.1,
        horizontal_spacing=0.06,
    )
    for number, pool in enumerate(pools):
        shown = template_label(labels.get(pool, pool))
        mine = yearly[yearly["pool"] == pool]
        row, col = number // cols + 1, number % cols + 1
        over = mine["amount"] > mine["envelope"] + TOLERANCE
        figure.add_trace(
            go.Bar(
                x=mine["year"],
                y=mine["amount"],
                name=words["spend"],
                legendgroup="spend",
                showlegend=number == 0,
                marker_color=[OVER_COLOUR if o else SPEND_COLOUR for o in over],
                customdata=[pool] * len(mine),
                hovertemplate=f"{shown} %{{x}}: %{{y:,.1f}} MNOK<extra>{words['spend']}</extra>",
            ),
            row=row,
            col=col,
        )
        figure.add_trace(
            go.Scatter(
                x=mine["year"],
                y=mine["envelope"],
                name=words["envelope"],
                legendgroup="envelope",
                showlegend=number == 0,
                mode="lines+markers",
                line={"color": ENVELOPE_COLOUR, "width": 2, "shape": "hvh"},
                marker={"size": 5},
                customdata=[pool] * len(mine),
                hovertemplate=f"{shown} %{{x}}: %{{y:,.1f}} MNOK<extra>{words['envelope']}</extra>",
            ),
            row=row,
            col=col,
        )
        figure.update_yaxes(title_text=words["y"] if col == 1 else None, row=row, col=col)
        figure.update_xaxes(title_text=words["x"] if row == rows else None, row=row, col=col)
    if any(yearly["amount"] > yearly["envelope"] + TOLERANCE):
        figure.add_trace(go.Bar(x=[None], y=[None], name=words["over"], marker_color=OVER_COLOUR, legendgroup="over"))
    figure.update_layout(
        title={"text": words["title"]},
        plot_bgcolor="white",
        height=max(380, 300 * rows + 110),
        margin={"l": 10, "r": 10, "t": 110, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.06, "x": 0, "xanchor": "left"},
        bargap=0.25,
    )
    figure.update_xaxes(tickmode="linear", dtick=1, tickformat="d")
    figure.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero")
    if spend.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure
