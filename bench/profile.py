"""Where the time goes: each stage of ``optimise`` timed on its own, and the model build profiled.

The stages are those of :func:`planning.optimise.optimise`, run one by one: validation,
plan inputs, the greedy starting plan, building the PuLP model, the LP-guided starting plan
(large models), handing the model to HiGHS (PuLP adds every column and row through
highspy), HiGHS itself with the optimiser's options and MIP start, polishing the plan
(large models, once HiGHS has stalled) and reading the plan back.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from typing import Any

import pulp

from bench.generator import Spec, generate, scenario
from planning.domain.validation import validate
from planning.optimise import plan_inputs
from planning.optimise.model import build_model
from planning.optimise.plan import SolverFacts
from planning.optimise.polish import applies, polish
from planning.optimise.solve import (
    HIGHS_OPTIONS,
    HiGHSFromStart,
    assemble_plan,
    hand_start,
    initial_plan,
    read_starts,
    silence_highs_banner,
    time_left,
)
from planning.optimise.stall import Stall

PROFILE_SPEC = Spec(1000, 40, 8, 8)
TOP_FUNCTIONS = 15


class TimedHiGHS(HiGHSFromStart):
    """The optimiser's HiGHS interface, timing the hand-over to HiGHS apart from HiGHS's own run."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.seconds: dict[str, float] = {}

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:
        began = time.perf_counter()
        super().buildSolverModel(lp)
        self.seconds["hand-over to HiGHS (PuLP -> highspy)"] = time.perf_counter() - began

    def callSolver(self, lp: pulp.LpProblem) -> None:
        began = time.perf_counter()
        super().callSolver(lp)
        self.seconds["HiGHS run"] = time.perf_counter() - began


def profile(spec: Spec = PROFILE_SPEC, time_limit: float = 60.0, formulation: str = "cumulative") -> dict[str, Any]:
    """Seconds per stage, model size, the solver's result and the build's busiest functions."""
    portfolio = generate(spec)
    sc = scenario(time_limit)
    stages: dict[str, float] = {}
    began = time.perf_counter()
    validate(portfolio)
    stages["validate portfolio"] = time.perf_counter() - began
    began = time.perf_counter()
    inputs = plan_inputs(portfolio, sc)
    stages["plan inputs"] = time.perf_counter() - began
    began = time.perf_counter()
    start = initial_plan(inputs)
    stages["greedy starting plan"] = time.perf_counter() - began
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.enable()
    model = build_model(inputs, formulation)
    profiler.disable()
    stages["build model (PuLP)"] = time.perf_counter() - began
    silence_highs_banner()
    stages["LP-guided starting plan"] = hand_start(model, start, time_limit)
    remaining = time_left(time_limit, stages["LP-guided starting plan"])
    polishing = applies(model)
    solver = TimedHiGHS(msg=False, timeLimit=remaining, gapRel=1e-4, **HIGHS_OPTIONS)
    solver.stop_when = Stall() if polishing else None  # as the optimiser: polishing follows when HiGHS stalls
    began = time.perf_counter()
    model.problem.solve(solver)
    solve_total = time.perf_counter() - began
    stages.update(solver.seconds)
    stages["PuLP before and after HiGHS"] = solve_total - sum(solver.seconds.values())
    highs = model.problem.solverModel
    status, info = highs.modelStatusToString(highs.getModelStatus()), highs.getInfo()
    if polishing and status != "Optimal":
        began = time.perf_counter()
        polish(model, max(0.0, remaining - solve_total))
        stages["polishing (sub-models)"] = time.perf_counter() - began
    began = time.perf_counter()
    starts = read_starts(model)
    facts = SolverFacts("time_limit", None, None, None, 0.0, 0.0, time_limit, "HiGHS", "", "")
    assemble_plan(portfolio, inputs, facts, starts)
    stages["read the plan"] = time.perf_counter() - began
    return {
        "instance": spec.name,
        "formulation": formulation,
        "variables": len(model.problem.variables()),
        "constraints": model.problem.numConstraints(),
        "nonzeros": sum(len(c) for c in model.problem.constraints()),
        "status": status,
        "mip_gap": float(info.mip_gap),
        "stages": stages,
        "top_functions": top_functions(profiler),
    }


def top_functions(profiler: cProfile.Profile, count: int = TOP_FUNCTIONS) -> list[dict[str, Any]]:
    """The functions with the most cumulative time in the build."""
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        short = filename.split("site-packages/")[-1].split("/work/main/")[-1]
        rows.append({"function": f"{short}:{line}({name})", "calls": calls, "own": own, "cumulative": cumulative})
    rows.sort(key=lambda r: -r["cumulative"])
    return rows[:count]
