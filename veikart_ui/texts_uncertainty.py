"""The app's words for uncertain estimates and the Forutsigbarhet (Predictability) page, bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the initiative editor
    "col.cost_low": ("Kostnad lav (MNOK)", "Cost low (MNOK)"),
    "col.cost_high": ("Kostnad høy (MNOK)", "Cost high (MNOK)"),
    "col.duration_low": ("Varighet lav", "Duration low"),
    "col.duration_high": ("Varighet høy", "Duration high"),
    "col.benefit_low": ("Gevinst lav (andel)", "Benefit low (share)"),
    "col.benefit_likely": ("Gevinst mest sannsynlig (andel)", "Benefit most likely (share)"),
    "col.benefit_high": ("Gevinst høy (andel)", "Benefit high (share)"),
    "col.stop_probability": ("Sannsynlighet for stopp", "Stop probability"),
    "help.cost_low": (
        "Laveste trolige kostnad i et trepunktsestimat (lav / mest sannsynlig = Kostnad / høy). Tom: standard for "
        "risikoklassen.",
        "Lowest plausible cost of a three-point estimate (low / most likely = Cost / high). Blank: the risk "
        "class's default.",
    ),
    "help.cost_high": (
        "Høyeste trolige kostnad. Tom: standard for risikoklassen (middels risiko: 1,9 × kostnaden).",
        "Highest plausible cost. Blank: the risk class's default (medium risk: 1.9 × the cost).",
    ),
    "help.duration_low": (
        "Færrest trolige perioder. Tom: standard for risikoklassen (varigheten selv).",
        "Fewest plausible periods. Blank: the risk class's default (the duration itself).",
    ),
    "help.duration_high": (
        "Flest trolige perioder. Tom: standard for risikoklassen (middels risiko: 1,35 × varigheten).",
        "Most plausible periods. Blank: the risk class's default (medium risk: 1.35 × the duration).",
    ),
    "help.benefit_share": (
        "Andel av tiltakets oppgitte gevinster som realiseres, for eksempel 0,5. Tom: standard for risikoklassen.",
        "Share of the initiative's stated benefits realised, for example 0.5. Blank: the risk class's default.",
    ),
    "help.benefit_likely": (
        "Mest sannsynlige andel av de oppgitte gevinstene; under 1 retter opp for optimisme i anslagene.",
        "Most likely share of the stated benefits; below 1 corrects for optimism in the estimates.",
    ),
    "help.stop_probability": (
        "Sannsynligheten for at tiltaket stoppes før levering (0 til 1). Tom: standard for risikoklassen.",
        "Probability that the initiative is stopped before delivery (0 to 1). Blank: the risk class's default.",
    ),
}

CHART_TEXTS: dict[str, dict[str, str]] = {}
"""English texts of the uncertainty charts in ``planning.charts``; their Norwegian texts are the defaults."""
