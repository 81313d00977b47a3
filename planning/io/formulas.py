"""Text a spreadsheet would run as a formula (formula injection), in one place for every export."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is a formula to Excel and LibreOffice when a file is opened."""


def is_formula_like(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet would evaluate."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def defused(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would evaluate it (for CSV files)."""
    return "'" + text if is_formula_like(text) else text
