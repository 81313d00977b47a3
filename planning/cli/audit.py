"""``planning audit``: view, filter and export the append-only audit trail."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click
import pandas as pd

from planning.cli.common import database_option
from planning.cli.users import opened
from planning.io.audit_files import export_audit
from planning.store.audit import ACTIONS, audit_log

DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _filters(function: Any) -> Any:
    options = [
        click.option("--since", type=click.DateTime(DATE_FORMATS), help="From this date or time (UTC)."),
        click.option("--until", type=click.DateTime(DATE_FORMATS), help="Before this date or time (UTC)."),
        click.option("--user", "actor", help="Only entries by this username."),
        click.option("--table", help="Only entries on this table, for example initiative."),
        click.option("--action", type=click.Choice(ACTIONS), help="Only this action."),
        click.option("--row", "row_id", help="Only entries on this row id."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.replace(tzinfo=dt.UTC)


def _log(database_url: str | None, **filters: Any) -> pd.DataFrame:
    for name in ("since", "until"):
        filters[name] = _utc(filters[name])
    with opened(database_url) as engine:
        return audit_log(engine, **filters)


@click.group()
def audit() -> None:
    """View and export the audit trail: who changed what, when, before and after.

    \b
    Example:
      planning audit show --table initiative --since 2027-01-01
      planning audit export audit.csv --since 2027-01-01
    """


@audit.command("show")
@_filters
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Newest entries to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@database_option
def show(
    since: dt.datetime | None,
    until: dt.datetime | None,
    actor: str | None,
    table: str | None,
    action: str | None,
    row_id: str | None,
    limit: int,
    as_json: bool,
    database_url: str | None,
) -> None:
    """Print the newest audit entries matching the filters, oldest of them first."""
    log = _log(database_url, since=since, until=until, user=actor, table=table, action=action, row_id=row_id)
    log = log.tail(limit)
    if as_json:
        records = [{k: _json_cell(v) for k, v in row.items()} for row in log.to_dict("records")]
        click.echo(json.dumps(records, indent=2, ensure_ascii=False, default=str))
        return
    for row in log.to_dict("records"):
        at = row["at"].strftime("%Y-%m-%d %H:%M:%S") if isinstance(row["at"], dt.datetime) else row["at"]
        click.echo(f"{at}  {row['actor']} ({row['role']})  {row['action']} {row['table']} {row['row_id']}")
    if log.empty:
        click.echo("No audit entries match.")


def _json_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


@audit.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@_filters
@database_option
def export(
    path: Path,
    since: dt.datetime | None,
    until: dt.datetime | None,
    actor: str | None,
    table: str | None,
    action: str | None,
    row_id: str | None,
    database_url: str | None,
) -> None:
    """Write the audit entries matching the filters to PATH (.csv or .json).

    Text that a spreadsheet would run as a formula (starting with = + - @) is written with
    a leading apostrophe in CSV, so opening the file never runs anything.

    \b
    Exit codes: 0 written, 1 the file cannot be written, 2 a name not ending in .csv or .json.
    """
    if path.suffix.lower() not in (".csv", ".json"):
        raise click.BadParameter("give a name ending in .csv or .json", param_hint="PATH")
    log = _log(database_url, since=since, until=until, user=actor, table=table, action=action, row_id=row_id)
    try:
        kind = export_audit(log, path)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from exc
    click.echo(f"Wrote {len(log)} audit entries to {path} ({kind}).")


COMMANDS = [audit]
