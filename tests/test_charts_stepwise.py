"""Charts for ladders, frontiers, comparisons and steps: traces, titles, units."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.charts.stepwise import (
    STEPWISE_TEXT,
    compare_figure,
    compare_spend_figure,
    frontier_figure,
    ladder_figure,
    ladder_pool_figure,
    steps_figure,
)
from veikart_ui.i18n import chart_text


def test_ladder_figures() -> None:
    summary = pd.DataFrame(
        {"level": ["Lav", "Basis"], "npv": [30.0, 55.0], "independent_npv": [30.0, 65.0], "investment": [50.0, 90.0]}
    )
    fig = ladder_figure(summary)
    assert [t.name for t in fig.data] == ["Nøstet plan", "Optimert alene", "Investering"]
    assert list(fig.data[1].y) == [30.0, 65.0] and fig.layout.yaxis.title.text == "Netto nåverdi (MNOK)"
    assert fig.layout.yaxis2.title.text == "Investering (MNOK)" and "Ambisjonsstige" in fig.layout.title.text
    assert (fig.layout.yaxis2.rangemode, fig.layout.yaxis2.tickmode) == ("tozero", "auto")  # round ticks from 0
    by_pool = pd.DataFrame(
        {"level": ["Lav", "Lav", "Basis"], "pool": ["HSO", "HV", "HSO"], "cost": [10.0, 5.0, 7.0], "npv": [1.0, 2, 3]}
    )
    pools = ladder_pool_figure(by_pool)
    assert [t.name for t in pools.data] == ["HSO", "HV"] and pools.layout.barmode == "stack"
    assert list(pools.data[1].x) == ["Lav", "Basis"] and pd.isna(pools.data[1].y[1])


def test_frontier_figure_draws_both_methods() -> None:
    frontier = pd.DataFrame(
        {
            "method": ["optimiser", "greedy", "optimiser", "greedy"],
            "budget_factor": [0.5, 0.5, 1.0, 1.0],
            "investment": [50.0, 40.0, 100.0, None],
            "npv": [30.0, 20.0, 65.0, None],
            "benefit": [80.0, 60.0, 165.0, None],
        }
    )
    fig = frontier_figure(frontier)
    assert [t.name for t in fig.data] == ["Optimering", "Rangering nytte/kost"]
    assert list(fig.data[1].x) == [40.0]  # a level without plan is left out of the line
    assert fig.layout.xaxis.title.text == "Investering (MNOK)"
    assert frontier_figure(frontier, "benefit").layout.yaxis.title.text.startswith("Samlet gevinst")
    with pytest.raises(ValueError):
        frontier_figure(frontier, "nytte")


def test_compare_figures() -> None:
    kpis = pd.DataFrame(
        {"scenario": ["A", "B", "C"], "npv": [1.0, 2, 3], "investment": [4.0, 5, 6], "benefit": [7.0, 8, 9]}
    )
    fig = compare_figure(kpis)
    assert [t.name for t in fig.data] == ["A", "B", "C"] and list(fig.data[2].y) == [3, 6, 9]
    assert fig.layout.yaxis.title.text == "MNOK"
    spend = pd.DataFrame(
        {
            "scenario": ["A", "A", "B", "B"],
            "pool": ["HSO", "HV", "HSO", "HV"],
            "year": [2026] * 4,
            "amount": [1.0, 2, 3, 4],
            "envelope": [5.0] * 4,
        }
    )
    grid = compare_spend_figure(spend, columns=2)
    assert len(grid.data) == 8 and sum(bool(t.showlegend) for t in grid.data) == 4
    assert grid.layout.yaxis.title.text == "MNOK per år" and grid.data[1].line.dash == "dash"


def test_steps_figure() -> None:
    costs = pd.DataFrame(
        {"step": ["Trinn 1", "Trinn 1", "Trinn 2"], "pool": ["HSO", "HV", "HSO"], "amount": [10.0, 5.0, 7.0]}
    )
    fig = steps_figure(costs)
    assert [t.name for t in fig.data] == ["HSO", "HV"] and list(fig.data[0].y) == [10.0, 7.0]
    assert fig.layout.yaxis.title.text == "Kostnad (MNOK)" and fig.layout.xaxis.title.text == "Trinn"


def test_every_label_can_be_given_in_another_language() -> None:
    english = chart_text("stepwise", "en")
    assert set(english) == set(STEPWISE_TEXT)  # nothing left in bokmål
    summary = pd.DataFrame({"level": ["Lav"], "npv": [30.0], "independent_npv": [31.0], "investment": [50.0]})
    ladder = ladder_figure(summary, text=english)
    assert [t.name for t in ladder.data] == ["Nested plan", "Optimised alone", "Investment"]
    assert ladder.layout.title.text == "Ambition ladder: net present value per level"
    assert ladder.layout.yaxis2.title.text == "Investment (MNOK)"
    frontier = pd.DataFrame(
        {"method": ["optimiser", "greedy"], "budget_factor": [1.0, 1.0], "investment": [90.0, 80.0], "npv": [5.0, 4.0]}
    )
    front = frontier_figure(frontier, text=english)
    assert [t.name for t in front.data] == ["Optimiser", "Benefit/cost ranking"]
    assert front.layout.title.text == "Efficient frontier: net present value against investment"
    assert front.data[0].hovertemplate.startswith("Envelope %{customdata:.0f} %<br>Investment")
    kpis = pd.DataFrame([{"scenario": "Basis", "npv": 1.0, "investment": 2.0, "benefit": 3.0}])
    assert list(compare_figure(kpis, text=english).data[0].x) == ["Net present value", "Investment", "Total benefit"]
    costs = pd.DataFrame({"step": ["1"], "pool": ["HSO"], "amount": [4.0]})
    assert steps_figure(costs, text=english).layout.xaxis.title.text == "Step"


def test_pools_are_named_where_names_are_given() -> None:
    names = {"HSO": "Helse Sør-Øst (HSO)"}  # HV has no name: its id stands
    by_pool = pd.DataFrame({"level": ["Lav", "Lav"], "pool": ["HSO", "HV"], "cost": [10.0, 5.0], "npv": [1.0, 2.0]})
    ladder = ladder_pool_figure(by_pool, names=names)
    assert [t.name for t in ladder.data] == ["Helse Sør-Øst (HSO)", "HV"]
    assert "Helse Sør-Øst (HSO): %{y" in ladder.data[0].hovertemplate
    spend = pd.DataFrame({"scenario": ["A", "A"], "pool": ["HSO", "HV"], "year": [2026] * 2, "amount": [1.0, 2.0]})
    grid = compare_spend_figure(spend.assign(envelope=5.0), columns=2, names=names)
    assert [a.text for a in grid.layout.annotations] == ["Helse Sør-Øst (HSO)", "HV"]  # the panel titles
    costs = pd.DataFrame({"step": ["Trinn 1", "Trinn 1"], "pool": ["HSO", "HV"], "amount": [10.0, 5.0]})
    steps = steps_figure(costs, names=names)
    assert [t.name for t in steps.data] == ["Helse Sør-Øst (HSO)", "HV"]
    assert "Helse Sør-Øst (HSO): %{y" in steps.data[0].hovertemplate
