"""One writer at a time per portfolio: the lock every write path takes first in its transaction.

Saves check the combined result (their change together with whatever others stored since
they read) before writing. That check is only sound when no other save can commit between
the check and the commit, so every transaction that changes portfolio rows takes this lock
before it reads anything:

- on PostgreSQL a transaction-scoped advisory lock, ``pg_advisory_xact_lock``, keyed by
  :data:`LOCK_CLASS` and the hash of the schema the portfolio lives in (one portfolio per
  schema). It is released at commit or rollback, also when the client dies;
- on SQLite the database's own write lock, taken by a write that changes nothing, so the
  transaction holds it from its first statement (SQLite allows one writer at a time anyway;
  this makes the reads that follow see every committed save).

Readers never take it; saves to different databases or schemas never wait for each other.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

LOCK_CLASS = 0x5645_494B
"""First key of the advisory lock ("VEIK"); the second is the hash of the schema name."""


def lock_portfolio(session: Session) -> None:
    """Wait for, then hold until the transaction ends, the right to change the portfolio."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = "SELECT pg_advisory_xact_lock(:lock_class, hashtext(coalesce(current_schema(), 'public')))"
        session.execute(text(statement), {"lock_class": LOCK_CLASS})
    elif dialect == "sqlite":
        session.execute(text("UPDATE row_version SET version = version WHERE 0 = 1"))
