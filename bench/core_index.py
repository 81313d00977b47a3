"""Speed of the Core Index on Dask (issue 30): the sample's Basis scenario re-optimised in 200 futures.

``python -m bench.core_index [--samples 200] [--seed 1]`` measures, on this machine:

- the Core Index on a local cluster of 2 worker processes (target: under 60 s), wall-clock
  from the call to the index, and the cluster's start separately;
- the same on 1 worker: the speed-up from 1 to 2 workers (goal: at least 1.8x);
- the same on the plain loop in this process: the per-solve overhead of the Dask path
  ((1-worker wall - loop wall) / futures), and the round trip of an empty task on 2 workers;
- whether the three indices are the same (the determinism promise): each future is solved to
  a node limit (``--nodes``, :mod:`planning.optimise.deterministic`), the time limit only a
  safety net, so they must be, on a loaded machine too.

Run it on a quiet machine: ``python -m bench.core_index --samples 200`` (about 5 minutes of
two cores: the 2-worker, the 1-worker and the loop runs one after the other).

Every figure is written to ``bench/results/core_index.json`` with the machine's cores, its
load average before and after, and the versions of Python, HiGHS, PuLP and Dask.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from planning.io import load_path
from planning.optimise.deterministic import NODE_LIMIT
from planning.sweeps import DaskEngine, Engine, LoopEngine, engine_for, run_sweep
from planning.uncertainty.core_index import CoreIndex, CoreIndexOptions, core_index

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
RESULTS = Path(__file__).resolve().parent / "results" / "core_index.json"
TARGET_SECONDS, SPEEDUP_GOAL = 60.0, 1.8


def _nothing(_shared: object, item: int) -> int:
    return item


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    return {
        "cores": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "python": platform.python_version(),
        **{name: version(name) for name in ("highspy", "PuLP", "dask", "distributed", "numpy", "pandas")},
    }


def timed(engine: Engine, options: CoreIndexOptions) -> tuple[CoreIndex, float]:
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    began = time.perf_counter()
    result = core_index(portfolio, "Basis", options, engine=engine)
    return result, time.perf_counter() - began


def on_cluster(workers: int, options: CoreIndexOptions, say: Any) -> dict[str, Any]:
    began = time.perf_counter()
    with engine_for(workers) as engine:
        assert isinstance(engine, DaskEngine)
        started = time.perf_counter() - began
        run_sweep(_nothing, "warm", list(range(workers * 2)), engine)  # workers warm: imports done
        empty_began = time.perf_counter()
        run_sweep(_nothing, "timed", list(range(200)), engine)
        empty = (time.perf_counter() - empty_began) / 200
        result, seconds = timed(engine, options)
    say(f"{workers} worker(s): {seconds:.1f} s for {len(result.futures)} futures (cluster start {started:.1f} s)")
    return {"workers": workers, "seconds": seconds, "cluster_start": started, "empty_task_seconds": empty,
            "index": result}  # fmt: skip


def summary(result: CoreIndex) -> dict[str, Any]:
    counts = result.initiatives["klass"].value_counts().to_dict()
    return {"futures": len(result.futures), "planned": result.planned, "stopped_by_time_limit": result.stopped_by_limit,
            "stopped_by_node_limit": result.stopped_by_work,
            "classes": {str(k): int(v) for k, v in counts.items()}}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--time-limit", type=float, default=None, help="Seconds per future, a safety net (default: the scenario's)."
    )
    parser.add_argument("--nodes", type=int, default=NODE_LIMIT, help="Node limit per future (the stopping rule).")
    args = parser.parse_args(argv)
    options = CoreIndexOptions(samples=args.samples, seed=args.seed, time_limit=args.time_limit, nodes=args.nodes)

    def say(line: str) -> None:
        print(line, flush=True)

    load_before = os.getloadavg()
    two = on_cluster(2, options, say)
    one = on_cluster(1, options, say)
    loop, loop_seconds = timed(LoopEngine(), options)
    say(f"plain loop: {loop_seconds:.1f} s")
    same = all(
        r.initiatives.equals(loop.initiatives) and r.futures.equals(loop.futures) for r in (two["index"], one["index"])
    )
    record = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "samples": args.samples,
        "seed": args.seed,
        "gap": options.gap,
        "time_limit_per_future": args.time_limit,
        "nodes_per_future": args.nodes,
        "loop_seconds_per_future": loop_seconds / args.samples,
        "two_workers_seconds": two["seconds"],
        "two_workers_target_met": two["seconds"] < TARGET_SECONDS,
        "one_worker_seconds": one["seconds"],
        "speedup": one["seconds"] / two["seconds"],
        "speedup_goal_met": one["seconds"] / two["seconds"] >= SPEEDUP_GOAL,
        "loop_seconds": loop_seconds,
        "overhead_per_solve_seconds": (one["seconds"] - loop_seconds) / args.samples,
        "empty_task_seconds_two_workers": two["empty_task_seconds"],
        "cluster_start_seconds": {"1": one["cluster_start"], "2": two["cluster_start"]},
        "same_index_loop_1_2_workers": same,
        "index": summary(loop),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n")
    say(json.dumps(record, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
