"""Core Index: re-optimising a scenario in sampled futures, on the plain loop (the Dask engine: tests/sweeps)."""

from __future__ import annotations

import numpy as np
import pytest

from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio
from planning.optimise.inputs import resolve_scenario
from planning.sweeps import LoopEngine
from planning.uncertainty.core_index import (
    CoreIndex,
    CoreIndexOptions,
    Future,
    Problem,
    core_index,
    future_portfolio,
    klass,
    sampled_futures,
    stretched_profile,
)
from tests.factories import benefit, initiative, tiny_portfolio


def three() -> Portfolio:
    """X always pays (core), Z never does (exterior), Y pays at its likely cost but not at its high one."""
    return tiny_portfolio(
        [
            initiative("X", 10, 1, cost_high=12),
            initiative("Y", 10, 1, cost_low=5, cost_high=40),
            initiative("Z", 10, 1, cost_profile=[10]),
        ],
        periods=3,
        budget=100,
        benefits=[benefit("BX", "X", 50, lifetime=5), benefit("BY", "Y", 5, lifetime=5), benefit("BZ", "Z", 0.1)],
        scenario=[{"id": "S"}],
    )


@pytest.fixture(scope="module")
def index() -> CoreIndex:
    return core_index(three(), "S", CoreIndexOptions(samples=12, seed=3, time_limit=10), planned={"X": 0, "Y": 0})


def test_a_stretched_profile_keeps_its_shape_and_sums_to_the_sampled_cost() -> None:
    assert stretched_profile([1, 2, 3], 3, 12) == pytest.approx([2, 4, 6])
    assert stretched_profile([2, 2], 4, 8) == pytest.approx([2, 2, 2, 2])
    assert sum(stretched_profile([1, 5, 1], 5, 30)) == pytest.approx(30)
    assert stretched_profile([0, 0], 2, 6) == pytest.approx([3, 3])


def test_a_future_portfolio_carries_the_sampled_cost_duration_and_benefit() -> None:
    future = Future(0, {"X": 11.0, "Z": 14.0}, {"X": 1, "Z": 2}, {"X": 0.5, "Z": 1.0})
    changed = future_portfolio(three(), future)
    rows = changed.initiatives
    assert rows.at["X", "total_cost"] == 11.0 and rows.at["Z", "duration"] == 2
    assert rows.at["Z", "cost_profile"] == pytest.approx([7.0, 7.0])
    assert changed.benefits.set_index("initiative_id").at["X", "annual_value"] == pytest.approx(25.0)
    assert changed.benefits.set_index("initiative_id").at["Y", "annual_value"] == pytest.approx(5.0)
    assert three().initiatives.at["X", "total_cost"] == 10  # the original is untouched


def test_classes_have_their_bounds() -> None:
    assert [klass(s) for s in (1.0, 0.9, 0.89, 0.5, 0.11, 0.1, 0.0)] == [
        *("core", "core", "borderline", "borderline", "borderline", "exterior", "exterior")
    ]


def test_each_initiative_gets_the_share_of_futures_that_choose_it(index: CoreIndex) -> None:
    table = index.initiatives
    assert len(index.futures) == 12 and index.planned == 12 and not index.cancelled
    assert table.at["X", "share"] == 1.0 and table.at["X", "klass"] == "core"
    assert table.at["Z", "share"] == 0.0 and table.at["Z", "klass"] == "exterior"
    assert 0.1 < table.at["Y", "share"] < 0.9 and table.at["Y", "klass"] == "borderline"
    assert table.at["Y", "selected"] == round(table.at["Y", "share"] * 12)
    assert list(table.index) == ["X", "Y", "Z"]  # ranked by share
    assert table.at["X", "start_min"] == 2026 and np.isnan(table.at["Z", "start_median"])


def test_the_recommended_plan_splits_into_safe_and_depending(index: CoreIndex) -> None:
    assert index.commitment({"X": 0, "Y": 0}) == (["X"], ["Y"])
    assert index.initiatives.at["X", "planned"] == 2026


def test_the_same_seed_gives_the_same_index_and_another_seed_other_futures(index: CoreIndex) -> None:
    again = core_index(three(), "S", CoreIndexOptions(samples=12, seed=3, time_limit=10), planned={"X": 0, "Y": 0})
    assert again.initiatives.equals(index.initiatives) and again.futures.equals(index.futures)
    other = core_index(three(), "S", CoreIndexOptions(samples=12, seed=4, time_limit=10), engine=LoopEngine())
    assert not other.futures["npv"].equals(index.futures["npv"])


def test_the_futures_of_a_shorter_index_are_the_first_of_a_longer_one_with_the_same_seed() -> None:
    """Future k is drawn from the seed and k only: 50 futures are the first 50 of 120."""
    problem = Problem(three(), resolve_scenario(three(), "S"), None, 0.005)
    short = sampled_futures(problem, CoreIndexOptions(samples=50, seed=4))
    long = sampled_futures(problem, CoreIndexOptions(samples=120, seed=4))
    assert short == long[:50]
    assert [f.cost for f in long[50:100]] != [f.cost for f in short]  # the rest are other futures


def test_a_stop_keeps_the_finished_futures() -> None:
    seen: list[int] = []
    result = core_index(
        three(), "S", CoreIndexOptions(samples=8, seed=3, time_limit=10),
        progress=lambda done, total: seen.append(done), stop=lambda: len(seen) >= 3,
    )  # fmt: skip
    assert result.cancelled and len(result.futures) == 3 and seen == [1, 2, 3]
    assert result.initiatives.at["X", "share"] == 1.0 and result.to_json()["finished"] == 3


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (CoreIndexOptions(samples=0), "samples: 0"),
        (CoreIndexOptions(gap=2.0), "gap: 2.0"),
        (CoreIndexOptions(distribution="normal"), "distribution: unknown name 'normal'"),
        (CoreIndexOptions(correlate_by="colour"), "correlate_by: unknown name 'colour'"),
    ],
)
def test_bad_options_are_refused_by_name(options: CoreIndexOptions, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        core_index(three(), "S", options)


def test_an_invalid_portfolio_is_refused_before_any_solve() -> None:
    broken = three()
    broken.initiatives.at["Y", "cost_high"] = 1.0  # below the most likely cost
    with pytest.raises(InvalidPortfolio):
        core_index(broken, "S", CoreIndexOptions(samples=2))


def test_a_future_a_limit_stopped_before_any_plan_is_not_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped by the node or time limit with no plan: not a future that selects nothing."""
    import planning.uncertainty.core_index as module

    solve, calls = module.optimise, []

    def first_has_none(*args: object, **kwargs: object) -> object:
        plan = solve(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(1)
        if len(calls) == 1:
            plan.facts.status, plan.facts.objective = "work_limit", None
        return plan

    monkeypatch.setattr(module, "optimise", first_has_none)
    index = core_index(three(), "S", CoreIndexOptions(samples=4, seed=3, time_limit=10))
    assert index.planned == 3 and len(index.futures) == 4
    assert index.futures.loc[0, "status"] == "work_limit" and index.futures["npv"].isna().sum() == 1
    assert index.initiatives.at["X", "share"] == 1.0  # over the 3 futures with a plan
