"""The Behandling / Approval page's words in bokmål and English, and a decision case's refusals in both.

:data:`TEXTS` holds each word's English (key -> English); the bokmål is in the gettext catalog
``planning/locale/nb`` with the context ``case.KEY``. A refusal from :mod:`planning.approval`
(:class:`planning.approval.words.CaseError`) keeps its message key and values; :func:`case_error`
writes it in the reader's language from the catalog (context ``case_error.KEY``), with the
body's own name (not its English one) and the outcome in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planning.approval.bodies import Body
from planning.approval.words import CaseError
from planning.messages.render import catalog

TEXTS: dict[str, str] = {
    "intro": "Joint treatment of the plan: the IT directors' meeting recommends, the leaders' meeting treats, and the "
    "boards of the four regional health authorities each approve. The plan is the plan of record when all "
    "have approved the same version.",
    "no_cases": "No decision case has been opened yet.",
    "case": "Decision case",
    "case_label": "Case {id}: {title} – version {version}",
    "open_title": "Open a new decision case",
    "open_plan": "Stored plan",
    "plan_label": "Plan {id}: {scenario}, {when}{record}",
    "plan_of_record_mark": " (plan of record)",
    "open_title_field": "Title (optional)",
    "open": "Open case",
    "opened": "Case {id} is open.",
    "open_needs_plan": "No stored plan with a schedule yet: run a scenario on the Roadmap page first.",
    "cannot_prepare": "Only coordinators and administrators open cases and make new versions.",
    "version": "Version {number}: plan {plan} (scenario {scenario}), made {when} by {who}.",
    "reason": "Reason for a new version: {reason}",
    "state.in_treatment": "In treatment",
    "state.held_up": "Held up: a body returned or rejected the plan, or set a condition the plan does not hold",
    "state.approved": "Approved by every body",
    "record_this": "This version's plan is the plan of record.",
    "record_other": "Plan of record now: plan {plan}, approved by {who}.",
    "record_none": "No plan is the plan of record yet.",
    "inputs_changed": (
        "The data changed after version {number} was made. The decisions so far apply to that version; make a "
        "new version on the current data before more decisions are recorded."
    ),
    "revise": "Make a new version on the current data",
    "revise_reason": "Reason",
    "revised": "Version {number} is made; every body treats it again.",
    "stage": "Stage {stage}",
    "action.recommend": "recommends",
    "action.treat": "treats",
    "action.approve": "approves",
    "advisory": "advisory",
    "party.waiting": "Waiting for the stage before",
    "party.pending": "To be treated",
    "party.approved.recommend": "Recommended",
    "party.approved.treat": "Treated",
    "party.approved.approve": "Approved",
    "party.approved_with_conditions": "Approved with conditions",
    "party.condition_not_met": "Condition not met",
    "party.returned": "Returned",
    "party.rejected": "Rejected",
    "outcome.approved": "Approved / recommended / treated",
    "outcome.approved_with_conditions": "Approved with conditions",
    "outcome.returned": "Returned with comments",
    "outcome.rejected": "Rejected",
    "meeting": "{date}, {number}",
    "condition": "Condition: {text}",
    "holds": "The plan holds the condition: {pool} {year} spends {spend} of at most {limit} MNOK.",
    "fails": "The plan does not hold the condition: {pool} {year} spends {spend}, at most {limit} MNOK.",
    "record": "Record the decision of {body}",
    "outcome": "Outcome",
    "date": "Meeting date",
    "case_no": "Case number",
    "case_no_hint": "Sak 045-2026",
    "text": "Decision (vedtak)",
    "condition_text": "Condition (text)",
    "cap": "Veikart checks the condition on the own envelope",
    "cap_year": "Year",
    "cap_max": "At most (MNOK)",
    "save": "Record the decision",
    "recorded": "The decision of {body} is recorded.",
    "adopted": "Every body has approved: the plan is now the plan of record.",
    "not_yours": "Only the secretary of {body} (or an administrator) records its decision.",
    "consequence": "What the condition of {body} means",
    "consequence_npv": "{moves} initiatives move; net present value changes by {npv}.",
    "pays": "Change in what each region pays per year (MNOK)",
    "apply_condition": "Make a new version with the condition",
    "earlier": "Version {number} (plan {plan}): superseded",
    "earlier_summary": (
        "Against version {number} the current version moves {moves} initiatives; net present value changes by {npv}."
    ),
    "earlier_decisions": "Decisions on version {number}",
    "commitments": "Change in each region's commitment (MNOK)",
    "papers": "Board papers",
    "papers_intro": (
        "One board paper per board, in Norwegian: the region's commitments, the treatment so far and a "
        "proposed decision."
    ),
    "html": "{region}: HTML",
    "pdf": "{region}: PDF",
    "col.body": "Body",
    "col.pool": "Region",
    "col.total": "Total",
    "col.initiative": "Initiative",
    "col.change": "Change",
    "col.start_a": "Start before",
    "col.start_b": "Start after",
    "col.outcome": "Outcome",
    "col.date": "Meeting",
    "col.case_no": "Case no.",
    "col.text": "Decision",
}


def text(key: str, language: str, /, **values: Any) -> str:
    return catalog(language).pgettext(f"case.{key}", TEXTS[key]).format(**values)


def case_error(error: CaseError, bodies: Sequence[Body], language: str) -> str:
    """``error`` in ``language``: the catalog's words, dates the reader's way, bodies by their own name."""
    return error.told(language, {b.name_en: b.name for b in bodies})
