"""Read a plan someone edited by hand, for the plan checker: which initiative starts when.

A plan file has a row per initiative with the columns ``id`` and ``start`` (a period label
such as 2027 or 2027H2; empty = not in the plan) and, optionally, ``selected``. It may be
- the plan as Veikart exports it (the ``roadmap`` sheet of the .xlsx, ``roadmap.csv`` of the
  CSV files, or the ``roadmap`` list of the JSON), edited in a spreadsheet;
- a CSV as Excel and people write it;
- the JSON that ``planning optimize --json`` prints (its ``initiatives`` list).

Whether the plan keeps the rules is the checker's question (:mod:`planning.optimise.checker`);
this module only reads the file, and names every row and field it cannot read.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree

from planning.domain.columns import is_blank
from planning.domain.problems import InvalidPortfolio, Problem
from planning.domain.timeline import Timeline
from planning.io import limits
from planning.io.files import missing_columns, read_csv_bytes
from planning.messages.message import said
from planning.messages.phrases import phrase

COLUMNS = ("id", "start")
SHEET = "roadmap"
"""The sheet, or JSON list, of Veikart's plan export that holds the starts."""
SUFFIXES = ("csv", "json", "xlsx")
NOT_SELECTED = {"false", "no", "nei", "0", "usann"}

Row = tuple[int, Mapping[str, Any]]
"""A row's number (the sheet row in a workbook, else 1 for the first) and its cells by column."""


def read_plan_file(data: bytes, file: str, timeline: Timeline) -> dict[str, int]:
    """Start period of each initiative in the plan file ``file``, read by its suffix
    (:data:`SUFFIXES`; any other is read as CSV).

    Raises
    ------
    InvalidPortfolio
        With one problem per row and field that cannot be read (table = ``file``), each with
        how to fix it.
    """
    suffix = file.rsplit(".", 1)[-1].lower() if "." in file else ""
    reader = {"json": _json_rows, "xlsx": _workbook_rows}.get(suffix, _csv_rows)
    try:
        limits.check_size(len(data), file)
        rows = reader(data, file)
    except limits.FileRefused as exc:
        raise _refused(file, said(exc), exc.fix) from exc
    if len(rows) > limits.MAX_ROWS:  # counted before reading; rows without data may still pass
        message = phrase("plan_too_many_rows", file=file, rows=len(rows), limit=limits.MAX_ROWS)
        raise _refused(file, message, phrase("fix_too_many_rows"))
    return _starts(rows, file, timeline)


def _csv_rows(data: bytes, file: str) -> list[Row]:
    try:
        found, rows, _ = read_csv_bytes(data, file)
    except limits.FileRefused:
        raise
    except ValueError as exc:
        raise _refused(file, said(exc), phrase("fix_plan_file")) from exc
    _need_columns(found, file)
    return list(enumerate(rows, start=1))


def _workbook_rows(data: bytes, file: str) -> list[Row]:
    """The rows of the ``roadmap`` sheet (else the first), once the archive's size and the
    sheet's rows and columns are within limits (:mod:`planning.io.limits`)."""
    from openpyxl import load_workbook  # loaded where a plan comes as a workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from planning.io.sheet_scan import SheetScan, scan_workbook, sheet_too_large

    try:
        with limits.open_zip(data, file) as archive:
            scans = scan_workbook(archive)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except limits.FileRefused:
        raise
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError) as exc:
        raise _refused(file, phrase("plan_workbook_unreadable", file=file), phrase("fix_plan_file")) from exc
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        scan = scans.get(sheet.title, SheetScan())
        if scan.too_long or scan.too_wide:
            too_large = sheet_too_large(sheet.title, scan)
            raise _refused(file, too_large.message, too_large.fix)
        lines = sheet.iter_rows(max_row=max(scan.last_row, 1), max_col=max(scan.last_column, 1), values_only=True)
        cells = [list(row) for row in lines]
    except (zipfile.BadZipFile, OSError) as exc:  # a sheet damaged past what the scan read
        raise _refused(file, phrase("plan_workbook_unreadable", file=file), phrase("fix_plan_file")) from exc
    finally:
        book.close()
    header = [str(name).strip() if name is not None else "" for name in (cells[0] if cells else [])]
    _need_columns([name for name in header if name], file)
    return [(number, dict(zip(header, row, strict=False))) for number, row in enumerate(cells[1:], start=2)]


def _json_rows(data: bytes, file: str) -> list[Row]:
    limits.check_text(data, file)
    limits.check_json_limits(data, file)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except RecursionError as exc:
        raise limits.too_deep(file) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refused(file, phrase("plan_json_unreadable", file=file, reason=exc), phrase("fix_plan_json")) from exc
    entries = _json_entries(document)
    if entries is None:
        raise _refused(file, phrase("plan_json_shape", file=file), phrase("fix_plan_json"))
    return list(enumerate(entries, start=1))


def _json_entries(document: Any) -> list[Mapping[str, Any]] | None:
    """The ``initiatives`` of optimize's JSON, or the ``roadmap`` of a plan export."""
    if not isinstance(document, dict):
        return None
    entries = document.get("initiatives", document.get(SHEET))
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        return None
    return entries


def _need_columns(found: list[str], file: str) -> None:
    message = missing_columns(found, COLUMNS, file)
    if message is not None:
        raise _refused(file, message, phrase("fix_plan_file"))


def _starts(rows: list[Row], file: str, timeline: Timeline) -> dict[str, int]:
    starts: dict[str, int] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for line, row in rows:
        if all(is_blank(cell) for cell in row.values()):
            continue
        found, problem = _start(row, timeline)
        label = _text(row.get("id"))
        if not label:
            problems.append(_problem(file, line, "id", phrase("plan_id_missing"), phrase("fix_plan_id")))
        elif label in lines:
            message = phrase("duplicate_id", line=lines[label])
            problems.append(_problem(file, line, "id", message, phrase("fix_plan_duplicate")))
        else:
            lines[label] = line
            if problem is not None:
                problems.append(_problem(file, line, *problem))
            elif found is not None:
                starts[label] = found
    if problems:
        raise InvalidPortfolio(problems)
    return starts


def _start(row: Mapping[str, Any], timeline: Timeline) -> tuple[int | None, tuple[str, str, str] | None]:
    """The row's start period (``None``: not in the plan), or the field, message and fix of
    why it cannot be read."""
    start = _text(row.get("start"))
    if not start:
        return None, None
    if _text(row.get("selected")).lower() in NOT_SELECTED:
        return None, ("selected", phrase("plan_not_selected", start=start), phrase("fix_plan_not_selected"))
    try:
        return timeline.index(start), None
    except ValueError as exc:
        first, last = timeline.label(0), timeline.label(timeline.periods - 1)
        return None, ("start", said(exc), phrase("fix_plan_start", first=first, last=last))


def _text(value: Any) -> str:
    """A cell as text: blank as "", a whole number typed into a spreadsheet (2027.0) as 2027."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _problem(file: str, line: int, field: str, message: str, fix: str) -> Problem:
    return Problem(file, phrase("row_number", line=line), field, message, fix, line=line)


def _refused(file: str, message: str, fix: str) -> InvalidPortfolio:
    return InvalidPortfolio([Problem(file, "-", "-", message, fix)])
