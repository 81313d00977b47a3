"""Progress while the solver works: the best plan so far and how far it may be from the best.

A long solve (a large portfolio, a time limit of minutes) would otherwise sit silently at
"Solving". While HiGHS searches in its worker thread, the thread that waits for it
(:class:`planning.optimise.guard.GuardedRun`) hands the caller an :class:`Incumbent` every
:data:`EVERY_SECONDS`, with the best plan and bound HiGHS has reported so far, and
:func:`solving_report` turns that into a line for people and the fraction of the time
limit used. An exception raised by the caller (a web page that is being left, say), or
Ctrl-C, is raised in the waiting thread, never inside HiGHS's C++ code; HiGHS is asked to
stop at its next check.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from planning.messages.message import decimal
from planning.messages.phrases import phrase

EVERY_SECONDS = 0.5
"""One report per this many seconds while HiGHS searches."""
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
    values = {"elapsed": decimal(elapsed, ".0f"), "limit": decimal(time_limit, "g")}
    gap = incumbent.gap
    if incumbent.objective is None:
        return phrase("solving_no_plan", **values)
    if gap is None:
        return phrase("solving_plan_no_bound", **values)
    return phrase("solving_gap", **values, gap=decimal(100 * gap, ".2f"))
