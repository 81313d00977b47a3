"""Three-point estimates on initiatives: defaults by risk class, validation, files and the shared store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine

from planning.domain.estimates import ESTIMATE_COLUMNS, RISK_DEFAULTS, estimate_table, resolve_estimate
from planning.domain.loading import build_portfolio, parse_portfolio
from planning.domain.problems import InvalidPortfolio
from planning.io import load_path
from planning.io.workbook import load_workbook_portfolio, write_portfolio, write_template
from planning.store.audit import audit_log
from planning.store.database import load_portfolio, save_portfolio
from planning.store.shared import import_portfolio_as, load_snapshot, save_portfolio_as
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN, COORDINATOR, changed


def with_x(**fields: Any) -> dict[str, list[dict[str, Any]]]:
    """The small portfolio with initiative X (cost 10, duration 1, risk medium) given ``fields``."""
    raw = small_raw_portfolio()
    raw["initiative"][0].update(fields)
    return raw


def locations(raw: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [p.location for p in parse_portfolio(raw).problems if p.severity == "error"]


def test_a_blank_estimate_takes_the_risk_class_default() -> None:
    portfolio = build_portfolio(with_x(duration=2, total_cost=10, risk="medium"))
    medium = RISK_DEFAULTS["medium"]
    x = resolve_estimate(portfolio.initiatives.loc["X"])
    assert (x.cost.low, x.cost.likely, x.cost.high) == (10 * medium.cost_low, 10, 10 * medium.cost_high)
    assert (x.duration.low, x.duration.likely, x.duration.high) == (2, 2, 3)  # 2 x 1.35 = 2.7 rounds to 3
    assert (x.benefit.low, x.benefit.likely, x.benefit.high) == (0.5, 0.85, 1.1)
    assert x.stop_probability == medium.stop_probability
    assert x.cost.given == (False, True, False)
    assert estimate_table(portfolio).at["X", "defaults"] == list(ESTIMATE_COLUMNS)


def test_given_estimates_are_kept_and_the_rest_still_default() -> None:
    portfolio = build_portfolio(with_x(cost_low=8, cost_high=25, duration_high=3, stop_probability=0.2, risk="high"))
    table = estimate_table(portfolio)
    assert table.loc["X", ["cost_low", "cost_likely", "cost_high"]].tolist() == [8, 10, 25]
    assert table.loc["X", ["duration_low", "duration_likely", "duration_high"]].tolist() == [1, 1, 3]
    assert table.loc["X", ["benefit_low", "benefit_likely", "benefit_high"]].tolist() == [0.3, 0.7, 1.1]
    assert table.at["X", "stop_probability"] == 0.2
    assert table.at["X", "defaults"] == ["duration_low", "benefit_low", "benefit_likely", "benefit_high"]


def test_the_most_likely_cost_is_the_profile_sum_when_there_is_one() -> None:
    portfolio = build_portfolio(with_x(duration=2, total_cost=None, cost_profile=[4, 8], cost_high=20))
    assert estimate_table(portfolio).loc["X", ["cost_likely", "cost_high"]].tolist() == [12, 20]


@pytest.mark.parametrize(
    ("fields", "location"),
    [
        ({"cost_low": 11}, "initiative/X/cost_low"),
        ({"cost_high": 9.5}, "initiative/X/cost_high"),
        ({"duration": 2, "duration_low": 3, "duration_high": 4}, "initiative/X/duration_low"),
        ({"duration": 3, "duration_high": 2}, "initiative/X/duration_high"),
        ({"benefit_low": 0.9, "benefit_likely": 0.8}, "initiative/X/benefit_low"),
        ({"benefit_likely": 1.3}, "initiative/X/benefit_likely"),  # above the medium class's default high, 1.1
    ],
)
def test_an_estimate_out_of_order_names_the_field(fields: dict[str, Any], location: str) -> None:
    problems = parse_portfolio(with_x(**fields)).problems
    assert [p.location for p in problems] == [location]
    assert "most likely" in problems[0].message and "low <= most likely <= high" in problems[0].fix


@pytest.mark.parametrize(
    ("fields", "location"),
    [
        ({"cost_low": -1}, "initiative/X/cost_low"),
        ({"cost_high": float("inf")}, "initiative/X/cost_high"),
        ({"duration_low": 0}, "initiative/X/duration_low"),
        ({"benefit_high": -0.5}, "initiative/X/benefit_high"),
        ({"stop_probability": 1.5}, "initiative/X/stop_probability"),
        ({"stop_probability": -0.1}, "initiative/X/stop_probability"),
    ],
)
def test_a_value_outside_its_range_names_the_field(fields: dict[str, Any], location: str) -> None:
    assert locations(with_x(**fields)) == [location]


def test_a_spread_on_a_completed_initiative_is_refused() -> None:
    problems = parse_portfolio(with_x(status="completed", cost_high=20, stop_probability=0.1)).problems
    errors = [p for p in problems if p.location.startswith("initiative/X/")]
    assert [p.location for p in errors] == ["initiative/X/cost_high", "initiative/X/stop_probability"]
    assert "completed" in errors[0].message and "blank" in errors[0].fix


def test_the_sample_has_varied_estimates_and_loads_without_problems() -> None:
    result = load_path("data/sample")
    assert result.ok and result.portfolio is not None, result.problems
    initiatives = result.portfolio.initiatives
    open_work = initiatives[initiatives["status"] != "completed"]
    given = open_work[list(ESTIMATE_COLUMNS)].notna()
    assert given["cost_high"].sum() >= 30 and given["stop_probability"].sum() >= 20
    assert (~given.all(axis=1)).sum() >= 15  # some blanks, which take their risk class's default
    table = estimate_table(result.portfolio).loc[open_work.index]
    spread = table["cost_high"] / table["cost_likely"]
    assert spread.min() < 1.3 < 2.5 < spread.max()  # narrow and wide estimates


def test_the_template_has_the_estimate_columns(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    header = [cell.value for cell in openpyxl.load_workbook(path)["initiative"][1]]
    assert all(name in header for name in ESTIMATE_COLUMNS)


def test_a_workbook_keeps_the_estimates_both_ways(tmp_path: Path) -> None:
    portfolio = build_portfolio(with_x(cost_low=8, cost_high=25, duration_high=2, benefit_likely=0.8))
    path = tmp_path / "book.xlsx"
    write_portfolio(portfolio, path)
    back = load_workbook_portfolio(path)
    assert back.portfolio is not None, back.problems
    columns = list(ESTIMATE_COLUMNS)
    assert back.portfolio.initiatives[columns].equals(portfolio.initiatives[columns])


def test_the_store_keeps_the_estimates(engines: Engine) -> None:
    portfolio = build_portfolio(with_x(cost_low=8.5, cost_high=25, duration_high=2, stop_probability=0.05))
    save_portfolio(engine=engines, portfolio=portfolio)
    stored = load_portfolio(engine=engines).initiatives
    assert stored.loc["X", list(ESTIMATE_COLUMNS)].tolist() == [8.5, 25, None, 2, None, None, None, 0.05]


def test_an_estimate_edit_is_versioned_and_audited_and_a_bad_one_changes_nothing(engines: Engine) -> None:
    import_portfolio_as(engine=engines, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN, note="seed")
    snapshot = load_snapshot(engines)
    after = changed(snapshot.portfolio, "initiative", "X", cost_high=30.0)
    save_portfolio_as(
        engine=engines, portfolio=after, user=COORDINATOR, expected_versions=snapshot.versions, base=snapshot.portfolio
    )
    log = audit_log(engines, table="initiative", action="update")
    assert (log.at[0, "before"]["cost_high"], log.at[0, "after"]["cost_high"]) == (None, 30.0)
    assert load_snapshot(engines).version("initiative", "X") == 2
    snapshot = load_snapshot(engines)
    bad = snapshot.portfolio.copy()
    bad.initiatives.at["X", "cost_low"] = 50.0  # above the most likely cost of 10
    with pytest.raises(InvalidPortfolio, match="initiative/X/cost_low"):
        save_portfolio_as(
            engine=engines,
            portfolio=bad,
            user=COORDINATOR,
            expected_versions=snapshot.versions,
            base=snapshot.portfolio,
        )
    assert load_portfolio(engine=engines).initiatives.at["X", "cost_low"] is None
    assert len(audit_log(engines, table="initiative", action="update")) == 1
