"""The words of ladder, compare, frontier, steps, robust, price, simulate, core-index, bench and report's
framing in bokmål and English (``--lang``): from the catalogs, numbers and percentages the reader's way.

On a stored three-initiative portfolio (SQLite file) with short solves and few futures; the
benchmarks' own work is replaced by canned records, so only the command line's words run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from planning.cli import main
from planning.io.files import write_json
from planning.messages.render import percent
from tests.factories import stored_url, three_initiatives

NBSP = "\u00a0"


def portfolio() -> Any:
    """X (cost 50, may overrun to 80), Y (60), Z (40) in one 100 MNOK period; Basis, Halv and Umulig."""
    return three_initiatives(
        [
            {"id": "Basis", "discount_rate": 0, "time_limit": 10},
            {"id": "Halv", "discount_rate": 0, "budget_factor": 0.5, "time_limit": 10},
            {"id": "Umulig", "forced_in": ["X", "Y"], "time_limit": 10},
        ]
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return stored_url(tmp_path_factory.mktemp("words"), portfolio(), {"kari": "coordinator"})


def run(language: str, *args: str, database: str | None = None) -> Result:
    where = [] if database is None else ["--database-url", database]
    return CliRunner().invoke(main, ["--lang", language, *args, *where])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, f"{result.output}\n{result.exception!r}"
    return result


def test_the_ladder_in_bokmal_and_english(database: str) -> None:
    nb = ok(run("nb", "ladder", "--levels", "0.5,1", database=database))
    assert "Pris for nøsting: 10,0 MNOK over alle nivåer." in nb.stdout and " 30,0 " in nb.stdout
    assert "Hva hvert trinn opp legger til, per finansieringskilde" in nb.stdout
    assert "Hvert trinn inneholder trinnet under og består plankontrollen." in nb.stdout
    en = ok(run("en", "ladder", "--levels", "0.5,1", database=database))
    assert "Price of nesting: 10.0 MNOK over all levels." in en.stdout and " 30.0 " in en.stdout
    assert "Every step holds the one below and passes the plan checker." in en.stdout


def test_compare_frontier_and_steps_in_bokmal_and_english(database: str) -> None:
    nb = ok(run("nb", "compare", "Basis", "Halv", "--as", "kari", database=database))
    assert "Forbruk mot rammer over horisonten (MNOK):" in nb.stdout and f"50 av 50 (100{NBSP}%)" in nb.stdout
    assert "Forskjeller i veikartet (oppstartsperiode; tom: ikke i planen):" in nb.stdout
    en = ok(run("en", "compare", "Basis", "Halv", database=database))
    assert "Spend against envelopes over the horizon (MNOK):" in en.stdout and "50 of 50 (100%)" in en.stdout
    assert run("nb", "compare", "Basis", database=database).output.endswith("oppgi minst to scenarioer\n")
    frontier = ok(run("nb", "frontier", "--factors", "0.5,1", database=database))
    assert "Netto nåverdi optimeringen legger til utover rangeringen (MNOK):" in frontier.stdout
    assert " 0,5 " in frontier.stdout
    assert "gi tall som 0.8,1,1.2" in run("nb", "frontier", "--factors", "høy", database=database).output
    steps = ok(run("nb", "steps", "1", database=database))
    assert "Kostnad per trinn og finansieringskilde (MNOK):" in steps.stdout
    assert "Cost per step and funding pool (MNOK):" in ok(run("en", "steps", "1", database=database)).stdout


def test_progress_stages_in_bokmal(database: str) -> None:
    made = ok(run("nb", "run", "Halv", "--refresh", "--as", "kari", database=database))
    assert "Bygger modellen" in made.stderr and "Building the model" not in made.stderr
    assert "] Building the model" in ok(run("en", "run", "Halv", "--refresh", "--as", "kari",
                                            database=database)).stderr  # fmt: skip


ROBUST = ("--scenario", "Basis", "--method", "saa", "--samples", "20", "--check-samples", "200")


def test_robust_and_price_in_bokmal_and_english(database: str) -> None:
    nb = ok(run("nb", "robust", *ROBUST, "--confidence", "0.7", database=database))
    assert nb.stdout.startswith(f"Scenario Basis med sikkerhet 70{NBSP}%, hver investeringsramme (kilde og år) skal "
                                "holde; metode scenariobasert MILP, 20 planleggingsutfall")  # fmt: skip
    assert "  Løser: optimal (bevist), bevist gap " in nb.stdout and "1 tiltak i planen" in nb.stdout
    assert "den svakeste rammen (A/2026) holdt i " in nb.stdout and " av 200 nye utfall (frø " in nb.stdout
    assert "prosentpoeng" in nb.stdout and "Trekker utfall å planlegge med" in nb.stderr
    en = ok(run("en", "robust", *ROBUST, "--confidence", "0.7", database=database))
    assert en.stdout.startswith("Scenario Basis at confidence 70%, each envelope (pool and year) must hold; method "
                                "scenario-based MILP, 20 planning futures")  # fmt: skip
    assert "  Solver: optimal (proven), proven gap " in en.stdout
    assert "NPV 40.0 MNOK, 1 initiative in the plan" in en.stdout and "percentage points" in en.stdout
    price = ok(run("nb", "price", *ROBUST, "--levels", "0.5", database=database))
    assert (
        "Scenario Basis: prisen for forutsigbarhet; hver investeringsramme (kilde og år) skal holde, metode "
        "scenariobasert MILP" in price.stdout
    )
    assert "punktestimat" in price.stdout and "scenariobasert MILP" in price.stdout and "saa" not in price.stdout
    header = price.stdout.splitlines()[1].split()
    assert header == [
        "sikkerhet",
        "metode",
        "status",
        "gap",
        "NNV",
        "kostnad",
        "tiltak",
        "levert",
        "holdt",
        "vurdering",
    ]
    assert "punkt" in price.stdout and f"50{NBSP}%" in price.stdout and "Planen på punktestimatene" in price.stderr
    english = ok(run("en", "price", *ROBUST, "--levels", "0.5", database=database)).stdout
    assert english.splitlines()[1].split()[:2] == ["confidence", "method"] and "50%" in english
    assert "point estimate" in english and "scenario-based MILP" in english and "optimal (proven)" in english
    refused = run("nb", "price", *ROBUST, "--levels", "høy", database=database)
    assert refused.exit_code == 2 and "--levels tar tall skilt med komma" in refused.output


def test_simulate_in_bokmal_and_english(database: str) -> None:
    nb = ok(run("nb", "simulate", "--scenario", "Basis", "--samples", "200", database=database))
    assert nb.stdout.startswith("Scenario Basis: 200 utfall, frø 1, regel defer, triangular, korrelasjon 0,3 etter")
    assert "Hver kilde holder rammen hvert år i " in nb.stdout and "Trinn: frist, alt levert i tide" in nb.stdout
    assert "Kilde og år (MNOK): ramme, plan, P50, P85, sjanse for å holde" in nb.stdout
    assert " 100,0 " in nb.stdout and f"{NBSP}%" in nb.stdout and "    gevinst " in nb.stdout
    assert "Simulerer: 200 av 200 mulige utfall" in nb.stderr
    en = ok(run("en", "simulate", "--scenario", "Basis", "--samples", "200", database=database))
    assert (
        "Every pool-year within its envelope in " in en.stdout and "Steps: deadline, all delivered on time" in en.stdout
    )
    both = run("nb", "simulate", database=database)
    assert both.exit_code == 2 and "gi enten --scenario NAVN eller --plan ID" in both.output


def test_the_core_index_in_bokmal_and_english(tmp_path: Path) -> None:
    source = tmp_path / "three.json"
    write_json(portfolio(), source)
    args = ("core-index", "--from", str(source), "--scenario", "Basis", "--samples", "3", "--workers", "0")
    nb = ok(run("nb", *args))
    assert nb.stdout.startswith("Scenario Basis: kjerneindeks over 3 av 3 utfall (frø 1, triangular, korrelasjon 0,3")
    assert f"(valgt i minst {percent(0.9, 'nb')} av utfallene)" in nb.stdout
    assert "Av den anbefalte planens 2 tiltak: " in nb.stdout and "avhenger av hvordan estimatene slår ut" in nb.stdout
    assert "    trygge:   " in nb.stdout and "    avhenger: " in nb.stdout and "Løser utfall" in nb.stderr
    en = ok(run("en", *args))
    assert (
        "Of the recommended plan's 2 initiatives: " in en.stdout and "(chosen in at least 90% of futures)" in en.stdout
    )
    assert "    safe:    " in en.stdout and "    depends: " in en.stdout
    refused = run("nb", *args, "--gap", "-1")
    assert refused.exit_code == 1 and refused.stderr.startswith("feil: gap: -1,0 er utenfor det tillatte 0,0 til 1,0")


def test_the_report_refuses_in_bokmal(tmp_path: Path) -> None:
    source = tmp_path / "words.json"
    write_json(portfolio(), source)
    refused = run("nb", "report", "--from", str(source), "--scenario", "Umulig", "--samples", "0",
                  "--out", str(tmp_path / "out"))  # fmt: skip
    assert refused.exit_code == 1
    assert refused.stderr.startswith("feil: scenario Umulig har ingen plan (ingen gjennomførbar plan): ")
    assert not (tmp_path / "out").exists()
    english = run("en", "report", "--from", str(source), "--scenario", "Umulig", "--samples", "0",
                  "--out", str(tmp_path / "out"))  # fmt: skip
    assert english.stderr.startswith("error: scenario Umulig has no plan (infeasible): ")


RECORDS = [
    {"name": "mknap1-1", "verdict": "match", "found": 3800, "reference": 3800.0, "status": "optimal", "gap": 0.0,
     "seconds": 1.25, "note": ""},
    {"name": "mknap1-2", "verdict": "within", "found": 8700, "reference": 8706.1, "status": "time_limit",
     "gap": 0.002, "seconds": 20.0, "note": ""},
]  # fmt: skip
COMPARED = {"instance": "g50", "method": "veikart", "status": "optimal", "npv": 1234.5, "gap": 0.0, "violations": []}
SIMULATED = {"met": True, "target": "sample Basis", "seconds": 1.0, "cpu_seconds": 2.0, "peak_mib": 30}
TARGET = {"met": False, "target": "sample, scenario Basis: proven optimum", "status": "optimal", "solve_seconds": 1.5}


def canned(monkeypatch: pytest.MonkeyPatch, written: Path) -> None:
    """The benchmarks' work replaced by fixed results; nothing is solved, saved or rewritten."""
    import bench.compare
    import bench.external
    import bench.profile
    import bench.report
    import bench.simulation

    def load_cases(kind: str) -> None:
        if kind == "j30":
            raise FileNotFoundError("no PSPLIB data at /nowhere")

    def profile(spec: Any, time_limit: float, formulation: str) -> dict[str, Any]:
        return {"instance": "p1000", "formulation": formulation, "variables": 1, "constraints": 2345,
                "stages": {"build": 1.5}}  # fmt: skip

    patches: dict[Any, dict[str, Callable[..., Any]]] = {
        bench.external: {"load_cases": load_cases, "run_external": lambda *a, **k: RECORDS},
        bench.compare: {"speed_targets": lambda: [TARGET], "compare": lambda *a, **k: [COMPARED]},
        bench.report: {"write_report": lambda: written},
        bench.simulation: {"simulation_benchmark": lambda say: [SIMULATED]},
        bench.profile: {"profile": profile},
    }
    for module, functions in patches.items():
        for name, function in functions.items():
            monkeypatch.setattr(module, name, function)


def test_the_benchmarks_words_in_bokmal_and_english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    canned(monkeypatch, tmp_path / "performance.md")
    nb = ok(run("nb", "bench", "external", "mknap1"))
    found = f"mknap1-1     match    funnet 3{NBSP}800 referanse 3{NBSP}800 optimal (bevist) gap 0{NBSP}% 1,2 s"
    assert found in nb.stdout
    assert f"funnet 8{NBSP}700 referanse 8{NBSP}706,1 tidsgrense (ikke bevist) gap 0{NBSP}% 20,0 s" in nb.stdout
    assert "mknap1: 2 instanser, 1 bevist optimale, 2 stemmer med referansen, 0 feil" in nb.stderr
    en = ok(run("en", "bench", "external", "mknap1"))
    assert "found 3,800 reference 3,800 optimal (proven) gap 0% 1.2 s" in en.stdout
    assert "found 8,700 reference 8,706.1 time limit (not proven) gap 0% 20.0 s" in en.stdout
    assert "mknap1: 2 instances, 1 proven optimal, 2 agree with the reference, 0 bugs" in en.stderr
    missing = run("nb", "bench", "external", "j30")
    assert missing.exit_code == 1 and "feil: no PSPLIB data at /nowhere" in missing.stderr
    targets = ok(run("nb", "bench", "targets"))
    assert "IKKE NÅDD: sample, scenario Basis: proven optimum (optimal (bevist), 1,50 s)" in targets.stderr
    assert "NOT MET: sample, scenario Basis" in ok(run("en", "bench", "targets")).stderr
    compared = ok(run("nb", "bench", "run", "--sizes", "50", "--no-targets"))
    assert "netto nåverdi    1" in compared.stdout and "234,5 gap 0.0" in compared.stdout
    assert "skriv størrelsene som tall" in run("nb", "bench", "run", "--sizes", "x").output
    assert "størrelsene er 50, 200, 1000" in run("nb", "bench", "run", "--sizes", "7").output
    profiled = ok(run("nb", "bench", "profile"))
    assert "1 variabel, 2345 skranker" in profiled.stdout and "    1,50 s" in profiled.stdout
    assert "1 variable, 2345 constraints" in ok(run("en", "bench", "profile")).stdout
    simulated = ok(run("nb", "bench", "simulate"))
    assert "nådd: sample Basis (1,00 s, 2,00 s CPU, 30 MiB)" in simulated.stderr
    assert ok(run("nb", "bench", "report")).stdout == f"Skrev {tmp_path / 'performance.md'}\n"
    assert ok(run("en", "bench", "report")).stdout == f"Wrote {tmp_path / 'performance.md'}\n"
