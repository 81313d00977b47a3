"""Benefit realisation charts for the app: pure functions, tidy tables in, plotly figures out.

Texts default to Norwegian bokmål; pass ``text`` for another language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from planning.charts.plain import label
from planning.realisation.review import Thresholds

STATUS_COLOURS = {
    "green": "#2e7d32",
    "yellow": "#f2b01e",
    "red": "#c62828",
    "missing": "#8d8d8d",
    "not_due": "#c7c7c7",
    "not_in_plan": "#c7c7c7",
}
BENEFIT_TEXT = {
    "title": "Planlagt og realisert",
    "x": "År",
    "y": "MNOK per år",
    "planned": "Planlagt",
    "realised": "Realisert",
    "reforecast": "Revidert prognose",
    "planned_measured": "Planlagt for målte gevinster",
    "as_of": "Målt t.o.m. {year}",
    "ratio_title": "Realisert andel av plan per gevinst",
    "ratio_x": "Andel av plan",
    "green": "grønn",
    "yellow": "gul",
    "empty": "Ingen gevinster å vise",
    "coverage": "målt {measured} av {due}",
}
STATUS_TABLE_COLUMNS = [
    "benefit_id", "title", "initiative_id", "owner", "unit", "monetised", "latest_year", "planned_to_date",
    "realised_to_date", "variance", "ratio", "status", "trend", "missing_years", "remaining_planned",
    "remaining_reforecast", "reforecast_target",
]  # fmt: skip
PLANNED_COLOUR, REALISED_COLOUR, FORECAST_COLOUR = "#4c78a8", "#2e7d32", "#f58518"


def realisation_figure(
    yearly: pd.DataFrame, *, as_of: int, unit: str | None = None, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Planned (line), realised (bars) and re-forecast (dashed, after ``as_of``) per year.

    Parameters
    ----------
    yearly
        ``year``, ``planned``, ``realised`` (NaN where not measured), ``reforecast`` and
        optionally ``planned_measured``, ``due`` and ``measured`` (written on the bars:
        "målt 9 av 14"): one benefit's rows of
        :func:`planning.realisation.review.yearly_realisation`, or the portfolio totals of
        :func:`planning.realisation.rollup.yearly_totals`.
    unit
        The y axis title: an indicator's unit; by default the text's ``y`` (MNOK per year).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces in order: realised bars, planned line, (planned for measured benefits),
        re-forecast line.
    """
    words = {**BENEFIT_TEXT, **(text or {})}
    data = yearly.sort_values("year")
    measured = data[data["realised"].notna()]
    figure = go.Figure()
    counts = None
    if {"due", "measured"} <= set(measured.columns):  # the portfolio's totals: say how much was measured
        counts = [words["coverage"].format(measured=int(m), due=int(d))
                  for m, d in zip(measured["measured"], measured["due"], strict=True)]  # fmt: skip
    figure.add_trace(go.Bar(x=measured["year"], y=measured["realised"], name=words["realised"],
                            marker_color=REALISED_COLOUR, opacity=0.85, text=counts,
                            textposition="inside" if counts else None))  # fmt: skip
    figure.add_trace(go.Scatter(x=data["year"], y=data["planned"], name=words["planned"], mode="lines+markers",
                                line={"color": PLANNED_COLOUR, "width": 3}))  # fmt: skip
    if "planned_measured" in data.columns and len(measured):
        dots = {"color": PLANNED_COLOUR, "size": 9}
        figure.add_trace(go.Scatter(x=measured["year"], y=measured["planned_measured"], mode="markers",
                                    name=words["planned_measured"], marker=dots))  # fmt: skip
    future = data[data["year"] >= as_of]
    figure.add_trace(go.Scatter(x=future["year"], y=future["reforecast"], name=words["reforecast"], mode="lines",
                                line={"color": FORECAST_COLOUR, "width": 2, "dash": "dash"}))  # fmt: skip
    figure.add_vline(x=as_of + 0.5, line={"color": "#888888", "dash": "dot", "width": 1})
    figure.add_annotation(x=as_of + 0.5, y=1, yref="paper", text=words["as_of"].format(year=as_of),
                          showarrow=False, xanchor="left", yanchor="top")  # fmt: skip
    figure.update_layout(
        title={"text": words["title"]}, plot_bgcolor="white", height=380, bargap=0.35,
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
    )  # fmt: skip
    figure.update_xaxes(title_text=words["x"], tickformat="d", dtick=1)
    figure.update_yaxes(title_text=unit or words["y"], gridcolor="#e5e5e5", rangemode="tozero")
    if data.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure


def ratio_figure(
    review: pd.DataFrame, thresholds: Thresholds | None = None, *, text: Mapping[str, str] | None = None
) -> go.Figure:
    """Realised share of plan per benefit with a ratio, coloured by status, thresholds marked.

    Parameters
    ----------
    review
        :func:`planning.realisation.review.benefit_review` (index benefit id; ``ratio``,
        ``status``, ``title``).

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace, lowest share at the top.
    """
    words = {**BENEFIT_TEXT, **(text or {})}
    rules = thresholds or Thresholds()
    rows = review[review["ratio"].notna()].sort_values("ratio", ascending=False)
    labels = [label(f"{b} – {t}") for b, t in zip(rows.index, rows["title"], strict=True)]
    figure = go.Figure(
        go.Bar(
            x=rows["ratio"].astype(float), y=labels, orientation="h", name=words["ratio_x"],
            marker_color=[STATUS_COLOURS.get(str(s), "#999999") for s in rows["status"]],
            text=[f"{r:.0%}" for r in rows["ratio"].astype(float)], textposition="outside",
            hovertemplate="%{y}: %{x:.0%}<extra></extra>",
        )
    )  # fmt: skip
    for share, name, anchor in ((rules.yellow, words["yellow"], "right"), (rules.green, words["green"], "left")):
        # above the bars, yellow's label ending at its line and green's starting at its own, so none covers a bar
        figure.add_vline(x=share, line={"color": "#222222", "dash": "dash", "width": 1},
                         annotation={"text": f"{name} ≥ {share:.0%}", "y": 1, "yref": "paper", "yanchor": "bottom",
                                     "xanchor": anchor, "showarrow": False})  # fmt: skip
    figure.update_layout(title={"text": words["ratio_title"]}, plot_bgcolor="white", showlegend=False,
                         height=max(240, 80 + 28 * len(rows)), margin={"l": 10, "r": 30, "t": 80, "b": 40})  # fmt: skip
    figure.update_xaxes(title_text=words["ratio_x"], tickformat=".0%", gridcolor="#e5e5e5", rangemode="tozero")
    return figure


def status_table(review: pd.DataFrame, *, include_not_due: bool = False) -> pd.DataFrame:
    """The status table's rows: worst status first (red, missing, yellow, green, then the rest).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`STATUS_TABLE_COLUMNS`, one row per benefit; benefits not yet due
        or outside the plan only with ``include_not_due``.
    """
    rows = review if include_not_due else review[review["status"].isin(["red", "missing", "yellow", "green"])]
    order = rows["status"].map({"red": 0, "missing": 1, "yellow": 2, "green": 3}).fillna(4)
    table = rows.loc[order.sort_values(kind="stable").index].reset_index()
    return table[STATUS_TABLE_COLUMNS]
