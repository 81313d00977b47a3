"""Row versions for optimistic locking, and the conflicts a stale save runs into.

Each portfolio row's version lives in ``row_version``, keyed by (table, row id), with who
changed it last and when. :func:`claim_versions` moves each changed row from the version
the user read to the next with a compare-and-set; a row that moved on meanwhile becomes a
:class:`Conflict` showing the other change (who, when, which fields, old → new).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Field, Session, SQLModel, col, select

from planning.domain.changes import FieldChange, RowChange, RowKey, field_changes, jsonable
from planning.domain.models import TABLE_MODELS
from planning.messages.counts import counted
from planning.messages.render import N_, datetime_text, gettext_in
from planning.store.access import User
from planning.store.audit import AuditEntry
from planning.store.portfolio_lock import lock_portfolio


class RowVersion(SQLModel, table=True):
    """The version of one portfolio row, and who changed it last."""

    __tablename__ = "row_version"
    table_name: str = Field(primary_key=True, max_length=64)
    row_id: str = Field(primary_key=True, max_length=200)
    version: int = Field(description="1 for a row's first versioned write; +1 on every change, deletion too.")
    changed_by: str = Field(max_length=200)
    changed_at: dt.datetime = Field(description="UTC.")


OUTSIDER = "someone outside the versioned store"
"""Who changed a row that moved on without its version (a write that bypassed the store)."""


@dataclass(frozen=True)
class Conflict:
    """A row someone else changed after the user read it."""

    table: str
    row_id: str
    expected_version: int
    current_version: int
    changed_by: str
    changed_at: dt.datetime | None
    fields: list[FieldChange]
    """What the other change did: the row as the user read it → as it is stored now."""
    current: dict[str, Any] | None
    """The row as stored now (``None`` when it was deleted)."""
    mine: list[FieldChange] = field(default_factory=list)
    """The change the user tried to save, which was not written."""

    def __str__(self) -> str:
        return self.told(ConflictWords())

    def told(self, words: ConflictWords) -> str:
        """Who changed the row and when, what they changed, and the change not saved, in ``words``."""
        when = datetime_text(self.changed_at, words.language) if self.changed_at else words.unknown_time
        others = self.current_version - self.expected_version
        count = words.changed_times.format(n=others) if others > 1 else words.changed
        who = words.outsider if self.changed_by == OUTSIDER else self.changed_by
        what = "; ".join(f.told(empty=words.empty, decimal=words.decimal) for f in self.fields) or words.no_field
        if self.current is None:
            what = words.deleted
        yours = "; ".join(f.told(empty=words.empty, decimal=words.decimal) for f in self.mine)
        yours = words.yours.format(fields=yours) if yours else ""
        return words.line.format(table=self.table, row=self.row_id, count=count, who=who, when=when, what=what) + yours


@dataclass(frozen=True)
class ConflictWords:
    """The words a :class:`Conflict` is told in: English by default, any language from the
    catalogs (:meth:`in_language`)."""

    line: str = N_("{table} '{row}' was {count} by {who} at {when}: {what}")
    changed: str = N_("changed")
    changed_times: str = N_("{n} changes since you opened it, the latest")  # only said for n > 1
    language: str = "en"
    """The language the time is written in (:func:`planning.messages.render.datetime_text`, Oslo time)."""
    unknown_time: str = N_("an unknown time")
    outsider: str = N_("someone outside the versioned store")
    no_field: str = N_("no field differs now (changed and changed back)")
    deleted: str = N_("the row was deleted")
    yours: str = N_(" (your change, not saved: {fields})")
    empty: str = N_("(empty)")
    decimal: str = "."

    @classmethod
    def in_language(cls, language: str) -> ConflictWords:
        """The words in ``language`` (``nb`` or ``en``) from the catalogs."""
        told = gettext_in(language)
        english = cls()
        worded = {name: told(getattr(english, name)) for name in WORDED}
        return cls(**worded, language=language, decimal="," if language == "nb" else ".")


WORDED = ("line", "changed", "changed_times", "unknown_time", "outsider", "no_field", "deleted", "yours", "empty")
"""The fields of :class:`ConflictWords` that are words (the others say how to write times and numbers)."""


class ConflictError(RuntimeError):
    """The save touched rows others changed meanwhile; nothing was written."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        lines = "\n".join(str(c) for c in conflicts[:20])
        super().__init__(
            f"not saved: {counted(len(conflicts), 'row was', 'rows were')} changed by someone else "
            f"after you opened them:\n{lines}\n"
            "Nothing was written. Reload, apply your changes again, and save."
        )


def lock_for_write(session: Session) -> None:
    """Take the portfolio's write lock first (:func:`planning.store.portfolio_lock.lock_portfolio`), so the
    reads that follow cannot go stale before the commit."""
    lock_portfolio(session)


def row_versions(session: Session) -> dict[RowKey, int]:
    return {(r.table_name, r.row_id): r.version for r in session.exec(select(RowVersion))}


def claim_versions(
    session: Session, changes: list[RowChange], expected: Mapping[RowKey, int], user: User | None, at: dt.datetime
) -> dict[RowKey, int]:
    """Move each changed row from its expected version to the next; conflicts for rows that moved on."""
    who = user.username if user is not None else "anonymous"
    versions: dict[RowKey, int] = {}
    lost: list[tuple[RowChange, int]] = []
    for change in changes:
        old = expected.get(change.key, 0)
        statement: Any
        if old == 0:
            insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
            values = {"table_name": change.table, "row_id": change.row_id, "version": 1}
            statement = insert(RowVersion).values(**values, changed_by=who, changed_at=at).on_conflict_do_nothing()
        else:
            statement = (
                update(RowVersion)
                .where(col(RowVersion.table_name) == change.table, col(RowVersion.row_id) == change.row_id)
                .where(col(RowVersion.version) == old)
                .values(version=old + 1, changed_by=who, changed_at=at)
            )
        if session.execute(statement.returning(col(RowVersion.version))).first() is not None:
            versions[change.key] = old + 1
        else:
            lost.append((change, old))
    if lost:
        raise ConflictError([_conflict(session, change, old) for change, old in lost])
    return versions


def _conflict(session: Session, change: RowChange, expected: int, *, outsider: bool = False) -> Conflict:
    """What happened to ``change``'s row since the user read it at version ``expected``."""
    stored = session.get(TABLE_MODELS[change.table], change.row_id)
    current = None if stored is None else jsonable(stored.model_dump())
    version = None if outsider else session.get(RowVersion, (change.table, change.row_id))
    start = change.before if version is None else _row_at(session, change, expected, default=change.before)
    return Conflict(
        table=change.table,
        row_id=change.row_id,
        expected_version=expected,
        current_version=version.version if version else expected,
        changed_by=version.changed_by if version else OUTSIDER,
        changed_at=version.changed_at if version else None,
        fields=field_changes(start, current),
        current=current,
        mine=change.field_changes(),
    )


def _row_at(session: Session, change: RowChange, version: int, default: dict[str, Any] | None) -> dict[str, Any] | None:
    """The row as it was at ``version``, from the first audit entry that moved it on (else ``default``)."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.table_name == change.table, AuditEntry.row_id == change.row_id)
        .where(col(AuditEntry.version) > version)
        .order_by(col(AuditEntry.version))
    )
    first = session.exec(query.limit(1)).first()
    return default if first is None else first.before


def check_unchanged_since(session: Session, changes: list[RowChange], expected: Mapping[RowKey, int]) -> None:
    """Each changed row must still be stored as the user read it (catches unversioned writers)."""
    conflicts = []
    for change in changes:
        stored = session.get(TABLE_MODELS[change.table], change.row_id)
        current = None if stored is None else jsonable(stored.model_dump())
        if current != change.before:
            conflicts.append(_conflict(session, change, expected.get(change.key, 0), outsider=True))
    if conflicts:
        raise ConflictError(conflicts)
