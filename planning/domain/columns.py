"""Column specifications read from the table declarations in :mod:`planning.domain.models`.

One :class:`ColumnSpec` per column drives validation, file codecs (CSV, spreadsheets),
the template and ``docs/data-model.md``.
"""

from __future__ import annotations

import datetime as dt
import math
import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

import annotated_types
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from planning.domain.models import TABLE_MODELS, Record
from planning.domain.numbers import limit_text
from planning.messages.message import exact
from planning.messages.phrases import phrase, unit_phrase

LIST_SEPARATOR = ";"
PAIR_SEPARATOR = "="


@dataclass(frozen=True)
class ColumnSpec:
    """What one column holds."""

    table: str
    name: str
    kind: str
    """One of text, integer, number, boolean, date, datetime, list_text, list_number,
    map_text, map_number."""
    required: bool
    default: Any
    description: str
    unit: str | None
    allowed: tuple[str, ...] | None
    minimum: float | None = None
    """Lowest value of a number column (of each value, in a list or pairs of numbers)."""
    maximum: float | None = None
    """Highest value of a number column (of each value, in a list or pairs of numbers)."""
    above_minimum: bool = False
    """The value must be greater than :attr:`minimum`, not equal to it."""

    @property
    def is_numeric(self) -> bool:
        """A number, a whole number, or a list or pairs of numbers."""
        return self.kind in ("integer", "number", "list_number", "map_number")

    @property
    def range_label(self) -> str:
        """The range in words, for example ``0 to 1000000`` or ``above 0, at most 86400``; empty without one."""
        if self.minimum is None or self.maximum is None:
            return ""
        low, high = limit_text(self.minimum), limit_text(self.maximum)
        return f"above {low}, at most {high}" if self.above_minimum else f"{low} to {high}"

    def range_fix(self) -> str:
        """How to enter a value in range, with the limits and the unit; the general fix without a range."""
        if self.minimum is None or self.maximum is None:
            return phrase("fix_in_range_unit", unit=unit_phrase(self.unit)) if self.unit else phrase("fix_in_range")
        key = "fix_whole_number_range" if self.kind == "integer" else "fix_number_range"
        if self.above_minimum:
            key = "fix_number_above"
        values = {"low": exact(limit_text(self.minimum)), "high": exact(limit_text(self.maximum))}
        return phrase(f"{key}_unit", **values, unit=unit_phrase(self.unit)) if self.unit else phrase(key, **values)

    @property
    def type_label(self) -> str:
        """The kind of value in words: ``list of numbers (1;2.5)``; the kind itself for plain kinds."""
        if self.kind in ("list_text", "list_number", "map_text", "map_number", "text"):
            return phrase(f"type_{self.kind}")
        return self.kind


def _kind(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _kind(inner[0])
    if origin is list:
        return "list_number" if get_args(annotation)[0] is float else "list_text"
    if origin is dict:
        return "map_number" if get_args(annotation)[1] is float else "map_text"
    simple = {str: "text", int: "integer", float: "number", bool: "boolean", dt.date: "date", dt.datetime: "datetime"}
    return simple[annotation]


def column_specs(table: str) -> list[ColumnSpec]:
    """The columns of ``table`` in declaration order, ``id`` first."""
    model: type[Record] = TABLE_MODELS[table]
    specs = []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        allowed = extra.get("allowed")
        if field.default_factory is not None:
            default: Any = field.default_factory()  # type: ignore[call-arg]
        else:
            default = None if field.default is PydanticUndefined else field.default
        specs.append(
            ColumnSpec(
                table=table,
                name=name,
                kind=_kind(field.annotation),
                required=field.is_required(),
                default=default,
                description=field.description or "",
                unit=str(extra["unit"]) if "unit" in extra else None,
                allowed=tuple(str(a) for a in allowed) if isinstance(allowed, list) else None,
                **_bounds(field, extra),
            )
        )
    return specs


def _bounds(field: FieldInfo, extra: dict[str, Any]) -> dict[str, Any]:
    """``minimum``, ``maximum`` and ``above_minimum`` of a column, from its declaration."""
    if "item_range" in extra:
        low, high = extra["item_range"]
        return {"minimum": float(low), "maximum": float(high)}
    bounds: dict[str, Any] = {}
    for rule in field.metadata:
        if isinstance(rule, annotated_types.Ge):
            bounds["minimum"] = float(rule.ge)  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Gt):
            bounds["minimum"], bounds["above_minimum"] = float(rule.gt), True  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Le):
            bounds["maximum"] = float(rule.le)  # type: ignore[arg-type]
    return bounds


def as_utc(value: dt.datetime) -> dt.datetime:
    """A date and time in UTC; one without a zone is taken to be UTC already.

    The store keeps times with their zone (SQLModel's ``UTCDateTime``), so a portfolio
    holds them in UTC from the start and reads back exactly as it was saved.
    """
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def is_blank(value: Any) -> bool:
    """True for a missing cell: None, NaN or an empty or all-blank string."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def encode_cell(spec: ColumnSpec, value: Any) -> Any:
    """A value as it goes into a flat file cell: lists and mappings become text."""
    if value is None:
        return ""
    if spec.kind.startswith("list"):
        return LIST_SEPARATOR.join(plain_text(v) for v in value)
    if spec.kind.startswith("map"):
        return LIST_SEPARATOR.join(f"{k}{PAIR_SEPARATOR}{plain_text(v)}" for k, v in value.items())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def plain_text(value: Any) -> str:
    """A value as cell text; whole floats lose their ``.0`` (2027.0 -> ``2027``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode_cell(spec: ColumnSpec, value: Any) -> Any:
    """A flat file cell as the model expects it; blank cells give ``None``.

    Raises
    ------
    ValueError
        When a list or mapping cell cannot be read; the message says the expected form.
    """
    if is_blank(value):
        return None
    if spec.kind.startswith("list"):
        if isinstance(value, (list, tuple)):
            return list(value)
        return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]
    if spec.kind.startswith("map"):
        if isinstance(value, dict):
            return dict(value)
        return _decode_pairs(str(value))
    if spec.kind == "text" and not isinstance(value, str):
        return plain_text(value) if isinstance(value, (int, float)) else str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _decode_pairs(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for part in text.split(LIST_SEPARATOR):
        if not part.strip():
            continue
        key, sep, val = part.partition(PAIR_SEPARATOR)
        if not sep or not key.strip():
            raise ValueError(phrase("not_a_pair", text=part.strip()))
        pairs[key.strip()] = val.strip()
    return pairs
