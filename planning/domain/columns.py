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

from pydantic_core import PydanticUndefined

from planning.domain.models import TABLE_MODELS, Record
from planning.messages.phrases import phrase

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

    @property
    def type_label(self) -> str:
        """The kind of value in words: ``list of numbers (1;2.5)``; the kind itself for plain kinds."""
        if self.kind in ("list_text", "list_number", "map_text", "map_number"):
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
            )
        )
    return specs


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
