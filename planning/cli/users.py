"""``planning users``: the local user store (add, set-role, set-password, list).

Commands that change anything act as the user named by ``--as`` (or ``$VEIKART_USER``,
or the development switch ``$VEIKART_DEV_USER``) and obey that user's role, exactly as
the app does. The very first admin may be added without ``--as`` (bootstrap).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine, inspect

from planning.cli.common import F, database_option, refuse
from planning.cli.helptext import Group, filled
from planning.cli.language import N_, _, say
from planning.domain.portfolio import Portfolio
from planning.store.access import ROLES, PermissionDenied, User
from planning.store.database import is_empty, load_portfolio, make_engine, upgrade
from planning.store.users import add_user, dev_user, get_user, list_users, set_password, set_role

USER_VARIABLE = "VEIKART_USER"


def acting_user_option(function: F) -> F:
    option = click.option(
        "--as",
        "acting",
        envvar=USER_VARIABLE,
        metavar="USERNAME",
        help=filled(
            N_("Act as this stored user (default ${variable}, else $VEIKART_DEV_USER)."), variable=USER_VARIABLE
        ),
    )
    return option(function)


@contextmanager
def opened(database_url: str | None, *, migrate: bool = False) -> Iterator[Engine]:
    """An engine on the database (brought to the newest schema when ``migrate``), disposed afterwards.

    Raises
    ------
    click.ClickException
        When the database holds no Veikart schema and ``migrate`` is false.
    """
    engine = make_engine(database_url)
    try:
        if migrate:
            upgrade(engine)
        elif not inspect(engine).has_table("audit_entry"):
            raise click.ClickException(
                _("the database has no Veikart schema yet; run planning init or planning import")
            )
        yield engine
    finally:
        engine.dispose()


def stored_portfolio(engine: Engine) -> Portfolio:
    """The portfolio in the database.

    Raises
    ------
    click.ClickException
        When the database holds no portfolio yet: it names the database and the commands that fill it.
    """
    if not inspect(engine).has_table("initiative") or is_empty(engine):
        where = engine.url.render_as_string(hide_password=True)
        raise click.ClickException(
            _("the database {where} holds no portfolio yet. Fix: run 'planning init' to load the sample "
              "portfolio, or 'planning import FILE' to load your own (or give --database-url)").format(where=where)
        )  # fmt: skip
    return load_portfolio(engine=engine)


def acting_user(engine: Engine, acting: str | None) -> User | None:
    """The stored user named by ``--as``, else the development user, else ``None`` (anonymous).

    Raises
    ------
    click.ClickException
        When ``--as`` names no stored user or the development switch is malformed.
    """
    if acting:
        found = get_user(engine, acting)
        if found is None:
            raise click.ClickException(
                _("--as {user!r}: no such user; list them with planning users list").format(user=acting)
            )
        return found
    try:
        return dev_user(engine)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


def read_password() -> str:
    """The first line of standard input, without its line ending."""
    return sys.stdin.readline().rstrip("\r\n")


@click.group(cls=Group)
def users() -> None:
    """Manage who may sign in and in which role (admins only).

    \b
    Roles: admin, coordinator, region_editor (with --region), steering, viewer, and the secretaries
    who record decisions: it_directors_secretary, leaders_secretary, board_secretary (with --region).
    Example:
      echo "$PASSWORD" | planning users add kari@helse-vest.no --role admin --password-stdin
      planning users add ola@helse-vest.no --role region_editor --region HV --as kari@helse-vest.no
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="The role the user acts in.")
@click.option("--region", help="Funding pool id of a region editor or board secretary, for example HV.")
@click.option("--display-name", default="", help="Name shown in the app and the audit trail.")
@click.option("--password-stdin", is_flag=True, help="Read a password (12+ characters) from standard input.")
@acting_user_option
@database_option
def add(
    name: str,
    role: str,
    region: str | None,
    display_name: str,
    password_stdin: bool,
    acting: str | None,
    database_url: str | None,
) -> None:
    """Add a user. Without --password-stdin the user signs in only through OpenID Connect.

    \b
    Exit codes: 0 added, 1 refused (not an admin) or invalid (name, role, region, password).
    """
    password = read_password() if password_stdin else None
    with opened(database_url, migrate=True) as engine:
        by = acting_user(engine, acting)
        try:
            user = add_user(
                engine,
                username=name,
                role=role,
                region=region,
                display_name=display_name,
                password=password,
                by=by,
            )
        except (PermissionDenied, ValueError) as exc:
            refuse(str(exc))
            return
    click.echo(_("Added {label} as {username}.").format(label=say(user.label), username=user.username))


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--region", help="Funding pool id, for a region editor or board secretary.")
@acting_user_option
@database_option
def set_role_command(name: str, role: str, region: str | None, acting: str | None, database_url: str | None) -> None:
    """Change a user's role (and region).

    \b
    Example:
      planning users set-role ola@helse-vest.no coordinator --as kari@helse-vest.no
    Exit codes: 0 changed, 1 refused, unknown user, or invalid role or region.
    """
    with opened(database_url) as engine:
        by = acting_user(engine, acting)
        try:
            user = set_role(engine, username=name, role=role, region=region, by=by)
        except (PermissionDenied, ValueError, KeyError) as exc:
            refuse(str(exc).strip("'\""))
            return
    click.echo(_("{username} is now {label}.").format(username=user.username, label=say(user.label)))


@users.command("set-password")
@click.argument("name")
@acting_user_option
@database_option
def set_password_command(name: str, acting: str | None, database_url: str | None) -> None:
    """Set a user's password from standard input (your own, or anyone's as an admin).

    \b
    Exit codes: 0 set, 1 refused, unknown user or a password of the wrong length.
    """
    password = read_password()
    with opened(database_url) as engine:
        by = acting_user(engine, acting)
        try:
            set_password(engine, username=name, password=password, by=by)
        except (PermissionDenied, ValueError, KeyError) as exc:
            refuse(str(exc).strip("'\""))
            return
    click.echo(_("Password of {name} set.").format(name=name))


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the users as JSON.")
@database_option
def list_command(as_json: bool, database_url: str | None) -> None:
    """List users with their roles (never their password hashes)."""
    with opened(database_url) as engine:
        table = list_users(engine)
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    if as_json:
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    for row in records:
        region = f" for {row['region']}" if row["region"] else ""
        password = "password" if row["has_password"] else "OIDC only"
        click.echo(f"{row['username']}\t{row['role']}{region}\t{row['display_name']}\t{password}")
    if not records:
        click.echo(_("No users yet; add the first admin with planning users add NAME --role admin."))


COMMANDS = [users]
