"""Verify the audit chain and the approval records it seals (``planning audit verify``).

:func:`verify_audit` walks the audit trail in id order and recomputes each entry's hash
(:mod:`planning.store.audit_chain`). It reports, in order:

- an entry whose hash does not match its content (altered),
- an entry that does not follow the entry before it (one deleted before it, or it was inserted),
- an entry without a hash (written outside the application),
- an entry dated earlier than the one before it (back-dated),
- an approval record (``plan_approval``, ``decision_case``, ``case_version``, ``case_decision``)
  that is missing, differs from its seal, or has no entry sealing it,
- an approval marked superseded that no later approval replaced, or the reverse.

A chain can only show what happened up to its last entry: deleting the newest entries
leaves a shorter chain that is whole. :attr:`AuditReport.head` is the newest entry's hash;
write it down outside the database (in the minutes of a meeting, say) and pass it back
with ``--anchor``: the chain must still hold it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from planning.messages.phrases import phrase
from planning.store.audit import AuditEntry
from planning.store.audit_chain import BACKDATE_TOLERANCE, GENESIS, content_of, entry_hash, record_hash
from planning.store.case_records import CaseDecision, CaseVersion, DecisionCase
from planning.store.plan_records import PlanApproval

SEALED_TABLES: dict[str, Any] = {
    "plan_approval": PlanApproval,
    "decision_case": DecisionCase,
    "case_version": CaseVersion,
    "case_decision": CaseDecision,
}
SEALING_ACTIONS = {"approve": "plan_approval", "open_case": "decision_case", "revise_case": "case_version"}
SEALING_ACTIONS |= {"decide": "case_decision"}


@dataclass(frozen=True)
class Break:
    """One broken link: the entry (or record) and what is wrong, in words."""

    entry_id: int | None
    kind: str
    message: str


@dataclass
class AuditReport:
    """What :func:`verify_audit` found: entries checked, the newest entry's hash, every break in order."""

    entries: int = 0
    records: int = 0
    head: str | None = None
    breaks: list[Break] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks

    @property
    def first(self) -> Break | None:
        return self.breaks[0] if self.breaks else None


def verify_audit(engine: Engine, *, anchor: str | None = None) -> AuditReport:
    """Check the whole audit chain and the approval records it seals; ``anchor`` must be in the chain."""
    report = AuditReport()
    with Session(engine) as session:
        entries = list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))))
        report.entries = len(entries)
        report.breaks.extend(_chain_breaks(entries))
        report.head = next((e.entry_hash for e in reversed(entries) if e.entry_hash), None)
        if anchor is not None and anchor.strip().lower() not in {e.entry_hash for e in entries}:
            report.breaks.append(Break(None, "anchor", phrase("audit_anchor_missing", anchor=anchor.strip())))
        report.breaks.extend(_seal_breaks(session, entries, report))
    return report


def _chain_breaks(entries: list[AuditEntry]) -> Iterator[Break]:
    expected, last_at, last_id = GENESIS, None, None
    for entry in entries:
        if entry.entry_hash is None or entry.prev_hash is None:
            yield Break(entry.id, "unhashed", phrase("audit_unhashed", id=entry.id))
            continue
        if entry.prev_hash != expected:
            before = phrase("audit_chain_start") if last_id is None else phrase("audit_entry_ref", id=last_id)
            yield Break(entry.id, "link", phrase("audit_link_broken", id=entry.id, before=before))
        if entry_hash(entry.prev_hash, content_of(entry)) != entry.entry_hash:
            yield Break(entry.id, "altered", phrase("audit_altered", id=entry.id))
        at = _utc(entry.at)
        if last_at is not None and at < last_at - BACKDATE_TOLERANCE:
            yield Break(
                entry.id, "backdated", phrase("audit_backdated", id=entry.id, at=_shown(at), last=_shown(last_at))
            )
        expected, last_at, last_id = entry.entry_hash, max(at, last_at) if last_at else at, entry.id


def _seal_breaks(session: Session, entries: list[AuditEntry], report: AuditReport) -> Iterator[Break]:
    sealed: set[tuple[str, str]] = set()
    replaced: set[int] = set()
    for entry in entries:
        table = SEALING_ACTIONS.get(entry.action) or (entry.table_name if entry.action == "seal" else None)
        if entry.action == "approve" and isinstance(entry.after, dict):
            replaced |= {int(i) for i in entry.after.get("superseded") or [] if str(i).isdigit()}
        if table is None or table not in SEALED_TABLES or entry.record_hash is None:
            continue
        rows = _sealed_rows(session, entry, table)
        sealed |= {(name, row_id) for name, row_id, _ in rows}
        missing = [f"{name} {row_id}" for name, row_id, row in rows if row is None]
        if missing:
            yield Break(
                entry.id, "record_missing", phrase("audit_record_missing", records=", ".join(missing), id=entry.id)
            )
        elif record_hash([(name, row) for name, _, row in rows]) != entry.record_hash:
            records = ", ".join(f"{name} {row_id}" for name, row_id, _ in rows)
            yield Break(entry.id, "record_altered", phrase("audit_record_altered", records=records, id=entry.id))
    for table, model in SEALED_TABLES.items():
        for row in session.exec(select(model).order_by(model.id)):
            report.records += 1
            if (table, str(row.id)) not in sealed:
                yield Break(None, "record_unsealed", phrase("audit_record_unsealed", record=f"{table} {row.id}"))
            if table == "plan_approval" and bool(row.superseded) != (row.id in replaced):
                key = "audit_superseded_unrecorded" if row.superseded else "audit_replaced_but_current"
                yield Break(None, "superseded", phrase(key, id=row.id))


def _sealed_rows(session: Session, entry: AuditEntry, table: str) -> list[tuple[str, str, Any]]:
    """(table, id, stored row or ``None``) of each record ``entry`` seals."""
    rows: list[tuple[str, str, Any]] = [(table, entry.row_id, _get(session, table, entry.row_id))]
    if entry.action == "open_case":
        query = select(CaseVersion).where(CaseVersion.case_id == _int(entry.row_id), CaseVersion.number == 1)
        first = session.exec(query).first()
        version_id = str(first.id) if first is not None else phrase("audit_first_version", case=entry.row_id)
        rows.append(("case_version", version_id, first))
    return rows


def _get(session: Session, table: str, row_id: str) -> Any:
    number = _int(row_id)
    return None if number is None else session.get(SEALED_TABLES[table], number)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _shown(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")
