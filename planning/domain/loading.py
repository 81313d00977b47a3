"""Raw rows (from files, spreadsheets or forms) into a validated :class:`Portfolio`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from planning.domain.cell_errors import error_message
from planning.domain.columns import ColumnSpec, as_utc, column_specs, decode_cell, is_blank, plain_text
from planning.domain.models import TABLE_MODELS, Record
from planning.domain.numbers import NUMBER_ERRORS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, Problem, errors
from planning.domain.validation import validate
from planning.messages.message import said
from planning.messages.phrases import phrase, unit_phrase

RawRow = Mapping[str, Any]


def _derived(separator: str, *names: str) -> Callable[[Mapping[str, Any]], str]:
    """An id made of the row's ``names`` joined by ``separator``; empty while any is blank."""

    def derive(row: Mapping[str, Any]) -> str:
        parts = [row.get(name) for name in names]
        if any(is_blank(part) for part in parts):
            return ""
        return separator.join(plain_text(part).strip() for part in parts)

    return derive


DERIVED_IDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "envelope": _derived("/", "funding_pool_id", "year", "ambition_level_id"),
    "capacity_limit": _derived("/", "capacity_pool_id", "period"),
    "dependency": _derived("->", "predecessor_id", "successor_id"),
    "measurement": _derived("/", "benefit_id", "year"),
}
"""Tables whose id may be left empty, and how it is derived from the row."""


@dataclass
class LoadResult:
    """A parsed portfolio (``None`` when any row failed) and every problem found."""

    portfolio: Portfolio | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.portfolio is not None and not errors(self.problems)


def parse_portfolio(raw: Mapping[str, Iterable[RawRow]]) -> LoadResult:
    """Validate raw rows per table name, then the portfolio as a whole.

    Unknown tables and columns are reported as warnings, never silently dropped.
    """
    problems: list[Problem] = []
    models: dict[str, list[Record]] = {}
    for table in raw:
        if table not in TABLE_MODELS:
            known = ", ".join(TABLE_MODELS)
            problems.append(
                Problem(
                    table,
                    "-",
                    "-",
                    phrase("unknown_table", table=table),
                    phrase("fix_unknown_table", tables=known),
                    severity="warning",
                )
            )
    for table in TABLE_MODELS:
        rows, table_problems = parse_table(table, raw.get(table, ()))
        models[table] = rows
        problems += table_problems
    portfolio = Portfolio.from_models(models)
    problems += cross_table_problems(portfolio, problems)
    return LoadResult(None if errors(problems) else portfolio, problems)


def build_portfolio(raw: Mapping[str, Iterable[RawRow]]) -> Portfolio:
    """A validated portfolio from raw rows per table.

    Raises
    ------
    InvalidPortfolio
        Listing every problem, when any row or cross-table rule fails.
    """
    result = parse_portfolio(raw)
    if result.portfolio is None:
        raise InvalidPortfolio(result.problems)
    return result.portfolio


def parse_table(table: str, rows: Iterable[RawRow]) -> tuple[list[Record], list[Problem]]:
    """Each raw row of one table through the model's validation."""
    specs = {spec.name: spec for spec in column_specs(table)}
    model = TABLE_MODELS[table]
    parsed: list[Record] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    unknown_columns: set[str] = set()
    for line, raw_row in enumerate(rows, start=1):
        if all(is_blank(cell) for cell in raw_row.values()):
            continue  # an empty row
        values, row_problems = _decode_row(table, specs, raw_row, line)
        row_id = _row_id(table, values)
        if row_id:
            values["id"] = row_id
        label = row_id or phrase("row_number", line=line)
        for p in row_problems:
            if p.severity == "warning":  # an unknown column: once per table, not once per row
                if p.field in unknown_columns:
                    continue
                unknown_columns.add(p.field)
            problems.append(Problem(p.table, label, p.field, p.message, p.fix, p.severity, line))
        if row_id in seen:
            problems.append(
                Problem(
                    table,
                    label,
                    "id",
                    phrase("duplicate_id", line=seen[row_id]),
                    phrase("fix_duplicate_id"),
                    line=line,
                )
            )
            continue
        if row_id:
            seen[row_id] = line
        try:
            parsed.append(_in_utc(model.model_validate(values), specs))
        except ValidationError as exc:
            problems += [
                _problem(table, label, line, specs, error)
                for error in exc.errors()
                if not _is_underivable_id(table, error)
            ]
    return parsed, problems


def _is_underivable_id(table: str, error: ErrorDetails) -> bool:
    """A missing derived id: the missing columns it is made of are reported instead."""
    return table in DERIVED_IDS and error["type"] == "missing" and tuple(error["loc"]) == ("id",)


def _in_utc(record: Record, specs: Mapping[str, ColumnSpec]) -> Record:
    """``record`` with every date and time in UTC; the store keeps times with their zone."""
    for name, spec in specs.items():
        if spec.kind == "datetime" and getattr(record, name) is not None:
            setattr(record, name, as_utc(getattr(record, name)))
    return record


def check_rows(portfolio: Portfolio) -> list[Problem]:
    """Each row of ``portfolio`` through its model's validation (types, ranges, allowed values).

    For a portfolio built or edited as DataFrames rather than parsed from raw rows.
    """
    return _valid_rows(portfolio)[1]


def _valid_rows(portfolio: Portfolio) -> tuple[dict[str, list[Record]], list[Problem]]:
    """The rows of ``portfolio`` that pass their model, per table, and the problems of the others."""
    valid: dict[str, list[Record]] = {}
    problems: list[Problem] = []
    for table, model in TABLE_MODELS.items():
        specs = {spec.name: spec for spec in column_specs(table)}
        valid[table] = []
        for record in portfolio.records(table):
            try:
                valid[table].append(model.model_validate(record))
            except ValidationError as exc:
                problems += [_problem(table, str(record["id"]), None, specs, error) for error in exc.errors()]
    return valid, problems


def validate_portfolio(portfolio: Portfolio) -> list[Problem]:
    """Every problem in ``portfolio``: each row through its model, then the cross-table rules."""
    valid, problems = _valid_rows(portfolio)
    if not errors(problems):
        return problems + validate(portfolio)
    return problems + cross_table_problems(Portfolio.from_models(valid), problems)


def cross_table_problems(portfolio: Portfolio, row_problems: list[Problem]) -> list[Problem]:
    """The cross-table rules on ``portfolio``, the rows that passed their model, so that one
    round reports both kinds of problem.

    Where rows were rejected, problems that only follow from their absence are left out: a
    reference to a rejected row's id (it is unknown only because its row was rejected) and
    anything more on a rejected row. With the horizon rejected, the periods every other rule
    counts in are unknown, so the rows' problems stand alone.
    """
    rejected = [p for p in row_problems if p.severity == "error"]
    if not rejected:
        return validate(portfolio)
    if any(p.table == "horizon" for p in rejected):
        return []
    rejected_rows = {(p.table, p.row) for p in rejected}
    quoted = {
        f"'{p.row}'"
        for p in rejected
        if p.row and (p.table not in TABLE_MODELS or p.row not in portfolio.table(p.table).index)
    }
    return [
        p
        for p in validate(portfolio)
        if (p.table, p.row) not in rejected_rows and not any(q in p.message for q in quoted)
    ]


def _decode_row(
    table: str, specs: Mapping[str, ColumnSpec], raw_row: RawRow, line: int
) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, cell in raw_row.items():
        name = str(key).strip()
        if name not in specs:
            if not is_blank(cell):
                problems.append(
                    Problem(
                        table,
                        "",
                        name,
                        phrase("unknown_column", column=name),
                        phrase("fix_unknown_column"),
                        severity="warning",
                    )
                )
            continue
        try:
            decoded = decode_cell(specs[name], cell)
        except ValueError as exc:
            problems.append(Problem(table, "", name, said(exc)))
            continue
        if decoded is not None:
            values[name] = decoded
    return values, problems


def _row_id(table: str, values: Mapping[str, Any]) -> str:
    given = values.get("id")
    if given is not None and str(given).strip():
        return str(given).strip()
    derive = DERIVED_IDS.get(table)
    return derive(values) if derive else ""


def _problem(table: str, row: str, line: int | None, specs: Mapping[str, ColumnSpec], error: ErrorDetails) -> Problem:
    name = str(error["loc"][0]) if error["loc"] else "-"
    spec = specs.get(name)
    message = error_message(error, allowed_in_fix=spec is not None and bool(spec.allowed))  # the list goes in the fix
    return Problem(table, row, name, message, _fix(error, spec), line=line)


_EXPECTED = {
    "boolean": "true_or_false",
    "integer": "whole_number",
    "number": "number",
    "date": "date",
    "datetime": "date_time",
}
"""What to enter, as the key of its phrase, for a cell of the wrong type."""


def _fix(error: ErrorDetails, spec: ColumnSpec | None) -> str:
    if spec is None:
        return ""
    kind = error["type"]
    if spec.allowed and kind == "value_error":
        return phrase("fix_use_one_of", choices=", ".join(spec.allowed))
    if kind == "missing":
        return phrase("fix_fill_in", column=spec.name, description=spec.description)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than", *NUMBER_ERRORS):
        return spec.range_fix()
    if kind.endswith("_parsing") or kind.endswith("_type"):
        expected = phrase(_EXPECTED[spec.kind]) if spec.kind in _EXPECTED else spec.type_label
        return (
            phrase("fix_enter_unit", expected=expected, unit=unit_phrase(spec.unit))
            if spec.unit
            else phrase("fix_enter", expected=expected)
        )
    if kind in ("string_too_long", "string_too_short"):
        return phrase("fix_text_length")
    return ""
