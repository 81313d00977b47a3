"""The simulation benchmark measures a case and its figures reach docs/performance.md (no time is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench.results as results
import bench.simulation as simulation
from bench.report import write_report
from planning.optimise import optimise
from tests.factories import benefit, initiative, tiny_portfolio


def test_a_case_is_measured_with_wall_and_cpu_time_and_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(simulation, "SAMPLES", 300)
    monkeypatch.setattr(simulation, "RUNS", 2)
    benefits = [benefit("B", "X", 9, lifetime=5)]
    portfolio = tiny_portfolio([initiative("X", 10, 2, cost_high=25)], periods=4, benefits=benefits)
    case = simulation.Case("tiny", portfolio, optimise(portfolio, explain=False), None, 2.0)
    row = simulation.measure(case)
    assert row["samples"] == 300 and len(row["seconds_all"]) == 2 and row["initiatives"] == 1
    assert row["seconds"] > 0 and row["cpu_seconds"] > 0 and row["peak_mib"] > 0
    assert row["met"] == (row["seconds"] < 2.0)


def test_the_report_has_a_table_of_the_simulation_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "RESULTS", tmp_path / "results")
    row = {"target": "sample portfolio, scenario Basis", "initiatives": 43, "periods": 8, "pools": 6,
           "samples": 10000, "seconds": 0.9, "seconds_all": [0.9, 1.0, 0.8], "cpu_seconds": 0.6, "peak_mib": 120.0,
           "max_rss_mib": 400.0, "target_seconds": 2.0, "met": True}  # fmt: skip
    results.save("simulate", "planning bench simulate --save", [row], started=results.now(),
                  load_before=(3.0, 2.0, 1.0), code="abc")  # fmt: skip
    text = write_report(tmp_path / "performance.md").read_text()
    assert "## Monte Carlo simulation (issue 29)" in text and "planning bench simulate --save" in text
    row_text = "| sample portfolio, scenario Basis | 43 | 8 x 6 | 0.90 | 0.90 1.00 0.80 | 0.60 | 120 | 400 | **met** |"
    assert row_text in text
    assert "load average (1, 5, 15 min) 3.0, 2.0, 1.0 before" in text
