"""External validation: published instances mapped onto portfolios and solved by ``optimise``.

The instances are mapped through the public domain API (:func:`planning.domain.loading.build_portfolio`
and :class:`planning.domain.models.Scenario`), so the check covers the code a planner runs: loading,
validation, plan inputs, the model, the solver and the plan. Every plan is then checked
again against the raw instance, independently of the model.

- OR-Library ``mknap``: item = initiative of duration 1 in a one-period horizon; budget row
  k = funding pool k with envelope c_k; the item's cost is the sum of its weights, shared
  over the pools in proportion to the weights (equal shares when all are 0), so pool k pays
  exactly w_k; profit = a monetised benefit with ``annual_value`` = profit, lifetime 1, lag 0;
  objective ``benefit`` with discount rate 0.
- PSPLIB J30: job = mandatory initiative (the two zero-duration dummies dropped, precedence
  kept among the real jobs), duration in yearly periods, horizon = the file's horizon
  (capped at 200 periods, the most a horizon may hold; every published J30 optimum is far
  below), resource = capacity pool with basis ``execution``, request = usage, precedence =
  finish-to-start with lag 0, one funding pool and no costs; objective ``earliest_completion``.

The data lives outside the repository (``../shared/benchmarks`` or ``$VEIKART_BENCHMARKS``)
and is never copied into it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.formats import Knapsack, Rcpsp, parse_j30opt, parse_mkcbres, parse_mknap, parse_sm
from bench.limits import KINDS, TIME_LIMITS
from planning.domain.loading import build_portfolio
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise

FIRST_YEAR = 2026
MAX_PERIODS = 200
"""The most periods a horizon may hold (``Horizon.periods``)."""
TOLERANCE = 1e-6
Progress = Callable[[str], None]


class BenchmarkBug(AssertionError):
    """A plan that contradicts a published result: better than an optimum, infeasible, or misreported."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        bugs = [r for r in records if r["verdict"] == "bug"]
        lines = "\n".join(f"  {r['name']}: {r['note']}" for r in bugs[:20])
        super().__init__(f"{len(bugs)} instance(s) contradict the published results:\n{lines}")


def benchmarks_root() -> Path:
    """``$VEIKART_BENCHMARKS``, else ``shared/benchmarks`` beside the repository."""
    given = os.environ.get("VEIKART_BENCHMARKS")
    return Path(given) if given else Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


@dataclass(frozen=True)
class Case:
    """One instance to solve and what the literature says about it."""

    name: str
    instance: Knapsack | Rcpsp
    reference: float
    """Proven optimum (mknap1, J30) or best known value (mknapcb)."""
    upper: float | None = None
    """LP bound (mknapcb): no feasible value may exceed it."""


def load_cases(kind: str, root: Path | None = None) -> list[Case]:
    """Every instance of one benchmark set with its reference values."""
    base = root or benchmarks_root()
    if kind not in KINDS:
        raise ValueError(f"unknown benchmark '{kind}'; use one of {', '.join(KINDS)}")
    if not base.is_dir():
        raise FileNotFoundError(f"no benchmark data at {base}; set VEIKART_BENCHMARKS to its folder")
    if kind == "mknap1":
        return [Case(k.name, k, float(k.optimum or 0.0)) for k in parse_mknap(base / "mknap" / "mknap1.txt")]
    if kind in ("mknapcb1", "mknapcb2"):
        results = parse_mkcbres(base / "mknap" / "mkcbres.txt")
        problems = parse_mknap(base / "mknap" / f"{kind}.txt", names="chu-beasley")
        return [Case(k.name, k, results[k.name][0], results[k.name][1]) for k in problems]
    optima = parse_j30opt(base / "psplib" / "j30opt.sm")
    cases = [Case(p.stem, parse_sm(p), float(optima[p.stem])) for p in (base / "psplib" / "j30").glob("*.sm")]
    return sorted(cases, key=lambda c: _j30_order(c.name))


def _j30_order(name: str) -> tuple[int, int]:
    """Instance number first, then parameter group: the first 48 cover every group."""
    parameter, instance = name.removeprefix("j30").split("_")
    return int(instance), int(parameter)


def knapsack_portfolio(instance: Knapsack) -> Portfolio:
    """A one-period portfolio whose best benefit plan is the knapsack's optimum."""
    pools = [f"K{k + 1}" for k in range(len(instance.capacities))]
    initiatives, benefits = [], []
    for j, profit in enumerate(instance.profits):
        weights = [row[j] for row in instance.weights]
        total = sum(weights)
        if total > 0:
            shares = {pool: w / total for pool, w in zip(pools, weights, strict=True) if w > 0}
        else:
            shares = dict.fromkeys(pools, 1 / len(pools))
        iid = f"I{j + 1:03d}"
        initiatives.append(
            {
                "id": iid,
                "name": f"item {j + 1}",
                "area": "shared_infrastructure",
                "lead_region": pools[0],
                "duration": 1,
                "total_cost": total,
                "cost_sharing": "custom",
                "custom_shares": shares,
            }
        )
        benefits.append(
            {
                "id": f"B{j + 1:03d}",
                "initiative_id": iid,
                "title": "profit",
                "annual_value": profit,
                "lifetime": 1,
                "lag": 0,
            }
        )
    return build_portfolio(
        {
            "horizon": [{"id": "default", "first_year": FIRST_YEAR, "periods": 1}],
            "funding_pool": [
                {"id": p, "name": f"knapsack row {k + 1}", "kind": "national"} for k, p in enumerate(pools)
            ],
            "ambition_level": [{"id": "Basis", "rank": 1, "factor": 1.0}],
            "envelope": [
                {"funding_pool_id": p, "year": FIRST_YEAR, "ambition_level_id": "Basis", "amount": c}
                for p, c in zip(pools, instance.capacities, strict=True)
            ],
            "initiative": initiatives,
            "benefit": benefits,
        }
    )


def rcpsp_portfolio(instance: Rcpsp) -> Portfolio:
    """A portfolio of mandatory initiatives whose earliest completion is the RCPSP's makespan."""
    jobs = [j for j, d in sorted(instance.durations.items()) if d > 0]
    resources = [f"R{r + 1}" for r in range(len(instance.capacities))]
    initiatives = [
        {
            "id": _job(j),
            "name": f"job {j}",
            "area": "shared_infrastructure",
            "lead_region": "F",
            "duration": instance.durations[j],
            "total_cost": 0.0,
            "cost_sharing": "lead",
            "mandatory": True,
            "capacity_usage": {r: float(q) for r, q in zip(resources, instance.requests[j], strict=True) if q > 0},
        }
        for j in jobs
    ]
    return build_portfolio(
        {
            "horizon": [{"id": "default", "first_year": FIRST_YEAR, "periods": min(instance.horizon, MAX_PERIODS)}],
            "funding_pool": [{"id": "F", "name": "no money involved", "kind": "national"}],
            "capacity_pool": [
                {"id": r, "name": f"renewable resource {r}", "limit": float(c), "basis": "execution"}
                for r, c in zip(resources, instance.capacities, strict=True)
            ],
            "initiative": initiatives,
            "dependency": [
                {"predecessor_id": _job(p), "successor_id": _job(s), "kind": "finish_to_start", "lag": 0}
                for p, s in real_precedences(instance)
            ],
        }
    )


def _job(j: int) -> str:
    return f"J{j:02d}"


def real_precedences(instance: Rcpsp) -> list[tuple[int, int]]:
    """Precedence among jobs of positive duration; zero-duration jobs are passed through."""
    pairs: list[tuple[int, int]] = []
    for j in sorted(instance.durations):
        if instance.durations[j] == 0:
            continue
        seen: set[int] = set()
        stack = list(instance.successors.get(j, []))
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            if instance.durations[s] > 0:
                pairs.append((j, s))
            else:
                stack += instance.successors.get(s, [])
    return sorted(set(pairs))


def scenario_for(kind: str, time_limit: float) -> Scenario:
    objective = "earliest_completion" if kind == "j30" else "benefit"
    return Scenario.model_validate({"id": kind, "objective": objective, "discount_rate": 0.0, "time_limit": time_limit})


def solve_case(kind: str, case: Case, time_limit: float) -> dict[str, Any]:
    """Solve one instance and judge the plan against the instance and its reference."""
    began = time.perf_counter()
    if isinstance(case.instance, Rcpsp):
        portfolio = rcpsp_portfolio(case.instance)
    else:
        portfolio = knapsack_portfolio(case.instance)
    plan = optimise(portfolio, scenario_for(kind, time_limit), time_limit=time_limit, gap=0.0, explain=False)
    seconds = time.perf_counter() - began
    facts, starts = plan.facts, plan.starts
    record: dict[str, Any] = {
        "name": case.name,
        "reference": case.reference,
        "upper_reference": case.upper,
        "found": None,
        "status": facts.status,
        "objective": facts.objective,
        "bound": facts.bound,
        "gap": facts.gap,
        "seconds": round(seconds, 3),
        "build_seconds": round(facts.build_seconds, 3),
        "solve_seconds": round(facts.solve_seconds, 3),
    }
    if not plan.has_plan:  # infeasible, error, or the time limit came before any plan
        return {**record, "verdict": "no plan", "note": facts.message or facts.status}
    found: float
    if isinstance(case.instance, Rcpsp):
        makespan, broken = check_schedule(case.instance, starts)
        if plan.makespan != makespan:
            broken.append(f"plan.makespan {plan.makespan} differs from the schedule's {makespan}")
        found = makespan
    else:
        found, broken = check_selection(case.instance, starts)
    if facts.objective is not None and abs(facts.objective - found) > TOLERANCE * max(1.0, abs(found)):
        broken.append(f"the solver reports {facts.objective} but the plan is worth {found}")
    record["found"] = found
    maximise = not isinstance(case.instance, Rcpsp)
    verdict, note = judge(case, found, facts.status, maximise=maximise)
    broken += bound_contradiction(case, facts.bound, maximise=maximise)
    if broken:
        verdict, note = "bug", "; ".join(broken[:3])
    return {**record, "verdict": verdict, "note": note}


def judge(case: Case, found: float, status: str, *, maximise: bool) -> tuple[str, str]:
    """``match``, ``within`` (between best known and LP bound), ``open`` (time limit, worse) or ``bug``."""
    better = found - case.reference if maximise else case.reference - found
    proven = status == "optimal"
    if case.upper is not None:
        if found > case.upper + TOLERANCE:
            return "bug", f"{found} exceeds the LP bound {case.upper}"
        if better >= -TOLERANCE:
            return "within", "improves on the best known value" if better > TOLERANCE else ""
        return (
            ("bug", f"claimed optimal {found} is below the best known {case.reference}")
            if proven
            else ("open", f"{-better:g} below the best known value")
        )
    if better > TOLERANCE:
        return "bug", f"{found} is better than the published optimum {case.reference}"
    if better >= -TOLERANCE:
        return "match", ""
    if proven:
        return "bug", f"claimed optimal {found} but the published optimum is {case.reference}"
    return "open", f"{-better:g} from the published optimum"


def bound_contradiction(case: Case, bound: float | None, *, maximise: bool) -> list[str]:
    """The solver's proven bound may not cut off a value the literature has reached."""
    if bound is None:
        return []
    if maximise and bound < case.reference - TOLERANCE * max(1.0, abs(case.reference)):
        return [f"the solver's bound {bound} is below the best known value {case.reference}"]
    if not maximise and bound > case.reference + TOLERANCE * max(1.0, abs(case.reference)):
        return [f"the solver's bound {bound} is above the published optimum {case.reference}"]
    return []


def check_selection(instance: Knapsack, starts: dict[str, int]) -> tuple[float, list[str]]:
    """Profit of the chosen items and every capacity they break, from the raw instance."""
    chosen = [int(i.removeprefix("I")) - 1 for i in starts]
    broken = [
        f"row {k + 1}: weight {sum(row[j] for j in chosen):g} > capacity {cap:g}"
        for k, (row, cap) in enumerate(zip(instance.weights, instance.capacities, strict=True))
        if sum(row[j] for j in chosen) > cap + TOLERANCE
    ]
    return float(sum(instance.profits[j] for j in chosen)), broken


def check_schedule(instance: Rcpsp, starts: dict[str, int]) -> tuple[int, list[str]]:
    """Makespan of the schedule and every precedence or resource limit it breaks, from the raw instance."""
    jobs = [j for j, d in instance.durations.items() if d > 0]
    broken = [f"job {j} is not scheduled" for j in jobs if _job(j) not in starts]
    if broken:
        return 0, broken
    start = {j: starts[_job(j)] for j in jobs}
    finish = {j: start[j] + instance.durations[j] for j in jobs}
    broken += [f"job {s} starts before job {p} finishes" for p, s in real_precedences(instance) if start[s] < finish[p]]
    makespan = max(finish.values())
    for t in range(makespan):
        running = [j for j in jobs if start[j] <= t < finish[j]]
        for r, cap in enumerate(instance.capacities):
            use = sum(instance.requests[j][r] for j in running)
            if use > cap:
                broken.append(f"resource {r + 1} in period {t}: {use} > {cap}")
    return makespan, broken


def run_external(
    kind: str,
    limit: int | None = None,
    time_limit: float | None = None,
    *,
    root: Path | None = None,
    progress: Progress | None = None,
    strict: bool = True,
) -> list[dict[str, Any]]:
    """Solve the instances of one benchmark set; one record per instance.

    Records hold name, reference, upper_reference, found, status, objective, bound, gap,
    seconds (build and solve: build_seconds, solve_seconds), verdict and note. Each instance
    gets ``time_limit`` solver seconds, by default the kind's :data:`TIME_LIMITS`. J30 takes
    the instances in the order 1 of every parameter group, then 2, ..., so any ``limit``
    gives a varied subset.

    Raises
    ------
    BenchmarkBug
        With ``strict``, after every instance ran, when a plan contradicts the literature:
        better than a proven optimum or an LP bound, infeasible on the raw instance,
        or worth other than the solver reports.
    """
    cases = load_cases(kind, root)[:limit] if limit else load_cases(kind, root)
    seconds = TIME_LIMITS[kind] if time_limit is None else time_limit
    records = []
    for number, case in enumerate(cases, start=1):
        record = solve_case(kind, case, seconds)
        records.append(record)
        if progress is not None:
            flag = "BUG " if record["verdict"] == "bug" else ""
            progress(
                f"{flag}[{number}/{len(cases)}] {kind} {case.name}: {record['verdict']} found {record['found']} "
                f"reference {record['reference']:g} status {record['status']} {record['seconds']:.1f}s {record['note']}"
            )
    if strict and any(r["verdict"] == "bug" for r in records):
        raise BenchmarkBug(records)
    return records
