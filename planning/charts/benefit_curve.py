"""A plan's benefit curve: monetised benefit per year beside the investment per year.

Texts default to Norwegian bokmål; pass ``text`` for another language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

BENEFIT_TEXT = {
    "title": "Gevinstkurve: prissatte gevinster og investering per år",
    "x": "År",
    "y": "MNOK per år",
    "benefit": "Gevinst (prissatt, ikke diskontert)",
    "investment": "Investering",
    "horizon_end": "Horisontens slutt",
    "empty": "Ingen plan å vise",
}
BENEFIT_COLOUR = "#54a24b"
INVESTMENT_COLOUR = "#4c78a8"


def benefit_figure(
    benefits: pd.DataFrame,
    spend: pd.DataFrame | None = None,
    *,
    text: Mapping[str, str] | None = None,
) -> go.Figure:
    """Benefit per year as a filled line, investment per year as bars.

    Parameters
    ----------
    benefits
        Tidy: ``year``, ``benefit`` (MNOK), as :attr:`planning.optimise.Plan.benefits`.
    spend
        Tidy spend with ``year`` and ``amount`` (MNOK), summed over pools per year;
        its last year is marked as the end of the horizon.

    Returns
    -------
    plotly.graph_objects.Figure
        The investment bar trace (when ``spend`` is given), then the benefit line trace.
    """
    words = {**BENEFIT_TEXT, **(text or {})}
    figure = go.Figure()
    if spend is not None and len(spend):
        yearly = spend.groupby("year", as_index=False)["amount"].sum()
        figure.add_trace(
            go.Bar(
                x=yearly["year"],
                y=yearly["amount"],
                name=words["investment"],
                marker_color=INVESTMENT_COLOUR,
                opacity=0.8,
                hovertemplate="%{x}: %{y:,.1f} MNOK<extra>" + words["investment"] + "</extra>",
            )
        )
        end = int(yearly["year"].max()) + 0.5
        figure.add_vline(x=end, line={"color": "#888888", "dash": "dash", "width": 1})
        figure.add_annotation(
            x=end, y=1, yref="paper", text=words["horizon_end"], showarrow=False, xanchor="left", yanchor="top"
        )
    figure.add_trace(
        go.Scatter(
            x=benefits["year"],
            y=benefits["benefit"],
            name=words["benefit"],
            mode="lines+markers",
            line={"color": BENEFIT_COLOUR, "width": 3},
            fill="tozeroy",
            fillcolor="rgba(84,162,75,0.15)",
            hovertemplate="%{x}: %{y:,.1f} MNOK<extra>" + words["benefit"] + "</extra>",
        )
    )
    figure.update_layout(
        title={"text": words["title"]},
        plot_bgcolor="white",
        height=420,
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
    )
    figure.update_xaxes(title_text=words["x"], tickformat="d", dtick=2)
    figure.update_yaxes(title_text=words["y"], gridcolor="#e5e5e5", rangemode="tozero")
    if benefits.empty and (spend is None or spend.empty):
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure
