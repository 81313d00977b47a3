"""The app's words for plans at a confidence level and the price of predictability, bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "stage.Sampling the planning futures": "Sampling the planning futures",
    "stage.Calibrating the reserve": "Calibrating the reserve",
    "stage.Checking the plan on fresh futures": "Checking the plan on fresh futures",
    "stage.The point-estimate plan": "The point-estimate plan",
    "robust.title": "Plan at a chosen confidence",
    "robust.intro": (
        "Make a plan that keeps the envelopes in a chosen share of possible futures, and see what each step "
        "of certainty costs in NPV. The plan is then tried in fresh futures (another seed): if it misses the "
        "target by more than 2 percentage points, it says so here."
    ),
    "robust.confidence": "Confidence",
    "robust.confidence_help": (
        "The share of futures in which what must hold holds. Default: the scenario's own, else 85 %."
    ),
    "robust.scope": "What must hold",
    "robust.scope.envelope": "Each envelope (pool and year)",
    "robust.scope.pool_total": "Each pool's total over the horizon",
    "robust.method": "Method",
    "robust.method.contingency": "Reserve calibrated by simulation",
    "robust.method.saa": "Scenario-based MILP",
    "robust.samples": "Futures to plan with",
    "robust.button": "Make the plan",
    "robust.price_button": "Compare 50–95 %",
    "robust.running": "Making the plan …",
    "robust.price_running": "Making five plans …",
    "robust.done": "Done",
    "robust.failed": "Could not make the plan: {error}",
    "robust.npv": "NPV",
    "robust.initiatives": "Initiatives in the plan",
    "robust.achieved": "Held in fresh futures",
    "robust.achieved_help": (
        "The share of {samples} fresh futures (seed {seed}) in which the weakest {what} held: {weakest}."
    ),
    "robust.what.envelope": "envelope",
    "robust.what.pool_total": "pool total",
    "robust.reserve": "Reserve held back",
    "robust.verdict.reached": (
        "Target {target} reached: the plan held in {achieved} of fresh futures (within 2 percentage points)."
    ),
    "robust.verdict.below": (
        "Target {target} NOT reached: the plan held in only {achieved} of fresh futures. Do not promise this "
        "confidence; plan at a higher level or with more futures."
    ),
    "robust.verdict.above": (
        "The plan is more cautious than asked: it held in {achieved} of fresh futures against the target "
        "{target}, and gives up NPV for it."
    ),
    "robust.verdict.no_plan": "No plan holds at this confidence.",
    "budget.confidence": "Confidence (%)",
    "budget.confidence_help": (
        "Plan so that what must hold holds in at least this share of possible futures: 50 to 99. Blank means "
        "the point estimates. Applies wherever the scenario is optimised (Roadmap, planning run)."
    ),
    "budget.confidence_scope": "What must hold",
    "budget.confidence_scope_help": "Each envelope (pool and year) or each pool's total over the whole horizon.",
    "roadmap.at_confidence": (
        "The scenario asks for a plan at {target} confidence ({what}). The plan is made so and tried in "
        "{samples} fresh futures."
    ),
    "compare.planned_at": (
        "{scenario} is planned at {target} confidence ({what}), as the scenario asks; tried in {samples} fresh "
        "futures, it held in {achieved}."
    ),
    "ladder.planned_at": (
        "Every level is planned at {target} confidence ({what}), as the scenario asks; the column Confidence "
        "shows the level each plan was made at."
    ),
    "frontier.planned_at": (
        "Every budget level is planned at {target} confidence ({what}), as the scenario asks. The benefit/cost "
        "ranking is made on the point estimates, so it is left out beside these plans."
    ),
    "roadmap.what.envelope": "each envelope must hold",
    "roadmap.what.pool_total": "each pool's total must hold",
    "roadmap.point_estimates": "Use the point estimates",
    "roadmap.point_estimates_help": (
        "The scenario asks for {target} confidence. Tick to plan on the point estimates instead."
    ),
    "roadmap.on_point_estimates": (
        "The plan is made on the point estimates, although the scenario asks for {target} confidence."
    ),
    "robust.price_title": "The price of predictability",
    "robust.price_help": (
        "The point-estimate plan and plans at 50, 70, 85 and 95 % confidence, all tried in the same fresh "
        "futures. 'Cost' is the NPV given up against the point-estimate plan."
    ),
    "robust.col.level": "Plan",
    "robust.col.status": "Solver",
    "robust.col.gap": "Proven gap",
    "robust.col.npv": "NPV (MNOK)",
    "robust.col.npv_cost": "Cost (MNOK)",
    "robust.col.initiatives": "Initiatives",
    "robust.col.delivered_mean": "Delivered on average",
    "robust.col.achieved": "Envelopes held",
    "robust.col.verdict": "Target reached?",
    "robust.point": "Point estimate",
    "robust.verdict_short.reached": "reached",
    "robust.verdict_short.below": "NOT reached",
    "robust.verdict_short.above": "above target",
    "robust.verdict_short.no_plan": "no plan",
    "robust.verdict_short.": "",
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
