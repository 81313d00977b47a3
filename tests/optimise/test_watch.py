"""Progress while the solver works: the incumbent reported from inside HiGHS's search.

The sample's Basis scenario makes HiGHS branch (a few dozen nodes), so the thread waiting
for it reports; tests/optimise/test_guard.py drives the waiting itself with a made-up solver.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.messages.message import Message
from planning.optimise import optimise
from planning.optimise.watch import Incumbent, solving_line

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    result = load_path(SAMPLE)
    assert result.portfolio is not None
    return result.portfolio


def code_and_values(line: str) -> tuple[str, dict[str, str]]:
    assert isinstance(line, Message)
    return line.code, {name: str(value) for name, value in line.values.items()}


def test_each_progress_line_is_a_message_with_its_values() -> None:
    assert code_and_values(solving_line(Incumbent(None, None), 3.2, 30)) == (
        "solving_no_plan",
        {"elapsed": "3", "limit": "30"},
    )
    assert code_and_values(solving_line(Incumbent(200.0, None), 3.2, 30)) == (
        "solving_plan_no_bound",
        {"elapsed": "3", "limit": "30"},
    )
    assert code_and_values(solving_line(Incumbent(200.0, 201.0), 12.7, 30)) == (
        "solving_gap",
        {"elapsed": "13", "limit": "30", "gap": "0.50"},
    )


def test_optimise_reports_the_search_between_solving_and_reading_the_plan(sample: Portfolio) -> None:
    heard: list[tuple[str, float]] = []
    plan = optimise(sample, "Basis", explain=False, progress=lambda line, done: heard.append((line, done)))
    assert plan.facts.status == "optimal"
    stages = [line for line, _ in heard]
    searching = [(line, done) for line, done in heard if line.startswith("Solving (")]
    assert searching, stages
    assert all(isinstance(line, Message) for line, _ in searching)
    assert stages.index("Solving") < stages.index(searching[0][0]) < stages.index("Reading the plan")
    fractions = [done for _, done in heard]
    assert fractions == sorted(fractions)
    assert all(0.3 <= done <= 0.85 for _, done in searching)


def test_a_reporter_that_raises_stops_the_run_with_its_error(sample: Portfolio) -> None:
    def leave(line: str, _done: float) -> None:
        if line.startswith("Solving ("):
            raise Stop(line)

    with pytest.raises(Stop, match="Solving"):
        optimise(sample, "Basis", explain=False, progress=leave)
