"""What every command shares: its exit codes, the database option, and refusing with one line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

EXIT_INVALID = 1
"""The input is invalid, the request was refused, or the question has no answer."""
EXIT_ERROR = 3
"""An unexpected error."""
F = TypeVar("F", bound=Callable[..., Any])


def database_option(function: F) -> F:
    """``--database-url`` (or ``DATABASE_URL``), the database a command reads and writes."""
    option = click.option(
        "--database-url", envvar="DATABASE_URL", help="Database (default: SQLite in $VEIKART_DATA_DIR or ./var)."
    )
    return option(function)


def refuse(message: str) -> NoReturn:
    """Print ``error: message`` and exit with :data:`EXIT_INVALID` (refused, invalid or conflicting)."""
    from planning.cli.language import _, say

    click.echo(_("error: {error}").format(error=say(message)), err=True)
    sys.exit(EXIT_INVALID)
