"""The steering committee report's section on predictability: figures, charts, a drafted decision."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planning.cli import main
from planning.domain.portfolio import Portfolio
from planning.report import build_report, render_html
from planning.report.content import predictability_decisions
from planning.report.text import SECTIONS
from planning.uncertainty import Simulation, SimulationOptions, simulate_plan
from tests.test_report import earliest_plan, sample, tiny_file

__all__ = ["sample"]  # the fixture


@pytest.fixture(scope="module")
def simulated(sample: Portfolio) -> Simulation:
    plan = earliest_plan(sample, "Basis")  # everything as early as it may: far over the envelopes
    return simulate_plan(sample, plan, options=SimulationOptions(samples=300, seed=2, policy="report"))


def test_the_section_shows_the_chances_the_fans_the_roadmap_and_the_drivers(
    sample: Portfolio, simulated: Simulation
) -> None:
    report = build_report(sample, earliest_plan(sample, "Basis"), as_of=2025, predictability=simulated)
    html = render_html(report)
    section = html[html.index('<section id="predictability"') : html.index('<section id="method"')]
    assert SECTIONS["predictability"] in section
    assert section.count("<svg") == 3  # fans, roadmap by confidence, tornado
    assert "P85 (kostnadsramme)" in section and "styringsramme" in section
    for step in simulated.steps["step"]:
        assert f"<td>{step}</td>" in section
    least = simulated.initiatives.index[0]
    assert f"<strong>{least}</strong>" in section


def test_a_plan_unlikely_to_hold_its_envelopes_gets_a_decision_drafted(
    sample: Portfolio, simulated: Simulation
) -> None:
    assert simulated.summary["p_all_within"] < 0.85
    report = build_report(sample, earliest_plan(sample, "Basis"), as_of=2025, predictability=simulated)
    drafted = predictability_decisions(simulated)
    assert len(drafted) == 1 and drafted[0] in report.decisions
    assert "P85 (kostnadsramme)" in drafted[0]
    assert predictability_decisions(None) == []


def test_without_a_simulation_the_section_says_how_to_get_one(sample: Portfolio) -> None:
    html = render_html(build_report(sample, earliest_plan(sample, "Basis"), as_of=2025))
    assert SECTIONS["predictability"] in html and "planning report --samples 2000" in html


def test_the_command_simulates_the_roadmap_for_the_report(tmp_path: Path) -> None:
    args = ["report", "--from", str(tiny_file(tmp_path)), "--out", str(tmp_path / "out"), "--format", "html",
            "--name", "r", "--samples", "300", "--seed", "5"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert "simulert i 300 mulige utfall (frø 5)" in html


def test_the_command_refuses_a_bad_number_of_samples(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--from", str(tiny_file(tmp_path)), "--samples", "-3"])
    assert result.exit_code == 1 and "samples: -3 is outside the allowed 1 to 50000" in result.output
