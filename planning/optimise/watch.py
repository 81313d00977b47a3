"""Progress while the solver works: the best plan so far and how far it may be from the best.

A long solve (a large portfolio, a time limit of minutes) would otherwise sit silently at
"Solving". HiGHS calls :class:`SolverWatch` a few times a second from inside its search; the
watch hands the caller an :class:`Incumbent` at most every :data:`EVERY_SECONDS`, and
:func:`solving_report` turns that into a line for people and the fraction of the time
limit used. An exception raised by the caller (a web page that is being left, say) must
not pass through HiGHS's C++ code: the watch keeps it, asks HiGHS to stop, and
:meth:`SolverWatch.raise_kept` raises it once HiGHS has returned. Ctrl-C is treated the
same way (:meth:`SolverWatch.stopping_on_ctrl_c`).
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from planning.messages.phrases import phrase

EVERY_SECONDS = 0.5
"""At most one report per this many seconds of solver time."""
SOLVING = (0.3, 0.85)
"""The part of the whole run's progress that solving takes (preparing and building come
before it, reading the plan after)."""
SOLVING_BEFORE_EXPLAINING = (0.3, 0.5)
"""The same when explanations follow: their what-if re-solves take most of such a run."""


@dataclass(frozen=True)
class Incumbent:
    """What the solver has so far, in the model's own sense (NPV maximised, makespan minimised)."""

    objective: float | None
    """The best plan's objective; ``None`` while there is no plan."""
    bound: float | None
    """The best bound proven so far; ``None`` before the first one."""

    @property
    def gap(self) -> float | None:
        """Relative distance between plan and bound, as the solver facts report it."""
        return relative_gap(self.objective, self.bound)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """|bound - objective| / |objective|: the proven gap of the solver facts; ``None`` without both."""
    if objective is None or bound is None:
        return None
    return abs(bound - objective) / max(1e-9, abs(objective)) if abs(bound - objective) > 1e-9 else 0.0


SolverProgress = Callable[[Incumbent], None]


class SolverWatch:
    """A HiGHS MIP-interrupt callback that reports the incumbent to ``on_progress``.

    ``sign`` is -1 when the model maximises (PuLP hands HiGHS a minimisation). Use it around
    the solve with ``with watch.stopping_on_ctrl_c(): highs.run()``, then :meth:`raise_kept`.
    """

    def __init__(self, on_progress: SolverProgress, sign: float) -> None:
        self.on_progress, self.sign = on_progress, sign
        self.last = -math.inf
        self.kept: BaseException | None = None

    def __call__(self, event: Any) -> None:
        try:
            if self.kept is None:
                self._report(event.data_out)
        except BaseException as exc:  # kept and raised after HiGHS returns
            self.kept = exc
        if self.kept is not None:
            event.interrupt()

    def _report(self, data: Any) -> None:
        if data.running_time - self.last < EVERY_SECONDS:
            return
        self.last = data.running_time
        self.on_progress(Incumbent(self._finite(data.mip_primal_bound), self._finite(data.mip_dual_bound)))

    def _finite(self, value: float) -> float | None:
        return self.sign * float(value) if math.isfinite(value) else None

    @contextmanager
    def stopping_on_ctrl_c(self) -> Iterator[None]:
        """While HiGHS runs, Ctrl-C (SIGINT) is kept as a KeyboardInterrupt for the next
        callback instead of being raised wherever Python happens to be, which may be inside
        HiGHS's own callback machinery. Only the main thread can take signals; elsewhere
        (a Streamlit script thread) this does nothing."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def keep(_signum: int, _frame: FrameType | None) -> None:
            self.kept = self.kept or KeyboardInterrupt()

        previous = signal.signal(signal.SIGINT, keep)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    def raise_kept(self) -> None:
        """Raise what the caller raised (or Ctrl-C) during the solve, if anything."""
        if self.kept is not None:
            raise self.kept


def solving_report(
    report: Callable[[str, float], None], time_limit: float, span: tuple[float, float] = SOLVING
) -> SolverProgress:
    """An incumbent reporter for :func:`~planning.optimise.solve.optimise`'s progress callback:
    the elapsed and allowed seconds, whether there is a plan yet and its proven gap, and the
    fraction of the run, moving through ``span`` as the time limit is used."""
    began = time.perf_counter()
    start, end = span

    def on_progress(incumbent: Incumbent) -> None:
        elapsed = time.perf_counter() - began
        done = min(1.0, elapsed / time_limit) if time_limit > 0 else 1.0
        report(solving_line(incumbent, elapsed, time_limit), start + (end - start) * done)

    return on_progress


def solving_line(incumbent: Incumbent, elapsed: float, time_limit: float) -> str:
    """'Solving (12 of 30 s): the best plan so far is at most 0.62 % from the best possible'."""
    values = {"elapsed": f"{elapsed:.0f}", "limit": f"{time_limit:g}"}
    gap = incumbent.gap
    if incumbent.objective is None:
        return phrase("solving_no_plan", **values)
    if gap is None:
        return phrase("solving_plan_no_bound", **values)
    return phrase("solving_gap", **values, gap=f"{100 * gap:.2f}")
