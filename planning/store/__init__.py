"""The database: SQLModel tables on SQLite or PostgreSQL, and who may change what.

What lives here: the engine and Alembic migrations (:mod:`~planning.store.database`), the
shared, versioned and audited saves of one portfolio (:mod:`~planning.store.shared`), row
versions for optimistic locking, the append-only audit trail, users and roles, the rules
of access, stored scenarios and the stored plan tables.

May import :mod:`planning.domain` and :mod:`planning.messages`; never the optimiser.
"""
