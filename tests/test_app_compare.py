"""The comparison on the Scenarier page (issue 33 item 6), headless, in bokmål and English.

It preselects the working scenario and its base, offers the unsaved working copy, gives
each difference the optimiser's reason, and shows both tables as static tables whose
cells wrap (``st.table``), so no text or column is cut off.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from planning.optimise.inputs import resolve_scenario
from planning.robust.scenario import plan_scenario
from planning.store.database import load_portfolio, make_engine
from tests.test_app_flows import open_tab
from tests.test_app_pages import database, no_errors, sample_file, start
from tests.test_app_scenario_confidence import fast
from veikart_ui.comparison_view import WORKING

__all__ = ["database", "fast", "sample_file"]  # fixtures shared with test_app_pages and the confidence tests

TAB = {"nb": "Sammenlign", "en": "Compare"}
WORDS = {
    "nb": ("Basis (arbeidskopi, ikke lagret)", "ikke i planen", "Hvorfor", "Tiltak", "Netto nåverdi (MNOK)"),
    "en": ("Basis (working copy, not saved)", "not in the plan", "Why", "Initiative", "Net present value (MNOK)"),
}


def compare_tab(language: str, working: dict[str, object] | None = None) -> AppTest:
    at = start("scenarier", language=language)
    if working is not None:
        at.session_state["working_scenario"] = working
        at.query_params["scenario"] = str(working["id"])  # as a link to it, or loading it, leaves the URL
        at.run()
    open_tab(at, "scenario_tabs", TAB[language])
    no_errors(at)
    return at


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [t.value for t in at.table]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_unsaved_working_copy_is_compared_with_its_base_and_each_difference_has_its_reason(
    database: str, language: str
) -> None:
    portfolio = load_portfolio(engine=make_engine(database))
    cut = resolve_scenario(portfolio, "Basis").model_copy(update={"budget_factor": 0.7})
    at = compare_tab(language, cut.model_dump())
    working, not_in, why, initiative, npv = WORDS[language]
    choice = at.multiselect(key="compare_scenarios")
    assert choice.value == [WORKING, "Basis"]  # the working scenario and its base
    assert working in choice.options
    at.button(key="compare_button").click().run()
    no_errors(at)
    figures, differences = tables(at)
    assert list(figures.columns)[1:] == [working, "Basis"]  # one scenario per column
    assert npv in list(figures.iloc[:, 0])
    assert list(differences.columns) == [initiative, working, "Basis", why]
    out = differences[differences[working] == not_in]
    assert len(out) > 0  # a 30 % cut leaves initiatives out
    assert all(text.startswith(f"{working}: ") and len(text) > len(working) + 10 for text in out[why])
    assert not (differences == "").any().any()
    nb_words = ("går ikke", "venter", "budsjett", "ramme", "lønn", "kapasitet", "tiltak")
    if language == "en":
        assert not any(word in " ".join(out[why]) for word in ("ikke plass", "venter på"))
    else:
        assert any(word in " ".join(out[why]) for word in nb_words)
    assert not at.dataframe or all(len(d.value.columns) < 8 for d in at.dataframe)  # nothing wide to scroll


def test_a_saved_scenario_is_compared_with_basis_and_hoy_reads_hoy(database: str) -> None:
    portfolio = load_portfolio(engine=make_engine(database))
    at = compare_tab("nb", resolve_scenario(portfolio, "Kutt20").model_dump())
    choice = at.multiselect(key="compare_scenarios")
    assert choice.value == ["Kutt20", "Basis"]
    assert WORKING not in [str(o) for o in choice.value]
    assert "Høy" in choice.options and "Hoy" not in choice.options  # the id Hoy, as people write it


def test_with_nothing_changed_the_storage_alternatives_are_ready(database: str) -> None:
    at = compare_tab("en")
    assert at.multiselect(key="compare_scenarios").value == ["Basis", "Sentral-lagring", "Dokumenter-ved-kilden"]


PLANNED_AT = {"nb": ("Sikkerhet", "Punktestimat", "er planlagt med 85"), "en": ("Confidence", "Point estimate",
                                                                               "is planned at 85")}  # fmt: skip


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_working_copy_with_a_confidence_is_compared_at_it_and_the_figures_say_so(
    database: str, language: str, fast: None
) -> None:
    portfolio = load_portfolio(engine=make_engine(database))
    sure = resolve_scenario(portfolio, "Basis").model_copy(update={"confidence": 0.85})
    at = compare_tab(language, sure.model_dump())
    at.button(key="compare_button").click().run()
    no_errors(at)
    figures = tables(at)[0]
    label, point, said = PLANNED_AT[language]
    row = figures[figures.iloc[:, 0] == label].iloc[0]
    assert row.iloc[1].startswith("85") and row.iloc[2] == point  # the working copy at 85 %, Basis on the estimates
    assert any(said in caption.value for caption in at.caption)
    made = at.session_state["comparison_made"].comparison.plans
    working = next(iter(made))
    assert made[working].confidence == 0.85 and made["Basis"].confidence is None
    assert made[working].starts == plan_scenario(portfolio, sure).plan.starts != made["Basis"].starts
