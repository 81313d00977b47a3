"""Every figure of issue 32 from one command: ``python -m bench.issue32``.

Runs each target's benchmark, records each figure with the load average just before and
after it, saves them as the part ``issue32`` under ``bench/results/`` (with the machine,
its speed probe and the solver versions, :func:`bench.results.run_and_save`) and rewrites
``docs/performance.md``. ``--only`` picks parts; ``--quick`` shortens the long ones (not for
the record). Nothing here asserts a time: each record says whether the target was met on
the machine it ran on.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

from bench.best_known import best_known, offer
from bench.external import load_cases, rcpsp_portfolio, scenario_for, solve_case
from bench.formats import Rcpsp
from bench.generator import Spec, generate, scenario
from bench.precedence import PrecedenceSpec, generate_precedence
from bench.rcpsp import RcpspSpec, generate_rcpsp
from bench.report import write_report
from bench.results import ROOT, git_state, load_all, now, run_and_save
from planning.io import load_path
from planning.optimise import optimise
from planning.optimise.guard import GRACE_SECONDS, GRACE_SHARE
from planning.optimise.reasons import quick_reasons

PARTS = ("promise", "monotone", "explain", "warm", "quality", "bounds", "progress", "j30")
SAMPLE = ROOT / "data" / "sample"
PROMISE_J30 = ("j3025_3", "j3029_2", "j3029_5", "j3013_8", "j3029_9")
"""J30 instances on which HiGHS overran a 20 s limit by 4 to 9 s before the guard (issue 32)."""
PROMISE_RCPSP = (RcpspSpec(60, uses=2), RcpspSpec(90, uses=3, strength=0.3), RcpspSpec(60, strength=0.5))
QUALITY = (Spec(200, 16, 5, 5), Spec(200, 24, 8, 4))
BOUNDS = (
    (Spec(50, 8, 2, 1), 0.001),
    (Spec(200, 16, 5, 5), 0.03),
    (Spec(1000, 20, 4, 3), 0.02),
    (Spec(1000, 40, 8, 8), 0.02),
)
Record = dict[str, Any]


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def measured(target: str, what: str, work: Callable[[], Record]) -> Record:
    """One figure: ``work``'s fields with the target, what was measured, when, on which code,
    and the load average (1, 5, 15 min) just before and after it."""
    before, when = os.getloadavg(), now().isoformat(timespec="seconds")
    began = time.perf_counter()
    found = work()
    record = {"target": target, "what": what, **found, "when": when, "code": git_state()}
    record |= {"load_before": [round(x, 2) for x in before], "load_after": [round(x, 2) for x in os.getloadavg()]}
    record["elapsed"] = round(time.perf_counter() - began, 2)
    _say(f"{target} {what}: " + ", ".join(f"{k} {v}" for k, v in found.items() if k != "starts"))
    return record


def promise(quick: bool) -> list[Record]:
    """Target 7: wall time from the start of the solve to the answer <= limit + 10 % + 2 s."""
    cases = {c.name: c for c in load_cases("j30")}
    records = []
    for name in PROMISE_J30[: 2 if quick else None]:
        records.append(measured("7", f"J30 {name}, 20 s", partial(_timed_case, cases[name], 20.0)))
    for spec in PROMISE_RCPSP[: 1 if quick else None]:
        records.append(measured("7", f"{spec.name}, 30 s", partial(_timed_rcpsp, spec, 30.0)))
    return records


def _timed_case(case: Any, limit: float) -> Record:
    """From the call of the optimiser to its answer, as the promise counts (the instance read before)."""
    portfolio = rcpsp_portfolio(cast(Rcpsp, case.instance))
    began = time.perf_counter()
    plan = optimise(portfolio, scenario_for("j30", limit), time_limit=limit, gap=0.0, explain=False)
    wall = time.perf_counter() - began
    return _promise_fields(limit, wall, plan.facts.status, plan.facts.objective, plan.facts.bound)


def _timed_rcpsp(spec: RcpspSpec, limit: float) -> Record:
    portfolio = rcpsp_portfolio(generate_rcpsp(spec))
    began = time.perf_counter()
    plan = optimise(portfolio, scenario_for("j30", limit), time_limit=limit, gap=0.0, explain=False)
    wall = time.perf_counter() - began
    return _promise_fields(limit, wall, plan.facts.status, plan.facts.objective, plan.facts.bound)


def _promise_fields(limit: float, wall: float, status: str, found: Any, bound: Any) -> Record:
    allowed = limit * (1 + GRACE_SHARE) + GRACE_SECONDS
    return {
        "limit": limit,
        "wall": round(wall, 2),
        "allowed": allowed,
        "status": status,
        "found": found,
        "bound": bound,
        "met": wall <= allowed,
    }


def monotone(quick: bool) -> list[Record]:
    """Target 8: a longer limit never a worse plan; HiGHS proves what it can on the precedence family."""
    records = []
    pairs: list[tuple[Spec | PrecedenceSpec, tuple[float, float]]] = [
        (PrecedenceSpec(), (60.0, 300.0)),
        (PrecedenceSpec(seed=2), (60.0, 300.0)),
    ]
    pairs += [(spec, (10.0, 30.0)) for spec in QUALITY]
    for spec, limits in pairs[:1] if quick else pairs:
        records.append(
            measured("8", f"{spec.name} at {limits[0]:g} s and {limits[1]:g} s", partial(_pair, spec, limits))
        )
    return records


def _portfolio(spec: Spec | PrecedenceSpec) -> Any:
    return generate_precedence(spec) if isinstance(spec, PrecedenceSpec) else generate(spec)


def _pair(spec: Spec | PrecedenceSpec, limits: tuple[float, float]) -> Record:
    portfolio = _portfolio(spec)
    plans = [optimise(portfolio, scenario(limit), time_limit=limit, explain=False) for limit in limits]
    for plan, limit in zip(plans, limits, strict=True):
        _offer(spec.name, portfolio, plan, f"Veikart optimise, {limit:g} s", limit)
    short, long = (p.facts for p in plans)
    reference = best_known().get(spec.name, {})
    return {
        "short": [short.status, short.objective, short.bound],
        "long": [long.status, long.objective, long.bound],
        "best_known": reference.get("objective"),
        "proven_optimum": reference.get("proven", False),
        "met": (long.objective or 0.0) >= (short.objective or 0.0) - 1e-6 * abs(short.objective or 1.0),
    }


def _offer(name: str, portfolio: Any, plan: Any, method: str, seconds: float) -> None:
    facts = plan.facts
    if facts.objective is not None and offer(
        name,
        portfolio,
        scenario(),
        plan.starts,
        facts.objective,
        method=method,
        seconds=seconds,
        proven=facts.status == "optimal",
    ):
        _say(f"  new best known plan for {name}: {facts.objective:.1f}")


def explain(quick: bool) -> list[Record]:
    """Target 4: ``planning optimize --scenario Kutt20`` end to end; reasons for a 200-initiative plan."""
    records = [
        measured("4", "planning optimize --scenario Kutt20 --json, end to end", lambda: _cli_runs(1 if quick else 3))
    ]
    records.append(measured("4", "reasons for n200-t16-f5-c5-s1's plan", _reasons_200))
    return records


def _cli_runs(repeats: int) -> Record:
    planning = str(Path(sys.executable).with_name("planning"))
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/veikart.db", "VEIKART_DEV_USER": "admin"}
        subprocess.run([planning, "init"], env=env, check=True, capture_output=True)
        walls, cpus = [], []
        for _ in range(repeats):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            began = time.perf_counter()
            done = subprocess.run(
                [planning, "optimize", "--scenario", "Kutt20", "--json"], env=env, capture_output=True
            )
            walls.append(time.perf_counter() - began)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode())
    wall = statistics.median(walls)
    return {
        "wall": round(wall, 2),
        "walls": [round(w, 2) for w in walls],
        "cpu": [round(c, 2) for c in cpus],
        "met": wall < 3.0,
    }


def _reasons_200() -> Record:
    portfolio, sc = generate(Spec(200, 16, 5, 5)), scenario(10.0)
    plan = optimise(portfolio, sc, time_limit=10.0, explain=False)
    began = time.perf_counter()
    frame = quick_reasons(portfolio, plan, sc)
    seconds = time.perf_counter() - began
    return {"seconds": round(seconds, 2), "reasons": int(frame["reason"].astype(bool).sum()), "met": seconds < 10.0}


def warm(quick: bool) -> list[Record]:
    """Target 5: one initiative's cost up 10 % in the sample (Basis), optimised again from the plan before."""
    loaded = load_path(SAMPLE).portfolio
    if loaded is None:
        raise ValueError(f"the sample at {SAMPLE} does not load")
    portfolio = loaded
    before = optimise(portfolio, "Basis", explain=False)
    names = [i for i in before.starts if portfolio.initiatives.at[i, "total_cost"] is not None][: 2 if quick else 6]

    def runs() -> Record:
        cold, warmed, optimal, same = [], [], True, True
        for name in names:
            edited = portfolio.copy()
            edited.initiatives.at[name, "total_cost"] = float(edited.initiatives.at[name, "total_cost"]) * 1.1
            first = optimise(edited, "Basis", explain=False)
            second = optimise(edited, "Basis", explain=False, warm_start=before.starts)
            cold.append(first.facts.solve_seconds)
            warmed.append(second.facts.solve_seconds)
            optimal &= second.facts.status == "optimal"
            same &= abs((second.npv or 0.0) - (first.npv or 0.0)) <= 2e-4 * max(1.0, abs(first.npv or 0.0))
        median = statistics.median(warmed)
        return {
            "edited": names,
            "cold": [round(s, 3) for s in cold],
            "warm": [round(s, 3) for s in warmed],
            "warm_median": round(median, 3),
            "all_optimal": optimal,
            "same_value_as_cold": same,  # the warm plan itself, not only its status (HiGHS 1.16's stale start)
            "met": optimal and same and median < 0.3,
        }

    return [measured("5", "sample Basis, one cost +10 %, solver seconds", runs)]


def quality(quick: bool) -> list[Record]:
    """Target 1: NPV at 10 s against the best plan known for the instance."""
    return [measured("1", f"{spec.name}, 10 s", partial(_quality, spec)) for spec in QUALITY[: 1 if quick else None]]


def _quality(spec: Spec) -> Record:
    portfolio = generate(spec)
    plan = optimise(portfolio, scenario(10.0), time_limit=10.0, explain=False)
    _offer(spec.name, portfolio, plan, "Veikart optimise, 10 s", 10.0)
    reference = best_known()[spec.name]
    share = (plan.facts.objective or 0.0) / reference["objective"]
    return {
        "objective": plan.facts.objective,
        "best_known": reference["objective"],
        "share": round(share, 4),
        "best_method": reference["method"],
        "met": share >= 0.99,
    }


def bounds(quick: bool) -> list[Record]:
    """Targets 2 and 3: the proven gap after 60 s."""
    cases = BOUNDS[:1] if quick else BOUNDS
    return [
        measured("2" if spec.initiatives < 1000 else "3", f"{spec.name}, 60 s", partial(_gap, spec, goal))
        for spec, goal in cases
    ]


def _gap(spec: Spec, goal: float) -> Record:
    portfolio = generate(spec)
    plan = optimise(portfolio, scenario(60.0), time_limit=60.0, explain=False)
    _offer(spec.name, portfolio, plan, "Veikart optimise, 60 s", 60.0)
    f = plan.facts
    return {
        "status": f.status,
        "objective": f.objective,
        "bound": f.bound,
        "gap": f.gap,
        "goal": goal,
        "met": f.gap is not None and f.gap <= goal,
    }


def progress(quick: bool) -> list[Record]:
    """Target 10: the longest silence between progress reports while solving, with a plan and bound."""
    case = {c.name: c for c in load_cases("j30")}["j3025_3"]
    cases: list[tuple[str, Any, Any, float]] = [
        (
            "J30 j3025_3 (a long root), 20 s",
            rcpsp_portfolio(cast(Rcpsp, case.instance)),
            scenario_for("j30", 20.0),
            20.0,
        )
    ]
    if not quick:
        cases.append(("n200-t16-f5-c5-s1 (polishing), 20 s", generate(Spec(200, 16, 5, 5)), scenario(20.0), 20.0))
    return [measured("10", what, partial(_silences, p, s, limit)) for what, p, s, limit in cases]


def _silences(portfolio: Any, sc: Any, limit: float) -> Record:
    heard: list[tuple[float, str]] = []
    began = time.perf_counter()
    optimise(
        portfolio,
        sc,
        time_limit=limit,
        explain=False,
        progress=lambda line, _done: heard.append((time.perf_counter() - began, line)),
    )
    solving = [t for t, line in heard if line.startswith("Solving (")]
    gaps = [b - a for a, b in itertools.pairwise(solving)]
    with_gap = sum("from the best possible" in line for _t, line in heard)
    longest = max(gaps, default=float("inf"))
    return {
        "reports": len(solving),
        "with_gap": with_gap,
        "longest_silence": round(longest, 2),
        "met": longest <= 2.0 and with_gap > 0,
    }


def j30(quick: bool) -> list[Record]:
    """Target 6: J30 at the optimum within 20 s each."""

    def run() -> Record:
        cases = load_cases("j30")[: 48 if quick else None]
        results = [solve_case("j30", case, 20.0) for case in cases]
        equal = sum(r["found"] == r["reference"] for r in results)
        proven = sum(r["status"] == "optimal" for r in results)
        return {
            "instances": len(results),
            "equal": equal,
            "proven": proven,
            "max_seconds": max(r["seconds"] for r in results),
            "met": equal == len(results) == 480,
        }

    return [measured("6", "PSPLIB J30, 20 s each", run)]


RUNS: dict[str, Callable[[bool], list[Record]]] = {
    "promise": promise,
    "monotone": monotone,
    "explain": explain,
    "warm": warm,
    "quality": quality,
    "bounds": bounds,
    "progress": progress,
    "j30": j30,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.issue32", description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part (repeatable)")
    parser.add_argument("--quick", action="store_true", help="fewer and shorter runs, to try the command out")
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "bench.issue32", *(sys.argv[1:] if argv is None else argv)])
    chosen = args.only or list(PARTS)

    def produce() -> list[Record]:
        """The records of the parts run now, beside those kept of the parts not run."""
        kept = load_all().get("issue32", {}).get("data", [])
        records = [r for r in kept if r["part"] not in chosen]
        for part in chosen:
            for record in RUNS[part](args.quick):
                records.append({"part": part, **record})
        return records

    run_and_save("issue32", command, produce, save_it=not args.quick)
    if not args.quick:  # a quick run is only a try: nothing saved, the report as it was
        _say(f"wrote {write_report()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
