"""Fuzzing the importers (issue 35, item 7): Hypothesis over workbook cells and CSV bytes.

Each example replaces a stored portfolio with a damaged file through ``planning import
--replace``. Whatever the file holds, the command exits 0 (stored) or 1 (refused, with a
message), never 3 (an unexpected error), and a refused import leaves the store exactly as it
was: no partial write. Bounded for CI: few examples, no deadline, the whole module well under
60 s on a loaded machine.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from planning.cli import main
from planning.domain.loading import build_portfolio
from planning.io import write_csv_folder, write_portfolio
from planning.store.database import load_portfolio, make_engine, save_portfolio, upgrade
from planning.store.users import DEV_USER_VARIABLE
from tests.conftest import small_raw_portfolio

SEED = build_portfolio(small_raw_portfolio())
FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
AWKWARD_TEXT = ["inf", "-inf", "NaN", "1e400", "TRUE", "=1+1", "", " ", "0,5", "1 000", "\x00", "[x](http://e)", "{}"]
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(AWKWARD_TEXT),
    st.text(max_size=30),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed portfolio as a database, a workbook and a CSV folder, made once."""
    folder = tmp_path_factory.mktemp("fuzz")
    engine = make_engine(f"sqlite:///{folder / 'seed.db'}")
    upgrade(engine)
    save_portfolio(engine=engine, portfolio=SEED)
    engine.dispose()
    write_portfolio(SEED, folder / "seed.xlsx")
    write_csv_folder(SEED, folder / "csv")
    return {"db": folder / "seed.db", "xlsx": folder / "seed.xlsx", "csv": folder / "csv"}


@pytest.fixture(autouse=True)
def admin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEV_USER_VARIABLE, "admin")


def import_refused_or_whole(files: dict[str, Path], work: Path, source: Path) -> None:
    """Import ``source`` into a fresh copy of the seed database and check the outcome."""
    database = work / "store.db"
    shutil.copy(files["db"], database)
    url = f"sqlite:///{database}"
    result = CliRunner().invoke(main, ["import", str(source), "--replace", "--database-url", url])
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    engine = make_engine(url)
    stored = load_portfolio(engine=engine)
    engine.dispose()
    if result.exit_code == 1:
        assert result.output.strip(), "a refusal says why"
        for table in ("initiative", "funding_pool", "dependency", "scenario"):
            assert stored.table(table).equals(SEED.table(table)), f"{table} was partly written"


@FUZZ
@given(cells=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12), CELLS), min_size=1, max_size=6))
def test_fuzzed_workbook_cells_are_stored_whole_or_refused(
    files: dict[str, Path], tmp_path: Path, cells: list[tuple[int, int, Any]]
) -> None:
    book = openpyxl.load_workbook(files["xlsx"])
    sheet = book["initiative"] if "initiative" in book.sheetnames else book.worksheets[1]
    for column, row, value in cells:
        target = sheet.cell(row=row + 1, column=column % max(sheet.max_column, 1) + 1)
        try:
            target.value = value
        except (
            ValueError,
            TypeError,
            IllegalCharacterError,
        ):  # openpyxl itself refuses some values (control characters)
            continue
    path = tmp_path / "fuzzed.xlsx"
    book.save(path)
    import_refused_or_whole(files, tmp_path, path)


@FUZZ
@given(
    table=st.sampled_from(["initiative", "dependency", "funding_pool", "scenario"]),
    cut=st.integers(0, 400),
    noise=st.binary(max_size=60),
)
def test_fuzzed_csv_bytes_are_stored_whole_or_refused(
    files: dict[str, Path], tmp_path: Path, table: str, cut: int, noise: bytes
) -> None:
    folder = tmp_path / "csv"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(files["csv"], folder)
    path = folder / f"{table}.csv"
    data = path.read_bytes()
    path.write_bytes(data[:cut] + noise + data[cut:])
    import_refused_or_whole(files, tmp_path, folder)
