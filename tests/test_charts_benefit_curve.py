"""The benefit curve: investment bars and the benefit line per year, in MNOK."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planning.charts.benefit_curve import benefit_figure

BENEFITS = pd.DataFrame({"year": [2027, 2028, 2029], "benefit": [5.0, 20.0, 30.0]})
SPEND = pd.DataFrame({"pool": ["A", "B", "A"], "year": [2026, 2026, 2027], "amount": [10.0, 5.0, 8.0]})


def test_bars_for_investment_and_a_line_for_benefit() -> None:
    figure = benefit_figure(BENEFITS, SPEND)
    bar, line = figure.data
    assert isinstance(bar, go.Bar) and list(bar.x) == [2026, 2027] and list(bar.y) == [15, 8]
    assert isinstance(line, go.Scatter) and list(line.y) == [5, 20, 30]
    assert (bar.name, line.name) == ("Investering", "Gevinst (prissatt, ikke diskontert)")
    assert figure.layout.title.text.startswith("Gevinstkurve")
    assert figure.layout.yaxis.title.text == "MNOK per år" and figure.layout.xaxis.title.text == "År"
    assert figure.layout.shapes[0].x0 == 2027.5  # the end of the horizon
    assert figure.layout.annotations[0].text == "Horisontens slutt"


def test_benefit_alone_and_in_english() -> None:
    figure = benefit_figure(BENEFITS, text={"title": "Benefit curve", "y": "MNOK per year"})
    assert len(figure.data) == 1
    assert figure.layout.title.text == "Benefit curve" and figure.layout.yaxis.title.text == "MNOK per year"
    empty = benefit_figure(BENEFITS.iloc[:0])
    assert empty.layout.annotations[0].text == "Ingen plan å vise"
