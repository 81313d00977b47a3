"""The Forutsigbarhet page and the estimates in the initiative editor, headless on a copy of the sample."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planning.optimise import optimise
from planning.optimise.inputs import resolve_scenario
from planning.plans.baseline import approve_plan
from planning.plans.runs import store_plan
from planning.store.access import COORDINATOR, STEERING, User
from planning.store.database import make_engine
from tests.test_app_flows import chart, edit, editor_rows, open_tab, stored, table_with
from tests.test_app_pages import database, no_errors, sample_file, start

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages


def simulate(at: AppTest, samples: int = 400) -> None:
    at.number_input(key="sim_samples").set_value(samples)
    at.button(key="sim_button").click().run()
    no_errors(at)


def test_simulate_the_working_scenarios_plan_and_read_the_results_in_bokmal(database: str) -> None:
    at = start("forutsigbarhet")
    assert any("trykk «Simuler»" in i.value for i in at.info)
    simulate(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Alle rammer holder"].endswith(" %")
    assert {"P50 styringsramme (MNOK)", "P85 kostnadsramme (MNOK)", "Nåverdi P50 (MNOK)"} <= set(metrics)
    fan = chart(at, "sim_fan")
    assert fan.layout.title.text.startswith("Forbruk mot investeringsramme")
    assert len(fan.data) == 4 * 6  # band, P50, envelope and plan for each of the six funding pools
    years = table_with(at, "Holder rammen")
    assert len(years) == 48 and years["Holder rammen"].between(0, 1).all()
    assert any("Simulert: planen for scenario Basis, 400 utfall, frø 1." in c.value for c in at.caption)


def test_every_result_tab_shows_in_english(database: str) -> None:
    at = start("forutsigbarhet", language="en")
    simulate(at, 300)
    assert chart(at, "sim_fan").layout.title.text.startswith("Spend against the investment envelope")
    open_tab(at, "sim_tabs", "Delivery confidence")
    assert chart(at, "sim_confidence").layout.title.text.startswith("Roadmap by delivery confidence")
    delivery = table_with(at, "On time")
    assert delivery["On time"].between(0, 1).all() and "Expected slip (periods)" in delivery.columns
    open_tab(at, "sim_tabs", "Steps")
    assert list(table_with(at, "All delivered by the deadline")["Step"]) == ["Trinn 1", "Trinn 2", "Trinn 3"]
    open_tab(at, "sim_tabs", "Value")
    assert "Net present value" in list(table_with(at, "Measure")["Measure"])
    open_tab(at, "sim_tabs", "Drivers")
    assert chart(at, "sim_tornado").layout.title.text.startswith("What drives the overruns")
    open_tab(at, "sim_tabs", "Estimates")
    assert "Cost most likely (MNOK)" in table_with(at, "From the risk class").columns
    no_errors(at)


def test_a_change_of_settings_marks_the_result_stale_until_simulated_again(database: str) -> None:
    at = start("forutsigbarhet")
    simulate(at, 300)
    at.number_input(key="sim_seed").set_value(2).run()
    assert any("simuler igjen" in w.value for w in at.warning)
    at.button(key="sim_button").click().run()
    assert not any("simuler igjen" in w.value for w in at.warning)


def test_the_approved_plan_can_be_simulated(database: str) -> None:
    engine = make_engine(database)
    from planning.store.database import load_portfolio

    portfolio = load_portfolio(engine=engine)
    plan = optimise(portfolio, "Basis", explain=False)
    kept = store_plan(engine, plan, resolve_scenario(portfolio, "Basis"), {}, input_hash="test",
                      user=User("cora", COORDINATOR))  # fmt: skip
    approve_plan(engine, kept.id, by="Styringsgruppen", user=User("stina", STEERING))
    engine.dispose()
    at = start("forutsigbarhet")
    at.radio(key="sim_source").set_value("approved").run()
    simulate(at, 300)
    assert any(f"godkjent plan {kept.id} (scenario Basis)" in c.value for c in at.caption)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_estimates_are_edited_on_the_initiatives_page_and_a_bad_one_is_refused_by_field(
    database: str, language: str
) -> None:
    at = start("tiltak", language=language)
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    stop = "0,05" if language == "nb" else "0.05"  # typed the reader's way, as every number cell is
    edit(at, "initiative_editor", row, cost_high="260", stop_probability=stop)
    at.button(key="save_initiatives").click().run()
    no_errors(at)
    saved = stored(database).initiatives.loc["PLL-HV"]
    assert (saved["cost_high"], saved["stop_probability"]) == (260.0, 0.05)
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    edit(at, "initiative_editor", row, cost_low="500")  # above the most likely cost, 110
    at.button(key="save_initiatives").click().run()
    assert "Ikke lagret" in at.error[0].value or "Not saved" in at.error[0].value
    shown = at.data_editor(key="initiative_editor").value.set_index("id")
    words = "mest sannsynlige verdi" if language == "nb" else "most likely value"
    assert "cost_low" in shown.at["PLL-HV", "problems"] and words in shown.at["PLL-HV", "problems"]
    assert stored(database).initiatives.at["PLL-HV", "cost_low"] == 99.0  # as the sample has it: nothing written
