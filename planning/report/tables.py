"""The report's word tables: a code -> its words in English, marked with ``N_`` for the catalogs.

:func:`planning.report.text.words` gives them in the report's language (the bokmål is in
``planning/locale/nb/LC_MESSAGES/veikart.po``).
"""

from __future__ import annotations

from planning.messages.render import N_

SECTIONS = {
    "summary": N_("Summary"),
    "roadmap": N_("Approved roadmap"),
    "spend": N_("Costs per region and year against the investment envelopes"),
    "benefits": N_("Benefit realisation"),
    "changes": N_("Changes since the last approved plan"),
    "risk": N_("Initiatives at risk"),
    "predictability": N_("Predictability and delivery confidence"),
    "decisions": N_("Decisions the steering committee is asked to make"),
    "method": N_("Method and assumptions"),
}
"""Section id -> title; tests and readers look for these titles."""

BENEFIT_STATUS = {
    "green": N_("Green"),
    "yellow": N_("Yellow"),
    "red": N_("Red"),
    "missing": N_("Measurement missing"),
    "not_due": N_("Not yet due"),
    "not_in_plan": N_("Not in plan"),
}
TREND = {"up": N_("↑ better"), "down": N_("↓ weaker"), "flat": N_("→ stable")}
BENEFIT_TYPES = {
    "efficiency": N_("Efficiency"),
    "freed_capacity": N_("Freed capacity"),
    "other_actors": N_("Benefit for other actors"),
    "quality": N_("Quality (not monetised)"),
}
CHANGES = {
    "added": N_("New in the plan"),
    "dropped": N_("Taken out"),
    "earlier": N_("Brought forward"),
    "later": N_("Postponed"),
    "unchanged": N_("Unchanged"),
}
RISK = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}
SOLVER_STATUS = {
    "optimal": N_("optimal (proven)"),
    "time_limit": N_("stopped at the time limit"),
    "work_limit": N_("stopped at the node limit"),
    "infeasible": N_("no plan"),
    "error": N_("error"),
}
VERDICTS = {"reached": N_("reached"), "below": N_("NOT reached"), "above": N_("above the target"),
            "no_plan": N_("no plan")}  # fmt: skip
POLICIES = {
    "defer": N_("what has not started is postponed where an envelope would otherwise be exceeded (lowest value first)"),
    "report": N_("nothing is postponed; the overrun is shown"),
}
AREAS = {
    "journal_collaboration": N_("Records and collaboration"),
    "home_follow_up": N_("Digital home follow-up"),
    "citizen_services": N_("Citizen services"),
    "shared_infrastructure": N_("Shared infrastructure"),
}
INITIATIVE_STATUS = {
    "proposed": N_("Proposed"),
    "approved": N_("Approved"),
    "started": N_("Started"),
    "completed": N_("Completed"),
    "stopped": N_("Stopped"),
}
OBLIGATIONS = {"statutory": N_("statutory"), "equity": N_("equity"), "none": N_("none")}
DISTRIBUTIONS = {"triangular": N_("triangular distribution"), "pert": N_("PERT distribution")}
KLASS = {"core": N_("Core"), "borderline": N_("Borderline"), "exterior": N_("Exterior")}
"""A Core Index class (:mod:`planning.uncertainty.core_index`) in words."""
SCOPES = {
    "envelope": N_("each investment envelope (source and year)"),
    "pool_total": N_("each source's sum over the horizon"),
}
"""What must hold in a plan made at a confidence level."""

REASONS = {
    "does_not_pay_off": N_("does not pay off (net present value {npv} MNOK at its earliest start)"),
    "displaces": N_("would displace initiatives worth more"),
    "forced_out": N_("taken out of the scenario"),
    "waits_for_excluded": N_("waits for {predecessor}, which is not included"),
    "waits_for_one_missing": N_("waits for {missing}, which is not in the plan"),
    "waits_for_missing": N_("waits for {missing}, which are not in the plan"),
    "alternative_chosen": N_("the alternative {chosen} is chosen"),
    "after_horizon": N_("does not fit within the horizon"),
    "budget_full": N_("the envelope of {pool} is full in {period}"),
    "capacity_full": N_("the capacity {pool} is full in {period}"),
}
"""The optimiser's reasons (:mod:`planning.messages.phrases`) in the report's shorter words."""
NOT_IN_PLAN = N_("not in the plan")
"""A reason the report has no words of its own for."""
