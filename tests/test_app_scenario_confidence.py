"""The scenario's confidence in the app: the field on Budsjett (blank: the point estimates;
50 to 99 %), what must hold, saved with the scenario, refused with a clear message, and the
Veikart page planning at it (or on the point estimates when asked), in bokmål and English."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import planning.robust.scenario as glue
from planning.robust import RobustOptions, robust_plan
from tests.test_app_pages import database, no_errors, sample_file, start
from tests.test_app_scenario_save import stored, texts

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages

FIELD, SCOPE = "scenario_confidence_Basis", "scenario_confidence_scope_Basis"
WORDS = {
    "nb": {
        "label": "Sikkerhet (%)",
        "copy": "Basis (kopi)",
        "range": "99",
        "pool_total": "Hver kildes sum over horisonten",
    },
    "en": {
        "label": "Confidence (%)",
        "copy": "Basis (copy)",
        "range": "99",
        "pool_total": "Each pool's total over the horizon",
    },
}


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plans at a confidence from few futures and a short limit, so the page answers quickly."""

    def quick(portfolio: Any, scenario: Any, options: RobustOptions, **kw: Any) -> Any:
        return robust_plan(portfolio, scenario, replace(options, samples=20, check_samples=200, time_limit=10), **kw)

    monkeypatch.setattr(glue, "robust_plan", quick)


def on_budget(language: str = "nb") -> AppTest:
    at = start("budsjett", language=language)
    no_errors(at)
    return at


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_field_is_blank_for_point_estimates_and_a_level_is_saved_with_the_scenario(
    database: str, language: str
) -> None:
    at = on_budget(language)
    words = WORDS[language]
    field = at.text_input(key=FIELD)
    assert field.label == words["label"] and field.value == ""
    field.set_value("85").run()
    at.radio(key=SCOPE).set_value("pool_total").run()
    no_errors(at)
    working = at.session_state["working_scenario"]
    assert working["confidence"] == pytest.approx(0.85) and working["confidence_scope"] == "pool_total"
    at.switch_page("veikart_ui/pages/scenarier.py").run()
    assert "85 %" in texts(at) and words["pool_total"] in texts(at)  # the unsaved-changes marker names them
    at.button(key="save_scenario").click().run()
    no_errors(at)
    saved = stored(database).scenarios
    assert saved.at[words["copy"], "confidence"] == pytest.approx(0.85)
    assert saved.at[words["copy"], "confidence_scope"] == "pool_total"
    assert saved.at["Basis", "confidence"] is None or saved.at["Basis", "confidence"] != saved.at["Basis", "confidence"]


@pytest.mark.parametrize(("typed", "language"), [("120", "nb"), ("40", "en"), ("mye", "nb")])
def test_a_level_outside_50_to_99_or_not_a_number_is_refused_with_a_clear_message(
    database: str, typed: str, language: str
) -> None:
    at = on_budget(language)
    at.text_input(key=FIELD).set_value(typed).run()
    assert not at.exception
    said = " ".join(e.value for e in at.error)
    assert WORDS[language]["label"] in said and (typed in said)
    if typed != "mye":
        assert "50" in said and WORDS[language]["range"] in said
    assert at.session_state["working_scenario"].get("confidence") is None  # nothing changed


def test_blanking_the_field_goes_back_to_the_point_estimates(database: str) -> None:
    at = on_budget()
    at.text_input(key=FIELD).set_value("90").run()
    assert at.session_state["working_scenario"]["confidence"] == pytest.approx(0.9)
    at.text_input(key=FIELD).set_value("").run()
    no_errors(at)
    assert at.session_state["working_scenario"]["confidence"] is None


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_roadmap_plans_at_the_confidence_and_says_what_it_held(database: str, fast: None, language: str) -> None:
    at = on_budget(language)
    at.text_input(key=FIELD).set_value("80").run()
    at.switch_page("veikart_ui/pages/veikart.py").run()
    label = WORDS[language]["label"]
    assert any(f"{label}: 80 %" in c.value for c in at.caption)  # the scenario's box names it
    assert at.checkbox(key="roadmap_point_estimates").value is False
    at.button(key="run_optimiser").click().run()
    assert not at.exception, [e.value for e in at.exception]
    said = texts(at)
    if language == "nb":
        assert "Scenarioet ber om en plan med 80 % sikkerhet" in said and "200 nye utfall" in said
        assert "Målet 80 %" in said or "forsiktigere enn bedt om" in said
    else:
        assert "The scenario asks for a plan at 80 % confidence" in said and "200 fresh futures" in said
    at.checkbox(key="roadmap_point_estimates").check().run()
    at.button(key="run_optimiser").click().run()
    no_errors(at)
    said = texts(at)
    assert ("laget på punktestimatene" in said) if language == "nb" else ("made on the point estimates" in said)


def test_a_scenario_changed_elsewhere_shows_in_the_field_and_is_not_overwritten_by_what_was_typed(
    database: str,
) -> None:
    at = on_budget()
    at.text_input(key=FIELD).set_value("85").run()
    assert at.session_state["working_scenario"]["confidence"] == pytest.approx(0.85)
    at.radio(key=SCOPE).set_value("pool_total").run()
    restored = {**at.session_state["working_scenario"], "confidence": 0.7, "confidence_scope": "envelope"}
    at.session_state["working_scenario"] = restored
    at.run()
    no_errors(at)
    assert at.text_input(key=FIELD).value == "70" and at.radio(key=SCOPE).value == "envelope"
    working = at.session_state["working_scenario"]
    assert working["confidence"] == pytest.approx(0.7) and working["confidence_scope"] == "envelope"
