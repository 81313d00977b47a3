"""planning template / import / export through click's test runner.

Imports act as a development admin (``VEIKART_DEV_USER=admin``); the role rules of an
import are tested in ``tests/test_write_paths.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from planning.cli import main
from planning.domain.loading import build_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.io import load_path, write_csv_folder, write_json, write_portfolio
from planning.store.database import load_portfolio, make_engine


def tiny(name: str = "Kjernejournal") -> Portfolio:
    return build_portfolio(
        {
            "horizon": [{"id": "default", "first_year": 2026, "periods": 3}],
            "funding_pool": [{"id": "HSO", "name": "Helse Sør-Øst", "population_share": 1.0}],
            "ambition_level": [{"id": "Basis", "rank": 1}],
            "envelope": [{"funding_pool_id": "HSO", "year": 2026, "ambition_level_id": "Basis", "amount": 50}],
            "initiative": [
                {
                    "id": "KJ",
                    "name": name,
                    "area": "shared_infrastructure",
                    "lead_region": "HSO",
                    "duration": 2,
                    "cost_profile": "10;5",
                    "scores": "safety=3",
                }
            ],
            "benefit": [{"id": "B1", "initiative_id": "KJ", "title": "Time saved", "ramp_up": "0.5"}],
            "measurement": [{"benefit_id": "B1", "year": 2027, "value": 1.5}],
        }
    )


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(autouse=True)
def as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command here acts as a development admin, who may import whole portfolios."""
    monkeypatch.delenv("VEIKART_USER", raising=False)
    monkeypatch.setenv("VEIKART_DEV_USER", "admin")


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db' / 'veikart.db'}"


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.xlsx"
    write_portfolio(tiny(), path)
    return path


def stored(url: str) -> dict[str, list[dict[str, object]]]:
    engine = make_engine(url)
    try:
        portfolio = load_portfolio(engine=engine)
    finally:
        engine.dispose()
    return {table: portfolio.records(table) for table in TABLE_MODELS}


def expected(portfolio: Portfolio) -> dict[str, list[dict[str, object]]]:
    return {table: sorted(portfolio.records(table), key=lambda r: str(r["id"])) for table in TABLE_MODELS}


@pytest.mark.parametrize("command", ["template", "import", "export"])
def test_help_shows_an_example_and_the_exit_codes(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "Exit codes:" in result.output


def test_template_writes_an_empty_workbook(tmp_path: Path) -> None:
    result = run("template", tmp_path / "t.xlsx", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"written": str(tmp_path / "t.xlsx"), "format": "xlsx"}
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames[1:] == list(TABLE_MODELS)


def test_template_needs_an_xlsx_name(tmp_path: Path) -> None:
    result = run("template", tmp_path / "t.csv")
    assert result.exit_code == 2
    assert "ending in .xlsx" in result.output


def test_import_stores_a_valid_workbook(workbook: Path, url: str) -> None:
    result = run("import", workbook, "--database-url", url)
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output and "1 initiative" in result.output
    assert stored(url) == expected(tiny())


def test_import_refuses_to_overwrite_without_replace(tmp_path: Path, workbook: Path, url: str) -> None:
    assert run("import", workbook, "--database-url", url).exit_code == 0
    other = tmp_path / "other.xlsx"
    write_portfolio(tiny("Kjernejournal 2"), other)
    refused = run("import", other, "--database-url", url)
    assert refused.exit_code == 1
    assert "already holds a portfolio" in refused.stderr and "--replace" in refused.stderr
    assert stored(url) == expected(tiny())
    replaced = run("import", other, "--database-url", url, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert stored(url) == expected(tiny("Kjernejournal 2"))


def test_import_reports_each_problem_and_stores_nothing(workbook: Path, url: str) -> None:
    assert run("import", workbook, "--database-url", url).exit_code == 0
    book = openpyxl.load_workbook(workbook)
    book["initiative"]["H2"] = "=1+1"  # duration
    book["initiative"]["E2"] = "XX"  # lead_region
    book.save(workbook)
    result = run("import", workbook, "--database-url", url, "--replace")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "initiative/row 2/duration: cell H2 holds a formula Fix: enter the value itself" in lines[0]
    assert "not imported" in result.stderr
    assert "Traceback" not in result.output
    assert stored(url) == expected(tiny())


def test_values_no_database_column_holds_are_rejected_not_raised(workbook: Path, url: str) -> None:
    book = openpyxl.load_workbook(workbook)
    book["ambition_level"]["B2"] = 10**12  # rank: beyond any integer column, and beyond the model's bound
    book.save(workbook)
    result = run("import", workbook, "--database-url", url)
    assert result.exit_code == 1
    assert "ambition_level/row 2/rank: Input should be less than or equal to 1000" in result.stdout
    assert "Traceback" not in result.output
    assert not any(stored(url).values())


def test_import_json_report(workbook: Path, url: str) -> None:
    book = openpyxl.load_workbook(workbook)
    book["benefit"].merge_cells("B2:C2")
    del book["horizon"]
    book.save(workbook)
    result = run("import", workbook, "--database-url", url, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False and report["stored"] is False
    found = {(p["table"], p["line"], p["message"]) for p in report["problems"]}
    assert ("horizon", None, "sheet 'horizon' is missing") in found
    assert ("benefit", 2, "cells B2:C2 of sheet 'benefit' are merged") in found


def test_import_reads_csv_folders_and_json(tmp_path: Path, url: str) -> None:
    write_csv_folder(tiny(), tmp_path / "csv")
    write_json(tiny("Kjernejournal 2"), tmp_path / "p.json")
    assert run("import", tmp_path / "csv", "--database-url", url).exit_code == 0
    assert stored(url) == expected(tiny())
    result = run("import", tmp_path / "p.json", "--database-url", url, "--replace", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"]["initiative"] == 1
    assert stored(url) == expected(tiny("Kjernejournal 2"))


def test_import_of_a_missing_or_broken_file_is_one_clear_error(tmp_path: Path, url: str) -> None:
    missing = run("import", tmp_path / "nope.xlsx", "--database-url", url)
    assert missing.exit_code == 1 and "does not exist" in missing.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = run("import", broken, "--database-url", url)
    assert result.exit_code == 1
    assert "broken.xlsx is not a readable .xlsx workbook" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("target", ["out.xlsx", "out.json", "out", "out/"])
def test_export_writes_each_format(tmp_path: Path, workbook: Path, url: str, target: str) -> None:
    assert run("import", workbook, "--database-url", url).exit_code == 0
    path = f"{tmp_path}/{target}"
    result = run("export", path, "--database-url", url, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["format"] == {"out.xlsx": "xlsx", "out.json": "json"}.get(target, "csv")
    assert report["rows"]["benefit"] == 1
    back = load_path(path)
    assert back.portfolio is not None, [str(p) for p in back.problems]
    assert expected(back.portfolio) == expected(tiny())


def test_export_refuses_an_unknown_format_and_an_empty_database(tmp_path: Path, url: str) -> None:
    unknown = run("export", tmp_path / "out.txt", "--database-url", url)
    assert unknown.exit_code == 2 and ".xlsx or .json" in unknown.output
    empty = run("export", tmp_path / "out.xlsx", "--database-url", url)
    assert empty.exit_code == 1 and "holds no portfolio" in empty.output
    assert not (tmp_path / "out.xlsx").exists()
