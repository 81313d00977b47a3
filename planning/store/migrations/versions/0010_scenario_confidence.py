"""scenario confidence

A plan at a confidence level (planning.robust, issue 30): the scenario's ``confidence``
(blank: plan on the point estimates) and ``confidence_scope`` (what must hold: each
envelope or each pool's total). Existing scenarios read as point-estimate plans. Written by
hand after the model, then checked against autogenerate on a scratch SQLite database.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "confidence_scope",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="envelope",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.drop_column("confidence_scope")
        batch_op.drop_column("confidence")
