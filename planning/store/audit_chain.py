"""The audit trail as a hash chain: each entry's hash covers its content and the hash of the entry before it.

:func:`entry_hash` is SHA-256 over the entry's content (when, who, role, action, table, row,
version, before, after, batch, note and the hash of the record it seals) in a canonical JSON
form, together with the previous entry's hash (:data:`GENESIS` for the first). An entry that
is deleted, altered or inserted out of place breaks the chain at that point, whoever did it
(also a database owner who switches the append-only triggers off):
:func:`planning.store.audit_verify.verify_audit` finds the first broken link.

Approval records (``plan_approval``, ``decision_case``, ``case_version``, ``case_decision``)
are sealed in the chain: the entry that records one carries :func:`record_hash` of the
record's fields that never change (:data:`SEALED_FIELDS`), so a record altered, deleted or
inserted outside the application is found too.

The hash definition never changes: stored chains are verified with it. Only this module
computes hashes; the migration that chained existing entries (0009) uses it too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import String, text
from sqlmodel import Session
from sqlmodel.sql.sqltypes import UTCDateTime

GENESIS = "0" * 64
"""The previous hash of the first entry."""
AUDIT_LOCK_CLASS = 0x4155_4449
"""First key of the advisory lock ("AUDI") that serialises appends to the chain on PostgreSQL."""
CONTENT_FIELDS = (
    "at",
    "actor",
    "role",
    "action",
    "table_name",
    "row_id",
    "version",
    "before",
    "after",
    "batch",
    "note",
    "record_hash",
)
"""The fields of an entry its hash covers (everything but its id and its own hashes)."""
SEALED_FIELDS: dict[str, tuple[str, ...]] = {
    "plan_approval": ("id", "plan_id", "approved_by", "approved_at", "comment"),
    "decision_case": ("id", "title", "bodies", "opened_at", "opened_by", "note"),
    "case_version": ("id", "case_id", "number", "plan_id", "input_hash", "created_at", "created_by", "reason"),
    "case_decision": (
        "id",
        "case_id",
        "version_id",
        "body",
        "meeting_date",
        "case_number",
        "outcome",
        "decision_text",
        "condition",
        "condition_check",
        "recorded_by",
        "recorded_role",
        "recorded_at",
        "plan_approval_id",
    ),
}
"""The fields of each approval record that never change, which its seal covers (an approval's
``superseded`` flags change once, when a later approval replaces it; the chain holds those in
the later approval's entry)."""
BACKDATE_TOLERANCE = dt.timedelta(minutes=1)
"""An entry dated earlier than the one before it by more than this is reported as back-dated
(entries are dated when their transaction records them; appends are serialised, and
:func:`planning.store.audit.record` never dates an entry before the chain's last one)."""


def canonical(value: Any) -> Any:
    """``value`` with times as UTC ISO text (microseconds), dates as ISO text, mappings and lists recursively."""
    if isinstance(value, dt.datetime):
        aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        return aware.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def _digest(payload: Any) -> str:
    data = json.dumps(canonical(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def entry_hash(previous: str, content: Mapping[str, Any]) -> str:
    """The hash of an entry with ``content`` (:data:`CONTENT_FIELDS`) that follows the entry hashed ``previous``."""
    return _digest({"previous": previous, "entry": {name: content.get(name) for name in CONTENT_FIELDS}})


def content_of(entry: Any) -> dict[str, Any]:
    """The hashed fields of an audit entry (an ORM object or a row with those attributes)."""
    return {name: getattr(entry, name) for name in CONTENT_FIELDS}


def record_hash(records: Iterable[tuple[str, Any]]) -> str:
    """The seal of approval records: (table, row object or mapping) pairs, over :data:`SEALED_FIELDS`."""
    sealed = []
    for table, row in records:
        fields = SEALED_FIELDS[table]
        get = row.get if isinstance(row, Mapping) else lambda name, row=row: getattr(row, name)
        sealed.append([table, {name: get(name) for name in fields}])
    return _digest(sealed)


def lock_chain(session: Session) -> None:
    """Wait for, then hold until the transaction ends, the right to append to the chain."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = "SELECT pg_advisory_xact_lock(:lock_class, hashtext(coalesce(current_schema(), 'public')))"
        session.execute(text(statement), {"lock_class": AUDIT_LOCK_CLASS})
    elif dialect == "sqlite":  # the database's write lock, as planning.store.portfolio_lock takes it
        session.execute(text("UPDATE row_version SET version = version WHERE 0 = 1"))


def chain_head(session: Session) -> tuple[str, dt.datetime | None]:
    """The hash and time of the chain's last entry in this transaction (taking the chain's lock first)."""
    transaction = session.get_transaction()
    cached = session.info.get("audit_head")
    if cached is not None and cached[0] is transaction:
        return cached[1], cached[2]
    lock_chain(session)
    query = text("SELECT entry_hash, at FROM audit_entry WHERE entry_hash IS NOT NULL ORDER BY id DESC LIMIT 1")
    row = session.execute(query.columns(entry_hash=String(), at=UTCDateTime())).first()
    if row is None:
        return GENESIS, None
    return str(row[0]), row[1]


def set_head(session: Session, hashed: str, at: dt.datetime) -> None:
    session.info["audit_head"] = (session.get_transaction(), hashed, at)
