"""Counted nouns for people: ``1 beslutning``, ``2 beslutninger``, never ``beslutning(er)``.

Bokmål and English both have one form for one and another for every other number (0 too:
``0 beslutninger``, ``0 decisions``); the caller gives both forms, since neither language
makes plurals by one rule.
"""

from __future__ import annotations


def counted(n: int, one: str, many: str) -> str:
    """``n`` and the noun in the form that agrees with it: ``counted(1, "rad", "rader")`` -> ``1 rad``."""
    return f"{n} {one if n == 1 else many}"


def plural(n: int, one: str, many: str) -> str:
    """The noun alone in the form that agrees with ``n`` (for texts that place the number elsewhere)."""
    return one if n == 1 else many
