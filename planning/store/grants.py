"""The recommended split of database roles on PostgreSQL: an owner for migrations, an app role for the rest.

The owner (the role that runs ``planning init`` and the migrations) owns every table and can
switch triggers off; the application should not run as it. :func:`grant_statements` writes the
SQL that gives an application role (``planning db grant ROLE``) exactly what Veikart needs:
reading and writing the portfolio tables, but on the history tables only ``SELECT`` and
``INSERT``, so not even a compromised application can change or delete an audit entry, an
approval or a decision, trigger or no trigger. An approval's ``superseded`` columns are the one
exception: they change once, when a later approval replaces it (the audit chain holds that too).
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, inspect, text

APPEND_ONLY_TABLES = (
    "audit_entry",
    "scenario_version",
    "measurement_history",
    "decision_case",
    "case_version",
    "case_decision",
    "plan_approval",
)
"""Tables the application role may only read and append to."""
SUPERSEDE_COLUMNS = ("superseded", "superseded_at", "superseded_by")
READ_ONLY_TABLES = ("alembic_version",)
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _quoted(name: str, what: str) -> str:
    if not ROLE_NAME.match(name):
        raise ValueError(f"'{name}' is not a valid {what}: use lower-case letters, digits and _ (at most 63)")
    return f'"{name}"'


def grant_statements(app_role: str, tables: list[str], schema: str = "public") -> list[str]:
    """The SQL that limits ``app_role`` to what the application needs on ``tables`` in ``schema``.

    Raises
    ------
    ValueError
        When the role or schema name is not a plain lower-case identifier.
    """
    role, space = _quoted(app_role, "role name"), _quoted(schema, "schema name")
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {space} FROM {role}",
        f"GRANT USAGE ON SCHEMA {space} TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {space} TO {role}",
    ]
    for table in sorted(tables):
        name = f'{space}."{table}"'
        if table in APPEND_ONLY_TABLES:
            statements.append(f"GRANT SELECT, INSERT ON {name} TO {role}")
        elif table in READ_ONLY_TABLES:
            statements.append(f"GRANT SELECT ON {name} TO {role}")
        else:
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {role}")
    if "plan_approval" in tables:
        statements.append(f'GRANT UPDATE ({", ".join(SUPERSEDE_COLUMNS)}) ON {space}."plan_approval" TO {role}')
    return statements


def grant(engine: Engine, app_role: str, *, apply: bool = True) -> list[str]:
    """The statements of :func:`grant_statements` for the tables of ``engine``'s schema, run when ``apply``.

    Raises
    ------
    ValueError
        On SQLite (it has no roles), or for a role name that is not a plain identifier.
    """
    if engine.dialect.name != "postgresql":
        raise ValueError("database roles exist on PostgreSQL only; SQLite is protected by its file's permissions")
    with engine.connect() as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    statements = grant_statements(app_role, inspect(engine).get_table_names(schema=schema), schema)
    if apply:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    return statements
