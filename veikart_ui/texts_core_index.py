"""The app's words for the Core Index (which initiatives are safe to commit now), bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "core.heading": ("Kjerneindeks: hva er trygt å forplikte nå?", "Core Index: what is safe to commit now?"),
    "core.intro": (
        "Scenarioet optimaliseres på nytt i mange mulige utfall, der kostnad, varighet og gevinst for hvert tiltak "
        "trekkes fra trepunktsestimatene. Et tiltak som velges i minst 90 % av utfallene er kjerne (trygt å "
        "forplikte nå), i høyst 10 % utenfor, og ellers et grensetilfelle som avhenger av hvordan estimatene slår ut.",
        "The scenario is re-optimised in many possible futures, each initiative's cost, duration and benefit drawn "
        "from its three-point estimates. An initiative chosen in at least 90 % of the futures is core (safe to "
        "commit now), in at most 10 % exterior, and otherwise borderline: it depends on how the estimates turn out.",
    ),
    "core.samples": ("Antall utfall som optimaliseres", "Futures to optimise"),
    "core.samples_help": (
        "Hvert utfall er en full optimalisering (om lag ett til tre sekunder for eksempelporteføljen).",
        "Each future is a full optimisation (about one to three seconds for the sample portfolio).",
    ),
    "core.seed": ("Frø", "Seed"),
    "core.seed_help": (
        "Samme frø gir samme kjerneindeks, uansett antall arbeidsprosesser.",
        "The same seed gives the same Core Index, whatever the number of workers.",
    ),
    "core.button": ("Beregn kjerneindeks", "Compute the Core Index"),
    "core.running": ("Optimaliserer mulige utfall …", "Optimising possible futures …"),
    "core.progress": ("{done} av {total} utfall optimalisert", "{done} of {total} futures optimised"),
    "core.done": ("Kjerneindeks over {futures} utfall", "Core Index over {futures} futures"),
    "core.failed_short": ("Kjerneindeksen kunne ikke beregnes", "The Core Index could not be computed"),
    "core.failed": ("Kjerneindeksen kunne ikke beregnes: {error}", "The Core Index could not be computed: {error}"),
    "core.none": (
        "Ingen kjerneindeks ennå: velg antall utfall og trykk «Beregn kjerneindeks».",
        "No Core Index yet: choose the number of futures and press “Compute the Core Index”.",
    ),
    "core.stale": (
        "Kjerneindeksen under ble beregnet for andre data eller valg; beregn på nytt for å oppdatere.",
        "The Core Index below was computed for other data or options; compute again to update it.",
    ),
    "core.sentence": (
        "Av den anbefalte planens {planned} tiltak er disse {safe} trygge å forplikte nå; disse {depends} avhenger "
        "av hvordan estimatene slår ut.",
        "Of the recommended plan's {planned} initiatives, these {safe} are safe to commit now; these {depends} "
        "depend on how the estimates turn out.",
    ),
    "core.safe": ("Trygge å forplikte nå", "Safe to commit now"),
    "core.depends": ("Avhenger av estimatene", "Depend on the estimates"),
    "core.what": (
        "{finished} av {requested} utfall optimalisert (frø {seed}, gap {gap}); {planned} med plan, {nodes} stoppet "
        "av nodegrensen (samme svar på alle maskiner), {limited} av tidsgrensen (et sikkerhetsnett). Motor: {engine}.",
        "{finished} of {requested} futures optimised (seed {seed}, gap {gap}); {planned} with a plan, {nodes} "
        "stopped by the node limit (the same answer on any machine), {limited} by the time limit (a safety net). "
        "Engine: {engine}.",
    ),
    "core.cancelled": (
        "Avbrutt: indeksen gjelder utfallene som ble ferdige.",
        "Cancelled: the index covers the futures that finished.",
    ),
    "core.klass.core": ("Kjerne", "Core"),
    "core.klass.borderline": ("Grensetilfelle", "Borderline"),
    "core.klass.exterior": ("Utenfor", "Exterior"),
    "core.col.initiative": ("Tiltak", "Initiative"),
    "core.col.name": ("Navn", "Name"),
    "core.col.share": ("Andel av utfallene", "Share of futures"),
    "core.col.klass": ("Klasse", "Class"),
    "core.col.planned": ("Anbefalt plan (år)", "Recommended plan (year)"),
    "core.col.start_min": ("Oppstart tidligst", "Start earliest"),
    "core.col.start_median": ("Oppstart median", "Start median"),
    "core.col.start_max": ("Oppstart senest", "Start latest"),
    "core.on_roadmap": (
        "Kjerneindeks ({futures} utfall): {safe} av planens {planned} tiltak er trygge å forplikte nå; {depends} "
        "avhenger av hvordan estimatene slår ut. Se Forutsigbarhet.",
        "Core Index ({futures} futures): {safe} of the plan's {planned} initiatives are safe to commit now; "
        "{depends} depend on how the estimates turn out. See Predictability.",
    ),
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "core_index": {
        "title": "Core Index: share of possible futures in which the initiative is chosen",
        "x": "Share of futures in which the initiative is chosen",
        "core": "Core (safe to commit now)",
        "borderline": "Borderline (depends on the estimates)",
        "exterior": "Exterior",
        "start": "Start (min / median / max)",
        "planned": "Recommended plan",
        "not_planned": "not in it",
        "empty": "No Core Index to show",
    },
}
