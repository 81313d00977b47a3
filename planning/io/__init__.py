"""Reading and writing portfolios as files: CSV folders, JSON and (later) workbooks."""

from __future__ import annotations

from pathlib import Path

from planning.io.files import read_csv_folder, read_json, write_csv_folder, write_json
from planning.loading import LoadResult, parse_portfolio
from planning.problems import Problem


def load_path(path: str | Path) -> LoadResult:
    """Parse and validate a portfolio from a CSV folder or a JSON file."""
    source = Path(path)
    if not source.exists():
        return LoadResult(None, [Problem("-", "-", "-", f"{source} does not exist", "check the path")])
    try:
        raw = read_csv_folder(source) if source.is_dir() else read_json(source)
    except ValueError as exc:
        return LoadResult(None, [Problem("-", "-", "-", f"{source}: {exc}", "fix the file's format")])
    return parse_portfolio(raw)


__all__ = ["load_path", "read_csv_folder", "read_json", "write_csv_folder", "write_json"]
