"""The app's words for issue 33's items 11-13: measurement coverage on the Gevinster page,
and statutory and equity obligations (the initiative editor, the plan's warning, the cost
of keeping them), in bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # Gevinster: planned against realised, like with like
    "ux_b.coverage": "Measured in {year}: {measured} of {due} benefits due.",
    "ux_b.coverage_all": "Measured in {year}: all {due} benefits due.",
    "ux_b.coverage_none": "No benefit was due or measured in {year}.",
    "ux_b.like_with_like": (
        "Monetised benefits measured: {realised} MNOK realised against {planned} MNOK planned for the same "
        "benefits ({ratio})."
    ),
    "ux_b.unmeasured": (
        "{amount} MNOK is planned for benefits not measured yet; it counts neither as achieved nor as missed."
    ),
    "ux_b.ratio_of_plan": "{share} of plan",
    # the singular of texts that count (i18n.text picks KEY.one when n is 1): "1 rad", never "1 rader"
    "alert.behind.one": "1 benefit is behind plan",
    "alert.overrun.one": "The plan exceeds the investment envelope in 1 region-year with today's envelopes",
    "kpi.left_out.one": "1 initiative is left out",
    "edit.saved.one": "Saved (1 row).",
    "edit.invalid.one": "Not saved: 1 problem. See the ⚠ column next to the row; your edits are kept.",
    "detail.waits_for.one": "Waits for 1 initiative (⟵ directly):",
    "detail.unlocks.one": "Unlocks 1 initiative with monetised benefits of {value} a year:",
    "scenarios.solving.one": "Solving 1 scenario …",
    # obligations: the initiative editor
    "col.obligation": "Obligation",
    "col.obligation_note": "Law or duty",
    "help.obligation": (
        "Statutory (a law requires it) or equity (equal access, for example services in the Sami languages): "
        "kept in every plan even when it does not pay off, unless the scenario releases obligations."
    ),
    "help.obligation_note": "Which law or duty, for example 'sameloven kap. 3'. Required for an obligation.",
    "ux_b.obligation.none": "None",
    "ux_b.obligation.statutory": "Statutory",
    "ux_b.obligation.equity": "Equity",
    # obligations: the plan
    "ux_b.left_out": "This plan leaves out {count}:",
    "ux_b.left_out_one": "one statutory or equity obligation",
    "ux_b.left_out_many": "{n} statutory or equity obligations",
    "ux_b.left_out_line": "{id} {name} ({kind}{note}): {reason}",
    "ux_b.left_out_fix": (
        "The scenario releases the obligations or takes the initiative out. To keep them, untick 'Release "
        "obligations' in the scenario (Budget and ambition) and plan again."
    ),
    "ux_b.cost_title": "What do the obligations cost?",
    "ux_b.cost_help": (
        "Solves the scenario once more without the rule that keeps statutory and equity obligations in, and "
        "shows the difference in net present value."
    ),
    "ux_b.cost_button": "Work out the cost",
    "ux_b.cost_running": "Solving without the obligations …",
    "ux_b.cost_none": (
        "The scenario keeps no obligations (none are marked, or they are released), so there is nothing to price."
    ),
    "ux_b.cost_with": "Net present value with the obligations",
    "ux_b.cost_without": "Without the obligations",
    "ux_b.cost_of": "Cost of keeping them",
    "ux_b.cost_kept": "Obligations kept: {ids}.",
    "ux_b.cost_dropped": "Without the rule the plan would leave out: {ids}.",
    "ux_b.cost_all_pay": "Without the rule the plan would keep them all anyway: they pay their way.",
    "ux_b.cost_proven": "Both plans are proven optimal.",
    "ux_b.cost_estimate": "At least one plan stopped at the time limit: the cost is an estimate.",
    "ux_b.cost_failed": "No price: a plan is missing ({with_status} with, {without_status} without).",
    # obligations: the scenario
    "scenario_field.release_obligations": "Release obligations",
    "ux_b.released": "⚖️ Obligations released",
    "ux_b.release": "Release obligations",
    "ux_b.release_help": (
        "Statutory and equity obligations may then be left out like any initiative. The plan says at the top "
        "which it leaves out."
    ),
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "realisation": {"coverage": "measured {measured} of {due}"},
}
"""English texts added to the charts' own (merged key by key)."""
