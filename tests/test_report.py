"""The steering committee report: built from the sample, rendered as HTML and PDF, and the command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from planning.cli import main
from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.io.files import write_json
from planning.optimise import Plan, SolverFacts
from planning.optimise.inputs import plan_inputs
from planning.optimise.solve import assemble_plan
from planning.report import ApprovedPlan, Report, build_report, render_html, write_report
from planning.report.text import SECTIONS
from tests.factories import benefit, initiative, tiny_portfolio

SAMPLE = Path(__file__).parent.parent / "data" / "sample"


def earliest_plan(portfolio: Portfolio, scenario: str | None = None, delay: int = 0) -> Plan:
    """Every decision at its earliest start (plus ``delay``): a quick stand-in for a solved plan."""
    inputs = plan_inputs(portfolio, scenario)
    starts = {i: min(inputs.start_window(i)[0] + delay, inputs.start_window(i)[-1]) for i in inputs.ids}
    facts = SolverFacts("optimal", 0.0, 0.0, 0.0, 0.0, 0.0, 60.0, "highs", "test", "")
    return assemble_plan(portfolio, inputs, facts, starts)


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    return portfolio


@pytest.fixture(scope="module")
def report(sample: Portfolio) -> Report:
    approved = ApprovedPlan(earliest_plan(sample, "Basis"), plan_id=7, approved_by="Styringsgruppen",
                            approved_at=dt.datetime(2026, 1, 15, tzinfo=dt.UTC), comment="Vedtatt")  # fmt: skip
    proposed = earliest_plan(sample, "Basis", delay=1)
    when = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    return build_report(sample, proposed, approved=approved, as_of=2025, decisions=["Godkjenne rapporten."],
                        generated_at=when)  # fmt: skip


@pytest.fixture(scope="module")
def pdf_text(report: Report, tmp_path_factory: pytest.TempPathFactory) -> str:
    written = write_report(report, tmp_path_factory.mktemp("report"), ["pdf"])
    assert [p.suffix for p in written] == [".pdf"]
    reader = PdfReader(written[0])
    assert len(reader.pages) >= 6
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_every_section(pdf_text: str) -> None:
    for title in SECTIONS.values():
        assert title in pdf_text, title


def test_the_pdf_names_the_approval_risks_and_decisions(pdf_text: str) -> None:
    assert "Styringsgruppen" in pdf_text
    assert "PJD-NAT-TID" in pdf_text  # the red benefit
    assert "Godkjenne rapporten." in pdf_text
    assert "Side 1 av" in pdf_text


def test_the_html_is_self_contained_with_inline_charts(report: Report) -> None:
    html = render_html(report)
    assert html.count("<svg") == 4
    assert "<link" not in html and "<script" not in html
    assert "@page" in html and "size: A4" in html
    for title in SECTIONS.values():
        assert title in html


def test_changes_risks_and_drafted_decisions(report: Report) -> None:
    assert report.changes is not None
    assert set(report.changes.initiatives["change"]) <= {"later", "added", "dropped", "earlier"}
    assert "later" in set(report.changes.initiatives["change"])
    assert report.decisions[0] == "Godkjenne rapporten."
    assert any(d.startswith("Ta stilling til ny plan for scenario Basis") for d in report.decisions)
    assert any("PJD-NAT-TID" in d for d in report.decisions)
    pjd = report.at_risk.loc["PJD-NAT"]
    assert pjd["severity"] == 3 and any("Gevinst rød" in r for r in pjd["reasons"])


def test_without_an_approved_plan_the_proposal_is_marked(sample: Portfolio) -> None:
    built = build_report(sample, earliest_plan(sample, "Basis"), as_of=2025)
    assert built.changes is None
    assert built.decisions[0].startswith("Godkjenne veikartet for scenario Basis")
    assert "Ingen plan er godkjent ennå" in render_html(built)


def tiny_file(tmp_path: Path) -> Path:
    portfolio = tiny_portfolio(
        [initiative("X", status="completed"), initiative("Y")],
        benefits=[benefit("B", "X", 10.0, lifetime=4, baseline_date="2023-06-30"), benefit("C", "Y", 2.0)],
        measurement=[{"benefit_id": "B", "year": 2024, "value": 6}, {"benefit_id": "B", "year": 2025, "value": 9}],
        scenario=[{"id": "Basis"}],
    )
    path = tmp_path / "tiny.json"
    write_json(portfolio, path)
    return path


def test_the_command_writes_html_from_files(tmp_path: Path) -> None:
    source = tiny_file(tmp_path)
    args = ["report", "--from", str(source), "--out", str(tmp_path / "out"), "--format", "html", "--name", "r",
            "--reforecast", "--decision", "Vedta planen."]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert "Vedta planen." in html and "scenario <strong>Basis</strong>" in html


@pytest.mark.parametrize(
    ("extra", "code", "words"),
    [
        (["--scenario", "Nope"], 1, "unknown scenario 'Nope'"),
        (["--green", "0.5", "--yellow", "0.8"], 1, "yellow"),
        (["--format", "docx"], 2, "docx"),
    ],
)
def test_the_command_exit_codes(tmp_path: Path, extra: list[str], code: int, words: str) -> None:
    result = CliRunner().invoke(main, ["report", "--from", str(tiny_file(tmp_path)), "--out", str(tmp_path), *extra])
    assert result.exit_code == code, result.output
    assert words in result.output


def test_the_help_has_an_example_and_exit_codes() -> None:
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "planning report --scenario Basis" in result.output and "Exit codes" in result.output
