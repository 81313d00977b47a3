"""Solves to a work limit (planning/optimise/deterministic.py): the same plan whatever the clock says."""

from __future__ import annotations

from pathlib import Path

import pytest

from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.optimise import optimise
from planning.optimise.deterministic import (
    HEURISTIC_EFFORT,
    RANDOM_SEED,
    WorkLimit,
    deterministic_options,
    work_limit_message,
)
from planning.optimise.inputs import resolve_scenario
from planning.optimise.plan import PLANNED_STATUSES
from planning.optimise.solve import HIGHS_OPTIONS
from planning.uncertainty.core_index import CoreIndexOptions, Problem, future_portfolio, sampled_futures
from tests.factories import benefit, initiative, tiny_portfolio

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_the_options_fix_threads_seed_effort_and_the_node_limit_and_keep_the_rest() -> None:
    options = deterministic_options(HIGHS_OPTIONS, WorkLimit(nodes=300))
    assert options["threads"] == 1 and options["random_seed"] == RANDOM_SEED
    assert options["mip_heuristic_effort"] == HEURISTIC_EFFORT and options["mip_max_nodes"] == 300
    assert {k: options[k] for k in HIGHS_OPTIONS} == HIGHS_OPTIONS
    assert "time_limit" not in options  # the time limit is the safety net, set beside them


@pytest.mark.parametrize("nodes", [0, -5, 2.5, True])
def test_a_node_limit_must_be_a_positive_whole_number(nodes: object) -> None:
    with pytest.raises(ValueError, match="nodes"):
        WorkLimit(nodes=nodes).checked()  # type: ignore[arg-type]


def test_the_message_names_the_limit_and_the_gap() -> None:
    assert work_limit_message(2000, 0.0081) == "node limit reached (2000 nodes), gap 0.81 %"
    assert work_limit_message(5, None) == "node limit reached (5 nodes), gap unknown"


def small() -> Portfolio:
    return tiny_portfolio(
        [initiative("A", 10, 1), initiative("B", 8, 2), initiative("C", 6, 1)],
        periods=3,
        budget=12,
        benefits=[benefit("BA", "A", 9), benefit("BB", "B", 7), benefit("BC", "C", 5)],
        scenario=[{"id": "S"}],
    )


def test_a_small_model_is_proven_optimal_and_the_same_as_the_usual_solve() -> None:
    usual = optimise(small(), "S", explain=False)
    limited = optimise(small(), "S", explain=False, work_limit=WorkLimit())
    assert limited.facts.status == usual.facts.status == "optimal"
    assert limited.starts == usual.starts and limited.npv == pytest.approx(usual.npv)


def test_a_work_limit_needs_highs() -> None:
    with pytest.raises(ValueError, match="HiGHS"):
        optimise(small(), "S", explain=False, solver="cbc", work_limit=WorkLimit())


@pytest.fixture(scope="module")
def hard_future() -> Portfolio:
    """A sampled future of the sample's Basis scenario whose proof takes HiGHS several nodes."""
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    problem = Problem(portfolio, resolve_scenario(portfolio, "Basis"), None, 0.005)
    future = sampled_futures(problem, CoreIndexOptions(samples=200, seed=1))[0]
    return future_portfolio(portfolio, future)


def test_a_solve_stopped_by_the_node_limit_says_so_with_its_gap_and_is_the_same_each_time(
    hard_future: Portfolio,
) -> None:
    runs = [optimise(hard_future, "Basis", gap=0.005, explain=False, work_limit=WorkLimit(nodes=2)) for _ in range(2)]
    facts = runs[0].facts
    assert facts.status == "work_limit" and facts.status in PLANNED_STATUSES and runs[0].has_plan
    assert facts.gap is not None and facts.gap > 0.005
    assert facts.message == work_limit_message(2, facts.gap) and "node limit reached (2 nodes)" in facts.message
    assert runs[1].starts == runs[0].starts and runs[1].facts.objective == facts.objective
    assert runs[1].facts.gap == facts.gap


def test_a_trusted_portfolio_is_not_validated_again_and_gets_no_input_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Core Index's futures are drawn within a portfolio it has checked once: each future's
    solve skips the validation, the number checks and the input hash (most of its time)."""
    import planning.optimise.solve as solve

    def never(*_args: object) -> None:
        raise AssertionError("validated again")

    usual = optimise(small(), "S", explain=False, work_limit=WorkLimit())
    monkeypatch.setattr(solve, "validate", never)
    monkeypatch.setattr(solve, "check_portfolio_numbers", never)
    trusted = optimise(small(), "S", explain=False, work_limit=WorkLimit(), trusted=True)
    assert trusted.starts == usual.starts and trusted.facts.status == "optimal"
    assert trusted.facts.input_hash == "" and usual.facts.input_hash
