"""Starting from the previous plan after an edit (issue 32, target 5).

A planner changes one cost and optimises again: the plan before the edit is usually still
allowed, or nearly, and close to the new optimum. Handed to HiGHS as its starting plan it
lets HiGHS cut off most of its search at once. :func:`warm_plan` takes the previous starts
of the initiatives that are still decisions; where they break a rule now (the edit made an
envelope too small, say), it repairs them with the greedy list schedule, ranking the
previous plan's initiatives first and placing each from its previous start on.
Under earliest completion :func:`better_start` keeps it only where it is at least as short as
the schedule the optimiser sampled itself; for NPV and benefit the optimiser does not look
for a start of its own when it has a warm plan
(:func:`~planning.optimise.solve.needs_own_start`), and :func:`better_start` takes the warm plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from planning.optimise.checker import check_starts
from planning.optimise.greedy import Guide, NoGreedyPlan, guided_plan, schedule_makespan
from planning.optimise.guided import plan_value
from planning.optimise.inputs import PlanInputs
from planning.optimise.model import PlanModel


def warm_plan(inputs: PlanInputs, previous: Mapping[str, int]) -> dict[str, int] | None:
    """The previous plan's starts where they keep every rule now; else repaired; ``None`` when
    nothing is left of it or the repair places no plan."""
    starts = {str(i): int(t) for i, t in previous.items() if str(i) in inputs.row_of}
    if not starts:
        return None
    if not check_starts(inputs, starts):
        return starts
    if inputs.scenario.objective == "earliest_completion":
        return None  # a repaired schedule is no better than the sampled ones
    guide = Guide({i: 1.0 for i in starts}, dict(starts))
    try:
        repaired = guided_plan(inputs, guide)
    except NoGreedyPlan:
        return None
    return repaired if not check_starts(inputs, repaired) else None


def better_start(model: PlanModel, found: dict[str, int] | None, warm: dict[str, int] | None) -> dict[str, int] | None:
    """``warm`` where it is at least as good as ``found`` (the optimiser's own start), else ``found``."""
    if warm is None:
        return found
    if found is None:
        return warm
    if model.makespan is not None:
        ours, theirs = schedule_makespan(model.inputs, found), schedule_makespan(model.inputs, warm)
        return warm if theirs is not None and (ours is None or theirs <= ours) else found
    return warm if plan_value(model, warm) >= plan_value(model, found) - 1e-9 else found
