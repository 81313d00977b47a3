"""Cross-table validation: one call returns every problem at once.

Row-level checks (types, ranges, allowed values) run in :mod:`planning.domain.loading` through
the models; the ``check_*`` functions here look across rows and tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import pandas as pd

from planning.domain.capacity_limits import check_capacity_limits
from planning.domain.estimates import check_estimates
from planning.domain.graph import dependency_graph, find_cycles, name_cycle
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem
from planning.domain.timeline import Timeline
from planning.messages.message import decimal, said
from planning.messages.phrases import phrase

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
            phrase("horizon_rows", count=len(p.horizon)),
            phrase("fix_horizon_rows"),
        )
    ]


def _unknown(table: str, row: str, field: str, value: Any, known: Iterable[str], what: str) -> list[Problem]:
    """``value`` names no row of ``known``; ``what`` is the key of the phrase for such a row."""
    known_set = set(known)
    if value is None or value in known_set:
        return []
    hint = ", ".join(sorted(known_set)[:12])
    noun = phrase(what)
    fix = phrase("fix_use_one_of", choices=hint) if hint else phrase("fix_add_first", what=noun)
    return [Problem(table, row, field, phrase("unknown_reference", what=noun, value=value), fix)]


def check_references(p: Portfolio) -> list[Problem]:
    """Every id that points at another table names a row that exists."""
    pools, inits = list(p.funding_pools.index), list(p.initiatives.index)
    out: list[Problem] = []
    for iid, row in p.initiatives.iterrows():
        rid = str(iid)
        out += _unknown("initiative", rid, "lead_region", row["lead_region"], pools, "funding_pool")
        for region in row["participating_regions"]:
            out += _unknown("initiative", rid, "participating_regions", region, pools, "funding_pool")
        for pool in row["custom_shares"]:
            out += _unknown("initiative", rid, "custom_shares", pool, pools, "funding_pool")
        for pool in row["capacity_usage"]:
            out += _unknown("initiative", rid, "capacity_usage", pool, p.capacity_pools.index, "capacity_pool")
        out += _unknown(
            "initiative",
            rid,
            "alternative_group_id",
            row["alternative_group_id"],
            p.alternative_groups.index,
            "alternative_group",
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
                    phrase("self_dependency"),
                    phrase("fix_self_dependency"),
                )
            )
    for eid, row in p.envelopes.iterrows():
        out += _unknown("envelope", str(eid), "funding_pool_id", row["funding_pool_id"], pools, "funding_pool")
        out += _unknown(
            "envelope",
            str(eid),
            "ambition_level_id",
            row["ambition_level_id"],
            p.ambition_levels.index,
            "ambition_level",
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
                    phrase("more_cycles"),
                    phrase("fix_more_cycles"),
                )
            )
            break
        out.append(
            Problem(
                "dependency",
                f"{cycle[-1]}->{cycle[0]}",
                "predecessor_id",
                phrase("cycle", cycle=name_cycle(cycle)),
                phrase("fix_cycle"),
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
                    phrase("no_cost"),
                    phrase("fix_no_cost"),
                )
            )
        if any(value < 0 for value in profile):
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "cost_profile",
                    phrase("negative_profile_cost"),
                    phrase("fix_negative_profile_cost"),
                )
            )
        if profile and len(profile) != int(row["duration"]):
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "cost_profile",
                    phrase("profile_length", values=len(profile), duration=row["duration"]),
                    phrase("fix_profile_length"),
                )
            )
        if profile and row["total_cost"] is not None and abs(sum(profile) - row["total_cost"]) > 1e-6:
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "total_cost",
                    phrase("total_differs", total=row["total_cost"], sum=decimal(sum(profile), "g")),
                    phrase("fix_total_differs"),
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
                        phrase("shares_sum", total=decimal(total, "g")),
                        phrase("fix_shares_sum"),
                    )
                )
            if any(v < 0 for v in row["custom_shares"].values()):
                out.append(
                    Problem("initiative", rid, "custom_shares", phrase("negative_share"), phrase("fix_negative_share"))
                )
        elif row["custom_shares"]:
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "custom_shares",
                    phrase("shares_without_key", key=key),
                    phrase("fix_shares_without_key"),
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
                            phrase("no_population_share", pool=pool),
                            phrase("fix_no_population_share"),
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
        return None, [Problem(table, rid, field, said(exc), phrase("fix_period"))]
    if not tl.contains(period):
        return period, [
            Problem(
                table,
                rid,
                field,
                phrase("outside_horizon", label=label, first=tl.label(0), last=tl.label(tl.periods - 1)),
                phrase("fix_outside_horizon"),
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
                    phrase("start_after_finish", start=row["earliest_start"], finish=row["latest_finish"]),
                    phrase("fix_start_after_finish"),
                )
            )
        elif last is not None and last - (first or 0) + 1 < int(row["duration"]):
            since = row["earliest_start"] or phrase("horizon_start", period=tl.label(0))
            out.append(
                Problem(
                    "initiative",
                    rid,
                    "latest_finish",
                    phrase("window_does_not_fit", duration=row["duration"], since=since, finish=row["latest_finish"]),
                    phrase("fix_window_does_not_fit"),
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
                    phrase("started_waits", successor=succ, predecessor=pred, status=status[pred]),
                    phrase("fix_started_waits", predecessor=pred, ready=" or ".join(ready), successor=succ),
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
                    phrase("mandatory_alternatives", names=names, group=group),
                    phrase("fix_mandatory_alternatives"),
                )
            )
    return out


def check_obligations(p: Portfolio) -> list[Problem]:
    """A statutory or equity obligation names its law or duty; at most one per alternative group."""
    table = p.initiatives
    if "obligation" not in table.columns:
        return []
    kinds = table["obligation"].fillna("none").astype(str)
    notes = table["obligation_note"].fillna("").astype(str).str.strip()
    out = [
        Problem("initiative", str(i), "obligation_note", phrase("obligation_without_note", obligation=kinds[i]),
                phrase("fix_obligation_note"))
        for i in table.index[(kinds != "none") & (notes == "")]
    ]  # fmt: skip
    grouped = table[(kinds != "none") & table["alternative_group_id"].notna()]
    for group, members in grouped.groupby("alternative_group_id"):
        if len(members) > 1:
            names = ", ".join(map(str, members.index))
            out.append(Problem("initiative", str(members.index[1]), "obligation",
                               phrase("obligation_alternatives", names=names, group=group),
                               phrase("fix_obligation_alternatives")))  # fmt: skip
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
                    phrase("lifetime", lifetime=row["lifetime"]),
                    phrase("fix_lifetime"),
                )
            )
        if any(not 0 <= share <= 1 for share in row["ramp_up"]):
            out.append(
                Problem(
                    "benefit",
                    str(bid),
                    "ramp_up",
                    phrase("ramp_up_range"),
                    phrase("fix_ramp_up_range"),
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
                phrase("no_reference_level"),
                phrase("fix_no_reference_level"),
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
                        phrase("year_outside_horizon", year=row["year"]),
                        phrase("fix_year_outside_horizon"),
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
            out += _unknown("scenario", rid, "ambition", pool, pools, "funding_pool")
            out += _unknown("scenario", rid, "ambition", level, p.ambition_levels.index, "ambition_level")
        for name in ("forced_in", "forced_out", "completion_targets"):
            for iid in row[name]:
                out += _unknown("scenario", rid, name, iid, inits, "initiative")
        for iid in set(row["forced_in"]) & set(row["forced_out"]):
            out.append(
                Problem(
                    "scenario",
                    rid,
                    "forced_out",
                    phrase("forced_both", initiative=iid),
                    phrase("fix_forced_both"),
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
                        phrase("not_pool_year", key=key),
                        phrase("fix_not_pool_year"),
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
    check_obligations,
    check_benefits,
    check_envelopes,
    check_scenarios,
    check_estimates,
    check_capacity_limits,
]
