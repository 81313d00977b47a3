"""No page ever shows a traceback: the search on Tiltak works, and an unexpected error on any
page becomes a plain message in the reader's language, with the details in the log."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

import pytest
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

import planning.domain.graph
from planning.store.database import load_portfolio, make_engine
from tests.test_app_pages import database, no_errors, sample_file, start

__all__ = ["database", "sample_file"]  # fixtures shared with test_app_pages

ROOT = Path(__file__).resolve().parents[1]
SECRET = "/srv/veikart/planning/secret_module.py"
PLAIN = {"nb": "Noe gikk galt", "en": "Something went wrong"}


def shown_text(at: AppTest) -> str:
    """Every text the page shows in its messages, headings, captions and markdown."""
    parts = [
        e.value
        for kind in ("error", "warning", "info", "success", "markdown", "caption", "title")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def initiatives(at: AppTest) -> list[str]:
    return [str(i) for i in at.data_editor(key="initiative_editor").value["id"]]


def expected(url: str, needle: str, region: str | None = None) -> list[str]:
    """The initiatives whose id or name holds ``needle`` (any case), worked out from the store."""
    frame = load_portfolio(engine=make_engine(url)).initiatives
    return [
        str(i)
        for i, row in frame.iterrows()
        if needle.casefold() in f"{i} {row['name']}".casefold()
        and (region is None or row["lead_region"] == region or region in (row["participating_regions"] or []))
    ]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_search_on_the_initiatives_page_finds_by_id_and_name(database: str, language: str) -> None:
    at = start("tiltak", language)
    at.text_input(key="filter_text").set_value("pll").run()
    no_errors(at)
    assert "PLL-HV" in initiatives(at) and "HELSENETT" not in initiatives(at)
    assert sorted(initiatives(at)) == sorted(expected(database, "pll"))
    at.text_input(key="filter_text").set_value("KJERNEJOURNAL").run()  # a word of the name, any case
    no_errors(at)
    assert "KJ" in initiatives(at) and sorted(initiatives(at)) == sorted(expected(database, "kjernejournal"))
    at.multiselect(key="filter_region").set_value(["HN"]).run()  # the region filter beside the search
    no_errors(at)
    assert initiatives(at) and sorted(initiatives(at)) == sorted(expected(database, "kjernejournal", "HN"))
    at.text_input(key="filter_text").set_value("finnes-ikke (.*)").run()  # searched as text, not a pattern
    no_errors(at)
    assert initiatives(at) == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_an_unexpected_error_shows_a_plain_message_and_no_traceback(
    database: str, language: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object, **__: object) -> list[str]:
        raise RuntimeError(f"boom in {SECRET}")

    monkeypatch.setattr(planning.domain.graph, "critical_path", broken)
    with caplog.at_level(logging.ERROR, logger="veikart_ui"):
        at = start("avhengigheter", language)
    assert not at.exception  # nothing reached Streamlit's own handler
    [message] = [e.value for e in at.error]
    assert message.startswith(PLAIN[language])
    page = shown_text(at)
    for detail in (SECRET, "RuntimeError", "Traceback", "boom", ".py"):
        assert detail not in page
    assert at.title[0].value == ("Avhengigheter" if language == "nb" else "Dependencies")  # the page up to the error
    [record] = [r for r in caplog.records if r.name == "veikart_ui"]
    assert record.exc_info is not None and SECRET in str(record.exc_info[1])  # the details are in the log
    code = record.getMessage().rsplit("error code ", 1)[1].rstrip(")")
    assert f"**{code}**" in message  # the code the reader can pass on finds the log entry

    monkeypatch.undo()
    at.switch_page("veikart_ui/pages/oversikt.py").run()  # the next page works again
    no_errors(at)


def test_streamlit_itself_hides_error_details() -> None:
    """The last line of defence, for anything outside a page's edge: no type, message or trace."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = config["client"]["showErrorDetails"]
    assert value == ShowErrorDetailsConfigOptions.NONE.value
