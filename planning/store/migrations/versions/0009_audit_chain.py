"""audit chain: each audit entry hashed with the one before it; approval records sealed

Adds record_hash, prev_hash and entry_hash to audit_entry (planning.store.audit_chain) and
chains the existing entries in id order. Each existing entry that records an approval record
(approve, open_case, revise_case, decide) gets the seal of that record as it is stored now;
an approval record no entry records gets a ``seal`` entry of its own (by ``system``). The
append-only triggers of 0004 are switched off for the backfill only, inside this transaction.
Written by hand, then checked against autogenerate on a scratch SQLite database.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op
from sqlalchemy.engine import Connection

from planning.store.audit_chain import GENESIS, content_of, entry_hash, record_hash

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

HASH_COLUMNS = ("record_hash", "prev_hash", "entry_hash")
APPEND_ONLY = "the audit trail is append-only: entries are never updated or deleted"
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_entry_no_{op_name.lower()} BEFORE {op_name} ON audit_entry "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    for op_name in ("UPDATE", "DELETE")
]
_when = sqlmodel.sql.sqltypes.UTCDateTime
AUDIT = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer()),
    sa.column("at", _when()),
    *(sa.column(name, sa.String()) for name in ("actor", "role", "action", "table_name", "row_id", "batch", "note")),
    sa.column("version", sa.Integer()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    *(sa.column(name, sa.String()) for name in HASH_COLUMNS),
)
RECORDS = {
    "plan_approval": sa.table(
        "plan_approval",
        sa.column("id", sa.Integer()),
        sa.column("plan_id", sa.Integer()),
        sa.column("approved_by", sa.String()),
        sa.column("approved_at", _when()),
        sa.column("comment", sa.String()),
    ),
    "decision_case": sa.table(
        "decision_case",
        sa.column("id", sa.Integer()),
        sa.column("title", sa.String()),
        sa.column("bodies", sa.JSON()),
        sa.column("opened_at", _when()),
        sa.column("opened_by", sa.String()),
        sa.column("note", sa.String()),
    ),
    "case_version": sa.table(
        "case_version",
        *(sa.column(name, sa.Integer()) for name in ("id", "case_id", "number", "plan_id")),
        sa.column("input_hash", sa.String()),
        sa.column("created_at", _when()),
        sa.column("created_by", sa.String()),
        sa.column("reason", sa.String()),
    ),
    "case_decision": sa.table(
        "case_decision",
        *(sa.column(name, sa.Integer()) for name in ("id", "case_id", "version_id", "plan_approval_id")),
        *(sa.column(n, sa.String()) for n in ("body", "case_number", "outcome", "decision_text")),
        sa.column("meeting_date", sa.Date()),
        sa.column("condition", sa.JSON()),
        sa.column("condition_check", sa.JSON()),
        sa.column("recorded_by", sa.String()),
        sa.column("recorded_role", sa.String()),
        sa.column("recorded_at", _when()),
    ),
}
SEALING = {"approve": "plan_approval", "open_case": "decision_case", "revise_case": "case_version"}
SEALING |= {"decide": "case_decision"}


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None, recreate="never") as batch_op:
        for name in HASH_COLUMNS:
            batch_op.add_column(sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    bind = op.get_bind()
    _triggers_off(bind)
    records = {table: _rows(bind, table) for table in RECORDS}
    sealed = _seal_entries(bind, records)
    _seal_the_rest(bind, records, sealed)
    _chain(bind)
    _triggers_on(bind)


def downgrade() -> None:
    bind = op.get_bind()
    _triggers_off(bind)
    bind.execute(sa.delete(AUDIT).where(AUDIT.c.action == "seal"))
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        for name in reversed(HASH_COLUMNS):
            batch_op.drop_column(name)
    _triggers_on(bind)


def _triggers_off(bind: Connection) -> None:
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")


def _triggers_on(bind: Connection) -> None:
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")  # a batch recreate dropped them, or not
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def _rows(bind: Connection, table: str) -> dict[str, dict[str, Any]]:
    return {str(row["id"]): dict(row) for row in bind.execute(sa.select(RECORDS[table])).mappings()}


def _sealed_keys(entry: Any, records: dict[str, dict[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    table = SEALING[entry.action]
    keys = [(table, str(entry.row_id))]
    if entry.action == "open_case":
        first = [
            k for k, v in records["case_version"].items() if str(v["case_id"]) == entry.row_id and v["number"] == 1
        ]
        keys += [("case_version", key) for key in first[:1]]
    return keys


def _seal_entries(bind: Connection, records: dict[str, dict[str, dict[str, Any]]]) -> set[tuple[str, str]]:
    """Seal each entry that records an approval record, with the record as it is stored now."""
    sealed: set[tuple[str, str]] = set()
    entries = bind.execute(sa.select(AUDIT).where(AUDIT.c.action.in_(list(SEALING))).order_by(AUDIT.c.id)).all()
    for entry in entries:
        keys = _sealed_keys(entry, records)
        if any(key[1] not in records[key[0]] for key in keys):
            continue  # the record is gone: verify will name the entry's table and row as unsealed or missing
        digest = record_hash([(table, records[table][key]) for table, key in keys])
        bind.execute(sa.update(AUDIT).where(AUDIT.c.id == entry.id).values(record_hash=digest))
        sealed |= set(keys)
    return sealed


def _seal_the_rest(
    bind: Connection, records: dict[str, dict[str, dict[str, Any]]], sealed: set[tuple[str, str]]
) -> None:
    """An approval record without an entry (made before the audit trail) gets a ``seal`` entry."""
    at, batch = dt.datetime.now(dt.UTC), uuid.uuid4().hex
    for table, rows in records.items():
        for key, row in sorted(rows.items(), key=lambda item: int(item[0])):
            if (table, key) in sealed:
                continue
            values = {"at": at, "actor": "system", "role": "admin", "action": "seal", "table_name": table}
            values |= {"row_id": key, "version": None, "before": None, "after": None, "batch": batch}
            values |= {"note": "sealed when the audit chain was made (migration 0009)"}
            bind.execute(sa.insert(AUDIT).values(**values, record_hash=record_hash([(table, row)])))


def _chain(bind: Connection) -> None:
    previous = GENESIS
    for entry in bind.execute(sa.select(AUDIT).order_by(AUDIT.c.id)).all():
        hashed = entry_hash(previous, content_of(entry))
        bind.execute(sa.update(AUDIT).where(AUDIT.c.id == entry.id).values(prev_hash=previous, entry_hash=hashed))
        previous = hashed
