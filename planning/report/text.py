"""The report's words, in Norwegian bokmål (the steering committee's language), in one place."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from planning.charts.dependency import AREA_LABELS, STATUS_LABELS

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
    """A number the Norwegian way: 1 234,5 (blank for missing values)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    formatted = f"{float(value):,.{decimals}f}"
    return formatted.replace(",", "\u00a0").replace(".", ",")


def pct(value: Any) -> str:
    """A share as a whole percentage, 0.9 -> 90 %; a dash when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value):.0%}".replace("%", "\u00a0%")
