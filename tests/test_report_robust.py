"""The report's part on the price of predictability: a table and a chart, or how to get them."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from planning.cli import main
from planning.domain.portfolio import Portfolio
from planning.report import build_report, render_html
from planning.report.robust import price_svg
from tests.test_report import earliest_plan, sample, tiny_file

__all__ = ["sample"]  # the fixture

ROWS = [
    {"confidence": None, "method": "point", "status": "optimal", "gap": 0.0, "time_limit": 60.0, "seconds": 3.0,
     "npv": 2400.0, "npv_cost": 0.0, "initiatives": 43, "delivered_mean": 40.2, "achieved": 0.02, "weakest": "HSO/2027",
     "verdict": ""},
    {"confidence": 0.85, "method": "contingency", "status": "time_limit", "gap": 0.031, "time_limit": 60.0,
     "seconds": 40.0, "npv": 990.0, "npv_cost": 1410.0, "initiatives": 34, "delivered_mean": 32.5, "achieved": 0.81,
     "weakest": "NHN/2030", "verdict": "below"},
]  # fmt: skip


def section_of(html: str) -> str:
    return html[html.index('<section id="predictability"') : html.index('<section id="method"')]


def test_the_table_states_each_plans_solver_npv_and_holding(sample: Portfolio) -> None:
    html = render_html(build_report(sample, earliest_plan(sample, "Basis"), as_of=2025, price=ROWS))
    part = section_of(html)[section_of(html).index("Prisen på forutsigbarhet") :]
    assert part.count("<svg") == 1
    assert "<td>Punktestimat</td>" in part and "stoppet ved tidsgrensen" in part and "IKKE nådd" in part
    assert re.search(r"<td class=\"n\">1\W?410</td>", part)  # the NPV given up, with the report's thousands space


def test_the_chart_has_a_bar_per_plan_and_a_target_for_each_level() -> None:
    chart = price_svg(ROWS, title="Prisen")
    assert chart.count("<rect") == 2 + 1  # two bars and the legend's box
    assert chart.count('stroke-dasharray="3 2"') == 1  # the one level's target
    assert "43 tiltak" in chart and "34 tiltak" in chart


def test_without_the_comparison_the_report_says_how_to_get_it(sample: Portfolio) -> None:
    html = render_html(build_report(sample, earliest_plan(sample, "Basis"), as_of=2025))
    assert "planning report --price-samples 200" in section_of(html)


def test_the_command_prices_predictability_for_the_report(tmp_path: Path) -> None:
    args = ["report", "--from", str(tiny_file(tmp_path)), "--out", str(tmp_path / "out"), "--format", "html",
            "--name", "r", "--samples", "0", "--price-samples", "20"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert "<td>Punktestimat</td>" in html and html.count("tiltak</text>") == 5
