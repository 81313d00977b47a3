"""The steering committee report in bokmål (the default) or English (issue 34): its own words from the
gettext catalogs, numbers and dates the language's way, and the command's --lang and LANG."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from planning.cli import main
from planning.cli.language import document_language
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise
from planning.realisation.rollup import Coverage
from planning.report import ApprovedPlan, Report, build_report, render_html
from planning.report import text as T
from planning.report.tables import SECTIONS as ENGLISH_SECTIONS
from planning.uncertainty import SimulationOptions, simulate_plan
from planning.uncertainty.core_index import CoreIndexOptions, core_index
from tests.factories import benefit, initiative, tiny_portfolio
from tests.test_report import earliest_plan, sample, tiny_file
from tests.test_report_robust import ROWS
from tests.uncertainty.test_core_index import three

__all__ = ["sample"]  # the fixture

OWN_BOKMAL = ("Sammendrag", "Styrende plan", "Investering per finansieringskilde", "Gevinstrealisering",
              "Beslutninger styringsgruppen bes om", "Metode og forutsetninger", "tiltak i veikartet",
              "ikke simulert i denne rapporten", "Gevinststatus", "Største risikoer", "Side ")  # fmt: skip
"""The report's own bokmål: none of it is in the sample's data."""
BOKMAL_WORDS = re.compile(
    r"\b(tiltak|gevinst|gevinster|Gevinster|Gevinst|Sammendrag|Styrende|og|av|ikke|mot|rammen|ramme|Ramme|"
    r"investering|Investering|utfall|frø|Forslaget|Kilde|Side|styringsgrupperapport|planen|Målt|Ingen|prissatt|"
    r"beslutning|beslutninger|kapittel|år|laget|Utsatt|Høy|Rød|Grønn|lav|middels|høy|nådd|sikkerhet)\b"
)
"""Common words of the report's bokmål; the tiny portfolio's data (ids X, Y, Z, B, C, D) has none."""


def approved_report(portfolio: Portfolio, language: str) -> Report:
    approved = ApprovedPlan(earliest_plan(portfolio, "Basis"), plan_id=7, approved_by="Styringsgruppen",
                            approved_at=dt.datetime(2026, 1, 15, tzinfo=dt.UTC), comment="Vedtatt")  # fmt: skip
    return build_report(portfolio, earliest_plan(portfolio, "Basis", delay=1), approved=approved, as_of=2025,
                        generated_at=dt.datetime(2026, 12, 4, 18, 45, tzinfo=dt.UTC), language=language)  # fmt: skip


@pytest.fixture(scope="module")
def sample_html(sample: Portfolio) -> dict[str, str]:
    return {language: render_html(approved_report(sample, language)) for language in ("nb", "en")}


def test_the_english_report_has_english_headings_and_none_of_the_reports_bokmal(sample_html: dict[str, str]) -> None:
    english, bokmal = sample_html["en"], sample_html["nb"]
    assert '<html lang="en">' in english and '<html lang="nb">' in bokmal
    for title in ENGLISH_SECTIONS.values():
        assert title in english, title
    for words in ("Steering committee report: the e-health portfolio", "Plan of record: plan 7",
                  "Investment per funding source", "initiatives in the roadmap", "Page ",
                  "made 4 Dec 2026 19:45", "approved by <strong>Styringsgruppen</strong> on 15 Jan 2026"):  # fmt: skip
        assert words in english, words
    for words in OWN_BOKMAL:
        assert words not in english, words
        assert words in bokmal, words
    assert "made 4 Dec" not in bokmal and "laget 4. des. 2026 19:45" in bokmal


def test_numbers_and_percentages_are_written_the_languages_way(sample_html: dict[str, str]) -> None:
    assert re.search(r"<td class=\"n\">2,087</td>", sample_html["en"])  # HSO's investment, a comma between thousands
    assert '<td class="n">2\u00a0087</td>' in sample_html["nb"]
    assert '<td class="n">98%</td>' in sample_html["en"] and '<td class="n">98\u00a0%</td>' in sample_html["nb"]


def tiny() -> Portfolio:
    return tiny_portfolio(
        [initiative("X", status="completed"), initiative("Y", risk="high"), initiative("Z", duration=2)],
        benefits=[benefit("B", "X", 10.0, lifetime=4, baseline_date="2023-06-30"), benefit("C", "Y", 2.0),
                  benefit("D", "X", 5.0, lifetime=4, baseline_date="2023-06-30")],
        measurement=[{"benefit_id": "B", "year": 2024, "value": 6}, {"benefit_id": "B", "year": 2025, "value": 4}],
        scenario=[{"id": "Basis"}],
        budget=12.0,
    )  # fmt: skip


def every_section(language: str) -> str:
    """A report with every section filled (changes, risks, decisions, simulation, price), as text."""
    portfolio = tiny()
    report = approved_report(portfolio, language)
    report.predictability = simulate_plan(portfolio, report.roadmap, options=SimulationOptions(samples=50, seed=2))
    report.price = ROWS
    html = render_html(report)
    return re.sub(r"<[^>]+>", " ", html.replace("Trinn ", ""))  # the steps' default names are data (plans/steps.py)


def test_no_word_of_the_reports_bokmal_is_left_in_english() -> None:
    english, bokmal = every_section("en"), every_section("nb")
    assert BOKMAL_WORDS.findall(english) == []
    assert {"tiltak", "gevinster", "og", "av", "Utsatt", "Høy", "Rød"} <= set(BOKMAL_WORDS.findall(bokmal))
    for words in ("Postponed 1 year against the approved plan", "High delivery risk", "Benefit red: B (50% of plan)",
                  "Decide on the new plan for scenario Basis (2 postponed)", "Point estimate", "NOT reached",
                  "simulated in 50 possible futures (seed 2)", "P85 (cost frame)"):  # fmt: skip
        assert words in english, words


def test_the_reports_sentences_in_english_with_plurals() -> None:
    partly = Coverage(2025, due=14, measured=9, planned_measured=300.0, realised=320.0, planned_unmeasured=1200.0)
    assert T.coverage_sentence(partly, "en") == (
        "Measured in 2025: 9 of 14 benefits that were due. For 5 benefits the measurement is missing "
        "(1,200 MNOK planned); they count neither as achieved nor as lost."
    )
    one = Coverage(2025, due=2, measured=1, planned_measured=1.0, realised=1.0, planned_unmeasured=0.0)
    assert T.coverage_sentence(one, "en").endswith("For 1 benefit the measurement is missing; it counts neither "
                                                   "as achieved nor as lost.")  # fmt: skip
    assert T.coverage_sentence(Coverage(2025, 1, 1, 1.0, 1.0, 0.0), "en") == (
        "Measured in 2025: the one benefit that was due."
    )
    assert T.realised_headline(628.0, 614.0, "en") == (
        "MNOK of monetised benefit realised: 14 MNOK (2%) more than planned (614 MNOK) for the measured benefits"
    )
    assert T.planned_at(0.85, "envelope", 0.9, 1, "en") == (
        "planned at 85% confidence: each investment envelope (source and year) must hold in at least 85% of "
        "possible futures; in 1 fresh future it held in 90%"
    )
    assert T.planned_at(0.85, "envelope", 0.9, 200).endswith("; i 200 nye utfall holdt den i 90\u00a0%")


def test_the_core_index_in_english() -> None:
    portfolio = three()
    plan = optimise(portfolio, "S", explain=False)
    index = core_index(portfolio, "S", CoreIndexOptions(samples=8, seed=3, time_limit=10), planned=plan.starts)
    html = render_html(build_report(portfolio, plan, as_of=2026, core_index=index, language="en"))
    section = html[html.index("Core Index: what is safe") : html.index('<section id="method"')]
    assert "The scenario is optimised again in 8 possible futures (seed 3)" in section
    assert "Of the roadmap's 2 initiatives, 1 is safe to commit now; 1 depends on how the estimates turn out." in (
        section
    )
    assert '<td><strong>Z</strong> Z</td><td>Exterior</td><td class="n">0%</td>' in section


def test_a_language_the_report_does_not_speak_is_refused(sample: Portfolio) -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        build_report(sample, earliest_plan(sample, "Basis"), as_of=2025, language="de")


def report_html(tmp_path: Path, *lang: str) -> str:
    args = [*lang, "report", "--from", str(tiny_file(tmp_path)), "--out", str(tmp_path / "out"), "--format", "html",
            "--name", "r", "--samples", "0"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return (tmp_path / "out" / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "env", "language"),
    [
        (["--lang", "en"], "C.UTF-8", "en"),
        (["--lang", "en"], "nb_NO.UTF-8", "en"),
        (["--lang", "nb"], "en_GB.UTF-8", "nb"),
        ([], "nb_NO.UTF-8", "nb"),
        ([], "no", "nb"),
        ([], "en_GB.UTF-8", "en"),
        ([], "C.UTF-8", "nb"),  # no language named: the report's own default
    ],
)
def test_the_command_writes_the_report_in_its_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: list[str], env: str, language: str
) -> None:
    monkeypatch.setenv("LANG", env)
    html = report_html(tmp_path, *lang)
    assert f'<html lang="{language}">' in html
    if language == "en":
        assert "<h2>1. Summary</h2>" in html and "Proposal: scenario <strong>Basis</strong>" in html
        assert "Sammendrag" not in html and "Forslag:" not in html
    else:
        assert "<h2>1. Sammendrag</h2>" in html and "Forslag: scenario <strong>Basis</strong>" in html
        assert "Summary" not in html


def test_the_documents_language_without_a_command() -> None:
    assert document_language({"LANG": "nb_NO.UTF-8"}) == "nb"
    assert document_language({"LANG": "en_US.UTF-8"}) == "en"
    assert document_language({"LANG": "C.UTF-8"}) == document_language({}) == "nb"
