"""statutory and equity obligations

An initiative may be a statutory or an equity obligation (planning.domain.models.Initiative:
``obligation`` none / statutory / equity, and ``obligation_note``), and a scenario may release
them (``Scenario.release_obligations``), issue 33 item 13. Existing rows read as no
obligation and a scenario that keeps them. Written by hand after the model, then checked
against autogenerate on a scratch SQLite database.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("obligation", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="none")
        )
        batch_op.add_column(
            sa.Column(
                "obligation_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default=""
            )
        )
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.add_column(sa.Column("release_obligations", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.drop_column("release_obligations")
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_column("obligation_note")
        batch_op.drop_column("obligation")
