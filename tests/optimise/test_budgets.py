"""Budgets: per funding pool and period, cost-sharing keys, ambition levels, factors, overrides, carry-over."""

from __future__ import annotations

from typing import Any

import pytest
from factories import benefit, initiative, tiny_portfolio

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise, plan_inputs


def scenario(**fields: Any) -> Scenario:
    return Scenario.model_validate({"id": "test", "discount_rate": 0.0, **fields})


def chosen(portfolio: Portfolio, sc: Scenario | None = None) -> dict[str, int]:
    plan = optimise(portfolio, sc or scenario(), time_limit=10, explain=False)
    assert plan.facts.status == "optimal"
    return plan.starts


def test_each_pool_has_its_own_budget_in_each_period() -> None:
    # One year; A holds 10 MNOK, B 100. X (+20) and Y (+15) both need all of A's 10: only X fits.
    # Z (+2) is paid by B and fits beside them.
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y"), initiative("Z", lead_region="B")],
        periods=1,
        pools=("A", "B"),
        budget={"A": 10, "B": 100},
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 25), benefit("bZ", "Z", 12)],
    )
    plan = optimise(portfolio, scenario(), time_limit=10, explain=False)
    assert plan.starts == {"X": 0, "Z": 0}
    assert plan.spend.set_index("pool")["amount"].to_dict() == {"A": 10.0, "B": 10.0}


def three_pools(
    initiatives: list[dict[str, Any]], budget: dict[str, float], benefits: list[dict[str, Any]] | None = None
) -> Portfolio:
    """One year; pools A (75 % of the population), B (25 %) and C, a national funder without a share."""
    pools = [
        {"id": "A", "name": "A", "population_share": 0.75},
        {"id": "B", "name": "B", "population_share": 0.25},
        {"id": "C", "name": "C", "kind": "national"},
    ]
    return tiny_portfolio(
        initiatives, periods=1, pools=("A", "B", "C"), budget=budget, benefits=benefits, funding_pool=pools
    )


def test_cost_shares_by_population_equal_lead_and_custom_key() -> None:
    # P 8 by population over A, B: 6 / 2.  E 9 equally over A, B, C: 3 each.  L 5 by its lead B.
    # K 10 custom: A 2, C 8.  All mandatory -> A pays 6+3+2 = 11, B 2+3+5 = 10, C 3+8 = 11.
    portfolio = three_pools(
        [
            initiative("P", cost=8, cost_sharing="population", participating_regions=["B"], mandatory=True),
            initiative("E", cost=9, cost_sharing="equal", participating_regions=["B", "C"], mandatory=True),
            initiative("L", cost=5, lead_region="B", mandatory=True),
            initiative("K", cost=10, cost_sharing="custom", custom_shares={"A": 0.2, "C": 0.8}, mandatory=True),
        ],
        budget={"A": 11, "B": 10, "C": 11},
    )
    shares = plan_inputs(portfolio, scenario()).shares
    assert shares.loc["P"].tolist() == [0.75, 0.25, 0.0]
    assert shares.loc["E"].tolist() == pytest.approx([1 / 3] * 3)
    assert shares.loc["K"].tolist() == [0.2, 0.0, 0.8]
    plan = optimise(portfolio, scenario(), time_limit=10, explain=False)
    assert plan.facts.status == "optimal"
    assert plan.spend.set_index("pool")["amount"].to_dict() == pytest.approx({"A": 11, "B": 10, "C": 11})


@pytest.mark.parametrize(("b_budget", "expected"), [(2.0, {"P": 0}), (1.9, {})])
def test_a_minor_partner_short_of_money_stops_a_shared_initiative(b_budget: float, expected: dict[str, int]) -> None:
    # P costs 8, shared 6 / 2 by population: B's 2 MNOK admits it, 1.9 MNOK does not, however rich A is.
    portfolio = three_pools(
        [initiative("P", cost=8, cost_sharing="population", participating_regions=["B"])],
        budget={"A": 100, "B": b_budget, "C": 0},
        benefits=[benefit("bP", "P", 20)],
    )
    assert chosen(portfolio) == expected


LEVELS = [
    {"id": "Lav", "rank": 1, "factor": 0.5},
    {"id": "Basis", "rank": 2, "factor": 1.0},
    {"id": "Hoy", "rank": 3, "factor": 1.5},
]


def test_ambition_levels_as_explicit_envelopes_and_as_factors() -> None:
    # Reference (Basis) 100 a year. A at Lav: 100 x 0.5 = 50. B at Hoy: 150, except 2027 where
    # Hoy has its own envelope of 200. Pools not named stay at the reference level.
    envelope = [{"funding_pool_id": p, "year": y, "ambition_level_id": "Basis", "amount": 100}
                for p in ("A", "B") for y in (2026, 2027, 2028)]  # fmt: skip
    envelope.append({"funding_pool_id": "B", "year": 2027, "ambition_level_id": "Hoy", "amount": 200})
    portfolio = tiny_portfolio([initiative("X")], pools=("A", "B"), ambition_level=LEVELS, envelope=envelope)
    levels = plan_inputs(portfolio, scenario(ambition={"A": "Lav", "B": "Hoy"})).envelopes
    assert levels.loc["A"].tolist() == [50, 50, 50]
    assert levels.loc["B"].tolist() == [150, 200, 150]
    assert plan_inputs(portfolio, scenario(ambition={"A": "Lav"})).envelopes.loc["B"].tolist() == [100] * 3


def test_budget_factor_scales_and_overrides_replace() -> None:
    # 100 x 0.8 = 80 a year; the override sets A/2027 to 7, not scaled by the factor.
    portfolio = tiny_portfolio([initiative("X")])
    cut = scenario(budget_factor=0.8, envelope_overrides={"A/2027": 7})
    assert plan_inputs(portfolio, cut).envelopes.loc["A"].tolist() == [80, 7, 80]


def test_budget_factor_binds_in_the_optimum() -> None:
    # 10 a year x 0.8 = 8: X (cost 9, worth 20) no longer fits, Y (cost 8) does.
    portfolio = tiny_portfolio(
        [initiative("X", cost=9), initiative("Y", cost=8)],
        periods=1,
        budget=10,
        benefits=[benefit("bX", "X", 20), benefit("bY", "Y", 12)],
    )
    assert chosen(portfolio) == {"X": 0}
    assert chosen(portfolio, scenario(budget_factor=0.8)) == {"Y": 0}


@pytest.mark.parametrize(
    ("carry_over", "cost", "expected"),
    [
        (0.0, 8, {}),  # 5 a year, never 8 at once
        (1.0, 8, {"A": 1}),  # 2027: 5 + all 5 unspent in 2026 = 10 >= 8
        (0.5, 8, {}),  # 2027: 5 + 2.5 = 7.5 < 8
        (0.5, 7.5, {"A": 1}),  # exactly 7.5
    ],
)
def test_carry_over_moves_unspent_money_forward(carry_over: float, cost: float, expected: dict[str, int]) -> None:
    portfolio = tiny_portfolio([initiative("A", cost=cost)], periods=2, budget=5, benefits=[benefit("bA", "A", 20)])
    assert chosen(portfolio, scenario(carry_over=carry_over)) == expected


def half_years(initiatives: list[dict[str, Any]]) -> Portfolio:
    """2026H1-2027H2 with 10 MNOK a year for pool A."""
    return tiny_portfolio(
        initiatives,
        benefits=[benefit(f"b{i['id']}", i["id"], 20) for i in initiatives],
        horizon=[{"id": "default", "first_year": 2026, "periods": 4, "period_length": "half-year"}],
        envelope=[
            {"funding_pool_id": "A", "year": y, "ambition_level_id": "Basis", "amount": 10} for y in (2026, 2027)
        ],
    )


def test_half_year_periods_split_the_yearly_envelope() -> None:
    # 10 a year is 5 a half-year: a 6 MNOK one-period initiative never fits, a 5 MNOK one does.
    assert plan_inputs(half_years([initiative("X")]), scenario()).envelopes.loc["A"].tolist() == [5] * 4
    assert chosen(half_years([initiative("X", cost=6)])) == {}
    assert list(chosen(half_years([initiative("X", cost=5)]))) == ["X"]
    # An override is a yearly amount too: A/2027 = 4 gives 2 in each half of 2027.
    override = scenario(envelope_overrides={"A/2027": 4})
    assert plan_inputs(half_years([initiative("X")]), override).envelopes.loc["A"].tolist() == [5, 5, 2, 2]
