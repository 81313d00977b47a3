"""Plan export: the roadmap, spend per region and year, benefits curve and solver facts as files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from factories import benefit, initiative, tiny_portfolio
from openpyxl import load_workbook

from planning.domain.portfolio import Portfolio
from planning.io.plan_export import TABLES, plan_format, plan_tables, write_plan
from planning.optimise.plan import Plan, SolverFacts


@pytest.fixture
def portfolio() -> Portfolio:
    return tiny_portfolio(
        [initiative("A1", cost=10.0, name='=HYPERLINK("x")'), initiative("B2", cost=20.0, duration=2)],
        benefits=[benefit("b1", "A1", 5.0, lifetime=2)],
    )


def make_plan(status: str = "optimal") -> Plan:
    facts = SolverFacts(
        status=status,
        objective=12.5,
        bound=13.0 if status == "time_limit" else 12.5,
        gap=0.04 if status == "time_limit" else 0.0,
        solve_seconds=0.2,
        build_seconds=0.1,
        time_limit=30.0,
        solver="highs",
        solver_version="1.7",
        input_hash="abc123",
    )
    initiatives = pd.DataFrame(
        {
            "id": ["A1", "B2"],
            "selected_opt": [True, False],
            "start_opt": pd.array([0, None], dtype="Int64"),
            "finish_opt": pd.array([0, None], dtype="Int64"),
            "start_label": ["2026", None],
            "finish_label": ["2026", None],
            "reason": ["", "-over budget"],
        }
    ).set_index("id")
    spend = pd.DataFrame(
        {
            "pool": ["A", "A", "A"],
            "period": [0, 1, 2],
            "label": ["2026", "2027", "2028"],
            "year": [2026, 2027, 2028],
            "amount": [10.0, 0.0, 0.0],
            "envelope": [100.0, 100.0, 0.0],
        }
    )
    benefits = pd.DataFrame({"year": [2027, 2028], "benefit": [5.0, 5.0]})
    return Plan(scenario="Basis", facts=facts, initiatives=initiatives, spend=spend, benefits=benefits, npv=8.0)


def test_tables(portfolio: Portfolio) -> None:
    tables = plan_tables(make_plan(), portfolio)
    assert tuple(tables) == TABLES
    roadmap = tables["roadmap"].set_index("id")
    assert list(tables["roadmap"].columns) == [
        "id", "name", "area", "lead_region", "selected", "start", "finish", "reason", "reason_message"
    ]  # fmt: skip
    assert roadmap.at["A1", "selected"] and roadmap.at["A1", "start"] == "2026" and roadmap.at["A1", "finish"] == "2026"
    assert not roadmap.at["B2", "selected"] and roadmap.at["B2", "reason"] == "-over budget"
    assert roadmap.at["B2", "lead_region"] == "A" and roadmap.at["B2", "area"] == "shared_infrastructure"
    spend = tables["spend"]
    assert spend.to_dict("records")[0] == {
        "pool": "A", "year": 2026, "amount": 10.0, "envelope": 100.0, "share_used": 0.1
    }  # fmt: skip
    assert spend["share_used"].iloc[2] is None or pd.isna(spend["share_used"].iloc[2])
    assert tables["benefits"].to_dict("records") == [
        {"year": 2027, "benefit_mnok": 5.0},
        {"year": 2028, "benefit_mnok": 5.0},
    ]
    facts = dict(zip(tables["facts"]["fact"], tables["facts"]["value"], strict=True))
    for name in ("status", "objective", "bound", "gap", "solve_seconds", "time_limit", "solver", "solver_version"):
        assert name in facts
    assert facts["input_hash"] == "abc123" and facts["proven_optimal"] is True


def test_time_limit_is_not_proven_optimal(portfolio: Portfolio) -> None:
    facts = plan_tables(make_plan("time_limit"), portfolio)["facts"].set_index("fact")["value"]
    assert "not proven optimal" in facts["status"]
    assert facts["proven_optimal"] is False and facts["gap"] == 0.04


def test_a_node_limit_is_not_proven_optimal_either(portfolio: Portfolio) -> None:
    facts = plan_tables(make_plan("work_limit"), portfolio)["facts"].set_index("fact")["value"]
    assert "stopped at the node limit" in facts["status"] and "not proven optimal" in facts["status"]
    assert facts["proven_optimal"] is False


def test_xlsx_sheets_and_no_formulas(portfolio: Portfolio, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    assert write_plan(make_plan(), portfolio, target) == "xlsx"
    book = load_workbook(target)
    assert book.sheetnames == list(TABLES)
    for sheet in book.worksheets:
        assert sheet["A1"].font.bold
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} holds a formula"
    roadmap = book["roadmap"]
    assert roadmap["B2"].value == '=HYPERLINK("x")'
    assert roadmap["H3"].value == "-over budget"


def test_json_round(portfolio: Portfolio, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    write_plan(make_plan(), portfolio, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    tables = plan_tables(make_plan(), portfolio)
    assert set(data) == set(TABLES)
    roadmap = tables["roadmap"].assign(reason_message=None)  # in JSON an object (code and values), or null
    pd.testing.assert_frame_equal(pd.DataFrame(data["roadmap"]), roadmap, check_dtype=False)
    pd.testing.assert_frame_equal(pd.DataFrame(data["benefits"]), tables["benefits"], check_dtype=False)
    assert data["spend"][0]["share_used"] == 0.1 and data["spend"][2]["share_used"] is None


def test_csv_round(portfolio: Portfolio, tmp_path: Path) -> None:
    target = tmp_path / "plan"
    assert write_plan(make_plan(), portfolio, target) == "csv"
    tables = plan_tables(make_plan(), portfolio)
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    back = pd.read_csv(target / "benefits.csv")
    pd.testing.assert_frame_equal(back, tables["benefits"], check_dtype=False)
    roadmap = pd.read_csv(target / "roadmap.csv", keep_default_na=False)
    assert list(roadmap["id"]) == ["A1", "B2"] and list(roadmap["selected"]) == [True, False]
    assert roadmap.at[0, "name"] == '\'=HYPERLINK("x")'  # text, never a formula, when opened in Excel
    assert roadmap.at[1, "reason"] == "'-over budget"


def test_format_by_suffix() -> None:
    assert plan_format("x.xlsx") == "xlsx" and plan_format("x.json") == "json" and plan_format("out/") == "csv"
    with pytest.raises(ValueError):
        plan_format("x.txt")


def test_a_reason_is_exported_as_its_text_and_as_its_code_and_values(portfolio: Portfolio, tmp_path: Path) -> None:
    from decimal import Decimal

    from planning.messages.phrases import phrase

    plan = make_plan()
    plan.initiatives["reason"] = plan.initiatives["reason"].astype(object)
    plan.initiatives.loc["B2", "reason"] = phrase("does_not_pay_off", npv=Decimal("-7.8"))
    target = tmp_path / "plan.json"
    write_plan(plan, portfolio, target, words=lambda text: text.upper())
    (row,) = [r for r in json.loads(target.read_text(encoding="utf-8"))["roadmap"] if r["id"] == "B2"]
    assert row["reason"] == "DOES NOT PAY OFF: NET PRESENT VALUE -7.8 MNOK AT ITS EARLIEST START"
    assert row["reason_message"] == {"code": "does_not_pay_off", "values": {"npv": -7.8}}
