"""Read a plan someone edited by hand, for the plan checker: which initiative starts when.

A plan file is a CSV with columns ``id`` and ``start`` (a period label such as 2027 or
2027H2; empty = not in the plan), as Excel and people write it, or the JSON that
``planning optimize --json`` prints. Whether the plan keeps the rules is the checker's
question (:mod:`planning.optimise.checker`); this module only reads the file, and names
every row and field it cannot read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from planning.columns import is_blank
from planning.io.files import read_csv_bytes
from planning.phrases import phrase
from planning.problems import InvalidPortfolio, Problem
from planning.timeline import Timeline

COLUMNS = ("id", "start")


def read_plan_file(data: bytes, file: str, timeline: Timeline) -> dict[str, int]:
    """Start period of each initiative in the plan file ``file`` (CSV, or JSON when its name
    ends in ``.json``).

    Raises
    ------
    InvalidPortfolio
        With one problem per row and field that cannot be read (table = ``file``, line = the
        row's number, 1 for the first row under the column names or the first initiative in
        the JSON), each with how to fix it.
    """
    rows = _json_rows(data, file) if file.lower().endswith(".json") else _csv_rows(data, file)
    return _starts(rows, file, timeline)


def _csv_rows(data: bytes, file: str) -> list[tuple[int, Any, Any]]:
    try:
        found, rows, _ = read_csv_bytes(data, file)
    except ValueError as exc:
        raise _refused(file, str(exc), phrase("fix_plan_file")) from exc
    missing = [name for name in COLUMNS if name not in found]
    if missing:
        named = ", ".join(found) or phrase("no_columns")
        message = phrase("csv_columns_missing", file=file, columns=", ".join(missing), found=named)
        raise _refused(file, message, phrase("fix_plan_file"))
    return [(line, row["id"], row["start"]) for line, row in enumerate(rows, start=1) if not _blank_row(row)]


def _json_rows(data: bytes, file: str) -> list[tuple[int, Any, Any]]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refused(file, phrase("plan_json_unreadable", file=file, reason=exc), phrase("fix_plan_json")) from exc
    entries = document.get("initiatives") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise _refused(file, phrase("plan_json_shape", file=file), phrase("fix_plan_json"))
    return [
        (line, entry.get("id"), entry.get("start") if entry.get("selected", True) is not False else None)
        for line, entry in enumerate(entries, start=1)
    ]


def _starts(rows: Iterable[tuple[int, Any, Any]], file: str, timeline: Timeline) -> dict[str, int]:
    starts: dict[str, int] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for line, initiative, start in rows:
        label = "" if is_blank(initiative) else str(initiative).strip()
        if not label:
            problems.append(_problem(file, line, "id", phrase("plan_id_missing"), phrase("fix_plan_id")))
            continue
        if label in lines:
            message = phrase("duplicate_id", line=lines[label])
            problems.append(_problem(file, line, "id", message, phrase("fix_plan_duplicate")))
            continue
        lines[label] = line
        if is_blank(start):
            continue  # not in the plan
        try:
            starts[label] = timeline.index(str(start).strip())
        except ValueError as exc:
            first, last = timeline.label(0), timeline.label(timeline.periods - 1)
            fix = phrase("fix_plan_start", first=first, last=last)
            problems.append(_problem(file, line, "start", str(exc), fix))
    if problems:
        raise InvalidPortfolio(problems)
    return starts


def _blank_row(row: dict[str, str]) -> bool:
    return all(is_blank(cell) for cell in row.values())


def _problem(file: str, line: int, field: str, message: str, fix: str) -> Problem:
    return Problem(file, phrase("row_number", line=line), field, message, fix, line=line)


def _refused(file: str, message: str, fix: str) -> InvalidPortfolio:
    return InvalidPortfolio([Problem(file, "-", "-", message, fix)])
