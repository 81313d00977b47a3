"""Issue 32's figures: best known plans kept only when better and valid; the report's table."""

from __future__ import annotations

from pathlib import Path

from bench.best_known import best_known, offer
from bench.report import _issue32
from planning.domain.models import Scenario
from tests.factories import benefit, initiative, tiny_portfolio

SCENARIO = Scenario.model_validate({"id": "s", "discount_rate": 0.0})


def test_a_plan_is_kept_as_best_known_only_when_better_and_valid(tmp_path: Path) -> None:
    path = tmp_path / "best.json"
    portfolio = tiny_portfolio(
        [initiative("A"), initiative("B")],
        periods=1,
        budget=10,
        benefits=[benefit("bA", "A", 30), benefit("bB", "B", 20)],
    )
    assert offer("x", portfolio, SCENARIO, {"B": 0}, 10.0, method="m1", seconds=1.0, path=path)
    assert not offer("x", portfolio, SCENARIO, {"B": 0}, 10.0, method="m2", seconds=1.0, path=path)  # not better
    assert not offer(
        "x", portfolio, SCENARIO, {"A": 0, "B": 0}, 40.0, method="m3", seconds=1.0, path=path
    )  # breaks the budget
    assert offer("x", portfolio, SCENARIO, {"A": 0}, 20.0, method="m4", seconds=2.0, proven=True, path=path)
    kept = best_known(path)["x"]
    assert (kept["objective"], kept["method"], kept["proven"], kept["starts"]) == (20.0, "m4", True, {"A": 0})
    assert kept["date"] and kept["seconds"] == 2.0


def test_the_report_shows_each_figure_with_its_load_and_whether_it_was_met() -> None:
    record = {
        "part": "promise",
        "target": "7",
        "what": "J30 j3025_3, 20 s",
        "limit": 20.0,
        "wall": 21.8,
        "met": True,
        "when": "2026-12-01T10:00:00+00:00",
        "code": "abc1234",
        "load_before": [2.5, 2.0, 1.0],
        "load_after": [2.7, 2.1, 1.0],
        "elapsed": 21.9,
    }
    part = {
        "command": "python -m bench.issue32",
        "started": "s",
        "finished": "f",
        "load_before": [1.0, 1.0, 1.0],
        "load_after": [1.0, 1.0, 1.0],
        "code": "abc1234",
        "machine": None,
        "probe": None,
        "data": [record],
    }
    text = "\n".join(_issue32(part))
    assert "## Issue 32" in text and "python -m bench.issue32" in text
    assert "### Targets 1, 2 and 3: the best figure reached, what was tried, why it stops there" in text
    row = next(line for line in text.splitlines() if "j3025_3" in line)
    assert "wall 21.8" in row and "**met**" in row and "2.5 -> 2.7" in row and "abc1234" in row
