"""The price of predictability as a chart: NPV of each plan beside how often its envelopes held.

A tidy table from :func:`planning.robust.price_frame` in, a plotly figure out. Texts default
to Norwegian bokmål; pass ``text`` for another language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

PRICE_TEXT = {
    "title": "Prisen på forutsigbarhet: netto nåverdi og sannsynlighet for at rammene holder",
    "x": "Plan",
    "npv": "Netto nåverdi (MNOK)",
    "held": "Rammene holdt (nye utfall)",
    "target": "Mål",
    "point": "Punktestimat",
    "initiatives": "tiltak",
    "empty": "Ingen planer å sammenligne",
}
NPV, HELD, TARGET = "#4c78a8", "#e45756", "#222222"


def level_label(confidence: float | None, point: str) -> str:
    """``point`` for the point-estimate plan, else the level as a percentage."""
    return point if confidence is None or pd.isna(confidence) else f"{confidence:.0%}"


def price_figure(frame: pd.DataFrame, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """Bars of NPV per plan (point estimate first) and, on a second axis, the share of fresh
    futures in which the weakest envelope held, with each level's target as a marker.

    Parameters
    ----------
    frame
        :func:`planning.robust.price_frame`: confidence (NaN for the point plan), npv,
        initiatives, achieved.

    Returns
    -------
    plotly.graph_objects.Figure
        Three traces in this order: NPV bars (their text the number of initiatives), the
        holding line (0 to 1, right axis) and the targets (markers, right axis).
    """
    words = {**PRICE_TEXT, **(text or {})}
    figure = go.Figure()
    if frame.empty:
        figure.update_layout(title=words["empty"])
        return figure
    x = [level_label(c, words["point"]) for c in frame["confidence"]]
    figure.add_trace(
        go.Bar(
            x=x,
            y=frame["npv"],
            name=words["npv"],
            marker_color=NPV,
            text=[f"{int(n)} {words['initiatives']}" for n in frame["initiatives"]],
            textposition="auto",
            hovertemplate="%{x}: %{y:,.0f} MNOK, %{text}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=x,
            y=frame["achieved"],
            name=words["held"],
            mode="lines+markers",
            line={"color": HELD, "width": 2.5},
            yaxis="y2",
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        )
    )
    targets = frame["confidence"].astype(float)
    figure.add_trace(
        go.Scatter(
            x=x,
            y=targets,
            name=words["target"],
            mode="markers",
            marker={"symbol": "line-ew-open", "size": 22, "color": TARGET, "line": {"width": 2}},
            yaxis="y2",
            hovertemplate="%{x}: " + words["target"] + " %{y:.0%}<extra></extra>",
        )
    )
    figure.update_layout(
        title=words["title"],
        xaxis={"title": words["x"], "type": "category"},
        yaxis={"title": words["npv"]},
        yaxis2={"title": words["held"], "overlaying": "y", "side": "right", "range": [0, 1.05], "tickformat": ".0%"},
        legend={"orientation": "h", "y": -0.2},
        margin={"t": 60, "r": 60},
    )
    return figure
