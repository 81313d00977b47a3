"""Every number has a finite, declared range; booleans, NaN and infinities are refused on every way in.

The ways in: a CSV folder, a JSON file, a workbook, ``planning rows set``, the app's table
editor, measurements; and the optimiser refuses a portfolio that holds such a number
(stored before the limits, or built in Python) with a clear error instead of an IndexError.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, text

from planning.cli import main
from planning.domain.columns import column_specs
from planning.domain.loading import build_portfolio, parse_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.problems import InvalidPortfolio, Problem
from planning.io import load_path, write_csv_folder, write_portfolio
from planning.optimise import Stability, optimise, plan_inputs
from planning.optimise.finite import check_finite_inputs
from planning.realisation.measurements import record_measurement
from planning.store.database import load_portfolio, make_engine
from planning.store.shared import import_portfolio_as
from tests.conftest import small_raw_portfolio
from tests.test_access import ADMIN
from tests.test_app_flows import edit, editor_rows
from tests.test_app_pages import database, sample_file, start
from tests.test_cli_users import cheap_hashes, run, url

__all__ = ["cheap_hashes", "database", "sample_file", "url"]  # fixtures shared with test_cli_users, test_app_pages

BAD_COSTS = [
    ("inf", "inf is infinite or too large to be a number"),
    ("1e400", "1e400 is infinite or too large to be a number"),
    ("-Infinity", "-Infinity is infinite or too large to be a number"),
    ("nan", "nan is not a number (NaN)"),
    (1e308, "Input should be less than or equal to 1000000"),
    (True, "TRUE is true or false, not a number"),
]
COST_FIX = "enter a number from 0 to 1000000 (MNOK)"
SHARE_FIX = "enter a number from 0 to 1 (fraction)"


def only(problems: list[Problem], location: str) -> Problem:
    found = [p for p in problems if p.location == location]
    assert len(found) == 1, problems
    return found[0]


def test_every_number_column_declares_a_finite_range() -> None:
    for table in TABLE_MODELS:
        for spec in column_specs(table):
            if spec.is_numeric:
                assert spec.minimum is not None and spec.maximum is not None, f"{table}.{spec.name}"
                assert math.isfinite(spec.minimum) and math.isfinite(spec.maximum), f"{table}.{spec.name}"
                each = "each " if spec.kind in ("list_number", "map_number") else ""
                row = f"| `{table}.{spec.name}` | {each}{spec.range_label} |"
                assert row in Path("docs/security.md").read_text(encoding="utf-8"), row


@pytest.mark.parametrize(("value", "message"), BAD_COSTS, ids=[str(v) for v, _ in BAD_COSTS])
def test_a_cost_that_is_no_finite_number_is_refused_in_a_json_file(tmp_path: Path, value: Any, message: str) -> None:
    raw = small_raw_portfolio()
    raw["initiative"][0]["total_cost"] = value
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    result = load_path(path)
    assert result.portfolio is None
    problem = only(result.problems, "initiative/X/total_cost")
    assert (problem.message, problem.fix, problem.line) == (message, COST_FIX, 1)


def test_json_literals_infinity_nan_and_a_huge_number_are_refused(tmp_path: Path) -> None:
    text_ = json.dumps(small_raw_portfolio())
    for literal, message in (("Infinity", "inf is infinite"), ("1e400", "inf is infinite"), ("NaN", "no cost given")):
        path = tmp_path / "portfolio.json"
        path.write_text(text_.replace('"total_cost": 10', f'"total_cost": {literal}'), encoding="utf-8")
        result = load_path(path)
        assert result.portfolio is None
        assert only(result.problems, "initiative/X/total_cost").message.startswith(message)


@pytest.mark.parametrize(("value", "message"), BAD_COSTS[:5], ids=[str(v) for v, _ in BAD_COSTS[:5]])
def test_a_cost_that_is_no_finite_number_is_refused_in_a_csv_file(tmp_path: Path, value: Any, message: str) -> None:
    folder = tmp_path / "tables"
    write_csv_folder(build_portfolio(small_raw_portfolio()), folder)
    path = folder / "initiative.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["total_cost"] = str(value)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = load_path(folder)
    assert result.portfolio is None
    problem = only(result.problems, "initiative/X/total_cost")
    assert (problem.message, problem.fix) == (message.replace("1e+308", "1e308"), COST_FIX)


@pytest.mark.parametrize(
    ("column", "value", "message", "fix"),
    [
        ("total_cost", True, "TRUE is true or false, not a number", COST_FIX),
        ("total_cost", 1e308, "Input should be less than or equal to 1000000", COST_FIX),
        ("total_cost", "1e400", "1e400 is infinite or too large to be a number", COST_FIX),
        ("duration", True, "TRUE is true or false, not a number", "enter a whole number from 1 to 200 (periods)"),
        ("custom_shares", "A=inf", "A=inf is infinite or too large to be a number", SHARE_FIX),
        ("scores", "safety=6", "safety=6 is outside the range 0 to 5", "enter a number from 0 to 5 (score)"),
    ],
)
def test_a_workbook_cell_out_of_range_is_named_by_sheet_row_and_column(
    tmp_path: Path, column: str, value: Any, message: str, fix: str
) -> None:
    path = tmp_path / "portfolio.xlsx"
    write_portfolio(build_portfolio(small_raw_portfolio()), path)
    book = openpyxl.load_workbook(path)
    sheet = book["initiative"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index(column) + 1, value=value)
    book.save(path)
    result = load_path(path)
    assert result.portfolio is None
    problem = only(result.problems, f"initiative/X/{column}")
    assert (problem.message, problem.fix, problem.line) == (message, fix, 2)


def test_a_boolean_in_a_list_of_numbers_and_nan_in_a_required_amount_are_named() -> None:
    raw = small_raw_portfolio()
    raw["initiative"][1].update(total_cost=None, cost_profile=[3, True])
    raw["envelope"][0]["amount"] = "nan"
    problems = parse_portfolio(raw).problems
    assert only(problems, "initiative/Y/cost_profile").message == "TRUE is true or false, not a number"
    amount = only(problems, "envelope/A/2026/Basis/amount")
    assert amount.message == "nan is not a number (NaN)"
    assert amount.fix == "enter a number from 0 to 1000000 (MNOK)"


@pytest.mark.parametrize(
    ("table", "row", "cell", "message"),
    [
        ("initiative", "X", "total_cost=inf", "initiative/X/total_cost: inf is infinite or too large to be a number"),
        ("initiative", "X", "total_cost=1e308", "initiative/X/total_cost: Input should be less than or equal to"),
        ("envelope", "A/2026/Basis", "amount=nan", "envelope/A/2026/Basis/amount: nan is not a number (NaN)"),
        ("scenario", "S", "budget_factor=1e400", "scenario/S/budget_factor: 1e400 is infinite"),
        ("benefit", "BX", "ramp_up=0.5;1.5", "benefit/BX/ramp_up: 1.5 is outside the range 0 to 1"),
    ],
)
def test_planning_rows_set_refuses_a_number_out_of_range_and_stores_nothing(
    url: str, table: str, row: str, cell: str, message: str
) -> None:
    engine = make_engine(url)
    before = load_portfolio(engine=engine)
    result = run(url, "rows", "set", table, row, cell, "--as", "ada")
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert load_portfolio(engine=engine).table(table).equals(before.table(table))
    engine.dispose()


def test_a_measurement_that_is_no_finite_number_is_refused(engines: Engine) -> None:
    import_portfolio_as(engine=engines, portfolio=build_portfolio(small_raw_portfolio()), user=ADMIN)
    refused_values = [(math.inf, "inf is infinite"), (True, "TRUE is true or"), (2e12, "Input should be less than")]
    for value, message in refused_values:
        with pytest.raises(InvalidPortfolio) as refused:
            record_measurement(engines, benefit_id="BX", year=2026, value=value, user=ADMIN, entered_by="ola")
        assert f"measurement/BX/2026/value: {message}" in str(refused.value)
    assert list(load_portfolio(engine=engines).measurements.index) == ["BX/2027"]


def test_the_optimiser_refuses_an_infinite_cost_built_in_python() -> None:
    portfolio = build_portfolio(small_raw_portfolio())
    portfolio.initiatives.at["Z", "total_cost"] = math.inf
    with pytest.raises(InvalidPortfolio) as refused:
        optimise(portfolio, "S", time_limit=5, explain=False)
    assert "initiative/Z/total_cost: inf is infinite or too large to be a number" in str(refused.value)


def test_the_optimiser_refuses_a_scenario_model_with_an_infinite_budget_factor() -> None:
    portfolio = build_portfolio(small_raw_portfolio())
    scenario = portfolio.scenarios.loc["S"].to_dict()
    from planning.domain.models import Scenario

    unchecked = Scenario(id="S2", **{**scenario, "budget_factor": math.inf})  # table models do not validate here
    with pytest.raises(InvalidPortfolio, match="scenario/S2/budget_factor: inf is infinite"):
        optimise(portfolio, unchecked, time_limit=5, explain=False)


def test_the_model_inputs_are_checked_for_finite_numbers_too() -> None:
    inputs = plan_inputs(build_portfolio(small_raw_portfolio()), "S", Stability(drop_penalty=math.inf))
    with pytest.raises(InvalidPortfolio, match="scenario/S/stability: a number the optimiser would plan with"):
        check_finite_inputs(inputs)
    inputs.envelopes.iloc[0, 0] = math.nan
    with pytest.raises(InvalidPortfolio, match="envelope/A/amount"):
        check_finite_inputs(inputs)


def test_planning_optimize_refuses_an_infinity_stored_before_the_limits_with_exit_1(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE initiative SET total_cost = :cost WHERE id = 'Z'"), {"cost": math.inf})
    engine.dispose()
    result = CliRunner().invoke(main, ["optimize", "--scenario", "S", "--database-url", url])
    assert result.exit_code == 1, result.output
    assert "initiative/Z/total_cost: inf is infinite or too large to be a number" in result.output
    assert "IndexError" not in result.output and "list index out of range" not in result.output


@pytest.mark.parametrize(
    ("language", "cost", "shown"),
    [
        ("nb", "2 000 000", "verdien må være mindre enn eller lik 1000000"),  # a number, out of range
        ("en", "inf", "is not a number"),  # refused as typed, before any range check
    ],
)
def test_the_apps_initiative_editor_refuses_a_cost_out_of_range_and_stores_nothing(
    database: str, language: str, cost: str, shown: str
) -> None:
    at = start("tiltak", language=language)
    row = editor_rows(at, "initiative_editor").index("PLL-HV")
    before = load_portfolio(engine=make_engine(database)).initiatives.at["PLL-HV", "total_cost"]
    edit(at, "initiative_editor", row, total_cost=cost)
    at.button(key="save_initiatives").click().run()
    assert not at.exception and at.error
    problems = at.data_editor(key="initiative_editor").value.set_index("id").at["PLL-HV", "problems"]
    assert shown in problems, problems
    assert any(name in problems for name in ("total_cost", "Kostnad (MNOK)", "Cost (MNOK)")), problems
    assert load_portfolio(engine=make_engine(database)).initiatives.at["PLL-HV", "total_cost"] == before
