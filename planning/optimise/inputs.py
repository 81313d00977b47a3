"""Everything the optimiser, the plan checker and the heuristics need, as plain tables.

:func:`plan_inputs` turns a portfolio and a scenario into :class:`PlanInputs`: the
initiatives that are decisions, their start windows, costs per funding pool, envelopes
per period, capacity use, dependencies and the value of each possible start.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from planning.domain.capacity_limits import period_limits
from planning.domain.economics import benefit_present_value, cost_present_value, cost_profile, discount_factor
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.domain.timeline import Timeline
from planning.messages.phrases import phrase

DONE_BEFORE = ("completed",)
NOT_AVAILABLE = ("stopped",)


@dataclass(frozen=True)
class Stability:
    """Ties a new plan to an earlier one.

    ``must_start_by`` makes each named initiative part of the plan, starting no later than
    the period given (nested ambition ladders). ``baseline`` starts are kept where
    possible: each dropped initiative costs ``drop_penalty`` MNOK and each period a start
    moves costs ``move_penalty`` MNOK in the objective.
    """

    must_start_by: dict[str, int] = field(default_factory=dict)
    baseline: dict[str, int] = field(default_factory=dict)
    drop_penalty: float = 0.0
    move_penalty: float = 0.0


@dataclass
class PlanInputs:
    """The planning problem for one scenario, indexed by initiative id and period."""

    timeline: Timeline
    scenario: Scenario
    initiatives: pd.DataFrame
    """Decision initiatives: duration, earliest, latest_start, mandatory, started, locked,
    group, name, area, lead_region."""
    costs: dict[str, list[float]]
    """Cost in each period of execution, MNOK."""
    shares: pd.DataFrame
    """Cost share per initiative (rows) and funding pool (columns)."""
    envelopes: pd.DataFrame
    """MNOK available per funding pool (rows) and period (columns)."""
    capacity_limits: pd.Series
    """Each capacity pool's own limit (``capacity_pool.limit``)."""
    capacity_basis: pd.Series
    capacity_usage: pd.DataFrame
    """Use per initiative (rows) and capacity pool (columns)."""
    dependencies: pd.DataFrame
    """predecessor_id, successor_id, kind, lag among decision initiatives."""
    value: pd.DataFrame
    """Objective value of starting each initiative (rows) in each period (columns), MNOK."""
    benefit_pv: pd.DataFrame
    cost_pv: pd.DataFrame
    groups: dict[str, list[str]]
    required_groups: set[str]
    targets: list[str]
    excluded: dict[str, str] = field(default_factory=dict)
    """Initiatives outside the decision, with the reason (completed, stopped, forced out)."""
    stability: Stability | None = None
    capacity_period_limits: pd.DataFrame | None = None
    """Each capacity pool's limit (rows) in each period (columns): its own limit except where the
    ``capacity_limit`` table gives another (:func:`planning.domain.capacity_limits.period_limits`)."""
    impossible: dict[str, str] = field(default_factory=dict)
    """Required initiatives that cannot be done at all, with the reason (kept with an empty window)."""

    @property
    def ids(self) -> list[str]:
        return list(self.initiatives.index)

    def start_window(self, initiative: str) -> range:
        row = self.initiatives.loc[initiative]
        return range(int(row["earliest"]), int(row["latest_start"]) + 1)

    def capacity_limit(self, pool: str, period: int) -> float:
        """The limit of capacity pool ``pool`` in ``period``."""
        if self.capacity_period_limits is None:
            return float(self.capacity_limits[pool])
        return float(self.capacity_period_limits.at[pool, period])

    def spend_profile(self, initiative: str, pool: str) -> list[float]:
        """What ``pool`` pays in each period of ``initiative``'s execution, MNOK."""
        share = float(self.shares.at[initiative, pool])
        return [share * c for c in self.costs[initiative]]

    @cached_property
    def row_of(self) -> dict[str, int]:
        """Row number of each decision initiative in the matrices."""
        return {i: n for n, i in enumerate(self.ids)}

    @cached_property
    def predecessors(self) -> dict[str, list[tuple[str, int]]]:
        """Per successor, its predecessors and how many periods after each one's start it may start."""
        found: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for p, s, kind, lag in self.dependencies[["predecessor_id", "successor_id", "kind", "lag"]].itertuples(
            index=False
        ):
            duration = int(self.initiatives.at[str(p), "duration"]) if kind == "finish_to_start" else 0
            found[str(s)].append((str(p), int(lag) + duration))
        return dict(found)

    @cached_property
    def share_matrix(self) -> np.ndarray:
        """Cost shares as an array: initiatives (rows) by funding pools in envelope order."""
        return self.shares.reindex(columns=self.envelopes.index, fill_value=0.0).to_numpy(dtype=float)


def resolve_scenario(portfolio: Portfolio, scenario: Scenario | str | None) -> Scenario:
    """The scenario by name from the portfolio, the one given, or the defaults."""
    if isinstance(scenario, Scenario):
        return scenario
    if scenario is None:
        return Scenario.model_validate({"id": "default"})
    if scenario not in portfolio.scenarios.index:
        known = tuple(map(str, portfolio.scenarios.index)) or phrase("none_stored")
        raise KeyError(phrase("unknown_scenario", scenario=scenario, known=known))
    row = portfolio.scenarios.loc[scenario]
    return Scenario.model_validate({"id": scenario, **row.to_dict()})


def plan_inputs(
    portfolio: Portfolio, scenario: Scenario | str | None = None, stability: Stability | None = None
) -> PlanInputs:
    """Build the planning problem of ``portfolio`` under ``scenario``."""
    sc = resolve_scenario(portfolio, scenario)
    base = portfolio.timeline
    timeline = Timeline(base.first_year, min(sc.periods or base.periods, base.periods), base.period_length)
    table, excluded, impossible = _decision_initiatives(portfolio, sc, timeline)
    groups, required = _alternative_groups(portfolio, table)
    targets = _targets(sc, table)
    ids = list(table.index)
    costs = {
        i: cost_profile(int(r["duration"]), r["total_cost"], r["cost_profile"])
        for i, r in portfolio.initiatives.loc[ids].iterrows()
    }
    benefit_pv, cost_pv = _values(portfolio, sc, timeline, table, costs)
    value = _objective_value(portfolio, sc, table, benefit_pv, cost_pv)
    deps = portfolio.dependencies
    deps = deps[deps["predecessor_id"].isin(ids) & deps["successor_id"].isin(ids)].copy()
    return PlanInputs(
        timeline=timeline,
        scenario=sc,
        initiatives=table,
        costs=costs,
        shares=cost_shares(portfolio, ids),
        envelopes=envelopes(portfolio, sc, timeline),
        capacity_limits=portfolio.capacity_pools["limit"].astype(float),
        capacity_period_limits=period_limits(portfolio, timeline),
        capacity_basis=portfolio.capacity_pools["basis"].astype(str),
        capacity_usage=_capacity_usage(portfolio, ids),
        dependencies=deps,
        value=value,
        benefit_pv=benefit_pv,
        cost_pv=cost_pv,
        groups=groups,
        required_groups=required,
        targets=targets,
        excluded=excluded,
        impossible=impossible,
        stability=stability,
    )


def _alternative_groups(portfolio: Portfolio, table: pd.DataFrame) -> tuple[dict[str, list[str]], set[str]]:
    """Decision options per group, and the required groups not already met by a completed option."""
    groups: dict[str, list[str]] = {str(g): [] for g in portfolio.alternative_groups.index}
    for i, group in table["group"].items():
        if group is not None:
            groups.setdefault(str(group), []).append(str(i))
    flagged = portfolio.alternative_groups["required"].astype(bool)
    done = portfolio.initiatives[portfolio.initiatives["status"].isin(DONE_BEFORE)]["alternative_group_id"]
    required = {str(g) for g in portfolio.alternative_groups.index[flagged] if g not in set(done.dropna())}
    return groups, required


TABLE_COLUMNS = [
    "name", "area", "lead_region", "status", "duration", "earliest", "latest_start", "window_earliest",
    "latest_finish", "mandatory", "started", "locked", "group", "obligation",
]  # fmt: skip


def _decision_initiatives(
    portfolio: Portfolio, sc: Scenario, timeline: Timeline
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """Initiatives the plan decides on, with their start windows.

    Returns the table, the initiatives left outside with the reason, and the required
    initiatives that cannot be done at all (kept with an empty window, so the scenario
    comes back infeasible and diagnosed instead of silently dropping them).
    """
    excluded: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    for iid, r in portfolio.initiatives.iterrows():
        i = str(iid)
        if r["status"] in DONE_BEFORE:
            excluded[i] = phrase("completed")
        elif r["status"] in NOT_AVAILABLE:
            excluded[i] = phrase("stopped")
        elif i in sc.forced_out:
            excluded[i] = phrase("forced_out")
        else:
            rows[i] = _window_row(r, i, sc, timeline)
    impossible: dict[str, str] = {}
    for i, reason in _blocked(portfolio, excluded).items():
        if i in rows and (rows[i]["mandatory"] or rows[i]["obligation"]):
            rows[i]["latest_start"] = rows[i]["earliest"] - 1
            impossible[i] = reason
        else:
            rows.pop(i, None)
            excluded[i] = reason
    table = pd.DataFrame.from_dict(rows, orient="index") if rows else pd.DataFrame(columns=TABLE_COLUMNS)
    table.index.name = "id"
    for name in ("locked", "group"):
        table[name] = table[name].astype(object).where(table[name].notna(), None)
    return table, excluded, impossible


def _window_row(r: pd.Series, i: str, sc: Scenario, timeline: Timeline) -> dict[str, Any]:
    """Start window [earliest, latest_start]; the data's own window is kept for the plan checker.

    A started initiative continues in period 0; a locked start narrows the window to that
    period, but never past the latest finish or the horizon (the window is then empty).
    """
    duration = int(r["duration"])
    started = r["status"] == "started"
    window_earliest = 0 if r["earliest_start"] is None else max(0, timeline.index(r["earliest_start"]))
    latest_finish = timeline.periods - 1
    if r["latest_finish"] is not None:
        latest_finish = min(latest_finish, timeline.index(r["latest_finish"], end=True))
    earliest = 0 if started else window_earliest
    latest_start = 0 if started else latest_finish - duration + 1
    locked = None if sc.locked_starts.get(i) is None else timeline.index(sc.locked_starts[i])
    if locked is not None:
        earliest, latest_start = locked, min(locked, latest_finish - duration + 1)
    return {
        "name": r["name"],
        "area": r["area"],
        "lead_region": r["lead_region"],
        "status": r["status"],
        "duration": duration,
        "earliest": earliest,
        "latest_start": latest_start,
        "window_earliest": window_earliest,
        "latest_finish": latest_finish,
        "mandatory": bool(r["mandatory"]) or i in sc.forced_in or locked is not None,
        "started": started and not sc.allow_stopping_started,
        "locked": locked,
        "group": r["alternative_group_id"],
        "obligation": kept_obligation(r, sc),
    }


def kept_obligation(initiative: pd.Series, sc: Scenario) -> str:
    """``statutory`` or ``equity`` when ``initiative`` is such an obligation and scenario ``sc`` keeps
    obligations in the plan; else empty (no obligation, or released)."""
    kind = str(initiative.get("obligation", "none") or "none")
    return "" if kind == "none" or sc.release_obligations else kind


def must_be_in(table: pd.DataFrame) -> pd.Series:
    """Which decision initiatives every plan must hold: mandatory (or forced in, or locked), started, or a
    kept obligation (:func:`kept_obligation`)."""
    found = table["mandatory"].astype(bool) | table["started"].astype(bool)
    return found | table["obligation"].astype(bool) if "obligation" in table.columns else found


def _blocked(portfolio: Portfolio, excluded: dict[str, str]) -> dict[str, str]:
    """Initiatives that wait, directly or not, on a stopped or forced-out initiative."""
    graph = nx.DiGraph()
    graph.add_edges_from(
        zip(portfolio.dependencies["predecessor_id"], portfolio.dependencies["successor_id"], strict=True)
    )
    blocked: dict[str, str] = {}
    for i, reason in excluded.items():
        if reason == phrase("completed") or i not in graph:
            continue
        for successor in nx.descendants(graph, i):
            blocked.setdefault(str(successor), phrase("waits_for_excluded", predecessor=i, reason=reason))
    return blocked


def cost_shares(portfolio: Portfolio, ids: list[str]) -> pd.DataFrame:
    """Share of each initiative's cost paid by each funding pool, by its cost-sharing key."""
    pools = list(portfolio.funding_pools.index)
    population = portfolio.funding_pools["population_share"]
    shares = pd.DataFrame(0.0, index=pd.Index(ids, name="id"), columns=pools)
    for i in ids:
        r = portfolio.initiatives.loc[i]
        payers = list(dict.fromkeys([r["lead_region"], *r["participating_regions"]]))
        key = r["cost_sharing"]
        if key == "custom":
            for pool, share in r["custom_shares"].items():
                shares.at[i, pool] = float(share)
        elif key == "lead":
            shares.at[i, r["lead_region"]] = 1.0
        elif key == "equal":
            for pool in payers:
                shares.at[i, pool] = 1.0 / len(payers)
        else:
            weights = population.loc[payers].astype(float)
            for pool, weight in weights.items():
                shares.at[i, str(pool)] = float(weight) / float(weights.sum())
    return shares


def reference_level(portfolio: Portfolio) -> str | None:
    """The ambition level with factor 1 and the lowest rank (the envelopes' reference)."""
    levels = portfolio.ambition_levels
    reference = levels[levels["factor"] == 1].sort_values("rank")
    return str(reference.index[0]) if len(reference) else None


def envelopes(portfolio: Portfolio, sc: Scenario, timeline: Timeline) -> pd.DataFrame:
    """MNOK available to each funding pool in each period under the scenario.

    The pool's ambition level gives its yearly envelope: an explicit envelope row for
    that level, else the reference level's envelope times the level's factor. The
    scenario's budget factor scales it, and its overrides replace it. Finer periods share
    the year's envelope evenly.
    """
    reference = reference_level(portfolio)
    amounts: dict[tuple[str, int, str], float] = defaultdict(float)
    for row in portfolio.envelopes.itertuples():
        amounts[(str(row.funding_pool_id), int(row.year), str(row.ambition_level_id))] += float(row.amount)
    factors = portfolio.ambition_levels["factor"].astype(float).to_dict()
    out = pd.DataFrame(0.0, index=pd.Index(portfolio.funding_pools.index, name="pool"), columns=range(timeline.periods))
    for pool in out.index:
        level = sc.ambition.get(str(pool), reference)
        for t in range(timeline.periods):
            year = timeline.year_of(t)
            key = (str(pool), year, str(level))
            amount = (
                amounts[key]
                if key in amounts
                else amounts.get((str(pool), year, str(reference)), 0.0) * float(factors.get(level, 1.0))
            )
            amount = float(sc.envelope_overrides.get(f"{pool}/{year}", amount * sc.budget_factor))
            out.at[pool, t] = amount / timeline.per_year
    return out


def _capacity_usage(portfolio: Portfolio, ids: list[str]) -> pd.DataFrame:
    usage = pd.DataFrame(0.0, index=pd.Index(ids, name="id"), columns=list(portfolio.capacity_pools.index))
    for i in ids:
        for pool, amount in portfolio.initiatives.at[i, "capacity_usage"].items():
            usage.at[i, pool] = float(amount)
    return usage


def _values(
    portfolio: Portfolio, sc: Scenario, timeline: Timeline, table: pd.DataFrame, costs: dict[str, list[float]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Discounted benefit and cost of starting each initiative in each period.

    Starting ``t`` periods later discounts both by (1 + r)^(-t / periods per year).
    """
    rate, per_year = sc.discount_rate, timeline.per_year
    later = np.array([discount_factor(t / per_year, rate) for t in range(timeline.periods)])
    monetised = portfolio.benefits[portfolio.benefits["monetised"].astype(bool)]
    by_initiative = {str(k): rows for k, rows in monetised.groupby("initiative_id")}
    benefit_now, cost_now = [], []
    for i in table.index:
        go_live = int(table.at[i, "duration"]) / per_year
        mine = by_initiative.get(str(i))
        benefit_now.append(
            0.0
            if mine is None
            else sum(
                benefit_present_value(
                    annual_value=float(b["annual_value"]),
                    ramp_up=b["ramp_up"],
                    lag=int(b["lag"]),
                    lifetime=int(b["lifetime"]),
                    go_live_years=go_live,
                    rate=rate,
                )
                for _, b in mine.iterrows()
            )
        )
        cost_now.append(cost_present_value(costs[str(i)], 0, per_year, rate))
    columns = pd.RangeIndex(timeline.periods)
    benefit = pd.DataFrame(np.outer(benefit_now, later), index=table.index, columns=columns)
    cost = pd.DataFrame(np.outer(cost_now, later), index=table.index, columns=columns)
    return benefit, cost


def _objective_value(
    portfolio: Portfolio, sc: Scenario, table: pd.DataFrame, benefit: pd.DataFrame, cost: pd.DataFrame
) -> pd.DataFrame:
    scores = pd.Series(
        {i: float(sum(portfolio.initiatives.at[i, "scores"].values())) for i in table.index}, dtype=float
    )
    bonus = sc.score_weight * scores.reindex(table.index).fillna(0.0)
    base = benefit if sc.objective == "benefit" else benefit - cost
    return base.add(bonus, axis=0)


def _targets(sc: Scenario, table: pd.DataFrame) -> list[str]:
    if sc.completion_targets:
        return [i for i in sc.completion_targets if i in table.index]
    must = table[must_be_in(table)]
    return list(must.index) if len(must) else list(table.index)


def input_hash(portfolio: Portfolio, sc: Scenario) -> str:
    """A stable hash of everything a plan depends on."""
    payload = {
        t: portfolio.records(t)
        for t in (
            "funding_pool",
            "horizon",
            "ambition_level",
            "envelope",
            "capacity_pool",
            "alternative_group",
            "initiative",
            "dependency",
            "benefit",
        )
    }
    if len(portfolio.capacity_limits):  # only then, so that plans stored before the table keep their hash
        payload["capacity_limit"] = portfolio.records("capacity_limit")
    payload["scenario"] = [sc.model_dump()]
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def spend_matrix(inputs: PlanInputs, starts: dict[str, int]) -> pd.DataFrame:
    """MNOK spent by each funding pool (rows) in each period (columns) for the given starts."""
    spend = np.zeros((len(inputs.envelopes.index), inputs.timeline.periods))
    for i, start in starts.items():
        shares = inputs.share_matrix[inputs.row_of[i]]
        for k, c in enumerate(inputs.costs[i]):
            if 0 <= start + k < inputs.timeline.periods:
                spend[:, start + k] += c * shares
    return pd.DataFrame(spend, index=inputs.envelopes.index, columns=inputs.envelopes.columns)
