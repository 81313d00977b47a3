"""Plans at a confidence level on a portfolio small enough to check by enumeration."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from planning.domain.portfolio import Portfolio
from planning.optimise.chance import allowed_violations
from planning.optimise.inputs import plan_inputs
from planning.robust import RobustOptions, price_frame, price_of_predictability, robust_plan
from planning.robust.holding import holding
from planning.robust.options import TOLERANCE
from planning.robust.plan import RobustPlan
from planning.uncertainty.sampling import portfolio_estimates, sample_futures
from tests.factories import benefit, initiative, tiny_portfolio

ENVELOPE = 100.0
IDS = ("X", "Y", "Z")


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    """One pool, one year of 100 MNOK, three one-year initiatives whose costs may overrun."""
    return tiny_portfolio(
        [
            initiative("X", 60, 1, cost_low=55, cost_high=90, stop_probability=0.0),
            initiative("Y", 30, 1, cost_low=28, cost_high=55, stop_probability=0.0),
            initiative("Z", 8, 1, cost_low=8, cost_high=20, stop_probability=0.0),
        ],
        periods=1,
        budget=ENVELOPE,
        benefits=[benefit("BX", "X", 120), benefit("BY", "Y", 70), benefit("BZ", "Z", 20)],
        scenario=[{"id": "S", "time_limit": 30}],
    )


def costs(portfolio: Portfolio, samples: int, seed: int) -> np.ndarray:
    """Sampled total costs (samples, 3) of X, Y, Z, as the planner and the check draw them."""
    estimates = portfolio_estimates(portfolio, list(IDS))
    return sample_futures(estimates, samples, seed).cost


def best_by_enumeration(portfolio: Portfolio, options: RobustOptions) -> tuple[set[str], float]:
    """The most valuable subset within the envelope at its most likely costs that holds in the planning futures."""
    inputs = plan_inputs(portfolio, "S")
    value = {i: float(inputs.value.at[i, 0]) for i in IDS}
    likely = {"X": 60.0, "Y": 30.0, "Z": 8.0}
    drawn = costs(portfolio, options.samples, options.seed)
    allowed = allowed_violations(options.confidence, options.samples)
    best: tuple[set[str], float] = (set(), 0.0)
    for size in range(len(IDS) + 1):
        for chosen in itertools.combinations(range(len(IDS)), size):
            names = {IDS[k] for k in chosen}
            broken = int((drawn[:, list(chosen)].sum(axis=1) > ENVELOPE + 1e-6).sum())
            total = sum(value[i] for i in names)
            if sum(likely[i] for i in names) <= ENVELOPE and broken <= allowed and total > best[1]:
                best = (names, total)
    return best


@pytest.mark.parametrize("confidence", [0.5, 0.95])
def test_the_scenario_based_milp_picks_the_best_plan_that_holds_in_the_planning_futures(
    portfolio: Portfolio, confidence: float
) -> None:
    options = RobustOptions(confidence=confidence, method="saa", samples=60, seed=3, check_samples=400)
    made = robust_plan(portfolio, "S", options)
    assert made.plan.facts.status == "optimal" and made.plan.facts.gap is not None and made.plan.facts.gap <= 1e-4
    chosen, value = best_by_enumeration(portfolio, options)
    assert set(made.plan.starts) == chosen
    assert made.plan.facts.objective == pytest.approx(value)
    assert made.in_sample >= confidence


def test_a_higher_confidence_never_buys_a_more_valuable_plan(portfolio: Portfolio) -> None:
    options = RobustOptions(method="saa", samples=60, seed=3, check_samples=400)
    rows = price_of_predictability(portfolio, "S", (0.5, 0.8, 0.95), options)
    frame = price_frame(rows)
    assert list(frame["method"]) == ["point", "saa", "saa", "saa"]
    assert frame["confidence"].isna().tolist() == [True, False, False, False]
    npv = frame["npv"].to_numpy(dtype=float)
    assert np.all(np.diff(npv) <= 1e-6)  # the same futures: each level's plans are a subset of the one before
    assert frame["npv_cost"].iloc[0] == 0 and (frame["npv_cost"].iloc[1:] >= -1e-6).all()
    assert frame["initiatives"].iloc[0] == 3  # X, Y and Z fit the envelope at their most likely costs (98 MNOK)


def test_the_out_of_sample_check_uses_fresh_futures_and_counts_them_right(portfolio: Portfolio) -> None:
    options = RobustOptions(confidence=0.8, method="saa", samples=60, seed=3, check_samples=500)
    made = robust_plan(portfolio, "S", options)
    assert options.check_seed != options.seed
    columns = [IDS.index(i) for i in sorted(made.plan.starts)]
    fresh = costs(portfolio, 500, options.check_seed)[:, columns].sum(axis=1)
    assert made.achieved == pytest.approx(float((fresh <= ENVELOPE + 1e-6).mean()))
    assert made.check.weakest == "A/2026"


def test_the_contingency_method_holds_back_a_reserve_that_holds_in_the_simulated_planning_futures(
    portfolio: Portfolio,
) -> None:
    options = RobustOptions(confidence=0.9, method="contingency", samples=200, seed=5, check_samples=400)
    made = robust_plan(portfolio, "S", options)
    assert made.reserve is not None and 0 < made.reserve < 0.9
    planned = made.plan.spend["amount"].sum()
    assert planned <= (1 - made.reserve) * ENVELOPE + 1e-6
    assert made.in_sample >= 0.9
    inputs = plan_inputs(portfolio, "S")
    again = holding(portfolio, inputs, made.plan.starts, options.simulation(planning=True), options.scope)
    assert again.achieved == pytest.approx(made.in_sample)


@pytest.mark.parametrize(
    ("achieved", "verdict"), [(0.85, "reached"), (0.831, "reached"), (0.82, "below"), (0.88, "above")]
)
def test_the_verdict_says_whether_the_target_was_reached_within_two_points(
    portfolio: Portfolio, achieved: float, verdict: str
) -> None:
    made = robust_plan(portfolio, "S", RobustOptions(confidence=0.85, method="saa", samples=20, check_samples=50))
    made.check.pool_periods["p_within"] = achieved
    assert isinstance(made, RobustPlan) and made.verdict == verdict
    assert made.to_json()["verdict"] == verdict and made.to_json()["tolerance"] == TOLERANCE


def test_the_check_agrees_with_the_planning_futures_within_sampling_error(portfolio: Portfolio) -> None:
    """Out of sample the plan holds about as often as in a large independent sample of the same futures."""
    options = RobustOptions(confidence=0.7, method="saa", samples=100, seed=9, check_samples=2000)
    made = robust_plan(portfolio, "S", options)
    columns = [IDS.index(i) for i in sorted(made.plan.starts)]
    other = costs(portfolio, 4000, 77)[:, columns].sum(axis=1)
    truth = float((other <= ENVELOPE + 1e-6).mean())
    bound = 4.0 * math.sqrt(truth * (1 - truth) * (1 / 2000 + 1 / 4000)) + 1e-9
    assert abs(made.achieved - truth) <= bound


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("confidence", 0.3, "confidence: 0.3 is outside the allowed 0.5 to 0.99"),
        ("samples", 0, "samples: 0 is outside"),
        ("scope", "year", "confidence scope 'year' is not known"),
        ("method", "guess", "method 'guess' is not known"),
    ],
)
def test_bad_options_are_refused_by_name(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RobustOptions(**{field: value}).checked()  # type: ignore[arg-type]


def test_the_point_and_calibration_solves_run_to_a_work_limit(
    portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each solve of the price of predictability is HiGHS on one thread, to a node limit, with
    the scenario's time limit only as its safety net: the same plans on any machine."""
    import planning.robust.plan as made
    from planning.optimise.deterministic import NODE_LIMIT

    seen: list[tuple[float, dict[str, object]]] = []
    solve = made.solve_model

    def recording(model, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((kwargs["time_limit"], dict(kwargs["highs_options"])))
        return solve(model, **kwargs)

    monkeypatch.setattr(made, "solve_model", recording)
    first = robust_plan(portfolio, "S", RobustOptions(confidence=0.8, samples=100, check_samples=200))
    assert len(seen) > 1  # the point plan and the reserves tried
    assert all(limit == 30 and o["threads"] == 1 and o["mip_max_nodes"] == NODE_LIMIT for limit, o in seen)
    again = robust_plan(portfolio, "S", RobustOptions(confidence=0.8, samples=100, check_samples=200))
    assert again.plan.starts == first.plan.starts and again.reserve == first.reserve
