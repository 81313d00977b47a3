"""uncertain estimates on initiatives

Three-point estimates of cost, duration and benefit and a stop probability per initiative
(planning.domain.estimates): eight nullable columns, blank meaning "the risk class's
default". Existing rows keep their values and read as the defaults. Written by hand after
the model, then checked against autogenerate on a scratch SQLite database.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = (
    ("cost_low", sa.Float()),
    ("cost_high", sa.Float()),
    ("duration_low", sa.Integer()),
    ("duration_high", sa.Integer()),
    ("benefit_low", sa.Float()),
    ("benefit_likely", sa.Float()),
    ("benefit_high", sa.Float()),
    ("stop_probability", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        for name, kind in COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
