"""Cross-table validation: one call returns every problem at once.

Row-level checks (types, ranges, allowed values) run in :mod:`planning.loading` through
the models; the ``check_*`` functions here look across rows and tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import pandas as pd

from planning.graph import dependency_graph, find_cycles, name_cycle
from planning.portfolio import Portfolio
from planning.problems import Problem
from planning.timeline import Timeline

SHARE_TOLERANCE = 1e-6
MAX_CYCLES_REPORTED = 10


def validate(portfolio: Portfolio) -> list[Problem]:
    """Every problem in ``portfolio``, errors and warnings, each naming table, row and field."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(portfolio)
    return problems


def check_horizon(p: Portfolio) -> list[Problem]:
    if len(p.horizon) == 1:
        return []
    return [
        Problem(
            "horizon",
            "default",
            "-",
            f"the horizon needs exactly one row, found {len(p.horizon)}",
            "keep one row with first_year, periods and period_length",
        )
    ]


def _unknown(table: str, row: str, field: str, value: Any, known: Iterable[str], what: str) -> list[Problem]:
    known_set = set(known)
    if value is None or value in known_set:
        return []
    hint = ", ".join(sorted(known_set)[:12])
    return [
        Problem(
            table, row, field, f"unknown {what} '{value}'", f"use one of: {hint}" if hint else f"add the {what} first"
        )
    ]


def check_references(p: Portfolio) -> list[Problem]:
    """Every id that points at another table names a row that exists."""
    pools, inits = list(p.funding_pools.index), list(p.initiatives.index)
    out: list[Problem] = []
    for iid, row in p.initiatives.iterrows():
        rid = str(iid)
        out += _unknown("initiative", rid, "lead_region", row["lead_region"], pools, "funding pool")
        for region in row["participating_regions"]:
            out += _unknown("initiative", rid, "participating_regions", region, pools, "funding pool")
        for pool in row["custom_shares"]:
            out += _unknown("initiative", rid, "custom_shares", pool, pools, "funding pool")
        for pool in row["capacity_usage"]:
            out += _unknown("initiative", rid, "capacity_usage", pool, p.capacity_pools.index, "capacity pool")
        out += _unknown(
            "initiative",
            rid,
            "alternative_group_id",
            row["alternative_group_id"],
            p.alternative_groups.index,
            "alternative group",
        )
    for did, row in p.dependencies.iterrows():
        for name in ("predecessor_id", "successor_id"):
            out += _unknown("dependency", str(did), name, row[name], inits, "initiative")
        if row["predecessor_id"] == row["successor_id"]:
            out.append(
                Problem(
                    "dependency",
                    str(did),
                    "successor_id",
                    "an initiative cannot depend on itself",
                    "remove the row or name another predecessor",
                )
            )
    for eid, row in p.envelopes.iterrows():
        out += _unknown("envelope", str(eid), "funding_pool_id", row["funding_pool_id"], pools, "funding pool")
        out += _unknown(
            "envelope",
            str(eid),
            "ambition_level_id",
            row["ambition_level_id"],
            p.ambition_levels.index,
            "ambition level",
        )
    for bid, row in p.benefits.iterrows():
        out += _unknown("benefit", str(bid), "initiative_id", row["initiative_id"], inits, "initiative")
    for mid, row in p.measurements.iterrows():
        out += _unknown("measurement", str(mid), "benefit_id", row["benefit_id"], p.benefits.index, "benefit")
    return out


def check_cycles(p: Portfolio) -> list[Problem]:
    """Dependencies form no cycle; each cycle is named as ``A -> B -> C -> A``."""
    graph = dependency_graph(p)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))  # reported by check_references
    out = []
    for number, cycle in enumerate(find_cycles(graph, limit=MAX_CYCLES_REPORTED + 1)):
        if number == MAX_CYCLES_REPORTED:
            out.append(
                Problem(
                    "dependency",
                    "-",
                    "predecessor_id",
                    "more dependency cycles not listed",
                    "fix the cycles above and validate again",
                )
            )
            break
        out.append(
            Problem(
                "dependency",
                f"{cycle[-1]}->{cycle[0]}",
                "predecessor_id",
                f"dependency cycle {name_cycle(cycle)}",
                "remove or reverse one dependency in the cycle",
            )
        )
    return out


def check_costs(p: Portfolio) -> list[Problem]:
    """Every initiative has a cost, none negative, and a profile as long as its duration."""
    out = []
    for iid, row in p.initiatives.iterrows():
        rid, profile = str(iid), list(row["cost_profile"])
        if not profile and row["total_cost"] is None:
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "total_cost",
                    "no cost given",
                    "enter total_cost in MNOK, or a cost_profile with one value per period",
                )
            )
        if any(value < 0 for value in profile):
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "cost_profile",
                    "a cost in the profile is negative",
                    "enter costs of 0 MNOK or more",
                )
            )
        if profile and len(profile) != int(row["duration"]):
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "cost_profile",
                    f"the profile has {len(profile)} values but the duration is {row['duration']} periods",
                    "give one cost per period of execution, or change the duration",
                )
            )
        if profile and row["total_cost"] is not None and abs(sum(profile) - row["total_cost"]) > 1e-6:
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "total_cost",
                    f"total_cost {row['total_cost']} differs from the profile's sum {sum(profile):g}",
                    "leave total_cost empty or make it equal the profile's sum",
                )
            )
    return out


def check_cost_shares(p: Portfolio) -> list[Problem]:
    """Custom shares sum to 1; the population key has a population share for every payer."""
    out = []
    shares = p.funding_pools["population_share"]
    for iid, row in p.initiatives.iterrows():
        rid, key = str(iid), row["cost_sharing"]
        if key == "custom":
            total = sum(row["custom_shares"].values())
            if abs(total - 1) > SHARE_TOLERANCE:
                out.append(
                    Problem(
                        "initiative",
                        rid,
                        "custom_shares",
                        f"custom shares sum to {total:g}, not 1",
                        "adjust the shares so they add up to 1",
                    )
                )
            if any(v < 0 for v in row["custom_shares"].values()):
                out.append(
                    Problem("initiative", rid, "custom_shares", "a share is negative", "use shares of 0 or more")
                )
        elif row["custom_shares"]:
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "custom_shares",
                    f"shares are given but the key is '{key}'",
                    "set cost_sharing to custom, or clear custom_shares",
                )
            )
        if key == "population":
            for pool in [row["lead_region"], *row["participating_regions"]]:
                if pool in shares.index and pd.isna(shares[pool]):
                    out.append(
                        Problem(
                            "initiative",
                            rid,
                            "cost_sharing",
                            f"funding pool '{pool}' has no population share for the population key",
                            "choose the equal, lead or custom key, or give the pool a population share",
                        )
                    )
    return out


def _window(
    tl: Timeline, table: str, rid: str, field: str, label: Any, *, end: bool
) -> tuple[int | None, list[Problem]]:
    if label is None:
        return None, []
    try:
        period = tl.index(label, end=end)
    except ValueError as exc:
        return None, [Problem(table, rid, field, str(exc), "write a period inside the horizon, for example a year")]
    if not tl.contains(period):
        return period, [
            Problem(
                table,
                rid,
                field,
                f"{label} is outside the horizon {tl.label(0)}-{tl.label(tl.periods - 1)}",
                "use a period inside the horizon, or extend the horizon",
            )
        ]
    return period, []


def check_windows(p: Portfolio) -> list[Problem]:
    """Earliest start and latest finish lie in the horizon and leave room for the duration."""
    if len(p.horizon) != 1:
        return []
    tl, out = p.timeline, []
    for iid, row in p.initiatives.iterrows():
        rid = str(iid)
        first, problems = _window(tl, "initiative", rid, "earliest_start", row["earliest_start"], end=False)
        last, more = _window(tl, "initiative", rid, "latest_finish", row["latest_finish"], end=True)
        out += problems + more
        if first is not None and last is not None and first > last:
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "earliest_start",
                    f"earliest start {row['earliest_start']} is after latest finish {row['latest_finish']}",
                    "move the earliest start earlier or the latest finish later",
                )
            )
        elif last is not None and last - (first or 0) + 1 < int(row["duration"]):
            since = row["earliest_start"] or f"the horizon's start {tl.label(0)}"
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "latest_finish",
                    f"{row['duration']} periods do not fit between {since} and {row['latest_finish']}",
                    "widen the window or shorten the duration",
                )
            )
    return out


def check_started_predecessors(p: Portfolio) -> list[Problem]:
    """A started initiative waits only on work that is completed (or started, for start-to-start)."""
    out = []
    status = p.initiatives["status"]
    for did, dep in p.dependencies.iterrows():
        pred, succ = dep["predecessor_id"], dep["successor_id"]
        if pred not in status.index or succ not in status.index or status[succ] != "started":
            continue
        ready = ("completed",) if dep["kind"] == "finish_to_start" else ("completed", "started")
        if status[pred] not in ready:
            out.append(
                Problem(
                    "dependency",
                    str(did),
                    "predecessor_id",
                    f"{succ} is started but waits for {pred}, which is {status[pred]}",
                    f"mark {pred} as {' or '.join(ready)}, change {succ}'s status, or remove the dependency",
                )
            )
    return out


def check_alternatives(p: Portfolio) -> list[Problem]:
    """At most one mandatory initiative per alternative group."""
    out = []
    grouped = p.initiatives[p.initiatives["mandatory"].astype(bool) & p.initiatives["alternative_group_id"].notna()]
    for group, members in grouped.groupby("alternative_group_id"):
        if len(members) > 1:
            names = ", ".join(map(str, members.index))
            out.append(
                Problem(
                    "initiative",
                    str(members.index[1]),
                    "mandatory",
                    f"mandatory initiatives {names} are alternatives in group '{group}'; only one can be done",
                    "make at most one of them mandatory, or mark the group required instead",
                )
            )
    return out


def check_benefits(p: Portfolio) -> list[Problem]:
    """Benefits last more than zero years and ramp up within 0 to 1."""
    out = []
    for bid, row in p.benefits.iterrows():
        if int(row["lifetime"]) <= 0:
            out.append(
                Problem(
                    "benefit",
                    str(bid),
                    "lifetime",
                    f"lifetime is {row['lifetime']} years",
                    "enter a lifetime of at least 1 year",
                )
            )
        if any(not 0 <= share <= 1 for share in row["ramp_up"]):
            out.append(
                Problem(
                    "benefit",
                    str(bid),
                    "ramp_up",
                    "ramp-up shares must lie between 0 and 1",
                    "write fractions of full effect, for example 0.3;0.7",
                )
            )
    return out


def check_envelopes(p: Portfolio) -> list[Problem]:
    """A reference ambition level (factor 1) exists, and envelope years fall in the horizon."""
    out = []
    if not p.ambition_levels.empty and not (p.ambition_levels["factor"] == 1).any():
        out.append(
            Problem(
                "ambition_level",
                "-",
                "factor",
                "no ambition level has factor 1",
                "mark the reference level (for example Basis) with factor 1",
            )
        )
    if len(p.horizon) == 1:
        years = set(p.timeline.years)
        for eid, row in p.envelopes.iterrows():
            if int(row["year"]) not in years:
                out.append(
                    Problem(
                        "envelope",
                        str(eid),
                        "year",
                        f"{row['year']} is outside the horizon",
                        "remove the row or extend the horizon",
                        severity="warning",
                    )
                )
    return out


def check_scenarios(p: Portfolio) -> list[Problem]:
    """Scenario overrides name existing pools, levels and initiatives, and agree with each other."""
    out: list[Problem] = []
    pools, inits = p.funding_pools.index, p.initiatives.index
    for sid, row in p.scenarios.iterrows():
        rid = str(sid)
        for pool, level in row["ambition"].items():
            out += _unknown("scenario", rid, "ambition", pool, pools, "funding pool")
            out += _unknown("scenario", rid, "ambition", level, p.ambition_levels.index, "ambition level")
        for name in ("forced_in", "forced_out", "completion_targets"):
            for iid in row[name]:
                out += _unknown("scenario", rid, name, iid, inits, "initiative")
        for iid in set(row["forced_in"]) & set(row["forced_out"]):
            out.append(
                Problem(
                    "scenario",
                    rid,
                    "forced_out",
                    f"'{iid}' is forced both in and out",
                    "remove it from one of the two lists",
                )
            )
        for iid, label in row["locked_starts"].items():
            out += _unknown("scenario", rid, "locked_starts", iid, inits, "initiative")
            if len(p.horizon) == 1:
                out += _window(p.timeline, "scenario", rid, "locked_starts", label, end=False)[1]
        for key in row["envelope_overrides"]:
            pool, _, year = str(key).partition("/")
            if pool not in pools or not year.isdigit():
                out.append(
                    Problem(
                        "scenario",
                        rid,
                        "envelope_overrides",
                        f"'{key}' is not POOL/YEAR",
                        "write keys such as HSO/2027=120",
                    )
                )
    return out


CHECKS: list[Callable[[Portfolio], list[Problem]]] = [
    check_horizon,
    check_references,
    check_cycles,
    check_costs,
    check_cost_shares,
    check_windows,
    check_started_predecessors,
    check_alternatives,
    check_benefits,
    check_envelopes,
    check_scenarios,
]
