"""stored plans' reasons, diagnosis and solver notes as messages (code and values)

Issue 34 item 1: a reason is a message (planning.messages.message.Message), stored in a plan
run's record as ``{"code": ..., "values": {...}}``. Records written before kept English
sentences; this migration reads each back into its code and values with the templates of
planning.messages.templates (the only place a sentence is read back into data, once, here).
A text no template reads (an older wording, a solver's own words) keeps its text with a flag:
``{"text": ..., "unread": true}``, shown as it was written. Downgrade writes every message
as its English sentence again. No table changes.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 14:00:00
"""

from __future__ import annotations

import re
import string
from typing import Any

import sqlalchemy as sa
from alembic import op

from planning.messages.message import JOINED, Message, from_record
from planning.messages.templates import PHRASES

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

PLAN_RUN = sa.table("plan_run", sa.column("id", sa.Integer), sa.column("record", sa.JSON))
SOLVER_WORDS = frozenset(
    {
        "not set", "load error", "model error", "presolve error", "solve error", "postsolve error", "empty",
        "optimal", "infeasible", "primal infeasible or unbounded", "unbounded", "bound on objective reached",
        "target for objective reached", "time limit reached", "iteration limit reached", "unknown",
        "solution limit reached", "interrupted by user", "memory limit reached", "interrupted by highs",
    }
)  # fmt: skip
"""HiGHS's status words, which the solver's notes held beside the sentences (kept as text)."""
MIN_FIXED = 5
"""Templates with fewer fixed characters ("{path}: {reason}", "{name} ({role})") read almost
any text, so no stored text is read as one of them."""
DECIMAL = re.compile(r"-?\d+\.\d+")


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each template as a pattern, the ones with more fixed words first (so "waits for X, which
    is not in the plan" reads as a missing predecessor, not one excluded for "not in the plan")."""
    compiled = []
    for code, template in PHRASES.items():
        parts = list(string.Formatter().parse(template))
        regex, seen = "", set()
        for literal, name, _, _ in parts:
            regex += re.escape(literal)
            if name:
                regex += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
                seen.add(name)
        fixed = sum(len(literal) for literal, *_ in parts)
        if fixed >= MIN_FIXED:
            compiled.append((fixed, code, re.compile(regex, re.DOTALL)))
    return [(code, pattern) for _, code, pattern in sorted(compiled, key=lambda c: -c[0])]


PATTERNS = _patterns()


def read(text: str) -> dict[str, Any] | None:
    """The message ``text`` was written from, as JSON; ``None`` for other text."""
    for code, pattern in PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return {"code": code, "values": {name: _value(value) for name, value in found.groupdict().items()}}
    return None


def _value(text: str) -> Any:
    nested = read(text) if text else None
    if nested is not None:
        return nested
    return float(text) if DECIMAL.fullmatch(text) else text


def as_message(text: Any) -> Any:
    """A stored text as a message's JSON, or kept with a flag; anything else as it is."""
    if not isinstance(text, str) or not text:
        return text
    return read(text) or {"text": text, "unread": True}


def solver_note(text: Any) -> Any:
    """The solver's notes ("time limit reached; polishing: ...") as one message of notes."""
    if not isinstance(text, str) or not text:
        return text
    parts = text.split("; ")
    read_parts = [p if p in SOLVER_WORDS else read(p) for p in parts]
    if len(parts) > 1 and all(p is not None for p in read_parts):
        return {"code": JOINED, "values": {"parts": read_parts}}
    return text if text in SOLVER_WORDS else as_message(text)


def _converted(record: dict[str, Any], reason: Any, note: Any) -> dict[str, Any]:
    record = dict(record)
    initiatives = record.get("initiatives")
    if isinstance(initiatives, dict) and "reason" in initiatives.get("columns", []):
        at = initiatives["columns"].index("reason")
        rows = [list(row) for row in initiatives.get("rows", [])]
        for row in rows:
            row[at] = reason(row[at])
        record["initiatives"] = {**initiatives, "rows": rows}
    if isinstance(record.get("diagnosis"), list):
        record["diagnosis"] = [reason(line) for line in record["diagnosis"]]
    if isinstance(record.get("facts"), dict) and "message" in record["facts"]:
        record["facts"] = {**record["facts"], "message": note(record["facts"]["message"])}
    return record


def _english(data: Any) -> Any:
    shown = from_record(data)
    return str(shown) if isinstance(shown, (Message, str)) else shown


def _rewrite(reason: Any, note: Any) -> None:
    connection = op.get_bind()
    for plan_id, record in connection.execute(sa.select(PLAN_RUN.c.id, PLAN_RUN.c.record)).all():
        if isinstance(record, dict):
            connection.execute(
                PLAN_RUN.update().where(PLAN_RUN.c.id == plan_id).values(record=_converted(record, reason, note))
            )


def upgrade() -> None:
    _rewrite(as_message, solver_note)


def downgrade() -> None:
    _rewrite(_english, _english)
