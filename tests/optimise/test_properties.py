"""Properties on small random valid portfolios: plans keep every rule; no plan means a diagnosis."""

from __future__ import annotations

from typing import Any

from factories import benefit, initiative, tiny_portfolio
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planning.domain.models import Scenario
from planning.domain.portfolio import Portfolio
from planning.optimise import optimise
from planning.optimise.checker import check_plan
from planning.optimise.model import FORMULATIONS


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[Portfolio, Scenario]:
    """3-7 initiatives over 3-5 years, 1-2 pools, one capacity pool, dependencies only forwards (no cycles).

    Every start window is non-empty (duration and earliest start fit the horizon): an empty window
    on a mandatory initiative is a known bug, tested on its own in test_diagnose.py.
    """
    periods = draw(st.integers(3, 5))
    n = draw(st.integers(3, 7))
    pools = ("A", "B")[: draw(st.integers(1, 2))]
    rows, benefits = [], []
    for k in range(n):
        iid = f"I{k}"
        duration = draw(st.integers(1, min(3, periods)))
        earliest = draw(st.integers(0, periods - duration))
        fields: dict[str, Any] = {
            "lead_region": draw(st.sampled_from(pools)),
            "capacity_usage": {"SUP": draw(st.integers(1, 2))} if draw(st.booleans()) else {},
        }
        if earliest:
            fields["earliest_start"] = str(2026 + earliest)
        if draw(st.booleans()):
            fields["latest_finish"] = str(2026 + draw(st.integers(earliest + duration - 1, periods - 1)))
        if k < 2 and draw(st.booleans()):
            fields["alternative_group_id"] = "G"  # options of a group are never mandatory (a validation rule)
        else:
            fields["mandatory"] = draw(st.integers(0, 3)) == 0
        rows.append(initiative(iid, cost=draw(st.integers(1, 30)), duration=duration, **fields))
        benefits.append(benefit(f"b{k}", iid, draw(st.integers(0, 15)), lifetime=draw(st.integers(1, 5))))
    pairs = [(i, j) for j in range(n) for i in range(j)]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=4, unique=True))
    kinds = st.sampled_from(["finish_to_start", "start_to_start"])
    dependencies = [
        {"predecessor_id": f"I{i}", "successor_id": f"I{j}", "kind": draw(kinds), "lag": draw(st.integers(0, 1))}
        for i, j in edges
    ]
    portfolio = tiny_portfolio(
        rows,
        periods=periods,
        pools=pools,
        budget={p: draw(st.integers(0, 30)) for p in pools},
        benefits=benefits,
        dependencies=dependencies,
        capacity_pool=[{"id": "SUP", "name": "Supplier", "limit": draw(st.integers(1, 3)),
                        "basis": draw(st.sampled_from(["execution", "go_live"]))}],
        alternative_group=[{"id": "G", "name": "G", "required": draw(st.booleans())}],
    )  # fmt: skip
    scenario = Scenario.model_validate(
        {
            "id": "random",
            "discount_rate": draw(st.sampled_from([0.0, 0.04])),
            "carry_over": draw(st.sampled_from([0.0, 0.5])),
            "objective": draw(st.sampled_from(["npv", "npv", "benefit"])),
        }
    )
    return portfolio, scenario


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios(), st.sampled_from(FORMULATIONS))
def test_every_plan_keeps_every_rule_and_every_failure_is_diagnosed(
    case: tuple[Portfolio, Scenario], formulation: str
) -> None:
    portfolio, scenario = case
    plan = optimise(portfolio, scenario, time_limit=10, formulation=formulation)
    event(plan.facts.status)
    event(formulation)
    assert plan.facts.status in ("optimal", "infeasible")
    if plan.facts.status == "optimal":
        assert check_plan(portfolio, scenario, plan.starts) == []
        assert plan.diagnosis == []
    else:
        assert plan.starts == {}
        assert plan.diagnosis and all(line.strip() for line in plan.diagnosis)
