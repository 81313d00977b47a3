"""A message for people as data: a code from :data:`~planning.messages.templates.PHRASES` and typed values.

The domain says what happened (``Message("budget_full", pool="HSO", period="2027",
amount=Decimal("3.5"))``); the edge (app, command line, report) renders it in the reader's
language (:func:`planning.messages.render.render`). A :class:`Message` is also the English
sentence itself, so that code which only passes text on (an exception, a log line, a test
reading the English words) needs no change; the code and values are never read back from
those words.

Values are text (ids, periods, names), whole numbers, exact decimals (:class:`~decimal.Decimal`,
which keep the digits the domain chose to show: ``Decimal("3.0")``), other messages (a
blocker inside "the first period with room is ...", a word such as "funding pool"), or
tuples of these (a list the renderer joins in the reader's language).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from numbers import Integral, Real
from types import MappingProxyType
from typing import Any, TypeAlias

from planning.messages.templates import PHRASES

Value: TypeAlias = "str | int | Decimal | Message | tuple[Value, ...]"

JOINED = "joined"
"""The code of several messages said one after another (``a; b``): the solver's notes."""
LINES = "lines"
"""The code of several messages one a line: every reason a request was refused."""
SEPARATORS = {JOINED: "; ", LINES: "\n"}


class Message(str):
    """A code and its values; as a ``str``, the English sentence they make.

    Immutable: two messages are equal when their English text is (as strings), and the
    code and values say which sentence it is for every other language.
    """

    code: str
    values: Mapping[str, Value]

    def __new__(cls, code: str, /, **given: object) -> Message:

        values = {name: typed(value) for name, value in given.items()}
        if code in SEPARATORS:
            text = SEPARATORS[code].join(str(part) for part in values.get("parts", ()))  # type: ignore[union-attr]
        else:
            text = PHRASES[code].format(**{name: english(value) for name, value in values.items()})
        self = super().__new__(cls, text)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "values", MappingProxyType(dict(values)))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Message is immutable (cannot set {name})")

    def __reduce__(self) -> tuple[Any, ...]:  # pickled for Streamlit's cache and Dask's workers
        return (_rebuilt, (self.code, dict(self.values)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"Message({self.code!r}{', ' if shown else ''}{shown})"

    def to_json(self) -> dict[str, Any]:
        """``{"code": ..., "values": {...}}``: nested messages as the same, decimals as numbers, tuples as lists."""
        return {"code": self.code, "values": {name: value_json(v) for name, v in self.values.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        """The message :meth:`to_json` wrote (numbers with a fraction read back as decimals)."""
        return cls(str(data["code"]), **{str(k): value_from_json(v) for k, v in dict(data.get("values", {})).items()})


def _rebuilt(code: str, values: dict[str, Value]) -> Message:
    return Message(code, **values)


def joined(parts: Iterable[str]) -> str:
    """Several notes said one after another (``a; b``), empty ones left out; one note as itself."""
    kept: tuple[str, ...] = ()
    for part in parts:
        inner = part.values.get("parts", ()) if isinstance(part, Message) and part.code == JOINED else (part,)
        if isinstance(inner, tuple):
            kept += tuple(note for note in inner if isinstance(note, str) and note)
    if len(kept) <= 1:
        return kept[0] if kept else ""
    return Message(JOINED, parts=kept)


def lines(parts: Iterable[str]) -> Message:
    """Several messages one a line."""
    return Message(LINES, parts=tuple(parts))


def typed(value: object) -> Value:
    """A value as a message keeps it: text, whole number, exact decimal, message or tuple.

    Floats become exact decimals of their shortest form (``0.5``); numpy's numbers plain ones;
    anything else (a path, an exception) its text."""
    if isinstance(value, (str, Decimal)):
        return value if isinstance(value, (Message, Decimal)) else str(value)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, BaseException):
        return said(value)
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        shown = float(value)
        return exact(repr(shown)) if math.isfinite(shown) else repr(shown)
    if isinstance(value, (tuple, list)):
        return tuple(typed(v) for v in value)
    return str(value)


def english(value: Value) -> str:
    """A value as the English sentence shows it: lists joined by ", ", numbers as Python writes them."""
    if isinstance(value, tuple):
        return ", ".join(english(v) for v in value)
    return str(value)


def value_json(value: Value) -> Any:
    """A value as JSON: a message as its code and values, a decimal as a number, a tuple as a list."""
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, tuple):
        return [value_json(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def value_from_json(data: Any) -> Value:
    """The value :func:`value_json` wrote."""
    if isinstance(data, dict):
        return Message.from_json(data)
    if isinstance(data, list):
        return tuple(value_from_json(v) for v in data)
    if isinstance(data, float):
        return Decimal(repr(data))
    if isinstance(data, bool):
        return str(data)
    if isinstance(data, int):
        return data
    return str(data)


def as_json(text: object) -> Any:
    """A message as its code and values, and any other text as itself (for records and exports)."""
    return text.to_json() if isinstance(text, Message) else text


def from_record(data: Any) -> Any:
    """A message, or the text of an older record, back from :func:`as_json`.

    A stored text that could not be read into a message (``{"text": ..., "unread": true}``,
    written by migration 0012) comes back as its text, shown as it was written.
    """
    if isinstance(data, dict) and "code" in data:
        return Message.from_json(data)
    if isinstance(data, dict) and "text" in data:
        return str(data["text"])
    return data


def decimal(value: float, spec: str) -> Decimal | str:
    """``value`` as an exact decimal with the digits ``format(value, spec)`` shows (``.1f``: one
    decimal; ``g``: as short as it can be), for a message's values; text where it is no plain
    decimal (``inf``, ``1e+20``)."""
    return exact(format(value, spec))


def exact(text: str) -> Decimal | str:
    """A number written the English way (``-3``, ``0.5``) as a decimal with its digits; other text as it is."""
    return Decimal(text) if text.lstrip("-").replace(".", "", 1).isdigit() else text


def said(exc: BaseException) -> str:
    """What ``exc`` says: the message it was raised with, or else its text."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Message) else str(exc)


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new`` in every text value of a message (or in plain text)."""
    if not isinstance(text, Message):
        return text.replace(old, new)
    return Message(text.code, **{name: _replaced(value, old, new) for name, value in text.values.items()})


def _replaced(value: Value, old: str, new: str) -> Value:
    if isinstance(value, str):
        return replaced(value, old, new)
    if isinstance(value, tuple):
        return tuple(_replaced(v, old, new) for v in value)
    return value
