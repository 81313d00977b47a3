"""Oversized, deep, empty and binary files are refused while they are read, in bounded memory.

Every file here is built at test time in ``tmp_path`` (a zip bomb compresses to a few
hundred kilobytes). The memory a refused file takes is measured with ``tracemalloc`` (every
allocation through Python's allocators, zlib's and expat's included) and must stay under
:data:`MEMORY_LIMIT`; the figures are in docs/security.md ("Limits").
"""

from __future__ import annotations

import json
import struct
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from planning.cli import main
from planning.domain.loading import build_portfolio
from planning.domain.problems import InvalidPortfolio
from planning.domain.timeline import Timeline
from planning.io import limits, load_path, write_csv_folder, write_portfolio
from planning.io.memory import load_upload
from planning.io.plan_file import read_plan_file
from planning.io.sheet_scan import sheet_parts
from planning.realisation.measurements import measurement_rows
from tests.conftest import small_raw_portfolio

MB = 1024 * 1024
MEMORY_LIMIT = 300 * MB
ROWS_OVER = limits.MAX_ROWS + 5
YEARS = Timeline(2026, 4, "year")


def peak_memory(read: Callable[[], Any]) -> tuple[Any, int]:
    """What ``read()`` returns (or raises) and the peak of memory it allocated, in bytes."""
    tracemalloc.start()
    try:
        try:
            result: Any = read()
        except (InvalidPortfolio, ValueError) as exc:
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def only_message(result: Any) -> str:
    problems = result.problems
    assert result.portfolio is None if hasattr(result, "portfolio") else True
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0].message)


# --- building files ----------------------------------------------------------------------


def workbook(path: Path) -> Path:
    write_portfolio(build_portfolio(small_raw_portfolio()), path)
    return path


def with_sheet(source: Path, target: Path, title: str, rows: Iterator[bytes], *, level: int = 6) -> Path:
    """``source`` with the sheet ``title`` holding ``rows`` (XML ``<row>`` elements), written as it is made."""
    with zipfile.ZipFile(source) as old:
        part = dict(sheet_parts(old))[title]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as new:
            for member in old.infolist():
                if member.filename != part:
                    new.writestr(member, old.read(member))
            with new.open(part, "w", force_zip64=True) as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                for row in rows:
                    sheet.write(row)
                sheet.write(b"</sheetData></worksheet>")
    return target


def initiative_rows(count: int) -> Iterator[bytes]:
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
    yield b'<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>'
    for number in range(2, count + 2):
        yield (
            f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>I{number}</t></is></c>'
            f'<c r="B{number}" t="inlineStr"><is><t>Initiative {number}</t></is></c></row>'
        ).encode()


def bomb_rows(megabytes: int) -> Iterator[bytes]:
    """Rows of cells, ``megabytes`` of XML that compresses about a thousand times."""
    chunk = b"".join(b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' for _ in range(20_000))
    for _ in range(megabytes * MB // len(chunk) + 1):
        yield chunk


def understate_sizes(path: Path, member: str, declared: int) -> None:
    """Make the archive say ``member`` unpacks to ``declared`` bytes (its local and central headers)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    assert info.file_size < 0xFFFFFFFF  # no zip64 extra field to patch
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    central = data.rfind(b"PK\x01\x02" + data[info.header_offset + 4 : info.header_offset + 6])
    name = member.encode()
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.rfind(b"PK\x01\x02", 0, central)
    struct.pack_into("<I", data, central + 24, declared)
    path.write_bytes(bytes(data))


# --- workbooks ---------------------------------------------------------------------------


def test_a_workbook_that_unpacks_to_200_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bomb = with_sheet(workbook(tmp_path / "p.xlsx"), tmp_path / "bomb.xlsx", "initiative", bomb_rows(200), level=9)
    assert bomb.stat().st_size < 2 * MB
    result, peak = peak_memory(lambda: load_path(bomb))
    message = only_message(result)
    assert message.startswith("bomb.xlsx unpacks to 2") and message.endswith("MB, more than the 50 MB read")
    assert result.problems[0].fix == "split the file, or keep only the portfolio's tables in it"
    assert peak < MEMORY_LIMIT / 10, peak


def test_a_workbook_member_holding_more_than_it_declares_is_refused_as_damaged(tmp_path: Path) -> None:
    bomb = with_sheet(workbook(tmp_path / "p.xlsx"), tmp_path / "liar.xlsx", "initiative", bomb_rows(120))
    with zipfile.ZipFile(bomb) as archive:
        part = dict(sheet_parts(archive))["initiative"]
    understate_sizes(bomb, part, 4096)
    result, peak = peak_memory(lambda: load_path(bomb))
    message = only_message(result)
    assert message.startswith("liar.xlsx is not a readable .xlsx workbook (") and "CRC" in message
    assert peak < MEMORY_LIMIT / 10, peak


def test_a_sheet_of_100005_rows_is_refused_while_it_is_counted(tmp_path: Path) -> None:
    long = with_sheet(workbook(tmp_path / "p.xlsx"), tmp_path / "long.xlsx", "initiative", initiative_rows(ROWS_OVER))
    result, peak = peak_memory(lambda: load_path(long))
    assert result.portfolio is None
    [problem] = [p for p in result.problems if p.table == "initiative"]
    assert problem.message == "sheet 'initiative' has 100000+ rows, more than the 100000 read"
    assert problem.fix == "delete the rows below the data"
    assert peak < MEMORY_LIMIT, peak


def test_a_sheet_with_data_in_too_many_columns_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_COLUMNS", 1)
    result = load_path(workbook(tmp_path / "p.xlsx"))
    problems = {p.table: p.message for p in result.problems if p.row == "-"}
    assert problems["initiative"] == "sheet 'initiative' has data in more than 1 columns"


def test_an_empty_or_binary_file_named_xlsx_is_named_as_such(tmp_path: Path) -> None:
    for name, data, message in (
        ("empty.xlsx", b"", "empty.xlsx is empty"),
        ("nul.xlsx", b"\x00" * 4096, "nul.xlsx is not a readable .xlsx workbook (File is not a zip file)"),
    ):
        (tmp_path / name).write_bytes(data)
        assert only_message(load_path(tmp_path / name)) == message


# --- CSV ---------------------------------------------------------------------------------


def csv_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "tables"
    write_csv_folder(build_portfolio(small_raw_portfolio()), folder)
    return folder


@pytest.mark.parametrize(
    ("data", "message", "fix"),
    [
        (b"", "initiative.csv is empty", "choose the right file, or export it again"),
        (b"\xef\xbb\xbf\r\n  \n", "initiative.csv is empty", "choose the right file, or export it again"),
        (
            b"\x00" * 100_000,
            "initiative.csv is not a text file: it holds NUL bytes (binary data, or UTF-16 text)",
            None,
        ),
        ("id,name\nX,Ære\n".encode("utf-16"), "initiative.csv is not a text file", None),
    ],
    ids=["empty", "blank", "nul", "utf-16"],
)
def test_an_empty_or_binary_csv_gives_one_problem_naming_it(
    tmp_path: Path, data: bytes, message: str, fix: str
) -> None:
    folder = csv_folder(tmp_path)
    (folder / "initiative.csv").write_bytes(data)
    result = load_path(folder)
    assert message in only_message(result)
    assert result.problems[0].fix == (fix or "save it from Excel as CSV UTF-8 (comma or semicolon between cells)")


def test_a_csv_of_100005_rows_is_refused_before_a_row_is_kept(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path)
    lines = "".join(f"I{n},Initiative {n},shared_infrastructure,A,1,10\n" for n in range(ROWS_OVER))
    (folder / "initiative.csv").write_text("id,name,area,lead_region,duration,total_cost\n" + lines, encoding="utf-8")
    result, peak = peak_memory(lambda: load_path(folder))
    assert only_message(result).endswith("initiative.csv has more than 100000 rows")
    assert peak < MEMORY_LIMIT, peak


def test_a_csv_with_quoted_line_breaks_counts_rows_not_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    folder = csv_folder(tmp_path)
    (folder / "initiative.csv").write_text(
        'id,name,description,area,lead_region,duration,total_cost\nX,X,"a\nb\nc\nd",shared_infrastructure,A,1,10\n',
        encoding="utf-8",
    )
    (folder / "benefit.csv").unlink()
    (folder / "dependency.csv").unlink()
    (folder / "measurement.csv").unlink()
    (folder / "scenario.csv").unlink()
    result = load_path(folder)
    assert result.ok, [str(p) for p in result.problems]
    assert result.portfolio is not None and result.portfolio.initiatives.at["X", "description"] == "a\nb\nc\nd"


def test_a_csv_folder_larger_than_50_mb_is_refused_unread(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path)
    with (folder / "initiative.csv").open("ab") as handle:
        handle.truncate(51 * MB)
    result, peak = peak_memory(lambda: load_path(folder))
    assert "tables is 51.0 MB, more than the 50 MB read" in only_message(result)
    assert peak < MEMORY_LIMIT / 10, peak


def test_a_csv_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path)
    (folder / "initiative.csv").write_text(",".join(f"c{n}" for n in range(1001)) + "\n", encoding="utf-8")
    assert only_message(load_path(folder)).endswith("initiative.csv has more than 1000 columns")


def test_an_uploaded_zip_of_csv_files_that_unpacks_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tables.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("initiative.csv", "w", force_zip64=True) as handle,
    ):
        for _ in range(60):
            handle.write(b"id\n" + b"x" * MB)
    result, peak = peak_memory(lambda: load_upload("tables.zip", path.read_bytes()))
    assert only_message(result).startswith("tables.zip unpacks to 60.0 MB, more than the 50 MB read")
    assert peak < MEMORY_LIMIT / 5, peak


# --- JSON --------------------------------------------------------------------------------


def test_json_nested_100000_deep_is_refused_and_the_command_line_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"initiative": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result, peak = peak_memory(lambda: load_path(path))
    assert only_message(result).endswith("deep.json is nested more than 20 levels deep")
    assert result.problems[0].fix.startswith("use the JSON Veikart exports")
    assert peak < MEMORY_LIMIT / 10, peak
    run = CliRunner().invoke(main, ["validate", str(path)])
    assert run.exit_code == 1, run.output
    assert "nested more than 20 levels deep" in run.output


def test_a_json_list_of_more_than_100000_rows_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps({"initiative": [{"id": f"I{n}"} for n in range(ROWS_OVER)]}), encoding="utf-8")
    result, peak = peak_memory(lambda: load_path(path))
    assert only_message(result).endswith("long.json has a list of more than 100000 items")
    assert peak < MEMORY_LIMIT / 10, peak


def test_json_with_more_values_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_JSON_VALUES", 10)
    path = tmp_path / "many.json"
    path.write_text(json.dumps(small_raw_portfolio()), encoding="utf-8")
    assert only_message(load_path(path)).endswith("many.json holds more than 10 values")


def test_brackets_inside_json_strings_are_text_not_nesting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_JSON_DEPTH", 4)
    raw = small_raw_portfolio()
    raw["initiative"][0]["description"] = '[[[[[[{{{{ "quoted \\" ]]] ,,,,,'
    path = tmp_path / "p.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    result = load_path(path)
    assert result.ok, [str(p) for p in result.problems]


@pytest.mark.parametrize(("data", "message"), [(b"", "p.json is empty"), (b"\x00" * 64, "p.json is not a text file")])
def test_an_empty_or_binary_json_file_is_named_as_such(tmp_path: Path, data: bytes, message: str) -> None:
    (tmp_path / "p.json").write_bytes(data)
    assert message in only_message(load_path(tmp_path / "p.json"))


# --- plan files and measurements ----------------------------------------------------------


def refused_plan(data: bytes, file: str) -> list[str]:
    with pytest.raises(InvalidPortfolio) as refused:
        read_plan_file(data, file, YEARS)
    return [problem.message for problem in refused.value.problems]


def test_plan_files_are_held_to_the_same_limits(tmp_path: Path) -> None:
    bomb = with_sheet(workbook(tmp_path / "p.xlsx"), tmp_path / "bomb.xlsx", "initiative", bomb_rows(60), level=9)
    data = bomb.read_bytes()
    (message,), peak = peak_memory(lambda: refused_plan(data, "plan.xlsx"))
    assert message.startswith("plan.xlsx unpacks to 6") and message.endswith("MB, more than the 50 MB read")
    assert peak < MEMORY_LIMIT / 5, peak
    assert refused_plan(b"[" * 100_000, "plan.json") == ["plan.json is nested more than 20 levels deep"]
    assert refused_plan(b"\x00" * 10, "plan.csv") == [
        "plan.csv is not a text file: it holds NUL bytes (binary data, or UTF-16 text)"
    ]
    assert refused_plan(b"", "plan.json") == ["plan.json is empty"]
    assert refused_plan(b" " * (50 * MB + 1), "plan.csv") == ["plan.csv is 50.0 MB, more than the 50 MB read"]


def test_check_plan_refuses_a_plan_file_too_large_to_read(tmp_path: Path) -> None:
    portfolio = tmp_path / "p.json"
    portfolio.write_text(json.dumps(small_raw_portfolio()), encoding="utf-8")
    plan = tmp_path / "plan.csv"
    with plan.open("wb") as handle:
        handle.truncate(51 * MB)
    run = CliRunner().invoke(main, ["check-plan", str(plan), "--from", str(portfolio)])
    assert run.exit_code == 2, run.output
    assert "plan.csv is 51.0 MB, more than the 50 MB read" in run.output


def test_a_measurement_file_of_100005_rows_is_refused(tmp_path: Path) -> None:
    data = ("benefit_id,year,value\n" + "BX,2026,1\n" * ROWS_OVER).encode()
    with pytest.raises(InvalidPortfolio) as refused:
        measurement_rows(data, "m.csv")
    [problem] = refused.value.problems
    assert problem.message == "m.csv has more than 100000 rows"
