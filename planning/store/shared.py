"""One shared portfolio, many users: authorised, versioned, audited saves in one transaction.

Each portfolio row has a version in the ``row_version`` table, keyed by (table, row id).
A user works on a :class:`Snapshot` (the portfolio and the versions it was read at) and
saves with :func:`save_portfolio_as`, which in ONE transaction, holding the portfolio's write
lock (:mod:`planning.store.portfolio_lock`) from its first statement,

1. refuses rows the user may not change (:func:`planning.store.access.changes_allowed`), and
   again, after the checks below, on the rows as they are stored (:func:`check_stored_rights`):
   what the caller passes as its base never decides whose a row is,
2. claims each changed row's next version with a compare-and-set
   (``UPDATE ... WHERE version = expected``), so of two users saving the same row from
   the same version exactly one wins and the other gets a :class:`ConflictError` that
   shows who changed what, when, old → new,
3. checks the stored rows still hold what the user started from (this also catches
   writers that bypass the versions, such as :func:`planning.store.database.save_portfolio`),
4. validates the combination that will be stored when others saved since the user read
   (two changes that are each valid may together make, say, a dependency cycle),
5. writes only the changed rows, so other users' changes to other rows are kept, and
6. appends one audit entry per changed row (and one per import), and keeps each changed
   scenario's new version in its history (:mod:`planning.store.scenario_history`).

Versions live in their own table, not as a column of each portfolio table, so the
portfolio's DataFrames, files, templates and input hashes stay exactly as they are, and
a whole-portfolio rewrite (delete and insert) cannot reset them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from pydantic import ValidationError
from sqlalchemy import Engine, delete
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from planning.domain.cell_errors import error_message
from planning.domain.changes import RowChange, RowKey, row_changes
from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import TABLE_ATTRIBUTES, Portfolio, frame_from_models
from planning.domain.problems import InvalidPortfolio, Problem, errors
from planning.domain.validation import validate
from planning.messages.phrases import phrase
from planning.store.access import IMPORT, User, authorize, changes_allowed, check_changes
from planning.store.audit import new_batch, now, record, record_changes
from planning.store.database import transaction
from planning.store.scenario_history import Saved, record_versions
from planning.store.versions import (
    Conflict,
    ConflictError,
    RowVersion,
    check_unchanged_since,
    claim_versions,
    lock_for_write,
    row_versions,
)

__all__ = [
    "Conflict",
    "ConflictError",
    "RowVersion",
    "SaveResult",
    "Snapshot",
    "import_portfolio_as",
    "load_snapshot",
    "save_portfolio_as",
]

SOURCES = ("edit", "import")


@dataclass
class Snapshot:
    """The portfolio as a user read it, and the version of each row at that moment (0: never versioned)."""

    portfolio: Portfolio
    versions: dict[RowKey, int] = field(default_factory=dict)

    def version(self, table: str, row_id: str) -> int:
        return self.versions.get((table, row_id), 0)

    def after_save(self, saved: Portfolio, result: SaveResult) -> Snapshot:
        """The snapshot to continue from once ``saved`` was stored with ``result``."""
        return Snapshot(saved, {**self.versions, **result.versions})

    def refreshed(self, conflicts: Iterable[Conflict]) -> Snapshot:
        """This snapshot with the conflicting rows as they are now stored (re-apply your edits to it)."""
        portfolio, versions = self.portfolio.copy(), dict(self.versions)
        for conflict in conflicts:
            table = conflict.table
            frame = portfolio.table(table).drop(index=conflict.row_id, errors="ignore")
            if conflict.current is not None:
                row = frame_from_models(table, [TABLE_MODELS[table].model_validate(conflict.current)])
                frame = row if frame.empty else pd.concat([frame, row])
            setattr(portfolio, TABLE_ATTRIBUTES[table], frame)
            versions[(table, conflict.row_id)] = conflict.current_version
        return Snapshot(portfolio, versions)


@dataclass
class SaveResult:
    """What a save wrote: the row changes, each changed row's new version, the audit batch."""

    changes: list[RowChange]
    versions: dict[RowKey, int]
    batch: str


def _read_portfolio(session: Session) -> Portfolio:
    models = {
        table: list(session.exec(select(model).order_by(model.id)))  # type: ignore[attr-defined]
        for table, model in TABLE_MODELS.items()
    }
    return Portfolio.from_models(models)


def load_snapshot(engine: Engine) -> Snapshot:
    """The stored portfolio with its row versions, read consistently (one snapshot on PostgreSQL)."""
    with Session(engine) as session:
        if engine.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        versions = row_versions(session)  # versions first: a save in between makes them older, never newer
        return Snapshot(_read_portfolio(session), versions)


def save_portfolio_as(
    *,
    engine: Engine,
    portfolio: Portfolio,
    user: User | None,
    expected_versions: Mapping[RowKey, int] | None = None,
    base: Portfolio | None = None,
    source: str = "edit",
    note: str = "",
    restored_from: int | None = None,
) -> SaveResult:
    """Store the rows of ``portfolio`` that differ from ``base``, as ``user``, in one transaction.

    Parameters
    ----------
    portfolio
        The portfolio as the user wants it.
    user
        Who saves; ``None`` (anonymous) may not write.
    expected_versions
        The row versions the user read (``Snapshot.versions``); a row missing from it is
        expected to be unversioned (0). ``None`` takes the versions stored at save time,
        for a read-and-write in one go such as an import.
    base
        The portfolio the user started from (``Snapshot.portfolio``); only rows that
        differ from it are written. ``None`` compares with the stored portfolio instead,
        replacing it whole (an import).
    source
        ``edit`` or ``import`` (also records one ``import`` audit entry; needs the import right).
    note
        Kept with the audit entries, for example the imported file's name.
    restored_from
        For a restore of one scenario: the version of its history brought back (kept with
        the new version in :mod:`planning.store.scenario_history`).

    Raises
    ------
    PermissionDenied
        Listing every changed row ``user`` may not change; nothing is written.
    InvalidPortfolio
        When a changed row or a cross-table rule fails (also together with others' changes).
    ConflictError
        When another user changed one of the rows after it was read; nothing is written.
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source '{source}'; use one of: {', '.join(SOURCES)}")
    if source == "import":
        authorize(user, IMPORT)
    changes: list[RowChange] | None = None
    if base is not None:
        changes = changes_allowed(user, base, portfolio)
        if not changes:
            return SaveResult([], {}, "")
        check_valid(portfolio, changes)
    with transaction(engine) as session:
        return _save(
            session, portfolio, user, changes, expected_versions, source=source, note=note, restored_from=restored_from
        )


def _save(
    session: Session,
    portfolio: Portfolio,
    user: User | None,
    changes: list[RowChange] | None,
    expected_versions: Mapping[RowKey, int] | None,
    *,
    source: str,
    note: str,
    restored_from: int | None = None,
) -> SaveResult:
    """The transaction of :func:`save_portfolio_as`; ``changes`` is ``None`` to compare with the store."""
    lock_for_write(session)
    stored_versions = row_versions(session)
    stored = _read_portfolio(session)
    has_base = changes is not None
    if changes is None:
        changes = row_changes(stored, portfolio)
        check_changes(user, changes)
        check_valid(portfolio, changes)
    expected = stored_versions if expected_versions is None else expected_versions
    batch, at = new_batch(), now()
    versions = claim_versions(session, changes, expected, user, at)
    if has_base:
        check_unchanged_since(session, changes, expected)
        merged = _merged(stored, portfolio, changes)
        check_stored_rights(user, stored, merged, changes)
        if expected_versions is None or _others_changed(stored_versions, expected, changes):
            _check_merged(merged)
    _write(session, portfolio, changes)
    _audit(session, user, changes, versions, batch=batch, at=at, source=source, note=note)
    record_versions(session, changes, versions, Saved(user, at, batch, note, restored_from))
    return SaveResult(changes, versions, batch)


def import_portfolio_as(*, engine: Engine, portfolio: Portfolio, user: User | None, note: str = "") -> SaveResult:
    """Replace the stored portfolio with ``portfolio`` as ``user``: one transaction, every row checked and audited."""
    return save_portfolio_as(engine=engine, portfolio=portfolio, user=user, source="import", note=note)


def check_valid(portfolio: Portfolio, changes: Iterable[RowChange]) -> None:
    """Each changed row through its model, then the cross-table rules on the whole portfolio.

    Raises
    ------
    InvalidPortfolio
        Naming table, row and field of every problem.
    """
    problems: list[Problem] = []
    for change in changes:
        if change.after is None:
            continue
        model = TABLE_MODELS[change.table]
        try:
            model.model_validate(change.after)
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else "-"
                message = error_message(error)
                problems.append(Problem(change.table, change.row_id, name, message))
    if not problems:
        problems = errors(validate(portfolio))
    if problems:
        raise InvalidPortfolio(problems)


def _others_changed(stored: Mapping[RowKey, int], expected: Mapping[RowKey, int], changes: list[RowChange]) -> bool:
    mine = {change.key for change in changes}
    return any(version != expected.get(key, 0) for key, version in stored.items() if key not in mine)


def _merged(stored: Portfolio, portfolio: Portfolio, changes: list[RowChange]) -> Portfolio:
    """The portfolio this save will leave in the store: ``stored`` with the changed rows from ``portfolio``."""
    merged = stored.copy()
    for table in {change.table for change in changes}:
        ids = {change.row_id for change in changes if change.table == table}
        kept = [row for row in stored.models(table) if str(row.id) not in ids]  # type: ignore[attr-defined]
        mine = [row for row in portfolio.models(table) if str(row.id) in ids]  # type: ignore[attr-defined]
        setattr(merged, TABLE_ATTRIBUTES[table], frame_from_models(table, kept + mine))
    return merged


def check_stored_rights(user: User | None, stored: Portfolio, merged: Portfolio, changes: list[RowChange]) -> None:
    """Check the rights again on the rows as stored and as they will be stored, never on the caller's base.

    A doctored base portfolio (another region's initiative shown as the user's own) cannot lend
    a row a region it does not have in the store: the region of each changed row, and the
    regions its cost is shared with, are read from ``stored`` (before) and ``merged`` (after).

    Raises
    ------
    PermissionDenied
        Listing every refused row; the transaction rolls back.
    """
    tables = tuple(dict.fromkeys(change.table for change in changes))
    mine = {change.key for change in changes}
    check_changes(user, [change for change in row_changes(stored, merged, tables) if change.key in mine])


def _check_merged(merged: Portfolio) -> None:
    """Others changed other rows since the user read: validate the combination that will be stored."""
    problems = errors(validate(merged))
    if problems:
        note = Problem("-", "-", "-", phrase("invalid_with_others"))
        raise InvalidPortfolio([note, *problems])


def _write(session: Session, portfolio: Portfolio, changes: list[RowChange]) -> None:
    """Delete, then insert or update, only the changed rows (typed values from ``portfolio``)."""
    for change in reversed(changes):
        if change.action == "delete":
            model = TABLE_MODELS[change.table]
            session.execute(delete(model).where(model.id == change.row_id))  # type: ignore[attr-defined]
    by_table: dict[str, set[str]] = {}
    for change in changes:
        if change.action != "delete":
            by_table.setdefault(change.table, set()).add(change.row_id)
    try:
        for table, ids in by_table.items():
            for row in portfolio.models(table):
                if str(row.id) in ids:  # type: ignore[attr-defined]
                    session.merge(row)
        session.flush()
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise InvalidPortfolio([Problem("-", "-", "-", phrase("database_refused", reason=reason))]) from exc


def _audit(
    session: Session,
    user: User | None,
    changes: list[RowChange],
    versions: Mapping[RowKey, int],
    *,
    batch: str,
    at: dt.datetime,
    source: str,
    note: str,
) -> None:
    record_changes(session, user=user, changes=changes, versions=versions, batch=batch, at=at, note=note)
    if source == "import":
        counts: dict[str, dict[str, int]] = {}
        for change in changes:
            counts.setdefault(change.table, {}).setdefault(change.action, 0)
            counts[change.table][change.action] += 1
        record(
            session,
            user=user,
            action="import",
            table="portfolio",
            row_id="*",
            after=counts,
            batch=batch,
            note=note,
            at=at,
        )
