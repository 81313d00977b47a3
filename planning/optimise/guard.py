"""Veikart's own guard on the time limit: HiGHS is waited for only so long.

HiGHS looks at the clock only between its own steps. In the root of a large
time-indexed scheduling model one round of cut separation can take many seconds, so a
30 s limit has run for 56 to 142 s (issue 32). The time limit is a promise to the user:
from the start of a solve to its answer takes at most the limit, plus
:data:`GRACE_SHARE` of it, plus :data:`GRACE_SECONDS`.

So every HiGHS search runs in a worker thread (:class:`GuardedRun`), and the calling
thread waits for it until its own limit plus a grace has passed, and never past the
deadline of the whole solve (:func:`promised`). HiGHS tells the guard of every better plan
it finds and of its bound (MIP callbacks), so when the guard stops waiting it still has the
best plan found and a bound HiGHS has proven. It then asks HiGHS to stop at its next check
and leaves it to finish in the background: that copy of the model is never used again
(:func:`abandoned`). The plan is reported as stopped at the time limit, never as optimal.

The waiting thread is also where progress is reported: it wakes every
:data:`~planning.optimise.watch.EVERY_SECONDS` and reports the best plan and bound known so
far, also while HiGHS itself is silent in its root. A reporter that raises, or Ctrl-C
while waiting, stops the wait at once; HiGHS is asked to stop and the error is raised in
the calling thread, never inside HiGHS's own code.
"""

from __future__ import annotations

import math
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

from planning.optimise.watch import EVERY_SECONDS, Incumbent, SolverProgress

GRACE_SHARE = 0.1
GRACE_SECONDS = 2.0
"""The promise: wall time from the start of a solve to its answer is at most the time
limit, plus this share of it, plus these seconds (issue 32, target 7)."""
ANSWER_SECONDS = 1.0
"""Kept back from the promise for reading the plan after the last search (half a second was
too little once on a machine with load average 5: J30's j3013_8 answered 0.07 s late)."""
RUN_GRACE_SECONDS = 1.0
"""One HiGHS run is waited for its own time limit, plus :data:`GRACE_SHARE` of it, plus this."""
FEASIBILITY_TOLERANCE = 1e-6

_DEADLINE: ContextVar[float | None] = ContextVar("veikart_solve_deadline", default=None)
_ABANDONED: weakref.WeakSet[highspy.Highs] = weakref.WeakSet()


@contextmanager
def promised(time_limit: float, *, since: float | None = None) -> Iterator[float]:
    """The deadline (``time.monotonic()``) of a solve that started at ``since`` (default: now)
    with ``time_limit``; every guarded run inside the block stops waiting by then. A nested
    promise never moves an outer deadline later."""
    began = time.monotonic() if since is None else since
    end = began + time_limit * (1 + GRACE_SHARE) + GRACE_SECONDS - ANSWER_SECONDS
    outer = _DEADLINE.get()
    token = _DEADLINE.set(end if outer is None else min(outer, end))
    try:
        yield end
    finally:
        _DEADLINE.reset(token)


def seconds_left() -> float | None:
    """Seconds to the deadline of the solve under way (:func:`promised`); ``None`` outside one."""
    end = _DEADLINE.get()
    return None if end is None else end - time.monotonic()


def out_of_time() -> bool:
    """Whether the solve under way has (almost) reached its deadline; never outside one."""
    left = seconds_left()
    return left is not None and left <= 0.1


def capped(seconds: float) -> float:
    """``seconds``, but no more than is left to the deadline (and at least a little)."""
    left = seconds_left()
    return seconds if left is None else max(0.05, min(seconds, left))


def abandoned(highs: object) -> bool:
    """Whether a guarded run stopped waiting for this HiGHS: it may still be running, so
    nothing may read or change it."""
    try:
        return highs in _ABANDONED
    except TypeError:  # not a kind the guard can have held
        return False


@dataclass
class Outcome:
    """What a guarded run ended with. Objective and bound are in HiGHS's sense (minimised)."""

    finished: bool
    """Whether HiGHS returned; if not, the guard stopped waiting and the rest is what HiGHS reported."""
    objective: float | None = None
    solution: np.ndarray | None = None
    """The best plan HiGHS reported (or the start, where feasible), a value per column."""
    bound: float | None = None
    stopped_early: bool = False
    """Whether the run's stop rule asked HiGHS to stop before its time limit (and it did)."""


StopRule = Callable[[float, Incumbent], bool]
"""Called while HiGHS runs with its running time and what it has so far; true asks it to stop."""


class GuardedRun:
    """One HiGHS search in a worker thread, waited for until its limit plus a grace.

    ``start`` is the plan handed to HiGHS as its MIP start, a value per column; the guard
    falls back on it, where it keeps every row, when HiGHS reported no better plan before
    the guard stopped waiting. ``sign`` is -1 when the model maximises (PuLP hands HiGHS a
    minimisation), for ``on_progress``.
    """

    def __init__(
        self,
        highs: highspy.Highs,
        *,
        start: np.ndarray | None = None,
        on_progress: SolverProgress | None = None,
        sign: float = 1.0,
        stop_when: StopRule | None = None,
    ) -> None:
        self.highs, self.on_progress, self.sign, self.stop_when = highs, on_progress, sign, stop_when
        self.stop = threading.Event()
        self.stopped_early = False
        """Whether ``stop_when`` asked HiGHS to stop before its time limit."""
        self.objective: float | None = None
        self.solution: np.ndarray | None = None
        self.bound: float | None = None
        lp = highs.getLp()
        self._cost, self._offset = np.asarray(lp.col_cost_, dtype=float), float(lp.offset_)
        if start is not None and feasible(highs, start):
            self.solution, self.objective = start, self._value(start)

    def run(self, seconds: float) -> Outcome:
        """Run HiGHS (its own ``time_limit`` option as set) and wait at most ``seconds`` plus the grace."""
        own = time.monotonic() + seconds * (1 + GRACE_SHARE) + RUN_GRACE_SECONDS
        left = seconds_left()
        until = own if left is None else min(own, time.monotonic() + left)
        highs = self.highs
        highs.cbMipInterrupt.subscribe(self._on_interrupt)
        highs.cbMipImprovingSolution.subscribe(self._on_solution)
        worker = threading.Thread(target=highs.run, name="veikart-highs", daemon=True)
        worker.start()
        try:
            self._wait(worker, until)
        except BaseException:
            self._let_go(worker)
            raise
        if worker.is_alive():
            self._let_go(worker)
            return Outcome(False, self.objective, self.solution, self.bound)
        highs.cbMipInterrupt.unsubscribe(self._on_interrupt)
        highs.cbMipImprovingSolution.unsubscribe(self._on_solution)
        return Outcome(True, self.objective, self.solution, self.bound, self.stopped_early)

    def _wait(self, worker: threading.Thread, until: float) -> None:
        began = time.monotonic()
        while worker.is_alive():
            left = until - time.monotonic()
            if left <= 0:
                return
            worker.join(min(EVERY_SECONDS, left))
            incumbent = self.incumbent()
            if self.on_progress is not None:
                self.on_progress(incumbent)
            ruled = self.stop_when is not None and not self.stop.is_set() and worker.is_alive()
            if ruled and self.stop_when(time.monotonic() - began, incumbent):  # type: ignore[misc]
                self.stopped_early = True
                self.stop.set()  # HiGHS stops at its next check; the wait goes on until it has

    def incumbent(self) -> Incumbent:
        """The best plan and bound HiGHS has reported, in the model's sense."""
        objective = None if self.objective is None else self.sign * self.objective
        bound = None if self.bound is None else self.sign * self.bound
        return Incumbent(objective, bound)

    def _let_go(self, worker: threading.Thread) -> None:
        """Ask HiGHS to stop at its next check, and never touch this copy of the model again."""
        self.stop.set()
        if worker.is_alive():
            _ABANDONED.add(self.highs)

    def _on_interrupt(self, event: Any) -> None:
        data = event.data_out
        if math.isfinite(data.mip_dual_bound):
            self.bound = float(data.mip_dual_bound)
        if self.stop.is_set():
            event.interrupt()

    def _value(self, values: np.ndarray) -> float:
        return float(self._cost @ values + self._offset)

    def _on_solution(self, event: Any) -> None:
        data = event.data_out
        solution = np.array(data.mip_solution, dtype=float)
        value = self._value(solution) if len(solution) == len(self._cost) else float(data.objective_function_value)
        if self.objective is None or value < self.objective:  # the plan's own value: HiGHS 1.16 may report
            self.objective, self.solution = value, solution  # a better value beside a start (stale_start)
        if math.isfinite(data.mip_dual_bound):
            self.bound = float(data.mip_dual_bound)
        if self.stop.is_set():
            event.interrupt()


def objective_of(highs: highspy.Highs, values: np.ndarray) -> float:
    """HiGHS's objective (with its offset) at ``values``."""
    lp = highs.getLp()
    return float(np.asarray(lp.col_cost_, dtype=float) @ values + lp.offset_)


def stale_start(highs: highspy.Highs, start: np.ndarray) -> bool:
    """Whether a finished run returned its MIP start, unchanged, as a plan worth more than the start.

    HiGHS 1.16.0 maps a MIP start into the presolved model, where columns presolve has fixed
    (an initiative that cannot pay off, say) drop out of it; it reports the value of the start
    in that reduced model, finds nothing better than that, and then returns the original start
    as its solution, with the reduced value as the objective and status optimal (seen on the
    sample: HN at Lav with obligations released kept HN-INNB-SAMI "optimally"). HiGHS 1.15.1
    does not. Then the answer is not the plan it claims to be, and the search must run again.
    """
    info = highs.getInfo()
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible
        return False
    values = np.asarray(highs.getSolution().col_value, dtype=float)
    if len(values) != len(start) or np.any(np.abs(values - start) > FEASIBILITY_TOLERANCE):
        return False
    lp = highs.getLp()
    own = float(np.asarray(lp.col_cost_, dtype=float) @ values + lp.offset_)
    claimed = float(info.objective_function_value)
    return abs(own - claimed) > FEASIBILITY_TOLERANCE * max(1.0, abs(own))


def feasible(highs: highspy.Highs, values: np.ndarray) -> bool:
    """Whether ``values`` keep every column bound, integrality and row of HiGHS's model."""
    lp = highs.getLp()
    tol = FEASIBILITY_TOLERANCE
    if len(values) != lp.num_col_:
        return False
    lower, upper = np.asarray(lp.col_lower_, dtype=float), np.asarray(lp.col_upper_, dtype=float)
    if np.any(values < lower - tol) or np.any(values > upper + tol):
        return False
    integer = np.asarray(lp.integrality_, dtype=int) if len(lp.integrality_) else np.zeros(0, dtype=int)
    if integer.size and np.any(np.abs(values[integer > 0] - np.round(values[integer > 0])) > tol):
        return False
    activity = _row_activity(lp, values)
    row_lower, row_upper = np.asarray(lp.row_lower_, dtype=float), np.asarray(lp.row_upper_, dtype=float)
    scale = tol * np.maximum(1.0, np.abs(activity))
    return not (np.any(activity < row_lower - scale) or np.any(activity > row_upper + scale))


def _row_activity(lp: highspy.HighsLp, values: np.ndarray) -> np.ndarray:
    """Each row's value at ``values``, whichever way HiGHS stores its matrix."""
    matrix = lp.a_matrix_
    starts = np.asarray(matrix.start_, dtype=np.int64)
    index = np.asarray(matrix.index_, dtype=np.int64)
    coefs = np.asarray(matrix.value_, dtype=float)
    if matrix.format_ == highspy.MatrixFormat.kRowwise:
        row = np.repeat(np.arange(lp.num_row_), np.diff(starts))
        return np.bincount(row, weights=coefs * values[index], minlength=lp.num_row_)
    column = np.repeat(np.arange(lp.num_col_), np.diff(starts))
    return np.bincount(index, weights=coefs * values[column], minlength=lp.num_row_)
