"""The chance-constraint rows: named from their keys, no binary where a future cannot break a row, the count."""

from __future__ import annotations

import numpy as np

from planning.optimise.chance import SampledSpend, allowed_violations, define_chance_constraints, violations_of
from planning.optimise.inputs import plan_inputs
from planning.optimise.model import build_model
from tests.factories import initiative, tiny_portfolio


def test_rows_are_named_from_their_keys_and_only_breakable_futures_get_a_binary() -> None:
    portfolio = tiny_portfolio([initiative("X", 60, 1), initiative("Y", 30, 1)], periods=2, budget=100)
    inputs = plan_inputs(portfolio)
    model = build_model(inputs)
    spend = np.array([[[60.0], [30.0]], [[80.0], [30.0]], [[60.0], [50.0]], [[50.0], [20.0]]])  # 4 futures
    violated = define_chance_constraints(model, SampledSpend(["X", "Y"], spend), 0.5, "envelope")
    # futures 1 (110) and 2 (110) can break a year if both start in it; futures 0 (90) and 3 (70) never
    assert sorted({key[0] for key in violated}) == [1, 2]
    assert {"chance-A-0-1", "chance-A-1-2"} <= set(model.constraint_keys)
    assert "confidence-A-2026" not in model.constraint_keys  # two may break, and only two can: no count row
    whole = build_model(inputs)
    assert not define_chance_constraints(whole, SampledSpend(["X", "Y"], spend), 0.75, "pool_total")  # 110 < 200
    small = tiny_portfolio([initiative("X", 60, 1), initiative("Y", 30, 1)], periods=2, budget=50)
    tight = build_model(plan_inputs(small))
    define_chance_constraints(tight, SampledSpend(["X", "Y"], spend), 0.75, "pool_total")
    assert {"chance-A-1", "chance-A-2", "confidence-A-total"} <= set(tight.constraint_keys)  # 110 > 100, one may
    broken = violations_of(SampledSpend(["X", "Y"], spend), model, {"X": 0, "Y": 0}, "envelope")
    assert broken[:, 0, 0].tolist() == [False, True, True, False] and not broken[:, 0, 1].any()


def test_allowed_violations_round_down() -> None:
    assert [allowed_violations(c, 200) for c in (0.5, 0.7, 0.85, 0.95, 0.99)] == [100, 60, 30, 10, 2]
    assert allowed_violations(0.85, 10) == 1
