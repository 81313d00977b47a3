"""scenario history and drafts

Every version of every scenario (scenario_version, append-only: triggers refuse UPDATE,
DELETE and, on PostgreSQL, TRUNCATE), and each user's working scenario (scenario_draft).
Written by hand after planning.store.scenario_history and planning.store.scenario_drafts, then
checked against autogenerate.

The history of an existing database is filled from what it already knows: each audit
entry of a scenario row (insert, update, delete; who, when, the values after), preceded
by the row as it was before its first audited change when that change had a before; then
each stored scenario whose row is not the last version so found is kept as it is now.
Versions found this way that nobody recorded are ``unrecorded`` (who and when unknown).

Revision ID: 0005
Revises: 0004
Create Date: 2027-03-10 00:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from planning.domain.changes import jsonable  # the store's own JSON shape, so versions found here compare equal

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

APPEND_ONLY = "scenario versions are append-only: never updated or deleted"
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION scenario_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{APPEND_ONLY} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql
"""
PG_TRIGGERS = [
    "CREATE TRIGGER scenario_version_no_update_delete BEFORE UPDATE OR DELETE ON scenario_version "
    "FOR EACH ROW EXECUTE FUNCTION scenario_version_append_only()",
    "CREATE TRIGGER scenario_version_no_truncate BEFORE TRUNCATE ON scenario_version "
    "FOR EACH STATEMENT EXECUTE FUNCTION scenario_version_append_only()",
]
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER scenario_version_no_{op_name.lower()} BEFORE {op_name} ON scenario_version "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    for op_name in ("UPDATE", "DELETE")
]
SCENARIO_FIELDS: dict[str, Any] = {
    "id": sa.String,
    "description": sa.String,
    "ambition": sa.JSON,
    "budget_factor": sa.Float,
    "envelope_overrides": sa.JSON,
    "forced_in": sa.JSON,
    "forced_out": sa.JSON,
    "locked_starts": sa.JSON,
    "discount_rate": sa.Float,
    "objective": sa.String,
    "score_weight": sa.Float,
    "completion_targets": sa.JSON,
    "carry_over": sa.Float,
    "allow_stopping_started": sa.Boolean,
    "periods": sa.Integer,
    "time_limit": sa.Float,
}
"""The scenario table's columns as migration 0001 made them (read here without the models, which may move on)."""


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    version_table = op.create_table(
        "scenario_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", text(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", text(length=16), nullable=False),
        sa.Column("content", sa.JSON(), nullable=True),
        sa.Column("saved_by", text(length=200), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=True),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.Column("batch", text(length=32), nullable=False),
        sa.Column("note", text(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scenario_id", "version", name="uq_scenario_version"),
    )
    with op.batch_alter_table("scenario_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scenario_version_scenario_id"), ["scenario_id"], unique=False)
    op.create_table(
        "scenario_draft",
        sa.Column("username", text(length=200), nullable=False),
        sa.Column("scenario", sa.JSON(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    assert version_table is not None
    rows = _history_found(op.get_bind())
    if rows:
        op.bulk_insert(version_table, rows)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def _history_found(connection: sa.Connection) -> list[dict[str, Any]]:
    """The versions the audit trail and the stored scenarios already hold, in order, per scenario."""
    audit = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer),
        sa.column("at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("table_name", sa.String),
        sa.column("row_id", sa.String),
        sa.column("version", sa.Integer),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("batch", sa.String),
        sa.column("note", sa.String),
    )
    entries = connection.execute(
        sa.select(audit).where(audit.c.table_name == "scenario").order_by(audit.c.id)
    ).mappings()
    history: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry["action"] not in ("insert", "update", "delete"):
            continue
        kept = history.setdefault(entry["row_id"], [])
        if entry["before"] is not None and (not kept or kept[-1]["content"] != entry["before"]):
            kept.append(_unrecorded(entry["row_id"], entry["before"]))
        kept.append(
            {
                "scenario_id": entry["row_id"],
                "kind": entry["action"],
                "content": entry["after"],
                "saved_by": entry["actor"],
                "saved_at": entry["at"],
                "row_version": entry["version"],
                "restored_from": None,
                "batch": entry["batch"],
                "note": entry["note"] or "",
            }
        )
    for scenario_id, values in _stored_scenarios(connection).items():
        kept = history.setdefault(scenario_id, [])
        if not kept or kept[-1]["content"] != values:
            kept.append(_unrecorded(scenario_id, values))
    rows = []
    for versions in history.values():
        for number, version in enumerate(versions, start=1):
            rows.append({**version, "version": number})
    return rows


def _unrecorded(scenario_id: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "scenario_id": scenario_id,
        "kind": "unrecorded",
        "content": values,
        "saved_by": "",
        "saved_at": None,
        "row_version": None,
        "restored_from": None,
        "batch": "",
        "note": "",
    }


def _stored_scenarios(connection: sa.Connection) -> dict[str, dict[str, Any]]:
    """Each stored scenario row as the store's JSON-ready values (the same shape as the audit trail's)."""
    scenario = sa.table("scenario", *[sa.column(name, kind) for name, kind in SCENARIO_FIELDS.items()])
    found = {}
    for row in connection.execute(sa.select(scenario).order_by(scenario.c.id)).mappings():
        values = dict(row)
        found[str(values["id"])] = jsonable(values)
    return found


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS scenario_version_no_truncate ON scenario_version")
        op.execute("DROP TRIGGER IF EXISTS scenario_version_no_update_delete ON scenario_version")
        op.execute("DROP FUNCTION IF EXISTS scenario_version_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS scenario_version_no_update")
        op.execute("DROP TRIGGER IF EXISTS scenario_version_no_delete")
    op.drop_table("scenario_draft")
    with op.batch_alter_table("scenario_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scenario_version_scenario_id"))
    op.drop_table("scenario_version")
