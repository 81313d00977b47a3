"""The spreadsheet baseline: a benefit/cost ranking with dependency-aware list scheduling.

What a planner does by hand, and what several commercial portfolio tools do: rank the
candidates, then walk down the list and put each one at the earliest period where it
fits. The app shows the curve such a ranking gives next to the optimiser's; the
benchmark measures the NPV the optimiser gains over it.

Rules, in order:

1. Required initiatives first: started ones (at period 0), mandatory, forced-in and locked
   ones, and under the earliest-completion objective the completion targets, each with
   every initiative it waits for. They are list-scheduled by priority among those whose
   predecessors are placed (a serial schedule-generation scheme): the earliest deadline
   first (the latest start that leaves room for the required initiatives waiting on it),
   then the ranking.
2. Required alternative groups without a chosen option: the best-ranked option that fits,
   together with the initiatives it waits for.
3. Under the NPV and benefit objectives, the other candidates in rank order, each with the
   unplaced initiatives it waits for; the bundle is kept only when all of it fits and its
   value at the periods found is positive.

Ranking: discounted benefit (plus score bonus) over discounted cost at the earliest start
(NPV and benefit objectives); for earliest completion, the longest path from the start of
an initiative to the end of everything after it (ties: earliest possible start).

A *guided* variant (:func:`guided_plan`) takes its ranking and preferred start periods from
an LP relaxation (:mod:`planning.optimise.guided`): the optimiser's better starting plan on
large portfolios; the baseline stays the plain ranking.

Every placement keeps start windows, finish-to-start and start-to-start dependencies with
their lags, the envelope of every funding pool in every period, every capacity pool
(execution and go-live bases) and at most one option per alternative group.
Carry-over of unspent budget is ignored: each period's spend stays within that period's
envelope, which is stricter, so the plan is feasible with any carry-over fraction.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import networkx as nx
import numpy as np

from planning.optimise.inputs import PlanInputs, must_be_in
from planning.optimise.timing import earliest_starts

TOLERANCE = 1e-9
"""Slack allowed on budgets and capacities, in MNOK or capacity units."""
Needs = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Pool rows, period offsets from the start, and amounts of an initiative's positive needs."""
RankKey = Callable[[str], tuple[float, float, str]]
PRIORITY_RULES = ("tail", "latest_finish", "successors")
"""Priority rules :func:`shortest_schedule` tries; it keeps the shortest schedule."""
NOISE = 1.0
"""How far a sampled priority may stray from the ``tail`` rule's, as a share of it: 1.0 draws
it between 0 and twice the rule's (on ten hard PSPLIB J30 instances, 2 s of sampling left
the makespans 24 periods above the optima in all at 1.0, 39 at 0.3; one-off run, 2026-11-26)."""
STALL = 60
"""Sampled schedules without a shorter one after which sampling stops: on ten hard J30
instances, 2 s of sampling came within 26 periods of the optima in all with 200, 27 with 60
and 35 with 30, taking 21.5, 13.9 and 7.9 s in all (one-off runs, 2026-11-26); on the easy
ones, which HiGHS proves in a fraction of a second, sampling stops after about 0.7 s with 60."""


class NoGreedyPlan(ValueError):
    """A required initiative (started, mandatory, forced-in, locked, a target) does not fit."""


def greedy_plan(inputs: PlanInputs) -> dict[str, int]:
    """Start period of each initiative the ranking selects; never infeasible.

    Raises
    ------
    NoGreedyPlan
        When a required initiative, or an option of a required alternative group, cannot
        be placed; the scenario may still be feasible for the optimiser.
    """
    return _plan(inputs, completion=inputs.scenario.objective == "earliest_completion")


@dataclass(frozen=True)
class Guide:
    """Where an LP relaxation puts each initiative."""

    weight: dict[str, float]
    """How much of the initiative the LP selects (0 to 1): candidates are ranked by it, highest first."""
    not_before: dict[str, int]
    """The period from which to look for a start; the window's first period when nothing fits from there."""


def guided_plan(inputs: PlanInputs, guide: Guide) -> dict[str, int]:
    """Like :func:`greedy_plan`, with candidates ranked by ``guide.weight`` (ties: benefit/cost)
    and each, required ones too, placed from ``guide.not_before`` on.

    Raises
    ------
    NoGreedyPlan
        As :func:`greedy_plan`.
    """
    return _plan(inputs, completion=False, guide=guide)


def shortest_schedule(inputs: PlanInputs, seconds: float = 0.0, *, seed: int = 0) -> dict[str, int] | None:
    """The greedy earliest-completion schedule with the shortest makespan, or ``None`` when all fail.

    One serial schedule per rule of :data:`PRIORITY_RULES`, then, for up to ``seconds``, more
    with the ``tail`` priorities randomly perturbed (biased random sampling); each schedule is
    improved by :func:`justify`. Sampling stops early at the critical path's length, which no
    schedule can beat, and after :data:`STALL` schedules without a shorter one. The optimiser
    starts from the shortest, and may cap the targets' latest finish at its makespan: every
    cap keeps this schedule feasible.
    """
    ends = time.perf_counter() + seconds
    empty = Schedule.of(inputs)
    floor = critical_path(inputs)
    rng = random.Random(seed)
    best: tuple[int, dict[str, int]] | None = None
    rules: list[str | None] = list(PRIORITY_RULES)
    since_better = 0
    while rules or (time.perf_counter() < ends and since_better < STALL):
        rule = rules.pop(0) if rules else None
        noise = None if rule else rng
        try:
            plan = _plan(inputs, completion=True, rule=rule or "tail", noise=noise, schedule=empty.blank())
        except NoGreedyPlan:
            if rule:
                continue
            break  # the plain rules failed the same way: sampling will not do better
        starts = justify(empty, plan)
        makespan = schedule_makespan(inputs, starts)
        since_better += 1
        if makespan is not None and (best is None or makespan < best[0]):
            best, since_better = (makespan, starts), 0
            if makespan <= floor:
                break
    return None if best is None else best[1]


def critical_path(inputs: PlanInputs) -> int:
    """The makespan of the targets without budgets or capacities: no schedule is shorter."""
    first = earliest_starts(inputs).start
    durations = inputs.initiatives["duration"]
    return max((first[i] + int(durations[i]) for i in inputs.targets if i in first), default=0)


def justify(empty: Schedule, starts: dict[str, int]) -> dict[str, int]:
    """Double justification of an earliest-completion schedule: never longer, often shorter.

    First every initiative, latest finish first, moves as late as it fits without delaying
    the makespan or what waits on it; then every one, earliest start first, as early as it
    fits. Each move keeps every budget, capacity, window and dependency, since an
    initiative can always stay where it is. Started initiatives stay in period 0.
    (Valls, Ballestín and Quintanilla, 2005: justification for resource-constrained project
    scheduling.)
    """
    makespan = schedule_makespan(empty.inputs, starts)
    if makespan is None:
        return dict(starts)
    schedule = empty.blank()
    for i, t in starts.items():
        schedule.place(i, t)
    targets = set(empty.inputs.targets)
    movable = [i for i in starts if i not in schedule.started]
    for i in sorted(movable, key=lambda i: (-(schedule.starts[i] + schedule.duration[i]), i)):
        latest = min(
            [schedule.window[i].stop - 1]
            + [schedule.starts[s] - offset for s, offset in schedule.successors[i] if s in schedule.starts]
            + ([makespan - schedule.duration[i]] if i in targets else [])
        )
        schedule.move(i, range(latest, schedule.starts[i], -1))
    for i in sorted(movable, key=lambda i: (schedule.starts[i], i)):
        earliest = max(
            [schedule.window[i].start]
            + [schedule.starts[p] + offset for p, offset in schedule.predecessors[i] if p in schedule.starts]
        )
        schedule.move(i, range(earliest, schedule.starts[i]))
    return dict(schedule.starts)


def schedule_makespan(inputs: PlanInputs, starts: dict[str, int]) -> int | None:
    """``max over placed targets of start + duration`` (the model's ``makespan``), ``None`` without targets."""
    durations = inputs.initiatives["duration"]
    finishes = [starts[i] + int(durations[i]) for i in inputs.targets if i in starts]
    return max(finishes) if finishes else None


def _plan(
    inputs: PlanInputs,
    *,
    completion: bool,
    rule: str = "tail",
    guide: Guide | None = None,
    noise: random.Random | None = None,
    schedule: Schedule | None = None,
) -> dict[str, int]:
    schedule = schedule or Schedule.of(inputs)
    key = completion_key(schedule, rule, noise) if completion else ratio_key(inputs)
    if guide is not None:
        key = guided_key(key, guide)
        schedule.not_before = guide.not_before
    required = _required(inputs, schedule.graph, completion=completion)
    if completion:
        _list_schedule(schedule, required, lambda i: (0.0 if i in schedule.started else 1.0, *key(i)[:2], i))
    else:  # deadlines first: the latest start that lets everything after it keep its window, then the ranking
        latest = latest_starts(inputs, schedule, required)
        _list_schedule(schedule, required, lambda i: (0.0 if i in schedule.started else 1.0, latest[i], *key(i)[::2]))
    for group, members in sorted(inputs.groups.items()):
        if group not in inputs.required_groups or any(m in schedule.starts for m in members):
            continue
        if not any(schedule.try_bundle(m, keep_if_worthless=True) for m in sorted(members, key=key)):
            raise NoGreedyPlan(f"no option of required alternative group '{group}' fits")
    if not completion:
        worth = {
            i: float(inputs.value.at[i, inputs.start_window(i).start]) for i in inputs.ids if inputs.start_window(i)
        }
        for i in sorted((i for i, w in worth.items() if w > 0), key=key):
            if i not in schedule.starts:
                schedule.try_bundle(i, keep_if_worthless=False)
    return dict(schedule.starts)


def _required(inputs: PlanInputs, graph: nx.DiGraph, *, completion: bool) -> set[str]:
    table = inputs.initiatives
    flagged = must_be_in(table)
    must = {i for i in inputs.ids if bool(flagged[i])}
    if completion:
        must |= set(inputs.targets)
    for i in list(must):
        must |= nx.ancestors(graph, i)
    return must


def latest_starts(inputs: PlanInputs, schedule: Schedule, nodes: set[str]) -> dict[str, float]:
    """Latest start of each of ``nodes`` that leaves room for the ``nodes`` waiting on it (backward pass)."""
    latest: dict[str, float] = {}
    for i in reversed(list(nx.topological_sort(schedule.graph))):
        if i in nodes:
            after = [latest[s] - offset for s, offset in schedule.successors[i] if s in nodes]
            latest[i] = min([float(inputs.initiatives.at[i, "latest_start"]), *after])
    return latest


def ratio_key(inputs: PlanInputs) -> RankKey:
    """Rank by (discounted benefit + score bonus) / discounted cost at the earliest start."""
    npv = inputs.scenario.objective == "npv"

    def key(i: str) -> tuple[float, float, str]:
        window = inputs.start_window(i)
        if not window:
            return (math.inf, math.inf, i)
        value = float(inputs.value.at[i, window.start])
        cost = float(inputs.cost_pv.at[i, window.start])
        worth = value + cost if npv else value
        ratio = worth / cost if cost > TOLERANCE else (math.inf if worth > 0 else 0.0)
        return (-ratio, -value, i)

    return key


def guided_key(key: RankKey, guide: Guide) -> RankKey:
    """Rank by the LP's selected share, highest first; ties by ``key``."""
    return lambda i: (-guide.weight.get(i, 0.0), key(i)[0], i)


def completion_key(schedule: Schedule, rule: str = "tail", noise: random.Random | None = None) -> RankKey:
    """Priority for the earliest-completion schedule, largest first.

    ``tail``: the longest path from the initiative's start to the end of everything after
    it; ``latest_finish``: that path less the initiative's own duration (the latest finish
    rule); ``successors``: how many initiatives wait on it, directly or not. Ties go to the
    longer tail, then to the earlier window. With ``noise``, each priority is multiplied by
    a random factor within :data:`NOISE` of 1 (biased random sampling).
    """
    tail: dict[str, int] = {}
    for i in reversed(list(nx.topological_sort(schedule.graph))):
        after = [offset + tail[s] for s, offset in schedule.successors[i]]
        tail[i] = max([schedule.duration[i], *after])
    if rule == "tail":
        first = {i: float(t) for i, t in tail.items()}
    elif rule == "latest_finish":
        first = {i: float(t - schedule.duration[i]) for i, t in tail.items()}
    else:
        first = {i: float(len(nx.descendants(schedule.graph, i))) for i in tail}
    if noise is not None:
        first = {i: value * noise.uniform(1 - NOISE, 1 + NOISE) for i, value in first.items()}
    return lambda i: (-first[i], -float(tail[i]) + 1e-3 * schedule.window[i].start, i)


def _list_schedule(schedule: Schedule, nodes: set[str], key: Callable[[str], tuple[float, float, float, str]]) -> None:
    """Serial schedule generation: place the best-keyed node whose predecessors are placed."""
    waiting = {i: sum(p in nodes and p not in schedule.starts for p, _ in schedule.predecessors[i]) for i in nodes}
    heap = [(key(i), i) for i, n in waiting.items() if n == 0 and i not in schedule.starts]
    heapq.heapify(heap)
    while heap:
        _, i = heapq.heappop(heap)
        t = schedule.earliest_start(i)
        if t is None:
            raise NoGreedyPlan(f"required initiative '{i}' does not fit in its window, budgets and capacities")
        schedule.place(i, t)
        for s, _ in schedule.successors[i]:
            if s in waiting:
                waiting[s] -= 1
                if waiting[s] == 0 and s not in schedule.starts:
                    heapq.heappush(heap, (key(s), s))
    missing = sorted(nodes - set(schedule.starts))
    if missing:
        raise NoGreedyPlan(f"required initiatives wait for something outside the plan: {', '.join(missing[:5])}")


@dataclass
class Schedule:
    """Starts placed so far and what is left of every budget and capacity."""

    inputs: PlanInputs
    graph: nx.DiGraph
    predecessors: dict[str, list[tuple[str, int]]]
    """(predecessor, least start-to-start distance) per initiative."""
    successors: dict[str, list[tuple[str, int]]]
    budget: np.ndarray
    """MNOK left per funding pool (rows) and period (columns)."""
    capacity: np.ndarray
    """Capacity left per capacity pool (rows) and period (columns)."""
    capacity_limits: np.ndarray
    """Capacity of each capacity pool (rows) in each period (columns)."""
    spend: dict[str, Needs]
    """Spend per funding pool and period of execution, where positive."""
    use: dict[str, Needs]
    """Capacity use per capacity pool and period of execution, where positive."""
    group_of: dict[str, str]
    order: dict[str, int]
    duration: dict[str, int]
    window: dict[str, range]
    started: set[str]
    starts: dict[str, int] = field(default_factory=dict)
    not_before: dict[str, int] = field(default_factory=dict)
    """Preferred first period per initiative (guided plans); earlier periods only when nothing fits from it."""

    @classmethod
    def of(cls, inputs: PlanInputs) -> Schedule:
        graph = nx.DiGraph()
        graph.add_nodes_from(inputs.ids)
        predecessors: dict[str, list[tuple[str, int]]] = {i: [] for i in inputs.ids}
        successors: dict[str, list[tuple[str, int]]] = {i: [] for i in inputs.ids}
        durations = inputs.initiatives["duration"]
        for _, dep in inputs.dependencies.iterrows():
            p, s = str(dep["predecessor_id"]), str(dep["successor_id"])
            offset = int(dep["lag"]) + (int(durations[p]) if dep["kind"] == "finish_to_start" else 0)
            graph.add_edge(p, s)
            predecessors[s].append((p, offset))
            successors[p].append((s, offset))
        pools = list(inputs.envelopes.index)
        shares = inputs.shares.reindex(columns=pools, fill_value=0.0)
        spend = {i: _needs(np.outer(shares.loc[i].to_numpy(dtype=float), inputs.costs[i])) for i in inputs.ids}
        use = {i: _needs(_capacity_use(inputs, i)) for i in inputs.ids}
        pools_in_use = list(inputs.capacity_usage.columns)
        periods = range(inputs.timeline.periods)
        limits = np.array([[inputs.capacity_limit(q, t) for t in periods] for q in pools_in_use], dtype=float)
        limits = limits.reshape(len(pools_in_use), len(periods))
        return cls(
            inputs=inputs,
            graph=graph,
            predecessors=predecessors,
            successors=successors,
            budget=inputs.envelopes.to_numpy(dtype=float).copy(),
            capacity=limits.copy(),
            capacity_limits=limits,
            spend=spend,
            use=use,
            group_of={m: g for g, members in inputs.groups.items() for m in members},
            order={i: n for n, i in enumerate(nx.lexicographical_topological_sort(graph))},
            duration={i: int(d) for i, d in durations.items()},
            window={i: inputs.start_window(i) for i in inputs.ids},
            started={i for i, s in inputs.initiatives["started"].items() if bool(s)},
        )

    def blank(self) -> Schedule:
        """The same portfolio with nothing placed: every budget and capacity whole again."""
        return replace(
            self,
            budget=self.inputs.envelopes.to_numpy(dtype=float).copy(),
            capacity=self.capacity_limits.copy(),
            starts={},
            not_before={},
        )

    def earliest_start(self, i: str) -> int | None:
        """The first period of ``i``'s window where it fits, or ``None``."""
        group = self.group_of.get(i)
        if group is not None and any(self.group_of.get(j) == group for j in self.starts):
            return None
        first = self.window[i].start
        for p, offset in self.predecessors[i]:
            if p not in self.starts:
                return None
            first = max(first, self.starts[p] + offset)
        preferred = max(first, self.not_before.get(i, first))
        found = self.first_fit(i, range(preferred, self.window[i].stop))
        if found is None and preferred > first:
            found = self.first_fit(i, range(first, preferred))
        return found

    def first_fit(self, i: str, periods: range) -> int | None:
        """The first of ``periods`` (in their order) where ``i`` fits every budget and capacity left."""
        at = np.arange(periods.start, periods.stop, periods.step)
        fits = np.ones(len(at), dtype=bool)
        for left, (rows, cols, amounts) in ((self.budget, self.spend[i]), (self.capacity, self.use[i])):
            columns = at[:, None] + cols[None, :]
            inside = columns < left.shape[1]
            short = left[rows[None, :], np.minimum(columns, left.shape[1] - 1)] - amounts[None, :] < -TOLERANCE
            fits &= ~(short & inside).any(axis=1)
        found = np.flatnonzero(fits)
        return int(at[found[0]]) if found.size else None

    def move(self, i: str, periods: range) -> None:
        """Move ``i`` to the first of ``periods`` where it fits; it stays where it is if none."""
        now = self.starts[i]
        self.remove(i)
        found = self.first_fit(i, periods)
        self.place(i, now if found is None else found)

    def place(self, i: str, t: int) -> None:
        self._charge(i, t, 1.0)
        self.starts[i] = t

    def remove(self, i: str) -> None:
        self._charge(i, self.starts.pop(i), -1.0)

    def _charge(self, i: str, t: int, sign: float) -> None:
        for left, (rows, cols, amounts) in ((self.budget, self.spend[i]), (self.capacity, self.use[i])):
            if rows.size:  # a portfolio without capacity pools has a read-only empty table
                inside = t + cols < left.shape[1]
                left[rows[inside], t + cols[inside]] -= sign * amounts[inside]

    def try_bundle(self, i: str, *, keep_if_worthless: bool) -> bool:
        """Place ``i`` with every unplaced initiative it waits for, all or nothing."""
        bundle = sorted((nx.ancestors(self.graph, i) | {i}) - set(self.starts), key=self.order.__getitem__)
        placed: list[str] = []
        for j in bundle:
            t = self.earliest_start(j)
            if t is None:
                break
            self.place(j, t)
            placed.append(j)
        value = sum(float(self.inputs.value.at[j, self.starts[j]]) for j in placed)
        if len(placed) == len(bundle) and (keep_if_worthless or value > TOLERANCE):
            return True
        for j in reversed(placed):
            self.remove(j)
        return False


def _needs(need: np.ndarray) -> Needs:
    """The pool rows, period offsets and amounts where ``need`` is positive."""
    rows, cols = np.nonzero(need > 0)
    return rows, cols, need[rows, cols]


def _capacity_use(inputs: PlanInputs, i: str) -> np.ndarray:
    duration = int(inputs.initiatives.at[i, "duration"])
    use = np.zeros((len(inputs.capacity_usage.columns), duration))
    for row, pool in enumerate(inputs.capacity_usage.columns):
        amount = float(inputs.capacity_usage.at[i, pool])
        if inputs.capacity_basis[pool] == "go_live":
            use[row, duration - 1] = amount
        else:
            use[row, :] = amount
    return use
