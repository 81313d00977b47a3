"""The price-of-predictability chart: one bar per plan, the holding line and the targets on the second axis."""

from __future__ import annotations

import pandas as pd

from planning.charts.robust import price_figure
from planning.robust import price_frame

ROWS = [
    {"confidence": None, "method": "point", "npv": 2400.0, "initiatives": 43, "achieved": 0.02},
    {"confidence": 0.85, "method": "contingency", "npv": 990.0, "initiatives": 34, "achieved": 0.86},
]


def test_bars_line_and_targets_follow_the_table() -> None:
    figure = price_figure(price_frame(ROWS))
    bars, held, target = figure.data
    assert list(bars.x) == ["Punktestimat", "85%"]
    assert list(bars.y) == [2400.0, 990.0] and list(bars.text) == ["43 tiltak", "34 tiltak"]
    assert list(held.y) == [0.02, 0.86] and held.yaxis == "y2"
    assert pd.isna(target.y[0]) and target.y[1] == 0.85


def test_english_words_and_an_empty_table() -> None:
    figure = price_figure(price_frame(ROWS), text={"point": "Point estimate", "initiatives": "initiatives"})
    assert figure.data[0].x[0] == "Point estimate" and figure.data[0].text[0] == "43 initiatives"
    assert price_figure(price_frame([])).layout.title.text == "Ingen planer å sammenligne"
