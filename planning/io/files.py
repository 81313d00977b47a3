"""CSV folders (one ``TABLE.csv`` per table) and JSON files (``{table: [rows]}``)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from planning.domain.columns import column_specs, encode_cell
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.io import limits
from planning.messages.phrases import phrase

RawTables = dict[str, list[dict[str, Any]]]


ENCODINGS = ("utf-8-sig", "cp1252")
"""UTF-8 (with or without Excel's byte order mark), then Windows-1252, which Excel's plain CSV writes."""
DELIMITERS = (",", ";", "\t")
"""What may stand between cells: Excel in Norway writes semicolons, since the comma is the decimal sign."""
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


class CsvText(NamedTuple):
    """What a CSV file holds: its column names (first row, trimmed), its rows, and the delimiter found."""

    columns: list[str]
    rows: list[dict[str, str]]
    delimiter: str


def read_csv_bytes(data: bytes, file: str) -> CsvText:
    """The column names, rows and delimiter of CSV ``data``, as Excel and people write it.

    The text may be in any of :data:`ENCODINGS`; cells may be separated by any of
    :data:`DELIMITERS`, whichever the first row holds most of. Cells beyond the first row's
    names are dropped; missing ones read as empty text. The text is decoded as it is read,
    and the rows are counted before any is kept (:mod:`planning.io.limits`).

    Raises
    ------
    ValueError
        Naming ``file``, when it is empty, not text, not CSV, or beyond a limit.
    """
    limits.check_size(len(data), file)
    limits.check_text(data, file)
    encoding = _encoding(data, file)
    delimiter = max(DELIMITERS, key=_text(data, encoding).readline().count)
    try:
        _check_row_count(data, encoding, delimiter, file)
        reader = csv.DictReader(_text(data, encoding), delimiter=delimiter)
        if len(reader.fieldnames or []) > limits.MAX_COLUMNS:
            message = phrase("csv_too_many_columns", file=file, limit=limits.MAX_COLUMNS)
            raise limits.FileRefused(message, phrase("fix_save_csv_utf8"))
        rows = [{str(k).strip(): v or "" for k, v in row.items() if k is not None} for row in reader]
    except csv.Error as exc:
        raise ValueError(phrase("csv_unreadable", file=file, reason=exc)) from exc
    return CsvText([name.strip() for name in reader.fieldnames or []], rows, delimiter)


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    """``data`` as text decoded while it is read, lines as the csv module wants them."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")


def _check_row_count(data: bytes, encoding: str, delimiter: str, file: str) -> None:
    """Refuse more than :data:`~planning.io.limits.MAX_ROWS` rows under the first, counted
    without keeping them (and only when there are more lines than that)."""
    if data.count(b"\n") <= limits.MAX_ROWS + 1:
        return
    rows = 0
    for row in csv.reader(_text(data, encoding), delimiter=delimiter):
        rows += 1 if row else 0
        if rows > limits.MAX_ROWS + 1:
            message = phrase("csv_too_many_rows", file=file, limit=limits.MAX_ROWS)
            raise limits.FileRefused(message, phrase("fix_too_many_rows"))


def missing_columns(found: list[str], needed: tuple[str, ...], file: str) -> str | None:
    """What ``file`` lacks of the ``needed`` columns, beside the columns it has; ``None`` when
    it has them all."""
    missing = [name for name in needed if name not in found]
    if not missing:
        return None
    named = ", ".join(found) or phrase("no_columns")
    return phrase("csv_columns_missing", file=file, columns=", ".join(missing), found=named)


def _encoding(data: bytes, file: str) -> str:
    """The first of :data:`ENCODINGS` that decodes all of ``data``, checked a megabyte at a time."""
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), limits.MB):
                decoder.decode(data[start : start + limits.MB])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ValueError(phrase("csv_not_text", file=file))


def read_csv_folder(folder: Path) -> RawTables:
    """Every ``*.csv`` in ``folder`` as raw rows of text (:func:`read_table_csv`), keyed by file stem.

    Raises
    ------
    ValueError
        When a file is not readable CSV, or the files hold more than
        :data:`~planning.io.limits.MAX_FILE_BYTES` together.
    """
    paths = sorted(folder.glob("*.csv"))
    limits.check_size(sum(path.stat().st_size for path in paths), folder.name)
    return {path.stem: read_table_csv(limits.read_limited(path), path.name, path.stem).rows for path in paths}


def read_table_csv(data: bytes, file: str, table: str) -> CsvText:
    """:func:`read_csv_bytes` for a file of ``table``'s rows: a decimal comma in one of the
    table's number columns reads as a point (:func:`decimal_point`), as Norwegian Excel writes it.

    Raises
    ------
    ValueError
        Naming ``file``, when it is not text or not CSV.
    """
    found = read_csv_bytes(data, file)
    numbers = {spec.name for spec in column_specs(table) if spec.kind == "number"} if table in TABLE_MODELS else set()
    if not numbers:
        return found
    rows = [
        {name: decimal_point(cell, found.delimiter) if name in numbers else cell for name, cell in row.items()}
        for row in found.rows
    ]
    return found._replace(rows=rows)


def decimal_point(value: str, delimiter: str) -> str:
    """``value`` with a decimal comma written as a point (``1 234,5`` -> ``1234.5``), where that is
    what it means: between semicolons or tabs always, between commas unless it may be a thousands
    separator (``"1,234"`` stays as it is, and is refused as no number)."""
    number = "".join(value.split())
    if DECIMAL_COMMA.fullmatch(number) and (delimiter != "," or len(number.rsplit(",", 1)[1]) != 3):
        return number.replace(",", ".")
    return value


def read_json(path: Path) -> RawTables:
    """A JSON object of table name -> list of row objects.

    The file's size, nesting, list lengths and number of values are checked before it is
    parsed (:mod:`planning.io.limits`).

    Raises
    ------
    ValueError
        When the file is empty, not JSON of that shape, or beyond a limit.
    """
    data = limits.read_limited(path)
    limits.check_text(data, path.name)
    limits.check_json_limits(data, path.name)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except RecursionError as exc:  # the scan bounds nesting; should the parser's stack still run out
        raise limits.too_deep(path.name) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(phrase("json_invalid", reason=exc)) from exc
    if not isinstance(document, dict) or not all(isinstance(rows, list) for rows in document.values()):
        raise ValueError(phrase("json_shape"))
    if not all(isinstance(row, dict) for rows in document.values() for row in rows):
        raise ValueError(phrase("json_rows"))
    return document


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
