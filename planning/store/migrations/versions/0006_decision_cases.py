"""decision cases: the joint treatment of a plan by several bodies

A plan's way through the IT directors' meeting, the leaders' meeting and the four RHF
boards (decision_case), the versions of the plan it treats (case_version, each a stored
plan run and the hash of the data it was made on) and each body's decision on a version
(case_decision). All three are append-only: triggers refuse UPDATE, DELETE (and, on
PostgreSQL, TRUNCATE), as for the audit trail. Written by hand after
planning.store.case_records, then checked against autogenerate (tests/test_case_store.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("decision_case", "case_version", "case_decision")
APPEND_ONLY = "decision cases are append-only: cases, versions and decisions are never changed or deleted"
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION decision_case_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{APPEND_ONLY} (% on % refused)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql
"""


def _pg_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION decision_case_append_only()",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION decision_case_append_only()",
    ]


def _sqlite_triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{op_name.lower()} BEFORE {op_name} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        for op_name in ("UPDATE", "DELETE")
    ]


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    when = sqlmodel.sql.sqltypes.UTCDateTime
    op.create_table(
        "decision_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", text(length=200), nullable=False),
        sa.Column("bodies", sa.JSON(), nullable=False),
        sa.Column("opened_at", when(), nullable=False),
        sa.Column("opened_by", text(length=200), nullable=False),
        sa.Column("note", text(length=2000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "case_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("input_hash", text(length=64), nullable=False),
        sa.Column("created_at", when(), nullable=False),
        sa.Column("created_by", text(length=200), nullable=False),
        sa.Column("reason", text(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["decision_case.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan_run.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "number", name="uq_case_version_number"),
    )
    with op.batch_alter_table("case_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_version_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_version_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "case_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("body", text(length=64), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("case_number", text(length=64), nullable=False),
        sa.Column("outcome", text(length=32), nullable=False),
        sa.Column("decision_text", text(length=4000), nullable=False),
        sa.Column("condition", sa.JSON(), nullable=True),
        sa.Column("condition_check", sa.JSON(), nullable=True),
        sa.Column("recorded_by", text(length=200), nullable=False),
        sa.Column("recorded_role", text(length=32), nullable=False),
        sa.Column("recorded_at", when(), nullable=False),
        sa.Column("plan_approval_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["decision_case.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["version_id"], ["case_version.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["plan_approval_id"], ["plan_approval.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_decision_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_decision_version_id"), ["version_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table in TABLES:
            for statement in _pg_triggers(table):
                op.execute(statement)
    else:
        for table in TABLES:
            for statement in _sqlite_triggers(table):
                op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in reversed(TABLES):
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS decision_case_append_only()")
    with op.batch_alter_table("case_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_decision_version_id"))
        batch_op.drop_index(batch_op.f("ix_case_decision_case_id"))
    op.drop_table("case_decision")
    with op.batch_alter_table("case_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_version_plan_id"))
        batch_op.drop_index(batch_op.f("ix_case_version_case_id"))
    op.drop_table("case_version")
    op.drop_table("decision_case")
