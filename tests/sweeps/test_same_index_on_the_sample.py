"""Same seed, same Core Index on the sample portfolio: the plain loop, 1 and 2 local workers.

Each future is solved to a work limit (planning/optimise/deterministic.py), so the index
does not depend on the engine or on how busy the machine is. Six futures of the sample's
Basis scenario, two of the ways: to the scenario's gap (every future proven, within it) and
with a node limit so small that most futures stop at it with an open gap, where a
time-budgeted solve would differ most from machine to machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.sweeps import DaskEngine, LoopEngine, engine_for
from planning.uncertainty.core_index import CoreIndex, CoreIndexOptions, core_index

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
PROVEN = CoreIndexOptions(samples=6, seed=1)
STOPPED = CoreIndexOptions(samples=6, seed=1, nodes=2, gap=1e-4)


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    return portfolio


@pytest.fixture(scope="module")
def two_workers() -> Iterator[DaskEngine]:
    with engine_for(2) as engine:
        assert isinstance(engine, DaskEngine) and engine.workers == 2
        yield engine


@pytest.fixture(scope="module")
def one_worker() -> Iterator[DaskEngine]:
    with engine_for(1) as engine:
        assert isinstance(engine, DaskEngine) and engine.workers == 1
        yield engine


def assert_same(a: CoreIndex, b: CoreIndex) -> None:
    """Identical shares, classes and start spreads per initiative, and identical futures."""
    assert a.initiatives.equals(b.initiatives), (a.initiatives, b.initiatives)
    assert a.futures.equals(b.futures), (a.futures, b.futures)


@pytest.mark.parametrize("options", [PROVEN, STOPPED], ids=["proven", "node-limited"])
def test_the_loop_one_and_two_workers_give_the_same_index(
    sample: Portfolio, one_worker: DaskEngine, two_workers: DaskEngine, options: CoreIndexOptions
) -> None:
    on_the_loop = core_index(sample, "Basis", options, engine=LoopEngine())
    assert on_the_loop.planned == 6 and on_the_loop.stopped_by_limit == 0
    if options is STOPPED:
        assert on_the_loop.stopped_by_work > 0
        assert (on_the_loop.futures["gap"] > options.gap).sum() == on_the_loop.stopped_by_work
    else:
        assert (on_the_loop.futures["status"] == "optimal").all()
    assert_same(core_index(sample, "Basis", options, engine=two_workers), on_the_loop)
    assert_same(core_index(sample, "Basis", options, engine=one_worker), on_the_loop)
