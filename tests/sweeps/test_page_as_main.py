"""A local cluster started while ``__main__`` is a Streamlit page (as under the app or AppTest).

Worker processes are spawned, and a spawned process runs its parent's ``__main__`` script
again: a page script there fails at import and takes the worker down ("Nanny failed to
start"). The engine gives its workers a plain ``__main__`` and puts the page back after.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from planning.sweeps import DaskEngine, engine_for, run_sweep
from tests.sweeps.test_dask_engine import square_plus


@pytest.fixture
def page_as_main(tmp_path: Path) -> Iterator[types.ModuleType]:
    """``__main__`` is a script that fails when it is run anywhere but in this test's process."""
    script = tmp_path / "page.py"
    script.write_text("page(*__args, **__kwargs)\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    real = sys.modules["__main__"]
    sys.modules["__main__"] = page
    try:
        yield page
    finally:
        sys.modules["__main__"] = real


def test_workers_start_and_run_a_sweep_while_a_page_is_main(page_as_main: types.ModuleType) -> None:
    with engine_for(1) as engine:
        assert isinstance(engine, DaskEngine) and engine.workers == 1
        swept = run_sweep(square_plus, 2, [1, 2, 3], engine)
        assert sys.modules["__main__"] is not page_as_main
    assert swept.results == {0: 3, 1: 6, 2: 11}
    assert sys.modules["__main__"] is page_as_main
