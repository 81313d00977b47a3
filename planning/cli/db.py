"""``planning db``: the database roles of a shared PostgreSQL installation."""

from __future__ import annotations

import click

from planning.cli.common import database_option, refuse
from planning.cli.helptext import Group
from planning.cli.language import _
from planning.cli.users import opened
from planning.store.grants import grant


@click.group(cls=Group)
def db() -> None:
    """The database itself: roles and grants (PostgreSQL).

    \b
    Example:
      DATABASE_URL=postgresql://veikart_owner@db/veikart planning db grant veikart_app
    """


@db.command("grant")
@click.argument("app_role")
@click.option("--print-only", is_flag=True, help="Print the SQL instead of running it.")
@database_option
def grant_command(app_role: str, print_only: bool, database_url: str | None) -> None:
    """Give APP_ROLE what the application needs, and on the history tables only SELECT and INSERT.

    Run it as the owner of the tables (the role that runs the migrations), after
    'planning init' and after each upgrade; the application then connects as APP_ROLE,
    which cannot change or delete audit entries, approvals or decisions (docs/security.md).

    \b
    Exit codes: 0 granted (or printed), 1 not PostgreSQL or a bad role name, 3 unexpected.
    """
    with opened(database_url) as engine:
        try:
            statements = grant(engine, app_role, apply=not print_only)
        except ValueError as exc:
            refuse(str(exc))
    for statement in statements:
        click.echo(statement + ";")
    if not print_only:
        line = _("Granted: {role} may read and write the portfolio, and only read and append the history.")
        click.echo(line.format(role=app_role))


COMMANDS = [db]
