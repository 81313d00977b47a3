"""Files as bytes for the app: downloads read back identically, uploads checked before anything is read."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest

from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.io import limits, load_path, memory
from planning.io.memory import file_name, load_upload, plan_bytes, portfolio_bytes, template_bytes
from planning.io.plan_export import TABLES as PLAN_TABLES
from tests.test_report import SAMPLE, earliest_plan
from tests.test_workbook import assert_same, small_portfolio


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    portfolio = load_path(SAMPLE).portfolio
    assert portfolio is not None
    return portfolio


@pytest.mark.parametrize("kind", memory.PORTFOLIO_FORMATS)
def test_a_downloaded_portfolio_uploads_back_identically(sample: Portfolio, kind: str) -> None:
    data = portfolio_bytes(sample, kind)
    result = load_upload(file_name("veikart", kind), data)
    assert result.ok, [str(p) for p in result.problems]
    assert result.portfolio is not None
    assert_same(sample, result.portfolio)


def test_file_names_follow_the_format() -> None:
    assert [file_name("p", k) for k in memory.PORTFOLIO_FORMATS] == ["p.xlsx", "p.json", "p.zip"]
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        portfolio_bytes(small_portfolio(), "pdf")


def test_the_csv_download_is_a_zip_of_one_file_per_table() -> None:
    with zipfile.ZipFile(io.BytesIO(portfolio_bytes(small_portfolio(), "csv"))) as archive:
        assert sorted(archive.namelist()) == sorted(f"{table}.csv" for table in TABLE_MODELS)


def test_the_template_has_a_sheet_per_table() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    assert set(TABLE_MODELS) <= set(book.sheetnames)


def test_a_plan_downloads_in_every_format(sample: Portfolio) -> None:
    plan = earliest_plan(sample, "Basis")
    book = openpyxl.load_workbook(io.BytesIO(plan_bytes(plan, sample, "xlsx")))
    assert book.sheetnames == list(PLAN_TABLES)
    roadmap = list(book["roadmap"].iter_rows(values_only=True))
    assert len(roadmap) == len(sample.initiatives) + 1
    assert set(json.loads(plan_bytes(plan, sample, "json"))) == set(PLAN_TABLES)
    with zipfile.ZipFile(io.BytesIO(plan_bytes(plan, sample, "csv"))) as archive:
        assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in PLAN_TABLES)


def test_csv_files_may_sit_in_a_folder_inside_the_zip() -> None:
    flat = zipfile.ZipFile(io.BytesIO(portfolio_bytes(small_portfolio(), "csv")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as nested:
        for name in flat.namelist():
            nested.writestr(f"backup/{name}", flat.read(name))
        nested.writestr("backup/README.txt", "not a table")
        nested.writestr("__MACOSX/backup/._initiative.csv", b"\x00\x05\x16\x07Mac OS X \xff\xfe")  # Finder's zip
    result = load_upload("backup.zip", buffer.getvalue())
    assert result.ok and result.portfolio is not None
    assert result.problems == []  # the README and macOS's hidden copies are not read
    assert_same(small_portfolio(), result.portfolio)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("portefolje.pdf", b"%PDF", "portefolje.pdf is not a workbook, JSON file or .zip of CSV files"),
        ("tabeller.zip", b"PK not really", "tabeller.zip is not a readable .zip file"),
        ("tabeller.zip", _zip({"notes.txt": b"hello"}), "tabeller.zip holds no .csv files"),
        (
            "tabeller.zip",
            _zip({"a/initiative.csv": b"id\n", "b/initiative.csv": b"id\n"}),
            "tabeller.zip holds initiative.csv more than once",
        ),
        ("portefolje.json", b"{not json", "portefolje.json: not valid JSON"),
        ("portefolje.xlsx", b"not a workbook", "portefolje.xlsx is not a readable .xlsx workbook"),
    ],
)
def test_a_broken_upload_gives_one_clear_problem_naming_the_file(name: str, data: bytes, expected: str) -> None:
    result = load_upload(name, data)
    assert result.portfolio is None
    assert len(result.problems) == 1
    assert result.problems[0].message.startswith(expected)
    assert result.problems[0].fix
    assert "/tmp" not in result.problems[0].message  # the temporary folder is never shown


def test_a_zip_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    result = load_upload("bomb.zip", _zip({"initiative.csv": b"id\n" + b"x\n" * 1000}))
    assert result.portfolio is None
    assert [p.message for p in result.problems] == ["bomb.zip unpacks to 0.0 MB, more than the 0 MB read"]


def test_an_uploaded_name_cannot_point_outside_the_temporary_folder() -> None:
    data = portfolio_bytes(small_portfolio(), "json")
    result = load_upload("../../etc/portfolio.json", data)
    assert result.ok


def test_row_problems_of_an_upload_name_sheet_row_and_column() -> None:
    book = openpyxl.load_workbook(io.BytesIO(portfolio_bytes(small_portfolio(), "xlsx")))
    book["initiative"]["E3"] = "XX"
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_upload("edited.xlsx", buffer.getvalue())
    assert result.portfolio is None
    problem = next(p for p in result.problems if p.table == "initiative")
    assert (problem.line, problem.field, problem.message) == (3, "lead_region", "unknown funding pool 'XX'")
    assert problem.fix.startswith("use one of")
