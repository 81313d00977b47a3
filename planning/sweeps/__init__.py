"""Sweeps: many independent solves (Core Index futures, frontier levels) on one engine.

A sweep is a pure function applied to a list of items with shared inputs; results come back
as they finish, keyed by the item's position, so the answer never depends on the order of
finishing or on the number of workers. :func:`engine_for` chooses the engine: a plain loop in
this process, a Dask ``LocalCluster`` on this machine, or a Dask scheduler's address
(``VEIKART_DASK_SCHEDULER``). ``docs/scaling.md`` tells how to run on a cluster.
"""

from planning.sweeps.engine import (
    SCHEDULER_ENV,
    DaskEngine,
    Engine,
    LoopEngine,
    Progress,
    SweepResult,
    engine_for,
    run_sweep,
)

__all__ = [
    "SCHEDULER_ENV",
    "DaskEngine",
    "Engine",
    "LoopEngine",
    "Progress",
    "SweepResult",
    "engine_for",
    "run_sweep",
]
