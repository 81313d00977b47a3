"""Edits to one table of a stored portfolio, validated as a whole before anything is saved.

A form or an editable table hands over the rows it shows; :func:`merge_rows` puts them
back among the rows it did not show, and :func:`replace_rows` validates the portfolio
with the new table exactly as an import would (rows through their models, then every
cross-table rule). Nothing here writes: the caller saves a valid result with
:func:`planning.store.database.save_portfolio`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from planning.domain.loading import LoadResult, RawRow, parse_portfolio
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import Problem


def merge_rows(
    rows: Sequence[Mapping[str, Any]], shown: Iterable[str], edited: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """All rows of a table after editing the ``shown`` ones.

    Parameters
    ----------
    rows
        Every row of the table before the edit, each with an ``id``.
    shown
        Ids of the rows the user saw (for example after filtering).
    edited
        The shown rows as they came back: changed, some removed, new ones added.

    Returns
    -------
    list of dict
        Rows not shown, unchanged and in place; each shown row replaced by its edited
        version or dropped when it was removed; new rows (ids not seen before, or no
        id) at the end.
    """
    shown_ids = {str(i) for i in shown}
    by_id = {str(row.get("id")): dict(row) for row in edited if not _blank_id(row)}
    merged: list[dict[str, Any]] = []
    for row in rows:
        row_id = str(row.get("id"))
        if row_id not in shown_ids:
            merged.append(dict(row))
        elif row_id in by_id:
            merged.append(by_id.pop(row_id))
    kept = {str(row.get("id")) for row in merged}
    merged += [dict(row) for row in edited if _blank_id(row) or str(row.get("id")) not in kept]
    return merged


def _blank_id(row: Mapping[str, Any]) -> bool:
    value = row.get("id")
    return value is None or (isinstance(value, str) and not value.strip()) or value != value


def replace_rows(portfolio: Portfolio, table: str, rows: Iterable[RawRow]) -> LoadResult:
    """Validate ``portfolio`` with ``table``'s rows replaced by ``rows``.

    Cells may be text as in a CSV file (``HSO;HV``, ``A=0.5;B=0.5``) or Python values.

    Returns
    -------
    LoadResult
        The new portfolio, or ``None`` with every problem, each naming table, row and field.

    Raises
    ------
    KeyError
        For an unknown table.
    """
    if table not in TABLE_MODELS:
        raise KeyError(f"unknown table '{table}'; use one of {', '.join(TABLE_MODELS)}")
    raw: dict[str, list[RawRow]] = {name: list(portfolio.records(name)) for name in TABLE_MODELS if name != table}
    raw[table] = list(rows)
    return parse_portfolio(raw)


def upsert_row(portfolio: Portfolio, table: str, row: Mapping[str, Any]) -> LoadResult:
    """Validate ``portfolio`` with one row added to ``table``, or replacing the row with its id."""
    rows = [r for r in portfolio.records(table) if r["id"] != row.get("id")]
    return replace_rows(portfolio, table, [*rows, dict(row)])


def problems_by_row(problems: Iterable[Problem], table: str) -> dict[str, list[Problem]]:
    """The problems of ``table`` grouped by row id, for showing next to each row."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.table == table:
            grouped.setdefault(problem.row, []).append(problem)
    return grouped
