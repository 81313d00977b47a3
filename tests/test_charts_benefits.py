"""Benefit charts: traces, values and the status table's order."""

from __future__ import annotations

import math

import pandas as pd

from planning.charts.benefits import (
    BENEFIT_TEXT,
    STATUS_COLOURS,
    STATUS_TABLE_COLUMNS,
    ratio_figure,
    realisation_figure,
    status_table,
)
from planning.realisation.review import Thresholds, benefit_review, yearly_realisation
from tests.factories import benefit, initiative, tiny_portfolio
from tests.test_realisation import completed_case, plan_with
from veikart_ui.i18n import chart_text


def test_realisation_figure_shows_realised_planned_and_reforecast() -> None:
    p = completed_case((2023, 8.0), (2024, 12.0))
    yearly = yearly_realisation(p, plan_with(p, {}), as_of=2024)
    figure = realisation_figure(yearly, as_of=2024)
    bars, planned, forecast = figure.data
    assert (bars.type, list(bars.x), list(bars.y)) == ("bar", [2023, 2024], [8.0, 12.0])
    assert list(planned.y) == [10.0, 20.0, 30.0, 30.0, 30.0]
    assert list(forecast.x) == [2024, 2025, 2026, 2027]
    assert [round(v, 6) for v in forecast.y] == [12.0, 20.0, 20.0, 20.0]
    assert figure.layout.yaxis.title.text == "MNOK per år"
    english = chart_text("realisation", "en")
    assert set(english) == set(BENEFIT_TEXT)  # nothing left in bokmål
    figure = realisation_figure(yearly, as_of=2024, text=english)
    assert [t.name for t in figure.data] == ["Realised", "Planned", "Re-forecast"]
    assert (figure.layout.title.text, figure.layout.yaxis.title.text) == ("Planned and realised", "MNOK per year")
    assert figure.layout.annotations[0].text == "Measured up to 2024"


def test_realisation_figure_marks_plan_for_measured_benefits_in_totals() -> None:
    totals = pd.DataFrame(
        {"year": [2024, 2025], "planned": [10.0, 20.0], "planned_measured": [10.0, 5.0],
         "realised": [9.0, math.nan], "reforecast": [9.0, 18.0]}
    )  # fmt: skip
    figure = realisation_figure(totals, as_of=2024, unit="MNOK")
    names = [trace.name for trace in figure.data]
    assert names == ["Realisert", "Planlagt", "Planlagt for målte gevinster", "Revidert prognose"]
    assert list(figure.data[2].y) == [10.0]
    assert figure.data[0].text is None  # no counts given, none written


def test_realisation_figure_writes_the_years_coverage_on_the_bars() -> None:
    totals = pd.DataFrame(
        {"year": [2024, 2025], "planned": [10.0, 20.0], "planned_measured": [10.0, 5.0],
         "realised": [9.0, 6.0], "reforecast": [9.0, 6.0], "due": [14, 3], "measured": [9, 3]}
    )  # fmt: skip
    assert list(realisation_figure(totals, as_of=2025).data[0].text) == ["målt 9 av 14", "målt 3 av 3"]
    english = realisation_figure(totals, as_of=2025, text=chart_text("realisation", "en"))
    assert list(english.data[0].text) == ["measured 9 of 14", "measured 3 of 3"]


def test_ratio_figure_colours_by_status_with_thresholds() -> None:
    p = tiny_portfolio(
        [initiative("X", status="completed")],
        benefits=[benefit("LOW", "X", 10.0, lifetime=3, baseline_date="2022-12-31"),
                  benefit("HIGH", "X", 10.0, lifetime=3, baseline_date="2022-12-31"),
                  benefit("NONE", "X", 10.0, lifetime=3, baseline_date="2024-12-31")],
        measurement=[{"benefit_id": "LOW", "year": 2023, "value": 5},
                     {"benefit_id": "HIGH", "year": 2023, "value": 10}],
    )  # fmt: skip
    review = benefit_review(p, plan_with(p, {}), as_of=2023)
    figure = ratio_figure(review, Thresholds(green=0.9, yellow=0.7))
    (bars,) = figure.data
    assert list(bars.y) == ["HIGH – HIGH", "LOW – LOW"]
    assert list(bars.x) == [1.0, 0.5]
    assert list(bars.marker.color) == [STATUS_COLOURS["green"], STATUS_COLOURS["red"]]
    assert sorted(shape.x0 for shape in figure.layout.shapes) == [0.7, 0.9]
    labels = {a.text: (a.y, a.yanchor, a.xanchor) for a in figure.layout.annotations}
    assert labels == {"gul ≥ 70%": (1, "bottom", "right"), "grønn ≥ 90%": (1, "bottom", "left")}  # above the bars


def test_status_table_puts_the_worst_first_and_hides_what_is_not_due() -> None:
    review = pd.DataFrame(
        {"status": ["green", "not_due", "red", "missing", "yellow"]},
        index=pd.Index(["G", "N", "R", "M", "Y"], name="benefit_id"),
    )
    for name in STATUS_TABLE_COLUMNS[1:]:
        if name != "status":
            review[name] = None
    assert list(status_table(review)["benefit_id"]) == ["R", "M", "Y", "G"]
    assert list(status_table(review, include_not_due=True)["benefit_id"]) == ["R", "M", "Y", "G", "N"]
    assert list(status_table(review).columns) == STATUS_TABLE_COLUMNS
