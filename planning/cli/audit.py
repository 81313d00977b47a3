"""``planning audit``: view, filter and export the append-only audit trail."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
import pandas as pd

from planning.cli.common import EXIT_INVALID, database_option
from planning.cli.helptext import Group
from planning.cli.language import _, say
from planning.cli.users import opened
from planning.io.audit_files import export_audit
from planning.messages.counts import counted
from planning.store.audit import ACTIONS, audit_log
from planning.store.audit_verify import verify_audit

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


@click.group(cls=Group)
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
        click.echo(_("No audit entries match."))


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
        raise click.BadParameter(_("give a name ending in .csv or .json"), param_hint="PATH")
    log = _log(database_url, since=since, until=until, user=actor, table=table, action=action, row_id=row_id)
    try:
        kind = export_audit(log, path)
    except OSError as exc:
        raise click.ClickException(_("cannot write {path}: {why}").format(path=path, why=exc.strerror or exc)) from exc
    entries = counted(len(log), _("audit entry"), _("audit entries"))
    click.echo(_("Wrote {entries} to {path} ({kind}).").format(entries=entries, path=path, kind=kind))


@audit.command("verify")
@click.option("--anchor", help="The newest entry's hash from an earlier verify: the chain must still hold it.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@database_option
def verify(anchor: str | None, as_json: bool, database_url: str | None) -> None:
    """Check the audit chain and the approval records it seals; name the first broken link.

    Each entry's hash covers its content and the hash of the entry before it, so an entry
    deleted, altered or back-dated, and an approval or decision changed, deleted or added
    outside the application, breaks the chain. Write the newest hash down outside the
    database and pass it with --anchor later: deleting the newest entries is caught too.

    \b
    Example:
      planning audit verify
      planning audit verify --anchor 3f2a...c9

    \b
    Exit codes: 0 intact, 1 broken (the first broken link first), 3 unexpected.
    """
    with opened(database_url) as engine:
        report = verify_audit(engine, anchor=anchor)
    if as_json:
        breaks = [{"entry": b.entry_id, "kind": b.kind, "message": b.message} for b in report.breaks]
        result = {"intact": report.intact, "entries": report.entries, "records": report.records}
        click.echo(json.dumps(result | {"head": report.head, "breaks": breaks}, indent=2, ensure_ascii=False))
    elif report.intact:
        click.echo(_("Audit chain intact: {entries} entries, {records} approval records sealed.").format(
            entries=report.entries, records=report.records))  # fmt: skip
        click.echo(
            _("Newest entry's hash: {head} (keep it; check later with --anchor).").format(head=report.head or "-")
        )
    else:
        first = report.first
        assert first is not None
        click.echo(_("Audit chain broken: {message}").format(message=say(first.message)), err=True)
        for other in report.breaks[1:20]:
            click.echo("  " + _("also: {message}").format(message=say(other.message)), err=True)
        if len(report.breaks) > 20:
            click.echo("  " + _("... and {count} more").format(count=len(report.breaks) - 20), err=True)
    if not report.intact:
        sys.exit(EXIT_INVALID)


COMMANDS = [audit]
