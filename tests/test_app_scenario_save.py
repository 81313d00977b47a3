"""Saving scenarios in the app: save as new by default, overwrite only after seeing the changes,
restore from the history, the unsaved-changes marker, the draft kept between sessions, and
``?scenario=`` links; in bokmål and English.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from planning.optimise.inputs import resolve_scenario
from planning.store.access import User
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, make_engine
from planning.store.scenario_drafts import load_draft, save_draft
from planning.store.scenario_history import scenario_history
from planning.store.scenarios import save_scenario
from planning.store.users import DEV_USER_VARIABLE, dev_user
from tests.test_app_pages import APP, TIMEOUT, database, no_errors, read_only, sample_file, start

__all__ = ["database", "read_only", "sample_file"]  # fixtures shared with test_app_pages

HSO = {"nb": "Ambisjonsnivå Helse Sør-Øst RHF (HSO)", "en": "Ambition level Helse Sør-Øst RHF (HSO)"}
WORDS = {
    "nb": {"copy": "Basis (kopi)", "unsaved": "Ulagrede endringer", "saved": "er lagret"},
    "en": {"copy": "Basis (copy)", "unsaved": "Unsaved changes", "saved": "is saved"},
}


OLA = User("ola", "coordinator")


def stored(url: str) -> Any:
    return load_portfolio(engine=make_engine(url))


def stored_basis(url: str) -> dict[str, Any]:
    return resolve_scenario(stored(url), "Basis").model_dump()


def lower_hso(at: AppTest) -> None:
    """Lower Helse Sør-Øst to the Lav ambition level on Budsjett, then go to Scenarier."""
    at.switch_page("veikart_ui/pages/budsjett.py").run()
    at.selectbox(key="ambition_HSO").set_value("Lav").run()
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    no_errors(at)


def texts(at: AppTest) -> str:
    """Every message and markdown text on the page, one a line."""
    kinds = ("markdown", "warning", "info", "success", "error", "caption")
    return "\n".join(str(element.value) for kind in kinds for element in at.get(kind))


def table_with(at: AppTest, column: str) -> Any:
    """The first read-only table with ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def changes_shown(at: AppTest) -> list[list[str]]:
    """The rows of the table of changes a confirmation shows (field, before, after)."""
    frame = next(
        d.value
        for d in at.dataframe
        if list(d.value.columns) in (["Felt", "Før", "Etter"], ["Field", "Before", "After"])
    )
    return frame.values.tolist()


def history_shown(at: AppTest) -> Any:
    return next(d.value for d in at.dataframe if d.value.columns[0] in ("Versjon", "Version"))


@pytest.mark.parametrize("language", ["nb", "en"])
def test_saving_makes_a_new_scenario_by_default_and_leaves_basis_alone(database: str, language: str) -> None:
    at = start("scenarier", language=language)
    lower_hso(at)
    words = WORDS[language]
    assert at.text_input(key="scenario_name").value == words["copy"]  # never the loaded scenario's name
    assert "HSO" in at.text_input(key="scenario_description").value  # says what changed, not "all at Basis"
    at.button(key="save_scenario").click().run()
    no_errors(at)
    assert words["saved"] in texts(at)
    scenarios = stored(database).scenarios
    assert scenarios.at[words["copy"], "ambition"]["HSO"] == "Lav"
    assert scenarios.at["Basis", "ambition"]["HSO"] == "Basis"  # the shared Basis is untouched
    assert at.session_state["working_scenario"]["id"] == words["copy"]
    assert at.query_params["scenario"] == words["copy"]  # the URL follows the save
    assert words["unsaved"] not in texts(at)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_overwriting_basis_needs_a_confirmation_that_shows_each_change(database: str, language: str) -> None:
    at = start("scenarier", language=language)
    lower_hso(at)
    at.button(key="overwrite_scenario").click().run()
    no_errors(at)
    assert stored(database).scenarios.at["Basis", "ambition"]["HSO"] == "Basis"  # nothing yet
    assert changes_shown(at) == [[HSO[language], "Basis", "Lav"]]
    at.button(key="confirm_overwrite").click().run()
    no_errors(at)
    assert stored(database).scenarios.at["Basis", "ambition"]["HSO"] == "Lav"
    kept = scenario_history(make_engine(database), "Basis")
    assert [(v.version, v.kind) for v in kept] == [(1, "unrecorded"), (2, "update")]
    assert kept[0].content is not None and kept[0].content["ambition"]["HSO"] == "Basis"  # the old Basis is kept
    assert kept[1].saved_by == "dev-admin"


def test_an_overwrite_confirmed_after_someone_else_saved_is_refused_and_keeps_their_change(database: str) -> None:
    at = start("scenarier")
    lower_hso(at)
    at.button(key="overwrite_scenario").click().run()
    save_scenario(make_engine(database), {**stored_basis(database), "budget_factor": 0.9}, user=OLA)
    at.button(key="confirm_overwrite").click().run()
    (message,) = [e.value for e in at.error]
    assert message.startswith("Ikke lagret: noen andre har endret") and "endret av ola" in message, message
    basis = stored(database).scenarios.loc["Basis"]
    assert (basis["budget_factor"], basis["ambition"]["HSO"]) == (pytest.approx(0.9), "Basis")


def test_typing_a_stored_name_asks_before_overwriting_it_and_cancel_saves_nothing(database: str) -> None:
    at = start("scenarier")
    lower_hso(at)
    at.text_input(key="scenario_name").set_value("Kutt20").run()
    at.button(key="save_scenario").click().run()
    no_errors(at)
    assert "finnes allerede et scenario som heter «Kutt20»" in texts(at)
    shown = {row[0]: row[1:] for row in changes_shown(at)}
    assert shown[HSO["nb"]] == ["Basis", "Lav"] and shown["Rammer"] == ["80 %", "100 %"]
    at.button(key="cancel_overwrite").click().run()
    assert stored(database).scenarios.at["Kutt20", "budget_factor"] == pytest.approx(0.8)
    assert "Avbrutt: ingenting er lagret." in texts(at)
    assert not [b for b in at.button if b.key == "confirm_overwrite"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_an_earlier_version_is_listed_and_restored_as_a_new_audited_version(database: str, language: str) -> None:
    at = start("scenarier", language=language)
    lower_hso(at)
    at.button(key="overwrite_scenario").click().run()
    at.button(key="confirm_overwrite").click().run()
    history = history_shown(at)
    assert history.iloc[:, 0].tolist() == [2, 1]  # newest first
    assert HSO[language] in history.iloc[0, 4] and "Basis → Lav" in history.iloc[0, 4]
    at.selectbox(key="history_version").set_value(1).run()
    at.button(key="restore_version").click().run()
    no_errors(at)
    assert changes_shown(at) == [[HSO[language], "Lav", "Basis"]]
    assert stored(database).scenarios.at["Basis", "ambition"]["HSO"] == "Lav"  # not before the "yes"
    at.button(key="confirm_overwrite").click().run()
    no_errors(at)
    assert stored(database).scenarios.at["Basis", "ambition"]["HSO"] == "Basis"
    kept = scenario_history(make_engine(database), "Basis")
    assert [(v.version, v.restored_from) for v in kept] == [(1, None), (2, None), (3, 1)]
    entry = audit_log(make_engine(database), table="scenario", row_id="Basis").iloc[-1]
    assert (entry["action"], entry["note"], entry["actor"]) == ("update", "restored from version 1", "dev-admin")
    history = history_shown(at)
    restored = {"nb": "hentet tilbake fra versjon 1", "en": "restored from version 1"}[language]
    assert history.iloc[0, 3] == restored


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_working_copy_is_marked_where_it_differs_from_what_is_stored(database: str, language: str) -> None:
    at = start("veikart", language=language)
    assert WORDS[language]["unsaved"] not in texts(at)
    at.switch_page("veikart_ui/pages/budsjett.py").run()
    at.selectbox(key="ambition_HSO").set_value("Lav").run()
    assert f"{HSO[language]}: Basis → Lav" in texts(at)  # on Budsjett, where it was changed
    at.switch_page("veikart_ui/pages/veikart.py").run()
    marker = next(w.value for w in at.warning if WORDS[language]["unsaved"] in w.value)
    assert f"{HSO[language]}: Basis → Lav" in marker
    assert {"nb": "fra lagret «Basis»", "en": "from the stored 'Basis'"}[language] in marker
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    at.button(key="discard_changes").click().run()
    assert WORDS[language]["unsaved"] not in texts(at)
    assert at.session_state["working_scenario"]["ambition"]["HSO"] == "Basis"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_working_scenario_comes_back_in_a_new_session(database: str, language: str) -> None:
    at = start("budsjett", language=language)
    at.selectbox(key="ambition_HSO").set_value("Lav").run()
    draft = load_draft(make_engine(database), dev_user(None))
    assert draft is not None and draft.scenario.ambition["HSO"] == "Lav"
    again = start("veikart", language=language)  # a reload: a fresh session for the same user
    no_errors(again)
    assert again.session_state["working_scenario"]["ambition"]["HSO"] == "Lav"
    restored = {"nb": "Arbeidsscenarioet ditt fra forrige økt («Basis»", "en": "Your working scenario from your last"}
    assert restored[language] in texts(again)
    assert f"{HSO[language]}: Basis → Lav" in texts(again)  # still marked as unsaved


def test_after_a_save_the_next_session_opens_the_saved_scenario_unmarked(database: str) -> None:
    at = start("scenarier")
    lower_hso(at)
    at.button(key="save_scenario").click().run()
    again = start("veikart", language="en")
    assert again.session_state["working_scenario"]["id"] == "Basis (kopi)"
    assert "Unsaved changes" not in texts(again)


def test_a_visitor_who_is_not_signed_in_keeps_the_working_scenario_in_the_session_only(read_only: str) -> None:
    at = start("budsjett")
    at.selectbox(key="ambition_HSO").set_value("Lav").run()
    no_errors(at)
    assert "Ulagrede endringer" in texts(at)
    again = start("veikart")
    assert again.session_state["working_scenario"]["ambition"]["HSO"] == "Basis"
    with make_engine(read_only).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM scenario_draft")).scalar() == 0


def test_signing_in_brings_back_the_users_draft_unless_changes_were_made_before(
    read_only: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = start("veikart")
    assert at.session_state["working_scenario"]["id"] == "Basis"  # nobody signed in yet: no draft
    # the first start made the local administrator "admin", whom the development switch "admin" now names
    admin = dev_user(make_engine(read_only), "admin")
    assert admin is not None
    kutt = resolve_scenario(stored(read_only), "Kutt20")
    save_draft(make_engine(read_only), admin, kutt.model_copy(update={"ambition": {**kutt.ambition, "HN": "Høy"}}))
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")  # signs in
    at.run()
    assert (at.session_state["working_scenario"]["id"], at.session_state["working_scenario"]["ambition"]["HN"]) == (
        "Kutt20",
        "Høy",
    )
    monkeypatch.delenv(DEV_USER_VARIABLE)
    changed_first = start("budsjett")
    changed_first.selectbox(key="ambition_HSO").set_value("Lav").run()
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")
    changed_first.switch_page("veikart_ui/pages/veikart.py").run()
    working = changed_first.session_state["working_scenario"]
    assert (working["id"], working["ambition"]["HSO"]) == ("Basis", "Lav")  # the changes made before are kept


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_link_opens_its_scenario_and_the_url_follows_a_load(database: str, language: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["language"] = language
    at.query_params["scenario"] = "Kutt20"
    at.run()
    at.switch_page("veikart_ui/pages/veikart.py").run()
    no_errors(at)
    assert at.session_state["working_scenario"]["budget_factor"] == pytest.approx(0.8)
    assert any("Kutt20" in m.value for m in at.markdown)
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    assert at.query_params["scenario"] == "Kutt20"
    at.selectbox(key="load_scenario").set_value("Sentral-lagring")
    at.button(key="load_scenario_button").click().run()
    assert at.query_params["scenario"] == "Sentral-lagring"
    assert at.session_state["working_scenario"]["id"] == "Sentral-lagring"


def test_a_link_to_an_unknown_scenario_says_so(database: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["scenario"] = "Finnes-ikke"
    at.run()
    at.switch_page("veikart_ui/pages/veikart.py").run()
    assert "«Finnes-ikke», som ikke finnes" in texts(at)
    assert at.session_state["working_scenario"]["id"] == "Basis"


def test_a_link_never_silently_replaces_unsaved_changes(database: str) -> None:
    at = start("budsjett")
    at.selectbox(key="ambition_HSO").set_value("Lav").run()
    linked = AppTest.from_file(APP, default_timeout=TIMEOUT)
    linked.query_params["scenario"] = "Kutt20"
    linked.run()
    linked.switch_page("veikart_ui/pages/veikart.py").run()
    no_errors(linked)
    assert linked.session_state["working_scenario"]["ambition"]["HSO"] == "Lav"  # the draft, until asked
    assert "Lenken åpner scenarioet «Kutt20», men du har ulagrede endringer i «Basis»" in texts(linked)
    linked.button(key="open_linked_scenario").click().run()
    assert linked.session_state["working_scenario"]["id"] == "Kutt20"
    assert linked.query_params["scenario"] == "Kutt20"


def test_loading_another_scenario_over_unsaved_changes_asks_first(database: str) -> None:
    at = start("scenarier")
    lower_hso(at)
    at.selectbox(key="load_scenario").set_value("Kutt20")
    at.button(key="load_scenario_button").click().run()
    assert at.session_state["working_scenario"]["id"] == "Basis"
    assert "Laster du inn «Kutt20», forkastes de." in texts(at)
    at.button(key="confirm_load").click().run()
    assert at.session_state["working_scenario"]["id"] == "Kutt20"
