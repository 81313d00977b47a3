"""Reasons for a plan at once: why each initiative is out or late, without re-solving.

:func:`planning.optimise.explain.explain_plan` also re-solves the model once per
initiative out or late to price forcing it in (``npv_if_forced``), which takes a while.
The reasons and the extra budget that would admit each one need no solver; this module
gives them straight away, from the same rules.
"""

from __future__ import annotations

import pandas as pd

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import Plan, plan_inputs
from planning.optimise.explain import extra_budget, reason
from planning.optimise.room import Room
from planning.optimise.timing import earliest_starts


def quick_reasons(portfolio: Portfolio, plan: Plan, scenario: Scenario | str | None) -> pd.DataFrame:
    """``plan.initiatives`` with ``reason``, ``earliest_possible`` and ``extra_budget`` filled.

    Parameters
    ----------
    portfolio, scenario
        What the plan was made from (the scenario as run).

    Returns
    -------
    pandas.DataFrame
        A copy of ``plan.initiatives``; ``npv_if_forced`` is kept where the plan has it,
        else empty. For a plan without a schedule (infeasible, failed) the copy is unchanged.
    """
    frame = plan.initiatives.copy()
    if not plan.has_plan:
        return frame
    inputs = plan_inputs(portfolio, scenario)
    timing = earliest_starts(inputs)
    starts = plan.starts
    frame["earliest_possible"] = pd.array([timing.start.get(str(i)) for i in frame.index], dtype="Int64")
    if "npv_if_forced" not in frame:
        frame["npv_if_forced"] = pd.array([None] * len(frame), dtype="Float64")
    frame["extra_budget"] = pd.array([None] * len(frame), dtype="Float64")
    room = Room.of_plan(inputs, starts)
    for i in inputs.ids:
        if i not in frame.index or (i in starts and starts[i] <= timing.start[i]):
            continue
        frame.at[i, "reason"] = reason(inputs, starts, timing, i, room)
        frame.at[i, "extra_budget"] = extra_budget(inputs, starts, i, timing.start[i], room)
    return frame
