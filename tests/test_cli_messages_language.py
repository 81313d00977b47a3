"""What the planning code says, rendered at the command line's edge in bokmål and English (issue 34).

Progress lines of ladder, compare, frontier and price, the refusals of --levels and --steps, the
ladder's notes and nesting violations, a plan's promise at a confidence, optimize's and
check-plan's lines, and coded values (a plan's status, a method, a scope) in words. On a
stored three-initiative portfolio (SQLite file) and small portfolios in files, with short solves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from planning.io.files import write_csv_folder, write_json
from planning.messages.phrases import phrase
from planning.messages.render import render
from planning.plans.ladder import nesting_violations, solve_ladder
from tests.factories import benefit, initiative, stored_url, three_initiatives, tiny_portfolio
from tests.optimise.test_obligations import cli_portfolio
from tests.test_cli_words_language import ok, run

NBSP = "\u00a0"
LEVELS = [{"id": "Full", "rank": 1, "factor": 1.0}, {"id": "Kutt", "rank": 2, "factor": 0.5}]
"""Money falls from the first rung to the second: holding the first plan is infeasible there."""


def portfolio() -> Any:
    """X (cost 50), Y (60), Z (40) in one 100 MNOK period; Basis, Halv, and Sikker at 70 % confidence."""
    return three_initiatives(
        [
            {"id": "Basis", "discount_rate": 0, "time_limit": 10},
            {"id": "Halv", "discount_rate": 0, "budget_factor": 0.5, "time_limit": 10},
            {"id": "Sikker", "discount_rate": 0, "time_limit": 10, "confidence": 0.7},
        ],
        ambition_level=LEVELS,
        envelope=[
            {"funding_pool_id": "A", "year": 2026, "ambition_level_id": "Full", "amount": 100.0},
            {"funding_pool_id": "A", "year": 2026, "ambition_level_id": "Kutt", "amount": 50.0},
        ],
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored_url(tmp_path_factory.mktemp("messages"), portfolio(), {"kari": "coordinator"})


def both(*args: str, database: str | None = None) -> tuple[Result, Result]:
    """The command in bokmål and in English, each as it ended."""
    return run("nb", *args, database=database), run("en", *args, database=database)


def test_the_ladders_progress_note_and_table_in_bokmal_and_english(database: str) -> None:
    nb, en = (ok(r) for r in both("ladder", "--levels", "Full,Kutt", "--scenario", "Basis", database=database))
    assert "[1/2] Full: løser" in nb.stderr and "[1/2] Full: solving" in en.stderr
    assert "[1/2] Full: optimal (bevist), 2 tiltak, netto nåverdi 65,0 MNOK" in nb.stderr
    assert "[1/2] Full: optimal (proven), 2 initiatives, NPV 65.0 MNOK" in en.stderr
    assert "[2/2] Kutt: optimal (bevist), 1 tiltak, netto nåverdi 30,0 MNOK (nøsting droppet: umulig)" in nb.stderr
    assert "[2/2] Kutt: optimal (proven), 1 initiative, NPV 30.0 MNOK (nesting dropped: infeasible)" in en.stderr
    assert ("advarsel: å holde planen for Full gir ingen gjennomførbar plan på Kutt (stiger ikke rammene i hver "
            "kilde og hvert år?): løst uten nøsting") in nb.stderr  # fmt: skip
    assert ("warning: holding the Full plan is infeasible at Kutt (the envelopes do not rise in every pool and "
            "year?): solved without nesting") in en.stderr  # fmt: skip
    assert "Full optimal (bevist) " in nb.stdout and "Full optimal (proven) " in en.stdout


@pytest.mark.parametrize(
    ("levels", "bokmal", "english"),
    [
        ("Full,0.8", "gi enten ambisjonsnivåer (Lav Basis Høy) eller budsjettfaktorer", "give either ambition levels"),
        ("Middels", "ukjent ambisjonsnivå Middels; kjente: Full, Kutt", "unknown ambition level Middels; known: Full"),
        ("Middels,Mye", "ukjente ambisjonsnivåer Middels, Mye;", "unknown ambition levels Middels, Mye;"),
        ("-0.5", "gi én eller flere budsjettfaktorer, hver 0 eller mer", "give one or more budget factors"),
    ],
)
def test_the_ladders_levels_are_refused_in_bokmal_and_english(
    database: str, levels: str, bokmal: str, english: str
) -> None:
    nb, en = both("ladder", "--levels", levels, database=database)
    assert nb.exit_code == 2 and bokmal in nb.output and english not in nb.output
    assert en.exit_code == 2 and english in en.output


def test_a_nesting_violation_is_a_message_said_in_either_language() -> None:
    three = tiny_portfolio(
        [initiative("X", cost=50), initiative("Y", cost=60), initiative("Z", cost=40)],
        periods=1,
        benefits=[benefit("bX", "X", 80), benefit("bY", "Y", 100), benefit("bZ", "Z", 65)],
        scenario=[{"id": "S", "discount_rate": 0}],
    )
    ladder = solve_ladder(three, "S", [0.5, 1.0], independent=False, time_limit=10)
    ladder.steps[1].plan.initiatives.loc["X", "selected_opt"] = False
    (dropped,) = nesting_violations(ladder)
    assert render(dropped, "nb") == "100 %: dropper X, som 50 % har med"
    assert render(dropped, "en") == dropped == "100 %: drops X, which 50 % holds"
    later = phrase("nesting_later", level="100 %", initiative="X", start=2, earlier=0, below="50 %")
    assert render(later, "nb") == "100 %: starter X i periode 2, senere enn 0 på 50 %"
    assert render(later, "en") == later == "100 %: starts X in period 2, later than 0 at 50 %"


def test_compare_and_frontier_progress_and_tables_in_bokmal_and_english(database: str) -> None:
    nb, en = (ok(r) for r in both("compare", "Basis", "Halv", database=database))
    assert "[1/2] Basis: løser" in nb.stderr and "[2/2] Halv: optimal (bevist)" in nb.stderr
    assert "[1/2] Basis: solving" in en.stderr and "[2/2] Halv: optimal (proven)" in en.stderr
    assert "optimal (bevist)" in nb.stdout and "optimal (proven)" in en.stdout
    unknown_nb, unknown_en = both("compare", "Basis", "Ukjent", "Borte", database=database)
    assert "ukjente scenarioer Ukjent, Borte; kjente: Basis, Halv, Sikker" in unknown_nb.output
    assert "unknown scenarios Ukjent, Borte; known: Basis, Halv, Sikker" in unknown_en.output
    nb, en = (ok(r) for r in both("frontier", "--factors", "0.5,1", database=database))
    assert "[1/2] budsjett 50 %: løser" in nb.stderr and "[2/2] budsjett 100 %: optimal (bevist)" in nb.stderr
    assert "[1/2] budget 50%: solving" in en.stderr and "[2/2] budget 100%: optimal (proven)" in en.stderr
    assert "rangering etter nytte/kostnad" in nb.stdout and "optimering" in nb.stdout and " greedy " not in nb.stdout
    assert "heuristikk" in nb.stdout and "heuristic" in en.stdout
    assert "benefit/cost ranking" in en.stdout and "optimiser" in en.stdout


def test_steps_are_refused_in_bokmal_and_english(database: str) -> None:
    for spec, bokmal, english in [
        ("Trinn 1", "'Trinn 1' er ikke et trinn; skriv NAVN=FØRSTE-SISTE", "'Trinn 1' is not a step; write NAME="),
        ("A=2026-2028;B=2027-", "trinnene 'A' og 'B' overlapper", "steps 'A' and 'B' overlap"),
        ("A=2028-2026", "trinnet 'A' slutter før det begynner", "step 'A' ends before it starts"),
        (";", "gi minst ett trinn", "give at least one step"),
    ]:
        nb, en = both("steps", "1", "--steps", spec, database=database)
        assert nb.exit_code == 2 and bokmal in nb.output, nb.output
        assert en.exit_code == 2 and english in en.output, en.output


def test_price_and_robust_say_the_confidence_and_the_method_in_words(database: str) -> None:
    args = ("price", "--scenario", "Basis", "--samples", "20", "--check-samples", "200", "--levels", "0.5")
    nb, en = (ok(r) for r in both(*args, database=database))
    assert "] Sikkerhet 50 %" in nb.stderr and "] Confidence 50%" in en.stderr
    assert "reserve kalibrert ved simulering" in nb.stdout and "reserve calibrated by simulation" in en.stdout
    assert "contingency" not in nb.stdout + en.stdout


def test_a_plan_at_a_confidence_says_its_promise_in_bokmal_and_english(database: str, tmp_path: Path) -> None:
    nb, en = (ok(r) for r in both("run", "Sikker", "--as", "kari", database=database))
    assert "En plan med 70 % sikkerhet (hver investeringsramme (kilde og år) skal holde, metode reserve " in nb.stdout
    assert " % av 2000 nye utfall (" in nb.stdout and "A plan at" not in nb.stdout
    assert "A plan at 70% confidence (each envelope (pool and year) must hold, method reserve calibrated" in en.stdout
    assert "% of 2000 fresh futures (" in en.stdout
    source = tmp_path / "sikker.json"
    write_json(portfolio(), source)
    nb, en = (ok(r) for r in both("optimize", "--from", str(source), "--scenario", "Sikker"))
    assert "En plan med 70 % sikkerhet" in nb.stdout and "A plan at 70% confidence" in en.stdout
    nb, en = both("optimize", "--from", str(source), "--scenario", "Sikker", "--what-if")
    assert nb.exit_code == 2 and "scenario Sikker planlegger med et sikkerhetsnivå;" in nb.output
    assert en.exit_code == 2 and "scenario Sikker plans at a confidence level;" in en.output


def test_the_frontier_of_a_scenario_at_a_confidence_is_planned_at_it(database: str) -> None:
    nb, en = (ok(r) for r in both("frontier", "--scenario", "Sikker", "--factors", "0.5,1", database=database))
    assert "Scenario Sikker: planlagt med 70 % sikkerhet" in nb.stdout
    assert "Rangeringen lages på punktestimatene, og utelates derfor" in nb.stdout
    assert "Scenario Sikker: planned at 70 % confidence" in en.stdout
    assert "The ranking is made on the point estimates" in en.stdout
    assert "NPV the optimiser adds over the ranking" not in en.stdout
    assert f" 70,0{NBSP}% " in nb.stdout and " 70.0% " in en.stdout  # the confidence column as a percentage, not 0.7
    answer = json.loads(ok(run("en", "frontier", "--scenario", "Sikker", "--factors", "0.5,1", "--json",
                               database=database)).stdout)  # fmt: skip
    assert [row["confidence"] for row in answer["frontier"]] == [0.7, 0.7] and answer["gain"] == []
    assert {row["verdict"] for row in answer["frontier"]} <= {"reached", "below", "above"}
    assert all(0 <= row["held"] <= 1 for row in answer["frontier"])
    assert "verdict" in en.stdout and "held" in en.stdout  # each level's check, its verdict in words
    words = {
        "reached": ("nådd", "reached"),
        "below": ("UNDER målet", "BELOW the target"),
        "above": ("over målet", "above the"),
    }
    verdicts = {row["verdict"] for row in answer["frontier"]}
    assert all(words[v][0] in nb.stdout and words[v][1] in en.stdout for v in verdicts), (nb.stdout, en.stdout)
    points = ok(run("en", "frontier", "--scenario", "Sikker", "--factors", "0.5,1", "--point-estimates",
                    database=database))  # fmt: skip
    assert "NPV the optimiser adds over the ranking" in points.stdout and "planned at" not in points.stdout


def test_optimize_says_its_plan_and_its_refusals_in_bokmal_and_english(tmp_path: Path) -> None:
    source = tmp_path / "three.json"
    write_json(portfolio(), source)
    nb, en = (ok(r) for r in both("optimize", "--from", str(source), "--scenario", "Basis"))
    assert nb.stdout.startswith("Scenario Basis: optimal (bevist); løser ")
    assert en.stdout.startswith("Scenario Basis: optimal (proven); solver ")
    assert f", bevist gap 0,0000{NBSP}%" in nb.stdout.splitlines()[0]
    assert ", proven gap 0.0000%" in en.stdout.splitlines()[0]
    nb, en = both("optimize", "--from", str(source), "--scenario", "Ukjent")
    assert nb.exit_code == 2 and "ukjent scenario 'Ukjent'; kjente: Basis, Halv, Sikker" in nb.output
    assert en.exit_code == 2 and "unknown scenario 'Ukjent'; known: Basis, Halv, Sikker" in en.output


def test_the_obligations_warning_and_price_in_bokmal_and_english(tmp_path: Path) -> None:
    source = str(cli_portfolio(tmp_path))
    nb, en = (ok(r) for r in both("optimize", "--from", source, "--scenario", "Release"))
    assert nb.stdout.splitlines()[:2] == [
        "ADVARSEL: denne planen utelater 1 lovpålagt eller likeverdsbegrunnet tiltak:",
        "  SAMI SAMI (equity, sameloven kap. 3): lønner seg ikke: netto nåverdi -6,0 MNOK ved tidligste start",
    ]
    assert en.stdout.startswith("WARNING: this plan leaves out 1 statutory or equity obligation:\n")
    nb, en = (ok(r) for r in both("optimize", "--from", source, "--scenario", "Keep", "--obligation-cost"))
    assert ("Å beholde 1 forpliktelse (SAMI) koster 6,0 MNOK i netto nåverdi: 14,0 med dem, 20,0 uten (begge "
            "planene bevist optimale); uten regelen ville planen utelatt: SAMI.") in nb.stdout  # fmt: skip
    assert "Keeping 1 obligation (SAMI) costs 6.0 MNOK of net present value: 14.0 with them" in en.stdout
    nb, en = (ok(r) for r in both("optimize", "--from", source, "--scenario", "Release", "--obligation-cost"))
    assert "Forpliktelser: scenarioet beholder ingen (ingen er merket, alle er tvunget ut eller frigitt)" in nb.stdout
    assert "Obligations: none kept by this scenario" in en.stdout


def test_check_plan_in_bokmal_and_english(tmp_path: Path) -> None:
    folder = tmp_path / "portfolio"
    write_csv_folder(portfolio(), folder)
    good, bad, unreadable = (tmp_path / name for name in ("good.csv", "bad.csv", "unreadable.csv"))
    good.write_text("id,start\nY,2026\nZ,2026\n", encoding="utf-8")
    bad.write_text("id,start\nX,2026\nY,2026\n", encoding="utf-8")
    unreadable.write_text("id,start\nX,snart\n", encoding="utf-8")
    nb, en = (ok(r) for r in both("check-plan", str(good), "--from", str(folder), "--scenario", "Basis"))
    assert nb.stdout == "Planen holder alle regler (2 tiltak); netto nåverdi 65,0 MNOK.\n"
    assert en.stdout == "The plan keeps every rule (2 initiatives); net present value 65.0 MNOK.\n"
    nb, en = both("check-plan", str(bad), "--from", str(folder), "--scenario", "Basis")
    assert (nb.exit_code, nb.stdout) == (1, "ramme A 2026: bruker 110,00 MNOK av 100,00 MNOK\n")
    assert (en.exit_code, en.stdout) == (1, "budget A 2026: spends 110.00 MNOK of 100.00 MNOK\n")
    nb, en = both("check-plan", str(unreadable), "--from", str(folder))
    assert nb.exit_code == 2 and nb.stderr.endswith("unreadable.csv: ikke kontrollert; rett problemene over og "
                                                    "kontroller igjen.\n")  # fmt: skip
    assert en.exit_code == 2 and en.stderr.endswith("unreadable.csv: not checked; fix the problems above and check "
                                                    "again.\n")  # fmt: skip
    nb, en = both("check-plan", str(good), "--from", str(folder), "--against-approved")
    assert nb.exit_code == 2 and "--against-approved kontrollerer i den godkjente planens scenario" in nb.output
    assert en.exit_code == 2 and "leave out --scenario and --from" in en.output


def test_check_plan_against_the_approved_plan_in_bokmal_and_english(database: str, tmp_path: Path) -> None:
    stored = ok(run("en", "run", "Basis", "--as", "kari", database=database))
    plan = stored.stdout.split()[1]
    assert ok(run("en", "approve", plan, "--by", "Styret", "--comment", "Vedtatt", "--as", "admin",
                  database=database)).exit_code == 0  # fmt: skip
    moved = tmp_path / "moved.csv"
    moved.write_text("id,start\nX,2026\nZ,2026\n", encoding="utf-8")
    nb, en = both("check-plan", str(moved), "--against-approved", database=database)
    assert f"Mot den godkjente planen (nr. {plan}, scenario Basis): netto nåverdi -10,0 MNOK; 2 tiltak flyttet, " \
           "lagt til eller utelatt:" in nb.stdout  # fmt: skip
    assert "  X: ikke i planen -> 2026" in nb.stdout and "  Y: 2026 -> ikke i planen" in nb.stdout
    assert f"Against the approved plan (no. {plan}, scenario Basis): net present value -10.0 MNOK; " in en.stdout
    assert "  Y: 2026 -> not in the plan" in en.stdout
    listed = ok(run("nb", "plans", database=database)).stdout
    assert "styrende plan" in listed and "optimal (bevist)" in listed
    assert "plan of record" in ok(run("en", "plans", database=database)).stdout


def test_the_command_line_shares_the_apps_words_for_a_bodys_action() -> None:
    """The English the command line looks up for ``case.action.CODE`` is the app's, so the catalogs' bokmål is found."""
    from planning.cli.words import CASE_ACTIONS
    from veikart_ui.case_texts import TEXTS

    assert {f"action.{code}": words for code, words in CASE_ACTIONS.items()} == {
        key: words for key, words in TEXTS.items() if key.startswith("action.")
    }


def test_coded_values_have_words_in_both_languages_and_unknown_codes_stay() -> None:
    from planning.messages.phrases import coded

    assert render(coded("plan_status", "time_limit"), "nb") == "tidsgrense (ikke bevist)"
    assert render(coded("plan_status", "time_limit"), "en") == "time limit (not proven)"
    assert render(coded("scope", "pool_total"), "nb") == "hver kildes sum over horisonten"
    assert render(coded("method", "saa"), "en") == "scenario-based MILP"
    assert coded("plan_status", "match") == "match" and coded("method", "veikart") == "veikart"


def test_a_refusal_names_the_action_and_the_roles_in_the_readers_language() -> None:
    from planning.messages.render import render
    from planning.messages.words import access_words
    from planning.store.access import RUN, VIEWER, User, refusal

    refused = refusal(User("rita", VIEWER), RUN)
    assert refused is not None
    nb, en = render(refused, "nb", access_words("nb")), render(refused, "en", access_words("en"))
    assert "kjøre optimeringen" in nb and "administrator" in nb and " og " in nb, nb
    assert "run" in en and "Admin" in en, en
