"""Alembic environment: runs on the connection the caller passes, or on $DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

# Every module that declares tables, so autogenerate sees them all on SQLModel.metadata.
import planning.domain.models
import planning.plans.runs
import planning.realisation.measurements
import planning.store.audit
import planning.store.case_records
import planning.store.plan_records
import planning.store.scenario_drafts
import planning.store.scenario_history
import planning.store.shared
import planning.store.users  # noqa: F401
from planning.store.database import make_engine

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
