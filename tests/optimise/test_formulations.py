"""Model size: the formulation and HiGHS options the optimiser picks, and that the tight
start-time formulation is as tight as the cumulative one."""

from __future__ import annotations

import pulp
import pytest
from factories import benefit, initiative, tiny_portfolio

from bench.generator import Spec, generate
from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import model as model_module
from planning.optimise import optimise, plan_inputs
from planning.optimise import solve as solve_module
from planning.optimise.inputs import PlanInputs
from planning.optimise.model import AUTO, LARGE_MODEL_BINARIES, build_model, choose_formulation, start_binaries
from planning.optimise.solve import HIGHS_OPTIONS, LARGE_MODEL_HIGHS_OPTIONS, highs_options_for

NPV = Scenario.model_validate({"id": "npv", "discount_rate": 0.0})


def chain(periods: int = 3, **successor: str) -> Portfolio:
    """P (two years) before S (one year), both worth more than they cost."""
    return tiny_portfolio(
        [initiative("P", duration=2), initiative("S", 10.0, 1, **successor)],
        periods=periods,
        benefits=[benefit("bP", "P", 10, lifetime=10), benefit("bS", "S", 10, lifetime=10)],
        dependencies=[{"predecessor_id": "P", "successor_id": "S", "kind": "finish_to_start", "lag": 0}],
    )


def chain_inputs(objective: str = "npv") -> PlanInputs:
    return plan_inputs(chain(), Scenario.model_validate({"id": "s", "objective": objective}))


def test_start_binaries_count_every_period_of_every_window() -> None:
    # Windows come from each initiative's own dates and duration; the dependency is a row.
    assert start_binaries(chain_inputs()) == 2 + 3  # P may start in 2026 or 2027, S in any year


def test_small_models_are_cumulative_and_large_ones_start_time_tight(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = chain_inputs()
    assert choose_formulation(inputs) == "cumulative"
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", start_binaries(inputs))
    assert choose_formulation(inputs) == "start_time_tight"
    assert build_model(inputs).formulation == "start_time_tight"


def test_earliest_completion_stays_cumulative_at_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    assert choose_formulation(chain_inputs("earliest_completion")) == "cumulative"


def test_a_named_formulation_is_kept_and_an_unknown_one_refused() -> None:
    inputs = chain_inputs()
    assert choose_formulation(inputs, "start_time") == "start_time"
    with pytest.raises(ValueError, match="unknown formulation 'pulse'; use auto or one of"):
        build_model(inputs, "pulse")


def test_the_generated_target_portfolio_is_large() -> None:
    inputs = plan_inputs(generate(Spec(200, 16, 5, 5)), NPV)
    assert start_binaries(inputs) >= LARGE_MODEL_BINARIES
    assert choose_formulation(inputs, AUTO) == "start_time_tight"


def test_the_optimiser_reports_the_formulation_it_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    # At 10 % both pay and are worth most as early as allowed: P in 2026, S when P is done.
    portfolio, scenario = chain(periods=4), Scenario.model_validate({"id": "s", "discount_rate": 0.1})
    small = optimise(portfolio, scenario, time_limit=10, explain=False)
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    large = optimise(portfolio, scenario, time_limit=10, explain=False)
    assert (small.facts.formulation, large.facts.formulation) == ("cumulative", "start_time_tight")
    assert large.starts == small.starts == {"P": 0, "S": 2}
    assert large.facts.objective == pytest.approx(small.facts.objective)


def test_large_models_get_highs_defaults_and_small_ones_veikarts_options(monkeypatch: pytest.MonkeyPatch) -> None:
    small = build_model(chain_inputs())
    assert highs_options_for(small) == HIGHS_OPTIONS and HIGHS_OPTIONS
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    assert highs_options_for(build_model(chain_inputs())) == LARGE_MODEL_HIGHS_OPTIONS == {}
    assert highs_options_for(build_model(chain_inputs("earliest_completion"))) == HIGHS_OPTIONS


def test_the_optimiser_hands_highs_the_options_for_the_models_size(monkeypatch: pytest.MonkeyPatch) -> None:
    handed: list[object] = []
    real = solve_module._solve_highs

    def spy(model: object, time_limit: float, gap: float, options: object, *rest: object) -> object:
        handed.append(options)
        return real(model, time_limit, gap, options, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(solve_module, "_solve_highs", spy)
    optimise(chain(), NPV, time_limit=10, explain=False)
    monkeypatch.setattr(model_module, "LARGE_MODEL_BINARIES", 0)
    optimise(chain(), NPV, time_limit=10, explain=False)
    assert handed == [HIGHS_OPTIONS, {}]


def relaxation(inputs: PlanInputs, formulation: str) -> float:
    """The optimum of the model's LP relaxation."""
    problem = build_model(inputs, formulation).problem
    for var in problem.variables():
        var.cat = pulp.LpContinuous
    problem.solve(pulp.HiGHS(msg=False))
    assert pulp.LpStatus[problem.status] == "Optimal"
    return float(pulp.value(problem.objective))


def test_tight_start_time_precedence_relaxes_no_further_than_the_cumulative() -> None:
    # The prefix sums of start binaries are the cumulative binaries: the same LP polytope.
    inputs = plan_inputs(generate(Spec(50, 8, 2, 1)), NPV)
    assert relaxation(inputs, "start_time_tight") == pytest.approx(relaxation(inputs, "cumulative"), rel=1e-7)


def test_big_m_precedence_lets_the_relaxation_start_a_successor_too_early() -> None:
    # S must finish by 2027, but P runs 2026-2027: S can never be done, in any formulation
    # with tight rows. Big-M precedence, start_S >= start_P + 2 - M (1 - done_S) with M = 3 + 2,
    # lets done_S = 3/4 of S start in 2027 (start_S = 3/4, P in 2026: 3/4 >= 0 + 2 - 5/4).
    inputs = plan_inputs(chain(latest_finish="2027"), NPV)
    only_p = relaxation(inputs, "cumulative")
    assert relaxation(inputs, "start_time_tight") == pytest.approx(only_p)
    assert relaxation(inputs, "start_time") == pytest.approx(only_p + 0.75 * (10 * 10 - 10))
