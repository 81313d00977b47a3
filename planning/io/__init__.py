"""Reading and writing portfolios as files: CSV folders, JSON and Excel workbooks (.xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planning.domain.loading import LoadResult, parse_portfolio
from planning.domain.problems import Problem
from planning.io.files import read_csv_folder, read_json, write_csv_folder, write_json
from planning.io.limits import FileRefused
from planning.messages.phrases import phrase

if TYPE_CHECKING:
    from planning.io.workbook import load_workbook_portfolio, read_workbook, write_portfolio, write_template

WORKBOOK_FUNCTIONS = ("load_workbook_portfolio", "read_workbook", "write_portfolio", "write_template")
"""Loaded with openpyxl when first used (:func:`__getattr__`): a command that reads no workbook
starts without it."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_path(path: str | Path) -> LoadResult:
    """Parse and validate a portfolio from a CSV folder, a JSON file or an .xlsx workbook."""
    source = Path(path)
    if not source.exists():
        return LoadResult(None, [Problem("-", "-", "-", phrase("path_missing", path=source), phrase("fix_path"))])
    if source.is_file() and source.suffix.lower() in WORKBOOK_SUFFIXES:
        from planning.io.workbook import load_workbook_portfolio

        return load_workbook_portfolio(source)
    try:
        raw = read_csv_folder(source) if source.is_dir() else read_json(source)
    except ValueError as exc:
        message = phrase("file_problem", path=source, reason=exc)
        fix = exc.fix if isinstance(exc, FileRefused) else phrase("fix_file_format")
        return LoadResult(None, [Problem("-", "-", "-", message, fix)])
    return parse_portfolio(raw)


def __getattr__(name: str) -> Any:
    """The workbook functions, imported from :mod:`planning.io.workbook` when first asked for."""
    if name in WORKBOOK_FUNCTIONS:
        from planning.io import workbook

        return getattr(workbook, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "load_path",
    "load_workbook_portfolio",
    "read_csv_folder",
    "read_json",
    "read_workbook",
    "write_csv_folder",
    "write_json",
    "write_portfolio",
    "write_template",
]
