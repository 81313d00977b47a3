"""Charts for stepwise planning: ambition ladder, efficient frontier, comparison, steps.

Pure functions: a tidy DataFrame from :mod:`planning.plans.ladder`, :mod:`planning.plans.frontier`,
:mod:`planning.plans.compare` or :mod:`planning.plans.steps` in, a plotly ``Figure`` out. Labels are
in Norwegian bokmål by default (:data:`STEPWISE_TEXT`); ``text`` replaces any of them, as
the app does for English. Money is in MNOK.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from planning.charts.plain import label, template_label
from planning.plans.frontier import METHODS

COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#eeca3b", "#9d755d")
"""Categorical colours, one per scenario, pool or method, in order."""
STEPWISE_TEXT = {
    "ladder_title": "Ambisjonsstige: netto nåverdi per nivå",
    "level": "Ambisjonsnivå",
    "nested": "Nøstet plan",
    "alone": "Optimert alene",
    "investment": "Investering",
    "investment_axis": "Investering (MNOK)",
    "npv_axis": "Netto nåverdi (MNOK)",
    "npv_short": "NNV",
    "ladder_pool_title": "Hva hvert steg opp legger til, per finansieringskilde",
    "cost_axis": "Kostnad (MNOK)",
    "frontier_title": "Effektiv front: {measure} mot investering",
    "envelope_share": "Ramme",
    "optimiser": METHODS["optimiser"],
    "greedy": METHODS["greedy"],
    "measure_npv": "Netto nåverdi (MNOK)",
    "measure_benefit": "Samlet gevinst, udiskontert (MNOK)",
    "measure_benefit_pv": "Nåverdi av gevinster (MNOK)",
    "compare_title": "Scenarioer side om side",
    "kpis": "Nøkkeltall",
    "kpi_npv": "Netto nåverdi",
    "kpi_investment": "Investering",
    "kpi_benefit": "Samlet gevinst",
    "compare_spend_title": "Forbruk mot investeringsramme per finansieringskilde og år",
    "envelope": "ramme",
    "per_year": "MNOK per år",
    "year": "År",
    "steps_title": "Kostnad per trinn og finansieringskilde",
    "step": "Trinn",
}
"""Every label of these charts, in bokmål."""
FRONTIER_MEASURES = ("npv", "benefit", "benefit_pv")
KPIS = ("npv", "investment", "benefit")
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0}


def _words(text: Mapping[str, str] | None) -> dict[str, str]:
    return {**STEPWISE_TEXT, **(text or {})}


def _colour(n: int) -> str:
    return COLOURS[n % len(COLOURS)]


def _layout(fig: go.Figure, title: str, x: str, y: str) -> go.Figure:
    # the top margin leaves room for a legend in two rows below the title
    fig.update_layout(title=title, legend=LEGEND, template="plotly_white", margin={"t": 110})
    fig.update_layout(xaxis_title_text=x, yaxis_title_text=y)  # the first axes only: a second y keeps its own
    return fig


def _legend_below(fig: go.Figure) -> go.Figure:
    """The legend under the x axis: pool names ("Helse Sør-Øst RHF (HSO)") take three rows in
    half the page's width, more than the room above the plot."""
    fig.update_layout(legend={**LEGEND, "yanchor": "top", "y": -0.25}, margin={"t": 60, "b": 40})
    return fig


def ladder_figure(summary: pd.DataFrame, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """NPV of the nested plan and of the plan optimised alone at each level (``ladder_summary``),
    and the investment on its own axis from zero."""
    words = _words(text)
    fig = go.Figure()
    fig.add_bar(x=summary["level"], y=summary["npv"], name=words["nested"], marker_color=_colour(0))
    if "independent_npv" in summary and summary["independent_npv"].notna().any():
        fig.add_bar(x=summary["level"], y=summary["independent_npv"], name=words["alone"], marker_color=_colour(1))
    fig.add_scatter(
        x=summary["level"],
        y=summary["investment"],
        name=words["investment"],
        mode="lines+markers",
        marker_color=_colour(2),
        yaxis="y2",
    )
    fig.update_layout(
        barmode="group",
        yaxis2={
            "title": {"text": words["investment_axis"]},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "rangemode": "tozero",
            "tickmode": "auto",  # round ticks of its own, not ticks synchronised to the NPV axis
        },
    )
    return _layout(fig, words["ladder_title"], words["level"], words["npv_axis"])


def ladder_pool_figure(
    by_pool: pd.DataFrame, *, text: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None
) -> go.Figure:
    """What each step up adds, per funding pool: stacked cost (``ladder_by_pool``); ``names``
    spells out the pool ids."""
    words = _words(text)
    fig = go.Figure()
    levels = list(dict.fromkeys(by_pool["level"]))
    for n, (pool, rows) in enumerate(by_pool.groupby("pool", sort=True)):
        cost = rows.set_index("level")["cost"].reindex(levels)
        npv = rows.set_index("level")["npv"].reindex(levels)
        name = _name(pool, names)
        fig.add_bar(
            x=levels,
            y=cost,
            name=name,
            marker_color=_colour(n),
            customdata=npv,
            hovertemplate=f"%{{x}}<br>{name}: %{{y:,.0f}} MNOK, {words['npv_short']} %{{customdata:,.0f}} MNOK"
            "<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _legend_below(_layout(fig, words["ladder_pool_title"], words["level"], words["cost_axis"]))


def frontier_figure(
    frontier: pd.DataFrame, measure: str = "npv", *, text: Mapping[str, str] | None = None
) -> go.Figure:
    """``measure`` (npv, benefit or benefit_pv) against investment, one line per method."""
    if measure not in FRONTIER_MEASURES:
        raise ValueError(f"unknown measure '{measure}'; use one of {', '.join(FRONTIER_MEASURES)}")
    words = _words(text)
    axis = words[f"measure_{measure}"]
    fig = go.Figure()
    for n, method in enumerate(METHODS):
        rows = frontier[(frontier["method"] == method) & frontier["investment"].notna()]
        if rows.empty:
            continue
        rows = rows.sort_values("budget_factor")
        fig.add_scatter(
            x=rows["investment"],
            y=rows[measure],
            name=words[method],
            mode="lines+markers",
            marker_color=_colour(n),
            customdata=rows["budget_factor"] * 100,
            hovertemplate=f"{words['envelope_share']} %{{customdata:.0f}} %<br>{words['investment']} %{{x:,.0f}} MNOK"
            "<br>%{y:,.0f} MNOK<extra></extra>",
        )
    title = words["frontier_title"].format(measure=axis.split(" (")[0].lower())
    return _layout(fig, title, words["investment_axis"], axis)


def compare_figure(kpis: pd.DataFrame, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """NPV, investment and benefit side by side, one bar colour per scenario (``Comparison.kpis``)."""
    words = _words(text)
    fig = go.Figure()
    labels = [words[f"kpi_{k}"] for k in KPIS]
    for n, row in enumerate(kpis.to_dict("records")):
        fig.add_bar(x=labels, y=[row[k] for k in KPIS], name=label(row["scenario"]), marker_color=_colour(n))
    fig.update_layout(barmode="group")
    return _layout(fig, words["compare_title"], words["kpis"], "MNOK")


def compare_spend_figure(
    spend: pd.DataFrame,
    columns: int = 3,
    *,
    text: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Spend per funding pool and year for each scenario, with its envelope dashed
    (``Comparison.spend``); ``names`` spells out the pool ids in the subplot titles."""
    words = _words(text)
    pools = sorted(map(str, spend["pool"].unique()))
    rows = max(1, math.ceil(len(pools) / columns))
    titles = [_name(pool, names) for pool in pools]
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, shared_xaxes=True)
    scenarios = list(dict.fromkeys(spend["scenario"]))
    for k, pool in enumerate(pools):
        row, col = divmod(k, columns)
        for n, scenario in enumerate(scenarios):
            mine = spend[(spend["pool"] == pool) & (spend["scenario"] == scenario)]
            first = k == 0
            style = {"legendgroup": scenario, "marker_color": _colour(n)}
            fig.add_bar(
                x=mine["year"],
                y=mine["amount"],
                name=label(scenario),
                showlegend=first,
                row=row + 1,
                col=col + 1,
                **style,
            )
            fig.add_scatter(
                x=mine["year"],
                y=mine["envelope"],
                name=f"{label(scenario)}: {words['envelope']}",
                mode="lines",
                line={"dash": "dash", "color": _colour(n)},
                legendgroup=scenario,
                showlegend=first,
                row=row + 1,
                col=col + 1,
            )
    fig.update_layout(barmode="group", title=words["compare_spend_title"])
    fig.update_layout(legend=LEGEND, template="plotly_white", margin={"t": 110})
    fig.update_yaxes(title_text=words["per_year"], col=1)
    fig.update_xaxes(title_text=words["year"], row=rows)
    return fig


def steps_figure(
    costs: pd.DataFrame, *, text: Mapping[str, str] | None = None, names: Mapping[str, str] | None = None
) -> go.Figure:
    """Cost of each delivery step by funding pool, stacked (``PlanSteps.costs``); ``names``
    spells out the pool ids."""
    words = _words(text)
    fig = go.Figure()
    steps = list(dict.fromkeys(costs["step"]))
    for n, (pool, rows) in enumerate(costs.groupby("pool", sort=True)):
        name = _name(pool, names)
        fig.add_bar(
            x=steps,
            y=rows.set_index("step")["amount"].reindex(steps),
            name=name,
            marker_color=_colour(n),
            hovertemplate="%{x}<br>" + name + ": %{y:,.0f} MNOK<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _legend_below(_layout(fig, words["steps_title"], words["step"], words["cost_axis"]))


def _name(pool: object, names: Mapping[str, str] | None) -> str:
    """The pool's name from ``names``, else its id, as plain text (also in a ``hovertemplate``)."""
    return template_label((names or {}).get(str(pool), str(pool)))
