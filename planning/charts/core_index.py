"""The Core Index as a ranked bar chart: per initiative the share of sampled futures that choose it.

A tidy table from :attr:`planning.uncertainty.core_index.CoreIndex.initiatives` in, a plotly
figure out. Texts default to Norwegian bokmål; pass ``text`` for another language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from planning.charts.plain import label
from planning.uncertainty.core_index import CLASSES, CORE, EXTERIOR

CORE_INDEX_TEXT = {
    "title": "Kjerneindeks: andel av mulige utfall der tiltaket velges",
    "x": "Andel av utfallene der tiltaket velges",
    "core": "Kjerne (trygt å forplikte nå)",
    "borderline": "Grensetilfelle (avhenger av estimatene)",
    "exterior": "Utenfor",
    "start": "Oppstart (min / median / maks)",
    "planned": "Anbefalt plan",
    "not_planned": "ikke med",
    "empty": "Ingen kjerneindeks å vise",
}
COLOURS = {"core": "#2e7d32", "borderline": "#f2b01e", "exterior": "#9e9e9e"}
ROW_HEIGHT = 22
NAME_LENGTH = 40


def _short(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"


def _year(value: object) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{float(value):.0f}"  # type: ignore[arg-type]


def core_index_figure(initiatives: pd.DataFrame, *, text: Mapping[str, str] | None = None) -> go.Figure:
    """Highest share at the top, one bar trace per class, dashed lines at the class bounds.

    Parameters
    ----------
    initiatives
        Index id: name, share, klass, planned (year or empty), start_min, start_median, start_max.

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar trace per class present (core, borderline, exterior, in that
        order); hovering gives the start-year spread and the recommended plan's start.
    """
    words = {**CORE_INDEX_TEXT, **(text or {})}
    rows = initiatives.iloc[::-1]
    figure = go.Figure()
    for name in CLASSES:
        mine = rows[rows["klass"] == name]
        if mine.empty:
            continue
        details = [
            [f"{_year(r.start_min)} / {_year(r.start_median)} / {_year(r.start_max)}",
             _year(r.planned) if r.planned is not None and r.planned == r.planned else words["not_planned"]]
            for r in mine.itertuples()
        ]  # fmt: skip
        figure.add_trace(
            go.Bar(
                x=mine["share"],
                y=[label(f"{i} – {_short(str(n))}") for i, n in zip(mine.index, mine["name"], strict=True)],
                orientation="h",
                name=words[name],
                marker={"color": COLOURS[name]},
                customdata=details,
                hovertemplate=(
                    f"<b>%{{y}}</b><br>%{{x:.0%}}<br>{words['start']}: %{{customdata[0]}}<br>"
                    f"{words['planned']}: %{{customdata[1]}}<extra></extra>"
                ),
            )
        )
    for bound in (EXTERIOR, CORE):
        figure.add_vline(x=bound, line={"color": "#555555", "dash": "dash", "width": 1})
    order = [label(f"{i} – {_short(str(n))}") for i, n in zip(rows.index, rows["name"], strict=True)]
    figure.update_layout(
        title={"text": words["title"]},
        plot_bgcolor="white",
        barmode="overlay",
        height=max(320, ROW_HEIGHT * len(rows) + 140),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.08},
    )
    figure.update_yaxes(categoryorder="array", categoryarray=order)
    figure.update_xaxes(title_text=words["x"], range=[0, 1.02], tickformat=".0%", gridcolor="#e5e5e5")
    if initiatives.empty:
        figure.add_annotation(text=words["empty"], showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return figure
