"""The app's words for the Core Index (which initiatives are safe to commit now), bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "core.heading": "Core Index: what is safe to commit now?",
    "core.intro": (
        "The scenario is re-optimised in many possible futures, each initiative's cost, duration and benefit "
        "drawn from its three-point estimates. An initiative chosen in at least 90 % of the futures is core "
        "(safe to commit now), in at most 10 % exterior, and otherwise borderline: it depends on how the "
        "estimates turn out."
    ),
    "core.samples": "Futures to optimise",
    "core.samples_help": "Each future is a full optimisation (about one to three seconds for the sample portfolio).",
    "core.seed": "Seed",
    "core.seed_help": "The same seed gives the same Core Index, whatever the number of workers.",
    "core.button": "Compute the Core Index",
    "core.running": "Optimising possible futures …",
    "core.progress": "{done} of {total} futures optimised",
    "core.done": "Core Index over {futures} futures",
    "core.failed_short": "The Core Index could not be computed",
    "core.failed": "The Core Index could not be computed: {error}",
    "core.none": "No Core Index yet: choose the number of futures and press “Compute the Core Index”.",
    "core.stale": "The Core Index below was computed for other data or options; compute again to update it.",
    "core.sentence": (
        "Of the recommended plan's {planned} initiatives, these {safe} are safe to commit now; these "
        "{depends} depend on how the estimates turn out."
    ),
    "core.safe": "Safe to commit now",
    "core.depends": "Depend on the estimates",
    "core.what": "{finished} of {requested} futures optimised (seed {seed}, gap {gap}); {planned} with a plan, {nodes} "
    "stopped by the node limit (the same answer on any machine), {limited} by the time limit (a safety net). "
    "Engine: {engine}.",
    "core.cancelled": "Cancelled: the index covers the futures that finished.",
    "core.klass.core": "Core",
    "core.klass.borderline": "Borderline",
    "core.klass.exterior": "Exterior",
    "core.col.initiative": "Initiative",
    "core.col.name": "Name",
    "core.col.share": "Share of futures",
    "core.col.klass": "Class",
    "core.col.planned": "Recommended plan (year)",
    "core.col.start_min": "Start earliest",
    "core.col.start_median": "Start median",
    "core.col.start_max": "Start latest",
    "core.on_roadmap": (
        "Core Index ({futures} futures): {safe} of the plan's {planned} initiatives are safe to commit now; "
        "{depends} depend on how the estimates turn out. See Predictability."
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
