"""``planning init`` and ``planning validate``, run through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from planning.cli import main
from planning.cli.data import SAMPLE
from planning.store.database import is_empty, load_portfolio, make_engine

CSV_FILES = {
    "horizon.csv": "id,first_year,periods\ndefault,2026,4\n",
    "funding_pool.csv": "id,name,kind,population_share\nA,Region A,region,0.6\nB,Region B,region,0.4\n",
    "ambition_level.csv": "id,rank,factor\nBasis,2,1\n",
    "envelope.csv": "id,funding_pool_id,year,ambition_level_id,amount\n,A,2026,Basis,100\n,B,2026,Basis,80\n",
    "initiative.csv": (
        "id,name,area,lead_region,participating_regions,duration,total_cost,cost_sharing\n"
        "X,Felles X,shared_infrastructure,A,B,1,10,population\n"
        "Y,Felles Y,citizen_services,B,,2,6,lead\n"
    ),
    "dependency.csv": "predecessor_id,successor_id,kind,lag\nX,Y,finish_to_start,0\n",
}


def write_folder(folder: Path, **replaced: str) -> Path:
    """A small valid CSV portfolio in ``folder``; ``replaced`` swaps whole files (name without .csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in CSV_FILES.items():
        (folder / name).write_text(replaced.get(name.removesuffix(".csv"), content), encoding="utf-8")
    return folder


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/db/x.db"


# --- planning init -----------------------------------------------------------------------


def test_init_loads_the_sample_and_is_idempotent(database: str) -> None:
    code, output = invoke("init", "--database-url", database)
    assert code == 0, output
    assert output.startswith(f"Loaded {SAMPLE}: ")
    engine = make_engine(database)
    first = load_portfolio(engine=engine)
    assert len(first.initiatives) >= 40

    code, output = invoke("init", "--database-url", database)
    assert (code, output) == (0, "The database already holds a portfolio; nothing loaded.\n")
    again = load_portfolio(engine=engine)
    assert again.records("initiative") == first.records("initiative")
    engine.dispose()


def test_init_with_a_small_folder(tmp_path: Path, database: str) -> None:
    folder = write_folder(tmp_path / "small")
    code, output = invoke("init", "--database-url", database, "--sample", str(folder))
    assert code == 0, output
    assert "2 initiative" in output and "1 dependency" in output
    engine = make_engine(database)
    assert list(load_portfolio(engine=engine).envelopes.index) == ["A/2026/Basis", "B/2026/Basis"]
    engine.dispose()


def test_init_reads_database_url_from_the_environment(
    tmp_path: Path, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database)
    code, _ = invoke("init", "--sample", str(write_folder(tmp_path / "small")))
    assert code == 0
    engine = make_engine(database)
    assert not is_empty(engine)
    engine.dispose()


@pytest.mark.postgres
def test_init_on_postgres(postgres_engine: Engine) -> None:
    url = postgres_engine.url.render_as_string(hide_password=False)
    code, output = invoke("init", "--database-url", url)
    assert code == 0, output
    assert len(load_portfolio(engine=postgres_engine).initiatives) >= 40
    assert invoke("init", "--database-url", url) == (0, "The database already holds a portfolio; nothing loaded.\n")


def test_init_refuses_an_invalid_sample_and_stores_nothing(tmp_path: Path, database: str) -> None:
    folder = write_folder(tmp_path / "bad", horizon="id,first_year,periods\ndefault,2026,-4\n")
    result = CliRunner().invoke(main, ["init", "--database-url", database, "--sample", str(folder)])
    assert result.exit_code == 1
    assert "horizon/default/periods: Input should be greater than or equal to 1" in result.stderr
    engine = make_engine(database)
    assert is_empty(engine)
    engine.dispose()


# --- planning validate -------------------------------------------------------------------


def test_validate_a_valid_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ok")
    code, output = invoke("validate", str(folder))
    assert code == 0
    assert output == f"{folder}: valid (9 rows).\n"


def test_validate_the_sample() -> None:
    code, output = invoke("validate", str(SAMPLE))
    assert code == 0, output


def test_validate_prints_one_problem_a_line(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "bad",
        initiative=(
            "id,name,area,lead_region,duration,total_cost\n"
            "X,Felles X,home,A,1,10\n"
            "Y,Felles Y,citizen_services,B,-2,6\n"
            "Y,Igjen Y,citizen_services,B,1,6\n"
        ),
    )
    code, output = invoke("validate", str(folder))
    assert code == 1
    assert output.splitlines() == [
        "initiative/X/area: 'home' is not allowed "
        "Fix: use one of: journal_collaboration, home_follow_up, citizen_services, shared_infrastructure",
        "initiative/Y/duration: Input should be greater than or equal to 1 "
        "Fix: enter a whole number from 1 to 200 (periods)",
        "initiative/Y/id: duplicate id (also on row 2) Fix: give each row its own id",
    ]


def test_validate_cross_table_problems(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "cycle", dependency="predecessor_id,successor_id\nX,Y\nY,X\n")
    code, output = invoke("validate", str(folder))
    assert code == 1
    assert output.splitlines() == [
        "dependency/Y->X/predecessor_id: dependency cycle X -> Y -> X "
        "Fix: remove or reverse one dependency in the cycle"
    ]


def test_validate_warnings_do_not_fail(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "extra")
    (folder / "notes.csv").write_text("id\n1\n", encoding="utf-8")
    code, output = invoke("validate", str(folder))
    assert code == 0
    assert output.splitlines()[0].startswith("[warning] notes/-/-: unknown table 'notes' was not read")


def test_validate_json(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "bad", horizon="id,first_year,periods\ndefault,2026,4\nsecond,2027,4\n")
    code, output = invoke("validate", "--json", str(folder))
    assert code == 1
    report = json.loads(output)
    assert report["valid"] is False
    assert report["problems"] == [
        {
            "table": "horizon",
            "row": "default",
            "field": "-",
            "message": "the horizon needs exactly one row, found 2",
            "fix": "keep one row with first_year, periods and period_length",
            "severity": "error",
            "line": None,
            "message_code": {"code": "horizon_rows", "values": {"count": 2}},  # each text as data too
            "fix_code": {"code": "fix_horizon_rows", "values": {}},
        }
    ]


def test_validate_json_of_a_valid_folder(tmp_path: Path) -> None:
    code, output = invoke("validate", "--json", str(write_folder(tmp_path / "ok")))
    assert code == 0
    assert json.loads(output) == {"valid": True, "problems": []}


def test_validate_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps({"horizon": [{"id": "default", "first_year": 2026, "periods": 0}]}), encoding="utf-8")
    code, output = invoke("validate", str(path))
    assert code == 1
    assert output.startswith("horizon/default/periods: ")


def test_validate_a_missing_path(tmp_path: Path) -> None:
    code, output = invoke("validate", str(tmp_path / "nowhere"))
    assert code == 1
    assert output == f"-/-/-: {tmp_path / 'nowhere'} does not exist Fix: check the path\n"
