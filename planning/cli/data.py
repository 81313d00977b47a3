"""Commands on the stored portfolio: init and validate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from sqlalchemy import Engine

from planning.cli.helptext import Command
from planning.cli.language import _, problem_json, told
from planning.io import load_path
from planning.store.audit import SYSTEM
from planning.store.database import is_empty, make_engine, upgrade
from planning.store.shared import import_portfolio_as

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@click.command(cls=Command)
@click.option(
    "--sample",
    "sample_path",
    type=click.Path(path_type=Path),
    default=SAMPLE,
    show_default=True,
    help="Portfolio to load into an empty database.",
)
@click.option("--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in $VEIKART_DATA_DIR or ./var).")
def init(sample_path: Path, database_url: str | None) -> None:
    """Create the schema and load the sample portfolio into an empty database.

    Idempotent: an existing portfolio is left as it is. The sample is imported by the
    system user, so its rows start with versions and audit entries.

    \b
    Example:
      planning init
      DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test planning init
    Exit codes: 0 done, 1 the sample is invalid.
    """
    engine = make_engine(database_url)
    try:
        _init(engine, sample_path)
    finally:
        engine.dispose()  # close pooled connections now, not when garbage-collected


def _init(engine: Engine, sample_path: Path) -> None:
    upgrade(engine)
    if not is_empty(engine):
        click.echo(_("The database already holds a portfolio; nothing loaded."))
        return
    result = load_path(sample_path)
    if result.portfolio is None:
        for problem in result.problems:
            click.echo(told(problem), err=True)
        sys.exit(1)
    import_portfolio_as(engine=engine, portfolio=result.portfolio, user=SYSTEM, note="sample")
    counts = ", ".join(f"{n} {t}" for t, n in result.portfolio.summary().items() if n)
    click.echo(_("Loaded {path}: {counts}.").format(path=sample_path, counts=counts))


@click.command(cls=Command)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(path: Path, as_json: bool) -> None:
    """Check a portfolio in a CSV folder or JSON file.

    Prints one problem a line as table/row/field: message.

    \b
    Example:
      planning validate data/sample
    Exit codes: 0 valid (warnings may be printed), 1 invalid.
    """
    result = load_path(path)
    if as_json:
        rows = [problem_json(p) for p in result.problems]
        click.echo(json.dumps({"valid": result.ok, "problems": rows}, indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            click.echo(told(problem))
        if result.ok:
            count = sum(result.portfolio.summary().values()) if result.portfolio else 0
            click.echo(_("{path}: valid ({rows} rows).").format(path=path, rows=count))
    sys.exit(0 if result.ok else 1)


COMMANDS = [init, validate]
