"""Solves whose answer does not depend on the clock: the same inputs give the same plan on any
machine, under any load, in any process.

The optimiser's usual run (:func:`~planning.optimise.solve.optimise`) is time-budgeted:
HiGHS's first search gets a share of the time limit, core search or polishing the next, the
start's sampling and LP guide their own shares, and HiGHS itself runs its search on as many
threads as the machine has. Which of the plans within the gap tolerance it returns can
therefore depend on how busy the machine is. Where many solves must agree whatever runs them
(the Core Index's futures on a sweep engine, the plans of the price of predictability) the
optimiser runs instead with a :class:`WorkLimit`:

- one HiGHS search from the greedy ranking's plan (no LP guide, no core search, no
  polishing, no stall rule: each of these stops on the clock);
- HiGHS on one thread (``threads`` 1: its MIP search otherwise uses up to one worker per core,
  so a machine with more cores searches differently) with a fixed ``random_seed``;
- its heuristics at a fixed effort (``mip_heuristic_effort``; HiGHS measures that effort in
  LP iterations, not seconds);
- a limit on the nodes of HiGHS's search tree (``mip_max_nodes``) as the stopping rule. A
  plan stopped there is reported with the status ``work_limit`` and its proven gap ("node
  limit reached, gap x %"), never as optimal;
- the time limit is kept only as a safety net. If it strikes first, the plan is reported as
  ``time_limit`` as always, and then, only then, the answer may depend on the machine.

HiGHS 1.16 keeps its thread scheduler per thread, and Veikart runs every HiGHS search in a
thread of its own (:mod:`planning.optimise.guard`), so one thread here does not clash with
other solves in the same process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planning.messages.phrases import phrase

NODE_LIMIT = 2000
"""Nodes of HiGHS's search tree a deterministic solve may take by default. The sample's Basis
scenario in 20 sampled futures needed at most 47 nodes to a 0.5 % gap (0.1 to 1.4 s of solver
time each, 2026-12-05, load average about 3.5 on 2 cores); at about 0.03 s a node 2000 nodes
stay well inside the scenario's 60 s time limit, the safety net."""
RANDOM_SEED = 0
HEURISTIC_EFFORT = 0.05
"""HiGHS's own default effort, fixed here so that a change of default in HiGHS is seen in review."""
STATUS = "work_limit"
"""The status of a plan stopped by the work limit (with a plan and an open gap)."""


@dataclass(frozen=True)
class WorkLimit:
    """Stop a solve after this much work, not after this much time.

    ``nodes`` is HiGHS's ``mip_max_nodes``; the time limit given beside it is a safety net
    only (a solve that reaches it says ``time_limit``).
    """

    nodes: int = NODE_LIMIT

    def checked(self) -> WorkLimit:
        if isinstance(self.nodes, bool) or not isinstance(self.nodes, int) or self.nodes < 1:
            raise ValueError(phrase("option_out_of_range", option="nodes", value=self.nodes, low=1, high="2^31"))
        return self


def deterministic_options(base: Mapping[str, object], limit: WorkLimit) -> dict[str, object]:
    """``base`` (the HiGHS options the model would get) made independent of the clock and the cores."""
    return {
        **base,
        "threads": 1,
        "random_seed": RANDOM_SEED,
        "mip_heuristic_effort": HEURISTIC_EFFORT,
        "mip_max_nodes": limit.checked().nodes,
    }


def work_limit_message(nodes: int, gap: float | None) -> str:
    """ "node limit reached (2000 nodes), gap 0.81 %": what stopped the solve, and what it proved."""
    shown = "unknown" if gap is None else f"{100 * gap:.2f} %"
    return phrase("work_limit", nodes=nodes, gap=shown)
