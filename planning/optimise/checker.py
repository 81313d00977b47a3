"""An independent plan checker: verifies any set of starts against the data.

It shares only the reading of the data with the optimiser (envelopes, cost shares,
windows, in :mod:`planning.optimise.inputs`), never the model, so a wrong constraint in
the model shows up here as a violation. Users can run it on plans they edited by hand.
"""

from __future__ import annotations

from planning.models import Scenario
from planning.optimise.inputs import PlanInputs, plan_inputs, spend_matrix
from planning.portfolio import Portfolio

TOLERANCE = 1e-6


def check_plan(portfolio: Portfolio, scenario: Scenario | str | None, starts: dict[str, int]) -> list[str]:
    """Every way ``starts`` (initiative -> start period) breaks the rules; empty when none."""
    return check_starts(plan_inputs(portfolio, scenario), starts)


def check_starts(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    """Every way ``starts`` breaks the rules of an already prepared planning problem."""
    violations = _unknown_or_excluded(inputs, starts)
    known = {i: t for i, t in starts.items() if i in inputs.initiatives.index}
    for check in (_windows, _requirements, _dependencies, _alternatives, _budgets, _capacity):
        violations += check(inputs, known)
    return violations


def _unknown_or_excluded(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    out = []
    for i in starts:
        if i in inputs.excluded:
            out.append(f"{i}: in the plan, but it cannot be ({inputs.excluded[i]})")
        elif i not in inputs.initiatives.index:
            out.append(f"{i}: unknown initiative")
    return out


def _windows(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    """The data's own window: earliest start, latest finish and the horizon's end.

    Started work continues from the first period with its remaining duration, so neither
    its earliest start nor its finish is a choice of the plan.
    """
    out, tl = [], inputs.timeline
    for i, t in starts.items():
        row = inputs.initiatives.loc[i]
        finish = t + int(row["duration"]) - 1
        if t < 0:
            out.append(f"{i}: starts before the horizon")
        elif t < int(row["window_earliest"]) and row["status"] != "started":
            out.append(f"{i}: starts {tl.label(t)}, before its earliest start {tl.label(int(row['window_earliest']))}")
        if finish > int(row["latest_finish"]) and row["status"] != "started":
            limit = "the horizon's end" if int(row["latest_finish"]) == tl.periods - 1 else "its latest finish"
            out.append(f"{i}: finishes {_label(inputs, finish)}, after {limit} {tl.label(int(row['latest_finish']))}")
    return out


def _label(inputs: PlanInputs, period: int) -> str:
    return inputs.timeline.label(period) if period >= 0 else f"period {period}"


def _requirements(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    out = []
    table = inputs.initiatives
    for i in inputs.ids:
        if bool(table.at[i, "started"]) and starts.get(i) != 0:
            out.append(f"{i}: started, so it must continue from the first period")
        elif bool(table.at[i, "mandatory"]) and i not in starts:
            out.append(f"{i}: mandatory (or forced in), but not in the plan")
        locked = table.at[i, "locked"]
        if locked is not None and i in starts and starts[i] != int(locked):
            out.append(f"{i}: locked to start {_label(inputs, int(locked))}, starts {_label(inputs, starts[i])}")
    if inputs.scenario.objective == "earliest_completion":
        out += [f"{i}: a completion target, but not in the plan" for i in inputs.targets if i not in starts]
    return out


def _dependencies(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    out = []
    for _, dep in inputs.dependencies.iterrows():
        p, s, lag = str(dep["predecessor_id"]), str(dep["successor_id"]), int(dep["lag"])
        if s not in starts:
            continue
        if p not in starts:
            out.append(f"{s}: depends on {p}, which is not in the plan")
            continue
        ready = starts[p] + lag + (int(inputs.initiatives.at[p, "duration"]) if dep["kind"] == "finish_to_start" else 0)
        if starts[s] < ready:
            out.append(f"{s}: starts {_label(inputs, starts[s])}, before {p} allows ({_label(inputs, ready)})")
    return out


def _alternatives(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    out = []
    for group, members in inputs.groups.items():
        chosen = [i for i in members if i in starts]
        if len(chosen) > 1:
            out.append(f"alternative group {group}: {', '.join(chosen)} are all in the plan; at most one may be")
        if group in inputs.required_groups and not chosen:
            out.append(f"alternative group {group}: required, but no option is in the plan")
    return out


def _budgets(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    out = []
    spend = spend_matrix(inputs, starts)
    carry = inputs.scenario.carry_over
    for pool in spend.index:
        unspent = 0.0
        for t in spend.columns:
            available = float(inputs.envelopes.at[pool, t]) + carry * unspent
            used = float(spend.at[pool, t])
            if used > available + TOLERANCE:
                out.append(f"budget {pool} {_label(inputs, int(t))}: spends {used:.2f} MNOK of {available:.2f} MNOK")
            unspent = max(0.0, available - used)
    return out


def _capacity(inputs: PlanInputs, starts: dict[str, int]) -> list[str]:
    out = []
    for pool in inputs.capacity_usage.columns:
        go_live = inputs.capacity_basis[pool] == "go_live"
        for t in range(inputs.timeline.periods):
            use = 0.0
            for i, s in starts.items():
                duration = int(inputs.initiatives.at[i, "duration"])
                active = t == s + duration - 1 if go_live else s <= t < s + duration
                use += float(inputs.capacity_usage.at[i, pool]) if active else 0.0
            if use > float(inputs.capacity_limits[pool]) + TOLERANCE:
                out.append(f"capacity {pool} {_label(inputs, t)}: uses {use:g} of {inputs.capacity_limits[pool]:g}")
    return out
