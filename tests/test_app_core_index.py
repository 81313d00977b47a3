"""The Core Index on the Forutsigbarhet page and its line beside the recommended plan, headless on the sample.

Solved in the app's own process (``VEIKART_CORE_INDEX_WORKERS=0``) with a few futures; the
Dask engine has its own tests (tests/sweeps).
"""

from __future__ import annotations

import pytest

from tests.test_app_flows import chart, table_with
from tests.test_app_pages import database, no_errors, sample_file, start

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_core_index_shows_what_is_safe_to_commit_now(
    database: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEIKART_CORE_INDEX_WORKERS", "0")
    at = start("veikart", language=language)
    at.button(key="run_optimiser").click().run(timeout=120)
    no_errors(at)
    at.switch_page("veikart_ui/pages/forutsigbarhet.py").run()
    assert any("Beregn kjerneindeks" in i.value or "Compute the Core Index" in i.value for i in at.info)
    at.number_input(key="core_samples").set_value(2)
    at.button(key="core_button").click().run(timeout=120)
    no_errors(at)
    figure = chart(at, "core_chart")
    title = "Kjerneindeks" if language == "nb" else "Core Index"
    assert figure.layout.title.text.startswith(title)
    share = "Andel av utfallene" if language == "nb" else "Share of futures"
    table = table_with(at, share)
    assert table[share].isin([0.0, 0.5, 1.0]).all() and len(table) > 10
    words = "trygge å forplikte nå" if language == "nb" else "safe to commit now"
    assert any(words in m.value for m in at.markdown)
    at.number_input(key="core_seed").set_value(2).run()
    assert any("beregn på nytt" in w.value or "compute again" in w.value for w in at.warning)
    at.switch_page("veikart_ui/pages/veikart.py").run(timeout=120)
    no_errors(at)
    note = "Kjerneindeks (2 utfall)" if language == "nb" else "Core Index (2 futures)"
    assert any(note in i.value for i in at.info)
