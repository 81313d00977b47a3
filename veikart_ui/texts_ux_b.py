"""The app's words for issue 33's items 11-13: measurement coverage on the Gevinster page,
and statutory and equity obligations (the initiative editor, the plan's warning, the cost
of keeping them), in bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # Gevinster: planned against realised, like with like
    "ux_b.coverage": (
        "Målt i {year}: {measured} av {due} gevinster som var ventet.",
        "Measured in {year}: {measured} of {due} benefits due.",
    ),
    "ux_b.coverage_all": (
        "Målt i {year}: alle {due} gevinster som var ventet.",
        "Measured in {year}: all {due} benefits due.",
    ),
    "ux_b.coverage_none": (
        "Ingen gevinster var ventet eller målt i {year}.",
        "No benefit was due or measured in {year}.",
    ),
    "ux_b.like_with_like": (
        "Prissatte gevinster som er målt: realisert {realised} MNOK mot planlagt {planned} MNOK for de samme "
        "gevinstene ({ratio}).",
        "Monetised benefits measured: {realised} MNOK realised against {planned} MNOK planned for the same "
        "benefits ({ratio}).",
    ),
    "ux_b.unmeasured": (
        "{amount} MNOK er planlagt for gevinster som ikke er målt ennå; de regnes verken som oppnådd eller som tapt.",
        "{amount} MNOK is planned for benefits not measured yet; it counts neither as achieved nor as missed.",
    ),
    "ux_b.ratio_of_plan": ("{share} av plan", "{share} of plan"),
    # the singular of texts that count (i18n.text picks KEY.one when n is 1): "1 rad", never "1 rader"
    "alert.behind.one": ("1 gevinst ligger bak plan", "1 benefit is behind plan"),
    "alert.overrun.one": (
        "Planen går over investeringsrammen i 1 region-år med dagens rammer",
        "The plan exceeds the investment envelope in 1 region-year with today's envelopes",
    ),
    "kpi.left_out.one": ("1 tiltak er utelatt", "1 initiative is left out"),
    "edit.saved.one": ("Lagret (1 rad).", "Saved (1 row)."),
    "edit.invalid.one": (
        "Ikke lagret: 1 problem. Se kolonnen ⚠ ved raden; endringene dine er beholdt.",
        "Not saved: 1 problem. See the ⚠ column next to the row; your edits are kept.",
    ),
    "detail.waits_for.one": ("Venter på 1 tiltak (⟵ direkte):", "Waits for 1 initiative (⟵ directly):"),
    "detail.unlocks.one": (
        "Låser opp 1 tiltak med prissatte gevinster på {value} per år:",
        "Unlocks 1 initiative with monetised benefits of {value} a year:",
    ),
    "scenarios.solving.one": ("Løser 1 scenario …", "Solving 1 scenario …"),
    # obligations: the initiative editor
    "col.obligation": ("Forpliktelse", "Obligation"),
    "col.obligation_note": ("Lov eller plikt", "Law or duty"),
    "help.obligation": (
        "Lovpålagt (en lov krever tiltaket) eller likeverd (likeverdig tilgang, for eksempel tjenester på samisk): "
        "holdes med i alle planer selv om det ikke lønner seg, med mindre scenarioet frigir forpliktelsene.",
        "Statutory (a law requires it) or equity (equal access, for example services in the Sami languages): kept "
        "in every plan even when it does not pay off, unless the scenario releases obligations.",
    ),
    "help.obligation_note": (
        "Hvilken lov eller plikt, for eksempel «sameloven kap. 3». Må fylles ut for en forpliktelse.",
        "Which law or duty, for example 'sameloven kap. 3'. Required for an obligation.",
    ),
    "ux_b.obligation.none": ("Ingen", "None"),
    "ux_b.obligation.statutory": ("Lovpålagt", "Statutory"),
    "ux_b.obligation.equity": ("Likeverd", "Equity"),
    # obligations: the plan
    "ux_b.left_out": (
        "Denne planen utelater {count}:",
        "This plan leaves out {count}:",
    ),
    "ux_b.left_out_one": ("ett lovpålagt eller likeverdsbegrunnet tiltak", "one statutory or equity obligation"),
    "ux_b.left_out_many": ("{n} lovpålagte eller likeverdsbegrunnede tiltak", "{n} statutory or equity obligations"),
    "ux_b.left_out_line": ("{id} {name} ({kind}{note}): {reason}", "{id} {name} ({kind}{note}): {reason}"),
    "ux_b.left_out_fix": (
        "Scenarioet frigir forpliktelsene eller tar tiltaket ut. Vil du holde dem med, fjern krysset for «Frigi "
        "forpliktelser» i scenarioet (Budsjett og ambisjonsnivå) og beregn planen på nytt.",
        "The scenario releases the obligations or takes the initiative out. To keep them, untick 'Release "
        "obligations' in the scenario (Budget and ambition) and plan again.",
    ),
    "ux_b.cost_title": ("Hva koster forpliktelsene?", "What do the obligations cost?"),
    "ux_b.cost_help": (
        "Løser scenarioet én gang til uten regelen om å holde lovpålagte og likeverdsbegrunnede tiltak med, og "
        "viser forskjellen i netto nåverdi.",
        "Solves the scenario once more without the rule that keeps statutory and equity obligations in, and shows "
        "the difference in net present value.",
    ),
    "ux_b.cost_button": ("Beregn kostnaden", "Work out the cost"),
    "ux_b.cost_running": ("Løser uten forpliktelsene …", "Solving without the obligations …"),
    "ux_b.cost_none": (
        "Scenarioet holder ingen forpliktelser med (ingen er merket, eller de er frigitt), så det er ingenting å "
        "prise.",
        "The scenario keeps no obligations (none are marked, or they are released), so there is nothing to price.",
    ),
    "ux_b.cost_with": ("Netto nåverdi med forpliktelsene", "Net present value with the obligations"),
    "ux_b.cost_without": ("Uten forpliktelsene", "Without the obligations"),
    "ux_b.cost_of": ("Kostnad ved å holde dem med", "Cost of keeping them"),
    "ux_b.cost_kept": ("Forpliktelser som holdes med: {ids}.", "Obligations kept: {ids}."),
    "ux_b.cost_dropped": (
        "Uten regelen ville planen utelatt: {ids}.",
        "Without the rule the plan would leave out: {ids}.",
    ),
    "ux_b.cost_all_pay": (
        "Uten regelen ville planen likevel tatt med alle: de lønner seg.",
        "Without the rule the plan would keep them all anyway: they pay their way.",
    ),
    "ux_b.cost_proven": ("Begge planene er bevist optimale.", "Both plans are proven optimal."),
    "ux_b.cost_estimate": (
        "Minst én av planene stoppet ved tidsgrensen: kostnaden er et anslag.",
        "At least one plan stopped at the time limit: the cost is an estimate.",
    ),
    "ux_b.cost_failed": (
        "Ingen pris: en av planene mangler ({with_status} med, {without_status} uten).",
        "No price: a plan is missing ({with_status} with, {without_status} without).",
    ),
    # obligations: the scenario
    "scenario_field.release_obligations": ("Frigi forpliktelser", "Release obligations"),
    "ux_b.released": ("⚖️ Forpliktelser frigitt", "⚖️ Obligations released"),
    "ux_b.release": ("Frigi forpliktelser", "Release obligations"),
    "ux_b.release_help": (
        "Lovpålagte og likeverdsbegrunnede tiltak kan da utelates som alle andre. Planen sier øverst hvilke den "
        "utelater.",
        "Statutory and equity obligations may then be left out like any initiative. The plan says at the top which "
        "it leaves out.",
    ),
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "realisation": {"coverage": "measured {measured} of {due}"},
}
"""English texts added to the charts' own (merged key by key)."""
