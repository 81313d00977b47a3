"""The roadmap Gantt chart: bars per initiative in years, colour by area or region, dependencies."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from planning.charts.roadmap import roadmap_figure, roadmap_rows
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan, optimise
from tests.factories import benefit, initiative, tiny_portfolio


def planned() -> tuple[Portfolio, Plan]:
    """A (started, 1 year) then B (2 years, led by region B); C never pays off and is left out."""
    portfolio = tiny_portfolio(
        [
            initiative("A", cost=10, area="journal_collaboration", status="started"),
            initiative("B", cost=10, duration=2, lead_region="B", area="citizen_services"),
            initiative("C", cost=50),
        ],
        periods=4,
        pools=("A", "B"),
        budget=40,
        benefits=[benefit("GA", "A", 20, lifetime=5), benefit("GB", "B", 20, lifetime=5)],
        dependencies=[{"predecessor_id": "A", "successor_id": "B"}],
    )
    return portfolio, optimise(portfolio, time_limit=10, explain=False)


def bars(figure: go.Figure) -> list[go.Bar]:
    return [t for t in figure.data if isinstance(t, go.Bar) and t.customdata is not None]


def test_rows_are_years_in_start_order() -> None:
    portfolio, plan = planned()
    rows = roadmap_rows(portfolio, plan)
    assert rows["id"].tolist() == ["A", "B"]
    assert rows[["start", "end"]].values.tolist() == [[2026, 2027], [2027, 2029]]
    assert rows["cost"].tolist() == [10, 10]


def test_bars_by_area_with_title_axis_legend_and_dependency() -> None:
    portfolio, plan = planned()
    figure = roadmap_figure(portfolio, plan)
    assert [b.name for b in bars(figure)] == ["Journal og samhandling", "Innbyggertjenester"]
    a, b = bars(figure)
    assert list(a.customdata) == ["A"] and list(a.base) == [2026] and list(a.x) == [1]
    assert list(b.base) == [2027] and list(b.x) == [2]
    assert a.marker.pattern.shape == ("/",)  # started initiatives are hatched
    legend_only = [t for t in figure.data if isinstance(t, go.Bar) and t.customdata is None]
    assert [t.name for t in legend_only] == ["Skravert: igangsatt"]
    lines = [t for t in figure.data if isinstance(t, go.Scatter)]
    assert len(lines) == 1 and lines[0].name == "Avhengighet"
    assert list(lines[0].x) == [2027, 2027, None]  # A's end to B's start
    layout = figure.layout
    assert layout.title.text == "Veikart: tiltak i planen"
    assert layout.xaxis.title.text == "År" and list(layout.xaxis.ticktext) == ["2026", "2027", "2028", "2029"]
    assert layout.legend.title.text == "Område"
    assert list(layout.yaxis.categoryarray) == ["A – A", "B – B"]
    assert list(layout.yaxis.range) == [1.5, -0.5]  # A on top, no empty band above it for the arrows
    assert layout.margin.t >= 100  # the title stands above a two-line legend, not in it


def test_colour_by_region_in_english_without_dependencies() -> None:
    portfolio, plan = planned()
    figure = roadmap_figure(
        portfolio,
        plan,
        color_by="region",
        show_dependencies=False,
        text={"title": "Roadmap", "x": "Year", "legend_region": "Lead region"},
        names={"A": "Region A", "B": "Region B"},
    )
    assert [b.name for b in bars(figure)] == ["Region A", "Region B"]
    assert not [t for t in figure.data if isinstance(t, go.Scatter)]
    assert figure.layout.title.text == "Roadmap" and figure.layout.legend.title.text == "Lead region"


def test_an_empty_plan_says_so_and_a_wrong_colour_is_refused() -> None:
    portfolio, plan = planned()
    plan.initiatives["selected_opt"] = False
    figure = roadmap_figure(portfolio, plan)
    assert not bars(figure)
    assert figure.layout.annotations[0].text == "Ingen tiltak i planen"
    with pytest.raises(ValueError, match="color_by"):
        roadmap_figure(portfolio, plan, color_by="risk")
