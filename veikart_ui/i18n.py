"""The app's texts in Norwegian bokmål (default) and English, keyed by id.

:data:`TEXTS` holds each text's English (``key -> English``, with the feature modules'
``texts_*.TEXTS``); the bokmål lives in the gettext catalog
``planning/locale/nb/LC_MESSAGES/veikart.po`` with the key as context (``scripts/catalogs.py``
extracts the keys). ``text(key, language, **values)`` formats one text; ``names(kind,
language)`` gives the display names of coded values (areas, statuses, ...). The optimiser's
messages are rendered in :mod:`veikart_ui.phrases`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import plotly.graph_objects as go

from planning.domain.portfolio import Portfolio
from planning.messages.locale_numbers import SHOWN_GROUP_MARK
from planning.messages.message import decimal
from planning.messages.render import catalog
from planning.messages.render import number as locale_number
from veikart_ui import texts_core_index, texts_robust, texts_uncertainty, texts_ux, texts_ux_b
from veikart_ui.phrases import translate
from veikart_ui.scenario_texts import TEXTS as SCENARIO_TEXTS

LANGUAGES = {"nb": "Norsk", "en": "English"}
DEFAULT_LANGUAGE = "nb"

TEXTS: dict[str, str] = {
    "auth.signed_in": "Signed in: {who}",
    "auth.dev_switch": "Development switch {variable} is on: never on a shared server.",
    "auth.sign_out": "Sign out",
    "auth.sign_in": "Sign in",
    "auth.not_signed_in": "Not signed in: read-only.",
    "auth.username": "Username",
    "auth.password": "Password",
    # pages
    "app.language": "Språk / Language",
    "page.overview": "Overview",
    "page.initiatives": "Initiatives",
    "page.dependencies": "Dependencies",
    "page.budget": "Budget and ambition level",
    "page.roadmap": "Roadmap",
    "page.scenarios": "Scenarios",
    "page.benefits": "Benefits",
    "page.import_export": "Import/export",
    "page.approval": "Approval",
    "nav.plan": "Planning",
    "nav.data": "Data",
    # database
    "db.empty": "The database holds no portfolio yet. Load the sample portfolio, or run `planning init`.",
    "db.load_sample": "Load the sample portfolio",
    "db.lost": "Cannot reach the database: {error}. Check the connection and reload the page.",
    "db.kept": "What you entered in this session is kept and can be saved once the connection is back.",
    "db.save_failed": "Saving failed and nothing was changed: {error}. Your edits are kept.",
    "db.conflict": "Not saved: someone else changed the same rows meanwhile. Your edits are kept; check them and "
    "save again. {error}",
    "auth.denied": "Not saved: {reason}",
    "auth.read_only": "You are not signed in with the right to change this, so you can look and try but not save.",
    "auth.cannot_approve": "Only steering committee members and administrators can approve plans.",
    "auth.not_stored": (
        "The plan is not stored: only coordinators and administrators store runs. It cannot be approved."
    ),
    # overview
    "overview.intro": "The portfolio and the plan at a glance, and what needs attention.",
    "overview.portfolio": "The portfolio {first}–{last}",
    "overview.by_status": "Initiatives by status",
    "overview.approved_plan": "Approved plan (approved by {who} on {when})",
    "overview.session_plan": "Latest plan in this session (not approved)",
    "overview.no_plan": "No plan has been approved, and none has been made in this session.",
    "overview.go_roadmap": "Make a plan on the Roadmap page",
    "overview.alerts": "Alerts",
    "alert.validation": "Validation problems: {errors} errors, {warnings} warnings",
    "alert.behind": "{n} benefits are behind plan",
    "alert.behind_rule": (
        "Planned value: a straight line from the baseline measurement to the target. Behind plan: more than "
        "10 % of the way short. Shortfall as a percentage of the way from baseline to target."
    ),
    "alert.overrun": "The plan exceeds the investment envelope in {n} region-years with today's envelopes",
    "alert.none": "No alerts.",
    # KPIs
    "kpi.initiatives": "Initiatives",
    "kpi.open_investment": "Remaining investment",
    "kpi.open_investment_help": "Cost of proposed, approved and started initiatives (remaining cost for started ones).",
    "kpi.annual_benefit": "Monetised benefit a year",
    "kpi.annual_benefit_help": "All monetised benefits at full effect, MNOK per year.",
    "kpi.non_monetised": "Non-monetised benefits",
    "kpi.dependencies": "Dependencies",
    "kpi.npv": "Net present value",
    "kpi.selected": "Initiatives in the plan",
    "kpi.left_out": "{n} initiatives are left out",
    "kpi.investment": "Investment in the horizon",
    "kpi.utilisation": "Share of envelopes used",
    "kpi.finish": "Last initiative done",
    "kpi.finish_year": "All done (year)",
    # problems
    "problem.severity": "Severity",
    "problem.error": "error",
    "problem.warning": "warning",
    "problem.table": "Table",
    "problem.row": "Row",
    "problem.line": "Row in the file",
    "problem.field": "Field",
    "problem.message": "Problem",
    "problem.fix": "How to fix it",
    # columns
    "col.problems": "⚠ Problems",
    "col.id": "ID",
    "col.period": "Period",
    "col.name": "Name",
    "col.area": "Area",
    "col.lead_region": "Lead region",
    "col.participating": "Participating",
    "col.status": "Status",
    "col.duration": "Duration (periods)",
    "col.total_cost": "Cost (MNOK)",
    "col.cost_sharing": "Cost-sharing key",
    "col.earliest_start": "Earliest start",
    "col.latest_finish": "Latest finish",
    "col.mandatory": "Mandatory",
    "col.risk": "Risk",
    "col.alternative_group": "Alternative group",
    "col.cost_profile": "Cost profile (MNOK per period)",
    "col.custom_shares": "Custom shares",
    "col.capacity_usage": "Capacity use",
    "col.scores": "Scores (non-monetised)",
    "col.strategic_goal": "Strategic goal",
    "col.description": "Description",
    "col.benefit": "Benefit",
    "col.initiative": "Initiative",
    "col.title": "Title",
    "col.unit": "Unit",
    "col.year": "Year",
    "col.planned": "Planned",
    "col.realised": "Realised",
    "col.shortfall": "Shortfall (%)",
    "col.pool": "Funding pool",
    "col.spend": "Spend (MNOK)",
    "col.envelope": "Envelope (MNOK)",
    "col.excess": "Over the envelope (MNOK)",
    "col.benefit_type": "Type",
    "col.annual_value": "Per year",
    "col.owner": "Benefit owner",
    "help.id": "Stable short id, for example PLL-HV. Change it and dependencies and benefits must follow.",
    "help.lead": "The lead partner (hovedsamarbeidspart).",
    "help.cost": "Investment cost; for started initiatives what remains.",
    "help.period": "A year such as 2027, or 2027H2 / 2027Q3.",
    "help.cost_profile": (
        "Cost in each period separated by semicolons, for example 10;20.5;15. As many numbers as the duration."
    ),
    "help.pairs": "Pairs such as HSO=0.5;HV=0.5.",
    # editing
    "edit.save": "Save changes",
    "edit.discard": "Discard changes",
    "edit.saved": "Saved ({n} rows).",
    "edit.invalid": "Not saved: {n} problems. See the ⚠ column next to the rows; your edits are kept.",
    "edit.other_problems": "Problems in other tables or across the portfolio:",
    # initiatives
    "initiatives.intro": (
        "Filter and edit the initiatives. Everything is checked before it is saved; problems show next to the rows."
    ),
    "filter.area": "Area",
    "filter.region": "Region (lead or participating)",
    "filter.status": "Status",
    "filter.text": "Search",
    "filter.all": "All",
    "filter.text_hint": "Id or name",
    "detail.title": "One initiative in detail",
    "detail.choose": "Initiative",
    "detail.costs": "Costs",
    "detail.period": "Period",
    "detail.share": "Share",
    "detail.split": "Split by the key '{key}'",
    "detail.benefits": "Benefits",
    "detail.no_benefits": "No benefits recorded.",
    "detail.non_monetised": "not monetised",
    "detail.dependencies": "Dependencies",
    "detail.waits_for": "Waits for {n} initiatives (⟵ directly):",
    "detail.unlocks": "Unlocks {n} initiatives with monetised benefits of {value} a year:",
    "detail.nothing": "None.",
    # dependencies
    "deps.intro": "Initiatives in steps from left to right by what they wait for. Red: the critical path.",
    "deps.color_by": "Colour by",
    "deps.color.area": "Area",
    "deps.color.status": "Status",
    "deps.focus": "Highlight an initiative",
    "deps.none": "(none)",
    "deps.choose_hint": "Choose an initiative above to see what it waits for and what it unlocks.",
    "deps.critical": "Critical path",
    "deps.no_critical": "Nothing left to schedule.",
    "deps.critical_help": "The longest chain of dependencies; everything can be done in {finish} at the earliest.",
    "deps.waits_for": "Waits for ({n})",
    "deps.unlocks": "Unlocks ({n})",
    "deps.unlocks_value": (
        "The initiatives it unlocks have monetised benefits of {value} a year and {n} non-monetised ones."
    ),
    "deps.schedule": "Earliest and latest start (critical path)",
    "deps.earliest_start": "Earliest start",
    "deps.earliest_finish": "Earliest finish",
    "deps.latest_start": "Latest start",
    "deps.slack": "Slack (periods)",
    "deps.on_critical": "On the critical path",
    # budget
    "budget.intro": "Investment envelopes per funding pool and year, ambition level, cost sharing and capacity.",
    "budget.ambition": "Ambition level per region",
    "budget.ambition_help": (
        "Applies to this session's working copy of the scenario '{scenario}'. Save it on the Scenarios page."
    ),
    "budget.factor": "Envelopes in percent",
    "budget.factor_help": "Multiplies every envelope, for example 80 for a 20 % cut.",
    "budget.level": "Ambition level",
    "budget.level_factor": "Factor against the reference level",
    "budget.envelopes": "Edit investment envelopes",
    "budget.edit_level": "Ambition level to edit",
    "budget.envelopes_help": "MNOK per year. Empty cell: the level's factor times the reference level's envelope.",
    "budget.cost_sharing": "Cost-sharing keys",
    "budget.cost_sharing_help": (
        "The share each funding pool pays of each initiative. Change the key on the Initiatives page."
    ),
    "budget.capacity": "Capacity pools",
    "budget.capacity_help": "Scarce resources besides money, for example a supplier's teams or go-lives a year.",
    "budget.limit": "Limit per period",
    "budget.capacity_periods": "Capacity that varies over time",
    "budget.capacity_periods_help": (
        "A pool's limit in the periods where it differs from its limit above, for example when the supplier "
        "adds teams, or in the summer holidays. A year (2028) covers each of its periods without a row of its "
        "own (2028Q3)."
    ),
    "budget.capacity_pool": "Capacity pool",
    "budget.limit_in_period": "Limit in the period",
    "budget.basis": "Used",
    # roadmap
    "roadmap.intro": (
        "Run the optimiser for the working scenario and see the roadmap, spend against envelopes and benefits."
    ),
    "roadmap.color_by": "Colour by",
    "roadmap.color.area": "Area",
    "roadmap.color.region": "Region",
    "roadmap.dependencies": "Show dependencies",
    "roadmap.none": "No plan yet. Choose a time limit and press 'Run optimiser'.",
    "roadmap.stale": "Data or scenario changed since this plan was made. Run the optimiser again to update it.",
    "run.time_limit": "Solver time limit (seconds)",
    "run.button": "Run optimiser",
    "run.running": "Optimising …",
    "run.invalid": "The portfolio has errors and cannot be planned",
    "run.failed": "The solver failed",
    "run.failed_detail": (
        "The solver failed: {error}. Nothing was changed; try again, perhaps with a longer time limit."
    ),
    "run.done.optimal": "Done: optimal plan",
    "run.done.time_limit": "Stopped at the time limit: not proven optimal",
    "run.done.infeasible": "No feasible plan",
    "run.done.error": "The solver failed",
    "stage.Preparing inputs": "Preparing inputs",
    "stage.Finding a starting plan": "Finding a starting plan",
    "stage.Building the model": "Building the model",
    "stage.Solving": "Solving",
    "stage.Reading the plan": "Reading the plan",
    "stage.Explaining the plan": "Explaining the plan",
    "stage.Done": "Done",
    "facts.optimal": "Optimal plan: the solver proved that no plan is better (gap {gap}, solved in {seconds} s).",
    "facts.time_limit": (
        "The time limit of {limit} s was reached. This is the best plan the solver found, but it is NOT "
        "proven optimal: a better plan may exist within a gap of {gap}."
    ),
    "facts.work_limit": (
        "The node limit was reached ({message}). This is the best plan the solver found, but it is NOT proven "
        "optimal: a better plan may exist within a gap of {gap}. The same data always give the same plan."
    ),
    "facts.work_limit_none": "No plan: {message}. Try a higher node limit.",
    "facts.time_limit_none": (
        "The time limit of {limit} s was reached before the solver found any plan. Try a longer time limit."
    ),
    "facts.infeasible": "No plan meets every requirement of this scenario. See the diagnosis below.",
    "facts.error": "The solver failed: {message}",
    "facts.what": "What",
    "facts.value": "Value",
    "facts.status": "Status",
    "facts.objective": "Objective",
    "facts.bound": "Best bound",
    "facts.gap": "Proven gap",
    "facts.solve_seconds": "Solve time",
    "facts.build_seconds": "Time to build the model",
    "facts.time_limit_label": "Time limit",
    "facts.solver": "Solver",
    "facts.input_hash": "Input hash",
    "facts.message": "Message",
    "status.optimal": "optimal (proven)",
    "status.time_limit": "stopped at the time limit (not proven)",
    "status.infeasible": "infeasible",
    "status.error": "error",
    "plan.stored": "The plan is stored as plan no. {id}.",
    "plan.download": "Download the plan (Excel)",
    "plan.not_in": "not in the plan",
    "plan.download_help": (
        "Roadmap per initiative, spend against the envelope, the benefits curve and the solver's facts. Move "
        "start years in the roadmap sheet and check the plan under Import/eksport → Check a plan."
    ),
    "plan.diagnosis": "Why there is no plan:",
    "tab.roadmap": "Roadmap",
    "tab.spend": "Spend against envelope",
    "tab.benefits": "Benefit curve",
    "tab.steps": "Steps",
    "tab.explain": "Left out and deferred",
    "tab.facts": "Solver details",
    "benefit.note": "Monetised benefits over their lifetime, also beyond the horizon; not discounted.",
    "explain.none": "Every initiative is in the plan and starts as early as possible.",
    "explain.running": "Working out the explanations: {stage}",
    "explain.help": (
        "What forcing each initiative in at its earliest start would cost in NPV is worked out on request: "
        "the plan is solved again for each one, so it takes a while. You can use the rest of the app "
        "meanwhile."
    ),
    "explain.button": "Work out NPV if forced in",
    "explain.failed": "The explanations failed: {error}",
    "explain.pending": "–",
    "explain.outcome": "Outcome",
    "explain.left_out": "left out",
    "explain.deferred": "deferred",
    "explain.start": "Start in the plan",
    "explain.earliest": "Earliest possible",
    "explain.reason": "Reason",
    "explain.npv_if_forced": "NPV change if forced in",
    "explain.extra_budget": "Extra budget needed",
    "explain.after_horizon": "after the horizon",
    "steps.step": "Step",
    "steps.years": "Years",
    "steps.delivered": "Initiatives delivered",
    "steps.cost": "Cost (MNOK)",
    "steps.benefits_starting": "Benefits starting",
    "steps.annual_value": "New monetised benefit (MNOK per year)",
    "steps.deliveries": "What each step delivers",
    # scenario
    "scenario.working": "Working scenario",
    "scenario.checked": "Checked against scenario",
    "scenario.ambition": "Ambition level",
    "scenario.budget_factor": "Envelopes",
    "scenario.objective": "Objective",
    "scenario.discount_rate": "Discount rate",
    "scenario.change_ambition": "Change ambition level",
    "scenario.load_save": "Load or save a scenario",
    # scenarios
    "scenarios.intro": (
        "Save, load and compare scenarios; the ambition ladder, the efficient frontier and plan approval."
    ),
    "scenarios.name": "Name",
    "scenarios.name_missing": "Give the scenario a name.",
    "scenarios.save": "Save scenario",
    "scenarios.saved": "The scenario '{name}' is saved.",
    "scenarios.load_which": "Stored scenario",
    "scenarios.load": "Load",
    "scenarios.loaded": "The scenario '{name}' is now the working scenario.",
    "scenarios.stored": "Stored scenarios ({n})",
    "scenarios.tab.store": "Save and load",
    "scenarios.tab.compare": "Compare",
    "scenarios.tab.ladder": "Ambition ladder",
    "scenarios.tab.frontier": "Efficient frontier",
    "scenarios.tab.baseline": "Approved plan",
    "scenarios.time_limit": "Time limit per solve (seconds)",
    "scenarios.diff_title": "Changes from the approved plan to this session's plan",
    "scenarios.is_baseline": "This session's plan (no. {id}) is the plan of record.",
    "scenarios.approve_title": "Approve this session's plan (no. {id}) as the plan of record",
    "scenarios.compare_which": "Scenarios to compare",
    "scenarios.compare_help": "Preselected: the two storage alternatives against Basis.",
    "scenarios.compare_button": "Compare",
    "scenarios.solving": "Solving {n} scenarios …",
    "scenarios.compared": "The scenarios are compared",
    "scenarios.differences": "Initiatives that start differently",
    "scenarios.ladder_help": (
        "The working scenario solved at each ambition level; what a lower level holds stays in every higher one."
    ),
    "scenarios.ladder_button": "Compute the ambition ladder",
    "scenarios.ladder_running": "Solving each level …",
    "scenarios.ladder_done": "The ambition ladder is ready",
    "scenarios.price_of_nesting": "Price of nesting (NPV lost against plans optimised alone): {price}.",
    "scenarios.ladder_additions": "What each step up adds",
    "scenarios.frontier_help": "NPV against investment at several budget levels, beside a benefit/cost ranking.",
    "scenarios.frontier_button": "Compute the efficient frontier",
    "scenarios.frontier_running": "Solving each budget level …",
    "scenarios.frontier_done": "The efficient frontier is ready",
    "scenarios.no_baseline": "No plan has been approved yet.",
    "scenarios.baseline_is": (
        "Approved plan: no. {id} (scenario {scenario}), approved by {who} on {when}. Comment: {comment}"
    ),
    "scenarios.approve_needs_plan": "Run the optimiser on the Roadmap page to get a plan to approve.",
    "scenarios.approved_by": "Approved by",
    "scenarios.approved_by_hint": "for example the steering committee",
    "scenarios.comment": "Comment",
    "scenarios.approve": "Approve the plan",
    "scenarios.approved": "Plan no. {id} is approved as the plan of record.",
    "diff.added": "Added",
    "diff.dropped": "Dropped",
    "diff.earlier": "Moved earlier",
    "diff.later": "Moved later",
    "diff.npv_change": "Change in NPV",
    # columns of domain tables (show_table)
    "field.scenario": "Scenario",
    "field.status": "Status",
    "field.gap": "Proven gap",
    "field.confidence": "Confidence",
    "field.held": "Held in fresh futures",
    "field.verdict": "Target reached?",
    "field.npv": "Net present value (MNOK)",
    "field.investment": "Investment (MNOK)",
    "field.benefit": "Total benefit (MNOK)",
    "field.initiatives": "Initiatives",
    "field.makespan": "Periods until all is done",
    "field.finish": "Finish",
    "field.solve_seconds": "Solve time (s)",
    "field.initiative": "Initiative",
    "field.name": "Name",
    "field.level": "Level",
    "field.independent_npv": "NPV optimised alone (MNOK)",
    "field.price_of_nesting": "Price of nesting (MNOK)",
    "field.envelope": "Envelopes (MNOK)",
    "field.added": "Added",
    "field.nested": "Nested",
    "field.fallback": "Fallback",
    "field.note": "Note",
    "field.lead_region": "Lead region",
    "field.start": "Start",
    "field.pool": "Funding pool",
    "field.cost": "Cost (MNOK)",
    "field.id": "ID",
    "field.change": "Change",
    "field.start_a": "Start in the approved plan",
    "field.start_b": "Start in this plan",
    "field.shift": "Moved (periods)",
    "field.amount_a": "Approved plan (MNOK)",
    "field.amount_b": "This plan (MNOK)",
    "field.budget_factor": "Budget level",
    "field.npv_optimiser": "NPV, optimiser (MNOK)",
    "field.npv_greedy": "NPV, benefit/cost ranking (MNOK)",
    "field.gain": "Gained by optimising (MNOK)",
    "field.step": "Step",
    "field.area": "Area",
    # benefit realisation tables (Gevinster)
    "field.benefit_id": "Benefit",
    "field.title": "Title",
    "field.initiative_id": "Initiative",
    "field.owner": "Owner",
    "field.unit": "Unit",
    "field.monetised": "Monetised",
    "field.latest_year": "Last measured",
    "field.planned_to_date": "Planned to date",
    "field.realised_to_date": "Realised to date",
    "field.variance": "Variance",
    "field.ratio": "Share of plan",
    "field.trend": "Trend",
    "field.missing_years": "Years not measured",
    "field.remaining_planned": "Remaining, plan",
    "field.remaining_reforecast": "Remaining, forecast",
    "field.reforecast_target": "Re-forecast target",
    "field.region": "Region",
    "field.type": "Type",
    "field.benefits": "Benefits",
    "field.green": "Green",
    "field.yellow": "Yellow",
    "field.red": "Red",
    "field.missing": "Measurement missing",
    "field.not_due": "Not yet due",
    "field.not_in_plan": "Not in the plan",
    "field.own_annual_value": "Own value per year",
    "field.own_non_monetised": "Own non-monetised points",
    "field.dependants": "Initiatives waiting",
    "field.unlocked_annual_value": "Unlocked value per year",
    "field.unlocked_non_monetised": "Unlocked non-monetised points",
    "field.unlocked": "Unlocks",
}
TEXTS.update(SCENARIO_TEXTS)

NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "benefit_status": {
        "green": ("Grønn", "Green"),
        "yellow": ("Gul", "Yellow"),
        "red": ("Rød", "Red"),
        "missing": ("Mangler måling", "Measurement missing"),
        "not_due": ("Ikke forfalt", "Not yet due"),
        "not_in_plan": ("Ikke i planen", "Not in the plan"),
    },
    "trend": {"up": ("↑ opp", "↑ up"), "down": ("↓ ned", "↓ down"), "flat": ("→ flat", "→ flat")},
    "area": {
        "journal_collaboration": ("Journal og samhandling", "Records and collaboration"),
        "home_follow_up": ("Digital hjemmeoppfølging", "Digital home follow-up"),
        "citizen_services": ("Innbyggertjenester", "Citizen services"),
        "shared_infrastructure": ("Felles infrastruktur", "Shared infrastructure"),
    },
    "status": {
        "proposed": ("Foreslått", "Proposed"),
        "approved": ("Godkjent", "Approved"),
        "started": ("Igangsatt", "Started"),
        "completed": ("Fullført", "Completed"),
        "stopped": ("Stoppet", "Stopped"),
    },
    "risk": {"low": ("Lav", "Low"), "medium": ("Middels", "Medium"), "high": ("Høy", "High")},
    "cost_sharing": {
        "population": ("Befolkningsandel", "Population share"),
        "equal": ("Likt", "Equal"),
        "lead": ("Ansvarlig region betaler", "Lead region pays"),
        "custom": ("Egen fordeling", "Custom"),
    },
    "objective": {
        "npv": ("Netto nåverdi", "Net present value"),
        "benefit": ("Gevinst", "Benefit"),
        "earliest_completion": ("Tidligst ferdig", "Earliest completion"),
    },
    "benefit_type": {
        "efficiency": ("Effektivisering", "Efficiency"),
        "freed_capacity": ("Frigjort kapasitet", "Freed capacity"),
        "other_actors": ("Andre aktører", "Other actors"),
        "quality": ("Kvalitet", "Quality"),
    },
    "plan_status": {
        "optimal": ("optimal (bevist)", "optimal (proven)"),
        "time_limit": ("tidsgrense (ikke bevist)", "time limit (not proven)"),
        "work_limit": ("nodegrense (ikke bevist)", "node limit (not proven)"),
        "infeasible": ("ingen gjennomførbar plan", "infeasible"),
        "error": ("feil", "error"),
    },
    "change": {
        "added": ("lagt til", "added"),
        "dropped": ("tatt ut", "dropped"),
        "earlier": ("tidligere", "earlier"),
        "later": ("senere", "later"),
        "unchanged": ("uendret", "unchanged"),
    },
    "basis": {
        "execution": ("Hver periode i gjennomføring", "Every period of execution"),
        "go_live": ("Bare ved produksjonssetting", "Only at go-live"),
    },
}

CHART_TEXTS: dict[str, dict[str, str]] = {
    "roadmap": {
        "title": "Roadmap: initiatives in the plan",
        "x": "Year",
        "legend_area": "Area",
        "legend_region": "Lead region",
        "dependency": "Dependency",
        "started": "Hatched: started",
        "empty": "No initiatives in the plan",
        "start": "Start",
        "finish": "Finish",
        "cost": "Cost",
        "status": "Status",
    },
    "spend": {
        "title": "Spend against the investment envelope per funding pool and year",
        "x": "Year",
        "y": "MNOK",
        "spend": "Spend in the plan",
        "envelope": "Investment envelope",
        "over": "Over the envelope",
        "empty": "No plan to show",
    },
    "benefit": {
        "title": "Benefit curve: monetised benefit and investment per year",
        "x": "Year",
        "y": "MNOK per year",
        "benefit": "Benefit (monetised, undiscounted)",
        "investment": "Investment",
        "horizon_end": "End of horizon",
        "empty": "No plan to show",
    },
    "realisation": {
        "title": "Planned and realised",
        "x": "Year",
        "y": "MNOK per year",
        "planned": "Planned",
        "realised": "Realised",
        "reforecast": "Re-forecast",
        "planned_measured": "Planned for measured benefits",
        "as_of": "Measured up to {year}",
        "ratio_title": "Realised share of plan per benefit",
        "ratio_x": "Share of plan",
        "green": "green",
        "yellow": "yellow",
        "empty": "No benefits to show",
    },
    "stepwise": {
        "ladder_title": "Ambition ladder: net present value per level",
        "level": "Ambition level",
        "nested": "Nested plan",
        "alone": "Optimised alone",
        "investment": "Investment",
        "investment_axis": "Investment (MNOK)",
        "npv_axis": "Net present value (MNOK)",
        "npv_short": "NPV",
        "ladder_pool_title": "What each step up adds, per funding pool",
        "cost_axis": "Cost (MNOK)",
        "frontier_title": "Efficient frontier: {measure} against investment",
        "envelope_share": "Envelope",
        "optimiser": "Optimiser",
        "greedy": "Benefit/cost ranking",
        "measure_npv": "Net present value (MNOK)",
        "measure_benefit": "Total benefit, undiscounted (MNOK)",
        "measure_benefit_pv": "Present value of benefits (MNOK)",
        "compare_title": "Scenarios side by side",
        "kpis": "Key figures",
        "kpi_npv": "Net present value",
        "kpi_investment": "Investment",
        "kpi_benefit": "Total benefit",
        "compare_spend_title": "Spend against the investment envelope per funding pool and year",
        "envelope": "envelope",
        "per_year": "MNOK per year",
        "year": "Year",
        "steps_title": "Cost per step and funding pool",
        "step": "Step",
    },
    "envelope": {
        "title": "Investment envelopes per funding pool and year",
        "x": "Year",
        "y": "MNOK",
        "legend": "Funding pool",
        "empty": "No investment envelopes",
    },
}
"""English texts of the charts in ``planning.charts`` (chart -> key -> English); the bokmål is in the
catalogs (context ``CHART_TEXTS.chart.key``), the same as the charts' own Norwegian defaults."""
TEXTS.update(texts_uncertainty.TEXTS)
CHART_TEXTS.update(texts_uncertainty.CHART_TEXTS)
TEXTS.update(texts_robust.TEXTS)
CHART_TEXTS.update(texts_robust.CHART_TEXTS)
TEXTS.update(texts_core_index.TEXTS)
CHART_TEXTS.update(texts_core_index.CHART_TEXTS)
TEXTS.update(texts_ux.TEXTS)
TEXTS.update(texts_ux_b.TEXTS)
for _chart, _words in texts_ux_b.CHART_TEXTS.items():
    CHART_TEXTS.setdefault(_chart, {}).update(_words)

DEPENDENCY_FIGURE_EN = {
    "Avhengigheter mellom tiltak": "Dependencies between initiatives",
    "Trinn (rekkefølgen avhengighetene gir)": "Step (the order the dependencies give)",
    "Ferdig/stoppet": "Done/stopped",
    "Område": "Area",
    "Status": "Status",
    "Avhengighet": "Dependency",
    "Start-til-start": "Start-to-start",
    "Kritisk linje": "Critical path",
    "Andre avhengigheter": "Other dependencies",
    "Trinn": "Step",
}


def text(key: str, language: str = DEFAULT_LANGUAGE, /, **values: Any) -> str:
    """The text ``key`` in ``language``, formatted with ``values``; the key itself when unknown."""
    if values.get("n") == 1 and f"{key}.one" in TEXTS:  # the singular where the noun must agree: "1 rad"
        key = f"{key}.one"
    english = TEXTS.get(key)
    if not english:
        return key if english is None else english
    chosen = catalog(language).pgettext(key, english)  # bokmål from planning/locale/nb; the key is the context
    return chosen.format(**values) if values else chosen


def choose(pair: tuple[str, str], language: str = DEFAULT_LANGUAGE, /, **values: Any) -> str:
    """The bokmål or English text of ``pair`` for ``language``, formatted with ``values``."""
    chosen = pair[1] if language == "en" else pair[0]
    return chosen.format(**values) if values else chosen


def names(kind: str, language: str = DEFAULT_LANGUAGE, portfolio: Portfolio | None = None) -> dict[str, str]:
    """Display names of coded values of ``kind``; ``pool`` names come from ``portfolio``."""
    if kind == "pool":
        if portfolio is None:
            return {}
        return {str(i): f"{row['name']} ({i})" for i, row in portfolio.funding_pools.iterrows()}
    index = 1 if language == "en" else 0
    return {code: pair[index] for code, pair in NAMES[kind].items()}


def number(value: float, digits: int, language: str = DEFAULT_LANGUAGE) -> str:
    """``value`` with ``digits`` decimals, a narrow space between thousands and, in bokmål, a decimal comma
    (Babel's formatting of the language, with the mark between thousands the number cells read back)."""
    return locale_number(value, language, digits, group=SHOWN_GROUP_MARK)


def percent(share: float, digits: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A share (0.04) as a percentage ('4,0 %' in bokmål, '4.0 %' in English)."""
    return f"{number(100 * share, digits, language)} %"


def seconds(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """Seconds as short as they can be written ('1,5' or '30'), without the unit."""
    shown = decimal(value, "g")
    return locale_number(shown, language, group=SHOWN_GROUP_MARK) if isinstance(shown, Decimal) else shown


def stage(name: str, language: str = DEFAULT_LANGUAGE) -> str:
    """An optimiser progress stage ('Solving', or a line on the solver's progress) in ``language``."""
    return text(f"stage.{name}", language) if f"stage.{name}" in TEXTS else translate(name, language)


def chart_text(chart: str, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Texts for a chart in ``planning.charts`` in ``language``, from the catalogs (context
    ``CHART_TEXTS.chart.key``; the bokmål is the charts' own defaults, moved there unchanged)."""
    words = catalog(language)
    return {key: words.pgettext(f"CHART_TEXTS.{chart}.{key}", english) for key, english in CHART_TEXTS[chart].items()}


def translate_dependency_figure(figure: go.Figure, language: str) -> None:
    """Put the dependency figure's Norwegian titles, axis and legend into ``language``."""
    if language != "en":
        return
    english = (
        DEPENDENCY_FIGURE_EN
        | {v[0]: v[1] for v in NAMES["area"].values()}
        | {v[0]: v[1] for v in NAMES["status"].values()}
    )

    def swap(value: str) -> str:
        for nb, en in english.items():
            if value == nb or value.startswith(f"{nb}:") or value.startswith(f"{nb} "):
                return en + value[len(nb) :]
        return value

    layout = figure.layout
    if layout.title.text:
        figure.update_layout(title_text=swap(layout.title.text))
    if layout.legend.title.text:
        figure.update_layout(legend_title_text=swap(layout.legend.title.text))
    if layout.xaxis.title.text:
        figure.update_xaxes(title_text=swap(layout.xaxis.title.text))
    if layout.xaxis.ticktext:
        figure.update_xaxes(ticktext=[swap(t) for t in layout.xaxis.ticktext])
    figure.for_each_trace(lambda trace: trace.update(name=swap(trace.name)) if trace.name else None)
