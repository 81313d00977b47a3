"""Realised measurements: entered one at a time or imported, validated, stored with history.

Every row is checked before anything is written, and all rows are written in one
transaction, so an import with one bad row stores nothing. A measurement is one value
per benefit and year (id ``BENEFIT/YEAR``); entering the same benefit and year again
updates it. Each write records who entered the value and when (``entered_by`` and
``entered_at``, in UTC, set at the time of writing) and appends a row to the
append-only ``measurement_history`` table with the previous value, so an update never
loses what stood before. ``entered_by`` is the name typed in (it may be someone other than
the person at the keyboard); the signed-in account that wrote the row is in the audit trail
(:mod:`planning.store.audit`, one entry per row, before and after), and the row's version moves on
(:mod:`planning.store.versions`), so a portfolio editor who read the old value gets a conflict
that names the account instead of overwriting the measurement.

Plausibility rules (each failure names the row and the field, with a fix):
    * ``benefit_id`` names a stored benefit;
    * ``unit``, when given, is the benefit's unit (case and spaces ignored; a monetised
      benefit also accepts ``MNOK``, ``MNOK/år`` and ``MNOK/year``);
    * ``year`` is not in the future and not before the year of the benefit's baseline
      measurement (nullpunktsmåling);
    * ``value`` of a monetised benefit is MNOK per year, at least 0 and at most
      :data:`PLAUSIBLE_FACTOR` times the benefit's ``annual_value``;
    * ``value`` of an indicator lies within :data:`PLAUSIBLE_FACTOR` times the planned
      change (``|target - baseline|``) of the baseline, and a ``%`` lies in 0..100;
    * ``entered_by`` is not empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Mapper
from sqlmodel import Field, Session, SQLModel, col, select

from planning.domain.changes import RowChange, jsonable
from planning.domain.columns import is_blank
from planning.domain.loading import parse_table
from planning.domain.models import Benefit, Initiative, Measurement
from planning.domain.problems import InvalidPortfolio, Problem
from planning.io.files import missing_columns, read_table_csv
from planning.io.limits import FileRefused
from planning.messages.message import decimal, said
from planning.messages.phrases import phrase
from planning.store import audit
from planning.store.access import INSERT, UPDATE, User, check_changes
from planning.store.database import transaction
from planning.store.versions import claim_versions, lock_for_write, row_versions

PLAUSIBLE_FACTOR = 10.0
COLUMNS = ("benefit_id", "year", "value")
"""The columns every measurement file must have (``comment``, ``unit`` and ``entered_by`` may follow)."""
MONEY_UNITS = {"mnok", "mnok/år", "mnok/year", "mnokperår", "mnokperyear"}
TABLE = "measurement"


class MeasurementHistory(SQLModel, table=True):
    """One change of a measurement: the value written, the one it replaced, who and when."""

    __tablename__ = "measurement_history"
    id: int | None = Field(default=None, primary_key=True)
    measurement_id: str = Field(max_length=64, index=True, description="BENEFIT/YEAR.")
    benefit_id: str = Field(max_length=64)
    year: int
    value: float
    previous_value: float | None = Field(default=None, description="Value before this change; none when created.")
    action: str = Field(max_length=16, description="created or updated.")
    comment: str = Field(default="", max_length=2000)
    entered_by: str = Field(max_length=200)
    entered_at: dt.datetime


@event.listens_for(MeasurementHistory, "before_update")
@event.listens_for(MeasurementHistory, "before_delete")
def _append_only(_mapper: Mapper[Any], _connection: Connection, target: MeasurementHistory) -> None:
    raise PermissionError(f"measurement history row {target.id} is history and cannot be changed or deleted")


def _unit_key(unit: str) -> str:
    return "".join(unit.lower().split())


def _problem(label: str, line: int, field: str, message: str, fix: str) -> Problem:
    return Problem(TABLE, label, field, message, fix, line=line)


def _baseline_year(benefit: Benefit) -> int | None:
    return None if benefit.baseline_date is None else benefit.baseline_date.year


def check_measurement(
    record: Measurement, benefit: Benefit | None, *, unit: str | None, line: int, today: dt.date
) -> list[Problem]:
    """What is implausible about one parsed measurement (see the module notes)."""
    label = str(record.id)
    if benefit is None:
        return [
            _problem(
                label,
                line,
                "benefit_id",
                phrase("unknown_benefit", benefit=record.benefit_id),
                phrase("fix_benefit_id"),
            )
        ]
    problems = []
    if unit is not None and not is_blank(unit):
        allowed = {_unit_key(benefit.unit)} | (MONEY_UNITS if benefit.monetised else set())
        if _unit_key(str(unit)) not in allowed:
            expected = benefit.unit or "MNOK/år"
            problems.append(
                _problem(label, line, "unit", phrase("not_the_unit", unit=unit), phrase("fix_use", value=expected))
            )
    if record.year > today.year:
        problems.append(
            _problem(
                label,
                line,
                "year",
                phrase("in_the_future", year=record.year),
                phrase("fix_or_earlier", year=today.year),
            )
        )
    first = _baseline_year(benefit)
    if first is not None and record.year < first:
        problems.append(
            _problem(
                label,
                line,
                "year",
                phrase("before_baseline", year=record.year, first=first),
                phrase("fix_or_later", year=first),
            )
        )
    return problems + _check_value(record, benefit, label, line)


def _check_value(record: Measurement, benefit: Benefit, label: str, line: int) -> list[Problem]:
    value = float(record.value)
    if benefit.monetised:
        top = PLAUSIBLE_FACTOR * float(benefit.annual_value)
        if value < 0:
            return [
                _problem(
                    label,
                    line,
                    "value",
                    phrase("negative_mnok", value=decimal(value, "g")),
                    phrase("fix_realised_benefit"),
                )
            ]
        if top > 0 and value > top:
            return [
                _problem(label, line, "value",
                         phrase("over_ten_times", value=decimal(value, "g"),
                                planned=decimal(benefit.annual_value, "g")),
                         phrase("fix_mnok_per_year"))
            ]  # fmt: skip
        return []
    if _unit_key(benefit.unit) == "%" and not 0 <= value <= 100:
        return [
            _problem(label, line, "value", phrase("percent_range", value=decimal(value, "g")), phrase("fix_percentage"))
        ]
    if benefit.baseline_value is None or benefit.target_value is None:
        return []
    span = abs(float(benefit.target_value) - float(benefit.baseline_value))
    if span > 0 and abs(value - float(benefit.baseline_value)) > PLAUSIBLE_FACTOR * span:
        return [
            _problem(label, line, "value",
                     phrase("far_outside", value=decimal(value, "g"), unit=benefit.unit,
                            baseline=decimal(benefit.baseline_value, "g"), target=decimal(benefit.target_value, "g")),
                     phrase("fix_check_unit", unit=benefit.unit))
        ]  # fmt: skip
    return []


def parse_measurements(
    rows: Iterable[Mapping[str, Any]], benefits: Mapping[str, Benefit], *, entered_by: str | None, today: dt.date
) -> tuple[list[Measurement], list[Problem]]:
    """Each raw row through the measurement table's validation and the plausibility rules.

    Rows are numbered from 1 (``Problem.line``); blank rows are skipped.
    """
    parsed: list[Measurement] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(rows, start=1):
        row = {k: v for k, v in raw.items() if k not in ("unit", "entered_at")}
        if all(is_blank(v) for v in row.values()):
            continue
        who = row.get("entered_by") if not is_blank(row.get("entered_by")) else entered_by
        row["entered_by"] = "" if who is None else str(who).strip()
        records, found = parse_table(TABLE, [row])
        problems += [replace(p, line=line) for p in found if p.severity == "error"]
        if not records:
            continue
        record = Measurement.model_validate(records[0].model_dump())
        label = str(record.id)
        if not record.entered_by:
            problems.append(_problem(label, line, "entered_by", phrase("entered_by_missing"), phrase("fix_give_name")))
        if label in seen:
            problems.append(
                _problem(label, line, "id", phrase("same_benefit_year", line=seen[label]), phrase("fix_keep_one"))
            )
        seen[label] = line
        benefit = benefits.get(record.benefit_id)
        problems += check_measurement(record, benefit, unit=raw.get("unit"), line=line, today=today)
        parsed.append(record)
    return parsed, problems


def measurement_rows(data: bytes, file: str) -> list[dict[str, str]]:
    """The rows of a measurement CSV file, as Excel and people write them
    (:func:`planning.io.files.read_table_csv`: UTF-8 or Windows-1252; commas, semicolons or tabs;
    a ``value`` may have a decimal comma and spaces between its digits). Rows are checked
    afterwards by :func:`import_measurements`.

    Raises
    ------
    InvalidPortfolio
        Naming ``file`` and how to fix it, when it is empty, not text, not CSV, beyond a limit of
        :mod:`planning.io.limits`, has no rows, or lacks one of :data:`COLUMNS`.
    """
    try:
        found, rows, _ = read_table_csv(data, file, TABLE)
    except ValueError as exc:  # empty, not text, not CSV, or beyond a limit (planning.io.limits)
        fix = exc.fix if isinstance(exc, FileRefused) else phrase("fix_save_csv_utf8")
        raise _file_refused(file, said(exc), fix) from exc
    message = missing_columns(found, COLUMNS, file)
    if message is not None:
        raise _file_refused(file, message, phrase("fix_measurement_columns"))
    if not rows:
        raise _file_refused(file, phrase("csv_no_rows", file=file), phrase("fix_measurement_columns"))
    return rows


def _file_refused(file: str, message: str, fix: str) -> InvalidPortfolio:
    return InvalidPortfolio([Problem(TABLE, file, "-", message, fix)])


def import_measurements(
    engine: Engine,
    rows: Iterable[Mapping[str, Any]],
    *,
    user: User | None,
    entered_by: str | None = None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> list[Measurement]:
    """Validate ``rows`` and store them all, or none, as ``user``.

    Parameters
    ----------
    rows
        Mappings with ``benefit_id``, ``year``, ``value`` and optionally ``comment``,
        ``unit`` (checked, not stored) and ``entered_by``.
    user
        Who writes: administrators any measurement, region editors those of initiatives their
        region leads (:mod:`planning.store.access`); ``None`` (not signed in) may only read.
    entered_by
        Who enters rows that do not say so themselves.
    today, at
        The date the future check uses and the time recorded (default: now, UTC).

    Raises
    ------
    InvalidPortfolio
        Listing every problem (row, field, fix) when any row fails; nothing is stored.
    PermissionDenied
        Listing every row ``user`` may not write; nothing is stored.
    """
    when = at or dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        lock_for_write(session)  # the benefits checked against are the ones stored at commit
        benefits = {str(b.id): b for b in session.exec(select(Benefit))}
        records, problems = parse_measurements(rows, benefits, entered_by=entered_by, today=today or when.date())
        if problems:
            raise InvalidPortfolio(problems)
        changes = measurement_changes(session, records, benefits, when)
        check_changes(user, changes)
        versions = claim_versions(session, changes, row_versions(session), user, when)
        stored = [_write(session, record, when) for record in records]
        audit.record_changes(session, user=user, changes=changes, versions=versions, batch=audit.new_batch(), at=when)
        session.flush()
        result = [Measurement.model_validate(m.model_dump()) for m in stored]
    return result


def measurement_changes(
    session: Session, records: Iterable[Measurement], benefits: Mapping[str, Benefit], when: dt.datetime
) -> list[RowChange]:
    """The row each record inserts or updates (whole rows, as the audit trail keeps them), with its
    initiative's lead region (for the access rules)."""
    leads = {str(i.id): i.lead_region for i in session.exec(select(Initiative))}
    changes = []
    for record in records:
        existing = session.get(Measurement, record.id)
        region = leads.get(str(benefits[record.benefit_id].initiative_id))
        after = record.model_copy(update={"entered_at": when})
        changes.append(
            RowChange(
                table=TABLE,
                row_id=str(record.id),
                action=INSERT if existing is None else UPDATE,
                before=None if existing is None else jsonable(existing.model_dump()),
                after=jsonable(after.model_dump()),
                region_before=None if existing is None else region,
                region_after=region,
            )
        )
    return changes


def _write(session: Session, record: Measurement, when: dt.datetime) -> Measurement:
    existing = session.get(Measurement, record.id)
    previous = None if existing is None else existing.value
    row = existing or Measurement(id=record.id, benefit_id=record.benefit_id, year=record.year, value=record.value)
    row.value, row.comment, row.entered_by, row.entered_at = record.value, record.comment, record.entered_by, when
    session.add(row)
    session.add(
        MeasurementHistory(
            measurement_id=str(record.id), benefit_id=record.benefit_id, year=record.year, value=record.value,
            previous_value=previous, action="created" if existing is None else "updated", comment=record.comment,
            entered_by=record.entered_by, entered_at=when,
        )
    )  # fmt: skip
    return row


def record_measurement(
    engine: Engine,
    *,
    benefit_id: str,
    year: int,
    value: float,
    user: User | None,
    entered_by: str,
    comment: str = "",
    unit: str | None = None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Measurement:
    """Enter (or correct) one realised value as ``user``; see :func:`import_measurements`.

    Raises
    ------
    InvalidPortfolio
        When the value is implausible or incomplete; nothing is stored.
    PermissionDenied
        When ``user`` may not write this benefit's measurements; nothing is stored.
    """
    row = {"benefit_id": benefit_id, "year": year, "value": value, "comment": comment, "unit": unit}
    return import_measurements(engine, [row], user=user, entered_by=entered_by, today=today, at=at)[0]


def measurement_history(engine: Engine, benefit_id: str | None = None) -> pd.DataFrame:
    """Every recorded change, oldest first (of one benefit when ``benefit_id`` is given)."""
    with Session(engine) as session:
        query = select(MeasurementHistory).order_by(col(MeasurementHistory.id))
        if benefit_id is not None:
            query = query.where(MeasurementHistory.benefit_id == benefit_id)
        rows = [r.model_dump() for r in session.exec(query)]
    columns = list(MeasurementHistory.model_fields)
    return pd.DataFrame(rows, columns=columns)
