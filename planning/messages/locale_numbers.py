"""Numbers as people write them in bokmål and in English, read and written exactly.

Bokmål writes a decimal comma and a space between thousands (``1 234,5``); English writes a
decimal point and a comma or a space between thousands (``1,234.5``). :func:`parse_number`
reads the text one language writes and refuses anything else with the reason, so that
``56,5`` is never read as 565 and ``abc`` is never dropped; :func:`format_number` writes a
number so that :func:`parse_number` reads it back to the same value.

Nothing here knows tables or columns: the caller says which cell it read and how to fix it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Literal

LANGUAGES = ("nb", "en")
"""The languages Veikart speaks and writes numbers in."""
SPACES = " \u00a0\u202f\u2009"
"""Spaces between thousands: plain, no-break, narrow no-break (as the app writes) and thin."""
DECIMAL_MARK = {"nb": ",", "en": "."}
GROUP_MARKS = {"nb": SPACES, "en": "," + SPACES}
SHOWN_GROUP_MARK = "\u202f"
"""What :func:`format_number` writes between thousands, in both languages (as the app's tables)."""
MINUS_SIGNS = "-\u2212\u2013"
"""Hyphen-minus, the minus sign and the en dash (which word processors make of a minus)."""

SIGN = "[" + re.escape("+" + MINUS_SIGNS) + "]"

Reason = Literal["not_a_number", "decimal_mark", "grouping", "not_whole", "too_large"]


class NotANumber(ValueError):
    """Text that is not a number as ``language`` writes it.

    Attributes
    ----------
    text
        The text as given.
    reason
        ``not_a_number`` (letters, nothing a number is made of), ``decimal_mark`` (the other
        language's decimal mark: ``56.5`` in bokmål, ``56,5`` in English), ``grouping`` (digits
        grouped other than by thousands), ``not_whole`` (a fraction where a whole number is
        wanted) or ``too_large``.
    """

    def __init__(self, text: str, language: str, reason: Reason) -> None:
        self.text, self.language, self.reason = text, language, reason
        super().__init__(f"'{text}' is not a number as '{language}' writes it ({reason})")


def known_language(language: str) -> str:
    """``language`` when Veikart speaks it (:data:`LANGUAGES`).

    Raises
    ------
    ValueError
        For any other language, naming the ones it speaks.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language '{language}'; use one of: {', '.join(LANGUAGES)}")
    return language


def _pattern(language: str) -> re.Pattern[str]:
    marks = re.escape(GROUP_MARKS[language])
    decimal = re.escape(DECIMAL_MARK[language])
    whole = rf"(?:\d{{1,3}}(?P<mark>[{marks}])\d{{3}}(?:(?P=mark)\d{{3}})*|\d+)"
    return re.compile(rf"(?P<sign>{SIGN}?)(?P<whole>{whole})?(?:{decimal}(?P<fraction>\d+))?")


PATTERNS = {language: _pattern(language) for language in LANGUAGES}


def parse_number(text: str, language: str, *, whole: bool = False) -> float | int | None:
    """The number ``text`` writes in ``language``; ``None`` for blank text.

    Parameters
    ----------
    text
        What the person typed, such as ``56,5``, ``-5``, ``1 234,5`` (bokmål) or ``1,234.5``
        (English). Spaces around it are ignored; between thousands any of :data:`SPACES`
        (and in English a comma) may stand, in groups of three.
    language
        ``nb`` or ``en``.
    whole
        Want a whole number (an ``int``); ``4,0`` is 4, ``4,5`` is refused.

    Returns
    -------
    float, int or None
        A finite ``float`` (an ``int`` when ``whole``), or ``None`` when ``text`` is blank.

    Raises
    ------
    NotANumber
        With the reason, for anything else.
    """
    known_language(language)
    stripped = text.strip()
    if not stripped:
        return None
    found = PATTERNS[language].fullmatch(stripped)
    if found is None or not (found["whole"] or found["fraction"]):
        raise NotANumber(text, language, _why_not(stripped, language))
    digits = re.sub(r"\D", "", found["whole"] or "0")
    negative = bool(found["sign"]) and found["sign"] != "+"
    value = Decimal(f"{'-' if negative else ''}{digits}.{found['fraction'] or '0'}")
    if whole:
        if value != value.to_integral_value():
            raise NotANumber(text, language, "not_whole")
        return int(value)
    number = float(value)
    if not math.isfinite(number):
        raise NotANumber(text, language, "too_large")
    return number


def _why_not(text: str, language: str) -> Reason:
    """Why ``text``, which :func:`parse_number` refused, is no number in ``language``."""
    mark, other = DECIMAL_MARK[language], DECIMAL_MARK["en" if language == "nb" else "nb"]
    allowed = re.escape(GROUP_MARKS[language] + mark + other)
    if not any(c.isdigit() for c in text) or not re.fullmatch(rf"{SIGN}?[\d{allowed}]+", text):
        return "not_a_number"
    if other in text and other not in GROUP_MARKS[language]:
        try:
            parse_number(text.replace(other, mark), language)
        except NotANumber:
            return "grouping"
        return "decimal_mark"
    if other in text and text.count(other) == 1 and mark not in text:
        return "decimal_mark"  # 56,5 in English: a comma that cannot be between thousands
    return "grouping"


def format_number(value: float | int, language: str) -> str:
    """``value`` written in ``language`` with every digit it needs and none more: ``56,5``,
    ``1 234,5``, ``-5`` (bokmål); ``1 234.5`` (English). :func:`parse_number` reads it back
    to exactly ``value``; a whole float loses its ``.0``.

    Raises
    ------
    ValueError
        For NaN or infinity, which no one can type.
    """
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be written as a number")
    exact = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(int(value))
    written = format(exact, "f")
    sign = "-" if written.startswith("-") else ""
    whole, _, fraction = written.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", SHOWN_GROUP_MARK)
    if sign and not (int(whole) or fraction):
        sign = ""  # -0.0 is written 0
    return sign + grouped + (DECIMAL_MARK[language] + fraction if fraction else "")
