"""The main interactions, driven headless through widget keys on a copy of the sample database.

Edit an initiative (and see an invalid edit refused next to its row without losing it),
change an ambition level, run the optimiser, save a scenario, approve a plan, survive
a failing solver, and read why a scenario has no plan.
"""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from planning.plans.baseline import current_baseline
from planning.plans.runs import list_plans
from planning.store.access import User
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.shared import load_snapshot, save_portfolio_as
from tests.factories import benefit, initiative, tiny_portfolio
from tests.test_access import changed as changed_row
from tests.test_app_pages import database, no_errors, sample_file, start
from tests.test_app_plain_text import read

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages


def stored(url: str) -> Any:
    return load_portfolio(engine=make_engine(url))


def editor_rows(at: AppTest, key: str) -> list[str]:
    return [str(i) for i in at.data_editor(key=key).value["id"]]


def edit(at: AppTest, key: str, row: int, **cells: Any) -> None:
    """Type into cells of a keyed data editor, as the browser would send it."""
    at.session_state[key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}


def chart(at: AppTest, key: str) -> go.Figure:
    """The plotly figure of the chart with ``key``."""
    for element in at.get("plotly_chart"):
        if key in element.proto.id:
            return pio.from_json(element.proto.spec)
    raise KeyError(key)


def numbers(values: Any) -> list[float]:
    """Plotly's JSON keeps number arrays as base64 typed arrays; read either form."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return [float(v) for v in values]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with ``column``."""
    for element in at.dataframe:
        if column in element.value.columns:
            frame: pd.DataFrame = element.value
            return frame
    raise KeyError(column)


def open_tab(at: AppTest, key: str, label: str) -> None:
    """Choose a tab of a keyed ``st.tabs``, as a click in the browser would."""
    at.session_state[key] = label
    at.run()


def serve(portfolio: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Store ``portfolio`` in a fresh SQLite database and point the app at it."""
    url = f"sqlite:///{tmp_path / 'tiny.db'}"
    engine = make_engine(url)
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=portfolio)
    monkeypatch.setenv("DATABASE_URL", url)


def run_optimiser(at: AppTest) -> None:
    at.switch_page("veikart_ui/pages/veikart.py").run()
    at.number_input(key="time_limit").set_value(60.0)
    at.button(key="run_optimiser").click().run()
    no_errors(at)


def test_edit_an_initiative_and_save_it(database: str) -> None:
    at = start("tiltak")
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    edit(at, "initiative_editor", row, duration=4, name="PLL – Helse Vest (endret)")
    at.button(key="save_initiatives").click().run()
    no_errors(at)
    assert at.success[0].value.startswith("Lagret")
    saved = stored(database).initiatives.loc["PLL-HV"]
    assert saved["duration"] == 4 and saved["name"] == "PLL – Helse Vest (endret)"


def test_an_invalid_edit_is_refused_next_to_its_row_and_kept(database: str) -> None:
    at = start("tiltak")
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    edit(at, "initiative_editor", row, lead_region="NOWHERE")
    at.button(key="save_initiatives").click().run()
    assert not at.exception
    assert "Ikke lagret" in at.error[0].value
    assert stored(database).initiatives.at["PLL-HV", "lead_region"] == "HV"  # nothing written
    shown = at.data_editor(key="initiative_editor").value.set_index("id")
    assert shown.at["PLL-HV", "lead_region"] == "NOWHERE"  # what the user typed is still there
    assert "lead_region" in shown.at["PLL-HV", "problems"]
    assert shown.at["PLL-HN", "problems"] == ""

    fixed = editor_rows(at, "initiative_editor").index("PLL-HV")
    edit(at, "initiative_editor", fixed, lead_region="HN")
    at.button(key="save_initiatives").click().run()
    no_errors(at)
    assert stored(database).initiatives.at["PLL-HV", "lead_region"] == "HN"


def test_a_row_someone_else_changed_meanwhile_is_not_overwritten_and_the_message_says_who_in_bokmal(
    database: str,
) -> None:
    at = start("tiltak")
    engine = make_engine(database)
    theirs = load_snapshot(engine)
    changed = changed_row(theirs.portfolio, "initiative", "PLL-HV", duration=5)
    save_portfolio_as(engine=engine, portfolio=changed, user=User("ola", "coordinator"), base=theirs.portfolio,
                      expected_versions=theirs.versions)  # fmt: skip
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    edit(at, "initiative_editor", row, duration=4)
    at.button(key="save_initiatives").click().run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("Ikke lagret: noen andre har endret de samme radene i mellomtiden.")
    assert "  \ninitiative 'PLL-HV' ble endret av ola " in message  # each row on a line of its own
    assert "duration: 3 → 5 (din endring, ikke lagret: duration: 3 → 4)" in message
    assert stored(database).initiatives.at["PLL-HV", "duration"] == 5  # their change stands


def test_discarding_puts_back_every_cell_as_stored(database: str) -> None:
    at = start("tiltak")
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    edit(at, "initiative_editor", row, duration="5,5")  # refused: not a whole number
    at.run()
    assert any("«5,5» er ikke et helt tall" in str(w.value) for w in at.warning)
    at.button(key="discard_initiatives").click().run()
    assert not at.exception
    assert not any("5,5" in str(w.value) for w in at.warning)  # nothing typed is kept
    assert "initiative_editor" not in at.session_state  # the table is drawn afresh, as the browser shows it
    assert at.data_editor(key="initiative_editor_1").value.set_index("id").at["PLL-HV", "duration"] == "3"
    assert stored(database).initiatives.at["PLL-HV", "duration"] == 3


def test_edits_survive_a_change_of_filter(database: str) -> None:
    at = start("tiltak")
    row = editor_rows(at, "initiative_editor").index("ARKIV")
    edit(at, "initiative_editor", row, name="Arkiv (nytt navn)")
    at.run()
    at.multiselect(key="filter_status").set_value(["started"]).run()
    assert "ARKIV" not in editor_rows(at, "initiative_editor")
    at.multiselect(key="filter_status").set_value([]).run()
    shown = at.data_editor(key="initiative_editor").value.set_index("id")
    assert shown.at["ARKIV", "name"] == "Arkiv (nytt navn)"
    at.button(key="save_initiatives").click().run()
    no_errors(at)
    assert stored(database).initiatives.at["ARKIV", "name"] == "Arkiv (nytt navn)"


def test_change_an_ambition_level(database: str) -> None:
    at = start("budsjett")
    before = chart(at, "envelope_chart")
    at.selectbox(key="ambition_HSO").set_value("Lav").run()
    no_errors(at)
    assert at.session_state["working_scenario"]["ambition"]["HSO"] == "Lav"
    after = chart(at, "envelope_chart")
    hso = next(t for t in before.data if t.customdata is not None and t.customdata[0] == "HSO")
    lowered = next(t for t in after.data if t.customdata is not None and t.customdata[0] == "HSO")
    envelopes = stored(database).envelopes
    assert numbers(hso.y)[0] == envelopes.at["HSO/2026/Basis", "amount"]
    assert numbers(lowered.y)[0] == envelopes.at["HSO/2026/Lav", "amount"]  # Lav's own envelope
    at.switch_page("veikart_ui/pages/veikart.py").run()
    assert any("Helse Sør-Øst RHF (HSO)**: Lav" in m.value for m in at.markdown)


def test_run_the_optimiser_and_see_the_roadmap(database: str) -> None:
    at = start()
    run_optimiser(at)
    assert at.success[0].value.startswith("Optimal plan")
    assert re.search(r"gap \d+,\d\d %, løst på \d+,\d s", at.success[0].value)  # decimal commas in bokmål
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tiltak i planen"] != "0" and re.fullmatch(r"-?\d[\d\u202f]*", metrics["Netto nåverdi (MNOK)"])
    assert [b.label for b in at.get("download_button")] == ["Last ned planen (Excel)"]
    roadmap = chart(at, "roadmap_chart")
    assert roadmap.layout.title.text == "Veikart: tiltak i planen"
    assert sum(len(t.customdata) for t in roadmap.data if t.type == "bar" and t.customdata is not None) > 20
    open_tab(at, "roadmap_tabs", "Forbruk mot ramme")
    assert chart(at, "spend_chart").layout.yaxis.title.text == "MNOK"
    open_tab(at, "roadmap_tabs", "Utelatt og utsatt")
    reasons = table_with(at, "Årsak")
    assert (reasons["Årsak"].str.len() > 3).all()  # every initiative out or late has its reason at once
    open_tab(at, "roadmap_tabs", "Trinn")
    steps = table_with(at, "Kostnad (MNOK)")
    for column in ("Kostnad (MNOK)", "Ny prissatt gevinst (MNOK per år)"):
        assert steps[column].tolist() == steps[column].round().tolist()  # whole MNOK, as the metrics above
    assert len(list_plans(make_engine(database))) == 1  # the run is stored

    at.switch_page("veikart_ui/pages/budsjett.py").run()
    at.selectbox(key="ambition_HV").set_value("Lav").run()
    at.switch_page("veikart_ui/pages/veikart.py").run()
    assert any("endret siden" in w.value for w in at.warning)  # the plan shown is marked as stale


def test_save_a_scenario(database: str) -> None:
    at = start("budsjett")
    at.selectbox(key="ambition_HN").set_value("Høy").run()
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    at.text_input(key="scenario_name").set_value("Nord høy").run()
    at.button(key="save_scenario").click().run()
    no_errors(at)
    assert "Nord høy" in at.success[0].value
    scenario = stored(database).scenarios.loc["Nord høy"]
    assert scenario["ambition"]["HN"] == "Høy" and scenario["ambition"]["HSO"] == "Basis"
    at.selectbox(key="load_scenario").set_value("Kutt20")
    at.button(key="load_scenario_button").click().run()
    assert at.session_state["working_scenario"]["budget_factor"] == pytest.approx(0.8)


@pytest.mark.parametrize(("language", "separators"), [("nb", ",\u202f"), ("en", ".,")])
def test_charts_write_numbers_the_readers_way(database: str, language: str, separators: str) -> None:
    """ "2 399,2" and "10 000" in bokmål (plotly's own default is "2,399.2" and "10k")."""
    figure = chart(start("budsjett", language=language), "envelope_chart")
    assert figure.layout.separators == separators
    assert (figure.layout.yaxis.exponentformat, figure.layout.yaxis.separatethousands) == ("none", True)


def test_compare_the_storage_scenarios_and_see_what_each_plan_leaves_out(database: str) -> None:
    at = start("scenarier")
    open_tab(at, "scenario_tabs", "Sammenlign")
    assert at.multiselect(key="compare_scenarios").value == ["Basis", "Sentral-lagring", "Dokumenter-ved-kilden"]
    at.button(key="compare_button").click().run()
    no_errors(at)
    kpis, differences = (table.value for table in at.table)  # static tables: nothing cut off
    assert list(kpis.columns) == ["Scenario", "Basis", "Sentral-lagring", "Dokumenter-ved-kilden"]
    differences = differences.set_index("Tiltak")
    row = next(i for i in differences.index if i.startswith("KILDE-INDEKS – "))
    assert differences.at[row, "Sentral-lagring"] == "ikke i planen"  # national storage forces it out
    assert "Sentral-lagring: alternativet SENTRAL-LAGRING" in differences.at[row, "Hvorfor"]  # the optimiser says why
    assert not (differences == "").any().any()  # never a blank cell that could mean anything


def test_a_scenario_naming_an_unknown_initiative_is_refused_in_bokmal_and_not_stored(database: str) -> None:
    at = start("scenarier")
    at.session_state["working_scenario"] = {**at.session_state["working_scenario"], "forced_in": ["NOSUCH"]}
    at.run()  # the form suggests a name for the changed working scenario; the user types another
    at.text_input(key="scenario_name").set_value("Med feil").run()
    at.button(key="save_scenario").click().run()
    (message,) = [read(e.value) for e in at.error]  # as the reader sees it: names are plain text
    assert message.startswith("scenario/Med feil/forced_in: ukjent tiltak 'NOSUCH' (bruk en av: API-FORV"), message
    assert "Med feil" not in stored(database).scenarios.index


def test_approve_the_plan_and_see_it_on_the_overview(database: str) -> None:
    at = start()
    run_optimiser(at)
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    open_tab(at, "scenario_tabs", "Godkjent plan")
    at.text_input(key="approved_by").set_value("Styringsgruppen").run()
    at.button(key="approve_plan").click().run()
    no_errors(at)
    baseline = current_baseline(make_engine(database))
    assert baseline is not None and baseline.approval.approved_by == "Styringsgruppen"
    at.switch_page("veikart_ui/pages/oversikt.py").run()
    no_errors(at)
    assert any("Godkjent plan" in h.value for h in at.subheader)


def test_a_failing_solver_shows_a_clear_message(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from veikart_ui import planner

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("HiGHS crashed")

    monkeypatch.setattr(planner, "run_scenario", broken)
    at = start("veikart")
    at.button(key="run_optimiser").click().run()
    assert not at.exception
    assert "Løseren feilet: HiGHS crashed" in at.error[0].value
    assert at.button(key="run_optimiser")  # the page is still there


def test_what_forcing_in_would_cost_is_worked_out_in_the_background(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # budget 10 a year: A fits in 2026, B waits until 2027, C (30 MNOK) never fits
    portfolio = tiny_portfolio(
        [initiative("A", cost=10), initiative("B", cost=10), initiative("C", cost=30)],
        budget=10,
        benefits=[benefit("GA", "A", 30, lifetime=5), benefit("GB", "B", 25, lifetime=5), benefit("GC", "C", 40)],
    )
    serve(portfolio, tmp_path, monkeypatch)
    # each what-if is capped at a second of solver time: on a loaded machine that cap, not the
    # model, would decide whether B's figure is found, so the test lifts it
    monkeypatch.setattr("planning.optimise.explain.WHAT_IF_MAX_SECONDS", 30.0)
    monkeypatch.setattr("planning.optimise.explain.WHAT_IF_SHARE", 1.0)
    at = start()
    run_optimiser(at)
    open_tab(at, "roadmap_tabs", "Utelatt og utsatt")
    reasons = table_with(at, "Årsak").set_index("ID")
    assert reasons.loc["B", "Utfall"] == "utsatt" and reasons.loc["C", "Utfall"] == "utelatt"
    assert reasons.loc["B", "Årsak"] == (  # the domain's reason, in bokmål
        "rammen til A i 2026 er brukt opp (10,0 MNOK mangler); første periode med plass er 2027"
    )
    assert (reasons["Endring i nåverdi om tvunget inn"] == "–").all()  # not worked out yet
    at.button(key="explain_button").click().run()
    deadline = time.monotonic() + 120
    while "explain_button" in [b.key for b in at.button] or any(p.value < 1.0 for p in at.get("progress")):
        assert time.monotonic() < deadline, "the background explanation did not finish"
        time.sleep(0.5)
        at.run()
    no_errors(at)
    worked_out = table_with(at, "Årsak").set_index("ID")
    assert worked_out.loc["B", "Endring i nåverdi om tvunget inn"].endswith("MNOK")


def test_a_scenario_without_a_plan_is_diagnosed_in_bokmal(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # M is mandatory and costs 30 a year against a budget of 10: no plan can hold it
    portfolio = tiny_portfolio([initiative("M", cost=30, mandatory=True), initiative("B", cost=5)], budget=10)
    serve(portfolio, tmp_path, monkeypatch)
    at = start()
    at.switch_page("veikart_ui/pages/veikart.py").run()
    at.button(key="run_optimiser").click().run()
    assert not at.exception
    diagnosis = next(e.value for e in at.error if "Hvorfor det ikke finnes noen plan" in e.value)
    assert re.fullmatch(r"Hvorfor det ikke finnes noen plan:\n\n- A mangler 20,0 MNOK i 20\d\d", diagnosis)


@pytest.mark.parametrize(
    ("language", "title"), [("nb", "Kapasitet som varierer over tid"), ("en", "Capacity that varies over time")]
)
def test_a_capacity_limit_for_one_period_is_added_on_the_budget_page(database: str, language: str, title: str) -> None:
    at = start("budsjett", language=language)
    assert title in [s.value for s in at.subheader]
    pool = str(stored(database).capacity_pools.index[0])
    at.session_state["capacity_limits_editor"] = {
        "edited_rows": {},
        "added_rows": [{"capacity_pool_id": pool, "period": "2028", "limit": 0.0}],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_capacity_limits").click().run()
    no_errors(at)
    limits = stored(database).capacity_limits
    assert list(limits.index) == [f"{pool}/2028"] and limits.at[f"{pool}/2028", "limit"] == 0.0
