"""measurement history

Append-only history of realised measurements (planning.realisation.measurements): every
value entered or corrected, the value it replaced, who and when. Written by hand after
the model, then checked against autogenerate on a scratch SQLite database.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "measurement_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measurement_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("benefit_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("previous_value", sa.Float(), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("entered_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("measurement_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measurement_history_measurement_id"), ["measurement_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("measurement_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurement_history_measurement_id"))
    op.drop_table("measurement_history")
