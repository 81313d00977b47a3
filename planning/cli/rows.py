"""``planning rows``: show, set and delete single portfolio rows as a user, with version checks.

Every change goes through :func:`planning.store.shared.save_portfolio_as`: the acting
user's role decides, the row's version must be the one given with ``--expect-version``
(when given), and the change lands in the audit trail.
"""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy import Engine

from planning.cli.common import EXIT_INVALID, database_option, refuse
from planning.cli.helptext import Group
from planning.cli.language import _, error, told
from planning.cli.users import acting_user, acting_user_option, opened
from planning.domain.changes import RowKey, jsonable
from planning.domain.columns import column_specs
from planning.domain.editing import replace_rows, upsert_row
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, errors
from planning.store.access import PermissionDenied, User
from planning.store.shared import ConflictError, Snapshot, load_snapshot, save_portfolio_as

TABLE = click.Choice(list(TABLE_MODELS))


def _row(snapshot: Snapshot, table: str, row_id: str) -> dict[str, object]:
    frame = snapshot.portfolio.table(table)
    if row_id not in frame.index:
        refuse(f"no {table} row with id {row_id!r}; ids are case-sensitive (see planning export)")
    return next(r for r in snapshot.portfolio.records(table) if str(r["id"]) == row_id)


def _expected(snapshot: Snapshot, table: str, row_id: str, expect: int | None) -> dict[RowKey, int]:
    versions = dict(snapshot.versions)
    if expect is not None:
        versions[(table, row_id)] = expect
    return versions


@click.group(cls=Group)
def rows() -> None:
    """Show and change single rows of the stored portfolio, as a user.

    \b
    Example:
      planning rows show initiative PLL-HV
      planning rows set initiative PLL-HV total_cost=12.5 --expect-version 3 --as ola@helse-vest.no
    """


@rows.command("show")
@click.argument("table", type=TABLE)
@click.argument("row_id")
@database_option
def show(table: str, row_id: str, database_url: str | None) -> None:
    """Print one row as JSON with its version."""
    with opened(database_url) as engine:
        snapshot = load_snapshot(engine)
    row = _row(snapshot, table, row_id)
    data = {"table": table, "version": snapshot.version(table, row_id), "row": jsonable(row)}
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@rows.command("set")
@click.argument("table", type=TABLE)
@click.argument("row_id")
@click.argument("values", nargs=-1, required=True, metavar="FIELD=VALUE...")
@click.option("--expect-version", type=click.IntRange(min=0), help="Refuse unless the row is still at this version.")
@acting_user_option
@database_option
def set_command(
    table: str,
    row_id: str,
    values: tuple[str, ...],
    expect_version: int | None,
    acting: str | None,
    database_url: str | None,
) -> None:
    """Set fields of one row (a new id adds a row). Cells are written as in a CSV file.

    \b
    Exit codes: 0 saved, 1 refused, invalid, or changed by someone else since --expect-version.
    """
    names = {spec.name for spec in column_specs(table)}
    fields: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or name.strip() not in names:
            refuse(f"{item[:60]!r} is not FIELD=VALUE with a column of {table}: {', '.join(sorted(names))}")
        fields[name.strip()] = value
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        snapshot = load_snapshot(engine)
        frame = snapshot.portfolio.table(table)
        current = next((r for r in snapshot.portfolio.records(table) if str(r["id"]) == row_id), None)
        result = upsert_row(snapshot.portfolio, table, {**(current or {}), **fields, "id": row_id})
        if result.portfolio is None:
            refuse(_("not saved:") + "\n" + "\n".join(told(p) for p in errors(result.problems)))
            return
        _save(engine, snapshot, result.portfolio, user, _expected(snapshot, table, row_id, expect_version))
    action = _("Updated {table} {row!r}.") if row_id in frame.index else _("Added {table} {row!r}.")
    click.echo(action.format(table=table, row=row_id))


@rows.command("delete")
@click.argument("table", type=TABLE)
@click.argument("row_id")
@click.option("--expect-version", type=click.IntRange(min=0), help="Refuse unless the row is still at this version.")
@acting_user_option
@database_option
def delete_command(
    table: str, row_id: str, expect_version: int | None, acting: str | None, database_url: str | None
) -> None:
    """Delete one row.

    \b
    Exit codes: 0 deleted, 1 no such row, refused, invalid without it, or changed by someone else.
    """
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        snapshot = load_snapshot(engine)
        _row(snapshot, table, row_id)
        kept = [r for r in snapshot.portfolio.records(table) if str(r["id"]) != row_id]
        result = replace_rows(snapshot.portfolio, table, kept)
        if result.portfolio is None:
            refuse(_("not deleted:") + "\n" + "\n".join(told(p) for p in errors(result.problems)))
            return
        _save(engine, snapshot, result.portfolio, user, _expected(snapshot, table, row_id, expect_version))
    click.echo(_("Deleted {table} {row!r}.").format(table=table, row=row_id))


def _save(
    engine: Engine, snapshot: Snapshot, portfolio: Portfolio, user: User | None, versions: dict[RowKey, int]
) -> None:
    try:
        save_portfolio_as(
            engine=engine, portfolio=portfolio, user=user, expected_versions=versions, base=snapshot.portfolio
        )
    except (PermissionDenied, InvalidPortfolio, ConflictError) as exc:
        click.echo(_("error: {error}").format(error=error(exc)), err=True)
        sys.exit(EXIT_INVALID)


COMMANDS = [rows]
