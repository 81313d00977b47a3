"""Charts of a simulated plan: spend fans against the envelopes, delivery confidence, drivers of overruns.

Tidy tables from :class:`planning.uncertainty.Simulation` in, plotly figures out. Texts
default to Norwegian bokmål; pass ``text`` (and ``names`` for the pools) for another language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from planning.charts.plain import label, template_label

FAN_TEXT = {
    "title": "Forbruk mot investeringsramme: P10–P90 og P50 av simulerte utfall",
    "x": "År",
    "y": "MNOK",
    "band": "P10–P90",
    "median": "P50",
    "envelope": "Investeringsramme",
    "plan": "Planen",
    "holds": "holder rammen",
    "empty": "Ingen simulering å vise",
}
CONFIDENCE_TEXT = {
    "title": "Veikart etter leveransesikkerhet: sannsynlighet for å bli ferdig til planlagt tid",
    "x": "År",
    "colour": "Ferdig i tide",
    "on_time": "Ferdig i tide",
    "one_late": "Inntil én periode for sent",
    "deferred": "Utsatt ut av horisonten",
    "stopped": "Stoppet",
    "slip": "Forventet forsinkelse (perioder)",
    "empty": "Ingen tiltak i planen",
}
TORNADO_TEXT = {
    "title": "Hva driver overskridelsene: samlet overskridelse når tiltakets kostnad er lav og høy",
    "x": "Gjennomsnittlig samlet overskridelse av rammene (MNOK)",
    "low": "Kostnaden blant de 10 % laveste",
    "high": "Kostnaden blant de 10 % høyeste",
    "mean": "Gjennomsnitt",
    "empty": "Ingen simulerte utfall går over rammene",
}
BAND, MEDIAN, ENVELOPE, PLANNED = "rgba(76, 120, 168, 0.25)", "#4c78a8", "#222222", "#999999"
LOW, HIGH = "#54a24b", "#e45756"
CONFIDENCE_SCALE = [[0.0, "#c62828"], [0.5, "#f2b01e"], [0.85, "#8bc34a"], [1.0, "#2e7d32"]]
"""Red at 0, amber at 50 %, green from 85 % (the cost frame's confidence) up."""
ROW_HEIGHT = 24
NAME_LENGTH = 40


def _pools(frame: pd.DataFrame, order: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(str(p) for p in frame["pool"]))
    return [p for p in order or [] if p in present] + [p for p in present if p not in (order or [])]


def fan_figure(
    pool_periods: pd.DataFrame,
    *,
    text: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    columns: int = 3,
) -> go.Figure:
    """Per funding pool a fan: the P10–P90 band and P50 line of sampled spend, the envelope and the plan.

    Parameters
    ----------
    pool_periods
        :attr:`planning.uncertainty.Simulation.pool_periods`: pool, label, envelope,
        planned, p10, p50, p90, p_within.

    Returns
    -------
    plotly.graph_objects.Figure
        Per pool four traces in this order: the band (a filled area from P10 up to P90),
        P50, the envelope and the plan; hovering on the envelope gives the chance it holds.
    """
    words = {**FAN_TEXT, **(text or {})}
    labels = dict(names or {})
    pools = _pools(pool_periods, order)
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
        mine = pool_periods[pool_periods["pool"] == pool]
        where = {"row": number // cols + 1, "col": number % cols + 1}
        x, first = list(mine["label"]), number == 0
        name = template_label(labels.get(pool, pool))
        figure.add_trace(
            go.Scatter(
                x=x + x[::-1],
                y=list(mine["p90"]) + list(mine["p10"])[::-1],
                fill="toself",
                mode="lines",
                fillcolor=BAND,
                line={"width": 0},
                name=words["band"],
                legendgroup="band",
                showlegend=first,
                hoverinfo="skip",
            ),
            **where,
        )
        figure.add_trace(
            go.Scatter(
                x=x,
                y=mine["p50"],
                mode="lines",
                line={"color": MEDIAN, "width": 2.5},
                name=words["median"],
                legendgroup="median",
                showlegend=first,
                hovertemplate=f"{name} %{{x}}: P50 %{{y:,.1f}} MNOK<extra></extra>",
            ),
            **where,
        )
        holds = [f"{p:.0%}" for p in mine["p_within"]]
        figure.add_trace(
            go.Scatter(
                x=x,
                y=mine["envelope"],
                mode="lines+markers",
                name=words["envelope"],
                legendgroup="envelope",
                showlegend=first,
                customdata=holds,
                line={"color": ENVELOPE, "width": 2, "shape": "hvh"},
                marker={"size": 6, "color": [HIGH if p < 0.85 else ENVELOPE for p in mine["p_within"]]},
                hovertemplate=f"{name} %{{x}}: %{{y:,.1f}} MNOK, {words['holds']} %{{customdata}}<extra></extra>",
            ),
            **where,
        )
        figure.add_trace(
            go.Scatter(
                x=x,
                y=mine["planned"],
                mode="lines",
                name=words["plan"],
                legendgroup="plan",
                showlegend=first,
                line={"color": PLANNED, "width": 1.5, "dash": "dot"},
                hovertemplate=f"{name} %{{x}}: %{{y:,.1f}} MNOK<extra>{words['plan']}</extra>",
            ),
            **where,
        )
        figure.update_yaxes(title_text=words["y"] if where["col"] == 1 else None, **where)
        figure.update_xaxes(title_text=words["x"] if where["row"] == rows else None, **where)
    figure.update_layout(
        title={"text": words["title"]},
        plot_bgcolor="white",
        height=max(380, 300 * rows + 110),
        margin={"l": 10, "r": 10, "t": 110, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.06, "x": 0, "xanchor": "left"},
    )
    figure.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero")
    if pool_periods.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure


def _short(value: str) -> str:
    return value if len(value) <= NAME_LENGTH else value[: NAME_LENGTH - 1].rstrip() + "…"


def confidence_figure(initiatives: pd.DataFrame, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """The plan's roadmap with each bar coloured by its chance of finishing by its planned finish.

    Parameters
    ----------
    initiatives
        :attr:`planning.uncertainty.Simulation.initiatives` (index id): name, start_at and
        end_at (the planned bar in calendar years), p_on_time, p_one_late, p_deferred,
        p_stopped, expected_slip.

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace, earliest start at the top, its colours the on-time
        probabilities on a red-amber-green scale with a colour bar.
    """
    words = {**CONFIDENCE_TEXT, **(text or {})}
    rows = initiatives.sort_values(["start_at", "end_at"], ascending=False, kind="stable")
    labels = [label(f"{i} – {_short(str(n))}") for i, n in zip(rows.index, rows["name"], strict=True)]
    details = [
        [
            f"{r.p_on_time:.0%}",
            f"{r.p_on_time + r.p_one_late:.0%}",
            f"{r.p_deferred:.0%}",
            f"{r.p_stopped:.0%}",
            "–" if pd.isna(r.expected_slip) else f"{r.expected_slip:.1f}",
        ]
        for r in rows.itertuples()
    ]
    hover = (
        "<b>%{y}</b><br>"
        + "<br>".join(
            f"{words[key]}: %{{customdata[{n}]}}"
            for n, key in enumerate(("on_time", "one_late", "deferred", "stopped", "slip"))
        )
        + "<extra></extra>"
    )
    figure = go.Figure(
        go.Bar(
            x=rows["end_at"] - rows["start_at"],
            base=rows["start_at"],
            y=labels,
            orientation="h",
            marker={
                "color": rows["p_on_time"],
                "colorscale": CONFIDENCE_SCALE,
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": {"text": words["colour"]}, "tickformat": ".0%"},
                "line": {"color": "#555555", "width": 0.5},
            },
            customdata=details,
            hovertemplate=hover,
            name=words["on_time"],
        )
    )
    figure.update_layout(
        title={"text": words["title"]},
        plot_bgcolor="white",
        showlegend=False,
        bargap=0.25,
        height=max(320, ROW_HEIGHT * len(rows) + 140),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    figure.update_xaxes(title_text=words["x"], gridcolor="#e5e5e5", dtick=1, tickformat="d")
    if initiatives.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure


def tornado_figure(drivers: pd.DataFrame, mean_overrun: float, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """The drivers of overruns as a tornado: per initiative, the mean total overrun when its cost is low and high.

    Parameters
    ----------
    drivers
        :attr:`planning.uncertainty.Simulation.drivers` (index id): name, overrun_low,
        overrun_high, swing; largest swing first.
    mean_overrun
        The mean total overrun over all futures: the axis the bars spread from.

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces (low, high) spreading from ``mean_overrun``, largest swing at the top.
    """
    words = {**TORNADO_TEXT, **(text or {})}
    rows = drivers.iloc[::-1]
    labels = [label(f"{i} – {_short(str(n))}") for i, n in zip(rows.index, rows["name"], strict=True)]
    figure = go.Figure()
    for key, column, colour in (("low", "overrun_low", LOW), ("high", "overrun_high", HIGH)):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=rows[column] - mean_overrun,
                base=mean_overrun,
                orientation="h",
                name=words[key],
                marker_color=colour,
                hovertemplate="%{y}: %{customdata:,.1f} MNOK<extra>" + words[key] + "</extra>",
                customdata=rows[column],
            )
        )
    figure.add_vline(x=mean_overrun, line={"color": ENVELOPE, "width": 1, "dash": "dot"})
    figure.update_layout(
        title={"text": words["title"]},
        barmode="overlay",
        plot_bgcolor="white",
        height=max(300, ROW_HEIGHT * len(rows) + 160),
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
    )
    figure.update_xaxes(title_text=words["x"], gridcolor="#e5e5e5")
    if drivers.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure
