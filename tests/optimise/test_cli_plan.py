"""``planning optimize`` and ``planning check-plan`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from factories import benefit, initiative, tiny_portfolio

from planning.cli import main
from planning.cli.plan import describe, progress_printer
from planning.io import load_path
from planning.io.files import write_csv_folder
from planning.messages.phrases import phrase
from planning.optimise import optimise
from planning.optimise.inputs import resolve_scenario
from planning.optimise.watch import Incumbent, solving_line
from planning.plans.baseline import approve_plan
from planning.plans.runs import store_plan
from planning.store.access import COORDINATOR, STEERING, User
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tiny_folder(tmp_path: Path, budget: float = 10) -> Path:
    """X (+20) and Y (+10), 10 MNOK each; scenario S at rate 0. With 10 a year: X 2026, Y 2027."""
    portfolio = tiny_portfolio(
        [initiative("X"), initiative("Y", mandatory=True)],
        periods=2,
        budget=budget,
        benefits=[benefit("bX", "X", 30), benefit("bY", "Y", 20)],
        dependencies=[{"predecessor_id": "X", "successor_id": "Y", "kind": "start_to_start"}],
        scenario=[{"id": "S", "discount_rate": 0.0, "time_limit": 10}],
    )
    folder = tmp_path / "portfolio"
    write_csv_folder(portfolio, folder)
    return folder


def test_optimize_the_sample_as_json_and_check_the_plan_it_prints(tmp_path: Path) -> None:
    result = run("optimize", "--from", str(SAMPLE), "--scenario", "Basis", "--json", "--time-limit", "30")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] in ("optimal", "time_limit") and data["scenario"] == "Basis"
    assert {"objective", "bound", "gap", "solve_seconds", "solver", "initiatives", "spend"} <= set(data)
    assert all(row["amount"] <= row["envelope"] + 1e-6 for row in data["spend"])
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(result.stdout, encoding="utf-8")
    checked = run("check-plan", str(plan_file), "--from", str(SAMPLE), "--scenario", "Basis")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith("The plan keeps every rule")


def test_optimize_gives_the_same_reasons_without_what_ifs_and_prices_them_when_asked(tmp_path: Path) -> None:
    """A (+30) and B (+20) at 10 MNOK each, 10 a year at 10 %: A in 2026, B in 2027; forcing B into
    2026 moves A to 2027, which costs NPV."""
    portfolio = tiny_portfolio(
        [initiative("A"), initiative("B")],
        periods=2,
        budget=10,
        benefits=[benefit("bA", "A", 40), benefit("bB", "B", 30)],
        scenario=[{"id": "S", "discount_rate": 0.1, "time_limit": 10}],
    )
    folder = tmp_path / "portfolio"
    write_csv_folder(portfolio, folder)
    quick = json.loads(run("optimize", "--from", str(folder), "--scenario", "S", "--json").stdout)
    full = json.loads(run("optimize", "--from", str(folder), "--scenario", "S", "--json", "--what-if").stdout)
    reasons = {row["id"]: row["reason"] for row in quick["initiatives"]}
    assert reasons == {row["id"]: row["reason"] for row in full["initiatives"]}
    late = [row for row in full["initiatives"] if row["reason"]]
    assert late, full["initiatives"]
    assert all(row["npv_if_forced"] is None for row in quick["initiatives"])
    assert [row["id"] for row in late] == ["B"]
    assert isinstance(late[0]["npv_if_forced"], float) and late[0]["npv_if_forced"] < 0
    assert all(isinstance(row["what_if_proven"], bool) for row in late if row["npv_if_forced"] is not None)
    assert [row["extra_budget"] for row in quick["initiatives"]] == [row["extra_budget"] for row in full["initiatives"]]


def test_optimize_prints_the_plan_for_people(tmp_path: Path) -> None:
    result = run("optimize", "--from", str(tiny_folder(tmp_path)), "--scenario", "S", "--time-limit", "10")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Scenario S: optimal")
    assert "Net present value 30.0 MNOK" in result.stdout


def test_optimize_without_a_plan_exits_1_with_a_diagnosis(tmp_path: Path) -> None:
    # Y is mandatory and needs X: 20 MNOK against 5 a year, at best one a year, 5 short in each.
    result = run("optimize", "--from", str(tiny_folder(tmp_path, budget=5)), "--scenario", "S", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["status"] == "infeasible" and data["diagnosis"] == [
        "A is 5.0 MNOK short in 2026",
        "A is 5.0 MNOK short in 2027",
    ]


def test_unknown_scenario_is_a_usage_error(tmp_path: Path) -> None:
    result = run("optimize", "--from", str(tiny_folder(tmp_path)), "--scenario", "Nope")
    assert result.exit_code == 2
    assert "unknown scenario 'Nope'; known: S" in result.output


def test_check_plan_on_a_hand_edited_csv(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)
    good, bad, unreadable = (tmp_path / name for name in ("good.csv", "bad.csv", "unreadable.csv"))
    good.write_text("id,start\nX,2026\nY,2027\n", encoding="utf-8")
    bad.write_text("id,start\nX,2027\nY,2026\n", encoding="utf-8")  # Y may not start before X
    unreadable.write_text("id,start\nX,soon\n", encoding="utf-8")
    kept = run("check-plan", str(good), "--from", str(folder), "--scenario", "S")
    assert kept.exit_code == 0
    assert kept.stdout == "The plan keeps every rule (2 initiatives); net present value 30.0 MNOK.\n"
    result = run("check-plan", str(bad), "--from", str(folder), "--scenario", "S")
    assert (result.exit_code, result.stdout) == (1, "Y: starts 2026, before X allows (2027)\n")
    refused = run("check-plan", str(unreadable), "--from", str(folder))
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "unreadable.csv/row 1/start: 'soon' is not a period; write a year such as 2026 "
        "Fix: enter a period from 2026 to 2027, or leave start empty for not in the plan",
        "unreadable.csv: not checked; fix the problems above and check again.",
    ]
    excel = tmp_path / "fra excel.csv"  # Norwegian Excel: semicolons, Windows-1252 text
    excel.write_bytes("id;start;merknad\r\nX;2026;første\r\nY;2027;\r\n".encode("cp1252"))
    assert run("check-plan", str(excel), "--from", str(folder), "--scenario", "S").exit_code == 0


def stored_folder(path: Path, folder: Path) -> str:
    """The portfolio in ``folder`` stored in a new SQLite file at ``path``; its URL."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=load_path(folder).portfolio)
    engine.dispose()
    return url


def approved_database(tmp_path: Path, folder: Path) -> str:
    """The tiny portfolio in SQLite with its plan X 2026, Y 2027 approved."""
    url = stored_folder(tmp_path / "veikart.db", folder)
    engine = make_engine(url)
    try:
        portfolio = load_portfolio(engine=engine)
        plan = optimise(portfolio, "S", explain=False)
        assert plan.starts == {"X": 0, "Y": 1}
        runner, approver = User(username="kari", role=COORDINATOR), User(username="ola", role=STEERING)
        kept = store_plan(engine, plan, resolve_scenario(portfolio, "S"), {}, input_hash="test", user=runner)
        approve_plan(engine, kept.id, by="Styringsgruppen", user=approver)
    finally:
        engine.dispose()
    return url


def test_check_plan_against_the_approved_plan_lists_each_start_moved(tmp_path: Path) -> None:
    url = approved_database(tmp_path, tiny_folder(tmp_path))
    same, later = tmp_path / "same.csv", tmp_path / "later.csv"
    same.write_text("id,start\nX,2026\nY,2027\n", encoding="utf-8")
    later.write_text("id,start\nX,2027\nY,2027\n", encoding="utf-8")  # both in 2027: over its budget
    result = run("check-plan", str(same), "--database-url", url, "--against-approved")
    assert (result.exit_code, result.stdout.splitlines()[1:]) == (
        0,
        ["The plan starts every initiative where the approved plan (no. 1, scenario S) does."],
    )
    result = run("check-plan", str(later), "--database-url", url, "--against-approved")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and lines[0].startswith("budget ") and "2027" in lines[0]
    assert lines[1:] == [
        "Against the approved plan (no. 1, scenario S): net present value +0.0 MNOK; "
        "1 initiative moved, added or left out:",
        "  X: 2026 -> 2027",
    ]


def test_check_plan_against_the_approved_plan_needs_one_and_the_database(tmp_path: Path) -> None:
    folder = tiny_folder(tmp_path)
    plan_file = tmp_path / "plan.csv"
    plan_file.write_text("id,start\nX,2026\nY,2027\n", encoding="utf-8")
    url = stored_folder(tmp_path / "unapproved.db", folder)
    none = CliRunner().invoke(main, ["check-plan", str(plan_file), "--database-url", url, "--against-approved"])
    assert none.exit_code == 2 and "no plan has been approved yet; approve one with 'planning approve'" in none.stderr
    both = CliRunner().invoke(main, ["check-plan", str(plan_file), "--from", str(folder), "--against-approved"])
    assert both.exit_code == 2 and "leave out --scenario and --from" in both.stderr


def test_the_terminal_shows_every_stage_but_the_solvers_report_only_now_and_then(
    capsys: pytest.CaptureFixture[str],
) -> None:
    show = progress_printer(every=60.0)
    show("Solving", 0.3)
    show(solving_line(Incumbent(10.0, 12.0), 1.0, 30.0), 0.32)
    show(solving_line(Incumbent(11.0, 12.0), 1.5, 30.0), 0.33)  # within 60 s of the last: left out
    show("Reading the plan", 0.85)
    show(phrase("explaining", done=1, total=2, initiative="A"), 0.9)  # another kind: shown
    show(phrase("explaining", done=2, total=2, initiative="B"), 0.945)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "[ 30%] Solving",
        "[ 32%] Solving (1 of 30 s): the best plan so far is at most 20.00 % from the best possible",
        "[ 85%] Reading the plan",
        "[ 90%] Explaining initiative 1 of 2: A",
    ]


def test_a_time_limited_plan_is_described_with_the_solvers_notes_and_a_readable_bound() -> None:
    portfolio = tiny_portfolio([initiative("A", cost=10)], periods=2, budget=10, benefits=[benefit("bA", "A", 30)])
    plan = optimise(portfolio, time_limit=5, explain=False)
    plan.facts.status, plan.facts.bound = "time_limit", 30.123456789
    plan.facts.message = "time limit reached; " + phrase("core_searched", rounds=11, improvements=1)
    text = describe(plan)
    assert "  Solver: time limit reached; core search: 11 cores searched, 1 improved the plan" in text
    assert "bound 30.12\n" in text
    plan.facts.bound = None
    assert "bound none\n" in describe(plan)
