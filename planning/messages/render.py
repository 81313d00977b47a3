"""Messages in the reader's language: the gettext catalogs under ``planning/locale``.

The catalogs (``planning/locale/<language>/LC_MESSAGES/veikart.po``, compiled to ``.mo``)
translate each template of :data:`~planning.messages.phrases.PHRASES` with its code as the
context, and the command line's, the report's and the app's own words. :func:`render` writes
a :class:`~planning.messages.message.Message` from its code and values; text that is no
message (a solver's own status words, the text of an older stored plan) comes back as it is.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.core import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent, get_group_symbol

from planning.messages.message import SEPARATORS, Message, Value
from planning.messages.templates import PHRASES

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "veikart"
LOCALES = {"nb": "nb_NO", "en": "en_GB"}
"""The Babel locale each language writes numbers and dates in."""
AND = {"nb": "og", "en": "and"}
OSLO = ZoneInfo("Europe/Oslo")
"""The clock people read times on: a stored time (UTC) is shown in Norwegian time."""


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language``; English words where there is none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def gettext_in(language: str) -> Callable[[str], str]:
    """``_`` for ``language``: a word of the command line, the report or the app in that language."""
    return catalog(language).gettext


def ngettext_in(language: str) -> Callable[[str, str, int], str]:
    """``ngettext`` for ``language``: the form of a counted text that agrees with the number."""
    return catalog(language).ngettext


def N_(words: str) -> str:
    """Marks ``words`` for the catalogs (``scripts/catalogs.py`` extracts ``N_``) where they are
    defined; they are translated where they are shown (``gettext_in(language)(words)``)."""
    return words


Words = Callable[[str, Value], "str | None"]
"""The caller's own words for a value by its name (the app's access actions), or ``None``."""


def render(text: str, language: str, words: Words | None = None) -> str:
    """``text`` in ``language`` (``nb`` or ``en``) when it is a message, else as it is.

    ``words(name, value)`` may give a value in the reader's language (the app names access
    actions, roles and column descriptions so; ``None`` leaves it to the catalogs); numbers
    are written in the language's way, nested messages rendered in turn.
    """
    if not isinstance(text, Message):
        return text
    if text.code in SEPARATORS:
        parts = text.values.get("parts", ())
        assert isinstance(parts, tuple)
        return SEPARATORS[text.code].join(render(str_part(p), language, words) for p in parts)

    template = catalog(language).pgettext(text.code, PHRASES[text.code])
    return template.format(**{name: _value(v, language, name, words) for name, v in text.values.items()})


def str_part(value: Value) -> str:
    return value if isinstance(value, str) else str(value)


def _value(value: Value, language: str, name: str, words: Words | None) -> str:
    own = None if words is None else words(name, value)
    if own is not None:
        return own
    if isinstance(value, Message):
        return render(value, language, words)
    if isinstance(value, tuple):
        shown = [_value(v, language, name, words) for v in value]
        return ", ".join(shown)
    if isinstance(value, Decimal):
        return number(value, language)
    return str(value)


def number(value: Decimal | float | int, language: str, digits: int | None = None, group: str | None = None) -> str:
    """``value`` as ``language`` writes it (Babel): ``1 234,5`` in bokmål, ``1,234.5`` in English.

    A decimal keeps the digits it has (``Decimal("3.0")`` -> ``3,0``) unless ``digits`` says how
    many to show (a float without ``digits`` shows whole numbers). ``group`` replaces the
    locale's mark between thousands (the app writes a narrow no-break space in both
    languages, which :func:`planning.messages.locale_numbers.parse_number` reads back)."""
    if digits is None:
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
        digits = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    locale = LOCALES.get(language, "en_GB")
    written = format_decimal(value, format=pattern, locale=locale).replace("\u2212", "-")
    return written if group is None else written.replace(get_group_symbol(locale), group)


def percent(share: float, language: str, digits: int = 0) -> str:
    """A share as a percentage the way ``language`` writes it (Babel): ``48 %`` in bokmål, ``48%`` in English."""
    locale = Locale.parse(LOCALES.get(language, "en_GB"))
    pattern = str(locale.percent_formats[None].pattern)
    if digits > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits, 1)
    return format_percent(share, format=pattern, locale=locale).replace("\u2212", "-")


def date_text(day: dt.date, language: str) -> str:
    """A date the way ``language`` writes it short (Babel): ``4. des. 2026``, ``4 Dec 2026``.

    A time (:class:`datetime.datetime`, UTC when it has no zone) gives its day in Oslo."""
    if isinstance(day, dt.datetime):
        day = _in_oslo(day).date()
    return format_date(day, format="medium", locale=LOCALES.get(language, "en_GB"))


def datetime_text(when: dt.datetime, language: str) -> str:
    """A stored time (UTC when it has no zone) in Oslo time, the way ``language`` writes it
    (Babel): ``4. des. 2026 14:05``, ``4 Dec 2026 14:05``."""
    local = _in_oslo(when)
    clock = format_time(local, format="HH:mm", locale=LOCALES.get(language, "en_GB"))
    return f"{date_text(local.date(), language)} {clock}"


def _in_oslo(when: dt.datetime) -> dt.datetime:
    return (when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)).astimezone(OSLO)
