"""When HiGHS has stopped making progress on a large model, so that polishing may take over.

Large models used to give HiGHS a fixed half of the time and polishing the rest. On a
precedence-heavy portfolio that lost a proof HiGHS was close to (issue 32, target 8): with
300 s the plan was worse than with 60 s, while HiGHS alone proved the optimum in about
100 s. A fixed share also means that a longer limit changes what happens early in the run.

Where the starting plan is near the LP relaxation (:func:`planning.optimise.solve.far_from_relaxation`),
HiGHS now searches until :class:`Stall` says it has stalled: a gap of :data:`NEAR` or more,
no better plan, and a gap that has not shrunk by :data:`CLOSING` of itself over the last half
of its running time (at least :data:`LEAST_SECONDS`). Within :data:`NEAR` of its bound HiGHS
is left to prove its plan: polishing can find a better plan, but never a proof.
Nothing in the rule depends on the time limit, so a run with a longer
limit does what a shorter one did up to the shorter one's end, and then goes on: more time
does not change the early part of the run, and HiGHS keeps searching while its bound closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planning.optimise.watch import Incumbent

LEAST_SECONDS = 5.0
"""HiGHS always gets at least this long, and the window is at least half of it."""
WINDOW_SHARE = 0.5
CLOSING = 0.25
"""The gap must shrink by this share of itself over the window for HiGHS to go on without a better plan."""
NEAR = 0.05
"""A gap below this is left to HiGHS to close, however slowly. On the precedence-heavy family
HiGHS found nothing better than its start (gap 2.4 %) for its first 10 s, its root with
restarts, then closed the gap to 0.17 % by 13 s and proved the optimum at 34 s; on the
generated 200 x 16 portfolios the gap after HiGHS's root is 15 to 20 %, and polishing, not
HiGHS, improves the plan there."""
IMPROVEMENT = 1e-6


@dataclass
class Stall:
    """Called with HiGHS's running time and what it has so far (:class:`Incumbent`, in the model's
    sense; ``maximise`` says which way is better); true once HiGHS has stalled."""

    maximise: bool = True
    samples: list[tuple[float, Incumbent]] = field(default_factory=list)

    def __call__(self, elapsed: float, incumbent: Incumbent) -> bool:
        self.samples.append((elapsed, incumbent))
        if incumbent.objective is None or elapsed < LEAST_SECONDS:
            return False
        if incumbent.gap is not None and incumbent.gap < NEAR:
            return False
        since = elapsed - max(WINDOW_SHARE * LEAST_SECONDS, WINDOW_SHARE * elapsed)
        then = next((found for seconds, found in reversed(self.samples) if seconds <= since), self.samples[0][1])
        if then.objective is None or self._better(incumbent.objective, then.objective):
            return False
        now_gap, then_gap = incumbent.gap, then.gap
        return not (now_gap is not None and then_gap is not None and now_gap < (1 - CLOSING) * then_gap)

    def _better(self, objective: float, than: float) -> bool:
        step = IMPROVEMENT * max(1.0, abs(than))
        return objective > than + step if self.maximise else objective < than - step
