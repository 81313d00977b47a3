"""Obligations in the app (issue 33 item 13): edited on Tiltak, released on the budget page, a plan
that leaves one out says so at the top of Veikart, and what keeping them costs, in bokmål and English."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.factories import benefit, initiative, tiny_portfolio
from tests.test_app_flows import serve
from tests.test_app_pages import database, no_errors, sample_file, start

__all__ = ["database", "sample_file"]


def sami_portfolio() -> Any:
    # SAMI costs 10 and yields 4 (NPV -6 at 0 %): kept only as an obligation; GOOD (+20) fits beside it.
    return tiny_portfolio(
        [initiative("SAMI", obligation="equity", obligation_note="sameloven kap. 3"), initiative("GOOD")],
        periods=1, budget=20.0, benefits=[benefit("bS", "SAMI", 4), benefit("bG", "GOOD", 30)],
        scenario=[{"id": "Basis", "discount_rate": 0.0}],
    )  # fmt: skip


def release_box(at: AppTest) -> Any:
    return next(c for c in at.checkbox if c.key and c.key.startswith("release_obligations"))


def run(at: AppTest) -> None:
    at.switch_page("veikart_ui/pages/veikart.py").run()
    at.button(key="run_optimiser").click().run()
    no_errors(at)


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", ("Denne planen utelater ett lovpålagt eller likeverdsbegrunnet tiltak:",
             "SAMI SAMI (Likeverd: sameloven kap. 3): lønner seg ikke")),
     ("en", ("This plan leaves out one statutory or equity obligation:",
             "SAMI SAMI (Equity: sameloven kap. 3): does not pay off"))],
)  # fmt: skip
def test_a_released_obligation_is_named_at_the_top_of_the_plan(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, language: str, words: tuple[str, str]
) -> None:
    serve(sami_portfolio(), tmp_path, monkeypatch)
    at = start("budsjett", language=language)
    assert release_box(at).value is False  # kept in by default
    release_box(at).check().run()
    assert at.session_state["working_scenario"]["release_obligations"] is True
    run(at)
    warning = next(w.value for w in at.warning if words[0] in w.value)
    assert words[1] in warning
    first = next(i for i, e in enumerate(at.main) if getattr(e, "value", None) == warning)  # before the figures
    metric = next(i for i, e in enumerate(at.main) if e.type == "metric")
    assert first < metric


def test_the_cost_of_keeping_the_obligations_is_shown(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    serve(sami_portfolio(), tmp_path, monkeypatch)
    at = start()
    run(at)
    assert not [w for w in at.warning if "utelater" in w.value]  # kept: nothing to warn about
    at.button(key="obligation_cost_button").click().run()
    no_errors(at)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Kostnad ved å holde dem med (MNOK)"] == "6,0"
    assert (shown["Netto nåverdi med forpliktelsene (MNOK)"], shown["Uten forpliktelsene (MNOK)"]) == ("14,0", "20,0")
    caption = " ".join(c.value for c in at.caption)
    assert "Uten regelen ville planen utelatt: SAMI." in caption and "bevist optimale" in caption


def test_the_initiative_editor_has_the_obligation_columns(database: str) -> None:
    at = start("tiltak")
    editor = at.data_editor(key="initiative_editor").value
    assert editor.at[list(editor["id"]).index("HN-INNB-SAMI"), "obligation"] == "equity"
    assert '"label": "Forpliktelse"' in at.data_editor(key="initiative_editor").proto.columns
    english = start("tiltak", language="en")
    assert '"label": "Obligation"' in english.data_editor(key="initiative_editor").proto.columns
