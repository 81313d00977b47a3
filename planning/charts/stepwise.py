"""Charts for stepwise planning: ambition ladder, efficient frontier, comparison, steps.

Pure functions: a tidy DataFrame from :mod:`planning.ladder`, :mod:`planning.frontier`,
:mod:`planning.compare` or :mod:`planning.steps` in, a plotly ``Figure`` out. Labels are
in Norwegian bokmål, as in the rest of the user interface; money is in MNOK.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from planning.frontier import METHODS

COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#9d755d")
"""Categorical colours, one per scenario, pool or method, in order."""
FRONTIER_MEASURES = {
    "npv": "Netto nåverdi (MNOK)",
    "benefit": "Samlet gevinst, udiskontert (MNOK)",
    "benefit_pv": "Nåverdi av gevinster (MNOK)",
}
KPI_LABELS = {"npv": "Netto nåverdi", "investment": "Investering", "benefit": "Samlet gevinst"}
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0}


def _colour(n: int) -> str:
    return COLOURS[n % len(COLOURS)]


def _layout(fig: go.Figure, title: str, x: str, y: str) -> go.Figure:
    fig.update_layout(title=title, legend=LEGEND, template="plotly_white", margin={"t": 90})
    fig.update_layout(xaxis_title_text=x, yaxis_title_text=y)  # the first axes only: a second y keeps its own
    return fig


def ladder_figure(summary: pd.DataFrame) -> go.Figure:
    """NPV of the nested plan and of the plan optimised alone at each level (``ladder_summary``)."""
    fig = go.Figure()
    fig.add_bar(x=summary["level"], y=summary["npv"], name="Nøstet plan", marker_color=_colour(0))
    if "independent_npv" in summary and summary["independent_npv"].notna().any():
        fig.add_bar(x=summary["level"], y=summary["independent_npv"], name="Optimert alene", marker_color=_colour(1))
    fig.add_scatter(
        x=summary["level"],
        y=summary["investment"],
        name="Investering",
        mode="lines+markers",
        marker_color=_colour(2),
        yaxis="y2",
    )
    fig.update_layout(
        barmode="group",
        yaxis2={"title": {"text": "Investering (MNOK)"}, "overlaying": "y", "side": "right", "showgrid": False},
    )
    return _layout(fig, "Ambisjonsstige: netto nåverdi per nivå", "Ambisjonsnivå", "Netto nåverdi (MNOK)")


def ladder_pool_figure(by_pool: pd.DataFrame) -> go.Figure:
    """What each step up adds, per funding pool: stacked cost (``ladder_by_pool``)."""
    fig = go.Figure()
    levels = list(dict.fromkeys(by_pool["level"]))
    for n, (pool, rows) in enumerate(by_pool.groupby("pool", sort=True)):
        cost = rows.set_index("level")["cost"].reindex(levels)
        npv = rows.set_index("level")["npv"].reindex(levels)
        fig.add_bar(
            x=levels,
            y=cost,
            name=str(pool),
            marker_color=_colour(n),
            customdata=npv,
            hovertemplate="%{x}<br>" + str(pool) + ": %{y:,.0f} MNOK, NNV %{customdata:,.0f} MNOK<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, "Hva hvert steg opp legger til, per finansieringskilde", "Ambisjonsnivå", "Kostnad (MNOK)")


def frontier_figure(frontier: pd.DataFrame, measure: str = "npv") -> go.Figure:
    """``measure`` (npv, benefit or benefit_pv) against investment, one line per method."""
    if measure not in FRONTIER_MEASURES:
        raise ValueError(f"unknown measure '{measure}'; use one of {', '.join(FRONTIER_MEASURES)}")
    fig = go.Figure()
    for n, method in enumerate(METHODS):
        rows = frontier[(frontier["method"] == method) & frontier["investment"].notna()]
        if rows.empty:
            continue
        rows = rows.sort_values("budget_factor")
        fig.add_scatter(
            x=rows["investment"],
            y=rows[measure],
            name=METHODS[method],
            mode="lines+markers",
            marker_color=_colour(n),
            customdata=rows["budget_factor"] * 100,
            hovertemplate="Ramme %{customdata:.0f} %<br>Investering %{x:,.0f} MNOK<br>%{y:,.0f} MNOK<extra></extra>",
        )
    title = "Effektiv front: " + FRONTIER_MEASURES[measure].split(" (")[0].lower() + " mot investering"
    return _layout(fig, title, "Investering (MNOK)", FRONTIER_MEASURES[measure])


def compare_figure(kpis: pd.DataFrame) -> go.Figure:
    """NPV, investment and benefit side by side, one bar colour per scenario (``Comparison.kpis``)."""
    fig = go.Figure()
    labels = list(KPI_LABELS.values())
    for n, row in enumerate(kpis.to_dict("records")):
        fig.add_bar(x=labels, y=[row[k] for k in KPI_LABELS], name=str(row["scenario"]), marker_color=_colour(n))
    fig.update_layout(barmode="group")
    return _layout(fig, "Scenarioer side om side", "Nøkkeltall", "MNOK")


def compare_spend_figure(spend: pd.DataFrame, columns: int = 3) -> go.Figure:
    """Spend per funding pool and year for each scenario, with its envelope dashed (``Comparison.spend``)."""
    pools = sorted(map(str, spend["pool"].unique()))
    rows = max(1, math.ceil(len(pools) / columns))
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=pools, shared_xaxes=True)
    scenarios = list(dict.fromkeys(spend["scenario"]))
    for k, pool in enumerate(pools):
        row, col = divmod(k, columns)
        for n, scenario in enumerate(scenarios):
            mine = spend[(spend["pool"] == pool) & (spend["scenario"] == scenario)]
            first = k == 0
            style = {"legendgroup": scenario, "marker_color": _colour(n)}
            fig.add_bar(
                x=mine["year"], y=mine["amount"], name=scenario, showlegend=first, row=row + 1, col=col + 1, **style
            )
            fig.add_scatter(
                x=mine["year"],
                y=mine["envelope"],
                name=f"{scenario}: ramme",
                mode="lines",
                line={"dash": "dash", "color": _colour(n)},
                legendgroup=scenario,
                showlegend=first,
                row=row + 1,
                col=col + 1,
            )
    fig.update_layout(barmode="group", title="Forbruk mot investeringsramme per finansieringskilde og år")
    fig.update_layout(legend=LEGEND, template="plotly_white", margin={"t": 110})
    fig.update_yaxes(title_text="MNOK per år", col=1)
    fig.update_xaxes(title_text="År", row=rows)
    return fig


def steps_figure(costs: pd.DataFrame) -> go.Figure:
    """Cost of each delivery step by funding pool, stacked (``PlanSteps.costs``)."""
    fig = go.Figure()
    steps = list(dict.fromkeys(costs["step"]))
    for n, (pool, rows) in enumerate(costs.groupby("pool", sort=True)):
        fig.add_bar(
            x=steps,
            y=rows.set_index("step")["amount"].reindex(steps),
            name=str(pool),
            marker_color=_colour(n),
            hovertemplate="%{x}<br>" + str(pool) + ": %{y:,.0f} MNOK<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, "Kostnad per trinn og finansieringskilde", "Trinn", "Kostnad (MNOK)")
