"""The app's words for plans at a confidence level and the price of predictability, bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "stage.Sampling the planning futures": ("Trekker utfall å planlegge med", "Sampling the planning futures"),
    "stage.Calibrating the reserve": ("Kalibrerer reserven", "Calibrating the reserve"),
    "stage.Checking the plan on fresh futures": ("Prøver planen i nye utfall", "Checking the plan on fresh futures"),
    "stage.The point-estimate plan": ("Planen på punktestimatene", "The point-estimate plan"),
    "robust.title": ("Plan med valgt sikkerhet", "Plan at a chosen confidence"),
    "robust.intro": (
        "Lag en plan som holder rammene i en valgt andel av mulige utfall, og se hva hvert steg av sikkerhet "
        "koster i netto nåverdi. Planen prøves deretter i nye utfall (et annet frø): holder den ikke målet "
        "innenfor 2 prosentpoeng, står det her.",
        "Make a plan that keeps the envelopes in a chosen share of possible futures, and see what each step of "
        "certainty costs in NPV. The plan is then tried in fresh futures (another seed): if it misses the target "
        "by more than 2 percentage points, it says so here.",
    ),
    "robust.confidence": ("Sikkerhet", "Confidence"),
    "robust.confidence_help": (
        "Andelen av utfallene der det som skal holde, holder. Standard: scenarioets egen verdi, ellers 85 %.",
        "The share of futures in which what must hold holds. Default: the scenario's own, else 85 %.",
    ),
    "robust.scope": ("Hva skal holde", "What must hold"),
    "robust.scope.envelope": ("Hver ramme (kilde og år)", "Each envelope (pool and year)"),
    "robust.scope.pool_total": ("Hver kildes sum over horisonten", "Each pool's total over the horizon"),
    "robust.method": ("Metode", "Method"),
    "robust.method.contingency": ("Reserve kalibrert ved simulering", "Reserve calibrated by simulation"),
    "robust.method.saa": ("Scenariobasert MILP", "Scenario-based MILP"),
    "robust.samples": ("Utfall å planlegge med", "Futures to plan with"),
    "robust.button": ("Lag planen", "Make the plan"),
    "robust.price_button": ("Sammenlign 50–95 %", "Compare 50–95 %"),
    "robust.running": ("Lager planen …", "Making the plan …"),
    "robust.price_running": ("Lager fem planer …", "Making five plans …"),
    "robust.done": ("Ferdig", "Done"),
    "robust.failed": ("Kunne ikke lage planen: {error}", "Could not make the plan: {error}"),
    "robust.npv": ("Netto nåverdi", "NPV"),
    "robust.initiatives": ("Tiltak i planen", "Initiatives in the plan"),
    "robust.achieved": ("Holdt i nye utfall", "Held in fresh futures"),
    "robust.achieved_help": (
        "Andelen av {samples} nye utfall (frø {seed}) der den svakeste {what} holdt: {weakest}.",
        "The share of {samples} fresh futures (seed {seed}) in which the weakest {what} held: {weakest}.",
    ),
    "robust.what.envelope": ("rammen", "envelope"),
    "robust.what.pool_total": ("kildesummen", "pool total"),
    "robust.reserve": ("Reserve holdt tilbake", "Reserve held back"),
    "robust.verdict.reached": (
        "Målet {target} er nådd: planen holdt i {achieved} av nye utfall (innenfor 2 prosentpoeng).",
        "Target {target} reached: the plan held in {achieved} of fresh futures (within 2 percentage points).",
    ),
    "robust.verdict.below": (
        "Målet {target} er IKKE nådd: planen holdt bare i {achieved} av nye utfall. Ikke lov bort denne "
        "sikkerheten; planlegg med høyere sikkerhet eller flere utfall.",
        "Target {target} NOT reached: the plan held in only {achieved} of fresh futures. Do not promise this "
        "confidence; plan at a higher level or with more futures.",
    ),
    "robust.verdict.above": (
        "Planen er forsiktigere enn bedt om: den holdt i {achieved} av nye utfall mot målet {target}, og gir "
        "opp netto nåverdi for det.",
        "The plan is more cautious than asked: it held in {achieved} of fresh futures against the target "
        "{target}, and gives up NPV for it.",
    ),
    "robust.verdict.no_plan": (
        "Ingen plan holder ved denne sikkerheten.",
        "No plan holds at this confidence.",
    ),
    "budget.confidence": ("Sikkerhet (%)", "Confidence (%)"),
    "budget.confidence_help": (
        "Planlegg slik at det som skal holde, holder i minst denne andelen av mulige utfall: 50 til 99. Tomt "
        "betyr punktestimatene. Gjelder overalt der scenarioet optimeres (Veikart, planning run).",
        "Plan so that what must hold holds in at least this share of possible futures: 50 to 99. Blank means "
        "the point estimates. Applies wherever the scenario is optimised (Roadmap, planning run).",
    ),
    "budget.confidence_scope": ("Hva skal holde", "What must hold"),
    "budget.confidence_scope_help": (
        "Hver ramme (kilde og år) eller hver kildes sum over hele horisonten.",
        "Each envelope (pool and year) or each pool's total over the whole horizon.",
    ),
    "roadmap.at_confidence": (
        "Scenarioet ber om en plan med {target} sikkerhet ({what}). Planen er laget slik og prøvd i {samples} nye "
        "utfall.",
        "The scenario asks for a plan at {target} confidence ({what}). The plan is made so and tried in {samples} "
        "fresh futures.",
    ),
    "roadmap.what.envelope": ("hver ramme skal holde", "each envelope must hold"),
    "roadmap.what.pool_total": ("hver kildes sum over horisonten skal holde", "each pool's total must hold"),
    "roadmap.point_estimates": ("Bruk punktestimatene", "Use the point estimates"),
    "roadmap.point_estimates_help": (
        "Scenarioet ber om {target} sikkerhet. Kryss av for å planlegge på punktestimatene i stedet.",
        "The scenario asks for {target} confidence. Tick to plan on the point estimates instead.",
    ),
    "roadmap.on_point_estimates": (
        "Planen er laget på punktestimatene, selv om scenarioet ber om {target} sikkerhet.",
        "The plan is made on the point estimates, although the scenario asks for {target} confidence.",
    ),
    "robust.price_title": ("Prisen på forutsigbarhet", "The price of predictability"),
    "robust.price_help": (
        "Punktestimatplanen og planer ved 50, 70, 85 og 95 % sikkerhet, alle prøvd i de samme nye utfallene. "
        "«Kostnad» er tapt netto nåverdi mot punktestimatplanen.",
        "The point-estimate plan and plans at 50, 70, 85 and 95 % confidence, all tried in the same fresh "
        "futures. 'Cost' is the NPV given up against the point-estimate plan.",
    ),
    "robust.col.level": ("Plan", "Plan"),
    "robust.col.status": ("Løser", "Solver"),
    "robust.col.gap": ("Bevist gap", "Proven gap"),
    "robust.col.npv": ("Netto nåverdi (MNOK)", "NPV (MNOK)"),
    "robust.col.npv_cost": ("Kostnad (MNOK)", "Cost (MNOK)"),
    "robust.col.initiatives": ("Tiltak", "Initiatives"),
    "robust.col.delivered_mean": ("Levert i snitt", "Delivered on average"),
    "robust.col.achieved": ("Rammene holdt", "Envelopes held"),
    "robust.col.verdict": ("Mål nådd?", "Target reached?"),
    "robust.point": ("Punktestimat", "Point estimate"),
    "robust.verdict_short.reached": ("nådd", "reached"),
    "robust.verdict_short.below": ("IKKE nådd", "NOT reached"),
    "robust.verdict_short.above": ("over målet", "above target"),
    "robust.verdict_short.no_plan": ("ingen plan", "no plan"),
    "robust.verdict_short.": ("", ""),
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "price": {
        "title": "The price of predictability: NPV and the chance that the envelopes hold",
        "x": "Plan",
        "npv": "NPV (MNOK)",
        "held": "Envelopes held (fresh futures)",
        "target": "Target",
        "point": "Point estimate",
        "initiatives": "initiatives",
        "empty": "No plans to compare",
    },
}
