"""The report's Core Index: the sentence beside the roadmap, the lists and a row per initiative."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from planning.cli import main
from planning.optimise import optimise
from planning.report import build_report, render_html
from planning.uncertainty.core_index import CoreIndexOptions, core_index
from tests.test_report import tiny_file
from tests.uncertainty.test_core_index import three


def test_the_report_says_which_of_the_roadmaps_initiatives_are_safe_to_commit() -> None:
    portfolio = three()
    plan = optimise(portfolio, "S", explain=False)
    index = core_index(portfolio, "S", CoreIndexOptions(samples=8, seed=3, time_limit=10), planned=plan.starts)
    html = render_html(build_report(portfolio, plan, as_of=2026, core_index=index))
    section = html[html.index("Kjerneindeks: hva er trygt") : html.index('<section id="method"')]
    safe, depends = index.commitment(plan.starts)
    assert safe == ["X"] and set(plan.starts) == {"X", "Y"} and depends == ["Y"]
    assert f"disse {len(safe)} trygge å forplikte nå; disse {len(depends)} avhenger" in section
    assert '<td><strong>Z</strong> Z</td><td>Utenfor</td><td class="n">0\u00a0%</td>' in section
    assert "2026 / 2026 / 2026" in section


def test_without_an_index_the_report_says_how_to_get_one(tmp_path: Path) -> None:
    args = ["report", "--from", str(tiny_file(tmp_path)), "--out", str(tmp_path / "out"), "--format", "html",
            "--name", "r", "--samples", "0"]  # fmt: skip
    assert CliRunner().invoke(main, args).exit_code == 0
    assert "planning report --core-index 200" in (tmp_path / "out" / "r.html").read_text(encoding="utf-8")


def test_the_command_computes_the_index_for_the_report(tmp_path: Path) -> None:
    args = ["report", "--from", str(tiny_file(tmp_path)), "--out", str(tmp_path / "out"), "--format", "html",
            "--name", "r", "--samples", "0", "--core-index", "3", "--workers", "0", "--seed", "4"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert "optimalisert på nytt i 3 mulige utfall (frø 4)" in html
