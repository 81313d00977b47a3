"""Saved benchmark parts carry how fast the machine was, and the report says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench.probe as probe
import bench.results as results
from bench.report import write_report


@pytest.fixture
def results_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "results"
    monkeypatch.setattr(results, "RESULTS", folder)
    monkeypatch.setattr(probe, "PROBE_ADDITIONS", 1000)
    return folder


def test_a_saved_part_records_both_speed_probes(results_dir: Path) -> None:
    data = results.run_and_save("external-mknap1", "planning bench external mknap1 --save", lambda: [])
    assert data == []
    saved = json.loads((results_dir / "external-mknap1.json").read_text())
    assert saved["command"] == "planning bench external mknap1 --save"
    assert saved["probe"]["additions"] == 1000
    assert 0.0 <= saved["probe"]["seconds"] < 60.0
    assert saved["probe"]["lp_iterations"] > 100
    assert 0.0 < saved["probe"]["lp_seconds"] < 60.0
    assert saved["machine"] == results.machine()  # the CPU and solver versions the run had


def test_the_highs_probe_does_the_same_work_every_time() -> None:
    (_, first), (_, second) = probe.highs_lp(), probe.highs_lp()
    assert first == second > 100


def test_the_report_gives_each_part_its_speed_or_says_it_was_not_recorded(results_dir: Path, tmp_path: Path) -> None:
    started = results.now()
    both = {"additions": 1000, "seconds": 0.8, "lp_iterations": 2652, "lp_seconds": 0.55}
    results.save("external-mknap1", "cmd one", [], started=started, load_before=(1.0,) * 3, code="a1", probe=both)
    results.save(
        "external-mknapcb1",
        "cmd three",
        [],
        started=started,
        load_before=(1.0,) * 3,
        code="a1",
        probe={"additions": 5_000_000, "seconds": 0.17},  # saved before the HiGHS probe
    )
    old = {"part": "external-j30", "command": "cmd two", "started": "2026-11-26T10:00:00+00:00", "code": "b2"}
    old |= {"finished": "2026-11-26T10:30:00+00:00", "load_before": [1.0] * 3, "load_after": [1.0] * 3, "data": []}
    (results_dir / "external-j30.json").write_text(json.dumps(old))
    text = write_report(tmp_path / "performance.md").read_text()
    assert (
        "Speed probe before the run: 0.001 M Python additions in 0.80 s; a fixed linear programme in HiGHS "
        "(2652 iterations) in 0.55 s (less is faster)." in text
    )
    assert "Speed probe before the run: 5 M Python additions in 0.17 s (less is faster)." in text
    assert "Machine speed not recorded (runs before the speed probe)." in text
    ran = results.machine()
    solvers = f"{ran['highs']}, PuLP {ran['pulp']}, {ran['ortools']} (CP-SAT)"
    saved_with_it = f"The machine: {ran['cpu']}, {ran['cores']} cores; {solvers}."
    assert saved_with_it in text
    assert "CPU and solver versions not recorded with this run." in text  # the old part
