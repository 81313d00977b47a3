"""Solvers compared on the same synthetic portfolios, and the speed targets of issue 3.

Every method gets the same portfolio, scenario (NPV at 4 %) and time limit:

- Veikart: ``optimise`` with HiGHS and the formulation and HiGHS options it chooses by size
  (small models: cumulative, Veikart's options; large ones: start-time with tight
  precedence, HiGHS's defaults);
- greedy: the benefit/cost ranking of :mod:`planning.optimise.greedy`;
- CBC: the same model solved by CBC;
- cumulative: Veikart with the cumulative formulation whatever the size (what the choice buys);
- start-time: the textbook formulation with big-M precedence, HiGHS;
- HiGHS defaults: Veikart's model and MIP start, with HiGHS's default options at every size
  (what :data:`planning.optimise.solve.HIGHS_OPTIONS` buy on small models, which Veikart
  gives them);
- Veikart's options: the same with :data:`~planning.optimise.solve.HIGHS_OPTIONS` at every
  size (what HiGHS's defaults buy on large models, which Veikart gives them).

Every plan is checked by :func:`planning.optimise.checker.check_plan`, which shares no
code with the model.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any

from bench.generator import Spec, generate, scenario
from planning.io import load_path
from planning.optimise import optimise, plan_inputs
from planning.optimise.checker import check_plan
from planning.optimise.greedy import greedy_plan
from planning.optimise.plan import plan_npv
from planning.optimise.solve import HIGHS_OPTIONS

SPECS = (
    Spec(50, 8, 2, 1),
    Spec(50, 12, 3, 2),
    Spec(200, 16, 5, 5),
    Spec(200, 24, 8, 4),
    Spec(1000, 20, 4, 3),
    Spec(1000, 40, 8, 8),
)
"""The comparison's instances: 50, 200 and 1000 initiatives, 8 to 40 periods, 1 to 8 pools."""
METHODS: dict[str, tuple[str, str, dict[str, object] | None]] = {
    "veikart": ("highs", "auto", None),
    "cbc": ("cbc", "auto", None),
    "cumulative": ("highs", "cumulative", None),
    "start_time": ("highs", "start_time", None),
    "highs_defaults": ("highs", "auto", {}),
    "veikart_options": ("highs", "auto", HIGHS_OPTIONS),
}
"""Method -> (solver, formulation, HiGHS options; ``None`` to let the optimiser choose by size)."""
TARGET_SPEC = Spec(200, 16, 5, 5)
Progress = Callable[[str], None]


def compare(
    specs: Iterable[Spec] = SPECS,
    time_limit: float = 60.0,
    *,
    methods: Iterable[str] = tuple(METHODS),
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """One record per instance and method: status, times, objective, bound, gap, NPV, gain over greedy."""
    records: list[dict[str, Any]] = []
    for spec in specs:
        began = time.perf_counter()
        portfolio = generate(spec)
        sc = scenario(time_limit)
        base = {
            "instance": spec.name,
            "initiatives": spec.initiatives,
            "periods": spec.periods,
            "funding_pools": spec.funding_pools,
            "capacity_pools": spec.capacity_pools,
            "generate_seconds": round(time.perf_counter() - began, 3),
        }
        greedy = greedy_record(portfolio, sc)
        records.append({**base, **greedy})
        _say(progress, records[-1])
        for method in methods:
            record = optimiser_record(portfolio, sc, method, time_limit)
            gain = None if record["npv"] is None else record["npv"] - greedy["npv"]
            records.append({**base, **record, "gain": gain, "gain_share": _share(gain, greedy["npv"])})
            _say(progress, records[-1])
    return records


def _share(gain: float | None, reference: float) -> float | None:
    return None if gain is None or abs(reference) < 1e-9 else gain / abs(reference)


def _say(progress: Progress | None, r: dict[str, Any]) -> None:
    if progress is not None:
        gap = "-" if r.get("gap") is None else f"{r['gap']:.2%}"
        npv = "-" if r.get("npv") is None else f"{r['npv']:.1f}"
        progress(
            f"{r['instance']} {r['method']}: {r['status']} npv {npv} gap {gap} "
            f"build {r['build_seconds']:.1f}s solve {r['solve_seconds']:.1f}s violations {r['violations']}"
        )


def greedy_record(portfolio: Any, sc: Any) -> dict[str, Any]:
    began = time.perf_counter()
    inputs = plan_inputs(portfolio, sc)
    inputs_seconds = time.perf_counter() - began
    began = time.perf_counter()
    starts = greedy_plan(inputs)
    seconds = time.perf_counter() - began
    npv = plan_npv(inputs, starts)
    return {
        "method": "greedy",
        "solver": "-",
        "formulation": "-",
        "status": "heuristic",
        "objective": npv,
        "bound": None,
        "gap": None,
        "npv": npv,
        "build_seconds": inputs_seconds,
        "solve_seconds": seconds,
        "selected": len(starts),
        "violations": len(check_plan(portfolio, sc, starts)),
        "gain": 0.0,
        "gain_share": 0.0,
    }


def optimiser_record(portfolio: Any, sc: Any, method: str, time_limit: float) -> dict[str, Any]:
    solver, formulation, options = METHODS[method]
    plan = optimise(
        portfolio,
        sc,
        time_limit=time_limit,
        solver=solver,
        formulation=formulation,
        explain=False,
        highs_options=options,
    )
    f = plan.facts
    starts = plan.starts
    return {
        "method": method,
        "solver": f.solver,
        "formulation": f.formulation,
        "status": f.status if plan.has_plan else f"no plan ({f.status})",
        "objective": f.objective,
        "bound": f.bound,
        "gap": f.gap,
        "npv": plan.npv,
        "build_seconds": f.build_seconds,
        "solve_seconds": f.solve_seconds,
        "selected": len(starts),
        "violations": len(check_plan(portfolio, sc, starts)) if starts else 0,
    }


def speed_targets(sample: str = "data/sample", repeats: int = 3) -> list[dict[str, Any]]:
    """Issue 3's targets: the sample to proven optimum in < 1 s; 200 x 16 x 5 pools to 1 % in 10 s."""
    rows = []
    portfolio = load_path(sample).portfolio
    if portfolio is None:
        raise ValueError(f"the sample at {sample} does not load")
    for name in portfolio.scenarios.index:
        runs = [optimise(portfolio, str(name), explain=False) for _ in range(repeats)]
        seconds = [p.facts.solve_seconds for p in runs]
        worst_gap = max((p.facts.gap if p.facts.gap is not None else float("inf")) for p in runs)
        met = all(p.facts.status == "optimal" for p in runs) and worst_gap <= 1e-4 and statistics.median(seconds) < 1
        rows.append(
            {
                "target": f"sample, scenario {name}: proven optimum (gap <= 1e-4) in < 1 s solver time",
                "status": runs[0].facts.status,
                "gap": worst_gap,
                "solve_seconds": statistics.median(seconds),
                "solve_seconds_all": seconds,
                "build_seconds": statistics.median(p.facts.build_seconds for p in runs),
                "met": met,
            }
        )
    generated = generate(TARGET_SPEC)
    plans = [optimise(generated, scenario(10.0), time_limit=10.0, gap=0.01, explain=False) for _ in range(repeats)]
    seconds = [p.facts.solve_seconds for p in plans]
    worst_gap = max((p.facts.gap if p.facts.gap is not None else float("inf")) for p in plans)
    rows.append(
        {
            "target": f"generated {TARGET_SPEC.name}: gap <= 1 % within 10 s",
            "status": plans[0].facts.status,
            "gap": worst_gap,
            "solve_seconds": statistics.median(seconds),
            "solve_seconds_all": seconds,
            "build_seconds": statistics.median(p.facts.build_seconds for p in plans),
            "met": all(p.facts.status == "optimal" for p in plans) and worst_gap <= 0.01,
        }
    )
    return rows
