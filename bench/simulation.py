"""Speed of the Monte Carlo simulation (issue 29): 10,000 futures of a plan, timed, with memory.

Three plans:

- the sample portfolio's Basis plan (optimised first; the optimisation is not timed);
- the greedy plan of a generated 1000-initiative portfolio (``bench/generator.py``: 20
  half-year periods, 4 funding pools) with its envelopes tripled, so that as many
  initiatives fit as its capacities, windows and alternatives allow: about 600 in the plan;
- a plan of all 1000 initiatives on the same portfolio: each at its earliest start, with the
  envelopes raised (by the smallest factor, rounded up to a whole number) until the plan
  keeps every one of them: the issue's "generated 1000-initiative plan";
- a stress case on the same portfolio: every one of the 1000 initiatives planned at its
  earliest start against the generator's own envelopes, about three times what they
  hold, so that the overrun policy defers in every period.

Each is simulated three times (wall-clock and CPU seconds; the median is judged), then once
more under ``tracemalloc`` for the peak memory the simulation allocates. The time includes
everything :func:`planning.uncertainty.simulate_plan` does: reading the plan's inputs,
drawing the futures, living the plan through them and the result tables.
"""

from __future__ import annotations

import math
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.generator import Spec, generate, scenario
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.optimise import Plan, SolverFacts, optimise, plan_inputs
from planning.optimise.greedy import greedy_plan
from planning.optimise.solve import assemble_plan
from planning.uncertainty import SimulationOptions, simulate_plan

SAMPLES = 10_000
RUNS = 3
GENERATED = Spec(1000, 20, 4, 3)
Say = Callable[[str], None]


@dataclass(frozen=True)
class Case:
    """A plan to simulate and the time it should take."""

    name: str
    portfolio: Portfolio
    plan: Plan
    scenario: Scenario | None
    target_seconds: float | None


def _quiet(_: str) -> None:
    return None


def _facts() -> SolverFacts:
    return SolverFacts("time_limit", 0.0, None, None, 0.0, 0.0, 0.0, "greedy", "", "")


def cases() -> list[Case]:
    """The sample's Basis plan, the generated portfolio's greedy plan, and the stress case."""
    sample = load_path("data/sample").portfolio
    assert sample is not None
    basis = optimise(sample, "Basis", explain=False)
    generated = generate(GENERATED)
    roomy = scenario().model_copy(update={"budget_factor": 3.0})
    inputs = plan_inputs(generated, roomy)
    greedy = assemble_plan(generated, inputs, _facts(), greedy_plan(inputs))
    tight = scenario()
    tight_inputs = plan_inputs(generated, tight)
    earliest = {i: int(tight_inputs.initiatives.at[i, "earliest"]) for i in tight_inputs.ids}
    every = assemble_plan(generated, tight_inputs, _facts(), earliest)
    spend = every.spend
    factor = float(math.ceil((spend["amount"] / spend["envelope"]).max()))
    holding = scenario().model_copy(update={"budget_factor": factor})
    kept = assemble_plan(generated, plan_inputs(generated, holding), _facts(), earliest)
    return [
        Case("sample portfolio, scenario Basis: 10,000 futures in < 2 s", sample, basis, None, 2.0),
        Case(
            f"generated {GENERATED.name}, greedy plan at 3 x the envelopes: 10,000 futures in < 20 s",
            generated,
            greedy,
            roomy,
            20.0,
        ),
        Case(
            f"generated {GENERATED.name}, all 1000 at their earliest start, envelopes x {factor:.0f} so the plan "
            "keeps them: 10,000 futures in < 20 s",
            generated,
            kept,
            holding,
            20.0,
        ),
        Case(
            f"generated {GENERATED.name}, all 1000 at their earliest start (stress: far over the envelopes)",
            generated,
            every,
            tight,
            None,
        ),
    ]


def measure(case: Case, say: Say = _quiet) -> dict[str, Any]:
    """Time ``RUNS`` simulations of ``SAMPLES`` futures of one case, then its peak memory."""
    options = SimulationOptions(samples=SAMPLES, seed=1)
    walls, cpus = [], []
    for run in range(RUNS):
        began, cpu = time.perf_counter(), time.process_time()
        result = simulate_plan(case.portfolio, case.plan, case.scenario, options)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
        say(f"{case.name}: run {run + 1} {walls[-1]:.2f} s ({cpus[-1]:.2f} s CPU)")
    tracemalloc.start()
    simulate_plan(case.portfolio, case.plan, case.scenario, options)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    wall = statistics.median(walls)
    return {
        "target": case.name,
        "initiatives": len(case.plan.starts),
        "periods": case.portfolio.timeline.periods,
        "pools": len(case.portfolio.funding_pools),
        "samples": SAMPLES,
        "seconds": round(wall, 3),
        "seconds_all": [round(w, 3) for w in walls],
        "cpu_seconds": round(statistics.median(cpus), 3),
        "peak_mib": round(peak / 2**20, 1),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_after": list(os.getloadavg()),
        "p_all_within": result.summary["p_all_within"],
        "mean_deferred": result.summary["mean_deferred"],
        "target_seconds": case.target_seconds,
        "met": None if case.target_seconds is None else wall < case.target_seconds,
    }


def simulation_benchmark(say: Say = _quiet) -> list[dict[str, Any]]:
    """Every case measured, in order."""
    return [measure(case, say) for case in cases()]
