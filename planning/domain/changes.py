"""Row-by-row differences between two portfolios: what a save, an edit or an import changes.

:func:`row_changes` is what :func:`planning.store.access.changes_allowed` checks and what
:mod:`planning.store.shared` writes, versions and records in the audit trail, so the
three always agree on what changed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planning.domain.models import TABLE_MODELS
from planning.domain.portfolio import Portfolio

RowKey = tuple[str, str]
"""(table, row id)."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a row, before and after; ``name`` is ``column`` or ``column.key`` for pairs."""

    name: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return self.told()

    def told(self, *, empty: str = "(empty)", decimal: str = ".") -> str:
        """``name: old → new``, an empty cell as ``empty`` and numbers with ``decimal``."""
        return f"{self.name}: {_shown(self.old, empty, decimal)} → {_shown(self.new, empty, decimal)}"


def _shown(value: Any, empty: str, decimal: str) -> str:
    if value is None:
        return empty
    text = repr(value) if isinstance(value, str) else str(value)
    if isinstance(value, float):
        text = text.replace(".", decimal)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True)
class RowChange:
    """One row inserted, updated or deleted; ``before``/``after`` are plain JSON-ready values.

    ``region_before``/``region_after`` name the region the row belongs to (an envelope's
    pool, an initiative's lead region, a measurement's initiative's lead region), for the
    region editor's rule. ``shares_before``/``shares_after`` give an initiative's share of
    its cost per funding pool (:func:`cost_shares_of`), for the rule that a region editor
    may not shift cost to another region.
    """

    table: str
    row_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    region_before: str | None = None
    region_after: str | None = None
    shares_before: dict[str, float] | None = None
    shares_after: dict[str, float] | None = None

    @property
    def key(self) -> RowKey:
        return (self.table, self.row_id)

    def field_changes(self) -> list[FieldChange]:
        """The fields that differ; mappings are compared key by key (``ambition.HV``)."""
        return field_changes(self.before, self.after)

    def changed_fields(self) -> set[str]:
        return {change.name for change in self.field_changes()}


def field_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[FieldChange]:
    """The fields that differ between two versions of a row (either may be missing)."""
    old_row, new_row = before or {}, after or {}
    changes: list[FieldChange] = []
    for name in list(old_row) + [n for n in new_row if n not in old_row]:
        old, new = old_row.get(name), new_row.get(name)
        if _same(old, new):
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            for key in list(old) + [k for k in new if k not in old]:
                if not _same(old.get(key), new.get(key)):
                    changes.append(FieldChange(f"{name}.{key}", old.get(key), new.get(key)))
        else:
            changes.append(FieldChange(name, old, new))
    return changes


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data: dates and times as ISO text, NaN as ``None``, infinities as
    ``"inf"`` and ``"-inf"`` (JSON has no infinity; as ``None`` they would look like an empty cell,
    and clearing a cell that held one would not count as a change)."""

    def default(item: Any) -> Any:
        if isinstance(item, (dt.date, dt.datetime)):
            return item.isoformat()
        return str(item)

    def clean(item: Any) -> Any:
        if isinstance(item, float) and math.isnan(item):
            return None
        if isinstance(item, float) and math.isinf(item):
            return "inf" if item > 0 else "-inf"
        if isinstance(item, dict):
            return {str(k): clean(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [clean(v) for v in item]
        return item

    return json.loads(json.dumps(clean(value), default=default))


def table_records(portfolio: Portfolio, table: str) -> dict[str, dict[str, Any]]:
    """A table's rows as JSON-ready dicts keyed by id."""
    return {str(record["id"]): jsonable(record) for record in portfolio.records(table)}


def region_of(portfolio: Portfolio | None, table: str, row: Mapping[str, Any] | None) -> str | None:
    """The region a row belongs to for the region editor's rule, or ``None``."""
    if row is None:
        return None
    if table == "envelope":
        return _text(row.get("funding_pool_id"))
    if table == "initiative":
        return _text(row.get("lead_region"))
    if portfolio is None:
        return None
    if table == "benefit":
        return _lead_region(portfolio, row.get("initiative_id"))
    if table == "measurement":
        benefits = portfolio.benefits
        benefit_id = row.get("benefit_id")
        if benefit_id not in benefits.index:
            return None
        return _lead_region(portfolio, benefits.at[benefit_id, "initiative_id"])
    return None


def cost_shares_of(portfolio: Portfolio | None, table: str, row: Mapping[str, Any] | None) -> dict[str, float] | None:
    """An initiative row's share of its cost per funding pool, by its cost-sharing key; ``None`` for other rows.

    The same rule as the optimiser's (:func:`planning.optimise.inputs.cost_shares`): ``lead``
    charges the lead region, ``custom`` the shares given, ``equal`` the payers (lead and
    participating regions) alike, ``population`` the payers by population share.
    """
    if table != "initiative" or row is None:
        return None
    payers = [str(p) for p in dict.fromkeys([row.get("lead_region"), *(row.get("participating_regions") or [])])]
    key = row.get("cost_sharing") or "population"
    if key == "custom":
        return {str(pool): float(share or 0.0) for pool, share in (row.get("custom_shares") or {}).items()}
    if key == "lead":
        return {str(row.get("lead_region")): 1.0}
    if key == "equal" or portfolio is None:
        return {pool: 1.0 / len(payers) for pool in payers}
    population = portfolio.funding_pools.get("population_share")
    weights = {pool: _number(population.get(pool) if population is not None else None) for pool in payers}
    total = sum(weights.values())
    if total <= 0:
        return {pool: 1.0 / len(payers) for pool in payers}
    return {pool: weight / total for pool, weight in weights.items()}


def _number(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) and number > 0 else 0.0


def _lead_region(portfolio: Portfolio, initiative_id: Any) -> str | None:
    initiatives = portfolio.initiatives
    if initiative_id not in initiatives.index:
        return None
    return _text(initiatives.at[initiative_id, "lead_region"])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def row_changes(before: Portfolio, after: Portfolio, tables: tuple[str, ...] | None = None) -> list[RowChange]:
    """Every row inserted, updated or deleted from ``before`` to ``after``, in table load order.

    Tables whose DataFrame is the same object, or equal, in both are skipped cheaply.
    """
    changes: list[RowChange] = []
    for table in tables or tuple(TABLE_MODELS):
        old_frame, new_frame = before.table(table), after.table(table)
        if old_frame is new_frame or (old_frame.index.equals(new_frame.index) and old_frame.equals(new_frame)):
            continue
        old, new = table_records(before, table), table_records(after, table)
        for row_id in sorted(set(old) | set(new)):
            was, now = old.get(row_id), new.get(row_id)
            if was == now:
                continue
            action = "insert" if was is None else "delete" if now is None else "update"
            changes.append(
                RowChange(
                    table,
                    row_id,
                    action,
                    was,
                    now,
                    region_before=region_of(before, table, was),
                    region_after=region_of(after, table, now),
                    shares_before=cost_shares_of(before, table, was),
                    shares_after=cost_shares_of(after, table, now),
                )
            )
    return changes
