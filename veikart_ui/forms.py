"""Tables as the editors show them, and back: typed columns, list and pair cells as text.

A list of text (regions) stays a list for a multiselect cell; lists of numbers and
KEY=value pairs become text such as ``10;20`` or ``HSO=0.5;HV=0.5``, exactly as in the
CSV files, and the domain reads them back (:func:`planning.domain.columns.decode_cell`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from planning.domain.columns import column_specs, encode_cell
from planning.domain.portfolio import Portfolio

DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def flat_frame(portfolio: Portfolio, table: str) -> pd.DataFrame:
    """``table`` with an ``id`` column and one column per field, ready for ``st.data_editor``."""
    specs = column_specs(table)
    rows = []
    for record in portfolio.records(table):
        row: dict[str, Any] = {}
        for spec in specs:
            value = record[spec.name]
            if spec.kind == "list_text":
                row[spec.name] = list(value or [])
            elif spec.kind.startswith(("list", "map")):
                row[spec.name] = encode_cell(spec, value)
            else:
                row[spec.name] = value
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[spec.name for spec in specs])
    types = {spec.name: DTYPES[spec.kind] for spec in specs if spec.kind in DTYPES}
    text = [spec.name for spec in specs if spec.kind in ("text", "list_number", "map_text", "map_number")]
    frame = frame.astype(types)
    frame[text] = frame[text].astype(object)
    return frame


def raw_rows(rows: Iterable[Mapping[str, Any]], table: str) -> list[dict[str, Any]]:
    """Edited rows as raw rows for :func:`planning.domain.editing.replace_rows`: only the table's columns."""
    names = {spec.name for spec in column_specs(table)}
    return [{k: v for k, v in row.items() if k in names} for row in rows]
