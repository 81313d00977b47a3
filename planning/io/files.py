"""CSV folders (one ``TABLE.csv`` per table) and JSON files (``{table: [rows]}``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from planning.columns import column_specs, encode_cell
from planning.models import TABLE_MODELS
from planning.phrases import phrase
from planning.portfolio import Portfolio

RawTables = dict[str, list[dict[str, Any]]]


def read_csv_folder(folder: Path) -> RawTables:
    """Every ``*.csv`` in ``folder`` as raw rows of text, keyed by file stem.

    Raises
    ------
    ValueError
        When a file is not readable UTF-8 CSV.
    """
    tables: RawTables = {}
    for path in sorted(folder.glob("*.csv")):
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                tables[path.stem] = [dict(row) for row in csv.DictReader(handle)]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ValueError(phrase("csv_unreadable", file=path.name, reason=exc)) from exc
    return tables


def read_json(path: Path) -> RawTables:
    """A JSON object of table name -> list of row objects.

    Raises
    ------
    ValueError
        When the file is not JSON of that shape.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(phrase("json_invalid", reason=exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(rows, list) for rows in data.values()):
        raise ValueError(phrase("json_shape"))
    if not all(isinstance(row, dict) for rows in data.values() for row in rows):
        raise ValueError(phrase("json_rows"))
    return data


def flat_rows(portfolio: Portfolio, table: str) -> list[dict[str, Any]]:
    """A table's rows with list and mapping cells encoded as text, for flat files."""
    specs = column_specs(table)
    return [{spec.name: encode_cell(spec, record[spec.name]) for spec in specs} for record in portfolio.records(table)]


def write_csv_folder(portfolio: Portfolio, folder: Path) -> None:
    """Write every table as ``folder/TABLE.csv``, headers from the declarations."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLE_MODELS:
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[spec.name for spec in column_specs(table)])
            writer.writeheader()
            writer.writerows(flat_rows(portfolio, table))


def write_json(portfolio: Portfolio, path: Path) -> None:
    """Write the portfolio as one JSON object of table -> rows."""
    data = {table: portfolio.records(table) for table in TABLE_MODELS}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
