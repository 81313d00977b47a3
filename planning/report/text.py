"""The report's words, in Norwegian bokmål (the steering committee's language), in one place."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pandas as pd

from planning.charts.dependency import AREA_LABELS, STATUS_LABELS
from planning.messages.counts import counted
from planning.messages.message import Message
from planning.messages.render import date_text, datetime_text, number, percent
from planning.realisation.rollup import Coverage

SECTIONS = {
    "summary": "Sammendrag",
    "roadmap": "Godkjent veikart",
    "spend": "Kostnader per region og år mot investeringsrammene",
    "benefits": "Gevinstrealisering",
    "changes": "Endringer siden sist godkjente plan",
    "risk": "Tiltak med risiko",
    "predictability": "Forutsigbarhet og leveransesikkerhet",
    "decisions": "Beslutninger styringsgruppen bes om",
    "method": "Metode og forutsetninger",
}
"""Section id -> title; tests and readers look for these titles."""

BENEFIT_STATUS = {
    "green": "Grønn",
    "yellow": "Gul",
    "red": "Rød",
    "missing": "Mangler måling",
    "not_due": "Ikke forfalt",
    "not_in_plan": "Ikke i plan",
}
TREND = {"up": "↑ bedre", "down": "↓ svakere", "flat": "→ stabil", None: ""}
BENEFIT_TYPES = {
    "efficiency": "Effektivisering",
    "freed_capacity": "Frigjort kapasitet",
    "other_actors": "Gevinst for andre aktører",
    "quality": "Kvalitet (ikke prissatt)",
}
CHANGES = {
    "added": "Ny i planen",
    "dropped": "Tatt ut",
    "earlier": "Fremskyndet",
    "later": "Utsatt",
    "unchanged": "Uendret",
}
RISK = {"low": "lav", "medium": "middels", "high": "høy"}
SOLVER_STATUS = {
    "optimal": "optimal (bevist)",
    "time_limit": "stoppet ved tidsgrensen",
    "work_limit": "stoppet ved nodegrensen",
    "infeasible": "ingen plan",
    "error": "feil",
}
VERDICTS = {"reached": "nådd", "below": "IKKE nådd", "above": "over målet", "no_plan": "ingen plan", "": ""}
POLICIES = {
    "defer": "det som ikke er startet, utsettes når en ramme ellers ville blitt overskredet (lavest verdi først)",
    "report": "ingenting utsettes; overskridelsen vises",
}
AREAS = AREA_LABELS
INITIATIVE_STATUS = STATUS_LABELS
SOURCES = {
    "plan": "planens sluttperiode",
    "baseline_date": "året for nullpunktsmålingen",
    "target_date": "målåret minus opptrapping",
    "before_horizon": "året før horisonten",
    "not_in_plan": "ikke i plan",
}


def num(value: Any, decimals: int = 1) -> str:
    """A number the Norwegian way (Babel's bokmål): 1 234,5 (blank for missing values)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return number(float(value), "nb", decimals)


def pct(value: Any) -> str:
    """A share as a whole percentage, 0.9 -> 90 %; a dash when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return percent(float(value), "nb")


def local_time(when: dt.datetime | None, language: str = "nb") -> str:
    """A stored time (UTC when it has no zone) in Oslo time, the reader's way: ``4. des. 2026 19:45``."""
    return "" if when is None else datetime_text(when, language)


def local_date(day: dt.date | None, language: str = "nb") -> str:
    """A date (a time's day in Oslo), the reader's way: ``4. des. 2026``; blank for none."""
    return "" if day is None else date_text(day, language)


def count(n: int, one: str, many: str) -> str:
    """``1 beslutning``, ``2 beslutninger``: the noun agrees with the number."""
    return counted(int(n), one, many)


def realised_headline(realised: float, planned: float) -> str:
    """The benefit headline's words under the realised MNOK, read right whether the realised
    gain is below, at or above what was planned for the same (measured) benefits."""
    if abs(planned) < 0.5:
        return "MNOK prissatt gevinst realisert; ingenting var planlagt for de målte gevinstene ennå"
    difference = realised - planned
    if abs(difference) < max(0.5, 0.005 * abs(planned)):
        return f"MNOK prissatt gevinst realisert, som planlagt ({num(planned, 0)} MNOK) for de målte gevinstene"
    way = "mer enn" if difference > 0 else "mindre enn"
    return (
        f"MNOK prissatt gevinst realisert: {num(abs(difference), 0)} MNOK ({pct(abs(difference) / planned)}) "
        f"{way} planlagt ({num(planned, 0)} MNOK) for de målte gevinstene"
    )


def coverage_sentence(found: Coverage) -> str:
    """``Målt i 2025: 9 av 14 gevinster som var ventet ...``: a measurement gap said as such, not as a miss."""
    if found.due == 0:
        return f"Ingen gevinster var ventet eller målt i {found.year}."
    if found.measured == found.due:
        every = "den ene gevinsten" if found.due == 1 else f"alle {found.due} gevinstene"
        return f"Målt i {found.year}: {every} som var ventet."
    words = f"Målt i {found.year}: {found.measured} av {count(found.due, 'gevinst', 'gevinster')} som var ventet"
    words += f". For {count(found.due - found.measured, 'gevinst', 'gevinster')} mangler målingen"
    if found.planned_unmeasured > 0.5:
        words += f" ({num(found.planned_unmeasured, 0)} MNOK planlagt)"
    return words + "; den er verken regnet som oppnådd eller som tapt."


OBLIGATIONS = {"statutory": "lovpålagt", "equity": "likeverd", "none": "ingen"}
REASONS = {
    "does_not_pay_off": "lønner seg ikke (netto nåverdi {npv} MNOK ved tidligste start)",
    "displaces": "ville fortrengt tiltak som er verdt mer",
    "forced_out": "tatt ut av scenarioet",
    "waits_for_excluded": "venter på {predecessor}, som ikke er med",
    "waits_for_one_missing": "venter på {missing}, som ikke er i planen",
    "waits_for_missing": "venter på {missing}, som ikke er i planen",
    "alternative_chosen": "alternativet {chosen} er valgt",
    "after_horizon": "får ikke plass innen horisonten",
    "budget_full": "rammen til {pool} er full i {period}",
    "capacity_full": "kapasiteten {pool} er full i {period}",
}
"""The optimiser's reasons (English templates of :mod:`planning.messages.phrases`) in the report's bokmål."""


def reason(text: str) -> str:
    """An optimiser reason in bokmål where the report knows its kind; else "ikke i planen"."""
    if not isinstance(text, Message) or text.code not in REASONS:
        return "ikke i planen"
    values = {name: str(value) for name, value in text.values.items()}
    if isinstance(npv := text.values.get("npv"), Decimal):
        values["npv"] = num(float(npv), 1)
    return REASONS[text.code].format(**values)


SCOPES = {"envelope": "hver investeringsramme (kilde og år)", "pool_total": "hver kildes sum over horisonten"}


def planned_at(confidence: float | None, scope: str | None = None, achieved: float | None = None,
               samples: int | None = None) -> str:  # fmt: skip
    """That a plan is made at a confidence level, what must hold, and what the check on fresh
    futures found where known; empty for a plan on the point estimates."""
    if confidence is None:
        return ""
    what = f": {SCOPES[scope]} skal holde i minst {pct(confidence)} av mulige utfall" if scope in SCOPES else ""
    held = "" if achieved is None else f"; i {samples} nye utfall holdt den i {pct(achieved)}"
    return f"planlagt med {pct(confidence)} sikkerhet{what}{held}"
