"""Workbooks: the template, a lossless round trip, and every broken workbook reported, never raised."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from sqlalchemy import Engine
from sqlmodel import Session, select

from planning.domain.columns import column_specs
from planning.domain.loading import build_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import errors
from planning.io import load_path, read_workbook, write_portfolio, write_template
from planning.io.importing import import_into_store, storage_problems
from planning.io.workbook import README_SHEET, load_workbook_portfolio
from planning.store.access import ADMIN, User
from planning.store.database import make_engine, save_portfolio, upgrade

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
TABLES = list(TABLE_MODELS)
IMPORTER = User(username="importer", role=ADMIN)
"""Imports here act as an admin, who may replace every table."""


def small_raw() -> dict[str, list[dict[str, Any]]]:
    """Every table, with list, mapping, date, datetime, boolean, blank and formula-like cells."""
    return {
        "horizon": [{"id": "default", "first_year": 2026, "periods": 4}],
        "funding_pool": [
            {"id": "HSO", "name": "Helse Sør-Øst", "population_share": 0.6, "record_system": "DIPS Arena"},
            {"id": "HV", "name": '=HYPERLINK("http://x")', "population_share": 0.4, "it_provider": "-IKT"},
            {"id": "NHN", "name": "+Norsk helsenett", "kind": "national", "record_system": "@kjernejournal"},
        ],
        "ambition_level": [
            {"id": "Basis", "rank": 2, "factor": 1.0},
            {"id": "Høy", "rank": 3, "factor": 1.25, "description": "Mer nå"},
        ],
        "envelope": [
            {"funding_pool_id": "HSO", "year": 2026, "ambition_level_id": "Basis", "amount": 100.5},
            {"funding_pool_id": "HV", "year": 2027, "ambition_level_id": "Høy", "amount": 0.1 + 0.2},
        ],
        "capacity_pool": [{"id": "DIPS", "name": "DIPS go-lives", "limit": 2, "unit": "go-lives", "basis": "go_live"}],
        "alternative_group": [{"id": "STORE", "name": "Where data is stored", "required": True}],
        "initiative": [
            {
                "id": "PLL",
                "name": "Pasientens legemiddelliste",
                "area": "journal_collaboration",
                "lead_region": "HV",
                "participating_regions": "HSO;NHN",
                "duration": 3,
                "cost_profile": "10;20.5;0.1",
                "cost_sharing": "custom",
                "custom_shares": "HSO=0.5;HV=0.25;NHN=0.25",
                "earliest_start": "2027",
                "mandatory": True,
                "capacity_usage": {"DIPS": 1},
                "scores": {"safety": 4.5},
                "alternative_group_id": "STORE",
                "description": "two\nlines",
            },
            {
                "id": "KJ",
                "name": "Kjernejournal",
                "area": "shared_infrastructure",
                "lead_region": "HSO",
                "duration": 1,
                "total_cost": 5,
                "cost_sharing": "lead",
            },
        ],
        "dependency": [{"predecessor_id": "KJ", "successor_id": "PLL", "lag": 1}],
        "benefit": [
            {
                "id": "B1",
                "initiative_id": "PLL",
                "title": "Fewer medication errors",
                "baseline_date": dt.date(2025, 1, 31),
                "target_date": "2030-06-30",
                "baseline_value": 123456789.12345679,
                "target_value": -1e12,
                "annual_value": 12.5,
                "ramp_up": "0.25;0.5",
                "monetised": False,
            }
        ],
        "measurement": [
            {
                "benefit_id": "B1",
                "year": 2027,
                "value": -3.5,
                "entered_at": dt.datetime(2027, 3, 1, 12, 30),
                "comment": "=cmd|' /C calc'!A0",
            },
            {"benefit_id": "B1", "year": 2028, "value": 2, "entered_at": "2028-03-01T12:30:00.123456+01:00"},
        ],
        "scenario": [
            {
                "id": "Kutt",
                "ambition": "HSO=Høy",
                "budget_factor": 0.8,
                "envelope_overrides": "HSO/2027=120",
                "forced_in": "PLL",
                "locked_starts": "PLL=2028",
                "allow_stopping_started": True,
                "periods": 3,
            }
        ],
    }


@cache
def small_portfolio() -> Portfolio:
    return build_portfolio(small_raw())


@cache
def small_workbook() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "small.xlsx"
        write_portfolio(small_portfolio(), path)
        return path.read_bytes()


def assert_same(left: Portfolio, right: Portfolio) -> None:
    for table in TABLES:
        assert left.records(table) == right.records(table), table


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    write_portfolio(small_portfolio(), path)
    result = load_workbook_portfolio(path)
    assert result.problems == []
    assert result.portfolio is not None
    assert_same(small_portfolio(), result.portfolio)


def test_load_path_reads_workbooks(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(small_workbook())
    result = load_path(path)
    assert result.ok and result.portfolio is not None
    assert_same(small_portfolio(), result.portfolio)


def test_sample_round_trips(tmp_path: Path) -> None:
    sample = load_path(SAMPLE) if SAMPLE.is_dir() else None
    if sample is None or sample.portfolio is None:
        pytest.skip("data/sample does not load yet")
    write_portfolio(sample.portfolio, tmp_path / "sample.xlsx")
    again = load_workbook_portfolio(tmp_path / "sample.xlsx")
    assert again.portfolio is not None, [str(p) for p in again.problems]
    assert_same(sample.portfolio, again.portfolio)


def test_template_has_a_sheet_per_table_with_notes_and_dropdowns(tmp_path: Path) -> None:
    write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(tmp_path / "template.xlsx")
    assert book.sheetnames == [README_SHEET, *TABLES]
    sheet = book["initiative"]
    names = [spec.name for spec in column_specs("initiative")]
    assert [cell.value for cell in sheet[1]] == names
    assert sheet.max_row == 1
    status = sheet.cell(row=1, column=names.index("status") + 1)
    assert status.comment is not None
    assert "Allowed: proposed, approved" in status.comment.text and "Default: proposed" in status.comment.text
    assert "Unit: MNOK" in sheet.cell(row=1, column=names.index("total_cost") + 1).comment.text
    lists = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"TRUE,FALSE"' in lists
    assert '"low,medium,high"' in lists
    readme = "\n".join(str(cell.value) for cell in book[README_SHEET]["A"] if cell.value)
    assert "HSO=0.5;HV=0.5" in readme and "MNOK" in readme


def test_formula_like_text_is_written_as_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(small_workbook()))
    pools = book["funding_pool"]
    for coordinate in ("B3", "E3", "B4", "F4"):
        cell = pools[coordinate]
        assert cell.data_type == "s", coordinate
        assert str(cell.value)[0] in "=+-@"
    assert pools["B3"].quotePrefix
    with zipfile.ZipFile(io.BytesIO(small_workbook())) as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist() if name.endswith(".xml"))


def edited(tmp_path: Path, change: Any) -> Path:
    """The small workbook, changed by ``change(book)`` and saved."""
    book = openpyxl.load_workbook(io.BytesIO(small_workbook()))
    change(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def messages(path: Path) -> list[str]:
    return [f"{p.table}/{p.line}/{p.field}: {p.message}" for p in load_workbook_portfolio(path).problems]


def test_formula_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda book: book["initiative"].__setitem__("H3", "=1+1"))
    result = load_workbook_portfolio(path)
    assert result.portfolio is None
    assert messages(path) == ["initiative/3/duration: cell H3 holds a formula"]
    assert "paste values" in result.problems[0].fix


def test_merged_cells_are_an_error(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda book: book["funding_pool"].merge_cells("B2:C2"))
    result = load_workbook_portfolio(path)
    assert result.portfolio is None
    merged = [p for p in result.problems if "merged" in p.message]
    assert merged and merged[0].line == 2 and "B2:C2" in merged[0].message and merged[0].fix == "unmerge the cells"


def test_missing_required_sheet_is_named_and_optional_ones_may_go(tmp_path: Path) -> None:
    def drop(book: openpyxl.Workbook) -> None:
        for name in ("horizon", "scenario", "measurement"):
            del book[name]

    result = load_workbook_portfolio(edited(tmp_path, drop))
    assert result.portfolio is None
    assert [str(p) for p in result.problems] == [
        "horizon/-/-: sheet 'horizon' is missing Fix: add a sheet named horizon with its header row "
        "(planning template writes one)"
    ]


def test_blank_and_duplicate_headers_are_errors(tmp_path: Path) -> None:
    def headers(book: openpyxl.Workbook) -> None:
        book["initiative"]["B1"] = None
        book["benefit"]["D1"] = "id"

    path = edited(tmp_path, headers)
    assert load_workbook_portfolio(path).portfolio is None
    found = messages(path)
    assert "initiative/1/column B: column B holds data but its header is blank" in found
    assert "benefit/1/id: column 'id' appears twice (columns A and D)" in found


def test_empty_rows_are_skipped_and_rows_keep_their_sheet_numbers(tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["initiative"]
        sheet.insert_rows(3, amount=2)  # PLL stays on row 2, KJ moves to row 5
        sheet["H5"] = "many"

    path = edited(tmp_path, change)
    assert messages(path) == [
        "initiative/5/duration: Input should be a valid integer, unable to parse string as an integer"
    ]


def test_cross_table_problems_point_at_the_sheet_row(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda book: book["initiative"].__setitem__("E3", "XX"))
    assert "initiative/3/lead_region: unknown funding pool 'XX'" in messages(path)


def test_unknown_columns_and_sheets_are_warnings(tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["horizon"]["E1"] = "comment"
        book["horizon"]["E2"] = "ours"
        book.create_sheet("Notes")["A1"] = "anything"

    result = load_workbook_portfolio(edited(tmp_path, change))
    assert result.ok
    assert {p.severity for p in result.problems} == {"warning"}
    assert len(result.problems) == 2


def test_error_values_are_reported(tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        cell = book["envelope"]["E2"]
        cell.value, cell.data_type = "#DIV/0!", "e"

    assert messages(edited(tmp_path, change)) == ["envelope/2/amount: cell E2 holds the error value #DIV/0!"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "broken.xlsx is empty"),
        (b"not a workbook", "is not a readable .xlsx workbook"),
        (b"PK\x03\x04broken zip", "is not a readable .xlsx workbook"),
        (b"\x00" * 100, "is not a readable .xlsx workbook"),
    ],
)
def test_a_file_that_is_no_workbook_gives_one_error(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    raw, problems = read_workbook(path)
    assert raw == {}
    assert len(problems) == 1 and words in problems[0].message
    assert load_path(path).problems == problems


# --- broken workbooks, generated ------------------------------------------------------

SHEET_TITLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="[]:*?/\\'"), min_size=1, max_size=20
)
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
CELL_VALUE = st.one_of(
    CELL_TEXT,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, float("inf"), "nan", "inf", "1e400", "", " ", "TRUE", "a;b", "K=v;=x"]),
    st.booleans(),
    st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2200, 1, 1)),
)
SHEET = st.sampled_from(TABLES)
ROW = st.integers(1, 5)
COLUMN = st.integers(1, 12)
CORRUPTION = st.one_of(
    st.tuples(st.just("drop_sheet"), SHEET),
    st.tuples(st.just("set_cell"), SHEET, ROW, COLUMN, CELL_VALUE),
    st.tuples(st.just("merge"), SHEET, ROW, COLUMN),
    st.tuples(st.just("empty_rows"), SHEET, ROW, st.integers(1, 3)),
    st.tuples(st.just("formula"), SHEET, ROW, COLUMN),
    st.tuples(st.just("rename_sheet"), SHEET, SHEET_TITLE),
    st.tuples(st.just("delete_header"), SHEET, COLUMN),
    st.tuples(st.just("extra_column"), SHEET, CELL_TEXT, CELL_VALUE),
)


def corrupt(book: openpyxl.Workbook, change: tuple[Any, ...]) -> None:
    kind, table, *args = change
    if table not in book.sheetnames:
        return
    sheet = book[table]
    if kind == "drop_sheet":
        del book[table]
    elif kind == "set_cell":
        write(sheet, args[0], args[1], args[2])
    elif kind == "merge":
        sheet.merge_cells(start_row=args[0], start_column=args[1], end_row=args[0] + 1, end_column=args[1] + 1)
    elif kind == "empty_rows":
        sheet.insert_rows(args[0] + 1, amount=args[1])
    elif kind == "formula":
        write(sheet, args[0], args[1], "=SUM(1,2)")
    elif kind == "rename_sheet" and args[0].strip() and args[0] not in book.sheetnames:
        sheet.title = args[0]
    elif kind == "delete_header":
        write(sheet, 1, args[0], None)
    elif kind == "extra_column":
        column = sheet.max_column + 1
        sheet.cell(row=1, column=column).value = args[0] or "extra"
        sheet.cell(row=2, column=column).value = args[1]


def write(sheet: Any, row: int, column: int, value: Any) -> None:
    """Set a cell, unless an earlier merge covers it (no one can type there, in Excel either)."""
    cell = sheet.cell(row=row, column=column)
    if not isinstance(cell, MergedCell):
        cell.value = value


@pytest.fixture(scope="module")
def engine() -> Engine:
    """An SQLite store holding the small portfolio."""
    store = make_engine("sqlite://")
    upgrade(store)
    restore(store)
    return store


def restore(engine: Engine) -> None:
    """Store the small portfolio, as an import of it would."""
    assert storage_problems(small_portfolio()) == []
    save_portfolio(engine=engine, portfolio=small_portfolio())


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every stored row, per table, ordered by id."""
    with Session(engine) as session:
        return {
            table: sorted((row.model_dump() for row in session.exec(select(model))), key=lambda r: r["id"])
            for table, model in TABLE_MODELS.items()
        }


@cache
def known(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    return snapshot(engine)


def attempt_import(engine: Engine, content: bytes) -> None:
    """Import ``content`` as a workbook: stored whole when valid, else rejected with the store unchanged."""
    before = known(engine)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attempt.xlsx"
        path.write_bytes(content)
        outcome = import_into_store(engine=engine, path=path, user=IMPORTER, replace=True)
    if outcome.stored:
        assert outcome.result.portfolio is not None
        imported = outcome.result.portfolio
        after = snapshot(engine)
        for table in TABLES:
            assert after[table] == sorted(imported.records(table), key=lambda r: r["id"]), table
        restore(engine)  # the known portfolio again, for the next example
    else:
        assert errors(outcome.result.problems), "a rejected import must say why"
        assert snapshot(engine) == before


@settings(max_examples=30, deadline=None)
@given(changes=st.lists(CORRUPTION, min_size=1, max_size=3))
def test_corrupted_workbooks_import_whole_or_not_at_all(engine: Engine, changes: list[tuple[Any, ...]]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(small_workbook()))
    for change in changes:
        corrupt(book, change)
    buffer = io.BytesIO()
    book.save(buffer)
    attempt_import(engine, buffer.getvalue())


@settings(max_examples=15, deadline=None)
@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.integers(0, 4000).map(lambda n: small_workbook()[:n]),
        st.builds(lambda head, tail: head + tail, st.just(small_workbook()[:30]), st.binary(max_size=100)),
    )
)
def test_non_workbook_bytes_are_rejected(engine: Engine, content: bytes) -> None:
    attempt_import(engine, content)


def test_obligations_travel_through_the_workbook_and_its_template(tmp_path: Path) -> None:
    from openpyxl import load_workbook as open_book

    from planning.io import load_path
    from planning.io.workbook import load_workbook_portfolio, write_portfolio, write_template

    sample = load_path(Path(__file__).parent.parent / "data" / "sample").portfolio
    assert sample is not None
    write_portfolio(sample, tmp_path / "veikart.xlsx")
    back = load_workbook_portfolio(tmp_path / "veikart.xlsx").portfolio
    assert back is not None
    assert back.initiatives.at["HN-INNB-SAMI", "obligation"] == "equity"
    assert back.initiatives.at["HN-INNB-SAMI", "obligation_note"].startswith("Likeverdige tjenester på samisk")
    assert set(back.initiatives["obligation"]) == {"none", "statutory", "equity"}
    write_template(tmp_path / "mal.xlsx")
    headers = {str(c.value) for c in open_book(tmp_path / "mal.xlsx")["initiative"][1]}
    assert {"obligation", "obligation_note"} <= headers
    assert "release_obligations" in {str(c.value) for c in open_book(tmp_path / "mal.xlsx")["scenario"][1]}
