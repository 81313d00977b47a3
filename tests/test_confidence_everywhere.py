"""A scenario's confidence honoured by compare, the ambition ladder and the report, as by
``planning optimize``: on the sample portfolio, a copy of Basis at 85 % (Sikker85) gives in each
of them the robust plan that :func:`planning.robust.scenario.plan_scenario` makes, which differs
from the point-estimate plan, and each says so (SQLite; these commands have no PostgreSQL tests)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planning.cli import main
from planning.cli.report import propose
from planning.domain.portfolio import Portfolio
from planning.io import load_path
from planning.plans.compare import compare_scenarios
from planning.plans.ladder import ladder_summary, nesting_violations, solve_ladder
from planning.plans.runs import get_plan, list_plans
from planning.robust.scenario import ScenarioPlan, plan_scenario, scenario_solver
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade

SAMPLE = Path(__file__).parent.parent / "data" / "sample"
NAME = "Sikker85"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with Sikker85: Basis planned at 85 % confidence, each envelope must hold."""
    target = tmp_path_factory.mktemp("sample") / "sample"
    shutil.copytree(SAMPLE, target)
    path = target / "scenario.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    basis = next(r for r in rows if r["id"] == "Basis")
    rows.append(basis | {"id": NAME, "description": "Basis med 85 % sikkerhet"})
    for row in rows:
        row["confidence"] = "0.85" if row["id"] == NAME else ""
        row["confidence_scope"] = "envelope"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.fixture(scope="module")
def database(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'confidence.db'}"
    engine = make_engine(url)
    upgrade(engine)
    loaded = load_path(folder).portfolio
    assert loaded is not None
    save_portfolio(engine=engine, portfolio=loaded)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def portfolio(database: str) -> Portfolio:
    """The portfolio as the commands read it from the database (its initiatives in the store's
    order, which the sampled futures follow)."""
    engine = make_engine(database)
    try:
        return load_portfolio(engine=engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def robust(portfolio: Portfolio) -> ScenarioPlan:
    """The plan ``planning optimize --scenario Sikker85`` makes."""
    return plan_scenario(portfolio, NAME)


@pytest.fixture(scope="module")
def point(portfolio: Portfolio) -> ScenarioPlan:
    return plan_scenario(portfolio, NAME, point_estimates=True)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_robust_plan_differs_from_the_point_estimate_plan(robust: ScenarioPlan, point: ScenarioPlan) -> None:
    assert robust.confidence is not None and robust.plan.confidence == 0.85 and robust.plan.has_plan
    assert point.confidence is None and point.plan.confidence is None
    assert robust.plan.starts != point.plan.starts
    assert robust.plan.npv is not None and point.plan.npv is not None and robust.plan.npv < point.plan.npv


def test_compare_plans_the_scenario_at_its_confidence_and_says_so(
    database: str, robust: ScenarioPlan, point: ScenarioPlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEIKART_DEV_USER", "admin")
    result = run("--lang", "nb", "compare", NAME, "Basis", "--database-url", database)
    assert result.exit_code == 0, result.output
    assert "Scenario Sikker85: planlagt med 85 % sikkerhet: hver investeringsramme (kilde og år) skal holde" in (
        result.stdout
    )
    data = json.loads(run("compare", NAME, "Basis", "--json", "--database-url", database).stdout)
    kpis = {row["scenario"]: row for row in data["kpis"]}
    assert kpis[NAME]["confidence"] == 0.85 and kpis["Basis"]["confidence"] is None
    assert kpis[NAME]["npv"] == pytest.approx(robust.plan.npv) and kpis["Basis"]["npv"] == pytest.approx(point.plan.npv)
    assert data["confidence"][NAME] == robust.confidence.to_json()  # type: ignore[union-attr]
    engine = make_engine(database)
    stored = get_plan(engine, int(list_plans(engine, NAME)["id"].iloc[0])).plan
    engine.dispose()
    assert stored.starts == robust.plan.starts != point.plan.starts and stored.confidence == 0.85


def test_compare_and_the_ladder_refuse_to_plan_a_confidence_on_the_point_estimates(portfolio: Portfolio) -> None:
    with pytest.raises(ValueError, match="plans at 85% confidence"):
        compare_scenarios(portfolio, [NAME, "Basis"])
    with pytest.raises(ValueError, match="plans at 85% confidence"):
        solve_ladder(portfolio, NAME, [1.0])


def test_the_ladder_plans_every_level_at_the_confidence_and_nests(
    portfolio: Portfolio, robust: ScenarioPlan, point: ScenarioPlan
) -> None:
    ladder = solve_ladder(portfolio, NAME, [1.0, 1.2], independent=False, solve=scenario_solver(portfolio))
    first, second = ladder.steps
    assert first.plan.starts == robust.plan.starts != point.plan.starts
    assert second.nested and second.plan.has_plan and not nesting_violations(ladder)
    assert list(ladder_summary(ladder)["confidence"]) == [0.85, 0.85]


def test_the_ladder_command_says_it_plans_at_the_confidence(database: str, robust: ScenarioPlan) -> None:
    result = run("ladder", "--scenario", NAME, "--levels", "1", "--no-independent", "--database-url", database)
    assert result.exit_code == 0, result.output
    assert "Scenario Sikker85: planned at 85 % confidence: each envelope (pool and year) must hold" in result.stdout
    data = json.loads(
        run("ladder", "--scenario", NAME, "--levels", "1", "--no-independent", "--json", "--database-url", database)
        .stdout
    )  # fmt: skip
    assert data["levels"][0]["confidence"] == 0.85
    assert data["levels"][0]["npv"] == pytest.approx(robust.plan.npv)
    assert data["levels"][0]["initiatives"] == len(robust.plan.starts)


def test_the_report_plans_the_proposal_at_the_confidence_and_says_so(
    folder: Path, database: str, portfolio: Portfolio, robust: ScenarioPlan, point: ScenarioPlan, tmp_path: Path
) -> None:
    proposed = propose(portfolio, NAME, None, None)
    assert proposed.plan.starts == robust.plan.starts != point.plan.starts
    assert propose(portfolio, NAME, None, None, point_estimates=True).plan.starts == point.plan.starts
    args: list[str | Path] = [
        "report",
        "--scenario",
        NAME,
        "--out",
        tmp_path,
        "--format",
        "html",
        "--name",
        "r",
        "--samples",
        "0",
    ]
    result = run(*args, "--database-url", database)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    said = "Forslaget er planlagt med 85\u00a0% sikkerhet: hver investeringsramme (kilde og år) skal holde i minst"
    assert said in html
    assert f"{len(robust.plan.starts)} tiltak, planlagt med 85\u00a0% sikkerhet" in html
    files = run(*args, "--from", folder, "--point-estimates")
    assert files.exit_code == 0, files.output
    assert "sikkerhet:" not in (tmp_path / "r.html").read_text(encoding="utf-8")
