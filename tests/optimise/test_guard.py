"""The time limit is a promise: the guard stops waiting for HiGHS and keeps the best plan it reported.

:class:`FakeSearch` stands in for HiGHS: it calls the MIP callbacks the way HiGHS does
between its steps, and can stall (no callback at all, as HiGHS in a long round of cut
separation) until released. The last tests run the real solver on the sample.
"""

from __future__ import annotations

import _thread
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import highspy
import numpy as np
import pytest

from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.messages.message import Message
from planning.optimise import optimise
from planning.optimise.checker import check_plan
from planning.optimise.guard import GuardedRun, abandoned, capped, feasible, promised, seconds_left, stale_start
from planning.optimise.watch import Incumbent

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
PASSED = 10.0
"""Seconds ago that a promise with no time at all began: its deadline has passed."""
STOPS_WITHIN = 30.0
"""How long a test waits for a stalled search to notice it was asked to stop (it does at its next step)."""


@dataclass
class Data:
    running_time: float = 0.0
    mip_dual_bound: float = -math.inf
    mip_primal_bound: float = math.inf
    objective_function_value: float = math.inf
    mip_solution: list[float] = field(default_factory=list)


@dataclass
class Event:
    data_out: Data
    interrupted: bool = False

    def interrupt(self) -> None:
        self.interrupted = True


class Subscribers:
    def __init__(self) -> None:
        self.callbacks: list[Callable[[Event], None]] = []

    def subscribe(self, callback: Callable[[Event], None]) -> None:
        self.callbacks.append(callback)

    def unsubscribe(self, callback: Callable[[Event], None]) -> None:
        self.callbacks.remove(callback)

    def __call__(self, event: Event) -> bool:
        for callback in list(self.callbacks):
            callback(event)
        return event.interrupted


@dataclass
class FakeLp:
    col_cost_: list[float] = field(default_factory=lambda: [-5.0, -7.0])
    offset_: float = 0.0


class FakeSearch:
    """Reports ``plans`` (objective, values, bound) one per step, then stalls while ``stalled``
    is set, and otherwise calls the interrupt callback every step until it is interrupted or
    ``finish`` is set. Its model's objective is -5 x0 - 7 x1."""

    def __init__(self, plans: list[tuple[float, list[float], float]] | None = None) -> None:
        self.getLp = FakeLp
        self.cbMipInterrupt = Subscribers()
        self.cbMipImprovingSolution = Subscribers()
        self.plans = list(plans or [])
        self.stalled, self.finish, self.stopped = threading.Event(), threading.Event(), threading.Event()

    def run(self) -> None:
        while not self.finish.is_set():
            if self.plans:
                objective, values, bound = self.plans.pop(0)
                data = Data(0.0, bound, objective, objective, values)
                if self.cbMipImprovingSolution(Event(data)):
                    break
            elif not self.stalled.is_set() and self.cbMipInterrupt(Event(Data())):
                break
            time.sleep(0.005)
        self.stopped.set()


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    result = load_path(SAMPLE)
    assert result.portfolio is not None
    return result.portfolio


def test_a_search_that_ends_in_time_is_waited_for() -> None:
    search = FakeSearch([(-5.0, [1.0, 0.0], -9.0), (-7.0, [0.0, 1.0], -8.0)])
    search.finish.set()  # ends after reporting its plans
    outcome = GuardedRun(search).run(60.0)  # type: ignore[arg-type]
    assert outcome.finished
    assert not abandoned(search)


def test_past_the_deadline_the_guard_keeps_the_best_plan_and_bound_and_stops_the_search() -> None:
    search = FakeSearch([(-5.0, [1.0, 0.0], -9.0), (-7.0, [0.0, 1.0], -8.0), (-5.0, [1.0, 0.0], -8.0)])
    search.stalled.set()  # after its plans, silent: no step, no callback
    heard: list[Incumbent] = []
    with promised(0.0, since=time.monotonic() - 0.5):  # a deadline a second away: time to report the plans
        outcome = GuardedRun(search, on_progress=heard.append, sign=-1.0).run(60.0)  # type: ignore[arg-type]
    assert not outcome.finished
    assert abandoned(search)
    assert outcome.objective == -7.0 and outcome.bound == -8.0
    assert outcome.solution is not None and list(outcome.solution) == [0.0, 1.0]
    assert not search.stopped.is_set()
    search.stalled.clear()  # its next step hears that it was asked to stop
    assert search.stopped.wait(STOPS_WITHIN)
    assert not search.finish.is_set()


def test_a_plan_is_kept_at_its_own_value_not_the_value_reported_beside_it() -> None:
    search = FakeSearch([(-7.0, [1.0, 0.0], -8.0)])  # HiGHS 1.16 beside a start: a value the plan is not worth
    search.stalled.set()
    outcome = GuardedRun(search, on_progress=lambda _heard: search.finish.set()).run(60.0)  # type: ignore[arg-type]
    assert outcome.objective == -5.0 and outcome.solution is not None and list(outcome.solution) == [1.0, 0.0]


def test_a_finished_run_that_returned_its_start_at_a_better_value_is_stale() -> None:
    highs = _tiny_model()
    highs.run()
    found = np.asarray(highs.getSolution().col_value, dtype=float)
    assert not stale_start(highs, found)  # HiGHS's own plan at its own value
    assert not stale_start(highs, 1.0 - found)  # a start HiGHS moved away from


def test_the_waiting_thread_reports_the_best_plan_while_the_search_is_silent() -> None:
    search = FakeSearch([(-5.0, [1.0], -9.0)])
    search.stalled.set()
    heard: list[Incumbent] = []

    def hear(incumbent: Incumbent) -> None:
        heard.append(incumbent)
        if len(heard) == 3:
            search.finish.set()

    outcome = GuardedRun(search, on_progress=hear, sign=-1.0).run(60.0)  # type: ignore[arg-type]
    assert outcome.finished
    assert heard[-1] == Incumbent(5.0, 9.0)  # in the model's sense: a maximisation handed over negated


class Stop(Exception):
    pass


def test_a_reporter_that_raises_is_raised_at_once_and_the_search_is_stopped() -> None:
    search = FakeSearch()

    def leave(_incumbent: Incumbent) -> None:
        raise Stop

    with pytest.raises(Stop):
        GuardedRun(search, on_progress=leave).run(60.0)  # type: ignore[arg-type]
    assert search.stopped.wait(STOPS_WITHIN)
    assert not search.finish.is_set()


@pytest.fixture()
def ctrl_c_raises() -> Iterator[None]:
    """Python's own Ctrl-C handler for the test, whatever the runner left in place.

    A process started in the background may have SIGINT ignored or at the system default, which
    would make a real signal either vanish or end the whole test run."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.usefixtures("ctrl_c_raises")
def test_ctrl_c_while_waiting_is_raised_at_once_and_the_search_is_stopped() -> None:
    search = FakeSearch()
    search.stalled.set()
    timer = threading.Timer(0.2, _thread.interrupt_main)  # Ctrl-C as the main thread hears it
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            GuardedRun(search).run(60.0)  # type: ignore[arg-type]
    finally:
        timer.cancel()
        timer.join()
    search.stalled.clear()
    assert search.stopped.wait(STOPS_WITHIN)


def test_a_nested_promise_never_moves_the_deadline_later() -> None:
    assert seconds_left() is None
    assert capped(7.0) == 7.0
    with promised(100.0) as outer:
        with promised(1000.0) as inner:
            assert inner > outer
            left = seconds_left()
            assert left is not None and left <= 100.0 * 1.1 + 2.0
        with promised(0.0, since=time.monotonic() - PASSED):
            assert capped(5.0) == 0.05


def _tiny_model() -> highspy.Highs:
    """max x + y, x + y <= 1, x and y binary (handed to HiGHS as min -x - y)."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.addVars(2, np.zeros(2), np.ones(2))
    highs.changeColsCost(2, np.array([0, 1], dtype=np.int32), np.array([-1.0, -1.0]))
    highs.changeColsIntegrality(2, np.array([0, 1], dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * 2))
    highs.addRow(-highspy.kHighsInf, 1.0, 2, np.array([0, 1], dtype=np.int32), np.array([1.0, 1.0]))
    return highs


def test_a_start_is_kept_only_where_it_keeps_every_row_bound_and_integrality() -> None:
    highs = _tiny_model()
    assert feasible(highs, np.array([1.0, 0.0]))
    assert not feasible(highs, np.array([1.0, 1.0]))  # the row
    assert not feasible(highs, np.array([0.5, 0.0]))  # integrality
    assert not feasible(highs, np.array([2.0, -1.0]))  # the bounds
    assert GuardedRun(highs, start=np.array([1.0, 1.0])).solution is None
    kept = GuardedRun(highs, start=np.array([0.0, 1.0]))
    assert kept.objective == -1.0


def test_a_real_search_that_ends_in_time_reads_as_before(sample: Portfolio) -> None:
    plan = optimise(sample, "Trinn1-raskest", explain=False)
    assert plan.facts.status == "optimal"
    assert not isinstance(plan.facts.message, Message) or plan.facts.message.code != "time_guard"


def test_a_solve_past_its_deadline_answers_at_once_with_its_start_plan_never_called_optimal(
    sample: Portfolio,
) -> None:
    with promised(0.0, since=time.monotonic() - PASSED):
        plan = optimise(sample, "Basis", explain=False)
    facts = plan.facts
    assert facts.status == "time_limit"
    assert isinstance(facts.message, Message) and facts.message.code == "time_guard"
    assert plan.has_plan and check_plan(sample, "Basis", plan.starts) == []
    assert facts.bound is None or (facts.objective is not None and facts.bound >= facts.objective - 1e-6)
