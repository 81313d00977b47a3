"""A plan as files: roadmap, spend per region and year, benefits curve and solver facts.

:func:`plan_tables` turns a :class:`~planning.optimise.plan.Plan` into four tidy tables;
:func:`write_plan` writes them as an .xlsx workbook (one sheet per table), a .json file
or a CSV folder (one TABLE.csv per table), chosen by the path like the portfolio export.
Text that a spreadsheet would run as a formula is written as text in the workbook and the CSV files.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planning.domain.portfolio import Portfolio
from planning.io.formulas import defused, is_formula_like
from planning.messages.message import Message
from planning.optimise.plan import Plan

TABLES = ("roadmap", "spend", "benefits", "facts")
"""The tables of a plan export, in sheet order."""

STATUS_TEXT = {
    "optimal": "optimal (proven within the gap tolerance)",
    "time_limit": "not proven optimal (stopped at the time limit with a plan; the gap is open)",
    "work_limit": "not proven optimal (stopped at the node limit with a plan; the gap is open)",
    "infeasible": "infeasible (no plan meets every rule)",
    "error": "error (the solver failed)",
}


def plan_tables(plan: Plan, portfolio: Portfolio, words: Callable[[str], str] = str) -> dict[str, pd.DataFrame]:
    """The plan as four tables: ``roadmap``, ``spend``, ``benefits`` and ``facts``.

    roadmap: one row per initiative (id, name, area, lead_region, selected, start, finish,
    reason, and the reason as data: ``reason_message``, its code and values as JSON text,
    empty for a reason that is no message); spend: per funding pool (region) and year the amount, the envelope and the
    share used (amount / envelope, empty without an envelope); benefits: year and
    benefit_mnok; facts: one row per solver fact (fact, value), the status spelled out.
    Texts for people are as ``words`` write them (the English sentence unless the caller
    renders them in the reader's language).
    """
    return {
        "roadmap": _roadmap(plan, portfolio, words),
        "spend": _spend(plan),
        "benefits": _benefits(plan),
        "facts": _facts(plan, words),
    }


def _text(value: Any) -> Any:
    return None if value is None or bool(pd.isna(value)) else value


def _roadmap(plan: Plan, portfolio: Portfolio, words: Callable[[str], str]) -> pd.DataFrame:
    info = portfolio.initiatives
    rows = []
    for iid, row in plan.initiatives.iterrows():
        key = str(iid)
        known = key in info.index
        rows.append(
            {
                "id": key,
                "name": str(info.at[key, "name"]) if known else "",
                "area": _text(info.at[key, "area"]) if known else None,
                "lead_region": _text(info.at[key, "lead_region"]) if known else None,
                "selected": bool(row["selected_opt"]),
                "start": _text(row.get("start_label")),
                "finish": _text(row.get("finish_label")),
                "reason": words(_text(row.get("reason")) or ""),
                "reason_message": _message_json(row.get("reason")),
            }
        )
    columns = ["id", "name", "area", "lead_region", "selected", "start", "finish", "reason", "reason_message"]
    return pd.DataFrame(rows, columns=columns)


def _spend(plan: Plan) -> pd.DataFrame:
    columns = ["pool", "year", "amount", "envelope", "share_used"]
    spend = plan.spend
    if spend.empty:
        return pd.DataFrame(columns=columns)
    table = spend.groupby(["pool", "year"], as_index=False, sort=True)[["amount", "envelope"]].sum()
    table["year"] = table["year"].astype(int)
    table["amount"] = table["amount"].astype(float).round(6)
    table["envelope"] = table["envelope"].astype(float).round(6)
    table["share_used"] = [
        round(a / e, 6) if e > 0 else None for a, e in zip(table["amount"], table["envelope"], strict=True)
    ]
    return table[columns].reset_index(drop=True)


def _benefits(plan: Plan) -> pd.DataFrame:
    columns = ["year", "benefit_mnok"]
    if plan.benefits.empty:
        return pd.DataFrame(columns=columns)
    table = plan.benefits.groupby("year", as_index=False, sort=True)["benefit"].sum()
    return pd.DataFrame(
        {"year": table["year"].astype(int), "benefit_mnok": table["benefit"].astype(float).round(6)},
        columns=columns,
    )


def _facts(plan: Plan, words: Callable[[str], str]) -> pd.DataFrame:
    facts = asdict(plan.facts)
    status = str(facts["status"])
    rows: list[tuple[str, Any]] = [
        ("scenario", plan.scenario),
        ("status", STATUS_TEXT.get(status, status)),
        ("proven_optimal", status == "optimal"),
        ("objective", facts["objective"]),
        ("bound", facts["bound"]),
        ("gap", facts["gap"]),
        ("npv", plan.npv),
        ("solve_seconds", facts["solve_seconds"]),
        ("build_seconds", facts["build_seconds"]),
        ("time_limit", facts["time_limit"]),
        ("solver", facts["solver"]),
        ("solver_version", facts["solver_version"]),
        ("input_hash", facts["input_hash"]),
        ("formulation", facts["formulation"]),
        ("message", words(plan.facts.message)),
    ]
    rows += [("diagnosis", words(line)) for line in plan.diagnosis]
    return pd.DataFrame([{"fact": k, "value": _plain(v)} for k, v in rows], columns=["fact", "value"])


def _plain(value: Any) -> Any:
    """A JSON-safe Python value: numpy scalars unwrapped, NaN and NA as None."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    return value


def plan_format(path: str | Path) -> str:
    """``xlsx``, ``json`` or ``csv`` (a path without suffix, or ending in a slash).

    Raises
    ------
    ValueError
        For any other suffix.
    """
    text = str(path)
    suffix = Path(text).suffix.lower()
    if text.endswith(("/", "\\")) or not suffix:
        return "csv"
    if suffix in (".xlsx", ".json"):
        return suffix.removeprefix(".")
    raise ValueError(f"cannot tell the format of '{text}': use .xlsx, .json or a folder for CSV")


def _message_json(value: Any) -> str:
    """A message's code and values as JSON text (a cell of any format); empty for other text."""
    return json.dumps(value.to_json(), ensure_ascii=False) if isinstance(value, Message) else ""


def _json_cell(column: str, value: Any) -> Any:
    if column == "reason_message":
        return json.loads(value) if value else None
    return _plain(value)


def write_plan(plan: Plan, portfolio: Portfolio, path: str | Path, words: Callable[[str], str] = str) -> str:
    """Write the plan's tables to ``path`` and return the format written (xlsx, json or csv).

    In JSON the reasons' ``reason_message`` is an object (code and values), or null."""
    kind = plan_format(path)
    tables = plan_tables(plan, portfolio, words)
    target = Path(path)
    if kind == "xlsx":
        _write_xlsx(tables, target)
    elif kind == "json":
        data = {
            name: [{str(k): _json_cell(str(k), v) for k, v in r.items()} for r in t.to_dict("records")]
            for name, t in tables.items()
        }
        target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        target.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            csv_safe(table).to_csv(target / f"{name}.csv", index=False)
    return kind


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (formula injection).

    A plan's CSV files are read by people, never imported again, so the apostrophe costs nothing.
    """
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = [defused(v) if isinstance(v, str) else v for v in safe[column]]
    return safe


def _write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    book = Workbook()
    default = book.active
    bold = Font(bold=True)
    for name, table in tables.items():
        sheet = book.create_sheet(name)
        for column, header in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=column, value=str(header))
            cell.font = bold
            sheet.column_dimensions[get_column_letter(column)].width = max(12, len(str(header)) + 4)
        for number, values in enumerate(table.itertuples(index=False, name=None), start=2):
            for column, value in enumerate(values, start=1):
                _write_value(sheet.cell(row=number, column=column), value)
        sheet.freeze_panes = "A2"
    if default is not None:
        book.remove(default)
    book.save(path)


def _write_value(cell: Any, value: Any) -> None:
    value = _plain(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
