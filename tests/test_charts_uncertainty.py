"""Charts of a simulated plan: fans against the envelopes, the roadmap by delivery confidence, the tornado."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.charts.uncertainty import confidence_figure, fan_figure, tornado_figure
from planning.optimise import optimise
from planning.uncertainty import Simulation, SimulationOptions, simulate_plan
from tests.factories import benefit, initiative, tiny_portfolio


@pytest.fixture(scope="module")
def simulated() -> Simulation:
    portfolio = tiny_portfolio(
        [
            initiative("X", 10, 2, cost_high=30, risk="high"),
            initiative("Y", 8, 1, lead_region="B", cost_sharing="lead"),
        ],
        periods=4,
        pools=("A", "B"),
        budget={"A": 8, "B": 9},
        benefits=[benefit("BX", "X", 10, lifetime=5), benefit("BY", "Y", 6, lifetime=5)],
    )
    plan = optimise(portfolio, explain=False)
    return simulate_plan(portfolio, plan, options=SimulationOptions(samples=2000, seed=3, policy="report"))


def test_a_fan_per_pool_with_band_median_envelope_and_plan(simulated: Simulation) -> None:
    figure = fan_figure(simulated.pool_periods, names={"A": "Region A"})
    assert [t.name for t in figure.data] == ["P10–P90", "P50", "Investeringsramme", "Planen"] * 2
    band, median, envelope, _ = figure.data[:4]
    a = simulated.pool_periods[simulated.pool_periods["pool"] == "A"]
    assert band.fill == "toself" and list(band.y) == list(a["p90"]) + list(a["p10"])[::-1]
    assert list(median.y) == list(a["p50"]) and list(envelope.y) == list(a["envelope"])
    assert list(envelope.customdata) == [f"{p:.0%}" for p in a["p_within"]]
    assert figure.layout.annotations[0].text == "Region A"


def test_the_fan_speaks_english_when_asked(simulated: Simulation) -> None:
    figure = fan_figure(simulated.pool_periods, text={"title": "Spend", "envelope": "Investment envelope"})
    assert figure.layout.title.text == "Spend" and figure.data[2].name == "Investment envelope"


def test_the_roadmap_is_coloured_by_the_chance_of_finishing_on_time(simulated: Simulation) -> None:
    figure = confidence_figure(simulated.initiatives)
    (bars,) = figure.data
    order = simulated.initiatives.sort_values(["start_at", "end_at"], ascending=False).index
    assert list(bars.marker.color) == list(simulated.initiatives.loc[order, "p_on_time"])
    assert list(bars.base) == list(simulated.initiatives.loc[order, "start_at"])
    assert bars.marker.cmin == 0 and bars.marker.cmax == 1


def test_the_tornado_spreads_each_driver_from_the_mean_overrun(simulated: Simulation) -> None:
    drivers = simulated.drivers
    assert not drivers.empty
    mean = simulated.summary["mean_overrun"]
    figure = tornado_figure(drivers, mean)
    low, high = figure.data
    assert low.base == mean and list(high.customdata) == list(drivers["overrun_high"][::-1])
    assert list(high.x) == pytest.approx(list(drivers["overrun_high"][::-1] - mean))


def test_empty_tables_say_so() -> None:
    empty = pd.DataFrame(columns=["name", "overrun_low", "overrun_high", "swing", "correlation"])
    assert tornado_figure(empty, 0.0).layout.annotations[0].text == "Ingen simulerte utfall går over rammene"
