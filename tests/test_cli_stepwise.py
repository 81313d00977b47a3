"""``planning run/plans/approve/diff/steps/ladder/compare/frontier`` through click's CliRunner.

Runs act as the coordinator ``kari`` and approvals as the steering member ``ola`` (``--as``);
the role rules themselves are tested in ``tests/test_write_paths.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planning.cli import main
from tests.factories import stored_url, three_initiatives

RUN = ("--as", "kari")
APPROVE = ("--as", "ola")


def invoke(database: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--database-url", database], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def as_json(database: str, *args: str) -> Any:
    code, out, _ = invoke(database, *args, "--json")
    assert code == 0, out
    return json.loads(out)


@pytest.fixture
def database(tmp_path: Path) -> str:
    """X (cost 50, NPV 30), Y (60, 40), Z (40, 25) in one 100 MNOK period; scenarios Basis, Halv, Umulig."""
    portfolio = three_initiatives(
        [
            {"id": "Basis", "discount_rate": 0, "time_limit": 10},
            {"id": "Halv", "discount_rate": 0, "budget_factor": 0.5, "time_limit": 10},
            {"id": "Umulig", "forced_in": ["X", "Y"], "time_limit": 10},
        ],
        overrun=False,
    )
    return stored_url(tmp_path, portfolio, {"kari": "coordinator", "ola": "steering"})


def test_run_stores_the_plan_and_answers_again_from_the_store(database: str) -> None:
    code, out, _ = invoke(database, "run", "Basis", *RUN)
    assert code == 0 and out.startswith("Plan 1 for Basis: optimal")
    again = as_json(database, "run", "Basis")  # the stored plan: reading needs no --as
    assert again["id"] == 1 and again["from_cache"] and again["npv"] == pytest.approx(65)
    code, out, _ = invoke(database, "run", "Umulig", *RUN)
    assert code == 1 and "infeasible" in out
    assert invoke(database, "run", "Ingen", *RUN)[0] == 1


def test_approve_list_diff_and_steps(database: str) -> None:
    invoke(database, "run", "Basis", *RUN)
    invoke(database, "run", "Halv", *RUN)
    code, out, _ = invoke(database, "approve", "1", "--by", "Styringsgruppen", "--comment", "Vedtatt", *APPROVE)
    assert code == 0 and "plan of record" in out
    code, _, err = invoke(database, "approve", "1", "--by", "Styringsgruppen", "--comment", "igjen", *APPROVE)
    assert code == 1 and "already the plan of record" in err
    assert invoke(database, "approve", "1", "--by", "Styringsgruppen", *APPROVE)[0] == 2  # --comment is required
    listing = as_json(database, "plans")
    assert [(p["id"], p["approval"]) for p in listing["plans"]] == [(2, ""), (1, "baseline")]
    assert listing["approvals"][0]["approved_by"] == "Styringsgruppen"
    diff = as_json(database, "diff", "baseline", "2")
    assert diff["npv_change"] == pytest.approx(-35) and diff["dropped"] == 2 and diff["added"] == 1
    code, out, _ = invoke(database, "diff", "baseline", "2")
    assert code == 0 and "1 added, 2 dropped" in out
    steps = as_json(database, "steps", "baseline")
    assert {d["initiative"] for d in steps["deliveries"]} == {"Y", "Z"}
    assert invoke(database, "steps", "1", "--steps", "T=2030-2026")[0] == 2
    assert invoke(database, "diff", "1", "9")[0] == 1


def test_ladder_compare_and_frontier(database: str) -> None:
    ladder = as_json(database, "ladder", "--levels", "0.5,1")
    assert [lv["npv"] for lv in ladder["levels"]] == pytest.approx([30, 55])
    assert ladder["levels"][1]["price_of_nesting"] == pytest.approx(10) and ladder["violations"] == []
    code, out, err = invoke(database, "ladder", "--levels", "50%", "--levels", "100%")
    assert code == 0 and "Price of nesting: 10.0 MNOK" in out and "[2/2]" in err
    assert invoke(database, "ladder", "--levels", "Lav,0.8")[0] == 2
    assert invoke(database, "ladder", "--scenario", "Ingen", "--levels", "1")[0] == 1
    compared = as_json(database, "compare", "Basis", "Halv")
    assert [k["scenario"] for k in compared["kpis"]] == ["Basis", "Halv"]
    code, out, _ = invoke(database, "compare", "Basis", "Halv")
    assert code == 0 and "50 of 50 (100%)" in out
    assert invoke(database, "compare", "Basis")[0] == 2
    assert invoke(database, "compare", "Basis", "Umulig")[0] == 1
    frontier = as_json(database, "frontier", "--factors", "0.5,1")
    assert {(r["method"], r["budget_factor"]) for r in frontier["frontier"]} == {
        ("optimiser", 0.5),
        ("greedy", 0.5),
        ("optimiser", 1.0),
        ("greedy", 1.0),
    }


def test_an_empty_database_is_refused(tmp_path: Path) -> None:
    code, _, err = invoke(f"sqlite:///{tmp_path}/empty.db", "plans")
    assert code == 1 and "planning init" in err


@pytest.mark.parametrize("command", ["run", "plans", "approve", "diff", "steps", "ladder", "compare", "frontier"])
def test_every_command_has_help_with_example_and_exit_codes(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "Exit codes:" in result.output
