"""Numbers typed into the editable tables in bokmål and English: ``56,5`` is 56.5, not 565; ``-5``
is minus five (and refused where no negative number is allowed); ``abc`` is refused by its row
and column with how to write it, and nothing is saved until every row is valid."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planning.store.database import load_portfolio, make_engine
from tests.shown import as_read
from tests.test_app_flows import edit, editor_rows
from tests.test_app_pages import database, sample_file, start

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages

EDITOR = "initiative_editor"
ROW = "INNB-JOURNAL"  # no estimates of its own: a new cost is not held against a stated low or high


def stored(url: str) -> Any:
    return load_portfolio(engine=make_engine(url))


def type_cost(at: AppTest, text: str, **more: Any) -> None:
    """Type ``text`` into the cost cell of :data:`ROW`, as the browser sends a text cell, and save."""
    edit(at, EDITOR, editor_rows(at, EDITOR).index(ROW), total_cost=text, **more)
    at.run()


def save(at: AppTest) -> None:
    at.button(key="save_initiatives").click().run()
    assert not at.exception


def problems_of(at: AppTest, row: str) -> str:
    return str(at.data_editor(key=EDITOR).value.set_index("id").at[row, "problems"])


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("nb", "56,5", 56.5),
        ("nb", "1 234,5", 1234.5),
        ("en", "56.5", 56.5),
        ("en", "1,234.5", 1234.5),
    ],
)
def test_a_decimal_number_is_stored_as_typed(database: str, language: str, typed: str, value: float) -> None:
    at = start("tiltak", language)
    before = stored(database).initiatives.at[ROW, "total_cost"]
    type_cost(at, typed, cost_profile=None)  # no profile: the cost alone
    assert not at.main.warning  # nothing refused
    save(at)
    assert not at.error, [e.value for e in at.error]
    assert stored(database).initiatives.at[ROW, "total_cost"] == value != before


def test_the_cost_is_shown_the_readers_way(database: str) -> None:
    at = start("tiltak")
    type_cost(at, "1 234,5", cost_profile=None)
    save(at)
    shown = {
        lang: start("tiltak", lang).data_editor(key=EDITOR).value.set_index("id").at[ROW, "total_cost"]
        for lang in ("nb", "en")
    }
    assert shown == {"nb": "1\u202f234,5", "en": "1\u202f234.5"}  # a narrow space between thousands, as in the tables


@pytest.mark.parametrize(
    ("language", "typed", "message", "fix"),
    [
        ("nb", "abc", "«abc» er ikke et tall", "skriv et tall, for eksempel 56,5"),
        ("nb", "56.5", "«56.5» har desimalpunktum", "skriv desimaler med komma, for eksempel 56,5"),
        ("en", "abc", "'abc' is not a number", "write a number, for example 56.5"),
        (
            "en",
            "56,5",
            "'56,5' has a decimal comma",
            "write decimals with a point, for example 56.5 (the app is in English)",
        ),
    ],
)
def test_text_that_is_no_number_is_refused_by_row_and_column_and_nothing_is_saved(
    database: str, language: str, typed: str, message: str, fix: str
) -> None:
    at = start("tiltak", language)
    before = stored(database).initiatives.loc[ROW].to_dict()
    type_cost(at, typed, duration="5")
    [warning] = [w.value for w in at.main.warning]  # at once, below the table
    cell = f"Rad {ROW}, kolonnen «Kostnad (MNOK)»" if language == "nb" else f"Row {ROW}, column 'Cost (MNOK)'"
    assert f"{cell}: {message}; {fix}." in warning
    save(at)
    assert stored(database).initiatives.loc[ROW].to_dict() == before  # not the duration either
    assert at.error[0].value.startswith("Ikke lagret" if language == "nb" else "Not saved")
    column = "Kostnad (MNOK)" if language == "nb" else "Cost (MNOK)"
    assert problems_of(at, ROW) == f"{column}: {message} ({fix})"  # at its row, naming the column
    assert problems_of(at, "PLL-HN") == ""
    shown = at.data_editor(key=EDITOR).value.set_index("id")
    assert shown.at[ROW, "total_cost"] == typed and shown.at[ROW, "duration"] == "5"  # kept as typed

    fixed = "56,5" if language == "nb" else "56.5"
    type_cost(at, fixed, cost_profile=None)
    save(at)
    assert not at.error, [e.value for e in at.error]
    saved = stored(database).initiatives.loc[ROW]
    assert (saved["total_cost"], saved["duration"]) == (56.5, 5)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_negative_cost_is_read_as_negative_and_refused(database: str, language: str) -> None:
    at = start("tiltak", language)
    before = stored(database).initiatives.at[ROW, "total_cost"]
    type_cost(at, "-5", cost_profile=None)
    assert not at.main.warning  # -5 is a number ...
    save(at)
    assert stored(database).initiatives.at[ROW, "total_cost"] == before  # ... but no cost, and not 5
    problem = problems_of(at, ROW)
    assert "total_cost" in problem and ("0" in problem) and "5" not in problem.replace("-5", "")


def test_a_fraction_of_a_period_is_refused(database: str) -> None:
    at = start("tiltak")
    before = stored(database).initiatives.at[ROW, "duration"]
    edit(at, EDITOR, editor_rows(at, EDITOR).index(ROW), duration="2,5")
    at.run()
    warning = at.main.warning[0].value
    assert f"Rad {ROW}, kolonnen «Varighet (perioder)»: «2,5» er ikke et helt tall; skriv et helt tall" in warning
    save(at)
    assert stored(database).initiatives.at[ROW, "duration"] == before  # neither 2 nor 25


def test_lists_and_pairs_of_numbers_take_the_decimal_comma(database: str) -> None:
    at = start("tiltak")
    edit(at, EDITOR, editor_rows(at, EDITOR).index(ROW), duration="2", total_cost="30,5",
         cost_profile="10;20,5", cost_sharing="custom", custom_shares="HV=0,75;HN=0,25")  # fmt: skip
    at.run()
    assert not at.main.warning
    save(at)
    assert not at.error, [e.value for e in at.error]
    saved = stored(database).initiatives.loc[ROW]
    assert list(saved["cost_profile"]) == [10.0, 20.5] and dict(saved["custom_shares"]) == {"HV": 0.75, "HN": 0.25}
    at = start("tiltak")  # and they are shown the same way
    shown = at.data_editor(key=EDITOR).value.set_index("id").loc[ROW]
    assert (shown["cost_profile"], shown["custom_shares"]) == ("10;20,5", "HV=0,75;HN=0,25")


def test_an_edit_in_progress_follows_a_switch_of_language(database: str) -> None:
    at = start("tiltak")
    edit(at, EDITOR, editor_rows(at, EDITOR).index(ROW), name="Nytt navn", total_cost="abc")
    at.run()
    save(at)  # refused: the whole table is now a draft, written in bokmål ("NHN=0,5;HSO=0,285;...")
    assert "NHN=0,5;" in at.data_editor(key=EDITOR).value.set_index("id").at["HELSENETT", "custom_shares"]
    at.session_state["language"] = "en"
    at.run()
    shown = at.data_editor(key=EDITOR).value.set_index("id")
    assert shown.at["HELSENETT", "custom_shares"].startswith("NHN=0.5;HSO=0.285;")  # rewritten in English
    assert shown.at[ROW, "name"] == "Nytt navn"
    assert [w.value for w in at.main.warning] and "HELSENETT" not in at.main.warning[0].value  # only 'abc'
    edit(at, EDITOR, editor_rows(at, EDITOR).index(ROW), name="Nytt navn", total_cost="56.5", cost_profile=None)
    at.run()
    save(at)
    assert not at.error, [e.value for e in at.error]
    saved = stored(database).initiatives
    assert (saved.at[ROW, "name"], saved.at[ROW, "total_cost"]) == ("Nytt navn", 56.5)
    assert saved.at["HELSENETT", "custom_shares"]["HSO"] == 0.285


def envelope_editor(at: AppTest) -> str:
    return f"envelopes_{at.selectbox(key='envelope_level').value}_editor"


@pytest.mark.parametrize(("language", "typed", "value"), [("nb", "1 234,5", 1234.5), ("en", "1,234.5", 1234.5)])
def test_an_envelope_takes_the_readers_decimal_mark(database: str, language: str, typed: str, value: float) -> None:
    at = start("budsjett", language)
    key = envelope_editor(at)
    edit(at, key, editor_rows(at, key).index("HSO"), **{"2026": typed})
    at.run()
    assert not at.main.warning
    at.button(key="save_envelopes").click().run()
    assert not at.error, [e.value for e in at.error]
    assert stored(database).envelopes.at["HSO/2026/Basis", "amount"] == value


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [
        ("nb", "abc", "Rad HSO, kolonnen «2026»: «abc» er ikke et tall; skriv et tall, for eksempel 56,5."),
        ("en", "56,5", "Row HSO, column '2026': '56,5' has a decimal comma; write decimals with a point"),
    ],
)
def test_an_envelope_that_is_no_number_is_refused_and_nothing_saved(
    database: str, language: str, typed: str, shown: str
) -> None:
    before = stored(database).envelopes
    at = start("budsjett", language)
    key = envelope_editor(at)
    edit(at, key, editor_rows(at, key).index("HSO"), **{"2026": typed, "2027": "1"})
    at.run()
    assert shown in at.main.warning[0].value
    at.button(key="save_envelopes").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Ikke lagret" if language == "nb" else "Not saved")
    assert stored(database).envelopes.equals(before)  # not 2027 either
    problems = at.data_editor(key=key).value.set_index("id").at["HSO", "problems"]
    assert "2026" in problems and typed in problems


def test_a_negative_envelope_is_refused_not_made_positive(database: str) -> None:
    before = stored(database).envelopes.at["HSO/2026/Basis", "amount"]
    at = start("budsjett")
    key = envelope_editor(at)
    edit(at, key, editor_rows(at, key).index("HSO"), **{"2026": "-5"})
    at.run()
    at.button(key="save_envelopes").click().run()
    assert stored(database).envelopes.at["HSO/2026/Basis", "amount"] == before
    assert "HSO/2026/Basis" in at.data_editor(key=key).value.set_index("id").at["HSO", "problems"]


@pytest.mark.parametrize(("language", "typed"), [("nb", "2,5"), ("en", "2.5")])
def test_a_capacity_limit_takes_the_readers_decimal_mark(database: str, language: str, typed: str) -> None:
    at = start("budsjett", language)
    edit(at, "capacity_editor", editor_rows(at, "capacity_editor").index("DIPS-LEV"), limit=typed)
    at.run()
    at.button(key="save_capacity").click().run()
    assert not at.error, [e.value for e in at.error]
    assert stored(database).capacity_pools.at["DIPS-LEV", "limit"] == 2.5


def test_a_capacity_limit_that_is_no_number_is_refused(database: str) -> None:
    at = start("budsjett")
    edit(at, "capacity_editor", editor_rows(at, "capacity_editor").index("DIPS-LEV"), limit="fem")
    at.run()
    assert "Rad DIPS-LEV, kolonnen «Grense per periode»: «fem» er ikke et tall" in at.main.warning[0].value
    at.button(key="save_capacity").click().run()
    assert stored(database).capacity_pools.at["DIPS-LEV", "limit"] == 5
    assert "«fem»" in at.data_editor(key="capacity_editor").value.set_index("id").at["DIPS-LEV", "problems"]


def enter_measurement(at: AppTest, typed: str) -> None:
    at.selectbox(key="entry_benefit").set_value("KJ-TID")
    at.number_input(key="entry_year").set_value(2024)
    at.text_input(key="entry_value").set_value(typed)
    next(b for b in at.button if b.label in ("Lagre måling", "Save measurement")).click().run()
    assert not at.exception


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [("nb", "56,5", 56.5), ("nb", " 50,25 ", 50.25), ("en", "56.5", 56.5), ("en", "50.25", 50.25)],
)
def test_a_measurement_takes_the_readers_decimal_mark(database: str, language: str, typed: str, value: float) -> None:
    at = start("gevinster", language)
    enter_measurement(at, typed)
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value in ("Lagret KJ-TID/2024.", "Saved KJ-TID/2024.")
    assert stored(database).measurements.at["KJ-TID/2024", "value"] == value


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("nb", "abc", "» er ikke et tall; skriv et tall, for eksempel 56,5. Ingenting er lagret."),
        ("en", "56,5", "' has a decimal comma; write decimals with a point, for example 56.5"),
    ],
)
def test_a_measurement_that_is_no_number_is_refused(database: str, language: str, typed: str, message: str) -> None:
    before = stored(database).measurements
    at = start("gevinster", language)
    enter_measurement(at, typed)
    [error] = [e.value for e in at.error]
    assert error.startswith(f"«{typed}» i feltet «Verdi (" if language == "nb" else f"'{typed}' in the field 'Value (")
    assert message in error
    assert stored(database).measurements.equals(before)
    assert at.text_input(key="entry_value").value == typed  # kept, to be mended


@pytest.mark.parametrize(("language", "typed"), [("nb", "92,5"), ("en", "92.5")])
def test_the_budget_factor_takes_the_readers_decimal_mark(database: str, language: str, typed: str) -> None:
    at = start("budsjett", language)
    assert at.text_input(key="budget_factor").value == "100"
    at.text_input(key="budget_factor").set_value(typed).run()
    assert not at.main.error
    assert at.session_state["working_scenario"]["budget_factor"] == pytest.approx(0.925)  # not 9.25
    at.session_state["language"] = "en" if language == "nb" else "nb"
    at.run()
    assert at.text_input(key="budget_factor").value == ("92.5" if language == "nb" else "92,5")  # follows the switch


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("nb", "abc", "«abc» i feltet «Rammer i prosent» er ikke et tall; skriv et tall, for eksempel 56,5."),
        ("nb", "925", "«925» i feltet «Rammer i prosent» er utenfor det som går an; skriv et tall fra 0 til 300"),
        ("en", "-5", "'-5' in the field 'Envelopes in percent' is out of range; write a number from 0 to 300"),
        ("en", "92,5", "'92,5' in the field 'Envelopes in percent' has a decimal comma; write decimals with a point"),
    ],
)
def test_a_budget_factor_that_is_no_percentage_is_refused(
    database: str, language: str, typed: str, message: str
) -> None:
    at = start("budsjett", language)
    at.text_input(key="budget_factor").set_value(typed).run()
    assert not at.exception
    assert message in as_read(at.main.error[0].value)
    assert at.session_state["working_scenario"]["budget_factor"] == 1.0  # unchanged


def test_unsaved_edits_follow_a_switch_of_language(database: str) -> None:
    at = start("tiltak")
    edit(at, EDITOR, editor_rows(at, EDITOR).index(ROW), name="Nytt navn", total_cost="56,5", cost_profile=None)
    at.run()
    at.session_state["language"] = "en"
    at.run()
    shown = at.data_editor(key=EDITOR).value.set_index("id")
    assert (shown.at[ROW, "name"], shown.at[ROW, "total_cost"]) == ("Nytt navn", "56.5")  # kept, in English
    assert shown.at["HELSENETT", "custom_shares"].startswith("NHN=0.5;")
    save(at)
    assert not at.error, [e.value for e in at.error]
    saved = stored(database).initiatives
    assert (saved.at[ROW, "name"], saved.at[ROW, "total_cost"]) == ("Nytt navn", 56.5)
