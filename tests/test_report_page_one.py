"""The report's first page (issue 33, item 11): full, counted nouns, Oslo time, a headline that
reads right above plan, and the year's measurement coverage."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from planning.io import load_path
from planning.messages.phrases import phrase
from planning.realisation.rollup import Coverage
from planning.report import ApprovedPlan, Report, build_report, render_html, write_report
from planning.report import text as T
from tests.test_report import SAMPLE, earliest_plan

BRACKETED_PLURAL = re.compile(r"\w\((er|e|r|s|ene|en)\)")


@pytest.fixture(scope="module")
def report() -> Report:
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    approved = ApprovedPlan(earliest_plan(sample, "Basis"), plan_id=3, approved_by="Styringsgruppen",
                            approved_at=dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC))  # fmt: skip
    return build_report(sample, earliest_plan(sample, "Basis", delay=1), approved=approved, as_of=2025,
                        generated_at=dt.datetime(2026, 12, 4, 18, 45, tzinfo=dt.UTC))  # fmt: skip


@pytest.fixture(scope="module")
def first_page(report: Report, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    pdf = write_report(report, tmp_path_factory.mktemp("page1"), ["pdf"])[0]
    return PdfReader(pdf).pages[0].extract_text(), pdf


def test_no_bracketed_plurals_anywhere_in_the_report(report: Report) -> None:
    html = render_html(report)
    assert BRACKETED_PLURAL.search(html) is None, BRACKETED_PLURAL.search(html)
    decisions = len(report.decisions)
    assert f"bes om {T.count(decisions, 'beslutning', 'beslutninger')} (kapittel 2)" in html


def test_counted_nouns_agree_with_the_number() -> None:
    assert (T.count(1, "beslutning", "beslutninger"), T.count(2, "beslutning", "beslutninger")) == (
        "1 beslutning",
        "2 beslutninger",
    )
    assert T.count(0, "beslutning", "beslutninger") == "0 beslutninger"


def test_times_are_in_oslo_time(report: Report) -> None:
    html = render_html(report)
    assert "laget 4. des. 2026 19:45" in html and "UTC" not in html  # 18:45 UTC is 19:45 in Oslo in December
    assert "godkjent av <strong>Styringsgruppen</strong> 1. juli 2026" in html  # 22:30 UTC on 30 June is 1 July in Oslo
    assert T.local_time(dt.datetime(2026, 7, 1, 12, 0)) == "1. juli 2026 14:00"  # naive means UTC; summer time
    assert T.local_time(dt.datetime(2026, 7, 1, 12, 0), "en") == "1 Jul 2026 14:00"
    assert T.local_date(dt.date(2026, 12, 4), "en") == "4 Dec 2026"


@pytest.mark.parametrize(
    ("realised", "planned", "words"),
    [
        (628.0, 614.0, "14 MNOK (2\u00a0%) mer enn planlagt (614 MNOK) for de målte gevinstene"),
        (500.0, 600.0, "100 MNOK (17\u00a0%) mindre enn planlagt (600 MNOK)"),
        (600.0, 600.0, "som planlagt (600 MNOK)"),
        (5.0, 0.0, "ingenting var planlagt"),
    ],
)
def test_the_benefit_headline_reads_right_above_and_below_plan(realised: float, planned: float, words: str) -> None:
    headline = T.realised_headline(realised, planned)
    assert words in headline
    assert "%" not in headline.split("(")[0]  # never "102 % realisert av plan"


def test_coverage_is_said_as_measured_of_due() -> None:
    partly = Coverage(2025, due=14, measured=9, planned_measured=300.0, realised=320.0, planned_unmeasured=120.0)
    assert T.coverage_sentence(partly) == (
        "Målt i 2025: 9 av 14 gevinster som var ventet. For 5 gevinster mangler målingen (120 MNOK planlagt); "
        "den er verken regnet som oppnådd eller som tapt."
    )
    assert T.coverage_sentence(Coverage(2025, 1, 1, 1.0, 1.0, 0.0)) == "Målt i 2025: den ene gevinsten som var ventet."
    assert T.coverage_sentence(Coverage(2025, 0, 0, 0.0, 0.0, 0.0)) == "Ingen gevinster var ventet eller målt i 2025."


def test_page_one_is_full(first_page: tuple[str, Path], tmp_path: Path) -> None:
    text, pdf = first_page
    for words in ("1. Sammendrag", "Målt i 2025:", "Investering per finansieringskilde", "Helse Nord RHF (HN)",
                  "Største risikoer", "2. Beslutninger"):  # fmt: skip
        assert words in text, words
    assert "(er)" not in text
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils, scripts/system-packages.sh) is not installed")
    # The bottom fifth of page 1 (above the footer) has ink: the page is not half empty.
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    rows = _dark_rows(next(tmp_path.glob("p*.pgm")))
    height = len(rows)
    assert any(rows[int(height * 0.7) : int(height * 0.9)]), "page 1 is empty below 70 % of its height"


def _dark_rows(path: Path) -> list[bool]:
    """Per pixel row of a binary PGM, whether it has any dark pixel."""
    data = path.read_bytes()
    fields = data.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][-width * height :]
    return [min(pixels[r * width : (r + 1) * width]) < 128 for r in range(height)]


def test_a_roadmap_that_leaves_out_an_obligation_says_so_at_the_top() -> None:
    sample = load_path(SAMPLE).portfolio
    assert sample is not None
    plan = earliest_plan(sample, "Basis")
    plan.initiatives.loc["HN-INNB-SAMI", "selected_opt"] = False
    plan.initiatives.loc["HN-INNB-SAMI", "reason"] = phrase("does_not_pay_off", npv=Decimal("-7.8"))
    html = render_html(build_report(sample, plan, as_of=2025))
    header = html[: html.index('<section id="summary">')]
    assert "Forslaget utelater 1 lovpålagt eller likeverdsbegrunnet tiltak:" in header
    assert "HN-INNB-SAMI Helse Nord: innbyggertjenester på samisk (likeverd: Likeverdige tjenester på samisk" in header
    assert "lønner seg ikke (netto nåverdi -7,8 MNOK ved tidligste start)" in header
    kept = render_html(build_report(sample, earliest_plan(sample, "Basis"), as_of=2025))
    assert "utelater" not in kept[: kept.index('<section id="summary">')]
