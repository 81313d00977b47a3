"""The report's words in the report's language: bokmål (the steering committee's, the default) or English.

Every word comes from the gettext catalogs (``planning/locale``): the tables of
:mod:`planning.report.tables` and the sentences here are English ``msgid`` s marked with
``N_``, ``_`` and ``ngettext``; numbers, percentages and dates are written by Babel in the
language (:mod:`planning.messages.render`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import pandas as pd

from planning.messages.counts import counted
from planning.messages.message import Message, Value
from planning.messages.render import (
    date_text,
    datetime_text,
    gettext_in,
    ngettext_in,
    number,
    percent,
    render,
)
from planning.realisation.rollup import Coverage
from planning.report import tables

DEFAULT_LANGUAGE = "nb"
K = TypeVar("K")


def translated(table: Mapping[K, str], language: str) -> dict[K, str]:
    """A table of :mod:`planning.report.tables` in ``language``."""
    _ = gettext_in(language)
    return {key: _(words) for key, words in table.items()}


@dataclass(frozen=True)
class Words:
    """The report's word tables in one language: what the templates know as ``T``."""

    language: str
    sections: dict[str, str]
    benefit_status: dict[str, str]
    trend: dict[str, str]
    benefit_types: dict[str, str]
    changes: dict[str, str]
    risk: dict[str, str]
    solver_status: dict[str, str]
    verdicts: dict[str, str]
    areas: dict[str, str]
    initiative_status: dict[str, str]
    obligations: dict[str, str]

    def reason(self, text: str) -> str:
        return reason(text, self.language)


@cache
def words(language: str) -> Words:
    """The report's word tables in ``language``."""
    return Words(
        language=language,
        sections=translated(tables.SECTIONS, language),
        benefit_status=translated(tables.BENEFIT_STATUS, language),
        trend=translated(tables.TREND, language),
        benefit_types=translated(tables.BENEFIT_TYPES, language),
        changes=translated(tables.CHANGES, language),
        risk=translated(tables.RISK, language),
        solver_status=translated(tables.SOLVER_STATUS, language),
        verdicts=translated(tables.VERDICTS, language),
        areas=translated(tables.AREAS, language),
        initiative_status=translated(tables.INITIATIVE_STATUS, language),
        obligations=translated(tables.OBLIGATIONS, language),
    )


SECTIONS = words(DEFAULT_LANGUAGE).sections
"""Section id -> title in bokmål, the report's default language (``words(language).sections`` in another)."""


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def num(value: Any, decimals: int = 1, language: str = DEFAULT_LANGUAGE) -> str:
    """A number the language's way (Babel): ``1 234,5`` in bokmål, ``1,234.5`` in English; blank for missing."""
    return "" if _missing(value) else number(float(value), language, decimals)


def pct(value: Any, language: str = DEFAULT_LANGUAGE) -> str:
    """A share as a whole percentage, 0.9 -> ``90 %`` (``90%`` in English); a dash when missing."""
    return "–" if _missing(value) else percent(float(value), language)


def local_time(when: dt.datetime | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A stored time (UTC when it has no zone) in Oslo time, the reader's way: ``4. des. 2026 19:45``."""
    return "" if when is None else datetime_text(when, language)


def local_date(day: dt.date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A date (a time's day in Oslo), the reader's way: ``4. des. 2026``; blank for none."""
    return "" if day is None else date_text(day, language)


def count(n: int, one: str, many: str) -> str:
    """``1 beslutning``, ``2 beslutninger``: the noun agrees with the number (the caller's words)."""
    return counted(int(n), one, many)


def realised_headline(realised: float, planned: float, language: str = DEFAULT_LANGUAGE) -> str:
    """The benefit headline's words under the realised MNOK, read right whether the realised
    gain is below, at or above what was planned for the same (measured) benefits."""
    _ = gettext_in(language)
    if abs(planned) < 0.5:
        return _("MNOK of monetised benefit realised; nothing was planned for the measured benefits yet")
    difference = realised - planned
    if abs(difference) < max(0.5, 0.005 * abs(planned)):
        return _("MNOK of monetised benefit realised, as planned ({planned} MNOK) for the measured benefits").format(
            planned=num(planned, 0, language)
        )
    sentence = (
        _("MNOK of monetised benefit realised: {difference} MNOK ({share}) more than planned ({planned} MNOK) "
          "for the measured benefits")
        if difference > 0
        else _("MNOK of monetised benefit realised: {difference} MNOK ({share}) less than planned ({planned} MNOK) "
               "for the measured benefits")
    )  # fmt: skip
    return sentence.format(difference=num(abs(difference), 0, language), share=pct(abs(difference) / planned, language),
                           planned=num(planned, 0, language))  # fmt: skip


def coverage_sentence(found: Coverage, language: str = DEFAULT_LANGUAGE) -> str:
    """``Målt i 2025: 9 av 14 gevinster som var ventet ...``: a measurement gap said as such, not as a miss."""
    _, ngettext = gettext_in(language), ngettext_in(language)
    if found.due == 0:
        return _("No benefits were due or measured in {year}.").format(year=found.year)
    if found.measured == found.due:
        return ngettext("Measured in {year}: the one benefit that was due.",
                        "Measured in {year}: all {n} benefits that were due.", found.due).format(
            year=found.year, n=num(found.due, 0, language))  # fmt: skip
    measured = ngettext("Measured in {year}: {measured} of {n} benefit that was due.",
                        "Measured in {year}: {measured} of {n} benefits that were due.", found.due).format(
        year=found.year, measured=num(found.measured, 0, language), n=num(found.due, 0, language))  # fmt: skip
    planned = ""
    if found.planned_unmeasured > 0.5:
        planned = " " + _("({amount} MNOK planned)").format(amount=num(found.planned_unmeasured, 0, language))
    gap = found.due - found.measured
    missing = ngettext(
        "For {n} benefit the measurement is missing{planned}; it counts neither as achieved nor as lost.",
        "For {n} benefits the measurement is missing{planned}; they count neither as achieved nor as lost.",
        gap,
    ).format(n=num(gap, 0, language), planned=planned)
    return f"{measured} {missing}"


def reason(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """An optimiser reason in the report's words where the report knows its kind; else "not in the plan"."""
    _ = gettext_in(language)
    if not isinstance(text, Message) or text.code not in tables.REASONS:
        return _(tables.NOT_IN_PLAN)
    values = {name: _value(name, value, language) for name, value in text.values.items()}
    return _(tables.REASONS[text.code]).format(**values)


def _value(name: str, value: Value, language: str) -> str:
    if name == "npv" and isinstance(value, Decimal):
        return num(float(value), 1, language)
    return render(value, language) if isinstance(value, Message) else str(value)


def planned_at(confidence: float | None, scope: str | None = None, achieved: float | None = None,
               samples: int | None = None, language: str = DEFAULT_LANGUAGE) -> str:  # fmt: skip
    """That a plan is made at a confidence level, what must hold, and what the check on fresh
    futures found where known; empty for a plan on the point estimates."""
    if confidence is None:
        return ""
    _, ngettext = gettext_in(language), ngettext_in(language)
    what = ""
    if scope in tables.SCOPES:
        what = _(": {scope} must hold in at least {share} of possible futures").format(
            scope=_(tables.SCOPES[scope]), share=pct(confidence, language)
        )
    held = ""
    if achieved is not None:
        tried = int(samples or 0)
        held = ngettext("; in {n} fresh future it held in {share}", "; in {n} fresh futures it held in {share}",
                        tried).format(n=num(tried, 0, language), share=pct(achieved, language))  # fmt: skip
    return _("planned at {confidence} confidence{what}{held}").format(
        confidence=pct(confidence, language), what=what, held=held
    )
