"""Envelope and spend charts: one trace per pool or kind, MNOK axes, titles and legends."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from planning.charts.budget import OVER_COLOUR, SPEND_COLOUR, envelope_figure, spend_figure

ENVELOPES = pd.DataFrame(
    {"pool": ["HSO", "HSO", "HV", "HV"], "year": [2026, 2027, 2026, 2027], "amount": [255.0, 265.0, 100.0, 104.0]}
)
SPEND = pd.DataFrame(
    {
        "pool": ["HSO", "HSO", "HV", "HV", "HV"],
        "period": [0, 1, 0, 1, 1],
        "year": [2026, 2027, 2026, 2027, 2027],
        "amount": [200.0, 270.0, 50.0, 40.0, 30.0],
        "envelope": [255.0, 265.0, 100.0, 52.0, 52.0],
    }
)


def test_envelopes_stack_per_pool_with_totals() -> None:
    figure = envelope_figure(ENVELOPES, names={"HSO": "Helse Sør-Øst RHF (HSO)"})
    bars = [t for t in figure.data if isinstance(t, go.Bar)]
    assert [b.name for b in bars] == ["Helse Sør-Øst RHF (HSO)", "HV"]
    assert list(bars[0].y) == [255, 265]
    totals = next(t for t in figure.data if isinstance(t, go.Scatter))
    assert list(totals.text) == ["355", "369"]
    assert figure.layout.barmode == "stack"
    assert figure.layout.title.text == "Investeringsrammer per finansieringskilde og år"
    assert figure.layout.yaxis.title.text == "MNOK" and figure.layout.xaxis.title.text == "År"
    assert figure.layout.legend.title.text == "Finansieringskilde"


def test_spend_has_a_panel_per_pool_and_marks_overruns() -> None:
    figure = spend_figure(SPEND, order=["HV", "HSO"], text={"title": "Spend"})
    assert [a.text for a in figure.layout.annotations] == ["HV", "HSO"]  # panel titles in the given order
    spend = [t for t in figure.data if isinstance(t, go.Bar) and t.legendgroup == "spend"]
    envelope = [t for t in figure.data if isinstance(t, go.Scatter)]
    assert [next(iter(t.customdata)) for t in spend] == ["HV", "HSO"]
    assert list(spend[0].y) == [50, 70] and list(envelope[0].y) == [100, 104]  # HV 2027 summed per year
    assert list(spend[1].marker.color) == [SPEND_COLOUR, OVER_COLOUR]  # HSO over its envelope in 2027
    assert [t.showlegend for t in spend] == [True, False]
    assert any(t.name == "Over rammen" for t in figure.data)
    assert figure.layout.title.text == "Spend"
    assert figure.layout.yaxis.title.text == "MNOK" and figure.layout.yaxis2.title.text is None


def test_empty_tables_say_so() -> None:
    empty = pd.DataFrame(columns=["pool", "period", "year", "amount", "envelope"])
    assert spend_figure(empty).layout.annotations[-1].text == "Ingen plan å vise"
    assert envelope_figure(empty[["pool", "year", "amount"]]).layout.annotations[0].text == "Ingen investeringsrammer"
