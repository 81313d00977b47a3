"""Alternatives: at most one option per group; exactly one where the group is required."""

from __future__ import annotations

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise

SCENARIO = Scenario.model_validate({"id": "test", "discount_rate": 0.0})


def storage_dispute(required: bool, benefits: list[dict[str, object]]) -> Portfolio:
    """Options N (national storage, 10 MNOK) and K (documents at the source, 12 MNOK) of group G."""
    return tiny_portfolio(
        [initiative("N", alternative_group_id="G"), initiative("K", cost=12, alternative_group_id="G")],
        periods=1,
        benefits=benefits,
        alternative_group=[{"id": "G", "name": "Where documents are kept", "required": required}],
    )


@pytest.mark.parametrize("formulation", ["cumulative", "start_time_tight", "start_time"])
def test_at_most_one_option_even_when_both_pay(formulation: str) -> None:
    # N +20, K +13, money for both: only one may be chosen, the better N.
    portfolio = storage_dispute(False, [benefit("bN", "N", 30), benefit("bK", "K", 25)])
    plan = optimise(portfolio, SCENARIO, time_limit=10, formulation=formulation, explain=False)
    assert (plan.starts, plan.facts.objective) == ({"N": 0}, 20.0)


def test_an_optional_group_may_have_none() -> None:
    # Neither option pays (no benefit): none is chosen.
    plan = optimise(storage_dispute(False, []), SCENARIO, time_limit=10, explain=False)
    assert plan.starts == {}


def test_a_required_group_gets_exactly_one_the_cheapest_loss() -> None:
    # Required: one option even though both only cost; N loses 10, K 12, so N.
    plan = optimise(storage_dispute(True, []), SCENARIO, time_limit=10, explain=False)
    assert (plan.starts, plan.facts.objective) == ({"N": 0}, -10.0)


def test_a_required_group_never_gets_two() -> None:
    # Both pay (+20, +13) but the group takes exactly one.
    portfolio = storage_dispute(True, [benefit("bN", "N", 30), benefit("bK", "K", 25)])
    plan = optimise(portfolio, SCENARIO, time_limit=10, explain=False)
    assert plan.starts == {"N": 0}
