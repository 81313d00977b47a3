"""stored plans' reasons, diagnosis and solver notes as messages (code and values)

Issue 34 item 1: a reason is a message (planning.messages.message.Message), stored in a plan
run's record as ``{"code": ..., "values": {...}}``. Records written before kept English
sentences; this migration reads each back into its code and values with the templates that
wrote them (the only place a sentence is read back into data, once, here): a frozen copy of
the reasons', diagnosis' and solver notes' templates of planning.messages.templates as they
were at this revision, so that later changes to the templates do not change the migration.
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

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

JOINED = "joined"
"""The code of several messages said one after another (``a; b``): the solver's notes."""
PHRASES: dict[str, str] = {
    # why an initiative is out of the plan or later than it could start
    "alternative_chosen": "alternative {chosen} was chosen (group {group})",
    "waits_for_one_missing": "waits for {missing}, which is not in the plan",
    "waits_for_missing": "waits for {missing}, which are not in the plan",
    "chain_too_long": "cannot finish in time: the chain {chain} lets it start {when} at the earliest",
    "after_horizon": "after the horizon",
    "first_room": "{blocker}; the first period with room is {period}",
    "blocked_later_too": "{blocker}, and every later start is blocked too",
    "later_start_better": "a later start gives a higher net present value",
    "does_not_pay_off": "does not pay off: net present value {npv} MNOK at its earliest start",
    "displaces": "fits, but would displace initiatives worth more (its own value is {npv} MNOK at its earliest start)",
    "waits_until_ready": "waits for {predecessor} (ready {period})",
    "budget_full": "the budget of {pool} in {period} is full ({amount} MNOK short)",
    "capacity_full": "capacity {pool} is full in {period}",
    # why an initiative is not decided at all
    "completed": "completed before the horizon",
    "stopped": "stopped",
    "forced_out": "forced out by the scenario",
    "waits_for_excluded": "waits for {predecessor}, which is {reason}",
    # why a scenario has no plan
    "required_but": "{initiative} is required but {reason}",
    "chain_misses_deadline": "{initiative} cannot finish by {period}: the dependency chain {chain} takes too long",
    "window_too_short": (
        "{initiative} cannot run inside its window: it needs {duration} periods from {start} "
        "but must finish by {finish}"
    ),
    "period_number": "period {number}",
    "required_cannot_fit": "{initiative} is required (mandatory, forced in or started) but cannot fit",
    "group_cannot_fit": "alternative group {group} needs one option, but none can fit",
    "pool_short": "{pool} is {amount} MNOK short in {period}",
    "capacity_over": "capacity {pool} is {amount} over its limit in {period}",
    "no_cause_found": "no plan exists, and the diagnosis model found no cause within its time limit",
    "no_single_rule": "no plan exists, but no single rule could be named",
    # what the solver did, beside its own status words
    "highs_stalled": "HiGHS stopped after {seconds} s: no better plan, and its bound closing slowly",
    "polished": "polishing: {rounds} neighbourhoods searched, {improvements} improved the plan",
    "core_searched": "core search: {rounds} cores searched, {improvements} improved the plan",
    "core_proven": (
        "core search: {rounds} cores searched, {improvements} improved the plan; no number of selected"
        " initiatives can hold a better plan (each searched to the end on every choice that could change,"
        " or ruled out by its relaxation), which proves the plan optimal"
    ),
    "work_limit": "node limit reached ({nodes} nodes), gap {gap}",
    "work_limit_no_plan": "node limit reached ({nodes} nodes) before any plan was found",
    "time_limit_safety_net": "the time limit ({limit} s), a safety net here, stopped the solve before its node limit",
    "time_guard": (
        "HiGHS had not stopped {limit} s into its search (it looks at the clock only between its"
        " steps), so Veikart stopped waiting and took the best plan it had found"
    ),
    "solving_no_plan": "Solving ({elapsed} of {limit} s): no plan found yet",
    "solving_plan_no_bound": "Solving ({elapsed} of {limit} s): a plan is found, no bound yet",
    "explaining": "Explaining initiative {done} of {total}: {initiative}",
    "solving_gap": "Solving ({elapsed} of {limit} s): the best plan so far is at most {gap} % from the best possible",
    "cbc_no_bound": "CBC stopped with a feasible plan; it reports no bound here",
    "cbc_no_plan": "CBC found no plan",
    "cbc_no_plan_in_time": "CBC found no plan within the time limit",
}
"""The templates a stored plan's reasons, diagnosis and solver notes were written from, frozen
at this revision (planning/messages/templates.py, issue 34): code -> English template."""

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
    """A stored message as the English sentence the frozen templates write; a flagged text as its text."""
    if isinstance(data, dict) and "code" in data:
        if data["code"] == JOINED:
            return "; ".join(_as_list(data.get("values", {}).get("parts", [])))
        values = {str(k): _english_value(v) for k, v in dict(data.get("values", {})).items()}
        if data["code"] in PHRASES:
            return PHRASES[data["code"]].format(**values)
        shown = ", ".join(f"{k}={v}" for k, v in values.items())
        return f"{data['code']} ({shown})" if shown else str(data["code"])  # a code written after this revision
    if isinstance(data, dict) and "text" in data:
        return str(data["text"])
    return data


def _english_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_english_value(v) for v in value)
    if isinstance(value, dict):
        return str(_english(value))
    return str(value)


def _as_list(parts: Any) -> list[str]:
    return [str(_english(p)) for p in parts] if isinstance(parts, list) else []


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
