"""The delivery-plan MILP, built one constraint family at a time.

Decision: whether each initiative is done and in which period it starts. The cumulative
formulation, the optimiser's choice for small models, uses binaries ``started[i, t]`` = 1
when initiative ``i`` has started in period ``t`` or before (see ``docs/model.md``).
``start_time_tight``, its choice for large models, has one binary per possible start and
the same tight precedence, written as prefix sums. ``start_time`` is the textbook formulation with one
binary per possible start and big-M precedence, kept for the benchmark comparison.

Every ``define_*`` function adds one family of named constraints, returns early when it
has nothing to add, and names each constraint from its keys (``budget-HSO-2027``).
:func:`build_model` only builds; the caller solves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulp

from planning.optimise.inputs import PlanInputs

FORMULATIONS = ("cumulative", "start_time_tight", "start_time")
AUTO = "auto"
"""Let :func:`choose_formulation` pick the formulation from the model's size and objective."""
LARGE_MODEL_BINARIES = 1000
"""NPV and benefit models with this many start binaries or more are large: the optimiser
builds them in the ``start_time_tight`` formulation and hands HiGHS its default options;
smaller ones, and earliest completion at any size, get the cumulative formulation and
Veikart's own HiGHS options. On the generated 200 initiatives x 16 half-years x 5 pools
the start binaries' plain knapsack budget rows let HiGHS find better plans and prove
tighter bounds; on the sample portfolio the cumulative form proves the optima sooner
(docs/model.md)."""
PRECEDENCE_HEAVY = 2.0
"""Large models with at least this many dependencies per initiative are built in the
cumulative formulation all the same: on the generated precedence-heavy family (1000
one-period initiatives, about 3.2 dependencies each, 5 periods, 2 capacity pools) HiGHS
proved the optimum in 34 s in the cumulative form and in 75 s with start binaries (one run
each, 2026-12, docs/model.md); the other generated portfolios have 0.5 to 0.75."""
MISS_PRICE = 1e4
"""Diagnosis: leaving out one required initiative weighs as much as this many MNOK short."""
Expr = Any  # pulp.LpAffineExpression, LpVariable or a number


@dataclass
class PlanModel:
    """A built problem and what is needed to read it."""

    problem: pulp.LpProblem
    inputs: PlanInputs
    formulation: str
    variables: dict[tuple[str, int], pulp.LpVariable]
    """``started`` (cumulative) or ``start`` (start_time, start_time_tight) binaries by initiative and period."""
    constraint_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Constraint name -> (family, key, ...), for diagnoses."""
    makespan: pulp.LpVariable | None = None
    elastic: bool = False
    """Diagnosis mode: requirements, budgets and capacity may be broken at a price."""
    slack: dict[tuple[str, ...], pulp.LpVariable] = field(default_factory=dict)
    """Elastic variables by (family, key, ...): miss-<id>, short-<pool>-<period>, over-<pool>-<period>."""
    relaxed: float | None = None
    """The LP relaxation's objective, where the optimiser solved it (large models, for the
    guided start): how far the starting plan may be from the best."""

    def elastic_slack(self, *keys: object, binary: bool = False) -> Expr:
        """A non-negative slack variable in diagnosis mode, else 0."""
        if not self.elastic:
            return 0
        key = tuple(str(k) for k in keys)
        var = self.problem.add_variable("slack_" + "_".join(key), lowBound=0, upBound=1 if binary else None)
        self.slack[key] = var
        return var

    def add(self, constraint: Any, family: str, *keys: object) -> None:
        name = "-".join([family, *(str(k) for k in keys)])
        self.problem += constraint, name
        self.constraint_keys[name] = (family, *(str(k) for k in keys))

    def __post_init__(self) -> None:
        self.windows = {i: self.inputs.start_window(i) for i in self.inputs.ids}
        self.durations = {i: int(d) for i, d in self.inputs.initiatives["duration"].items()}
        self.large = large_model(self.inputs)
        """Whether this is a large model (:func:`large_model`), worked out once."""

    @property
    def cumulative(self) -> bool:
        """Whether the binaries are ``started by`` ones (else one binary per possible start)."""
        return self.formulation == "cumulative"

    def window(self, i: str) -> range:
        return self.windows[i]

    def started_by_terms(self, i: str, t: int) -> list[tuple[pulp.LpVariable, float]]:
        """Terms of the expression that is 1 when ``i`` starts in period ``t`` or earlier."""
        window = self.windows[i]
        if not window or t < window.start:
            return []
        t = min(t, window.stop - 1)
        if self.cumulative:
            return [(self.variables[i, t], 1.0)]
        return [(self.variables[i, s], 1.0) for s in range(window.start, t + 1)]

    def start_terms(self, i: str, t: int) -> list[tuple[pulp.LpVariable, float]]:
        """Terms of the expression that is 1 when ``i`` starts exactly in period ``t``."""
        window = self.windows[i]
        if t not in window:
            return []
        if not self.cumulative or t == window.start:
            return [(self.variables[i, t], 1.0)]
        return [(self.variables[i, t], 1.0), (self.variables[i, t - 1], -1.0)]

    def running_terms(self, i: str, t: int) -> list[tuple[pulp.LpVariable, float]]:
        """Terms of the expression that is 1 when ``i`` is in execution in period ``t``."""
        ended = [(var, -coef) for var, coef in self.started_by_terms(i, t - self.durations[i])]
        return self.started_by_terms(i, t) + ended

    def started_by(self, i: str, t: int) -> Expr:
        return linear(self.started_by_terms(i, t))

    def start(self, i: str, t: int) -> Expr:
        return linear(self.start_terms(i, t))

    def selected(self, i: str) -> Expr:
        """1 when ``i`` is in the plan; an empty expression (always 0) when its window is empty."""
        window = self.windows[i]
        return self.started_by(i, window.stop - 1) if window else linear([])

    def running(self, i: str, t: int) -> Expr:
        return linear(self.running_terms(i, t))


def linear(terms: Iterable[tuple[pulp.LpVariable, float]]) -> pulp.LpAffineExpression:
    """One affine expression from (variable, coefficient) terms, adding repeated variables."""
    total: dict[pulp.LpVariable, float] = defaultdict(float)
    for var, coef in terms:
        total[var] += coef
    return pulp.LpAffineExpression([(v, c) for v, c in total.items() if c])


def start_binaries(inputs: PlanInputs) -> int:
    """How many start binaries the model of ``inputs`` has (one per initiative and period of its window)."""
    return sum(len(inputs.start_window(i)) for i in inputs.ids)


def large_model(inputs: PlanInputs) -> bool:
    """Whether ``inputs`` make a large model: NPV or benefit, :data:`LARGE_MODEL_BINARIES` binaries or more."""
    return inputs.scenario.objective != "earliest_completion" and start_binaries(inputs) >= LARGE_MODEL_BINARIES


def precedence_heavy(inputs: PlanInputs) -> bool:
    """Whether ``inputs`` have :data:`PRECEDENCE_HEAVY` dependencies per initiative or more."""
    return len(inputs.dependencies) >= PRECEDENCE_HEAVY * max(1, len(inputs.ids))


def choose_formulation(inputs: PlanInputs, formulation: str = AUTO) -> str:
    """``formulation``, or for ``auto``: ``start_time_tight`` for a large model that is not
    precedence-heavy, else cumulative."""
    if formulation != AUTO:
        return formulation
    return "start_time_tight" if large_model(inputs) and not precedence_heavy(inputs) else "cumulative"


def build_model(inputs: PlanInputs, formulation: str = AUTO, *, elastic: bool = False) -> PlanModel:
    """The MILP for ``inputs``, with every constraint family and the scenario's objective.

    With ``elastic``, mandatory starts, required groups, budgets and capacity get slack
    variables and the objective minimises how much they are broken (infeasibility diagnosis).
    """
    formulation = choose_formulation(inputs, formulation)
    if formulation not in FORMULATIONS:
        raise ValueError(f"unknown formulation '{formulation}'; use {AUTO} or one of {', '.join(FORMULATIONS)}")
    sense = pulp.LpMinimize if inputs.scenario.objective == "earliest_completion" else pulp.LpMaximize
    problem = pulp.LpProblem("veikart", sense)
    if elastic:
        problem = pulp.LpProblem("veikart_diagnosis", pulp.LpMinimize)
    model = PlanModel(problem, inputs, formulation, define_start_variables(problem, inputs), elastic=elastic)
    for define in (
        define_start_order,
        define_required_starts,
        define_obligation_constraints,
        define_budget_constraints,
        define_capacity_constraints,
        define_precedence_constraints,
        define_alternative_constraints,
        define_nesting_constraints,
        define_objective,
    ):
        define(model)
    return model


def define_start_variables(problem: pulp.LpProblem, inputs: PlanInputs) -> dict[tuple[str, int], pulp.LpVariable]:
    """One binary per initiative and period of its start window."""
    keys = [(i, t) for i in inputs.ids for t in inputs.start_window(i)]
    names = [f"{i}_{t}" for i, t in keys]
    found = problem.add_variable_dicts("x", names, cat="Binary")
    return {key: found[name] for key, name in zip(keys, names, strict=True)}


def define_start_order(m: PlanModel) -> None:
    """Cumulative: started[i, t-1] <= started[i, t]. Start-time: sum_t start[i, t] <= 1."""
    for i in m.inputs.ids:
        window = m.window(i)
        if not m.cumulative:
            if len(window) > 1:
                m.add(pulp.lpSum(m.variables[i, t] for t in window) <= 1, "one-start", i)
            continue
        for t in window[1:]:
            m.add(m.variables[i, t - 1] <= m.variables[i, t], "start-order", i, t)


def define_required_starts(m: PlanModel) -> None:
    """selected[i] = 1 for mandatory, forced-in, locked and started initiatives; started ones at period 0."""
    table = m.inputs.initiatives
    for i in m.inputs.ids:
        if bool(table.at[i, "started"]) and m.window(i):
            m.add(m.start(i, 0) + m.elastic_slack("miss", i, binary=True) == 1, "continue-started", i)
        elif (
            bool(table.at[i, "mandatory"])
            or bool(table.at[i, "started"])
            or (i in m.inputs.targets and m.inputs.scenario.objective == "earliest_completion")
        ):
            m.add(m.selected(i) + m.elastic_slack("miss", i, binary=True) == 1, "required", i)


def define_obligation_constraints(m: PlanModel) -> None:
    """selected[i] = 1 for each statutory or equity obligation the scenario keeps (``obligation-ID``).

    Why a family of its own: an obligation is kept for a reason outside the money (a law, or
    equal access to services, such as services in the Sami languages), so it must not fall
    out on a pure net present value objective; but a scenario may release obligations
    (``release_obligations``), and the cost of keeping them is priced by solving once more
    without this family (:func:`planning.plans.obligations.obligation_cost`). Mandatory and
    started initiatives are kept by :func:`define_required_starts` instead.
    """
    table = m.inputs.initiatives
    if "obligation" not in table.columns:
        return
    for i in m.inputs.ids:
        if bool(table.at[i, "obligation"]) and not bool(table.at[i, "mandatory"]) and not bool(table.at[i, "started"]):
            m.add(m.selected(i) + m.elastic_slack("miss", i, binary=True) == 1, "obligation", i)


def define_budget_constraints(m: PlanModel) -> None:
    r"""Per pool p and period t: \sum_i share_ip \sum_k cost_ik start[i, t-k] <= envelope_pt + carry_pt.

    With a carry-over fraction a, unspent_pt = envelope_pt + a unspent_p,t-1 - spend_pt >= 0.
    """
    inputs, tl = m.inputs, m.inputs.timeline
    carry = inputs.scenario.carry_over
    for pool in inputs.envelopes.index:
        shares = inputs.shares[pool].to_dict() if len(inputs.ids) else {}
        profiles = {
            i: [shares[i] * c for c in inputs.costs[i]] for i in inputs.ids if shares[i] > 0 and any(inputs.costs[i])
        }
        if not profiles:
            continue
        previous: Any = 0
        for t in range(tl.periods):
            spend = linear(
                (var, c * a)
                for i, profile in profiles.items()
                for k, c in enumerate(profile)
                if c
                for var, a in m.start_terms(i, t - k)
            )
            envelope = float(inputs.envelopes.at[pool, t]) + m.elastic_slack("short", pool, tl.label(t))
            if carry > 0:
                unspent = m.problem.add_variable(f"unspent_{pool}_{t}", lowBound=0)
                m.add(spend + unspent == envelope + carry * previous, "budget", pool, tl.label(t))
                previous = unspent
            else:
                m.add(spend <= envelope, "budget", pool, tl.label(t))


def define_capacity_constraints(m: PlanModel) -> None:
    r"""Per capacity pool q and period t: \sum_i use_iq running[i, t] <= limit_qt (go-live pools: start[i, t-d_i+1])."""
    inputs, tl = m.inputs, m.inputs.timeline
    for pool in inputs.capacity_usage.columns:
        users = [i for i in inputs.ids if float(inputs.capacity_usage.at[i, pool]) > 0]
        if not users:
            continue
        go_live = inputs.capacity_basis[pool] == "go_live"
        need = inputs.capacity_usage[pool].to_dict()
        for t in range(tl.periods):
            use = linear(
                (var, need[i] * a)
                for i in users
                for var, a in (m.start_terms(i, t - m.durations[i] + 1) if go_live else m.running_terms(i, t))
            )
            limit = inputs.capacity_limit(pool, t)
            m.add(use <= limit + m.elastic_slack("over", pool, tl.label(t)), "capacity", pool, tl.label(t))


def define_precedence_constraints(m: PlanModel) -> None:
    """Successor s waits for predecessor p; s is done only if p is.

    Cumulative: started[s, t] <= started[p, t - d_p - lag] (finish-to-start) or
    started[p, t - lag] (start-to-start), for every t in s's window: tight and disaggregated.
    Start-time tight: the same rows, with started[i, t] the sum of i's start binaries up to t.
    Start-time: selected[s] <= selected[p] and start_s >= finish_p + lag - M (1 - selected[s]).
    """
    for _did, dep in m.inputs.dependencies.iterrows():
        p, s, lag = str(dep["predecessor_id"]), str(dep["successor_id"]), int(dep["lag"])
        offset = lag + (int(m.inputs.initiatives.at[p, "duration"]) if dep["kind"] == "finish_to_start" else 0)
        if m.formulation == "start_time":
            _weak_precedence(m, p, s, offset)
            continue
        for t in m.window(s):
            m.add(m.started_by(s, t) <= m.started_by(p, t - offset), "precedence", p, s, t)


def _weak_precedence(m: PlanModel, p: str, s: str, offset: int) -> None:
    big_m = m.inputs.timeline.periods + offset
    start_s = pulp.lpSum(t * m.variables[s, t] for t in m.window(s))
    start_p = pulp.lpSum(t * m.variables[p, t] for t in m.window(p))
    m.add(m.selected(s) <= m.selected(p), "precedence-done", p, s)
    m.add(start_s >= start_p + offset - big_m * (1 - m.selected(s)), "precedence", p, s)


def define_alternative_constraints(m: PlanModel) -> None:
    """At most one option per alternative group; exactly one where the group is required."""
    for group, members in m.inputs.groups.items():
        chosen = pulp.lpSum(m.selected(i) for i in members)
        if group in m.inputs.required_groups:
            m.add(chosen + m.elastic_slack("miss-group", group, binary=True) == 1, "alternative", group)
        elif len(members) > 1:
            m.add(chosen <= 1, "alternative", group)


def define_nesting_constraints(m: PlanModel) -> None:
    """started[i, s_i] = 1 for every initiative that must start by period s_i (nested ladders)."""
    if m.inputs.stability is None:
        return
    for i, period in m.inputs.stability.must_start_by.items():
        m.add(m.started_by(i, period) == 1, "nesting", i)


def stability_penalty(m: PlanModel) -> Expr:
    """drop_penalty * (1 - selected[i]) + move_penalty * |start_i - baseline_i| over baseline initiatives."""
    stability = m.inputs.stability
    if stability is None or not (stability.drop_penalty or stability.move_penalty):
        return 0
    terms = []
    for i, base in stability.baseline.items():
        if i not in m.inputs.initiatives.index:
            continue
        selected = m.selected(i)
        terms.append(stability.drop_penalty * (1 - selected))
        if stability.move_penalty:
            start = pulp.lpSum(t * m.start(i, t) for t in m.window(i))
            moved = m.problem.add_variable(f"moved_{i}", lowBound=0)
            m.add(moved >= start - base * selected, "moved-later", i)
            m.add(moved >= base * selected - start, "moved-earlier", i)
            terms.append(stability.move_penalty * moved)
    return pulp.lpSum(terms)


def stability_cost(m: PlanModel, starts: Mapping[str, int]) -> float:
    """What :func:`stability_penalty` charges the plan with these ``starts`` (initiative -> period)."""
    stability = m.inputs.stability
    if stability is None:
        return 0.0
    kept = [(i, base) for i, base in stability.baseline.items() if i in m.inputs.initiatives.index]
    dropped = sum(stability.drop_penalty for i, _base in kept if i not in starts)
    moved = sum(stability.move_penalty * abs(starts[i] - base) for i, base in kept if i in starts)
    return float(dropped + moved)


def define_objective(m: PlanModel) -> None:
    """NPV (or discounted benefit): max sum_i,t value[i, t] start[i, t].

    Earliest completion: min makespan with makespan >= sum_t (t + d_i) start[i, t] for each target.
    """
    inputs = m.inputs
    if m.elastic:
        m.problem += pulp.lpSum((MISS_PRICE if key[0].startswith("miss") else 1.0) * v for key, v in m.slack.items())
        return
    if inputs.scenario.objective == "earliest_completion":
        m.makespan = m.problem.add_variable("makespan", lowBound=0)
        for i in inputs.targets:
            duration = int(inputs.initiatives.at[i, "duration"])
            finish = pulp.lpSum((t + duration) * m.start(i, t) for t in m.window(i))
            m.add(m.makespan >= finish, "makespan", i)
        m.problem += m.makespan + stability_penalty(m)
        return
    value = inputs.value.to_numpy(dtype=float)
    rows = {i: n for n, i in enumerate(inputs.ids)}
    gain = linear(
        (var, value[rows[i], t] * a) for i in inputs.ids for t in m.window(i) for var, a in m.start_terms(i, t)
    )
    m.problem += gain - stability_penalty(m)
