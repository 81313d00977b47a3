"""Run one pure function over many items: in a loop here, or on Dask distributed.

Contract of a sweep task: ``function(shared, item)`` depends on its arguments only (no clock,
no global state, no randomness but what the item carries), so a task may run anywhere, twice
(a task lost with its worker is run again, ``retries``) or not at all (cancelled) without
changing any other result. Results are gathered as they finish and keyed by the item's
position: whatever the engine or the worker count, the same items give the same results.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from planning.messages.phrases import phrase

Item = TypeVar("Item")
Result = TypeVar("Result")
Progress = Callable[[int, int], None]
"""Called with the tasks done and the tasks in all, after each task that finishes."""
Stop = Callable[[], bool]
"""Asked after each finished task; ``True`` cancels what has not finished (finished results are kept)."""
SCHEDULER_ENV = "VEIKART_DASK_SCHEDULER"
"""Environment variable with a Dask scheduler's address (``tcp://host:8786``) to sweep on."""
RETRIES = 2
"""Times a task lost with its worker (or failing) is run again before the sweep fails."""


@dataclass
class SweepResult(Generic[Result]):
    """The results of the tasks that finished, by item position, and whether the sweep was cancelled."""

    results: dict[int, Result] = field(default_factory=dict)
    total: int = 0
    cancelled: bool = False
    engine: str = ""

    @property
    def ordered(self) -> list[Result]:
        """The finished results in the order of the items."""
        return [self.results[k] for k in sorted(self.results)]


class Engine(Protocol):
    """Runs ``function(shared, item)`` for every item, calling ``progress`` as tasks finish."""

    name: str

    def map(
        self,
        function: Callable[[Any, Any], Any],
        shared: Any,
        items: Sequence[Any],
        progress: Progress | None,
        stop: Stop | None,
    ) -> SweepResult[Any]: ...


class LoopEngine:
    """Every task in this process, one after the other: for tests, small runs and a baseline."""

    name = "loop"

    def map(
        self,
        function: Callable[[Any, Any], Any],
        shared: Any,
        items: Sequence[Any],
        progress: Progress | None,
        stop: Stop | None,
    ) -> SweepResult[Any]:
        out: SweepResult[Any] = SweepResult(total=len(items), engine=self.name)
        for position, item in enumerate(items):
            if stop is not None and stop():
                out.cancelled = True
                break
            out.results[position] = function(shared, item)
            if progress is not None:
                progress(len(out.results), len(items))
        return out


class DaskEngine:
    """Tasks on a Dask distributed client: a ``LocalCluster`` of worker processes, or a scheduler's address.

    Shared inputs are scattered to every worker once; each item is one task, submitted with
    ``retries`` so that a task whose worker dies is run again elsewhere.
    """

    name = "dask"

    def __init__(self, client: Any, retries: int = RETRIES) -> None:
        self.client = client
        self.retries = retries
        self.scattered: tuple[str, Any] | None = None
        """The shared inputs of the last sweep on the workers: their token and Dask future."""

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def map(
        self,
        function: Callable[[Any, Any], Any],
        shared: Any,
        items: Sequence[Any],
        progress: Progress | None,
        stop: Stop | None,
    ) -> SweepResult[Any]:
        from dask.base import tokenize
        from distributed import as_completed

        out: SweepResult[Any] = SweepResult(total=len(items), engine=self.name)
        if not items:
            return out
        token = tokenize(shared)
        remote = self.on_workers(shared, token)
        name = f"veikart-{getattr(function, '__name__', 'task')}-{token}"
        futures = {
            self.client.submit(
                function, remote, item, key=f"{name}-{position}-{tokenize(item)}", pure=True, retries=self.retries
            ): position
            for position, item in enumerate(items)
        }
        done = as_completed(futures, loop=self.client.loop)
        try:
            for future in done:
                out.results[futures[future]] = future.result()
                if progress is not None:
                    progress(len(out.results), len(items))
                if stop is not None and stop() and len(out.results) < len(items):
                    out.cancelled = True
                    break
        except KeyboardInterrupt:
            out.cancelled = True
        finally:
            left = [f for f in futures if f.status == "pending"]
            if left:
                self.client.cancel(left)
        return out

    def on_workers(self, shared: Any, token: str) -> Any:
        """The future of ``shared`` on every worker: scattered once per engine under a key of its
        own, and held between the engine's sweeps.

        A hashed key (the data's token) is the same for every client that scatters the same data:
        a sweep scattering it again could race with the release of an earlier reference (of this
        engine's last sweep, or of another client's on a shared scheduler), and the scheduler
        could forget the data the new tasks needed ("lost dependencies"). A key of its own cannot
        be released by anyone else. Sweeps in a row on one engine with the same shared inputs
        reuse the data already on the workers; data lost with every worker holding it goes out
        again under a new key.
        """
        held = self.scattered
        if held is not None and held[0] == token and held[1].status == "finished":
            return held[1]
        [remote] = self.client.scatter([shared], broadcast=True, hash=False)
        self.scattered = (token, remote)
        return remote


def default_workers() -> int:
    """Worker processes for a local cluster: one per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@contextmanager
def engine_for(workers: int | None = None, scheduler: str | None = None) -> Iterator[Engine]:
    """The engine for a sweep, closed afterwards.

    Parameters
    ----------
    workers
        ``0`` runs every task in this process (:class:`LoopEngine`); otherwise the worker
        processes of a local Dask cluster (default: one per core).
    scheduler
        A Dask scheduler's address (``tcp://host:8786``); default the environment variable
        :data:`SCHEDULER_ENV`. When given, ``workers`` is ignored: the cluster has its own.
    """
    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    if address is None and workers == 0:
        yield LoopEngine()
        return
    if workers is not None and workers < 0:
        raise ValueError(phrase("option_out_of_range", option="workers", value=workers, low=0, high="cores"))
    from distributed import Client

    if address is not None:
        with Client(address, set_as_default=False) as client:
            yield DaskEngine(client)
        return
    with local_cluster(workers or default_workers()) as cluster, Client(cluster, set_as_default=False) as client:
        yield DaskEngine(client)


START_ATTEMPTS = 3
"""Times a local cluster is started before giving up: a worker process spawned on a loaded machine may
miss its start-up deadline, and a fresh start then usually succeeds."""
CONNECT_TIMEOUT = "120s"
"""How long a local worker process may take to reach its scheduler (Dask's default is 30 s)."""


@contextmanager
def local_cluster(count: int) -> Iterator[Any]:
    """A ``LocalCluster`` of ``count`` single-threaded worker processes, started again if a start fails."""
    import dask
    from distributed import LocalCluster

    with plain_main(), dask.config.set({"distributed.comm.timeouts.connect": CONNECT_TIMEOUT}):
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                cluster = LocalCluster(
                    n_workers=count, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
                )
                break
            except (RuntimeError, TimeoutError, OSError):
                if attempt == START_ATTEMPTS:
                    raise
        with cluster:
            yield cluster


@contextmanager
def plain_main() -> Iterator[None]:
    """An empty ``__main__`` while local worker processes may be spawned.

    A spawned process runs its parent's ``__main__`` script again. Under Streamlit (and its
    ``AppTest``) ``__main__`` is the page being run, which must never run in a worker: it fails
    there, and the worker with it. Sweep tasks are importable by name, so a worker needs
    nothing from ``__main__``. The real one is put back when the cluster is closed.
    """
    real = sys.modules.get("__main__")
    plain = types.ModuleType("__main__")
    sys.modules["__main__"] = plain
    try:
        yield
    finally:
        if sys.modules.get("__main__") is plain and real is not None:
            sys.modules["__main__"] = real


def run_sweep(
    function: Callable[[Any, Item], Result],
    shared: Any,
    items: Sequence[Item],
    engine: Engine,
    *,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> SweepResult[Result]:
    """``function(shared, item)`` for every item on ``engine``; results by item position.

    ``function`` must be importable by name (a module-level function) for Dask workers.
    """
    return engine.map(function, shared, items, progress, stop)
