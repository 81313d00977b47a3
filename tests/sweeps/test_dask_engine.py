"""The sweep engine on Dask distributed: a 2-worker LocalCluster for the module, and a real
``dask scheduler`` with two ``dask worker`` processes started from the command line.

Same seed, same Core Index: on the plain loop, on 1 and on 2 workers, and through a
scheduler's address. Kept small: a three-initiative portfolio and a few futures.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planning.sweeps import DaskEngine, LoopEngine, engine_for, run_sweep
from planning.uncertainty.core_index import CoreIndex, CoreIndexOptions, core_index
from tests.uncertainty.test_core_index import three

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = CoreIndexOptions(samples=6, seed=3, time_limit=10)


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskEngine]:
    """One local cluster of two worker processes for the module."""
    with engine_for(2) as engine:
        assert isinstance(engine, DaskEngine)
        yield engine


@pytest.fixture(scope="module")
def on_the_loop() -> CoreIndex:
    return core_index(three(), "S", OPTIONS, engine=LoopEngine())


def square_plus(shared: int, item: int) -> int:
    return shared + item * item


def dies_once(marker: str, item: int) -> int:
    """Kills its worker the first time it is run (a worker lost mid-task), then answers."""
    path = Path(marker)
    if item == 1 and not path.exists():
        path.write_text("killed once")
        os._exit(1)
    return item * 10


def assert_same(a: CoreIndex, b: CoreIndex) -> None:
    assert a.initiatives.equals(b.initiatives), (a.initiatives, b.initiatives)
    assert a.futures.equals(b.futures)


def test_results_come_back_by_position_with_progress(cluster: DaskEngine) -> None:
    seen: list[tuple[int, int]] = []
    result = run_sweep(square_plus, 100, list(range(7)), cluster, progress=lambda d, n: seen.append((d, n)))
    assert cluster.workers == 2 and result.engine == "dask" and not result.cancelled
    assert result.ordered == [100 + k * k for k in range(7)]
    assert [d for d, _ in seen] == list(range(1, 8)) and {n for _, n in seen} == {7}


def test_same_seed_same_core_index_on_the_loop_and_on_two_workers(cluster: DaskEngine, on_the_loop: CoreIndex) -> None:
    on_two = core_index(three(), "S", OPTIONS, engine=cluster)
    assert on_two.engine == "dask" and on_the_loop.engine == "loop"
    assert_same(on_two, on_the_loop)


def test_same_seed_same_core_index_on_one_worker(on_the_loop: CoreIndex) -> None:
    with engine_for(1) as engine:
        assert isinstance(engine, DaskEngine) and engine.workers == 1
        assert_same(core_index(three(), "S", OPTIONS, engine=engine), on_the_loop)


def test_sweeps_in_a_row_with_the_same_shared_inputs_reuse_them_on_the_workers(
    cluster: DaskEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    scatters: list[bool] = []
    scatter = cluster.client.scatter

    def counted(data: Any, **options: Any) -> Any:
        scatters.append(options.get("hash", True))
        return scatter(data, **options)

    monkeypatch.setattr(cluster.client, "scatter", counted)
    held = []
    for _ in range(8):  # back to back on one engine
        result = run_sweep(square_plus, 7, list(range(5)), cluster)
        assert result.ordered == [7 + k * k for k in range(5)] and not result.cancelled
        assert cluster.scattered is not None
        held.append(cluster.scattered[1])
    assert all(future is held[0] for future in held)
    assert scatters == [False]  # scattered once, under a key of its own


def test_shared_inputs_go_out_under_keys_of_their_own(cluster: DaskEngine) -> None:
    keys = []
    for shared in (11, 12, 11, 12, 11):
        assert run_sweep(square_plus, shared, [1, 2, 3], cluster).ordered == [shared + 1, shared + 4, shared + 9]
        assert cluster.scattered is not None
        keys.append(cluster.scattered[1].key)
    assert len(set(keys)) == 5  # never a key another reference, released since, may still name


def test_a_stop_cancels_the_rest_and_keeps_what_finished(cluster: DaskEngine) -> None:
    result = run_sweep(square_plus, 0, list(range(40)), cluster, stop=lambda: True)
    assert result.cancelled and 1 <= len(result.results) < 40
    assert all(value == k * k for k, value in result.results.items())


def test_a_task_lost_with_its_worker_is_run_again(cluster: DaskEngine, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    result = run_sweep(dies_once, str(marker), [0, 1, 2], cluster)
    assert marker.exists() and result.ordered == [0, 10, 20]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_workers(address: str, count: int, processes: list[subprocess.Popen[bytes]]) -> None:
    from distributed import Client

    with Client(address, set_as_default=False, timeout="30s") as client:
        deadline = time.monotonic() + 90
        while len(client.scheduler_info(n_workers=-1)["workers"]) < count:
            assert all(p.poll() is None for p in processes), "a dask process ended early"
            assert time.monotonic() < deadline, "workers did not join the scheduler"
            time.sleep(0.5)


def test_a_sweep_through_a_scheduler_address(on_the_loop: CoreIndex, tmp_path: Path) -> None:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    commands = [
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--dashboard-address", ":0", "--no-show"],
        *[[sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny",
           "--no-dashboard", "--local-directory", str(tmp_path / f"w{n}")] for n in range(2)],
    ]  # fmt: skip
    log = (tmp_path / "dask.log").open("wb")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            processes.append(subprocess.Popen(command, env=env, cwd=tmp_path, stdout=log, stderr=log))
            if len(processes) == 1:
                time.sleep(1.0)
        wait_for_workers(address, 2, processes)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("VEIKART_DASK_SCHEDULER", address)
            with engine_for() as engine:
                assert isinstance(engine, DaskEngine) and engine.workers == 2
                assert_same(core_index(three(), "S", OPTIONS, engine=engine), on_the_loop)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
