"""Plan diffs on hand-built plans: added, dropped, moved, cost per pool and period, NPV."""

from __future__ import annotations

import pandas as pd
import pytest

from planning.optimise import Plan, SolverFacts
from planning.plans.diff import diff_plans, label_key


def hand_plan(
    starts: dict[str, int], spend: dict[tuple[str, int], float], *, npv: float, first_year: int = 2026, periods: int = 3
) -> Plan:
    """A yearly plan: each initiative lasts one period; ``spend`` is MNOK per (pool, period)."""
    facts = SolverFacts("optimal", npv, npv, 0.0, 0.0, 0.0, 10.0, "hand", "-", "-")
    label = lambda t: str(first_year + t)  # noqa: E731
    rows = [
        {
            "id": i,
            "selected_opt": True,
            "start_opt": t,
            "finish_opt": t,
            "start_label": label(t),
            "finish_label": label(t),
        }
        for i, t in starts.items()
    ]
    rows.append(
        {
            "id": "OUT",
            "selected_opt": False,
            "start_opt": None,
            "finish_opt": None,
            "start_label": None,
            "finish_label": None,
        }
    )
    initiatives = pd.DataFrame(rows).set_index("id").astype({"start_opt": "Int64", "finish_opt": "Int64"})
    pools = sorted({p for p, _ in spend} | {"X"})
    spend_rows = [
        {
            "pool": p,
            "period": t,
            "label": label(t),
            "year": first_year + t,
            "amount": spend.get((p, t), 0.0),
            "envelope": 50.0,
        }
        for p in pools
        for t in range(periods)
    ]
    return Plan("hand", facts, initiatives, pd.DataFrame(spend_rows), pd.DataFrame(columns=["year", "benefit"]), npv)


def test_added_dropped_earlier_later_and_unchanged() -> None:
    a = hand_plan({"A": 0, "B": 1, "C": 2, "E": 1}, {("X", 0): 10, ("X", 1): 5}, npv=100)
    b = hand_plan({"A": 0, "B": 2, "C": 0, "D": 1}, {("X", 0): 12, ("Y", 1): 3}, npv=90)
    diff = diff_plans(a, b)
    assert {c: diff.ids(c) for c in ("added", "dropped", "earlier", "later", "unchanged")} == {
        "added": ["D"],
        "dropped": ["E"],
        "earlier": ["C"],
        "later": ["B"],
        "unchanged": ["A"],
    }
    rows = diff.initiatives
    assert rows.loc["B", ["start_a", "start_b", "shift"]].tolist() == ["2027", "2028", 1]
    assert rows.loc["C", "shift"] == -2 and pd.isna(rows.loc["D", "shift"]) and rows.loc["D", "start_a"] is None
    assert "OUT" not in rows.index and list(diff.changed.index) == ["B", "C", "D", "E"]
    assert diff.npv_change == -10
    changes = {(r.pool, r.label): r.change for r in diff.spend.itertuples()}
    assert changes == {
        ("X", "2026"): 2.0,
        ("X", "2027"): -5.0,
        ("X", "2028"): 0.0,
        ("Y", "2026"): 0.0,
        ("Y", "2027"): 3.0,
        ("Y", "2028"): 0.0,
    }
    assert diff.cost_by_pool().set_index("pool")["change"].to_dict() == {"X": -3.0, "Y": 3.0}
    assert diff.summary()["added"] == 1 and diff.to_json()["npv_change"] == -10


def test_plans_on_different_horizons_compare_by_period_label() -> None:
    # The baseline was made when the horizon began in 2026; the new plan's begins in 2027.
    old = hand_plan({"A": 1, "B": 2}, {("X", 1): 4}, npv=10, first_year=2026)
    new = hand_plan({"A": 1, "B": 1}, {("X", 0): 4}, npv=12, first_year=2027)
    diff = diff_plans(old, new)
    assert diff.initiatives.loc["A", ["start_a", "start_b", "shift"]].tolist() == ["2027", "2028", 1]
    assert diff.ids("unchanged") == ["B"]
    assert diff.spend.set_index("label").loc["2027", "change"] == 0.0  # 4 MNOK in 2027 in both
    assert diff.npv_change == pytest.approx(2)


def test_identical_plans_have_no_changes() -> None:
    a = hand_plan({"A": 0}, {("X", 0): 1}, npv=5)
    diff = diff_plans(a, a)
    assert diff.changed.empty and (diff.spend["change"] == 0).all() and diff.npv_change == 0


def test_label_keys_order_periods_of_any_length() -> None:
    assert sorted(["2027H2", "2026", "2027H1"], key=label_key) == ["2026", "2027H1", "2027H2"]
    assert label_key("2028Q3") == (2028, 3, 4)
    with pytest.raises(ValueError):
        label_key("neste år")
