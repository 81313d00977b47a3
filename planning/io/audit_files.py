"""The audit trail as files: CSV with every cell formula-safe, or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from planning.domain.changes import jsonable
from planning.io.formulas import defused
from planning.store.audit import COLUMNS


def safe_text(value: Any) -> str:
    """A cell as text that no spreadsheet evaluates: a leading ``=+-@`` gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif isinstance(value, dt.datetime):
        text = value.isoformat()
    else:
        text = str(value)
    return defused(text)


def audit_csv(log: pd.DataFrame) -> str:
    """An :func:`audit_log` frame as CSV text, every cell formula-safe (for a download button)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in log.to_dict("records"):
        writer.writerow([safe_text(_plain(row[name])) for name in COLUMNS])
    return buffer.getvalue()


def audit_json(log: pd.DataFrame) -> str:
    """An :func:`audit_log` frame as a JSON list of entries (times as ISO text)."""
    records = [{name: jsonable(_plain(row[name])) for name in COLUMNS} for row in log.to_dict("records")]
    return json.dumps(records, indent=2, ensure_ascii=False)


def export_audit(log: pd.DataFrame, path: str | Path) -> str:
    """Write an :func:`audit_log` frame as CSV (formula-safe text) or JSON, by ``path``'s suffix.

    Returns
    -------
    str
        ``csv`` or ``json``.

    Raises
    ------
    ValueError
        When the suffix is neither ``.csv`` nor ``.json``.
    """
    target = Path(path)
    kind = target.suffix.lower().removeprefix(".")
    if kind not in ("csv", "json"):
        raise ValueError(f"cannot tell the format of '{target.name}': use a name ending in .csv or .json")
    text = audit_csv(log) if kind == "csv" else audit_json(log)
    with target.open("w", newline="", encoding="utf-8") as handle:
        handle.write(text)
    return kind


def _plain(value: Any) -> Any:
    """A missing cell (``NA``, NaN) as ``None``."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value
