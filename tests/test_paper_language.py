"""The board papers (saksframlegg) in bokmål (the default) or English (issue 34), from the functions and
from ``planning case paper`` with --lang and LANG."""

from __future__ import annotations

import html as htmllib
from pathlib import Path

import pytest
from sqlalchemy import Engine

from planning.approval.confidence import papers_with_confidence
from planning.approval.paper import RegionPaper, region_papers
from planning.approval.status import case_status
from planning.report.paper import render_paper_html
from planning.store.database import load_portfolio
from planning.uncertainty.run import SimulationOptions
from tests.test_case_papers import flat, store
from tests.test_cli_case import run, url

__all__ = ["store", "url"]  # the fixtures

OWN_BOKMAL = ("Saksframlegg", "Forslag til vedtak", "Behandlingen så langt", "Styret i", "Interregionalt",
              "Ledermøtet", "anbefalte planen", "Saksnummer", "Grunnlag", "Side ", "Investering per år",
              "felles tiltak med andel", "Forventede gevinster", "Usikkerhet", "mulige utfall",
              "kostnadsramme")  # fmt: skip
"""The papers' own bokmål; none of it is in the case's data (its decisions and condition are bokmål)."""


@pytest.fixture(scope="module")
def papers(store: tuple[Engine, int]) -> dict[str, RegionPaper]:
    engine, case_id = store
    status, portfolio = case_status(engine, case_id), load_portfolio(engine=engine)
    options = SimulationOptions(samples=100, seed=11)
    return {language: next(p for p in papers_with_confidence(status, portfolio, options, language=language)
                           if p.body.region == "HV") for language in ("nb", "en")}  # fmt: skip


def text_of(paper: RegionPaper) -> str:
    return htmllib.unescape(flat(render_paper_html(paper)))


def test_the_english_paper_has_english_words_and_none_of_the_papers_bokmal(papers: dict[str, RegionPaper]) -> None:
    english, bokmal = text_of(papers["en"]), text_of(papers["nb"])
    title = "Felles plan for e-helse 2026–2033 (scenario Basis)"
    for words in ("Board paper · Board of Helse Vest RHF", "1. Proposed decision", "The treatment so far",
                  f"The board of Helse Vest RHF approves “{title}”, version 1",
                  "Interregional IT directors' meeting recommended the plan on 10 Sept 2026 (Sak 12-2026)",
                  "Leaders' meeting treated the plan on 21 Sept 2026 (Sak 30-2026)", "Case number</dt><dd>Sak 101-2026",
                  "Approved with conditions – the condition does not hold", "Uncertainty: P50 / P85",
                  "Simulated with 100 possible futures (seed 11, triangular distribution", "Page "):  # fmt: skip
        assert words in english, words
    for words in OWN_BOKMAL:
        assert words not in english, words
        assert words in bokmal, words
    assert papers["en"].proposal[0].startswith("The board of Helse Vest RHF approves")
    assert papers["nb"].proposal[0].startswith("Styret i Helse Vest RHF godkjenner")


def test_plurals_in_the_english_paper(store: tuple[Engine, int]) -> None:
    engine, case_id = store
    papers = region_papers(case_status(engine, case_id), load_portfolio(engine=engine), language="en")
    for paper in papers:
        c, proposal = paper.commitments, " ".join(paper.proposal)
        if len(c.led) == 1:
            assert "is the main partner of 1 initiative in the plan" in proposal
        elif len(c.led) > 1:
            assert f"is the main partner of {len(c.led)} initiatives in the plan" in proposal


def test_a_language_the_papers_are_not_written_in_is_refused(store: tuple[Engine, int]) -> None:
    engine, case_id = store
    with pytest.raises(ValueError, match="unknown language 'sv'"):
        region_papers(case_status(engine, case_id), load_portfolio(engine=engine), language="sv")


@pytest.mark.parametrize(
    ("lang", "env", "english"),
    [(["--lang", "en"], "nb_NO.UTF-8", True), ([], "nb_NO.UTF-8", False), ([], "en_GB.UTF-8", True),
     ([], "C.UTF-8", False)],
)  # fmt: skip
def test_the_command_writes_the_papers_in_its_language(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: list[str], env: str, english: bool
) -> None:
    monkeypatch.setenv("LANG", env)
    assert run(url, "case", "open", "1", "--as", "cora").exit_code == 0
    written = run(url, *lang, "case", "paper", "1", "--out", str(tmp_path / "papers"), "--format", "html",
                  "--samples", "0")  # fmt: skip
    assert written.exit_code == 0, written.output
    html = (tmp_path / "papers" / "saksframlegg-sak1-v1-A.html").read_text(encoding="utf-8")
    assert ("Proposed decision" in html) is english and ("Forslag til vedtak" in html) is not english
