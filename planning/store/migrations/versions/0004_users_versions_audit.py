"""users, row versions and the append-only audit trail

The local user store (app_user: role, region, argon2 hash), the version of every
portfolio row (row_version, keyed by table and row id, for optimistic locking) and the
audit trail (audit_entry). A trigger refuses UPDATE, DELETE (and, on PostgreSQL,
TRUNCATE) of audit_entry, whatever client tries. Written by hand after planning.store.users,
planning.store.shared and planning.store.audit, then checked against autogenerate.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY = "the audit trail is append-only: entries are never updated or deleted"
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{APPEND_ONLY} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql
"""
PG_TRIGGERS = [
    "CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
]
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_entry_no_{op_name.lower()} BEFORE {op_name} ON audit_entry "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    for op_name in ("UPDATE", "DELETE")
]


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "app_user",
        sa.Column("username", text(length=200), nullable=False),
        sa.Column("display_name", text(length=200), nullable=False),
        sa.Column("role", text(length=32), nullable=False),
        sa.Column("region", text(length=64), nullable=True),
        sa.Column("password_hash", text(length=512), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    op.create_table(
        "row_version",
        sa.Column("table_name", text(length=64), nullable=False),
        sa.Column("row_id", text(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by", text(length=200), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", text(length=200), nullable=False),
        sa.Column("role", text(length=32), nullable=False),
        sa.Column("action", text(length=16), nullable=False),
        sa.Column("table_name", text(length=64), nullable=False),
        sa.Column("row_id", text(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("batch", text(length=32), nullable=False),
        sa.Column("note", text(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        for column in ("at", "actor", "action", "table_name", "batch"):
            batch_op.create_index(batch_op.f(f"ix_audit_entry_{column}"), [column], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update_delete ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        for column in ("batch", "table_name", "action", "actor", "at"):
            batch_op.drop_index(batch_op.f(f"ix_audit_entry_{column}"))
    op.drop_table("audit_entry")
    op.drop_table("row_version")
    op.drop_table("app_user")
