"""Methods tried for issue 32 and not kept: CP-SAT on the NPV MILP, and relax-and-fix over periods.

``python -m bench.alternatives cpsat n200-t16-f5-c5-s1 --seconds 10`` hands the MILP the
optimiser builds (start binaries, every row as built) to OR-Tools CP-SAT with the optimiser's
starting plan as its hint. ``python -m bench.alternatives relax-and-fix n200-t16-f5-c5-s1
--seconds 10`` solves the MILP with only the binaries of the first window of periods integer,
fixes them, moves to the next window, and hands the plan to HiGHS for what is left of the time.
Each prints the plan's NPV, the bound and the seconds; docs/model.md (issue 32) has the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

import highspy
import numpy as np
import pulp
from ortools.sat.python import cp_model

from bench.best_known import best_known
from bench.generator import Spec, generate, scenario
from planning.optimise import plan_inputs
from planning.optimise.cpsat import scale
from planning.optimise.model import PlanModel, build_model
from planning.optimise.solve import hand_start, initial_plan


def spec_of(name: str) -> Spec:
    """The generator's spec from an instance name such as n200-t16-f5-c5-s1."""
    n, t, f, c, s = (int(part[1:]) for part in name.split("-"))
    return Spec(n, t, f, c, s)


def built(name: str, seconds: float) -> PlanModel:
    """The optimiser's MILP of the instance, its variables set to the optimiser's starting plan."""
    inputs = plan_inputs(generate(spec_of(name)), scenario(seconds))
    model = build_model(inputs)
    hand_start(model, initial_plan(inputs), seconds)
    return model


def cpsat_on_milp(model: PlanModel, seconds: float, workers: int) -> tuple[float, float]:
    """CP-SAT on the MILP as built (binaries only), each row scaled to whole numbers; NPV and bound."""
    cp = cp_model.CpModel()
    found = {}
    for var in model.problem.variables():
        if var.cat != pulp.LpInteger or var.lowBound != 0 or var.upBound != 1:
            raise ValueError(f"{var.name} is not binary: this experiment takes binaries only")
        found[var.name] = cp.new_bool_var(var.name)
        if var.varValue is not None:
            cp.add_hint(found[var.name], var.varValue > 0.5)
    for name, row in model.problem.constraints.items():
        terms = list(row.items())
        factor = scale([a for _, a in terms] + [-row.constant])
        if factor is None:
            raise ValueError(f"row {name} is not whole after scaling")
        lhs = sum(round(a * factor) * found[v.name] for v, a in terms)
        rhs = round(-row.constant * factor)
        cp.add(lhs <= rhs if row.sense == pulp.LpConstraintLE else lhs >= rhs if row.sense > 0 else lhs == rhs)
    cp.maximize(sum(a * found[v.name] for v, a in model.problem.objective.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    status = solver.solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return float("nan"), float("nan")
    return float(solver.objective_value), float(solver.best_objective_bound)


def relax_and_fix(model: PlanModel, seconds: float, step: int, share: float) -> tuple[float, float, float]:
    """Relax-and-fix over windows of ``step`` periods for ``share`` of ``seconds``, then HiGHS on
    the whole MILP from its plan; the relax-and-fix NPV, the final NPV and bound."""
    began = time.perf_counter()
    solver = pulp.HiGHS(msg=False)
    solver.createAndConfigureSolver(model.problem)
    solver.buildSolverModel(model.problem)
    highs: highspy.Highs = model.problem.solverModel
    columns = highs.getLp().num_col_
    period = np.full(columns, -1)
    for (_i, t), var in model.variables.items():
        period[var.index] = t
    binary, every = period >= 0, np.arange(columns, dtype=np.int32)
    lower, upper = np.array(highs.getLp().col_lower_), np.array(highs.getLp().col_upper_)
    windows = list(range(0, model.inputs.timeline.periods, step))
    plan, ends = None, began + share * seconds
    for k, first in enumerate(windows):
        highs.changeColsIntegrality(columns, every, (binary & (period < first + step)).astype(np.uint8))
        highs.setOptionValue("time_limit", max(0.2, (ends - time.perf_counter()) / (len(windows) - k)))
        highs.run()
        if highs.getInfo().primal_solution_status != 2:
            break
        plan = np.array(highs.getSolution().col_value)
        fixed = binary & (period >= first) & (period < first + step)
        low, up = np.array(highs.getLp().col_lower_), np.array(highs.getLp().col_upper_)
        low[fixed] = up[fixed] = np.round(plan[fixed])
        highs.changeColsBounds(columns, every, low, up)
    costs = np.array(highs.getLp().col_cost_)  # HiGHS minimises the negated NPV
    fixed_value = -float(costs @ plan) if plan is not None else float("nan")
    highs.changeColsBounds(columns, every, lower, upper)
    highs.changeColsIntegrality(columns, every, binary.astype(np.uint8))
    if plan is not None:
        start = highspy.HighsSolution()
        start.col_value = list(plan)
        highs.setSolution(start)
    highs.setOptionValue("time_limit", max(0.1, seconds - (time.perf_counter() - began)))
    highs.run()
    info = highs.getInfo()
    return fixed_value, -info.objective_function_value, -info.mip_dual_bound


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.alternatives", description=__doc__.splitlines()[0])
    parser.add_argument("method", choices=("cpsat", "relax-and-fix"))
    parser.add_argument("instances", nargs="+")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=8, help="CP-SAT's workers")
    parser.add_argument("--step", type=int, default=4, help="relax-and-fix: periods per window")
    parser.add_argument("--share", type=float, default=0.6, help="relax-and-fix: share of the time")
    args = parser.parse_args(argv)
    for name in args.instances:
        began = time.perf_counter()
        model = built(name, args.seconds)
        left = max(0.1, args.seconds - (time.perf_counter() - began))
        if args.method == "cpsat":
            values: tuple[float, ...] = cpsat_on_milp(model, left, args.workers)
        else:
            values = relax_and_fix(model, left, args.step, args.share)
        known = best_known().get(name, {}).get("objective")
        shown = " ".join(f"{v:.1f}" for v in values)
        print(f"{name} {args.method}: {shown}; best known {known}; {time.perf_counter() - began:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
