"""Excel workbooks (.xlsx): one sheet per table, a header row, data from row 2.

The template and exported workbooks are generated from the column declarations: each
header carries the column's description, unit, allowed values and default as a comment,
and columns with allowed values (and booleans) get a dropdown. Reading reports every
problem with the sheet, the spreadsheet row number and the column, and never evaluates
or trusts formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planning.domain.columns import ColumnSpec, column_specs, encode_cell, is_blank
from planning.domain.docs import CELL_FORMATS, REQUIRED_TABLES, default_label, derived_id_rule, table_summary
from planning.domain.loading import DERIVED_IDS, LoadResult, parse_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem, errors
from planning.io import limits
from planning.io.formulas import is_formula_like
from planning.io.sheet_scan import (
    SheetScan,
    blank_header_problems,
    merged_problems,
    scan_workbook,
    sheet_too_large,
)
from planning.messages.message import said
from planning.messages.phrases import phrase

README_SHEET = "README"
HEADER_ROW = 1
FIRST_DATA_ROW = 2
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
RawTables = dict[str, list[dict[str, Any]]]


# --- writing -------------------------------------------------------------------------


def write_template(path: str | Path) -> None:
    """Write an empty workbook: README, then one sheet per table with headers only."""
    write_portfolio(Portfolio.empty(), path)


def write_portfolio(portfolio: Portfolio, path: str | Path) -> None:
    """Write ``portfolio`` in the template's layout, one row per record from row 2."""
    book = Workbook()
    _write_readme(book.active or book.create_sheet())
    for table in TABLE_MODELS:
        sheet = book.create_sheet(table)
        specs = column_specs(table)
        _write_header(sheet, specs)
        for number, record in enumerate(portfolio.records(table), start=FIRST_DATA_ROW):
            for column, spec in enumerate(specs, start=1):
                _write_cell(sheet.cell(row=number, column=column), spec, record[spec.name])
    book.save(Path(path))


def _write_readme(sheet: Worksheet) -> None:
    sheet.title = README_SHEET
    lines = [
        "Veikart portfolio workbook",
        "",
        "Each sheet after this one is a table of the portfolio, named after the table.",
        "Row 1 names the columns (hover over a header for its description, unit, allowed values and default);",
        "enter one record per row from row 2. Do not rename sheets or headers, merge cells or use formulas:",
        "enter plain values. Sheets may be left out, except " + ", ".join(REQUIRED_TABLES) + ".",
        "",
        "Cell formats",
        *(sentence.replace("`", "") for sentence in CELL_FORMATS),
        "",
        "Tables",
    ]
    for table in TABLE_MODELS:
        needed = " (required)" if table in REQUIRED_TABLES else ""
        derived = f" The id may be left empty: {derived_id_rule(table)}." if table in DERIVED_IDS else ""
        lines.append(f"{table}{needed}: {table_summary(table)}{derived}")
    lines += ["", "The full description of every column is in docs/data-model.md."]
    for number, line in enumerate(lines, start=1):
        sheet.cell(row=number, column=1, value=line)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 120


def header_note(spec: ColumnSpec) -> str:
    """The comment on a column's header: description, type, unit, allowed values, default."""
    parts = [spec.description, f"Type: {spec.type_label}."]
    if spec.unit:
        parts.append(f"Unit: {spec.unit}.")
    if spec.range_label:
        each = "each " if spec.kind in ("list_number", "map_number") else ""
        parts.append(f"Range: {each}{spec.range_label}.")
    if spec.allowed:
        parts.append("Allowed: " + ", ".join(spec.allowed) + ".")
    if spec.required and not (spec.name == "id" and spec.table in DERIVED_IDS):
        parts.append("Required.")
    elif default_label(spec):
        parts.append(f"Default: {default_label(spec)}.")
    return "\n".join(parts)


def _write_header(sheet: Worksheet, specs: list[ColumnSpec]) -> None:
    bold = Font(bold=True)
    for column, spec in enumerate(specs, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=spec.name)
        cell.font = bold
        cell.comment = Comment(header_note(spec), "Veikart", width=320, height=160)
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(12, len(spec.name) + 4)
        choices = ("TRUE", "FALSE") if spec.kind == "boolean" else spec.allowed
        if choices:
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=f"Not a valid {spec.name}",
                error="Choose one of: " + ", ".join(choices),
            )
            check.add(f"{letter}{FIRST_DATA_ROW}:{letter}1048576")
            sheet.add_data_validation(check)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"


def _write_cell(cell: Cell, spec: ColumnSpec, value: Any) -> None:
    value = excel_value(spec, value)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
    elif isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def excel_value(spec: ColumnSpec, value: Any) -> Any:
    """A record's value as it goes into a cell.

    Lists and mappings become text. Infinite numbers, numbers needing 17 significant
    digits, time-zone-aware datetimes and sub-second datetimes become text, since a
    workbook cannot hold them exactly. Characters a workbook cannot store (control
    characters other than tab and newline) are dropped.
    """
    if value is None:
        return None
    if spec.kind.startswith(("list", "map")) or isinstance(value, str):
        text = str(encode_cell(spec, value))
        return ILLEGAL_CHARACTERS_RE.sub("", text) or None
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        return repr(value)  # a workbook stores 16 significant digits; text keeps the value exact
    if isinstance(value, dt.datetime) and (value.tzinfo is not None or value.microsecond):
        return value.isoformat()
    return value


# --- reading -------------------------------------------------------------------------


@dataclass
class _Sheets:
    """What was read from a workbook, with the sheet row of each raw row."""

    raw: RawTables = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sheet_rows: dict[str, list[int]] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)


def read_workbook(path: str | Path) -> tuple[RawTables, list[Problem]]:
    """Raw rows per table for :func:`planning.domain.loading.parse_portfolio`, and reading problems.

    Problems name the sheet (as the table), the spreadsheet row (``line``; 2 is the first
    data row) and the column. A file that is not a readable workbook gives one error.
    """
    sheets = _read(Path(path))
    return sheets.raw, sheets.problems


def load_workbook_portfolio(path: str | Path) -> LoadResult:
    """Read, parse and validate a workbook; every problem's ``line`` is its sheet row."""
    sheets = _read(Path(path))
    if not sheets.raw and errors(sheets.problems):
        return LoadResult(None, sheets.problems)
    result = parse_portfolio(sheets.raw)
    flagged = {(p.table, p.line, p.field) for p in errors(sheets.problems)}
    ids = _sheet_rows_by_id(sheets)
    problems = list(sheets.problems)
    for problem in result.problems:
        mapped = _to_sheet_row(problem, sheets.sheet_rows, ids)
        if problem.table in sheets.missing or (mapped.table, mapped.line, mapped.field) in flagged:
            continue  # already reported while reading
        problems.append(mapped)
    portfolio = None if errors(sheets.problems) else result.portfolio
    return LoadResult(portfolio, problems)


def _read(path: Path) -> _Sheets:
    """Every sheet's raw rows: the file's size, the archive's unpacked size and each sheet's
    rows and columns are checked first (:mod:`planning.io.limits`), then the rows with data
    are streamed in read-only mode."""
    sheets = _Sheets()
    try:
        data = limits.read_limited(path)
        with limits.open_zip(data, path.name) as archive:
            scans = scan_workbook(archive)
        if any(scan.too_long or scan.too_wide for scan in scans.values()):
            sheets.problems += [
                sheet_too_large(title, scan) for title, scan in scans.items() if scan.too_long or scan.too_wide
            ]
            return sheets
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; values are unaffected
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except limits.FileRefused as exc:
        sheets.problems.append(Problem("-", "-", "-", said(exc), exc.fix))
        return sheets
    except Exception as exc:  # a damaged file can fail anywhere inside openpyxl or zipfile
        reason = said(exc) or type(exc).__name__
        sheets.problems.append(
            Problem(
                "-",
                "-",
                "-",
                phrase("not_a_workbook", file=path.name, reason=reason),
                phrase("fix_not_a_workbook"),
            )
        )
        return sheets
    try:
        _read_book(book, scans, sheets)
    except Exception as exc:  # a sheet damaged past what the scan read, e.g. a bad checksum
        reason = said(exc) or type(exc).__name__
        sheets.raw.clear()
        sheets.problems = [
            Problem(
                "-", "-", "-", phrase("not_a_workbook", file=path.name, reason=reason), phrase("fix_not_a_workbook")
            )
        ]
    finally:
        book.close()
    return sheets


def _read_book(book: Workbook, scans: Mapping[str, SheetScan], sheets: _Sheets) -> None:
    titles: dict[str, str] = {}
    for sheet in book.worksheets:
        if sheet.title.strip().upper() == README_SHEET:
            continue
        table = sheet.title.strip().lower()
        if table not in TABLE_MODELS:
            sheets.raw[sheet.title] = []  # parse_portfolio warns about the unknown table
            continue
        if table in titles:
            sheets.problems.append(
                Problem(
                    table,
                    "-",
                    "-",
                    phrase("sheet_twice", first=titles[table], second=sheet.title, table=table),
                    phrase("fix_sheet_twice"),
                )
            )
            continue
        titles[table] = sheet.title
        rows, sheet_rows, problems = read_sheet(sheet, table, scans.get(sheet.title, SheetScan()))
        sheets.raw[table], sheets.sheet_rows[table] = rows, sheet_rows
        sheets.problems += problems
    for table in REQUIRED_TABLES:
        if table not in titles:
            sheets.missing.add(table)
            sheets.problems.append(
                Problem(
                    table,
                    "-",
                    "-",
                    phrase("sheet_missing", table=table),
                    phrase("fix_sheet_missing", table=table),
                )
            )


def read_sheet(sheet: Any, table: str, scan: SheetScan) -> tuple[list[dict[str, Any]], list[int], list[Problem]]:
    """One table's raw rows, the sheet row number of each, and the problems found.

    ``sheet`` is a read-only worksheet; ``scan`` says how far its data reaches and which
    cells are merged (a sheet with too many rows or columns is refused before this).
    """
    specs = {spec.name: spec for spec in column_specs(table)}
    lines = sheet.iter_rows(
        min_row=HEADER_ROW, max_row=max(scan.last_row, HEADER_ROW), max_col=max(scan.last_column, 1)
    )
    headers, blank, problems = _read_header(next(lines, ()), table)
    rows: list[dict[str, Any]] = []
    sheet_rows: list[int] = []
    row_problems: list[Problem] = []
    with_data: set[int] = set()
    for number, cells in enumerate(lines, start=FIRST_DATA_ROW):
        with_data.update(column for column, cell in enumerate(cells, start=1) if not is_blank(cell.value))
        row, found = _read_row(cells, number, headers, specs, table)
        row_problems += found
        if found or not all(is_blank(value) for value in row.values()):
            rows.append(row)
            sheet_rows.append(number)
    problems += blank_header_problems(sorted(with_data & blank), table)
    problems += merged_problems(scan.merged, headers, sheet.title, table)
    return rows, sheet_rows, problems + row_problems


def _read_header(cells: Iterable[Any], table: str) -> tuple[dict[int, str], set[int], list[Problem]]:
    """Column number -> name for every usable header, the columns with a blank header, and
    the problems (a formula or a duplicate as header)."""
    headers: dict[int, str] = {}
    blank: set[int] = set()
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for column, cell in enumerate(cells, start=1):
        letter = get_column_letter(column)
        if cell.data_type == "f":
            where = phrase("column_letter", letter=letter)
            problems.append(_formula_problem(table, f"{letter}{HEADER_ROW}", HEADER_ROW, where))
            continue
        name = "" if is_blank(cell.value) else str(cell.value).strip()
        if not name:
            blank.add(column)  # an error only where the column holds data
            continue
        if name in seen:
            problems.append(
                Problem(
                    table,
                    phrase("row_number", line=HEADER_ROW),
                    name,
                    phrase("column_twice", column=name, first=seen[name], second=letter),
                    phrase("fix_column_twice"),
                    line=HEADER_ROW,
                )
            )
            continue
        seen[name] = letter
        headers[column] = name
    return headers, blank, problems


def _read_row(
    cells: Iterable[Any], number: int, headers: Mapping[int, str], specs: Mapping[str, ColumnSpec], table: str
) -> tuple[dict[str, Any], list[Problem]]:
    row: dict[str, Any] = {}
    problems: list[Problem] = []
    for column, cell in enumerate(cells, start=1):
        if column not in headers:
            continue
        name = headers[column]
        coordinate = f"{get_column_letter(column)}{number}"
        if cell.data_type == "f":
            problems.append(_formula_problem(table, coordinate, number, name))
            row[name] = None
        elif cell.data_type == "e":
            problems.append(
                Problem(
                    table,
                    phrase("row_number", line=number),
                    name,
                    phrase("error_value", cell=coordinate, value=cell.value),
                    phrase("fix_error_value"),
                    line=number,
                )
            )
            row[name] = None
        else:
            row[name] = _plain_value(cell.value, specs.get(name))
    return row, problems


def _formula_problem(table: str, coordinate: str, number: int, name: str) -> Problem:
    return Problem(
        table,
        phrase("row_number", line=number),
        name,
        phrase("formula", cell=coordinate),
        phrase("fix_formula"),
        line=number,
    )


def _plain_value(value: Any, spec: ColumnSpec | None) -> Any:
    """A cell's value for the loader: midnight datetimes in date columns become dates."""
    if spec is not None and spec.kind == "date" and isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _sheet_rows_by_id(sheets: _Sheets) -> dict[tuple[str, str], int]:
    """(table, id) -> sheet row, so cross-table problems can point at a row."""
    found: dict[tuple[str, str], int] = {}
    for table, rows in sheets.raw.items():
        for row, number in zip(rows, sheets.sheet_rows.get(table, []), strict=False):
            given = row.get("id")
            if not is_blank(given):
                row_id = str(given).strip()
            elif table in DERIVED_IDS:
                row_id = DERIVED_IDS[table](row)
            else:
                continue
            found.setdefault((table, row_id), number)
    return found


def _to_sheet_row(problem: Problem, sheet_rows: Mapping[str, list[int]], ids: Mapping[tuple[str, str], int]) -> Problem:
    """``problem`` with ``line`` (and a ``row N`` label) as the spreadsheet row number."""
    numbers = sheet_rows.get(problem.table, [])
    if problem.line is not None and 1 <= problem.line <= len(numbers):
        line = numbers[problem.line - 1]
        row = phrase("row_number", line=line) if problem.row == phrase("row_number", line=problem.line) else problem.row
    elif problem.line is None and (problem.table, problem.row) in ids:
        line, row = ids[(problem.table, problem.row)], problem.row
    else:
        return problem
    return Problem(problem.table, row, problem.field, problem.message, problem.fix, problem.severity, line)
