"""Alembic environment: runs on the connection the caller passes, or on $DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

# Every module that declares tables, so autogenerate sees them all on SQLModel.metadata.
import planning.audit
import planning.models
import planning.plan_records
import planning.plans
import planning.realisation.measurements
import planning.scenario_drafts
import planning.scenario_history
import planning.shared_store
import planning.users  # noqa: F401
from planning.store import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine()
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
