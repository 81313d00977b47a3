"""Pydantic's errors on a cell as messages (:mod:`planning.messages`), so the edge can word them.

A validator's own ``ValueError`` carries a :class:`~planning.messages.message.Message` (its
first argument; a ``PydanticCustomError``, in its context); pydantic's built-in checks (a
bound, a type, a length) become the ``pydantic_*`` messages from the error's type and
context. Each message is checked against the text pydantic wrote: where they differ (a
pydantic version words it otherwise), the text is kept as it is.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic_core import ErrorDetails

from planning.messages.message import JOINED, Message, Value
from planning.messages.phrases import phrase

BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}
PLAIN = {
    "missing": "pydantic_missing",
    "int_parsing": "pydantic_integer",
    "int_from_float": "pydantic_fraction",
    "float_parsing": "pydantic_number",
    "bool_parsing": "pydantic_boolean",
    "string_type": "pydantic_string",
    "list_type": "pydantic_list",
    "dict_type": "pydantic_dictionary",
}
DETAILED = {
    "date_from_datetime_parsing": "pydantic_date",
    "date_parsing": "pydantic_date_only",
    "datetime_parsing": "pydantic_datetime",
    "datetime_from_date_parsing": "pydantic_datetime_or_date",
}


def error_message(error: ErrorDetails, allowed_in_fix: bool = False) -> str:
    """The message of one pydantic error; pydantic's own text where no message says the same.

    ``allowed_in_fix``: a value outside the allowed ones is told without its list of choices
    (the caller's fix names them)."""
    text = error["msg"].removeprefix("Value error, ")
    message = _message(error)
    if message is None:
        return text
    if allowed_in_fix and message.code == JOINED:
        first = message.values["parts"]
        assert isinstance(first, tuple)
        return str(first[0])
    return message if message == text else text


def _message(error: ErrorDetails) -> Message | None:
    kind, ctx = error["type"], error.get("ctx", {})
    if isinstance(ctx.get("message"), Message):  # Veikart's own checks (planning.domain.numbers)
        return ctx["message"]
    if kind == "value_error":
        raised = ctx.get("error")
        given = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
        return given if isinstance(given, Message) else None
    if kind in BOUNDS:
        return phrase(f"pydantic_{BOUNDS[kind]}", limit=_number(ctx.get(BOUNDS[kind])))
    if kind in PLAIN:
        return phrase(PLAIN[kind])
    if kind in DETAILED:
        return phrase(DETAILED[kind], detail=str(ctx.get("error", "")))
    if kind == "string_too_long":
        return phrase("pydantic_too_long", limit=_number(ctx.get("max_length")))
    if kind == "string_too_short":
        least = ctx.get("min_length")
        return phrase("pydantic_too_short" if least == 1 else "pydantic_too_short_plural", limit=_number(least))
    return None


def _number(value: Any) -> Value:
    """A bound as pydantic writes it (``0``, ``0.5``, ``1000000.0``), kept exact."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):  # pydantic writes 0.0 as 0
        return int(value) if value.is_integer() else Decimal(repr(value))
    return str(value)
