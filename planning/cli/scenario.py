"""``planning scenario``: the kept versions of a scenario, and restoring one.

Every save of a scenario (from the app, an import or ``planning rows``) keeps a version
(:mod:`planning.store.scenario_history`); ``history`` lists them, ``restore`` stores an earlier
one as the newest version, as the ``--as`` user, checked and audited like any save.
"""

from __future__ import annotations

from typing import Any

import click
import pandas as pd

from planning.cli.baseline import emit, json_option, opened, table
from planning.cli.common import database_option
from planning.cli.helptext import Group
from planning.cli.language import _
from planning.cli.users import acting_user, acting_user_option
from planning.store.scenario_history import ScenarioVersion, scenario_history, version_changes
from planning.store.scenarios import restore_scenario


@click.group("scenario", cls=Group)
def scenario() -> None:
    """List the kept versions of a scenario and restore one.

    \b
    Example:
      planning scenario history Basis
      planning scenario restore Basis 2 --as kari@helse-vest.no
    """


def _what(version: ScenarioVersion) -> str:
    if version.restored_from is not None:
        return _("restored from version {version}").format(version=version.restored_from)
    return {"unrecorded": _("stored before history was kept")}.get(version.kind, version.kind)


def _json(version: ScenarioVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "kind": version.kind,
        "saved_by": version.saved_by or None,
        "saved_at": None if version.saved_at is None else version.saved_at.isoformat(),
        "row_version": version.row_version,
        "restored_from": version.restored_from,
        "note": version.note,
        "content": version.content,
    }


@scenario.command("history")
@click.argument("name")
@database_option
@json_option
def history_command(name: str, database_url: str | None, as_json: bool) -> None:
    """List every kept version of scenario NAME, oldest first, with who saved it, when, and what changed.

    \b
    Example:
      planning scenario history Kutt20
      planning scenario history Basis --json
    Exit codes: 0 listed, 1 no version kept for NAME, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        kept = scenario_history(engine, name)
        if not kept:
            raise LookupError(
                _("no versions of scenario '{name}' are kept (names are case-sensitive)").format(name=name)
            )
    if as_json:
        emit({"scenario": name, "versions": [_json(v) for v in kept]})
        return
    changes = version_changes(kept)
    rows = [
        {
            _("version"): v.version,
            _("saved by"): v.saved_by or _("unknown"),
            _("when (UTC)"): _("unknown") if v.saved_at is None else v.saved_at.strftime("%Y-%m-%d %H:%M"),
            _("what"): _what(v),
            _("changes"): "" if i == 0 or kept[i - 1].content is None else "; ".join(str(c) for c in changes[i]),
        }
        for i, v in enumerate(kept)
    ]
    click.echo(table(pd.DataFrame(rows)))


@scenario.command("restore")
@click.argument("name")
@click.argument("version", type=click.IntRange(min=1))
@click.option(
    "--expect-version",
    type=click.IntRange(min=0),
    default=None,
    help="Refuse when the stored row is no longer at this row version (see 'planning rows show scenario NAME').",
)
@acting_user_option
@database_option
def restore_command(
    name: str, version: int, expect_version: int | None, acting: str | None, database_url: str | None
) -> None:
    """Store VERSION of scenario NAME as its newest version, as the --as user.

    Nothing is removed: the version replaced stays in the history, and the restore is
    recorded in the audit trail ("restored from version N"). A deleted scenario comes back.

    \b
    Example:
      planning scenario restore Basis 2 --as kari@helse-vest.no
    Exit codes: 0 restored (or already that version), 1 unknown scenario or version, a
    deletion, invalid today, refused (role) or changed by someone else, 2 usage, 3 unexpected.
    """
    with opened(database_url) as engine:
        user = acting_user(engine, acting)
        made = restore_scenario(engine, name, version, user=user, expected_version=expect_version)
    if made is None:
        line = _("Scenario {name} already holds version {version}; nothing changed.")
        click.echo(line.format(name=name, version=version))
    else:
        click.echo(_("Restored version {version} of scenario {name} as version {new}.").format(
            version=version, name=name, new=made.version))  # fmt: skip


COMMANDS = [scenario]
