"""Saved benchmark parts carry how fast the machine was, and the report says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench.results as results
from bench.report import write_report


@pytest.fixture
def results_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "results"
    monkeypatch.setattr(results, "RESULTS", folder)
    monkeypatch.setattr(results, "PROBE_ADDITIONS", 1000)
    return folder


def test_a_saved_part_records_the_speed_probe(results_dir: Path) -> None:
    data = results.run_and_save("external-mknap1", "planning bench external mknap1 --save", lambda: [])
    assert data == []
    saved = json.loads((results_dir / "external-mknap1.json").read_text())
    assert saved["command"] == "planning bench external mknap1 --save"
    assert saved["probe"]["additions"] == 1000
    assert 0.0 <= saved["probe"]["seconds"] < 60.0


def test_the_report_gives_each_part_its_speed_or_says_it_was_not_recorded(results_dir: Path, tmp_path: Path) -> None:
    started = results.now()
    results.save(
        "external-mknap1", "cmd one", [], started=started, load_before=(1.0,) * 3, code="a1", probe_seconds=0.8
    )
    old = {"part": "external-j30", "command": "cmd two", "started": "2026-11-26T10:00:00+00:00", "code": "b2"}
    old |= {"finished": "2026-11-26T10:30:00+00:00", "load_before": [1.0] * 3, "load_after": [1.0] * 3, "data": []}
    (results_dir / "external-j30.json").write_text(json.dumps(old))
    text = write_report(tmp_path / "performance.md").read_text()
    assert "Speed probe before the run: 0.001 M Python additions in 0.80 s (less is faster)." in text
    assert "Machine speed not recorded (runs before the speed probe)." in text
