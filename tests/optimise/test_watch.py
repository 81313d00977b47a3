"""Progress while the solver works: the incumbent reported from inside HiGHS's search.

The sample's Basis scenario makes HiGHS branch (a few dozen nodes), so its search calls
the watch; the unit tests drive :class:`SolverWatch` with made-up events.
"""

from __future__ import annotations

import math
import os
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.messages.phrases import read_phrase
from planning.optimise import optimise
from planning.optimise.watch import EVERY_SECONDS, Incumbent, SolverWatch, solving_line

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@dataclass
class Data:
    running_time: float
    mip_primal_bound: float = math.inf
    mip_dual_bound: float = -math.inf


@dataclass
class Event:
    data_out: Data
    interrupted: list[bool] = field(default_factory=list)

    def interrupt(self) -> None:
        self.interrupted.append(True)


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    result = load_path(SAMPLE)
    assert result.portfolio is not None
    return result.portfolio


def test_the_watch_reports_in_the_models_sense_and_not_too_often() -> None:
    heard: list[Incumbent] = []
    watch = SolverWatch(heard.append, sign=-1.0)  # a maximisation, handed to HiGHS negated
    watch(Event(Data(0.1)))
    watch(Event(Data(0.1 + EVERY_SECONDS / 2, mip_primal_bound=-90.0)))  # too soon: not reported
    watch(Event(Data(0.2 + EVERY_SECONDS, mip_primal_bound=-90.0, mip_dual_bound=-100.0)))
    assert heard == [Incumbent(None, None), Incumbent(90.0, 100.0)]
    assert heard[1].gap == pytest.approx(10 / 90)


def test_an_error_in_the_reporter_stops_the_solver_and_is_raised_after_it() -> None:
    def fail(_incumbent: Incumbent) -> None:
        raise Stop

    watch = SolverWatch(fail, sign=1.0)
    first, later = Event(Data(1.0)), Event(Data(5.0))
    watch(first)
    watch(later)
    assert first.interrupted == [True] and later.interrupted == [True]
    with pytest.raises(Stop):
        watch.raise_kept()


def test_ctrl_c_while_highs_runs_is_kept_for_the_next_callback_and_raised_after() -> None:
    watch = SolverWatch(lambda _incumbent: None, sign=1.0)
    before = signal.getsignal(signal.SIGINT)
    with watch.stopping_on_ctrl_c():
        os.kill(os.getpid(), signal.SIGINT)  # kept, not raised here
        event = Event(Data(1.0))
        watch(event)
    assert event.interrupted == [True]
    assert signal.getsignal(signal.SIGINT) is before
    with pytest.raises(KeyboardInterrupt):
        watch.raise_kept()


def test_outside_the_main_thread_ctrl_c_is_left_alone() -> None:
    watch = SolverWatch(lambda _incumbent: None, sign=1.0)
    failures: list[BaseException] = []

    def solve() -> None:
        try:
            with watch.stopping_on_ctrl_c():
                watch(Event(Data(1.0)))
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=solve)
    thread.start()
    thread.join()
    assert failures == [] and watch.kept is None


def test_each_progress_line_is_a_phrase_with_its_values() -> None:
    assert read_phrase(solving_line(Incumbent(None, None), 3.2, 30)) == (
        "solving_no_plan",
        {"elapsed": "3", "limit": "30"},
    )
    assert read_phrase(solving_line(Incumbent(200.0, None), 3.2, 30)) == (
        "solving_plan_no_bound",
        {"elapsed": "3", "limit": "30"},
    )
    assert read_phrase(solving_line(Incumbent(200.0, 201.0), 12.7, 30)) == (
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
    assert all(read_phrase(line) is not None for line, _ in searching)
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
