"""Every command of issue 7's list runs on the sample against a fresh SQLite database.

One database per module: ``planning init`` loads the sample once and the commands after
it read (and, as the development admin, write) it. Solver time limits are kept short.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from planning.cli import main
from planning.store.database import make_engine, upgrade

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite database with the sample loaded by ``planning init``; writes act as the dev admin."""
    folder = tmp_path_factory.mktemp("all-commands")
    url = f"sqlite:///{folder}/x.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("VEIKART_USER", raising=False)
        patch.delenv("DATABASE_URL", raising=False)
        patch.setenv("VEIKART_DEV_USER", "admin")
        patch.setenv("VEIKART_DATA_DIR", str(folder))
        result = run("init", "--sample", SAMPLE, "--database-url", url)
        assert result.exit_code == 0, result.output
        yield url


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def ok(result: Result) -> str:
    """The standard output of a run that succeeded (progress on stderr left out)."""
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.output}\n{result.exception!r}"
    return result.stdout


def test_init_is_idempotent(database: str) -> None:
    ok(run("init", "--sample", SAMPLE, "--database-url", database))


def test_validate(database: str) -> None:
    output = ok(run("validate", SAMPLE))
    assert output.strip()


def test_export_then_import_replace(database: str, tmp_path: Path) -> None:
    target = tmp_path / "portfolio.xlsx"
    assert "Exported to" in ok(run("export", target, "--database-url", database))
    assert target.is_file()
    output = ok(run("import", target, "--replace", "--database-url", database))
    assert "Imported" in output and "initiative" in output


def test_export_scenario_plan(database: str, tmp_path: Path) -> None:
    target = tmp_path / "basis.xlsx"
    result = run("export", target, "--scenario", "Basis", "--database-url", database, "--json")
    data = json.loads(ok(result))
    assert data["scenario"] == "Basis" and data["status"] in ("optimal", "time_limit") and data["selected"] > 0
    assert load_workbook(target).sheetnames == ["roadmap", "spend", "benefits", "facts"]


def test_export_unknown_plan_fails(database: str, tmp_path: Path) -> None:
    result = run("export", tmp_path / "p.json", "--plan", "999999", "--database-url", database)
    assert result.exit_code == 1 and "999999" in result.output


def test_optimize_from_files(database: str) -> None:
    result = run("optimize", "--from", SAMPLE, "--scenario", "Hoy", "--time-limit", "30", "--json")
    data = json.loads(ok(result))
    assert data["status"] in ("optimal", "time_limit") and data["initiatives"]


def test_ladder(database: str) -> None:
    result = run(
        "ladder", "--levels", "0.8,1", "--no-independent", "--time-limit", "10", "--database-url", database, "--json"
    )
    assert ok(result).strip().startswith(("{", "["))


def test_compare(database: str) -> None:
    result = run("compare", "Basis", "Kutt20", "--time-limit", "10", "--database-url", database, "--json")
    output = ok(result)
    assert "Basis" in output and "Kutt20" in output


def test_export_stored_plan_and_baseline(database: str, tmp_path: Path) -> None:
    from planning.plans.runs import list_plans
    from planning.store.database import make_engine

    if not run("export", tmp_path / "none.json", "--plan", "baseline", "--database-url", database).exit_code:
        pytest.fail("--plan baseline exported without an approved plan")
    engine = make_engine(database)
    try:
        plans = list_plans(engine, "Basis")
    finally:
        engine.dispose()
    if plans.empty:
        ok(run("run", "Basis", "--time-limit", "10", "--database-url", database))
        engine = make_engine(database)
        try:
            plans = list_plans(engine, "Basis")
        finally:
            engine.dispose()
    plan_id = str(int(plans["id"].iloc[0]))
    folder = tmp_path / "stored"
    assert "Exported the plan of Basis" in ok(run("export", folder, "--plan", plan_id, "--database-url", database))
    assert {p.name for p in folder.iterdir()} == {"roadmap.csv", "spend.csv", "benefits.csv", "facts.csv"}
    ok(run("approve", plan_id, "--by", "Styringsgruppen", "--comment", "test", "--database-url", database))
    target = tmp_path / "baseline.json"
    data = json.loads(ok(run("export", target, "--plan", "baseline", "--database-url", database, "--json")))
    assert data["plan"] == int(plan_id) and data["baseline"] is True
    assert set(json.loads(target.read_text(encoding="utf-8"))) == {"roadmap", "spend", "benefits", "facts"}


def test_report_html(database: str, tmp_path: Path) -> None:
    result = run(
        "report", "--scenario", "Basis", "--format", "html", "--out", tmp_path, "--name", "r",
        "--time-limit", "10", "--database-url", database,
    )  # fmt: skip
    ok(result)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<html" in html.lower()


def test_bench_external(database: str) -> None:
    from bench.external import benchmarks_root

    if not (benchmarks_root() / "mknap" / "mknap1.txt").is_file():
        pytest.skip(f"no OR-Library data at {benchmarks_root()}")
    output = ok(run("bench", "external", "mknap1", "--limit", "1", "--time-limit", "10", "--json"))
    assert json.loads(output.strip().splitlines()[-1])["verdict"]


@pytest.mark.parametrize(
    "command",
    [
        ["optimize"],
        ["check-plan", "PLAN"],
        ["run", "Basis"],
        ["ladder"],
        ["compare"],
        ["frontier", "--factors", "1"],
        ["export", "OUT"],
    ],
    ids=lambda c: c[0],
)
def test_an_empty_database_says_how_to_fill_it(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newcomer who skipped ``planning init`` is told so, not that the horizon has no row."""
    monkeypatch.setenv("VEIKART_DEV_USER", "admin")
    url = f"sqlite:///{tmp_path}/empty.db"
    upgrade(make_engine(url))  # the schema is there, the portfolio is not
    plan = tmp_path / "plan.csv"
    plan.write_text("id,start\n", encoding="utf-8")
    args = [{"PLAN": str(plan), "OUT": str(tmp_path / "out.xlsx")}.get(a, a) for a in command]
    result = run(*args, "--database-url", url)
    assert result.exit_code == 1, result.output
    assert "holds no portfolio yet" in result.output and "planning init" in result.output
    assert "horizon" not in result.output
    assert not (tmp_path / "out.xlsx").exists()


def test_the_stored_plan_commands_speak_bokmal_or_english(database: str) -> None:
    """run, approve, diff and audit verify: framing words from the catalogs, numbers and times the reader's way."""
    made = ok(run("--lang", "nb", "run", "Kutt20", "--time-limit", "10", "--database-url", database))
    headline = (r"^Plan (\d+) for Kutt20: (optimal \(bevist\)|tidsgrense \(ikke bevist\))(, gap [\d,]+\u00a0%)?, "
                r"\d+ tiltak, netto nåverdi -?[\d\u00a0]+,\d MNOK")  # fmt: skip
    found = re.search(headline, made, re.M)
    assert found is not None, made
    plan_id = found[1]
    again = ok(run("run", "Kutt20", "--time-limit", "10", "--database-url", database))
    assert f"Plan {plan_id} for Kutt20: " in again and "initiatives, NPV " in again and "(stored plan, inputs" in again
    approved = ok(run("--lang", "nb", "approve", plan_id, "--by", "Styringsgruppen", "--comment", "test",
                      "--database-url", database))  # fmt: skip
    assert re.fullmatch(rf"Plan {plan_id} er styrende plan: godkjent av Styringsgruppen \d{{1,2}}\. \w+\.? \d{{4}} "
                        r"\d\d:\d\d\.\n", approved), approved  # fmt: skip
    same = ok(run("--lang", "nb", "diff", "baseline", plan_id, "--database-url", database))
    assert f"Plan {plan_id} mot plan {plan_id}: netto nåverdi +0,0 MNOK" in same
    assert "0 lagt til, 0 tatt ut, 0 tidligere, 0 senere" in same and "Endring i kostnad per finansieringskilde" in same
    assert "0 added, 0 dropped, 0 earlier, 0 later" in ok(run("diff", "baseline", plan_id, "--database-url", database))
    assert "Revisjonskjeden er hel: " in ok(run("--lang", "nb", "audit", "verify", "--database-url", database))
    assert "Audit chain intact: " in ok(run("audit", "verify", "--database-url", database))
    refused = run("--lang", "nb", "approve", plan_id, "--by", "x", "--comment", "y", "--database-url", database)
    assert refused.exit_code == 1 and refused.output.startswith("feil: ")
