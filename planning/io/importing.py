"""Storing a portfolio read from a file: all or nothing, as a user, with the audit trail.

The command line (``planning import``) and the app's Import/eksport page both come here:
the file is read and validated first (:mod:`planning.io`), values a database column cannot
hold are refused, then :func:`planning.store.shared.import_portfolio_as` checks the role and
each row and writes everything in one transaction. Anything refused leaves the stored
portfolio as it was.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from planning.domain.columns import column_specs
from planning.domain.loading import LoadResult
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio
from planning.domain.problems import InvalidPortfolio, Problem
from planning.io import load_path
from planning.messages.phrases import phrase
from planning.store.access import IMPORT, User, authorize
from planning.store.database import is_empty, upgrade
from planning.store.shared import import_portfolio_as

MAX_STORED_INTEGER = 2_147_483_647
"""Largest integer every supported database stores in an integer column (PostgreSQL INTEGER)."""


class PortfolioExists(Exception):
    """The database already holds a portfolio and replacing it was not asked for."""


@dataclass
class ImportOutcome:
    """The validation report of an import, and whether the portfolio was stored."""

    result: LoadResult
    stored: bool


def import_into_store(*, engine: Engine, path: str | Path, user: User | None, replace: bool = False) -> ImportOutcome:
    """Validate the portfolio at ``path`` and, when valid, store it as ``user`` (see :func:`store_loaded`)."""
    return store_loaded(engine=engine, result=load_path(path), user=user, replace=replace, note=str(path))


def store_loaded(
    *, engine: Engine, result: LoadResult, user: User | None, replace: bool = False, note: str = ""
) -> ImportOutcome:
    """Store a portfolio read from a file as ``user`` in one transaction, when it is valid.

    The stored portfolio is replaced all-or-nothing: an invalid file, a refused row or a
    conflict leaves it unchanged. Each changed row gets a new version and an audit entry,
    and the import one summary entry noting ``note`` (where the file came from).

    Raises
    ------
    PortfolioExists
        When the file is valid, the database already holds a portfolio and ``replace`` is false.
    PermissionDenied
        When ``user`` may not import (checked once the file is valid), or not change every row
        the file changes.
    ConflictError
        When another user saved one of the rows while the import ran.
    """
    if result.ok and result.portfolio is not None:
        unstorable = storage_problems(result.portfolio)
        if unstorable:
            result = LoadResult(None, result.problems + unstorable)
    if not result.ok or result.portfolio is None:
        return ImportOutcome(result, stored=False)
    authorize(user, IMPORT)  # before saying whether replacing is needed
    upgrade(engine)
    if not replace and not is_empty(engine):
        raise PortfolioExists("the database already holds a portfolio; add --replace to overwrite it")
    try:
        import_portfolio_as(engine=engine, portfolio=result.portfolio, user=user, note=note)
    except InvalidPortfolio as exc:  # the store's own checks; it wrote nothing
        return ImportOutcome(LoadResult(None, result.problems + exc.problems), stored=False)
    return ImportOutcome(result, stored=True)


def storage_problems(portfolio: Portfolio) -> list[Problem]:
    """Values that pass validation but that a database column cannot hold.

    Integers beyond the integer range of every supported database, NaN given for a
    required number (the portfolio holds it as empty), and NaN in lists and pairs of numbers.
    """
    problems: list[Problem] = []
    for table in TABLE_MODELS:
        specs = column_specs(table)
        for record in portfolio.records(table):
            for spec in specs:
                message = _unstorable(spec.kind, spec.required, record[spec.name])
                if message:
                    problems.append(Problem(table, str(record["id"]), spec.name, message, phrase("fix_plain_number")))
    return problems


def _unstorable(kind: str, required: bool, value: object) -> str:
    if value is None:
        return phrase("no_value") if required else ""
    if kind == "integer" and isinstance(value, int) and abs(value) > MAX_STORED_INTEGER:
        return phrase("too_large_to_store", value=value, limit=MAX_STORED_INTEGER)
    numbers = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    if kind in ("list_number", "map_number") and any(isinstance(v, float) and math.isnan(v) for v in numbers):
        return phrase("holds_nan")
    return ""
