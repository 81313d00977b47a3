"""Commands that move a portfolio between files and the database: template, import, export.

An import acts as the user given with ``--as`` (or ``$VEIKART_USER``, or the development
switch) and goes through :func:`planning.io.importing.import_into_store`: the role and
row checks, row versions and the audit trail, all in one transaction.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from planning import io as portfolio_files
from planning.cli.common import EXIT_INVALID
from planning.cli.helptext import Command
from planning.cli.language import _, error, problem_json, say
from planning.cli.users import acting_user, acting_user_option, stored_portfolio
from planning.cli.words import word
from planning.domain.problems import InvalidPortfolio, Problem
from planning.io import write_csv_folder, write_json
from planning.io.importing import PortfolioExists, import_into_store
from planning.messages.message import said
from planning.messages.phrases import phrase
from planning.store.access import PermissionDenied, User
from planning.store.database import make_engine, upgrade
from planning.store.shared import ConflictError

EXIT_USAGE = 2

DATABASE_OPTION = click.option(
    "--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in $VEIKART_DATA_DIR or ./var)."
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")


def problem_line(problem: Problem) -> str:
    """``sheet/row N/column: message Fix: ...``; the row is the id where no row number is known."""
    row = phrase("row_number", line=problem.line) if problem.line is not None else problem.row
    text = f"{problem.table}/{say(row)}/{say(problem.field)}: {say(problem.message)}"
    if problem.fix:
        text += " " + _("Fix:") + " " + say(problem.fix)
    return text if problem.severity == "error" else f"[{problem.severity}] {text}"


def export_format(target: str) -> str:
    """``xlsx``, ``json`` or ``csv`` (a path without suffix, or ending in a slash)."""
    suffix = Path(target).suffix.lower()
    if target.endswith(("/", "\\")) or not suffix:
        return "csv"
    if suffix in (".xlsx", ".json"):
        return suffix.removeprefix(".")
    raise click.BadParameter(
        _("cannot tell the format of '{target}': use a name ending in .xlsx or .json, or a folder for CSV").format(
            target=target
        ),
        param_hint="PATH",
    )


def _echo_json(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def refusal_line(exc: PermissionDenied | ConflictError) -> str:
    """A refusal or a conflict as one line (every refused row or conflict, separated by ``;``)."""
    if isinstance(exc, PermissionDenied):
        reasons = exc.reasons[:20] + ([f"and {len(exc.reasons) - 20} more"] if len(exc.reasons) > 20 else [])
        return "; ".join(reasons)
    return "; ".join(str(conflict) for conflict in exc.conflicts) + " (nothing was written; import again)"


@click.command(cls=Command)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@JSON_OPTION
def template(path: Path, as_json: bool) -> None:
    """Write an empty portfolio workbook (.xlsx) to fill in.

    One sheet per table with a header row; hover over a header for the column's
    description, unit, allowed values and default.

    \b
    Example:
      planning template portfolio.xlsx
    Exit codes: 0 written, 1 the file cannot be written, 2 the name does not end in .xlsx.
    """
    if path.suffix.lower() != ".xlsx":
        raise click.BadParameter(_("the template is a workbook: give a name ending in .xlsx"), param_hint="PATH")
    try:
        portfolio_files.write_template(path)
    except OSError as exc:
        raise click.ClickException(_("cannot write {path}: {why}").format(path=path, why=exc.strerror or exc)) from exc
    if as_json:
        _echo_json({"written": str(path), "format": "xlsx"})
    else:
        click.echo(_("Wrote the template {path}.").format(path=path))


@click.command("import", cls=Command)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Replace the portfolio already in the database.")
@acting_user_option
@DATABASE_OPTION
@JSON_OPTION
def import_command(path: Path, replace: bool, acting: str | None, database_url: str | None, as_json: bool) -> None:
    """Validate a portfolio file and store it as the --as user, all or nothing.

    PATH is an .xlsx workbook, a CSV folder or a .json file. Every problem is printed,
    one a line, as sheet/row N/column: message Fix: what to do. Nothing is stored unless
    the whole portfolio is valid and the user may change every row it changes; a
    portfolio already in the database is only replaced with --replace. The import is in
    the audit trail, with a new version of each changed row.

    \b
    Example:
      planning import portfolio.xlsx --as kari@helse-vest.no
      planning import data/sample --replace --as kari@helse-vest.no
    Exit codes: 0 stored, 1 invalid input, refused (role), a conflict, or a portfolio is
    already stored without --replace.
    """
    engine = make_engine(database_url)
    user: User | None = None
    try:
        upgrade(engine)
        user = acting_user(engine, acting)
        outcome = import_into_store(engine=engine, path=path, user=user, replace=replace)
    except (PortfolioExists, PermissionDenied, ConflictError) as exc:
        message = (
            say(said(exc))
            if isinstance(exc, PortfolioExists)
            else _("not imported: {why}").format(why=refusal_line(exc))
        )
        if isinstance(exc, PermissionDenied) and user is None:
            message += " " + _("(act as a stored user with --as USERNAME)")
        if as_json:
            _echo_json({"valid": True, "stored": False, "error": message, "problems": []})
        else:
            click.echo(_("error: {error}").format(error=message), err=True)
        sys.exit(EXIT_INVALID)
    finally:
        engine.dispose()
    result = outcome.result
    if as_json:
        counts = result.portfolio.summary() if outcome.stored and result.portfolio is not None else {}
        _echo_json(
            {
                "valid": result.ok,
                "stored": outcome.stored,
                "rows": counts,
                "problems": [problem_json(p) for p in result.problems],
            }
        )
    else:
        for problem in result.problems:
            click.echo(problem_line(problem))
        if outcome.stored and result.portfolio is not None:
            counts_text = ", ".join(f"{n} {t}" for t, n in result.portfolio.summary().items() if n)
            click.echo(_("Imported {path}: {counts}.").format(path=path, counts=counts_text or _("no rows")))
        else:
            click.echo(_("{path}: not imported; fix the problems above and import again.").format(path=path), err=True)
    sys.exit(0 if outcome.stored else EXIT_INVALID)


@click.command(cls=Command)
@click.argument("path", type=click.Path())
@click.option(
    "--plan",
    "plan_ref",
    metavar="ID|baseline",
    help="Export a stored plan (its id, or 'baseline' for the approved plan) instead of the portfolio.",
)
@click.option("--scenario", help="Optimise this scenario now and export its plan (when no --plan is named).")
@DATABASE_OPTION
@JSON_OPTION
def export(path: str, plan_ref: str | None, scenario: str | None, database_url: str | None, as_json: bool) -> None:
    """Write the stored portfolio, or a plan, to a file: .xlsx, .json, or a CSV folder.

    The format follows PATH: a name ending in .xlsx or .json, otherwise (no suffix, or
    a trailing slash) a folder with one TABLE.csv per table. With --plan or --scenario
    the plan is written instead: roadmap (start and finish per initiative), spend per
    region and year against the envelope, benefits per year and the solver's facts.

    \b
    Example:
      planning export portfolio.xlsx
      planning export backup/
      planning export plan.xlsx --plan baseline
      planning export plan-12.json --plan 12
      planning export basis.xlsx --scenario Basis
    Exit codes: 0 written, 1 no database, no such plan or scenario, no plan found, or the
    file cannot be written, 2 unknown format or usage.
    """
    kind = export_format(path)
    if plan_ref is not None or scenario is not None:
        _export_plan(path, kind, plan_ref, scenario, database_url, as_json)
        return
    engine = make_engine(database_url)
    try:
        portfolio = stored_portfolio(engine)
    finally:
        engine.dispose()
    target = Path(path)
    try:
        if kind == "xlsx":
            portfolio_files.write_portfolio(portfolio, target)
        elif kind == "json":
            write_json(portfolio, target)
        else:
            write_csv_folder(portfolio, target)
    except OSError as exc:
        raise click.ClickException(
            _("cannot write {path}: {why}").format(path=target, why=exc.strerror or exc)
        ) from exc
    if as_json:
        _echo_json({"written": str(target), "format": kind, "rows": portfolio.summary()})
    else:
        counts = ", ".join(f"{n} {t}" for t, n in portfolio.summary().items() if n)
        click.echo(
            _("Exported to {path} ({kind}): {counts}.").format(path=target, kind=kind, counts=counts or _("no rows"))
        )


def _export_plan(
    path: str, kind: str, plan_ref: str | None, scenario: str | None, database_url: str | None, as_json: bool
) -> None:
    """Write a stored plan (--plan ID|baseline) or a scenario optimised now (--scenario)."""
    from planning.io.plan_export import write_plan
    from planning.optimise import optimise
    from planning.plans.baseline import current_baseline
    from planning.plans.runs import get_plan

    if plan_ref is not None and plan_ref != "baseline" and not plan_ref.isdigit():
        raise click.BadParameter(_("give a stored plan's id or 'baseline'"), param_hint="--plan")
    engine = make_engine(database_url)
    try:
        portfolio = stored_portfolio(engine)
        source: dict[str, Any]
        if plan_ref == "baseline":
            baseline = current_baseline(engine)
            if baseline is None:
                raise click.ClickException(_("no plan has been approved yet; approve one, or name --plan ID"))
            plan = baseline.stored.plan
            source = {"plan": baseline.stored.id, "baseline": True}
        elif plan_ref is not None:
            try:
                plan = get_plan(engine, int(plan_ref)).plan
            except KeyError as exc:
                raise click.ClickException(error(exc)) from exc
            source = {"plan": int(plan_ref)}
        else:
            assert scenario is not None
            try:
                plan = optimise(portfolio, scenario, explain=False)
            except KeyError as exc:
                raise click.ClickException(error(exc)) from exc
            except InvalidPortfolio as exc:
                raise click.ClickException(_("the stored portfolio is invalid: {why}").format(why=error(exc))) from exc
            if not plan.has_plan:
                line = _("scenario {scenario} has no plan ({status})")
                raise click.ClickException(
                    line.format(scenario=scenario, status=word("plan_status", plan.facts.status))
                )
            source = {"scenario": scenario}
    finally:
        engine.dispose()
    target = Path(path)
    try:
        write_plan(plan, portfolio, target, words=say)
    except OSError as exc:
        raise click.ClickException(
            _("cannot write {path}: {why}").format(path=target, why=exc.strerror or exc)
        ) from exc
    chosen = int(plan.initiatives["selected_opt"].astype(bool).sum())
    if as_json:
        _echo_json(
            {
                "written": str(target),
                "format": kind,
                **source,
                "scenario": plan.scenario,
                "status": plan.facts.status,
                "selected": chosen,
            }
        )
    else:
        line = _("Exported the plan of {scenario} to {path} ({kind}): {chosen} initiatives selected, status {status}.")
        click.echo(line.format(scenario=plan.scenario, path=target, kind=kind, chosen=chosen,
                               status=word("plan_status", plan.facts.status)))  # fmt: skip


COMMANDS = [template, import_command, export]
