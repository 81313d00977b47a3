"""The app's words for uncertain estimates and the Forutsigbarhet (Predictability) page, bokmål and English.

Kept apart from :mod:`veikart_ui.i18n` so the feature's words live together; ``i18n`` merges
:data:`TEXTS` into its own book and :data:`CHART_TEXTS` into the charts' English texts.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # the initiative editor
    "col.cost_low": "Cost low (MNOK)",
    "col.cost_high": "Cost high (MNOK)",
    "col.duration_low": "Duration low",
    "col.duration_high": "Duration high",
    "col.benefit_low": "Benefit low (share)",
    "col.benefit_likely": "Benefit most likely (share)",
    "col.benefit_high": "Benefit high (share)",
    "col.stop_probability": "Stop probability",
    "help.cost_low": (
        "Lowest plausible cost of a three-point estimate (low / most likely = Cost / high). Blank: the risk "
        "class's default."
    ),
    "help.cost_high": "Highest plausible cost. Blank: the risk class's default (medium risk: 1.9 × the cost).",
    "help.duration_low": "Fewest plausible periods. Blank: the risk class's default (the duration itself).",
    "help.duration_high": "Most plausible periods. Blank: the risk class's default (medium risk: 1.35 × the duration).",
    "help.benefit_share": (
        "Share of the initiative's stated benefits realised, for example 0.5. Blank: the risk class's default."
    ),
    "help.benefit_likely": "Most likely share of the stated benefits; below 1 corrects for optimism in the estimates.",
    "help.stop_probability": (
        "Probability that the initiative is stopped before delivery (0 to 1). Blank: the risk class's default."
    ),
    "page.predictability": "Predictability",
    "predictability.intro": (
        "How likely is the plan to keep its investment envelopes and deliver on time when cost, duration and "
        "benefit are uncertain? The three-point estimates (or the risk class's defaults) are sampled many "
        "times, and the plan is lived through each of the possible futures."
    ),
    "sim.source": "Plan to simulate",
    "sim.source.working": "The working scenario's plan",
    "sim.source.approved": "The approved plan",
    "sim.samples": "Number of futures",
    "sim.seed": "Seed",
    "sim.seed_help": "The same seed gives the same answer.",
    "sim.policy": "When an envelope would be exceeded",
    "sim.policy.defer": "Defer what has not started",
    "sim.policy.report": "Report the overrun",
    "sim.policy_help": (
        "Defer: initiatives due to start line up by value; from the first that would break an envelope, it "
        "and everything of lower value paid from that pool waits to the next period. Started, mandatory and "
        "locked work is never deferred. Report: everything starts as planned and the overrun is shown."
    ),
    "sim.distribution": "Distribution of a three-point estimate",
    "sim.distribution.triangular": "Triangular",
    "sim.distribution.pert": "PERT",
    "sim.correlation": "Correlation",
    "sim.correlation_help": "How much overruns that share a factor move together: 0 independent, 0.99 nearly alike.",
    "sim.correlate_by": "Shared factor",
    "sim.correlate_by.lead_region": "Lead region (supplier)",
    "sim.correlate_by.area": "Area",
    "sim.button": "Simulate",
    "sim.planning": "Making the plan for {scenario} first …",
    "sim.running": "Simulating …",
    "sim.done": "Done: {samples} futures simulated.",
    "sim.failed": "The simulation failed: {error}",
    "sim.failed_short": "The simulation failed",
    "sim.none": "Choose the settings and press “Simulate”.",
    "sim.no_approved": "No plan has been approved yet.",
    "sim.stale": "The result below was made before the latest change of data or settings; simulate again.",
    "sim.what": "Simulated: {plan}, {samples} futures, seed {seed}.",
    "sim.plan_working": "the plan of scenario {scenario}",
    "sim.plan_approved": "approved plan {id} (scenario {scenario})",
    "sim.left_out": "Not simulated, as the scenario can no longer plan them: {ids}",
    "sim.kpi.all_within": "Every envelope holds",
    "sim.kpi.all_within_help": "The share of futures in which every funding pool keeps its envelope in every year.",
    "sim.kpi.spend_p50": "P50 management budget",
    "sim.kpi.spend_p85": "P85 cost frame",
    "sim.kpi.spend_help": (
        "Total spend in the horizon that holds in 50 % (P50) and 85 % (P85) of the futures; the plan itself: "
        "{plan} MNOK."
    ),
    "sim.kpi.npv": "NPV P50",
    "sim.kpi.npv_help": "P10–P90: {p10} to {p90} MNOK; the plan: {plan} MNOK.",
    "sim.kpi.deferred": "Initiatives deferred out",
    "sim.kpi.deferred_help": "Mean number of the plan's initiatives that do not start within the horizon.",
    "sim.tab.spend": "Spend against envelope",
    "sim.tab.delivery": "Delivery confidence",
    "sim.tab.steps": "Steps",
    "sim.tab.value": "Value",
    "sim.tab.drivers": "Drivers",
    "sim.tab.estimates": "Estimates",
    "sim.value.npv": "Net present value",
    "sim.value.benefit": "Monetised benefit realised in the horizon (undiscounted)",
    "sim.drivers_help": (
        "Per initiative: the mean total overrun of the envelopes in the futures where its cost is among its "
        "lowest 10 % and its highest 10 %. The larger the swing, the more it drives the overruns."
    ),
    "sim.estimates_help": "The estimates used: blank fields on the Initiatives page take the risk class's default "
    "(see docs/uncertainty.md).",
    "sim.method": "Method: {distribution} distribution of each three-point estimate; correlation {correlation} within "
    "{by}; delays travel through the dependencies; started work is finished. See docs/uncertainty.md.",
    # table headers
    "sim.col.pool": "Funding pool",
    "sim.col.label": "Period",
    "sim.col.envelope": "Envelope (MNOK)",
    "sim.col.planned": "The plan (MNOK)",
    "sim.col.p10": "P10 (MNOK)",
    "sim.col.p50": "P50 (MNOK)",
    "sim.col.p85": "P85 (MNOK)",
    "sim.col.p90": "P90 (MNOK)",
    "sim.col.p_within": "Holds the envelope",
    "sim.col.start": "Start",
    "sim.col.finish": "Finish",
    "sim.col.initiatives": "Initiatives",
    "sim.col.mean": "Mean (MNOK)",
    "sim.col.cost_likely": "Cost most likely (MNOK)",
    "sim.col.duration_likely": "Duration most likely",
    "sim.col.p_on_time": "On time",
    "sim.col.p_within_one": "At most one period late",
    "sim.col.p_after_horizon": "Finishes after the horizon",
    "sim.col.p_deferred": "Deferred out of the horizon",
    "sim.col.p_blocked": "… as something it waits for stopped",
    "sim.col.p_stopped": "Stopped",
    "sim.col.expected_slip": "Expected slip (periods)",
    "sim.col.step": "Step",
    "sim.col.years": "Years",
    "sim.col.deadline": "Deadline",
    "sim.col.p_step_on_time": "All delivered by the deadline",
    "sim.col.measure": "Measure",
    "sim.col.overrun_low": "Overrun, low cost (MNOK)",
    "sim.col.overrun_high": "Overrun, high cost (MNOK)",
    "sim.col.swing": "Swing (MNOK)",
    "sim.col.correlation": "Correlation",
    "sim.col.risk": "Risk",
    "sim.col.defaults": "From the risk class",
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "fan": {
        "title": "Spend against the investment envelope: P10–P90 and P50 of simulated futures",
        "x": "Year",
        "y": "MNOK",
        "band": "P10–P90",
        "median": "P50",
        "envelope": "Investment envelope",
        "plan": "The plan",
        "holds": "holds",
        "empty": "No simulation to show",
    },
    "confidence": {
        "title": "Roadmap by delivery confidence: the chance of finishing by the planned finish",
        "x": "Year",
        "colour": "On time",
        "on_time": "On time",
        "one_late": "At most one period late",
        "deferred": "Deferred out of the horizon",
        "stopped": "Stopped",
        "slip": "Expected slip (periods)",
        "empty": "No initiatives in the plan",
    },
    "tornado": {
        "title": "What drives the overruns: total overrun when the initiative's cost is low and high",
        "x": "Mean total overrun of the envelopes (MNOK)",
        "low": "Cost among its lowest 10 %",
        "high": "Cost among its highest 10 %",
        "mean": "Mean",
        "empty": "No simulated future exceeds the envelopes",
    },
}
"""English texts of the uncertainty charts in ``planning.charts``; their Norwegian texts are the defaults."""
