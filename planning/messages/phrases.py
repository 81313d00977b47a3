"""The domain's words for people: :func:`phrase` makes a message from a code of :data:`PHRASES`.

Every reason, exclusion and diagnosis line the optimiser writes, and every problem message
and fix that validation and the readers of files write, is a
:class:`~planning.messages.message.Message`: a code of :data:`PHRASES`
(:mod:`planning.messages.templates`) and its values. The edge renders a message in the
reader's language (:func:`planning.messages.render.render`).
"""

from __future__ import annotations

from planning.messages.message import Message
from planning.messages.templates import PHRASES

__all__ = ["PHRASES", "UNIT_WORDS", "coded", "counted_initiatives", "phrase", "unit_phrase"]

UNIT_WORDS = {PHRASES[code]: code for code in PHRASES if code.startswith("unit_") or code in ("half_year", "quarter")}
"""A column's unit or a period length as the models name it (``fraction``, ``half-year``) -> its message."""


def unit_phrase(unit: str) -> str:
    """The unit or period length ``unit`` as a message the edge can word; other units as they are (MNOK)."""
    return phrase(UNIT_WORDS[unit]) if unit in UNIT_WORDS else unit


def phrase(key: str, /, **values: object) -> Message:
    """The message ``key`` of :data:`PHRASES` with ``values``; as text, its English sentence."""
    return Message(key, **values)


def coded(kind: str, value: str) -> str:
    """A coded value people read (a plan's status ``time_limit``, a method ``saa``, a scope, a
    verdict; ``kind`` is ``plan_status``, ``method``, ``scope`` or ``verdict``) as a message the
    edge words; a code without words as it is."""
    code = f"{kind}_{value}".replace(" ", "_")
    return phrase(code) if code in PHRASES else value


def counted_initiatives(count: int) -> Message:
    """``1 initiative``, ``2 initiatives`` as a message."""
    return phrase("count_initiative" if count == 1 else "count_initiatives", count=count)
