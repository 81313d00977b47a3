"""Why an initiative is out or late, what it would take, and why a scenario has no plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd

from planning.domain.portfolio import Portfolio
from planning.messages.message import decimal
from planning.messages.phrases import phrase
from planning.optimise.inputs import PlanInputs, must_be_in
from planning.optimise.model import AUTO, PlanModel, build_model
from planning.optimise.plan import Plan
from planning.optimise.room import Room
from planning.optimise.timing import EarliestStarts, earliest_starts

TOLERANCE = 1e-6
WHAT_IF_SHARE = 0.1
WHAT_IF_MAX_SECONDS = 1.0
"""Each what-if re-solve gets this share of the scenario's time limit, at most this many seconds;
``what_if_proven`` says whether its NPV change is proven (gap within 1e-3) or only the best found."""


def explain_plan(
    portfolio: Portfolio,
    plan: Plan,
    inputs: PlanInputs,
    model: PlanModel,
    progress: Callable[[str, float], None] | None = None,
    span: tuple[float, float] = (0.9, 0.99),
) -> None:
    """Fill ``plan.initiatives`` columns ``reason``, ``earliest_possible``, ``npv_if_forced``
    and ``extra_budget``; for a scenario with no plan, fill ``plan.diagnosis``.

    ``progress`` hears "Explaining initiative 3 of 40: X" before each initiative's what-if
    re-solve, with the fraction of the whole run moving through ``span``."""
    if plan.facts.status == "infeasible":
        plan.diagnosis = diagnose(inputs, model.formulation)
        return
    if not plan.has_plan:
        return
    timing = earliest_starts(inputs)
    starts = plan.starts
    frame = plan.initiatives
    frame["earliest_possible"] = pd.array([timing.start.get(str(i)) for i in frame.index], dtype="Int64")
    frame["npv_if_forced"] = pd.array([None] * len(frame), dtype="Float64")
    frame["extra_budget"] = pd.array([None] * len(frame), dtype="Float64")
    frame["what_if_proven"] = pd.array([None] * len(frame), dtype="boolean")
    explained = [i for i in inputs.ids if i not in starts or starts[i] > timing.start[i]]
    room = Room.of_plan(inputs, starts)
    for done, i in enumerate(explained):
        if progress is not None:
            line = phrase("explaining", done=done + 1, total=len(explained), initiative=i)
            progress(line, span[0] + (span[1] - span[0]) * done / len(explained))
        frame.at[i, "reason"] = reason(inputs, starts, timing, i, room)
        what_if = _what_if(model, plan, timing.start[i], i)
        if what_if is not None:
            frame.at[i, "npv_if_forced"], frame.at[i, "what_if_proven"] = what_if
        frame.at[i, "extra_budget"] = extra_budget(inputs, starts, i, timing.start[i], room)


def reason(inputs: PlanInputs, starts: dict[str, int], timing: EarliestStarts, i: str, room: Room | None = None) -> str:
    """The rule that keeps ``i`` out of the plan, or later than its earliest possible start.

    ``room`` is the plan's :class:`~planning.optimise.room.Room`, when the caller explains
    many initiatives of one plan (it is built from ``starts`` otherwise)."""
    tl = inputs.timeline
    earliest, latest = timing.start[i], int(inputs.initiatives.at[i, "latest_start"])
    late = i in starts
    for check in (_alternative_chosen, _waits_for_missing):
        text = None if late else check(inputs, starts, i)
        if text:
            return text
    if earliest > latest:
        chain = " -> ".join(timing.chain(i))
        when = tl.label(earliest) if earliest < tl.periods else phrase("after_horizon")
        return phrase("chain_too_long", chain=chain, when=when)
    room = (room or Room.of_plan(inputs, starts)).without(i)
    candidates = range(earliest, starts[i] if late else latest + 1)
    blocked = [_blocker(inputs, room, i, t) for t in candidates]
    if blocked and all(blocked):
        first = blocked[0]
        assert first is not None
        if late:
            return phrase("first_room", blocker=first, period=tl.label(starts[i]))
        return first if len(blocked) == 1 else phrase("blocked_later_too", blocker=first)
    if late:
        return phrase("later_start_better")
    npv = float(inputs.value.at[i, earliest])
    return phrase("does_not_pay_off" if npv <= 0 else "displaces", npv=decimal(npv, ".1f"))


def _blocker(inputs: PlanInputs, room: Room, i: str, t: int) -> str | None:
    """What stops ``i`` starting at ``t`` beside the rest of the plan: a predecessor, the budget or capacity."""
    return (
        _waits_at(inputs, room.others, i, t) or _full_budget(inputs, room, i, t) or _full_capacity(inputs, room, i, t)
    )


def _alternative_chosen(inputs: PlanInputs, starts: dict[str, int], i: str) -> str | None:
    group = inputs.initiatives.at[i, "group"]
    if group is None:
        return None
    chosen = [j for j in inputs.groups.get(str(group), []) if j in starts and j != i]
    return phrase("alternative_chosen", chosen=chosen[0], group=group) if chosen else None


def _waits_for_missing(inputs: PlanInputs, starts: dict[str, int], i: str) -> str | None:
    missing = [p for p, _offset in inputs.predecessors.get(i, []) if p not in starts]
    if not missing:
        return None
    return phrase("waits_for_one_missing" if len(missing) == 1 else "waits_for_missing", missing=", ".join(missing))


def _waits_at(inputs: PlanInputs, starts: dict[str, int], i: str, t: int) -> str | None:
    for p, offset in inputs.predecessors.get(i, []):
        if p in starts and starts[p] + offset > t:
            ready = inputs.timeline.label(min(starts[p] + offset, inputs.timeline.periods - 1))
            return phrase("waits_until_ready", predecessor=p, period=ready)
    return None


def _full_budget(inputs: PlanInputs, room: Room, i: str, t: int) -> str | None:
    shortfall = room.shortfall(i, t)
    if not shortfall:
        return None
    (pool, period), amount = max(shortfall.items(), key=lambda kv: kv[1])
    return phrase("budget_full", pool=pool, period=inputs.timeline.label(period), amount=decimal(amount, ".1f"))


def _full_capacity(inputs: PlanInputs, room: Room, i: str, t: int) -> str | None:
    full = room.full_capacity(i, t)
    if full is None:
        return None
    pool, period = full
    return phrase("capacity_full", pool=pool, period=inputs.timeline.label(period))


def extra_budget(
    inputs: PlanInputs, starts: dict[str, int], i: str, earliest: int, room: Room | None = None
) -> float | None:
    """MNOK more, summed over pools and periods, that admits ``i`` at ``earliest`` with the rest unchanged."""
    if earliest > int(inputs.initiatives.at[i, "latest_start"]):
        return None
    apart = (room or Room.of_plan(inputs, starts)).without(i)
    return round(sum(apart.shortfall(i, earliest).values()), 6)


@contextmanager
def _forced_start(model: PlanModel, i: str, t: int) -> Iterator[None]:
    """Temporarily fix ``i`` to start in period ``t`` through variable bounds."""
    changed: list[tuple[object, float | None, float | None]] = []

    def fix(var: object, low: float | None, up: float | None) -> None:
        changed.append((var, var.lowBound, var.upBound))  # type: ignore[attr-defined]
        var.lowBound, var.upBound = low, up  # type: ignore[attr-defined]

    fix(model.variables[i, t], 1, 1)
    if model.cumulative and (i, t - 1) in model.variables:
        fix(model.variables[i, t - 1], 0, 0)
    try:
        yield
    finally:
        for var, low, up in changed:
            var.lowBound, var.upBound = low, up  # type: ignore[attr-defined]


def _what_if(model: PlanModel, plan: Plan, t: int, i: str) -> tuple[float, bool] | None:
    """Change in NPV if ``i`` were forced to start at ``t``, and whether it is proven.

    ``None`` when ``i`` cannot start at ``t`` or no plan was found in the time allowed.
    """
    from planning.optimise.solve import solve_model

    if plan.facts.objective is None or t not in model.window(i) or model.inputs.scenario.objective != "npv":
        return None
    limit = min(WHAT_IF_MAX_SECONDS, WHAT_IF_SHARE * plan.facts.time_limit)
    with _forced_start(model, i, t):
        facts, _ = solve_model(model, solver="highs", time_limit=limit, gap=1e-3)
    if facts.objective is None:
        return None
    return round(facts.objective - plan.facts.objective, 6), facts.status == "optimal"


def diagnose(inputs: PlanInputs, formulation: str = AUTO) -> list[str]:
    """Plain-language reasons why no plan exists, from an elastic version of the model."""
    from planning.optimise.solve import solve_model

    lines = _impossible_chains(inputs)
    model = build_model(inputs, formulation, elastic=True)
    facts, _ = solve_model(model, solver="highs", time_limit=max(10.0, inputs.scenario.time_limit), gap=1e-4)
    if facts.objective is None:
        return lines or [phrase("no_cause_found")]
    for key, var in sorted(model.slack.items()):
        value = var.value() or 0.0
        if value > TOLERANCE:
            lines.append(_slack_line(inputs, key, value))
    return lines or [phrase("no_single_rule")]


def _impossible_chains(inputs: PlanInputs) -> list[str]:
    """Required initiatives that no budget could save: blocked, or no room in time."""
    timing = earliest_starts(inputs)
    tl, table = inputs.timeline, inputs.initiatives
    lines: list[str] = [phrase("required_but", initiative=i, reason=reason) for i, reason in inputs.impossible.items()]
    required = table[must_be_in(table)]
    for i in required.index:
        if str(i) in inputs.impossible or timing.start[str(i)] <= int(required.at[i, "latest_start"]):
            continue
        chain = timing.chain(str(i))
        finish = int(required.at[i, "latest_finish"])
        if len(chain) > 1:
            lines.append(
                phrase("chain_misses_deadline", initiative=i, period=tl.label(finish), chain=" -> ".join(chain))
            )
        else:
            start = int(required.at[i, "earliest"])
            when = tl.label(start) if tl.contains(start) else phrase("period_number", number=start)
            duration = required.at[i, "duration"]
            lines.append(
                phrase("window_too_short", initiative=i, duration=duration, start=when, finish=tl.label(finish))
            )
    return lines


SLACK_TEXT: dict[str, Callable[[tuple[str, ...], float], str]] = {
    "miss": lambda k, v: phrase("required_cannot_fit", initiative=k[1]),
    "miss-group": lambda k, v: phrase("group_cannot_fit", group=k[1]),
    "short": lambda k, v: phrase("pool_short", pool=k[1], amount=decimal(v, ".1f"), period=k[2]),
    "over": lambda k, v: phrase("capacity_over", pool=k[1], amount=decimal(v, "g"), period=k[2]),
}


def _slack_line(inputs: PlanInputs, key: tuple[str, ...], value: float) -> str:
    return SLACK_TEXT[key[0]](key, value)
